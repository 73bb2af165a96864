/* itogi-import.c: values from a CSV table, all or nothing
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itogi-format.h"
#include "itogi-import.h"

static void
problem_free (ItogiImportProblem *p)
{
  g_free (p->message);
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

G_GNUC_PRINTF (4, 5)
static void
problem (ItogiImportReport *report, guint line, guint column, const char *format, ...)
{
  ItogiImportProblem *p = g_new0 (ItogiImportProblem, 1);
  va_list args;

  p->line = line;
  p->column = column;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->problems, p);
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
        problem (report, header->line, 0, _ ("The header has no column «%s»."), required_names[i]);
        ok = FALSE;
      }
  return ok;
}

static const char *const month_names[] = { "январь", "февраль", "март",     "апрель",  "май",    "июнь",
                                           "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь" };

/* «год» or empty, «Q1»…«Q4», «1 квартал», «1»…«12», «M3», «март». */
static gboolean
parse_period (const char *text, ItogiPeriodType *period, int *index)
{
  g_autofree char *s = normalize (text);
  char *end = NULL;
  long n;

  *period = ITOGI_PERIOD_YEAR;
  *index = 0;
  if (*s == '\0' || strcmp (s, "год") == 0 || strcmp (s, "year") == 0 || strcmp (s, "y") == 0)
    return TRUE;
  if ((s[0] == 'q' || s[0] == 'm') && s[1] != '\0')
    {
      n = strtol (s + 1, &end, 10);
      if (*end != '\0')
        return FALSE;
      *period = s[0] == 'q' ? ITOGI_PERIOD_QUARTER : ITOGI_PERIOD_MONTH;
      *index = (int)n;
      return (*period == ITOGI_PERIOD_QUARTER && n >= 1 && n <= 4)
             || (*period == ITOGI_PERIOD_MONTH && n >= 1 && n <= 12);
    }
  n = strtol (s, &end, 10);
  if (end != s)
    {
      const char *rest = end;
      while (*rest == ' ')
        rest++;
      if (*rest == '\0' && n >= 1 && n <= 12)
        {
          *period = ITOGI_PERIOD_MONTH;
          *index = (int)n;
          return TRUE;
        }
      if ((g_str_has_prefix (rest, "квартал") || g_str_has_prefix (rest, "кв")) && n >= 1 && n <= 4)
        {
          *period = ITOGI_PERIOD_QUARTER;
          *index = (int)n;
          return TRUE;
        }
      return FALSE;
    }
  for (int m = 0; m < 12; m++)
    if (strcmp (s, month_names[m]) == 0)
      {
        *period = ITOGI_PERIOD_MONTH;
        *index = m + 1;
        return TRUE;
      }
  return FALSE;
}

/* «31.12.2022» or «2022-12-31» → «2022-12-31». */
static char *
parse_date (const char *text)
{
  int d, m, y;
  char tail;
  g_autoptr (GDate) date = NULL;

  if (sscanf (text, "%d.%d.%d%c", &d, &m, &y, &tail) != 3
      && sscanf (text, "%d-%d-%d%c", &y, &m, &d, &tail) != 3)
    return NULL;
  if (!g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y) || y < 1900 || y > 2200)
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
        problem (report, ((ItogiCsvRow *)table->rows->pdata[0])->line, 0,
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
      const ItogiCsvRow *row = table->rows->pdata[r];
      const char *area_text = NULL, *ind_text, *year_text, *value_text, *period_text, *as_of_text;
      ItogiIndicator *ind = NULL;
      const ItogiArea *area = NULL;
      g_autoptr (GError) parse_error = NULL;
      g_autofree char *key = NULL;
      Pending *p;
      gint64 year = 0;
      guint n_problems = report->problems->len;

      report->rows++;
      if (g_strv_length (row->fields) != n_fields)
        {
          problem (report, row->line, 0, _ ("The row has %u fields; the header has %u."),
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
              problem (report, row->line, report->map[ITOGI_IMPORT_COLUMN_AREA] + 1,
                       _ ("There is no activity area «%s»."), area_text);
          }
        /* An unknown area already said what is wrong with the row's indicator. */
        if (!area_unknown)
          {
            g_autofree char *name = normalize (ind_text);
            g_autofree char *lookup = area != NULL
                                          ? g_strdup_printf ("%" G_GINT64_FORMAT "|%s", area->id, name)
                                          : g_strdup_printf ("|%s", name);
            ind = g_hash_table_lookup (by_name, lookup);
            if (ind == NULL)
              problem (report, row->line, report->map[ITOGI_IMPORT_COLUMN_INDICATOR] + 1,
                       g_hash_table_contains (by_name, lookup)
                           ? _ ("«%s» names indicators in several areas: give the area too.")
                           : _ ("There is no indicator «%s»."),
                       ind_text);
          }
      }
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (year_text));
        if (!g_ascii_string_to_signed (trimmed, 10, 1900, 2200, &year, NULL))
          problem (report, row->line, report->map[ITOGI_IMPORT_COLUMN_YEAR] + 1,
                   _ ("«%s» is not a year between 1900 and 2200."), year_text);
      }

      p = g_new0 (Pending, 1);
      if (!parse_period (period_text, &p->period, &p->index))
        problem (report, row->line, report->map[ITOGI_IMPORT_COLUMN_PERIOD] + 1,
                 _ ("«%s» is not a period: use «год», Q1…Q4 or a month (1…12 or its name)."), period_text);
      if (ind != NULL)
        {
          p->value.present = TRUE;
          if (!itogi_parse_value (value_text, ind->kind, ind->scale, &p->value.amount, &p->value.qualifier,
                                  &parse_error))
            problem (report, row->line, report->map[ITOGI_IMPORT_COLUMN_VALUE] + 1, "%s",
                     parse_error->message);
        }
      if (as_of_text != NULL && *as_of_text != '\0')
        {
          p->value.as_of = parse_date (as_of_text);
          if (p->value.as_of == NULL)
            problem (report, row->line, report->map[ITOGI_IMPORT_COLUMN_AS_OF] + 1,
                     _ ("«%s» is not a date: write it as 31.12.2023."), as_of_text);
        }
      p->value.note = g_strdup (field (row, report, ITOGI_IMPORT_COLUMN_NOTE));
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
          problem (report, row->line, 0, _ ("This figure is already given on line %u."),
                   GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
          pending_free (p);
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
      g_ptr_array_add (pending, p);
    }

  if (report->problems->len > 0)
    return FALSE;
  report->values = pending->len;
  if (dry_run || pending->len == 0)
    return TRUE;

  /* One step: every value lands, or none does; and the whole import can be undone at once. */
  report->step = itogi_store_begin_step (store, _ ("Import from CSV"), error);
  if (report->step == 0)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = pending->pdata[i];
      if (!itogi_store_set_value (store, p->indicator->id, p->year, p->period, p->index, &p->value, error))
        {
          itogi_store_rollback_step (store);
          report->values = 0;
          report->step = 0;
          return FALSE;
        }
    }
  if (!itogi_store_commit_step (store, error))
    {
      report->values = 0;
      report->step = 0;
      return FALSE;
    }
  return TRUE;
}
