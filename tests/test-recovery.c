/* test-recovery.c: what the app offers when its database cannot be opened, and restoring backups
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These run the real application object (not just a window), because opening, replacing and
 * closing the database is the application's job. When run as root (as CI is), the file-system
 * identity is dropped to "nobody" first, so that read-only files and folders are read-only here
 * too: root would otherwise write through any permission bits.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/fsuid.h>
#include <fcntl.h>
#include <unistd.h>

#include "itogi-application.h"
#include "itogi-figure-cell.h"
#include "itogi-i18n.h"
#include "itogi-restore-dialog.h"
#include "itogi-seed.h"
#include "itogi-session.h"
#include "itogi-store-file.h"
#include "itogi-store.h"
#include "itogi-window.h"
#include "test-util.h"
#include "window-util.h"

static char *data_home; /* XDG_DATA_HOME for the whole run: the default database lives under it */

typedef struct
{
  char *dir;
  char *path;
  ItogiApplication *app;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("itogi-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "itogi.db", NULL);
  f->app = itogi_application_new ();
}

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 5;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Until the integrity check and daily backup that run beside a new window are done. */
static void
wait_checked (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (itogi_application_is_checking (f->app) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (itogi_application_is_checking (f->app));
}

/* Every window gone, and the check or backup still running beside them done: nothing writes in
 * the test's folder any more. */
static void
close_windows (Fixture *f)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (f->app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  settle ();
  wait_checked (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  close_windows (f);
  g_object_unref (f->app);
  itogi_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Start the application as `itogi --database PATH` would (NULL: the default database). */
static void
start_app (Fixture *f, const char *database)
{
  g_autoptr (GError) error = NULL;

  if (database != NULL)
    itogi_application_set_database (f->app, database);
  g_application_set_flags (G_APPLICATION (f->app),
                           g_application_get_flags (G_APPLICATION (f->app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));
  settle ();
  wait_checked (f);
}

static AdwMessageDialog *
find_dialog (Fixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* As a click on the dialog's button does: the response, then the dialog closes (closing emits
 * the close response too, which the handlers must ignore once answered). */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  settle ();
}

static ItogiWindow *
find_window (Fixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (ITOGI_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Until the application shows a database's window (a backup being restored meanwhile), or a
 * dialog asks again; the window, or NULL. */
static ItogiWindow *
wait_window (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  AdwMessageDialog *dialog;

  while (find_window (f) == NULL && g_get_monotonic_time () < end)
    {
      dialog = find_dialog (f);
      if (dialog != NULL && adw_message_dialog_has_response (dialog, "restore"))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  settle ();
  wait_checked (f);
  return find_window (f);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

/* The one file in @dir whose name has @infix, or NULL. */
static char *
find_file (const char *dir, const char *infix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (strstr (name, infix) != NULL && g_str_has_suffix (name, ".db"))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }
  return found;
}

static gint64
first_area_id (ItogiStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, >, 0);
  return ((ItogiArea *)areas->pdata[0])->id;
}

/* A database whose first area's 2030 note says @note: the mark that tells copies apart. */
/* Whether an unfinished output (its temporary file) is left in @dir. */
static gboolean
holds_part_file (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, ".itogi-part-"))
      return TRUE;
  return FALSE;
}

static void
write_note (const char *path, const char *note, gboolean create)
{
  g_autoptr (GError) error = NULL;
  ItogiStore *store = create ? itogi_seed_create (path, &error) : itogi_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (itogi_store_set_area_note (store, first_area_id (store), 2030, note, &error));
  g_assert_no_error (error);
  itogi_store_free (store);
}

static char *
read_note (const char *path)
{
  g_autoptr (GError) error = NULL;
  ItogiStore *store = itogi_store_open_read_only (path, &error);
  char *note;

  g_assert_no_error (error);
  note = itogi_store_get_area_note (store, first_area_id (store), 2030, &error);
  g_assert_no_error (error);
  itogi_store_free (store);
  return note;
}

static void
damage_at (const char *path, long offset)
{
  FILE *fp = fopen (path, "r+b");
  char junk[3000];

  g_assert_nonnull (fp);
  memset (junk, 0xff, sizeof junk);
  g_assert_cmpint (fseek (fp, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, fp), ==, sizeof junk);
  fclose (fp);
}

/* Past the header, into the table pages: SQLite still recognises the file, the check fails. */
static void
damage (const char *path)
{
  damage_at (path, 4096 * 3 + 100);
}

static char *
backup_path (const char *db, const char *stamp_and_label)
{
  g_autofree char *dir = itogi_store_backup_dir_for (db);
  g_autofree char *name = g_strdup_printf ("itogi-%s.db", stamp_and_label);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* A backup as the app makes one, dated as the test wants: the public backup never writes into
 * the backup folder (only the store's own dated backups go there), so it is made beside the
 * database and moved in. */
static gboolean
backup_into_folder (ItogiStore *store, const char *dest, GError **error)
{
  g_autofree char *db_dir = g_path_get_dirname (itogi_store_get_path (store));
  g_autofree char *outside = g_build_filename (db_dir, "backup-in-the-making.db", NULL);

  if (!itogi_store_backup (store, outside, error))
    return FALSE;
  g_assert_cmpint (g_rename (outside, dest), ==, 0);
  return TRUE;
}

/* A damaged database with backups: the newest backup is itself damaged and is passed over; the
 * next one takes the file's place, and the damaged file is kept byte for byte. */
static void
test_damaged_restores_latest (Fixture *f, gconstpointer data)
{
  g_autofree char *good = backup_path (f->path, "20261120-090000-daily");
  g_autofree char *bad = backup_path (f->path, "20261124-090000-daily");
  g_autofree char *damaged_sum = NULL, *asked_sum = NULL, *kept = NULL, *kept_sum = NULL, *note = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  ItogiWindow *window;

  write_note (f->path, "as in the backup", TRUE);
  {
    ItogiStore *store = itogi_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_true (backup_into_folder (store, good, &error));
    g_assert_true (backup_into_folder (store, bad, &error));
    g_assert_no_error (error);
    itogi_store_free (store);
  }
  write_note (f->path, "after the backup", FALSE);
  damage (f->path);
  damage (bad);
  damaged_sum = file_checksum (f->path);

  start_app (f, f->path);
  g_assert_null (find_window (f));
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, itogi_test_tr ("The Database Is Damaged"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "24.11.2026, 09:00"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "itogi-damaged-"));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "other"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  /* Opening it read-only, to save what can be read, is offered as well. */
  g_assert_true (adw_message_dialog_has_response (dialog, "read-only"));
  g_assert_cmpint (itogi_application_get_exit_status (f->app), ==, 1);
  /* Asking moved nothing. */
  asked_sum = file_checksum (f->path);
  g_assert_cmpstr (asked_sum, ==, damaged_sum);

  respond (dialog, "restore");
  window = wait_window (f);
  g_assert_nonnull (window);
  g_assert_null (find_dialog (f));
  g_assert_cmpint (itogi_application_get_exit_status (f->app), ==, 0);
  g_assert_cmpstr (itogi_application_get_path (f->app), ==, f->path);

  note = read_note (f->path);
  g_assert_cmpstr (note, ==, "as in the backup");
  kept = find_file (f->dir, "itogi-damaged-");
  g_assert_nonnull (kept);
  kept_sum = file_checksum (kept);
  g_assert_cmpstr (kept_sum, ==, damaged_sum);
  /* The backups themselves are untouched, the bad one included. */
  g_assert_true (g_file_test (good, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (bad, G_FILE_TEST_EXISTS));
}

/* An Itogi database grown past what is checked before the window shows (4 MiB): 60 years of
 * monthly figures with notes, written outside any edit step, as an old office file holds them. */
static void
grow (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *note = g_strnfill (400, 'x');

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db,
                          "INSERT INTO indicator_values (indicator_id, year, period, period_index,"
                          " amount, note, changed_by, changed_at)"
                          " SELECT id, ?1, 'month', ?2, 100, ?3, 'test', '2024-01-01T00:00:00Z'"
                          " FROM indicators",
                          -1, &stmt, NULL),
      ==, SQLITE_OK);
  for (int year = 1950; year < 2010; year++)
    for (int month = 1; month <= 12; month++)
      {
        sqlite3_bind_int (stmt, 1, year);
        sqlite3_bind_int (stmt, 2, month);
        sqlite3_bind_text (stmt, 3, note, -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
        sqlite3_reset (stmt);
      }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Restoring the latest backup of a large damaged database runs beside a dialog that says so, with
 * Cancel: cancelled, the damaged file is as it was, nothing lies beside it, and the same choices
 * are offered again; not cancelled, the backup takes its place. */
static void
test_damaged_restore_cancelled (Fixture *f, gconstpointer data)
{
  g_autofree char *good = backup_path (f->path, "20261120-090000-daily");
  g_autofree char *damaged_sum = NULL, *after_sum = NULL, *note = NULL, *kept = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog, *progress;

  write_note (f->path, "as in the backup", TRUE);
  grow (f->path);
  {
    ItogiStore *store = itogi_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_true (backup_into_folder (store, good, &error));
    g_assert_no_error (error);
    itogi_store_free (store);
  }
  write_note (f->path, "after the backup", FALSE);
  damage (f->path);
  damaged_sum = file_checksum (f->path);

  start_app (f, f->path);
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  /* Answered, and at once cancelled: the restore has not had time to finish. */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "restore");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  progress = find_dialog (f);
  g_assert_nonnull (progress);
  g_assert_cmpstr (adw_message_dialog_get_heading (progress), ==,
                   itogi_test_tr ("Restoring the Latest Backup"));
  g_assert_true (adw_message_dialog_has_response (progress, "cancel"));
  adw_message_dialog_response (progress, "cancel");
  g_assert_null (wait_window (f));
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  after_sum = file_checksum (f->path);
  g_assert_cmpstr (after_sum, ==, damaged_sum);
  g_assert_null (find_file (f->dir, "itogi-damaged-"));
  g_assert_false (holds_part_file (f->dir));

  respond (dialog, "restore");
  g_assert_nonnull (wait_window (f));
  note = read_note (f->path);
  g_assert_cmpstr (note, ==, "as in the backup");
  kept = find_file (f->dir, "itogi-damaged-");
  g_assert_nonnull (kept);
  g_assert_false (holds_part_file (f->dir));
}

static void
count_windows (GtkApplication *app, GtkWindow *window, guint *shown)
{
  if (ITOGI_IS_WINDOW (window))
    (*shown)++;
}

/* A large database is shown at once and checked meanwhile; found damaged, its window goes and it
 * is offered what it would have been offered at opening, with the file as it was and no backup
 * made of it. */
static void
test_large_damaged_found_after_showing (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;
  AdwMessageDialog *dialog;
  GStatBuf st;
  guint shown = 0;

  write_note (f->path, "a large file", TRUE);
  grow (f->path);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 4 * 1024 * 1024);
  /* Deep in the figures of the 1980s: the Overview of 2030 never reads that page. */
  damage_at (f->path, (st.st_size / 4096 / 2) * 4096 + 100);
  before = file_checksum (f->path);
  g_signal_connect (f->app, "window-added", G_CALLBACK (count_windows), &shown);

  start_app (f, f->path);
  g_assert_cmpuint (shown, ==, 1);
  g_assert_null (find_window (f));
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, itogi_test_tr ("The Database Is Damaged"));
  g_assert_true (adw_message_dialog_has_response (dialog, "read-only"));
  g_assert_null (find_file (f->dir, "-daily"));
  after = file_checksum (f->path);
  g_assert_cmpstr (after, ==, before);
  respond (dialog, "quit");
}

/* A damaged database with no backup, not the default one: it can be opened read-only to save what
 * can still be read (the file stays exactly as it was), or kept aside for a fresh start. */
static void
test_damaged_read_only (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;
  AdwMessageDialog *dialog;
  ItogiWindow *window;

  write_note (f->path, "damaged later", TRUE);
  damage (f->path);
  before = file_checksum (f->path);

  start_app (f, f->path);
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, itogi_test_tr ("The Database Is Damaged"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "read-only"));
  g_assert_true (adw_message_dialog_has_response (dialog, "anew"));
  respond (dialog, "read-only");
  window = find_window (f);
  g_assert_nonnull (window);
  g_assert_true (itogi_window_is_read_only (window));
  /* No daily backup is made of it, and nothing is written to it. */
  g_assert_null (find_file (f->dir, "-daily"));
  close_windows (f);
  after = file_checksum (f->path);
  g_assert_cmpstr (after, ==, before);
  {
    g_autofree char *backups = itogi_store_backup_dir_for (f->path);
    g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  }
}

/* A database with a trigger of someone else's (one that would delete every indicator on the next
 * figure saved): refused before anything runs, said in plain words naming the trigger, and
 * offered a read-only look or a fresh start; the look leaves the file as it was. */
static void
test_altered_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL, *said = NULL;
  AdwMessageDialog *dialog;
  ItogiWindow *window;
  sqlite3 *db = NULL;

  write_note (f->path, "before the trigger", TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER wipe AFTER INSERT ON indicator_values "
                                 "BEGIN DELETE FROM indicators; END",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (f->path);

  start_app (f, f->path);
  g_assert_null (find_window (f));
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   itogi_test_tr ("The Database Was Altered Outside Itogi"));
  said = itogi_test_trf ("a trigger “%s” was added", "wipe", NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), said));
  g_assert_true (adw_message_dialog_has_response (dialog, "read-only"));
  g_assert_true (adw_message_dialog_has_response (dialog, "anew"));
  respond (dialog, "read-only");
  window = find_window (f);
  g_assert_nonnull (window);
  g_assert_true (itogi_window_is_read_only (window));
  close_windows (f);
  after = file_checksum (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (find_file (f->dir, "-daily"));
}

/* The default database overwritten by something that is not a database, with no backup: the
 * user may keep it aside and start anew with the report's data. */
static void
test_not_ours_start_anew (Fixture *f, gconstpointer data)
{
  g_autofree char *path = itogi_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *kept = NULL, *text = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (g_str_has_prefix (path, data_home));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "Квартальный отчёт, черновик", -1, NULL));

  start_app (f, NULL);
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, itogi_test_tr ("Not an Itogi Database"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "anew"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "itogi-set-aside-"));

  respond (dialog, "anew");
  g_assert_nonnull (find_window (f));
  kept = find_file (dir, "itogi-set-aside-");
  g_assert_nonnull (kept);
  g_assert_true (g_file_get_contents (kept, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "Квартальный отчёт, черновик");
  {
    g_autoptr (GError) error = NULL;
    ItogiStore *store = itogi_store_open_read_only (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (itogi_store_get_schema_version (store), ==, ITOGI_STORE_SCHEMA_VERSION);
    itogi_store_free (store);
  }
  itogi_store_move_aside (path, "test-done", NULL, NULL);
  g_unlink (kept);
}

/* A database from a newer Itogi: neither restored over nor moved; quitting leaves it as found. */
static void
test_newer_left_alone (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;
  AdwMessageDialog *dialog;
  sqlite3 *db = NULL;

  write_note (f->path, "mine", TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (f->path);
  {
    /* Even with a backup there: restoring older data over newer is not offered. */
    g_autofree char *backup = backup_path (f->path, "20261120-090000-daily");
    g_assert_true (g_file_set_contents (backup, "x", -1, NULL));
  }

  start_app (f, f->path);
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, itogi_test_tr ("Made by a Newer Itogi"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            itogi_test_russian () ? "более новой версией" : "newer version"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_false (adw_message_dialog_has_response (dialog, "anew"));
  g_assert_true (adw_message_dialog_has_response (dialog, "other"));
  respond (dialog, "quit");
  g_assert_null (find_window (f));
  g_assert_cmpint (itogi_application_get_exit_status (f->app), ==, 1);
  after = file_checksum (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* A path that does not exist: it can be made there, with the report's data. */
static void
test_missing_created (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "Отчёт за 2023 год.db", NULL);
  AdwMessageDialog *dialog;

  start_app (f, path);
  dialog = find_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, itogi_test_tr ("No Such Database"));
  g_assert_true (adw_message_dialog_has_response (dialog, "create"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  respond (dialog, "create");
  g_assert_nonnull (find_window (f));
  g_assert_cmpstr (itogi_application_get_path (f->app), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* access() asks with the real user, not the file-system one: try the open itself. */
static gboolean
can_write (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A database in a read-only folder, as a file that cannot be written: the dialog offers to open
 * it read-only; the window says so, keeps editing off, and the file is left exactly as it was. */
static void
test_read_only_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->dir, "архив", NULL);
  g_autofree char *path = g_build_filename (folder, "itogi.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  ItogiWindow *window;
  ItogiStore *store;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  write_note (path, "archived", TRUE);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  g_assert_false (can_write (path));
  before = file_checksum (path);

  start_app (f, path);
  window = find_window (f);
  if (window == NULL)
    {
      /* SQLite could not open it for writing at all: the dialog offers read-only. */
      dialog = find_dialog (f);
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                       itogi_test_tr ("The Database Cannot Be Written"));
      g_assert_true (adw_message_dialog_has_response (dialog, "read-only"));
      respond (dialog, "read-only");
      settle ();
      window = find_window (f);
    }
  g_assert_nonnull (window);
  g_assert_true (itogi_window_is_read_only (window));
  g_assert_nonnull (find_named (GTK_WIDGET (window), "read-only-bar"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), itogi_test_tr ("read-only")));

  /* An edit through the same store is refused with a plain message, and nothing changes. */
  store = itogi_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_false (itogi_store_set_area_note (store, first_area_id (store), 2030, "changed", &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
  itogi_store_free (store);
  /* No daily backup could be made in a read-only folder, and none was tried. */
  g_assert_false (g_file_test (folder, G_FILE_TEST_IS_DIR) && find_file (folder, "daily") != NULL);

  close_windows (f);
  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);
}

/* A dialog over @window (dialogs over a window need not belong to the application). */
static GtkWidget *
find_transient_dialog (ItogiWindow *window)
{
  g_autoptr (GListModel) toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
          && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        found = GTK_WIDGET (w);
    }
  return found;
}

/* Whether a window of the application is writing a file (a restore's copy, here). */
static gboolean
any_busy (Fixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (ITOGI_IS_WINDOW (l->data) && itogi_window_is_busy (l->data))
      return TRUE;
  return FALSE;
}

/* Until a restore started in a window has ended: refused or cancelled (the window stays), or put
 * in place (the window replaced by a new one, whose check is then waited for). */
static void
wait_restored (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (any_busy (f) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (any_busy (f));
  settle ();
  wait_checked (f);
}

/* With one backup only (the day's, made as the window opened), the dialog offers that one: no
 * lone check box to tick, which would read as a setting to switch on or off. */
static void
test_restore_single_backup (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) checks = g_ptr_array_new ();
  g_autoptr (GPtrArray) backups = NULL;
  ItogiWindow *window;
  GtkWidget *dialog;

  write_note (f->path, "monday", TRUE);
  start_app (f, f->path);
  window = find_window (f);
  g_assert_nonnull (window);
  backups = itogi_store_list_backups (f->path);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  settle ();
  dialog = find_transient_dialog (window);
  g_assert_nonnull (dialog);
  itogi_test_collect_type (dialog, GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 0);
  g_assert_cmpstr (itogi_restore_dialog_get_selected (dialog), ==, backups->pdata[0]);
  respond (ADW_MESSAGE_DIALOG (dialog), "cancel");
  settle ();
}

/* Restore from Backup… in a running window: the chosen backup replaces the data, the current file
 * is kept aside; a damaged backup is refused before anything closes. */
static void
test_restore_from_menu (Fixture *f, gconstpointer data)
{
  g_autofree char *older = backup_path (f->path, "20261120-090000-daily");
  g_autofree char *broken = backup_path (f->path, "20261124-090000-daily");
  g_autofree char *note = NULL, *kept = NULL, *kept_note = NULL;
  g_autoptr (GError) error = NULL;
  ItogiWindow *window, *after;
  GtkWidget *dialog = NULL;

  write_note (f->path, "monday", TRUE);
  {
    ItogiStore *store = itogi_store_open (f->path, &error);
    g_assert_true (backup_into_folder (store, older, &error));
    g_assert_no_error (error);
    itogi_store_free (store);
  }
  g_assert_true (g_file_set_contents (broken, "SQLite format 3\0 but not really", 32, NULL));
  write_note (f->path, "wednesday", FALSE);

  start_app (f, f->path);
  window = find_window (f);
  g_assert_nonnull (window);
  g_assert_false (itogi_window_is_read_only (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  settle ();
  dialog = find_transient_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  /* The newest is chosen first: the daily backup made as the window opened, of today's data. */
  {
    const char *newest = itogi_restore_dialog_get_selected (dialog);
    g_autofree char *newest_note = NULL;
    g_assert_true (g_str_has_suffix (newest, "-daily.db"));
    g_assert_cmpstr (newest, !=, broken);
    newest_note = read_note (newest);
    g_assert_cmpstr (newest_note, ==, "wednesday");
  }
  itogi_restore_dialog_select (dialog, 1);
  g_assert_cmpstr (itogi_restore_dialog_get_selected (dialog), ==, broken);
  respond (ADW_MESSAGE_DIALOG (dialog), "restore");
  wait_restored (f);
  /* Refused before anything closed: the same window, the same data, nothing moved aside. */
  g_assert_true (find_window (f) == window);
  note = read_note (f->path);
  g_assert_cmpstr (note, ==, "wednesday");
  g_assert_null (find_file (f->dir, "-replaced-"));

  dialog = NULL;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  settle ();
  dialog = find_transient_dialog (window);
  g_assert_nonnull (dialog);
  itogi_restore_dialog_select (dialog, 2);
  g_assert_cmpstr (itogi_restore_dialog_get_selected (dialog), ==, older);
  respond (ADW_MESSAGE_DIALOG (dialog), "restore");
  wait_restored (f);

  after = find_window (f);
  g_assert_nonnull (after);
  g_clear_pointer (&note, g_free);
  note = read_note (f->path);
  g_assert_cmpstr (note, ==, "monday");
  kept = find_file (f->dir, "itogi-replaced-");
  g_assert_nonnull (kept);
  kept_note = read_note (kept);
  g_assert_cmpstr (kept_note, ==, "wednesday");
  g_assert_cmpstr (itogi_application_get_path (f->app), ==, f->path);
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *)data)++;
  return G_SOURCE_CONTINUE;
}

/* The slow half of a restore (checking and copying a large backup) runs beside the window: the
 * window goes on, says what step it is on, and the restore can be cancelled, which leaves the
 * database, its folder and the window as they were. Not cancelled, it is put in place. */
static void
test_restore_in_background (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = backup_path (f->path, "20261120-090000-manual");
  g_autofree char *note = NULL, *kept = NULL, *kept_note = NULL;
  g_autoptr (GError) error = NULL;
  ItogiWindow *window;
  GtkWidget *bar;
  guint ticks = 0, id;

  write_note (f->path, "in the backup", TRUE);
  grow (f->path);
  {
    ItogiStore *store = itogi_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_true (backup_into_folder (store, backup, &error));
    g_assert_no_error (error);
    itogi_store_free (store);
  }
  write_note (f->path, "in the database", FALSE);

  start_app (f, f->path);
  window = find_window (f);
  g_assert_nonnull (window);

  /* Started, and back at once: the bar says so, and a second file job is refused meanwhile. */
  id = g_timeout_add (5, count_tick, &ticks);
  g_assert_true (itogi_window_restore_from (window, backup, &error));
  g_assert_no_error (error);
  g_assert_true (itogi_window_is_busy (window));
  bar = find_named (GTK_WIDGET (window), "job-bar");
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_false (itogi_window_restore_from (window, backup, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  /* Cancelled before the copy is whole: the same window, the same data, nothing beside it. */
  itogi_window_cancel_job (window);
  wait_restored (f);
  g_assert_true (find_window (f) == window);
  g_assert_false (gtk_widget_get_visible (bar));
  note = read_note (f->path);
  g_assert_cmpstr (note, ==, "in the database");
  g_clear_pointer (&note, g_free);
  g_assert_null (find_file (f->dir, "-replaced-"));
  g_assert_false (holds_part_file (f->dir));

  /* Not cancelled: the main loop runs meanwhile, then the backup takes the database's place. */
  ticks = 0;
  g_assert_true (itogi_window_restore_from (window, backup, &error));
  g_assert_no_error (error);
  wait_restored (f);
  g_source_remove (id);
  g_assert_cmpuint (ticks, >, 0);
  g_assert_nonnull (find_window (f));
  g_assert_false (find_window (f) == window);
  note = read_note (f->path);
  g_assert_cmpstr (note, ==, "in the backup");
  kept = find_file (f->dir, "itogi-replaced-");
  g_assert_nonnull (kept);
  kept_note = read_note (kept);
  g_assert_cmpstr (kept_note, ==, "in the database");
  g_assert_false (holds_part_file (f->dir));
}

/* ---- a shared server ---- */

/* Until a dialog headed @heading is shown (the connection is made off the main thread). */
static AdwMessageDialog *
wait_dialog (Fixture *f, const char *heading)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      AdwMessageDialog *dialog = find_dialog (f);
      if (dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (dialog), heading) == 0)
        return dialog;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_not_reached ();
}

static ItogiWindow *
wait_server_window (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (find_window (f) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  wait_checked (f);
  return find_window (f);
}

/* Whether a shown label under @root says exactly @text. */
static gboolean
shows_text (GtkWidget *root, const char *text)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  itogi_test_collect_type (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (labels->pdata[i])
        && g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

/* `itogi --database URI` of a role that logs in with a password: the password is asked (no
 * keyring in this session), a wrong one is said to be wrong and asked again, the right one opens
 * the window, whose header names the server's database; a file's copies are not offered. */
static void
test_server_password (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *admin = itogi_test_database (f->dir);
  const char *name = strstr (admin, "@/") + 2;
  g_autofree char *db = g_strndup (name, strcspn (name, "?"));
  g_autofree char *clerk
      = g_strdup_printf ("postgresql://clerk@/%s?host=%s", db, g_getenv ("ITOGI_TEST_PG_HOST"));
  g_autofree char *grants = NULL;
  AdwMessageDialog *dialog;
  ItogiWindow *window;
  GtkWidget *entry;

  {
    g_autoptr (ItogiStore) store = itogi_seed_create (admin, &error);
    g_assert_no_error (error);
  }
  grants = g_strdup_printf ("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clerk') THEN"
                            " CREATE ROLE clerk LOGIN PASSWORD 'верный пароль'; END IF; END $$;");
  itogi_test_psql (admin, grants);
  /* The clerk edits the legal area and may read the documents; the rest is not theirs. */
  {
    g_autoptr (ItogiStore) store = itogi_store_open (admin, &error);
    g_assert_no_error (error);
    g_assert_true (itogi_store_grant (store, "clerk", "legal", ITOGI_ACCESS_EDIT, &error));
    g_assert_true (itogi_store_grant (store, "clerk", "documents", ITOGI_ACCESS_READ, &error));
    g_assert_no_error (error);
  }

  start_app (f, clerk);
  dialog = wait_dialog (f, itogi_test_tr ("Password Needed"));
  entry = adw_message_dialog_get_extra_child (dialog);
  /* What is typed is not shown. */
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "неверный");
  respond (dialog, "connect");

  /* Refused: asked again, saying so. */
  dialog = wait_dialog (f, itogi_test_tr ("Password Needed"));
  {
    g_autofree char *refused = itogi_test_trf (
        "The server did not accept that password of %s for “%s”. Type it again.", "clerk", db, NULL);
    g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, refused);
  }
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "верный пароль");
  respond (dialog, "connect");

  window = wait_server_window (f);
  g_assert_nonnull (window);
  g_assert_true (itogi_store_location_is_server (itogi_application_get_path (f->app)));
  /* The header names the database; the URI's password-free place is its tooltip. */
  {
    g_autoptr (GPtrArray) titles = g_ptr_array_new ();
    gboolean named = FALSE;

    itogi_test_collect_type (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, titles);
    for (guint i = 0; i < titles->len; i++)
      {
        const char *subtitle = adw_window_title_get_subtitle (titles->pdata[i]);
        named = named || (subtitle != NULL && strstr (subtitle, db) != NULL);
      }
    g_assert_true (named);
  }
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "win.backup"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "win.restore-backup"));

  /* The window shows what the role may see: the two areas, the one to read marked so, with
   * whom to ask; the one to edit not. */
  {
    g_auto (GStrv) tabs = itogi_window_list_tab_labels (window);
    g_autofree char *asked
        = itogi_test_trf ("You may only read this area. To change its figures, ask %s for the "
                          "right to edit it.",
                          g_getenv ("ITOGI_TEST_PG_USER"), NULL);
    GtkWidget *documents, *legal;

    g_assert_cmpuint (g_strv_length (tabs), ==, 4); /* Overview, the two areas, Report */
    g_assert_true (itogi_window_show_page (window, "documents"));
    settle ();
    documents = itogi_window_get_page (window, "documents");
    g_assert_true (shows_text (documents, asked));
    g_assert_true (itogi_window_show_page (window, "legal"));
    settle ();
    legal = itogi_window_get_page (window, "legal");
    g_assert_false (shows_text (legal, asked));
    g_assert_false (itogi_window_show_page (window, "appeals"));
    /* A clerk changes figures, not the office's structure: no Add Indicator, no new area, no
     * renaming or moving the area; the year's submission is theirs, its approval is not. */
    {
      g_autoptr (GString) add = g_string_new (itogi_test_tr ("_Add Indicator…"));
      g_string_replace (add, "_", "", 0);
      g_assert_false (shows_text (legal, add->str));
    }
    g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "win.add-area"));
    g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "win.edit-area"));
    {
      g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
      gboolean submit = FALSE, approve = FALSE;

      itogi_test_collect_type (legal, GTK_TYPE_BUTTON, buttons);
      for (guint i = 0; i < buttons->len; i++)
        if (gtk_widget_get_mapped (buttons->pdata[i]))
          {
            const char *label = gtk_button_get_label (buttons->pdata[i]);
            submit |= g_strcmp0 (label, itogi_test_tr ("_Submit for Approval")) == 0;
            approve |= g_strcmp0 (label, itogi_test_tr ("_Approve")) == 0;
          }
      g_assert_true (submit);
      g_assert_false (approve);
    }
  }
}

/* The server goes away while a figure is typed: the figure stays in its cell, marked, with a plain
 * message naming the database; nothing is saved and there is nothing to undo; once the server is
 * back the same figure, entered again, is saved by a connection made anew. */
static void
test_server_lost_mid_edit (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (f->dir);
  ItogiWindow *window;
  GtkWidget *page, *popover, *message;
  GtkEntry *cell;

  {
    g_autoptr (ItogiStore) store = itogi_seed_create (uri, &error);
    g_assert_no_error (error);
  }
  start_app (f, uri);
  window = wait_server_window (f);
  g_assert_nonnull (window);
  itogi_window_set_years (window, 2023, 2022);
  itogi_window_show_page (window, "financial-control");
  settle ();
  page = itogi_window_get_page (window, "financial-control");
  cell = itogi_test_find_entry (page, "23");
  g_assert_nonnull (cell);

  itogi_test_server_script ("crash");
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "24");
  g_signal_emit_by_name (cell, "activate");
  settle ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "24");
  popover = itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (cell));
  g_assert_nonnull (popover);
  message = gtk_popover_get_child (GTK_POPOVER (popover));
  g_test_message ("said: %s", gtk_label_get_text (GTK_LABEL (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), itogi_application_get_path (f->app)));
  g_assert_false (itogi_window_can_undo (window));

  itogi_test_server_script ("start");
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "24");
  g_signal_emit_by_name (cell, "activate");
  settle ();
  g_assert_true (itogi_window_can_undo (window));
  {
    g_autoptr (ItogiStore) check = itogi_store_open_to_read (uri, &error);
    g_autoptr (ItogiArea) area = itogi_store_find_area (check, "financial-control", NULL);
    g_autoptr (GPtrArray) list = itogi_store_list_indicators (check, area->id, FALSE, NULL);
    g_auto (ItogiValue) value = { 0 };

    g_assert_no_error (error);
    g_assert_true (itogi_store_get_year_value (check, list->pdata[0], 2023, &value, &error));
    g_assert_cmpint (value.amount, ==, 24);
  }
}

typedef struct
{
  gint64 indicator;
  gint64 amount;
} OtherEdit;

static gboolean
other_sets (ItogiStore *store, gpointer data, GError **error)
{
  OtherEdit *e = data;
  ItogiValue value = { .present = TRUE, .amount = e->amount };

  return itogi_store_set_value (store, e->indicator, 2023, ITOGI_PERIOD_YEAR, 0, &value, error);
}

/* Spins the main loop until @page shows a cell reading @text, for at most @seconds; how long it
 * took (for the log), or −1. */
static double
wait_for_cell (GtkWidget *page, const char *text, int seconds)
{
  gint64 start = g_get_monotonic_time (), end = start + seconds * G_USEC_PER_SEC;

  while (itogi_test_find_entry (page, text) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return itogi_test_find_entry (page, text) != NULL ? (g_get_monotonic_time () - start) / 1e6 : -1;
}

/* A new database of the report's data at @uri, the application opened on it as a person starts
 * it, the years 2023 against 2022 and the page @name in sight; that page. */
static GtkWidget *
server_page (Fixture *f, const char *uri, const char *name, ItogiWindow **window)
{
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (ItogiStore) store = itogi_seed_create (uri, &error);
    g_assert_no_error (error);
  }
  start_app (f, uri);
  *window = wait_server_window (f);
  g_assert_nonnull (*window);
  itogi_window_set_years (*window, 2023, 2022);
  itogi_window_show_page (*window, name);
  settle ();
  return itogi_window_get_page (*window, name);
}

/* Another desktop on the same server: a connection of its own, editing through a session, and
 * the first indicator of the financial control area, which it edits. */
static ItogiSession *
other_desktop (const char *uri, ItogiStore **other, gint64 *indicator)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = NULL;
  g_autoptr (GPtrArray) list = NULL;

  *other = itogi_store_open (uri, &error);
  g_assert_no_error (error);
  area = itogi_store_find_area (*other, "financial-control", &error);
  list = itogi_store_list_indicators (*other, area->id, FALSE, &error);
  g_assert_no_error (error);
  *indicator = ((ItogiIndicator *)list->pdata[0])->id;
  return itogi_session_new (*other);
}

/* Live: another desktop's commit (a connection of its own to the same server) shows in the open
 * window by itself, told by the server; while a figure is being typed it waits, the typing and the
 * keyboard untouched, and shows once the typed figure is saved. */
static void
test_server_live (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (f->dir);
  g_autoptr (ItogiStore) other = NULL;
  g_autoptr (ItogiSession) session = NULL;
  ItogiWindow *window;
  GtkWidget *page = server_page (f, uri, "financial-control", &window);
  GtkEntry *cell;
  OtherEdit e = { 0, 31 };
  double took;

  g_assert_nonnull (itogi_test_find_entry (page, "23"));
  session = other_desktop (uri, &other, &e.indicator);
  g_assert_cmpint (itogi_session_edit (session, "Правка", other_sets, &e, NULL, &error), >, 0);
  took = wait_for_cell (page, "31", 10);
  g_test_message ("the other desktop's figure was shown after %.3f s", took);
  g_assert_cmpfloat (took, >=, 0);
  /* Shown, not merely offered: no «changed by another program» to press. */
  g_assert_false (itogi_window_has_outside_changes (window));

  /* A figure being typed: the other's next commit waits, and the typing stays as it was. */
  cell = itogi_test_find_entry (page, "779"
                                      "\u202f"
                                      "054,51");
  g_assert_nonnull (cell);
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "780 000");
  settle ();
  e.amount = 32;
  g_assert_cmpint (itogi_session_edit (session, "Правка", other_sets, &e, NULL, &error), >, 0);
  g_assert_cmpfloat (wait_for_cell (page, "32", 2), <, 0);
  g_assert_true (itogi_window_has_outside_changes (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "780 000");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (cell))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (cell)));
  /* Saved: both figures in sight. */
  g_signal_emit_by_name (cell, "activate");
  g_assert_cmpfloat (wait_for_cell (page, "32", 10), >=, 0);
  g_assert_nonnull (itogi_test_find_entry (page, "780"
                                                 "\u202f"
                                                 "000,00"));
}

/* Two desktops change the same figure: the second to save is told, with the other's figure and
 * name, and nothing is overwritten unseen; Enter (Keep Mine) writes over theirs knowingly; Take
 * Theirs (Escape) drops the typing and shows theirs at once. */
static void
test_server_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (f->dir);
  g_autoptr (ItogiStore) other = NULL;
  g_autoptr (ItogiSession) session = NULL;
  ItogiWindow *window;
  GtkWidget *page = server_page (f, uri, "financial-control", &window);
  GtkWidget *popover;
  GtkEntry *cell;
  OtherEdit e = { 0, 31 };
  g_auto (ItogiValue) stored = { 0 };

  session = other_desktop (uri, &other, &e.indicator);

  /* Typed here from 23 while the other desktop saves 31. */
  cell = itogi_test_find_entry (page, "23");
  g_assert_nonnull (cell);
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "24");
  g_assert_cmpint (itogi_session_edit (session, "Правка", other_sets, &e, NULL, &error), >, 0);
  settle ();
  g_signal_emit_by_name (cell, "activate");
  settle ();
  g_assert_true (itogi_store_get_stored_value (other, e.indicator, 2023, ITOGI_PERIOD_YEAR, 0, &stored, NULL,
                                               NULL, &error));
  g_assert_cmpint (stored.amount, ==, 31);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "24");
  popover = itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (cell));
  g_assert_nonnull (popover);
  {
    g_autoptr (GPtrArray) labels = g_ptr_array_new ();
    const char *said;

    itogi_test_collect_type (popover, GTK_TYPE_LABEL, labels);
    said = gtk_label_get_text (labels->pdata[0]);
    g_test_message ("said: %s", said);
    g_assert_nonnull (strstr (said, itogi_test_user ()));
    g_assert_nonnull (strstr (said, " 31 "));
    g_assert_nonnull (strstr (said, "24"));
  }
  /* Kept, knowingly (Enter, as «Keep Mine»). */
  g_signal_emit_by_name (cell, "activate");
  settle ();
  itogi_value_clear (&stored);
  g_assert_true (itogi_store_get_stored_value (other, e.indicator, 2023, ITOGI_PERIOD_YEAR, 0, &stored, NULL,
                                               NULL, &error));
  g_assert_cmpint (stored.amount, ==, 24);

  /* Again, and this time theirs is taken (Escape): shown, and nothing written from here. The page
   * shows the saved figure again first (its reload comes from an idle). */
  g_assert_cmpfloat (wait_for_cell (page, "24", 5), >=, 0);
  settle ();
  settle ();
  cell = itogi_test_find_entry (page, "24");
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "25");
  e.amount = 33;
  g_assert_cmpint (itogi_session_edit (session, "Правка", other_sets, &e, NULL, &error), >, 0);
  settle ();
  g_signal_emit_by_name (cell, "activate");
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    popover = NULL;
    while (popover == NULL && g_get_monotonic_time () < end)
      {
        cell = itogi_test_find_entry (page, "25");
        popover = cell != NULL ? itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (cell)) : NULL;
        g_main_context_iteration (NULL, FALSE);
      }
  }
  g_assert_nonnull (popover);
  {
    g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *theirs = NULL;

    itogi_test_collect_type (popover, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), itogi_test_tr ("_Take Theirs")) == 0)
        theirs = buttons->pdata[i];
    g_assert_nonnull (theirs);
    g_signal_emit_by_name (theirs, "clicked");
  }
  g_assert_cmpfloat (wait_for_cell (page, "33", 5), >=, 0);
  itogi_value_clear (&stored);
  g_assert_true (itogi_store_get_stored_value (other, e.indicator, 2023, ITOGI_PERIOD_YEAR, 0, &stored, NULL,
                                               NULL, &error));
  g_assert_cmpint (stored.amount, ==, 33);
}

/* Spins the main loop until the window's offline bar is @shown, for at most @seconds. */
static gboolean
wait_offline (ItogiWindow *window, gboolean shown, int seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while ((find_named (GTK_WIDGET (window), "offline-bar") != NULL) != shown && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return (find_named (GTK_WIDGET (window), "offline-bar") != NULL) == shown;
}

/* The server goes away while a figure is being typed: the window says so at once, keeps showing
 * what it had, turns editing off; the typed figure stays in its cell. The server comes back: the
 * window connects again by itself, editing comes back, and the figure is saved, not lost. */
static void
test_server_offline (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (f->dir);
  ItogiWindow *window;
  GtkWidget *page = server_page (f, uri, "financial-control", &window);
  GtkEntry *cell = itogi_test_find_entry (page, "23");

  g_assert_nonnull (cell);
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "27");

  itogi_test_server_script ("crash");
  g_assert_true (wait_offline (window, TRUE, 5));
  /* What was loaded stays; the typing too; nothing takes typing now. */
  g_assert_nonnull (itogi_test_find_entry (page, "779"
                                                 "\u202f"
                                                 "054,51"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "27");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (cell)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window)) && itogi_window_can_undo (window));

  itogi_test_server_script ("start");
  g_assert_true (wait_offline (window, FALSE, 15));
  settle ();
  {
    g_autoptr (ItogiStore) check = itogi_store_open_to_read (uri, &error);
    g_autoptr (ItogiArea) area = itogi_store_find_area (check, "financial-control", NULL);
    g_autoptr (GPtrArray) list = itogi_store_list_indicators (check, area->id, FALSE, NULL);
    g_auto (ItogiValue) value = { 0 };

    g_assert_no_error (error);
    g_assert_true (itogi_store_get_year_value (check, list->pdata[0], 2023, &value, &error));
    g_assert_cmpint (value.amount, ==, 27);
  }
  cell = itogi_test_find_entry (page, "27");
  g_assert_nonnull (cell);
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (cell)));
  /* Undo is offered once the page has told the window of its step (from an idle). */
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (!itogi_window_can_undo (window) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_true (itogi_window_can_undo (window));
}

/* The second desktop of the end-to-end test, in a process of its own (this program, run again
 * with ITOGI_TEST_SECOND_DESKTOP naming the database as the clerk): a window on the legal area,
 * whose first figure it changes from 65 to 66 by typing it, and on the documents area, which it
 * may only read, where the same typing is refused and stays. Exit status 0 when all went so. */
static int
second_desktop (const char *uri)
{
  Fixture f = { 0 };
  ItogiWindow *window;
  GtkWidget *page;
  GtkEntry *cell;

  /* The application as a person starts it: `itogi --database URI`. */
  fixture_set_up (&f, NULL);
  start_app (&f, uri);
  window = wait_server_window (&f);
  if (window == NULL)
    return 2;
  itogi_window_set_years (window, 2023, 2022);
  itogi_window_show_page (window, "legal");
  settle ();
  page = itogi_window_get_page (window, "legal");
  cell = itogi_test_find_entry (page, "65");
  if (cell == NULL)
    return 3;
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "66");
  g_signal_emit_by_name (cell, "activate");
  settle ();
  if (itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (cell)) != NULL)
    return 4;
  /* An area it may only read: the typing is refused, plainly, and stays. */
  itogi_window_show_page (window, "documents");
  settle ();
  page = itogi_window_get_page (window, "documents");
  cell = itogi_test_find_entry (page, "22"
                                      "\u202f"
                                      "808");
  if (cell == NULL)
    return 5;
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), "22 900");
  g_signal_emit_by_name (cell, "activate");
  settle ();
  if (itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (cell)) == NULL
      || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell)), "22 900") != 0)
    return 6;
  /* Taken down as every test's window is: nothing left for LeakSanitizer to find at exit. */
  fixture_tear_down (&f, NULL);
  return 0;
}

static void
on_second_done (GObject *source, GAsyncResult *result, gpointer data)
{
  int *status = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *status = g_subprocess_get_if_exited (G_SUBPROCESS (source))
                ? g_subprocess_get_exit_status (G_SUBPROCESS (source))
                : 99;
}

/* End to end, two windows as two processes on one server: the head's window here, a clerk's in
 * another process. The clerk's figure typed there shows here by itself; the clerk, limited to
 * their area, is refused on an area they may only read, and nothing of it changes. */
static void
test_server_two_desktops (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *owner = itogi_test_database (f->dir);
  const char *name = strstr (owner, "@/") + 2;
  g_autofree char *db = g_strndup (name, strcspn (name, "?"));
  g_autofree char *clerk
      = g_strdup_printf ("postgresql://clerk2:%%D0%%BF%%D0%%B0%%D1%%80%%D0%%BE%%D0%%BB%%D1%%8C@/%s?host=%s",
                         db, g_getenv ("ITOGI_TEST_PG_HOST"));
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) second = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  int status = -1;
  ItogiWindow *window;
  GtkWidget *page;
  double took;

  {
    g_autoptr (ItogiStore) store = itogi_seed_create (owner, &error);
    g_assert_no_error (error);
    itogi_test_psql (owner, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clerk2') THEN"
                            " CREATE ROLE clerk2 LOGIN PASSWORD 'пароль'; END IF; END $$;");
    g_assert_true (itogi_store_grant (store, "clerk2", "legal", ITOGI_ACCESS_EDIT, &error));
    g_assert_true (itogi_store_grant (store, "clerk2", "documents", ITOGI_ACCESS_READ, &error));
    g_assert_no_error (error);
  }
  start_app (f, owner);
  window = wait_server_window (f);
  itogi_window_set_years (window, 2023, 2022);
  itogi_window_show_page (window, "legal");
  settle ();
  page = itogi_window_get_page (window, "legal");
  g_assert_nonnull (itogi_test_find_entry (page, "65"));

  g_subprocess_launcher_setenv (launcher, "ITOGI_TEST_SECOND_DESKTOP", clerk, TRUE);
  /* The second desktop runs the window code this process's tests check for leaks; it exits the
   * moment its window is closed, before GLib has freed what its worker threads and idles held
   * (LeakSanitizer names none of it, only g_malloc), so its exit is not leak-checked. */
  if (g_getenv ("ASAN_OPTIONS") != NULL)
    {
      g_autofree char *options = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0", NULL);
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
    }
  /* On a display of its own, as a second desktop is: the two windows share no clipboard, whose
   * half-done reads GTK would leak. */
  second = g_subprocess_launcher_spawn (launcher, &error, "xvfb-run", "-a", "-s", "-screen 0 1280x1024x24",
                                        self_exe, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (second, NULL, on_second_done, &status);
  took = wait_for_cell (page, "66", 60);
  g_test_message ("the other desktop's figure was shown here after %.1f s (its start included)", took);
  g_assert_cmpfloat (took, >=, 0);
  while (status < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (status, ==, 0);
  /* The documents area as it was. */
  itogi_window_show_page (window, "documents");
  settle ();
  g_assert_nonnull (itogi_test_find_entry (itogi_window_get_page (window, "documents"), "22"
                                                                                        "\u202f"
                                                                                        "808"));
}

/* A server that cannot be reached: said plainly, with the way back to the server and a try
 * again; none of a file's ways out (a backup, a new file). */
static void
test_server_unreachable (Fixture *f, gconstpointer data)
{
  g_autofree char *uri = g_strdup_printf ("postgresql://clerk@/nowhere?host=%s", f->dir);
  AdwMessageDialog *dialog;

  start_app (f, uri);
  dialog = wait_dialog (f, itogi_test_tr ("Cannot Connect to the Server"));
  g_assert_true (adw_message_dialog_has_response (dialog, "server"));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_false (adw_message_dialog_has_response (dialog, "create"));
  g_assert_false (adw_message_dialog_has_response (dialog, "anew"));
  respond (dialog, "quit");
  g_assert_null (find_window (f));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int rc;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return 0;
    }
  data_home = g_dir_make_tmp ("itogi-recovery-home-XXXXXX", &error);
  g_assert_no_error (error);
  /* Read once by GLib, so set before GTK starts: every test's default database lives here. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* No keyring on a server run: a password is asked for, as on a desktop whose keyring is locked. */
  if (itogi_test_on_server ())
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/itogi-test-bus", TRUE);
  if (geteuid () == 0)
    g_assert_cmpint (chown (data_home, 65534, 65534), ==, 0);

  itogi_test_set_locale ();
  gtk_test_init (&argc, &argv, NULL);
  itogi_test_guard_output ();
  adw_init ();
  if (g_getenv ("ITOGI_TEST_SECOND_DESKTOP") != NULL)
    return second_desktop (g_getenv ("ITOGI_TEST_SECOND_DESKTOP"));

  /* Root writes through permission bits; "nobody" does not. Only file access changes: the
   * display connection is already open. */
  if (geteuid () == 0 && !itogi_test_on_server ())
    {
      setfsgid (65534);
      setfsuid (65534);
      g_test_message ("file access as uid 65534, so that read-only files are read-only");
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  if (itogi_test_on_server ())
    {
      ADD ("/app/recovery/server-password", test_server_password);
      ADD ("/app/recovery/server-unreachable", test_server_unreachable);
      ADD ("/app/recovery/server-lost-mid-edit", test_server_lost_mid_edit);
      ADD ("/app/recovery/server-live", test_server_live);
      ADD ("/app/recovery/server-conflict", test_server_conflict);
      ADD ("/app/recovery/server-offline", test_server_offline);
      ADD ("/app/recovery/server-two-desktops", test_server_two_desktops);
      rc = g_test_run ();
      itogi_test_remove_tree (data_home);
      g_free (data_home);
      return rc;
    }
  ADD ("/app/recovery/damaged-restores-latest", test_damaged_restores_latest);
  ADD ("/app/recovery/not-ours-start-anew", test_not_ours_start_anew);
  ADD ("/app/recovery/damaged-read-only", test_damaged_read_only);
  ADD ("/app/recovery/large-damaged-found-after-showing", test_large_damaged_found_after_showing);
  ADD ("/app/recovery/altered-refused", test_altered_refused);
  ADD ("/app/recovery/newer-left-alone", test_newer_left_alone);
  ADD ("/app/recovery/missing-created", test_missing_created);
  ADD ("/app/recovery/read-only-folder", test_read_only_folder);
  ADD ("/app/recovery/restore-from-menu", test_restore_from_menu);
  ADD ("/app/recovery/restore-single-backup", test_restore_single_backup);
  ADD ("/app/recovery/restore-in-background", test_restore_in_background);
  ADD ("/app/recovery/damaged-restore-cancelled", test_damaged_restore_cancelled);
  rc = g_test_run ();
  itogi_test_remove_tree (data_home);
  g_free (data_home);
  return rc;
}
