/* itogi-xlsx.c: the Excel workbook and the CSV table for the mayor's office
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbook is a Russian document for a Russian office: its sheet names and column headings
 * («Сводка», «Показатель», «Ед. изм.») are part of the document, like the report's own data, and
 * are not translated with the interface.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "itogi-format.h"
#include "itogi-output.h"
#include "itogi-table.h"
#include "itogi-progress.h"
#include "itogi-xlsx.h"

#if LXW_VERSION_ID < 114
#error "libxlsxwriter 1.1.4 or later is needed"
#endif

G_DEFINE_QUARK (itogi - export - error - quark, itogi_export_error)

#define MAX_COLUMN_WIDTH 60.0

/* ---- names ---- */

char *
itogi_export_suggest_name (int year, int compare_year, const char *extension)
{
  /* «Итоги 2023 к 2022.xlsx»: the document's name, in the document's language. */
  return g_strdup_printf ("Итоги %d к %d.%s", year, compare_year, extension);
}

static gboolean
write_csv (ItogiStore *store, const ItogiExportOptions *options, const char *path,
           const ItogiProgress *progress, GError **error)
{
  /* One pass over the tables, as fast as a sheet of the workbook: one step to tell. */
  return itogi_progress_step (progress, 0, 1, error) && itogi_export_csv (store, options, path, error);
}

static const ItogiTableFormat table_formats[] = {
  { "xlsx", N_ ("Excel workbook (.xlsx)"), itogi_export_xlsx_with },
  { "csv", N_ ("CSV table (.csv)"), write_csv },
};

const ItogiTableFormat *
itogi_table_formats (guint *n_formats)
{
  *n_formats = G_N_ELEMENTS (table_formats);
  return table_formats;
}

const ItogiTableFormat *
itogi_table_format_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_formats); i++)
    if (g_strcmp0 (table_formats[i].name, name) == 0)
      return &table_formats[i];
  return NULL;
}

const ItogiTableFormat *
itogi_table_format_for_path (const char *path)
{
  g_autofree char *extension = itogi_output_extension (path);

  return extension != NULL ? itogi_table_format_find (extension) : NULL;
}

const char *
itogi_table_format_label (const ItogiTableFormat *format)
{
  return _ (format->label);
}

char *
itogi_table_format_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (table_formats); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", table_formats[i].name);
  return g_string_free (names, FALSE);
}

char *
itogi_export_sheet_name (const char *wanted, GPtrArray *taken)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autofree char *base = NULL;

  for (const char *p = wanted != NULL ? wanted : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (strchr ("[]:*?/\\", (int)c) != NULL && c < 128)
        c = ' ';
      if (g_unichar_iscntrl (c))
        continue;
      g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  g_string_set_size (name, strlen (name->str));
  while (name->len > 0 && name->str[0] == '\'')
    g_string_erase (name, 0, 1);
  if (name->len == 0)
    g_string_assign (name, "Лист");
  /* At most 31 characters, not bytes: Cyrillic takes two bytes each. */
  if (g_utf8_strlen (name->str, -1) > 31)
    g_string_truncate (name, g_utf8_offset_to_pointer (name->str, 31) - name->str);
  while (name->len > 0 && (name->str[name->len - 1] == '\'' || name->str[name->len - 1] == ' '))
    g_string_truncate (name, name->len - 1);
  base = g_strdup (name->str);

  for (int n = 2;; n++)
    {
      g_autofree char *folded = g_utf8_casefold (name->str, -1);
      gboolean clash = FALSE;

      for (guint i = 0; i < taken->len && !clash; i++)
        {
          g_autofree char *other = g_utf8_casefold (taken->pdata[i], -1);
          clash = strcmp (folded, other) == 0;
        }
      if (!clash)
        break;
      {
        g_autofree char *suffix = g_strdup_printf (" (%d)", n);
        glong room = 31 - g_utf8_strlen (suffix, -1);
        g_autofree char *cut = g_strdup (base);
        if (g_utf8_strlen (cut, -1) > room)
          *g_utf8_offset_to_pointer (cut, room) = '\0';
        g_string_printf (name, "%s%s", cut, suffix);
      }
    }
  g_ptr_array_add (taken, g_strdup (name->str));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

char *
itogi_export_csv_text (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  /* A leading apostrophe keeps «=СУММ(…)» a text in Excel and LibreOffice: the OWASP defence
   * against formula injection covers = + - @ and a leading tab or carriage return. Only texts
   * pass through here (titles, units, notes); the figures are written as numbers by csv_number,
   * so «-334» and «−1,4» keep their sign. A true minus (U+2212) never starts a formula. */
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

/* ---- the data, shared by the workbook and the CSV ---- */

typedef struct
{
  ItogiArea *area;
  GPtrArray *rows; /* ItogiTableRow */
  char *note;      /* the area's notes for the report year */
  GPtrArray *institutions;
  GPtrArray *tasks; /* for the year after the report year */
} AreaData;

static void
area_data_free (AreaData *d)
{
  itogi_area_free (d->area);
  g_clear_pointer (&d->rows, g_ptr_array_unref);
  g_clear_pointer (&d->institutions, g_ptr_array_unref);
  g_clear_pointer (&d->tasks, g_ptr_array_unref);
  g_free (d->note);
  g_free (d);
}

static GPtrArray *
collect (ItogiStore *store, const ItogiExportOptions *o, GError **error)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)area_data_free);

  if (o->year < 1900 || o->year > 2200 || o->compare_year < 1900 || o->compare_year > 2200
      || o->year == o->compare_year)
    {
      g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_INVALID,
                   _ ("Choose two different years between 1900 and 2200 (not %d and %d)."), o->year,
                   o->compare_year);
      return NULL;
    }
  all = itogi_store_list_areas (store, FALSE, error);
  if (all == NULL)
    return NULL;

  if (o->areas != NULL)
    for (guint i = 0; o->areas[i] != NULL; i++)
      {
        gboolean found = FALSE;
        for (guint a = 0; a < all->len; a++)
          found |= g_strcmp0 (((ItogiArea *)all->pdata[a])->slug, o->areas[i]) == 0;
        if (!found)
          {
            g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_INVALID,
                         _ ("There is no activity area “%s”."), o->areas[i]);
            return NULL;
          }
      }

  for (guint a = 0; a < all->len; a++)
    {
      ItogiArea *area = all->pdata[a];
      AreaData *d;

      if (o->areas != NULL && !g_strv_contains (o->areas, area->slug))
        continue;
      d = g_new0 (AreaData, 1);
      g_ptr_array_add (out, d);
      d->area = itogi_area_copy (area);
      d->rows = itogi_table_build (store, area->slug, o->year, o->compare_year, error);
      if (d->rows == NULL)
        return NULL;
      d->note = itogi_store_get_area_note (store, area->id, o->year, error);
      if (error != NULL && *error != NULL)
        return NULL;
      d->institutions = itogi_store_list_institutions (store, area->id, o->year, error);
      d->tasks
          = d->institutions != NULL ? itogi_store_list_tasks (store, area->id, o->year + 1, error) : NULL;
      if (d->tasks == NULL)
        return NULL;
    }
  return g_steal_pointer (&out);
}

static double
as_double (const ItogiIndicator *ind, gint64 amount)
{
  return (double)amount / pow (10.0, (double)itogi_kind_effective_scale (ind->kind, ind->scale));
}

/* «2023 г.: более 8 000; ряд услуг … передан …; по состоянию на 31.12.2022» */
static char *
row_note (const ItogiTableRow *row, int year, int compare_year)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const ItogiValue *values[2] = { &row->previous, &row->current };
  const int years[2] = { compare_year, year };

  for (int i = 0; i < 2; i++)
    {
      const ItogiValue *v = values[i];
      g_autofree char *y = itogi_format_year (years[i]);

      if (!v->present)
        continue;
      if (v->qualifier != ITOGI_QUALIFIER_EXACT)
        {
          g_autofree char *shown = itogi_format_value (v, row->indicator->kind, row->indicator->scale);
          g_ptr_array_add (parts, g_strdup_printf ("%s: %s", y, shown));
        }
      if (v->derived)
        g_ptr_array_add (parts, g_strdup_printf (v->partial ? "%s: сумма внесённых месяцев (год не полон)"
                                                            : "%s: по месяцам",
                                                 y));
      if (v->as_of != NULL)
        g_ptr_array_add (parts, g_strdup_printf ("%s: по состоянию на %s", y, v->as_of));
      if (v->note != NULL)
        g_ptr_array_add (parts, g_strdup_printf ("%s: %s", y, v->note));
    }
  /* Joined by «; »: a part's own closing full stop would make «.;» of it. */
  for (guint i = 0; i + 1 < parts->len; i++)
    {
      char *part = parts->pdata[i];
      gsize len = strlen (part);

      while (len > 0 && (part[len - 1] == '.' || part[len - 1] == ' ') && !g_str_has_suffix (part, " г."))
        part[--len] = '\0';
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **)parts->pdata);
}

/* ---- the workbook ---- */

typedef struct
{
  lxw_workbook *wb;
  GHashTable *formats; /* number format string → lxw_format */
  lxw_format *title;
  lxw_format *header;
  lxw_format *header_right; /* over figures: a year's heading stands over its numbers */
  lxw_format *text;
  lxw_format *text_center;
  lxw_format *index;
  lxw_format *dash;
  const ItogiExportOptions *o;
  char *year_text;
  char *compare_text;
  /* What the charts plot, one row each, written last to a hidden sheet of that name: a chart
   * needs its indicators' titles, figures and labels in one range each, and an area's indicators
   * of one unit and scale are seldom next to each other in its table. */
  GPtrArray *chart_data; /* ChartDatum */
  char *chart_sheet;
  lxw_error status;
} Book;

typedef struct
{
  char *label; /* the indicator's title, shortened for the category axis */
  char *unit;
  gboolean present[2]; /* the comparison year's figure, the report year's */
  double value[2];
  char *text[2]; /* as the table shows it, «более 8 000» */
} ChartDatum;

static void
chart_datum_free (ChartDatum *c)
{
  g_free (c->label);
  g_free (c->unit);
  g_free (c->text[0]);
  g_free (c->text[1]);
  g_free (c);
}

static lxw_format *
number_format (Book *b, const char *code, gboolean bold)
{
  g_autofree char *key = g_strdup_printf ("%s|%d", code, bold);
  lxw_format *f = g_hash_table_lookup (b->formats, key);

  if (f == NULL)
    {
      f = workbook_add_format (b->wb);
      format_set_num_format (f, code);
      format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
      if (bold)
        format_set_bold (f);
      g_hash_table_insert (b->formats, g_steal_pointer (&key), f);
    }
  return f;
}

/* «#,##0», «#,##0.00», …, with the qualifier's word kept visible in front of the number. */
static char *
value_code (const ItogiIndicator *ind, ItogiQualifier q)
{
  guint scale = itogi_kind_effective_scale (ind->kind, ind->scale);
  g_autofree char *zeros = g_strnfill (scale, '0');
  g_autofree char *base = scale > 0 ? g_strdup_printf ("#,##0.%s", zeros) : g_strdup ("#,##0");
  const char *word = itogi_qualifier_word (q);
  const char *suffix = ind->kind == ITOGI_KIND_PERCENT ? "\" %\"" : "";

  /* A negative section of its own, so the true minus comes after the qualifier's word. */
  if (word == NULL)
    return g_strdup_printf ("%s%s;\"−\"%s%s", base, suffix, base, suffix);
  return g_strdup_printf ("\"%s \"%s%s;\"%s −\"%s%s", word, base, suffix, word, base, suffix);
}

/* Changes carry a sign and a true minus; an approximate one says so. */
static char *
delta_code (const ItogiIndicator *ind, gboolean approx)
{
  guint scale = itogi_kind_effective_scale (ind->kind, ind->scale);
  g_autofree char *zeros = g_strnfill (scale, '0');
  g_autofree char *base = scale > 0 ? g_strdup_printf ("#,##0.%s", zeros) : g_strdup ("#,##0");
  const char *pre = approx ? "\"≈ \"" : "";
  /* A change between two percentages is in percentage points. */
  const char *suffix = ind->kind == ITOGI_KIND_PERCENT ? "\" п. п.\"" : "";
  g_autofree char *zero = scale > 0 ? g_strdup_printf ("0.%s", zeros) : g_strdup ("0");

  return g_strdup_printf ("%s+%s%s;%s\"−\"%s%s;%s%s%s", pre, base, suffix, pre, base, suffix, pre, zero,
                          suffix);
}

static const char *
percent_code (gboolean approx)
{
  return approx ? "\"≈ \"+0.0\" \"%;\"≈ \"\"−\"0.0\" \"%;\"≈ \"0.0\" \"%"
                : "+0.0\" \"%;\"−\"0.0\" \"%;0.0\" \"%";
}

static void
check (Book *b, lxw_error e)
{
  if (e != LXW_NO_ERROR && b->status == LXW_NO_ERROR)
    b->status = e;
}

/* Text as Excel takes it: valid UTF-8, no control characters but tab and newline (libxlsxwriter
 * escapes them in cells but not in charts, headers or descriptions), and within a cell's limit of
 * 32 767 characters. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr (GString) out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
        continue;
      if (++n > 32000)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* In a cell's text OOXML reads «_x0041_» as an escaped «A» (Excel and LibreOffice decode it), so
 * a text that holds such a sequence itself gets its underscore escaped as «_x005F_», as Python's
 * XlsxWriter does; libxlsxwriter 1.1.4 does not. */
static char *
cell_text (const char *text)
{
  g_autofree char *clean = clean_text (text);
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        g_string_append (out, "_x005F");
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
put_text (Book *b, lxw_worksheet *ws, int r, int c, const char *text, lxw_format *format)
{
  g_autofree char *cell = cell_text (text);
  check (b, worksheet_write_string (ws, r, c, cell, format));
}

static void
put_title (Book *b, lxw_worksheet *ws, int last_col, const char *text)
{
  g_autofree char *cell = cell_text (text);
  check (b, worksheet_merge_range (ws, 0, 0, 0, last_col, cell, b->title));
  worksheet_set_row (ws, 0, 24, NULL);
}

/* Rows of wrapped text get the height of their lines (LibreOffice does not grow them itself). */
static int
fit_row (lxw_worksheet *ws, int r, const char *const *texts, const double *widths, int n)
{
  int lines = 1;

  for (int i = 0; i < n; i++)
    {
      g_auto (GStrv) parts = g_strsplit (texts[i] != NULL ? texts[i] : "", "\n", -1);
      int count = 0;
      for (guint k = 0; parts[k] != NULL; k++)
        count += MAX (1, (int)ceil (g_utf8_strlen (parts[k], -1) * 1.15 / MAX (widths[i] - 1.0, 1.0)));
      lines = MAX (lines, count);
    }
  if (lines > 1)
    worksheet_set_row (ws, r, MIN (15.0 * lines, 409.0), NULL);
  return lines;
}

static char *
cell_name (int row, int col)
{
  return g_strdup_printf ("%c%d", 'A' + col, row + 1);
}

/* One indicator's cells from column @c0: 2022, 2023, Δ, Δ %. */
static void
write_figures (Book *b, lxw_worksheet *ws, int r, int c0, const ItogiTableRow *row)
{
  const ItogiIndicator *ind = row->indicator;
  const ItogiValue *values[2] = { &row->previous, &row->current };
  g_autofree char *prev_cell = cell_name (r, c0), *cur_cell = cell_name (r, c0 + 1);

  for (int i = 0; i < 2; i++)
    {
      g_autofree char *code = value_code (ind, values[i]->qualifier);
      if (values[i]->present)
        check (b, worksheet_write_number (ws, r, c0 + i, as_double (ind, values[i]->amount),
                                          number_format (b, code, FALSE)));
      else
        check (b, worksheet_write_blank (ws, r, c0 + i, b->text));
    }

  switch (row->yoy.kind)
    {
    case ITOGI_CHANGE_EXACT:
    case ITOGI_CHANGE_APPROX:
      {
        gboolean approx = row->yoy.kind == ITOGI_CHANGE_APPROX;
        g_autofree char *code = delta_code (ind, approx);
        g_autofree char *formula = g_strdup_printf ("=%s-%s", cur_cell, prev_cell);

        /* The result is cached: viewers that do not recalculate still show the change. */
        check (b, worksheet_write_formula_num (ws, r, c0 + 2, formula, number_format (b, code, FALSE),
                                               as_double (ind, row->yoy.delta)));
        if (row->yoy.has_percent)
          {
            g_autofree char *pct = g_strdup_printf ("=(%s-%s)/%s", cur_cell, prev_cell, prev_cell);
            check (b, worksheet_write_formula_num (ws, r, c0 + 3, pct,
                                                   number_format (b, percent_code (approx), FALSE),
                                                   row->yoy.percent / 100.0));
          }
        else
          put_text (b, ws, r, c0 + 3, "—", b->dash);
      }
      break;
    case ITOGI_CHANGE_AT_LEAST:
    case ITOGI_CHANGE_AT_MOST:
      {
        /* A bound fixes only the direction: said in words, never as an exact number. */
        g_autofree char *delta = itogi_yoy_format_delta (&row->yoy, ind->kind, ind->scale);
        g_autofree char *pct = itogi_yoy_format_percent (&row->yoy);
        put_text (b, ws, r, c0 + 2, delta, b->dash);
        put_text (b, ws, r, c0 + 3, pct, b->dash);
      }
      break;
    case ITOGI_CHANGE_NONE:
    default:
      put_text (b, ws, r, c0 + 2, "—", b->dash);
      put_text (b, ws, r, c0 + 3, "—", b->dash);
      break;
    }
}

static double
width_for (glong chars)
{
  /* Cyrillic letters are wider than the «0» that defines Excel's unit. */
  return MIN (MAX_COLUMN_WIDTH, chars * 1.15 + 2.0);
}

static void
print_setup (Book *b, lxw_worksheet *ws, const char *title, int header_rows)
{
  g_autofree char *header = NULL;
  g_autofree char *clean = clean_text (title);
  g_autoptr (GString) safe = g_string_new (NULL);

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9); /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);
  if (header_rows > 0)
    check (b, worksheet_repeat_rows (ws, 0, header_rows - 1));
  /* «&» starts a code in headers: the title's own ampersands are doubled, and the whole header
   * stays within Excel's 255 characters. */
  for (const char *p = clean; *p != '\0' && g_utf8_strlen (safe->str, -1) < 200; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\n' || c == '\t')
        c = ' ';
      if (c == '&')
        g_string_append_c (safe, '&');
      g_string_append_unichar (safe, c);
    }
  header = g_strdup_printf ("&C&\"-,Bold\"%s", safe->str);
  check (b, worksheet_set_header (ws, header));
  check (b, worksheet_set_footer (ws, "&LИтоги&CСтраница &P из &N"));
}

/* The headings of row @r; those of columns @first_figure to @last_figure (the years and the
 * changes) stand right, over their numbers. */
static void
write_header_row (Book *b, lxw_worksheet *ws, int r, const char *const *titles, int n, int first_figure,
                  int last_figure)
{
  for (int c = 0; c < n; c++)
    put_text (b, ws, r, c, titles[c], c >= first_figure && c <= last_figure ? b->header_right : b->header);
  worksheet_set_row (ws, r, 30, NULL);
}

/* The widths of the four figure columns (the two years, Δ, Δ %) from the widest text each shows
 * with its number format, so that none is too narrow for its number (Excel's «###»), a change of
 * a large sum of money included. At least @least each. */
static void
figure_widths (GPtrArray *rows, double least[4], double widths[4])
{
  glong chars[4] = { 0, 0, 0, 0 };

  for (guint i = 0; i < rows->len; i++)
    {
      const ItogiTableRow *row = rows->pdata[i];
      const ItogiIndicator *ind = row->indicator;
      g_autofree char *prev = itogi_format_value (&row->previous, ind->kind, ind->scale);
      g_autofree char *cur = itogi_format_value (&row->current, ind->kind, ind->scale);
      g_autofree char *delta = itogi_yoy_format_delta (&row->yoy, ind->kind, ind->scale);
      g_autofree char *pct = itogi_yoy_format_percent (&row->yoy);
      const char *texts[4] = { prev, cur, delta, pct };

      for (int k = 0; k < 4; k++)
        chars[k] = MAX (chars[k], texts[k] != NULL ? g_utf8_strlen (texts[k], -1) : 0);
    }
  /* Figures are digits, narrower than the Cyrillic width_for () allows for, but bold in no
   * column: a digit and a little for the cell's own padding. */
  for (int k = 0; k < 4; k++)
    widths[k] = MIN (MAX_COLUMN_WIDTH, MAX (least[k], chars[k] * 1.1 + 3.0));
}

/* ---- the area's charts ---- */

/* Text for a chart's title or axis name: libxlsxwriter reads one that starts with «=» as a
 * reference to cells, so such a text («=A1» as a unit) starts with a zero-width space instead. */
static char *
chart_text (const char *text)
{
  g_autofree char *clean = clean_text (text);

  if (clean[0] == '=')
    return g_strconcat ("\u200b", clean, NULL);
  return g_steal_pointer (&clean);
}

/* A title as a chart's category axis shows it: at most @max characters, cut at a word, with an
 * ellipsis, as the app's charts cut theirs. */
static char *
short_label (const char *title, glong max)
{
  g_autofree char *clean = clean_text (title);
  const char *cut, *space = NULL;

  if (g_utf8_strlen (clean, -1) <= max)
    return g_steal_pointer (&clean);
  cut = g_utf8_offset_to_pointer (clean, max - 1);
  for (const char *p = clean; p < cut; p = g_utf8_next_char (p))
    if (*p == ' ')
      space = p;
  if (space == NULL || g_utf8_pointer_to_offset (clean, space) < max / 2)
    space = cut;
  /* «…документов,…» reads as a typo: the cut's own punctuation goes. */
  while (space > clean && strchr (" ,;:-", space[-1]) != NULL)
    space--;
  return g_strdup_printf ("%.*s…", (int)(space - clean), clean);
}

static double
row_magnitude (const ItogiTableRow *row)
{
  double m = 0;

  if (row->previous.present)
    m = fabs (as_double (row->indicator, row->previous.amount));
  if (row->current.present)
    m = MAX (m, fabs (as_double (row->indicator, row->current.amount)));
  return m;
}

static int
compare_magnitude (gconstpointer a, gconstpointer b, gpointer data)
{
  GPtrArray *rows = data;
  double x = row_magnitude (rows->pdata[*(const guint *)a]),
         y = row_magnitude (rows->pdata[*(const guint *)b]);

  return x > y ? -1 : x < y;
}

static int
compare_index (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;
  return x < y ? -1 : x > y;
}

/* The rows of @rows that can share one chart, as lists of their indexes in table order: one unit
 * (and kind) each, and a scale where the largest figure is at most ten times the smallest, as the
 * app's own charts share an axis. (16 inspections next to 779 054,51 roubles, or 4 next to 22 808,
 * would be drawn as nothing.) Rows with no figure for either year are in none. */
static GPtrArray *
chart_groups (GPtrArray *rows)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_autoptr (GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);

  /* By unit and kind, in the order they first come. */
  for (guint i = 0; i < rows->len; i++)
    {
      const ItogiTableRow *row = rows->pdata[i];
      GArray *found = NULL;

      if (!row->previous.present && !row->current.present)
        continue;
      for (guint u = 0; u < units->len && found == NULL; u++)
        {
          GArray *unit = units->pdata[u];
          const ItogiTableRow *first = rows->pdata[g_array_index (unit, guint, 0)];
          if (g_strcmp0 (first->indicator->unit, row->indicator->unit) == 0
              && first->indicator->kind == row->indicator->kind)
            found = unit;
        }
      if (found == NULL)
        {
          found = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (units, found);
        }
      g_array_append_val (found, i);
    }
  /* Then by scale: the largest first, each chart taking what is within ten times its largest. */
  for (guint u = 0; u < units->len; u++)
    {
      GArray *unit = units->pdata[u];
      GArray *group = NULL;
      double top = 0;

      g_array_sort_with_data (unit, compare_magnitude, rows);
      for (guint k = 0; k < unit->len; k++)
        {
          guint i = g_array_index (unit, guint, k);
          double m = row_magnitude (rows->pdata[i]);

          if (group == NULL || (m > 0 && m * 10.0 < top))
            {
              group = g_array_new (FALSE, FALSE, sizeof (guint));
              g_ptr_array_add (groups, group);
              top = m;
            }
          g_array_append_val (group, i);
        }
    }
  for (guint g = 0; g < groups->len; g++)
    g_array_sort (groups->pdata[g], compare_index);
  return groups;
}

/* A bar chart's height in pixels for @n indicators (two bars each), with its title, axis and
 * legend. */
static double
chart_height (guint n)
{
  return MAX (220.0, 120.0 + 50.0 * n);
}

/* The value axis's end: a round number past @top with room for the labels beyond the bars. */
static double
axis_max (double top)
{
  static const double steps[] = { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 };
  double want = top * 1.15, unit;

  if (want <= 0)
    return 1;
  unit = pow (10.0, floor (log10 (want)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * unit >= want)
      return steps[i] * unit;
  return 10 * unit;
}

/* One horizontal bar chart per unit and scale, under the table from @first_row, as wide as the
 * table (@table_width, in Excel's character units): bars start at zero, the categories are the
 * indicators' titles, and each bar is labelled with its figure as the table shows it. Bars in
 * rows of their own keep the labels apart. */
static void
write_area_charts (Book *b, lxw_worksheet *ws, AreaData *d, const char *title, int first_row,
                   double table_width, double table_px)
{
  g_autoptr (GPtrArray) groups = chart_groups (d->rows);
  static lxw_chart_fill fills[2] = { { .color = 0x9ECAE9 }, { .color = 0x0072B2 } };
  static lxw_chart_font label_font = { .size = 8 };
  int r = first_row;
  /* Excel's column unit is about 7 px at its default font, plus 5 px of padding. */
  double width_px = table_width * 7.0 + 40.0, stacked = 0;
  /* Printed one page wide on A4 landscape, a page holds about two thirds of its width in height.
   * Charts one under another that would run past it stand two abreast instead, so that no page
   * is left holding the last chart alone. */
  gboolean abreast = FALSE;
  double row_height = 0;

  for (guint g = 0; g < groups->len; g++)
    stacked += chart_height (((GArray *)groups->pdata[g])->len) + 30.0;
  abreast = groups->len > 1 && table_px + stacked > width_px * 0.66;
  if (abreast)
    width_px = (width_px - 20.0) / 2.0;

  for (guint g = 0; g < groups->len; g++)
    {
      GArray *group = groups->pdata[g];
      const ItogiTableRow *first = d->rows->pdata[g_array_index (group, guint, 0)];
      lxw_chart *chart = workbook_add_chart (b->wb, LXW_CHART_BAR);
      guint base = b->chart_data->len + 1; /* below the data sheet's header */
      double top = 0, height_px = chart_height (group->len);
      g_autofree char *chart_title = NULL, *alt = NULL, *alt_clean = NULL;
      lxw_chart_options opts = { .x_offset = 0, .y_offset = 10 };

      for (guint k = 0; k < group->len; k++)
        {
          const ItogiTableRow *row = d->rows->pdata[g_array_index (group, guint, k)];
          const ItogiValue *values[2] = { &row->previous, &row->current };
          ChartDatum *c = g_new0 (ChartDatum, 1);

          c->label = short_label (row->indicator->title, 40);
          c->unit = g_strdup (row->indicator->unit);
          for (int y = 0; y < 2; y++)
            {
              c->present[y] = values[y]->present;
              c->value[y] = values[y]->present ? as_double (row->indicator, values[y]->amount) : 0;
              c->text[y] = values[y]->present
                               ? itogi_format_value (values[y], row->indicator->kind, row->indicator->scale)
                               : NULL;
              top = MAX (top, c->value[y]);
            }
          g_ptr_array_add (b->chart_data, c);
        }
      for (int s = 0; s < 2; s++)
        {
          lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
          g_autofree lxw_chart_data_label **labels = g_new0 (lxw_chart_data_label *, group->len + 1);
          g_autofree lxw_chart_data_label *label_data = g_new0 (lxw_chart_data_label, group->len);

          chart_series_set_categories (series, b->chart_sheet, base, 0, base + group->len - 1, 0);
          chart_series_set_values (series, b->chart_sheet, base, 2 + s, base + group->len - 1, 2 + s);
          chart_series_set_name_range (series, b->chart_sheet, 0, 2 + s);
          chart_series_set_fill (series, &fills[s]);
          /* Each label is the figure's own text: its qualifier («более 8 000») and its decimals
           * (none on a count), as in the table. A missing figure has none. */
          for (guint k = 0; k < group->len; k++)
            {
              const ChartDatum *c = b->chart_data->pdata[base - 1 + k];
              if (c->present[s])
                label_data[k].value = c->text[s];
              else
                label_data[k].hide = 1;
              labels[k] = &label_data[k];
            }
          check (b, chart_series_set_labels_custom (series, labels));
          chart_series_set_labels_position (series, LXW_CHART_LABEL_POSITION_OUTSIDE_END);
          chart_series_set_labels_font (series, &label_font);
        }
      /* In a bar chart the category axis is the vertical one (libxlsxwriter's y_axis): it lists
       * the indicators top down, in the table's order, the value axis staying below them. The
       * value axis starts at zero. */
      chart_axis_set_reverse (chart->y_axis);
      chart_axis_set_crossing_max (chart->y_axis);
      chart_axis_set_min (chart->x_axis, 0);
      chart_axis_set_max (chart->x_axis, axis_max (top));
      /* Whole numbers on the axis; the labels carry the figures' decimals. */
      chart_axis_set_num_format (chart->x_axis, "#,##0");
      {
        g_autofree char *unit = chart_text (first->indicator->unit);
        if (*unit != '\0')
          chart_axis_set_name (chart->x_axis, unit);
      }
      chart_set_series_gap (chart, 60);
      /* «Финансовый контроль, руб.»; an indicator with no unit gives the area's title alone. */
      chart_title = *first->indicator->unit != '\0'
                        ? g_strdup_printf ("%s, %s", d->area->title, first->indicator->unit)
                        : g_strdup (d->area->title);
      {
        g_autofree char *text = chart_text (chart_title);
        chart_title_set_name (chart, text);
      }
      chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
      alt = g_strdup_printf ("Диаграмма: %s", chart_title);
      alt_clean = clean_text (alt);
      opts.description = alt_clean;
      opts.x_scale = width_px / 480.0;
      opts.y_scale = height_px / 288.0;
      /* Under the table, one after another (or two abreast), within the printed width. */
      if (abreast && g % 2 == 1)
        opts.x_offset = (int)(width_px + 20.0);
      check (b, worksheet_insert_chart_opt (ws, r, 0, chart, &opts));
      row_height = MAX (row_height, height_px);
      if (!abreast || g % 2 == 1 || g + 1 == groups->len)
        {
          r += (int)ceil ((row_height + 10.0) / 20.0) + 1;
          row_height = 0;
        }
    }
}

/* The hidden sheet the charts read: a header, then a row per plotted indicator. */
static void
write_chart_data (Book *b)
{
  lxw_worksheet *ws;
  const char *headers[] = { "Показатель", "Ед. изм.", b->compare_text, b->year_text };

  if (b->chart_data->len == 0)
    return;
  ws = workbook_add_worksheet (b->wb, b->chart_sheet);
  for (int c = 0; c < 4; c++)
    put_text (b, ws, 0, c, headers[c], b->header);
  for (guint i = 0; i < b->chart_data->len; i++)
    {
      const ChartDatum *c = b->chart_data->pdata[i];
      put_text (b, ws, 1 + (int)i, 0, c->label, b->text);
      put_text (b, ws, 1 + (int)i, 1, c->unit, b->text);
      for (int y = 0; y < 2; y++)
        if (c->present[y])
          check (b, worksheet_write_number (ws, 1 + (int)i, 2 + y, c->value[y], NULL));
    }
  worksheet_set_column (ws, 0, 0, 44, NULL);
  worksheet_hide (ws);
}

static void
write_area_sheet (Book *b, AreaData *d, const char *sheet_name)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, sheet_name);
  const char *headers[]
      = { "№", "Показатель", "Ед. изм.", b->compare_text, b->year_text, "Δ", "Δ %", "Примечание" };
  g_autofree char *title = g_strdup_printf ("%s: %s к %s", d->area->title, b->year_text, b->compare_text);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  glong title_w = 20, note_w = 14, unit_w = 8;
  double widths[2], table_width;
  double table_px = 20.0 + 40.0; /* the title's row and the headings' */
  guint n = d->rows->len;

  /* Widths first, from the character counts: the rows' heights follow from them. */
  for (guint i = 0; i < n; i++)
    {
      const ItogiTableRow *row = d->rows->pdata[i];
      char *note = row_note (row, b->o->year, b->o->compare_year);
      g_ptr_array_add (notes, note);
      title_w = MAX (title_w, g_utf8_strlen (row->indicator->title, -1));
      note_w = MAX (note_w, g_utf8_strlen (note, -1));
      unit_w = MAX (unit_w, g_utf8_strlen (row->indicator->unit, -1));
    }
  /* The notes column is kept narrower: on an A4 page the table stays legible. */
  widths[0] = MIN (width_for (title_w), 50.0);
  widths[1] = MIN (width_for (note_w), 40.0);

  put_title (b, ws, 7, title);
  write_header_row (b, ws, 1, headers, 8, 3, 6);
  for (guint i = 0; i < n; i++)
    {
      const ItogiTableRow *row = d->rows->pdata[i];
      const char *texts[2] = { row->indicator->title, notes->pdata[i] };
      int r = 2 + (int)i;

      check (b, worksheet_write_number (ws, r, 0, i + 1, b->index));
      put_text (b, ws, r, 1, row->indicator->title, b->text);
      put_text (b, ws, r, 2, row->indicator->unit, b->text_center);
      write_figures (b, ws, r, 3, row);
      put_text (b, ws, r, 7, notes->pdata[i], b->text);
      table_px += 20.0 * fit_row (ws, r, texts, widths, 2);
    }

  worksheet_set_column (ws, 0, 0, 5, NULL);
  worksheet_set_column (ws, 1, 1, widths[0], NULL);
  worksheet_set_column (ws, 2, 2, width_for (unit_w), NULL);
  {
    double least[4] = { 16, 16, 12, 12 }, figures[4];

    figure_widths (d->rows, least, figures);
    for (int k = 0; k < 4; k++)
      worksheet_set_column (ws, 3 + k, 3 + k, figures[k], NULL);
    table_width
        = 5 + widths[0] + width_for (unit_w) + figures[0] + figures[1] + figures[2] + figures[3] + widths[1];
  }
  worksheet_set_column (ws, 7, 7, widths[1], NULL);
  worksheet_freeze_panes (ws, 2, 0);
  check (b, worksheet_autofilter (ws, 1, 0, 1 + MAX (n, 1), 7));
  print_setup (b, ws, title, 2);

  write_area_charts (b, ws, d, title, 3 + (int)n, table_width, table_px);
}

static void
write_summary (Book *b, GPtrArray *areas, const char *sheet_name)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, sheet_name);
  const char *headers[]
      = { "Направление", "Показатель", "Ед. изм.", b->compare_text, b->year_text, "Δ", "Δ %" };
  g_autofree char *title = g_strdup_printf ("Итоги: %s к %s", b->year_text, b->compare_text);
  glong area_w = 12, title_w = 20;
  int r = 2;

  put_title (b, ws, 6, title);
  write_header_row (b, ws, 1, headers, 7, 3, 6);
  for (guint a = 0; a < areas->len; a++)
    {
      AreaData *d = areas->pdata[a];
      for (guint i = 0; i < d->rows->len; i++, r++)
        {
          const ItogiTableRow *row = d->rows->pdata[i];
          put_text (b, ws, r, 0, d->area->short_title, b->text);
          put_text (b, ws, r, 1, row->indicator->title, b->text);
          put_text (b, ws, r, 2, row->indicator->unit, b->text_center);
          write_figures (b, ws, r, 3, row);
          {
            const char *texts[1] = { row->indicator->title };
            const double widths[1] = { MAX_COLUMN_WIDTH };
            fit_row (ws, r, texts, widths, 1);
          }
          area_w = MAX (area_w, g_utf8_strlen (d->area->short_title, -1));
          title_w = MAX (title_w, g_utf8_strlen (row->indicator->title, -1));
        }
    }
  worksheet_set_column (ws, 0, 0, width_for (area_w), NULL);
  worksheet_set_column (ws, 1, 1, width_for (title_w), NULL);
  worksheet_set_column (ws, 2, 2, 9, NULL);
  {
    g_autoptr (GPtrArray) all = g_ptr_array_new ();
    double least[4] = { 18, 18, 13, 13 }, figures[4];

    for (guint a = 0; a < areas->len; a++)
      g_ptr_array_extend (all, ((AreaData *)areas->pdata[a])->rows, NULL, NULL);
    figure_widths (all, least, figures);
    for (int k = 0; k < 4; k++)
      worksheet_set_column (ws, 3 + k, 3 + k, figures[k], NULL);
  }
  worksheet_freeze_panes (ws, 2, 0);
  check (b, worksheet_autofilter (ws, 1, 0, MAX (r - 1, 2), 6));
  /* Areas with no indicator get no sheet of their own (a page holding an empty table): they are
   * named here, under the table, outside its filter. */
  {
    g_autoptr (GPtrArray) empty = g_ptr_array_new ();

    for (guint a = 0; a < areas->len; a++)
      if (((AreaData *)areas->pdata[a])->rows->len == 0)
        g_ptr_array_add (empty, ((AreaData *)areas->pdata[a])->area->title);
    if (empty->len > 0)
      {
        g_autofree char *list = NULL;
        g_autofree char *line = NULL;

        g_ptr_array_add (empty, NULL);
        list = g_strjoinv ("; ", (char **)empty->pdata);
        line = g_strdup_printf ("Без показателей в отчёте: %s.", list);
        check (b, worksheet_merge_range (ws, r + 1, 0, r + 1, 6, "", b->text));
        put_text (b, ws, r + 1, 0, line, b->text);
        {
          const char *texts[1] = { line };
          const double widths[1] = { width_for (area_w) + width_for (title_w) + 9 + 2 * 18 + 2 * 13 };
          fit_row (ws, r + 1, texts, widths, 1);
        }
      }
  }
  print_setup (b, ws, title, 2);
}

static void
write_tasks (Book *b, GPtrArray *areas, const char *sheet_name)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, sheet_name);
  const char *headers[] = { "Направление", "№", "Задача", "Выполнено" };
  g_autofree char *title = g_strdup_printf ("Задачи на %d год", b->o->year + 1);
  int r = 2;

  put_title (b, ws, 3, title);
  write_header_row (b, ws, 1, headers, 4, -1, -1);
  for (guint a = 0; a < areas->len; a++)
    {
      AreaData *d = areas->pdata[a];
      for (guint t = 0; t < d->tasks->len; t++, r++)
        {
          ItogiTask *task = d->tasks->pdata[t];
          put_text (b, ws, r, 0, d->area->short_title, b->text);
          check (b, worksheet_write_number (ws, r, 1, t + 1, b->index));
          put_text (b, ws, r, 2, task->text, b->text);
          put_text (b, ws, r, 3, task->done ? "да" : "нет", b->text_center);
        }
    }
  worksheet_set_column (ws, 0, 0, 28, NULL);
  worksheet_set_column (ws, 1, 1, 5, NULL);
  worksheet_set_column (ws, 2, 2, MAX_COLUMN_WIDTH, NULL);
  worksheet_set_column (ws, 3, 3, 11, NULL);
  worksheet_freeze_panes (ws, 2, 0);
  print_setup (b, ws, title, 2);
}

/* @text without quotation marks of any kind, and folded: «МБУ «Редакция»» and
 * МБУ "Редакция" are the same name. */
static char *
bare_name (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *folded = NULL;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '"' || c == '\'' || c == 0xAB || c == 0xBB || (c >= 0x2018 && c <= 0x201F))
        continue;
      g_string_append_unichar (out, c);
    }
  folded = g_utf8_casefold (out->str, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

/* Whether @note names the institution @name itself (in any quotation marks). */
static gboolean
names_itself (const char *note, const char *name)
{
  g_autofree char *bare_note = bare_name (note);
  g_autofree char *bare = bare_name (name);

  return bare != NULL && *bare != '\0' && bare_note != NULL && strstr (bare_note, bare) != NULL;
}

static void
write_notes (Book *b, GPtrArray *areas, const char *sheet_name)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, sheet_name);
  const char *headers[] = { "Направление", "Пояснение" };
  g_autofree char *title = g_strdup_printf ("Пояснения за %s", b->year_text);
  int r = 2;

  put_title (b, ws, 1, title);
  write_header_row (b, ws, 1, headers, 2, -1, -1);
  for (guint a = 0; a < areas->len; a++)
    {
      AreaData *d = areas->pdata[a];
      if (d->note != NULL)
        {
          put_text (b, ws, r, 0, d->area->short_title, b->text);
          put_text (b, ws, r, 1, d->note, b->text);
          {
            const char *texts[1] = { d->note };
            const double widths[1] = { 100 };
            fit_row (ws, r, texts, widths, 1);
          }
          r++;
        }
      for (guint i = 0; i < d->institutions->len; i++)
        {
          ItogiInstitution *inst = d->institutions->pdata[i];
          /* A note that names its institution itself is not preceded by the name again. */
          g_autofree char *text
              = inst->note != NULL && names_itself (inst->note, inst->name)
                    ? g_strdup (inst->note)
                    : g_strdup_printf ("%s: %s", inst->name, inst->note != NULL ? inst->note : "—");
          put_text (b, ws, r, 0, d->area->short_title, b->text);
          put_text (b, ws, r, 1, text, b->text);
          {
            const char *texts[1] = { text };
            const double widths[1] = { 100 };
            fit_row (ws, r, texts, widths, 1);
          }
          r++;
        }
    }
  worksheet_set_column (ws, 0, 0, 28, NULL);
  worksheet_set_column (ws, 1, 1, 100, NULL);
  worksheet_freeze_panes (ws, 2, 0);
  print_setup (b, ws, title, 2);
}

/* The writer's refusals and failures, in the export's own error domain with their plain words. */
static void
propagate_write_error (GError **error, GError *local)
{
  g_set_error_literal (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE, local->message);
  g_error_free (local);
}

/* libxlsxwriter prints its own «[ERROR] workbook_close(): …» lines to standard error when a write
 * fails; the user gets our plain message instead, so its lines go nowhere. The lock keeps two
 * exports (the window's worker threads) from restoring each other's descriptor. */
static GMutex quiet_lock;

static int
quiet_begin (void)
{
  int saved, null_fd;

  g_mutex_lock (&quiet_lock);
  fflush (stderr);
  saved = dup (STDERR_FILENO);
  null_fd = g_open ("/dev/null", O_WRONLY | O_CLOEXEC, 0);
  if (saved >= 0 && null_fd >= 0)
    dup2 (null_fd, STDERR_FILENO);
  if (null_fd >= 0)
    close (null_fd);
  return saved;
}

static void
quiet_end (int saved)
{
  fflush (stderr);
  if (saved >= 0)
    {
      dup2 (saved, STDERR_FILENO);
      close (saved);
    }
  g_mutex_unlock (&quiet_lock);
}

/* A column heading: bold, wrapped, on a tint, ruled below. */
static lxw_format *
header_format (lxw_workbook *wb)
{
  lxw_format *f = workbook_add_format (wb);

  format_set_bold (f);
  format_set_text_wrap (f);
  format_set_bg_color (f, 0xE8EEF4);
  format_set_bottom (f, LXW_BORDER_THIN);
  format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
  return f;
}

gboolean
itogi_export_xlsx (ItogiStore *store, const ItogiExportOptions *o, const char *path, GError **error)
{
  return itogi_export_xlsx_with (store, o, path, NULL, error);
}

gboolean
itogi_export_xlsx_with (ItogiStore *store, const ItogiExportOptions *o, const char *path,
                        const ItogiProgress *progress, GError **error)
{
  g_autoptr (GPtrArray) areas = collect (store, o, error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (ItogiOutput) output = NULL;
  const char *tmp;
  g_autofree char *office = itogi_store_get_meta (store, "office");
  g_autofree char *report = itogi_store_get_meta (store, "report-title");
  g_autofree char *doc_title = NULL, *keywords = NULL;
  lxw_workbook_options wopts = { 0 };
  lxw_doc_properties props = { 0 };
  lxw_error closed;
  GError *local = NULL;
  int saved_errno, quiet;
  locale_t c_locale, old_locale;
  Book b = { 0 };

  if (areas == NULL)
    return FALSE;
  output = itogi_output_begin (path, ITOGI_OUTPUT_DEFAULT, &local);
  if (output == NULL)
    {
      propagate_write_error (error, local);
      return FALSE;
    }
  /* libxlsxwriter writes the file by its name. */
  itogi_output_close_temp (output);
  tmp = itogi_output_get_temp_path (output);

  /* Debian's libxlsxwriter prints numbers with the current LC_NUMERIC: under ru_RU it would
   * write «22808,5» into the XML and corrupt the file. Everything runs in the C locale. */
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t)0);
  old_locale = uselocale (c_locale);

  b.o = o;
  b.year_text = itogi_format_year (o->year);
  b.compare_text = itogi_format_year (o->compare_year);
  b.formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.chart_data = g_ptr_array_new_with_free_func ((GDestroyNotify)chart_datum_free);
  /* Named first, so that no area's sheet takes its name. */
  b.chart_sheet = itogi_export_sheet_name ("Данные диаграмм", names);
  wopts.tmpdir = NULL;
  b.wb = workbook_new_opt (tmp, &wopts);
  if (b.wb == NULL)
    {
      uselocale (old_locale);
      freelocale (c_locale);
      g_free (b.year_text);
      g_free (b.compare_text);
      g_hash_table_unref (b.formats);
      g_ptr_array_unref (b.chart_data);
      g_free (b.chart_sheet);
      g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE,
                   _ ("The workbook could not be started."));
      return FALSE;
    }

  b.title = workbook_add_format (b.wb);
  format_set_bold (b.title);
  format_set_font_size (b.title, 14);
  format_set_align (b.title, LXW_ALIGN_VERTICAL_CENTER);
  b.header = header_format (b.wb);
  b.header_right = header_format (b.wb);
  format_set_align (b.header_right, LXW_ALIGN_RIGHT);
  b.text = workbook_add_format (b.wb);
  format_set_text_wrap (b.text);
  format_set_align (b.text, LXW_ALIGN_VERTICAL_TOP);
  b.text_center = workbook_add_format (b.wb);
  format_set_align (b.text_center, LXW_ALIGN_CENTER);
  format_set_align (b.text_center, LXW_ALIGN_VERTICAL_TOP);
  b.index = workbook_add_format (b.wb);
  format_set_align (b.index, LXW_ALIGN_CENTER);
  format_set_align (b.index, LXW_ALIGN_VERTICAL_TOP);
  b.dash = workbook_add_format (b.wb);
  format_set_align (b.dash, LXW_ALIGN_RIGHT);
  format_set_align (b.dash, LXW_ALIGN_VERTICAL_TOP);

  {
    g_autofree char *summary = itogi_export_sheet_name ("Сводка", names);
    write_summary (&b, areas, summary);
  }
  for (guint a = 0; a < areas->len; a++)
    {
      AreaData *d = areas->pdata[a];
      g_autofree char *sheet = NULL;

      /* A step per area's sheet, and one for packing the file: a cancel between them leaves
       * nothing (the workbook is let go unwritten, its temporary file removed). */
      if (!itogi_progress_step (progress, a, areas->len + 1, &local))
        {
          lxw_workbook_free (b.wb);
          uselocale (old_locale);
          freelocale (c_locale);
          g_hash_table_unref (b.formats);
          g_ptr_array_unref (b.chart_data);
          g_free (b.chart_sheet);
          g_free (b.year_text);
          g_free (b.compare_text);
          g_propagate_error (error, local);
          return FALSE;
        }
      /* (An area with no indicator is named on the summary instead.) */
      if (d->rows->len == 0)
        continue;
      sheet = itogi_export_sheet_name (d->area->short_title, names);
      write_area_sheet (&b, d, sheet);
    }
  itogi_progress_step (progress, areas->len, areas->len + 1, NULL);
  {
    g_autofree char *wanted = g_strdup_printf ("Задачи на %d год", o->year + 1);
    g_autofree char *tasks = itogi_export_sheet_name (wanted, names);
    g_autofree char *notes = itogi_export_sheet_name ("Пояснения", names);
    guint n_tasks = 0;

    for (guint a = 0; a < areas->len; a++)
      n_tasks += ((AreaData *)areas->pdata[a])->tasks->len;
    /* No tasks entered: no sheet that would say only that. */
    if (n_tasks > 0)
      write_tasks (&b, areas, tasks);
    write_notes (&b, areas, notes);
  }
  write_chart_data (&b);

  doc_title = g_strdup_printf ("Итоги: %s к %s", b.year_text, b.compare_text);
  keywords = g_strdup_printf ("итоги, отчёт, %d, %d", o->year, o->compare_year);
  props.title = doc_title;
  props.subject = report;
  props.author = office;
  props.company = office;
  props.keywords = keywords;
  props.comments = "Itogi " PACKAGE_VERSION;
  props.created = o->created;
  check (&b, workbook_set_properties (b.wb, &props));

  quiet = quiet_begin ();
  errno = 0;
  closed = workbook_close (b.wb);
  saved_errno = errno;
  quiet_end (quiet);
  uselocale (old_locale);
  freelocale (c_locale);
  g_hash_table_unref (b.formats);
  /* (The charts' labels point into the data: it goes after the workbook is written.) */
  g_ptr_array_unref (b.chart_data);
  g_free (b.chart_sheet);
  g_free (b.year_text);
  g_free (b.compare_text);

  if (b.status != LXW_NO_ERROR || closed != LXW_NO_ERROR)
    {
      lxw_error e = closed != LXW_NO_ERROR ? closed : b.status;
      /* The file and the cause in plain words, as every other writer says them; libxlsxwriter's
       * own code only when the system gave no reason. */
      if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG || saved_errno == EACCES
          || saved_errno == EPERM || saved_errno == EROFS || saved_errno == EIO)
        {
          GError *plain = NULL;
          itogi_output_set_errno_error (&plain, itogi_output_get_target (output), saved_errno);
          propagate_write_error (error, plain);
        }
      else
        g_set_error (error, ITOGI_EXPORT_ERROR,
                     e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE
                         ? ITOGI_EXPORT_ERROR_WRITE
                         : ITOGI_EXPORT_ERROR_FAILED,
                     _ ("The workbook could not be written (%s). Nothing was saved."), lxw_strerror (e));
      return FALSE;
    }
  /* Cancelled while the file was packed: it is not put in place. */
  if (progress != NULL && !itogi_progress_step (progress, areas->len + 1, areas->len + 1, error))
    return FALSE;
  if (!itogi_output_commit (g_steal_pointer (&output), &local))
    {
      propagate_write_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/* ---- CSV ---- */

static void
csv_field (GString *out, const char *text, gboolean last)
{
  gboolean quote = strpbrk (text, ";\"\r\n") != NULL;

  if (quote)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ";");
}

/* A number as Russian Excel reads one: no grouping, a decimal comma, an ASCII minus. */
static char *
csv_number (gint64 amount, guint scale)
{
  g_autofree char *s = itogi_format_fixed (amount, scale);
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x2212)
        g_string_append_c (out, '-');
      else if (c != 0x202f)
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
csv_value (const ItogiTableRow *row, const ItogiValue *v)
{
  guint scale = itogi_kind_effective_scale (row->indicator->kind, row->indicator->scale);
  g_autofree char *number = NULL;
  const char *word;

  if (!v->present)
    return g_strdup ("");
  number = csv_number (v->amount, scale);
  word = itogi_qualifier_word (v->qualifier);
  /* A bound or an approximation stays words and a number, as the report states it. */
  return word != NULL ? g_strconcat (word, " ", number, NULL) : g_steal_pointer (&number);
}

gboolean
itogi_export_csv (ItogiStore *store, const ItogiExportOptions *o, const char *path, GError **error)
{
  g_autoptr (GPtrArray) areas = collect (store, o, error);
  g_autoptr (GString) out = g_string_new ("\xef\xbb\xbf");
  g_autofree char *y = NULL, *c = NULL;
  g_autoptr (GError) local = NULL;

  if (areas == NULL)
    return FALSE;
  y = itogi_format_year (o->year);
  c = itogi_format_year (o->compare_year);
  csv_field (out, "Направление", FALSE);
  csv_field (out, "Показатель", FALSE);
  csv_field (out, "Ед. изм.", FALSE);
  csv_field (out, c, FALSE);
  csv_field (out, y, FALSE);
  csv_field (out, "Изменение", FALSE);
  csv_field (out, "Изменение, %", FALSE);
  csv_field (out, "Примечание", TRUE);

  for (guint a = 0; a < areas->len; a++)
    {
      AreaData *d = areas->pdata[a];
      for (guint i = 0; i < d->rows->len; i++)
        {
          const ItogiTableRow *row = d->rows->pdata[i];
          guint scale = itogi_kind_effective_scale (row->indicator->kind, row->indicator->scale);
          g_autofree char *area = itogi_export_csv_text (d->area->short_title);
          g_autofree char *title = itogi_export_csv_text (row->indicator->title);
          g_autofree char *unit = itogi_export_csv_text (row->indicator->unit);
          g_autofree char *prev = csv_value (row, &row->previous);
          g_autofree char *cur = csv_value (row, &row->current);
          g_autofree char *note_raw = row_note (row, o->year, o->compare_year);
          g_autofree char *note = itogi_export_csv_text (note_raw);
          g_autofree char *delta = NULL, *pct = NULL;

          if (row->yoy.kind == ITOGI_CHANGE_EXACT)
            {
              delta = csv_number (row->yoy.delta, scale);
              pct = row->yoy.has_percent ? csv_number (row->yoy.percent_x10, 1) : g_strdup ("");
            }
          else
            {
              /* Not exact: the words the table shows («≈ +40», «—»), never a bare number. */
              delta = itogi_yoy_format_delta (&row->yoy, row->indicator->kind, row->indicator->scale);
              pct = itogi_yoy_format_percent (&row->yoy);
            }
          csv_field (out, area, FALSE);
          csv_field (out, title, FALSE);
          csv_field (out, unit, FALSE);
          csv_field (out, prev, FALSE);
          csv_field (out, cur, FALSE);
          csv_field (out, delta, FALSE);
          csv_field (out, pct, FALSE);
          csv_field (out, note, TRUE);
        }
    }

  /* Written beside the file and renamed: a full disk leaves the old file, not half a new one. */
  if (!itogi_output_write_file (path, out->str, out->len, &local))
    {
      propagate_write_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}
