/* itogi-store-private.h: what the store's own files share, and nothing outside them sees
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "itogi-store.h"

G_BEGIN_DECLS

struct _ItogiStore
{
  sqlite3 *db;
  char *path;
  int schema_version;
  gboolean in_transaction;
  gint64 step; /* the edit step under way, or 0 */
  /* The -wal held another connection's commits when this one opened: closing must not fold
   * them into the file unless this connection wrote too (a command that only read, or was
   * refused, leaves the files byte for byte as they were). */
  gboolean keep_wal;
  gboolean wrote;
  gboolean protected; /* registered with itogi_output_protect() */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Statement helpers of itogi-store.c, for the store's other files. Each failure is a plain
 * ITOGI_STORE_ERROR naming the file. */
gboolean itogi_store_fail (ItogiStore *store, int rc, GError **error);
gboolean itogi_sqlite_fail (sqlite3 *db, int rc, const char *path, GError **error);
sqlite3_stmt *itogi_store_prepare (ItogiStore *store, const char *sql, GError **error);
gboolean itogi_store_exec (ItogiStore *store, const char *sql, GError **error);
gboolean itogi_store_query_int (ItogiStore *store, const char *sql, gint64 *out, GError **error);

/* The SQL that brings the schema from @version to @version + 1 (0 ≤ @version < the current). */
const char *itogi_store_schema_migration (int version);

/* How the schema of @db differs from the one data format @version has: tables, columns, indexes,
 * triggers and views, nothing missing and nothing of its own. One plain line per difference
 * (empty when none), or NULL with @error when the schema could not be read. */
GPtrArray *itogi_store_schema_differences (sqlite3 *db, int version, GError **error);

/* The data format whose schema @db has exactly, or −1 when it has none of them. */
int itogi_store_schema_matching_version (sqlite3 *db);

G_END_DECLS
