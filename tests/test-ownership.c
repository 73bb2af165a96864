/* test-ownership.c: a process that holds the database never loses its locks on it
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Closing any descriptor of a file drops every POSIX lock the process holds on it. If our code
 * opened and closed the database outside SQLite while a connection of the same process held it,
 * another program would take the file for unused, fold the log into it and delete the log under
 * the connection, whose later edits would then vanish. Here a first process holds the database
 * and edits it; in between it does, in itself, everything the app does with a second connection
 * (the export dialog's worker, a check, a read-only look, a backup) and everything that could
 * touch the file by its name (outputs and inputs pointed at it); a second process (itogi-cli)
 * opens and closes the file; the first edits again; a third process reads the edit, and it is
 * still there after the first is killed with SIGKILL.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "itogi-output.h"
#include "itogi-seed.h"
#include "itogi-store-file.h"
#include "itogi-store.h"
#include "itogi-xlsx.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *path;
  gint64 first; /* two indicators of the first area, edited in turn */
  gint64 second;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (GPtrArray) indicators = NULL;

  f->dir = g_dir_make_tmp ("itogi-own-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "itogi.db", NULL);
  store = itogi_seed_create (f->path, &error);
  g_assert_no_error (error);
  indicators = itogi_store_list_indicators (store, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (indicators->len, >=, 2);
  f->first = ((ItogiIndicator *)indicators->pdata[0])->id;
  f->second = ((ItogiIndicator *)indicators->pdata[1])->id;
  /* This process holds no connection from here on: the first process is a child. */
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  itogi_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* How many POSIX locks this process holds on the file at @path, from /proc/locks. */
static guint
my_locks (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *pid = g_strdup_printf (" %d ", (int)getpid ());
  g_autofree char *inode = NULL;
  GStatBuf st;
  guint n = 0;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  inode = g_strdup_printf (":%lu ", (unsigned long)st.st_ino);
  g_assert_true (g_file_get_contents ("/proc/locks", &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "POSIX") != NULL && strstr (lines[i], pid) != NULL
        && strstr (lines[i], inode) != NULL)
      n++;
  return n;
}

static void
set_figure (ItogiStore *store, gint64 indicator, gint64 amount)
{
  g_autoptr (GError) error = NULL;
  ItogiValue value = { .present = TRUE, .amount = amount, .qualifier = ITOGI_QUALIFIER_EXACT };

  g_assert_cmpint (itogi_store_begin_step (store, "Изменено значение", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (itogi_store_set_value (store, indicator, 2023, ITOGI_PERIOD_YEAR, 0, &value, &error));
  g_assert_true (itogi_store_commit_step (store, &error));
  g_assert_no_error (error);
}

/* ---- the first process ---- */

static void
say (int fd, const char *line)
{
  g_assert_cmpint (write (fd, line, strlen (line)), ==, (gssize)strlen (line));
}

static gpointer
export_like_the_dialog (gpointer data)
{
  const char *path = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *xlsx = g_build_filename (dir, "Итоги.xlsx", NULL);
  g_autoptr (ItogiStore) store = itogi_store_open_to_read (path, &error);
  ItogiExportOptions options = { .year = 2023, .compare_year = 2022 };

  g_assert_no_error (error);
  g_assert_true (itogi_export_xlsx (store, &options, xlsx, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Each thing a process holding the database does with it besides editing; after each one the
 * process must still hold its locks on the file. */
static void
everything_else (ItogiStore *held, const char *path, int report)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *backup = g_build_filename (dir, "copy.db", NULL);
  g_autoptr (GError) error = NULL;
  struct
  {
    const char *what;
    int step;
  } steps[] = {
    { "the export dialog's worker: a second connection, an export, closed", 0 },
    { "a second connection for editing, closed", 1 },
    { "a read-only window's connection, closed", 2 },
    { "a check's connection, closed", 3 },
    { "a backup", 4 },
    { "a damaged file's look, closed", 5 },
    { "an output named after the database, refused", 6 },
    { "an output named after its -wal, refused", 7 },
    { "an import of the database itself, refused", 8 },
    { "a backup over the database, refused", 9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      switch (steps[i].step)
        {
        case 0:
          g_thread_join (g_thread_new ("export", export_like_the_dialog, (gpointer)path));
          break;
        case 1:
          itogi_store_free (itogi_store_open (path, &error));
          break;
        case 2:
          itogi_store_free (itogi_store_open_read_only (path, &error));
          break;
        case 3:
          {
            ItogiStore *check = itogi_store_open_to_check (path, &error);
            g_assert_no_error (error);
            g_ptr_array_unref (itogi_store_check (check, &error));
            itogi_store_free (check);
          }
          break;
        case 4:
          g_assert_true (itogi_store_backup (held, backup, &error));
          break;
        case 5:
          itogi_store_free (itogi_store_open_damaged (path, &error));
          break;
        case 6:
          g_assert_false (itogi_output_write_file (path, "x", 1, &error));
          g_assert_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_PROTECTED);
          g_clear_error (&error);
          break;
        case 7:
          g_assert_false (itogi_output_write_file (wal, "x", 1, &error));
          g_assert_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_PROTECTED);
          g_clear_error (&error);
          break;
        case 8:
          g_assert_false (itogi_input_check (path, 0, &error));
          g_assert_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_PROTECTED);
          g_clear_error (&error);
          break;
        case 9:
          g_assert_false (itogi_store_backup (held, path, &error));
          g_clear_error (&error);
          break;
        }
      g_assert_no_error (error);
      if (my_locks (path) == 0)
        {
          g_autofree char *line = g_strdup_printf ("lost its locks after %s\n", steps[i].what);
          say (report, line);
        }
    }
}

static void
first_process (Fixture *f, int report, int orders)
{
  g_autoptr (GError) error = NULL;
  ItogiStore *held = itogi_store_open (f->path, &error);
  char go;

  g_assert_no_error (error);
  set_figure (held, f->first, 30001);
  if (my_locks (f->path) == 0)
    say (report, "held no lock on the database it edits\n");
  everything_else (held, f->path, report);
  say (report, "ready\n");
  /* The second process runs now. */
  g_assert_cmpint (read (orders, &go, 1), ==, 1);
  set_figure (held, f->second, 40002);
  say (report, "saved\n");
  /* Killed here. */
  for (;;)
    pause ();
}

/* ---- the other processes ---- */

/* A figure as a third process reads it with SQLite alone: −1 when it is missing. */
static gint64
read_elsewhere (const char *path, gint64 indicator)
{
  int pipe_fds[2];
  pid_t pid;
  gint64 amount = -2;
  int status;

  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      gint64 found = -1;

      close (pipe_fds[0]);
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
          && sqlite3_prepare_v2 (
                 db,
                 "SELECT amount FROM indicator_values WHERE indicator_id = ?1 AND year = 2023 "
                 "AND period = 'year'",
                 -1, &stmt, NULL)
                 == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, indicator);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            found = sqlite3_column_int64 (stmt, 0);
        }
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      if (write (pipe_fds[1], &found, sizeof found) != sizeof found)
        _exit (2);
      _exit (0);
    }
  close (pipe_fds[1]);
  g_assert_cmpint (read (pipe_fds[0], &amount, sizeof amount), ==, sizeof amount);
  close (pipe_fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return amount;
}

static char *
quick_check_elsewhere (const char *path)
{
  g_autofree char *out = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* This process holds nothing of the file afterwards: it is closed before returning. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  out = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&out);
}

static char *
read_line (FILE *in)
{
  char buffer[512];
  return fgets (buffer, sizeof buffer, in) != NULL ? g_strdup (buffer) : NULL;
}

static void
test_edits_survive (Fixture *f, gconstpointer data)
{
  const char *cli = g_getenv ("ITOGI_CLI");
  int report[2], orders[2];
  pid_t first;
  FILE *from_first;
  g_autofree char *line = NULL;
  g_autofree char *check = NULL;
  int status;

  g_assert_nonnull (cli);
  g_assert_cmpint (pipe (report), ==, 0);
  g_assert_cmpint (pipe (orders), ==, 0);
  first = fork ();
  g_assert_cmpint (first, >=, 0);
  if (first == 0)
    {
      /* Never outlives the test, whatever fails there. */
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      close (report[0]);
      close (orders[1]);
      first_process (f, report[1], orders[0]);
      _exit (0);
    }
  close (report[1]);
  close (orders[0]);
  from_first = fdopen (report[0], "r");

  /* Whatever it reports before it is ready is a lost lock: each one fails the test. */
  while ((line = read_line (from_first)) != NULL && g_strcmp0 (line, "ready\n") != 0)
    {
      g_test_message ("the first process %s", line);
      g_test_fail ();
      g_free (line);
    }
  g_assert_cmpstr (line, ==, "ready\n");
  g_clear_pointer (&line, g_free);

  /* The second process: any command opens and closes the database. */
  {
    const char *argv[] = { cli, "--database", f->path, "table", "--year", "2023", NULL };
    g_autoptr (GError) error = NULL;
    int exit_status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                                 NULL, &exit_status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (exit_status, NULL));
  }
  /* Its log is still beside the file: the first process still uses it. */
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  g_assert_cmpint (write (orders[1], "g", 1), ==, 1);
  line = read_line (from_first);
  g_assert_cmpstr (line, ==, "saved\n");

  /* A third process sees both edits while the first still runs... */
  g_assert_cmpint (read_elsewhere (f->path, f->first), ==, 30001);
  g_assert_cmpint (read_elsewhere (f->path, f->second), ==, 40002);
  /* ...and after it is killed. */
  g_assert_cmpint (kill (first, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (first, &status, 0), ==, first);
  g_assert_true (WIFSIGNALED (status));
  fclose (from_first);
  close (orders[1]);
  g_assert_cmpint (read_elsewhere (f->path, f->first), ==, 30001);
  g_assert_cmpint (read_elsewhere (f->path, f->second), ==, 40002);
  check = quick_check_elsewhere (f->path);
  g_assert_cmpstr (check, ==, "ok");
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add ("/core/ownership/edits-survive-another-program", Fixture, NULL, fixture_set_up,
              test_edits_survive, fixture_tear_down);
  return g_test_run ();
}
