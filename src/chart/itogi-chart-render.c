/* itogi-chart-render.c: draw a chart model with Cairo and Pango, on any surface
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every size, position and font is derived from the cairo_t and the rectangle given: the
 * function keeps no state, so the widget, PNG, SVG and PDF all draw the same chart. Each text is
 * laid out by Pango first and placed in a band of the chart that nothing else uses, and the box
 * it was given is recorded, so the tests can prove that no two labels overlap at any size.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "itogi-chart-render.h"
#include "itogi-chart-scale.h"
#include "itogi-format.h"

/* ---- styles ---- */

static ItogiRgba
rgb (guint hex)
{
  return (ItogiRgba){ ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, 1.0 };
}

void
itogi_chart_style_init_light (ItogiChartStyle *style)
{
  *style = (ItogiChartStyle){
    .background = rgb (0xffffff),
    .text = rgb (0x1f1f1f),
    .muted = rgb (0x5e5c64),
    .grid = rgb (0xdeddda),
    .previous = rgb (0x9ecae9), /* a light tint of Okabe–Ito blue */
    .current = rgb (0x0072b2),  /* Okabe–Ito blue */
    .good = rgb (0x007a58),     /* Okabe–Ito bluish green, darkened for text */
    .bad = rgb (0xb84a00),      /* Okabe–Ito vermillion, darkened for text */
    .neutral = rgb (0x5e5c64),
    .selection = { 0.0, 0.447, 0.698, 0.10 },
    .font_family = "Cantarell, DejaVu Sans, sans-serif",
  };
}

void
itogi_chart_style_init_dark (ItogiChartStyle *style)
{
  itogi_chart_style_init_light (style);
  style->background = rgb (0x242424);
  style->text = rgb (0xffffff);
  style->muted = rgb (0xc0bfbc);
  style->grid = rgb (0x454545);
  style->previous = rgb (0x3d6a8a);
  style->current = rgb (0x56b4e9);
  style->good = rgb (0x3fd3a4);
  style->bad = rgb (0xff8f4f);
  style->neutral = rgb (0xc0bfbc);
  style->selection = (ItogiRgba){ 0.337, 0.706, 0.914, 0.16 };
}

/* ---- layout record ---- */

static void
text_clear (gpointer data)
{
  ItogiChartText *text = data;
  g_free (text->text);
}

ItogiChartLayout *
itogi_chart_layout_new (void)
{
  ItogiChartLayout *layout = g_new0 (ItogiChartLayout, 1);

  layout->texts = g_array_new (FALSE, TRUE, sizeof (ItogiChartText));
  g_array_set_clear_func (layout->texts, text_clear);
  layout->marks = g_array_new (FALSE, TRUE, sizeof (ItogiChartMark));
  return layout;
}

void
itogi_chart_layout_free (ItogiChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->texts);
  g_array_unref (layout->marks);
  g_free (layout);
}

static gboolean
rect_contains (const ItogiChartRect *r, double x, double y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

int
itogi_chart_layout_hit (const ItogiChartLayout *layout, double x, double y)
{
  /* Bars and points first, then the wider item areas behind them. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < layout->marks->len; i++)
      {
        const ItogiChartMark *mark = &g_array_index (layout->marks, ItogiChartMark, i);
        if ((pass == 0) == (mark->year >= 0) && rect_contains (&mark->rect, x, y))
          return mark->item;
      }
  return -1;
}

static gboolean
rects_overlap (const ItogiChartRect *a, const ItogiChartRect *b)
{
  /* Touching edges are not an overlap; a hair of rounding is forgiven. */
  const double eps = 0.01;
  return a->x + eps < b->x + b->width && b->x + eps < a->x + a->width && a->y + eps < b->y + b->height
         && b->y + eps < a->y + a->height;
}

gboolean
itogi_chart_layout_find_overlap (const ItogiChartLayout *layout, guint *a, guint *b)
{
  for (guint i = 0; i < layout->texts->len; i++)
    for (guint j = i + 1; j < layout->texts->len; j++)
      if (rects_overlap (&g_array_index (layout->texts, ItogiChartText, i).rect,
                         &g_array_index (layout->texts, ItogiChartText, j).rect))
        {
          *a = i;
          *b = j;
          return TRUE;
        }
  return FALSE;
}

/* ---- the render context ---- */

typedef struct
{
  cairo_t *cr;
  const ItogiChartModel *model;
  const ItogiChartStyle *style;
  ItogiChartLayout *layout; /* never NULL inside: a private one when the caller gave none */
  double width, height;
  double fs; /* the base font size */
  double pad;
  int selected;
  int head_lines; /* the lines every small panel's title may take (0: two) */
} Ctx;

typedef enum
{
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
} Align;

/* A laid-out text: its Pango layout and the size it takes. */
typedef struct
{
  PangoLayout *pango;
  double w, h;  /* logical size */
  double off_x; /* where the logical box starts inside the layout's width (alignment) */
} Text;

static void
text_clear_layout (Text *t)
{
  g_clear_object (&t->pango);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Text, text_clear_layout)

/* Lay out @s at @factor × the base size, wrapped to @max_w (≤ 0: one line, no wrap) and cut to
 * @max_lines lines with an ellipsis. */
static void
text_layout (Ctx *c, Text *t, const char *s, double factor, gboolean bold, double max_w, int max_lines,
             Align align)
{
  PangoFontDescription *desc = pango_font_description_from_string (c->style->font_family);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (desc, MAX (1.0, c->fs * factor) * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  t->pango = pango_cairo_create_layout (c->cr);
  pango_layout_set_font_description (t->pango, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (t->pango, s, -1);
  if (max_w > 0)
    {
      pango_layout_set_width (t->pango, (int)(max_w * PANGO_SCALE));
      pango_layout_set_wrap (t->pango, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (t->pango, -MAX (1, max_lines));
      pango_layout_set_ellipsize (t->pango, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (t->pango, align == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                            : align == ALIGN_END  ? PANGO_ALIGN_RIGHT
                                                                  : PANGO_ALIGN_LEFT);
    }
  pango_layout_get_pixel_extents (t->pango, NULL, &logical);
  t->w = logical.width;
  t->h = logical.height;
  t->off_x = logical.x;
}

/* Draw a laid-out text with its logical box's top-left corner at (x, y), and record the box. */
static ItogiChartRect
text_draw_always (Ctx *c, Text *t, double x, double y, const ItogiRgba *color, ItogiChartTextRole role,
                  int item)
{
  ItogiChartText record = { 0 };

  cairo_save (c->cr);
  cairo_set_source_rgba (c->cr, color->r, color->g, color->b, color->a);
  cairo_move_to (c->cr, x - t->off_x, y);
  pango_cairo_show_layout (c->cr, t->pango);
  cairo_restore (c->cr);

  record.rect = (ItogiChartRect){ x, y, t->w, t->h };
  record.role = role;
  record.item = item;
  record.text = g_strdup (pango_layout_get_text (t->pango));
  record.ellipsized = pango_layout_is_ellipsized (t->pango);
  g_array_append_val (c->layout->texts, record);
  return record.rect;
}

static void text_draw (Ctx *c, Text *t, double x, double y, const ItogiRgba *color, ItogiChartTextRole role,
                       int item);

/* Place a text aligned inside the span [x, x + span_w]. */
static void
text_draw_in (Ctx *c, Text *t, double x, double span_w, double y, Align align, const ItogiRgba *color,
              ItogiChartTextRole role, int item)
{
  double left = align == ALIGN_CENTER ? x + (span_w - t->w) / 2.0
                : align == ALIGN_END  ? x + span_w - t->w
                                      : x;
  text_draw (c, t, left, y, color, role, item);
}

static void
add_mark (Ctx *c, double x, double y, double w, double h, int item, int year)
{
  ItogiChartMark mark = { { x, y, w, h }, item, year };

  if (w < 0)
    {
      mark.rect.x += w;
      mark.rect.width = -w;
    }
  if (h < 0)
    {
      mark.rect.y += h;
      mark.rect.height = -h;
    }
  g_array_append_val (c->layout->marks, mark);
}

static void
set_color (Ctx *c, const ItogiRgba *color)
{
  cairo_set_source_rgba (c->cr, color->r, color->g, color->b, color->a);
}

static double
line_height (Ctx *c, double factor)
{
  g_auto (Text) t = { 0 };
  text_layout (c, &t, "Ag", factor, FALSE, -1, 1, ALIGN_START);
  return t.h;
}

/* ---- numbers as a chart shows them ---- */

static double
item_value (const ItogiChartItem *item, guint year)
{
  return (double)item->values[year].amount / pow (10.0, (double)item->scale);
}

/* «22 808», «≈ 340», «> 6 000»; compact «119,6 млн» when room is short. */
static char *
value_text (const ItogiChartItem *item, guint year, gboolean compact)
{
  const ItogiValue *v = &item->values[year];
  g_autofree char *number = NULL;
  const char *prefix = "";
  double value = item_value (item, year);

  if (!v->present)
    return g_strdup ("\u2014");
  if (compact && fabs (value) >= 1e4)
    {
      double mag = fabs (value);
      double div = mag >= 1e9 ? 1e9 : mag >= 1e6 ? 1e6 : 1e3;
      const char *word = mag >= 1e9 ? "млрд" : mag >= 1e6 ? "млн" : "тыс.";
      gint64 tenths = llround (value / div * 10.0);
      g_autofree char *n = itogi_format_fixed (tenths, 1);
      /* «779,1 тыс.»; a whole number drops its «,0». */
      if (g_str_has_suffix (n, ",0"))
        n[strlen (n) - 2] = '\0';
      number = g_strconcat (n, ITOGI_NBSP, word, NULL);
    }
  else
    number = itogi_format_amount (v->amount, item->kind, item->scale);

  if (itogi_qualifier_is_approximate (v->qualifier))
    prefix = ITOGI_APPROX ITOGI_NBSP;
  else if (itogi_qualifier_is_lower_bound (v->qualifier))
    prefix = ">" ITOGI_NBSP;
  else if (itogi_qualifier_is_upper_bound (v->qualifier))
    prefix = "<" ITOGI_NBSP;
  /* A year summed from only part of its months is marked, as in the table. */
  return g_strconcat (prefix, number, v->partial ? "*" : "", NULL);
}

/* How a bar is drawn: a year from part of its months, or an uncertain sum, is not solid either. */
static ItogiQualifier
bar_qualifier (const ItogiValue *v)
{
  if (v->qualifier == ITOGI_QUALIFIER_EXACT && (v->partial || v->uncertain))
    return ITOGI_QUALIFIER_ABOUT;
  return v->qualifier;
}

/* «▲ +43,8 %», «▼ −1,4 %», «▲ ≈ +13,3 %», or «—» when no change can be stated. */
static char *
badge_text (const ItogiChartItem *item)
{
  g_autofree char *pct = NULL;
  const char *arrow;

  if (item->yoy.kind == ITOGI_CHANGE_NONE)
    return g_strdup ("\u2014");
  if (!item->yoy.has_percent)
    pct = itogi_yoy_format_delta (&item->yoy, item->kind, item->scale);
  else
    pct = itogi_yoy_format_percent (&item->yoy);
  arrow = item->yoy.direction > 0 ? "\u25b2" : item->yoy.direction < 0 ? "\u25bc" : "=";
  return g_strconcat (arrow, ITOGI_NBSP, pct, NULL);
}

static const ItogiRgba *
badge_color (Ctx *c, const ItogiChartItem *item)
{
  switch (item->assessment)
    {
    case ITOGI_ASSESSMENT_GOOD:
      return &c->style->good;
    case ITOGI_ASSESSMENT_BAD:
      return &c->style->bad;
    case ITOGI_ASSESSMENT_NEUTRAL:
    case ITOGI_ASSESSMENT_NONE:
    default:
      return &c->style->neutral;
    }
}

static const ItogiRgba *
year_color (Ctx *c, guint year)
{
  return year + 1 == c->model->n_years ? &c->style->current : &c->style->previous;
}

/* ---- drawing pieces ---- */

/* A bar from y0 to y1. A figure that is not exact is drawn lighter, hatched and outlined with a
 * dashed line, so it never passes for an exact one. */
static void
draw_bar (Ctx *c, double x, double y, double w, double h, const ItogiRgba *color, ItogiQualifier q)
{
  cairo_t *cr = c->cr;

  if (w < 0)
    {
      x += w;
      w = -w;
    }
  if (h < 0)
    {
      y += h;
      h = -h;
    }
  if (q == ITOGI_QUALIFIER_EXACT)
    {
      set_color (c, color);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgba (cr, color->r, color->g, color->b, 0.45);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  set_color (c, color);
  cairo_set_line_width (cr, MAX (1.0, c->fs * 0.08));
  {
    double step = MAX (4.0, c->fs * 0.45);
    for (double d = -h; d < w + h; d += step)
      {
        cairo_move_to (cr, x + d, y + h);
        cairo_line_to (cr, x + d + h, y);
      }
    cairo_stroke (cr);
  }
  cairo_restore (cr);

  cairo_save (cr);
  set_color (c, color);
  cairo_set_line_width (cr, MAX (1.0, c->fs * 0.1));
  {
    double dash = MAX (2.0, c->fs * 0.3);
    cairo_set_dash (cr, &dash, 1, 0);
  }
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_hline (Ctx *c, double x0, double x1, double y, const ItogiRgba *color, double width)
{
  cairo_save (c->cr);
  set_color (c, color);
  cairo_set_line_width (c->cr, width);
  cairo_move_to (c->cr, x0, y);
  cairo_line_to (c->cr, x1, y);
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

static void
draw_vline (Ctx *c, double x, double y0, double y1, const ItogiRgba *color, double width)
{
  cairo_save (c->cr);
  set_color (c, color);
  cairo_set_line_width (c->cr, width);
  cairo_move_to (c->cr, x, y0);
  cairo_line_to (c->cr, x, y1);
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

static void
draw_selection (Ctx *c, double x, double y, double w, double h, int item)
{
  if (item != c->selected)
    return;
  set_color (c, &c->style->selection);
  cairo_rectangle (c->cr, x, y, w, h);
  cairo_fill (c->cr);
}

static const char *common_unit (const ItogiChartModel *m);

/* ---- header, legend and source ---- */

typedef struct
{
  double x, y, w, h;
} Box;

/* The legend of the compared years, drawn from @left; returns its width. */
static double
draw_legend (Ctx *c, double left, double y, gboolean measure_only)
{
  double sw = c->fs * 0.8, gap = c->fs * 0.4, total = 0.0, x;
  guint first = c->model->n_years > 2 ? c->model->n_years - 2 : 0;

  /* Only the two compared years have colours of their own. */
  for (int pass = 0; pass < 2; pass++)
    {
      x = left;
      for (guint yr = first; yr < c->model->n_years; yr++)
        {
          g_autofree char *label = itogi_format_year (c->model->years[yr]);
          g_auto (Text) t = { 0 };

          text_layout (c, &t, label, 0.9, FALSE, -1, 1, ALIGN_START);
          if (pass == 0)
            {
              total += sw + gap + t.w + (yr + 1 < c->model->n_years ? c->fs : 0);
              continue;
            }
          if (measure_only)
            break;
          set_color (c, year_color (c, yr));
          cairo_rectangle (c->cr, x, y + (t.h - sw) / 2, sw, sw);
          cairo_fill (c->cr);
          text_draw_always (c, &t, x + sw + gap, y, &c->style->text, ITOGI_CHART_TEXT_LEGEND, -1);
          x += sw + gap + t.w + c->fs;
        }
    }
  return total;
}

/* Title, subtitle (and legend), and the source line; returns the plot area left between them. */
static Box
draw_frame (Ctx *c, gboolean legend, const char *unit)
{
  double x = c->pad, w = c->width - 2 * c->pad, y = c->pad, bottom;
  g_auto (Text) title = { 0 };
  g_auto (Text) subtitle = { 0 };
  g_auto (Text) source = { 0 };
  double legend_w = legend ? draw_legend (c, 0, 0, TRUE) : 0.0;

  text_layout (c, &title, c->model->title != NULL ? c->model->title : "", 1.35, TRUE, w, 2, ALIGN_START);
  text_draw_always (c, &title, x, y, &c->style->text, ITOGI_CHART_TEXT_TITLE, -1);
  y += title.h + c->fs * 0.15;

  if (c->model->subtitle != NULL)
    {
      /* One shared axis says its unit once, after the years. */
      g_autofree char *sub = unit != NULL && *unit != '\0'
                                 ? g_strdup_printf ("%s, %s", c->model->subtitle, unit)
                                 : g_strdup (c->model->subtitle);
      /* The legend shares the subtitle's line when both fit, else it takes the next line. */
      gboolean same_line = legend && legend_w + c->fs * 2 < w / 2;
      text_layout (c, &subtitle, sub, 1.0, FALSE, same_line ? w - legend_w - c->fs * 2 : w, 1, ALIGN_START);
      text_draw_always (c, &subtitle, x, y, &c->style->muted, ITOGI_CHART_TEXT_SUBTITLE, -1);
      if (legend && same_line)
        draw_legend (c, x + w - legend_w, y, FALSE);
      y += subtitle.h;
      if (legend && !same_line)
        {
          y += c->fs * 0.2;
          draw_legend (c, x, y, FALSE);
          y += line_height (c, 0.9);
        }
    }
  else if (legend)
    {
      draw_legend (c, x + w - legend_w, y, FALSE);
      y += line_height (c, 0.9);
    }

  bottom = c->height - c->pad;
  if (c->model->source != NULL)
    {
      text_layout (c, &source, c->model->source, 0.8, FALSE, w, 1, ALIGN_START);
      bottom -= source.h;
      text_draw_always (c, &source, x, bottom, &c->style->muted, ITOGI_CHART_TEXT_SOURCE, -1);
      bottom -= c->fs * 0.6;
    }
  y += c->fs * 0.9;
  return (Box){ x, y, w, MAX (0.0, bottom - y) };
}

/* ---- value labels in a row of bars ---- */

typedef struct
{
  char *text;
  double cx;   /* the centre of its bar */
  double edge; /* the bar's end: the label goes above it (or below, for a negative bar) */
  gboolean below;
  int item;
} ValueLabel;

static void
value_label_clear (ValueLabel *v)
{
  g_free (v->text);
}

/* Draw @t at (x, y) only if it stays within [@limit_top, @limit_bottom] and keeps @gap from every
 * text already drawn. */
static gboolean
place_if_clear (Ctx *c, Text *t, double x, double y, double limit_top, double limit_bottom, double gap,
                const ItogiRgba *color, ItogiChartTextRole role, int item)
{
  if (y < limit_top - 0.01 || y + t->h > limit_bottom + 0.01 || x < -0.01 || x + t->w > c->width + 0.01)
    return FALSE;
  for (guint k = 0; k < c->layout->texts->len; k++)
    {
      const ItogiChartRect *r = &g_array_index (c->layout->texts, ItogiChartText, k).rect;
      if (x - gap < r->x + r->width && r->x < x + t->w + gap && y < r->y + r->height && r->y < y + t->h)
        return FALSE;
    }
  text_draw_always (c, t, x, y, color, role, item);
  return TRUE;
}

/* Everything but the frame is drawn through here: a text that would touch one already drawn, or
 * leave the canvas, is left out rather than drawn over it (the tooltip and the table still give
 * it). The layout code keeps this for the extremes; the tests check that at ordinary sizes
 * nothing is left out. */
static void
text_draw (Ctx *c, Text *t, double x, double y, const ItogiRgba *color, ItogiChartTextRole role, int item)
{
  place_if_clear (c, t, x, y, 0, c->height, 0, color, role, item);
}

/* Place the value labels of one group of columns so none overlap any value label already drawn:
 * each sits just beyond its bar's end; when it would touch another it steps one line further
 * out, and when it still would, it is left out (the tooltip and the table still give it). */
static void
draw_column_values (Ctx *c, ValueLabel *labels, guint n, double factor, double limit_top, double limit_bottom)
{
  g_auto (Text) probe = { 0 };
  double lh, gap = c->fs * 0.3;

  if (n == 0)
    return;
  text_layout (c, &probe, "0", factor, FALSE, -1, 1, ALIGN_START);
  lh = probe.h;

  /* Labels nearest the baseline go first: the taller bar's label is the one that steps out, so
   * each still stays next to its own bar. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0; j--)
      {
        double a = labels[j - 1].below ? -labels[j - 1].edge : labels[j - 1].edge;
        double b = labels[j].below ? -labels[j].edge : labels[j].edge;
        if (b > a)
          {
            ValueLabel t = labels[j];
            labels[j] = labels[j - 1];
            labels[j - 1] = t;
          }
      }

  for (guint i = 0; i < n; i++)
    {
      g_auto (Text) t = { 0 };
      double y;

      text_layout (c, &t, labels[i].text, factor, FALSE, -1, 1, ALIGN_START);
      y = labels[i].below ? labels[i].edge + lh * 0.1 : labels[i].edge - t.h - lh * 0.1;
      /* Where it would touch another text it steps one line further out; if it still would, it
       * is left to the tooltip and the table. */
      if (!place_if_clear (c, &t, labels[i].cx - t.w / 2, y, limit_top, limit_bottom, gap, &c->style->text,
                           ITOGI_CHART_TEXT_VALUE, labels[i].item))
        place_if_clear (c, &t, labels[i].cx - t.w / 2, labels[i].below ? y + lh : y - lh, limit_top,
                        limit_bottom, gap, &c->style->text, ITOGI_CHART_TEXT_VALUE, labels[i].item);
    }
}

/* The font factor and compactness at which every label fits @slot_w, down to a floor. */
static double
fit_values (Ctx *c, const ItogiChartItem *const *items, guint n_items, guint first_year, double slot_w,
            gboolean *compact)
{
  double factor = 0.85;

  *compact = FALSE;
  for (int attempt = 0; attempt < 12; attempt++)
    {
      double widest = 0.0;
      for (guint i = 0; i < n_items; i++)
        for (guint y = first_year; y < c->model->n_years; y++)
          {
            g_autofree char *s = value_text (items[i], y, *compact);
            g_auto (Text) t = { 0 };
            text_layout (c, &t, s, factor, FALSE, -1, 1, ALIGN_START);
            widest = MAX (widest, t.w);
          }
      if (widest <= slot_w)
        return factor;
      if (!*compact)
        *compact = TRUE;
      else if (factor > 0.5)
        factor *= 0.9;
      else
        return factor;
    }
  return factor;
}

/* ---- grouped columns ---- */

static void
value_range (const ItogiChartModel *m, guint first_year, double *lo, double *hi)
{
  *lo = 0.0;
  *hi = 0.0;
  for (guint i = 0; i < m->items->len; i++)
    for (guint y = first_year; y < m->n_years; y++)
      {
        const ItogiChartItem *item = m->items->pdata[i];
        if (item->values[y].present)
          {
            *lo = MIN (*lo, item_value (item, y));
            *hi = MAX (*hi, item_value (item, y));
          }
      }
}

/* Lay out @s on one line at @factor, smaller if need be down to @min_factor, to fit @max_w.
 * FALSE when even the smallest size is too wide. Numbers are never cut short. */
static gboolean
fit_line (Ctx *c, Text *t, const char *s, double factor, gboolean bold, double max_w, double min_factor)
{
  for (;;)
    {
      text_clear_layout (t);
      text_layout (c, t, s, factor, bold, -1, 1, ALIGN_START);
      if (t->w <= max_w)
        return TRUE;
      if (factor <= min_factor)
        return FALSE;
      factor = MAX (min_factor, factor * 0.9);
    }
}

/* The unit all items share, or NULL when they differ. */
static const char *
common_unit (const ItogiChartModel *m)
{
  const char *unit = NULL;

  for (guint i = 0; i < m->items->len; i++)
    {
      const ItogiChartItem *item = m->items->pdata[i];
      if (unit == NULL)
        unit = item->unit;
      else if (g_strcmp0 (unit, item->unit) != 0)
        return NULL;
    }
  return unit;
}

/* A category label: with its unit when the items' units differ. */
static char *
item_label (const ItogiChartModel *m, const ItogiChartItem *item)
{
  if (common_unit (m) == NULL && *item->unit != '\0')
    return g_strdup_printf ("%s, %s", item->label, item->unit);
  return g_strdup (item->label);
}

static void
render_columns (Ctx *c, Box plot)
{
  const ItogiChartModel *m = c->model;
  guint n = m->items->len, first = m->n_years > 2 ? m->n_years - 2 : 0, k = m->n_years - first;
  double lh, label_h = line_height (c, 0.9) * 2 + c->fs * 0.3;
  double badge_h = line_height (c, 0.9), lo, hi, axis_w = 0.0, slot, group_w, bar_w, top, bottom, zero_y;
  gboolean compact;
  double factor;
  ItogiChartScale scale;

  value_range (m, first, &lo, &hi);
  itogi_chart_scale_compute (lo, hi, 5, &scale);
  for (guint t = 0; t < scale.n_ticks; t++)
    {
      g_autofree char *s = itogi_chart_scale_format_tick (&scale, itogi_chart_scale_tick (&scale, t));
      g_auto (Text) tt = { 0 };
      text_layout (c, &tt, s, 0.8, FALSE, -1, 1, ALIGN_START);
      axis_w = MAX (axis_w, tt.w);
    }
  axis_w += c->fs * 0.5;

  slot = (plot.w - axis_w) / MAX (n, 1);
  group_w = slot * 0.72;
  bar_w = group_w / k;
  factor = fit_values (c, (const ItogiChartItem *const *)m->items->pdata, n, first,
                       bar_w + (slot - group_w) * 0.5, &compact);
  lh = line_height (c, factor);

  /* Bands from the top: badges, room for two stacked value labels, the bars, category labels. */
  top = plot.y + badge_h + c->fs * 0.2 + lh * 2.3;
  bottom = plot.y + plot.h - label_h - (lo < 0 ? lh * 2.3 : 0);
  if (bottom - top < c->fs)
    bottom = top + c->fs;

#define Y_OF(v) (bottom - itogi_chart_scale_fraction (&scale, (v)) * (bottom - top))
  zero_y = Y_OF (0.0);

  /* Gridlines and tick labels, thinned when the axis is short. */
  {
    double tick_h = line_height (c, 0.8), last_y = INFINITY;
    for (guint t = 0; t < scale.n_ticks; t++)
      {
        double v = itogi_chart_scale_tick (&scale, t), y = Y_OF (v);
        g_autofree char *s = NULL;
        g_auto (Text) tt = { 0 };

        draw_hline (c, plot.x + axis_w, plot.x + plot.w, y, &c->style->grid, MAX (1.0, c->fs * 0.06));
        if (last_y - y < tick_h * 1.05)
          continue;
        s = itogi_chart_scale_format_tick (&scale, v);
        text_layout (c, &tt, s, 0.8, FALSE, -1, 1, ALIGN_START);
        text_draw (c, &tt, plot.x + axis_w - c->fs * 0.5 - tt.w, y - tt.h / 2, &c->style->muted,
                   ITOGI_CHART_TEXT_TICK, -1);
        last_y = y;
      }
  }

  /* Bars, badges and category labels first; the value labels then find room among them. */
  for (guint i = 0; i < n; i++)
    {
      const ItogiChartItem *item = m->items->pdata[i];
      double sx = plot.x + axis_w + slot * i, gx = sx + (slot - group_w) / 2;
      g_autofree char *badge = badge_text (item);
      g_autofree char *label = item_label (m, item);
      g_auto (Text) bt = { 0 };
      g_auto (Text) lt = { 0 };

      draw_selection (c, sx, plot.y, slot, plot.h, (int)i);
      add_mark (c, sx, plot.y, slot, plot.h, (int)i, -1);
      for (guint y = first; y < m->n_years; y++)
        if (item->values[y].present)
          {
            double bx = gx + bar_w * (y - first), by = Y_OF (item_value (item, y));
            draw_bar (c, bx + bar_w * 0.06, zero_y, bar_w * 0.88, by - zero_y, year_color (c, y),
                      bar_qualifier (&item->values[y]));
            add_mark (c, bx, MIN (by, zero_y), bar_w, MAX (fabs (by - zero_y), 1.0), (int)i, (int)y);
          }
      /* A badge too wide for its column even when small is left to the tooltip and the table. */
      if (fit_line (c, &bt, badge, 0.9, TRUE, slot * 0.96, 0.5))
        text_draw_in (c, &bt, sx, slot, plot.y, ALIGN_CENTER, badge_color (c, item), ITOGI_CHART_TEXT_BADGE,
                      (int)i);
      text_layout (c, &lt, label, 0.9, FALSE, slot * 0.96, 2, ALIGN_CENTER);
      text_draw_in (c, &lt, sx, slot, plot.y + plot.h - label_h + c->fs * 0.3, ALIGN_CENTER, &c->style->text,
                    ITOGI_CHART_TEXT_LABEL, (int)i);
    }

  for (guint i = 0; i < n; i++)
    {
      const ItogiChartItem *item = m->items->pdata[i];
      double gx = plot.x + axis_w + slot * i + (slot - group_w) / 2;
      g_autofree ValueLabel *labels = g_new0 (ValueLabel, k);

      for (guint y = first; y < m->n_years; y++)
        {
          guint s = y - first;
          double v = item->values[y].present ? item_value (item, y) : 0.0;
          labels[s].text = value_text (item, y, compact);
          labels[s].cx = gx + bar_w * s + bar_w / 2;
          labels[s].below = v < 0;
          labels[s].edge = Y_OF (v);
          labels[s].item = (int)i;
        }
      draw_column_values (c, labels, k, factor, plot.y + badge_h, plot.y + plot.h - label_h);
      for (guint s = 0; s < k; s++)
        value_label_clear (&labels[s]);
    }
  draw_hline (c, plot.x + axis_w, plot.x + plot.w, zero_y, &c->style->muted, MAX (1.0, c->fs * 0.08));
#undef Y_OF
}

/* ---- horizontal bars (also the change chart) ---- */

typedef struct
{
  const ItogiChartItem *item;
  int index;
  double value; /* for the change chart: the change in percent */
} Row;

static void
render_bars (Ctx *c, Box plot, gboolean change)
{
  const ItogiChartModel *m = c->model;
  guint first = m->n_years > 2 ? m->n_years - 2 : 0, k = change ? 1 : m->n_years - first;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  double label_w = 0.0, badge_w = 0.0, value_left = 0.0, value_right = 0.0, lo = 0.0, hi = 0.0, row_h, x0, x1,
         zero_x, factor = 0.85, lh;
  gboolean show_values = TRUE;
  guint skipped = 0;
  ItogiChartScale scale;

  for (guint i = 0; i < m->items->len; i++)
    {
      const ItogiChartItem *item = m->items->pdata[i];
      Row row = { item, (int)i, 0.0 };

      if (change)
        {
          if (item->yoy.kind == ITOGI_CHANGE_NONE || !item->yoy.has_percent)
            {
              skipped++;
              continue;
            }
          row.value = (double)item->yoy.percent_x10 / 10.0;
          lo = MIN (lo, row.value);
          hi = MAX (hi, row.value);
        }
      g_array_append_val (rows, row);
    }
  if (change)
    {
      /* Largest growth first. */
      for (guint i = 1; i < rows->len; i++)
        for (guint j = i;
             j > 0 && g_array_index (rows, Row, j).value > g_array_index (rows, Row, j - 1).value; j--)
          {
            Row t = g_array_index (rows, Row, j);
            g_array_index (rows, Row, j) = g_array_index (rows, Row, j - 1);
            g_array_index (rows, Row, j - 1) = t;
          }
    }
  else
    value_range (m, first, &lo, &hi);

  if (change && skipped > 0)
    {
      g_autofree char *note = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u indicator has no comparable change and is not shown.",
                       "%u indicators have no comparable change and are not shown.", skipped),
          skipped);
      g_auto (Text) t = { 0 };
      text_layout (c, &t, note, 0.8, FALSE, plot.w, 2, ALIGN_START);
      text_draw (c, &t, plot.x, plot.y + plot.h - t.h, &c->style->muted, ITOGI_CHART_TEXT_NOTE, -1);
      plot.h -= t.h + c->fs * 0.5;
    }
  if (rows->len == 0)
    {
      g_auto (Text) t = { 0 };
      text_layout (c, &t, _ ("No figures to compare."), 1.0, FALSE, plot.w, 2, ALIGN_CENTER);
      text_draw_in (c, &t, plot.x, plot.w, plot.y + plot.h / 2 - t.h / 2, ALIGN_CENTER, &c->style->muted,
                    ITOGI_CHART_TEXT_NOTE, -1);
      return;
    }

  itogi_chart_scale_compute (lo, hi, 5, &scale);
  row_h = plot.h / rows->len;
  lh = line_height (c, 0.9);

  /* The label column takes what the longest label needs, up to 38 % of the width. */
  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = &g_array_index (rows, Row, r);
      g_auto (Text) t = { 0 };
      g_autofree char *badge = badge_text (row->item);
      g_auto (Text) b = { 0 };

      g_autofree char *label = item_label (m, row->item);
      text_layout (c, &t, label, 0.9, FALSE, plot.w * 0.38, 3, ALIGN_START);
      label_w = MAX (label_w, t.w);
      if (!change)
        {
          text_layout (c, &b, badge, 0.9, TRUE, -1, 1, ALIGN_START);
          badge_w = MAX (badge_w, b.w);
        }
    }

  /* Value labels: their widths decide the room kept at the bars' ends. Each sits beside its own
   * bar and is no taller than it, so the two years' labels of a row never meet; bars too thin
   * for a readable label get none (the tooltip and the table still give the numbers). */
  {
    double bar_h = MIN (row_h * 0.75 / k, c->fs * 2.2);
    gboolean compact = FALSE;
    while (factor > 0.35 && line_height (c, factor) > bar_h)
      factor *= 0.9;
    show_values = line_height (c, factor) <= bar_h;
    for (guint r = 0; r < rows->len; r++)
      {
        Row *row = &g_array_index (rows, Row, r);
        for (guint y = first; y < (change ? first + 1 : m->n_years); y++)
          {
            g_autofree char *s
                = change ? itogi_yoy_format_percent (&row->item->yoy) : value_text (row->item, y, compact);
            g_auto (Text) t = { 0 };
            double v = change ? row->value : (row->item->values[y].present ? item_value (row->item, y) : 0.0);
            if (!show_values)
              break;
            text_layout (c, &t, s, factor, FALSE, -1, 1, ALIGN_START);
            if (v < 0)
              value_left = MAX (value_left, t.w + c->fs * 0.4);
            else
              value_right = MAX (value_right, t.w + c->fs * 0.4);
          }
      }
  }

  x0 = plot.x + label_w + c->fs * 0.8 + value_left;
  x1 = plot.x + plot.w - (badge_w > 0 ? badge_w + c->fs * 0.8 : 0) - value_right;
  if (x1 - x0 < c->fs * 2)
    x1 = x0 + c->fs * 2;
#define X_OF(v) (x0 + itogi_chart_scale_fraction (&scale, (v)) * (x1 - x0))
  zero_x = X_OF (0.0);

  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = &g_array_index (rows, Row, r);
      const ItogiChartItem *item = row->item;
      double ry = plot.y + row_h * r, group_h = MIN (row_h * 0.75, c->fs * 2.2 * k), bar_h = group_h / k;
      double gy = ry + (row_h - group_h) / 2;
      g_auto (Text) lt = { 0 };
      int max_lines = row_h >= lh * 3.1 ? 3 : row_h >= lh * 2.05 ? 2 : 1;

      draw_selection (c, plot.x, ry, plot.w, row_h, row->index);
      add_mark (c, plot.x, ry, plot.w, row_h, row->index, -1);

      g_autofree char *label = change ? g_strdup (item->label) : item_label (m, item);
      text_layout (c, &lt, label, 0.9, FALSE, label_w, max_lines, ALIGN_START);
      /* A row too short for even one line of label would overlap the next: shrink it. */
      if (lt.h > row_h)
        {
          text_clear_layout (&lt);
          text_layout (c, &lt, label, 0.9 * row_h / (lh * 1.05), FALSE, label_w, 1, ALIGN_START);
        }
      /* A row too thin for any legible label leaves it to the tooltip and the table. */
      place_if_clear (c, &lt, plot.x, ry + (row_h - lt.h) / 2, ry, ry + row_h, 0, &c->style->text,
                      ITOGI_CHART_TEXT_LABEL, row->index);

      for (guint y = first; y < (change ? first + 1 : m->n_years); y++)
        {
          guint s = y - first;
          double by = gy + bar_h * s, v, bx;
          g_autofree char *vs = NULL;
          g_auto (Text) vt = { 0 };
          const ItogiRgba *color;
          ItogiQualifier q;

          if (change)
            {
              v = row->value;
              vs = itogi_yoy_format_percent (&item->yoy);
              color = badge_color (c, item);
              q = item->yoy.kind == ITOGI_CHANGE_EXACT ? ITOGI_QUALIFIER_EXACT : ITOGI_QUALIFIER_ABOUT;
            }
          else
            {
              v = item->values[y].present ? item_value (item, y) : 0.0;
              vs = value_text (item, y, FALSE);
              color = year_color (c, y);
              q = item->values[y].qualifier;
            }
          bx = X_OF (v);
          if (change || item->values[y].present)
            {
              draw_bar (c, zero_x, by + bar_h * 0.08, bx - zero_x, bar_h * 0.84, color,
                        change ? q : bar_qualifier (&item->values[y]));
              add_mark (c, MIN (zero_x, bx), by, MAX (fabs (bx - zero_x), 1.0), bar_h, row->index, (int)y);
            }
          if (!show_values)
            continue;
          text_layout (c, &vt, vs, factor, FALSE, -1, 1, ALIGN_START);
          {
            double ty = by + (bar_h - vt.h) / 2;
            /* Never above the row or below it. */
            ty = CLAMP (ty, ry, ry + row_h - vt.h);
            if (v < 0)
              text_draw (c, &vt, bx - c->fs * 0.3 - vt.w, ty, &c->style->text, ITOGI_CHART_TEXT_VALUE,
                         row->index);
            else
              text_draw (c, &vt, bx + c->fs * 0.3, ty, &c->style->text, ITOGI_CHART_TEXT_VALUE, row->index);
          }
        }

      if (!change)
        {
          g_autofree char *badge = badge_text (item);
          g_auto (Text) bt = { 0 };
          text_layout (c, &bt, badge, MIN (0.9, 0.9 * row_h / (lh * 1.05)), TRUE, -1, 1, ALIGN_START);
          place_if_clear (c, &bt, plot.x + plot.w - bt.w, ry + (row_h - bt.h) / 2, ry, ry + row_h, 0,
                          badge_color (c, item), ITOGI_CHART_TEXT_BADGE, row->index);
        }
    }
  draw_vline (c, zero_x, plot.y, plot.y + plot.h, &c->style->muted, MAX (1.0, c->fs * 0.08));
#undef X_OF
}

/* ---- small multiples and trend panels ---- */

/* The grid that gives @n panels the most room, panels about 1.25 : 1. */
static void
choose_grid (double w, double h, guint n, guint *cols, guint *rows)
{
  double best = -1.0;

  *cols = 1;
  *rows = n;
  for (guint cc = 1; cc <= MAX (n, 1); cc++)
    {
      guint rr = (n + cc - 1) / cc;
      double pw = w / cc, ph = h / rr, score = MIN (pw / 1.25, ph);
      if (score > best + 1e-9)
        {
          best = score;
          *cols = cc;
          *rows = rr;
        }
    }
}

/* A panel's title (two lines at most) and, under it, the change badge and the unit. Returns the
 * height they take. */
static double
draw_panel_head (Ctx *c, const ItogiChartItem *item, int index, Box p, double factor_cap, gboolean badge)
{
  g_auto (Text) tt = { 0 };
  g_auto (Text) bt = { 0 };
  g_auto (Text) ut = { 0 };
  g_autofree char *badge_s = badge_text (item);
  double y, h;

  int lines = c->head_lines > 0 ? c->head_lines : 2;
  /* Every panel's head as tall as the longest title's: the plots below them line up. */
  double title_h = lines * line_height (c, 0.85 * factor_cap);

  text_layout (c, &tt, item->label, 0.85 * factor_cap, TRUE, p.w, lines, ALIGN_START);
  text_draw (c, &tt, p.x, p.y, &c->style->text, ITOGI_CHART_TEXT_LABEL, index);
  title_h = MAX (title_h, tt.h);
  y = p.y + title_h + c->fs * 0.1 * factor_cap;
  h = line_height (c, 0.85 * factor_cap);
  /* The unit stays visible whatever happens to a long title: it has its own place. */
  if (badge && fit_line (c, &bt, badge_s, 0.85 * factor_cap, TRUE, p.w, 0.4 * factor_cap))
    text_draw (c, &bt, p.x, y, badge_color (c, item), ITOGI_CHART_TEXT_BADGE, index);
  if (*item->unit != '\0')
    {
      double room = p.w - (bt.pango != NULL ? bt.w + c->fs * 0.6 : 0.0);
      if (fit_line (c, &ut, item->unit, 0.8 * factor_cap, FALSE, room, 0.4 * factor_cap))
        text_draw (c, &ut, p.x + p.w - ut.w, y + (h - ut.h) / 2, &c->style->muted, ITOGI_CHART_TEXT_NOTE,
                   index);
    }
  return title_h + c->fs * 0.1 * factor_cap + h;
}

static void
render_panel_columns (Ctx *c, const ItogiChartItem *item, int index, Box p, double factor_cap)
{
  const ItogiChartModel *m = c->model;
  guint first = m->n_years > 2 ? m->n_years - 2 : 0, k = m->n_years - first;
  double vf, vlh, yl_h, top, bottom, slot, bar_w, zero_y, lo = 0.0, hi = 0.0, head, widest = 0.0, headroom;
  g_autofree ValueLabel *labels = g_new0 (ValueLabel, k);
  gboolean compact;
  ItogiChartScale scale;
  const ItogiChartItem *one[1] = { item };

  head = draw_panel_head (c, item, index, p, factor_cap, TRUE);

  slot = p.w / k;
  bar_w = slot * 0.6;
  vf = fit_values (c, one, 1, first, slot * 0.98, &compact) * factor_cap;
  vlh = line_height (c, vf);
  yl_h = line_height (c, 0.8 * factor_cap);
  /* Room for a second line of values only when neighbours would touch. */
  for (guint y = first; y < m->n_years; y++)
    {
      g_autofree char *s = value_text (item, y, compact);
      g_auto (Text) t = { 0 };
      text_layout (c, &t, s, vf, FALSE, -1, 1, ALIGN_START);
      widest = MAX (widest, t.w);
    }
  headroom = vlh * (widest + c->fs * 0.6 > slot ? 2.3 : 1.2);
  top = p.y + head + c->fs * 0.2 * factor_cap + headroom;
  bottom = p.y + p.h - yl_h - c->fs * 0.2 * factor_cap;
  for (guint y = first; y < m->n_years; y++)
    if (item->values[y].present)
      {
        lo = MIN (lo, item_value (item, y));
        hi = MAX (hi, item_value (item, y));
      }
  if (lo < 0)
    bottom -= headroom;
  if (bottom < top)
    bottom = top;
  /* Each panel has its own zero-based axis, scaled to its largest value. */
  itogi_chart_scale_compute (lo, hi, 4, &scale);
  if (hi > 0)
    scale.max = hi;
  if (lo < 0)
    scale.min = lo;
#define Y_OF(v) (bottom - itogi_chart_scale_fraction (&scale, (v)) * (bottom - top))
  zero_y = Y_OF (0.0);

  for (guint y = first; y < m->n_years; y++)
    {
      guint s = y - first;
      double bx = p.x + slot * s + (slot - bar_w) / 2,
             v = item->values[y].present ? item_value (item, y) : 0.0;
      double by = Y_OF (v);
      g_autofree char *year = itogi_format_year (m->years[y]);
      g_auto (Text) yt = { 0 };

      if (item->values[y].present)
        {
          draw_bar (c, bx, zero_y, bar_w, by - zero_y, year_color (c, y), bar_qualifier (&item->values[y]));
          add_mark (c, bx, MIN (by, zero_y), bar_w, MAX (fabs (by - zero_y), 1.0), index, (int)y);
        }
      labels[s].text = value_text (item, y, compact);
      labels[s].cx = bx + bar_w / 2;
      labels[s].below = v < 0;
      labels[s].edge = by;
      labels[s].item = index;

      if (fit_line (c, &yt, year, 0.8 * factor_cap, FALSE, slot, 0.4 * factor_cap))
        text_draw_in (c, &yt, p.x + slot * s, slot, p.y + p.h - yt.h, ALIGN_CENTER, &c->style->muted,
                      ITOGI_CHART_TEXT_TICK, index);
    }
  draw_column_values (c, labels, k, vf, p.y + head, p.y + p.h - yl_h);
  for (guint s = 0; s < k; s++)
    value_label_clear (&labels[s]);
  draw_hline (c, p.x, p.x + p.w, zero_y, &c->style->muted, MAX (1.0, c->fs * 0.06));
#undef Y_OF
}

static void
render_panel_trend (Ctx *c, const ItogiChartItem *item, int index, Box p, double factor_cap)
{
  const ItogiChartModel *m = c->model;
  guint n = m->n_years;
  double vf, vlh, yl_h = line_height (c, 0.8 * factor_cap), head, top, bottom, lo = 0.0, hi = 0.0, step;
  double radius = MAX (2.0, c->fs * 0.22 * factor_cap), gap = c->fs * 0.3 * factor_cap;
  gboolean have_prev = FALSE, compact;
  ItogiChartScale scale;
  double px = 0, py = 0, years_top = p.y + p.h - yl_h;
  const ItogiChartItem *one[1] = { item };
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  guint n_order = 0;

  head = draw_panel_head (c, item, index, p, factor_cap, FALSE);
  for (guint y = 0; y < n; y++)
    if (item->values[y].present)
      {
        lo = MIN (lo, item_value (item, y));
        hi = MAX (hi, item_value (item, y));
      }
  itogi_chart_scale_compute (lo, hi, 4, &scale);
  if (hi > 0)
    scale.max = hi;
  step = p.w / MAX (n, 1);
  vf = fit_values (c, one, 1, 0, step * 0.96, &compact) * factor_cap * 0.9;
  vlh = line_height (c, vf);
  /* A value label may sit above or below its point: room for one on each side of the line. */
  top = p.y + head + c->fs * 0.2 * factor_cap + vlh + radius;
  bottom = years_top - c->fs * 0.2 * factor_cap - vlh - radius;
  if (bottom < top)
    bottom = top;

#define Y_OF(v) (bottom - itogi_chart_scale_fraction (&scale, (v)) * (bottom - top))
  draw_hline (c, p.x, p.x + p.w, Y_OF (0.0), &c->style->grid, MAX (1.0, c->fs * 0.06));

  /* The line first, through the years that have a figure (a missing year breaks it). */
  cairo_save (c->cr);
  set_color (c, &c->style->current);
  cairo_set_line_width (c->cr, MAX (1.5, c->fs * 0.14 * factor_cap));
  cairo_new_path (c->cr);
  for (guint y = 0; y < n; y++)
    {
      double x = p.x + step * (y + 0.5);
      if (!item->values[y].present)
        {
          have_prev = FALSE;
          continue;
        }
      if (have_prev)
        {
          cairo_move_to (c->cr, px, py);
          cairo_line_to (c->cr, x, Y_OF (item_value (item, y)));
          cairo_stroke (c->cr);
        }
      px = x;
      py = Y_OF (item_value (item, y));
      have_prev = TRUE;
    }
  cairo_restore (c->cr);

  /* Year labels: the last and the first always, the others where they fit between. */
  if (n > 0)
    {
      order[n_order++] = n - 1;
      if (n > 1)
        order[n_order++] = 0;
      for (guint y = 1; y + 1 < n; y++)
        order[n_order++] = y;
    }
  for (guint o = 0; o < n_order; o++)
    {
      guint y = order[o];
      double x = p.x + step * (y + 0.5);
      g_autofree char *year = itogi_format_year (m->years[y]);
      g_auto (Text) yt = { 0 };

      text_layout (c, &yt, year, 0.8 * factor_cap, FALSE, -1, 1, ALIGN_START);
      place_if_clear (c, &yt, CLAMP (x - yt.w / 2, p.x, p.x + p.w - yt.w), years_top, years_top, p.y + p.h,
                      gap, &c->style->muted, ITOGI_CHART_TEXT_TICK, index);
    }

  for (guint y = 0; y < n; y++)
    {
      double x = p.x + step * (y + 0.5), vy;
      g_autofree char *vs = NULL;
      g_auto (Text) vt = { 0 };

      if (!item->values[y].present)
        continue;
      vy = Y_OF (item_value (item, y));
      cairo_save (c->cr);
      /* Text drawing leaves a current point; an arc would join it with a stray line. */
      cairo_new_path (c->cr);
      cairo_arc (c->cr, x, vy, radius, 0, 2 * G_PI);
      if (bar_qualifier (&item->values[y]) == ITOGI_QUALIFIER_EXACT)
        {
          set_color (c, &c->style->current);
          cairo_fill (c->cr);
        }
      else
        {
          /* A hollow point for a figure that is not exact. */
          set_color (c, &c->style->background);
          cairo_fill_preserve (c->cr);
          set_color (c, &c->style->current);
          cairo_set_line_width (c->cr, MAX (1.0, c->fs * 0.1));
          cairo_stroke (c->cr);
        }
      cairo_restore (c->cr);
      add_mark (c, x - step / 2, vy - radius * 2, step, radius * 4, index, (int)y);

      vs = value_text (item, y, compact);
      text_layout (c, &vt, vs, vf, FALSE, -1, 1, ALIGN_START);
      /* Above the point, else below it, else left to the tooltip. */
      if (!place_if_clear (c, &vt, x - vt.w / 2, vy - radius - vt.h, p.y + head, years_top, gap,
                           &c->style->text, ITOGI_CHART_TEXT_VALUE, index))
        place_if_clear (c, &vt, x - vt.w / 2, vy + radius, p.y + head, years_top, gap, &c->style->text,
                        ITOGI_CHART_TEXT_VALUE, index);
    }
#undef Y_OF
}

static void
render_multiples (Ctx *c, Box plot, gboolean trend)
{
  guint n = c->model->items->len, cols, rows;
  double gap = c->fs * 1.2, pw, ph, factor_cap;

  if (n == 0)
    return;
  choose_grid (plot.w + gap, plot.h + gap, n, &cols, &rows);
  pw = (plot.w + gap) / cols - gap;
  ph = (plot.h + gap) / rows - gap;
  /* Small panels get smaller type, so their bands still stack inside them. */
  factor_cap = CLAMP (ph / (c->fs * 8.5), 0.3, 1.0);
  /* A panel's title wraps rather than ending in «…»: as many lines as the longest needs, up to
   * six, and never more than 45 % of the panel. */
  c->head_lines = 2;
  for (guint i = 0; i < n; i++)
    {
      g_auto (Text) t = { 0 };
      int most = MAX (2, MIN (6, (int)(ph * 0.45 / line_height (c, 0.85 * factor_cap))));

      text_layout (c, &t, ((const ItogiChartItem *)c->model->items->pdata[i])->label, 0.85 * factor_cap, TRUE,
                   pw, most, ALIGN_START);
      c->head_lines = MAX (c->head_lines, pango_layout_get_line_count (t.pango));
    }

  for (guint i = 0; i < n; i++)
    {
      guint col = i % cols, row = i / cols;
      Box p = { plot.x + col * (pw + gap), plot.y + row * (ph + gap), pw, ph };
      const ItogiChartItem *item = c->model->items->pdata[i];

      draw_selection (c, p.x - gap * 0.25, p.y - gap * 0.25, p.w + gap * 0.5, p.h + gap * 0.5, (int)i);
      add_mark (c, p.x, p.y, p.w, p.h, (int)i, -1);
      if (trend)
        render_panel_trend (c, item, (int)i, p, factor_cap);
      else
        render_panel_columns (c, item, (int)i, p, factor_cap);
    }
}

/* ---- the entry point ---- */

void
itogi_chart_render (cairo_t *cr, const ItogiChartModel *model, const ItogiChartStyle *style, double width,
                    double height, int selected, ItogiChartLayout *layout)
{
  g_autoptr (ItogiChartLayout) own = NULL;
  Ctx c = { 0 };
  ItogiChartKind kind;
  Box plot;

  g_return_if_fail (cr != NULL && model != NULL && style != NULL);

  if (layout == NULL)
    layout = own = itogi_chart_layout_new ();
  g_array_set_size (layout->texts, 0);
  g_array_set_size (layout->marks, 0);

  c.cr = cr;
  c.model = model;
  c.style = style;
  c.layout = layout;
  c.width = width;
  c.height = height;
  c.selected = selected;
  /* Type scales with the chart: a slide and an A4 page at 300 dpi read alike. */
  c.fs = style->font_size > 0 ? style->font_size : CLAMP (MIN (width / 62.0, height / 34.0), 7.0, 80.0);
  c.pad = c.fs * 1.1;
  layout->font_size = c.fs;

  kind = itogi_chart_model_resolve_kind (model);
  layout->kind = kind;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (!style->transparent)
    {
      set_color (&c, &style->background);
      cairo_paint (cr);
    }

  plot = draw_frame (&c,
                     kind == ITOGI_CHART_COLUMNS || kind == ITOGI_CHART_BARS || kind == ITOGI_CHART_MULTIPLES,
                     kind == ITOGI_CHART_COLUMNS || kind == ITOGI_CHART_BARS ? common_unit (model) : NULL);
  if (model->items->len == 0)
    {
      g_auto (Text) t = { 0 };
      text_layout (&c, &t, _ ("No figures for this area."), 1.0, FALSE, plot.w, 2, ALIGN_CENTER);
      text_draw_in (&c, &t, plot.x, plot.w, plot.y + plot.h / 2 - t.h / 2, ALIGN_CENTER, &style->muted,
                    ITOGI_CHART_TEXT_NOTE, -1);
    }
  else
    switch (kind)
      {
      case ITOGI_CHART_BARS:
        render_bars (&c, plot, FALSE);
        break;
      case ITOGI_CHART_CHANGE:
        render_bars (&c, plot, TRUE);
        break;
      case ITOGI_CHART_MULTIPLES:
        render_multiples (&c, plot, FALSE);
        break;
      case ITOGI_CHART_TREND:
        render_multiples (&c, plot, TRUE);
        break;
      case ITOGI_CHART_COLUMNS:
      case ITOGI_CHART_AUTO:
      default:
        render_columns (&c, plot);
        break;
      }
  cairo_restore (cr);
}
