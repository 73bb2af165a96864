/* itogi-store-copy.c: a whole Itogi database copied between any two engines, and verified
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every table is read in key order from the source and written into a new database made by
 * itogi_store_create(), inside the one transaction that makes it; before that commits, each
 * table's rows are counted and summed (SHA-256 of its canonical rows) on both sides, so a copy
 * that differs in one value is never left behind. The history's rows are compared by the values
 * they hold, not by how each engine spells JSON.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-store-private.h"
#include "itogi-store.h"

typedef struct
{
  const char *table;
  const char *columns[17];
  const char *order;
} CopiedTable;

/* In an order that every reference finds its row already there. */
static const CopiedTable tables[] = {
  { "meta", { "key", "value", NULL }, "key" },
  { "areas",
    { "id", "slug", "title", "short_title", "description", "icon", "position", "archived", NULL },
    "id" },
  { "indicators",
    { "id", "area_id", "slug", "title", "unit", "form_one", "form_few", "form_many", "kind", "scale",
      "aggregation", "polarity", "position", "description", "archived", "sentence", NULL },
    "id" },
  { "institutions", { "id", "area_id", "name", "position", "archived", NULL }, "id" },
  { "indicator_values",
    { "indicator_id", "year", "period", "period_index", "amount", "qualifier", "note", "as_of", "changed_by",
      "changed_at", NULL },
    "indicator_id, year, period, period_index" },
  { "area_notes", { "area_id", "year", "text", "changed_by", "changed_at", NULL }, "area_id, year" },
  { "institution_notes",
    { "institution_id", "year", "text", "changed_by", "changed_at", NULL },
    "institution_id, year" },
  { "tasks",
    { "id", "area_id", "year", "position", "text", "done", "changed_by", "changed_at", NULL },
    "id" },
  { "report_texts",
    { "area_id", "year", "compare_year", "text", "changed_by", "changed_at", NULL },
    "area_id, year, compare_year" },
  /* After every figure, note and task: an approved year's would be refused. */
  { "area_status", { "area_id", "year", "status", "changed_by", "changed_at", NULL }, "area_id, year" },
  { "steps", { "id", "at", "who", "label", "undoes", NULL }, "id" },
  { "history", { "id", "step", "tbl", "op", "old", "new", NULL }, "id" },
};

static char *
column_list (const CopiedTable *t)
{
  return g_strjoinv (", ", (char **)t->columns);
}

static guint
n_columns (const CopiedTable *t)
{
  guint n = 0;
  while (t->columns[n] != NULL)
    n++;
  return n;
}

/* One value into the canonical text of a row: NULL and "" differ, and no value can pass for
 * the separator. */
static void
add_value (GChecksum *sum, const char *text)
{
  if (text == NULL)
    g_checksum_update (sum, (const guchar *)"\x01", 1);
  else
    {
      g_autofree char *len = g_strdup_printf ("%zu:", strlen (text));
      g_checksum_update (sum, (const guchar *)len, -1);
      g_checksum_update (sum, (const guchar *)text, -1);
    }
  g_checksum_update (sum, (const guchar *)"\x1f", 1);
}

/* Run @sql and fold every row into @sum; the rows are counted into @rows. */
static gboolean
sum_rows (ItogiStore *store, const char *sql, const char *param, guint columns, GChecksum *sum, gint64 *rows,
          GError **error)
{
  g_autoptr (ItogiStmt) stmt = itogi_stmt_new (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (param != NULL)
    itogi_stmt_bind_text (stmt, 1, param);
  while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
    {
      for (guint c = 0; c < columns; c++)
        add_value (sum, itogi_stmt_text (stmt, c));
      g_checksum_update (sum, (const guchar *)"\x1e", 1);
      (*rows)++;
    }
  return rc == ITOGI_STMT_DONE;
}

/* The history read as values: each recorded row's columns, one by one. */
static gboolean
sum_history (ItogiStore *store, GChecksum *sum, gint64 *rows, GError **error)
{
  gint64 all = 0;

  for (guint i = 0; i < itogi_n_tracked_tables; i++)
    {
      const ItogiTrackedTable *t = &itogi_tracked_tables[i];
      g_autoptr (GString) sql = g_string_new ("SELECT id, step, tbl, op");
      guint columns = 4;

      for (int side = 0; side < 2; side++)
        {
          const char *row = side == 0 ? "old" : "new";
          g_string_append_printf (sql, ", CASE WHEN %s IS NULL THEN 'none' ELSE 'row' END", row);
          columns++;
          for (guint c = 0; t->columns[c] != NULL; c++, columns++)
            {
              g_autofree char *field = store->engine->json_field (row, t->columns[c], FALSE);
              g_string_append_printf (sql, ", %s", field);
            }
        }
      g_string_append (sql, " FROM history WHERE tbl = ? ORDER BY id");
      if (!sum_rows (store, sql->str, t->table, columns, sum, rows, error))
        return FALSE;
    }
  /* A row of a table no one records would have been left out of the sum. */
  if (!itogi_store_query_int (store, "SELECT count(*) FROM history", &all, error))
    return FALSE;
  if (all != *rows)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_ALTERED,
                   _ ("The history of “%s” records changes of tables Itogi does not have."), store->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sum_table (ItogiStore *store, const CopiedTable *t, char **digest, gint64 *rows, GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gboolean ok;

  *rows = 0;
  if (strcmp (t->table, "history") == 0)
    ok = sum_history (store, sum, rows, error);
  else
    {
      g_autofree char *columns = column_list (t);
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", columns, t->table, t->order);
      ok = sum_rows (store, sql, NULL, n_columns (t), sum, rows, error);
    }
  if (ok)
    *digest = g_strdup (g_checksum_get_string (sum));
  return ok;
}

/* INSERT INTO @t (…) VALUES (?, …), … for @rows rows. */
static char *
insert_sql (const CopiedTable *t, guint rows)
{
  g_autofree char *columns = column_list (t);
  g_autoptr (GString) sql = g_string_new (NULL);
  guint n = n_columns (t);

  g_string_printf (sql, "INSERT INTO %s (%s) VALUES ", t->table, columns);
  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r > 0 ? ", (" : "(");
      for (guint c = 0; c < n; c++)
        g_string_append (sql, c > 0 ? ", ?" : "?");
      g_string_append_c (sql, ')');
    }
  /* The schema's own rows (the data format's meta, if any) are the new database's already. */
  if (strcmp (t->table, "meta") == 0)
    g_string_append (sql, " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Write the @values (NULL-or-text, a row's columns after another's) of @rows rows at once. */
static gboolean
write_rows (ItogiStore *dest, const CopiedTable *t, ItogiStmt **cached, guint *cached_rows, GPtrArray *values,
            guint rows, GError **error)
{
  if (*cached == NULL || *cached_rows != rows)
    {
      g_autofree char *sql = insert_sql (t, rows);
      g_clear_pointer (cached, itogi_stmt_free);
      if ((*cached = itogi_stmt_new (dest, sql, error)) == NULL)
        return FALSE;
      *cached_rows = rows;
    }
  itogi_stmt_reset (*cached);
  for (guint i = 0; i < values->len; i++)
    itogi_stmt_bind_text (*cached, (int)i + 1, values->pdata[i]);
  g_ptr_array_set_size (values, 0);
  return itogi_stmt_run (*cached, error);
}

/* Rows go in by the hundred: one statement (and, on a server, one round trip) for many rows. */
static gboolean
copy_table (ItogiStore *source, ItogiStore *dest, const CopiedTable *t, GError **error)
{
  g_autofree char *columns = column_list (t);
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", columns, t->table, t->order);
  g_autoptr (ItogiStmt) read = itogi_stmt_new (source, select, error);
  g_autoptr (ItogiStmt) write = NULL;
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  guint n = n_columns (t);
  /* Well under either engine's limit of parameters in one statement (SQLite's 32 766). */
  guint batch = MIN (200, 4000 / n);
  guint write_rows_n = 0, pending = 0;
  int rc;

  if (read == NULL)
    return FALSE;
  while ((rc = itogi_stmt_step (read, error)) == ITOGI_STMT_ROW)
    {
      for (guint c = 0; c < n; c++)
        g_ptr_array_add (values, g_strdup (itogi_stmt_text (read, c)));
      if (++pending == batch)
        {
          if (!write_rows (dest, t, &write, &write_rows_n, values, pending, error))
            return FALSE;
          pending = 0;
        }
    }
  if (rc != ITOGI_STMT_DONE)
    return FALSE;
  return pending == 0 || write_rows (dest, t, &write, &write_rows_n, values, pending, error);
}

typedef struct
{
  ItogiStore *source;
  ItogiStoreCopied *copied;
} CopyJob;

static gboolean
fill_copy (ItogiStore *dest, gpointer data, GError **error)
{
  CopyJob *job = data;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!copy_table (job->source, dest, &tables[i], error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *want = NULL, *got = NULL;
      gint64 want_rows = 0, got_rows = 0;

      if (!sum_table (job->source, &tables[i], &want, &want_rows, error)
          || !sum_table (dest, &tables[i], &got, &got_rows, error))
        return FALSE;
      if (want_rows != got_rows || strcmp (want, got) != 0)
        {
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                       _ ("The copy of the table “%s” does not match the original. Nothing was copied."),
                       tables[i].table);
          return FALSE;
        }
      if (strcmp (tables[i].table, "areas") == 0)
        job->copied->areas = got_rows;
      else if (strcmp (tables[i].table, "indicators") == 0)
        job->copied->indicators = got_rows;
      else if (strcmp (tables[i].table, "indicator_values") == 0)
        job->copied->figures = got_rows;
      else if (strcmp (tables[i].table, "tasks") == 0)
        job->copied->tasks = got_rows;
      else if (strcmp (tables[i].table, "steps") == 0)
        job->copied->steps = got_rows;
      else if (strcmp (tables[i].table, "history") == 0)
        job->copied->changes = got_rows;
      job->copied->tables++;
      job->copied->rows += got_rows;
    }
  return TRUE;
}

gboolean
itogi_store_copy_from (ItogiStore *from, const char *dest, ItogiStoreCopied *copied, GError **error)
{
  g_autoptr (ItogiStore) to = NULL;
  ItogiStoreCopied local = { 0 };
  CopyJob job = { from, copied != NULL ? copied : &local };

  *job.copied = (ItogiStoreCopied){ 0 };
  /* One snapshot of the source for every table and its sum, though others write meanwhile. */
  if (!itogi_store_begin_reading (from, error))
    return FALSE;
  to = itogi_store_create (dest, fill_copy, &job, error);
  itogi_store_rollback (from);
  return to != NULL;
}

gboolean
itogi_store_copy (const char *source, const char *dest, ItogiStoreCopied *copied, GError **error)
{
  g_autoptr (ItogiStore) from = itogi_store_open_to_read (source, error);

  return from != NULL && itogi_store_copy_from (from, dest, copied, error);
}
