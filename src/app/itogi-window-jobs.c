/* itogi-window-jobs.c: files written beside the main window (backup, restore, workbook)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-application.h"
#include "itogi-restore-dialog.h"
#include "itogi-window-private.h"
#include "itogi-window.h"
#include "itogi-tooltip.h"

/* ---- work beside the window ---- */

static gboolean
pulse_job (gpointer data)
{
  ItogiWindow *self = data;
  guint total, done;

  if (!itogi_progress_counter_read (&self->job_steps, &done, &total) || self->job_step_text == NULL)
    {
      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->job_progress));
      return G_SOURCE_CONTINUE;
    }
  /* The step it is on, as the worker tells it. */
  {
    g_autofree char *text = self->job_step_text (done, total);
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->job_progress), (double)done / total);
    gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->job_progress), text);
  }
  return G_SOURCE_CONTINUE;
}

static void
on_job_cancel (ItogiWindow *self)
{
  if (self->job_cancel != NULL)
    g_cancellable_cancel (self->job_cancel);
}

/* A bar under the header while a file is written in a worker thread: what is being done, moving,
 * and Cancel. The window stays live meanwhile. */
static void
show_job (ItogiWindow *self, const char *what)
{
  if (self->job_bar == NULL)
    {
      GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));

      self->job_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_name (self->job_bar, "job-bar");
      gtk_widget_set_margin_start (self->job_bar, 12);
      gtk_widget_set_margin_end (self->job_bar, 12);
      gtk_widget_set_margin_top (self->job_bar, 6);
      gtk_widget_set_margin_bottom (self->job_bar, 6);
      self->job_progress = gtk_progress_bar_new ();
      gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (self->job_progress), TRUE);
      gtk_widget_set_hexpand (self->job_progress, TRUE);
      gtk_widget_set_valign (self->job_progress, GTK_ALIGN_CENTER);
      itogi_tooltip_set (cancel, _ ("Stop writing the file; nothing is saved"));
      g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_job_cancel), self);
      gtk_box_append (GTK_BOX (self->job_bar), self->job_progress);
      gtk_box_append (GTK_BOX (self->job_bar), cancel);
      gtk_box_insert_child_after (GTK_BOX (self->content_pane), self->job_bar,
                                  GTK_WIDGET (self->content_header));
    }
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->job_progress), what);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->job_progress), 0);
  itogi_progress_counter_reset (&self->job_steps);
  gtk_widget_set_visible (self->job_bar, TRUE);
  self->job_pulse = g_timeout_add (100, pulse_job, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
}

static void
end_job (ItogiWindow *self)
{
  g_clear_handle_id (&self->job_pulse, g_source_remove);
  g_clear_object (&self->job_cancel);
  if (self->job_bar != NULL)
    gtk_widget_set_visible (self->job_bar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup",
                                 itogi_store_can (self->store, ITOGI_STORE_ABILITY_FILE_COPIES));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", TRUE);
}

gboolean
itogi_window_is_busy (ItogiWindow *self)
{
  g_return_val_if_fail (ITOGI_IS_WINDOW (self), FALSE);
  return self->job_cancel != NULL;
}

void
itogi_window_cancel_job (ItogiWindow *self)
{
  g_return_if_fail (ITOGI_IS_WINDOW (self));
  on_job_cancel (self);
}

/* A kind of job the window runs in a worker thread. */
typedef struct
{
  const char *what; /* the bar's text until the worker tells its first step */
  const char *name; /* the task's */
  GTaskThreadFunc func;
  GAsyncReadyCallback done; /* back here, once it ended */
  /* The bar's text at a step the worker told (through self->job_steps); NULL: the bar only moves. */
  char *(*step_text) (guint done, guint total);
} JobKind;

/* @kind's job runs on @job (freed with @free_job), the bar saying what it does, with Cancel. FALSE,
 * @job freed and nothing started, while another runs. */
static gboolean
start_job (ItogiWindow *self, const JobKind *kind, gpointer job, GDestroyNotify free_job, GError **error)
{
  g_autoptr (GTask) task = NULL;

  if (self->job_cancel != NULL)
    {
      free_job (job);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _ ("A file is being written: wait until it is done, or cancel it."));
      return FALSE;
    }
  self->job_cancel = g_cancellable_new ();
  self->job_step_text = kind->step_text;
  show_job (self, kind->what);
  /* The application stays until the file is whole or removed, even if the window closes. */
  if (g_application_get_default () != NULL)
    g_application_hold (g_application_get_default ());
  task = g_task_new (self, self->job_cancel, kind->done, NULL);
  /* A cancel is told in the job's own words («nothing was saved»), not GIO's generic one. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, free_job);
  g_task_set_name (task, kind->name);
  g_task_run_in_thread (task, kind->func);
  return TRUE;
}

/* A job's end, in its @done: its bar goes, and what went wrong is shown. TRUE when it succeeded
 * and the window is still there to say so. */
static gboolean
job_succeeded (ItogiWindow *self, GAsyncResult *result)
{
  g_autoptr (GError) error = NULL;

  if (g_application_get_default () != NULL)
    g_application_release (g_application_get_default ());
  if (self->disposed)
    return FALSE;
  end_job (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _itogi_window_show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* A worker's end: TRUE, or @error (taken). */
static void
return_outcome (GTask *task, gboolean ok, GError *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A backup's or a restore's: the database shown, and the file made from it or put in its place. */
typedef struct
{
  char *database;
  char *path;
  ItogiRestore *restore; /* a restore's checked copy, once the worker has made it */
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_free (job->database);
  g_free (job->path);
  itogi_store_restore_abandon (job->restore);
  g_free (job);
}

/* A connection of its own that reads only: the window goes on editing meanwhile, and the copy is
 * of the data as it was when the copy began. */
static void
back_up_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  FileJob *job = data;
  GError *error = NULL;
  g_autoptr (ItogiStore) reader = itogi_store_open_to_read (job->database, &error);
  gboolean ok = reader != NULL && itogi_store_backup_cancellable (reader, job->path, cancellable, &error);

  /* @error read only once the work is done. */
  return_outcome (task, ok, error);
}

static void
on_backed_up (GObject *source, GAsyncResult *result, gpointer data)
{
  ItogiWindow *self = ITOGI_WINDOW (source);
  FileJob *job = g_task_get_task_data (G_TASK (result));

  if (job_succeeded (self, result))
    {
      g_autofree char *name = g_path_get_basename (job->path);
      g_autofree char *display = g_filename_display_name (name);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_ ("Backup “%s” saved and checked"), display);
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }
}

gboolean
itogi_window_backup_to (ItogiWindow *self, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder = NULL;
  FileJob *job;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Choose a file on this computer."));
      return FALSE;
    }
  /* Said at once, not after the work: a folder that is not there. */
  folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (folder);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("The folder “%s” does not exist. Nothing was saved."), name);
      return FALSE;
    }
  job = g_new0 (FileJob, 1);
  job->database = g_strdup (itogi_store_get_path (self->store));
  job->path = g_steal_pointer (&path);
  {
    const JobKind kind = { _ ("Making the backup…"), "itogi-backup", back_up_in_thread, on_backed_up, NULL };
    return start_job (self, &kind, job, (GDestroyNotify)file_job_free, error);
  }
}

/* The slow half, while the window goes on: the backup checked, copied beside the database under a
 * temporary name, and the copy checked. The database itself is not touched. */
static void
restore_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ItogiWindow *self = source;
  FileJob *job = data;
  ItogiProgress progress = { cancellable, itogi_progress_count, &self->job_steps };
  GError *error = NULL;

  job->restore = itogi_store_restore_prepare (job->path, job->database, &progress, &error);
  return_outcome (task, job->restore != NULL, error);
}

static void
on_restore_prepared (GObject *source, GAsyncResult *result, gpointer data)
{
  ItogiWindow *self = ITOGI_WINDOW (source);
  FileJob *job = g_task_get_task_data (G_TASK (result));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (job_succeeded (self, result) && ITOGI_IS_APPLICATION (app))
    /* The quick half: the application closes this window, puts the copy in place, and opens it. */
    itogi_application_put_restored (ITOGI_APPLICATION (app), job->path, g_steal_pointer (&job->restore),
                                    NULL);
}

gboolean
itogi_window_restore_from (ItogiWindow *self, const char *backup, GError **error)
{
  FileJob *job;

  g_return_val_if_fail (ITOGI_IS_WINDOW (self), FALSE);
  job = g_new0 (FileJob, 1);
  job->path = g_strdup (backup);
  job->database = g_strdup (itogi_store_get_path (self->store));
  {
    const JobKind kind = { _ ("Restoring the backup…"), "itogi-restore", restore_in_thread,
                           on_restore_prepared, itogi_restore_step_text };
    return start_job (self, &kind, job, (GDestroyNotify)file_job_free, error);
  }
}

typedef struct
{
  ItogiWindow *window; /* kept alive by the task, whose source it is */
  char *database;
  char *path;
  ItogiExportOptions options;
  GStrv areas;
  const ItogiTableFormat *format;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->database);
  g_free (job->path);
  g_strfreev (job->areas);
  g_free (job);
}

/* A workbook's steps are its sheets, then packing the file. */
static char *
export_step_text (guint done, guint total)
{
  if (done < total - 1)
    /* Translators: «Экспорт: лист 3 из 58…» */
    return g_strdup_printf (_ ("Exporting: sheet %u of %u…"), done + 1, total - 1);
  return g_strdup (_ ("Exporting: packing the file…"));
}

/* A connection of its own, that reads only: the window goes on editing meanwhile. */
static void
export_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *job = data;
  ItogiProgress progress = { cancellable, itogi_progress_count, &job->window->job_steps };
  GError *error = NULL;
  g_autoptr (ItogiStore) reader = itogi_store_open_to_read (job->database, &error);
  gboolean ok;

  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->options.areas = (const char *const *)job->areas;
  ok = job->format->write (reader, &job->options, job->path, &progress, &error);
  return_outcome (task, ok, error);
}

static void
on_exported (GObject *source, GAsyncResult *result, gpointer data)
{
  ItogiWindow *self = ITOGI_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));

  if (job_succeeded (self, result))
    {
      g_autoptr (GFile) file = g_file_new_for_path (job->path);
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *escaped = g_markup_escape_text (display, -1);
      /* Translators: %s is a file name */
      g_autofree char *title = g_strdup_printf (_ ("Saved “%s”"), escaped);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _ ("_Open"));
      adw_toast_set_action_name (toast, "win.open-file");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

gboolean
itogi_window_export_to (ItogiWindow *self, const ItogiExportOptions *options, const ItogiTableFormat *format,
                        const char *path, GError **error)
{
  ExportJob *job;

  g_return_val_if_fail (ITOGI_IS_WINDOW (self), FALSE);
  job = g_new0 (ExportJob, 1);
  job->window = self;
  job->database = g_strdup (itogi_store_get_path (self->store));
  job->path = g_strdup (path);
  job->options = *options;
  job->areas = options->areas != NULL ? g_strdupv ((char **)options->areas) : NULL;
  job->options.areas = NULL;
  job->format = format;
  {
    const JobKind kind
        = { _ ("Exporting…"), "itogi-export", export_in_thread, on_exported, export_step_text };
    return start_job (self, &kind, job, (GDestroyNotify)export_job_free, error);
  }
}
