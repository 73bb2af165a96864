/* test-large.c: the window on a database of a large administration
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is made by bench/make-large-db.py, as the start-up benchmark makes it: the
 * report's data and 50 areas × 40 indicators × 20 years of monthly figures (2 018 indicators,
 * 480 000 figures). The window opens on it and shows the first area's first figure; only the
 * page in sight is made, and of the Overview's 2 018 rows only those near the screen have widgets.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itogi-area-page.h"
#include "itogi-figure-cell.h"
#include "itogi-format.h"
#include "itogi-import-dialog.h"
#include "itogi-indicator-table.h"
#include "itogi-narrative.h"
#include "itogi-report-page.h"
#include "itogi-row-item.h"
#include "itogi-store.h"
#include "itogi-table.h"
#include "itogi-window.h"
#include "test-util.h"
#include "window-util.h"

#define AREAS 50
#define INDICATORS 40
#define YEARS 20

/* Spin until @done says so, at most @seconds; TRUE when it did. */
static gboolean
spin_until (gboolean (*done) (gpointer), gpointer data, guint seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return done (data);
}

static gboolean
shows_figures (gpointer table)
{
  return itogi_indicator_table_shows_figures (ITOGI_INDICATOR_TABLE (table));
}

static GtkWidget *
table_of (ItogiWindow *window, const char *page)
{
  return itogi_page_get_table (ITOGI_PAGE (itogi_window_get_page (window, page)));
}

/* The figure the store gives for the first row's report year, as the table shows it. */
static char *
first_figure (ItogiStore *store, GtkWidget *table)
{
  g_autoptr (ItogiRowItem) item
      = g_list_model_get_item (itogi_indicator_table_get_model (ITOGI_INDICATOR_TABLE (table)), 0);
  const ItogiTableRow *row = itogi_row_item_get_row (item);
  g_auto (ItogiValue) value = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (itogi_store_get_year_value (store, row->indicator, 2023, &value, &error));
  g_assert_no_error (error);
  g_assert_true (value.present);
  return itogi_format_value (&value, row->indicator->kind, row->indicator->scale);
}

/* Files in @dir besides the database, its journal files and its backups: what a cancelled job
 * would have left half-written. */
static guint
strays (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint found = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "large.db") && strcmp (name, "itogi-backups") != 0)
      {
        g_test_message ("left in the folder: %s", name);
        found++;
      }
  return found;
}

/* The figure cells of @table into @out: at rest or edited; @entries (when not NULL) counts the
 * edited ones, entries. */
static void
collect_figures (GtkWidget *table, GPtrArray *out, guint *entries)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  itogi_test_collect_type (table, GTK_TYPE_WIDGET, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_has_css_class (all->pdata[i], "value-cell"))
      {
        g_ptr_array_add (out, all->pdata[i]);
        if (entries != NULL && GTK_IS_ENTRY (all->pdata[i]))
          (*entries)++;
      }
}

static void
test_large_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("itogi-large-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.db", NULL);
  char *sizes[3];
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cells = g_ptr_array_new ();
  g_autoptr (GPtrArray) pages = g_ptr_array_new ();
  g_autofree char *expected = NULL;
  const char *argv[8];
  ItogiStore *store;
  ItogiWindow *window;
  GtkWidget *table;
  GtkWidget *figure;
  int status = 0;
  guint rows;

  sizes[0] = g_strdup_printf ("%d", AREAS);
  sizes[1] = g_strdup_printf ("%d", INDICATORS);
  /* The sanitizer pass makes fewer years of months (ITOGI_LARGE_YEARS): as many areas, indicators
   * and rows, a quarter of the figures to generate and check under ASan. */
  sizes[2] = g_strdup (g_getenv ("ITOGI_LARGE_YEARS") != NULL ? g_getenv ("ITOGI_LARGE_YEARS")
                                                              : G_STRINGIFY (YEARS));
  argv[0] = "/usr/bin/python3";
  argv[1] = g_getenv ("ITOGI_MAKE_LARGE_DB");
  argv[2] = g_getenv ("ITOGI_CLI");
  argv[3] = path;
  argv[4] = sizes[0];
  argv[5] = sizes[1];
  argv[6] = sizes[2];
  argv[7] = NULL;
  g_assert_nonnull (argv[1]);
  g_assert_nonnull (argv[2]);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_free (sizes[i]);

  /* As the application opens a file this large: its integrity is checked beside the window. */
  store = itogi_store_open_unverified (path, &error);
  g_assert_no_error (error);
  window = itogi_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  itogi_window_set_years (window, 2023, 2022);
  itogi_window_show_page (window, ITOGI_OVERVIEW_PAGE_NAME);
  gtk_window_present (GTK_WINDOW (window));

  /* The Overview: every indicator of every area in its model, the first area's first figure on
   * screen, as the store gives it. */
  table = table_of (window, ITOGI_OVERVIEW_PAGE_NAME);
  g_assert_true (spin_until (shows_figures, table, 60));
  /* The first frame made widgets for the rows it shows, not for the 200 GTK keeps: the rest come
   * after it, a few at a time. */
  collect_figures (table, cells, NULL);
  g_test_message ("%u figure cells in the first frame", cells->len);
  g_assert_cmpuint (cells->len, <=, 2 * 40);
  /* Its other areas are read after the first frame, area by area: then every indicator of every
   * area is there, in the order and with the figures of the whole table. */
  {
    ItogiPage *overview = ITOGI_PAGE (itogi_window_get_page (window, ITOGI_OVERVIEW_PAGE_NAME));
    g_autoptr (GPtrArray) whole = itogi_table_build (store, NULL, 2023, 2022, &error);
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    g_assert_no_error (error);
    g_test_message ("%u of %u rows read with the first frame",
                    itogi_indicator_table_get_n_rows (ITOGI_INDICATOR_TABLE (table)), whole->len);
    g_assert_cmpuint (itogi_indicator_table_get_n_rows (ITOGI_INDICATOR_TABLE (table)), <, whole->len);
    /* Not while another page is shown: its reading waits, and goes on when it is shown again. */
    {
      guint read = itogi_indicator_table_get_n_rows (ITOGI_INDICATOR_TABLE (table));
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

      /* The Report is made once nothing else is to be done: not while the Overview is read. */
      g_assert_null (itogi_window_peek_page (window, ITOGI_REPORT_PAGE_NAME));
      g_assert_true (itogi_window_show_page (window, "documents"));
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      g_assert_true (itogi_page_is_filling (overview));
      g_assert_cmpuint (itogi_indicator_table_get_n_rows (ITOGI_INDICATOR_TABLE (table)), ==, read);
      g_assert_true (itogi_window_show_page (window, ITOGI_OVERVIEW_PAGE_NAME));
    }
    while (itogi_page_is_filling (overview) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (itogi_page_is_filling (overview));
    g_assert_cmpuint (whole->len, ==, AREAS * INDICATORS + 18);
    g_assert_cmpuint (itogi_indicator_table_get_n_rows (ITOGI_INDICATOR_TABLE (table)), ==, whole->len);
    for (guint i = 0; i < whole->len; i++)
      {
        g_autoptr (ItogiRowItem) item
            = g_list_model_get_item (itogi_indicator_table_get_model (ITOGI_INDICATOR_TABLE (table)), i);
        const ItogiTableRow *shown = itogi_row_item_get_row (item), *built = whole->pdata[i];

        g_assert_cmpint (shown->indicator->id, ==, built->indicator->id);
        g_assert_cmpint (shown->current.amount, ==, built->current.amount);
        g_assert_cmpint (shown->current.present, ==, built->current.present);
        g_assert_cmpint (itogi_row_item_is_first_in_area (item), ==,
                         i == 0 || ((ItogiTableRow *)whole->pdata[i - 1])->area->id != built->area->id);
      }
  }
  g_ptr_array_set_size (cells, 0);
  rows = g_list_model_get_n_items (itogi_indicator_table_get_model (ITOGI_INDICATOR_TABLE (table)));
  g_assert_cmpuint (rows, ==, AREAS * INDICATORS + 18);
  expected = first_figure (store, table);
  g_assert_cmpstr (expected, ==,
                   "22"
                   "\u202f"
                   "808");
  figure = itogi_test_find_figure (table, expected);
  g_assert_nonnull (figure);
  g_assert_true (gtk_widget_get_mapped (figure));
  /* Widgets only for the rows near the screen, not for 2 018, nor for the 200 a GTK 4.8 list view
   * keeps made and lays out at every scrolled frame; and a figure only shown rests as a label: no
   * entry is made until one is edited. */
  {
    guint entries = 0;

    collect_figures (table, cells, &entries);
    g_test_message ("%u figure cells for %u rows, %u of them entries", cells->len, rows, entries);
    g_assert_cmpuint (cells->len, <=, 2 * 60);
    g_assert_cmpuint (cells->len, >=, 2);
    g_assert_cmpuint (entries, ==, 0);
    g_assert_false (GTK_IS_ENTRY (figure));
  }
  /* Scrolled to its middle, the table shows the rows there, each figure its own row's, and still
   * makes widgets only for the rows near the screen. */
  {
    GtkWidget *scroller = gtk_widget_get_first_child (table);
    GListModel *model = itogi_indicator_table_get_model (ITOGI_INDICATOR_TABLE (table));
    GtkAdjustment *adjustment;
    guint shown = 0;

    while (scroller != NULL && !GTK_IS_SCROLLED_WINDOW (scroller))
      scroller = gtk_widget_get_next_sibling (scroller);
    g_assert_nonnull (scroller);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    /* The adjustment's height follows the rows at the view's next allocation: the rows just
     * filled in may not have been laid out yet (seen on a loaded machine), so the middle is
     * sought until the height stays the same. */
    for (int tries = 0; tries < 20; tries++)
      {
        double upper = gtk_adjustment_get_upper (adjustment);

        gtk_adjustment_set_value (adjustment, upper / 2);
        itogi_test_spin (300);
        if (gtk_adjustment_get_upper (adjustment) == upper)
          break;
      }
    g_ptr_array_set_size (cells, 0);
    collect_figures (table, cells, NULL);
    g_test_message ("%u figure cells in the middle", cells->len);
    g_assert_cmpuint (cells->len, <=, 2 * 60);
    for (guint i = 0; i < cells->len; i++)
      {
        GtkWidget *cell = cells->pdata[i];
        ItogiRowItem *item = g_object_get_data (G_OBJECT (cell), "item");
        guint position = 0;

        graphene_rect_t bounds;

        /* Rows kept made out of sight (the list keeps the focused and selected rows' widgets)
         * are mapped too: only those within the scroller's height are shown. */
        if (!gtk_widget_get_mapped (cell) || item == NULL || !gtk_widget_has_css_class (cell, "numeric")
            || GTK_IS_ENTRY (cell) || !gtk_widget_compute_bounds (cell, scroller, &bounds)
            || bounds.origin.y + bounds.size.height <= 0
            || bounds.origin.y >= gtk_widget_get_height (scroller))
          continue;
        g_assert_true (g_list_store_find (G_LIST_STORE (model), item, &position));
        g_assert_cmpuint (position, >, rows / 4);
        g_assert_cmpuint (position, <, rows - rows / 4);
        shown++;
      }
    g_assert_cmpuint (shown, >=, 2);
    gtk_adjustment_set_value (adjustment, 0);
    itogi_test_spin (500);
  }
  /* Another report year: the rows in sight show its figures in the same widgets, not in
   * hundreds made anew. */
  g_object_set_data (G_OBJECT (figure), "itogi-test-mark", GINT_TO_POINTER (1));
  itogi_window_set_years (window, 2022, 2021);
  {
    gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while (itogi_test_find_figure (table, "23"
                                          "\u202f"
                                          "142")
               == NULL
           && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  figure = itogi_test_find_figure (table, "23"
                                          "\u202f"
                                          "142");
  g_assert_nonnull (figure);
  g_assert_nonnull (g_object_get_data (G_OBJECT (figure), "itogi-test-mark"));
  itogi_window_set_years (window, 2023, 2022);
  g_assert_true (spin_until (shows_figures, table, 30));

  /* Only the pages shown were made. */
  itogi_test_collect_type (GTK_WIDGET (window), ITOGI_TYPE_PAGE, pages);
  g_assert_cmpuint (pages->len, ==, 2);

  /* Another area's page is made when it is shown, for the window's years. */
  g_assert_true (itogi_window_show_page (window, "area-050"));
  table = table_of (window, "area-050");
  g_assert_true (spin_until (shows_figures, table, 30));
  g_assert_cmpuint (
      g_list_model_get_n_items (itogi_indicator_table_get_model (ITOGI_INDICATOR_TABLE (table))), ==,
      INDICATORS);
  {
    g_autofree char *first = first_figure (store, table);
    g_assert_nonnull (itogi_test_find_figure (table, first));
  }
  g_ptr_array_set_size (pages, 0);
  itogi_test_collect_type (GTK_WIDGET (window), ITOGI_TYPE_PAGE, pages);
  g_assert_cmpuint (pages->len, ==, 3);
  /* An area's table too shows another year in the widgets it has. */
  {
    g_autofree char *first = first_figure (store, table);
    GtkWidget *cell = itogi_test_find_figure (table, first);
    g_autofree char *older = NULL;

    g_object_set_data (G_OBJECT (cell), "itogi-test-mark", GINT_TO_POINTER (1));
    itogi_window_set_years (window, 2022, 2021);
    g_assert_true (spin_until (shows_figures, table, 30));
    {
      g_autoptr (ItogiRowItem) item
          = g_list_model_get_item (itogi_indicator_table_get_model (ITOGI_INDICATOR_TABLE (table)), 0);
      g_auto (ItogiValue) value = { 0 };
      const ItogiTableRow *row = itogi_row_item_get_row (item);

      g_assert_true (itogi_store_get_year_value (store, row->indicator, 2022, &value, NULL));
      older = itogi_format_value (&value, row->indicator->kind, row->indicator->scale);
    }
    cell = itogi_test_find_figure (table, older);
    g_assert_nonnull (cell);
    g_assert_nonnull (g_object_get_data (G_OBJECT (cell), "itogi-test-mark"));
    itogi_window_set_years (window, 2023, 2022);
    g_assert_true (spin_until (shows_figures, table, 30));
  }

  /* Twenty areas visited in turn: past a few pages, a page out of sight shows the next area
   * instead of one made anew, so the pages (and the memory they take) do not grow with the areas
   * visited; each shows exactly its own area's rows. A page holding typing not saved is never
   * given another area: the typing is there when it is shown again. */
  {
    ItogiAreaPage *first;
    GtkEntry *typed;
    g_autofree char *was = NULL;

    g_assert_true (itogi_window_show_page (window, "area-001"));
    table = table_of (window, "area-001");
    g_assert_true (spin_until (shows_figures, table, 30));
    first = ITOGI_AREA_PAGE (itogi_window_get_page (window, "area-001"));
    was = first_figure (store, table);
    typed = itogi_test_find_entry (table, was);
    g_assert_nonnull (typed);
    gtk_editable_set_text (GTK_EDITABLE (typed), "двадцать");
    g_signal_emit_by_name (typed, "activate");
    g_assert_true (itogi_page_has_unsaved (ITOGI_PAGE (first)));

    for (int a = 2; a <= 20; a++)
      {
        g_autofree char *slug = g_strdup_printf ("area-%03d", a);
        g_autoptr (GPtrArray) built = itogi_table_build (store, slug, 2023, 2022, &error);
        ItogiAreaPage *page;
        GListModel *model;

        g_assert_no_error (error);
        g_assert_true (itogi_window_show_page (window, slug));
        page = ITOGI_AREA_PAGE (itogi_window_get_page (window, slug));
        g_assert_cmpstr (itogi_area_page_get_area (page)->slug, ==, slug);
        table = itogi_page_get_table (ITOGI_PAGE (page));
        g_assert_true (spin_until (shows_figures, table, 30));
        model = itogi_indicator_table_get_model (ITOGI_INDICATOR_TABLE (table));
        g_assert_cmpuint (g_list_model_get_n_items (model), ==, built->len);
        for (guint i = 0; i < built->len; i++)
          {
            g_autoptr (ItogiRowItem) item = g_list_model_get_item (model, i);
            const ItogiTableRow *shown = itogi_row_item_get_row (item), *want = built->pdata[i];

            g_assert_cmpint (shown->indicator->id, ==, want->indicator->id);
            g_assert_cmpint (shown->current.amount, ==, want->current.amount);
            g_assert_cmpint (shown->previous.amount, ==, want->previous.amount);
          }
        {
          g_autofree char *shown_first = first_figure (store, table);
          g_assert_nonnull (itogi_test_find_figure (table, shown_first));
        }
        g_ptr_array_set_size (pages, 0);
        itogi_test_collect_type (GTK_WIDGET (window), ITOGI_TYPE_PAGE, pages);
        g_assert_cmpuint (pages->len, <=, 9);
      }
    g_test_message ("%u area pages after visiting 23 areas", pages->len);
    g_assert_true (itogi_window_get_page (window, "area-001") == GTK_WIDGET (first));
    g_assert_true (itogi_window_show_page (window, "area-001"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (typed)), ==, "двадцать");
    /* Typed back as it was: nothing to save, nothing left unsaved. */
    gtk_editable_set_text (GTK_EDITABLE (typed), was);
    g_signal_emit_by_name (typed, "activate");
    g_assert_false (itogi_page_has_unsaved (ITOGI_PAGE (first)));
  }

  /* The Report of 58 areas: its first sections with the page, the others after its first frame
   * and only while it is shown, each with the text the whole report has. */
  {
    g_autoptr (ItogiNarrative) whole = itogi_narrative_build_edited (store, 2023, 2022, &error);
    g_autoptr (GPtrArray) views = g_ptr_array_new ();
    ItogiReportPage *report;
    guint made;
    gint64 until;

    g_assert_no_error (error);
    g_assert_cmpuint (whole->sections->len, ==, AREAS + 8);
    /* Made while the window was idle, never shown: its first sections are there, with their
     * text; the others wait for it to be shown. */
    until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (itogi_window_peek_page (window, ITOGI_REPORT_PAGE_NAME) == NULL && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    report = ITOGI_REPORT_PAGE (itogi_window_peek_page (window, ITOGI_REPORT_PAGE_NAME));
    g_assert_nonnull (report);
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (report)));
    itogi_test_collect_type (GTK_WIDGET (report), GTK_TYPE_TEXT_VIEW, views);
    g_assert_cmpuint (views->len, >, 0);
    g_assert_cmpuint (views->len, <, whole->sections->len);
    g_assert_true (itogi_report_page_is_filling (report));
    {
      ItogiNarrativeSection *ns = whole->sections->pdata[0];
      /* (Not itogi_report_page_get_buffer, which would make every section.) */
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views->pdata[0]);
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_assert_cmpstr (text, ==, ns->body);
    }
    /* Its visit shows that page, not one made anew. */
    g_assert_true (itogi_window_show_page (window, ITOGI_REPORT_PAGE_NAME));
    g_assert_true (GTK_WIDGET (report) == itogi_window_get_page (window, ITOGI_REPORT_PAGE_NAME));
    g_ptr_array_set_size (views, 0);
    itogi_test_collect_type (GTK_WIDGET (report), GTK_TYPE_TEXT_VIEW, views);
    g_test_message ("%u sections with the Report's first frame", views->len);
    g_assert_cmpuint (views->len, <, whole->sections->len);
    g_assert_true (itogi_report_page_is_filling (report));
    g_assert_true (itogi_window_show_page (window, "area-050"));
    made = views->len;
    until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_ptr_array_set_size (views, 0);
    itogi_test_collect_type (GTK_WIDGET (report), GTK_TYPE_TEXT_VIEW, views);
    g_assert_true (itogi_report_page_is_filling (report));
    g_assert_cmpuint (views->len, ==, made);
    g_assert_true (itogi_window_show_page (window, ITOGI_REPORT_PAGE_NAME));
    until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    while (itogi_report_page_is_filling (report) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (itogi_report_page_is_filling (report));
    g_ptr_array_set_size (views, 0);
    itogi_test_collect_type (GTK_WIDGET (report), GTK_TYPE_TEXT_VIEW, views);
    g_assert_cmpuint (views->len, ==, whole->sections->len);
    for (guint i = 0; i < whole->sections->len; i++)
      {
        const ItogiNarrativeSection *ns = whole->sections->pdata[i];
        GtkTextBuffer *buffer = itogi_report_page_get_buffer (report, ns->slug);
        GtkTextIter start, end;
        g_autofree char *text = NULL;

        g_assert_nonnull (buffer);
        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        g_assert_cmpstr (text, ==, ns->body);
      }

    /* Other years: the sections after the first are out of sight until their new text comes, never
     * showing (or taking typing into) the old years' text; then each shows the new years'. */
    {
      g_autoptr (ItogiNarrative) older = itogi_narrative_build_edited (store, 2022, 2021, &error);
      GtkWidget *last_view = views->pdata[views->len - 1];
      guint hidden = 0;

      g_assert_no_error (error);
      g_assert_true (gtk_widget_is_visible (last_view));
      itogi_window_set_years (window, 2022, 2021);
      for (guint i = 0; i < views->len; i++)
        if (!gtk_widget_is_visible (views->pdata[i]))
          hidden++;
      g_test_message ("%u of %u sections out of sight after a year change", hidden, views->len);
      g_assert_cmpuint (hidden, >, 0);
      g_assert_false (gtk_widget_is_visible (last_view));
      until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
      while (itogi_report_page_is_filling (report) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (itogi_report_page_is_filling (report));
      for (guint i = 0; i < views->len; i++)
        g_assert_true (gtk_widget_is_visible (views->pdata[i]));
      for (guint i = 0; i < older->sections->len; i++)
        {
          const ItogiNarrativeSection *ns = older->sections->pdata[i];
          GtkTextBuffer *buffer = itogi_report_page_get_buffer (report, ns->slug);
          GtkTextIter start, end;
          g_autofree char *text = NULL;

          gtk_text_buffer_get_bounds (buffer, &start, &end);
          text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
          g_assert_cmpstr (text, ==, ns->body);
        }
      itogi_window_set_years (window, 2023, 2022);
    }
  }

  /* The report of 58 areas is written beside the window, its step shown; a cancel leaves no
   * file and nothing half-written in the folder. */
  {
    g_autofree char *odt = g_build_filename (dir, "report.odt", NULL);
    ItogiReportPage *report = ITOGI_REPORT_PAGE (itogi_window_get_page (window, ITOGI_REPORT_PAGE_NAME));
    g_autoptr (GPtrArray) bars = g_ptr_array_new ();
    GtkProgressBar *bar;
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    g_assert_true (itogi_window_show_page (window, ITOGI_REPORT_PAGE_NAME));
    g_assert_true (itogi_report_page_export_to (report, itogi_report_format_find ("odt"), odt));
    itogi_test_collect_type (GTK_WIDGET (report), GTK_TYPE_PROGRESS_BAR, bars);
    g_assert_cmpuint (bars->len, ==, 1);
    bar = bars->pdata[0];
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
    /* Its step, as the page shows it: «area 2 of 58» or further. */
    while (gtk_progress_bar_get_fraction (bar) <= 0 && itogi_report_page_is_exporting (report)
           && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (itogi_report_page_is_exporting (report));
    g_test_message ("step shown: %s", gtk_progress_bar_get_text (bar));
    g_assert_nonnull (strstr (gtk_progress_bar_get_text (bar), "58"));
    itogi_report_page_cancel_export (report);
    while (itogi_report_page_is_exporting (report) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (itogi_report_page_is_exporting (report));
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (bar)));
    /* Said in the job's own words, not GIO's «Operation was cancelled». */
    g_assert_cmpstr (itogi_report_page_get_message (report), ==,
                     itogi_test_tr ("Cancelled: nothing was saved."));
    g_assert_false (g_file_test (odt, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (strays (dir), ==, 0);
  }

  /* The workbook of 58 areas is written beside the window, under the header its sheet and
   * Cancel; cancelled, nothing is left of it; not cancelled, it is whole. */
  {
    g_autofree char *book = g_build_filename (dir, "Итоги 2023 к 2022.xlsx", NULL);
    ItogiExportOptions options = { 0 };
    g_autoptr (GPtrArray) bars = g_ptr_array_new ();
    GtkProgressBar *bar = NULL;
    gboolean saw_step = FALSE;
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    g_autofree char *out = NULL;

    options.year = 2023;
    options.compare_year = 2022;
    g_assert_true (itogi_window_export_to (window, &options, itogi_table_format_find ("xlsx"), book, &error));
    g_assert_no_error (error);
    g_assert_true (itogi_window_is_busy (window));
    /* A second file meanwhile is refused, in words. */
    g_assert_false (
        itogi_window_export_to (window, &options, itogi_table_format_find ("xlsx"), book, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&error);
    itogi_window_cancel_job (window);
    while (itogi_window_is_busy (window) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (itogi_window_is_busy (window));
    g_assert_false (g_file_test (book, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (strays (dir), ==, 0);

    g_assert_true (itogi_window_export_to (window, &options, itogi_table_format_find ("xlsx"), book, &error));
    itogi_test_collect_type (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR, bars);
    for (guint i = 0; i < bars->len; i++)
      if (gtk_widget_get_mapped (bars->pdata[i]))
        bar = bars->pdata[i];
    g_assert_nonnull (bar);
    while (itogi_window_is_busy (window) && g_get_monotonic_time () < end)
      {
        /* «Экспорт: лист 12 из 58…» */
        if (!saw_step && gtk_progress_bar_get_fraction (bar) > 0)
          {
            g_test_message ("step shown: %s", gtk_progress_bar_get_text (bar));
            saw_step = strstr (gtk_progress_bar_get_text (bar), "58") != NULL
                       || g_str_equal (gtk_progress_bar_get_text (bar),
                                       itogi_test_tr ("Exporting: packing the file…"));
          }
        g_main_context_iteration (NULL, TRUE);
      }
    g_assert_true (saw_step);
    g_assert_true (g_file_test (book, G_FILE_TEST_IS_REGULAR));
    {
      /* Read by Python's own zip reader: a sheet for the summary, each of the 56 areas with
       * indicators (the report's two areas of text only are named on the summary), the notes and
       * the charts' data; no tasks sheet, none being entered. */
      const char *argv_zip[]
          = { "/usr/bin/python3", "-c",
              "import re, sys, zipfile\n"
              "z = zipfile.ZipFile(sys.argv[1])\n"
              "assert z.testzip() is None\n"
              "print(len([n for n in z.namelist() if re.fullmatch(r'xl/worksheets/sheet\\d+\\.xml', n)]))",
              book, NULL };
      g_assert_true (g_spawn_sync (NULL, (char **)argv_zip, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpint (atoi (out), ==, 1 + AREAS + 6 + 1 + 1);
    }
    g_unlink (book);
  }

  /* 100 000 monthly figures from a CSV: checked and imported beside the window, its rows counted;
   * Stop in the middle of the import writes nothing; then it is imported whole, in one step. */
  {
    g_autofree char *csv_path = g_build_filename (dir, "figures.csv", NULL);
    g_autoptr (GFile) csv = g_file_new_for_path (csv_path);
    g_autoptr (GString) text = g_string_new ("Показатель;Год;Период;Значение\n");
    g_autoptr (GPtrArray) all = itogi_store_list_indicators (store, 0, FALSE, NULL);
    g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, NULL);
    const ItogiIndicator *first = NULL;
    gint64 first_before, first_rows = 0;
    GtkWidget *dialog;
    guint written = 0;
    gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

    for (int year = 2031; year <= 2040 && written < 100000; year++)
      for (guint i = 0; i < all->len && written < 100000; i++)
        {
          const ItogiIndicator *ind = all->pdata[i];
          const char *area_slug = NULL;

          if (ind->kind != ITOGI_KIND_COUNT)
            continue;
          for (guint a = 0; a < areas->len; a++)
            if (((ItogiArea *)areas->pdata[a])->id == ind->area_id)
              area_slug = ((ItogiArea *)areas->pdata[a])->slug;
          if (first == NULL)
            first = ind;
          for (int month = 1; month <= 12 && written < 100000; month++, written++)
            {
              g_string_append_printf (text, "%s/%s;%d;%d;%u\n", area_slug, ind->slug, year, month,
                                      written % 1000 + 1);
              first_rows += ind == first;
            }
        }
    g_assert_cmpuint (written, ==, 100000);
    g_assert_true (g_file_set_contents (csv_path, text->str, (gssize)text->len, NULL));
    first_before = itogi_store_count_values (store, first->id, NULL);

    g_assert_true (itogi_window_import_file (window, csv, &error));
    g_assert_no_error (error);
    dialog = GTK_WIDGET (itogi_test_find_toplevel (itogi_test_tr ("Import from CSV")));
    g_assert_nonnull (dialog);
    /* The check runs beside the window: the dialog is there, and says it is checking. */
    g_assert_true (itogi_import_dialog_is_busy (ITOGI_IMPORT_DIALOG (dialog)));
    g_assert_false (itogi_import_dialog_can_import (ITOGI_IMPORT_DIALOG (dialog)));
    while (itogi_import_dialog_is_busy (ITOGI_IMPORT_DIALOG (dialog)) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    {
      /* «100 000», the digits grouped as everywhere a person reads them. */
      g_autofree char *count = itogi_format_integer (100000);
      g_autofree char *good
          = itogi_test_trf (g_dngettext (GETTEXT_PACKAGE, "The file is good: %s value will be imported.",
                                         "The file is good: %s values will be imported.", 100000),
                            count, NULL);
      g_assert_cmpstr (itogi_import_dialog_get_summary (ITOGI_IMPORT_DIALOG (dialog)), ==, good);
    }
    g_assert_true (itogi_import_dialog_can_import (ITOGI_IMPORT_DIALOG (dialog)));

    /* Stopped: nothing of it lands, and the dialog stays, saying so. */
    g_assert_true (itogi_import_dialog_import (ITOGI_IMPORT_DIALOG (dialog)));
    g_assert_true (itogi_import_dialog_is_busy (ITOGI_IMPORT_DIALOG (dialog)));
    itogi_import_dialog_stop (ITOGI_IMPORT_DIALOG (dialog));
    while (itogi_import_dialog_is_busy (ITOGI_IMPORT_DIALOG (dialog)) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (itogi_import_dialog_get_summary (ITOGI_IMPORT_DIALOG (dialog)), ==,
                     itogi_test_tr ("Cancelled: nothing was saved."));
    g_assert_cmpint (itogi_store_count_values (store, first->id, NULL), ==, first_before);
    g_assert_false (itogi_window_can_undo (window));

    /* Whole: every row in, one step to undo. */
    g_assert_true (itogi_import_dialog_can_import (ITOGI_IMPORT_DIALOG (dialog)));
    g_assert_true (itogi_import_dialog_import (ITOGI_IMPORT_DIALOG (dialog)));
    while (itogi_test_find_toplevel (itogi_test_tr ("Import from CSV")) != NULL
           && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (itogi_test_find_toplevel (itogi_test_tr ("Import from CSV")));
    g_assert_cmpint (itogi_store_count_values (store, first->id, NULL), ==, first_before + first_rows);
    g_assert_true (itogi_window_can_undo (window));
    g_unlink (csv_path);
  }

  /* A backup of the 45 MB file is made beside the window; cancelled, nothing is left of it. */
  {
    g_autofree char *copy_path = g_build_filename (dir, "copy.db", NULL);
    g_autoptr (GFile) copy = g_file_new_for_path (copy_path);
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    g_assert_true (itogi_window_backup_to (window, copy, &error));
    g_assert_no_error (error);
    g_assert_true (itogi_window_is_busy (window));
    itogi_window_cancel_job (window);
    while (itogi_window_is_busy (window) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (itogi_window_is_busy (window));
    g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (strays (dir), ==, 0);
    /* Not cancelled, it is made whole, and opens with the same figures. */
    g_assert_true (itogi_window_backup_to (window, copy, &error));
    while (itogi_window_is_busy (window) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    {
      g_autoptr (ItogiStore) opened = itogi_store_open_to_read (copy_path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (itogi_store_count_values (opened, 1, &error), ==,
                       itogi_store_count_values (store, 1, NULL));
    }
  }

  itogi_test_close_window (GTK_WINDOW (window));
  itogi_store_free (store);
  itogi_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  itogi_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();
  g_test_add_func ("/app/window/large-database", test_large_database);
  return g_test_run ();
}
