/* xlsx-bench.c: how long Itogi takes to write the report workbook, and libxlsxwriter a million numbers
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: xlsx-bench [MODE [N [DIR]]]
 *   MODE  report           the report workbook, itogi_export_xlsx for 2023 against 2022
 *         stress           both stress workbooks below
 *         stress-default   100 000 rows × 10 columns of numbers, libxlsxwriter in its default mode
 *         stress-constant  the same in constant_memory mode
 *         all              everything (the default)
 *   N     timed runs per workload (default 15 for the report, after 2 warm-up runs;
 *         3 for each stress workbook, without warm-up: one run writes a million cells)
 *   DIR   if given, receives the last file of each workload (itogi-report.xlsx,
 *         itogi-stress-1M.xlsx, itogi-stress-1M-constant-memory.xlsx) to look at
 *
 * Prints one line per workload, «itogi <workload> <median ms>», then the file sizes as
 * «itogi <workload>_bytes <bytes>». bench/run-xlsx.sh runs each MODE as its own process, so
 * that GNU time can report each workload's peak RSS, and reads these lines.
 */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "itogi-seed.h"
#include "itogi-store.h"
#include "itogi-xlsx.h"

#define BENCH_WARMUP 2
#define BENCH_DEFAULT_RUNS 15
#define BENCH_DEFAULT_STRESS_RUNS 3
#define BENCH_YEAR 2023
#define BENCH_COMPARE_YEAR 2022
#define BENCH_CREATED ((time_t)1767225600) /* 2026-01-01 00:00 UTC: the same bytes on every run */
#define STRESS_ROWS 100000
#define STRESS_COLS 10

enum
{
  MODE_REPORT = 1 << 0,
  MODE_STRESS_DEFAULT = 1 << 1,
  MODE_STRESS_CONSTANT = 1 << 2,
};

typedef struct
{
  ItogiStore *store;        /* for the report */
  const char *path;         /* the workbook each run writes, over the last run's */
  gboolean constant_memory; /* for the stress workbooks */
} BenchCtx;

typedef void (*BenchFunc) (BenchCtx *ctx);

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

static double
bench (BenchCtx *ctx, BenchFunc func, guint warmup, guint runs)
{
  g_autofree double *samples = g_new (double, runs);

  for (guint i = 0; i < warmup; i++)
    func (ctx);
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (ctx);
      samples[i] = (double)(g_get_monotonic_time () - start) / 1000.0;
    }
  return median_ms (samples, runs);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
  return (goffset)st.st_size;
}

/* (a) The report workbook as the app and the CLI write it: read the report from SQLite, build
 * the tables, write 11 sheets with 6 native charts, rename the file into place. */
static void
run_report (BenchCtx *ctx)
{
  ItogiExportOptions options = {
    .year = BENCH_YEAR,
    .compare_year = BENCH_COMPARE_YEAR,
    .areas = NULL,
    .created = BENCH_CREATED,
  };
  g_autoptr (GError) error = NULL;

  if (!itogi_export_xlsx (ctx->store, &options, ctx->path, &error))
    g_error ("report: %s", error->message);
}

/* For reference: the same report read from SQLite and written as CSV; an upper bound of the part
 * of (a) that is not libxlsxwriter. */
static void
run_report_csv (BenchCtx *ctx)
{
  ItogiExportOptions options = {
    .year = BENCH_YEAR,
    .compare_year = BENCH_COMPARE_YEAR,
    .areas = NULL,
    .created = BENCH_CREATED,
  };
  g_autoptr (GError) error = NULL;

  if (!itogi_export_csv (ctx->store, &options, ctx->path, &error))
    g_error ("report csv: %s", error->message);
}

/* (b) A million numbers, row by row, one sheet, no formats. */
static void
run_stress (BenchCtx *ctx)
{
  lxw_workbook_options options = { .constant_memory = ctx->constant_memory ? LXW_TRUE : LXW_FALSE };
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_error status;
  locale_t c_locale, old_locale;

  /* As in itogi_export_xlsx: Debian's libxlsxwriter prints numbers with the current LC_NUMERIC,
   * so a decimal comma would corrupt the XML. Harmless under C, kept so the time is honest. */
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t)0);
  if (c_locale == (locale_t)0)
    g_error ("newlocale: %s", g_strerror (errno));
  old_locale = uselocale (c_locale);

  wb = workbook_new_opt (ctx->path, &options);
  if (wb == NULL)
    g_error ("stress: the workbook %s could not be started", ctx->path);
  ws = workbook_add_worksheet (wb, NULL);
  if (ws == NULL)
    g_error ("stress: no worksheet");
  for (lxw_row_t r = 0; r < STRESS_ROWS; r++)
    for (lxw_col_t c = 0; c < STRESS_COLS; c++)
      {
        status = worksheet_write_number (ws, r, c, (double)r * STRESS_COLS + c + 0.5, NULL);
        if (status != LXW_NO_ERROR)
          g_error ("stress: cell %u,%u: %s", r, (unsigned)c, lxw_strerror (status));
      }
  status = workbook_close (wb);

  uselocale (old_locale);
  freelocale (c_locale);
  if (status != LXW_NO_ERROR)
    g_error ("stress: %s", lxw_strerror (status));
}

static gboolean
parse_mode (const char *arg, guint *mode)
{
  static const struct
  {
    const char *name;
    guint mode;
  } modes[] = {
    { "report", MODE_REPORT },
    { "stress", MODE_STRESS_DEFAULT | MODE_STRESS_CONSTANT },
    { "stress-default", MODE_STRESS_DEFAULT },
    { "stress-constant", MODE_STRESS_CONSTANT },
    { "all", MODE_REPORT | MODE_STRESS_DEFAULT | MODE_STRESS_CONSTANT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (strcmp (arg, modes[i].name) == 0)
      {
        *mode = modes[i].mode;
        return TRUE;
      }
  return FALSE;
}

int
main (int argc, char **argv)
{
  guint mode = MODE_REPORT | MODE_STRESS_DEFAULT | MODE_STRESS_CONSTANT;
  guint runs = 0; /* 0: each workload's default */
  const char *save_dir = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *csv_path = NULL;
  BenchCtx ctx = { 0 };

  /* The user's locale, as the app takes it (itogi_i18n_init); the exports must not depend on it. */
  setlocale (LC_ALL, "");

  if (argc > 4 || (argc >= 2 && !parse_mode (argv[1], &mode)))
    {
      fprintf (stderr, "Usage: %s [report|stress|stress-default|stress-constant|all [RUNS [SAVE-DIR]]]\n",
               argv[0]);
      return 2;
    }
  if (argc >= 3)
    {
      guint64 n = 0;
      g_autoptr (GError) error = NULL;

      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, 100000, &n, &error))
        {
          fprintf (stderr, "%s: RUNS must be a whole number from 1 to 100000: %s\n", argv[0], error->message);
          return 2;
        }
      runs = (guint)n;
    }
  if (argc == 4)
    save_dir = argv[3];

  {
    g_autoptr (GError) error = NULL;

    tmp_dir = g_dir_make_tmp ("itogi-xlsx-bench-XXXXXX", &error);
    if (tmp_dir == NULL)
      g_error ("temporary folder: %s", error->message);
  }

  if (mode & MODE_REPORT)
    {
      g_autofree char *path
          = g_build_filename (save_dir != NULL ? save_dir : tmp_dir, "itogi-report.xlsx", NULL);
      g_autoptr (GError) error = NULL;
      guint n = runs > 0 ? runs : BENCH_DEFAULT_RUNS;
      double t_report, t_csv;

      db_path = g_build_filename (tmp_dir, "itogi.db", NULL);
      csv_path = g_build_filename (tmp_dir, "itogi-report.csv", NULL);
      ctx.store = itogi_seed_create (db_path, &error);
      if (ctx.store == NULL)
        g_error ("store: %s", error->message);

      ctx.path = path;
      t_report = bench (&ctx, run_report, BENCH_WARMUP, n);
      ctx.path = csv_path;
      t_csv = bench (&ctx, run_report_csv, BENCH_WARMUP, n);
      g_clear_pointer (&ctx.store, itogi_store_free);

      printf ("itogi runs %u\n", n);
      printf ("itogi report-workbook %.3f\n", t_report);
      printf ("itogi report-csv %.3f\n", t_csv);
      printf ("itogi report-workbook_bytes %" G_GOFFSET_FORMAT "\n", file_size (path));
      if (save_dir == NULL)
        g_unlink (path);
      g_unlink (csv_path);
    }

  for (int constant = 0; constant < 2; constant++)
    {
      const char *name = constant ? "stress-1M-constant-memory" : "stress-1M";
      g_autofree char *file = g_strdup_printf ("itogi-%s.xlsx", name);
      g_autofree char *path = NULL;
      guint n = runs > 0 ? runs : BENCH_DEFAULT_STRESS_RUNS;
      double t;

      if (!(mode & (constant ? MODE_STRESS_CONSTANT : MODE_STRESS_DEFAULT)))
        continue;
      path = g_build_filename (save_dir != NULL ? save_dir : tmp_dir, file, NULL);
      ctx.path = path;
      ctx.constant_memory = constant;
      t = bench (&ctx, run_stress, 0, n);
      printf ("itogi stress-runs %u\n", n);
      printf ("itogi %s %.3f\n", name, t);
      printf ("itogi %s_bytes %" G_GOFFSET_FORMAT "\n", name, file_size (path));
      if (save_dir == NULL)
        g_unlink (path);
    }

  printf ("itogi libxlsxwriter %s\n", lxw_version ());

  if (db_path != NULL)
    {
      static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *p = g_strconcat (db_path, suffixes[i], NULL);
          g_unlink (p);
        }
    }
  if (g_rmdir (tmp_dir) != 0)
    g_warning ("%s was left behind: %s", tmp_dir, g_strerror (errno));
  return 0;
}
