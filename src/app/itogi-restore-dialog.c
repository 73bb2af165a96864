/* itogi-restore-dialog.c: «Restore from Backup…»: the automatic backups to choose from, or a file
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-restore-dialog.h"
#include "itogi-store-file.h"
#include "itogi-store.h"

typedef struct
{
  GPtrArray *backups; /* paths, newest first */
  GPtrArray *checks;  /* the radio button of each */
  ItogiRestoreFunc func;
  gpointer data;
  char *chosen;
} RestoreDialog;

static void
restore_dialog_free (gpointer p)
{
  RestoreDialog *rd = p;
  g_ptr_array_unref (rd->backups);
  g_ptr_array_unref (rd->checks);
  g_free (rd->chosen);
  g_free (rd);
}

static gboolean
run_restore (gpointer user_data)
{
  RestoreDialog *rd = user_data;

  if (rd->chosen != NULL)
    rd->func (rd->chosen, rd->data);
  return G_SOURCE_REMOVE;
}

/* What made the backup, read from the end of its name. */
static const char *
backup_kind (const char *path)
{
  if (g_str_has_suffix (path, "-daily.db"))
    return _ ("Made automatically, once a day of use");
  if (g_strrstr (path, "-before-v") != NULL)
    return _ ("Made automatically before a data format upgrade");
  return _ ("Made by hand");
}

const char *
itogi_restore_dialog_get_selected (GtkWidget *dialog)
{
  RestoreDialog *rd = g_object_get_data (G_OBJECT (dialog), "itogi-restore");

  for (guint i = 0; i < rd->checks->len; i++)
    if (gtk_check_button_get_active (rd->checks->pdata[i]))
      return rd->backups->pdata[i];
  return rd->backups->len == 1 ? rd->backups->pdata[0] : NULL;
}

void
itogi_restore_dialog_select (GtkWidget *dialog, guint index)
{
  RestoreDialog *rd = g_object_get_data (G_OBJECT (dialog), "itogi-restore");

  g_return_if_fail (index < rd->backups->len);
  if (index < rd->checks->len)
    gtk_check_button_set_active (rd->checks->pdata[index], TRUE);
}

static void
on_file_chosen (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  RestoreDialog *rd = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        rd->func (path, rd->data);
    }
  restore_dialog_free (rd);
  g_object_unref (chooser);
}

static void
on_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  RestoreDialog *rd = g_object_steal_data (G_OBJECT (dialog), "itogi-restore");

  g_signal_handlers_disconnect_by_func (dialog, on_response, user_data);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "restore") == 0)
    {
      g_free (rd->chosen);
      rd->chosen = NULL;
      for (guint i = 0; i < rd->checks->len; i++)
        if (gtk_check_button_get_active (rd->checks->pdata[i]))
          rd->chosen = g_strdup (rd->backups->pdata[i]);
      if (rd->backups->len == 1)
        rd->chosen = g_strdup (rd->backups->pdata[0]);
      /* The restore replaces the window this dialog belongs to: it runs once the dialog is gone. */
      g_idle_add_full (G_PRIORITY_DEFAULT, run_restore, rd, restore_dialog_free);
    }
  else if (g_strcmp0 (response, "file") == 0)
    {
      GtkFileChooserNative *chooser
          = gtk_file_chooser_native_new (_ ("Restore from a Backup File"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Restore"), _ ("_Cancel"));
      g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _ ("Itogi databases"));
      gtk_file_filter_add_pattern (filter, "*.db");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), rd);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
  else
    restore_dialog_free (rd);
}

GtkWidget *
itogi_restore_dialog_new (GtkWindow *parent, const char *path, ItogiRestoreFunc func, gpointer data)
{
  RestoreDialog *rd = g_new0 (RestoreDialog, 1);
  GtkWidget *dialog, *list = NULL;
  GtkCheckButton *group = NULL;

  rd->backups = itogi_store_list_backups (path);
  rd->checks = g_ptr_array_new ();
  rd->func = func;
  rd->data = data;

  dialog = adw_message_dialog_new (
      parent, _ ("Restore from Backup?"),
      rd->backups->len > 0
          ? _ ("The chosen backup takes the place of the current data. The current file is kept beside it, "
               "renamed to “…-replaced-…”: nothing is deleted, and changes made after the backup stay in "
               "that file.")
          : _ ("There are no automatic backups of this database yet; one is made each day Itogi is used. "
               "A backup file saved by hand can be chosen."));

  if (rd->backups->len > 0)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Backups"),
                                      -1);
      for (guint i = 0; i < rd->backups->len; i++)
        {
          const char *backup = rd->backups->pdata[i];
          g_autoptr (GDateTime) when = itogi_store_backup_time (backup);
          /* Translators: when a backup was made, «25.11.2026, 09:15» */
          g_autofree char *title = when != NULL ? g_date_time_format (when, _ ("%d.%m.%Y, %H:%M"))
                                                : g_path_get_basename (backup);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), backup_kind (backup));
          /* One of several is chosen with radio buttons; a single backup is simply the one (a lone
           * check box would read as something to switch on or off). */
          if (rd->backups->len > 1)
            {
              GtkWidget *check = gtk_check_button_new ();

              gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
              if (group == NULL)
                group = GTK_CHECK_BUTTON (check);
              gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
              adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
              adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
              g_ptr_array_add (rd->checks, check);
            }
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      if (rd->checks->len > 0)
        gtk_check_button_set_active (rd->checks->pdata[0], TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      /* The message dialog gives its extra child only what it asks for at least. */
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                                  MIN ((int)rd->backups->len * 62, 320));
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "file", _ ("Choose a _File…"));
  if (rd->backups->len > 0)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "restore", _ ("_Restore"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "itogi-restore", rd, restore_dialog_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), NULL);
  return dialog;
}

char *
itogi_restore_step_text (guint done, guint total)
{
  switch (done)
    {
    case 0:
      return g_strdup (_ ("Restoring: checking the backup…"));
    case 1:
      return g_strdup (_ ("Restoring: copying the backup…"));
    default:
      return g_strdup (_ ("Restoring: checking the copy…"));
    }
}
