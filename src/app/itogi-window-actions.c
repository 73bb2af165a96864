/* itogi-window-actions.c: what the main window's menus and keys do
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-application.h"
#include "itogi-area-dialog.h"
#include "itogi-area-page.h"
#include "itogi-export-dialog.h"
#include "itogi-history-window.h"
#include "itogi-import-dialog.h"
#include "itogi-report-page.h"
#include "itogi-restore-dialog.h"
#include "itogi-format.h"
#include "itogi-output.h"
#include "itogi-window-private.h"
#include "itogi-window.h"

static void
reload_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);

  /* The toast's own button dismisses it. Dismissing it from here could fall within its showing
   * animation, which libadwaita 1.2 does not survive (a freed toast is unreferenced). */
  self->outside_pending = FALSE;
  self->data_version = itogi_store_data_version (self->store);
  _itogi_window_data_changed (self);
}

static void
undo_or_redo (ItogiWindow *self, gboolean redo)
{
  g_autoptr (GError) error = NULL;
  gint64 done
      = redo ? itogi_session_redo (self->session, &error) : itogi_session_undo (self->session, &error);

  if (done == 0)
    {
      /* A refused undo changed nothing; it stays on its stack for the user to see why. */
      if (error != NULL)
        _itogi_window_show_error (self, error);
      return;
    }
  _itogi_window_update_undo_actions (self);
  _itogi_window_data_changed (self);
}

static void
update_undo_action (GtkWidget *widget, const char *action, GVariant *param)
{
  _itogi_window_update_undo_actions (ITOGI_WINDOW (widget));
}

static void
undo_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  GtkWidget *report = gtk_stack_get_child_by_name (self->stack, ITOGI_REPORT_PAGE_NAME);

  /* Report text typed a moment ago is the latest change: saved now, it is what is undone. */
  if (report != NULL)
    {
      g_autoptr (GError) error = NULL;
      if (!itogi_report_page_save_now (ITOGI_REPORT_PAGE (report), &error))
        {
          _itogi_window_show_error (self, error);
          return;
        }
    }
  if (itogi_session_can_undo (self->session))
    undo_or_redo (self, FALSE);
  else
    _itogi_window_update_undo_actions (self);
}

static void
redo_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  undo_or_redo (self, TRUE);
}

static void
show_page_action (GtkWidget *widget, const char *action, GVariant *param)
{
  itogi_window_show_page (ITOGI_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
step_page (ItogiWindow *self, int delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + delta : 0;
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->sidebar, index);

  if (next == NULL)
    return;
  gtk_list_box_select_row (self->sidebar, next);
  /* Folded, the page asked for is shown, not only chosen behind the list. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
next_area_action (GtkWidget *widget, const char *action, GVariant *param)
{
  step_page (ITOGI_WINDOW (widget), 1);
}

static void
previous_area_action (GtkWidget *widget, const char *action, GVariant *param)
{
  step_page (ITOGI_WINDOW (widget), -1);
}

/* Written beside the window, its step and Cancel under the header. */
static void
on_export_chosen (ItogiWindow *self, GFile *file, ItogiExportDialog *dialog)
{
  ItogiExportOptions options;
  const ItogiTableFormat *format = itogi_export_dialog_get_choice (dialog, &options);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GError) error = NULL;

  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _ ("Choose a file on this computer: nothing was saved."));
  if (error != NULL || !itogi_window_export_to (self, &options, format, path, &error))
    _itogi_window_show_error (self, error);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);

  ItogiExportDialog *dialog
      = itogi_export_dialog_new (GTK_WINDOW (self), self->store, self->year, self->compare_year);

  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_export_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
history_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  GtkWidget *history = itogi_history_window_new (GTK_WINDOW (self), self->store, &error);

  if (history == NULL)
    _itogi_window_show_error (self, error);
  else
    gtk_window_present (GTK_WINDOW (history));
}

/* The area of the page shown, or NULL on the Overview. */
static const ItogiArea *
current_area (ItogiWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (page == NULL || !ITOGI_IS_AREA_PAGE (page))
    return NULL;
  return itogi_area_page_get_area (ITOGI_AREA_PAGE (page));
}

typedef enum
{
  AREA_SAVE,
  AREA_UP,
  AREA_DOWN,
  AREA_ARCHIVE,
  AREA_RESTORE,
} AreaEdit;

/* One change to the areas as one undoable step. */
static gboolean
edit_area (ItogiWindow *self, AreaEdit what, const ItogiArea *area, GError **error)
{
  g_autofree char *label = NULL;
  GError *local = NULL;
  gint64 step;
  gboolean ok;

  switch (what)
    {
    case AREA_SAVE:
      /* Translators: history entries; %s is an area's tab label */
      label = g_strdup_printf (area->id == 0 ? _ ("Added area “%s”") : _ ("Changed area “%s”"),
                               area->short_title);
      break;
    case AREA_UP:
      label = g_strdup_printf (_ ("Moved area “%s” up"), area->short_title);
      break;
    case AREA_DOWN:
      label = g_strdup_printf (_ ("Moved area “%s” down"), area->short_title);
      break;
    case AREA_ARCHIVE:
      label = g_strdup_printf (_ ("Archived area “%s”"), area->short_title);
      break;
    case AREA_RESTORE:
    default:
      label = g_strdup_printf (_ ("Restored area “%s”"), area->short_title);
      break;
    }
  step = itogi_session_begin (self->session, label, error);
  if (step == 0)
    return FALSE;
  switch (what)
    {
    case AREA_SAVE:
      ok = area->id == 0 ? itogi_store_add_area (self->store, area, &local) != 0
                         : itogi_store_update_area (self->store, area, &local);
      break;
    case AREA_UP:
    case AREA_DOWN:
      ok = itogi_store_move_area (self->store, area->id, what == AREA_UP ? -1 : 1, NULL, &local);
      break;
    case AREA_ARCHIVE:
    case AREA_RESTORE:
    default:
      ok = itogi_store_set_area_archived (self->store, area->id, what == AREA_ARCHIVE, &local);
      break;
    }
  if (!ok)
    {
      itogi_session_rollback (self->session);
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!itogi_session_commit (self->session, step, error))
    return FALSE;
  _itogi_window_on_page_changed (self, step);
  if (what == AREA_SAVE && area->id == 0)
    itogi_window_show_page (self, area->slug);
  return TRUE;
}

static gboolean
save_area (const ItogiArea *area, gpointer data, GError **error)
{
  return edit_area (data, AREA_SAVE, area, error);
}

static void
add_area_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, TRUE, NULL);
  g_autoptr (ItogiArea) area = itogi_area_new ();
  guint n = areas != NULL ? areas->len + 1 : 1;

  /* A slug no other area has: the CSV import and the command line can name it so. */
  for (gboolean taken = TRUE; taken; n++)
    {
      g_free (area->slug);
      area->slug = g_strdup_printf ("area-%u", n);
      taken = FALSE;
      for (guint i = 0; areas != NULL && i < areas->len && !taken; i++)
        taken = g_strcmp0 (((ItogiArea *)areas->pdata[i])->slug, area->slug) == 0;
    }
  area->title = g_strdup ("");
  area->short_title = g_strdup ("");
  area->description = g_strdup ("");
  area->icon = g_strdup ("");
  area->position = areas != NULL ? (int)areas->len + 1 : 1;
  gtk_window_present (GTK_WINDOW (itogi_area_dialog_new (GTK_WINDOW (self), area, save_area, self)));
}

/* The area of the page shown, copied; NULL on the Overview and the Report, where a toast asks for
 * one. */
static ItogiArea *
area_to_edit (ItogiWindow *self)
{
  const ItogiArea *area = current_area (self);

  if (area == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_ ("Choose an area in the sidebar first.")));
      return NULL;
    }
  return itogi_area_copy (area);
}

static void
edit_area_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  g_autoptr (ItogiArea) area = area_to_edit (self);

  if (area != NULL)
    gtk_window_present (GTK_WINDOW (itogi_area_dialog_new (GTK_WINDOW (self), area, save_area, self)));
}

static void
move_or_archive_area (ItogiWindow *self, AreaEdit what)
{
  g_autoptr (ItogiArea) area = area_to_edit (self);
  g_autoptr (GError) error = NULL;

  if (area == NULL)
    return;
  if (!edit_area (self, what, area, &error))
    _itogi_window_show_error (self, error);
  else if (what == AREA_ARCHIVE)
    adw_toast_overlay_add_toast (
        self->toast_overlay,
        adw_toast_new (_ ("Area archived: its figures are kept. Restore it from the menu.")));
}

static void
area_up_action (GtkWidget *widget, const char *action, GVariant *param)
{
  move_or_archive_area (ITOGI_WINDOW (widget), AREA_UP);
}

static void
area_down_action (GtkWidget *widget, const char *action, GVariant *param)
{
  move_or_archive_area (ITOGI_WINDOW (widget), AREA_DOWN);
}

static void
archive_area_action (GtkWidget *widget, const char *action, GVariant *param)
{
  move_or_archive_area (ITOGI_WINDOW (widget), AREA_ARCHIVE);
}

static void
restore_area_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, TRUE, NULL);
  g_autoptr (GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    if (((ItogiArea *)areas->pdata[i])->id == id)
      {
        if (!edit_area (self, AREA_RESTORE, areas->pdata[i], &error))
          _itogi_window_show_error (self, error);
        return;
      }
}

static void
on_imported (gint64 step, guint values, guint tasks, gpointer data)
{
  ItogiWindow *self = data;
  g_autofree char *count = itogi_format_integer (values);
  g_autofree char *task_count = itogi_format_integer (tasks);
  g_autofree char *message = NULL;

  /* A workbook of tasks alone says only what it did to them. */
  if (values > 0 || tasks == 0)
    message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Imported %s value.", "Imported %s values.", values), count);
  if (tasks > 0)
    {
      g_autofree char *told = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s task added or updated.", "%s tasks added or updated.", tasks),
          task_count);
      char *both = message != NULL ? g_strconcat (message, " ", told, NULL) : g_strdup (told);
      g_free (message);
      message = both;
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  /* The import wrote through a worker's connection of its own: its commit is this window's, not
   * another program's, and is not offered for a reload. */
  self->data_version = itogi_store_data_version (self->store);
  if (step != 0)
    _itogi_window_on_page_changed (self, step);
}

/* Read the chosen file and show what it holds; nothing is written until the user says Import. */
gboolean
itogi_window_import_file (ItogiWindow *self, GFile *file, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (file);
  gsize length;
  ItogiImportDialog *dialog;

  g_autofree char *path = g_file_get_path (file);

  /* Never the open database itself: our descriptor of it, closed, would drop the connection's
   * locks. Nor a pipe, nor a file too large to be a table. */
  if (path != NULL && !itogi_input_check (path, ITOGI_CSV_MAX_FILE_SIZE, error))
    return FALSE;
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  dialog = itogi_import_dialog_new (GTK_WINDOW (self), self->store, name, contents, length, on_imported, self,
                                    error);
  if (dialog == NULL)
    return FALSE;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
on_import_chosen (GtkNativeDialog *chooser, int response, ItogiWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (!itogi_window_import_file (self, file, &error))
        _itogi_window_show_error (self, error);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Import Figures"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("CSV tables and Excel workbooks"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_backup_chosen (GtkNativeDialog *chooser, int response, ItogiWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (!itogi_window_backup_to (self, file, &error))
        _itogi_window_show_error (self, error);
    }
  g_object_unref (chooser);
}

static void
backup_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Back Up"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the proposed backup file name: «Итоги, копия 2026-11-25.db» */
  g_autofree char *name = g_strdup_printf (_ ("Itogi backup %s.db"), date);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_restore_chosen (const char *backup, gpointer data)
{
  g_autoptr (GError) error = NULL;

  if (!itogi_window_restore_from (ITOGI_WINDOW (data), backup, &error))
    _itogi_window_show_error (ITOGI_WINDOW (data), error);
}

static void
restore_backup_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkWidget *dialog;

  g_return_if_fail (ITOGI_IS_APPLICATION (app));
  dialog = itogi_restore_dialog_new (GTK_WINDOW (self), itogi_store_get_path (self->store), on_restore_chosen,
                                     self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The keyboard shortcuts, made when they are asked for. At GtkApplication's place for them
 * (gtk/help-overlay.ui) they were built with every window, ~8 ms of each start-up for a window
 * most never open. Asked for again while shown, the same window comes forward. */
static void
show_help_overlay_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiWindow *self = ITOGI_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr (GtkBuilder) builder
          = gtk_builder_new_from_resource ("/ru/kaluga/Itogi/ui/itogi-shortcuts.ui");

      self->shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts), (gpointer *)&self->shortcuts);
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (self->shortcuts, TRUE);
    }
  gtk_window_present (self->shortcuts);
}

static void
open_file_action (GtkWidget *widget, const char *action, GVariant *param)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

void
_itogi_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next-area", NULL, next_area_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.update-undo", NULL, update_undo_action);
  gtk_widget_class_install_action (widget_class, "win.add-area", NULL, add_area_action);
  gtk_widget_class_install_action (widget_class, "win.edit-area", NULL, edit_area_action);
  gtk_widget_class_install_action (widget_class, "win.area-up", NULL, area_up_action);
  gtk_widget_class_install_action (widget_class, "win.area-down", NULL, area_down_action);
  gtk_widget_class_install_action (widget_class, "win.archive-area", NULL, archive_area_action);
  gtk_widget_class_install_action (widget_class, "win.restore-area", "x", restore_area_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.history", NULL);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  /* Window bindings, not application accelerators: a text being typed keeps its own Ctrl+Z. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo",
                                       NULL);
  /* As in the spreadsheets the staff know, and as in a figure cell. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.previous-area", NULL, previous_area_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-area",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-area",
                                       NULL);
}
