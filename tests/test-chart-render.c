/* test-chart-render.c: charts on image, SVG and PDF surfaces; no overlapping text at any size
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "itogi-chart-export.h"
#include "itogi-chart-render.h"
#include "itogi-format.h"
#include "itogi-seed.h"
#include "itogi-store.h"
#include "test-util.h"

static ItogiStore *store;
static char *tmp_dir;

static const char *const area_slugs[] = {
  NULL, /* the Overview */
  "documents", "appeals",        "public-relations", "financial-control",
  "legal",     "admin-barriers", "personnel",        "institutions",
};

static ItogiChartModel *
area_model (const char *slug, ItogiChartKind kind)
{
  g_autoptr (GError) error = NULL;
  ItogiChartModel *model = itogi_chart_model_new_for_area (store, slug, kind, 2023, 2022, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* A model with known numbers: 100 then 50, and 40 then 80. */
static ItogiChartModel *
known_model (void)
{
  const int years[] = { 2022, 2023 };
  ItogiChartModel *model = itogi_chart_model_new (ITOGI_CHART_COLUMNS, "Проверка", years, 2);
  ItogiValue a[2] = { { .present = TRUE, .amount = 100 }, { .present = TRUE, .amount = 50 } };
  ItogiValue b[2] = { { .present = TRUE, .amount = 40 }, { .present = TRUE, .amount = 80 } };

  itogi_chart_model_add_item (model, "Первый", "ед.", ITOGI_KIND_COUNT, 0, ITOGI_POLARITY_GOOD, a);
  itogi_chart_model_add_item (model, "Второй", "ед.", ITOGI_KIND_COUNT, 0, ITOGI_POLARITY_GOOD, b);
  return model;
}

static const ItogiChartMark *
find_bar (const ItogiChartLayout *layout, int item, int year)
{
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const ItogiChartMark *m = &g_array_index (layout->marks, ItogiChartMark, i);
      if (m->item == item && m->year == year)
        return m;
    }
  return NULL;
}

static guint32
pixel_at (cairo_surface_t *surface, double x, double y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *)(data + (int)y * stride + (int)x * 4) & 0xffffff;
}

static void
test_bars_at_expected_pixels (void)
{
  g_autoptr (ItogiChartModel) model = known_model ();
  g_autoptr (ItogiChartLayout) layout = itogi_chart_layout_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 450);
  cairo_t *cr = cairo_create (surface);
  const ItogiChartMark *a0, *a1, *b0, *b1;
  ItogiChartStyle style;

  itogi_chart_style_init_light (&style);
  itogi_chart_render (cr, model, &style, 800, 450, -1, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  g_assert_cmpint (layout->kind, ==, ITOGI_CHART_COLUMNS);

  a0 = find_bar (layout, 0, 0);
  a1 = find_bar (layout, 0, 1);
  b0 = find_bar (layout, 1, 0);
  b1 = find_bar (layout, 1, 1);
  g_assert_true (a0 && a1 && b0 && b1);
  if (!(a0 && a1 && b0 && b1))
    return;

  /* One axis from zero: the bars share a baseline and their heights keep the numbers' ratios. */
  g_assert_cmpfloat (fabs ((a0->rect.y + a0->rect.height) - (b1->rect.y + b1->rect.height)), <, 1.0);
  g_assert_cmpfloat (fabs (a0->rect.height - 2 * a1->rect.height), <, 1.5);
  g_assert_cmpfloat (fabs (b1->rect.height - 2 * b0->rect.height), <, 1.5);
  g_assert_cmpfloat (fabs (a0->rect.height / b1->rect.height - 100.0 / 80.0), <, 0.02);
  /* Years side by side, items left to right. */
  g_assert_cmpfloat (a0->rect.x, <, a1->rect.x);
  g_assert_cmpfloat (a1->rect.x, <, b0->rect.x);

  /* The pixels are painted where the layout says: muted last year, saturated this year, white
   * paper just above the shorter bar. */
  g_assert_cmphex (pixel_at (surface, a0->rect.x + a0->rect.width / 2, a0->rect.y + a0->rect.height / 2), ==,
                   0x9ecae9);
  g_assert_cmphex (pixel_at (surface, a1->rect.x + a1->rect.width / 2, a1->rect.y + a1->rect.height / 2), ==,
                   0x0072b2);
  g_assert_cmphex (pixel_at (surface, a1->rect.x + a1->rect.width / 2, a0->rect.y + 2), ==, 0xffffff);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_selection_and_hits (void)
{
  g_autoptr (ItogiChartModel) model = known_model ();
  g_autoptr (ItogiChartLayout) layout = itogi_chart_layout_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 450);
  cairo_t *cr = cairo_create (surface);
  const ItogiChartMark *b1;
  ItogiChartStyle style;

  itogi_chart_style_init_light (&style);
  itogi_chart_render (cr, model, &style, 800, 450, 1, layout);
  b1 = find_bar (layout, 1, 1);
  g_assert_nonnull (b1);
  if (b1 == NULL)
    return;
  g_assert_cmpint (itogi_chart_layout_hit (layout, b1->rect.x + 1, b1->rect.y + 1), ==, 1);
  g_assert_cmpint (itogi_chart_layout_hit (layout, 1, 1), ==, -1);
  cairo_surface_flush (surface);
  /* The selected group is tinted; the background beside it is not. */
  g_assert_cmphex (pixel_at (surface, b1->rect.x + b1->rect.width / 2, b1->rect.y - 3), !=, 0xffffff);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
check_layout (const ItogiChartLayout *layout, double width, double height, const char *what)
{
  guint a, b;

  g_assert_cmpuint (layout->texts->len, >, 2);
  if (itogi_chart_layout_find_overlap (layout, &a, &b))
    {
      const ItogiChartText *ta = &g_array_index (layout->texts, ItogiChartText, a);
      const ItogiChartText *tb = &g_array_index (layout->texts, ItogiChartText, b);
      g_error ("%s: «%s» (%.1f,%.1f %.1f×%.1f) overlaps «%s» (%.1f,%.1f %.1f×%.1f)", what, ta->text,
               ta->rect.x, ta->rect.y, ta->rect.width, ta->rect.height, tb->text, tb->rect.x, tb->rect.y,
               tb->rect.width, tb->rect.height);
    }
  /* Numbers, badges and ticks are never cut short with «…»: they shrink or stay out. */
  for (guint i = 0; i < layout->texts->len; i++)
    {
      const ItogiChartText *t = &g_array_index (layout->texts, ItogiChartText, i);
      if (t->ellipsized
          && (t->role == ITOGI_CHART_TEXT_VALUE || t->role == ITOGI_CHART_TEXT_BADGE
              || t->role == ITOGI_CHART_TEXT_TICK))
        g_error ("%s: the number «%s» was cut short", what, t->text);
    }
  /* Every text fits on the canvas. */
  for (guint i = 0; i < layout->texts->len; i++)
    {
      const ItogiChartText *t = &g_array_index (layout->texts, ItogiChartText, i);
      if (t->rect.x < -0.5 || t->rect.y < -0.5 || t->rect.x + t->rect.width > width + 0.5
          || t->rect.y + t->rect.height > height + 0.5)
        g_error ("%s: «%s» leaves the canvas (%.1f,%.1f %.1f×%.1f)", what, t->text, t->rect.x, t->rect.y,
                 t->rect.width, t->rect.height);
    }
}

static guint
count_role (const ItogiChartLayout *layout, ItogiChartTextRole role)
{
  guint n = 0;
  for (guint i = 0; i < layout->texts->len; i++)
    n += g_array_index (layout->texts, ItogiChartText, i).role == role;
  return n;
}

/* Nothing is left out on an ordinary chart: a value label for every year of every indicator (a
 * missing one reads «—»), a badge for each, a label for each. */
static void
check_complete (const ItogiChartModel *model, const ItogiChartLayout *layout, const char *what)
{
  guint values = 0, badges = 0, n = model->items->len;

  for (guint i = 0; i < n; i++)
    {
      const ItogiChartItem *item = model->items->pdata[i];
      switch (layout->kind)
        {
        case ITOGI_CHART_CHANGE:
          values += item->yoy.kind != ITOGI_CHANGE_NONE && item->yoy.has_percent;
          break;
        case ITOGI_CHART_TREND:
          for (guint y = 0; y < model->n_years; y++)
            values += item->values[y].present;
          break;
        default:
          values += 2;
          badges++;
          break;
        }
    }
  if (count_role (layout, ITOGI_CHART_TEXT_VALUE) != values
      || count_role (layout, ITOGI_CHART_TEXT_BADGE) != badges)
    g_error ("%s: %u of %u values and %u of %u badges drawn", what,
             count_role (layout, ITOGI_CHART_TEXT_VALUE), values, count_role (layout, ITOGI_CHART_TEXT_BADGE),
             badges);
}

/* Every area of the report, every kind, at a small screen, a slide-sized and an A4-at-300-dpi
 * canvas: no two text boxes (as Pango laid them out for the renderer) overlap. */
/* A small panel's title wraps rather than ending in «…»: every indicator's title of every area is
 * drawn whole in its panel, at the sizes of the screen and of the printed report, and the plots
 * of a row of panels start at the same height. */
static void
test_panel_titles_whole (void)
{
  static const double sizes[][2] = { { 1200, 700 }, { 1600, 900 }, { 3508, 2480 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint a = 1; a < G_N_ELEMENTS (area_slugs); a++)
      {
        g_autoptr (ItogiChartModel) model = area_model (area_slugs[a], ITOGI_CHART_MULTIPLES);
        g_autoptr (ItogiChartLayout) layout = itogi_chart_layout_new ();
        cairo_surface_t *surface
            = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)sizes[s][0], (int)sizes[s][1]);
        cairo_t *cr = cairo_create (surface);
        ItogiChartStyle style;
        guint titles = 0;

        itogi_chart_style_init_light (&style);
        itogi_chart_render (cr, model, &style, sizes[s][0], sizes[s][1], -1, layout);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        for (guint i = 0; i < layout->texts->len; i++)
          {
            const ItogiChartText *t = &g_array_index (layout->texts, ItogiChartText, i);
            if (t->role != ITOGI_CHART_TEXT_LABEL)
              continue;
            titles++;
            if (t->ellipsized)
              g_error ("%s at %.0f×%.0f: the panel title «%s» is cut short", area_slugs[a], sizes[s][0],
                       sizes[s][1], t->text);
          }
        g_assert_cmpuint (titles, ==, model->items->len);
      }
}

static void
test_no_overlaps (void)
{
  static const double sizes[][2] = { { 800, 450 }, { 1600, 900 }, { 3508, 2480 } };
  static const ItogiChartKind kinds[] = {
    ITOGI_CHART_AUTO,      ITOGI_CHART_COLUMNS, ITOGI_CHART_BARS,
    ITOGI_CHART_MULTIPLES, ITOGI_CHART_CHANGE,  ITOGI_CHART_TREND,
  };
  guint renders = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      cairo_surface_t *surface
          = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)sizes[s][0], (int)sizes[s][1]);
      g_autoptr (ItogiChartLayout) layout = itogi_chart_layout_new ();
      ItogiChartStyle style;

      itogi_chart_style_init_light (&style);
      for (guint a = 0; a < G_N_ELEMENTS (area_slugs); a++)
        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          {
            g_autoptr (ItogiChartModel) model = area_model (area_slugs[a], kinds[k]);
            g_autofree char *what
                = g_strdup_printf ("%s, %s, %.0f×%.0f", area_slugs[a] ? area_slugs[a] : "overview",
                                   itogi_chart_kind_to_string (kinds[k]), sizes[s][0], sizes[s][1]);
            cairo_t *cr = cairo_create (surface);

            itogi_chart_render (cr, model, &style, sizes[s][0], sizes[s][1], -1, layout);
            g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
            cairo_destroy (cr);
            check_layout (layout, sizes[s][0], sizes[s][1], what);
            /* On an area's chart, nothing is left out: in the kind chosen for it at every size, and in any kind
             * from a slide's size up. */
            if (area_slugs[a] != NULL && (sizes[s][0] >= 1600 || kinds[k] == ITOGI_CHART_AUTO))
              check_complete (model, layout, what);
            renders++;
          }
      cairo_surface_destroy (surface);
    }
  g_test_message ("%u charts checked", renders);
  g_assert_cmpuint (renders, ==, 3 * G_N_ELEMENTS (area_slugs) * G_N_ELEMENTS (kinds));
}

/* Models the report does not have, to find the renderer's limits: many indicators, titles of
 * 150 characters, negative decimals, 15-digit numbers, bounds, one indicator, sixteen years with
 * gaps. */
static ItogiChartModel *
stress_model (guint variant)
{
  static const int two[] = { 2022, 2023 };
  int many_years[16];
  ItogiChartModel *model;
  guint n_items;

  for (int y = 0; y < 16; y++)
    many_years[y] = 2008 + y;
  if (variant == 4)
    model = itogi_chart_model_new (ITOGI_CHART_AUTO, "Шестнадцать лет с пропусками", many_years, 16);
  else
    model = itogi_chart_model_new (ITOGI_CHART_AUTO, "Проверка пределов", two, 2);
  model->subtitle = g_strdup ("2023 г. к 2022 г.");
  model->source = g_strdup ("Источник: проверка");
  n_items = variant == 0 ? 30 : variant == 1 ? 60 : variant == 2 ? 6 : variant == 3 ? 1 : 5;

  for (guint i = 0; i < n_items; i++)
    {
      ItogiValue values[16] = { { 0 } };
      g_autofree char *label = NULL;
      ItogiKind kind = ITOGI_KIND_COUNT;
      guint scale = 0;

      if (variant == 2)
        label = g_strdup_printf (
            "Очень длинное название показателя номер %u, которое занимает много места и не "
            "помещается ни в одну строку, ни в две строки подписи под столбцом диаграммы",
            i + 1);
      else
        label = g_strdup_printf ("Показатель %u", i + 1);
      for (guint y = 0; y < model->n_years; y++)
        {
          values[y].present = !(variant == 4 && (y % 3 == 1 || y == 7));
          values[y].amount = (gint64)((i + 1) * 1000 + y * 37);
        }
      if (variant == 2)
        {
          /* Negative decimals and a huge number side by side. */
          kind = ITOGI_KIND_DECIMAL;
          scale = 1;
          values[0].amount = i % 2 ? -1234567 : 999999999999999;
          values[1].amount = i % 2 ? -987654 : 123;
          values[1].qualifier = i % 3 == 0 ? ITOGI_QUALIFIER_MORE : ITOGI_QUALIFIER_EXACT;
        }
      if (variant == 3)
        {
          values[0].amount = 999999999999999;
          values[1].amount = 1;
        }
      itogi_chart_model_add_item (model, label, i % 2 ? "ед." : "тыс. руб.", kind, scale, ITOGI_POLARITY_GOOD,
                                  values);
    }
  return model;
}

static void
test_no_overlaps_at_the_limits (void)
{
  static const double sizes[][2]
      = { { 320, 240 }, { 3000, 300 }, { 320, 3000 }, { 1600, 900 }, { 3508, 2480 } };
  static const ItogiChartKind kinds[] = {
    ITOGI_CHART_AUTO,      ITOGI_CHART_COLUMNS, ITOGI_CHART_BARS,
    ITOGI_CHART_MULTIPLES, ITOGI_CHART_CHANGE,  ITOGI_CHART_TREND,
  };
  g_autoptr (ItogiChartLayout) layout = itogi_chart_layout_new ();
  ItogiChartStyle style;

  itogi_chart_style_init_light (&style);
  for (guint v = 0; v < 5; v++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr (ItogiChartModel) model = stress_model (v);
          cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
          cairo_t *cr = cairo_create (surface);
          g_autofree char *what = g_strdup_printf (
              "stress %u, %s, %.0f×%.0f", v, itogi_chart_kind_to_string (kinds[k]), sizes[s][0], sizes[s][1]);

          model->kind = kinds[k];
          itogi_chart_render (cr, model, &style, sizes[s][0], sizes[s][1], -1, layout);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          check_layout (layout, sizes[s][0], sizes[s][1], what);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
}

/* The comparison year can be the later one: the change is still the report year's against it. */
static void
test_year_order (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiChartModel) model
      = itogi_chart_model_new_for_area (store, "documents", ITOGI_CHART_AUTO, 2022, 2023, &error);
  const ItogiChartItem *first;

  g_assert_no_error (error);
  g_assert_cmpint (model->years[0], ==, 2023);
  g_assert_cmpint (model->years[1], ==, 2022);
  first = model->items->pdata[0];
  /* 23 142 in 2022 against 22 808 in 2023: up 1,5 %, as the table says. */
  g_assert_cmpint (first->yoy.direction, ==, 1);
  g_assert_cmpint (first->yoy.percent_x10, ==, 15);

  g_assert_null (itogi_chart_model_new_for_area (store, "documents", ITOGI_CHART_AUTO, 2023, 2023, &error));
  g_assert_nonnull (error);
}

/* The trend runs over every calendar year, so a year without figures breaks the line. */
static void
test_trend_years (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiChartModel) model
      = itogi_chart_model_new_for_area (store, "appeals", ITOGI_CHART_TREND, 2023, 2022, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (model->n_years, ==, 2);
  g_assert_cmpint (model->years[0], ==, 2022);
  g_assert_cmpint (model->years[1], ==, 2023);
}

/* The same model draws without a Cairo error on every kind of surface. */
static void
test_surfaces (void)
{
  g_autoptr (ItogiChartModel) model = area_model ("documents", ITOGI_CHART_AUTO);

  for (int f = ITOGI_CHART_FORMAT_PNG; f <= ITOGI_CHART_FORMAT_PDF; f++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = itogi_chart_export_bytes (model, (ItogiChartFormat)f, 1600, 900, 0, &error);
      gsize len;
      const char *data;
      static const char *const magic[] = { "\x89PNG", "<?xml", "%PDF" };

      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &len);
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (memcmp (data, magic[f], strlen (magic[f])) == 0);
    }
}

static void
test_png_dpi (void)
{
  g_autoptr (ItogiChartModel) model = area_model ("financial-control", ITOGI_CHART_AUTO);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = itogi_chart_export_bytes (
      model, ITOGI_CHART_FORMAT_PNG, ITOGI_CHART_A4_300DPI_WIDTH, ITOGI_CHART_A4_300DPI_HEIGHT, 300, &error);
  const guint8 *data;
  gsize len;
  const guint8 *phys;
  guint32 ppm;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  phys = memmem (data, MIN (len, 200), "pHYs", 4);
  g_assert_nonnull (phys);
  ppm = ((guint32)phys[4] << 24) | ((guint32)phys[5] << 16) | ((guint32)phys[6] << 8) | phys[7];
  g_assert_cmpuint (ppm, ==, 11811); /* 300 dpi */
  /* A reader that checks CRCs accepts it: Cairo reads it back. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "a4.png", NULL);
    cairo_surface_t *back;
    g_assert_true (g_file_set_contents (path, (const char *)data, (gssize)len, NULL));
    back = cairo_image_surface_create_from_png (path);
    g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (back), ==, ITOGI_CHART_A4_300DPI_WIDTH);
    cairo_surface_destroy (back);
  }
}

static char *
normalize_spaces (const char *s)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x202f || c == 0x00a0 || c == '\n')
        c = ' ';
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* An independent reader finds the Russian labels and the report's figures in the PDF. */
static void
test_pdf_text (void)
{
  g_autoptr (ItogiChartModel) model = area_model ("documents", ITOGI_CHART_BARS);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "Контроль документов.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status = 0;

  g_assert_true (itogi_chart_export_file (model, ITOGI_CHART_FORMAT_PDF, ITOGI_CHART_A4_PT_WIDTH,
                                          ITOGI_CHART_A4_PT_HEIGHT, 0, path, &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  text = normalize_spaces (out);
  g_assert_nonnull (strstr (text, "Контроль исполнения документов"));
  g_assert_nonnull (strstr (text, "22 808"));
  g_assert_nonnull (strstr (text, "23 142"));
  g_assert_nonnull (strstr (text, "−1,4 %"));
  g_assert_nonnull (strstr (text, "Поступило обращений от юридических лиц"));

  /* The PDF's title metadata names the chart; the page is A4 landscape. */
  {
    const char *info_argv[] = { "pdfinfo", path, NULL };
    g_autofree char *info = NULL;
    g_assert_true (g_spawn_sync (NULL, (char **)info_argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &info, NULL,
                                 &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (info, "Контроль исполнения документов"));
    g_assert_nonnull (strstr (info, "595.28 pts (A4)"));
  }
}

static void
test_export_errors (void)
{
  g_autoptr (ItogiChartModel) model = area_model ("documents", ITOGI_CHART_AUTO);
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (tmp_dir, "no such folder", "chart.png", NULL);
  ItogiChartFormat format;

  g_assert_false (itogi_chart_export_file (model, ITOGI_CHART_FORMAT_PNG, 800, 450, 0, missing, &error));
  g_assert_error (error, ITOGI_CHART_ERROR, ITOGI_CHART_ERROR_WRITE);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_null (itogi_chart_export_bytes (model, ITOGI_CHART_FORMAT_PNG, 50000, 450, 0, &error));
  g_assert_error (error, ITOGI_CHART_ERROR, ITOGI_CHART_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (itogi_chart_export_bytes (model, ITOGI_CHART_FORMAT_PNG, 100, 100, 0, &error));
  g_assert_error (error, ITOGI_CHART_ERROR, ITOGI_CHART_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_false (itogi_chart_format_from_path ("chart.jpeg", &format, &error));
  g_assert_error (error, ITOGI_CHART_ERROR, ITOGI_CHART_ERROR_FORMAT);
  g_assert_true (itogi_chart_format_from_path ("Диаграмма.PDF", &format, NULL));
  g_assert_cmpint (format, ==, ITOGI_CHART_FORMAT_PDF);
}

static void
test_auto_kind (void)
{
  g_autoptr (ItogiChartModel) documents = area_model ("documents", ITOGI_CHART_AUTO);
  g_autoptr (ItogiChartModel) known = known_model ();
  g_autofree char *description = NULL;

  /* 4 next to 22 808 cannot share an axis. */
  g_assert_cmpint (itogi_chart_model_resolve_kind (documents), ==, ITOGI_CHART_MULTIPLES);
  known->kind = ITOGI_CHART_AUTO;
  g_assert_cmpint (itogi_chart_model_resolve_kind (known), ==, ITOGI_CHART_COLUMNS);

  /* The description reads the data out. */
  description = itogi_chart_model_describe (documents);
  g_assert_nonnull (strstr (description, "22" ITOGI_GROUP_SEP "808"));
  g_assert_nonnull (strstr (description, ITOGI_MINUS "1,4"));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int rc;

  itogi_test_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("itogi-chart-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp_dir, "itogi.db", NULL);
  store = itogi_seed_create (path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/chart/render/bars-at-expected-pixels", test_bars_at_expected_pixels);
  g_test_add_func ("/chart/render/selection-and-hits", test_selection_and_hits);
  g_test_add_func ("/chart/render/no-overlaps", test_no_overlaps);
  g_test_add_func ("/chart/render/panel-titles-whole", test_panel_titles_whole);
  g_test_add_func ("/chart/render/no-overlaps-at-the-limits", test_no_overlaps_at_the_limits);
  g_test_add_func ("/chart/render/year-order", test_year_order);
  g_test_add_func ("/chart/render/trend-years", test_trend_years);
  g_test_add_func ("/chart/render/surfaces", test_surfaces);
  g_test_add_func ("/chart/render/png-dpi", test_png_dpi);
  g_test_add_func ("/chart/render/pdf-text", test_pdf_text);
  g_test_add_func ("/chart/render/export-errors", test_export_errors);
  g_test_add_func ("/chart/render/auto-kind", test_auto_kind);
  rc = g_test_run ();

  itogi_store_free (store);
  {
    g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmp_dir, name, NULL);
        g_unlink (child);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return rc;
}
