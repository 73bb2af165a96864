/* test-store.c: schema, migrations, refusal of foreign files, and every figure of the report
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <grp.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "full-vfs.h"
#include "itogi-csv.h"
#include "itogi-format.h"
#include "itogi-import.h"
#include "itogi-narrative.h"
#include "itogi-seed.h"
#include "itogi-store-file.h"
#include "itogi-store-private.h"
#include "itogi-store.h"
#include "itogi-table.h"
#include "itogi-yoy.h"
#include "test-util.h"

#define G "\u202f"
#define NB "\u00a0"
#define M "\u2212"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("itogi-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = itogi_test_database (f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  itogi_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (GPtrArray) areas = NULL;
  static const char *const slugs[] = {
    "documents", "appeals",        "public-relations", "financial-control",
    "legal",     "admin-barriers", "personnel",        "institutions",
  };
  g_autofree char *office = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (itogi_store_get_schema_version (store), ==, ITOGI_STORE_SCHEMA_VERSION);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, ITOGI_STORE_APPLICATION_ID);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, ITOGI_STORE_SCHEMA_VERSION);
  /* No temporary file is left beside it. */
  {
    g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_true (g_str_has_prefix (name, "itogi.db"));
  }

  areas = itogi_store_list_areas (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, G_N_ELEMENTS (slugs));
  for (guint i = 0; i < areas->len; i++)
    {
      ItogiArea *area = g_ptr_array_index (areas, i);
      g_assert_cmpstr (area->slug, ==, slugs[i]);
      g_assert_cmpstr (area->title, !=, "");
      g_assert_cmpstr (area->short_title, !=, "");
    }

  office = itogi_store_get_meta (store, "office");
  g_assert_cmpstr (office, ==, "Управление делами Городского Головы города Калуги");
}

static gboolean
fill_one_area (ItogiStore *store, gpointer data, GError **error)
{
  g_autoptr (ItogiArea) area = itogi_area_new ();

  area->slug = g_strdup (data);
  area->title = g_strdup ("Одно направление");
  area->short_title = g_strdup ("Одно");
  area->description = g_strdup ("");
  area->icon = g_strdup ("");
  return itogi_store_add_area (store, area, error) != 0;
}

static gboolean
fill_and_fail (ItogiStore *store, gpointer data, GError **error)
{
  if (!fill_one_area (store, data, error))
    return FALSE;
  g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED, "refused half way");
  return FALSE;
}

/* The store makes the schema; what goes in is the caller's: nothing, its own, or the built-in
 * data (itogi_seed_create ()). A fill that fails leaves no file. */
static void
test_create_filled_by_caller (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) empty = itogi_store_create (f->path, NULL, NULL, &error);
  g_autoptr (ItogiStore) own = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autofree char *second = g_build_filename (f->dir, "own.db", NULL);
  g_autofree char *third = g_build_filename (f->dir, "failed.db", NULL);

  g_assert_no_error (error);
  g_assert_cmpint (itogi_store_get_schema_version (empty), ==, ITOGI_STORE_SCHEMA_VERSION);
  /* A file's copies are its own to make; an ability it does not know of, it does not claim. */
  g_assert_true (itogi_store_can (empty, ITOGI_STORE_ABILITY_FILE_COPIES));
  g_assert_false (itogi_store_can (empty, (ItogiStoreAbility)(1 << 7)));
  areas = itogi_store_list_areas (empty, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, 0);
  g_clear_pointer (&areas, g_ptr_array_unref);

  own = itogi_store_create (second, fill_one_area, (gpointer) "one", &error);
  g_assert_no_error (error);
  areas = itogi_store_list_areas (own, TRUE, &error);
  g_assert_cmpuint (areas->len, ==, 1);
  g_assert_cmpstr (((ItogiArea *)areas->pdata[0])->slug, ==, "one");

  g_assert_null (itogi_store_create (third, fill_and_fail, (gpointer) "two", &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED);
  g_assert_false (g_file_test (third, G_FILE_TEST_EXISTS));
  {
    g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, "failed.db"));
  }
}

typedef struct
{
  const char *area;
  const char *indicator;
  int year;
  gboolean present;
  gint64 amount;
  ItogiQualifier qualifier;
} Figure;

/* Every figure of the report, as it states it; and the years it gives none for. */
static const Figure report_figures[] = {
  { "documents", "incoming-legal", 2023, TRUE, 22808, ITOGI_QUALIFIER_EXACT },
  { "documents", "incoming-legal", 2022, TRUE, 23142, ITOGI_QUALIFIER_EXACT },
  { "documents", "head-instructions", 2023, TRUE, 1079, ITOGI_QUALIFIER_EXACT },
  { "documents", "head-instructions", 2022, TRUE, 1064, ITOGI_QUALIFIER_EXACT },
  { "documents", "outgoing", 2023, TRUE, 3997, ITOGI_QUALIFIER_EXACT },
  { "documents", "outgoing", 2022, TRUE, 4829, ITOGI_QUALIFIER_EXACT },
  { "documents", "other-documents", 2023, TRUE, 1543, ITOGI_QUALIFIER_EXACT },
  { "documents", "other-documents", 2022, TRUE, 1674, ITOGI_QUALIFIER_EXACT },
  { "documents", "control-documents", 2023, TRUE, 8000, ITOGI_QUALIFIER_MORE },
  { "documents", "control-documents", 2022, FALSE, 0, 0 },
  { "documents", "meeting-instructions", 2023, TRUE, 1959, ITOGI_QUALIFIER_EXACT },
  { "documents", "meeting-instructions", 2022, FALSE, 0, 0 },
  { "documents", "broadcast-instructions", 2023, TRUE, 4, ITOGI_QUALIFIER_EXACT },
  { "documents", "broadcast-instructions", 2022, FALSE, 0, 0 },
  { "appeals", "written-appeals", 2023, TRUE, 6553, ITOGI_QUALIFIER_EXACT },
  { "appeals", "written-appeals", 2022, TRUE, 6667, ITOGI_QUALIFIER_EXACT },
  { "financial-control", "inspections", 2023, TRUE, 23, ITOGI_QUALIFIER_EXACT },
  { "financial-control", "inspections", 2022, TRUE, 16, ITOGI_QUALIFIER_EXACT },
  { "financial-control", "budget-savings", 2023, TRUE, 77905451, ITOGI_QUALIFIER_EXACT },
  { "financial-control", "budget-savings", 2022, FALSE, 0, 0 },
  { "legal", "legal-clinic", 2023, TRUE, 65, ITOGI_QUALIFIER_EXACT },
  { "legal", "legal-clinic", 2022, FALSE, 0, 0 },
  { "legal", "lawsuits", 2023, TRUE, 6000, ITOGI_QUALIFIER_OVER },
  { "legal", "lawsuits", 2022, TRUE, 6624, ITOGI_QUALIFIER_EXACT },
  { "legal", "court-sessions", 2023, TRUE, 5600, ITOGI_QUALIFIER_MORE },
  { "legal", "court-sessions", 2022, TRUE, 5648, ITOGI_QUALIFIER_EXACT },
  { "legal", "recovered", 2023, TRUE, 11958552199, ITOGI_QUALIFIER_EXACT },
  { "legal", "recovered", 2022, FALSE, 0, 0 },
  { "admin-barriers", "e-services", 2023, TRUE, 71, ITOGI_QUALIFIER_EXACT },
  { "admin-barriers", "e-services", 2022, TRUE, 74, ITOGI_QUALIFIER_EXACT },
  { "admin-barriers", "mfc-services", 2023, TRUE, 50, ITOGI_QUALIFIER_EXACT },
  { "admin-barriers", "mfc-services", 2022, FALSE, 0, 0 },
  { "admin-barriers", "mfc-applications", 2023, TRUE, 3493, ITOGI_QUALIFIER_EXACT },
  { "admin-barriers", "mfc-applications", 2022, TRUE, 8374, ITOGI_QUALIFIER_EXACT },
  { "personnel", "staff-trained", 2023, TRUE, 340, ITOGI_QUALIFIER_ORDER },
  { "personnel", "staff-trained", 2022, TRUE, 300, ITOGI_QUALIFIER_EXACT },
};

static ItogiIndicator *
find_indicator (ItogiStore *store, const char *area_slug, const char *slug)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, area_slug, &error);
  g_autoptr (GPtrArray) list = NULL;

  g_assert_no_error (error);
  list = itogi_store_list_indicators (store, area->id, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      ItogiIndicator *ind = g_ptr_array_index (list, i);
      if (g_strcmp0 (ind->slug, slug) == 0)
        return itogi_indicator_copy (ind);
    }
  g_error ("indicator %s/%s not found", area_slug, slug);
}

static void
test_report_figures (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (GPtrArray) all = NULL;
  guint with_values = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (report_figures); i++)
    {
      const Figure *fig = &report_figures[i];
      g_autoptr (ItogiIndicator) ind = find_indicator (store, fig->area, fig->indicator);
      g_auto (ItogiValue) value = { 0 };

      g_test_message ("%s/%s %d", fig->area, fig->indicator, fig->year);
      g_assert_true (itogi_store_get_year_value (store, ind, fig->year, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value.present, ==, fig->present);
      if (fig->present)
        {
          g_assert_cmpint (value.amount, ==, fig->amount);
          g_assert_cmpint (value.qualifier, ==, fig->qualifier);
          g_assert_false (value.derived);
          with_values++;
        }
    }

  /* Nothing more is stored than the report states: 18 indicators, 29 figures. */
  all = itogi_store_list_indicators (store, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 18);
  g_assert_cmpuint (with_values, ==, 29);
  {
    g_autoptr (GArray) years = itogi_store_list_years (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (years->len, ==, 2);
    g_assert_cmpint (g_array_index (years, int, 0), ==, 2022);
    g_assert_cmpint (g_array_index (years, int, 1), ==, 2023);
  }
}

static void
test_report_texts (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (ItogiIndicator) eserv = NULL;
  g_autoptr (ItogiArea) barriers = NULL, institutions = NULL, public = NULL;
  g_autoptr (GPtrArray) insts = NULL, none = NULL;
  g_auto (ItogiValue) v2022 = { 0 };
  g_auto (ItogiValue) v2023 = { 0 };
  g_autofree char *note = NULL, *no_note = NULL;

  g_assert_no_error (error);
  eserv = find_indicator (store, "admin-barriers", "e-services");
  g_assert_cmpint (eserv->aggregation, ==, ITOGI_AGGREGATION_LAST);
  g_assert_cmpstr (eserv->forms[2], ==, "услуг");
  g_assert_true (itogi_store_get_year_value (store, eserv, 2022, &v2022, &error));
  g_assert_true (itogi_store_get_year_value (store, eserv, 2023, &v2023, &error));
  g_assert_null (v2022.as_of);
  g_assert_nonnull (strstr (v2022.note, "В конце 2022 года"));
  g_assert_nonnull (strstr (v2023.note, "Социальный фонд России"));

  barriers = itogi_store_find_area (store, "admin-barriers", &error);
  note = itogi_store_get_area_note (store, barriers->id, 2023, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (note, "цифровой трансформации"));
  /* The explanations of single figures are those figures' notes, not the area's. */
  g_assert_null (strstr (note, "Социальный фонд России"));
  g_assert_null (strstr (note, "Единый портал госуслуг"));
  no_note = itogi_store_get_area_note (store, barriers->id, 2022, &error);
  g_assert_no_error (error);
  g_assert_null (no_note);

  institutions = itogi_store_find_area (store, "institutions", &error);
  insts = itogi_store_list_institutions (store, institutions->id, 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (insts->len, ==, 3);
  g_assert_cmpstr (((ItogiInstitution *)insts->pdata[0])->name, ==,
                   "МКУ «Служба информационного обеспечения»");
  g_assert_nonnull (strstr (((ItogiInstitution *)insts->pdata[1])->note, "Калужская неделя"));
  g_assert_nonnull (strstr (((ItogiInstitution *)insts->pdata[2])->name, "транспортного"));

  public = itogi_store_find_area (store, "public-relations", &error);
  g_assert_cmpstr (public->title, ==, "Работа с общественными организациями и правоохранительными органами");
  none = itogi_store_list_indicators (store, public->id, TRUE, &error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_table (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (GPtrArray) rows = NULL, all = NULL;
  g_auto (ItogiTableRowText) text = { 0 };

  rows = itogi_table_build (store, "documents", 2023, 2022, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 7);
  itogi_table_row_format (rows->pdata[0], &text);
  g_assert_cmpstr (text.current, ==, "22" G "808");
  g_assert_cmpstr (text.previous, ==, "23" G "142");
  g_assert_cmpstr (text.delta, ==, M "334");
  g_assert_cmpstr (text.percent, ==, M "1,4" NB "%");

  all = itogi_table_build (store, NULL, 2023, 2022, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 18);

  g_assert_null (itogi_table_build (store, "no-such-area", 2023, 2022, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND);
}

static void
test_refuse_existing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (g_file_set_contents (f->path, "my own notes\n", -1, NULL));
  before = file_checksum (f->path);
  g_assert_null (itogi_seed_create (f->path, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_EXISTS);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (itogi_store_open (f->path, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* The checksum of a file, or "absent". */
static char *
checksum_or_absent (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS) ? file_checksum (path) : g_strdup ("absent");
}

/* Refused with @code, and the file and its write-ahead log are byte for byte as they were. */
static void
assert_refused_unchanged (const char *path, int code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = file_checksum (path);
  g_autofree char *wal_before = checksum_or_absent (wal);
  g_autofree char *after = NULL, *wal_after = NULL;

  g_assert_null (itogi_store_open (path, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, itogi_test_phrase ("Nothing was changed")));
  after = file_checksum (path);
  wal_after = checksum_or_absent (wal);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (wal_before, ==, wal_after);
}

/* Leave @sql committed only in the -wal file, as a program that crashed would. */
static void
raw_exec_leaving_wal (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_text_file (Fixture *f, gconstpointer data)
{
  g_assert_true (g_file_set_contents (f->path, "Показатель;2022;2023\n", -1, NULL));
  assert_refused_unchanged (f->path, ITOGI_STORE_ERROR_NOT_DATABASE);
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  assert_refused_unchanged (f->path, ITOGI_STORE_ERROR_NOT_DATABASE);
}

static void
test_open_foreign (Fixture *f, gconstpointer data)
{
  raw_exec (f->path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');");
  assert_refused_unchanged (f->path, ITOGI_STORE_ERROR_FOREIGN);
}

static void
test_open_foreign_wal (Fixture *f, gconstpointer data)
{
  raw_exec_leaving_wal (f->path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');");
  assert_refused_unchanged (f->path, ITOGI_STORE_ERROR_FOREIGN);
}

static void
test_open_newer_wal (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ItogiStore *store = itogi_seed_create (f->path, &error);

  g_assert_no_error (error);
  itogi_store_free (store);
  raw_exec_leaving_wal (f->path, "PRAGMA user_version = 99; INSERT INTO meta VALUES ('from', 'the future');");
  assert_refused_unchanged (f->path, ITOGI_STORE_ERROR_NEWER);
}

static void
test_open_newer (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ItogiStore *store = itogi_seed_create (f->path, &error);

  g_assert_no_error (error);
  itogi_store_free (store);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  assert_refused_unchanged (f->path, ITOGI_STORE_ERROR_NEWER);
}

static void
test_open_corrupt (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ItogiStore *store = itogi_seed_create (f->path, &error);
  g_autofree char *contents = NULL;
  gsize len = 0;
  gint64 page_size = raw_int (f->path, "PRAGMA page_size");

  g_assert_no_error (error);
  itogi_store_free (store);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE;");
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, (gsize)page_size * 3);
  /* Scribble over the header of page 2. */
  memset (contents + page_size, 0x5a, 64);
  g_assert_true (g_file_set_contents (f->path, contents, (gssize)len, NULL));
  assert_refused_unchanged (f->path, ITOGI_STORE_ERROR_CORRUPT);
}

static void
test_migrate_from_v0 (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; CREATE TABLE t (x); DROP TABLE t;",
                                          ITOGI_STORE_APPLICATION_ID);

  raw_exec (f->path, sql);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 0);
  store = itogi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (itogi_store_get_schema_version (store), ==, ITOGI_STORE_SCHEMA_VERSION);
  areas = itogi_store_list_areas (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'indicator_values'"),
                   ==, 1);
}

/* A migration that fails half way leaves the file as it was: same version, same tables. */
static void
test_migration_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql
      = g_strdup_printf ("PRAGMA application_id = %d;"
                         "CREATE TABLE tasks (note TEXT); INSERT INTO tasks VALUES ('keep me');",
                         ITOGI_STORE_APPLICATION_ID);

  /* An old file that already has a table the migration wants to create. */
  raw_exec (f->path, sql);
  g_assert_null (itogi_store_open (f->path, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'areas'"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM tasks WHERE note = 'keep me'"), ==, 1);
}

static gint64
add_test_indicator (ItogiStore *store, ItogiAggregation aggregation)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, "personnel", &error);
  ItogiIndicator ind = {
    .area_id = area->id,
    .slug = (char *)(aggregation == ITOGI_AGGREGATION_SUM ? "flow" : "stock"),
    .title = (char *)"Тестовый показатель",
    .unit = (char *)"ед.",
    .kind = ITOGI_KIND_COUNT,
    .aggregation = aggregation,
    .polarity = ITOGI_POLARITY_GOOD,
    .position = 10,
  };
  gint64 id = itogi_store_add_indicator (store, &ind, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_derived_year (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  gint64 flow_id = add_test_indicator (store, ITOGI_AGGREGATION_SUM);
  gint64 stock_id = add_test_indicator (store, ITOGI_AGGREGATION_LAST);
  ItogiIndicator flow = { .id = flow_id, .aggregation = ITOGI_AGGREGATION_SUM };
  ItogiIndicator stock = { .id = stock_id, .aggregation = ITOGI_AGGREGATION_LAST };
  g_auto (ItogiValue) v = { 0 };

  for (int m = 1; m <= 12; m++)
    {
      ItogiValue month = { .present = TRUE, .amount = m * 10 };
      g_assert_true (itogi_store_set_value (store, flow_id, 2024, ITOGI_PERIOD_MONTH, m, &month, &error));
      g_assert_true (itogi_store_set_value (store, stock_id, 2024, ITOGI_PERIOD_MONTH, m, &month, &error));
    }
  g_assert_no_error (error);

  g_assert_true (itogi_store_get_year_value (store, &flow, 2024, &v, &error));
  g_assert_true (v.present && v.derived && !v.partial);
  g_assert_cmpint (v.amount, ==, 780);
  itogi_value_clear (&v);
  g_assert_true (itogi_store_get_year_value (store, &stock, 2024, &v, &error));
  g_assert_true (v.present && v.derived && !v.partial);
  g_assert_cmpint (v.amount, ==, 120);
  itogi_value_clear (&v);

  /* Quarters of 2025, one missing, one approximate. */
  for (int q = 1; q <= 3; q++)
    {
      ItogiValue quarter = { .present = TRUE,
                             .amount = 100,
                             .qualifier = q == 2 ? ITOGI_QUALIFIER_ORDER : ITOGI_QUALIFIER_EXACT };
      g_assert_true (itogi_store_set_value (store, flow_id, 2025, ITOGI_PERIOD_QUARTER, q, &quarter, &error));
    }
  g_assert_true (itogi_store_get_year_value (store, &flow, 2025, &v, &error));
  g_assert_true (v.present && v.derived && v.partial);
  g_assert_cmpint (v.amount, ==, 300);
  g_assert_cmpint (v.qualifier, ==, ITOGI_QUALIFIER_ORDER);
  g_assert_false (v.uncertain);
  /* Part of a year is not compared with a whole one. */
  {
    g_auto (ItogiValue) whole = { .present = TRUE, .amount = 250 };
    ItogiYoy yoy;
    itogi_yoy_compute (&v, &whole, &yoy);
    g_assert_cmpint (yoy.kind, ==, ITOGI_CHANGE_NONE);
    itogi_yoy_compute (&whole, &v, &yoy);
    g_assert_cmpint (yoy.kind, ==, ITOGI_CHANGE_NONE);
  }
  itogi_value_clear (&v);

  /* A lower and an upper bound add up to something unknown, not to «около». */
  {
    ItogiValue more = { .present = TRUE, .amount = 100, .qualifier = ITOGI_QUALIFIER_MORE };
    ItogiValue less = { .present = TRUE, .amount = 50, .qualifier = ITOGI_QUALIFIER_LESS };
    ItogiValue exact = { .present = TRUE, .amount = 10 };
    g_auto (ItogiValue) whole = { .present = TRUE, .amount = 20 };
    ItogiYoy yoy;

    for (int q = 1; q <= 4; q++)
      g_assert_true (itogi_store_set_value (store, flow_id, 2026, ITOGI_PERIOD_QUARTER, q,
                                            q == 1   ? &more
                                            : q == 2 ? &less
                                                     : &exact,
                                            &error));
    g_assert_true (itogi_store_get_year_value (store, &flow, 2026, &v, &error));
    g_assert_true (v.present && v.derived && !v.partial && v.uncertain);
    g_assert_cmpint (v.amount, ==, 170);
    itogi_yoy_compute (&v, &whole, &yoy);
    g_assert_cmpint (yoy.kind, ==, ITOGI_CHANGE_NONE);
    itogi_value_clear (&v);
  }

  /* Lower bounds alone stay a lower bound. */
  {
    ItogiValue more = { .present = TRUE, .amount = 100, .qualifier = ITOGI_QUALIFIER_MORE };
    ItogiValue over = { .present = TRUE, .amount = 30, .qualifier = ITOGI_QUALIFIER_OVER };
    for (int m = 1; m <= 12; m++)
      g_assert_true (itogi_store_set_value (store, flow_id, 2027, ITOGI_PERIOD_MONTH, m,
                                            m == 5 ? &over : &more, &error));
    g_assert_true (itogi_store_get_year_value (store, &flow, 2027, &v, &error));
    g_assert_true (v.present && !v.partial && !v.uncertain);
    g_assert_cmpint (v.qualifier, ==, ITOGI_QUALIFIER_MORE);
    g_assert_cmpint (v.amount, ==, 1130);
    itogi_value_clear (&v);
  }

  /* A whole-year value wins over its months. */
  {
    ItogiValue year = { .present = TRUE, .amount = 777 };
    g_assert_true (itogi_store_set_value (store, flow_id, 2024, ITOGI_PERIOD_YEAR, 0, &year, &error));
  }
  g_assert_true (itogi_store_get_year_value (store, &flow, 2024, &v, &error));
  g_assert_true (v.present && !v.derived);
  g_assert_cmpint (v.amount, ==, 777);
}

static void
test_write_refused_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (ItogiIndicator) ind = find_indicator (store, "documents", "incoming-legal");
  ItogiValue first = { .present = TRUE, .amount = 1 };
  ItogiValue absurd = { .present = TRUE, .amount = ITOGI_AMOUNT_MAX + 1 };
  g_auto (ItogiValue) v = { 0 };

  /* Two writes in one transaction: the second is refused, so neither lands. */
  g_assert_true (itogi_store_begin (store, &error));
  g_assert_true (itogi_store_set_value (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &first, &error));
  g_assert_false (itogi_store_set_value (store, ind->id, 2022, ITOGI_PERIOD_YEAR, 0, &absurd, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  itogi_store_rollback (store);

  g_assert_true (itogi_store_get_year_value (store, ind, 2023, &v, NULL));
  g_assert_cmpint (v.amount, ==, 22808);
  itogi_value_clear (&v);
  g_assert_true (itogi_store_get_year_value (store, ind, 2022, &v, NULL));
  g_assert_cmpint (v.amount, ==, 23142);

  /* A period index outside the year is refused by the schema. */
  g_clear_error (&error);
  g_assert_false (itogi_store_set_value (store, ind->id, 2023, ITOGI_PERIOD_MONTH, 13, &first, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
}

static char *xdg_home;

static void
test_default_path (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = itogi_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  ItogiStore *store;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (path, xdg_home));
  g_assert_true (g_str_has_suffix (path, "/itogi/itogi.db"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = itogi_seed_open_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  itogi_store_free (store);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The second time it opens the same file, keeping what was written. */
  store = itogi_seed_open_default (&error);
  g_assert_no_error (error);
  g_assert_true (itogi_store_set_meta (store, "probe", "kept", &error));
  itogi_store_free (store);
  store = itogi_seed_open_default (&error);
  g_assert_no_error (error);
  {
    g_autofree char *probe = itogi_store_get_meta (store, "probe");
    g_assert_cmpstr (probe, ==, "kept");
  }
  itogi_store_free (store);
}

static void
test_tasks (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, "appeals", &error);
  g_autoptr (GPtrArray) none = NULL, tasks = NULL;

  /* The report promises tasks for 2024 but lists none: none are invented. */
  none = itogi_store_list_tasks (store, area->id, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpint (itogi_store_add_task (store, area->id, 2024, "Сократить сроки ответов", &error), >, 0);
  g_assert_cmpint (itogi_store_add_task (store, area->id, 2024, "Перейти на электронные ответы", &error), >,
                   0);
  g_assert_cmpint (itogi_store_add_task (store, area->id, 2024, "", &error), ==, 0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);

  tasks = itogi_store_list_tasks (store, area->id, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  g_assert_cmpstr (((ItogiTask *)tasks->pdata[0])->text, ==, "Сократить сроки ответов");
  g_assert_cmpint (((ItogiTask *)tasks->pdata[0])->position, <, ((ItogiTask *)tasks->pdata[1])->position);
  g_assert_false (((ItogiTask *)tasks->pdata[1])->done);
}

/* Collapse runs of white space, so the report's line breaks and double spaces do not matter. */
static char *
normalize_space (const char *text)
{
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *collapsed = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);

  return g_utf8_strdown (g_strstrip (collapsed), -1);
}

static void
assert_sentences_in_report (const char *report, const char *text, const char *where)
{
  g_auto (GStrv) sentences = g_strsplit (text, ". ", -1);

  for (guint i = 0; sentences[i] != NULL; i++)
    {
      g_autofree char *sentence = normalize_space (sentences[i]);
      gsize len = strlen (sentence);

      if (len > 0 && sentence[len - 1] == '.')
        sentence[len - 1] = '\0';
      if (strstr (report, sentence) == NULL)
        g_error ("%s: «%s» is not the report's wording", where, sentence);
    }
}

/* Every note shown as the report's own words is found word for word in the report. */
static void
test_notes_are_the_reports_words (Fixture *f, gconstpointer data)
{
  const char *seed = g_getenv ("ITOGI_SEED_REPORT");
  g_autoptr (GError) error = NULL;
  g_autofree char *raw = NULL, *report = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (GPtrArray) areas = NULL, indicators = NULL;
  guint checked = 0;

  /* A verbatim copy of the source report is kept with the tests (tests/data): never skipped. */
  g_assert_nonnull (seed);
  if (!g_file_get_contents (seed, &raw, NULL, NULL))
    g_error ("the source report %s cannot be read", seed);
  report = normalize_space (raw);
  store = itogi_seed_create (f->path, &error);
  g_assert_no_error (error);

  areas = itogi_store_list_areas (store, TRUE, &error);
  for (guint a = 0; a < areas->len; a++)
    {
      ItogiArea *area = areas->pdata[a];
      g_autofree char *note = itogi_store_get_area_note (store, area->id, 2023, &error);
      g_autoptr (GPtrArray) insts = itogi_store_list_institutions (store, area->id, 2023, &error);

      if (note != NULL)
        assert_sentences_in_report (report, note, area->slug), checked++;
      for (guint i = 0; i < insts->len; i++)
        {
          ItogiInstitution *inst = insts->pdata[i];
          g_assert_nonnull (inst->note);
          assert_sentences_in_report (report, inst->note, inst->name), checked++;
        }
      if (area->description != NULL && *area->description != '\0')
        assert_sentences_in_report (report, area->description, area->slug), checked++;
    }

  indicators = itogi_store_list_indicators (store, 0, TRUE, &error);
  for (guint i = 0; i < indicators->len; i++)
    for (int year = 2022; year <= 2023; year++)
      {
        ItogiIndicator *ind = indicators->pdata[i];
        g_auto (ItogiValue) v = { 0 };
        g_assert_true (itogi_store_get_year_value (store, ind, year, &v, &error));
        if (v.note != NULL)
          assert_sentences_in_report (report, v.note, ind->slug), checked++;
      }
  /* 3 area notes, 3 institutions, 6 descriptions, 6 value notes. */
  g_assert_cmpuint (checked, ==, 18);
}

/* A backup is a checked, private, whole copy; a failed one leaves nothing behind. */
/* Read-only opening writes nothing, not even the journal mode; every write is refused plainly. */
static void
test_open_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  ItogiStore *store = itogi_seed_create (f->path, &error);
  gint64 indicator_id;
  ItogiValue v = { .present = TRUE, .amount = 5 };

  g_assert_no_error (error);
  g_assert_false (itogi_store_is_read_only (store));
  indicator_id = add_test_indicator (store, ITOGI_AGGREGATION_SUM);
  itogi_store_free (store);
  before = file_checksum (f->path);

  store = itogi_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (itogi_store_is_read_only (store));
  {
    g_autoptr (GPtrArray) rows = itogi_table_build (store, "documents", 2023, 2022, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, >, 0);
  }
  g_assert_false (itogi_store_set_value (store, indicator_id, 2024, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
  g_assert_nonnull (strstr (error->message, "itogi.db"));
  g_clear_error (&error);
  g_assert_cmpint (itogi_store_begin_step (store, "x", &error), ==, 0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
  g_clear_error (&error);
  itogi_store_free (store);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  /* A file that is not ours is refused the same way as when opened for writing. */
  {
    g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
    g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
    g_assert_null (itogi_store_open_read_only (text, &error));
    g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_DATABASE);
    g_clear_error (&error);
  }
}

/* A damaged file finds its backups by name alone, newest first; moving aside keeps the journal. */
static void
test_list_backups_and_move_aside (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  ItogiStore *store = itogi_seed_create (f->path, &error);
  g_autofree char *dir = itogi_store_backup_dir_for (f->path);
  g_autofree char *older = g_build_filename (dir, "itogi-20230101-090000-daily.db", NULL);
  g_autofree char *stray = g_build_filename (dir, "itogi-notes.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other-20990101-090000-daily.db", NULL);
  g_autofree char *made = NULL, *moved = NULL, *wal = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GDateTime) when = NULL;

  g_assert_no_error (error);
  made = itogi_store_backup_named (store, "manual", &error);
  g_assert_no_error (error);
  itogi_store_free (store);
  g_assert_true (g_file_set_contents (older, "old", -1, NULL));
  g_assert_true (g_file_set_contents (stray, "not a backup name", -1, NULL));
  g_assert_true (g_file_set_contents (other, "another database's", -1, NULL));

  list = itogi_store_list_backups (f->path);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (list->pdata[0], ==, made);
  g_assert_cmpstr (list->pdata[1], ==, older);
  when = itogi_store_backup_time (older);
  g_assert_nonnull (when);
  g_assert_cmpint (g_date_time_get_year (when), ==, 2023);
  g_assert_cmpint (g_date_time_get_hour (when), ==, 9);
  g_assert_null (itogi_store_backup_time (stray));
  g_clear_pointer (&list, g_ptr_array_unref);
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "none", "x.db", NULL);
    list = itogi_store_list_backups (nowhere);
    g_assert_cmpuint (list->len, ==, 0);
  }

  /* Moved aside with its -wal, under a dated name; the original name is free. */
  wal = g_strconcat (f->path, "-wal", NULL);
  g_assert_true (g_file_set_contents (wal, "journal", -1, NULL));
  g_assert_true (itogi_store_move_aside (f->path, "damaged", &moved, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (moved, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (moved, "itogi-damaged-"));
  {
    g_autofree char *moved_wal = g_strconcat (moved, "-wal", NULL);
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (moved_wal, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "journal");
  }
  /* Restoring the newest backup puts a sound database back in its place. */
  g_assert_true (itogi_store_restore (made, f->path, "damaged", NULL, &error));
  g_assert_no_error (error);
  store = itogi_store_open (f->path, &error);
  g_assert_no_error (error);
  itogi_store_free (store);
}

/* Whether @dir holds a file whose name contains @infix. */
static gboolean
dir_has (const char *dir, const char *infix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (strstr (name, infix) != NULL)
      return TRUE;
  return FALSE;
}

static char *
first_note (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_store_open_to_read (path, &error);
  g_autoptr (GPtrArray) areas = NULL;
  char *note;

  g_assert_no_error (error);
  areas = itogi_store_list_areas (store, FALSE, &error);
  g_assert_no_error (error);
  note = itogi_store_get_area_note (store, ((ItogiArea *)areas->pdata[0])->id, 2030, &error);
  g_assert_no_error (error);
  return note;
}

static void
set_first_note (ItogiStore *store, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, &error);

  g_assert_no_error (error);
  g_assert_true (itogi_store_set_area_note (store, ((ItogiArea *)areas->pdata[0])->id, 2030, text, &error));
  g_assert_no_error (error);
}

static void
count_step (guint done, guint total, gpointer data)
{
  GString *steps = data;
  g_string_append_printf (steps, "%u/%u ", done, total);
}

/* A restore in two halves: the copy is made while the database is open (a window goes on
 * meanwhile), and put in place only once this process has let go of the file. A cancel, and a
 * copy never put in place, leave nothing behind. */
static void
test_restore_in_two_halves (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autofree char *backup = g_build_filename (f->dir, "копия.db", NULL);
  g_autoptr (GString) steps = g_string_new (NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  ItogiProgress progress = { NULL, count_step, steps };
  ItogiRestore *restore;
  g_autofree char *kept = NULL, *note = NULL, *kept_note = NULL;

  g_assert_no_error (error);
  set_first_note (store, "in the backup");
  g_assert_true (itogi_store_backup (store, backup, &error));
  g_assert_no_error (error);
  set_first_note (store, "in the database");

  /* Cancelled: refused in plain words, nothing left beside the file. */
  g_cancellable_cancel (cancellable);
  progress.cancellable = cancellable;
  g_assert_null (itogi_store_restore_prepare (backup, f->path, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, itogi_test_tr ("Cancelled: nothing was restored."));
  g_clear_error (&error);
  g_assert_false (dir_has (f->dir, ".itogi-part-"));

  /* Made while the database is open: its three steps told, the database untouched. */
  progress.cancellable = NULL;
  restore = itogi_store_restore_prepare (backup, f->path, &progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restore);
  g_assert_cmpstr (steps->str, ==, "0/3 1/3 2/3 ");
  g_assert_true (dir_has (f->dir, ".itogi-part-"));
  note = first_note (f->path);
  g_assert_cmpstr (note, ==, "in the database");
  g_clear_pointer (&note, g_free);
  /* Not put in place while the store still has it open: nothing changes, the copy goes. */
  g_assert_false (itogi_store_restore_finish (restore, "replaced", &kept, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kept);
  g_assert_false (dir_has (f->dir, ".itogi-part-"));
  g_assert_false (dir_has (f->dir, "-replaced-"));
  note = first_note (f->path);
  g_assert_cmpstr (note, ==, "in the database");
  g_clear_pointer (&note, g_free);

  /* Abandoned: the copy goes, nothing else. */
  restore = itogi_store_restore_prepare (backup, f->path, NULL, &error);
  g_assert_no_error (error);
  itogi_store_restore_abandon (restore);
  g_assert_false (dir_has (f->dir, ".itogi-part-"));

  /* Made while open, put in place once closed: the backup's data, the old file kept aside. */
  restore = itogi_store_restore_prepare (backup, f->path, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, itogi_store_free);
  g_assert_true (itogi_store_restore_finish (restore, "replaced", &kept, &error));
  g_assert_no_error (error);
  note = first_note (f->path);
  g_assert_cmpstr (note, ==, "in the backup");
  g_assert_nonnull (kept);
  kept_note = first_note (kept);
  g_assert_cmpstr (kept_note, ==, "in the database");
  g_assert_false (dir_has (f->dir, ".itogi-part-"));
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  g_autofree char *dest = g_build_filename (f->dir, "копия с пробелом.db", NULL);
  g_autoptr (ItogiStore) copy = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GDir) d = NULL;
  GStatBuf st;
  const char *name;

  g_assert_no_error (error);
  g_assert_true (itogi_store_backup (store, dest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  copy = itogi_store_open (dest, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) rows = itogi_table_build (copy, "documents", 2023, 2022, &error);
    g_autofree char *first
        = itogi_format_value (&((ItogiTableRow *)rows->pdata[0])->current, ITOGI_KIND_COUNT, 0);
    g_assert_cmpstr (first, ==, "22\u202f808");
  }
  problems = itogi_store_check (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  /* Not over a database this process has open (the copy)... */
  g_assert_false (itogi_store_backup (store, dest, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* ...but once it is closed, again over the first: replaced whole. */
  g_clear_pointer (&copy, itogi_store_free);
  g_assert_true (itogi_store_backup (store, dest, &error));
  g_assert_no_error (error);
  /* Never over the database itself, however it is named. */
  {
    g_autofree char *before = file_checksum (f->path);
    g_autofree char *odd = g_strconcat (f->dir, "//./itogi.db", NULL);
    g_autofree char *link = g_build_filename (f->dir, "link.db", NULL);
    g_autofree char *after = NULL;

    g_assert_false (itogi_store_backup (store, f->path, &error));
    g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (itogi_store_backup (store, odd, &error));
    g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (symlink (f->path, link), ==, 0);
    g_assert_false (itogi_store_backup (store, link, &error));
    g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    after = file_checksum (f->path);
    g_assert_cmpstr (after, ==, before);
  }

  /* A folder that cannot be written: see /core/store/read-only/backup-folder, which also runs
   * as root. A folder that does not exist: refused too, whoever runs it. */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "backup.db", NULL);
    g_assert_false (itogi_store_backup (store, nowhere, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "backup.db"));
    g_clear_error (&error);
  }
  d = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".itogi-"));
}

/* ---- read-only files and folders, and a full disk ----
 *
 * Root ignores permission bits, and CI runs the tests as root: there the checks run in a child
 * that has given up root for «nobody» (uid and gid 65534), so that the bits mean what they say.
 * Run as anyone else, the child keeps its user and the bits work as they are. */

#define NOBODY 65534

typedef enum
{
  RO_FILE_AND_FOLDER, /* the file 0444 in a folder 0555: nothing can be written */
  RO_FOLDER,          /* the file writable, its folder 0555: no -wal can be made beside it */
  RO_FILE,            /* the file 0444 in a writable folder */
} ReadOnlyCase;

/* A database with one figure added, made read-only as @ro_case says; its folder is returned. */
static char *
make_read_only_database (ReadOnlyCase ro_case, char **path_out, char **checksum_out)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("itogi-ro-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "itogi.db", NULL);
  ItogiStore *store;
  gboolean root = geteuid () == 0;

  g_assert_no_error (error);
  store = itogi_seed_create (path, &error);
  g_assert_no_error (error);
  add_test_indicator (store, ITOGI_AGGREGATION_SUM);
  itogi_store_free (store);
  /* Closed cleanly: no -wal is left that would need writing back. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* What belongs to «nobody» is what the case lets it write; the rest stays root's. */
  if (root && ro_case == RO_FOLDER)
    g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
  if (root && ro_case == RO_FILE)
    g_assert_cmpint (chown (dir, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (g_chmod (path, ro_case == RO_FOLDER ? 0644 : 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, ro_case == RO_FILE ? 0755 : 0555), ==, 0);
  *checksum_out = file_checksum (path);
  *path_out = g_steal_pointer (&path);
  return dir;
}

/* In the child: from here on, no more power than an ordinary user. */
static void
give_up_root (void)
{
  if (geteuid () != 0)
    return;
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (NOBODY), ==, 0);
  g_assert_cmpint (setuid (NOBODY), ==, 0);
  g_assert_cmpint (geteuid (), ==, NOBODY);
  /* And it cannot be taken back: a test that still had root would prove nothing. */
  g_assert_cmpint (setuid (0), !=, 0);
}

/* The child's checks: a plain refusal that names the file, and nothing written. */
static void
read_only_child (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  ItogiValue v = { .present = TRUE, .amount = 5 };

  give_up_root ();
  store = itogi_store_open (path, &error);
  if (store == NULL)
    {
      /* Refusing to open is a clear outcome too, if it says why in plain words. */
      g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
      g_assert_nonnull (strstr (error->message, "itogi.db"));
      g_test_message ("open refused: %s", error->message);
      g_clear_error (&error);
      /* It can still be looked at. */
      store = itogi_store_open_read_only (path, &error);
      g_assert_no_error (error);
    }
  g_assert_true (itogi_store_is_read_only (store));
  {
    g_autoptr (ItogiIndicator) ind = find_indicator (store, "documents", "incoming-legal");
    g_auto (ItogiValue) old = { 0 };
    g_assert_true (itogi_store_get_year_value (store, ind, 2023, &old, &error));
    g_assert_cmpint (old.amount, ==, 22808);
    g_assert_false (itogi_store_set_value (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  }
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
  g_assert_nonnull (strstr (error->message, "itogi.db"));
  g_assert_nonnull (strstr (error->message, itogi_test_phrase ("read-only")));
  g_test_message ("write refused: %s", error->message);
}

static void
run_read_only_case (ReadOnlyCase ro_case)
{
  g_autofree char *path = NULL, *before = NULL, *after = NULL;
  g_autofree char *dir = NULL;

  if (g_test_subprocess ())
    {
      read_only_child (g_getenv ("ITOGI_TEST_RO_DB"));
      return;
    }
  dir = make_read_only_database (ro_case, &path, &before);
  g_setenv ("ITOGI_TEST_RO_DB", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  {
    /* No temporary copy was left beside it, and nothing was logged for it. In a writable
     * folder SQLite's read-only WAL reader leaves an empty -wal and a -shm index, with the
     * database's mode: they hold no data. */
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        GStatBuf st;

        g_test_message ("beside the database: %s", name);
        if (g_str_has_suffix (name, "-wal"))
          g_assert_true (g_stat (child, &st) == 0 && st.st_size == 0);
        else if (!g_str_has_suffix (name, "-shm"))
          g_assert_cmpstr (name, ==, "itogi.db");
      }
  }
  g_chmod (dir, 0700);
  itogi_test_remove_tree (dir);
}

static void
test_read_only_file_and_folder (void)
{
  run_read_only_case (RO_FILE_AND_FOLDER);
}

static void
test_read_only_folder (void)
{
  run_read_only_case (RO_FOLDER);
}

static void
test_read_only_file (void)
{
  run_read_only_case (RO_FILE);
}

/* A backup into a folder that cannot be written: refused plainly, nothing left there. */
static void
test_read_only_backup_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL, *path = NULL, *dest = NULL;
  ItogiStore *store;

  if (g_test_subprocess ())
    {
      const char *db = g_getenv ("ITOGI_TEST_RO_DB");
      g_autofree char *folder = g_path_get_dirname (db);
      g_autofree char *target = g_build_filename (folder, "locked", "backup.db", NULL);

      give_up_root ();
      /* The database itself is writable (it is «nobody»'s); only the backup's folder is not. */
      store = itogi_store_open (db, &error);
      g_assert_no_error (error);
      g_assert_false (itogi_store_backup (store, target, &error));
      g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
      g_assert_nonnull (strstr (error->message, "backup.db"));
      g_test_message ("backup refused: %s", error->message);
      itogi_store_free (store);
      return;
    }
  dir = g_dir_make_tmp ("itogi-ro-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "itogi.db", NULL);
  store = itogi_seed_create (path, &error);
  g_assert_no_error (error);
  itogi_store_free (store);
  dest = g_build_filename (dir, "locked", NULL);
  g_assert_cmpint (g_mkdir (dest, 0555), ==, 0);
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (dir, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
    }
  g_setenv ("ITOGI_TEST_RO_DB", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  {
    g_autoptr (GDir) d = g_dir_open (dest, 0, NULL);
    g_assert_null (g_dir_read_name (d));
  }
  g_chmod (dest, 0700);
  itogi_test_remove_tree (dir);
}

/* A write on a full disk: ITOGI_STORE_ERROR_FULL in plain words, rolled back whole; the file
 * stays sound with its old figures, and the store works again once there is space. */
static void
test_full_disk (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (ItogiIndicator) ind = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  gint64 flow_id;
  guint refused;
  ItogiValue one = { .present = TRUE, .amount = 1 };
  g_auto (ItogiValue) v = { 0 };

  itogi_test_full_vfs_install ();
  itogi_test_full_vfs_set_budget (-1);
  store = itogi_seed_create (f->path, &error);
  g_assert_no_error (error);
  ind = find_indicator (store, "documents", "incoming-legal");
  flow_id = add_test_indicator (store, ITOGI_AGGREGATION_SUM);
  refused = itogi_test_full_vfs_refusals ();

  /* Not a byte left: a single figure is refused at its commit. */
  itogi_test_full_vfs_set_budget (0);
  g_assert_false (itogi_store_set_value (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &one, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, itogi_test_phrase ("disk is full")));
  g_assert_nonnull (strstr (error->message, "itogi.db"));
  g_test_message ("one figure: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (itogi_test_full_vfs_refusals (), >, refused);

  /* Space for some pages but not all: a large step (an import, say) fails half way through
   * writing its log, and none of it counts. */
  refused = itogi_test_full_vfs_refusals ();
  itogi_test_full_vfs_set_budget (64 * 1024);
  g_assert_cmpint (itogi_store_begin_step (store, "Большой шаг", &error), >, 0);
  g_assert_no_error (error);
  for (int year = 1900; year <= 2200; year++)
    for (int m = 1; m <= 12; m++)
      {
        ItogiValue month = { .present = TRUE, .amount = year * 100 + m, .note = (char *)"на полном диске" };
        g_assert_true (itogi_store_set_value (store, flow_id, year, ITOGI_PERIOD_MONTH, m, &month, &error));
      }
  g_assert_true (itogi_store_set_value (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &one, &error));
  g_assert_false (itogi_store_commit_step (store, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FULL);
  g_clear_error (&error);
  g_assert_cmpuint (itogi_test_full_vfs_refusals (), >, refused);

  /* Space is back: the old figures are there, the file is sound, and writes work again. */
  itogi_test_full_vfs_set_budget (-1);
  g_assert_true (itogi_store_get_year_value (store, ind, 2023, &v, &error));
  g_assert_cmpint (v.amount, ==, 22808);
  itogi_value_clear (&v);
  g_assert_cmpint (itogi_store_count_values (store, flow_id, &error), ==, 0);
  problems = itogi_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (itogi_store_set_value (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &one, &error));
  g_assert_no_error (error);
  itogi_store_free (g_steal_pointer (&store));

  /* And so does the file as another program finds it. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM indicator_values WHERE amount = 1"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM steps WHERE label = 'Большой шаг'"), ==, 0);
  store = itogi_store_open (f->path, &error);
  g_assert_no_error (error);
}

/* The full check finds a figure whose indicator is gone. */
static void
test_check_finds_problems (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
    g_assert_no_error (error);
  }
  /* Damage it the way another tool could: foreign keys off, an orphan figure in. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db,
                    "PRAGMA foreign_keys = OFF;"
                    "INSERT INTO indicator_values (indicator_id, year, period, period_index, amount,"
                    " changed_by, changed_at) VALUES (999999, 2023, 'year', 0, 1, 'x', 'y');",
                    NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_autoptr (ItogiStore) store = itogi_store_open (f->path, &error);
    g_assert_no_error (error);
    problems = itogi_store_check (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (problems->pdata[0], "indicator_values"));
  }
}

/* The report's prose holds no tab, whichever way it comes: a report text saved with one, a note
 * the report is written from, or a text saved with tabs before this rule (shown without them,
 * and left as it is in the file until it is edited). */
static void
test_report_text_tabs (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) legal = NULL;
  g_autofree char *kept = NULL;
  gint64 legal_id;

  {
    g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
    g_autoptr (ItogiNarrative) narrative = NULL;

    g_assert_no_error (error);
    legal = itogi_store_find_area (store, "legal", &error);
    legal_id = legal->id;
    g_assert_true (
        itogi_store_set_report_text (store, legal_id, 2023, 2022, "Иски\tподаны\t\tв срок.", &error));
    g_assert_no_error (error);
    kept = itogi_store_get_report_text (store, legal_id, 2023, 2022, &error);
    g_assert_cmpstr (kept, ==, "Иски поданы  в срок.");
    g_assert_true (itogi_store_set_area_note (store, legal_id, 2022, "Первое\tвторое", &error));
    narrative = itogi_narrative_build_edited (store, 2022, 2021, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < narrative->sections->len; i++)
      {
        ItogiNarrativeSection *s = narrative->sections->pdata[i];
        g_assert_null (strchr (s->body, '\t'));
        if (s->area_id == legal_id)
          g_assert_nonnull (strstr (s->body, "Первое второе"));
      }
  }
  if (itogi_test_on_server ())
    itogi_test_psql (f->path,
                     "UPDATE report_texts SET text = 'Старый' || chr(9) || 'текст' WHERE year = 2023");
  else
    raw_exec (f->path, "UPDATE report_texts SET text = 'Старый' || char(9) || 'текст' WHERE year = 2023");
  {
    g_autoptr (ItogiStore) store = itogi_store_open (f->path, &error);
    g_autoptr (ItogiNarrative) narrative = itogi_narrative_build_edited (store, 2023, 2022, &error);
    g_autofree char *stored = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < narrative->sections->len; i++)
      {
        ItogiNarrativeSection *s = narrative->sections->pdata[i];
        if (s->area_id == legal_id)
          {
            g_assert_cmpstr (s->body, ==, "Старый текст");
            g_assert_true (s->edited);
          }
      }
    stored = itogi_store_get_report_text (store, legal_id, 2023, 2022, &error);
    g_assert_cmpstr (stored, ==, "Старый\tтекст");
  }
}

/* A test of what only a database file has: skipped, and said so, when the tests run on a server. */
static void
skip_on_server (Fixture *f, gconstpointer data)
{
  itogi_test_file_only ();
}

/* The figure of @slug of area @area_slug for @year, as the store reads it (0 when none). */
static gint64
year_amount (ItogiStore *store, const char *area_slug, const char *slug, int year)
{
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, area_slug, NULL);
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (store, area->id, FALSE, NULL);
  g_auto (ItogiValue) value = { 0 };

  for (guint i = 0; i < list->len; i++)
    {
      ItogiIndicator *ind = list->pdata[i];
      if (g_strcmp0 (ind->slug, slug) == 0)
        {
          g_assert_true (itogi_store_get_year_value (store, ind, year, &value, NULL));
          return value.present ? value.amount : 0;
        }
    }
  g_assert_not_reached ();
}

/* A whole database copied to another place (on a server run: from the server to a file and
 * back to a second server database), its history with it: the copy holds the same figures, the
 * same steps, and a step made before the copy is undone in the copy. A place that is taken is
 * refused and left as it was. */
static void
test_copy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *again
      = itogi_test_on_server () ? itogi_test_database (f->dir) : g_build_filename (f->dir, "again.db", NULL);
  g_autofree char *before = NULL;
  ItogiStoreCopied copied = { 0 };
  gint64 step, original;

  {
    g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
    g_autoptr (ItogiArea) area = NULL;
    g_autoptr (GPtrArray) list = NULL;
    g_auto (ItogiValue) value = { .present = TRUE, .amount = 4321, .qualifier = ITOGI_QUALIFIER_OVER };

    g_assert_no_error (error);
    original = year_amount (store, "financial-control", "inspections", 2023);
    area = itogi_store_find_area (store, "financial-control", NULL);
    list = itogi_store_list_indicators (store, area->id, FALSE, NULL);
    step = itogi_store_begin_step (store, "Правка", &error);
    g_assert_no_error (error);
    g_assert_true (itogi_store_set_value (store, ((ItogiIndicator *)list->pdata[0])->id, 2023,
                                          ITOGI_PERIOD_YEAR, 0, &value, &error));
    g_assert_true (itogi_store_commit_step (store, &error));
    g_assert_true (itogi_store_add_task (store, area->id, 2024, "Провести «проверки» в срок", &error) > 0);
  }

  g_assert_true (itogi_store_copy (f->path, file, &copied, &error));
  g_assert_no_error (error);
  g_assert_cmpint (copied.areas, ==, 8);
  g_assert_cmpint (copied.steps, ==, 1);
  g_assert_cmpint (copied.changes, ==, 1);
  g_assert_cmpint (copied.tasks, ==, 1);
  g_assert_cmpint (copied.figures, >, 20);
  g_assert_true (itogi_store_copy (file, again, &copied, &error));
  g_assert_no_error (error);

  {
    g_autoptr (ItogiStore) copy = itogi_store_open (again, &error);
    g_autoptr (GPtrArray) steps = NULL;
    g_autoptr (ItogiArea) area = NULL;
    g_autoptr (GPtrArray) tasks = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (year_amount (copy, "financial-control", "inspections", 2023), ==, 4321);
    area = itogi_store_find_area (copy, "financial-control", NULL);
    tasks = itogi_store_list_tasks (copy, area->id, 2024, &error);
    g_assert_cmpuint (tasks->len, ==, 1);
    g_assert_cmpstr (((ItogiTask *)tasks->pdata[0])->text, ==, "Провести «проверки» в срок");
    steps = itogi_store_list_steps (copy, 0, &error);
    g_assert_cmpuint (steps->len, ==, 1);
    g_assert_cmpint (((ItogiStep *)steps->pdata[0])->id, ==, step);
    /* The history came whole: the step is undone in the copy, and new steps follow it. */
    g_assert_cmpint (itogi_store_undo_step (copy, step, &error), >, step);
    g_assert_no_error (error);
    g_assert_cmpint (year_amount (copy, "financial-control", "inspections", 2023), ==, original);
  }

  /* Taken places are refused, and the file is byte for byte as it was. */
  if (!itogi_test_on_server ())
    before = file_checksum (file);
  g_assert_false (itogi_store_copy (f->path, file, NULL, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  if (before != NULL)
    {
      g_autofree char *after = file_checksum (file);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_false (itogi_store_copy (file, again, NULL, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_EXISTS);
}

/* How a server database is named to a person, and whom it logs in as. */
static void
test_server_place (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *uri, *place, *user;
  } cases[] = {
    { "postgresql://clerk:secret@db.kaluga.local:5432/itogi?sslmode=verify-full", "db.kaluga.local/itogi",
      "clerk" },
    { "postgres://db.kaluga.local/itogi", "db.kaluga.local/itogi", NULL },
    { "postgresql:///itogi?host=/var/run/postgresql", "itogi", NULL },
    { "postgresql://%D0%BA%D0%BB%D0%B5%D1%80%D0%BA@srv/%D0%B8%D1%82%D0%BE%D0%B3%D0%B8", "srv/итоги",
      "клерк" },
    { "postgresql://srv", "srv", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *user = NULL;
      g_autofree char *place = itogi_store_server_place (cases[i].uri, &user);
      g_assert_cmpstr (place, ==, cases[i].place);
      g_assert_cmpstr (user, ==, cases[i].user);
    }
  g_assert_true (itogi_store_location_is_server ("postgres://srv/db"));
  g_assert_false (itogi_store_location_is_server ("/home/clerk/postgresql://x.db"));
  g_assert_false (itogi_store_location_is_server ("postgresql.db"));
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_FILE(path, func)                                                                                 \
  g_test_add (path, Fixture, NULL, fixture_set_up, itogi_test_on_server () ? skip_on_server : func,          \
              fixture_tear_down)

/* What a person may type anywhere, ready to break out of a quoted SQL string or identifier. */
#define HOSTILE "Кадры'); DROP TABLE areas; -- \"x\" ⟦marker⟧"
#define MARKER "⟦marker⟧"

typedef struct
{
  guint seen;
  GPtrArray *spliced; /* SQL texts with the marker in them */
} SqlWatch;

static void
watch_sql (const char *sql, gpointer data)
{
  SqlWatch *w = data;

  w->seen++;
  if (strstr (sql, MARKER) != NULL)
    g_ptr_array_add (w->spliced, g_strdup (sql));
}

/* No SQL is ever put together from what a person typed: every text that reaches the database
 * (titles, units, word forms, notes, tasks, report texts, the office's name, step labels, a
 * slug looked up, a CSV's indicator names, a role's name for a right) goes as a parameter. Every
 * SQL text the engine sends is watched for the marker those texts carry. */
static void
test_no_sql_from_user_text (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (f->path, &error);
  SqlWatch w = { 0, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr (ItogiArea) area = itogi_area_new ();
  g_autoptr (ItogiIndicator) ind = itogi_indicator_new ();
  ItogiValue v = { .present = TRUE, .amount = 5, .note = (char *)HOSTILE };
  g_auto (ItogiValue) back = { 0 };
  gint64 step, task;

  g_assert_no_error (error);
  itogi_store_watch_sql (watch_sql, &w);

  area->slug = g_strdup ("hostile");
  area->title = g_strdup (HOSTILE);
  area->short_title = g_strdup (HOSTILE);
  area->description = g_strdup (HOSTILE);
  area->id = itogi_store_add_area (store, area, &error);
  g_assert_no_error (error);
  g_assert_null (itogi_store_find_area (store, HOSTILE, &error));
  g_clear_error (&error);
  ind->area_id = area->id;
  ind->slug = g_strdup ("hostile");
  ind->title = g_strdup (HOSTILE);
  ind->unit = g_strdup (HOSTILE);
  ind->forms[0] = g_strdup (HOSTILE);
  ind->forms[1] = g_strdup (HOSTILE);
  ind->forms[2] = g_strdup (HOSTILE);
  ind->description = g_strdup (HOSTILE);
  ind->id = itogi_store_add_indicator (store, ind, &error);
  g_assert_no_error (error);

  step = itogi_store_begin_step (store, HOSTILE, &error);
  g_assert_cmpint (step, >, 0);
  g_assert_true (itogi_store_set_value (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_true (
      itogi_store_get_stored_value (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &back, NULL, NULL, &error));
  g_assert_cmpstr (back.note, ==, HOSTILE);
  v.amount = 6;
  g_assert_true (itogi_store_set_value_if (store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &back, &error));
  g_assert_true (itogi_store_set_area_note (store, area->id, 2023, HOSTILE, &error));
  task = itogi_store_add_task (store, area->id, 2023, HOSTILE, &error);
  g_assert_cmpint (task, >, 0);
  g_assert_true (itogi_store_update_task (store, task, HOSTILE "!", TRUE, &error));
  g_assert_true (itogi_store_set_report_text (store, area->id, 2023, 2022, HOSTILE, &error));
  g_assert_true (itogi_store_set_meta (store, "office", HOSTILE, &error));
  g_assert_true (itogi_store_commit_step (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (itogi_store_undo_step (store, step, &error), >, 0);
  g_assert_no_error (error);

  /* A CSV whose indicator is unknown: refused, by name, without SQL of its own. */
  {
    const char *csv = "Показатель;Год;Значение\n" HOSTILE ";2023;7\n";
    g_autoptr (ItogiCsvTable) table = itogi_csv_parse (csv, strlen (csv), &error);
    ItogiImportReport report;

    g_assert_no_error (error);
    itogi_import_report_init (&report);
    g_assert_false (itogi_import_csv (store, table, FALSE, &report, &error));
    g_assert_no_error (error);
    itogi_import_report_clear (&report);
  }
  /* What reads the texts back: the table, the report, the year's progress. */
  {
    g_autoptr (GPtrArray) rows = itogi_table_build (store, NULL, 2023, 2022, &error);
    g_autoptr (ItogiNarrative) narrative = itogi_narrative_build_edited (store, 2023, 2022, &error);
    g_autoptr (GPtrArray) progress = itogi_store_year_progress (store, 2023, &error);

    g_assert_no_error (error);
    g_assert_nonnull (rows);
    g_assert_nonnull (narrative);
    g_assert_nonnull (progress);
  }
  /* A role's name for a right (a server's), refused as no such role. */
  if (itogi_store_is_server (store))
    {
      g_assert_false (itogi_store_grant (store, HOSTILE, NULL, ITOGI_ACCESS_ALL, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_cmpint (itogi_store_revoke (store, HOSTILE, NULL, ITOGI_ACCESS_ALL, &error), <, 0);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  /* The whole database copied, texts and history. */
  {
    g_autofree char *dest
        = itogi_test_on_server () ? itogi_test_database (NULL) : g_build_filename (f->dir, "copy.db", NULL);
    g_assert_true (itogi_store_copy_from (store, dest, NULL, &error));
    g_assert_no_error (error);
  }

  itogi_store_watch_sql (NULL, NULL);
  g_test_message ("%u SQL texts sent, %u with typed text in them", w.seen, w.spliced->len);
  for (guint i = 0; i < w.spliced->len; i++)
    g_test_message ("spliced: %s", (const char *)w.spliced->pdata[i]);
  g_assert_cmpuint (w.seen, >, 50);
  g_assert_cmpuint (w.spliced->len, ==, 0);
  g_ptr_array_unref (w.spliced);
}

int
main (int argc, char *argv[])
{
  /* Set before GLib reads it, so the default database goes to a scratch folder. */
  xdg_home = g_dir_make_tmp ("itogi-xdg-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", xdg_home, TRUE);
  itogi_test_init (&argc, &argv);
  ADD_FILE ("/core/store/create", test_create);
  ADD_FILE ("/core/store/create-filled-by-caller", test_create_filled_by_caller);
  ADD ("/core/store/report-figures", test_report_figures);
  ADD ("/core/store/report-texts", test_report_texts);
  ADD ("/core/store/report-text-tabs", test_report_text_tabs);
  ADD ("/core/store/table", test_table);
  ADD ("/core/store/copy", test_copy);
  ADD ("/core/store/no-sql-from-user-text", test_no_sql_from_user_text);
  ADD ("/core/store/server-place", test_server_place);
  ADD_FILE ("/core/store/refuse-existing", test_refuse_existing);
  ADD_FILE ("/core/store/open-missing", test_open_missing);
  ADD_FILE ("/core/store/open-text-file", test_open_text_file);
  ADD_FILE ("/core/store/open-foreign", test_open_foreign);
  ADD_FILE ("/core/store/open-newer", test_open_newer);
  ADD_FILE ("/core/store/open-foreign-wal", test_open_foreign_wal);
  ADD_FILE ("/core/store/open-newer-wal", test_open_newer_wal);
  ADD ("/core/store/tasks", test_tasks);
  ADD ("/core/store/notes-are-the-reports-words", test_notes_are_the_reports_words);
  ADD_FILE ("/core/store/open-corrupt", test_open_corrupt);
  ADD_FILE ("/core/store/migrate-from-v0", test_migrate_from_v0);
  ADD_FILE ("/core/store/migration-rolls-back", test_migration_rolls_back);
  ADD ("/core/store/derived-year", test_derived_year);
  ADD ("/core/store/write-refused-rolls-back", test_write_refused_rolls_back);
  ADD_FILE ("/core/store/default-path", test_default_path);
  ADD_FILE ("/core/store/backup", test_backup);
  ADD_FILE ("/core/store/restore-in-two-halves", test_restore_in_two_halves);
  ADD_FILE ("/core/store/open-read-only", test_open_read_only);
  ADD_FILE ("/core/store/list-backups-and-move-aside", test_list_backups_and_move_aside);
  ADD_FILE ("/core/store/check-finds-problems", test_check_finds_problems);
  if (!itogi_test_on_server ())
    g_test_add_func ("/core/store/read-only/file-and-folder", test_read_only_file_and_folder);
  if (!itogi_test_on_server ())
    g_test_add_func ("/core/store/read-only/folder", test_read_only_folder);
  if (!itogi_test_on_server ())
    g_test_add_func ("/core/store/read-only/file", test_read_only_file);
  if (!itogi_test_on_server ())
    g_test_add_func ("/core/store/read-only/backup-folder", test_read_only_backup_folder);
  ADD_FILE ("/core/store/full-disk", test_full_disk);
  {
    int rc = g_test_run ();
    itogi_test_remove_tree (xdg_home);
    g_free (xdg_home);
    return rc;
  }
}
