/* chart-bench.c: how long Itogi takes to draw one grouped-column chart and to write it as PNG, SVG and PDF
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: chart-bench [N [DIR]]   N timed runs per measure (default 15, after 2 warm-up runs);
 *                                DIR, if given, receives itogi.png, itogi.svg and itogi.pdf to look at.
 *
 * Prints one line per measure, «itogi <name> <median ms>», then the output sizes as
 * «itogi <format>_bytes <bytes>». bench/run-charts.sh reads these lines.
 */
#include <cairo.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "itogi-chart-export.h"
#include "itogi-chart-model.h"
#include "itogi-chart-render.h"

#define BENCH_WIDTH 1600
#define BENCH_HEIGHT 900
#define BENCH_WARMUP 2
#define BENCH_DEFAULT_RUNS 15

typedef struct
{
  const char *label;
  gint64 values[2]; /* 2022, 2023 */
} BenchRow;

/* The report's figures for 2022 and 2023. */
static const BenchRow bench_rows[] = {
  { "Входящие", { 23142, 22808 } }, { "Исходящие", { 4829, 3997 } }, { "Поручения", { 1064, 1079 } },
  { "Прочие", { 1674, 1543 } },     { "Обращения", { 6667, 6553 } }, { "Проверки", { 16, 23 } },
  { "Услуги", { 74, 71 } },         { "Заявления", { 8374, 3493 } },
};

static ItogiChartModel *
bench_model_new (void)
{
  static const int years[] = { 2022, 2023 };
  ItogiChartModel *model = itogi_chart_model_new (ITOGI_CHART_COLUMNS, "Документооборот, 2022–2023", years,
                                                  G_N_ELEMENTS (years));

  for (guint i = 0; i < G_N_ELEMENTS (bench_rows); i++)
    {
      ItogiValue values[2] = { 0 };

      for (guint y = 0; y < G_N_ELEMENTS (values); y++)
        {
          values[y].present = TRUE;
          values[y].amount = bench_rows[i].values[y];
          values[y].qualifier = ITOGI_QUALIFIER_EXACT;
        }
      itogi_chart_model_add_item (model, bench_rows[i].label, "", ITOGI_KIND_COUNT, 0, ITOGI_POLARITY_NEUTRAL,
                                  values);
    }
  return model;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median_ms (double *samples, guint n)
{
  qsort (samples, n, sizeof *samples, compare_doubles);
  if (n % 2 == 1)
    return samples[n / 2];
  return (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  const ItogiChartModel *model;
  const ItogiChartStyle *style;
  cairo_surface_t *surface; /* the 1600×900 RGB24 image drawn by draw and encoded by encode */
  ItogiChartFormat format;  /* for export */
  gsize out_size;           /* bytes written by the last run */
} BenchCtx;

typedef void (*BenchFunc) (BenchCtx *ctx);

/* (a) Layout and rasterisation only, onto an image surface that already exists. */
static void
run_draw (BenchCtx *ctx)
{
  cairo_t *cr = cairo_create (ctx->surface);

  itogi_chart_render (cr, ctx->model, ctx->style, BENCH_WIDTH, BENCH_HEIGHT, -1, NULL);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_error ("draw: %s", cairo_status_to_string (cairo_status (cr)));
  cairo_destroy (cr);
  cairo_surface_flush (ctx->surface);
}

/* (b) PNG encoding only, of the surface (a) drew, into memory. */
static void
run_encode (BenchCtx *ctx)
{
  GByteArray *out = g_byte_array_new ();
  cairo_status_t status = cairo_surface_write_to_png_stream (ctx->surface, append_bytes, out);

  if (status != CAIRO_STATUS_SUCCESS)
    g_error ("encode: %s", cairo_status_to_string (status));
  ctx->out_size = out->len;
  g_byte_array_unref (out);
}

/* (c)–(e) The whole export, as the app and the CLI do it: surface, layout, drawing, encoding. */
static void
run_export (BenchCtx *ctx)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = itogi_chart_export_bytes (ctx->model, ctx->format, BENCH_WIDTH, BENCH_HEIGHT, 0, &error);

  if (bytes == NULL)
    g_error ("export: %s", error->message);
  ctx->out_size = g_bytes_get_size (bytes);
  g_bytes_unref (bytes);
}

static void
save_all (const ItogiChartModel *model, const char *dir)
{
  static const struct
  {
    ItogiChartFormat format;
    const char *name;
  } files[] = {
    { ITOGI_CHART_FORMAT_PNG, "itogi.png" },
    { ITOGI_CHART_FORMAT_SVG, "itogi.svg" },
    { ITOGI_CHART_FORMAT_PDF, "itogi.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autoptr (GError) error = NULL;

      if (!itogi_chart_export_file (model, files[i].format, BENCH_WIDTH, BENCH_HEIGHT, 0, path, &error))
        g_error ("%s: %s", path, error->message);
    }
}

static double
bench (BenchCtx *ctx, BenchFunc func, guint runs)
{
  g_autofree double *samples = g_new (double, runs);

  for (guint i = 0; i < BENCH_WARMUP; i++)
    func (ctx);
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (ctx);
      samples[i] = (double)(g_get_monotonic_time () - start) / 1000.0;
    }
  return median_ms (samples, runs);
}

int
main (int argc, char **argv)
{
  g_autoptr (ItogiChartModel) model = NULL;
  ItogiChartStyle style;
  BenchCtx ctx = { 0 };
  guint runs = BENCH_DEFAULT_RUNS;
  gsize encode_size, png_size, svg_size, pdf_size;
  double t_draw, t_encode, t_png, t_svg, t_pdf;

  if (argc > 3)
    {
      fprintf (stderr, "Usage: %s [RUNS [SAVE-DIR]]\n", argv[0]);
      return 2;
    }
  if (argc >= 2)
    {
      guint64 n = 0;
      g_autoptr (GError) error = NULL;

      if (!g_ascii_string_to_unsigned (argv[1], 10, 1, 100000, &n, &error))
        {
          fprintf (stderr, "%s: RUNS must be a whole number from 1 to 100000: %s\n", argv[0], error->message);
          return 2;
        }
      runs = (guint)n;
    }

  model = bench_model_new ();
  itogi_chart_style_init_light (&style);
  ctx.model = model;
  ctx.style = &style;
  ctx.surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, BENCH_WIDTH, BENCH_HEIGHT);
  if (cairo_surface_status (ctx.surface) != CAIRO_STATUS_SUCCESS)
    g_error ("surface: %s", cairo_status_to_string (cairo_surface_status (ctx.surface)));

  t_draw = bench (&ctx, run_draw, runs);
  t_encode = bench (&ctx, run_encode, runs);
  encode_size = ctx.out_size;
  ctx.format = ITOGI_CHART_FORMAT_PNG;
  t_png = bench (&ctx, run_export, runs);
  png_size = ctx.out_size;
  ctx.format = ITOGI_CHART_FORMAT_SVG;
  t_svg = bench (&ctx, run_export, runs);
  svg_size = ctx.out_size;
  ctx.format = ITOGI_CHART_FORMAT_PDF;
  t_pdf = bench (&ctx, run_export, runs);
  pdf_size = ctx.out_size;
  cairo_surface_destroy (ctx.surface);

  if (argc == 3)
    save_all (model, argv[2]);

  printf ("itogi runs %u\n", runs);
  printf ("itogi draw %.3f\n", t_draw);
  printf ("itogi encode %.3f\n", t_encode);
  printf ("itogi png %.3f\n", t_png);
  printf ("itogi svg %.3f\n", t_svg);
  printf ("itogi pdf %.3f\n", t_pdf);
  printf ("itogi encode_bytes %" G_GSIZE_FORMAT "\n", encode_size);
  printf ("itogi png_bytes %" G_GSIZE_FORMAT "\n", png_size);
  printf ("itogi svg_bytes %" G_GSIZE_FORMAT "\n", svg_size);
  printf ("itogi pdf_bytes %" G_GSIZE_FORMAT "\n", pdf_size);
  return 0;
}
