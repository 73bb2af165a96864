/* itogi-window.c: the main window: a sidebar of activity areas and one page each
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "itogi-application.h"
#include "itogi-area-page.h"
#include "itogi-import-dialog.h"
#include "itogi-indicator-table.h"
#include "itogi-overview-page.h"
#include "itogi-a11y.h"
#include "itogi-probe.h"
#include "itogi-report-page.h"
#include "itogi-format.h"
#include "itogi-window-private.h"
#include "itogi-window.h"
#include "itogi-wrap.h"
#include "itogi-tooltip.h"

/* Narrower than this, the sidebar and the page take the window in turn (the back button goes
 * to the areas). libadwaita 1.2 folds only when the widgets' least widths do not fit, which they
 * always did: at 800 px a page beside the 270 px sidebar showed the indicator and one year, the
 * report year and both changes off the window's edge. */
#define FOLD_BELOW 900
/* Narrower still (a phone-sized pane), a page stacks its rows of buttons. */
#define COMPACT_BELOW 600

G_DEFINE_FINAL_TYPE (ItogiWindow, itogi_window, ADW_TYPE_APPLICATION_WINDOW)

void
_itogi_window_show_error (ItogiWindow *self, const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_title (ItogiWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  g_autofree char *year_text = itogi_format_year (self->year);
  g_autofree char *compare_text = itogi_format_year (self->compare_year);
  /* Translators: «2023 г. к 2022 г.»: the report year against the comparison year */
  g_autofree char *subtitle = g_strdup_printf (C_ ("year against year", "%s vs %s"), year_text, compare_text);
  const char *title = _ ("Overview");

  if (page != NULL && ITOGI_IS_REPORT_PAGE (page))
    title = _ ("Report");
  else if (page != NULL && ITOGI_IS_AREA_PAGE (page))
    title = itogi_area_page_get_area (ITOGI_AREA_PAGE (page))->short_title;
  adw_window_title_set_title (self->content_title, title);
  adw_window_title_set_subtitle (self->content_title, subtitle);
  /* The narrow window's button: «2023 к 2022». */
  {
    g_autofree char *year = g_strdup_printf ("%d", self->year);
    g_autofree char *compare = g_strdup_printf ("%d", self->compare_year);
    g_autofree char *both = g_strdup_printf (C_ ("year against year", "%s vs %s"), year, compare);
    gtk_menu_button_set_label (self->years_button, both);
  }
  /* The area items of the menu work on the area shown, not on the Overview. */
  {
    static const char *const area_actions[]
        = { "win.edit-area", "win.area-up", "win.area-down", "win.archive-area" };
    gboolean on_area = page != NULL && ITOGI_IS_AREA_PAGE (page) && self->may_manage;
    for (guint i = 0; i < G_N_ELEMENTS (area_actions); i++)
      gtk_widget_action_set_enabled (GTK_WIDGET (self), area_actions[i], on_area);
  }
}

/* A page shows the window's years and the data as of the window's generation. Pages are made on
 * their first visit and filled when shown: a page out of sight costs nothing at start-up and
 * after an edit, however many areas and years the database holds. */
#define PAGE_GENERATION "itogi-generation"

static void
refresh_page (ItogiWindow *self, GtkWidget *page)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (page == NULL
      || GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (page), PAGE_GENERATION)) == self->generation)
    return;
  /* Marked first: a page that cannot load says so once, not at every look. */
  g_object_set_data (G_OBJECT (page), PAGE_GENERATION, GUINT_TO_POINTER (self->generation));
  ok = ITOGI_IS_REPORT_PAGE (page)
           ? itogi_report_page_set_years (ITOGI_REPORT_PAGE (page), self->year, self->compare_year, &error)
           : itogi_page_set_years (ITOGI_PAGE (page), self->year, self->compare_year, &error);
  if (!ok)
    _itogi_window_show_error (self, error);
}

/* The years or the data changed: the page in sight follows now, the others when they are shown. */
static void
reload_pages (ItogiWindow *self)
{
  /* Generation 0 is a page never filled. */
  if (++self->generation == 0)
    self->generation = 1;
  refresh_page (self, gtk_stack_get_visible_child (self->stack));
  update_title (self);
}

static GtkStringList *
year_labels (GArray *years)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < years->len; i++)
    {
      g_autofree char *label = itogi_format_year (g_array_index (years, int, i));
      gtk_string_list_append (list, label);
    }
  return list;
}

static guint
index_of_year (GArray *years, int year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static int
compare_desc (gconstpointer a, gconstpointer b)
{
  return *(const int *)b - *(const int *)a;
}

/* The comparison year may be any year with data, and always the year before. */
static void
fill_compare_years (ItogiWindow *self)
{
  g_autoptr (GArray) stored = itogi_store_list_years (self->store, NULL);
  int before = self->year - 1;

  g_array_set_size (self->compare_years, 0);
  g_array_append_val (self->compare_years, before);
  for (guint i = 0; stored != NULL && i < stored->len; i++)
    {
      int y = g_array_index (stored, int, i);
      if (y != self->year && y != before)
        g_array_append_val (self->compare_years, y);
    }
  g_array_sort (self->compare_years, compare_desc);
}

static void sync_compact (ItogiWindow *self);

static void
sync_dropdowns (ItogiWindow *self)
{
  g_autoptr (GtkStringList) compare_model = NULL;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->year_dropdown, index_of_year (self->years, self->year));
  fill_compare_years (self);
  compare_model = year_labels (self->compare_years);
  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (compare_model));
  gtk_drop_down_set_selected (self->compare_dropdown,
                              index_of_year (self->compare_years, self->compare_year));
  self->updating = FALSE;
  sync_compact (self);
}

void
itogi_window_set_years (ItogiWindow *self, int year, int compare_year)
{
  g_return_if_fail (ITOGI_IS_WINDOW (self));

  /* Unknown years fall back to the latest with data, not the new year offered first. */
  if (index_of_year (self->years, year) == GTK_INVALID_LIST_POSITION)
    year = self->new_year && self->years->len > 1 ? g_array_index (self->years, int, 1)
                                                  : g_array_index (self->years, int, 0);
  self->year = year;
  fill_compare_years (self);
  if (compare_year == year || index_of_year (self->compare_years, compare_year) == GTK_INVALID_LIST_POSITION)
    compare_year = year - 1;
  self->compare_year = compare_year;

  sync_dropdowns (self);
  g_settings_set_int (self->settings, "report-year", self->year);
  g_settings_set_int (self->settings, "compare-year", self->compare_year);
  reload_pages (self);
}

int
itogi_window_get_year (ItogiWindow *self)
{
  return self->year;
}

int
itogi_window_get_compare_year (ItogiWindow *self)
{
  return self->compare_year;
}

/* A report year chosen in its drop-down (its list stays: set at once). */
static void
on_year_selected (ItogiWindow *self)
{
  guint pos = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->updating || pos == GTK_INVALID_LIST_POSITION
      || g_array_index (self->years, int, pos) == self->year)
    return;
  /* A new report year is compared with the year before it, until the user says otherwise. */
  itogi_window_set_years (self, g_array_index (self->years, int, pos),
                          g_array_index (self->years, int, pos) - 1);
}

static gboolean
apply_compare (gpointer data)
{
  ItogiWindow *self = data;

  self->compare_id = 0;
  itogi_window_set_years (self, self->year, self->chosen_compare);
  return G_SOURCE_REMOVE;
}

/* A comparison year chosen is set once the drop-down is done telling of it: setting it gives the
 * drop-down a new list of years, and the list it was telling from, freed under it, went on
 * telling (the window froze, choosing again and again). */
static void
on_compare_selected (ItogiWindow *self)
{
  guint pos = gtk_drop_down_get_selected (self->compare_dropdown);

  if (self->updating || pos == GTK_INVALID_LIST_POSITION
      || g_array_index (self->compare_years, int, pos) == self->compare_year)
    return;
  self->chosen_compare = g_array_index (self->compare_years, int, pos);
  if (self->compare_id == 0)
    self->compare_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_compare, self, NULL);
}

static void
on_back_clicked (ItogiWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_row_selected (ItogiWindow *self, GtkListBoxRow *row)
{
  const char *name;
  GtkWidget *page;

  if (row == NULL || self->updating)
    return;
  name = g_object_get_data (G_OBJECT (row), "page-name");
  page = itogi_window_get_page (self, name);
  if (page == NULL)
    return;
  gtk_stack_set_visible_child (self->stack, page);
  g_settings_set_string (self->settings, "page", name);
  update_title (self);
}

static void
on_row_activated (ItogiWindow *self, GtkListBoxRow *row)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
_itogi_window_update_undo_actions (ItogiWindow *self)
{
  GtkWidget *report
      = self->stack != NULL ? gtk_stack_get_child_by_name (self->stack, ITOGI_REPORT_PAGE_NAME) : NULL;
  gboolean typing = report != NULL && itogi_report_page_has_unsaved (ITOGI_REPORT_PAGE (report));
  gboolean undo = self->session != NULL && itogi_session_can_undo (self->session);
  gboolean redo = self->session != NULL && itogi_session_can_redo (self->session);

  self->undo_offered = undo;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", (undo || typing) && !self->offline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", redo && !self->offline);
}

/* Something was edited on a page: it can be undone, what was undone can no longer be redone,
 * and every page shows the new figures. */
/* The years with data, newest first, into the year selector; TRUE when they changed. */
static gboolean
load_years (ItogiWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) stored = itogi_store_list_years (self->store, &error);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GtkStringList) labels = NULL;
  gboolean same;

  if (stored == NULL)
    _itogi_window_show_error (self, error);
  for (guint i = 0; stored != NULL && i < stored->len; i++)
    g_array_append_val (years, g_array_index (stored, int, i));
  if (years->len == 0)
    {
      int latest = itogi_table_latest_year (self->store);
      g_array_append_val (years, latest);
    }
  g_array_sort (years, compare_desc);
  {
    /* The year after the latest is offered too: choosing it starts that year. */
    int next = g_array_index (years, int, 0) + 1;
    self->new_year = next <= 2200;
    if (self->new_year)
      g_array_prepend_val (years, next);
  }
  same = years->len == self->years->len
         && memcmp (years->data, self->years->data, years->len * sizeof (int)) == 0;
  if (same)
    return FALSE;
  g_array_set_size (self->years, 0);
  g_array_append_vals (self->years, years->data, years->len);
  labels = year_labels (self->years);
  if (self->new_year)
    {
      g_autofree char *year_text = itogi_format_year (g_array_index (self->years, int, 0));
      /* Translators: the year after the latest, offered to start it: «2024 г. (новый)» */
      g_autofree char *label = g_strdup_printf (_ ("%s (new)"), year_text);
      gtk_string_list_splice (labels, 0, 1, (const char *const[]){ label, NULL });
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (labels));
  self->updating = FALSE;
  return TRUE;
}

static gboolean build_pages (ItogiWindow *self, GError **error);

/* The sidebar's areas in order, with their labels, and the archived ones: what a rebuild follows. */
static char *
structure_of (ItogiWindow *self)
{
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, TRUE, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      ItogiArea *a = areas->pdata[i];
      g_string_append_printf (out, "%" G_GINT64_FORMAT "|%d|%s|%s|%s\n", a->id, a->archived, a->short_title,
                              a->title, a->description != NULL ? a->description : "");
    }
  return g_string_free (out, FALSE);
}

/* The Archived Areas submenu: one Restore item per archived area. */
static void
fill_archived_menu (ItogiWindow *self)
{
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, TRUE, NULL);

  g_menu_remove_all (self->archived_areas);
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      ItogiArea *a = areas->pdata[i];
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (!a->archived)
        continue;
      /* Translators: a menu item: «Вернуть «Кадры»» */
      label = g_strdup_printf (_ ("Restore “%s”"), a->short_title);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.restore-area", g_variant_new_int64 (a->id));
      g_menu_append_item (self->archived_areas, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (self->archived_areas)) == 0)
    g_menu_append (self->archived_areas, _ ("No archived areas"), "win.no-archived-areas");
}

/* Areas came, went, moved or were renamed: the sidebar and pages are built again, on the same page
 * when it is still there. */
static void
rebuild_pages (ItogiWindow *self)
{
  g_autofree char *page = g_strdup (gtk_stack_get_visible_child_name (self->stack));
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar))) != NULL)
    gtk_list_box_remove (self->sidebar, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
  g_queue_clear_full (&self->visited, g_free);
  self->updating = FALSE;
  if (!build_pages (self, &error))
    _itogi_window_show_error (self, error);
  reload_pages (self);
  if (page == NULL || !itogi_window_show_page (self, page))
    itogi_window_show_page (self, ITOGI_OVERVIEW_PAGE_NAME);
  fill_archived_menu (self);
}

/* After any change: a year may have come or gone, an area may have changed. */
void
_itogi_window_data_changed (ItogiWindow *self)
{
  g_autofree char *structure = structure_of (self);

  if (g_strcmp0 (structure, self->structure) != 0)
    {
      g_free (self->structure);
      self->structure = g_steal_pointer (&structure);
      load_years (self);
      itogi_window_set_years (self, self->year, self->compare_year);
      rebuild_pages (self);
      return;
    }
  if (load_years (self))
    itogi_window_set_years (self, self->year, self->compare_year);
  else
    reload_pages (self);
}

void
_itogi_window_on_page_changed (ItogiWindow *self, gint64 step)
{
  /* A save that changed nothing leaves no step: nothing to undo, nothing to forget to redo. A
   * step the session had already (a page's edit through it) is offered all the same: Undo may
   * have been off meanwhile (the server out of reach). */
  itogi_session_record (self->session, step);
  _itogi_window_update_undo_actions (self);
  _itogi_window_data_changed (self);
}

static void
on_outside_toast_dismissed (ItogiWindow *self)
{
  self->outside_toast = NULL;
}

gboolean
itogi_window_check_outside_changes (ItogiWindow *self)
{
  gint64 version = itogi_store_data_version (self->store);

  if (version < 0 || version == self->data_version)
    return FALSE;
  self->data_version = version;
  self->outside_pending = TRUE;
  /* Offered, not done: a reload now could take away a figure being typed. */
  if (self->outside_toast == NULL)
    {
      self->outside_toast = adw_toast_new (_ ("The data was changed by another program"));
      adw_toast_set_button_label (self->outside_toast, _ ("_Reload"));
      adw_toast_set_action_name (self->outside_toast, "win.reload");
      adw_toast_set_timeout (self->outside_toast, 0);
      g_signal_connect_object (self->outside_toast, "dismissed", G_CALLBACK (on_outside_toast_dismissed),
                               self, G_CONNECT_SWAPPED);
      adw_toast_overlay_add_toast (self->toast_overlay, self->outside_toast);
    }
  return TRUE;
}

gboolean
itogi_window_has_outside_changes (ItogiWindow *self)
{
  return self->outside_pending;
}

/* ---- live, on a shared server ---- */

/* Typing not saved yet on the page in sight: a figure, a task, a report text. */
static gboolean
typing_unsaved (ItogiWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (page != NULL && ITOGI_IS_PAGE (page) && itogi_page_has_unsaved (ITOGI_PAGE (page)))
    return TRUE;
  return page != NULL && ITOGI_IS_REPORT_PAGE (page)
         && itogi_report_page_has_unsaved (ITOGI_REPORT_PAGE (page));
}

/* Another desktop's commit is shown at once, the keyboard staying where it is; while the user
 * types a figure, a task or a text, it waits until that is saved or given up, so that nothing
 * typed is disturbed. */
static void
show_live_changes (ItogiWindow *self)
{
  if (!self->outside_pending || self->offline || typing_unsaved (self) || self->job_cancel != NULL)
    return;
  self->outside_pending = FALSE;
  self->data_version = itogi_store_data_version (self->store);
  _itogi_window_data_changed (self);
}

static void watch_changes (ItogiWindow *self);

/* Editing on or off in every page built, and the window's own ways to change data. */
static void
set_editing (ItogiWindow *self, gboolean on)
{
  static const char *const editing[] = { "win.import", "win.add-area" };

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    {
      GtkWidget *child = gtk_stack_page_get_child (gtk_stack_get_page (self->stack, page));
      if (ITOGI_IS_PAGE (child))
        itogi_page_set_editable (ITOGI_PAGE (child), on);
    }
  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), editing[i], on && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-area",
                                 on && !self->read_only && self->may_manage);
  _itogi_window_update_undo_actions (self);
}

/* The server is out of reach: said at once, what was loaded stays in sight, editing goes off; the
 * window keeps asking whether the server answers (twice a second, in a worker). */
static void
go_offline (ItogiWindow *self)
{
  g_autofree char *place = itogi_store_server_place (itogi_store_get_path (self->store), NULL);
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (self->offline)
    return;
  self->offline = TRUE;
  g_clear_handle_id (&self->changes_watch, g_source_remove);
  self->changes_fd = -1;
  text = g_strdup_printf (
      _ ("The server of “%s” cannot be reached. What was loaded stays in sight, and editing "
         "is off until the connection is back; a figure being typed is saved then. Itogi "
         "keeps trying."),
      place);
  self->offline_bar = gtk_info_bar_new ();
  label = gtk_label_new (text);
  itogi_wrap_label (GTK_LABEL (label));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->offline_bar), GTK_MESSAGE_WARNING);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->offline_bar), label);
  gtk_widget_set_name (self->offline_bar, "offline-bar");
  gtk_box_insert_child_after (GTK_BOX (self->content_pane), self->offline_bar,
                              GTK_WIDGET (self->content_header));
  set_editing (self, FALSE);
}

/* Back: editing on, what was typed meanwhile saved, others' changes of the while shown. */
static void
go_online (ItogiWindow *self)
{
  if (!self->offline)
    return;
  self->offline = FALSE;
  if (self->offline_bar != NULL)
    gtk_box_remove (GTK_BOX (self->content_pane), g_steal_pointer (&self->offline_bar));
  set_editing (self, TRUE);
  watch_changes (self);
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    {
      GtkWidget *child = gtk_stack_page_get_child (gtk_stack_get_page (self->stack, page));
      if (ITOGI_IS_PAGE (child))
        itogi_page_save_drafts (ITOGI_PAGE (child));
    }
  self->outside_pending = TRUE;
  show_live_changes (self);
}

static void
ask_server (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_task_return_boolean (task, itogi_store_server_answers (data));
}

static void
on_server_answer (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (ItogiWindow) self = data;
  gboolean answers = g_task_propagate_boolean (G_TASK (result), NULL);

  self->pinging = FALSE;
  if (self->disposed || !self->offline || !answers)
    return;
  /* It answers: the store connects again here (at once now), and the window is back. */
  if (itogi_store_data_version (self->store) >= 0 && itogi_store_is_connected (self->store))
    go_online (self);
}

static void
ping_server (ItogiWindow *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->pinging)
    return;
  self->pinging = TRUE;
  task = g_task_new (NULL, NULL, on_server_answer, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (itogi_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, ask_server);
}

static gboolean
on_changes (int fd, GIOCondition condition, gpointer data)
{
  ItogiWindow *self = ITOGI_WINDOW (data);

  if (itogi_store_take_changes (self->store))
    self->outside_pending = TRUE;
  if (!itogi_store_is_connected (self->store))
    {
      self->changes_watch = 0;
      go_offline (self);
      return G_SOURCE_REMOVE;
    }
  /* A lost connection stops the notices; the timer connects again, and watches anew. */
  if (itogi_store_changes_fd (self->store) != self->changes_fd)
    {
      self->changes_watch = 0;
      watch_changes (self);
      show_live_changes (self);
      return G_SOURCE_REMOVE;
    }
  show_live_changes (self);
  return G_SOURCE_CONTINUE;
}

/* The server's notices, read as they arrive: the main loop watches the connection's socket. */
static void
watch_changes (ItogiWindow *self)
{
  int fd = itogi_store_changes_fd (self->store);

  if (self->changes_watch != 0 && fd == self->changes_fd)
    return;
  g_clear_handle_id (&self->changes_watch, g_source_remove);
  self->changes_fd = fd;
  if (fd >= 0)
    self->changes_watch = g_unix_fd_add (fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_changes, self);
}

static gboolean
watch_outside_changes (gpointer data)
{
  ItogiWindow *self = ITOGI_WINDOW (data);

  if (!itogi_store_is_server (self->store))
    {
      itogi_window_check_outside_changes (self);
      return G_SOURCE_CONTINUE;
    }
  /* Notices read along with the window's own queries wait in the connection, not on its socket. */
  if (!self->offline && itogi_store_take_changes (self->store))
    self->outside_pending = TRUE;
  /* A connection found lost (by a failed statement): out of reach until the server answers. An
   * edit may have connected again by itself meanwhile. */
  if (!self->offline && !itogi_store_is_connected (self->store))
    go_offline (self);
  else if (self->offline && itogi_store_is_connected (self->store))
    go_online (self);
  if (self->offline)
    ping_server (self);
  else if (self->changes_watch == 0)
    watch_changes (self);
  show_live_changes (self);
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
sidebar_row_new (const char *name, const char *label, const char *tooltip, const char *icon)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image
      = gtk_image_new_from_icon_name (icon != NULL && *icon != '\0' ? icon : "view-list-symbolic");
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  /* Whole, on two lines if need be (large text), never cut short. */
  itogi_wrap_label (GTK_LABEL (text));
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (text), GTK_NATURAL_WRAP_NONE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Read out by its label; the tooltip only says more when the whole title is longer. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (tooltip != NULL && g_strcmp0 (tooltip, label) != 0)
    itogi_tooltip_set (row, tooltip);
  g_object_set_data_full (G_OBJECT (row), "page-name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (row), "tab-label", (gpointer)gtk_label_get_text (GTK_LABEL (text)));
  return row;
}

/* The sidebar gets a row for every page; the page itself is made when first asked for. */
static gboolean
build_pages (ItogiWindow *self, GError **error)
{
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, FALSE, error);

  if (areas == NULL)
    return FALSE;
  gtk_list_box_append (self->sidebar, sidebar_row_new (ITOGI_OVERVIEW_PAGE_NAME, _ ("Overview"),
                                                       _ ("Every area at a glance"), "view-grid-symbolic"));
  for (guint i = 0; i < areas->len; i++)
    {
      ItogiArea *area = g_ptr_array_index (areas, i);
      ItogiAreaRight right = itogi_store_area_right (self->store, area->id);
      GtkWidget *row;

      /* On a shared server the window shows what the role may see (the areas listed are those
       * already), and marks what it may only read. */
      row = sidebar_row_new (area->slug, area->short_title, area->title, area->icon);
      if (right == ITOGI_AREA_READ)
        {
          GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
          g_autofree char *tooltip = g_strdup_printf ("%s (%s)", area->title, _ ("read only"));

          gtk_widget_add_css_class (lock, "dim-label");
          gtk_accessible_update_property (GTK_ACCESSIBLE (lock), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _ ("read only"), -1);
          gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), lock);
          itogi_tooltip_set (row, tooltip);
        }

      g_object_set_data_full (G_OBJECT (row), "area", itogi_area_copy (area),
                              (GDestroyNotify)itogi_area_free);
      gtk_list_box_append (self->sidebar, row);
    }
  /* Last, as in the year's work: the figures first, then the report written from them. */
  gtk_list_box_append (self->sidebar, sidebar_row_new (ITOGI_REPORT_PAGE_NAME, _ ("Report"),
                                                       _ ("The annual report, written from the figures"),
                                                       "x-office-document-symbolic"));
  return TRUE;
}

static GtkListBoxRow *
find_row (ItogiWindow *self, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child)
        && g_strcmp0 (g_object_get_data (G_OBJECT (child), "page-name"), name) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

gboolean
itogi_window_show_page (ItogiWindow *self, const char *name)
{
  GtkListBoxRow *row = find_row (self, name);

  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->sidebar, row);
  return TRUE;
}

const char *
itogi_window_get_page_name (ItogiWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Area pages kept built besides the Overview and the Report. A page beyond them is given the next
 * area visited instead of a page made anew: building one and taking one down each cost about 2 ms a
 * row, a page that shows another area's rows costs a fraction of that, and memory stays the same
 * however many areas are visited. */
#define KEPT_AREA_PAGES 6

/* Whether a page may be given another area: not while shown, nor while it holds the keyboard or
 * typing not saved. */
static gboolean
may_reuse (ItogiWindow *self, GtkWidget *page)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (page == NULL || page == gtk_stack_get_visible_child (self->stack) || !ITOGI_IS_AREA_PAGE (page))
    return FALSE;
  if (focus != NULL && gtk_widget_is_ancestor (focus, page))
    return FALSE;
  return !itogi_page_has_unsaved (ITOGI_PAGE (page));
}

/* The area page least recently visited that may show another area, once KEPT_AREA_PAGES are
 * built; NULL before. It leaves the list of those visited. */
static GtkWidget *
spare_page (ItogiWindow *self)
{
  GList *link = self->visited.tail;

  if (self->visited.length < KEPT_AREA_PAGES)
    return NULL;
  for (; link != NULL; link = link->prev)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->stack, link->data);
      if (may_reuse (self, page))
        {
          g_free (link->data);
          g_queue_delete_link (&self->visited, link);
          return page;
        }
    }
  return NULL;
}

/* @name was visited: it leads the list of area pages visited. */
static void
note_visit (ItogiWindow *self, const char *name)
{
  GList *link;

  if (g_strcmp0 (name, ITOGI_OVERVIEW_PAGE_NAME) == 0 || g_strcmp0 (name, ITOGI_REPORT_PAGE_NAME) == 0)
    return;
  link = g_queue_find_custom (&self->visited, name, (GCompareFunc)g_strcmp0);
  if (link != NULL)
    {
      g_queue_unlink (&self->visited, link);
      g_queue_push_head_link (&self->visited, link);
    }
  else
    g_queue_push_head (&self->visited, g_strdup (name));
}

/* The page of @name, made if it is not yet (an area's page may be a spare one given this area); NULL
 * for a name the sidebar does not have. It is not filled. */
static GtkWidget *
ensure_page (ItogiWindow *self, const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);
  GtkListBoxRow *row;

  if (page != NULL)
    return page;
  if ((row = find_row (self, name)) == NULL)
    return NULL;
  const ItogiArea *area = g_object_get_data (G_OBJECT (row), "area");

  if (g_strcmp0 (name, ITOGI_OVERVIEW_PAGE_NAME) == 0)
    page = itogi_overview_page_new (self->session);
  else if (g_strcmp0 (name, ITOGI_REPORT_PAGE_NAME) == 0)
    page = itogi_report_page_new (self->session);
  else if ((page = spare_page (self)) != NULL)
    {
      /* Another area's page, out of sight, shows this one: filled anew when shown. */
      gtk_stack_page_set_name (gtk_stack_get_page (self->stack, page), name);
      itogi_area_page_set_area (ITOGI_AREA_PAGE (page), area);
      g_object_set_data (G_OBJECT (page), PAGE_GENERATION, GUINT_TO_POINTER (0));
    }
  else
    page = itogi_area_page_new (self->session, area);
  if (gtk_widget_get_parent (page) == NULL)
    {
      g_signal_connect_object (page, "changed", G_CALLBACK (_itogi_window_on_page_changed), self,
                               G_CONNECT_SWAPPED);
      if (ITOGI_IS_PAGE (page))
        itogi_page_set_compact (ITOGI_PAGE (page), self->compact);
      gtk_stack_add_named (self->stack, page, name);
    }
  return page;
}

GtkWidget *
itogi_window_get_page (ItogiWindow *self, const char *name)
{
  GtkWidget *page;

  g_return_val_if_fail (ITOGI_IS_WINDOW (self), NULL);

  page = ensure_page (self, name);
  if (page == NULL)
    return NULL;
  note_visit (self, name);
  refresh_page (self, page);
  return page;
}

GtkWidget *
itogi_window_peek_page (ItogiWindow *self, const char *name)
{
  g_return_val_if_fail (ITOGI_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, name);
}

char **
itogi_window_list_tab_labels (ItogiWindow *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (child), "tab-label"));
  return g_strv_builder_end (builder);
}

static gboolean
itogi_window_close_request (GtkWindow *window)
{
  ItogiWindow *self = ITOGI_WINDOW (window);
  GtkWidget *report = gtk_stack_get_child_by_name (self->stack, ITOGI_REPORT_PAGE_NAME);
  int width, height;

  /* A dialog over the window with figures or text typed and not saved asks first; the window
   * stays open meanwhile. */
  if (!itogi_dialog_close_all (window))
    return TRUE;

  /* Report text still waiting for a pause in typing is saved now. If that fails, the window
   * stays open once, saying why, so the text can be copied; closing again closes. */
  if (report != NULL && !self->close_despite_unsaved)
    {
      g_autoptr (GError) error = NULL;
      if (!itogi_report_page_save_now (ITOGI_REPORT_PAGE (report), &error))
        {
          _itogi_window_show_error (self, error);
          self->close_despite_unsaved = TRUE;
          return TRUE;
        }
    }
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (itogi_window_parent_class)->close_request (window);
}

static void
itogi_window_dispose (GObject *object)
{
  ItogiWindow *self = ITOGI_WINDOW (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  g_clear_handle_id (&self->compare_id, g_source_remove);
  g_clear_handle_id (&self->fold_id, g_source_remove);
  g_clear_handle_id (&self->changes_watch, g_source_remove);
  g_clear_handle_id (&self->job_pulse, g_source_remove);
  g_clear_object (&self->job_cancel);
  if (self->shortcuts != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *)&self->shortcuts);
      gtk_window_destroy (g_steal_pointer (&self->shortcuts));
    }
  self->disposed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), ITOGI_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_queue_clear_full (&self->visited, g_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->compare_years, g_array_unref);
  g_clear_pointer (&self->structure, g_free);
  G_OBJECT_CLASS (itogi_window_parent_class)->dispose (object);
}

/* The session goes last: pages being disposed may still save through it. */
static void
itogi_window_finalize (GObject *object)
{
  g_clear_pointer (&ITOGI_WINDOW (object)->session, itogi_session_unref);
  G_OBJECT_CLASS (itogi_window_parent_class)->finalize (object);
}

static void
set_pages_compact (ItogiWindow *self, gboolean compact)
{
  self->compact = compact;
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    if (ITOGI_IS_PAGE (page))
      itogi_page_set_compact (ITOGI_PAGE (page), compact);
}

/* The sidebar folded or not, the pages compact or not, for the window's width. */
static gboolean
apply_fold (gpointer data)
{
  ItogiWindow *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->fold_id = 0;
  adw_leaflet_set_can_unfold (self->leaflet, width >= FOLD_BELOW);
  if ((width < COMPACT_BELOW) != self->compact)
    set_pages_compact (self, width < COMPACT_BELOW);
  return G_SOURCE_REMOVE;
}

static void
itogi_window_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);

  GTK_WIDGET_CLASS (itogi_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* Changed after this allocation, not within it. */
  if (self->leaflet != NULL
      && (adw_leaflet_get_can_unfold (self->leaflet) != (width >= FOLD_BELOW)
          || self->compact != (width < COMPACT_BELOW))
      && self->fold_id == 0)
    self->fold_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_fold, self, NULL);
}

static void
itogi_window_class_init (ItogiWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->size_allocate = itogi_window_size_allocate;

  G_OBJECT_CLASS (klass)->dispose = itogi_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = itogi_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = itogi_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, years_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiWindow, archived_areas);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  _itogi_window_class_actions_init (widget_class);
}

static gboolean on_sidebar_key (GtkEventControllerKey *keys, guint keyval, guint keycode,
                                GdkModifierType state, ItogiWindow *self);

/* The narrow window's pair of choices shows the wide window's: the same lists and choices. */
static void
sync_compact (ItogiWindow *self)
{
  if (self->compact_year_dropdown == NULL)
    return;
  self->syncing_compact = TRUE;
  gtk_drop_down_set_model (self->compact_year_dropdown, gtk_drop_down_get_model (self->year_dropdown));
  gtk_drop_down_set_selected (self->compact_year_dropdown, gtk_drop_down_get_selected (self->year_dropdown));
  gtk_drop_down_set_model (self->compact_compare_dropdown, gtk_drop_down_get_model (self->compare_dropdown));
  gtk_drop_down_set_selected (self->compact_compare_dropdown,
                              gtk_drop_down_get_selected (self->compare_dropdown));
  self->syncing_compact = FALSE;
}

/* A choice made in the narrow window's pair is made in the wide window's drop-down, which does the
 * rest; then the pair shows what came of it (a new report year brings a new list to compare with).
 * Bound to the wide ones both ways instead, a new list reset the narrow one's choice, which chose
 * again in the wide one, without end. */
static void
on_compact_selected (GtkDropDown *choice, GParamSpec *pspec, ItogiWindow *self)
{
  GtkDropDown *wide = choice == self->compact_year_dropdown ? self->year_dropdown : self->compare_dropdown;
  guint pos = gtk_drop_down_get_selected (choice);

  if (self->syncing_compact || self->updating || pos == GTK_INVALID_LIST_POSITION)
    return;
  if (pos != gtk_drop_down_get_selected (wide))
    gtk_drop_down_set_selected (wide, pos);
  sync_compact (self);
}

/* One of the narrow window's pair of choices, @text beside it. */
static GtkDropDown *
compact_choice (ItogiWindow *self, GtkGrid *grid, int row, const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *choice = gtk_drop_down_new (NULL, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, choice, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  itogi_a11y_set_name (choice, text);
  g_signal_connect (choice, "notify::selected", G_CALLBACK (on_compact_selected), self);
  return GTK_DROP_DOWN (choice);
}

/* The main menu's widgets, made when it is first opened: with its model set in the template the
 * whole menu (a button and labels for each of its items) was made with the window, ~4 ms of its
 * start-up. The model itself (its archived areas) is kept up to date all along. */
static void
make_main_menu (GtkMenuButton *button, gpointer data)
{
  ItogiWindow *self = data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->primary_menu));
}

/* The narrow window's button of both years opens both choices, made when first opened (a
 * drop-down is 3 ms of the window's start, and most windows are never narrow), and shown as the
 * wide window's each time. */
static void
make_years_popover (GtkMenuButton *button, gpointer data)
{
  ItogiWindow *self = data;
  GtkWidget *popover, *grid;

  if (gtk_menu_button_get_popover (button) == NULL)
    {
      popover = gtk_popover_new ();
      grid = gtk_grid_new ();
      gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
      gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
      self->compact_year_dropdown = compact_choice (self, GTK_GRID (grid), 0, _ ("Report year"));
      self->compact_compare_dropdown = compact_choice (self, GTK_GRID (grid), 1, _ ("Comparison year"));
      gtk_popover_set_child (GTK_POPOVER (popover), grid);
      gtk_menu_button_set_popover (button, popover);
    }
  sync_compact (self);
}

static void
itogi_window_init (ItogiWindow *self)
{
  g_type_ensure (ITOGI_TYPE_AREA_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
  itogi_a11y_mend_on_map (GTK_WIDGET (self));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_sidebar_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->sidebar), keys);
  }

  /* Given here, not in the template: itogi-tooltip.h says why. */
  itogi_tooltip_set (GTK_WIDGET (self->menu_button), _ ("Main Menu"));
  itogi_tooltip_set (GTK_WIDGET (self->back_button), _ ("Back to the Areas"));
  itogi_tooltip_set (GTK_WIDGET (self->year_dropdown), _ ("Report year"));
  itogi_tooltip_set (GTK_WIDGET (self->compare_dropdown), _ ("Comparison year"));
  itogi_tooltip_set (GTK_WIDGET (self->years_button), _ ("Report and comparison years"));
  self->settings = g_settings_new (APP_ID);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->compare_years = g_array_new (FALSE, FALSE, sizeof (int));
  _itogi_window_update_undo_actions (self);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Folded (narrow window): one pane at a time, with a back button. */
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->sidebar_header, "show-end-title-buttons",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->content_header, "show-start-title-buttons",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_swapped (self->sidebar, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect_swapped (self->sidebar, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_menu_button_set_create_popup_func (self->menu_button, make_main_menu, self, NULL);
  gtk_menu_button_set_create_popup_func (self->years_button, make_years_popover, self, NULL);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_selected), self);
  g_signal_connect_swapped (self->compare_dropdown, "notify::selected", G_CALLBACK (on_compare_selected),
                            self);
}

/* Said once, at the top, rather than at each refused edit: looking and exporting still work. */
static void
show_read_only (ItogiWindow *self)
{
  static const char *const editing[]
      = { "win.import", "win.add-area", "win.restore-backup", "win.undo", "win.redo" };
  GtkWidget *bar = gtk_info_bar_new ();
  GtkWidget *label = gtk_label_new (_ ("This database is open read-only: its figures can be looked at, "
                                       "charted and exported, but changes cannot be saved."));

  itogi_wrap_label (GTK_LABEL (label));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), GTK_MESSAGE_WARNING);
  gtk_info_bar_add_child (GTK_INFO_BAR (bar), label);
  gtk_widget_set_name (bar, "read-only-bar");
  gtk_box_insert_child_after (GTK_BOX (self->content_pane), bar, GTK_WIDGET (self->content_header));
  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), editing[i], FALSE);
  self->read_only = TRUE;
  {
    g_autofree char *title = g_strdup_printf ("%s — %s", gtk_window_get_title (GTK_WINDOW (self)),
                                              /* Translators: in the window title */
                                              _ ("read-only"));
    gtk_window_set_title (GTK_WINDOW (self), title);
  }
}

/* Tab leaves the sidebar for the page (Shift+Tab for its header) rather than going from row to
 * row: a list box takes Tab as Down, and its selection follows the keyboard, so that Tab walked
 * every area's page, one after the other, before reaching any. Up and Down still go through the
 * areas. */
static gboolean
on_sidebar_key (GtkEventControllerKey *keys, guint keyval, guint keycode, GdkModifierType state,
                ItogiWindow *self)
{
  gboolean backward;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  return backward ? gtk_widget_child_focus (GTK_WIDGET (self->sidebar_header), GTK_DIR_TAB_BACKWARD)
                  : gtk_widget_child_focus (self->content_pane, GTK_DIR_TAB_FORWARD);
}

/* The Report page is the slowest to make (its first sections' text is written from the areas'
 * figures, 20 ms and more on a large database): it is made once the window has shown its first
 * frame and the main loop has nothing else to do (the Overview's reading of its other areas comes
 * first), so that its first visit only lays it out and paints it. Its remaining sections still
 * wait for it to be shown. */
/* The Report page made, measured at the width of the page in sight, which is the width it will be
 * given: its headings and texts wrapped there are in GTK's caches, and its first visit does not
 * lay out all its text again (11 ms of 51 on the benchmark's large database). */
static gboolean
measure_report (gpointer data)
{
  ItogiWindow *self = data;
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, ITOGI_REPORT_PAGE_NAME);
  GtkWidget *shown = gtk_stack_get_visible_child (self->stack);
  int width = shown != NULL ? gtk_widget_get_width (shown) : 0, ignored;

  self->prepare_id = 0;
  if (page != NULL && shown != NULL && shown != page && width > 0)
    {
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &ignored, NULL, NULL, NULL);
      gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, width, &ignored, NULL, NULL, NULL);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
prepare_report (gpointer data)
{
  ItogiWindow *self = data;
  GtkWidget *page;

  self->prepare_id = 0;
  if (gtk_stack_get_child_by_name (self->stack, ITOGI_REPORT_PAGE_NAME) != NULL
      || (page = ensure_page (self, ITOGI_REPORT_PAGE_NAME)) == NULL)
    return G_SOURCE_REMOVE;
  /* Nobody asked for it yet: a page that cannot be read now says so when it is visited. */
  g_object_set_data (G_OBJECT (page), PAGE_GENERATION, GUINT_TO_POINTER (self->generation));
  if (!itogi_report_page_set_years (ITOGI_REPORT_PAGE (page), self->year, self->compare_year, NULL))
    g_object_set_data (G_OBJECT (page), PAGE_GENERATION, GUINT_TO_POINTER (0));
  else
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, measure_report, self, NULL);
  return G_SOURCE_REMOVE;
}

/* The window's icon (what an X11 window manager shows), and that of the windows after it, set once
 * the first frame is on the screen: drawn from its SVG, with librsvg loaded for it, it was 12 ms
 * of the time to that frame. (GNOME takes the icon from the desktop file, by the app's ID.) */
static gboolean
set_icon (gpointer data)
{
  if (!ITOGI_WINDOW (data)->disposed && gtk_window_get_icon_name (GTK_WINDOW (data)) == NULL)
    {
      gtk_window_set_default_icon_name (APP_ID);
      gtk_window_set_icon_name (GTK_WINDOW (data), APP_ID);
    }
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock *clock, ItogiWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  g_idle_add_full (G_PRIORITY_LOW, set_icon, g_object_ref (self), g_object_unref);
  if (self->prepare_id == 0)
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_report, self, NULL);
}

static void
on_realize (ItogiWindow *self)
{
  int width = 0, height = 0;

  /* The first frame already folded or not, as the window's width asks: folded only after it, the
   * page of a narrow window was first laid out beside the sidebar, in less than its least width. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0)
    {
      adw_leaflet_set_can_unfold (self->leaflet, width >= FOLD_BELOW);
      set_pages_compact (self, width < COMPACT_BELOW);
    }
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_paint), self, 0);
}

/* For ITOGI_DEBUG=startup: the page in sight shows a figure of its table. */
static gboolean
shows_figures (GtkWindow *window)
{
  GtkWidget *page = gtk_stack_get_visible_child (ITOGI_WINDOW (window)->stack);

  return page != NULL && ITOGI_IS_PAGE (page)
         && itogi_indicator_table_shows_figures (
             ITOGI_INDICATOR_TABLE (itogi_page_get_table (ITOGI_PAGE (page))));
}

/* Which database is open, under the app's name: the file's name (its folder in the tooltip), or
 * the server and database («Сервер: server/itogi»). */
static void
show_database_name (ItogiWindow *self)
{
  const char *path = itogi_store_get_path (self->store);
  g_autofree char *subtitle = NULL;

  if (itogi_store_is_server (self->store))
    {
      g_autofree char *place = itogi_store_server_place (path, NULL);
      /* Translators: the header bar's subtitle; %s is the server and database, «server/itogi» */
      subtitle = g_strdup_printf (_ ("Server: %s"), place);
    }
  else
    subtitle = g_filename_display_basename (path);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  itogi_tooltip_set (GTK_WIDGET (self->sidebar_title), path);
}

ItogiWindow *
itogi_window_new (GtkApplication *application, ItogiStore *store)
{
  ItogiWindow *self = g_object_new (ITOGI_TYPE_WINDOW, "application", application, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *page = NULL;
  int year, compare_year;

  self->store = store;
  self->session = itogi_session_new (store);
  self->may_manage = itogi_store_may_manage (store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-area", self->may_manage);
  show_database_name (self);
  itogi_probe_startup (GTK_WINDOW (self), shows_figures);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
  load_years (self);

  if (!build_pages (self, &error))
    _itogi_window_show_error (self, error);
  self->structure = structure_of (self);
  fill_archived_menu (self);

  year = g_settings_get_int (self->settings, "report-year");
  compare_year = g_settings_get_int (self->settings, "compare-year");
  itogi_window_set_years (self, year, compare_year != 0 ? compare_year : year - 1);

  page = g_settings_get_string (self->settings, "page");
  if (!itogi_window_show_page (self, page))
    itogi_window_show_page (self, ITOGI_OVERVIEW_PAGE_NAME);

  /* Restoring replaces the store, which only the application can do; copies beside the database
   * are a file's (a server's backups are its administrator's). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup",
                                 application != NULL && ITOGI_IS_APPLICATION (application)
                                     && itogi_store_can (store, ITOGI_STORE_ABILITY_FILE_COPIES));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup",
                                 itogi_store_can (store, ITOGI_STORE_ABILITY_FILE_COPIES));
  if (itogi_store_is_read_only (store))
    show_read_only (self);
  /* itogi-cli import may write the same file while the window is open: look every two seconds.
   * A server tells of others' commits as they happen; what waits (for typing to end, for a
   * connection to come back) is looked at twice a second. */
  self->data_version = itogi_store_data_version (store);
  if (itogi_store_is_server (store))
    {
      self->changes_fd = -1;
      watch_changes (self);
      self->watch_id = g_timeout_add (500, watch_outside_changes, self);
    }
  else
    self->watch_id = g_timeout_add_seconds (2, watch_outside_changes, self);
  return self;
}

void
itogi_window_show_error (ItogiWindow *self, const GError *error)
{
  _itogi_window_show_error (self, error);
}

void
itogi_window_notify (ItogiWindow *self, const char *text, const char *show_file)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* A toast is one line: a file's long name goes behind a button that opens its folder. */
  if (show_file != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (show_file);
      g_autoptr (GFile) folder = g_file_get_parent (file);
      g_autofree char *uri = folder != NULL ? g_file_get_uri (folder) : NULL;

      if (uri != NULL)
        {
          adw_toast_set_button_label (toast, _ ("Open _Folder"));
          adw_toast_set_action_name (toast, "win.open-file");
          adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
        }
    }
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
itogi_window_is_read_only (ItogiWindow *self)
{
  return self->read_only;
}

gboolean
itogi_window_can_undo (ItogiWindow *self)
{
  /* As the window offers it: a page's step counts once the page has told the window. */
  return self->undo_offered;
}
