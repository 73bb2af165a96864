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

struct _ItogiRestoreDialog
{
  AdwMessageDialog parent_instance;

  GtkScrolledWindow *scroller; /* NULL when there are no backups to list */
  GtkListBox *list;

  GPtrArray *backups; /* paths, newest first */
  GPtrArray *checks;  /* the radio button of each, when there are several */
  ItogiRestoreFunc func;
  gpointer data;
  char *chosen;      /* the backup confirmed, kept until the dialog is gone */
  gboolean answered; /* the first response counts: the dialog's closing answers again */
};

enum
{
  SIGNAL_CHOSEN,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ItogiRestoreDialog, itogi_restore_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
choose (ItogiRestoreDialog *self, const char *backup)
{
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, backup);
  if (self->func != NULL)
    self->func (backup, self->data);
}

static gboolean
run_restore (gpointer data)
{
  ItogiRestoreDialog *self = data;

  if (self->chosen != NULL)
    choose (self, self->chosen);
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
  ItogiRestoreDialog *self = ITOGI_RESTORE_DIALOG (dialog);

  g_return_val_if_fail (ITOGI_IS_RESTORE_DIALOG (dialog), NULL);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      return self->backups->pdata[i];
  return self->backups->len == 1 ? self->backups->pdata[0] : NULL;
}

void
itogi_restore_dialog_select (GtkWidget *dialog, guint index)
{
  ItogiRestoreDialog *self = ITOGI_RESTORE_DIALOG (dialog);

  g_return_if_fail (ITOGI_IS_RESTORE_DIALOG (dialog));
  g_return_if_fail (index < self->backups->len);
  if (index < self->checks->len)
    gtk_check_button_set_active (self->checks->pdata[index], TRUE);
}

static void
on_file_chosen (GtkNativeDialog *chooser, int response, ItogiRestoreDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        choose (self, path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_response (ItogiRestoreDialog *self, const char *response)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->answered)
    return;
  self->answered = TRUE;
  if (g_strcmp0 (response, "restore") == 0)
    {
      g_free (self->chosen);
      self->chosen = g_strdup (itogi_restore_dialog_get_selected (GTK_WIDGET (self)));
      /* The restore replaces the window this dialog belongs to: it runs once the dialog is gone. */
      g_idle_add_full (G_PRIORITY_DEFAULT, run_restore, g_object_ref (self), g_object_unref);
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
      g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
}

/* One row per backup: when it was made, and what made it. */
static void
list_backups (ItogiRestoreDialog *self)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < self->backups->len; i++)
    {
      const char *backup = self->backups->pdata[i];
      g_autoptr (GDateTime) when = itogi_store_backup_time (backup);
      /* Translators: when a backup was made, «25.11.2026, 09:15» */
      g_autofree char *title
          = when != NULL ? g_date_time_format (when, _ ("%d.%m.%Y, %H:%M")) : g_path_get_basename (backup);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), backup_kind (backup));
      /* One of several is chosen with radio buttons; a single backup is simply the one (a lone
       * check box would read as something to switch on or off). */
      if (self->backups->len > 1)
        {
          GtkWidget *check = gtk_check_button_new ();

          gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
          if (group == NULL)
            group = GTK_CHECK_BUTTON (check);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_ptr_array_add (self->checks, check);
        }
      gtk_list_box_append (self->list, row);
    }
  if (self->checks->len > 0)
    gtk_check_button_set_active (self->checks->pdata[0], TRUE);
  /* The message dialog gives its extra child only what it asks for at least. */
  gtk_scrolled_window_set_min_content_height (self->scroller, MIN ((int)self->backups->len * 62, 320));
}

GtkWidget *
itogi_restore_dialog_new (GtkWindow *parent, const char *path, ItogiRestoreFunc func, gpointer data)
{
  ItogiRestoreDialog *self = g_object_new (ITOGI_TYPE_RESTORE_DIALOG, "transient-for", parent, NULL);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  self->backups = itogi_store_list_backups (path);
  self->func = func;
  self->data = data;
  if (self->backups->len > 0)
    {
      adw_message_dialog_set_body (
          dialog, _ ("The chosen backup takes the place of the current data. The current file is kept beside "
                     "it, renamed to “…-replaced-…”: nothing is deleted, and changes made after the backup "
                     "stay in that file."));
      list_backups (self);
      adw_message_dialog_add_response (dialog, "restore", _ ("_Restore"));
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      adw_message_dialog_set_body (
          dialog,
          _ ("There are no automatic backups of this database yet; one is made each day Itogi is used. "
             "A backup file saved by hand can be chosen."));
      /* Nothing to list: no empty box under the words. */
      adw_message_dialog_set_extra_child (dialog, NULL);
      self->scroller = NULL;
      self->list = NULL;
    }
  return GTK_WIDGET (self);
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

static void
itogi_restore_dialog_finalize (GObject *object)
{
  ItogiRestoreDialog *self = ITOGI_RESTORE_DIALOG (object);

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_free);
  G_OBJECT_CLASS (itogi_restore_dialog_parent_class)->finalize (object);
}

static void
itogi_restore_dialog_class_init (ItogiRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = itogi_restore_dialog_finalize;
  /* The backup to restore (its path), emitted once the dialog is gone. */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiRestoreDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, ItogiRestoreDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
itogi_restore_dialog_init (ItogiRestoreDialog *self)
{
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
