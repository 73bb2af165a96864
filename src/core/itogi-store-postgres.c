/* itogi-store-postgres.c: the PostgreSQL engine: a shared server database, through libpq
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's statements arrive with `?` parameters, as SQLite writes them; they are sent as
 * `$n`, always with their values apart from the SQL text (PQexecParams), never spliced into it.
 * A database is Itogi's when it has the itogi_format table; `init` makes one in an empty
 * database that its administrator created, from the schema file of the current data format.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "itogi-libpq.h"
#include "itogi-schema-resources.h"
#include "itogi-store-private.h"

#define INT8_OID 20
/* The first data format a server database was made in; its file makes it whole. */
#define FIRST_SERVER_FORMAT 4

/* ---- errors ---- */

/* The server's first line («could not connect to server: …»), without libpq's newline. */
static char *
first_line (const char *message)
{
  const char *end;

  if (message == NULL || *message == '\0')
    return g_strdup (_ ("no reason given"));
  end = strchr (message, '\n');
  return end != NULL ? g_strndup (message, end - message) : g_strdup (message);
}

static gboolean
connection_lost (ItogiStore *store, GError **error)
{
  store->lost = TRUE;
  g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
               _ ("The connection to the server of “%s” was lost. Nothing was saved; try again."),
               store->path);
  return FALSE;
}

/* A plain error for a failed statement, by its SQLSTATE. Always FALSE. */
static gboolean
result_error (ItogiStore *store, PGresult *result, GError **error)
{
  const char *state = result != NULL ? itogi_libpq.PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *detail = first_line (result != NULL ? itogi_libpq.PQresultErrorMessage (result)
                                                       : itogi_libpq.PQerrorMessage (store->pg));

  store->may_retry = g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0;
  /* No SQLSTATE: libpq's own failure, which is the connection's (the server went away). */
  if (state == NULL || itogi_libpq.PQstatus (store->pg) == CONNECTION_BAD || g_str_has_prefix (state, "08")
      || g_str_has_prefix (state, "57P"))
    return connection_lost (store, error);
  if (g_strcmp0 (state, "IT001") == 0)
    g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_APPROVED,
                         itogi_store_approved_message ());
  else if (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22"))
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                 _ ("The data was refused by the database (%s). Nothing was saved."), detail);
  else if (g_strcmp0 (state, "42501") == 0 || g_strcmp0 (state, "25006") == 0)
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                 _ ("You may not change this in the database “%s”. Nothing was saved."), store->path);
  else if (g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0
           || g_strcmp0 (state, "55P03") == 0)
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_BUSY,
                 _ ("The database “%s” is busy with another program. Nothing was saved; try again."),
                 store->path);
  else if (g_strcmp0 (state, "53100") == 0)
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FULL,
                 _ ("The server's disk is full: nothing was saved to “%s”."), store->path);
  else
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED, _ ("Database error in “%s”: %s."),
                 store->path, detail);
  return FALSE;
}

/* ---- the connection ---- */

static gboolean upgrade_format (ItogiStore *store, int format, GError **error);
static gboolean set_up_session (ItogiStore *store, GError **error);

/* A connection lost (a server restarted, a network gone) is made again before the next
 * statement that starts a transaction of its own; one lost inside a transaction is not: what
 * that transaction wrote is gone, and the caller is told so. */
static gboolean
reconnect_if_lost (ItogiStore *store, GError **error)
{
  if (itogi_libpq.PQstatus (store->pg) == CONNECTION_OK && !store->lost)
    return TRUE;
  if (store->in_transaction)
    return connection_lost (store, error);
  itogi_libpq.PQreset (store->pg);
  store->lost = itogi_libpq.PQstatus (store->pg) != CONNECTION_OK;
  if (itogi_libpq.PQstatus (store->pg) != CONNECTION_OK)
    {
      g_autofree char *reason = first_line (itogi_libpq.PQerrorMessage (store->pg));
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                   _ ("The server of “%s” cannot be reached: %s. Nothing was saved; try again."), store->path,
                   reason);
      return FALSE;
    }
  return set_up_session (store, error);
}

/* ---- statements ---- */

typedef struct
{
  ItogiStmt parent;
  char *sql; /* with $n */
  int n_params;
  char **values;
  Oid *types;
  PGresult *result;
  int row;
  gint64 changes;
} PgStmt;

/* `?` and `?N` as `$n`, outside quoted text and names. */
static char *
number_parameters (const char *sql, int *n_params)
{
  g_autoptr (GString) out = g_string_sized_new (strlen (sql) + 16);
  int next = 0, highest = 0;
  char quote = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p == '\'' || *p == '"')
        quote = *p;
      if (*p != '?')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (g_ascii_isdigit (p[1]))
        {
          char *end = NULL;
          int n = (int)strtol (p + 1, &end, 10);
          g_string_append_printf (out, "$%d", n);
          highest = MAX (highest, n);
          p = end - 1;
        }
      else
        {
          g_string_append_printf (out, "$%d", ++next);
          highest = MAX (highest, next);
        }
    }
  *n_params = highest;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static ItogiStmt *
pg_prepare (ItogiStore *store, const char *sql, GError **error)
{
  PgStmt *self = g_new0 (PgStmt, 1);

  (void)error;
  itogi_store_sql_sent (sql);
  self->parent.store = store;
  self->sql = number_parameters (sql, &self->n_params);
  self->values = g_new0 (char *, MAX (self->n_params, 1));
  self->types = g_new0 (Oid, MAX (self->n_params, 1));
  self->row = -1;
  return &self->parent;
}

static void
pg_bind (PgStmt *self, int index, char *value, Oid type)
{
  g_return_if_fail (index >= 1 && index <= self->n_params);
  g_free (self->values[index - 1]);
  self->values[index - 1] = value;
  self->types[index - 1] = type;
}

static void
pg_bind_int (ItogiStmt *stmt, int index, gint64 value)
{
  pg_bind ((PgStmt *)stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), INT8_OID);
}

static void
pg_bind_text (ItogiStmt *stmt, int index, const char *text)
{
  /* The type is the server's to infer from where the parameter stands. */
  pg_bind ((PgStmt *)stmt, index, g_strdup (text), 0);
}

static int
pg_step (ItogiStmt *stmt, GError **error)
{
  PgStmt *self = (PgStmt *)stmt;
  ItogiStore *store = stmt->store;

  if (self->result == NULL)
    {
      ExecStatusType status;

      store->may_retry = FALSE;
      if (!reconnect_if_lost (store, error))
        return ITOGI_STMT_FAILED;
      self->result = itogi_libpq.PQexecParams (store->pg, self->sql, self->n_params, self->types,
                                               (const char *const *)self->values, NULL, NULL, 0);
      status = itogi_libpq.PQresultStatus (self->result);
      if (status == PGRES_COMMAND_OK)
        {
          self->changes = g_ascii_strtoll (itogi_libpq.PQcmdTuples (self->result), NULL, 10);
          return ITOGI_STMT_DONE;
        }
      if (status != PGRES_TUPLES_OK)
        {
          result_error (store, self->result, error);
          g_clear_pointer (&self->result, itogi_libpq.PQclear);
          return ITOGI_STMT_FAILED;
        }
      self->changes = g_ascii_strtoll (itogi_libpq.PQcmdTuples (self->result), NULL, 10);
      self->row = 0;
    }
  else if (itogi_libpq.PQresultStatus (self->result) == PGRES_TUPLES_OK)
    self->row++;
  else
    return ITOGI_STMT_DONE;
  return self->row < itogi_libpq.PQntuples (self->result) ? ITOGI_STMT_ROW : ITOGI_STMT_DONE;
}

static gboolean
pg_is_null (ItogiStmt *stmt, int column)
{
  PgStmt *self = (PgStmt *)stmt;
  return itogi_libpq.PQgetisnull (self->result, self->row, column);
}

static const char *
pg_column_text (ItogiStmt *stmt, int column)
{
  PgStmt *self = (PgStmt *)stmt;

  if (self->result == NULL || itogi_libpq.PQgetisnull (self->result, self->row, column))
    return NULL;
  return itogi_libpq.PQgetvalue (self->result, self->row, column);
}

static gint64
pg_column_int (ItogiStmt *stmt, int column)
{
  const char *text = pg_column_text (stmt, column);

  if (text == NULL)
    return 0;
  if (strcmp (text, "t") == 0)
    return 1;
  if (strcmp (text, "f") == 0)
    return 0;
  return g_ascii_strtoll (text, NULL, 10);
}

static gint64
pg_changes (ItogiStmt *stmt)
{
  return ((PgStmt *)stmt)->changes;
}

static void
pg_reset (ItogiStmt *stmt)
{
  PgStmt *self = (PgStmt *)stmt;

  g_clear_pointer (&self->result, itogi_libpq.PQclear);
  self->row = -1;
  self->changes = 0;
}

static void
pg_free (ItogiStmt *stmt)
{
  PgStmt *self = (PgStmt *)stmt;

  g_clear_pointer (&self->result, itogi_libpq.PQclear);
  for (int i = 0; i < self->n_params; i++)
    g_free (self->values[i]);
  g_free (self->values);
  g_free (self->types);
  g_free (self->sql);
  g_free (self);
}

/* Statements without parameters, several at once (the schema file). */
static gboolean
pg_exec (ItogiStore *store, const char *sql, GError **error)
{
  PGresult *result;
  ExecStatusType status;
  gboolean ok;

  store->may_retry = FALSE;
  if (!reconnect_if_lost (store, error))
    return FALSE;
  itogi_store_sql_sent (sql);
  result = itogi_libpq.PQexec (store->pg, sql);
  status = itogi_libpq.PQresultStatus (result);
  ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    result_error (store, result, error);
  itogi_libpq.PQclear (result);
  return ok;
}

/* ---- transactions ---- */

static gboolean
pg_begin (ItogiStore *store, GError **error)
{
  return pg_exec (store, "BEGIN", error);
}

static gboolean
pg_begin_reading (ItogiStore *store, GError **error)
{
  return pg_exec (store, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error);
}

static gboolean
pg_commit (ItogiStore *store, GError **error)
{
  PGresult *result = itogi_libpq.PQexec (store->pg, "COMMIT");
  gboolean ok = itogi_libpq.PQresultStatus (result) == PGRES_COMMAND_OK;

  /* Lost while the server was committing, the change may be there or not: only reading it back
   * can say, and the user is not told that nothing was saved. */
  if (!ok && itogi_libpq.PQstatus (store->pg) == CONNECTION_BAD)
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                 _ ("The connection to the server of “%s” was lost while saving: the change may not have "
                    "been saved. Look at the figure again once the server is back."),
                 store->path);
  else if (!ok)
    result_error (store, result, error);
  itogi_libpq.PQclear (result);
  return ok;
}

static void
pg_rollback (ItogiStore *store)
{
  if (itogi_libpq.PQtransactionStatus (store->pg) != PQTRANS_IDLE)
    itogi_libpq.PQclear (itogi_libpq.PQexec (store->pg, "ROLLBACK"));
}

/* The step's number lives as long as the transaction, on this connection alone. */
static gboolean
pg_record_under (ItogiStore *store, gint64 step, GError **error)
{
  g_autoptr (ItogiStmt) stmt = pg_prepare (store, "SELECT set_config ('itogi.step', ?, true)", error);
  g_autofree char *number = step != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, step) : g_strdup ("");

  pg_bind_text (stmt, 1, number);
  return pg_step (stmt, error) != ITOGI_STMT_FAILED;
}

/* The edit steps others have made: it moves when another desktop commits one. */
static gint64
pg_data_version (ItogiStore *store)
{
  gint64 steps = 0;

  if (!itogi_store_query_int (store, "SELECT count(*) FROM steps WHERE who <> session_user", &steps, NULL))
    return -1;
  return steps;
}

static gboolean
pg_is_connected (ItogiStore *store)
{
  return itogi_libpq.PQstatus (store->pg) == CONNECTION_OK && !store->lost;
}

gboolean
itogi_store_server_answers (const char *location)
{
  static const char *const keywords[] = { "dbname", "connect_timeout", NULL };
  const char *values[] = { location, "5", NULL };

  if (!itogi_store_location_is_server (location))
    return TRUE;
  if (!itogi_libpq_load (NULL))
    return FALSE;
  /* The URI is expanded as libpq reads dbname; a refusal of the password still answers. */
  return itogi_libpq.PQpingParams (keywords, values, 1) == PQPING_OK;
}

static int
pg_changes_fd (ItogiStore *store)
{
  return itogi_libpq.PQstatus (store->pg) == CONNECTION_OK && !store->lost ? itogi_libpq.PQsocket (store->pg)
                                                                           : -1;
}

/* The notices of itogi_changes (the schema's 005.sql) that came from other connections; our own
 * commits notify us too, and are not news. */
static gboolean
pg_take_changes (ItogiStore *store)
{
  gboolean others = FALSE;
  PGnotify *notice;

  if (itogi_libpq.PQstatus (store->pg) != CONNECTION_OK || store->lost)
    return FALSE;
  if (!itogi_libpq.PQconsumeInput (store->pg))
    {
      /* The server went away: made anew before the next statement (reconnect_if_lost). */
      store->lost = TRUE;
      return FALSE;
    }
  while ((notice = itogi_libpq.PQnotifies (store->pg)) != NULL)
    {
      others |= notice->be_pid != itogi_libpq.PQbackendPID (store->pg);
      itogi_libpq.PQfreemem (notice);
    }
  return others;
}

static gboolean
pg_is_read_only (ItogiStore *store)
{
  return store->read_only;
}

static void
pg_close (ItogiStore *store)
{
  g_clear_pointer (&store->pg, itogi_libpq.PQfinish);
}

/* ---- SQL spelled PostgreSQL's way ---- */

static char *
pg_json_field (const char *expr, const char *key, gboolean as_int)
{
  if (as_int)
    return g_strdup_printf ("((%s) ->> '%s')::bigint", expr, key);
  return g_strdup_printf ("((%s) ->> '%s')", expr, key);
}

static char *
pg_area_visible (const char *column)
{
  return g_strdup_printf ("itogi_may_see (%s)", column);
}

/* The row's column with the table's own type. */
static char *
pg_json_column (const char *param, const char *table, const char *column)
{
  return g_strdup_printf ("(jsonb_populate_record (NULL::%s, %s::jsonb)).%s", table, param, column);
}

const ItogiStoreEngine itogi_store_postgres_engine = {
  .name = "postgresql",
  .prepare = pg_prepare,
  .bind_int = pg_bind_int,
  .bind_text = pg_bind_text,
  .step = pg_step,
  .is_null = pg_is_null,
  .column_int = pg_column_int,
  .column_text = pg_column_text,
  .changes = pg_changes,
  .reset = pg_reset,
  .free = pg_free,
  .exec = pg_exec,
  .begin = pg_begin,
  .begin_reading = pg_begin_reading,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .record_under = pg_record_under,
  .data_version = pg_data_version,
  .changes_fd = pg_changes_fd,
  .is_connected = pg_is_connected,
  .take_changes = pg_take_changes,
  .is_read_only = pg_is_read_only,
  .abilities = 0,
  .close = pg_close,
  .json_field = pg_json_field,
  .json_column = pg_json_column,
  .area_visible = pg_area_visible,
};

/* ---- connecting ---- */

static void
ignore_notice (void *data, const char *message)
{
  (void)data;
  (void)message;
}

/* The URI as given, without a password in it (user:password@, or password=…): it names the
 * database in messages and opens it again (the app's second connection for its checks). */
static char *
uri_without_password (const char *uri)
{
  g_autoptr (GString) out = g_string_new (uri);
  const char *start = strstr (uri, "://");
  gsize scheme = start != NULL ? (gsize)(start - uri) + 3 : 0;
  const char *at = strchr (uri + scheme, '@');
  const char *slash = strchr (uri + scheme, '/');
  char *query;

  if (at != NULL && (slash == NULL || at < slash))
    {
      const char *colon = memchr (uri + scheme, ':', at - (uri + scheme));
      if (colon != NULL)
        g_string_erase (out, colon - uri, at - colon);
    }
  /* password=… among the parameters. */
  query = strchr (out->str, '?');
  if (query != NULL)
    {
      g_auto (GStrv) params = g_strsplit (query + 1, "&", -1);
      g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
      g_auto (GStrv) rest = NULL;

      for (guint i = 0; params[i] != NULL; i++)
        if (*params[i] != '\0' && !g_str_has_prefix (params[i], "password="))
          g_strv_builder_add (kept, params[i]);
      rest = g_strv_builder_end (kept);
      g_string_truncate (out, query - out->str);
      if (rest[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv ("&", rest);
          g_string_append_printf (out, "?%s", joined);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What each connection is told first, again after a reconnection. */
static gboolean
set_up_session (ItogiStore *store, GError **error)
{
  PGresult *result;
  gboolean ok;

  itogi_libpq.PQsetNoticeProcessor (store->pg, ignore_notice, NULL);
  itogi_libpq.PQsetClientEncoding (store->pg, "UTF8");
  /* Dates and numbers come back as the store reads them, whatever the server's defaults; a
   * store opened to read cannot write, on every connection it makes. */
  result = itogi_libpq.PQexec (
      store->pg, store->read_only ? "SET datestyle = 'ISO'; SET default_transaction_read_only = on"
                                  : "SET datestyle = 'ISO'");
  ok = itogi_libpq.PQresultStatus (result) == PGRES_COMMAND_OK;
  if (!ok)
    result_error (store, result, error);
  itogi_libpq.PQclear (result);
  /* Told of every commit elsewhere (a database made before data format 5 sends none until its
   * owner opens it; the window then finds changes by looking). */
  if (ok && !store->read_only)
    itogi_libpq.PQclear (itogi_libpq.PQexec (store->pg, "LISTEN itogi_changes"));
  return ok;
}

/* ---- passwords given by the app ---- */

static GMutex passwords_lock;
static GHashTable *passwords; /* URI → password */

void
itogi_store_set_server_password (const char *uri, const char *password)
{
  g_mutex_lock (&passwords_lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (password != NULL)
    g_hash_table_insert (passwords, g_strdup (uri), g_strdup (password));
  else
    g_hash_table_remove (passwords, uri);
  g_mutex_unlock (&passwords_lock);
}

static char *
password_for (const char *uri)
{
  char *password = NULL;

  g_mutex_lock (&passwords_lock);
  if (passwords != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, uri));
  g_mutex_unlock (&passwords_lock);
  return password;
}

/* The URI's own settings win over the defaults before it, and a password the app was given
 * over the URI's. A server that does not answer is given up after ten seconds, not waited for. */
static PGconn *
connect_uri (const char *uri)
{
  g_autofree char *password = password_for (uri);
  const char *keys[]
      = { "connect_timeout", "application_name", "dbname", password != NULL ? "password" : NULL, NULL };
  const char *values[] = { "10", "Itogi", uri, password, NULL };

  return itogi_libpq.PQconnectdbParams (keys, values, 1);
}

static ItogiStore *
connect_server (const char *uri, GError **error)
{
  g_autoptr (ItogiStore) store = NULL;
  PGconn *conn;
  gint64 ignored = 0;

  if (!itogi_libpq_load (error))
    return NULL;
  conn = connect_uri (uri);
  if (itogi_libpq.PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *reason = first_line (itogi_libpq.PQerrorMessage (conn));

      /* No password given, or one given and refused: the app asks for it (again). */
      if (itogi_libpq.PQconnectionNeedsPassword (conn)
          || (itogi_libpq.PQconnectionUsedPassword (conn) && strstr (reason, "password") != NULL))
        g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_PASSWORD,
                     _ ("The server asks for a password that was not given or was wrong: %s"), reason);
      else if (strstr (reason, "does not support SSL") != NULL)
        g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                     _ ("The address asks for an encrypted connection (sslmode), and the server does not "
                        "offer one. Ask its administrator to turn on TLS."));
      else if (strstr (reason, "certificate") != NULL || strstr (reason, "SSL") != NULL
               || strstr (reason, "ssl") != NULL)
        g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                     _ ("The server's identity could not be verified, so nothing was sent to it: its "
                        "certificate is not the one the address expects, or is not trusted here (%s)."),
                     reason);
      else
        {
          g_autofree char *place = itogi_store_server_place (uri, NULL);
          /* Translators: «Не удаётся подключиться к базе данных «server/itogi» на сервере: …» */
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND,
                       _ ("Cannot connect to the database “%s” on its server: %s"), place, reason);
        }
      itogi_libpq.PQfinish (conn);
      return NULL;
    }
  {
    g_autofree char *name = uri_without_password (uri);
    store = itogi_store_new (&itogi_store_postgres_engine, name);
  }
  store->pg = conn;
  store->who = g_strdup (itogi_libpq.PQuser (conn));
  if (!set_up_session (store, error) || !itogi_store_query_int (store, "SELECT 1", &ignored, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* Whether the database has Itogi's tables (*@format > 0), none at all (0), or another's (−1). */
static gboolean
read_format (ItogiStore *store, int *format, GError **error)
{
  gint64 ours = 0, tables = 0, version = 0;

  if (!itogi_store_query_int (store,
                              "SELECT count(*) FROM pg_catalog.pg_tables"
                              " WHERE schemaname = current_schema () AND tablename = 'itogi_format'",
                              &ours, error)
      || !itogi_store_query_int (
          store,
          "SELECT count(*) FROM pg_catalog.pg_class c"
          " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          " WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'v', 'm', 'p', 'f')",
          &tables, error))
    return FALSE;
  if (ours == 0)
    {
      *format = tables == 0 ? 0 : -1;
      return TRUE;
    }
  if (!itogi_store_query_int (store, "SELECT max (version) FROM itogi_format", &version, error))
    return FALSE;
  *format = (int)version;
  return TRUE;
}

ItogiStore *
itogi_store_postgres_open (const char *uri, ItogiServerOpen mode, GError **error)
{
  g_autoptr (ItogiStore) store = connect_server (uri, error);
  int format = 0;

  if (store == NULL || !read_format (store, &format, error))
    return NULL;
  if (format == 0)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND,
                   _ ("The database “%s” has no Itogi data yet. Set it up with “itogi-cli --database URI "
                      "init”. Nothing was changed."),
                   store->path);
      return NULL;
    }
  if (format < 0)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FOREIGN,
                   _ ("The database “%s” belongs to another program. Nothing was changed."), store->path);
      return NULL;
    }
  if (format > ITOGI_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NEWER,
                   _ ("The database “%s” was made by a newer version of Itogi. Nothing was changed."),
                   store->path);
      return NULL;
    }
  store->schema_version = format;
  if (format < ITOGI_STORE_SCHEMA_VERSION && mode != ITOGI_SERVER_OPEN_CHECK)
    {
      if (mode != ITOGI_SERVER_OPEN_WRITE)
        {
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                       _ ("The database “%s” was made by an older version of Itogi: open it once for "
                          "editing to bring it up to date. Nothing was changed."),
                       store->path);
          return NULL;
        }
      if (!upgrade_format (store, format, error))
        return NULL;
    }
  if (mode != ITOGI_SERVER_OPEN_WRITE)
    {
      store->read_only = TRUE;
      if (!set_up_session (store, error))
        return NULL;
    }
  if (mode != ITOGI_SERVER_OPEN_CHECK)
    {
      g_autoptr (GPtrArray) problems = itogi_store_postgres_check (store, error);

      if (problems == NULL)
        return NULL;
      if (problems->len > 0)
        {
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_ALTERED,
                       _ ("The database “%s” is not as Itogi made it: %s. Nothing was changed."), store->path,
                       (const char *)problems->pdata[0]);
          return NULL;
        }
    }
  return g_steal_pointer (&store);
}

static char *
schema_file (int version, GError **error)
{
  g_autofree char *name = g_strdup_printf ("/ru/kaluga/Itogi/schema/postgresql/%03d.sql", version);
  g_autoptr (GBytes) bytes = g_resource_lookup_data (itogi_schema_get_resource (), name, 0, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The schema files that bring a database of format @from to this one (0: a new one), in the
 * transaction open. The first server format is 4, made whole by its file. */
static gboolean
run_schema_files (ItogiStore *store, int from, GError **error)
{
  for (int version = MAX (from + 1, FIRST_SERVER_FORMAT); version <= ITOGI_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *schema = schema_file (version, error);

      if (schema == NULL || !itogi_store_exec (store, schema, error))
        return FALSE;
    }
  return TRUE;
}

/* A database of an older format is brought to this one when it is opened for editing, in one
 * transaction: by its owner (the role that set it up), since only the owner may change tables. */
static gboolean
upgrade_format (ItogiStore *store, int format, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (!itogi_store_begin (store, error))
    return FALSE;
  if (!run_schema_files (store, format, &local) || !itogi_store_commit (store, &local))
    {
      itogi_store_rollback (store);
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                   _ ("The database “%s” was made by an older version of Itogi and must be brought up "
                      "to date by its owner, who opens it once with this version (%s). Nothing was "
                      "changed."),
                   store->path, local->message);
      return FALSE;
    }
  store->schema_version = ITOGI_STORE_SCHEMA_VERSION;
  return TRUE;
}

/* New rows are numbered after those a fill wrote with their own ids (a copy's). */
static gboolean
follow_identities (ItogiStore *store, GError **error)
{
  static const char *const tables[] = { "areas", "indicators", "institutions", "tasks", "steps", "history" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "SELECT setval (pg_get_serial_sequence ('%1$s', 'id'), coalesce (max (id), 0) + 1,"
          " false) FROM %1$s",
          tables[i]);
      if (!itogi_store_exec (store, sql, error))
        return FALSE;
    }
  return TRUE;
}

ItogiStore *
itogi_store_postgres_create (const char *uri, ItogiStoreFill fill, gpointer data, GError **error)
{
  g_autoptr (ItogiStore) store = connect_server (uri, error);
  int format = 0;
  gboolean ok;

  if (store == NULL || !read_format (store, &format, error))
    return NULL;
  if (format > 0)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_EXISTS,
                   _ ("The database “%s” already has Itogi's data. Nothing was changed."), store->path);
      return NULL;
    }
  if (format < 0)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FOREIGN,
                   _ ("The database “%s” is not empty: it holds another program's tables. Nothing was "
                      "changed."),
                   store->path);
      return NULL;
    }
  if (!itogi_store_begin (store, error))
    return NULL;
  ok = run_schema_files (store, 0, error);
  store->schema_version = ITOGI_STORE_SCHEMA_VERSION;
  if (ok && fill != NULL)
    ok = fill (store, data, error);
  if (ok)
    ok = follow_identities (store, error);
  if (!ok)
    {
      itogi_store_rollback (store);
      return NULL;
    }
  if (!itogi_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* The tables and history triggers of this data format, each present. */
GPtrArray *
itogi_store_postgres_check (ItogiStore *store, GError **error)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  static const char *const tables[] = { "meta", "steps", "history" };

  for (guint i = 0; i < itogi_n_tracked_tables + G_N_ELEMENTS (tables); i++)
    {
      gboolean tracked = i < itogi_n_tracked_tables;
      const char *table = tracked ? itogi_tracked_tables[i].table : tables[i - itogi_n_tracked_tables];
      g_autoptr (ItogiStmt) stmt
          = pg_prepare (store,
                        "SELECT (SELECT count(*) FROM pg_catalog.pg_tables"
                        "         WHERE schemaname = current_schema () AND tablename = ?1),"
                        "       (SELECT count(*) FROM pg_catalog.pg_trigger t"
                        "          JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
                        "         WHERE c.relname = ?1 AND NOT t.tgisinternal"
                        "           AND t.tgenabled <> 'D'"
                        "           AND t.tgname = ?1 || '_history')",
                        error);
      int rc;

      pg_bind_text (stmt, 1, table);
      rc = pg_step (stmt, error);
      if (rc != ITOGI_STMT_ROW)
        return NULL;
      if (pg_column_int (stmt, 0) == 0)
        g_ptr_array_add (problems, g_strdup_printf (_ ("the table “%s” is missing"), table));
      else if (tracked && pg_column_int (stmt, 1) == 0)
        g_ptr_array_add (problems, g_strdup_printf (_ ("the history of “%s” is not recorded"), table));
    }
  return g_steal_pointer (&problems);
}
