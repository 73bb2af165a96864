/* itogi-application.c: opens the database and the window; what to do when it cannot be opened
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "itogi-application.h"
#include "itogi-connect.h"
#include "itogi-restore-dialog.h"
#include "itogi-seed.h"
#include "itogi-store-file.h"
#include "itogi-store.h"
#include "itogi-window.h"

struct _ItogiApplication
{
  AdwApplication parent_instance;
  char *database;     /* --database, or NULL for the default */
  gboolean read_only; /* --read-only */
  int exit_status;
  ItogiStore *store;
  GCancellable *checking; /* the integrity check and daily backup of the store shown, while they run */
};

G_DEFINE_FINAL_TYPE (ItogiApplication, itogi_application, ADW_TYPE_APPLICATION)

static void show_open_error (ItogiApplication *self, const char *path, const GError *error);
static void connect_server (ItogiApplication *self, const char *uri, gboolean ask_address);

static char *
default_path (void)
{
  return itogi_store_default_path ();
}

static gboolean
is_default_path (const char *path)
{
  g_autofree char *def = default_path ();
  return g_strcmp0 (path, def) == 0;
}

/* The windows showing the current store (and the dialogs over them) go before the store does. */
static void
close_store (ItogiApplication *self)
{
  /* A check still running is of a file no longer shown: its finding is not shown either. */
  if (self->checking != NULL)
    {
      g_cancellable_cancel (self->checking);
      g_clear_object (&self->checking);
    }

  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (!ADW_IS_MESSAGE_DIALOG (l->data) || gtk_window_get_transient_for (l->data) != NULL)
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  g_clear_pointer (&self->store, itogi_store_free);
}

/* ---- the integrity check and the daily backup, beside the window ---- */

/* A file up to this size is checked before its window shows (its check takes a few tens of
 * milliseconds); a larger one shows at once and its check runs meanwhile: 40 MB take a second. */
#define CHECK_BEFORE_SHOWING (4 * 1024 * 1024)

typedef struct
{
  char *path;
  char *made;           /* the daily backup made, "" when today's was there already */
  GError *backup_error; /* why it could not be made */
} Check;

static void
check_free (Check *check)
{
  g_free (check->path);
  g_free (check->made);
  g_clear_error (&check->backup_error);
  g_free (check);
}

/* In a worker thread, with a connection of its own that cannot write: the whole file's integrity,
 * then, once a day, a verified copy beside it. */
static void
check_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Check *check = data;
  GError *error = NULL;
  ItogiStore *reader = itogi_store_open_read_only (check->path, &error);

  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Once a day of use; the last week's are kept. */
  if (!g_cancellable_is_cancelled (cancellable) && itogi_store_can (reader, ITOGI_STORE_ABILITY_FILE_COPIES))
    check->made = itogi_store_daily_backup (reader, 7, &check->backup_error);
  itogi_store_free (reader);
  g_task_return_boolean (task, TRUE);
}

static ItogiWindow *main_window (ItogiApplication *self);

static void
on_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ItogiApplication *self = ITOGI_APPLICATION (source);
  Check *check = g_task_get_task_data (G_TASK (result));
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  ItogiWindow *window;

  g_application_release (G_APPLICATION (self));
  if (cancellable != self->checking || g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->checking);
  window = main_window (self);
  /* Damaged or altered: the window goes, and the file is offered what it would have been
   * offered at opening (a backup, read-only, a new start). */
  if (!ok
      && (g_error_matches (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CORRUPT)
          || g_error_matches (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_ALTERED)))
    {
      close_store (self);
      show_open_error (self, check->path, error);
      return;
    }
  if (window == NULL)
    return;
  if (!ok)
    itogi_window_show_error (window, error);
  else if (check->made == NULL && check->backup_error != NULL)
    itogi_window_show_error (window, check->backup_error);
}

/* The check waits for the window's first frame: on two cores it would take the one the X
 * server draws with. At most 2 s, should no frame come. */
typedef struct
{
  GTask *task;
  GdkFrameClock *clock;
  gulong painted;
  guint timeout;
} CheckStart;

static void
check_start_now (CheckStart *start)
{
  /* The window may have gone first, its frame clock taking its handlers with it. */
  if (start->painted != 0 && g_signal_handler_is_connected (start->clock, start->painted))
    g_signal_handler_disconnect (start->clock, start->painted);
  g_clear_handle_id (&start->timeout, g_source_remove);
  g_clear_object (&start->clock);
  g_task_run_in_thread (start->task, check_in_thread);
  g_object_unref (start->task);
  g_free (start);
}

static void
on_first_paint (GdkFrameClock *clock, CheckStart *start)
{
  check_start_now (start);
}

static gboolean
on_check_timeout (gpointer data)
{
  CheckStart *start = data;

  start->timeout = 0;
  check_start_now (start);
  return G_SOURCE_REMOVE;
}

static void
start_check (ItogiApplication *self, const char *path, GtkWidget *window)
{
  CheckStart *start = g_new0 (CheckStart, 1);
  Check *check = g_new0 (Check, 1);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  check->path = g_strdup (path);
  self->checking = g_cancellable_new ();
  start->task = g_task_new (self, self->checking, on_checked, NULL);
  g_task_set_task_data (start->task, check, (GDestroyNotify)check_free);
  g_task_set_name (start->task, "itogi-check");
  /* Held: a window closed meanwhile does not end the process in the middle of a backup. */
  g_application_hold (G_APPLICATION (self));
  start->timeout = g_timeout_add (2000, on_check_timeout, start);
  if (clock != NULL)
    {
      start->clock = g_object_ref (clock);
      start->painted = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), start);
    }
}

gboolean
itogi_application_is_checking (ItogiApplication *self)
{
  g_return_val_if_fail (ITOGI_IS_APPLICATION (self), FALSE);
  return self->checking != NULL;
}

/* Show @store in a new window in place of whatever was open. */
static ItogiWindow *
show_store (ItogiApplication *self, ItogiStore *store)
{
  ItogiWindow *window;

  g_application_hold (G_APPLICATION (self));
  close_store (self);
  self->store = store;
  self->exit_status = 0;
  window = itogi_window_new (GTK_APPLICATION (self), store);
  gtk_window_present (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (self));

  /* A store opened read-only was checked whole, and gets no backup. */
  if (!itogi_store_is_read_only (store))
    start_check (self, itogi_store_get_path (store), GTK_WIDGET (window));
  return window;
}

ItogiWindow *
itogi_application_open (ItogiApplication *self, const char *path, gboolean read_only, GError **error)
{
  ItogiStore *store;

  GStatBuf st;

  if (read_only)
    store = itogi_store_open_read_only (path, error);
  else if (is_default_path (path) && !g_file_test (path, G_FILE_TEST_EXISTS))
    store = itogi_seed_open_default (error);
  else if (g_stat (path, &st) == 0 && st.st_size > CHECK_BEFORE_SHOWING)
    store = itogi_store_open_unverified (path, error);
  else
    store = itogi_store_open (path, error);
  if (store == NULL)
    return NULL;
  return show_store (self, store);
}

const char *
itogi_application_get_path (ItogiApplication *self)
{
  return self->store != NULL ? itogi_store_get_path (self->store) : NULL;
}

/* ---- when the database cannot be opened ---- */

typedef struct
{
  ItogiApplication *self;
  char *path;
  int code; /* the ItogiStoreError that stopped the opening */
  GPtrArray *backups;
} OpenError;

static void
open_error_free (OpenError *oe)
{
  g_free (oe->path);
  g_ptr_array_unref (oe->backups);
  g_free (oe);
}

/* What the file at the database's place is called once moved aside. */
static const char *
aside_label (int code)
{
  if (code == ITOGI_STORE_ERROR_CORRUPT)
    return "damaged";
  return code == ITOGI_STORE_ERROR_ALTERED ? "altered" : "set-aside";
}

static char *
format_backup_time (const char *backup)
{
  g_autoptr (GDateTime) when = itogi_store_backup_time (backup);

  if (when == NULL)
    return g_path_get_basename (backup);
  /* Translators: when a backup was made, «25.11.2026, 09:15» */
  return g_date_time_format (when, _ ("%d.%m.%Y, %H:%M"));
}

static void
notify_kept (ItogiWindow *window, const char *what, const char *kept)
{
  g_autofree char *text = NULL;

  if (kept != NULL)
    /* Translators: %s says what was done, e.g. «The backup of 24.11.2026, 09:15 was restored» */
    text = g_strdup_printf (_ ("%s; the previous file is kept beside it"), what);
  itogi_window_notify (window, text != NULL ? text : what, kept);
}

/* Restoring the newest sound backup when the database will not open: no window is open, so a
 * dialog says what is being done, with Cancel, while a worker thread does it. */
typedef struct
{
  OpenError *oe;
  GCancellable *cancellable;
  ItogiProgressCounter steps;
  char *restored; /* the backup put in place */
  char *kept;     /* where the file that was there went */
  GtkWidget *dialog;
  GtkWidget *bar;
  guint timer;
} Recovery;

static void
recovery_free (Recovery *r)
{
  open_error_free (r->oe);
  g_clear_object (&r->cancellable);
  g_free (r->restored);
  g_free (r->kept);
  g_clear_handle_id (&r->timer, g_source_remove);
  g_clear_object (&r->dialog);
  g_free (r);
}

/* A backup that does not pass its check is passed over for the next one; a folder that cannot be
 * written, or a cancel, stops. */
static void
recover_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Recovery *r = data;
  ItogiProgress progress = { cancellable, itogi_progress_count, &r->steps };
  g_autoptr (GError) last = NULL;

  for (guint i = 0; i < r->oe->backups->len; i++)
    {
      const char *backup = r->oe->backups->pdata[i];
      g_autoptr (GError) local = NULL;
      ItogiRestore *restore = itogi_store_restore_prepare (backup, r->oe->path, &progress, &local);

      if (restore != NULL)
        {
          if (!itogi_store_restore_finish (restore, aside_label (r->oe->code), &r->kept, &local))
            {
              g_task_return_error (task, g_steal_pointer (&local));
              return;
            }
          r->restored = g_strdup (backup);
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (!g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CORRUPT)
          && !g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_ALTERED)
          && !g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_DATABASE)
          && !g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FOREIGN)
          && !g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NEWER))
        {
          g_task_return_error (task, g_steal_pointer (&local));
          return;
        }
      g_clear_error (&last);
      last = g_steal_pointer (&local);
    }
  g_task_return_new_error (task, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CORRUPT,
                           _ ("No backup could be restored: %s"), last != NULL ? last->message : "");
}

static gboolean
show_recovery_step (gpointer data)
{
  Recovery *r = data;
  guint done, total;
  g_autofree char *text = NULL;

  if (!itogi_progress_counter_read (&r->steps, &done, &total))
    {
      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (r->bar));
      return G_SOURCE_CONTINUE;
    }
  text = itogi_restore_step_text (done, total);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (r->bar), (double)done / total);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (r->bar), text);
  return G_SOURCE_CONTINUE;
}

static void
on_recovery_response (AdwMessageDialog *dialog, const char *response, Recovery *r)
{
  /* Cancel, or the dialog closed: the worker stops, and the choices are offered again. */
  g_cancellable_cancel (r->cancellable);
}

static void
on_recovered (GObject *source, GAsyncResult *result, gpointer data)
{
  ItogiApplication *self = ITOGI_APPLICATION (source);
  Recovery *r = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  g_signal_handlers_disconnect_by_func (r->dialog, on_recovery_response, r);
  g_clear_handle_id (&r->timer, g_source_remove);
  /* Gone already when Cancel closed it. */
  gtk_window_destroy (GTK_WINDOW (r->dialog));
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      ItogiWindow *window = itogi_application_open (self, r->oe->path, FALSE, &error);
      g_autofree char *when = format_backup_time (r->restored);
      /* Translators: %s is when the backup was made */
      g_autofree char *what = g_strdup_printf (_ ("The backup of %s was restored"), when);

      if (window == NULL)
        show_open_error (self, r->oe->path, error);
      else
        notify_kept (window, what, r->kept);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Nothing was changed: the same question again. */
    show_open_error (self, r->oe->path, NULL);
  else
    show_open_error (self, r->oe->path, error);
  g_application_release (G_APPLICATION (self));
}

/* Takes @oe and the application's hold of the dialog that asked. */
static void
start_recovery (OpenError *oe)
{
  ItogiApplication *self = oe->self;
  Recovery *r = g_new0 (Recovery, 1);
  g_autoptr (GTask) task = NULL;

  r->oe = oe;
  r->cancellable = g_cancellable_new ();
  r->dialog = adw_message_dialog_new (NULL, _ ("Restoring the Latest Backup"),
                                      _ ("The newest sound backup is checked and copied into the database’s "
                                         "place; the file there now is kept beside it."));
  g_object_ref (r->dialog);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (r->dialog), "cancel", _ ("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (r->dialog), "cancel");
  r->bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (r->bar), TRUE);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (r->bar), _ ("Restoring the backup…"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (r->dialog), r->bar);
  gtk_window_set_application (GTK_WINDOW (r->dialog), GTK_APPLICATION (self));
  g_signal_connect (r->dialog, "response", G_CALLBACK (on_recovery_response), r);
  gtk_window_present (GTK_WINDOW (r->dialog));
  r->timer = g_timeout_add (100, show_recovery_step, r);

  task = g_task_new (self, r->cancellable, on_recovered, NULL);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, r, (GDestroyNotify)recovery_free);
  g_task_set_name (task, "itogi-recover");
  g_task_run_in_thread (task, recover_in_thread);
}

/* The file stays, under another name; a new database with the built-in data takes its place. */
static gboolean
start_anew (OpenError *oe, GError **error)
{
  g_autofree char *kept = NULL;
  ItogiStore *store;
  ItogiWindow *window;

  if (g_file_test (oe->path, G_FILE_TEST_EXISTS)
      && !itogi_store_move_aside (oe->path, aside_label (oe->code), &kept, error))
    return FALSE;
  store = itogi_seed_create (oe->path, error);
  if (store == NULL)
    return FALSE;
  window = show_store (oe->self, store);
  notify_kept (window, _ ("A new database with the built-in report data was made"), kept);
  return TRUE;
}

static void
on_other_chosen (GtkNativeDialog *chooser, int response, OpenError *oe)
{
  ItogiApplication *self = oe->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;

      if (path != NULL && itogi_application_open (self, path, FALSE, &error) == NULL)
        show_open_error (self, path, error);
    }
  else
    show_open_error (self, oe->path, NULL);
  open_error_free (oe);
  g_object_unref (chooser);
  g_application_release (G_APPLICATION (self));
}

static void
on_open_error_response (AdwMessageDialog *dialog, const char *response, OpenError *oe)
{
  ItogiApplication *self = oe->self;
  g_autoptr (GError) error = NULL;
  gboolean done = TRUE;

  /* Once answered, the dialog's own closing must not answer again with its close response. */
  g_signal_handlers_disconnect_by_func (dialog, on_open_error_response, oe);

  if (g_strcmp0 (response, "restore") == 0)
    {
      /* The dialog's hold passes to the restore, which asks again if it fails. */
      start_recovery (oe);
      return;
    }
  else if (g_strcmp0 (response, "anew") == 0 || g_strcmp0 (response, "create") == 0)
    done = start_anew (oe, &error);
  else if (g_strcmp0 (response, "read-only") == 0
           && (oe->code == ITOGI_STORE_ERROR_CORRUPT || oe->code == ITOGI_STORE_ERROR_ALTERED))
    {
      ItogiStore *store = itogi_store_open_damaged (oe->path, &error);
      if ((done = store != NULL))
        show_store (self, store);
    }
  else if (g_strcmp0 (response, "read-only") == 0)
    done = itogi_application_open (self, oe->path, TRUE, &error) != NULL;
  else if (g_strcmp0 (response, "retry") == 0 && itogi_store_location_is_server (oe->path))
    connect_server (self, oe->path, FALSE);
  else if (g_strcmp0 (response, "retry") == 0)
    done = itogi_application_open (self, oe->path, FALSE, &error) != NULL;
  else if (g_strcmp0 (response, "server") == 0)
    connect_server (self, itogi_store_location_is_server (oe->path) ? oe->path : NULL, TRUE);
  else if (g_strcmp0 (response, "other") == 0)
    {
      GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
          _ ("Open a Database"), NULL, GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
      g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _ ("Itogi databases"));
      gtk_file_filter_add_pattern (filter, "*.db");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      /* The dialog's hold passes to the chooser. */
      g_signal_connect (chooser, "response", G_CALLBACK (on_other_chosen), oe);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }
  else
    self->exit_status = 1; /* closed without a database */

  /* What was tried and failed is said, and the choices are offered again. */
  if (!done)
    show_open_error (self, oe->path, error);
  open_error_free (oe);
  g_application_release (G_APPLICATION (self));
}

/* Without a database there is nothing to show: say why in plain words, and offer what makes sense
 * for that reason. Nothing is moved or replaced without the user choosing it here. @error may be
 * NULL to ask again after a cancelled choice (the reason is then read anew). */
static void
show_open_error (ItogiApplication *self, const char *path, const GError *error)
{
  g_autoptr (GError) again = NULL;
  OpenError *oe = g_new0 (OpenError, 1);
  GtkWidget *dialog;
  const char *heading;
  GString *body = g_string_new (NULL);
  gboolean damaged, not_ours, default_db = is_default_path (path);
  gboolean server = itogi_store_location_is_server (path);
  g_autofree char *aside = NULL;

  if (error == NULL && server)
    {
      /* Asked again after a cancelled choice: the server is tried again, off the main thread. */
      connect_server (self, path, FALSE);
      g_free (oe);
      g_string_free (body, TRUE);
      return;
    }
  if (error == NULL)
    {
      ItogiStore *store = itogi_store_open (path, &again);
      if (store != NULL)
        {
          show_store (self, store);
          g_free (oe);
          g_string_free (body, TRUE);
          return;
        }
      error = again;
    }

  oe->self = self;
  oe->path = g_strdup (path);
  oe->code = error->domain == ITOGI_STORE_ERROR ? error->code : ITOGI_STORE_ERROR_FAILED;
  /* A server's copies and its repair are its administrator's: none of a file's ways out apply. */
  oe->backups = server ? g_ptr_array_new_with_free_func (g_free) : itogi_store_list_backups (path);
  /* A file altered outside Itogi is offered what a damaged one is: its backup, or a look. */
  damaged = !server && (oe->code == ITOGI_STORE_ERROR_CORRUPT || oe->code == ITOGI_STORE_ERROR_ALTERED);
  not_ours = !server && (oe->code == ITOGI_STORE_ERROR_NOT_DATABASE || oe->code == ITOGI_STORE_ERROR_FOREIGN);

  /* Said on the terminal too, for whoever started Itogi from one or a script. */
  g_printerr ("itogi: %s\n", error->message);
  self->exit_status = 1;

  switch (oe->code)
    {
    case ITOGI_STORE_ERROR_CORRUPT:
      heading = _ ("The Database Is Damaged");
      break;
    case ITOGI_STORE_ERROR_ALTERED:
      heading = _ ("The Database Was Altered Outside Itogi");
      break;
    case ITOGI_STORE_ERROR_NOT_DATABASE:
    case ITOGI_STORE_ERROR_FOREIGN:
      heading = _ ("Not an Itogi Database");
      break;
    case ITOGI_STORE_ERROR_NEWER:
      heading = _ ("Made by a Newer Itogi");
      break;
    case ITOGI_STORE_ERROR_READONLY:
      heading = _ ("The Database Cannot Be Written");
      break;
    case ITOGI_STORE_ERROR_BUSY:
      heading = _ ("The Database Is Busy");
      break;
    case ITOGI_STORE_ERROR_NOT_FOUND:
      heading = server ? _ ("Cannot Connect to the Server") : _ ("No Such Database");
      break;
    case ITOGI_STORE_ERROR_PASSWORD:
      heading = _ ("Cannot Connect to the Server");
      break;
    default:
      heading = _ ("Cannot Open the Database");
      break;
    }
  g_string_append (body, error->message);

  dialog = adw_message_dialog_new (NULL, heading, NULL);
  {
    /* The name the file would be kept under, as the store will make it (the time is filled in then). */
    g_autofree char *base = g_path_get_basename (path);
    if (g_str_has_suffix (base, ".db"))
      base[strlen (base) - 3] = '\0';
    aside = g_strdup_printf ("%s-%s-…", base, aside_label (oe->code));
  }
  if ((damaged || not_ours || oe->code == ITOGI_STORE_ERROR_NOT_FOUND) && oe->backups->len > 0)
    {
      g_autofree char *when = format_backup_time (oe->backups->pdata[0]);
      g_string_append (body, "\n\n");
      if (oe->code == ITOGI_STORE_ERROR_NOT_FOUND)
        /* Translators: %s is when the backup was made */
        g_string_append_printf (body, _ ("The latest backup of it was made on %s."), when);
      else
        /* Translators: the first %s is when the backup was made, the second a file name */
        g_string_append_printf (body,
                                _ ("The latest backup of it was made on %s. Restoring it keeps this file "
                                   "beside it, renamed to “%s”; nothing is deleted."),
                                when, aside);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "restore", _ ("_Restore Latest Backup"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  else if (damaged || (not_ours && default_db))
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              _ ("There is no backup of it. Starting anew keeps this file beside the new "
                                 "one, renamed to “%s”; nothing is deleted."),
                              aside);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "anew", _ ("_Keep It Aside, Start Anew"));
    }
  if (oe->code == ITOGI_STORE_ERROR_NOT_FOUND && !server)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "create", _ ("Create _New Database"));
  if (damaged)
    {
      g_string_append (body, "\n\n");
      g_string_append (body,
                       _ ("It can also be opened read-only, to look at and export what can still be read."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "read-only", _ ("Open _Read-Only"));
    }
  if (oe->code == ITOGI_STORE_ERROR_READONLY && !server)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _ ("It can still be opened to look at and export, without saving changes."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "read-only", _ ("Open _Read-Only"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "read-only",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  if (oe->code == ITOGI_STORE_ERROR_BUSY || server)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "retry", _ ("_Try Again"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "server", _ ("Connect to _Server…"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "other", _ ("Open _Another File…"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _ ("_Quit"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  g_string_free (body, TRUE);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_error_response), oe);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- restoring while a database is open ---- */

/* The window of the database shown, for messages about it. */
static ItogiWindow *
main_window (ItogiApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ITOGI_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

gboolean
itogi_application_put_restored (ItogiApplication *self, const char *backup, ItogiRestore *restore,
                                GError **error)
{
  g_autofree char *path = g_strdup (itogi_application_get_path (self));
  g_autofree char *kept = NULL;
  g_autoptr (GError) local = NULL;
  ItogiWindow *window;

  g_return_val_if_fail (path != NULL, FALSE);
  g_application_hold (G_APPLICATION (self));
  close_store (self);
  if (!itogi_store_restore_finish (restore, "replaced", &kept, &local))
    {
      /* Nothing was replaced: the same file opens again, and says what went wrong. */
      g_autoptr (GError) reopen = NULL;
      window = itogi_application_open (self, path, FALSE, &reopen);
      if (window == NULL)
        show_open_error (self, path, reopen);
      else
        itogi_window_show_error (window, local);
      g_application_release (G_APPLICATION (self));
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  window = itogi_application_open (self, path, FALSE, &local);
  g_application_release (G_APPLICATION (self));
  if (window == NULL)
    {
      show_open_error (self, path, local);
      return TRUE;
    }
  {
    g_autofree char *when = format_backup_time (backup);
    /* Translators: %s is when the backup was made */
    g_autofree char *what = g_strdup_printf (_ ("The backup of %s was restored"), when);
    notify_kept (window, what, kept);
  }
  return TRUE;
}

/* ---- the application ---- */

static void
itogi_application_activate (GApplication *app)
{
  ItogiApplication *self = ITOGI_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = self->database != NULL ? g_strdup (self->database) : default_path ();
  /* A server may ask for a password, and is reached off the main thread. */
  if (itogi_store_location_is_server (path))
    connect_server (self, path, FALSE);
  else if (itogi_application_open (self, path, self->read_only, &error) == NULL)
    show_open_error (self, path, error);
}

void
itogi_application_set_database (ItogiApplication *self, const char *path)
{
  g_free (self->database);
  self->database = g_strdup (path);
  /* Another database means another instance: do not hand it to a running window. */
  g_application_set_flags (G_APPLICATION (self),
                           g_application_get_flags (G_APPLICATION (self)) | G_APPLICATION_NON_UNIQUE);
}

static int
itogi_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  ItogiApplication *self = ITOGI_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("itogi %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "read-only", "b", NULL))
    self->read_only = TRUE;
  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    {
      if (*path == '\0')
        {
          g_printerr ("itogi: %s\n", _ ("--database needs a file path."));
          return 2;
        }
      itogi_application_set_database (self, path);
    }
  return -1;
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _ ("The Itogi authors"), NULL };
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about, "transient-for", gtk_application_get_active_window (app), "application-name",
                _ ("Itogi"), "application-icon", APP_ID, "version", PACKAGE_VERSION, "developer-name",
                _ ("The Itogi authors"), "developers", developers, "comments",
                _ ("The year’s results of the office’s activity areas: figures by year, "
                   "changes from the year before, charts and tables for the annual report."),
                "license-type", GTK_LICENSE_GPL_3_0, "translator-credits", _ ("translator-credits"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window lets it remember its size and page. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;
      windows = windows->next;
      gtk_window_close (window);
    }
  /* A window that stayed open (report text it could not save, a dialog asking about typing not
   * saved) keeps the application running: quitting now would drop what it holds. */
  if (gtk_application_get_windows (app) == NULL)
    g_application_quit (G_APPLICATION (app));
}

/* The server's database is shown in place of whatever was; a failure is said as a database that
 * cannot be opened is, with the way back to the server offered. */
static void
on_connected (ItogiStore *store, const char *uri, const GError *error, gpointer data)
{
  ItogiApplication *self = data;

  if (store != NULL)
    show_store (self, store);
  else if (error != NULL)
    show_open_error (self, uri, error);
  else if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
    self->exit_status = 1; /* cancelled with nothing open: nothing to show */
  g_application_release (G_APPLICATION (self));
}

static void
connect_server (ItogiApplication *self, const char *uri, gboolean ask_address)
{
  g_application_hold (G_APPLICATION (self));
  itogi_connect (gtk_application_get_active_window (GTK_APPLICATION (self)), uri, ask_address, on_connected,
                 self);
}

static void
connect_server_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ItogiApplication *self = ITOGI_APPLICATION (user_data);
  const char *open = itogi_application_get_path (self);

  connect_server (self, open != NULL && itogi_store_location_is_server (open) ? open : NULL, TRUE);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "connect-server", connect_server_action },
  { "quit", quit_action },
};

static void
itogi_application_startup (GApplication *app)
{
  static const char *const quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (itogi_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  /* The window's own keys are its class's bindings (itogi-window.c), set there once. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
itogi_application_finalize (GObject *object)
{
  ItogiApplication *self = ITOGI_APPLICATION (object);

  g_clear_object (&self->checking);
  g_clear_pointer (&self->store, itogi_store_free);
  g_clear_pointer (&self->database, g_free);
  G_OBJECT_CLASS (itogi_application_parent_class)->finalize (object);
}

/* The app's icon for a window the application shows by itself (a database that will not open, a
 * server to connect to), often with no main window before it. A main window sets its own, and the
 * default for the windows after it, once its first frame is shown (itogi-window.c, set_icon). */
static void
itogi_application_window_added (GtkApplication *app, GtkWindow *window)
{
  GTK_APPLICATION_CLASS (itogi_application_parent_class)->window_added (app, window);
  if (!ITOGI_IS_WINDOW (window) && gtk_window_get_icon_name (window) == NULL)
    gtk_window_set_icon_name (window, APP_ID);
}

static void
itogi_application_class_init (ItogiApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = itogi_application_finalize;
  app_class->activate = itogi_application_activate;
  app_class->startup = itogi_application_startup;
  app_class->handle_local_options = itogi_application_handle_local_options;
  GTK_APPLICATION_CLASS (klass)->window_added = itogi_application_window_added;
}

static void
itogi_application_init (ItogiApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_ ("Open this database file instead of the default one"), N_ ("PATH") },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Open the database without saving any change to it"),
      NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and exit"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

int
itogi_application_get_exit_status (ItogiApplication *self)
{
  return self->exit_status;
}

ItogiApplication *
itogi_application_new (void)
{
  return g_object_new (ITOGI_TYPE_APPLICATION, "application-id", APP_ID, "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/ru/kaluga/Itogi", NULL);
}
