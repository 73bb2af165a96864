/* itogi-store-sqlite.h: what the SQLite engine's files share (itogi-store-sqlite.c, the file's
 * opening and copies in itogi-store-file.c, its schema in itogi-store-schema.c)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "itogi-store-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A plain ITOGI_STORE_ERROR for SQLite's @rc, naming the file. Always FALSE. */
gboolean itogi_store_fail (ItogiStore *store, int rc, GError **error);
gboolean itogi_sqlite_fail (sqlite3 *db, int rc, const char *path, GError **error);
/* A statement of SQLite's own (PRAGMAs, checks), for the engine's files. */
sqlite3_stmt *itogi_store_prepare (ItogiStore *store, const char *sql, GError **error);

/* Closing the connection (itogi-store-file.c): another's log is left as it was found. */
void itogi_store_sqlite_close (ItogiStore *store);
gboolean itogi_store_sqlite_is_read_only (ItogiStore *store);

/* The SQL that brings the schema from @version to @version + 1 (0 ≤ @version < the current). */
const char *itogi_store_schema_migration (int version);

/* How the schema of @db differs from the one data format @version has: tables, columns, indexes,
 * triggers and views, nothing missing and nothing of its own. One plain line per difference
 * (empty when none), or NULL with @error when the schema could not be read. */
GPtrArray *itogi_store_schema_differences (sqlite3 *db, int version, GError **error);

/* The data format whose schema @db has exactly, or −1 when it has none of them. */
int itogi_store_schema_matching_version (sqlite3 *db);

G_END_DECLS
