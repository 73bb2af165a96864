/* stall-bench.c: how long the window's main loop is held by what people do in it
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   stall-bench DATABASE
 *
 * Opens the window on DATABASE (Cairo renderer, under Xvfb: bench/run-stalls.sh), then switches
 * to every page in the sidebar's order, changes the report year five times on the Overview and on
 * the last area's page, and writes the report as PDF and ODT and the workbook of every area the
 * way the window does. For each it prints the time from the call to the end of the next painted
 * frame, and a watchdog at high priority, due every 5 ms, gives the longest gap between its
 * runs: the longest stall of the main loop in the whole run. It measures and prints; it never
 * passes or fails on a time.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "itogi-area-page.h"
#include "itogi-indicator-table.h"
#include "itogi-report-page.h"
#include "itogi-store.h"
#include "itogi-window.h"
#include "itogi-xlsx.h"

static gint64 last_tick;
static gint64 longest_gap;
static const char *during = "start-up";
static const char *longest_during;
static gboolean painted;
/* The phases of the frame that ended the last measurement (STALL_BENCH_VERBOSE=1): when its
 * layout began, its paint began, and it ended. */
static gint64 layout_at, paint_at, painted_at;
/* The same for every frame, whether measured or not (the scroll's frames). */
static gint64 any_layout_at, any_paint_at;
/* When not NULL, every frame's layout and paint, in ms. */
static GArray *frame_layouts, *frame_paints;

/* The process's resident memory now, in MB (Linux). */
static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static gboolean
watchdog (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_gap)
    {
      longest_gap = now - last_tick;
      longest_during = during;
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* GTK's own handlers of the frame clock's phases were connected first (at realize), so these run
 * after them: the end of the update phase (the tick callbacks) is when the layout begins, the end
 * of GTK's layout is when its paint begins. */
static void
on_update (GdkFrameClock *clock, gpointer data)
{
  any_layout_at = g_get_monotonic_time ();
  if (!painted)
    layout_at = any_layout_at;
}

static void
on_layout (GdkFrameClock *clock, gpointer data)
{
  any_paint_at = g_get_monotonic_time ();
  if (!painted)
    paint_at = any_paint_at;
}

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  painted_at = g_get_monotonic_time ();
  painted = TRUE;
  if (frame_layouts != NULL && any_paint_at > any_layout_at)
    {
      double layout = (double)(any_paint_at - any_layout_at) / 1000.0;
      double paint = (double)(painted_at - any_paint_at) / 1000.0;

      g_array_append_val (frame_layouts, layout);
      g_array_append_val (frame_paints, paint);
    }
}

/* Until a frame is painted after now, and the loop is idle: the time it took, in ms. */
static double
to_next_frame (GtkWidget *window, gint64 since)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  painted = FALSE;
  gtk_widget_queue_draw (window);
  while (!painted && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return (double)(g_get_monotonic_time () - since) / 1000.0;
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  GArray *times;
  double worst;
  const char *worst_name;
} Series;

static void
record (Series *s, const char *name, double ms)
{
  g_array_append_val (s->times, ms);
  if (g_getenv ("STALL_BENCH_VERBOSE") != NULL)
    /* Before the frame (the call, and the main loop's work until the frame began), its layout
     * (measure and allocate), its paint (snapshot and render). */
    fprintf (stderr, "%s %.0f ms (before the frame %.0f, layout %.0f, paint %.0f)\n", name, ms,
             ms - (painted_at - layout_at) / 1000.0, (paint_at - layout_at) / 1000.0,
             (painted_at - paint_at) / 1000.0);
  if (ms > s->worst)
    {
      s->worst = ms;
      s->worst_name = name;
    }
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The value under which @percent of @times are (sorts them). */
static double
percentile (GArray *times, guint percent)
{
  guint i;

  if (times->len == 0)
    return 0;
  g_array_sort (times, compare_double);
  i = MIN (times->len - 1, (times->len * percent) / 100);
  return g_array_index (times, double, i);
}

/* STALL_BENCH_ONLY=scroll (or pages, report, years, exports; comma-separated) runs only those parts,
 * to profile one of them. */
static gboolean
wants (const char *part)
{
  const char *only = g_getenv ("STALL_BENCH_ONLY");
  g_auto (GStrv) parts = NULL;

  if (only == NULL || *only == '\0')
    return TRUE;
  parts = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char *const *)parts, part);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_double);
  return times->len > 0 ? g_array_index (times, double, times->len / 2) : 0;
}

/* ---- scrolling the Overview ---- */

typedef struct
{
  GtkAdjustment *adjustment;
  double step;  /* pixels per frame */
  guint frames; /* to go */
  gint64 last;  /* the previous tick */
  GArray *gaps; /* ms between ticks */
  GArray *work; /* ms from a tick to the end of its frame's paint: the frame's own work */
  gint64 began; /* the first tick, monotonic µs (for a profile's time range) */
} Scroll;

static GtkScrolledWindow *
first_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = first_scroller (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Each frame: the time since the one before (its whole work: scroll, layout, paint), then the
 * next step down. */
static gboolean
scroll_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Scroll *s = data;
  gint64 now = g_get_monotonic_time ();

  if (s->last != 0)
    {
      double ms = (double)(now - s->last) / 1000.0;
      g_array_append_val (s->gaps, ms);
      if (painted_at > s->last)
        {
          double work = (double)(painted_at - s->last) / 1000.0;
          g_array_append_val (s->work, work);
        }
    }
  if (s->last == 0)
    s->began = now;
  s->last = now;
  if (s->frames == 0)
    return G_SOURCE_REMOVE;
  s->frames--;
  gtk_adjustment_set_value (s->adjustment, gtk_adjustment_get_value (s->adjustment) + s->step);
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autofree char *dir = g_dir_make_tmp ("itogi-stalls-XXXXXX", NULL);
  Series pages = { g_array_new (FALSE, FALSE, sizeof (double)), 0, NULL };
  Series years = { g_array_new (FALSE, FALSE, sizeof (double)), 0, NULL };
  ItogiStore *store;
  ItogiWindow *window;
  GtkWidget *widget;
  g_autofree char *scroll_report = NULL;
  gint64 t;
  double rss_early = 0, rss_areas = 0, rss_late = 0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: stall-bench DATABASE\n");
      return 2;
    }
  gtk_init ();
  adw_init ();
  store = itogi_store_open_unverified (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "stall-bench: %s\n", error->message);
      return 1;
    }
  areas = itogi_store_list_areas (store, FALSE, NULL);
  window = itogi_window_new (NULL, store);
  widget = GTK_WIDGET (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  itogi_window_set_years (window, 2023, 2022);
  itogi_window_show_page (window, ITOGI_OVERVIEW_PAGE_NAME);
  gtk_window_present (GTK_WINDOW (window));
  t = g_get_monotonic_time ();
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (widget), "update", G_CALLBACK (on_update), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (widget), "layout", G_CALLBACK (on_layout), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_after_paint), NULL);
  to_next_frame (widget, t);
  settle (500);
  g_timeout_add_full (G_PRIORITY_HIGH, 5, watchdog, NULL, NULL);

  /* Every page, in the sidebar's order, then the Overview again. The memory taken is read after
   * the first ten pages, after every area's and after the Report's: it should not grow with the
   * areas visited. */
  /* (STALL_BENCH_ONLY=report: only the Report's first visit, to profile it.) */
  for (guint i = 0; i <= (wants ("pages") ? areas->len + 1 : 0) && (wants ("pages") || wants ("report")); i++)
    {
      if (i == 10)
        rss_early = rss_mb ();
      if (i == areas->len + 1)
        rss_areas = rss_mb ();
      const char *name = i == 0                ? ITOGI_OVERVIEW_PAGE_NAME
                         : i == areas->len + 1 ? ITOGI_REPORT_PAGE_NAME
                                               : ((ItogiArea *)areas->pdata[i - 1])->slug;
      during = name;
      t = g_get_monotonic_time ();
      itogi_window_show_page (window, i == 0 ? "report" : name);
      if (i == 0)
        {
          /* First the Report, then back: the Overview's own switch is measured at the end. */
          record (&pages, "report (first)", to_next_frame (widget, t));
          if (g_getenv ("STALL_BENCH_VERBOSE") != NULL)
            fprintf (stderr, "  (monotonic µs: from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ")\n", t,
                     painted_at);
          settle (100);
          t = g_get_monotonic_time ();
          itogi_window_show_page (window, ITOGI_OVERVIEW_PAGE_NAME);
        }
      record (&pages, name, to_next_frame (widget, t));
      if (g_getenv ("STALL_BENCH_VERBOSE") != NULL)
        fprintf (stderr, "  (monotonic µs: from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ")\n", t, painted_at);
      settle (50);
    }
  settle (1000);
  rss_late = rss_mb ();

  /* The report year, five times, on the Overview and on the last area's page. */
  for (guint p = 0; p < 2 && wants ("years"); p++)
    {
      const char *page = p == 0 ? ITOGI_OVERVIEW_PAGE_NAME : ((ItogiArea *)areas->pdata[areas->len - 1])->slug;
      itogi_window_show_page (window, page);
      to_next_frame (widget, g_get_monotonic_time ());
      for (int y = 2022; y >= 2018; y--)
        {
          during = p == 0 ? "year on the Overview" : "year on an area";
          t = g_get_monotonic_time ();
          itogi_window_set_years (window, y, y - 1);
          if (g_getenv ("STALL_BENCH_VERBOSE") != NULL)
            fprintf (stderr, "  (the call itself: %.0f ms)\n",
                     (double)(g_get_monotonic_time () - t) / 1000.0);
          record (&years, during, to_next_frame (widget, t));
          settle (50);
        }
    }
  itogi_window_set_years (window, 2023, 2022);
  to_next_frame (widget, g_get_monotonic_time ());

  /* The Overview's table scrolled down at 40 px a frame (2 400 px/s at 60 Hz) for 300 frames:
   * the gaps between frames. Xvfb has no vertical blank; GDK paces frames at 60 Hz itself, so a
   * gap over 1.5 × 16.7 ms is a frame dropped. */
  if (wants ("scroll"))
    {
      Scroll scroll = { NULL,
                        40,
                        300,
                        0,
                        g_array_new (FALSE, FALSE, sizeof (double)),
                        g_array_new (FALSE, FALSE, sizeof (double)),
                        0 };
      GtkScrolledWindow *scroller;
      guint dropped = 0;
      double worst = 0;

      itogi_window_show_page (window, ITOGI_OVERVIEW_PAGE_NAME);
      to_next_frame (widget, g_get_monotonic_time ());
      settle (3000); /* every row in */
      scroller = first_scroller (
          itogi_page_get_table (ITOGI_PAGE (itogi_window_get_page (window, ITOGI_OVERVIEW_PAGE_NAME))));
      scroll.adjustment = gtk_scrolled_window_get_vadjustment (scroller);
      during = "scrolling the Overview";
      frame_layouts = g_array_new (FALSE, FALSE, sizeof (double));
      frame_paints = g_array_new (FALSE, FALSE, sizeof (double));
      gtk_widget_add_tick_callback (widget, scroll_tick, &scroll, NULL);
      while (scroll.frames > 0 || scroll.gaps->len < 300)
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < scroll.gaps->len; i++)
        {
          double gap = g_array_index (scroll.gaps, double, i);
          dropped += gap > 25.0;
          worst = MAX (worst, gap);
          if (gap > 25.0 && g_getenv ("STALL_BENCH_VERBOSE") != NULL)
            fprintf (stderr, "  (frame %u of the scroll: %.0f ms)\n", i, gap);
        }
      scroll_report
          = g_strdup_printf ("| scrolling the Overview (%u frames, 40 px each) | %.0f ms a frame | "
                             "%.0f ms; %u frames over 25 ms |\n"
                             "| a scrolled frame's own work (layout and paint) | %.1f ms | %.1f ms "
                             "(95 %% under %.1f ms) |\n",
                             scroll.gaps->len, median (scroll.gaps), worst, dropped, median (scroll.work),
                             percentile (scroll.work, 100), percentile (scroll.work, 95));
      g_array_unref (scroll.gaps);
      if (g_getenv ("STALL_BENCH_VERBOSE") != NULL)
        fprintf (stderr, "  (scroll began at monotonic %" G_GINT64_FORMAT " µs)\n", scroll.began);
      for (guint i = 0; i < MIN (3, frame_layouts->len) && g_getenv ("STALL_BENCH_VERBOSE") != NULL; i++)
        fprintf (stderr, "  (scrolled frame %u: layout %.1f ms, paint %.1f ms)\n", i,
                 g_array_index (frame_layouts, double, i), g_array_index (frame_paints, double, i));
      if (g_getenv ("STALL_BENCH_VERBOSE") != NULL)
        fprintf (stderr,
                 "  (a scrolled frame's layout: median %.1f ms, 95 %% under %.1f; paint: %.1f, %.1f)\n",
                 median (frame_layouts), percentile (frame_layouts, 95), median (frame_paints),
                 percentile (frame_paints, 95));
      g_array_unref (scroll.work);
      g_clear_pointer (&frame_layouts, g_array_unref);
      g_clear_pointer (&frame_paints, g_array_unref);
    }

  printf ("| what | median | longest |\n|---|---:|---:|\n");
  printf ("| switching to a page (%u pages) | %.0f ms | %.0f ms (%s) |\n", pages.times->len,
          median (pages.times), pages.worst, pages.worst_name);
  printf ("| changing the report year (%u times) | %.0f ms | %.0f ms (%s) |\n", years.times->len,
          median (years.times), years.worst, years.worst_name);
  printf ("%s", scroll_report != NULL ? scroll_report : "");

  /* The report's files as the Report page writes them, from the page, shown as a person would
   * have it to press its buttons. */
  during = "the Report page shown for its export";
  itogi_window_show_page (window, ITOGI_REPORT_PAGE_NAME);
  to_next_frame (widget, g_get_monotonic_time ());
  settle (500);
  if (wants ("exports"))
    {
      ItogiReportPage *report = ITOGI_REPORT_PAGE (itogi_window_get_page (window, ITOGI_REPORT_PAGE_NAME));
      static const char *const kinds[] = { "report.export-pdf-to", "report.export-odt-to" };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *path = g_build_filename (dir, k == 0 ? "report.pdf" : "report.odt", NULL);
          double ms;

          during = k == 0 ? "report PDF" : "report ODT";
          t = g_get_monotonic_time ();
          if (!itogi_report_page_export_to (report, itogi_report_format_find (k == 0 ? "pdf" : "odt"), path))
            fprintf (stderr, "stall-bench: the %s could not be started\n", during);
          while (itogi_report_page_is_exporting (report))
            g_main_context_iteration (NULL, TRUE);
          ms = (double)(g_get_monotonic_time () - t) / 1000.0;
          printf ("| writing the %s | %.0f ms in all | |\n", during, ms);
        }
    }
  printf ("\nMemory (RSS): %.0f MB after 10 pages, %.0f MB after every area's, %.0f MB with the Report "
          "of all %u areas\n",
          rss_early, rss_areas, rss_late, areas->len);
  printf ("Longest main-loop stall in the run: %.0f ms (%s)\n", (double)longest_gap / 1000.0,
          longest_during != NULL ? longest_during : "—");

  gtk_window_destroy (GTK_WINDOW (window));
  settle (200);
  itogi_store_free (store);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return 0;
}
