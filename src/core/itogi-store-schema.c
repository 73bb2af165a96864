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

#include "itogi-schema-resources.h"
#include "itogi-store-sqlite.h"
#include "itogi-store.h"

/* Each format's migration is a schema file of the repository (src/core/schema/sqlite/NNN.sql,
 * numbered as the PostgreSQL engine's are), compiled in: it brings the schema from version N − 1
 * to N inside one transaction. */
static char *migrations[ITOGI_STORE_SCHEMA_VERSION];

static void
load_migrations (void)
{
  static gsize loaded;

  if (!g_once_init_enter (&loaded))
    return;
  for (int i = 0; i < ITOGI_STORE_SCHEMA_VERSION; i++)
    {
      g_autofree char *name = g_strdup_printf ("/ru/kaluga/Itogi/schema/sqlite/%03d.sql", i + 1);
      g_autoptr (GBytes) bytes = g_resource_lookup_data (itogi_schema_get_resource (), name, 0, NULL);

      /* Compiled into this program: missing only if the build is broken. */
      g_assert (bytes != NULL);
      migrations[i] = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  g_once_init_leave (&loaded, 1);
}

const char *
itogi_store_schema_migration (int version)
{
  g_return_val_if_fail (version >= 0 && version < ITOGI_STORE_SCHEMA_VERSION, NULL);
  load_migrations ();
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
        ok = sqlite3_exec (db, itogi_store_schema_migration (v), NULL, NULL, NULL) == SQLITE_OK;
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
