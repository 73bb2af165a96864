/* itogi-store.c: the SQLite database behind Itogi
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "itogi-seed.h"
#include "itogi-period.h"
#include "itogi-store.h"
#include "itogi-validate.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_DEFINE_QUARK (itogi - store - error - quark, itogi_store_error)

struct _ItogiStore
{
  sqlite3 *db;
  char *path;
  int schema_version;
  gboolean in_transaction;
  gint64 step; /* the edit step under way, or 0 */
};

/* Each entry brings the schema from version i to i + 1, inside one transaction. */
static const char *const migrations[] = {
  /* v1 */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE areas ("
  "  id INTEGER PRIMARY KEY,"
  "  slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),"
  "  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),"
  "  short_title TEXT NOT NULL CHECK (length(short_title) BETWEEN 1 AND 200),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  icon TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ") STRICT;"
  "CREATE TABLE indicators ("
  "  id INTEGER PRIMARY KEY,"
  "  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,"
  "  slug TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 64),"
  "  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  form_one TEXT NOT NULL DEFAULT '',"
  "  form_few TEXT NOT NULL DEFAULT '',"
  "  form_many TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL CHECK (kind IN ('count', 'money', 'decimal', 'percent')),"
  "  scale INTEGER NOT NULL DEFAULT 0 CHECK (scale BETWEEN 0 AND 6),"
  "  aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'last')),"
  "  polarity TEXT NOT NULL CHECK (polarity IN ('good', 'bad', 'neutral')),"
  "  position INTEGER NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  UNIQUE (area_id, slug)"
  ") STRICT;"
  "CREATE INDEX indicators_by_area ON indicators (area_id, position);"
  "CREATE TABLE indicator_values ("
  "  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),"
  "  period TEXT NOT NULL CHECK (period IN ('year', 'quarter', 'month')),"
  "  period_index INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL CHECK (amount BETWEEN -999999999999999 AND 999999999999999),"
  "  qualifier TEXT NOT NULL DEFAULT 'exact'"
  "    CHECK (qualifier IN ('exact', 'more', 'over', 'order', 'about', 'less')),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  as_of TEXT CHECK (as_of IS NULL OR as_of GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
  "  changed_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL,"
  "  PRIMARY KEY (indicator_id, year, period, period_index),"
  "  CHECK ((period = 'year' AND period_index = 0)"
  "      OR (period = 'quarter' AND period_index BETWEEN 1 AND 4)"
  "      OR (period = 'month' AND period_index BETWEEN 1 AND 12))"
  ") STRICT;"
  "CREATE TABLE area_notes ("
  "  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),"
  "  text TEXT NOT NULL,"
  "  changed_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL,"
  "  PRIMARY KEY (area_id, year)"
  ") STRICT;"
  "CREATE TABLE tasks ("
  "  id INTEGER PRIMARY KEY,"
  "  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),"
  "  position INTEGER NOT NULL,"
  "  text TEXT NOT NULL CHECK (length(text) >= 1),"
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
  "  changed_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE institutions ("
  "  id INTEGER PRIMARY KEY,"
  "  area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,"
  "  name TEXT NOT NULL CHECK (length(name) >= 1),"
  "  position INTEGER NOT NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ") STRICT;"
  "CREATE TABLE institution_notes ("
  "  institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),"
  "  text TEXT NOT NULL,"
  "  changed_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL,"
  "  PRIMARY KEY (institution_id, year)"
  ") STRICT;",
  /* v2: every change made in an edit step is recorded with its old and new row, by triggers,
   * so that nothing edited is ever untraceable and any step can be undone. */
  "CREATE TABLE steps ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  label TEXT NOT NULL,"
  "  undoes INTEGER REFERENCES steps (id)"
  ") STRICT;"
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY,"
  "  step INTEGER NOT NULL REFERENCES steps (id),"
  "  tbl TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),"
  "  old TEXT,"
  "  new TEXT"
  ") STRICT;"
  "CREATE INDEX history_by_step ON history (step);"
  "CREATE TABLE edit_session (step INTEGER NOT NULL REFERENCES steps (id)) STRICT;"
  "CREATE TRIGGER indicator_values_insert AFTER INSERT ON indicator_values WHEN EXISTS (SELECT 1 FROM "
  "edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'indicator_values', 'insert',"
  "  NULL,"
  "  json_object('indicator_id', NEW.indicator_id, 'year', NEW.year, 'period', NEW.period, 'period_index', "
  "NEW.period_index, 'amount', NEW.amount, 'qualifier', NEW.qualifier, 'note', NEW.note, 'as_of', NEW.as_of, "
  "'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at)); END;"
  "CREATE TRIGGER indicator_values_update AFTER UPDATE ON indicator_values WHEN EXISTS (SELECT 1 FROM "
  "edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'indicator_values', 'update',"
  "  json_object('indicator_id', OLD.indicator_id, 'year', OLD.year, 'period', OLD.period, 'period_index', "
  "OLD.period_index, 'amount', OLD.amount, 'qualifier', OLD.qualifier, 'note', OLD.note, 'as_of', OLD.as_of, "
  "'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),"
  "  json_object('indicator_id', NEW.indicator_id, 'year', NEW.year, 'period', NEW.period, 'period_index', "
  "NEW.period_index, 'amount', NEW.amount, 'qualifier', NEW.qualifier, 'note', NEW.note, 'as_of', NEW.as_of, "
  "'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at)); END;"
  "CREATE TRIGGER indicator_values_delete AFTER DELETE ON indicator_values WHEN EXISTS (SELECT 1 FROM "
  "edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'indicator_values', 'delete',"
  "  json_object('indicator_id', OLD.indicator_id, 'year', OLD.year, 'period', OLD.period, 'period_index', "
  "OLD.period_index, 'amount', OLD.amount, 'qualifier', OLD.qualifier, 'note', OLD.note, 'as_of', OLD.as_of, "
  "'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),"
  "  NULL); END;"
  "CREATE TRIGGER area_notes_insert AFTER INSERT ON area_notes WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'area_notes', 'insert',"
  "  NULL,"
  "  json_object('area_id', NEW.area_id, 'year', NEW.year, 'text', NEW.text, 'changed_by', NEW.changed_by, "
  "'changed_at', NEW.changed_at)); END;"
  "CREATE TRIGGER area_notes_update AFTER UPDATE ON area_notes WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'area_notes', 'update',"
  "  json_object('area_id', OLD.area_id, 'year', OLD.year, 'text', OLD.text, 'changed_by', OLD.changed_by, "
  "'changed_at', OLD.changed_at),"
  "  json_object('area_id', NEW.area_id, 'year', NEW.year, 'text', NEW.text, 'changed_by', NEW.changed_by, "
  "'changed_at', NEW.changed_at)); END;"
  "CREATE TRIGGER area_notes_delete AFTER DELETE ON area_notes WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'area_notes', 'delete',"
  "  json_object('area_id', OLD.area_id, 'year', OLD.year, 'text', OLD.text, 'changed_by', OLD.changed_by, "
  "'changed_at', OLD.changed_at),"
  "  NULL); END;"
  "CREATE TRIGGER institution_notes_insert AFTER INSERT ON institution_notes WHEN EXISTS (SELECT 1 FROM "
  "edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'institution_notes', 'insert',"
  "  NULL,"
  "  json_object('institution_id', NEW.institution_id, 'year', NEW.year, 'text', NEW.text, 'changed_by', "
  "NEW.changed_by, 'changed_at', NEW.changed_at)); END;"
  "CREATE TRIGGER institution_notes_update AFTER UPDATE ON institution_notes WHEN EXISTS (SELECT 1 FROM "
  "edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'institution_notes', 'update',"
  "  json_object('institution_id', OLD.institution_id, 'year', OLD.year, 'text', OLD.text, 'changed_by', "
  "OLD.changed_by, 'changed_at', OLD.changed_at),"
  "  json_object('institution_id', NEW.institution_id, 'year', NEW.year, 'text', NEW.text, 'changed_by', "
  "NEW.changed_by, 'changed_at', NEW.changed_at)); END;"
  "CREATE TRIGGER institution_notes_delete AFTER DELETE ON institution_notes WHEN EXISTS (SELECT 1 FROM "
  "edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'institution_notes', 'delete',"
  "  json_object('institution_id', OLD.institution_id, 'year', OLD.year, 'text', OLD.text, 'changed_by', "
  "OLD.changed_by, 'changed_at', OLD.changed_at),"
  "  NULL); END;"
  "CREATE TRIGGER tasks_insert AFTER INSERT ON tasks WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'tasks', "
  "'insert',"
  "  NULL,"
  "  json_object('id', NEW.id, 'area_id', NEW.area_id, 'year', NEW.year, 'position', NEW.position, 'text', "
  "NEW.text, 'done', NEW.done, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at)); END;"
  "CREATE TRIGGER tasks_update AFTER UPDATE ON tasks WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'tasks', "
  "'update',"
  "  json_object('id', OLD.id, 'area_id', OLD.area_id, 'year', OLD.year, 'position', OLD.position, 'text', "
  "OLD.text, 'done', OLD.done, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),"
  "  json_object('id', NEW.id, 'area_id', NEW.area_id, 'year', NEW.year, 'position', NEW.position, 'text', "
  "NEW.text, 'done', NEW.done, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at)); END;"
  "CREATE TRIGGER tasks_delete AFTER DELETE ON tasks WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'tasks', "
  "'delete',"
  "  json_object('id', OLD.id, 'area_id', OLD.area_id, 'year', OLD.year, 'position', OLD.position, 'text', "
  "OLD.text, 'done', OLD.done, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at),"
  "  NULL); END;"
  "CREATE TRIGGER areas_insert AFTER INSERT ON areas WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'areas', "
  "'insert',"
  "  NULL,"
  "  json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'short_title', NEW.short_title, "
  "'description', NEW.description, 'icon', NEW.icon, 'position', NEW.position, 'archived', NEW.archived)); "
  "END;"
  "CREATE TRIGGER areas_update AFTER UPDATE ON areas WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'areas', "
  "'update',"
  "  json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'short_title', OLD.short_title, "
  "'description', OLD.description, 'icon', OLD.icon, 'position', OLD.position, 'archived', OLD.archived),"
  "  json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'short_title', NEW.short_title, "
  "'description', NEW.description, 'icon', NEW.icon, 'position', NEW.position, 'archived', NEW.archived)); "
  "END;"
  "CREATE TRIGGER areas_delete AFTER DELETE ON areas WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), 'areas', "
  "'delete',"
  "  json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'short_title', OLD.short_title, "
  "'description', OLD.description, 'icon', OLD.icon, 'position', OLD.position, 'archived', OLD.archived),"
  "  NULL); END;"
  "CREATE TRIGGER indicators_insert AFTER INSERT ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'indicators', 'insert',"
  "  NULL,"
  "  json_object('id', NEW.id, 'area_id', NEW.area_id, 'slug', NEW.slug, 'title', NEW.title, 'unit', "
  "NEW.unit, 'form_one', NEW.form_one, 'form_few', NEW.form_few, 'form_many', NEW.form_many, 'kind', "
  "NEW.kind, 'scale', NEW.scale, 'aggregation', NEW.aggregation, 'polarity', NEW.polarity, 'position', "
  "NEW.position, 'description', NEW.description, 'archived', NEW.archived)); END;"
  "CREATE TRIGGER indicators_update AFTER UPDATE ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'indicators', 'update',"
  "  json_object('id', OLD.id, 'area_id', OLD.area_id, 'slug', OLD.slug, 'title', OLD.title, 'unit', "
  "OLD.unit, 'form_one', OLD.form_one, 'form_few', OLD.form_few, 'form_many', OLD.form_many, 'kind', "
  "OLD.kind, 'scale', OLD.scale, 'aggregation', OLD.aggregation, 'polarity', OLD.polarity, 'position', "
  "OLD.position, 'description', OLD.description, 'archived', OLD.archived),"
  "  json_object('id', NEW.id, 'area_id', NEW.area_id, 'slug', NEW.slug, 'title', NEW.title, 'unit', "
  "NEW.unit, 'form_one', NEW.form_one, 'form_few', NEW.form_few, 'form_many', NEW.form_many, 'kind', "
  "NEW.kind, 'scale', NEW.scale, 'aggregation', NEW.aggregation, 'polarity', NEW.polarity, 'position', "
  "NEW.position, 'description', NEW.description, 'archived', NEW.archived)); END;"
  "CREATE TRIGGER indicators_delete AFTER DELETE ON indicators WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'indicators', 'delete',"
  "  json_object('id', OLD.id, 'area_id', OLD.area_id, 'slug', OLD.slug, 'title', OLD.title, 'unit', "
  "OLD.unit, 'form_one', OLD.form_one, 'form_few', OLD.form_few, 'form_many', OLD.form_many, 'kind', "
  "OLD.kind, 'scale', OLD.scale, 'aggregation', OLD.aggregation, 'polarity', OLD.polarity, 'position', "
  "OLD.position, 'description', OLD.description, 'archived', OLD.archived),"
  "  NULL); END;"
  "CREATE TRIGGER institutions_insert AFTER INSERT ON institutions WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'institutions', 'insert',"
  "  NULL,"
  "  json_object('id', NEW.id, 'area_id', NEW.area_id, 'name', NEW.name, 'position', NEW.position, "
  "'archived', NEW.archived)); END;"
  "CREATE TRIGGER institutions_update AFTER UPDATE ON institutions WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'institutions', 'update',"
  "  json_object('id', OLD.id, 'area_id', OLD.area_id, 'name', OLD.name, 'position', OLD.position, "
  "'archived', OLD.archived),"
  "  json_object('id', NEW.id, 'area_id', NEW.area_id, 'name', NEW.name, 'position', NEW.position, "
  "'archived', NEW.archived)); END;"
  "CREATE TRIGGER institutions_delete AFTER DELETE ON institutions WHEN EXISTS (SELECT 1 FROM edit_session)"
  " BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'institutions', 'delete',"
  "  json_object('id', OLD.id, 'area_id', OLD.area_id, 'name', OLD.name, 'position', OLD.position, "
  "'archived', OLD.archived),"
  "  NULL); END;",
  /* v3: an indicator's report sentence template (NULL: the default sentence), and the report text
   * as edited in the Report view, per area and pair of years. Both recorded in the history. */
  "ALTER TABLE indicators ADD COLUMN sentence TEXT; CREATE TABLE report_texts ( area_id INTEGER NOT "
  "NULL REFERENCES areas (id) ON DELETE CASCADE, year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND "
  "2200), compare_year INTEGER NOT NULL CHECK (compare_year BETWEEN 1900 AND 2200), text TEXT NOT NULL, "
  "changed_by TEXT NOT NULL, changed_at TEXT NOT NULL, PRIMARY KEY (area_id, year, compare_year)) "
  "STRICT; DROP TRIGGER indicators_insert; DROP TRIGGER indicators_update; DROP TRIGGER "
  "indicators_delete; CREATE TRIGGER indicators_insert AFTER INSERT ON indicators WHEN EXISTS (SELECT 1 "
  "FROM edit_session) BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM "
  "edit_session), 'indicators', 'insert', NULL, json_object('id', NEW.id, 'area_id', NEW.area_id, "
  "'slug', NEW.slug, 'title', NEW.title, 'unit', NEW.unit, 'form_one', NEW.form_one, 'form_few', "
  "NEW.form_few, 'form_many', NEW.form_many, 'kind', NEW.kind, 'scale', NEW.scale, 'aggregation', "
  "NEW.aggregation, 'polarity', NEW.polarity, 'position', NEW.position, 'description', NEW.description, "
  "'archived', NEW.archived, 'sentence', NEW.sentence)); END; CREATE TRIGGER indicators_update AFTER "
  "UPDATE ON indicators WHEN EXISTS (SELECT 1 FROM edit_session) BEGIN INSERT INTO history (step, tbl, "
  "op, old, new) VALUES ((SELECT step FROM edit_session), 'indicators', 'update', json_object('id', "
  "OLD.id, 'area_id', OLD.area_id, 'slug', OLD.slug, 'title', OLD.title, 'unit', OLD.unit, 'form_one', "
  "OLD.form_one, 'form_few', OLD.form_few, 'form_many', OLD.form_many, 'kind', OLD.kind, 'scale', "
  "OLD.scale, 'aggregation', OLD.aggregation, 'polarity', OLD.polarity, 'position', OLD.position, "
  "'description', OLD.description, 'archived', OLD.archived, 'sentence', OLD.sentence), "
  "json_object('id', NEW.id, 'area_id', NEW.area_id, 'slug', NEW.slug, 'title', NEW.title, 'unit', "
  "NEW.unit, 'form_one', NEW.form_one, 'form_few', NEW.form_few, 'form_many', NEW.form_many, 'kind', "
  "NEW.kind, 'scale', NEW.scale, 'aggregation', NEW.aggregation, 'polarity', NEW.polarity, 'position', "
  "NEW.position, 'description', NEW.description, 'archived', NEW.archived, 'sentence', NEW.sentence)); "
  "END; CREATE TRIGGER indicators_delete AFTER DELETE ON indicators WHEN EXISTS (SELECT 1 FROM "
  "edit_session) BEGIN INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM "
  "edit_session), 'indicators', 'delete', json_object('id', OLD.id, 'area_id', OLD.area_id, 'slug', "
  "OLD.slug, 'title', OLD.title, 'unit', OLD.unit, 'form_one', OLD.form_one, 'form_few', OLD.form_few, "
  "'form_many', OLD.form_many, 'kind', OLD.kind, 'scale', OLD.scale, 'aggregation', OLD.aggregation, "
  "'polarity', OLD.polarity, 'position', OLD.position, 'description', OLD.description, 'archived', "
  "OLD.archived, 'sentence', OLD.sentence), NULL); END; CREATE TRIGGER report_texts_insert AFTER INSERT "
  "ON report_texts WHEN EXISTS (SELECT 1 FROM edit_session) BEGIN INSERT INTO history (step, tbl, op, "
  "old, new) VALUES ((SELECT step FROM edit_session), 'report_texts', 'insert', NULL, "
  "json_object('area_id', NEW.area_id, 'year', NEW.year, 'compare_year', NEW.compare_year, 'text', "
  "NEW.text, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at)); END; CREATE TRIGGER "
  "report_texts_update AFTER UPDATE ON report_texts WHEN EXISTS (SELECT 1 FROM edit_session) BEGIN "
  "INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'report_texts', 'update', json_object('area_id', OLD.area_id, 'year', OLD.year, 'compare_year', "
  "OLD.compare_year, 'text', OLD.text, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at), "
  "json_object('area_id', NEW.area_id, 'year', NEW.year, 'compare_year', NEW.compare_year, 'text', "
  "NEW.text, 'changed_by', NEW.changed_by, 'changed_at', NEW.changed_at)); END; CREATE TRIGGER "
  "report_texts_delete AFTER DELETE ON report_texts WHEN EXISTS (SELECT 1 FROM edit_session) BEGIN "
  "INSERT INTO history (step, tbl, op, old, new) VALUES ((SELECT step FROM edit_session), "
  "'report_texts', 'delete', json_object('area_id', OLD.area_id, 'year', OLD.year, 'compare_year', "
  "OLD.compare_year, 'text', OLD.text, 'changed_by', OLD.changed_by, 'changed_at', OLD.changed_at), "
  "NULL); END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ITOGI_STORE_SCHEMA_VERSION);

/* ---- errors ---- */

static ItogiStoreError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      return ITOGI_STORE_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return ITOGI_STORE_ERROR_NOT_DATABASE;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return ITOGI_STORE_ERROR_READONLY;
    case SQLITE_FULL:
      return ITOGI_STORE_ERROR_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ITOGI_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return ITOGI_STORE_ERROR_INVALID;
    default:
      return ITOGI_STORE_ERROR_FAILED;
    }
}

static gboolean
set_sqlite_error (sqlite3 *db, int rc, const char *path, GError **error)
{
  ItogiStoreError code = error_code_from_sqlite (rc);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *name = g_filename_display_name (path != NULL ? path : "");

  switch (code)
    {
    case ITOGI_STORE_ERROR_CORRUPT:
      /* SQLite's own words («database disk image is malformed») explain nothing to a reader. */
      g_set_error (error, ITOGI_STORE_ERROR, code, _ ("The database “%s” is damaged. Nothing was changed."),
                   name);
      break;
    case ITOGI_STORE_ERROR_NOT_DATABASE:
      g_set_error (error, ITOGI_STORE_ERROR, code, _ ("“%s” is not an Itogi database. Nothing was changed."),
                   name);
      break;
    case ITOGI_STORE_ERROR_READONLY:
      g_set_error (error, ITOGI_STORE_ERROR, code,
                   _ ("The database “%s” cannot be written: the file or its folder is read-only. "
                      "Nothing was saved."),
                   name);
      break;
    case ITOGI_STORE_ERROR_FULL:
      g_set_error (error, ITOGI_STORE_ERROR, code, _ ("The disk is full: nothing was saved to “%s”."), name);
      break;
    case ITOGI_STORE_ERROR_BUSY:
      g_set_error (error, ITOGI_STORE_ERROR, code,
                   _ ("The database “%s” is busy with another program. Nothing was saved; try again."), name);
      break;
    case ITOGI_STORE_ERROR_INVALID:
      g_set_error (error, ITOGI_STORE_ERROR, code,
                   _ ("The data was refused by the database (%s). Nothing was saved."), detail);
      break;
    default:
      g_set_error (error, ITOGI_STORE_ERROR, code, _ ("Database error in “%s”: %s (code %d)."), name, detail,
                   rc);
      break;
    }
  return FALSE;
}

static gboolean
store_error (ItogiStore *store, int rc, GError **error)
{
  return set_sqlite_error (store->db, rc, store->path, error);
}

/* ---- small statement helpers ---- */

static sqlite3_stmt *
prepare (ItogiStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      store_error (store, rc, error);
      return NULL;
    }
  return stmt;
}

static gboolean
exec (ItogiStore *store, const char *sql, GError **error)
{
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return store_error (store, rc, error);
  return TRUE;
}

/* Run a statement that returns no rows, and reset nothing: it is finalized by its owner. */
static gboolean
step_done (ItogiStore *store, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return store_error (store, rc, error);
  return TRUE;
}

static gboolean
query_int (ItogiStore *store, const char *sql, gint64 *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return store_error (store, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);
  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/* Empty text is stored as NULL where NULL has a meaning (an indicator's default sentence). */
static void
bind_optional_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- transactions ---- */

gboolean
itogi_store_begin (ItogiStore *store, GError **error)
{
  g_return_val_if_fail (!store->in_transaction, FALSE);
  /* IMMEDIATE takes the write lock now, so a later write cannot fail with BUSY unhandled. */
  if (!exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  store->in_transaction = TRUE;
  return TRUE;
}

gboolean
itogi_store_commit (ItogiStore *store, GError **error)
{
  g_return_val_if_fail (store->in_transaction, FALSE);
  if (!exec (store, "COMMIT", error))
    {
      itogi_store_rollback (store);
      return FALSE;
    }
  store->in_transaction = FALSE;
  return TRUE;
}

void
itogi_store_rollback (ItogiStore *store)
{
  if (!store->in_transaction)
    return;
  /* Harmless when SQLite already rolled back by itself (e.g. after SQLITE_FULL). */
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  store->in_transaction = FALSE;
}

/* A single write runs in its own transaction unless the caller holds one. */
static gboolean
write_begin (ItogiStore *store, gboolean *own, GError **error)
{
  *own = !store->in_transaction;
  return !*own || itogi_store_begin (store, error);
}

static gboolean
write_end (ItogiStore *store, gboolean own, gboolean ok, GError **error)
{
  if (!own)
    return ok;
  if (!ok)
    {
      itogi_store_rollback (store);
      return FALSE;
    }
  return itogi_store_commit (store, error);
}

/* ---- opening ---- */

static void
store_close (ItogiStore *store)
{
  if (store->db != NULL)
    {
      itogi_store_rollback (store);
      sqlite3_close_v2 (store->db);
      store->db = NULL;
    }
}

void
itogi_store_free (ItogiStore *store)
{
  if (store == NULL)
    return;
  store_close (store);
  g_free (store->path);
  g_free (store);
}

const char *
itogi_store_get_path (ItogiStore *store)
{
  return store->path;
}

int
itogi_store_get_schema_version (ItogiStore *store)
{
  return store->schema_version;
}

char *
itogi_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "itogi", "itogi.db", NULL);
}

/* Look at the first bytes before SQLite does: SQLite would happily "open" any file. */
static gboolean
check_header (const char *path, GError **error)
{
  static const char magic[16] = "SQLite format 3"; /* includes the trailing NUL */
  g_autofree char *name = g_filename_display_name (path);
  char header[16];
  ssize_t got;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND,
                     _ ("The database file “%s” does not exist."), name);
      else
        g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                     _ ("The database file “%s” cannot be opened: %s."), name, g_strerror (saved));
      return FALSE;
    }
  got = read (fd, header, sizeof header);
  close (fd);
  if (got == 0)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_DATABASE,
                   _ ("“%s” is an empty file, not an Itogi database. Nothing was changed."), name);
      return FALSE;
    }
  if (got != (ssize_t)sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_DATABASE,
                   _ ("“%s” is not an Itogi database (it is not an SQLite file). Nothing was changed."),
                   name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (ItogiStore *store, gboolean check_integrity, GError **error)
{
  g_autoptr (sqlite3_stmt) mode = NULL;
  g_autofree char *check = NULL;
  g_autofree char *name = g_filename_display_name (store->path);
  gint64 fk = 0;
  int rc;

  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_busy_timeout (store->db, 5000);

  /* The first statement is where SQLite notices a file that is not a database. */
  if (!exec (store, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (!query_int (store, "PRAGMA foreign_keys", &fk, error))
    return FALSE;
  if (fk != 1)
    {
      g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                           _ ("Foreign key checks could not be turned on."));
      return FALSE;
    }

  if (!check_integrity)
    return TRUE;
  mode = prepare (store, "PRAGMA quick_check(1)", error);
  if (mode == NULL)
    return FALSE;
  rc = sqlite3_step (mode);
  if (rc != SQLITE_ROW)
    return store_error (store, rc, error);
  check = column_dup (mode, 0);
  /* An unfinished statement holds a read transaction, which would block the WAL switch. */
  g_clear_pointer (&mode, sqlite3_finalize);
  if (g_strcmp0 (check, "ok") != 0)
    {
      /* quick_check reports several problems on separate lines; the message stays one line. */
      /* The findings are SQLite's own technical lines; «itogi-cli check» lists them all. */
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CORRUPT,
                   _ ("The database “%s” is damaged: its integrity check found errors. Nothing was changed."),
                   name);
      return FALSE;
    }

  return TRUE;
}

/* Only for a file known to be ours: the journal mode is stored in the file itself. */
static gboolean
enable_wal (ItogiStore *store, GError **error)
{
  if (sqlite3_db_readonly (store->db, "main"))
    return TRUE;
  /* WAL lets the app read while the command line writes; FULL makes each commit durable. */
  {
    g_autoptr (sqlite3_stmt) stmt = prepare (store, "PRAGMA journal_mode = WAL", error);
    g_autofree char *mode = NULL;
    int rc;

    if (stmt == NULL)
      return FALSE;
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      return store_error (store, rc, error);
    mode = column_dup (stmt, 0);
    if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") != 0)
      {
        g_autofree char *name = g_filename_display_name (store->path);
        g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                     _ ("The database “%s” cannot use write-ahead logging (journal mode “%s”)."), name,
                     mode != NULL ? mode : "?");
        return FALSE;
      }
  }
  return exec (store, "PRAGMA synchronous = FULL", error);
}

static gboolean
migrate (ItogiStore *store, int from, GError **error)
{
  for (int version = from; version < ITOGI_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      g_autofree char *set_app = g_strdup_printf ("PRAGMA application_id = %d", ITOGI_STORE_APPLICATION_ID);
      g_autoptr (sqlite3_stmt) fk_check = NULL;
      gboolean ok;

      if (!itogi_store_begin (store, error))
        return FALSE;
      ok = exec (store, migrations[version], error) && exec (store, set_app, error)
           && exec (store, set_version, error);
      if (ok)
        {
          fk_check = prepare (store, "PRAGMA foreign_key_check", error);
          ok = fk_check != NULL;
          if (ok && sqlite3_step (fk_check) == SQLITE_ROW)
            {
              g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CORRUPT,
                                   _ ("The database has broken references; it was not upgraded."));
              ok = FALSE;
            }
        }
      if (!ok)
        {
          itogi_store_rollback (store);
          return FALSE;
        }
      if (!itogi_store_commit (store, error))
        return FALSE;
      store->schema_version = version + 1;
    }
  return TRUE;
}

/* Whose file is this, and which version? Reads only. */
static gboolean
check_identity (ItogiStore *store, int *version_out, GError **error)
{
  g_autofree char *name = g_filename_display_name (store->path);
  gint64 app_id = 0, version = 0;

  if (!query_int (store, "PRAGMA application_id", &app_id, error)
      || !query_int (store, "PRAGMA user_version", &version, error))
    return FALSE;

  if (app_id != ITOGI_STORE_APPLICATION_ID)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FOREIGN,
                   _ ("“%s” is a database of another program, not an Itogi database. Nothing was changed."),
                   name);
      return FALSE;
    }
  if (version > ITOGI_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NEWER,
                   _ ("“%s” was saved by a newer version of Itogi (data format %d; this version reads up to "
                      "%d). Nothing was changed."),
                   name, (int)version, ITOGI_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  *version_out = (int)version;
  return TRUE;
}

static ItogiStore *store_open_named (const char *path, const char *name, int flags, gboolean check_integrity,
                                     GError **error);

static ItogiStore *
store_open_raw (const char *path, int flags, gboolean check_integrity, GError **error)
{
  return store_open_named (path, path, flags, check_integrity, error);
}

/* @name is what SQLite opens (a URI with SQLITE_OPEN_URI), @path the file it stands for. */
static ItogiStore *
store_open_named (const char *path, const char *name, int flags, gboolean check_integrity, GError **error)
{
  g_autoptr (ItogiStore) store = g_new0 (ItogiStore, 1);
  int rc;

  store->path = g_strdup (path);
  rc = sqlite3_open_v2 (name, &store->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      store_error (store, rc, error);
      return NULL;
    }
  /* A read-only look must leave a file that is not ours exactly as found: closing the last
   * connection would otherwise fold its -wal into it. */
  if ((flags & SQLITE_OPEN_READONLY) != 0)
    sqlite3_db_config (store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (!configure_connection (store, check_integrity, error))
    return NULL;
  return g_steal_pointer (&store);
}

ItogiStore *
itogi_store_open (const char *path, GError **error)
{
  g_autoptr (ItogiStore) store = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_header (path, error))
    return NULL;

  /* First a read-only look: integrity, owner, version. Only a file known to be ours and sound
   * is opened for writing. */
  {
    g_autoptr (ItogiStore) probe = store_open_raw (path, SQLITE_OPEN_READONLY, TRUE, error);
    if (probe == NULL || !check_identity (probe, &version, error))
      return NULL;
  }

  store = store_open_raw (path, SQLITE_OPEN_READWRITE, FALSE, error);
  if (store == NULL)
    return NULL;
  store->schema_version = version;
  if (!enable_wal (store, error))
    return NULL;
  if (version < ITOGI_STORE_SCHEMA_VERSION)
    {
      if (sqlite3_db_readonly (store->db, "main"))
        {
          g_autofree char *name = g_filename_display_name (path);
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                       _ ("“%s” needs an upgrade to this version's data format, but it is read-only. Nothing "
                          "was changed."),
                       name);
          return NULL;
        }
      /* Never migrate without a verified copy of the file as it was. */
      {
        g_autofree char *label = g_strdup_printf ("before-v%d", ITOGI_STORE_SCHEMA_VERSION);
        g_autofree char *kept = itogi_store_backup_named (store, label, error);
        if (kept == NULL)
          {
            g_prefix_error (error, _ ("The data format was not upgraded, and nothing was changed: "));
            return NULL;
          }
      }
      if (!migrate (store, version, error))
        return NULL;
    }
  return g_steal_pointer (&store);
}

/* Flush a file, or with O_DIRECTORY a folder's entries, to disk. */
static gboolean
fsync_path (const char *path, int flags)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | flags, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
fsync_directory_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return fsync_path (dir, O_DIRECTORY);
}

static void
remove_with_sidecars (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
  g_unlink (path);
}

ItogiStore *
itogi_store_create (const char *path, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr (ItogiStore) fresh = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  name = g_filename_display_name (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_EXISTS,
                   _ ("“%s” already exists. Nothing was changed."), name);
      return NULL;
    }

  /* Build the whole database under a fresh temporary name beside it, then link it into place:
   * a failure half way never leaves a half-filled file under the real name. */
  tmp = g_strconcat (path, ".new-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ITOGI_STORE_ERROR,
                   saved == ENOSPC ? ITOGI_STORE_ERROR_FULL : ITOGI_STORE_ERROR_READONLY,
                   _ ("Cannot create the database “%s”: %s."), name, g_strerror (saved));
      return NULL;
    }
  close (fd);

  fresh = store_open_raw (tmp, SQLITE_OPEN_READWRITE, FALSE, error);
  ok = fresh != NULL && enable_wal (fresh, error) && migrate (fresh, 0, error);
  if (ok)
    {
      ok = itogi_store_begin (fresh, error);
      if (ok)
        {
          ok = itogi_seed_load (fresh, error);
          ok = write_end (fresh, TRUE, ok, error);
        }
    }
  if (ok)
    ok = exec (fresh, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  g_clear_pointer (&fresh, itogi_store_free);

  if (ok && link (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, ITOGI_STORE_ERROR,
                   saved == EEXIST ? ITOGI_STORE_ERROR_EXISTS : ITOGI_STORE_ERROR_FAILED,
                   saved == EEXIST ? _ ("“%s” already exists. Nothing was changed.")
                                   : _ ("Cannot create the database “%s”."),
                   name);
      ok = FALSE;
    }
  remove_with_sidecars (tmp);
  if (!ok)
    return NULL;
  fsync_directory_of (path);
  return itogi_store_open (path, error);
}

ItogiStore *
itogi_store_open_read_only (const char *path, GError **error)
{
  g_autoptr (ItogiStore) store = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_header (path, error))
    return NULL;
  {
    g_autoptr (GError) local = NULL;
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    GStatBuf st;

    store = store_open_raw (path, SQLITE_OPEN_READONLY, TRUE, &local);
    /* A write-ahead-log database in a folder that cannot be written has nowhere to put its
     * shared index, and SQLite refuses it. With no log waiting to be replayed, the file alone is
     * the whole database, so it can be read as unchanging. */
    if (store == NULL && g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY)
        && (g_stat (wal, &st) != 0 || st.st_size == 0))
      {
        g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
        g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
        g_clear_error (&local);
        store = store_open_named (path, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, TRUE, &local);
      }
    if (store == NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return NULL;
      }
  }
  if (!check_identity (store, &version, error))
    return NULL;
  if (version < ITOGI_STORE_SCHEMA_VERSION)
    {
      /* The older format lacks the history the window reads; upgrading would be a write. */
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                   _ ("“%s” is in an older data format that can only be read after an upgrade, which "
                      "needs write access. Nothing was changed."),
                   name);
      return NULL;
    }
  store->schema_version = version;
  return g_steal_pointer (&store);
}

ItogiStore *
itogi_store_open_damaged (const char *path, GError **error)
{
  g_autoptr (ItogiStore) store = NULL;
  g_autofree char *escaped = NULL, *uri = NULL;
  int version = 0;

  if (!check_header (path, error))
    return NULL;
  /* Read-only and unchanging, without the integrity check that refused it: whatever pages are
   * sound can still be read and exported; nothing is written, not even a journal. */
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  store = store_open_named (path, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, FALSE, error);
  if (store == NULL || !check_identity (store, &version, error))
    return NULL;
  store->schema_version = version;
  return g_steal_pointer (&store);
}

gboolean
itogi_store_is_read_only (ItogiStore *store)
{
  return sqlite3_db_readonly (store->db, "main") == 1;
}

ItogiStore *
itogi_store_open_default (GError **error)
{
  g_autofree char *path = itogi_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return itogi_store_open (path, error);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                   _ ("Cannot create the folder “%s”: %s."), name, g_strerror (saved));
      return NULL;
    }
  return itogi_store_create (path, error);
}

/* ---- reads ---- */

typedef gpointer (*RowReader) (sqlite3_stmt *stmt);

/* Step through a prepared, bound statement, turning each row into a record. */
static GPtrArray *
collect_rows (ItogiStore *store, sqlite3_stmt *stmt, RowReader read_row, GDestroyNotify free_row,
              GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      store_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

char *
itogi_store_get_meta (ItogiStore *store, const char *key)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (store, "SELECT value FROM meta WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_dup (stmt, 0);
}

static gpointer
area_from_row (sqlite3_stmt *stmt)
{
  ItogiArea *area = itogi_area_new ();

  area->id = sqlite3_column_int64 (stmt, 0);
  area->slug = column_dup (stmt, 1);
  area->title = column_dup (stmt, 2);
  area->short_title = column_dup (stmt, 3);
  area->description = column_dup (stmt, 4);
  area->position = sqlite3_column_int (stmt, 5);
  area->archived = sqlite3_column_int (stmt, 6) != 0;
  area->icon = column_dup (stmt, 7);
  return area;
}

#define AREA_COLUMNS "id, slug, title, short_title, description, position, archived, icon"

GPtrArray *
itogi_store_list_areas (ItogiStore *store, gboolean include_archived, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (store,
                                           "SELECT " AREA_COLUMNS " FROM areas WHERE archived = 0 OR ?1"
                                           " ORDER BY position, id",
                                           error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  return collect_rows (store, stmt, area_from_row, (GDestroyNotify)itogi_area_free, error);
}

ItogiArea *
itogi_store_find_area (ItogiStore *store, const char *slug, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (store, "SELECT " AREA_COLUMNS " FROM areas WHERE slug = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, slug);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return area_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND, _ ("There is no activity area “%s”."),
                 slug);
  else
    store_error (store, rc, error);
  return NULL;
}

static gpointer
indicator_from_row (sqlite3_stmt *stmt)
{
  ItogiIndicator *ind = itogi_indicator_new ();

  ind->id = sqlite3_column_int64 (stmt, 0);
  ind->area_id = sqlite3_column_int64 (stmt, 1);
  ind->slug = column_dup (stmt, 2);
  ind->title = column_dup (stmt, 3);
  ind->unit = column_dup (stmt, 4);
  for (int i = 0; i < 3; i++)
    ind->forms[i] = column_dup (stmt, 5 + i);
  /* The schema's CHECKs guarantee the names; a bad one falls back to the defaults. */
  if (!itogi_kind_from_string ((const char *)sqlite3_column_text (stmt, 8), &ind->kind))
    ind->kind = ITOGI_KIND_COUNT;
  ind->scale = (guint)sqlite3_column_int (stmt, 9);
  if (!itogi_aggregation_from_string ((const char *)sqlite3_column_text (stmt, 10), &ind->aggregation))
    ind->aggregation = ITOGI_AGGREGATION_SUM;
  if (!itogi_polarity_from_string ((const char *)sqlite3_column_text (stmt, 11), &ind->polarity))
    ind->polarity = ITOGI_POLARITY_NEUTRAL;
  ind->position = sqlite3_column_int (stmt, 12);
  ind->description = column_dup (stmt, 13);
  ind->archived = sqlite3_column_int (stmt, 14) != 0;
  /* NULL and "" both mean the default sentence; readers see NULL. */
  ind->sentence = column_dup (stmt, 15);
  if (ind->sentence != NULL && *ind->sentence == '\0')
    g_clear_pointer (&ind->sentence, g_free);
  return ind;
}

GPtrArray *
itogi_store_list_indicators (ItogiStore *store, gint64 area_id, gboolean include_archived, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = prepare (store,
                  "SELECT i.id, i.area_id, i.slug, i.title, i.unit, i.form_one, i.form_few,"
                  "       i.form_many, i.kind, i.scale, i.aggregation, i.polarity, i.position,"
                  "       i.description, i.archived, i.sentence"
                  "  FROM indicators i JOIN areas a ON a.id = i.area_id"
                  " WHERE (?1 = 0 OR i.area_id = ?1) AND (i.archived = 0 OR ?2)"
                  "   AND (a.archived = 0 OR ?2 OR ?1 <> 0)"
                  " ORDER BY a.position, a.id, i.position, i.id",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, area_id);
  sqlite3_bind_int (stmt, 2, include_archived ? 1 : 0);
  return collect_rows (store, stmt, indicator_from_row, (GDestroyNotify)itogi_indicator_free, error);
}

static void
value_from_row (sqlite3_stmt *stmt, int first, ItogiValue *out)
{
  out->present = TRUE;
  out->amount = sqlite3_column_int64 (stmt, first);
  if (!itogi_qualifier_from_string ((const char *)sqlite3_column_text (stmt, first + 1), &out->qualifier))
    out->qualifier = ITOGI_QUALIFIER_EXACT;
  out->note = column_dup (stmt, first + 2);
  out->as_of = column_dup (stmt, first + 3);
  if (out->note != NULL && *out->note == '\0')
    g_clear_pointer (&out->note, g_free);
}

static const char *
period_name (ItogiPeriodType period)
{
  switch (period)
    {
    case ITOGI_PERIOD_QUARTER:
      return "quarter";
    case ITOGI_PERIOD_MONTH:
      return "month";
    case ITOGI_PERIOD_YEAR:
    default:
      return "year";
    }
}

gboolean
itogi_store_get_periods (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                         ItogiValue *out, guint count, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < count; i++)
    itogi_value_clear (&out[i]);
  stmt = prepare (store,
                  "SELECT amount, qualifier, note, as_of, period_index FROM indicator_values"
                  " WHERE indicator_id = ? AND year = ? AND period = ? ORDER BY period_index",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int (stmt, 2, year);
  bind_text (stmt, 3, period_name (period));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = sqlite3_column_int (stmt, 4);

      if (index >= 1 && (guint)index <= count)
        value_from_row (stmt, 0, &out[index - 1]);
    }
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < count; i++)
        itogi_value_clear (&out[i]);
      return store_error (store, rc, error);
    }
  return TRUE;
}

static gboolean
derive_from_periods (ItogiStore *store, const ItogiIndicator *indicator, int year, ItogiPeriodType period,
                     guint count, ItogiValue *out, GError **error)
{
  ItogiValue parts[ITOGI_MONTHS] = { 0 };
  gboolean ok;

  g_assert (count <= ITOGI_MONTHS);
  ok = itogi_store_get_periods (store, indicator->id, year, period, parts, count, error)
       && itogi_period_aggregate (indicator->aggregation, parts, count, out, error);
  for (guint i = 0; i < count; i++)
    itogi_value_clear (&parts[i]);
  return ok;
}

gboolean
itogi_store_get_period_total (ItogiStore *store, const ItogiIndicator *indicator, int year, ItogiValue *out,
                              GError **error)
{
  memset (out, 0, sizeof *out);
  if (!derive_from_periods (store, indicator, year, ITOGI_PERIOD_MONTH, ITOGI_MONTHS, out, error))
    return FALSE;
  if (!out->present
      && !derive_from_periods (store, indicator, year, ITOGI_PERIOD_QUARTER, ITOGI_QUARTERS, out, error))
    return FALSE;
  return TRUE;
}

gboolean
itogi_store_get_year_value (ItogiStore *store, const ItogiIndicator *indicator, int year, ItogiValue *out,
                            GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  memset (out, 0, sizeof *out);
  stmt = prepare (store,
                  "SELECT amount, qualifier, note, as_of FROM indicator_values"
                  " WHERE indicator_id = ? AND year = ? AND period = 'year'",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, indicator->id);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value_from_row (stmt, 0, out);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return store_error (store, rc, error);

  if (!derive_from_periods (store, indicator, year, ITOGI_PERIOD_MONTH, ITOGI_MONTHS, out, error))
    return FALSE;
  if (!out->present
      && !derive_from_periods (store, indicator, year, ITOGI_PERIOD_QUARTER, ITOGI_QUARTERS, out, error))
    return FALSE;
  return TRUE;
}

char *
itogi_store_get_area_note (ItogiStore *store, gint64 area_id, int year, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (store, "SELECT text FROM area_notes WHERE area_id = ? AND year = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, area_id);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    store_error (store, rc, error);
  return NULL;
}

static gpointer
institution_from_row (sqlite3_stmt *stmt)
{
  ItogiInstitution *inst = g_new0 (ItogiInstitution, 1);

  inst->id = sqlite3_column_int64 (stmt, 0);
  inst->area_id = sqlite3_column_int64 (stmt, 1);
  inst->name = column_dup (stmt, 2);
  inst->position = sqlite3_column_int (stmt, 3);
  inst->note = column_dup (stmt, 4);
  return inst;
}

GPtrArray *
itogi_store_list_institutions (ItogiStore *store, gint64 area_id, int year, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (store,
                 "SELECT i.id, i.area_id, i.name, i.position, n.text FROM institutions i"
                 "  LEFT JOIN institution_notes n ON n.institution_id = i.id AND n.year = ?2"
                 " WHERE i.area_id = ?1 AND i.archived = 0 ORDER BY i.position, i.id",
                 error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, area_id);
  sqlite3_bind_int (stmt, 2, year);
  return collect_rows (store, stmt, institution_from_row, (GDestroyNotify)itogi_institution_free, error);
}

static gpointer
task_from_row (sqlite3_stmt *stmt)
{
  ItogiTask *task = g_new0 (ItogiTask, 1);

  task->id = sqlite3_column_int64 (stmt, 0);
  task->area_id = sqlite3_column_int64 (stmt, 1);
  task->year = sqlite3_column_int (stmt, 2);
  task->position = sqlite3_column_int (stmt, 3);
  task->text = column_dup (stmt, 4);
  task->done = sqlite3_column_int (stmt, 5) != 0;
  return task;
}

GPtrArray *
itogi_store_list_tasks (ItogiStore *store, gint64 area_id, int year, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (store,
                                           "SELECT id, area_id, year, position, text, done FROM tasks"
                                           " WHERE area_id = ? AND year = ? ORDER BY position, id",
                                           error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, area_id);
  sqlite3_bind_int (stmt, 2, year);
  return collect_rows (store, stmt, task_from_row, (GDestroyNotify)itogi_task_free, error);
}

GArray *
itogi_store_list_years (ItogiStore *store, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (store, "SELECT DISTINCT year FROM indicator_values ORDER BY year", error);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  if (rc != SQLITE_DONE)
    {
      store_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&years);
}

/* ---- writes ---- */

gboolean
itogi_store_set_meta (ItogiStore *store, const char *key, const char *value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean own, ok;

  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, key);
      bind_text (stmt, 2, value);
      ok = step_done (store, stmt, error);
    }
  return write_end (store, own, ok, error);
}

gint64
itogi_store_add_area (ItogiStore *store, const ItogiArea *area, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *slug = NULL, *title = NULL, *short_title = NULL, *description = NULL, *icon = NULL;
  gboolean own, ok;
  gint64 id = 0;

  /* Every text is checked before anything is begun: a refused one leaves the database as it was. */
  if ((slug = itogi_text_validate (ITOGI_TEXT_SLUG, area->slug, error)) == NULL
      || (title = itogi_text_validate (ITOGI_TEXT_TITLE, area->title, error)) == NULL
      || (short_title = itogi_text_validate (ITOGI_TEXT_TAB_LABEL, area->short_title, error)) == NULL
      || (description = itogi_text_validate (ITOGI_TEXT_DESCRIPTION, area->description, error)) == NULL
      || (icon = itogi_text_validate (ITOGI_TEXT_ICON, area->icon, error)) == NULL)
    return 0;
  if (!write_begin (store, &own, error))
    return 0;
  stmt = prepare (store,
                  "INSERT INTO areas (slug, title, short_title, description, position, archived, icon)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, slug);
      bind_text (stmt, 2, title);
      bind_text (stmt, 3, short_title);
      bind_text (stmt, 4, description);
      sqlite3_bind_int (stmt, 5, area->position);
      sqlite3_bind_int (stmt, 6, area->archived ? 1 : 0);
      bind_text (stmt, 7, icon);
      ok = step_done (store, stmt, error);
      id = sqlite3_last_insert_rowid (store->db);
    }
  return write_end (store, own, ok, error) ? id : 0;
}

/* An id never used before in @table, not even by a row since deleted and remembered in the
 * history: a new indicator must not inherit a deleted one's history, nor block its undo. */
static gint64
fresh_id (ItogiStore *store, const char *table, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT max (coalesce ((SELECT max (id) FROM %1$s), 0),"
      "            coalesce ((SELECT max (json_extract (coalesce (new, old), '$.id')) FROM history"
      "                        WHERE tbl = '%1$s'), 0)) + 1",
      table);
  gint64 id = 0;

  return query_int (store, sql, &id, error) ? id : 0;
}

/* An indicator's texts as they are to be stored, each checked by its rule; FALSE at the first
 * refused one. */
typedef struct
{
  char *slug, *title, *unit, *forms[3], *description, *sentence;
} IndicatorTexts;

static void
indicator_texts_clear (IndicatorTexts *t)
{
  g_free (t->slug);
  g_free (t->title);
  g_free (t->unit);
  for (int i = 0; i < 3; i++)
    g_free (t->forms[i]);
  g_free (t->description);
  g_free (t->sentence);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IndicatorTexts, indicator_texts_clear)

static gboolean
indicator_texts_validate (const ItogiIndicator *ind, gboolean with_slug, IndicatorTexts *t, GError **error)
{
  if (with_slug && (t->slug = itogi_text_validate (ITOGI_TEXT_SLUG, ind->slug, error)) == NULL)
    return FALSE;
  if ((t->title = itogi_text_validate (ITOGI_TEXT_TITLE, ind->title, error)) == NULL
      || (t->unit = itogi_text_validate (ITOGI_TEXT_UNIT, ind->unit, error)) == NULL)
    return FALSE;
  for (int i = 0; i < 3; i++)
    if ((t->forms[i] = itogi_text_validate (ITOGI_TEXT_WORD_FORM, ind->forms[i], error)) == NULL)
      return FALSE;
  if ((t->description = itogi_text_validate (ITOGI_TEXT_DESCRIPTION, ind->description, error)) == NULL)
    return FALSE;
  /* The template is a paragraph of the report; no template is no text. */
  return (t->sentence = itogi_text_validate (ITOGI_TEXT_DESCRIPTION, ind->sentence, error)) != NULL;
}

gint64
itogi_store_add_indicator (ItogiStore *store, const ItogiIndicator *ind, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_auto (IndicatorTexts) texts = { 0 };
  gboolean own, ok;
  gint64 id = 0;

  if (!indicator_texts_validate (ind, TRUE, &texts, error))
    return 0;
  if (!write_begin (store, &own, error))
    return 0;
  id = fresh_id (store, "indicators", error);
  stmt = id != 0
             ? prepare (store,
                        "INSERT INTO indicators (area_id, slug, title, unit, form_one, form_few, form_many,"
                        "  kind, scale, aggregation, polarity, position, description, archived, id,"
                        "  sentence)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error)
             : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, ind->area_id);
      bind_text (stmt, 2, texts.slug);
      bind_text (stmt, 3, texts.title);
      bind_text (stmt, 4, texts.unit);
      for (int i = 0; i < 3; i++)
        bind_text (stmt, 5 + i, texts.forms[i]);
      bind_text (stmt, 8, itogi_kind_to_string (ind->kind));
      sqlite3_bind_int (stmt, 9, (int)itogi_kind_effective_scale (ind->kind, ind->scale));
      bind_text (stmt, 10, itogi_aggregation_to_string (ind->aggregation));
      bind_text (stmt, 11, itogi_polarity_to_string (ind->polarity));
      sqlite3_bind_int (stmt, 12, ind->position);
      bind_text (stmt, 13, texts.description);
      sqlite3_bind_int (stmt, 14, ind->archived ? 1 : 0);
      sqlite3_bind_int64 (stmt, 15, id);
      bind_optional_text (stmt, 16, texts.sentence);
      ok = step_done (store, stmt, error);
    }
  return write_end (store, own, ok, error) ? id : 0;
}

gboolean
itogi_store_set_value (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                       int period_index, const ItogiValue *value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *note = itogi_text_validate (ITOGI_TEXT_NOTE, value->note, error);
  gboolean own, ok;

  if (note == NULL)
    return FALSE;
  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store,
                  "INSERT INTO indicator_values (indicator_id, year, period, period_index, amount,"
                  "  qualifier, note, as_of, changed_by, changed_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (indicator_id, year, period, period_index) DO UPDATE SET"
                  "  amount = excluded.amount, qualifier = excluded.qualifier, note = excluded.note,"
                  "  as_of = excluded.as_of, changed_by = excluded.changed_by,"
                  "  changed_at = excluded.changed_at",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, indicator_id);
      sqlite3_bind_int (stmt, 2, year);
      bind_text (stmt, 3, period_name (period));
      sqlite3_bind_int (stmt, 4, period == ITOGI_PERIOD_YEAR ? 0 : period_index);
      sqlite3_bind_int64 (stmt, 5, value->amount);
      bind_text (stmt, 6, itogi_qualifier_to_string (value->qualifier));
      bind_text (stmt, 7, note);
      if (value->as_of != NULL && *value->as_of != '\0')
        bind_text (stmt, 8, value->as_of);
      else
        sqlite3_bind_null (stmt, 8);
      bind_text (stmt, 9, g_get_user_name ());
      bind_text (stmt, 10, now);
      ok = step_done (store, stmt, error);
    }
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_delete_value (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                          int period_index, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean own, ok;

  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (
      store,
      "DELETE FROM indicator_values WHERE indicator_id = ? AND year = ? AND period = ? AND period_index = ?",
      error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, indicator_id);
      sqlite3_bind_int (stmt, 2, year);
      bind_text (stmt, 3, period_name (period));
      sqlite3_bind_int (stmt, 4, period == ITOGI_PERIOD_YEAR ? 0 : period_index);
      ok = step_done (store, stmt, error);
    }
  return write_end (store, own, ok, error);
}

static gboolean
set_year_text (ItogiStore *store, const char *sql, gint64 owner_id, int year, const char *text,
               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *note = itogi_text_validate (ITOGI_TEXT_NOTE, text, error);
  gboolean own, ok;

  if (note == NULL)
    return FALSE;
  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, owner_id);
      sqlite3_bind_int (stmt, 2, year);
      bind_text (stmt, 3, note);
      bind_text (stmt, 4, g_get_user_name ());
      bind_text (stmt, 5, now);
      ok = step_done (store, stmt, error);
    }
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_set_area_note (ItogiStore *store, gint64 area_id, int year, const char *text, GError **error)
{
  return set_year_text (
      store,
      /* An upsert, not a replace: a replace deletes without telling the history. */
      "INSERT INTO area_notes (area_id, year, text, changed_by, changed_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (area_id, year) DO UPDATE SET text = excluded.text,"
      " changed_by = excluded.changed_by, changed_at = excluded.changed_at",
      area_id, year, text, error);
}

gint64
itogi_store_add_institution (ItogiStore *store, gint64 area_id, const char *name, int position,
                             GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *checked = itogi_text_validate (ITOGI_TEXT_NAME, name, error);
  gboolean own, ok;
  gint64 id = 0;

  if (checked == NULL)
    return 0;
  if (!write_begin (store, &own, error))
    return 0;
  stmt = prepare (store, "INSERT INTO institutions (area_id, name, position) VALUES (?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, area_id);
      bind_text (stmt, 2, checked);
      sqlite3_bind_int (stmt, 3, position);
      ok = step_done (store, stmt, error);
      id = sqlite3_last_insert_rowid (store->db);
    }
  return write_end (store, own, ok, error) ? id : 0;
}

gboolean
itogi_store_set_institution_note (ItogiStore *store, gint64 institution_id, int year, const char *text,
                                  GError **error)
{
  return set_year_text (
      store,
      "INSERT INTO institution_notes (institution_id, year, text, changed_by, changed_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (institution_id, year) DO UPDATE SET"
      " text = excluded.text, changed_by = excluded.changed_by, changed_at = excluded.changed_at",
      institution_id, year, text, error);
}

gint64
itogi_store_add_task (ItogiStore *store, gint64 area_id, int year, const char *text, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *checked = itogi_text_validate (ITOGI_TEXT_TASK, text, error);
  gboolean own, ok;
  gint64 id = 0;

  if (checked == NULL)
    return 0;
  if (!write_begin (store, &own, error))
    return 0;
  id = fresh_id (store, "tasks", error);
  stmt = id != 0 ? prepare (store,
                            "INSERT INTO tasks (area_id, year, position, text, changed_by, changed_at, id)"
                            " VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM tasks"
                            "                  WHERE area_id = ?1 AND year = ?2), ?3, ?4, ?5, ?6)",
                            error)
                 : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, area_id);
      sqlite3_bind_int (stmt, 2, year);
      bind_text (stmt, 3, checked);
      bind_text (stmt, 4, g_get_user_name ());
      bind_text (stmt, 5, now);
      sqlite3_bind_int64 (stmt, 6, id);
      ok = step_done (store, stmt, error);
    }
  return write_end (store, own, ok, error) ? id : 0;
}

static gboolean
task_gone (GError **error)
{
  g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                       _ ("The task is no longer there: it may have been removed in the meantime."));
  return FALSE;
}

gboolean
itogi_store_update_task (ItogiStore *store, gint64 task_id, const char *text, gboolean done, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *checked = itogi_text_validate (ITOGI_TEXT_TASK, text, error);
  gboolean own, ok;

  if (checked == NULL)
    return FALSE;
  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store, "UPDATE tasks SET text = ?, done = ?, changed_by = ?, changed_at = ? WHERE id = ?",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, checked);
      sqlite3_bind_int (stmt, 2, done ? 1 : 0);
      bind_text (stmt, 3, g_get_user_name ());
      bind_text (stmt, 4, now);
      sqlite3_bind_int64 (stmt, 5, task_id);
      ok = step_done (store, stmt, error);
      if (ok && sqlite3_changes (store->db) == 0)
        ok = task_gone (error);
    }
  return write_end (store, own, ok, error);
}

/* Swap row @id of @table with its neighbour above (@delta −1) or below (+1) among the rows that
 * share its @group columns (and pass @filter), in the order (position, id). Positions are
 * renumbered 1… first, so that equal positions cannot make a swap a no-op. At either end nothing
 * changes and *@moved (if given) is FALSE; that is not an error. */
static gboolean
move_row (ItogiStore *store, const char *table, const char *group, const char *filter, gint64 id, int delta,
          gboolean *moved, GError **error)
{
  g_autofree char *find_sql
      = g_strdup_printf ("SELECT o.id FROM %1$s t JOIN %1$s o ON (%2$s) WHERE t.id = ?1 AND (%3$s)"
                         " AND (o.position %4$s t.position OR (o.position = t.position AND o.id %4$s t.id))"
                         " ORDER BY o.position %5$s, o.id %5$s LIMIT 1",
                         table, group, filter, delta < 0 ? "<" : ">", delta < 0 ? "DESC" : "ASC");
  g_autofree char *renumber_sql
      = g_strdup_printf ("WITH ranked AS (SELECT o.id, row_number () OVER (ORDER BY o.position, o.id) AS n"
                         "   FROM %1$s t JOIN %1$s o ON (%2$s) WHERE t.id = ?1 AND (%3$s))"
                         " UPDATE %1$s SET position = ranked.n FROM ranked"
                         " WHERE %1$s.id = ranked.id AND %1$s.position <> ranked.n",
                         table, group, filter);
  g_autofree char *get_sql = g_strdup_printf (
      "SELECT (SELECT position FROM %1$s WHERE id = ?1), (SELECT position FROM %1$s WHERE id = ?2)", table);
  g_autofree char *set_sql = g_strdup_printf ("UPDATE %s SET position = ? WHERE id = ?", table);
  g_autoptr (sqlite3_stmt) find = NULL;
  gboolean own, ok;
  gint64 other = 0;
  int rc;

  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);
  if (!write_begin (store, &own, error))
    return FALSE;
  find = prepare (store, find_sql, error);
  ok = find != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (find, 1, id);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        other = sqlite3_column_int64 (find, 0);
      else if (rc != SQLITE_DONE)
        ok = store_error (store, rc, error);
    }
  if (ok && other != 0)
    {
      g_autoptr (sqlite3_stmt) renumber = prepare (store, renumber_sql, error);
      g_autoptr (sqlite3_stmt) get = NULL;
      g_autoptr (sqlite3_stmt) set = NULL;
      int mine = 0, theirs = 0;

      ok = renumber != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (renumber, 1, id);
          ok = step_done (store, renumber, error);
        }
      /* Read both positions first: a subquery inside the UPDATE would see the half-done swap. */
      if (ok)
        ok = (get = prepare (store, get_sql, error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (get, 1, id);
          sqlite3_bind_int64 (get, 2, other);
          rc = sqlite3_step (get);
          ok = rc == SQLITE_ROW || store_error (store, rc, error);
          mine = ok ? sqlite3_column_int (get, 0) : 0;
          theirs = ok ? sqlite3_column_int (get, 1) : 0;
        }
      if (ok)
        ok = (set = prepare (store, set_sql, error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int (set, 1, theirs);
          sqlite3_bind_int64 (set, 2, id);
          ok = step_done (store, set, error);
          sqlite3_reset (set);
        }
      if (ok)
        {
          sqlite3_bind_int (set, 1, mine);
          sqlite3_bind_int64 (set, 2, other);
          ok = step_done (store, set, error);
        }
    }
  if (!write_end (store, own, ok, error))
    return FALSE;
  if (moved != NULL)
    *moved = other != 0;
  return TRUE;
}

gboolean
itogi_store_move_task (ItogiStore *store, gint64 task_id, int delta, gboolean *moved, GError **error)
{
  return move_row (store, "tasks", "o.area_id = t.area_id AND o.year = t.year", "1", task_id, delta, moved,
                   error);
}

gboolean
itogi_store_move_indicator (ItogiStore *store, gint64 indicator_id, int delta, gboolean *moved,
                            GError **error)
{
  return move_row (store, "indicators", "o.area_id = t.area_id", "o.archived = 0", indicator_id, delta, moved,
                   error);
}

gboolean
itogi_store_move_area (ItogiStore *store, gint64 area_id, int delta, gboolean *moved, GError **error)
{
  return move_row (store, "areas", "1", "o.archived = 0", area_id, delta, moved, error);
}

static gboolean
run_for_id (ItogiStore *store, const char *sql, gint64 id, int value, const char *gone, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean own, ok;

  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, value);
      ok = step_done (store, stmt, error);
      if (ok && gone != NULL && sqlite3_changes (store->db) == 0)
        {
          g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID, gone);
          ok = FALSE;
        }
    }
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_set_indicator_archived (ItogiStore *store, gint64 indicator_id, gboolean archived, GError **error)
{
  return run_for_id (store, "UPDATE indicators SET archived = ?2 WHERE id = ?1", indicator_id,
                     archived ? 1 : 0, _ ("The indicator is no longer there."), error);
}

gboolean
itogi_store_set_area_archived (ItogiStore *store, gint64 area_id, gboolean archived, GError **error)
{
  return run_for_id (store, "UPDATE areas SET archived = ?2 WHERE id = ?1", area_id, archived ? 1 : 0,
                     _ ("The area is no longer there."), error);
}

gint64
itogi_store_count_values (ItogiStore *store, gint64 indicator_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (store, "SELECT count(*) FROM indicator_values WHERE indicator_id = ?", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      store_error (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
itogi_store_delete_indicator (ItogiStore *store, gint64 indicator_id, GError **error)
{
  gboolean own, ok;

  if (!write_begin (store, &own, error))
    return FALSE;
  /* The figures first, each recorded, so that an undo can bring them back. */
  ok = run_for_id (store, "DELETE FROM indicator_values WHERE indicator_id = ?1 AND ?2 = ?2", indicator_id, 0,
                   NULL, error)
       && run_for_id (store, "DELETE FROM indicators WHERE id = ?1 AND ?2 = ?2", indicator_id, 0,
                      _ ("The indicator is no longer there."), error);
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_update_area (ItogiStore *store, const ItogiArea *area, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *title = NULL, *short_title = NULL, *description = NULL;
  gboolean own, ok;

  if ((title = itogi_text_validate (ITOGI_TEXT_TITLE, area->title, error)) == NULL
      || (short_title = itogi_text_validate (ITOGI_TEXT_TAB_LABEL, area->short_title, error)) == NULL
      || (description = itogi_text_validate (ITOGI_TEXT_DESCRIPTION, area->description, error)) == NULL)
    return FALSE;
  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store, "UPDATE areas SET title = ?, short_title = ?, description = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, title);
      bind_text (stmt, 2, short_title);
      bind_text (stmt, 3, description);
      sqlite3_bind_int64 (stmt, 4, area->id);
      ok = step_done (store, stmt, error);
      if (ok && sqlite3_changes (store->db) == 0)
        {
          g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                               _ ("The area is no longer there."));
          ok = FALSE;
        }
    }
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_update_indicator (ItogiStore *store, const ItogiIndicator *ind, GError **error)
{
  g_autoptr (sqlite3_stmt) check = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_auto (IndicatorTexts) texts = { 0 };
  gboolean own, ok;
  int rc;

  if (!indicator_texts_validate (ind, FALSE, &texts, error))
    return FALSE;
  if (!write_begin (store, &own, error))
    return FALSE;
  /* Amounts are stored in the kind's minor units: a kind cannot change under existing figures. */
  check = prepare (store,
                   "SELECT kind, scale, (SELECT count(*) FROM indicator_values WHERE indicator_id = ?1)"
                   " FROM indicators WHERE id = ?1",
                   error);
  ok = check != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (check, 1, ind->id);
      rc = sqlite3_step (check);
      if (rc == SQLITE_DONE)
        {
          g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                               _ ("The indicator is no longer there."));
          ok = FALSE;
        }
      else if (rc != SQLITE_ROW)
        ok = store_error (store, rc, error);
      else if (sqlite3_column_int64 (check, 2) > 0
               && (g_strcmp0 ((const char *)sqlite3_column_text (check, 0), itogi_kind_to_string (ind->kind))
                       != 0
                   || sqlite3_column_int (check, 1)
                          != (int)itogi_kind_effective_scale (ind->kind, ind->scale)))
        {
          g_set_error_literal (
              error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
              _ ("The kind of figure cannot change while the indicator has figures: they would "
                 "change their meaning. Add a new indicator instead."));
          ok = FALSE;
        }
    }
  if (ok)
    ok = (stmt
          = prepare (store,
                     "UPDATE indicators SET title = ?, unit = ?, form_one = ?, form_few = ?, form_many = ?,"
                     " kind = ?, scale = ?, aggregation = ?, polarity = ?, description = ?, sentence = ?"
                     " WHERE id = ?",
                     error))
         != NULL;
  if (ok)
    {
      bind_text (stmt, 1, texts.title);
      bind_text (stmt, 2, texts.unit);
      for (int i = 0; i < 3; i++)
        bind_text (stmt, 3 + i, texts.forms[i]);
      bind_text (stmt, 6, itogi_kind_to_string (ind->kind));
      sqlite3_bind_int (stmt, 7, (int)itogi_kind_effective_scale (ind->kind, ind->scale));
      bind_text (stmt, 8, itogi_aggregation_to_string (ind->aggregation));
      bind_text (stmt, 9, itogi_polarity_to_string (ind->polarity));
      bind_text (stmt, 10, texts.description);
      bind_optional_text (stmt, 11, texts.sentence);
      sqlite3_bind_int64 (stmt, 12, ind->id);
      ok = step_done (store, stmt, error);
    }
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_delete_task (ItogiStore *store, gint64 task_id, GError **error)
{
  return run_for_id (store, "DELETE FROM tasks WHERE id = ?1 AND ?2 = ?2", task_id, 0,
                     _ ("The task is no longer there: it may have been removed in the meantime."), error);
}

/* ---- backup and check ---- */

/* Whether both names lead to one existing file. */
static gboolean
same_file (const char *a, const char *b)
{
  GStatBuf sa, sb;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean
itogi_store_backup (ItogiStore *store, const char *dest, GError **error)
{
  g_autofree char *name = g_filename_display_name (dest);
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *tmp = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (ItogiStore) copy = NULL;
  g_autoptr (GError) local = NULL;
  int fd, version = 0, rc;

  g_return_val_if_fail (!store->in_transaction, FALSE);
  /* A backup over the database itself (or a link to it, or one of its journal files) would
   * replace the live file while it is open. */
  {
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *own = g_strconcat (store->path, suffixes[i], NULL);
        if (same_file (dest, own))
          {
            g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                         _ ("“%s” is the database itself: choose another file for the backup."), name);
            return FALSE;
          }
      }
  }
  /* A name of our own beside the backup: VACUUM INTO will not write over a file. */
  tmp = g_build_filename (dir, ".itogi-backup-XXXXXX", NULL);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ITOGI_STORE_ERROR,
                   saved == ENOSPC ? ITOGI_STORE_ERROR_FULL : ITOGI_STORE_ERROR_READONLY,
                   _ ("The backup “%s” cannot be written there: %s."), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  g_unlink (tmp);

  stmt = prepare (store, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, tmp);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      store_error (store, rc, error);
      remove_with_sidecars (tmp);
      g_unlink (tmp);
      return FALSE;
    }
  /* As private as the database itself; durable first, then verified as a stranger would open
   * it: ours, readable, whole. */
  g_chmod (tmp, 0600);
  if (!fsync_path (tmp, 0))
    g_set_error (&local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                 _ ("The backup could not be flushed to disk."));
  if (local == NULL)
    copy = store_open_raw (tmp, SQLITE_OPEN_READONLY, TRUE, &local);
  if (copy != NULL)
    check_identity (copy, &version, &local);
  g_clear_pointer (&copy, itogi_store_free);
  if (local == NULL && g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      g_set_error (&local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                   _ ("The backup “%s” cannot be written: %s."), name, g_strerror (saved));
    }
  if (local != NULL)
    {
      remove_with_sidecars (tmp);
      g_unlink (tmp);
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _ ("The backup failed and was removed: "));
      return FALSE;
    }
  fsync_directory_of (dest);
  return TRUE;
}

char *
itogi_store_backup_dir_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return g_build_filename (dir, "itogi-backups", NULL);
}

char *
itogi_store_backup_dir (ItogiStore *store)
{
  return itogi_store_backup_dir_for (store->path);
}

/* «itogi» for «…/itogi.db»: backups of that file are named «itogi-YYYYMMDD-HHMMSS-label.db». */
static char *
backup_stem (const char *path)
{
  char *base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  return base;
}

static gint compare_names_desc (gconstpointer a, gconstpointer b);

GPtrArray *
itogi_store_list_backups (const char *path)
{
  g_autofree char *dir = itogi_store_backup_dir_for (path);
  g_autofree char *stem = backup_stem (path);
  g_autofree char *prefix = g_strdup_printf ("%s-", stem);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      const char *rest = name + strlen (prefix);
      /* Only our own names: the stem, a date and time, a label; not a half-written temporary. */
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db") && strlen (rest) > 15
          && g_ascii_isdigit (rest[0]) && rest[8] == '-' && rest[15] == '-')
        g_ptr_array_add (names, g_strdup (name));
    }
  /* The date and time lead the name, so the newest sorts first. */
  g_ptr_array_sort (names, compare_names_desc);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (paths, g_build_filename (dir, names->pdata[i], NULL));
  return paths;
}

GDateTime *
itogi_store_backup_time (const char *backup)
{
  g_autofree char *base = g_path_get_basename (backup);
  const char *p = base + strlen (base);
  int y, mo, d, h, mi, s;

  /* From the end: «-YYYYMMDD-HHMMSS-label.db»; the stem itself may hold dashes and digits. */
  for (; p > base; p--)
    if (sscanf (p, "-%4d%2d%2d-%2d%2d%2d-", &y, &mo, &d, &h, &mi, &s) == 6 && strlen (p) > 17 && p[9] == '-'
        && p[16] == '-')
      {
        if (!g_date_valid_dmy ((GDateDay)d, (GDateMonth)mo, (GDateYear)y))
          return NULL;
        return g_date_time_new_local (y, mo, d, h, mi, s);
      }
  return NULL;
}

char *
itogi_store_backup_named (ItogiStore *store, const char *label, GError **error)
{
  g_autofree char *dir = itogi_store_backup_dir (store);
  g_autofree char *base = backup_stem (store->path);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *file = NULL;
  char *path;

  file = g_strdup_printf ("%s-%s-%s.db", base, stamp, label);
  path = g_build_filename (dir, file, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);
      g_set_error (error, ITOGI_STORE_ERROR,
                   saved == ENOSPC ? ITOGI_STORE_ERROR_FULL : ITOGI_STORE_ERROR_READONLY,
                   _ ("The backup folder “%s” cannot be made: %s."), name, g_strerror (saved));
      g_free (path);
      return NULL;
    }
  if (!itogi_store_backup (store, path, error))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

static gint
compare_names_desc (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)b, *(const char *const *)a);
}

char *
itogi_store_daily_backup (ItogiStore *store, guint keep, GError **error)
{
  g_autofree char *dir = itogi_store_backup_dir (store);
  g_autofree char *base = backup_stem (store->path);
  g_autoptr (GPtrArray) daily = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y%m%d");
  g_autofree char *prefix = NULL;
  const char *name;
  char *made;

  prefix = g_strdup_printf ("%s-", base);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, "-daily.db"))
      g_ptr_array_add (daily, g_strdup (name));
  g_ptr_array_sort (daily, compare_names_desc);
  /* One a day: names start with the date, so the newest sorts first. */
  if (daily->len > 0 && g_str_has_prefix ((const char *)daily->pdata[0] + strlen (prefix), today))
    return g_strdup ("");
  made = itogi_store_backup_named (store, "daily", error);
  if (made == NULL)
    return NULL;
  /* The newest @keep are kept, counting the one just made. */
  for (guint i = keep > 0 ? keep - 1 : 0; i < daily->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, daily->pdata[i], NULL);
      g_unlink (old);
    }
  return made;
}

gboolean
itogi_store_move_aside (const char *path, const char *label, char **moved_to, GError **error)
{
  static const char *const sidecars[] = { "", "-wal", "-shm" };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *stem
      = g_str_has_suffix (path, ".db") ? g_strndup (path, strlen (path) - 3) : g_strdup (path);
  g_autofree char *aside = g_strdup_printf ("%s-%s-%s.db", stem, label, stamp);

  /* Never over an earlier one moved aside in the same second. */
  for (int n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s-%s-%s-%d.db", stem, label, stamp, n);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *from = g_strconcat (path, sidecars[i], NULL);
      g_autofree char *to = g_strconcat (aside, sidecars[i], NULL);
      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_name (path);
          g_set_error (error, ITOGI_STORE_ERROR,
                       saved == ENOSPC ? ITOGI_STORE_ERROR_FULL : ITOGI_STORE_ERROR_READONLY,
                       _ ("“%s” could not be moved aside: %s."), name, g_strerror (saved));
          /* Whatever moved goes back, so the file and its journal stay together. */
          while (i-- > 0)
            {
              g_autofree char *back_from = g_strconcat (aside, sidecars[i], NULL);
              g_autofree char *back_to = g_strconcat (path, sidecars[i], NULL);
              g_rename (back_from, back_to);
            }
          return FALSE;
        }
    }
  fsync_directory_of (path);
  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&aside);
  return TRUE;
}

gboolean
itogi_store_restore (const char *backup, const char *dest, const char *aside_label, char **kept_aside,
                     GError **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *tmp = NULL;
  g_autoptr (ItogiStore) source = NULL;
  g_autofree char *aside = NULL;
  int version = 0, fd;

  if (kept_aside != NULL)
    *kept_aside = NULL;
  /* The backup first: ours, sound, not newer. Nothing is touched until it passes. */
  if (!check_header (backup, error))
    return FALSE;
  source = store_open_raw (backup, SQLITE_OPEN_READONLY, TRUE, error);
  if (source == NULL || !check_identity (source, &version, error))
    return FALSE;

  tmp = g_build_filename (dir, ".itogi-restore-XXXXXX", NULL);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dest);
      g_set_error (error, ITOGI_STORE_ERROR,
                   saved == ENOSPC ? ITOGI_STORE_ERROR_FULL : ITOGI_STORE_ERROR_READONLY,
                   _ ("“%s” cannot be restored there: %s."), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  g_unlink (tmp);
  if (!itogi_store_backup (source, tmp, error))
    return FALSE;
  g_clear_pointer (&source, itogi_store_free);

  /* The current file is never deleted: it is moved aside, with its journal files. */
  if (g_file_test (dest, G_FILE_TEST_EXISTS) && !itogi_store_move_aside (dest, aside_label, &aside, error))
    {
      g_prefix_error (error, _ ("Nothing was restored: "));
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                   _ ("The backup could not be put in place: %s. The previous file is kept as “%s”."),
                   g_strerror (saved), aside != NULL ? aside : "");
      g_unlink (tmp);
      return FALSE;
    }
  fsync_directory_of (dest);
  if (kept_aside != NULL)
    *kept_aside = g_steal_pointer (&aside);
  return TRUE;
}

static gboolean
collect_checks (ItogiStore *store, const char *sql, GPtrArray *problems, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);
      GString *line = g_string_new (NULL);

      for (int i = 0; i < n; i++)
        {
          const char *v = (const char *)sqlite3_column_text (stmt, i);
          g_string_append_printf (line, "%s%s", i > 0 ? " " : "", v != NULL ? v : "—");
        }
      if (g_strcmp0 (line->str, "ok") != 0)
        g_ptr_array_add (problems, g_string_free (line, FALSE));
      else
        g_string_free (line, TRUE);
    }
  return rc == SQLITE_DONE || store_error (store, rc, error);
}

GPtrArray *
itogi_store_check (ItogiStore *store, GError **error)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (!collect_checks (store, "PRAGMA integrity_check", problems, error)
      || !collect_checks (store, "PRAGMA foreign_key_check", problems, error))
    return NULL;
  return g_steal_pointer (&problems);
}

/* ---- edit steps, history and undo ---- */

typedef struct
{
  const char *table;
  const char *columns[17];
  const char *keys[5];
} TrackedTable;

/* The tables whose changes the v2 triggers record, with their columns and keys. */
static const TrackedTable tracked[] = {
  { "indicator_values",
    { "indicator_id", "year", "period", "period_index", "amount", "qualifier", "note", "as_of", "changed_by",
      "changed_at", NULL },
    { "indicator_id", "year", "period", "period_index", NULL } },
  { "area_notes",
    { "area_id", "year", "text", "changed_by", "changed_at", NULL },
    { "area_id", "year", NULL } },
  { "institution_notes",
    { "institution_id", "year", "text", "changed_by", "changed_at", NULL },
    { "institution_id", "year", NULL } },
  { "tasks",
    { "id", "area_id", "year", "position", "text", "done", "changed_by", "changed_at", NULL },
    { "id", NULL } },
  { "areas",
    { "id", "slug", "title", "short_title", "description", "icon", "position", "archived", NULL },
    { "id", NULL } },
  { "indicators",
    { "id", "area_id", "slug", "title", "unit", "form_one", "form_few", "form_many", "kind", "scale",
      "aggregation", "polarity", "position", "description", "archived", "sentence", NULL },
    { "id", NULL } },
  { "report_texts",
    { "area_id", "year", "compare_year", "text", "changed_by", "changed_at", NULL },
    { "area_id", "year", "compare_year", NULL } },
  { "institutions", { "id", "area_id", "name", "position", "archived", NULL }, { "id", NULL } },
};

static const TrackedTable *
tracked_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tracked); i++)
    if (g_strcmp0 (tracked[i].table, name) == 0)
      return &tracked[i];
  return NULL;
}

gint64
itogi_store_begin_step (ItogiStore *store, const char *label, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();

  g_return_val_if_fail (store->step == 0, 0);
  if (!itogi_store_begin (store, error))
    return 0;
  stmt = prepare (store, "INSERT INTO steps (at, who, label) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, now);
  bind_text (stmt, 2, g_get_user_name ());
  bind_text (stmt, 3, label);
  if (!step_done (store, stmt, error))
    goto fail;
  store->step = sqlite3_last_insert_rowid (store->db);
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* While this row exists, the triggers record every change under the step. */
  stmt = prepare (store, "INSERT INTO edit_session (step) VALUES (?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, store->step);
  if (!step_done (store, stmt, error))
    goto fail;
  return store->step;

fail:
  itogi_store_rollback (store);
  store->step = 0;
  return 0;
}

gboolean
itogi_store_commit_step (ItogiStore *store, GError **error)
{
  g_autofree char *sql = NULL;
  gint64 changes = 0;

  g_return_val_if_fail (store->step != 0, FALSE);
  sql = g_strdup_printf ("SELECT count(*) FROM history WHERE step = %" G_GINT64_FORMAT, store->step);
  if (!exec (store, "DELETE FROM edit_session", error) || !query_int (store, sql, &changes, error))
    {
      itogi_store_rollback (store);
      store->step = 0;
      return FALSE;
    }
  /* A step that changed nothing leaves no trace. */
  if (changes == 0)
    {
      g_autofree char *drop = g_strdup_printf ("DELETE FROM steps WHERE id = %" G_GINT64_FORMAT, store->step);
      if (!exec (store, drop, error))
        {
          itogi_store_rollback (store);
          store->step = 0;
          return FALSE;
        }
    }
  store->step = 0;
  return itogi_store_commit (store, error);
}

gboolean
itogi_store_has_step (ItogiStore *store, gint64 step)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM steps WHERE id = %" G_GINT64_FORMAT, step);
  gint64 n = 0;

  return step != 0 && query_int (store, sql, &n, NULL) && n > 0;
}

void
itogi_store_rollback_step (ItogiStore *store)
{
  itogi_store_rollback (store);
  store->step = 0;
}

static char *
key_condition (const TrackedTable *t, const char *param)
{
  g_autoptr (GString) sql = g_string_new (NULL);

  for (guint k = 0; t->keys[k] != NULL; k++)
    g_string_append_printf (sql, "%s%s IS json_extract (%s, '$.%s')", k > 0 ? " AND " : "", t->keys[k], param,
                            t->keys[k]);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
row_json_sql (const TrackedTable *t)
{
  g_autoptr (GString) sql = g_string_new ("SELECT json_object (");

  for (guint c = 0; t->columns[c] != NULL; c++)
    g_string_append_printf (sql, "%s'%s', %s", c > 0 ? ", " : "", t->columns[c], t->columns[c]);
  g_string_append_printf (sql, ") FROM %s WHERE ", t->table);
  {
    g_autofree char *where = key_condition (t, "?1");
    g_string_append (sql, where);
  }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Put one recorded change back. The row must still be as the change left it: a later edit made
 * elsewhere is never silently overwritten. */
static gboolean
revert_change (ItogiStore *store, const TrackedTable *t, const char *op, const char *old, const char *new,
               GError **error)
{
  g_autofree char *select = row_json_sql (t);
  g_autoptr (sqlite3_stmt) stmt = prepare (store, select, error);
  g_autofree char *current = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (sqlite3_stmt) apply = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, g_strcmp0 (op, "delete") == 0 ? old : new);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    current = column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    return store_error (store, rc, error);
  if (g_strcmp0 (op, "delete") == 0 ? current != NULL : g_strcmp0 (current, new) != 0)
    {
      g_set_error_literal (
          error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CONFLICT,
          _ ("This change cannot be undone: the figures it touched were changed again since."));
      return FALSE;
    }

  if (g_strcmp0 (op, "insert") == 0)
    {
      g_autofree char *where = key_condition (t, "?1");
      g_string_printf (sql, "DELETE FROM %s WHERE %s", t->table, where);
    }
  else if (g_strcmp0 (op, "delete") == 0)
    {
      g_string_printf (sql, "INSERT INTO %s (", t->table);
      for (guint c = 0; t->columns[c] != NULL; c++)
        g_string_append_printf (sql, "%s%s", c > 0 ? ", " : "", t->columns[c]);
      g_string_append (sql, ") VALUES (");
      for (guint c = 0; t->columns[c] != NULL; c++)
        g_string_append_printf (sql, "%sjson_extract (?1, '$.%s')", c > 0 ? ", " : "", t->columns[c]);
      g_string_append (sql, ")");
    }
  else
    {
      g_autofree char *where = key_condition (t, "?2");
      g_string_printf (sql, "UPDATE %s SET ", t->table);
      for (guint c = 0; t->columns[c] != NULL; c++)
        g_string_append_printf (sql, "%s%s = json_extract (?1, '$.%s')", c > 0 ? ", " : "", t->columns[c],
                                t->columns[c]);
      g_string_append_printf (sql, " WHERE %s", where);
    }
  apply = prepare (store, sql->str, error);
  if (apply == NULL)
    return FALSE;
  bind_text (apply, 1, g_strcmp0 (op, "insert") == 0 ? new : old);
  if (g_strcmp0 (op, "update") == 0)
    bind_text (apply, 2, new);
  return step_done (store, apply, error);
}

gint64
itogi_store_undo_step (ItogiStore *store, gint64 step, GError **error)
{
  g_autoptr (sqlite3_stmt) info = NULL;
  g_autoptr (sqlite3_stmt) changes = NULL;
  g_autofree char *label = NULL, *undo_label = NULL;
  gint64 undo;
  int rc;

  info = prepare (store, "SELECT label FROM steps WHERE id = ?", error);
  if (info == NULL)
    return 0;
  sqlite3_bind_int64 (info, 1, step);
  if (sqlite3_step (info) != SQLITE_ROW)
    {
      g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND,
                           _ ("There is no such change to undo."));
      return 0;
    }
  label = column_dup (info, 0);
  g_clear_pointer (&info, sqlite3_finalize);

  /* Translators: a history entry, «Отмена: Загрузка из CSV» */
  undo_label = g_strdup_printf (_ ("Undo: %s"), label);
  undo = itogi_store_begin_step (store, undo_label, error);
  if (undo == 0)
    return 0;
  {
    g_autofree char *mark = g_strdup_printf (
        "UPDATE steps SET undoes = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT, step, undo);
    if (!exec (store, mark, error))
      goto fail;
  }
  /* The step's changes, last first. */
  changes = prepare (store, "SELECT tbl, op, old, new FROM history WHERE step = ? ORDER BY id DESC", error);
  if (changes == NULL)
    goto fail;
  sqlite3_bind_int64 (changes, 1, step);
  while ((rc = sqlite3_step (changes)) == SQLITE_ROW)
    {
      const TrackedTable *t = tracked_table ((const char *)sqlite3_column_text (changes, 0));
      if (t == NULL
          || !revert_change (store, t, (const char *)sqlite3_column_text (changes, 1),
                             (const char *)sqlite3_column_text (changes, 2),
                             (const char *)sqlite3_column_text (changes, 3), error))
        goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      store_error (store, rc, error);
      goto fail;
    }
  g_clear_pointer (&changes, sqlite3_finalize);
  if (!itogi_store_commit_step (store, error))
    return 0;
  return undo;

fail:
  g_clear_pointer (&changes, sqlite3_finalize);
  itogi_store_rollback_step (store);
  return 0;
}

static gpointer
step_from_row (sqlite3_stmt *stmt)
{
  ItogiStep *step = g_new0 (ItogiStep, 1);

  step->id = sqlite3_column_int64 (stmt, 0);
  step->at = column_dup (stmt, 1);
  step->who = column_dup (stmt, 2);
  step->label = column_dup (stmt, 3);
  step->undoes = sqlite3_column_int64 (stmt, 4);
  step->changes = (guint)sqlite3_column_int (stmt, 5);
  return step;
}

GPtrArray *
itogi_store_list_steps (ItogiStore *store, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (store,
                                           "SELECT s.id, s.at, s.who, s.label, coalesce (s.undoes, 0),"
                                           "       (SELECT count(*) FROM history h WHERE h.step = s.id)"
                                           "  FROM steps s ORDER BY s.id DESC LIMIT ?",
                                           error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, limit > 0 ? (int)limit : -1);
  return collect_rows (store, stmt, step_from_row, (GDestroyNotify)itogi_step_free, error);
}

static gpointer
change_from_row (sqlite3_stmt *stmt)
{
  ItogiChange *change = g_new0 (ItogiChange, 1);

  change->step = sqlite3_column_int64 (stmt, 0);
  change->table = column_dup (stmt, 1);
  change->op = column_dup (stmt, 2);
  change->old_row = column_dup (stmt, 3);
  change->new_row = column_dup (stmt, 4);
  return change;
}

static void
json_value (sqlite3_stmt *stmt, int first, ItogiValue *out)
{
  if (sqlite3_column_int (stmt, first) == 0)
    return;
  out->present = TRUE;
  out->amount = sqlite3_column_int64 (stmt, first + 1);
  if (!itogi_qualifier_from_string ((const char *)sqlite3_column_text (stmt, first + 2), &out->qualifier))
    out->qualifier = ITOGI_QUALIFIER_EXACT;
  out->note = column_dup (stmt, first + 3);
  if (out->note != NULL && *out->note == '\0')
    g_clear_pointer (&out->note, g_free);
}

static gpointer
value_change_from_row (sqlite3_stmt *stmt)
{
  ItogiValueChange *c = g_new0 (ItogiValueChange, 1);
  const char *period = (const char *)sqlite3_column_text (stmt, 4);

  c->at = column_dup (stmt, 0);
  c->who = column_dup (stmt, 1);
  c->label = column_dup (stmt, 2);
  c->year = sqlite3_column_int (stmt, 3);
  c->period = g_strcmp0 (period, "month") == 0     ? ITOGI_PERIOD_MONTH
              : g_strcmp0 (period, "quarter") == 0 ? ITOGI_PERIOD_QUARTER
                                                   : ITOGI_PERIOD_YEAR;
  c->period_index = sqlite3_column_int (stmt, 5);
  json_value (stmt, 6, &c->before);
  json_value (stmt, 10, &c->after);
  return c;
}

GPtrArray *
itogi_store_list_value_changes (ItogiStore *store, gint64 indicator_id, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (store,
                 "SELECT s.at, s.who, s.label, json_extract (coalesce (h.new, h.old), '$.year'),"
                 " json_extract (coalesce (h.new, h.old), '$.period'), json_extract (coalesce (h.new, "
                 "h.old), '$.period_index'),"
                 " h.old IS NOT NULL, json_extract (h.old, '$.amount'), json_extract (h.old, '$.qualifier'),"
                 " json_extract (h.old, '$.note'),"
                 " h.new IS NOT NULL, json_extract (h.new, '$.amount'), json_extract (h.new, '$.qualifier'),"
                 " json_extract (h.new, '$.note')"
                 " FROM history h JOIN steps s ON s.id = h.step"
                 " WHERE h.tbl = 'indicator_values'"
                 "   AND json_extract (coalesce (h.new, h.old), '$.indicator_id') = ?"
                 " ORDER BY h.id DESC LIMIT ?",
                 error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int (stmt, 2, (int)MIN (limit, G_MAXINT));
  return collect_rows (store, stmt, value_change_from_row, (GDestroyNotify)itogi_value_change_free, error);
}

GPtrArray *
itogi_store_list_changes (ItogiStore *store, gint64 step, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt
      = prepare (store, "SELECT step, tbl, op, old, new FROM history WHERE step = ? ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, step);
  return collect_rows (store, stmt, change_from_row, (GDestroyNotify)itogi_change_free, error);
}

gint64
itogi_store_data_version (ItogiStore *store)
{
  gint64 version = -1;

  /* Changes only when another connection commits: our own writes do not move it. */
  if (!query_int (store, "PRAGMA data_version", &version, NULL))
    return -1;
  return version;
}

char *
itogi_store_get_report_text (ItogiStore *store, gint64 area_id, int year, int compare_year, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (
      store, "SELECT text FROM report_texts WHERE area_id = ? AND year = ? AND compare_year = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, area_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int (stmt, 3, compare_year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    store_error (store, rc, error);
  return NULL;
}

gboolean
itogi_store_set_report_text (ItogiStore *store, gint64 area_id, int year, int compare_year, const char *text,
                             GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *clean = NULL;
  g_autofree char *untabbed = itogi_text_untab (text);
  gboolean own, ok;

  /* The report's prose never holds a tab, whichever way the text came. */
  if (text != NULL && (clean = itogi_text_validate (ITOGI_TEXT_NOTE, untabbed, error)) == NULL)
    return FALSE;
  if (!write_begin (store, &own, error))
    return FALSE;
  /* No text: the generated one is shown again. An upsert, so that the history sees an update. */
  stmt = prepare (store,
                  text == NULL
                      ? "DELETE FROM report_texts WHERE area_id = ?1 AND year = ?2 AND compare_year = ?3"
                      : "INSERT INTO report_texts (area_id, year, compare_year, text, changed_by,"
                        " changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                        " ON CONFLICT (area_id, year, compare_year) DO UPDATE SET text = excluded.text,"
                        " changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, area_id);
      sqlite3_bind_int (stmt, 2, year);
      sqlite3_bind_int (stmt, 3, compare_year);
      if (text != NULL)
        {
          bind_text (stmt, 4, clean);
          bind_text (stmt, 5, g_get_user_name ());
          bind_text (stmt, 6, now);
        }
      ok = step_done (store, stmt, error);
    }
  return write_end (store, own, ok, error);
}
