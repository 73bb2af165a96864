/* itogi-import.c: values from a CSV table, all or nothing
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-format.h"
#include "itogi-import.h"
#include "itogi-validate.h"

/* How much of a field a problem quotes: enough to find it, never a whole 100 000-character line. */
#define QUOTE_CHARS 60

static void
problem_free (ItogiImportProblem *p)
{
  g_free (p->message);
  g_free (p->sheet);
  g_free (p);
}

void
itogi_import_report_init (ItogiImportReport *report)
{
  memset (report, 0, sizeof *report);
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    report->map[c] = -1;
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)problem_free);
}

void
itogi_import_report_clear (ItogiImportReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
}

/* A field as a problem quotes it: cut short, control characters shown as «�». */
static char *
quote (const char *text)
{
  return itogi_text_excerpt (text, QUOTE_CHARS);
}

/* A problem of @row, in the field @f of its table (−1 for the whole row): told by the row's
 * own line (or sheet row) and column. */
G_GNUC_PRINTF (4, 5)
static void
row_problem (ItogiImportReport *report, const ItogiCsvRow *row, int f, const char *format, ...)
{
  ItogiImportProblem *p = g_new0 (ItogiImportProblem, 1);
  va_list args;

  p->line = row->line;
  p->column = f < 0 ? 0 : row->origin != NULL ? row->origin[f] : (guint)f + 1;
  p->sheet = g_strdup (row->sheet);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->problems, p);
}

/* «A», …, «Z», «AA»: a spreadsheet's name of the 1-based column @column. */
static char *
column_letters (guint column)
{
  char out[8];
  int i = G_N_ELEMENTS (out) - 1;

  out[i] = '\0';
  while (column > 0 && i > 0)
    {
      out[--i] = (char)('A' + (column - 1) % 26);
      column = (column - 1) / 26;
    }
  return g_strdup (out + i);
}

char *
itogi_import_problem_where (const ItogiImportProblem *p)
{
  if (p->line == 0)
    return g_strdup (_ ("The file"));
  if (p->sheet != NULL)
    {
      g_autofree char *letters = column_letters (p->column);
      /* Translators: where a problem is in a workbook: «Лист «Кадры», строка 3, столбец D» */
      return p->column > 0 ? g_strdup_printf (_ ("Sheet «%s», row %u, column %s"), p->sheet, p->line, letters)
                           : g_strdup_printf (_ ("Sheet «%s», row %u"), p->sheet, p->line);
    }
  return p->column > 0 ? g_strdup_printf (_ ("Line %u, column %u"), p->line, p->column)
                       : g_strdup_printf (_ ("Line %u"), p->line);
}

static char *
normalize (const char *s)
{
  g_autofree char *stripped = g_strstrip (g_strdup (s != NULL ? s : ""));
  return g_utf8_casefold (stripped, -1);
}

/* Header names people use, Russian and English. */
static const char *const column_names[ITOGI_IMPORT_N_COLUMNS][6] = {
  [ITOGI_IMPORT_COLUMN_AREA] = { "направление", "area", "раздел", NULL },
  [ITOGI_IMPORT_COLUMN_INDICATOR] = { "показатель", "indicator", NULL },
  [ITOGI_IMPORT_COLUMN_YEAR] = { "год", "year", NULL },
  [ITOGI_IMPORT_COLUMN_PERIOD] = { "период", "period", "месяц", "квартал", NULL },
  [ITOGI_IMPORT_COLUMN_VALUE] = { "значение", "value", "количество", "сумма", NULL },
  [ITOGI_IMPORT_COLUMN_NOTE] = { "примечание", "note", "пояснение", NULL },
  [ITOGI_IMPORT_COLUMN_AS_OF] = { "по состоянию на", "as of", "as_of", "дата", NULL },
};

gboolean
itogi_import_map_columns (const ItogiCsvTable *table, ItogiImportReport *report)
{
  const ItogiCsvRow *header = table->rows->pdata[0];
  static const ItogiImportColumn required[]
      = { ITOGI_IMPORT_COLUMN_INDICATOR, ITOGI_IMPORT_COLUMN_YEAR, ITOGI_IMPORT_COLUMN_VALUE };
  static const char *const required_names[] = { "Показатель", "Год", "Значение" };
  gboolean ok = TRUE;

  for (guint f = 0; !report->fixed_map && header->fields[f] != NULL; f++)
    {
      g_autofree char *name = normalize (header->fields[f]);
      for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
        for (int k = 0; column_names[c][k] != NULL; k++)
          if (strcmp (name, column_names[c][k]) == 0 && report->map[c] < 0)
            report->map[c] = (int)f;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (report->map[required[i]] < 0)
      {
        row_problem (report, header, -1, _ ("The header has no column «%s»."), required_names[i]);
        ok = FALSE;
      }
  return ok;
}

/* Month names as people type them (Russian) and as an English table says them; the same order. */
static const char *const month_names[][2] = {
  { "январь", "january" },  { "февраль", "february" }, { "март", "march" },
  { "апрель", "april" },    { "май", "may" },          { "июнь", "june" },
  { "июль", "july" },       { "август", "august" },    { "сентябрь", "september" },
  { "октябрь", "october" }, { "ноябрь", "november" },  { "декабрь", "december" },
};

static const char *const roman_quarters[] = { "i", "ii", "iii", "iv" };

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* One or two ASCII digits and nothing after them but blanks: the number, else −1. Longer runs
 * are refused rather than parsed, so that no overflow can turn «4294967297» into 1. */
static int
small_number (const char *p, const char **rest)
{
  int n = 0, digits = 0;

  while (g_ascii_isdigit (*p) && digits < 3)
    n = n * 10 + (*p++ - '0'), digits++;
  if (digits == 0 || digits > 2)
    return -1;
  *rest = skip_blanks (p);
  return n;
}

/* A quarter's number in Arabic or Roman figures («2», «II»), with @rest after it. */
static int
quarter_number (const char *p, const char **rest)
{
  int n = small_number (p, rest);

  if (n >= 0)
    return n;
  /* Longest first, so that «iii» is not read as «i» followed by «ii». */
  for (int q = G_N_ELEMENTS (roman_quarters) - 1; q >= 0; q--)
    {
      gsize len = strlen (roman_quarters[q]);
      if (strncmp (p, roman_quarters[q], len) == 0 && (p[len] == '\0' || p[len] == ' ' || p[len] == '\t'))
        {
          *rest = skip_blanks (p + len);
          return q + 1;
        }
    }
  return -1;
}

static gboolean
is_quarter_word (const char *p)
{
  return strcmp (p, "квартал") == 0 || strcmp (p, "кв") == 0 || strcmp (p, "кв.") == 0;
}

gboolean
itogi_import_parse_period (const char *text, ItogiPeriodType *period, int *index)
{
  g_autofree char *s = NULL;
  const char *rest = NULL;
  int n;

  *period = ITOGI_PERIOD_YEAR;
  *index = 0;
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    return FALSE;
  s = normalize (text);
  if (*s == '\0' || strcmp (s, "год") == 0 || strcmp (s, "year") == 0 || strcmp (s, "y") == 0)
    return TRUE;

  /* «Q2», «M3» */
  if ((s[0] == 'q' || s[0] == 'm') && (n = small_number (skip_blanks (s + 1), &rest)) >= 0 && *rest == '\0')
    {
      *period = s[0] == 'q' ? ITOGI_PERIOD_QUARTER : ITOGI_PERIOD_MONTH;
      *index = n;
      return (*period == ITOGI_PERIOD_QUARTER && n >= 1 && n <= 4)
             || (*period == ITOGI_PERIOD_MONTH && n >= 1 && n <= 12);
    }
  /* «Quarter II», as the English interface names it */
  if (g_str_has_prefix (s, "quarter ") && (n = quarter_number (skip_blanks (s + 8), &rest)) >= 1 && n <= 4
      && *rest == '\0')
    {
      *period = ITOGI_PERIOD_QUARTER;
      *index = n;
      return TRUE;
    }
  /* «3» is March; «2 квартал», «II квартал», «2 кв.» a quarter */
  if ((n = quarter_number (s, &rest)) >= 0)
    {
      if (*rest == '\0' && g_ascii_isdigit (s[0]) && n >= 1 && n <= 12)
        {
          *period = ITOGI_PERIOD_MONTH;
          *index = n;
          return TRUE;
        }
      if (is_quarter_word (rest) && n >= 1 && n <= 4)
        {
          *period = ITOGI_PERIOD_QUARTER;
          *index = n;
          return TRUE;
        }
      return FALSE;
    }
  for (int m = 0; m < 12; m++)
    if (strcmp (s, month_names[m][0]) == 0 || strcmp (s, month_names[m][1]) == 0)
      {
        *period = ITOGI_PERIOD_MONTH;
        *index = m + 1;
        return TRUE;
      }
  return FALSE;
}

/* Exactly @count ASCII digits (or, with @at_least_one, one to @count) as a number; −1 otherwise. */
static int
date_part (const char **p, int count, gboolean at_least_one)
{
  int n = 0, digits = 0;

  while (g_ascii_isdigit (**p) && digits < count)
    n = n * 10 + (*(*p)++ - '0'), digits++;
  if (g_ascii_isdigit (**p) || digits == 0 || (!at_least_one && digits != count))
    return -1;
  return n;
}

char *
itogi_import_parse_date (const char *text)
{
  g_autofree char *s = NULL;
  const char *p;
  int d, m, y;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  s = g_strstrip (g_strdup (text));
  p = s;
  /* Digits counted, never scanned with %d: an overflowing number must not wrap into a date. */
  if ((d = date_part (&p, 2, TRUE)) >= 0 && *p == '.')
    {
      p++;
      m = date_part (&p, 2, TRUE);
      if (m < 0 || *p++ != '.')
        return NULL;
      y = date_part (&p, 4, FALSE);
    }
  else
    {
      p = s;
      y = date_part (&p, 4, FALSE);
      if (y < 0 || *p++ != '-')
        return NULL;
      m = date_part (&p, 2, TRUE);
      if (m < 0 || *p++ != '-')
        return NULL;
      d = date_part (&p, 2, TRUE);
    }
  if (d < 0 || m < 0 || y < 0 || *p != '\0')
    return NULL;
  if (y < 1900 || y > 2200 || !g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

typedef struct
{
  ItogiIndicator *indicator;
  int year;
  ItogiPeriodType period;
  int index;
  ItogiValue value;
} Pending;

static void
pending_free (Pending *p)
{
  itogi_value_clear (&p->value);
  g_free (p);
}

static const char *
field (const ItogiCsvRow *row, const ItogiImportReport *report, ItogiImportColumn c)
{
  return report->map[c] >= 0 ? row->fields[report->map[c]] : NULL;
}

gboolean
itogi_import_csv (ItogiStore *store, const ItogiCsvTable *table, gboolean dry_run, ItogiImportReport *report,
                  GError **error)
{
  return itogi_import_csv_with (store, table, dry_run, report, NULL, error);
}

/* Told every so many rows: often enough for a bar to move, seldom enough to cost nothing. */
#define PROGRESS_EVERY 1024

typedef struct
{
  gint64 area_id;
  int year;
  char *text;
  gboolean done;
  gint64 existing; /* the same task already in the database, or 0: it is added */
} PendingTask;

static void
pending_task_free (PendingTask *t)
{
  g_free (t->text);
  g_free (t);
}

/* «да», «нет», empty: whether a task is done, as the workbook says it; FALSE when it is neither. */
static gboolean
parse_done (const char *text, gboolean *done)
{
  static const char *const yes[] = { "да", "yes", "1", "true", "+", "выполнено", "выполнена", "\u2713" };
  static const char *const no[] = { "", "нет", "no", "0", "false", "-", "\u2013", "не выполнено" };
  g_autofree char *n = normalize (text);

  for (gsize i = 0; i < G_N_ELEMENTS (yes); i++)
    if (strcmp (n, yes[i]) == 0)
      return *done = TRUE, TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (no); i++)
    if (strcmp (n, no[i]) == 0)
      return *done = FALSE, TRUE;
  return FALSE;
}

/* The rows of a tasks table checked, each problem told by its sheet, row and column; the good
 * ones in @pending, those that would change nothing left out. FALSE when the database fails. */
static gboolean
check_tasks (ItogiStore *store, const ItogiCsvTable *tasks, GHashTable *area_names, ItogiImportReport *report,
             GPtrArray *pending, GError **error)
{
  g_autoptr (GHashTable) existing
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 1; r < tasks->rows->len; r++)
    {
      const ItogiCsvRow *row = tasks->rows->pdata[r];
      const char *const *f = (const char *const *)row->fields;
      g_autofree char *area_name = normalize (f[ITOGI_IMPORT_TASK_AREA]);
      g_autofree char *year_text = g_strstrip (g_strdup (f[ITOGI_IMPORT_TASK_YEAR]));
      g_autofree char *text = NULL;
      g_autofree char *key = NULL;
      g_autoptr (GError) text_error = NULL;
      const ItogiArea *area = NULL;
      GPtrArray *known;
      gint64 year = 0;
      gboolean done = FALSE;
      guint n_problems = report->problems->len;

      if (*area_name == '\0')
        row_problem (report, row, ITOGI_IMPORT_TASK_AREA, "%s",
                     _ ("The task does not say which area it is for."));
      else if ((area = g_hash_table_lookup (area_names, area_name)) == NULL)
        {
          g_autofree char *shown = quote (f[ITOGI_IMPORT_TASK_AREA]);
          row_problem (report, row, ITOGI_IMPORT_TASK_AREA, _ ("There is no activity area «%s»."), shown);
        }
      if (!g_ascii_string_to_signed (year_text, 10, 1900, 2200, &year, NULL))
        {
          g_autofree char *shown = quote (f[ITOGI_IMPORT_TASK_YEAR]);
          row_problem (report, row, ITOGI_IMPORT_TASK_YEAR, _ ("«%s» is not a year between 1900 and 2200."),
                       shown);
        }
      text = itogi_text_validate (ITOGI_TEXT_TASK, f[ITOGI_IMPORT_TASK_TEXT], &text_error);
      if (text == NULL)
        row_problem (report, row, ITOGI_IMPORT_TASK_TEXT, "%s", text_error->message);
      if (!parse_done (f[ITOGI_IMPORT_TASK_DONE], &done))
        {
          g_autofree char *shown = quote (f[ITOGI_IMPORT_TASK_DONE]);
          row_problem (report, row, ITOGI_IMPORT_TASK_DONE, _ ("«%s» is neither «да» nor «нет»."), shown);
        }
      if (report->problems->len > n_problems)
        continue;

      /* The same task twice in one file is a mistake, not a correction. */
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%d:%s", area->id, (int)year, text);
      if (g_hash_table_contains (seen, key))
        {
          const ItogiCsvRow *first = g_hash_table_lookup (seen, key);
          row_problem (report, row, -1, _ ("This task is already given on sheet «%s», row %u."),
                       first->sheet != NULL ? first->sheet : "", first->line);
          continue;
        }
      g_hash_table_insert (seen, g_strdup (key), (gpointer)row);

      {
        g_autofree char *list_key = g_strdup_printf ("%" G_GINT64_FORMAT ":%d", area->id, (int)year);
        known = g_hash_table_lookup (existing, list_key);
        if (known == NULL)
          {
            known = itogi_store_list_tasks (store, area->id, (int)year, error);
            if (known == NULL)
              return FALSE;
            g_hash_table_insert (existing, g_steal_pointer (&list_key), known);
          }
      }
      {
        PendingTask *t = g_new0 (PendingTask, 1);
        gboolean same = FALSE;

        t->area_id = area->id;
        t->year = (int)year;
        t->done = done;
        for (guint k = 0; k < known->len; k++)
          {
            const ItogiTask *old = known->pdata[k];
            if (strcmp (old->text, text) == 0)
              {
                t->existing = old->id;
                same = old->done == done;
                break;
              }
          }
        t->text = g_steal_pointer (&text);
        /* Exported and read back: nothing to do. */
        if (same)
          pending_task_free (t);
        else
          g_ptr_array_add (pending, t);
      }
    }
  return TRUE;
}

/* A task added, or its «done» set, within the import's step. */
static gboolean
write_task (ItogiStore *store, const PendingTask *t, GError **error)
{
  gint64 id = t->existing;

  if (id == 0)
    {
      id = itogi_store_add_task (store, t->area_id, t->year, t->text, error);
      if (id == 0)
        return FALSE;
      if (!t->done)
        return TRUE;
    }
  return itogi_store_update_task (store, id, t->text, t->done, error);
}

gboolean
itogi_import_csv_with (ItogiStore *store, const ItogiCsvTable *table, gboolean dry_run,
                       ItogiImportReport *report, const ItogiProgress *progress, GError **error)
{
  return itogi_import_rows_with (store, table, NULL, dry_run, report, progress, error);
}

gboolean
itogi_import_rows_with (ItogiStore *store, const ItogiCsvTable *table, const ItogiCsvTable *tasks,
                        gboolean dry_run, ItogiImportReport *report, const ItogiProgress *progress,
                        GError **error)
{
  guint total = dry_run ? table->rows->len : 2 * table->rows->len;
  g_autoptr (GPtrArray) pending_tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)pending_task_free);
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) indicators = NULL;
  g_autoptr (GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify)pending_free);
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) area_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_fields = g_strv_length (((ItogiCsvRow *)table->rows->pdata[0])->fields);

  if (!itogi_import_map_columns (table, report))
    return FALSE;
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    if (report->map[c] >= (int)n_fields)
      {
        row_problem (report, table->rows->pdata[0], -1,
                     _ ("Column %d is not in the file: it has fewer columns."), report->map[c] + 1);
        return FALSE;
      }

  areas = itogi_store_list_areas (store, TRUE, error);
  indicators = areas != NULL ? itogi_store_list_indicators (store, 0, TRUE, error) : NULL;
  if (indicators == NULL)
    return FALSE;
  /* Areas by slug, title and tab label; indicators by «area/slug», slug and title, within their
   * area (key «area-id|name») and alone (key «|name», NULL when two areas share it). */
  for (guint a = 0; a < areas->len; a++)
    {
      ItogiArea *area = areas->pdata[a];
      const char *names[] = { area->slug, area->title, area->short_title };
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        g_hash_table_insert (area_names, normalize (names[k]), area);
    }
  for (guint i = 0; i < indicators->len; i++)
    {
      ItogiIndicator *ind = indicators->pdata[i];
      const ItogiArea *area = NULL;
      for (guint a = 0; a < areas->len && area == NULL; a++)
        if (((ItogiArea *)areas->pdata[a])->id == ind->area_id)
          area = areas->pdata[a];
      if (area == NULL)
        continue;
      {
        g_autofree char *full = g_strdup_printf ("%s/%s", area->slug, ind->slug);
        const char *names[] = { full, ind->slug, ind->title };
        for (guint k = 0; k < G_N_ELEMENTS (names); k++)
          {
            g_autofree char *name = normalize (names[k]);
            char *scoped = g_strdup_printf ("%" G_GINT64_FORMAT "|%s", ind->area_id, name);
            char *alone = g_strdup_printf ("|%s", name);
            g_hash_table_insert (by_name, scoped, ind);
            if (g_hash_table_contains (by_name, alone) && g_hash_table_lookup (by_name, alone) != ind)
              g_hash_table_insert (by_name, alone, NULL);
            else
              g_hash_table_insert (by_name, alone, ind);
          }
      }
    }

  for (guint r = 1; r < table->rows->len; r++)
    {
      const ItogiCsvRow *row;
      const char *area_text = NULL, *ind_text, *year_text, *value_text, *period_text, *as_of_text;
      ItogiIndicator *ind = NULL;
      const ItogiArea *area = NULL;
      g_autoptr (GError) parse_error = NULL;
      g_autofree char *key = NULL;
      g_autofree char *note = NULL;
      g_autoptr (GError) note_error = NULL;
      const char *note_text;
      Pending *p;
      gint64 year = 0;
      guint n_problems = report->problems->len;

      if (r % PROGRESS_EVERY == 0 && !itogi_progress_step (progress, r, total, error))
        {
          report->values = 0;
          return FALSE;
        }
      row = table->rows->pdata[r];
      report->rows++;
      if (g_strv_length (row->fields) != n_fields)
        {
          row_problem (report, row, -1, _ ("The row has %u fields; the header has %u."),
                       g_strv_length (row->fields), n_fields);
          continue;
        }
      area_text = field (row, report, ITOGI_IMPORT_COLUMN_AREA);
      ind_text = field (row, report, ITOGI_IMPORT_COLUMN_INDICATOR);
      year_text = field (row, report, ITOGI_IMPORT_COLUMN_YEAR);
      value_text = field (row, report, ITOGI_IMPORT_COLUMN_VALUE);
      period_text = field (row, report, ITOGI_IMPORT_COLUMN_PERIOD);
      as_of_text = field (row, report, ITOGI_IMPORT_COLUMN_AS_OF);

      {
        g_autofree char *area_name = normalize (area_text);
        gboolean area_unknown = FALSE;

        if (*area_name != '\0')
          {
            area = g_hash_table_lookup (area_names, area_name);
            area_unknown = area == NULL;
            if (area_unknown)
              {
                g_autofree char *shown = quote (area_text);
                row_problem (report, row, report->map[ITOGI_IMPORT_COLUMN_AREA],
                             _ ("There is no activity area «%s»."), shown);
              }
          }
        /* An unknown area already said what is wrong with the row's indicator. */
        if (!area_unknown)
          {
            g_autofree char *name = normalize (ind_text);
            g_autofree char *lookup = area != NULL
                                          ? g_strdup_printf ("%" G_GINT64_FORMAT "|%s", area->id, name)
                                          : g_strdup_printf ("|%s", name);
            g_autofree char *shown = quote (ind_text);
            ind = g_hash_table_lookup (by_name, lookup);
            if (ind == NULL)
              row_problem (report, row, report->map[ITOGI_IMPORT_COLUMN_INDICATOR],
                           g_hash_table_contains (by_name, lookup)
                               ? _ ("«%s» names indicators in several areas: give the area too.")
                               : _ ("There is no indicator «%s»."),
                           shown);
          }
      }
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (year_text));
        g_autofree char *shown = quote (year_text);
        if (!g_ascii_string_to_signed (trimmed, 10, 1900, 2200, &year, NULL))
          row_problem (report, row, report->map[ITOGI_IMPORT_COLUMN_YEAR],
                       _ ("«%s» is not a year between 1900 and 2200."), shown);
      }

      p = g_new0 (Pending, 1);
      if (!itogi_import_parse_period (period_text, &p->period, &p->index))
        {
          g_autofree char *shown = quote (period_text);
          row_problem (report, row, report->map[ITOGI_IMPORT_COLUMN_PERIOD],
                       _ ("«%s» is not a period: use «год», Q1…Q4 or a month (1…12 or its name)."), shown);
        }
      if (ind != NULL)
        {
          p->value.present = TRUE;
          if (!itogi_parse_value (value_text, ind->kind, ind->scale, &p->value.amount, &p->value.qualifier,
                                  &parse_error))
            row_problem (report, row, report->map[ITOGI_IMPORT_COLUMN_VALUE], "%s", parse_error->message);
        }
      if (as_of_text != NULL && *as_of_text != '\0')
        {
          p->value.as_of = itogi_import_parse_date (as_of_text);
          if (p->value.as_of == NULL)
            {
              g_autofree char *shown = quote (as_of_text);
              row_problem (report, row, report->map[ITOGI_IMPORT_COLUMN_AS_OF],
                           _ ("«%s» is not a date: write it as 31.12.2023."), shown);
            }
        }
      /* The store's own rule for notes, checked here so that the problem has its line. */
      note_text = field (row, report, ITOGI_IMPORT_COLUMN_NOTE);
      if (note_text != NULL)
        {
          note = itogi_text_validate (ITOGI_TEXT_NOTE, note_text, &note_error);
          if (note == NULL)
            row_problem (report, row, report->map[ITOGI_IMPORT_COLUMN_NOTE], "%s", note_error->message);
        }
      p->value.note = g_steal_pointer (&note);
      p->indicator = ind;
      p->year = (int)year;

      if (report->problems->len > n_problems)
        {
          pending_free (p);
          continue;
        }
      /* The same figure twice in one file is a mistake, not a correction. */
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%d:%d:%d", ind->id, p->year, p->period, p->index);
      if (g_hash_table_contains (seen, key))
        {
          const ItogiCsvRow *first = g_hash_table_lookup (seen, key);

          /* Told where the first is, in the file's own terms: a line, or a sheet's row. */
          if (first->sheet != NULL)
            row_problem (report, row, -1, _ ("This figure is already given on sheet «%s», row %u."),
                         first->sheet, first->line);
          else
            row_problem (report, row, -1, _ ("This figure is already given on line %u."), first->line);
          pending_free (p);
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), (gpointer)row);
      g_ptr_array_add (pending, p);
    }

  if (tasks != NULL && !check_tasks (store, tasks, area_names, report, pending_tasks, error))
    return FALSE;

  if (report->problems->len > 0)
    return FALSE;
  report->values = pending->len;
  report->tasks = pending_tasks->len;
  if (dry_run || (pending->len == 0 && pending_tasks->len == 0))
    return TRUE;

  /* One step: every value lands, or none does; and the whole import can be undone at once. */
  report->step = itogi_store_begin_step (
      store, report->step_title != NULL ? report->step_title : _ ("Import from CSV"), error);
  if (report->step == 0)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = pending->pdata[i];
      if ((i % PROGRESS_EVERY == 0
           && !itogi_progress_step (progress,
                                    table->rows->len + (guint)((guint64)i * table->rows->len / pending->len),
                                    total, error))
          || !itogi_store_set_value (store, p->indicator->id, p->year, p->period, p->index, &p->value, error))
        {
          itogi_store_rollback_step (store);
          report->values = 0;
          report->tasks = 0;
          report->step = 0;
          return FALSE;
        }
    }
  for (guint i = 0; i < pending_tasks->len; i++)
    if (!write_task (store, pending_tasks->pdata[i], error))
      {
        itogi_store_rollback_step (store);
        report->values = 0;
        report->tasks = 0;
        report->step = 0;
        return FALSE;
      }
  if (!itogi_store_commit_step (store, error))
    {
      report->values = 0;
      report->tasks = 0;
      report->step = 0;
      return FALSE;
    }
  return TRUE;
}

/* ---- a workbook's sheets ---- */

/* «2023 г.», «2023 г», «2023»: the year a column heading names, or 0. */
static int
year_heading (const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  gint64 year = 0;
  char *end = s;

  while (g_ascii_isdigit (*end))
    end++;
  if (end - s != 4)
    return 0;
  if (*end != '\0' && strcmp (end, " г.") != 0 && strcmp (end, " г") != 0 && strcmp (end, "г.") != 0
      && strcmp (end, "\u00a0г.") != 0)
    return 0;
  *end = '\0';
  if (!g_ascii_string_to_signed (s, 10, 1900, 2200, &year, NULL))
    return 0;
  return (int)year;
}

/* The field of @row that is the heading @name (normalised), or −1. */
static int
find_heading (const ItogiCsvRow *row, const char *name)
{
  for (guint f = 0; row->fields[f] != NULL; f++)
    {
      g_autofree char *n = normalize (row->fields[f]);
      if (strcmp (n, name) == 0)
        return (int)f;
    }
  return -1;
}

static void
add_canonical (ItogiCsvTable *all, const ItogiCsvRow *from, const char *const texts[ITOGI_IMPORT_N_COLUMNS],
               const int fields[ITOGI_IMPORT_N_COLUMNS])
{
  GStrv out = g_new0 (char *, ITOGI_IMPORT_N_COLUMNS + 1);
  guint *origin = g_new0 (guint, ITOGI_IMPORT_N_COLUMNS);
  ItogiCsvRow *row;

  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    {
      out[c] = g_strdup (texts[c] != NULL ? texts[c] : "");
      origin[c] = fields[c] < 0 ? 0 : from->origin != NULL ? from->origin[fields[c]] : (guint)fields[c] + 1;
    }
  row = itogi_csv_table_add_row (all, from->line, out, origin);
  row->sheet = from->sheet != NULL ? g_intern_string (from->sheet) : NULL;
}

/* A sheet with the CSV import's columns: each row as it is. */
static void
add_template_rows (ItogiCsvTable *all, const ItogiCsvTable *sheet, const ItogiImportReport *mapped)
{
  for (guint r = 1; r < sheet->rows->len; r++)
    {
      const ItogiCsvRow *row = sheet->rows->pdata[r];
      const char *texts[ITOGI_IMPORT_N_COLUMNS] = { 0 };
      guint n = g_strv_length (row->fields);

      for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
        texts[c] = mapped->map[c] >= 0 && (guint)mapped->map[c] < n ? row->fields[mapped->map[c]] : NULL;
      add_canonical (all, row, texts, mapped->map);
    }
}

/* A sheet in the layout of Itogi's own workbook: a header row with «Показатель» and year columns,
 * the area named by an «Направление» column (carried down past its empty cells) or else by the
 * sheet's title («Area title: 2023 г. к 2022 г.») or name. Each figure becomes a row of its own.
 * FALSE when the sheet is not in that layout. */
static gboolean
add_own_rows (ItogiCsvTable *all, const ItogiCsvTable *sheet, gboolean with_area_column)
{
  guint h;
  int ind = -1, area_col = -1, years[64], year_fields[64];
  guint n_years = 0;
  g_autofree char *area = NULL;

  for (h = 0; h < MIN (sheet->rows->len, 5); h++)
    {
      const ItogiCsvRow *row = sheet->rows->pdata[h];
      ind = find_heading (row, "показатель");
      n_years = 0;
      for (guint f = 0; ind >= 0 && row->fields[f] != NULL && n_years < G_N_ELEMENTS (years); f++)
        if ((years[n_years] = year_heading (row->fields[f])) > 0)
          year_fields[n_years++] = (int)f;
      if (ind >= 0 && n_years > 0)
        break;
    }
  if (h >= MIN (sheet->rows->len, 5))
    return FALSE;
  area_col = find_heading (sheet->rows->pdata[h], "направление");
  if ((area_col >= 0) != with_area_column)
    return FALSE;
  if (area_col < 0)
    {
      /* The title row above the header, «Контроль исполнения документов: 2023 г. к 2022 г.». */
      const char *title = h > 0 ? ((ItogiCsvRow *)sheet->rows->pdata[0])->fields[0] : NULL;
      const char *cut = title != NULL ? g_strrstr (title, ": ") : NULL;

      area = cut != NULL ? g_strndup (title, cut - title) : g_strdup (sheet->sheet);
    }
  for (guint r = h + 1; r < sheet->rows->len; r++)
    {
      const ItogiCsvRow *row = sheet->rows->pdata[r];
      guint n = g_strv_length (row->fields);
      const char *indicator = (guint)ind < n ? row->fields[ind] : "";

      /* (A merged cell of the area's name is empty on the rows after its first.) */
      if (area_col >= 0 && (guint)area_col < n)
        {
          g_autofree char *named = g_strstrip (g_strdup (row->fields[area_col]));
          if (*named != '\0')
            {
              g_free (area);
              area = g_steal_pointer (&named);
            }
        }
      if (*indicator == '\0')
        continue;
      for (guint y = 0; y < n_years; y++)
        {
          g_autofree char *year = g_strdup_printf ("%d", years[y]);
          const char *texts[ITOGI_IMPORT_N_COLUMNS] = { 0 };
          int fields[ITOGI_IMPORT_N_COLUMNS] = { -1, -1, -1, -1, -1, -1, -1 };

          if ((guint)year_fields[y] >= n || *row->fields[year_fields[y]] == '\0')
            continue;
          texts[ITOGI_IMPORT_COLUMN_AREA] = area;
          texts[ITOGI_IMPORT_COLUMN_INDICATOR] = indicator;
          texts[ITOGI_IMPORT_COLUMN_YEAR] = year;
          texts[ITOGI_IMPORT_COLUMN_VALUE] = row->fields[year_fields[y]];
          fields[ITOGI_IMPORT_COLUMN_AREA] = area_col;
          fields[ITOGI_IMPORT_COLUMN_INDICATOR] = ind;
          fields[ITOGI_IMPORT_COLUMN_VALUE] = year_fields[y];
          add_canonical (all, row, texts, fields);
        }
    }
  return TRUE;
}

/* A year named in @text («Задачи на 2024 год», «2024»), or 0. */
static int
year_in (const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3])
        && !g_ascii_isdigit (p[4]) && (p == text || !g_ascii_isdigit (p[-1])))
      {
        int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        if (year >= 1900 && year <= 2200)
          return year;
      }
  return 0;
}

static int
find_any_heading (const ItogiCsvRow *row, const char *a, const char *b)
{
  int f = find_heading (row, a);
  return f >= 0 ? f : find_heading (row, b);
}

ItogiCsvTable *
itogi_import_workbook_tasks (GPtrArray *sheets, ItogiImportReport *report)
{
  g_autoptr (ItogiCsvTable) all = itogi_csv_table_new (NULL);
  static const char *const header[ITOGI_IMPORT_TASK_N_COLUMNS + 1]
      = { "Направление", "Год", "Задача", "Выполнено", NULL };
  gboolean any = FALSE;

  itogi_csv_table_add_row (all, 1, g_strdupv ((char **)header), NULL);
  for (guint s = 0; s < sheets->len; s++)
    {
      const ItogiCsvTable *sheet = sheets->pdata[s];
      int cols[ITOGI_IMPORT_TASK_N_COLUMNS] = { -1, -1, -1, -1 };
      g_autofree char *sheet_year = NULL;
      guint h;

      if (sheet->hidden)
        continue;
      for (h = 0; h < MIN (sheet->rows->len, 5); h++)
        {
          const ItogiCsvRow *row = sheet->rows->pdata[h];
          cols[ITOGI_IMPORT_TASK_TEXT] = find_any_heading (row, "задача", "task");
          cols[ITOGI_IMPORT_TASK_AREA] = find_any_heading (row, "направление", "area");
          if (cols[ITOGI_IMPORT_TASK_TEXT] >= 0 && cols[ITOGI_IMPORT_TASK_AREA] >= 0
              && find_any_heading (row, "показатель", "indicator") < 0)
            break;
        }
      if (h >= MIN (sheet->rows->len, 5))
        continue;
      any = TRUE;
      cols[ITOGI_IMPORT_TASK_YEAR] = find_any_heading (sheet->rows->pdata[h], "год", "year");
      cols[ITOGI_IMPORT_TASK_DONE] = find_any_heading (sheet->rows->pdata[h], "выполнено", "done");
      if (cols[ITOGI_IMPORT_TASK_YEAR] < 0)
        {
          /* «Задачи на 2024 год» above the header, or the sheet's name. */
          int year = h > 0 ? year_in (((ItogiCsvRow *)sheet->rows->pdata[0])->fields[0]) : 0;
          if (year == 0)
            year = year_in (sheet->sheet);
          if (year == 0)
            {
              row_problem (report, sheet->rows->pdata[h], -1,
                           _ ("The tasks on this sheet are for no year: give it the title «Задачи на 2025 "
                              "год», or a column «Год»."));
              continue;
            }
          sheet_year = g_strdup_printf ("%d", year);
        }
      for (guint r = h + 1; r < sheet->rows->len; r++)
        {
          const ItogiCsvRow *row = sheet->rows->pdata[r];
          guint n = g_strv_length (row->fields);
          GStrv out = g_new0 (char *, ITOGI_IMPORT_TASK_N_COLUMNS + 1);
          guint *origin = g_new0 (guint, ITOGI_IMPORT_TASK_N_COLUMNS);
          gboolean blank = TRUE;
          ItogiCsvRow *added;

          for (int c = 0; c < ITOGI_IMPORT_TASK_N_COLUMNS; c++)
            {
              const char *text = cols[c] >= 0 && (guint)cols[c] < n ? row->fields[cols[c]] : NULL;
              if (c == ITOGI_IMPORT_TASK_YEAR && cols[c] < 0)
                text = sheet_year;
              out[c] = g_strdup (text != NULL ? text : "");
              origin[c] = cols[c] < 0 ? 0 : row->origin != NULL ? row->origin[cols[c]] : (guint)cols[c] + 1;
              if ((c == ITOGI_IMPORT_TASK_AREA || c == ITOGI_IMPORT_TASK_TEXT) && text != NULL)
                {
                  g_autofree char *t = g_strstrip (g_strdup (text));
                  blank &= *t == '\0';
                }
            }
          if (blank)
            {
              g_strfreev (out);
              g_free (origin);
              continue;
            }
          added = itogi_csv_table_add_row (all, row->line, out, origin);
          added->sheet = row->sheet != NULL ? g_intern_string (row->sheet) : NULL;
        }
    }
  return any ? g_steal_pointer (&all) : NULL;
}

ItogiCsvTable *
itogi_import_workbook_table (GPtrArray *sheets, ItogiImportReport *report)
{
  return itogi_import_workbook_figures (sheets, report, FALSE);
}

ItogiCsvTable *
itogi_import_workbook_figures (GPtrArray *sheets, ItogiImportReport *report, gboolean none_ok)
{
  g_autoptr (ItogiCsvTable) all = itogi_csv_table_new (NULL);
  static const char *const header[ITOGI_IMPORT_N_COLUMNS + 1]
      = { "Направление", "Показатель", "Год", "Период", "Значение", "Примечание", "По состоянию на", NULL };
  gboolean any = FALSE;

  itogi_csv_table_add_row (all, 1, g_strdupv ((char **)header), NULL);
  /* Per-area sheets first; a summary of all areas (an «Направление» column) only when there are
   * none, or every figure would come twice. */
  for (int pass = 0; pass < 2 && !any; pass++)
    for (guint s = 0; s < sheets->len; s++)
      {
        const ItogiCsvTable *sheet = sheets->pdata[s];
        ItogiImportReport mapped;

        if (sheet->hidden || sheet->rows->len == 0)
          continue;
        itogi_import_report_init (&mapped);
        if (pass == 0 && itogi_import_map_columns (sheet, &mapped))
          {
            add_template_rows (all, sheet, &mapped);
            any = TRUE;
          }
        else if (add_own_rows (all, sheet, pass == 1))
          any = TRUE;
        itogi_import_report_clear (&mapped);
      }
  if (!any && !none_ok)
    {
      ItogiImportProblem *p = g_new0 (ItogiImportProblem, 1);

      /* The whole file, not a sheet's row: line 0. */
      p->line = 0;
      p->message
          = g_strdup (_ ("No sheet of the workbook has figures or tasks to import: a sheet needs a "
                         "header row with «Показатель», «Год» and «Значение», or the layout of Itogi’s "
                         "own workbook, or for tasks a header row with «Направление» and «Задача»."));
      g_ptr_array_add (report->problems, p);
      return NULL;
    }
  return g_steal_pointer (&all);
}

gboolean
itogi_import_workbook_with (ItogiStore *store, GPtrArray *sheets, gboolean dry_run, ItogiImportReport *report,
                            const ItogiProgress *progress, GError **error)
{
  g_autoptr (ItogiCsvTable) tasks = itogi_import_workbook_tasks (sheets, report);
  g_autoptr (ItogiCsvTable) all = NULL;

  if (report->problems->len > 0)
    return FALSE;
  all = itogi_import_workbook_figures (sheets, report, tasks != NULL);
  if (all == NULL)
    return FALSE;
  report->fixed_map = TRUE;
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    report->map[c] = c;
  if (report->step_title == NULL)
    report->step_title = _ ("Import from Excel");
  return itogi_import_rows_with (store, all, tasks, dry_run, report, progress, error);
}
