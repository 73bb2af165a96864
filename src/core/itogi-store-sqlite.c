/* itogi-store-sqlite.c: the SQLite engine: statements, transactions and its spelling of SQL
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-store-sqlite.h"

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
  /* What the system said, behind SQLite's own words («disk I/O error»); SQLite keeps it only for
   * these failures, so for others it may be an old one. */
  int primary = rc & 0xff;
  int system_errno
      = db != NULL && (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL)
            ? sqlite3_system_errno (db)
            : 0;
  g_autofree char *name = g_filename_display_name (path != NULL ? path : "");

  if (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG)
    code = ITOGI_STORE_ERROR_FULL;
  /* The lock of an approved year (schema 005.sql). */
  if (code == ITOGI_STORE_ERROR_INVALID && g_str_has_prefix (detail, ITOGI_STORE_APPROVED_MESSAGE))
    code = ITOGI_STORE_ERROR_APPROVED;
  switch (code)
    {
    case ITOGI_STORE_ERROR_APPROVED:
      g_set_error_literal (error, ITOGI_STORE_ERROR, code, itogi_store_approved_message ());
      break;
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
      g_set_error (error, ITOGI_STORE_ERROR, code,
                   _ ("The disk is full: nothing was saved to “%s”. Free some space and try again."), name);
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
      if (primary == SQLITE_IOERR)
        g_set_error (error, ITOGI_STORE_ERROR, code,
                     _ ("The database “%s” could not be read or written: %s. Nothing was saved."), name,
                     system_errno != 0 ? g_strerror (system_errno) : detail);
      else
        g_set_error (error, ITOGI_STORE_ERROR, code, _ ("Database error in “%s”: %s (code %d)."), name,
                     detail, rc);
      break;
    }
  return FALSE;
}

static gboolean
store_error (ItogiStore *store, int rc, GError **error)
{
  return set_sqlite_error (store->db, rc, store->path, error);
}

gboolean
itogi_store_fail (ItogiStore *store, int rc, GError **error)
{
  return store_error (store, rc, error);
}

gboolean
itogi_sqlite_fail (sqlite3 *db, int rc, const char *path, GError **error)
{
  return set_sqlite_error (db, rc, path, error);
}

sqlite3_stmt *
itogi_store_prepare (ItogiStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  itogi_store_sql_sent (sql);
  rc = sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_error (store, rc, error);
      return NULL;
    }
  return stmt;
}

/* ---- statements ---- */

typedef struct
{
  ItogiStmt parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define SQLITE_STMT(s) (((SqliteStmt *)(s))->stmt)

static ItogiStmt *
sqlite_prepare (ItogiStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = itogi_store_prepare (store, sql, error);
  SqliteStmt *self;

  if (stmt == NULL)
    return NULL;
  self = g_new0 (SqliteStmt, 1);
  self->parent.store = store;
  self->stmt = stmt;
  return &self->parent;
}

static void
sqlite_bind_int (ItogiStmt *stmt, int index, gint64 value)
{
  sqlite3_bind_int64 (SQLITE_STMT (stmt), index, value);
}

static void
sqlite_bind_text (ItogiStmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (SQLITE_STMT (stmt), index);
  else
    sqlite3_bind_text (SQLITE_STMT (stmt), index, text, -1, SQLITE_TRANSIENT);
}

static int
sqlite_step (ItogiStmt *stmt, GError **error)
{
  int rc = sqlite3_step (SQLITE_STMT (stmt));

  if (rc == SQLITE_ROW)
    return ITOGI_STMT_ROW;
  if (rc == SQLITE_DONE)
    return ITOGI_STMT_DONE;
  store_error (stmt->store, rc, error);
  return ITOGI_STMT_FAILED;
}

static gboolean
sqlite_is_null (ItogiStmt *stmt, int column)
{
  return sqlite3_column_type (SQLITE_STMT (stmt), column) == SQLITE_NULL;
}

static gint64
sqlite_column_int (ItogiStmt *stmt, int column)
{
  return sqlite3_column_int64 (SQLITE_STMT (stmt), column);
}

static const char *
sqlite_column_text (ItogiStmt *stmt, int column)
{
  return (const char *)sqlite3_column_text (SQLITE_STMT (stmt), column);
}

static gint64
sqlite_changes (ItogiStmt *stmt)
{
  return sqlite3_changes64 (stmt->store->db);
}

static void
sqlite_reset (ItogiStmt *stmt)
{
  sqlite3_reset (SQLITE_STMT (stmt));
}

static void
sqlite_free (ItogiStmt *stmt)
{
  sqlite3_finalize (SQLITE_STMT (stmt));
  g_free (stmt);
}

static gboolean
sqlite_exec (ItogiStore *store, const char *sql, GError **error)
{
  int rc;

  itogi_store_sql_sent (sql);
  rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return store_error (store, rc, error);
  return TRUE;
}

/* ---- transactions ---- */

static gboolean
sqlite_begin (ItogiStore *store, GError **error)
{
  /* IMMEDIATE takes the write lock now, so a later write cannot fail with BUSY unhandled. */
  return sqlite_exec (store, "BEGIN IMMEDIATE", error);
}

/* Deferred: the snapshot is taken at the first read, and no write lock is asked for. */
static gboolean
sqlite_begin_reading (ItogiStore *store, GError **error)
{
  return sqlite_exec (store, "BEGIN", error);
}

static gboolean
sqlite_commit (ItogiStore *store, GError **error)
{
  return sqlite_exec (store, "COMMIT", error);
}

static void
sqlite_rollback (ItogiStore *store)
{
  /* Harmless when SQLite already rolled back by itself (e.g. after SQLITE_FULL). */
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* While edit_session has a row, the triggers record every change under its step. */
static gboolean
sqlite_record_under (ItogiStore *store, gint64 step, GError **error)
{
  g_autofree char *sql
      = step != 0 ? g_strdup_printf ("INSERT INTO edit_session (step) VALUES (%" G_GINT64_FORMAT ")", step)
                  : g_strdup ("DELETE FROM edit_session");

  return sqlite_exec (store, sql, error);
}

/* Changes when another connection commits to the file. */
static gint64
sqlite_data_version (ItogiStore *store)
{
  gint64 version = -1;

  if (!itogi_store_query_int (store, "PRAGMA data_version", &version, NULL))
    return -1;
  return version;
}

/* ---- SQL spelled SQLite's way ---- */

static char *
sqlite_json_field (const char *expr, const char *key, gboolean as_int)
{
  (void)as_int;
  return g_strdup_printf ("json_extract (%s, '$.%s')", expr, key);
}

/* A file's areas are all its reader's. */
static char *
sqlite_area_visible (const char *column)
{
  (void)column;
  return g_strdup ("TRUE");
}

static char *
sqlite_json_column (const char *param, const char *table, const char *column)
{
  (void)table;
  return g_strdup_printf ("json_extract (%s, '$.%s')", param, column);
}

const ItogiStoreEngine itogi_store_sqlite_engine = {
  .name = "sqlite",
  .prepare = sqlite_prepare,
  .bind_int = sqlite_bind_int,
  .bind_text = sqlite_bind_text,
  .step = sqlite_step,
  .is_null = sqlite_is_null,
  .column_int = sqlite_column_int,
  .column_text = sqlite_column_text,
  .changes = sqlite_changes,
  .reset = sqlite_reset,
  .free = sqlite_free,
  .exec = sqlite_exec,
  .begin = sqlite_begin,
  .begin_reading = sqlite_begin_reading,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .record_under = sqlite_record_under,
  .data_version = sqlite_data_version,
  .is_read_only = itogi_store_sqlite_is_read_only,
  .abilities = ITOGI_STORE_ABILITY_FILE_COPIES,
  .close = itogi_store_sqlite_close,
  .json_field = sqlite_json_field,
  .json_column = sqlite_json_column,
  .area_visible = sqlite_area_visible,
};
