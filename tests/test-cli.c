/* test-cli.c: itogi-cli as a user runs it: output, exit codes, and files left alone
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "test-util.h"
#include "itogi-chart-export.h"
#include "itogi-chart-model.h"
#include "itogi-report-formats.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#define G "\u202f"
#define NB "\u00a0"
#define M "\u2212"

static const char *cli_path;

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static gboolean russian;
/* When set, the CLI is run with this LD_LIBRARY_PATH (test_no_client_library). */
static const char *library_path;

static void
run (Fixture *f, Result *r, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *xdg = g_build_filename (f->dir, "xdg", NULL);
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer)cli_path);
  va_start (ap, r);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  /* The default database goes to the fixture's folder, never the user's. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg, TRUE);
  if (library_path != NULL)
    g_subprocess_launcher_setenv (launcher, "LD_LIBRARY_PATH", library_path, TRUE);
  if (russian)
    {
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "ru_RU.UTF-8", TRUE);
      g_subprocess_launcher_setenv (launcher, "LANGUAGE", "ru", TRUE);
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("itogi-cli-XXXXXX", NULL);
  f->db = itogi_test_database (f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  itogi_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* A failure is one line on stderr, nothing on stdout, and a non-zero exit. */
static void
assert_one_line_error (const Result *r)
{
  g_assert_cmpint (r->status, !=, 0);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "itogi-cli: "));
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpstr (strchr (r->err, '\n') + 1, ==, "");
}

/* The error line is exactly «itogi-cli: » and @msgid in the language the tests run in, its
 * conversions filled with the strings that follow (up to NULL). */
G_GNUC_NULL_TERMINATED static void
assert_said (const Result *r, const char *msgid, ...)
{
  const char *args[4] = { NULL };
  g_autofree char *said = NULL, *want = NULL;
  va_list ap;

  va_start (ap, msgid);
  for (guint i = 0; i < G_N_ELEMENTS (args) - 1 && (args[i] = va_arg (ap, const char *)) != NULL; i++)
    ;
  va_end (ap);
  said = itogi_test_trf (msgid, args[0], args[1], args[2], NULL);
  want = g_strconcat ("itogi-cli: ", said, "\n", NULL);
  g_assert_cmpstr (r->err, ==, want);
}

static char *
checksum (const char *path)
{
  if (g_str_has_prefix (path, "postgresql://"))
    return itogi_test_server_digest (path);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, len);
}

static void
test_init_and_table (Fixture *f, gconstpointer data)
{
  g_auto (Result) init = { 0 };
  g_auto (Result) table = { 0 };
  g_auto (Result) again = { 0 };
  g_autofree char *before = NULL, *after = NULL;

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));

  run (f, &table, "--database", f->db, "table", "--year", "2023", "--compare", "2022", "--area", "documents",
       NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_cmpstr (table.err, ==, "");
  g_assert_nonnull (strstr (table.out, "Контроль исполнения документов"));
  g_assert_nonnull (strstr (table.out, "2022" NB "г."));
  g_assert_nonnull (strstr (table.out, "22" G "808"));
  g_assert_nonnull (strstr (table.out, "23" G "142"));
  g_assert_nonnull (strstr (table.out, M "334"));
  g_assert_nonnull (strstr (table.out, M "1,4" NB "%"));
  g_assert_nonnull (strstr (table.out, "более" NB "8" G "000"));
  /* Only the one area. */
  g_assert_null (strstr (table.out, "Обращения граждан"));

  /* init never overwrites. */
  before = checksum (f->db);
  run (f, &again, "--database", f->db, "init", NULL);
  assert_one_line_error (&again);
  after = checksum (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_all_areas (Fixture *f, gconstpointer data)
{
  g_auto (Result) init = { 0 };
  g_auto (Result) table = { 0 };
  g_auto (Result) areas = { 0 };
  g_auto (GStrv) lines = NULL;

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  run (f, &table, "--database", f->db, "table", "--year", "2023", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "Внутренний муниципальный финансовый контроль"));
  g_assert_nonnull (strstr (table.out, "779" G "054,51"));
  g_assert_nonnull (strstr (table.out, "119" G "585" G "521,99"));
  g_assert_nonnull (strstr (table.out, "свыше" NB "6" G "000"));
  g_assert_nonnull (strstr (table.out, "\u2248" NB "+13,3" NB "%"));
  g_assert_nonnull (strstr (table.out, M "58,3" NB "%"));
  g_assert_nonnull (strstr (table.out, "Работа с общественными организациями"));
  g_assert_nonnull (strstr (table.out, "МКУ «Служба информационного обеспечения»"));

  run (f, &areas, "--database", f->db, "areas", NULL);
  g_assert_cmpint (areas.status, ==, 0);
  lines = g_strsplit (g_strchomp (areas.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[0], ==, "documents");
  g_assert_cmpstr (lines[7], ==, "institutions");
}

static void
test_default_database (Fixture *f, gconstpointer data)
{
  g_auto (Result) table = { 0 };
  g_autofree char *path = g_build_filename (f->dir, "xdg", "itogi", "itogi.db", NULL);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  run (f, &table, "table", "--area", "appeals", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "6" G "553"));
  g_assert_nonnull (strstr (table.out, M "1,7" NB "%"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_missing_database (Fixture *f, gconstpointer data)
{
  g_auto (Result) r = { 0 };
  g_auto (Result) r2 = { 0 };

  run (f, &r, "--database", f->db, "table", NULL);
  assert_one_line_error (&r);
  assert_said (&r, "The database file “%s” does not exist.", f->db, NULL);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  run (f, &r2, "--database", f->db, "areas", NULL);
  assert_one_line_error (&r2);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_foreign_file (Fixture *f, gconstpointer data)
{
  g_auto (Result) r = { 0 };
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (g_file_set_contents (f->db, "Показатель;2022;2023\r\nОбращения;6667;6553\r\n", -1, NULL));
  before = checksum (f->db);
  run (f, &r, "--database", f->db, "table", "--year", "2023", NULL);
  assert_one_line_error (&r);
  assert_said (&r, "“%s” is not an Itogi database (it is not an SQLite file). Nothing was changed.", f->db,
               NULL);
  after = checksum (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_damaged_file (Fixture *f, gconstpointer data)
{
  g_auto (Result) init = { 0 };
  g_auto (Result) r = { 0 };
  g_autofree char *contents = NULL, *before = NULL, *after = NULL;
  gsize len = 0;

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_get_contents (f->db, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 3 * 4096);
  /* Scribble over the second page (SQLite's default page size is 4096). */
  memset (contents + 4096, 0x5a, 64);
  g_assert_true (g_file_set_contents (f->db, contents, (gssize)len, NULL));
  before = checksum (f->db);

  run (f, &r, "--database", f->db, "table", NULL);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, itogi_test_russian () ? "повреждена" : "damaged"));
  after = checksum (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_no_areas (Fixture *f, gconstpointer data)
{
  g_auto (Result) init = { 0 };
  g_auto (Result) table = { 0 };
  g_auto (Result) areas = { 0 };
  sqlite3 *db = NULL;

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  if (itogi_test_on_server ())
    itogi_test_psql (f->db, "UPDATE areas SET archived = 1");
  else
    {
      g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "UPDATE areas SET archived = 1", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }

  run (f, &table, "--database", f->db, "table", NULL);
  assert_one_line_error (&table);
  run (f, &areas, "--database", f->db, "areas", NULL);
  g_assert_cmpint (areas.status, ==, 0);
  g_assert_cmpstr (areas.out, ==, "");
}

/* Charts from the command line: each format's signature, and clear refusals. */
static void
test_chart (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *magic;
  } files[] = {
    { "documents.png", "\x89PNG" },
    { "documents.svg", "<?xml" },
    { "documents.pdf", "%PDF" },
  };
  g_auto (Result) init = { 0 };

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto (Result) r = { 0 };
      g_autofree char *path = g_build_filename (f->dir, files[i].name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      run (f, &r, "--database", f->db, "chart", "--area", "documents", "--year", "2023", "--compare", "2022",
           "--kind", "bars", "--width", "800", "--height", "450", "-o", path, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 500);
      g_assert_true (memcmp (contents, files[i].magic, strlen (files[i].magic)) == 0);
      if (i == 0)
        {
          /* The PNG is the size asked for: IHDR's width and height. */
          const guint8 *ihdr = (const guint8 *)contents + 16;
          g_assert_cmpuint (((guint)ihdr[0] << 24) | (ihdr[1] << 16) | (ihdr[2] << 8) | ihdr[3], ==, 800);
          g_assert_cmpuint (((guint)ihdr[4] << 24) | (ihdr[5] << 16) | (ihdr[6] << 8) | ihdr[7], ==, 450);
        }
    }

  /* The kind asked for is the kind drawn: bars and a change chart are different pictures. */
  {
    g_auto (Result) a = { 0 };
    g_auto (Result) b = { 0 };
    g_autofree char *pa = g_build_filename (f->dir, "bars.svg", NULL);
    g_autofree char *pb = g_build_filename (f->dir, "change.svg", NULL);
    g_autofree char *ca = NULL, *cb = NULL;
    run (f, &a, "--database", f->db, "chart", "--area", "documents", "--kind", "bars", "-o", pa, NULL);
    run (f, &b, "--database", f->db, "chart", "--area", "documents", "--kind", "change", "-o", pb, NULL);
    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (b.status, ==, 0);
    g_assert_true (g_file_get_contents (pa, &ca, NULL, NULL) && g_file_get_contents (pb, &cb, NULL, NULL));
    g_assert_cmpstr (ca, !=, cb);
  }

  /* Every kind of the one table is drawn, and refusing an unknown kind names every one of them. */
  {
    guint n_kinds;
    const ItogiChartKindInfo *kinds = itogi_chart_kinds (&n_kinds);
    g_auto (Result) pie = { 0 };
    g_autofree char *path = g_build_filename (f->dir, "pie.svg", NULL);

    for (guint i = 0; i < n_kinds; i++)
      {
        g_auto (Result) r = { 0 };
        g_autofree char *name = g_strdup_printf ("kind-%s.svg", kinds[i].name);
        g_autofree char *out = g_build_filename (f->dir, name, NULL);
        run (f, &r, "--database", f->db, "chart", "--area", "documents", "--kind", kinds[i].name, "-o", out,
             NULL);
        g_assert_cmpint (r.status, ==, 0);
        g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
      }
    run (f, &pie, "--database", f->db, "chart", "--kind", "pie", "-o", path, NULL);
    for (guint i = 0; i < n_kinds; i++)
      g_assert_nonnull (strstr (pie.err, kinds[i].name));
  }

  /* With no size given, each format has its table's size: a PDF is an A4 landscape page. */
  {
    g_auto (Result) r = { 0 };
    g_autofree char *out = g_build_filename (f->dir, "default.svg", NULL);
    g_autofree char *contents = NULL;
    const ItogiChartFormatInfo *svg = itogi_chart_format_info (ITOGI_CHART_FORMAT_SVG);
    g_autofree char *width = g_strdup_printf ("width=\"%gpt\"", svg->width);

    run (f, &r, "--database", f->db, "chart", "--area", "documents", "-o", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, width));
  }

  /* Bad requests: one line, no file. */
  {
    static const char *const bad[][4] = {
      { "--kind", "pie", NULL },
      { "--width", "50", NULL },
      { "--height", "huge", NULL },
      { "--area", "nowhere", NULL },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto (Result) r = { 0 };
        g_autofree char *path = g_build_filename (f->dir, "bad.png", NULL);
        run (f, &r, "--database", f->db, "chart", bad[i][0], bad[i][1], "-o", path, NULL);
        assert_one_line_error (&r);
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      }
  }
  {
    g_auto (Result) r = { 0 };
    g_autofree char *path = g_build_filename (f->dir, "chart.jpeg", NULL);
    run (f, &r, "--database", f->db, "chart", "-o", path, NULL);
    assert_one_line_error (&r);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Result) r = { 0 };
    run (f, &r, "--database", f->db, "chart", NULL);
    assert_one_line_error (&r);
  }
}

/* backup and check: a checked copy that opens; a sound file passes, a damaged copy fails with its problem. */
static void
test_backup_and_check (Fixture *f, gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "Резервная копия.db", NULL);
  g_auto (Result) init = { 0 };
  g_auto (Result) backup = { 0 };
  g_auto (Result) check = { 0 };
  g_auto (Result) table = { 0 };
  g_auto (Result) bad = { 0 };
  g_auto (Result) usage = { 0 };

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  run (f, &backup, "--database", f->db, "backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  run (f, &table, "--database", copy, "table", "--year", "2023", "--area", "documents", NULL);
  g_assert_nonnull (strstr (table.out, "22\u202f808"));
  run (f, &check, "--database", copy, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  run (f, &usage, "--database", f->db, "backup", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
    g_assert_cmpint (
        sqlite3_exec (db,
                      "PRAGMA foreign_keys = OFF; INSERT INTO tasks (area_id, year, position, text,"
                      " changed_by, changed_at) VALUES (424242, 2024, 1, 'x', 'x', 'x');",
                      NULL, NULL, NULL),
        ==, SQLITE_OK);
    sqlite3_close (db);
  }
  run (f, &bad, "--database", copy, "check", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "tasks"));
}

/* restore: a sound backup takes the database's place, the old file is kept aside; anything
 * else is refused and changes nothing. */
static void
test_restore (Fixture *f, gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "not-a-db.db", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "good.csv", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_auto (Result) init = { 0 };
  g_auto (Result) backup = { 0 };
  g_auto (Result) import = { 0 };
  g_auto (Result) refused = { 0 };
  g_auto (Result) restored = { 0 };
  g_auto (Result) table = { 0 };
  g_autoptr (GDir) d = NULL;
  const char *name;
  guint aside = 0;

  run (f, &init, "--database", f->db, "init", NULL);
  run (f, &backup, "--database", f->db, "backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_true (g_file_set_contents (
      csv, "Показатель;Год;Значение\nПроведено выездных и камеральных проверок;2023;99\n", -1, NULL));
  run (f, &import, "--database", f->db, "import", csv, NULL);
  g_assert_cmpint (import.status, ==, 0);

  g_assert_true (g_file_set_contents (text, "not a database", -1, NULL));
  before = checksum (f->db);
  run (f, &refused, "--database", f->db, "restore", text, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  after = checksum (f->db);
  g_assert_cmpstr (before, ==, after);

  run (f, &restored, "--database", f->db, "restore", copy, NULL);
  g_assert_cmpint (restored.status, ==, 0);
  run (f, &table, "--database", f->db, "table", "--year", "2023", "--area", "financial-control", NULL);
  g_assert_nonnull (strstr (table.out, " 23 "));
  g_assert_null (strstr (table.out, "99"));
  d = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    aside += strstr (name, "-replaced-") != NULL && g_str_has_suffix (name, ".db");
  g_assert_cmpuint (aside, ==, 1);
}

/* import: a good file lands, a dry run and a bad file change nothing, problems are listed. */
static void
test_import (Fixture *f, gconstpointer data)
{
  g_autofree char *good = g_build_filename (f->dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_auto (Result) init = { 0 };
  g_auto (Result) dry = { 0 };
  g_auto (Result) ok = { 0 };
  g_auto (Result) table = { 0 };
  g_auto (Result) refused = { 0 };

  g_assert_true (g_file_set_contents (good,
                                      "\xef\xbb\xbfПоказатель;Год;Значение\r\n"
                                      "Проведено выездных и камеральных проверок;2024;31\r\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (bad,
                                      "Показатель,Год,Значение\n"
                                      "Проведено выездных и камеральных проверок,2025,40\n"
                                      "Нет такого,2025,5\n"
                                      "Проведено выездных и камеральных проверок,2026,-1\n",
                                      -1, NULL));
  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);

  before = checksum (f->db);
  run (f, &dry, "--database", f->db, "import", good, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "1"));
  after = checksum (f->db);
  g_assert_cmpstr (before, ==, after);

  run (f, &ok, "--database", f->db, "import", good, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  run (f, &table, "--database", f->db, "table", "--year", "2024", "--area", "financial-control", NULL);
  g_assert_nonnull (strstr (table.out, "31"));
  g_assert_nonnull (strstr (table.out, "+8"));

  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = checksum (f->db);
  run (f, &refused, "--database", f->db, "import", bad, NULL);
  g_assert_cmpint (refused.status, !=, 0);
  g_assert_cmpstr (refused.out, ==, "");
  /* Each problem on a line of its own, with its place, then the verdict. */
  {
    g_autofree char *first = itogi_test_trf ("Line %u, column %u", "3", "1", NULL);
    g_autofree char *second = itogi_test_trf ("Line %u, column %u", "4", "3", NULL);
    g_autofree char *verdict
        = itogi_test_trn ("%s problem; nothing was imported.", "%s problems; nothing was imported.", 2);
    g_autofree char *last_line = g_strconcat ("itogi-cli: ", verdict, "\n", NULL);
    g_assert_true (g_str_has_prefix (refused.err, first));
    g_assert_nonnull (strstr (refused.err, second));
    g_assert_true (g_str_has_suffix (refused.err, last_line));
  }
  after = checksum (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_arguments (Fixture *f, gconstpointer data)
{
  static const char *const cases[][6] = {
    { "table", "--year", "abc", NULL },
    { "table", "--year", "20233", NULL },
    { "table", "--compare", "", NULL },
    { "table", "--area", "no-such-area", NULL },
    { "table", "--colour", NULL },
    { "table", "extra", NULL },
    { "frobnicate", NULL },
    { "--verbose", "table", NULL },
    { "areas", "extra", NULL },
    { "--database", NULL },
    { "import", NULL },
    { "import", "/no/such/file.csv", NULL },
    { NULL },
  };
  g_auto (Result) init = { 0 };

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Result) r = { 0 };
      gboolean with_db = cases[i][0] != NULL && g_strcmp0 (cases[i][0], "--database") != 0;

      g_test_message ("case %u: %s %s", i, cases[i][0] ? cases[i][0] : "(no command)",
                      cases[i][1] ? cases[i][1] : "");
      if (with_db)
        run (f, &r, "--database", f->db, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      else
        run (f, &r, cases[i][0], NULL);
      assert_one_line_error (&r);
    }
  /* Nothing was created in the default place either. */
  {
    g_autofree char *default_db = g_build_filename (f->dir, "xdg", "itogi", "itogi.db", NULL);
    g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
  }
}

/* Under a Russian locale the program speaks Russian, and the figures are unchanged. */
static void
test_russian (Fixture *f, gconstpointer data)
{
  g_auto (Result) init = { 0 };
  g_auto (Result) table = { 0 };
  g_auto (Result) bad = { 0 };

  russian = TRUE;
  run (f, &init, "--database", f->db, "init", NULL);
  run (f, &table, "--database", f->db, "table", "--year", "2023", "--area", "documents", NULL);
  run (f, &bad, "--database", f->db, "table", "--year", "abc", NULL);
  russian = FALSE;

  g_assert_cmpint (init.status, ==, 0);
  g_assert_nonnull (strstr (init.out, itogi_test_on_server () ? "База данных на сервере" : "Создан файл"));
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "Контроль исполнения документов: 2023" NB "г. к 2022" NB "г."));
  g_assert_nonnull (strstr (table.out, "Показатель"));
  g_assert_nonnull (strstr (table.out, "Ед. изм."));
  g_assert_nonnull (strstr (table.out, "Изменение, %"));
  g_assert_null (strstr (table.out, "Indicator"));
  g_assert_nonnull (strstr (table.out, "22" G "808"));
  g_assert_nonnull (strstr (table.out, M "1,4" NB "%"));
  assert_one_line_error (&bad);
  g_assert_nonnull (strstr (bad.err, "нужен год"));
}

/* Whether @dir holds a file whose name has @part (a temporary copy left behind). */
static gboolean
has_file_with (const char *dir, const char *part)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (strstr (name, part) != NULL)
      return TRUE;
  return FALSE;
}

/* Folders and files named as an office names them: spaces, Cyrillic, «ё», guillemets, a
 * semicolon, an apostrophe and an ampersand. Every command works there and leaves nothing
 * half-written. */
static void
test_cyrillic_paths (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->dir, "Отчёт за 2023 год; «итоги» & копии 'Ёлки'", NULL);
  g_autofree char *db = g_build_filename (folder, "итоги 2023.db", NULL);
  g_autofree char *xlsx = g_build_filename (folder, "Итоги 2023 к 2022.xlsx", NULL);
  g_autofree char *csv_out = g_build_filename (folder, "Итоги 2023 к 2022.csv", NULL);
  g_autofree char *csv_in = g_build_filename (folder, "данные за 2024 год.csv", NULL);
  g_autofree char *backups = g_build_filename (folder, "Резервные копии", NULL);
  g_autofree char *backup = g_build_filename (backups, "итоги 2023 (копия от 31.12).db", NULL);
  g_autofree char *chart = g_build_filename (folder, "Диаграмма «Контроль».svg", NULL);
  g_autofree char *nowhere = g_build_filename (folder, "Нет такой папки", "Итоги.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_auto (Result) init = { 0 };
  g_auto (Result) xl = { 0 };
  g_auto (Result) cs = { 0 };
  g_auto (Result) dry = { 0 };
  g_auto (Result) imp = { 0 };
  g_auto (Result) table = { 0 };
  g_auto (Result) bk = { 0 };
  g_auto (Result) check = { 0 };
  g_auto (Result) ch = { 0 };
  g_auto (Result) rs = { 0 };
  g_auto (Result) bad = { 0 };
  gsize len = 0;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  run (f, &init, "--database", db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_nonnull (strstr (init.out, "итоги 2023.db"));

  run (f, &xl, "--database", db, "export", "--year", "2023", "--compare", "2022", "-o", xlsx, NULL);
  g_assert_cmpint (xl.status, ==, 0);
  g_assert_true (g_file_get_contents (xlsx, &contents, &len, NULL));
  g_assert_true (len > 1000 && memcmp (contents, "PK", 2) == 0);
  g_clear_pointer (&contents, g_free);
  run (f, &cs, "--database", db, "export", "-o", csv_out, NULL);
  g_assert_cmpint (cs.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_out, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfНаправление;"));

  g_assert_true (g_file_set_contents (csv_in,
                                      "\xef\xbb\xbfПоказатель;Год;Период;Значение\r\n"
                                      "Проведено выездных и камеральных проверок;2024;IV квартал;12\r\n",
                                      -1, NULL));
  run (f, &dry, "--database", db, "import", csv_in, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  run (f, &imp, "--database", db, "import", csv_in, NULL);
  g_assert_cmpint (imp.status, ==, 0);
  run (f, &table, "--database", db, "table", "--year", "2024", "--area", "financial-control", NULL);
  g_assert_nonnull (strstr (table.out, "12"));

  run (f, &bk, "--database", db, "backup", backup, NULL);
  g_assert_cmpint (bk.status, ==, 0);
  g_assert_nonnull (strstr (bk.out, "копия от 31.12"));
  run (f, &check, "--database", backup, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);

  run (f, &ch, "--database", db, "chart", "--area", "documents", "-o", chart, NULL);
  g_assert_cmpint (ch.status, ==, 0);
  g_assert_true (g_file_test (chart, G_FILE_TEST_IS_REGULAR));

  /* The backup, made before the import, takes the database's place; the old one is kept. */
  run (f, &rs, "--database", db, "restore", backup, NULL);
  g_assert_cmpint (rs.status, ==, 0);
  g_assert_true (has_file_with (folder, "итоги 2023-replaced-"));

  /* A folder that does not exist: one line naming the file, nothing created. */
  run (f, &bad, "--database", db, "export", "-o", nowhere, NULL);
  assert_one_line_error (&bad);
  g_assert_nonnull (strstr (bad.err, "Нет такой папки"));

  g_assert_false (has_file_with (folder, ".part-"));
  g_assert_false (has_file_with (folder, ".new-"));
  g_assert_false (has_file_with (backups, ".itogi-backup-"));
}

/* A hostile CSV: each problem on one line of its own, harmless to the terminal, then the verdict. */
static void
test_hostile_import (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "hostile.csv", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GString) text = g_string_new ("Показатель;Год;Период;Значение;Примечание\n");
  g_auto (Result) init = { 0 };
  g_auto (Result) r = { 0 };
  g_auto (Result) utf = { 0 };
  g_auto (GStrv) lines = NULL;

  g_string_append (text, "\x1b]0;pwned\x07\x1b[2J;2024;;1;\n");
  g_string_append (text, "Проведено выездных и камеральных проверок;2024;Q5;1e20;\"две\nстроки\x1b[31m\"\n");
  for (int i = 0; i < 20000; i++)
    g_string_append (text, "ж");
  g_string_append (text, ";2024;;1;\n");
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  before = checksum (f->db);
  run (f, &r, "--database", f->db, "import", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_null (strchr (r.err, '\x1b'));
  g_assert_null (strchr (r.err, '\x07'));
  lines = g_strsplit (g_strchomp (r.err), "\n", -1);
  /* Line 2: the name; line 3: period, value and note; line 5: the name; then the verdict. */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpint (g_utf8_strlen (lines[i], -1), <, 300);
  {
    g_autofree char *period = itogi_test_trf ("Line %u, column %u", "3", "4", NULL);
    g_autofree char *value = itogi_test_trf ("Line %u, column %u", "3", "5", NULL);
    g_autofree char *verdict
        = itogi_test_trn ("%s problem; nothing was imported.", "%s problems; nothing was imported.", 5);
    g_assert_nonnull (strstr (r.err, period));
    g_assert_nonnull (strstr (r.err, value));
    g_assert_nonnull (strstr (r.err, "U+001B"));
    g_assert_nonnull (strstr (r.err, verdict));
  }
  after = checksum (f->db);
  g_assert_cmpstr (before, ==, after);

  /* Not UTF-8 at all: one line with the line number, nothing imported. */
  g_assert_true (g_file_set_contents (
      csv, "Показатель;Год;Значение\n\xcf\xf0\xee\xe2\xe5\xe4\xe5\xed\xee;2024;1\n", -1, NULL));
  run (f, &utf, "--database", f->db, "import", csv, NULL);
  assert_one_line_error (&utf);
  {
    g_autofree char *said
        = itogi_test_tr_n ("Line %u is not UTF-8 text. Save the table as “CSV UTF-8” and try again.", 2);
    g_assert_nonnull (strstr (utf.err, said));
  }
  g_clear_pointer (&after, g_free);
  after = checksum (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* itogi-cli copy: the database (on a server run, the server's) into a new file, which then shows
 * the same table; a second copy onto it is refused with one line, and the file is left as it was. */
static void
test_copy (Fixture *f, gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "Копия базы.db", NULL);
  g_auto (Result) init = { 0 };
  g_auto (Result) copied = { 0 };
  g_auto (Result) original = { 0 };
  g_auto (Result) from_copy = { 0 };
  g_auto (Result) again = { 0 };
  g_autofree char *before = NULL, *after = NULL;

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  run (f, &copied, "copy", f->db, copy, NULL);
  g_assert_cmpint (copied.status, ==, 0);
  g_assert_cmpstr (copied.err, ==, "");
  g_assert_nonnull (strstr (copied.out, itogi_test_russian () ? "8 направлений" : "8 areas"));
  run (f, &original, "--database", f->db, "table", "--year", "2023", NULL);
  run (f, &from_copy, "--database", copy, "table", "--year", "2023", NULL);
  g_assert_cmpint (from_copy.status, ==, 0);
  g_assert_cmpstr (from_copy.out, ==, original.out);

  before = checksum (copy);
  run (f, &again, "copy", f->db, copy, NULL);
  assert_one_line_error (&again);
  after = checksum (copy);
  g_assert_cmpstr (after, ==, before);
}

/* itogi-cli access: on a server, rights given, listed and taken back, said in the user's words; on
 * a file, one line saying rights are a server's, and the file unchanged. Bad calls are usage. */
static void
test_access (Fixture *f, gconstpointer data)
{
  g_auto (Result) init = { 0 };
  g_auto (Result) grant = { 0 };
  g_auto (Result) head = { 0 };
  g_auto (Result) list = { 0 };
  g_auto (Result) revoke = { 0 };
  g_auto (Result) bad = { 0 };

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  run (f, &bad, "--database", f->db, "access", "grant", "clerk", "--all", "--manage", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  if (!itogi_test_on_server ())
    {
      g_autofree char *before = checksum (f->db);
      g_autofree char *after = NULL;

      run (f, &grant, "--database", f->db, "access", "grant", "clerk", "--area", "legal", NULL);
      assert_said (&grant,
                   "Rights per area are a shared server’s: a database file is open to whoever may open "
                   "its folder. Nothing was changed.",
                   NULL);
      after = checksum (f->db);
      g_assert_cmpstr (after, ==, before);
      return;
    }
  itogi_test_psql (f->db, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cli_clerk')"
                          " THEN CREATE ROLE cli_clerk LOGIN; CREATE ROLE cli_head LOGIN; END IF; END $$");
  run (f, &grant, "--database", f->db, "access", "grant", "cli_clerk", "--area", "legal", "--read", NULL);
  g_assert_cmpint (grant.status, ==, 0);
  {
    g_autofree char *granted = g_strconcat (
        itogi_test_tr ("Granted. The server enforces it from the role’s next transaction."), "\n", NULL);
    g_assert_cmpstr (grant.out, ==, granted);
  }
  run (f, &head, "--database", f->db, "access", "grant", "cli_head", "--all", NULL);
  g_assert_cmpint (head.status, ==, 0);
  run (f, &list, "--database", f->db, "access", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  {
    g_autofree char *reads = itogi_test_trf ("%s: reads “%s”", "cli_clerk", "legal", NULL);
    g_autofree char *all = itogi_test_trf ("%s: reads and edits every area", "cli_head", NULL);
    g_autofree char *want = g_strdup_printf ("%s\n%s\n", reads, all);
    g_assert_cmpstr (list.out, ==, want);
  }
  run (f, &revoke, "--database", f->db, "access", "revoke", "cli_clerk", "--area", "legal", NULL);
  g_assert_cmpint (revoke.status, ==, 0);
  g_assert_nonnull (strstr (revoke.out, itogi_test_tr ("Revoked.")));
}

/* The line of @area in «status» output, or NULL. */
static char *
status_line (const char *out, const char *area)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], area))
      return g_strdup (lines[i]);
  return NULL;
}

/* «status --year»: every area's sign-off and what lacks a figure; submit, approve, unlock; a
 * refused move and an import into an approved year change nothing. */
static void
test_status (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "legal.csv", NULL);
  g_autofree char *before = NULL, *after = NULL, *line = NULL, *head = NULL, *want = NULL;
  /* The status words (msgctxt "status"), lowercased as the lines show them. */
  g_autofree char *draft = g_utf8_strdown (itogi_test_tr ("status\004Draft"), -1);
  g_autofree char *submitted = g_utf8_strdown (itogi_test_tr ("status\004Submitted"), -1);
  g_autofree char *approved = g_utf8_strdown (itogi_test_tr ("status\004Approved"), -1);
  const char *legal = "Правовое обеспечение — ";
  g_auto (Result) init = { 0 };
  g_auto (Result) r = { 0 };

  /* The lines are Russian text, checked as the office reads them. */
  if (!itogi_test_russian ())
    {
      g_test_skip ("the status lines are checked in Russian");
      return;
    }
  g_assert_cmpstr (draft, ==, "черновик");
  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_set_contents (
      csv, "Показатель;Год;Значение\nПодано юристами Городской Управы исков и заявлений;2023;7000\n", -1,
      NULL));

  run (f, &r, "--database", f->db, "status", "--year", "2023", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "2023\u00a0г.: утверждено 0 из 8 разделов; на утверждении: 0; "
                                          "черновиков: 8\n"));
  line = status_line (r.out, legal);
  want = g_strconcat (legal, draft, "; с данными 4 из 4 показателей", NULL);
  g_assert_cmpstr (line, ==, want);
  result_clear (&r);

  /* Approving a draft is refused, and nothing changes. */
  before = checksum (f->db);
  run (f, &r, "--database", f->db, "status", "--year", "2023", "--area", "legal", "--approve", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_said (&r,
               "The area’s figures for %s have not been submitted: only submitted figures can be approved. "
               "Nothing was changed.",
               "2023\u00a0г.", NULL);
  after = checksum (f->db);
  g_assert_cmpstr (after, ==, before);
  result_clear (&r);
  g_clear_pointer (&after, g_free);

  run (f, &r, "--database", f->db, "status", "--year", "2023", "--area", "legal", "--submit", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_free (line);
  line = status_line (r.out, legal);
  head = g_strconcat (legal, submitted, " (", itogi_test_user (), ", ", NULL);
  g_assert_true (g_str_has_prefix (line, head));
  result_clear (&r);
  run (f, &r, "--database", f->db, "status", "--year", "2023", "--area", "legal", "--approve", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "2023\u00a0г.: утверждено 1 из 8 разделов; на утверждении: 0; "
                                          "черновиков: 7\n"));
  g_free (line);
  line = status_line (r.out, legal);
  g_assert_nonnull (strstr (line, approved));
  result_clear (&r);

  /* The approved year takes no import, whole or in part. */
  g_free (before);
  before = checksum (f->db);
  run (f, &r, "--database", f->db, "import", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, itogi_test_tr ("The figures of this area for that year are approved, and "
                                                  "locked: only the head of administration can unlock them. "
                                                  "Nothing was saved.")));
  after = checksum (f->db);
  g_assert_cmpstr (after, ==, before);
  result_clear (&r);

  /* The report of the approved areas only: its section, not another's, and what was left out. */
  run (f, &r, "--database", f->db, "report", "--year", "2023", "--approved-only", "-o", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\nПравовое обеспечение\n"));
  g_assert_null (strstr (r.out, "\nКонтроль исполнения документов\n"));
  g_assert_nonnull (strstr (r.err, "Не утверждены итоги за 2023\u00a0г.: Контроль документов; "));
  result_clear (&r);
  run (f, &r, "--database", f->db, "report", "--year", "2023", "-o", "-", NULL);
  g_assert_nonnull (strstr (r.out, "\nКонтроль исполнения документов\n"));
  result_clear (&r);

  /* Unlocked: a draft again, and the import goes through. */
  run (f, &r, "--database", f->db, "status", "--year", "2023", "--area", "legal", "--unlock", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_free (line);
  line = status_line (r.out, legal);
  g_assert_true (g_str_has_prefix (line, want));
  result_clear (&r);
  run (f, &r, "--database", f->db, "import", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  /* Unlocking what is not approved says so. */
  run (f, &r, "--database", f->db, "status", "--year", "2023", "--area", "legal", "--unlock", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_said (&r, "“%s” for %s is not approved: nothing was changed.", "Правовое обеспечение",
               "2023\u00a0г.", NULL);
}

/* A server out of reach: every command ends with one plain line naming it, whatever it does. */
static void
test_server_unreachable (Fixture *f, gconstpointer data)
{
  g_autofree char *uri = g_strdup_printf ("postgresql://clerk@/itogi?host=%s", f->dir);
  static const char *const commands[][6] = {
    { "table", "--year", "2023", NULL },
    { "status", "--year", "2023", NULL },
    { "status", "--year", "2023", "--area", "legal", "--submit" },
    { "report", "--year", "2023", "-o", "-", NULL },
    { "areas", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (Result) r = { 0 };

      run (f, &r, "--database", uri, commands[i][0], commands[i][1], commands[i][2], commands[i][3],
           commands[i][4], commands[i][5], NULL);
      g_test_message ("%s: %s", commands[i][0], r.err);
      assert_one_line_error (&r);
      /* It names the database it could not reach. */
      g_assert_nonnull (strstr (r.err, "«itogi»") != NULL ? strstr (r.err, "«itogi»")
                                                          : strstr (r.err, "“itogi”"));
    }
}

/* A desktop without PostgreSQL's client library (here a broken libpq.so.5 found before the
 * system's): a database file works as ever, since libpq is only opened for a server; a server's
 * address gets one plain line saying what is missing and what to install. */
static void
test_no_client_library (Fixture *f, gconstpointer data)
{
  g_autofree char *lib = g_build_filename (f->dir, "lib", NULL);
  g_autofree char *broken = g_build_filename (lib, "libpq.so.5", NULL);
  g_autofree char *file = g_build_filename (f->dir, "файл.db", NULL);
  g_autofree char *uri = g_strdup_printf ("postgresql://clerk@/itogi?host=%s", f->dir);
  g_autofree char *want = NULL;
  g_auto (Result) init = { 0 };
  g_auto (Result) table = { 0 };
  g_auto (Result) server = { 0 };
  const char *said;

  g_assert_cmpint (g_mkdir (lib, 0700), ==, 0);
  g_assert_true (g_file_set_contents (broken, "not a library\n", -1, NULL));
  library_path = lib;
  run (f, &init, "--database", file, "init", NULL);
  run (f, &table, "--database", file, "table", "--year", "2023", "--area", "documents", NULL);
  run (f, &server, "--database", uri, "table", "--year", "2023", NULL);
  library_path = NULL;

  g_assert_cmpint (init.status, ==, 0);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "22" G "808"));
  g_test_message ("%s", server.err);
  assert_one_line_error (&server);
  /* The message up to the loader's own words, then the file it could not use. */
  want
      = itogi_test_trf ("The PostgreSQL client library could not be loaded, so no server can be reached: %s. "
                        "Install the libpq5 package.",
                        "\x01", NULL);
  *strchr (want, '\x01') = '\0';
  said = server.err + strlen ("itogi-cli: ");
  g_assert_true (g_str_has_prefix (said, want));
  g_assert_nonnull (strstr (said, broken));
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
/* A test of what only a database file has: skipped, and said so, when the tests run on a server. */
static void
skip_on_server (Fixture *f, gconstpointer data)
{
  itogi_test_file_only ();
}
#define ADD_FILE(path, func)                                                                                 \
  g_test_add (path, Fixture, NULL, fixture_set_up, itogi_test_on_server () ? skip_on_server : func,          \
              fixture_tear_down)

/* itogi-cli report: the written report as text, PDF and ODT, with the edits made in the app. */
static void
test_report (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_build_filename (f->dir, "Отчёт за 2023 год", NULL);
  g_autofree char *pdf = g_build_filename (folder, "Итоги 2023.pdf", NULL);
  g_autofree char *odt = g_build_filename (folder, "Итоги 2023.odt", NULL);
  g_autofree char *txt = g_build_filename (folder, "Итоги 2023.txt", NULL);
  g_auto (Result) init = { 0 };
  g_auto (Result) text = { 0 };

  run (f, &init, "--database", f->db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  /* Text on standard output: the report's sentences with its figures and agreement. */
  run (f, &text, "--database", f->db, "report", "--year", "2023", "--compare", "2022", "-o", "-", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  g_assert_nonnull (
      strstr (text.out, "поступило 22\u202f808 (2022\u00a0г.\u00a0–\u00a023\u202f142) обращений"));
  g_assert_nonnull (strstr (text.out, "Обработано более\u00a08\u00a0тысяч контрольных документов"));
  g_assert_nonnull (strstr (text.out, "свыше\u00a06\u00a0тысяч"));
  g_assert_nonnull (strstr (text.out, "779\u00a0тыс.\u00a0руб. (779\u202f054,51\u00a0руб.)"));
  g_assert_nonnull (strstr (text.out, "порядка\u00a0340 (2022\u00a0г.\u00a0–\u00a0300) сотрудников"));

  /* A year with no figures is written all the same, but said on standard error, naming the
   * areas that have none (those that only ever have text are not named). */
  {
    g_auto (Result) empty = { 0 };

    run (f, &empty, "--database", f->db, "report", "--year", "2024", "--compare", "2023", "-o", "-", NULL);
    g_assert_cmpint (empty.status, ==, 0);
    /* In the interface's words (the sanitizer pass runs in English), the data's names as they
     * are: every area with indicators, not the two that only have text; nothing of 2023. */
    assert_said (&empty, "There is no figure for %s in: %s.", "2024\u00a0г.",
                 "Контроль исполнения документов; Обращения граждан; Внутренний муниципальный финансовый "
                 "контроль; Правовое обеспечение; Снижение административных барьеров; Развитие кадрового "
                 "потенциала",
                 NULL);
  }

  /* An edit kept in the database (as the Report page keeps it) is what the report says. */
  {
    const char *kept = "INSERT INTO report_texts (area_id, year, compare_year, text, changed_by,"
                       " changed_at) SELECT id, 2023, 2022, 'Юристы работали весь год.', 'test', ''"
                       " FROM areas WHERE slug = 'legal'";
    sqlite3 *db = NULL;

    if (itogi_test_on_server ())
      itogi_test_psql (f->db, kept);
    else
      {
        g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_exec (db, kept, NULL, NULL, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_changes (db), ==, 1);
        sqlite3_close (db);
      }
  }
  {
    g_auto (Result) r = { 0 };
    g_autofree char *contents = NULL;
    run (f, &r, "--database", f->db, "report", "--year", "2023", "-o", txt, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (txt, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "Юристы работали весь год."));
    g_assert_null (strstr (contents, "свыше\u00a06\u00a0тысяч"));
    g_assert_nonnull (strstr (contents, "22\u202f808"));
  }

  /* PDF and ODT, chosen by the file name, in a folder with spaces and Cyrillic. */
  {
    g_auto (Result) r = { 0 };
    g_autofree char *contents = NULL;
    gsize len = 0;
    run (f, &r, "--database", f->db, "report", "--year", "2023", "-o", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
    g_assert_true (len > 10000 && memcmp (contents, "%PDF", 4) == 0);
  }
  {
    g_auto (Result) r = { 0 };
    g_autofree char *contents = NULL;
    gsize len = 0;
    run (f, &r, "--database", f->db, "report", "--year", "2023", "--format", "odt", "-o", odt, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (odt, &contents, &len, NULL));
    /* A zip whose first entry is the stored mimetype. */
    g_assert_true (len > 1000 && memcmp (contents, "PK\003\004", 4) == 0);
    /* The local header is 30 bytes; the name follows, then the stored (uncompressed) content. */
    g_assert_true (memcmp (contents + 30, "mimetypeapplication/vnd.oasis.opendocument.text", 47) == 0);
  }

  /* Every format of the one table is written, named by the file's extension alone. */
  {
    guint n_formats;
    const ItogiReportFormat *formats = itogi_report_formats (&n_formats);

    for (guint i = 0; i < n_formats; i++)
      {
        g_auto (Result) r = { 0 };
        g_autofree char *name = g_strdup_printf ("Каждый.%s", formats[i].name);
        g_autofree char *out = g_build_filename (folder, name, NULL);
        run (f, &r, "--database", f->db, "report", "--year", "2023", "-o", out, NULL);
        g_assert_cmpint (r.status, ==, 0);
        g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
      }
  }

  /* Mistakes get one line and no file; an unknown format is told every known one. */
  {
    g_auto (Result) r = { 0 };
    g_autofree char *bad = g_build_filename (folder, "x.doc", NULL);
    guint n_formats;
    const ItogiReportFormat *formats = itogi_report_formats (&n_formats);
    run (f, &r, "--database", f->db, "report", "--year", "2023", "--format", "doc", "-o", bad, NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_one_line_error (&r);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
    for (guint i = 0; i < n_formats; i++)
      g_assert_nonnull (strstr (r.err, formats[i].name));
  }
  {
    g_auto (Result) r = { 0 };
    run (f, &r, "--database", f->db, "report", "--year", "2023", NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_one_line_error (&r);
  }
  {
    /* A name of another kind of file, without --format: not guessed. */
    g_auto (Result) r = { 0 };
    g_autofree char *doc = g_build_filename (folder, "Итоги.doc", NULL);
    run (f, &r, "--database", f->db, "report", "--year", "2023", "-o", doc, NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_one_line_error (&r);
    g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));
  }
  {
    /* A year against itself, or a later one, says nothing: refused. */
    g_auto (Result) r = { 0 };
    run (f, &r, "--database", f->db, "report", "--year", "2023", "--compare", "2023", "-o", "-", NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_one_line_error (&r);
    g_assert_cmpstr (r.out, ==, "");
  }
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  cli_path = g_getenv ("ITOGI_CLI");
  if (cli_path == NULL)
    g_error ("ITOGI_CLI must name the itogi-cli program");
  ADD_FILE ("/cli/init-and-table", test_init_and_table);
  ADD ("/cli/all-areas", test_all_areas);
  ADD_FILE ("/cli/default-database", test_default_database);
  ADD_FILE ("/cli/missing-database", test_missing_database);
  ADD_FILE ("/cli/foreign-file", test_foreign_file);
  ADD_FILE ("/cli/damaged-file", test_damaged_file);
  ADD ("/cli/no-areas", test_no_areas);
  ADD ("/cli/import", test_import);
  ADD ("/cli/chart", test_chart);
  ADD ("/cli/bad-arguments", test_bad_arguments);
  ADD_FILE ("/cli/backup-and-check", test_backup_and_check);
  ADD_FILE ("/cli/restore", test_restore);
  ADD ("/cli/russian", test_russian);
  ADD_FILE ("/cli/cyrillic-paths", test_cyrillic_paths);
  ADD ("/cli/hostile-import", test_hostile_import);
  ADD ("/cli/report", test_report);
  ADD ("/cli/copy", test_copy);
  ADD ("/cli/access", test_access);
  ADD ("/cli/status", test_status);
  ADD ("/cli/server-unreachable", test_server_unreachable);
  ADD ("/cli/no-client-library", test_no_client_library);
  return g_test_run ();
}
