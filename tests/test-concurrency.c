/* test-concurrency.c: the app and itogi-cli import writing one database at the same time
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every writer either finishes or says plainly that the database is busy, changing nothing;
 * no finished write is lost or overwritten unseen. The test process plays the app: an
 * ItogiStore making edit steps, as the pages do, while itogi-cli processes import CSV files.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "itogi-seed.h"
#include <fcntl.h>
#include <unistd.h>

#include "itogi-store.h"
#include "test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define APP_YEAR 2100
#define IMPORT_FIRST_YEAR 2101
#define RACE_YEAR 2150
#define MONTHS 12
#define N_IMPORTS 16
#define MIN_APP_EDITS 40
#define N_RACES 8

static const char *cli_path;

typedef struct
{
  char *dir;
  char *path;
  gint64 area_id;    /* legal */
  gint64 app_ind;    /* legal/lawsuits: the app's figures */
  gint64 import_ind; /* legal/court-sessions: the imports' figures */
  ItogiStore *app;
} Fixture;

/* One itogi-cli import run. */
typedef struct
{
  char *csv;
  char *busy; /* what it says when the database is busy, in the language of the tests */
  GSubprocess *proc;
  gboolean done;
  gint64 started;
  double seconds; /* from start to exit */
  int status;
  char *out;
  char *err;
} Import;

static void
import_free (Import *im)
{
  g_free (im->csv);
  g_free (im->busy);
  g_clear_object (&im->proc);
  g_free (im->out);
  g_free (im->err);
  g_free (im);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static gint64
indicator_id (ItogiStore *store, gint64 area_id, const char *slug)
{
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (store, area_id, TRUE, NULL);

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((ItogiIndicator *)list->pdata[i])->slug, slug) == 0)
      return ((ItogiIndicator *)list->pdata[i])->id;
  g_assert_not_reached ();
}

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = NULL;

  f->dir = g_dir_make_tmp ("itogi-concurrency-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "itogi.db", NULL);
  {
    g_autoptr (ItogiStore) created = itogi_seed_create (f->path, &error);
    g_assert_no_error (error);
  }
  /* The app opens the existing file the way it does at start. */
  f->app = itogi_store_open (f->path, &error);
  g_assert_no_error (error);
  area = itogi_store_find_area (f->app, "legal", &error);
  g_assert_no_error (error);
  f->area_id = area->id;
  f->app_ind = indicator_id (f->app, area->id, "lawsuits");
  f->import_ind = indicator_id (f->app, area->id, "court-sessions");
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->app, itogi_store_free);
  itogi_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ---- imports ---- */

/* A CSV setting the twelve months of @year of legal/court-sessions to @base + month. */
static char *
write_csv (Fixture *f, const char *name, int year, gint64 base)
{
  g_autoptr (GString) csv = g_string_new ("Indicator;Year;Period;Value\n");
  char *path = g_build_filename (f->dir, name, NULL);

  for (int m = 1; m <= MONTHS; m++)
    g_string_append_printf (csv, "legal/court-sessions;%d;%d;%" G_GINT64_FORMAT "\n", year, m, base + m);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize)csv->len, NULL));
  return path;
}

static void
import_finished (GObject *source, GAsyncResult *result, gpointer data)
{
  Import *im = data;
  g_autoptr (GError) error = NULL;

  g_assert_true (
      g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &im->out, &im->err, &error));
  g_assert_no_error (error);
  /* A crash is not an answer. */
  g_assert_true (g_subprocess_get_if_exited (im->proc));
  im->status = g_subprocess_get_exit_status (im->proc);
  im->seconds = (double)(g_get_monotonic_time () - im->started) / G_USEC_PER_SEC;
  im->done = TRUE;
}

static Import *
start_import (Fixture *f, const char *csv)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GError) error = NULL;
  Import *im = g_new0 (Import, 1);

  /* In the language the tests run in, as the user would run it. */
  g_autofree char *said = itogi_test_trf (
      "The database “%s” is busy with another program. Nothing was saved; try again.", f->path, NULL);

  im->busy = g_strconcat ("itogi-cli: ", said, "\n", NULL);
  im->csv = g_strdup (csv);
  im->started = g_get_monotonic_time ();
  im->proc
      = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--database", f->path, "import", csv, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (im->proc, NULL, NULL, import_finished, im);
  return im;
}

static gboolean
all_done (GPtrArray *imports)
{
  for (guint i = 0; i < imports->len; i++)
    if (!((Import *)imports->pdata[i])->done)
      return FALSE;
  return TRUE;
}

/* What the user sees of an import: success, or one plain line saying the database was busy. */
static gboolean
import_succeeded (const Import *im)
{
  if (im->status == 0)
    {
      g_autofree char *imported = itogi_test_trn ("Imported %s value.", "Imported %s values.", 12);
      g_autofree char *line = g_strconcat (imported, "\n", NULL);
      g_assert_cmpstr (im->out, ==, line);
      g_assert_cmpstr (im->err, ==, "");
      return TRUE;
    }
  g_test_message ("import %s: exit %d after %.1f s: %s", im->csv, im->status, im->seconds, im->err);
  g_assert_cmpint (im->status, ==, 1);
  g_assert_cmpstr (im->out, ==, "");
  /* One line, and no SQLite wording leaking through. */
  g_assert_cmpstr (im->err, ==, im->busy);
  g_assert_cmpstr (strchr (im->err, '\n') + 1, ==, "");
  g_assert_null (strstr (im->err, "locked"));
  g_assert_null (strstr (im->err, "code"));
  return FALSE;
}

/* ---- the app ---- */

/* One edit as a page makes it: a task and a month's figure in one step. TRUE when the app
 * would have told the user it was saved; otherwise the user sees the busy message. */
static gboolean
app_edit (Fixture *f, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *label = g_strdup_printf ("Concurrency test: app edit %u", n);
  g_autofree char *text = g_strdup_printf ("app edit %u", n);
  ItogiValue value = { .present = TRUE, .amount = n };

  if (itogi_store_begin_step (f->app, label, &error) == 0)
    goto refused;
  if (itogi_store_add_task (f->app, f->area_id, APP_YEAR, text, &error) == 0
      || !itogi_store_set_value (f->app, f->app_ind, APP_YEAR, ITOGI_PERIOD_MONTH, (int)(n % MONTHS) + 1,
                                 &value, &error))
    {
      itogi_store_rollback_step (f->app);
      goto refused;
    }
  if (!itogi_store_commit_step (f->app, &error))
    goto refused;
  return TRUE;

refused:
  g_test_message ("app edit %u: %s", n, error->message);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_BUSY);
  return FALSE;
}

/* ---- checks, read-only through SQLite itself ---- */

static sqlite3 *
open_reader (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

static gint64
query_int (sqlite3 *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_sound (sqlite3 *db)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM edit_session"), ==, 0);
}

/* The month's figure, or −1 when there is none. */
static gint64
month_value (sqlite3 *db, gint64 ind, int year, int month)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT amount FROM indicator_values"
                                          " WHERE indicator_id = %" G_GINT64_FORMAT " AND year = %d"
                                          " AND period = 'month' AND period_index = %d), -1)",
                                          ind, year, month);
  return query_int (db, sql);
}

/* The changes recorded for one year of one indicator: how many, and in how many steps. */
static void
count_changes (sqlite3 *db, gint64 ind, int year, gint64 *changes, gint64 *steps)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT count(*), count(DISTINCT step) FROM history WHERE tbl = 'indicator_values'"
                         " AND json_extract (coalesce (new, old), '$.indicator_id') = %" G_GINT64_FORMAT
                         " AND json_extract (coalesce (new, old), '$.year') = %d",
                         ind, year);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *changes = sqlite3_column_int64 (stmt, 0);
  *steps = sqlite3_column_int64 (stmt, 1);
}

/* Every app edit the app saved is all there (its step with exactly its two changes) and every
 * one it was refused is not; each change of a month starts from the figure the one before it
 * left, so none was overwritten unseen; the months hold the last saved edits' figures. */
static void
assert_app_edits (sqlite3 *db, Fixture *f, GArray *saved)
{
  g_autoptr (sqlite3_stmt) changes = NULL;
  g_autoptr (sqlite3_stmt) tasks = NULL;
  g_autofree guint *task_rows = g_new0 (guint, saved->len + 1);
  g_autofree guint *task_changes = g_new0 (guint, saved->len + 1);
  g_autofree guint *value_changes = g_new0 (guint, saved->len + 1);
  gint64 month_now[MONTHS + 1];
  guint last = 0;
  int rc;

  for (int m = 0; m <= MONTHS; m++)
    month_now[m] = -1;
  g_assert_cmpint (
      sqlite3_prepare_v2 (db,
                          "SELECT s.label, h.tbl, json_extract (h.new, '$.text'),"
                          "  json_extract (h.new, '$.period_index'), json_extract (h.new, '$.amount'),"
                          "  json_extract (h.old, '$.amount')"
                          " FROM steps s JOIN history h ON h.step = s.id"
                          " WHERE s.label GLOB 'Concurrency test: app edit *' ORDER BY s.id, h.id",
                          -1, &changes, NULL),
      ==, SQLITE_OK);
  while ((rc = sqlite3_step (changes)) == SQLITE_ROW)
    {
      const char *label = (const char *)sqlite3_column_text (changes, 0);
      const char *tbl = (const char *)sqlite3_column_text (changes, 1);
      guint n = 0;

      g_assert_cmpint (sscanf (label, "Concurrency test: app edit %u", &n), ==, 1);
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, saved->len);
      /* The app saves one edit after another: their steps come in that order. */
      g_assert_cmpuint (n, >=, last);
      last = n;
      if (g_strcmp0 (tbl, "tasks") == 0)
        {
          g_autofree char *text = g_strdup_printf ("app edit %u", n);
          g_assert_cmpstr ((const char *)sqlite3_column_text (changes, 2), ==, text);
          task_changes[n]++;
        }
      else
        {
          int month = sqlite3_column_int (changes, 3);

          g_assert_cmpstr (tbl, ==, "indicator_values");
          g_assert_cmpint (month, ==, (int)(n % MONTHS) + 1);
          g_assert_cmpint (sqlite3_column_int64 (changes, 4), ==, n);
          if (month_now[month] < 0)
            g_assert_cmpint (sqlite3_column_type (changes, 5), ==, SQLITE_NULL);
          else
            g_assert_cmpint (sqlite3_column_int64 (changes, 5), ==, month_now[month]);
          month_now[month] = n;
          value_changes[n]++;
        }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "SELECT text FROM tasks WHERE area_id = ? AND year = ?", -1, &tasks, NULL), ==,
      SQLITE_OK);
  sqlite3_bind_int64 (tasks, 1, f->area_id);
  sqlite3_bind_int (tasks, 2, APP_YEAR);
  while ((rc = sqlite3_step (tasks)) == SQLITE_ROW)
    {
      guint n = 0;

      g_assert_cmpint (sscanf ((const char *)sqlite3_column_text (tasks, 0), "app edit %u", &n), ==, 1);
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, saved->len);
      task_rows[n]++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  for (guint n = 1; n <= saved->len; n++)
    {
      guint want = g_array_index (saved, gboolean, n - 1) ? 1 : 0;

      g_assert_cmpuint (task_rows[n], ==, want);
      g_assert_cmpuint (task_changes[n], ==, want);
      g_assert_cmpuint (value_changes[n], ==, want);
    }
  for (int m = 1; m <= MONTHS; m++)
    g_assert_cmpint (month_value (db, f->app_ind, APP_YEAR, m), ==, month_now[m]);
}

/* ---- tests ---- */

/* The app keeps editing while 16 imports run; all of it lands, or a busy import changes nothing. */
static void
test_app_and_imports (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) imports = g_ptr_array_new_with_free_func ((GDestroyNotify)import_free);
  g_autoptr (GArray) saved = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr (sqlite3) db = NULL;
  guint n = 0, app_saved = 0, imported = 0, busy = 0, edits_during_imports = 0;
  double slowest = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_IMPORTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("import-%02u.csv", i);
      g_autofree char *csv = write_csv (f, name, IMPORT_FIRST_YEAR + (int)i, (gint64)(i + 1) * 1000);
      g_ptr_array_add (imports, start_import (f, csv));
    }

  /* The app saves edit after edit, without pause, for as long as any import runs. */
  while (!all_done (imports) || n < MIN_APP_EDITS)
    {
      gboolean ok;

      if (!all_done (imports))
        edits_during_imports++;
      n++;
      ok = app_edit (f, n);
      g_array_append_val (saved, ok);
      app_saved += ok;
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (edits_during_imports, >, 0);

  db = open_reader (f);
  assert_sound (db);

  for (guint i = 0; i < imports->len; i++)
    {
      Import *im = imports->pdata[i];
      int year = IMPORT_FIRST_YEAR + (int)i;
      gboolean ok = import_succeeded (im);
      gint64 changes = 0, steps = 0;

      imported += ok;
      busy += !ok;
      slowest = MAX (slowest, im->seconds);
      /* A finished import is all there in one step; a busy one left no trace. */
      for (int m = 1; m <= MONTHS; m++)
        g_assert_cmpint (month_value (db, f->import_ind, year, m), ==, ok ? (gint64)(i + 1) * 1000 + m : -1);
      count_changes (db, f->import_ind, year, &changes, &steps);
      g_assert_cmpint (changes, ==, ok ? MONTHS : 0);
      g_assert_cmpint (steps, ==, ok ? 1 : 0);
    }
  {
    /* The step is named in the language the import ran in. */
    char *sql
        = sqlite3_mprintf ("SELECT count(*) FROM steps WHERE label = %Q", itogi_test_tr ("Import from CSV"));
    g_assert_cmpint (query_int (db, sql), ==, imported);
    sqlite3_free (sql);
  }

  assert_app_edits (db, f, saved);

  g_test_message (
      "%u imports at once with the app editing: %u finished, %u reported busy; the app saved %u of "
      "%u edits (%u while imports ran); slowest import %.1f s; %.1f s",
      N_IMPORTS, imported, busy, app_saved, n, edits_during_imports, slowest,
      (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  /* An app saving without pause can outrun an import's polling for the lock for the 5 s it
   * waits (SQLite's busy handler is not a queue), so a busy import is allowed; imports never
   * getting through at all is not. */
  g_assert_cmpuint (imported, >, 0);
}

/* Two imports of the same cells started together, eight times over: each that finished is a
 * step of its own, the later one saw the earlier one's figures as the old ones (nothing
 * overwritten unseen), and the cells hold the later one's figures. */
static void
test_imports_racing (Fixture *f, gconstpointer data)
{
  gint64 current[MONTHS + 1];
  gint64 last_step = 0;
  guint finished = 0, busy = 0, both = 0, first_started_last = 0;
  gint64 start = g_get_monotonic_time ();

  /* The race is between the command-line programs alone: nobody keeps the file open. */
  g_clear_pointer (&f->app, itogi_store_free);
  for (int m = 0; m <= MONTHS; m++)
    current[m] = -1;

  for (guint race = 1; race <= N_RACES; race++)
    {
      g_autoptr (GPtrArray) imports = g_ptr_array_new_with_free_func ((GDestroyNotify)import_free);
      g_autoptr (sqlite3) db = NULL;
      g_autoptr (sqlite3_stmt) stmt = NULL;
      gint64 base[2] = { race * 1000 + 100, race * 1000 + 200 };
      gboolean ok[2];
      gboolean matched[2] = { FALSE, FALSE };
      guint steps_seen = 0, last_writer = 0;
      gint64 step = 0;
      int rc;

      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *name = g_strdup_printf ("race-%u-%c.csv", race, 'a' + k);
          g_autofree char *csv = write_csv (f, name, RACE_YEAR, base[k]);
          g_ptr_array_add (imports, start_import (f, csv));
        }
      while (!all_done (imports))
        g_main_context_iteration (NULL, TRUE);
      for (guint k = 0; k < 2; k++)
        ok[k] = import_succeeded (imports->pdata[k]);
      /* Only one can wait for the other. */
      g_assert_true (ok[0] || ok[1]);
      finished += ok[0] + ok[1];
      busy += !ok[0] + !ok[1];
      both += ok[0] && ok[1];

      db = open_reader (f);
      assert_sound (db);
      /* This race's changes of the cells, step by step in commit order. */
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT step, json_extract (new, '$.period_index'),"
                                           "  json_extract (new, '$.amount'), json_extract (old, '$.amount')"
                                           " FROM history WHERE tbl = 'indicator_values' AND step > ?"
                                           "  AND json_extract (new, '$.indicator_id') = ?"
                                           "  AND json_extract (new, '$.year') = ?"
                                           " ORDER BY step, id",
                                           -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, last_step);
      sqlite3_bind_int64 (stmt, 2, f->import_ind);
      sqlite3_bind_int (stmt, 3, RACE_YEAR);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int month = sqlite3_column_int (stmt, 1);
          gint64 amount = sqlite3_column_int64 (stmt, 2);
          guint who = amount - month == base[0] ? 0 : 1;

          g_assert_cmpint (amount - month, ==, base[who]);
          g_assert_true (ok[who]);
          if (sqlite3_column_int64 (stmt, 0) != step)
            {
              step = sqlite3_column_int64 (stmt, 0);
              /* Each import is one step, written whole before the other's. */
              g_assert_false (matched[who]);
              matched[who] = TRUE;
              steps_seen++;
              last_writer = who;
            }
          /* The figure it replaced is the one the last commit left. */
          if (current[month] < 0)
            g_assert_cmpint (sqlite3_column_type (stmt, 3), ==, SQLITE_NULL);
          else
            g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, current[month]);
          current[month] = amount;
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      g_assert_cmpuint (steps_seen, ==, (guint)(ok[0] + ok[1]));
      first_started_last += ok[0] && ok[1] && last_writer == 0;
      last_step = step;
      for (int m = 1; m <= MONTHS; m++)
        {
          g_assert_cmpint (month_value (db, f->import_ind, RACE_YEAR, m), ==, current[m]);
          g_assert_true (current[m] == base[0] + m || current[m] == base[1] + m);
        }
    }
  g_test_message ("%u races of two imports on the same cells: %u imports finished, %u reported busy, "
                  "%u races where both finished (in %u of them the one started first wrote last); %.1f s",
                  N_RACES, finished, busy, both, first_started_last,
                  (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}

/* A digest of what the database holds (not how the file is laid out). */
static char *
content_digest (Fixture *f)
{
  static const char *const tables[] = { "steps", "history", "indicator_values", "tasks", "area_notes" };
  g_autoptr (sqlite3) db = open_reader (f);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY rowid", tables[t]);
      g_autoptr (sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *)sqlite3_column_text (stmt, c);
            g_checksum_update (sum, (const guchar *)(text != NULL ? text : "\x01NULL"), -1);
            g_checksum_update (sum, (const guchar *)"\x1f", 1);
          }
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* While the app holds a step open, an import waits for it, then gives up saying the database
 * is busy, having changed nothing; the app's step is unharmed, and once it is saved the same
 * import goes through. */
static void
test_busy_import_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Import) refused = NULL;
  g_autoptr (Import) retried = NULL;
  g_autofree char *csv = write_csv (f, "busy.csv", IMPORT_FIRST_YEAR, 5000);
  g_autofree char *before = NULL, *after = NULL;
  ItogiValue value = { .present = TRUE, .amount = 77 };
  gint64 start;

  g_assert_cmpint (itogi_store_begin_step (f->app, "Concurrency test: held open", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (itogi_store_set_value (f->app, f->app_ind, APP_YEAR, ITOGI_PERIOD_YEAR, 0, &value, &error));
  g_assert_no_error (error);
  /* What other programs see: the committed state, without the app's open step. */
  before = content_digest (f);

  start = g_get_monotonic_time ();
  refused = start_import (f, csv);
  while (!refused->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (import_succeeded (refused));
  g_test_message ("the import gave up after %.1f s",
                  (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  after = content_digest (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (itogi_store_commit_step (f->app, &error));
  g_assert_no_error (error);
  retried = start_import (f, csv);
  while (!retried->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (import_succeeded (retried));
  {
    g_autoptr (sqlite3) db = open_reader (f);
    g_autofree char *app_value
        = g_strdup_printf ("SELECT amount FROM indicator_values WHERE indicator_id = %" G_GINT64_FORMAT
                           " AND year = %d AND period = 'year'",
                           f->app_ind, APP_YEAR);

    g_assert_cmpint (query_int (db, app_value), ==, 77);
    for (int m = 1; m <= MONTHS; m++)
      g_assert_cmpint (month_value (db, f->import_ind, IMPORT_FIRST_YEAR, m), ==, 5000 + m);
  }
}

/* What a file chooser does to every file of the folder it shows, the database's among them:
 * GIO opens each to guess its type from its first bytes, and closes it. */
static void
peek_like_a_file_chooser (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      char head[64];
      int fd = open (name, O_RDONLY | O_CLOEXEC);

      if (fd < 0)
        continue;
      g_assert_cmpint (read (fd, head, sizeof head), >=, 0);
      close (fd);
    }
}

/* Another library of the app's process opens and closes the database's files (GTK's file
 * chooser showing its folder, to guess their types): POSIX locks belong to the process, so that
 * close drops the locks of the app's connection. The command line must still not take the app's
 * file for unused (reset its -shm, fold and delete its log on exit): every write of both, made
 * in turns, is in the file afterwards, and the app sees the command line's. */
static void
test_file_peeked_in_process (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = write_csv (f, "first.csv", IMPORT_FIRST_YEAR, 5000);
  g_autofree char *second = write_csv (f, "second.csv", IMPORT_FIRST_YEAR + 1, 6000);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  ItogiValue value = { .present = TRUE, .amount = 0 };
  g_auto (ItogiValue) seen = { 0 };

  for (int round = 0; round < 2; round++)
    {
      g_autoptr (Import) import = NULL;

      value.amount = 100 + round;
      g_assert_true (
          itogi_store_set_value (f->app, f->app_ind, APP_YEAR + round, ITOGI_PERIOD_YEAR, 0, &value, &error));
      g_assert_no_error (error);
      peek_like_a_file_chooser (f->path);
      import = start_import (f, round == 0 ? first : second);
      while (!import->done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (import_succeeded (import));
      /* The app's log is still the file's: the command line did not fold and delete it. */
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      /* The app reads what the command line wrote. */
      g_assert_true (itogi_store_get_stored_value (f->app, f->import_ind, IMPORT_FIRST_YEAR + round,
                                                   ITOGI_PERIOD_MONTH, 12, &seen, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (seen.present);
      g_assert_cmpint (seen.amount, ==, (round == 0 ? 5000 : 6000) + 12);
      itogi_value_clear (&seen);
    }
  g_clear_pointer (&f->app, itogi_store_free);
  {
    g_autoptr (sqlite3) db = open_reader (f);

    g_assert_cmpint (
        query_int (db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
    for (int round = 0; round < 2; round++)
      {
        g_autofree char *app_value
            = g_strdup_printf ("SELECT amount FROM indicator_values WHERE indicator_id = %" G_GINT64_FORMAT
                               " AND year = %d AND period = 'year'",
                               f->app_ind, APP_YEAR + round);

        g_assert_cmpint (query_int (db, app_value), ==, 100 + round);
        for (int m = 1; m <= MONTHS; m++)
          g_assert_cmpint (month_value (db, f->import_ind, IMPORT_FIRST_YEAR + round, m), ==,
                           (round == 0 ? 5000 : 6000) + m);
      }
  }
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  cli_path = g_getenv ("ITOGI_CLI");
  if (cli_path == NULL)
    g_error ("ITOGI_CLI must name the itogi-cli program");
  ADD ("/reliability/concurrency/app-and-imports", test_app_and_imports);
  ADD ("/reliability/concurrency/imports-racing", test_imports_racing);
  ADD ("/reliability/concurrency/busy-import-changes-nothing", test_busy_import_changes_nothing);
  ADD ("/reliability/concurrency/file-peeked-in-process", test_file_peeked_in_process);
  return g_test_run ();
}
