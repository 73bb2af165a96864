/* itogi-store-schema.c: the schema of each data format, and how a file's schema differs from it
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file that says it is an Itogi database of format N must have exactly the tables, columns,
 * indexes and triggers that the migrations up to N make: a dropped trigger stops the history, and
 * a trigger of someone else's can change anything behind every write. The schema each format
 * should have is built once, by running the migrations in an in-memory database, and compared
 * with the file's own, statement by statement.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-store-sqlite.h"
#include "itogi-store.h"

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
  /* v4: the years with figures are listed by an index (one step per year, not a pass over every
   * figure): the year selectors of a database of many years open at once. */
  "CREATE INDEX indicator_values_by_year ON indicator_values (year);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ITOGI_STORE_SCHEMA_VERSION);

const char *
itogi_store_schema_migration (int version)
{
  g_return_val_if_fail (version >= 0 && version < ITOGI_STORE_SCHEMA_VERSION, NULL);
  return migrations[version];
}

typedef struct
{
  char *type; /* table, index, trigger, view */
  char *name;
  char *sql; /* whitespace folded */
} SchemaObject;

static void
schema_object_free (SchemaObject *o)
{
  g_free (o->type);
  g_free (o->name);
  g_free (o->sql);
  g_free (o);
}

/* Runs of white space as one space: the same statement written on more lines is the same. */
static char *
fold_spaces (const char *sql)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = sql != NULL ? sql : ""; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The objects of @db's main schema by name, SQLite's own (sqlite_…) left out: they come and go
 * with AUTOINCREMENT, ANALYZE and UNIQUE constraints, and nobody can create one by hand. */
static GHashTable *
read_schema (sqlite3 *db, GError **error)
{
  g_autoptr (GHashTable) objects
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)schema_object_free);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT type, name, sql FROM main.sqlite_schema "
                               "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *o = g_new0 (SchemaObject, 1);
      o->type = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      o->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      o->sql = fold_spaces ((const char *)sqlite3_column_text (stmt, 2));
      if (o->type == NULL || o->name == NULL)
        schema_object_free (o);
      else
        g_hash_table_replace (objects, o->name, o);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                   _ ("The list of tables could not be read: %s."), sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&objects);
}

/* The schema of each data format, made once: an in-memory database per version, kept open so
 * that the columns of its tables can be compared too. */
static sqlite3 *reference_db[ITOGI_STORE_SCHEMA_VERSION + 1];
static GHashTable *reference_schema[ITOGI_STORE_SCHEMA_VERSION + 1];
static GMutex reference_lock;

static sqlite3 *
reference_for (int version, GHashTable **schema)
{
  g_mutex_lock (&reference_lock);
  if (reference_db[version] == NULL)
    {
      sqlite3 *db = NULL;
      gboolean ok
          = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK;

      for (int v = 0; ok && v < version; v++)
        ok = sqlite3_exec (db, migrations[v], NULL, NULL, NULL) == SQLITE_OK;
      /* The migrations are ours and fixed: failing here is a programming error. */
      g_assert (ok);
      reference_schema[version] = read_schema (db, NULL);
      g_assert (reference_schema[version] != NULL);
      reference_db[version] = db;
    }
  *schema = reference_schema[version];
  g_mutex_unlock (&reference_lock);
  return reference_db[version];
}

typedef struct
{
  char *name;
  char *description; /* type, not null, default, primary key */
} Column;

static void
column_free (Column *c)
{
  g_free (c->name);
  g_free (c->description);
  g_free (c);
}

static GPtrArray *
read_columns (sqlite3 *db, const char *table)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify)column_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                          "FROM pragma_table_xinfo(?1, 'main')",
                          -1, &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Column *c = g_new0 (Column, 1);
          c->name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
          c->description = g_strdup_printf (
              "%s|%d|%s|%d|%d", (const char *)sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2),
              sqlite3_column_type (stmt, 3) == SQLITE_NULL ? "NULL"
                                                           : (const char *)sqlite3_column_text (stmt, 3),
              sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5));
          g_ptr_array_add (columns, c);
        }
    }
  sqlite3_finalize (stmt);
  return columns;
}

static Column *
find_column (GPtrArray *columns, const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_strcmp0 (((Column *)columns->pdata[i])->name, name) == 0)
      return columns->pdata[i];
  return NULL;
}

static char *
missing_line (const SchemaObject *o)
{
  if (g_strcmp0 (o->type, "table") == 0)
    return g_strdup_printf (_ ("the table “%s” is missing"), o->name);
  if (g_strcmp0 (o->type, "index") == 0)
    return g_strdup_printf (_ ("the index “%s” is missing"), o->name);
  if (g_strcmp0 (o->type, "trigger") == 0)
    return g_strdup_printf (_ ("the trigger “%s” is missing"), o->name);
  return g_strdup_printf (_ ("the view “%s” is missing"), o->name);
}

static char *
added_line (const SchemaObject *o)
{
  if (g_strcmp0 (o->type, "table") == 0)
    return g_strdup_printf (_ ("a table “%s” was added"), o->name);
  if (g_strcmp0 (o->type, "index") == 0)
    return g_strdup_printf (_ ("an index “%s” was added"), o->name);
  if (g_strcmp0 (o->type, "trigger") == 0)
    return g_strdup_printf (_ ("a trigger “%s” was added"), o->name);
  return g_strdup_printf (_ ("a view “%s” was added"), o->name);
}

static char *
changed_line (const SchemaObject *o)
{
  if (g_strcmp0 (o->type, "table") == 0)
    return g_strdup_printf (_ ("the table “%s” was changed"), o->name);
  if (g_strcmp0 (o->type, "index") == 0)
    return g_strdup_printf (_ ("the index “%s” was changed"), o->name);
  if (g_strcmp0 (o->type, "trigger") == 0)
    return g_strdup_printf (_ ("the trigger “%s” was changed"), o->name);
  return g_strdup_printf (_ ("the view “%s” was changed"), o->name);
}

/* A table whose statement differs: name the columns that differ, or else say the table changed
 * (a constraint or a key of its own). */
static void
table_differences (sqlite3 *expected_db, sqlite3 *db, const SchemaObject *o, GPtrArray *out)
{
  g_autoptr (GPtrArray) want = read_columns (expected_db, o->name);
  g_autoptr (GPtrArray) have = read_columns (db, o->name);
  guint before = out->len;

  for (guint i = 0; i < want->len; i++)
    {
      Column *w = want->pdata[i];
      Column *h = find_column (have, w->name);
      if (h == NULL)
        g_ptr_array_add (out, g_strdup_printf (_ ("the table “%s” has no column “%s”"), o->name, w->name));
      else if (g_strcmp0 (w->description, h->description) != 0)
        g_ptr_array_add (
            out, g_strdup_printf (_ ("the column “%s” of the table “%s” was changed"), w->name, o->name));
    }
  for (guint i = 0; i < have->len; i++)
    {
      Column *h = have->pdata[i];
      if (find_column (want, h->name) == NULL)
        g_ptr_array_add (
            out, g_strdup_printf (_ ("the table “%s” has a column “%s” of its own"), o->name, h->name));
    }
  if (out->len == before)
    g_ptr_array_add (out, changed_line (o));
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* The names of @objects in order, so that the same file always gives the same list. */
static GPtrArray *
sorted_names (GHashTable *objects)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, objects);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_names);
  return names;
}

GPtrArray *
itogi_store_schema_differences (sqlite3 *db, int version, GError **error)
{
  g_autoptr (GHashTable) have = read_schema (db, error);
  g_autoptr (GPtrArray) names = NULL;
  GPtrArray *out;
  GHashTable *want = NULL;
  sqlite3 *expected_db;

  g_return_val_if_fail (version >= 0 && version <= ITOGI_STORE_SCHEMA_VERSION, NULL);
  if (have == NULL)
    return NULL;
  expected_db = reference_for (version, &want);
  out = g_ptr_array_new_with_free_func (g_free);

  names = sorted_names (want);
  for (guint i = 0; i < names->len; i++)
    {
      const SchemaObject *w = g_hash_table_lookup (want, names->pdata[i]);
      const SchemaObject *h = g_hash_table_lookup (have, names->pdata[i]);

      if (h == NULL || g_strcmp0 (h->type, w->type) != 0)
        g_ptr_array_add (out, missing_line (w));
      else if (g_strcmp0 (h->sql, w->sql) != 0)
        {
          if (g_strcmp0 (w->type, "table") == 0)
            table_differences (expected_db, db, w, out);
          else
            g_ptr_array_add (out, changed_line (w));
        }
    }
  g_clear_pointer (&names, g_ptr_array_unref);
  names = sorted_names (have);
  for (guint i = 0; i < names->len; i++)
    {
      const SchemaObject *h = g_hash_table_lookup (have, names->pdata[i]);
      const SchemaObject *w = g_hash_table_lookup (want, names->pdata[i]);

      if (w == NULL || g_strcmp0 (h->type, w->type) != 0)
        g_ptr_array_add (out, added_line (h));
    }
  return out;
}

int
itogi_store_schema_matching_version (sqlite3 *db)
{
  for (int v = ITOGI_STORE_SCHEMA_VERSION; v >= 0; v--)
    {
      g_autoptr (GPtrArray) differences = itogi_store_schema_differences (db, v, NULL);
      if (differences != NULL && differences->len == 0)
        return v;
    }
  return -1;
}
