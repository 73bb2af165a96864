/* itogi-report-pdf.c: the annual report as a print-ready A4 PDF
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is a Russian document for a Russian office: its fixed words («Задачи на 2024 год»,
 * the table's column headings, «Калуга, 2024») are part of the document, like the narrative and
 * the data, and are not translated with the interface. Only the error messages are.
 *
 * Layout is done once, in a single pass: each area becomes a list of blocks (text, table,
 * chart) that are measured with Pango from the PDF surface itself and then poured onto pages.
 * A text block breaks only between lines, never leaving fewer than two lines of a paragraph at
 * the foot or the head of a page; a heading moves to the next page unless the start of what
 * follows it fits below it; a table breaks only between rows and repeats its header row; a
 * chart is never split.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "itogi-chart-export.h"
#include "itogi-chart-model.h"
#include "itogi-chart-render.h"
#include "itogi-format.h"
#include "itogi-report-file.h"
#include "itogi-report-pdf.h"
#include "itogi-table.h"
#include "itogi-xlsx.h"

#define MM (72.0 / 25.4)
#define PAGE_WIDTH (210.0 * MM)
#define PAGE_HEIGHT (297.0 * MM)
/* Wider on the left for binding, as office documents are (ГОСТ Р 7.0.97 asks 20 mm). */
#define MARGIN_LEFT (20.0 * MM)
#define MARGIN_RIGHT (15.0 * MM)
#define MARGIN_TOP (20.0 * MM)
#define MARGIN_BOTTOM (20.0 * MM)
#define TEXT_WIDTH (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define TEXT_BOTTOM (PAGE_HEIGHT - MARGIN_BOTTOM)
#define BODY_HEIGHT (TEXT_BOTTOM - MARGIN_TOP)
#define FOOTER_BASELINE (PAGE_HEIGHT - 10.0 * MM)

#define SERIF ITOGI_REPORT_SERIF
#define SANS ITOGI_REPORT_SANS
#define BODY_SIZE 11.0
#define LINE_SPACING 1.15
#define HEADING_SIZE 14.0
#define SUBHEADING_SIZE 11.5
#define TABLE_SIZE 8.5
#define FOOTER_SIZE 9.0
/* The first-line indent of Russian office documents: 1,25 cm. */
#define INDENT (12.5 * MM)
#define LIST_MARKER_X (5.0 * MM)
#define LIST_TEXT_X (12.5 * MM)
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5
/* The fewest lines of a paragraph left at the foot or carried to the head of a page. */
#define KEEP_LINES 2
/* A table cell longer than this many lines is cut short with «…»: a row never outgrows a page. */
#define MAX_CELL_LINES 12
#define N_COLUMNS ITOGI_REPORT_TABLE_COLUMNS

typedef struct
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *pango;
  int page;          /* 1-based: the page being drawn */
  double y;          /* where the next block starts */
  gboolean fresh;    /* nothing drawn on this page yet: space before a block is dropped */
  guint outline_ids; /* outline entries made */
} Doc;

typedef struct
{
  double top, bottom; /* the line's slot in the layout, line spacing included */
  double baseline;
  double x;
  PangoLayoutLine *line; /* owned by the layout */
} Line;

typedef struct
{
  guint n_rows; /* with the header row, which is row 0 */
  double widths[N_COLUMNS];
  PangoLayout **cells; /* n_rows × N_COLUMNS */
  double *heights;
} Table;

typedef enum
{
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_CHART,
} BlockKind;

typedef struct
{
  BlockKind kind;
  double space_before;
  double space_after;
  gboolean keep_whole;     /* never split: headings */
  gboolean keep_with_next; /* on the page where the next block starts: headings */
  char *outline;           /* an outline entry pointing here, or NULL */
  double x;                /* the text's left edge, from the margin */
  PangoLayout *layout;     /* BLOCK_TEXT */
  PangoLayout *marker;     /* BLOCK_TEXT: «1.» beside the first line, or NULL */
  GArray *lines;           /* BLOCK_TEXT: Line */
  Table *table;            /* BLOCK_TABLE */
  double reserve;          /* BLOCK_TABLE: the least height of the chart after it, to keep with it */
  ItogiChartModel *chart;  /* BLOCK_CHART */
  double height;           /* BLOCK_CHART */
} Block;

static void
table_free (Table *t)
{
  for (guint i = 0; i < t->n_rows * N_COLUMNS; i++)
    g_clear_object (&t->cells[i]);
  g_free (t->cells);
  g_free (t->heights);
  g_free (t);
}

static void
block_free (Block *b)
{
  g_clear_object (&b->layout);
  g_clear_object (&b->marker);
  g_clear_pointer (&b->lines, g_array_unref);
  g_clear_pointer (&b->table, table_free);
  g_clear_pointer (&b->chart, itogi_chart_model_free);
  g_free (b->outline);
  g_free (b);
}

/* Text as Pango should get it: valid UTF-8, control characters (a stray tab, a line break
 * inside a heading) as spaces. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029)
        c = ' ';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static PangoLayout *
make_layout (Doc *d, const char *family, double size, PangoWeight weight, double width, PangoAlignment align,
             const char *text)
{
  PangoLayout *layout = pango_layout_new (d->pango);
  PangoFontDescription *desc = pango_font_description_new ();
  g_autofree char *clean = clean_text (text);

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      /* A word longer than the line (a URL, a long number) is broken rather than overflowing. */
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, clean, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;
  pango_layout_get_size (layout, &w, &h);
  return h / (double)PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;
  pango_layout_get_size (layout, &w, &h);
  return w / (double)PANGO_SCALE;
}

static GArray *
lines_of (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      Line l;
      int y0, y1;
      PangoRectangle logical;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      l.top = y0 / (double)PANGO_SCALE;
      l.bottom = y1 / (double)PANGO_SCALE;
      l.baseline = pango_layout_iter_get_baseline (iter) / (double)PANGO_SCALE;
      l.x = logical.x / (double)PANGO_SCALE;
      l.line = pango_layout_iter_get_line_readonly (iter);
      g_array_append_val (lines, l);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

/* ---- pages ---- */

static void
finish_page (Doc *d)
{
  /* The title page counts as page 1 but shows no number, as reports are numbered. */
  if (d->page > 1)
    {
      g_autofree char *number = g_strdup_printf ("%d", d->page);
      g_autoptr (PangoLayout) layout
          = make_layout (d, SANS, FOOTER_SIZE, PANGO_WEIGHT_NORMAL, TEXT_WIDTH, PANGO_ALIGN_CENTER, number);
      double baseline = pango_layout_get_baseline (layout) / (double)PANGO_SCALE;

      cairo_set_source_rgb (d->cr, 0.25, 0.25, 0.25);
      cairo_move_to (d->cr, MARGIN_LEFT, FOOTER_BASELINE - baseline);
      pango_cairo_show_layout (d->cr, layout);
    }
  cairo_show_page (d->cr);
}

static void
new_page (Doc *d)
{
  finish_page (d);
  d->page++;
  d->y = MARGIN_TOP;
  d->fresh = TRUE;
}

static void
add_outline (Doc *d, const char *name, double y)
{
  g_autofree char *clean = clean_text (name);
  g_autofree char *attrs = NULL;

  /* Whole points, never a fraction. Cairo 1.16 reads the numbers of these attributes with
   * sscanf ("%lf"), in the thread's LC_NUMERIC (cairo-tag-attributes.c, parse_float): under
   * ru_RU.UTF-8 «56.7» stops at the dot and the whole report fails with CAIRO_STATUS_TAG_ERROR,
   * whatever formatted the dot. Cairo 1.17.2 reads a dot in any locale but then no comma
   * (upstream commit 3a0670e, issue #347). Digits alone read the same in every locale and every
   * Cairo, and a point is finer than anyone scrolls to a heading. */
  attrs
      = g_strdup_printf ("page=%d pos=[%ld %ld]", d->page, lround (MARGIN_LEFT), lround (MAX (0.0, y - 6.0)));
  cairo_pdf_surface_add_outline (d->surface, CAIRO_PDF_OUTLINE_ROOT, clean, attrs, 0);
  d->outline_ids++;
}

/* ---- blocks ---- */

static Block *
text_block (Doc *d, const char *family, double size, PangoWeight weight, double x, double indent,
            gboolean justify, const char *text)
{
  Block *b = g_new0 (Block, 1);

  b->kind = BLOCK_TEXT;
  b->x = x;
  b->layout = make_layout (d, family, size, weight, TEXT_WIDTH - x, PANGO_ALIGN_LEFT, text);
  pango_layout_set_justify (b->layout, justify);
  pango_layout_set_indent (b->layout, pango_units_from_double (indent));
  pango_layout_set_line_spacing (b->layout, LINE_SPACING);
  b->lines = lines_of (b->layout);
  return b;
}

static Block *
heading_block (Doc *d, double size, double before, double after, const char *text)
{
  Block *b = text_block (d, SANS, size, PANGO_WEIGHT_BOLD, 0, 0, FALSE, text);

  /* A heading of absurd length still leaves room on its page for what follows it. */
  pango_layout_set_height (b->layout, -4);
  pango_layout_set_ellipsize (b->layout, PANGO_ELLIPSIZE_END);
  g_array_unref (b->lines);
  b->lines = lines_of (b->layout);
  b->space_before = before;
  b->space_after = after;
  b->keep_whole = TRUE;
  b->keep_with_next = TRUE;
  return b;
}

static double
text_height (const Block *b, guint first, guint count)
{
  const Line *a = &g_array_index (b->lines, Line, first);
  const Line *z = &g_array_index (b->lines, Line, first + count - 1);
  return z->bottom - a->top;
}

static double chart_least_height (const Block *b);

/* What must fit on a page for the block to start there: its space, the lines it may not leave
 * alone, and for a heading whatever the next block needs too. */
static double
block_lead (GPtrArray *blocks, guint i)
{
  const Block *b = blocks->pdata[i];
  double h = b->space_before;

  switch (b->kind)
    {
    case BLOCK_TEXT:
      h += text_height (b, 0, b->keep_whole ? b->lines->len : MIN (KEEP_LINES, b->lines->len));
      if (b->keep_whole)
        h += b->space_after;
      break;
    case BLOCK_TABLE:
      h += b->table->heights[0] + (b->table->n_rows > 1 ? b->table->heights[1] : 0);
      break;
    case BLOCK_CHART:
    default:
      h += chart_least_height (b);
      break;
    }
  if (b->keep_with_next && i + 1 < blocks->len)
    h += block_lead (blocks, i + 1);
  return h;
}

static void
draw_lines (Doc *d, const Block *b, guint first, guint count)
{
  const Line *start = &g_array_index (b->lines, Line, first);

  cairo_set_source_rgb (d->cr, 0, 0, 0);
  for (guint k = first; k < first + count; k++)
    {
      const Line *l = &g_array_index (b->lines, Line, k);
      cairo_move_to (d->cr, MARGIN_LEFT + b->x + l->x, d->y + (l->baseline - start->top));
      pango_cairo_show_layout_line (d->cr, l->line);
    }
  if (first == 0 && b->marker != NULL)
    {
      double baseline = pango_layout_get_baseline (b->marker) / (double)PANGO_SCALE;
      cairo_move_to (d->cr, MARGIN_LEFT + LIST_MARKER_X, d->y + (start->baseline - start->top) - baseline);
      pango_cairo_show_layout (d->cr, b->marker);
    }
}

static void
place_text (Doc *d, Block *b)
{
  guint n = b->lines->len, first = 0;
  guint keep = b->keep_whole ? n : KEEP_LINES;

  if (!d->fresh)
    d->y += b->space_before;
  while (first < n)
    {
      guint left = n - first, fit = 0;

      while (fit < left && d->y + text_height (b, first, fit + 1) <= TEXT_BOTTOM + 0.01)
        fit++;
      if (fit < left)
        {
          /* Leave at least @keep lines at the foot and carry at least @keep to the next page. */
          if (left - fit < keep && fit > keep)
            fit = MAX (keep, fit - (keep - (left - fit)));
          if (fit < MIN (keep, left) && !d->fresh)
            {
              new_page (d);
              continue;
            }
          /* A page holds at least one line, whatever happens. */
          fit = MAX (fit, 1);
        }
      if (first == 0 && b->outline != NULL)
        add_outline (d, b->outline, d->y);
      draw_lines (d, b, first, fit);
      d->y += text_height (b, first, fit);
      d->fresh = FALSE;
      first += fit;
      if (first < n)
        new_page (d);
    }
  d->y += b->space_after;
}

/* ---- the table ---- */

static double
widest_word (Doc *d, const char *text, PangoWeight weight)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  double w = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr (PangoLayout) l = make_layout (d, SANS, TABLE_SIZE, weight, -1, PANGO_ALIGN_LEFT, words[i]);
      w = MAX (w, layout_width (l));
    }
  return w;
}

static Table *
table_new (Doc *d, GPtrArray *rows, int year, int compare_year)
{
  const PangoAlignment aligns[N_COLUMNS] = { PANGO_ALIGN_LEFT,  PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT,
                                             PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,  PANGO_ALIGN_RIGHT };
  g_autoptr (GPtrArray) texts = itogi_report_table_cells (rows, year, compare_year);
  Table *t = g_new0 (Table, 1);
  double others = 0;

  t->n_rows = rows->len + 1;

  /* Figures are never wrapped: each figure column is as wide as its widest cell, and a heading
   * may wrap between words. The indicator's title takes the rest. */
  for (guint c = 1; c < N_COLUMNS; c++)
    {
      double w = widest_word (d, texts->pdata[c], PANGO_WEIGHT_BOLD);
      for (guint r = 1; r < t->n_rows; r++)
        {
          g_autoptr (PangoLayout) l = make_layout (d, SANS, TABLE_SIZE, PANGO_WEIGHT_NORMAL, -1,
                                                   PANGO_ALIGN_LEFT, texts->pdata[r * N_COLUMNS + c]);
          w = MAX (w, layout_width (l));
        }
      t->widths[c] = ceil (w + 2 * CELL_PAD_X + 1);
      others += t->widths[c];
    }
  t->widths[0] = TEXT_WIDTH - others;
  if (t->widths[0] < 0.3 * TEXT_WIDTH)
    {
      /* Only figures of absurd length get here: they wrap rather than crowd out the titles. */
      double factor = 0.7 * TEXT_WIDTH / others;
      for (guint c = 1; c < N_COLUMNS; c++)
        t->widths[c] *= factor;
      t->widths[0] = 0.3 * TEXT_WIDTH;
    }

  t->cells = g_new0 (PangoLayout *, t->n_rows * N_COLUMNS);
  t->heights = g_new0 (double, t->n_rows);
  for (guint r = 0; r < t->n_rows; r++)
    for (guint c = 0; c < N_COLUMNS; c++)
      {
        PangoLayout *l = make_layout (d, SANS, TABLE_SIZE, r == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                      t->widths[c] - 2 * CELL_PAD_X, r == 0 ? PANGO_ALIGN_CENTER : aligns[c],
                                      texts->pdata[r * N_COLUMNS + c]);
        pango_layout_set_height (l, -MAX_CELL_LINES);
        pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
        t->cells[r * N_COLUMNS + c] = l;
        t->heights[r] = MAX (t->heights[r], ceil (layout_height (l) + 2 * CELL_PAD_Y));
      }
  return t;
}

static void
draw_table_row (Doc *d, const Table *t, guint r)
{
  double x = MARGIN_LEFT, h = t->heights[r];

  if (r == 0)
    {
      cairo_set_source_rgb (d->cr, 0.91, 0.93, 0.96);
      cairo_rectangle (d->cr, MARGIN_LEFT, d->y, TEXT_WIDTH, h);
      cairo_fill (d->cr);
    }
  cairo_set_line_width (d->cr, 0.5);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      cairo_set_source_rgb (d->cr, 0.45, 0.45, 0.45);
      cairo_rectangle (d->cr, x, d->y, t->widths[c], h);
      cairo_stroke (d->cr);
      cairo_set_source_rgb (d->cr, 0, 0, 0);
      cairo_move_to (d->cr, x + CELL_PAD_X, d->y + CELL_PAD_Y);
      pango_cairo_show_layout (d->cr, t->cells[r * N_COLUMNS + c]);
      x += t->widths[c];
    }
  d->y += h;
  d->fresh = FALSE;
}

/* The height of rows @from to the last. */
static double
rows_height (const Table *t, guint from)
{
  double h = 0;

  for (guint r = from; r < t->n_rows; r++)
    h += t->heights[r];
  return h;
}

/* A table is followed by its chart (b->reserve: the chart's least height). When the rest of the
 * table fits on the page but the chart would not, the chart is not left to start the next page
 * alone, away from its section: the table's last two rows (a table of two rows or fewer: all of
 * it) go over with it, under the header row again. */
#define ROWS_WITH_CHART 2

static void
place_table (Doc *d, Block *b)
{
  const Table *t = b->table;
  double first_row = t->n_rows > 1 ? t->heights[1] : 0;
  guint data_rows = t->n_rows > 0 ? t->n_rows - 1 : 0;
  guint break_at = 0; /* the row that starts the next page with the chart; 0: none */

  if (!d->fresh && d->y + b->space_before + t->heights[0] + first_row > TEXT_BOTTOM)
    new_page (d);
  /* A short table goes over whole with its chart. */
  if (!d->fresh && b->reserve > 0 && data_rows <= ROWS_WITH_CHART
      && d->y + b->space_before + rows_height (t, 0) <= TEXT_BOTTOM
      && d->y + b->space_before + rows_height (t, 0) + b->space_after + b->reserve > TEXT_BOTTOM)
    new_page (d);
  if (!d->fresh)
    d->y += b->space_before;
  draw_table_row (d, t, 0);
  for (guint r = 1; r < t->n_rows; r++)
    {
      /* The rest fits here, the chart after it would not: two rows wait for the next page. */
      if (break_at == 0 && b->reserve > 0 && data_rows > ROWS_WITH_CHART && t->n_rows - r > ROWS_WITH_CHART
          && d->y + rows_height (t, r) <= TEXT_BOTTOM
          && d->y + rows_height (t, r) + b->space_after + b->reserve > TEXT_BOTTOM)
        break_at = t->n_rows - ROWS_WITH_CHART;
      if (d->y + t->heights[r] > TEXT_BOTTOM + 0.01 || r == break_at)
        {
          /* Continued on the next page under its header row again. */
          new_page (d);
          draw_table_row (d, t, 0);
        }
      draw_table_row (d, t, r);
    }
  d->y += b->space_after;
}

/* ---- the chart ---- */

/* The height a chart would like at the text's width: a panel or two need less than eight. */
static double
chart_height (const ItogiChartModel *model)
{
  guint n = model->items->len;
  double h = n <= 2 ? 250.0 : n <= 4 ? 280.0 : 300.0;

  /* More than eight panels or bars get room to stay legible. */
  if (n > 8)
    h += (n - 8) * 36.0;
  return MIN (h, BODY_HEIGHT);
}

/* Rather than leave a third of a page empty, a chart gives up some height, down to the least the
 * chart module lays out legibly. */
static double
chart_least_height (const Block *b)
{
  return MIN (b->height, MAX (ITOGI_CHART_MIN_HEIGHT, b->height * 0.8));
}

static void
place_chart (Doc *d, Block *b)
{
  ItogiChartStyle style;
  double room = TEXT_BOTTOM - d->y - b->space_before;
  double least = chart_least_height (b);
  double height = b->height;

  if (!d->fresh && room < least)
    new_page (d);
  else if (!d->fresh)
    height = MIN (b->height, floor (room));
  if (!d->fresh)
    d->y += b->space_before;
  itogi_chart_style_init_light (&style);
  cairo_save (d->cr);
  cairo_translate (d->cr, MARGIN_LEFT, d->y);
  cairo_rectangle (d->cr, 0, 0, TEXT_WIDTH, height);
  cairo_clip (d->cr);
  /* The chart module draws into the PDF itself: vectors and searchable text, not a picture. */
  itogi_chart_render (d->cr, b->chart, &style, TEXT_WIDTH, height, -1, NULL);
  cairo_restore (d->cr);
  d->y += height + b->space_after;
  d->fresh = FALSE;
}

static void
place_block (Doc *d, GPtrArray *blocks, guint i)
{
  Block *b = blocks->pdata[i];

  if (b->keep_with_next && !d->fresh && d->y + block_lead (blocks, i) > TEXT_BOTTOM)
    new_page (d);
  switch (b->kind)
    {
    case BLOCK_TEXT:
      place_text (d, b);
      break;
    case BLOCK_TABLE:
      place_table (d, b);
      break;
    case BLOCK_CHART:
    default:
      place_chart (d, b);
      break;
    }
}

/* ---- the document ---- */

static void
draw_title_page (Doc *d, const ItogiNarrative *n, const char *city)
{
  g_autofree char *fallback = g_strdup_printf ("Отчет о деятельности за %d год", n->year);
  g_autofree char *place = city != NULL && *city != '\0' ? g_strdup_printf ("%s, %d", city, n->year + 1)
                                                         : g_strdup_printf ("%d", n->year + 1);
  g_autoptr (PangoLayout) office = make_layout (d, SANS, 13, PANGO_WEIGHT_BOLD, TEXT_WIDTH,
                                                PANGO_ALIGN_CENTER, n->office != NULL ? n->office : "");
  g_autoptr (PangoLayout) title
      = make_layout (d, SERIF, 20, PANGO_WEIGHT_BOLD, TEXT_WIDTH, PANGO_ALIGN_CENTER,
                     n->title != NULL && *n->title != '\0' ? n->title : fallback);
  g_autoptr (PangoLayout) bottom
      = make_layout (d, SERIF, 13, PANGO_WEIGHT_NORMAL, TEXT_WIDTH, PANGO_ALIGN_CENTER, place);
  double office_bottom, title_top, bottom_top;

  pango_layout_set_height (office, -5);
  pango_layout_set_ellipsize (office, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (title, -12);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_line_spacing (title, 1.2);

  cairo_set_source_rgb (d->cr, 0, 0, 0);
  cairo_move_to (d->cr, MARGIN_LEFT, MARGIN_TOP);
  pango_cairo_show_layout (d->cr, office);
  office_bottom = MARGIN_TOP + layout_height (office);

  bottom_top = TEXT_BOTTOM - layout_height (bottom);
  /* The title sits a little above the middle, and never on the office's name or the place. */
  title_top = MAX (office_bottom + 36.0, PAGE_HEIGHT * 0.4 - layout_height (title) / 2);
  title_top = MIN (title_top, bottom_top - 24.0 - layout_height (title));
  cairo_move_to (d->cr, MARGIN_LEFT, title_top);
  pango_cairo_show_layout (d->cr, title);

  cairo_move_to (d->cr, MARGIN_LEFT, bottom_top);
  pango_cairo_show_layout (d->cr, bottom);
}

/* A text's paragraphs ("\n" between them) as blocks: a paragraph with a first-line indent, a
 * line that opens with «– » as a list item under its dash; a paragraph that ends in «:» stays
 * with the list after it. */
static void
append_paragraph_blocks (Doc *d, GPtrArray *blocks, const char *text)
{
  g_auto (GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);
  Block *lead = NULL; /* the paragraph before, when it ends in «:» */

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      Block *b;

      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        continue;
      if (g_str_has_prefix (paragraphs[i], "\u2013 "))
        {
          b = text_block (d, SERIF, BODY_SIZE, PANGO_WEIGHT_NORMAL, LIST_TEXT_X, 0, FALSE,
                          paragraphs[i] + strlen ("\u2013 "));
          b->marker = make_layout (d, SERIF, BODY_SIZE, PANGO_WEIGHT_NORMAL, -1, PANGO_ALIGN_LEFT, "\u2013");
          b->space_before = 1;
          if (lead != NULL)
            lead->keep_with_next = TRUE;
        }
      else
        {
          b = text_block (d, SERIF, BODY_SIZE, PANGO_WEIGHT_NORMAL, 0, INDENT, FALSE, paragraphs[i]);
          b->space_before = 3;
        }
      g_ptr_array_add (blocks, b);
      lead = g_str_has_suffix (paragraphs[i], ":") ? b : NULL;
    }
}

/* The blocks of one area, in reading order. */
static GPtrArray *
section_blocks (Doc *d, ItogiStore *store, const ItogiNarrative *n, guint index, GError **error)
{
  const ItogiNarrativeSection *s = n->sections->pdata[index];
  g_autoptr (GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *heading = g_strdup_printf ("%u. %s", index + 1, s->heading != NULL ? s->heading : "");
  Block *b;
  gboolean said = FALSE;

  b = heading_block (d, HEADING_SIZE, 20, 8, heading);
  b->outline = g_strdup (heading);
  g_ptr_array_add (blocks, b);

  append_paragraph_blocks (d, blocks, s->body);
  said = blocks->len > 1;

  if (s->slug != NULL)
    {
      rows = itogi_table_build (store, s->slug, n->year, n->compare_year, error);
      if (rows == NULL)
        return NULL;
    }
  if (rows != NULL && rows->len > 0)
    {
      ItogiChartModel *chart;

      b = g_new0 (Block, 1);
      b->kind = BLOCK_TABLE;
      b->table = table_new (d, rows, n->year, n->compare_year);
      b->space_before = 10;
      b->space_after = 4;
      g_ptr_array_add (blocks, b);
      said = TRUE;

      {
        g_autoptr (GError) local = NULL;
        chart = itogi_report_chart_model (store, s, n->year, n->compare_year, &local);
        if (local != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local));
            return NULL;
          }
      }
      /* No chart chosen for the area, or nothing to draw. */
      if (chart == NULL || chart->items->len == 0)
        g_clear_pointer (&chart, itogi_chart_model_free);
      else
        {
          Block *table = b;

          b = g_new0 (Block, 1);
          b->kind = BLOCK_CHART;
          b->chart = chart;
          b->height = chart_height (chart);
          b->space_before = 10;
          b->space_after = 4;
          g_ptr_array_add (blocks, b);
          table->reserve = b->space_before + chart_least_height (b);
        }
    }

  if (!said)
    {
      g_autofree char *nothing = g_strdup_printf ("Сведений за %d год нет.", n->year);
      b = text_block (d, SERIF, BODY_SIZE, PANGO_WEIGHT_NORMAL, 0, INDENT, FALSE, nothing);
      g_ptr_array_add (blocks, b);
    }
  return g_steal_pointer (&blocks);
}

/* The report's last section: next year's tasks, area by area, numbered under each area's name.
 * NULL when no area has any: none are written. */
static GPtrArray *
tasks_blocks (Doc *d, const ItogiNarrative *n)
{
  g_autoptr (GPtrArray) blocks = NULL;
  g_autofree char *heading = NULL;
  Block *b;

  if (!itogi_narrative_has_tasks (n))
    return NULL;
  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  heading = g_strdup_printf ("%u. Задачи на %d год", n->sections->len + 1, n->year + 1);
  b = heading_block (d, HEADING_SIZE, 20, 8, heading);
  b->outline = g_strdup (heading);
  g_ptr_array_add (blocks, b);
  for (guint i = 0; i < n->sections->len; i++)
    {
      const ItogiNarrativeSection *s = n->sections->pdata[i];

      if (s->tasks == NULL || s->tasks->len == 0)
        continue;
      g_ptr_array_add (blocks,
                       heading_block (d, SUBHEADING_SIZE, 12, 4, s->heading != NULL ? s->heading : ""));
      for (guint t = 0; t < s->tasks->len; t++)
        {
          g_autofree char *number = g_strdup_printf ("%u.", t + 1);
          b = text_block (d, SERIF, BODY_SIZE, PANGO_WEIGHT_NORMAL, LIST_TEXT_X, 0, FALSE,
                          s->tasks->pdata[t]);
          b->marker = make_layout (d, SERIF, BODY_SIZE, PANGO_WEIGHT_NORMAL, -1, PANGO_ALIGN_LEFT, number);
          b->space_before = 2;
          g_ptr_array_add (blocks, b);
        }
    }
  return g_steal_pointer (&blocks);
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (cairo_surface_t *surface, const ItogiNarrative *n)
{
  g_autofree char *title = clean_text (n->title);
  g_autofree char *office = clean_text (n->office);
  g_autofree char *keywords = g_strdup_printf ("итоги, отчёт, %d, %d", n->year, n->compare_year);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, office);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Itogi " PACKAGE_VERSION);
}

gboolean
itogi_report_write_pdf (ItogiStore *store, const ItogiNarrative *narrative, const char *path, GError **error)
{
  return itogi_report_write_pdf_with (store, narrative, path, NULL, error);
}

gboolean
itogi_report_write_pdf_with (ItogiStore *store, const ItogiNarrative *narrative, const char *path,
                             const ItogiProgress *progress, GError **error)
{
  g_autoptr (ItogiReportFile) file = NULL;
  g_autoptr (GByteArray) pdf = g_byte_array_new ();
  g_autofree char *city = NULL;
  cairo_font_options_t *options;
  cairo_status_t status;
  gboolean failed = FALSE;
  Doc d = { 0 };

  g_return_val_if_fail (narrative != NULL && narrative->sections != NULL, FALSE);

  /* Drawn into memory, then saved: Cairo 1.16 aborts on finishing a PDF whose stream failed
   * part way (an outline entry then points at a page it never wrote), and a report is a few
   * hundred kilobytes. */
  d.surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (d.surface, CAIRO_PDF_VERSION_1_5);
  set_metadata (d.surface, narrative);
  d.cr = cairo_create (d.surface);
  d.pango = pango_cairo_create_context (d.cr);
  /* Measured in points, with unhinted metrics: the text is laid out for paper, not a screen. */
  pango_cairo_context_set_resolution (d.pango, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (d.pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (d.pango, FALSE);
  pango_context_set_language (d.pango, pango_language_from_string ("ru"));
  d.page = 1;

  city = itogi_store_get_meta (store, "city");
  draw_title_page (&d, narrative, city);
  new_page (&d);
  {
    /* The opening, the year's areas of activity, before the first section. */
    g_autoptr (GPtrArray) opening = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);

    append_paragraph_blocks (&d, opening, narrative->introduction);
    for (guint k = 0; k < opening->len; k++)
      place_block (&d, opening, k);
  }

  for (guint i = 0; i < narrative->sections->len; i++)
    {
      g_autoptr (GPtrArray) blocks = NULL;

      /* The document is drawn in memory and saved only at the end: a cancel leaves nothing. */
      if (!itogi_progress_step (progress, i, narrative->sections->len, error))
        {
          failed = TRUE;
          break;
        }
      blocks = section_blocks (&d, store, narrative, i, error);
      if (blocks == NULL)
        {
          failed = TRUE;
          break;
        }
      for (guint k = 0; k < blocks->len; k++)
        place_block (&d, blocks, k);
    }
  if (!failed)
    {
      g_autoptr (GPtrArray) blocks = tasks_blocks (&d, narrative);

      for (guint k = 0; blocks != NULL && k < blocks->len; k++)
        place_block (&d, blocks, k);
    }
  finish_page (&d);

  g_object_unref (d.pango);
  status = cairo_status (d.cr);
  cairo_destroy (d.cr);
  cairo_surface_finish (d.surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (d.surface);
  cairo_surface_destroy (d.surface);

  if (failed)
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_FAILED,
                   _ ("The report could not be drawn (%s). Nothing was saved."),
                   cairo_status_to_string (status));
      return FALSE;
    }

  file = itogi_report_file_begin (path, error);
  if (file == NULL)
    return FALSE;
  itogi_report_file_write (file, pdf->data, pdf->len);
  /* A failed write is reported here, with the disk's own reason. */
  return itogi_report_file_commit (g_steal_pointer (&file), error);
}
