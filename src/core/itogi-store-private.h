/* itogi-store-private.h: what the store's own files share, and nothing outside them sees
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's rules (itogi-store.c) are written once, in SQL both engines run, through the
 * statements below. Each engine (itogi-store-sqlite.c, itogi-store-postgres.c) runs them and
 * supplies the few pieces of SQL the two spell differently; neither engine's types or error
 * codes are seen above this header.
 */
#pragma once

#include <glib.h>

#include "itogi-store.h"

G_BEGIN_DECLS

typedef struct _ItogiStmt ItogiStmt;
typedef struct _ItogiStoreEngine ItogiStoreEngine;

/* What itogi_stmt_step() found. */
enum
{
  ITOGI_STMT_FAILED = -1, /* with the error set */
  ITOGI_STMT_DONE = 0,
  ITOGI_STMT_ROW = 1,
};

/* One statement: parameters are written `?` (or `?N` for one used again), numbered from 1. */
struct _ItogiStmt
{
  ItogiStore *store;
};

struct _ItogiStoreEngine
{
  const char *name;
  ItogiStmt *(*prepare) (ItogiStore *store, const char *sql, GError **error);
  void (*bind_int) (ItogiStmt *stmt, int index, gint64 value);
  void (*bind_text) (ItogiStmt *stmt, int index, const char *text); /* NULL binds NULL */
  int (*step) (ItogiStmt *stmt, GError **error);
  gboolean (*is_null) (ItogiStmt *stmt, int column);
  gint64 (*column_int) (ItogiStmt *stmt, int column); /* booleans read as 1 and 0 */
  const char *(*column_text) (ItogiStmt *stmt, int column);
  gint64 (*changes) (ItogiStmt *stmt); /* rows the statement wrote */
  void (*reset) (ItogiStmt *stmt);     /* run again, with the parameters bound anew */
  void (*free) (ItogiStmt *stmt);
  gboolean (*exec) (ItogiStore *store, const char *sql, GError **error);
  /* Transactions: begin takes the write lock at once where the engine has one. */
  gboolean (*begin) (ItogiStore *store, GError **error);
  gboolean (*begin_reading) (ItogiStore *store, GError **error);
  gboolean (*commit) (ItogiStore *store, GError **error);
  void (*rollback) (ItogiStore *store);
  /* Record every change from now on under edit step @step (0: stop recording). */
  gboolean (*record_under) (ItogiStore *store, gint64 step, GError **error);
  gint64 (*data_version) (ItogiStore *store);
  /* Others' commits as they happen (a server's notices): the descriptor to watch, −1 without one;
   * and whether another connection committed since last asked (NULL: never told). */
  int (*changes_fd) (ItogiStore *store);
  gboolean (*is_connected) (ItogiStore *store); /* NULL: always (a file) */
  gboolean (*take_changes) (ItogiStore *store);
  gboolean (*is_read_only) (ItogiStore *store);
  ItogiStoreAbility abilities;
  void (*close) (ItogiStore *store);

  /* SQL the engines spell differently. A history row (old/new) is a JSON object of the row. */
  /* @key of the JSON @expr, as text, or as an integer when @as_int. */
  char *(*json_field) (const char *expr, const char *key, gboolean as_int);
  /* Whether the logged-in role may see the area whose id is @column (SQL, true on a file). */
  char *(*area_visible) (const char *column);
  /* @column of a row of @table given as JSON text in parameter @param (`?1`), with its type. */
  char *(*json_column) (const char *param, const char *table, const char *column);
};

struct _ItogiStore
{
  const ItogiStoreEngine *engine;
  char *path; /* the file, or the server's URI without its password */
  int schema_version;
  gboolean in_transaction;
  gint64 step; /* the edit step under way, or 0 */
  /* SQLite: the -wal held another connection's commits when this one opened: closing must not
   * fold them into the file unless this connection wrote too (a command that only read, or was
   * refused, leaves the files byte for byte as they were). */
  gboolean keep_wal;
  gboolean wrote;
  gboolean protected; /* registered with itogi_output_protect() */
  char *held;         /* SQLite: the file held against other programs' resets (itogi-store-file.c) */
  gboolean live;      /* SQLite: a connection with locks, not an immutable look at the file */
  gboolean read_only; /* PostgreSQL: opened for reading only */
  gboolean may_retry; /* PostgreSQL: the last failure was a deadlock or serialization failure */
  gboolean lost;      /* PostgreSQL: the connection failed; made anew before the next transaction */
  struct sqlite3 *db; /* the SQLite engine's connection */
  struct pg_conn *pg; /* the PostgreSQL engine's connection */
  char *who;          /* PostgreSQL: the role logged in */
};

ItogiStmt *itogi_stmt_new (ItogiStore *store, const char *sql, GError **error);
void itogi_stmt_bind_int (ItogiStmt *stmt, int index, gint64 value);
/* NULL binds NULL; itogi_stmt_bind_text_or_empty() binds "" instead. */
void itogi_stmt_bind_text (ItogiStmt *stmt, int index, const char *text);
int itogi_stmt_step (ItogiStmt *stmt, GError **error);
/* Run a statement that returns no rows (or whose rows are not wanted). */
gboolean itogi_stmt_run (ItogiStmt *stmt, GError **error);
gboolean itogi_stmt_is_null (ItogiStmt *stmt, int column);
gint64 itogi_stmt_int (ItogiStmt *stmt, int column);
const char *itogi_stmt_text (ItogiStmt *stmt, int column);
char *itogi_stmt_dup (ItogiStmt *stmt, int column);
gint64 itogi_stmt_changes (ItogiStmt *stmt);
void itogi_stmt_reset (ItogiStmt *stmt);
void itogi_stmt_free (ItogiStmt *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiStmt, itogi_stmt_free)

gboolean itogi_store_exec (ItogiStore *store, const char *sql, GError **error);
/* The first column of the first row as an integer; an error when there is no row. */
gboolean itogi_store_query_int (ItogiStore *store, const char *sql, gint64 *out, GError **error);

/* A new store of @engine, empty, to be connected by the engine. */
ItogiStore *itogi_store_new (const ItogiStoreEngine *engine, const char *path);

/* The tables whose changes the history records, each with its columns and key. */
typedef struct
{
  const char *table;
  const char *columns[17];
  const char *keys[5];
} ItogiTrackedTable;

/* Every SQL text either engine sends to its database passes itogi_store_sql_sent(), which shows it
 * to the watcher set with itogi_store_watch_sql(), if any: the tests' way of seeing that no text a
 * person typed (a title, a note, a role's name) ever becomes SQL, only a parameter. */
typedef void (*ItogiSqlWatch) (const char *sql, gpointer data);
void itogi_store_watch_sql (ItogiSqlWatch watch, gpointer data);
void itogi_store_sql_sent (const char *sql);

/* Who makes a change: the server's role, else the system user. */
const char *itogi_store_who (ItogiStore *store);
/* On a server: whether the role logged in owns the tables (or is a superuser), bound by no
 * policy — an SQL expression, true or false. */
#define ITOGI_STORE_OWNER_SQL                                                                                \
  "coalesce ((SELECT r.rolsuper OR pg_has_role (session_user, c.relowner, 'MEMBER')"                         \
  "             FROM pg_catalog.pg_class c, pg_catalog.pg_roles r"                                           \
  "            WHERE c.oid = 'areas'::regclass AND r.rolname = session_user), false)"

/* A step from a row of id, at, who, label, undoes (0 for none) and its count of changes. */
ItogiStep *itogi_store_step_from_row (ItogiStmt *stmt);

/* What the lock of an approved year says when it refuses a write (the schemas' 005.sql), and the
 * plain message the store gives for it instead. */
#define ITOGI_STORE_APPROVED_MESSAGE "itogi: the area's year is approved"
const char *itogi_store_approved_message (void);
extern const ItogiTrackedTable itogi_tracked_tables[];
extern const guint itogi_n_tracked_tables;

/* The engines. */
extern const ItogiStoreEngine itogi_store_sqlite_engine;
extern const ItogiStoreEngine itogi_store_postgres_engine;

/* PostgreSQL (itogi-store-postgres.c): the opening functions of itogi-store.h for a URI. */
typedef enum
{
  ITOGI_SERVER_OPEN_WRITE,
  ITOGI_SERVER_OPEN_READ,  /* nothing is written */
  ITOGI_SERVER_OPEN_CHECK, /* the schema is reported by itogi_store_check(), not refused */
} ItogiServerOpen;
ItogiStore *itogi_store_postgres_open (const char *uri, ItogiServerOpen mode, GError **error);
ItogiStore *itogi_store_postgres_create (const char *uri, ItogiStoreFill fill, gpointer data, GError **error);
GPtrArray *itogi_store_postgres_check (ItogiStore *store, GError **error);

G_END_DECLS
