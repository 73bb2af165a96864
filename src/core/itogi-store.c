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
#include <string.h>
#include <unistd.h>

#include "itogi-period.h"
#include "itogi-store-private.h"
#include "itogi-store.h"
#include "itogi-validate.h"

G_DEFINE_QUARK (itogi - store - error - quark, itogi_store_error)

/* ---- statements, through the engine ---- */

ItogiStmt *
itogi_stmt_new (ItogiStore *store, const char *sql, GError **error)
{
  return store->engine->prepare (store, sql, error);
}

void
itogi_stmt_bind_int (ItogiStmt *stmt, int index, gint64 value)
{
  stmt->store->engine->bind_int (stmt, index, value);
}

void
itogi_stmt_bind_text (ItogiStmt *stmt, int index, const char *text)
{
  stmt->store->engine->bind_text (stmt, index, text);
}

int
itogi_stmt_step (ItogiStmt *stmt, GError **error)
{
  return stmt->store->engine->step (stmt, error);
}

gboolean
itogi_stmt_run (ItogiStmt *stmt, GError **error)
{
  return itogi_stmt_step (stmt, error) != ITOGI_STMT_FAILED;
}

gboolean
itogi_stmt_is_null (ItogiStmt *stmt, int column)
{
  return stmt->store->engine->is_null (stmt, column);
}

gint64
itogi_stmt_int (ItogiStmt *stmt, int column)
{
  return stmt->store->engine->column_int (stmt, column);
}

const char *
itogi_stmt_text (ItogiStmt *stmt, int column)
{
  return stmt->store->engine->column_text (stmt, column);
}

char *
itogi_stmt_dup (ItogiStmt *stmt, int column)
{
  return g_strdup (itogi_stmt_text (stmt, column));
}

gint64
itogi_stmt_changes (ItogiStmt *stmt)
{
  return stmt->store->engine->changes (stmt);
}

void
itogi_stmt_reset (ItogiStmt *stmt)
{
  stmt->store->engine->reset (stmt);
}

void
itogi_stmt_free (ItogiStmt *stmt)
{
  if (stmt != NULL)
    stmt->store->engine->free (stmt);
}

gboolean
itogi_store_exec (ItogiStore *store, const char *sql, GError **error)
{
  return store->engine->exec (store, sql, error);
}

gboolean
itogi_store_query_int (ItogiStore *store, const char *sql, gint64 *out, GError **error)
{
  g_autoptr (ItogiStmt) stmt = itogi_stmt_new (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = itogi_stmt_step (stmt, error);
  if (rc == ITOGI_STMT_FAILED)
    return FALSE;
  if (rc == ITOGI_STMT_DONE)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED, _ ("Database error in “%s”: %s."),
                   store->path, "no row");
      return FALSE;
    }
  *out = itogi_stmt_int (stmt, 0);
  return TRUE;
}

#define prepare itogi_stmt_new
#define exec itogi_store_exec
#define query_int itogi_store_query_int
#define step_done itogi_stmt_run
#define column_dup itogi_stmt_dup

static void
bind_text (ItogiStmt *stmt, int index, const char *text)
{
  itogi_stmt_bind_text (stmt, index, text != NULL ? text : "");
}

/* Empty text is stored as NULL where NULL has a meaning (an indicator's default sentence). */
static void
bind_optional_text (ItogiStmt *stmt, int index, const char *text)
{
  itogi_stmt_bind_text (stmt, index, text == NULL || *text == '\0' ? NULL : text);
}

static char *
now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Run an INSERT … RETURNING id, keeping the new row's id. */
static gboolean
run_returning_id (ItogiStmt *stmt, gint64 *id, GError **error)
{
  int rc = itogi_stmt_step (stmt, error);

  if (rc == ITOGI_STMT_FAILED)
    return FALSE;
  *id = rc == ITOGI_STMT_ROW ? itogi_stmt_int (stmt, 0) : 0;
  /* Finished, so that no statement is still running when the transaction commits. */
  while (rc == ITOGI_STMT_ROW)
    rc = itogi_stmt_step (stmt, error);
  return rc == ITOGI_STMT_DONE;
}

/* ---- the store ---- */

ItogiStore *
itogi_store_new (const ItogiStoreEngine *engine, const char *path)
{
  ItogiStore *store = g_new0 (ItogiStore, 1);

  store->engine = engine;
  store->path = g_strdup (path);
  return store;
}

void
itogi_store_free (ItogiStore *store)
{
  if (store == NULL)
    return;
  itogi_store_rollback (store);
  store->engine->close (store);
  g_free (store->path);
  g_free (store->who);
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

gboolean
itogi_store_can (ItogiStore *store, ItogiStoreAbility ability)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return (ability & ~store->engine->abilities) == 0;
}

gboolean
itogi_store_is_read_only (ItogiStore *store)
{
  return store->engine->is_read_only (store);
}

char *
itogi_store_server_place (const char *uri, char **user)
{
  const char *p = strstr (uri, "://");
  const char *end, *at, *slash;
  g_autofree char *host = NULL, *db = NULL;

  if (user != NULL)
    *user = NULL;
  p = p != NULL ? p + 3 : uri;
  end = p + strcspn (p, "?#");
  slash = memchr (p, '/', end - p);
  at = memchr (p, '@', (slash != NULL ? slash : end) - p);
  if (at != NULL)
    {
      if (user != NULL)
        {
          g_autofree char *info = g_strndup (p, at - p);
          char *colon = strchr (info, ':');
          if (colon != NULL)
            *colon = '\0';
          *user = g_uri_unescape_string (info, NULL);
        }
      p = at + 1;
    }
  host = g_strndup (p, (slash != NULL ? slash : end) - p);
  if (strrchr (host, ':') != NULL && host[0] != '[')
    *strrchr (host, ':') = '\0';
  db = slash != NULL ? g_uri_unescape_segment (slash + 1, end, NULL) : NULL;
  if (db == NULL || *db == '\0')
    return g_strdup (*host != '\0' ? host : "postgresql");
  return *host != '\0' ? g_strdup_printf ("%s/%s", host, db) : g_strdup (db);
}

gboolean
itogi_store_may_retry (ItogiStore *store)
{
  return store->may_retry;
}

gboolean
itogi_store_is_server (ItogiStore *store)
{
  return store->engine == &itogi_store_postgres_engine;
}

gboolean
itogi_store_location_is_server (const char *location)
{
  return location != NULL
         && (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

const char *
itogi_store_who (ItogiStore *store)
{
  return store->who != NULL ? store->who : g_get_user_name ();
}

static const char *
who (ItogiStore *store)
{
  return itogi_store_who (store);
}

/* ---- transactions ---- */

gboolean
itogi_store_begin (ItogiStore *store, GError **error)
{
  g_return_val_if_fail (!store->in_transaction, FALSE);
  if (!store->engine->begin (store, error))
    return FALSE;
  store->in_transaction = TRUE;
  return TRUE;
}

gboolean
itogi_store_commit (ItogiStore *store, GError **error)
{
  g_return_val_if_fail (store->in_transaction, FALSE);
  if (!store->engine->commit (store, error))
    {
      itogi_store_rollback (store);
      return FALSE;
    }
  store->in_transaction = FALSE;
  store->wrote = TRUE;
  return TRUE;
}

gboolean
itogi_store_begin_reading (ItogiStore *store, GError **error)
{
  g_return_val_if_fail (!store->in_transaction, FALSE);
  if (!store->engine->begin_reading (store, error))
    return FALSE;
  store->in_transaction = TRUE;
  return TRUE;
}

void
itogi_store_rollback (ItogiStore *store)
{
  if (!store->in_transaction)
    return;
  store->engine->rollback (store);
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

/* ---- reads ---- */

typedef gpointer (*RowReader) (ItogiStmt *stmt);

/* Step through a prepared, bound statement, turning each row into a record. */
static GPtrArray *
collect_rows (ItogiStore *store, ItogiStmt *stmt, RowReader read_row, GDestroyNotify free_row, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
    g_ptr_array_add (list, read_row (stmt));
  if (rc != ITOGI_STMT_DONE)
    return NULL;
  return g_steal_pointer (&list);
}

char *
itogi_store_get_meta (ItogiStore *store, const char *key)
{
  g_autoptr (ItogiStmt) stmt = prepare (store, "SELECT value FROM meta WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (itogi_stmt_step (stmt, NULL) != ITOGI_STMT_ROW)
    return NULL;
  return column_dup (stmt, 0);
}

static gpointer
area_from_row (ItogiStmt *stmt)
{
  ItogiArea *area = itogi_area_new ();

  area->id = itogi_stmt_int (stmt, 0);
  area->slug = column_dup (stmt, 1);
  area->title = column_dup (stmt, 2);
  area->short_title = column_dup (stmt, 3);
  area->description = column_dup (stmt, 4);
  area->position = itogi_stmt_int (stmt, 5);
  area->archived = itogi_stmt_int (stmt, 6) != 0;
  area->icon = column_dup (stmt, 7);
  return area;
}

#define AREA_COLUMNS "id, slug, title, short_title, description, position, archived, icon"

GPtrArray *
itogi_store_list_areas (ItogiStore *store, gboolean include_archived, GError **error)
{
  /* On a server, only the areas the role may see: the window, the exports and the report alike. */
  g_autofree char *visible = store->engine->area_visible ("id");
  g_autofree char *sql = g_strdup_printf ("SELECT " AREA_COLUMNS " FROM areas WHERE (archived = 0 OR ?1 <> 0)"
                                          " AND %s ORDER BY position, id",
                                          visible);
  g_autoptr (ItogiStmt) stmt = prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, include_archived ? 1 : 0);
  return collect_rows (store, stmt, area_from_row, (GDestroyNotify)itogi_area_free, error);
}

ItogiArea *
itogi_store_find_area (ItogiStore *store, const char *slug, GError **error)
{
  g_autoptr (ItogiStmt) stmt = prepare (store, "SELECT " AREA_COLUMNS " FROM areas WHERE slug = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, slug);
  rc = itogi_stmt_step (stmt, error);
  if (rc == ITOGI_STMT_ROW)
    return area_from_row (stmt);
  if (rc == ITOGI_STMT_DONE)
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND, _ ("There is no activity area “%s”."),
                 slug);
  return NULL;
}

static gpointer
indicator_from_row (ItogiStmt *stmt)
{
  ItogiIndicator *ind = itogi_indicator_new ();

  ind->id = itogi_stmt_int (stmt, 0);
  ind->area_id = itogi_stmt_int (stmt, 1);
  ind->slug = column_dup (stmt, 2);
  ind->title = column_dup (stmt, 3);
  ind->unit = column_dup (stmt, 4);
  for (int i = 0; i < 3; i++)
    ind->forms[i] = column_dup (stmt, 5 + i);
  /* The schema's CHECKs guarantee the names; a bad one falls back to the defaults. */
  if (!itogi_kind_from_string (itogi_stmt_text (stmt, 8), &ind->kind))
    ind->kind = ITOGI_KIND_COUNT;
  ind->scale = (guint)itogi_stmt_int (stmt, 9);
  if (!itogi_aggregation_from_string (itogi_stmt_text (stmt, 10), &ind->aggregation))
    ind->aggregation = ITOGI_AGGREGATION_SUM;
  if (!itogi_polarity_from_string (itogi_stmt_text (stmt, 11), &ind->polarity))
    ind->polarity = ITOGI_POLARITY_NEUTRAL;
  ind->position = itogi_stmt_int (stmt, 12);
  ind->description = column_dup (stmt, 13);
  ind->archived = itogi_stmt_int (stmt, 14) != 0;
  /* NULL and "" both mean the default sentence; readers see NULL. */
  ind->sentence = column_dup (stmt, 15);
  if (ind->sentence != NULL && *ind->sentence == '\0')
    g_clear_pointer (&ind->sentence, g_free);
  return ind;
}

GPtrArray *
itogi_store_list_indicators (ItogiStore *store, gint64 area_id, gboolean include_archived, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
  /* Every area's: on a server only those of the areas the role may see. */
  g_autofree char *visible = store->engine->area_visible ("a.id");
  g_autofree char *sql
      = g_strdup_printf ("SELECT i.id, i.area_id, i.slug, i.title, i.unit, i.form_one, i.form_few,"
                         "       i.form_many, i.kind, i.scale, i.aggregation, i.polarity, i.position,"
                         "       i.description, i.archived, i.sentence"
                         "  FROM indicators i JOIN areas a ON a.id = i.area_id"
                         " WHERE (?1 = 0 OR i.area_id = ?1) AND (i.archived = 0 OR ?2 <> 0)"
                         "   AND (a.archived = 0 OR ?2 <> 0 OR ?1 <> 0) AND (?1 <> 0 OR %s)"
                         " ORDER BY a.position, a.id, i.position, i.id",
                         visible);

  stmt = prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, area_id);
  itogi_stmt_bind_int (stmt, 2, include_archived ? 1 : 0);
  return collect_rows (store, stmt, indicator_from_row, (GDestroyNotify)itogi_indicator_free, error);
}

static void
value_from_row (ItogiStmt *stmt, int first, ItogiValue *out)
{
  out->present = TRUE;
  out->amount = itogi_stmt_int (stmt, first);
  if (!itogi_qualifier_from_string (itogi_stmt_text (stmt, first + 1), &out->qualifier))
    out->qualifier = ITOGI_QUALIFIER_EXACT;
  /* Most figures have no note: "" is not copied only to be freed. */
  if (!itogi_stmt_is_null (stmt, first + 2) && *itogi_stmt_text (stmt, first + 2) != '\0')
    out->note = column_dup (stmt, first + 2);
  out->as_of = column_dup (stmt, first + 3);
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
  g_autoptr (ItogiStmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < count; i++)
    itogi_value_clear (&out[i]);
  stmt = prepare (store,
                  "SELECT amount, qualifier, note, as_of, period_index FROM indicator_values"
                  " WHERE indicator_id = ? AND year = ? AND period = ? ORDER BY period_index",
                  error);
  if (stmt == NULL)
    return FALSE;
  itogi_stmt_bind_int (stmt, 1, indicator_id);
  itogi_stmt_bind_int (stmt, 2, year);
  bind_text (stmt, 3, period_name (period));
  while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
    {
      int index = itogi_stmt_int (stmt, 4);

      if (index >= 1 && (guint)index <= count)
        value_from_row (stmt, 0, &out[index - 1]);
    }
  if (rc != ITOGI_STMT_DONE)
    {
      for (guint i = 0; i < count; i++)
        itogi_value_clear (&out[i]);
      return FALSE;
    }
  return TRUE;
}

gboolean
itogi_store_each_figure (ItogiStore *store, gint64 area_id, int year, int other_year, ItogiFigureFunc func,
                         gpointer data, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
  int rc;

  /* An area's by its indicators' keys; every area's by the index on year. */
  stmt = prepare (store,
                  area_id != 0
                      ? "SELECT amount, qualifier, note, as_of, indicator_id, year, period, period_index"
                        "  FROM indicator_values"
                        " WHERE indicator_id IN (SELECT id FROM indicators WHERE area_id = ?1)"
                        "   AND year IN (?2, ?3)"
                      : "SELECT amount, qualifier, note, as_of, indicator_id, year, period, period_index"
                        "  FROM indicator_values WHERE year IN (?2, ?3) AND ?1 = 0",
                  error);
  if (stmt == NULL)
    return FALSE;
  itogi_stmt_bind_int (stmt, 1, area_id);
  itogi_stmt_bind_int (stmt, 2, year);
  itogi_stmt_bind_int (stmt, 3, other_year);
  while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
    {
      const char *period = itogi_stmt_text (stmt, 6);
      ItogiValue value = { 0 };
      ItogiPeriodType type = g_strcmp0 (period, "month") == 0     ? ITOGI_PERIOD_MONTH
                             : g_strcmp0 (period, "quarter") == 0 ? ITOGI_PERIOD_QUARTER
                                                                  : ITOGI_PERIOD_YEAR;

      value_from_row (stmt, 0, &value);
      func (itogi_stmt_int (stmt, 4), itogi_stmt_int (stmt, 5), type, (guint)itogi_stmt_int (stmt, 7), &value,
            data);
      itogi_value_clear (&value);
    }
  if (rc != ITOGI_STMT_DONE)
    return FALSE;
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
  g_autoptr (ItogiStmt) stmt = NULL;
  int rc;

  memset (out, 0, sizeof *out);
  stmt = prepare (store,
                  "SELECT amount, qualifier, note, as_of FROM indicator_values"
                  " WHERE indicator_id = ? AND year = ? AND period = 'year'",
                  error);
  if (stmt == NULL)
    return FALSE;
  itogi_stmt_bind_int (stmt, 1, indicator->id);
  itogi_stmt_bind_int (stmt, 2, year);
  rc = itogi_stmt_step (stmt, error);
  if (rc == ITOGI_STMT_ROW)
    {
      value_from_row (stmt, 0, out);
      return TRUE;
    }
  if (rc != ITOGI_STMT_DONE)
    return FALSE;

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
  g_autoptr (ItogiStmt) stmt
      = prepare (store, "SELECT text FROM area_notes WHERE area_id = ? AND year = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, area_id);
  itogi_stmt_bind_int (stmt, 2, year);
  rc = itogi_stmt_step (stmt, error);
  if (rc == ITOGI_STMT_ROW)
    return column_dup (stmt, 0);
  return NULL;
}

static gpointer
institution_from_row (ItogiStmt *stmt)
{
  ItogiInstitution *inst = g_new0 (ItogiInstitution, 1);

  inst->id = itogi_stmt_int (stmt, 0);
  inst->area_id = itogi_stmt_int (stmt, 1);
  inst->name = column_dup (stmt, 2);
  inst->position = itogi_stmt_int (stmt, 3);
  inst->note = column_dup (stmt, 4);
  return inst;
}

GPtrArray *
itogi_store_list_institutions (ItogiStore *store, gint64 area_id, int year, GError **error)
{
  g_autoptr (ItogiStmt) stmt
      = prepare (store,
                 "SELECT i.id, i.area_id, i.name, i.position, n.text FROM institutions i"
                 "  LEFT JOIN institution_notes n ON n.institution_id = i.id AND n.year = ?2"
                 " WHERE i.area_id = ?1 AND i.archived = 0 ORDER BY i.position, i.id",
                 error);

  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, area_id);
  itogi_stmt_bind_int (stmt, 2, year);
  return collect_rows (store, stmt, institution_from_row, (GDestroyNotify)itogi_institution_free, error);
}

static gpointer
task_from_row (ItogiStmt *stmt)
{
  ItogiTask *task = g_new0 (ItogiTask, 1);

  task->id = itogi_stmt_int (stmt, 0);
  task->area_id = itogi_stmt_int (stmt, 1);
  task->year = itogi_stmt_int (stmt, 2);
  task->position = itogi_stmt_int (stmt, 3);
  task->text = column_dup (stmt, 4);
  task->done = itogi_stmt_int (stmt, 5) != 0;
  return task;
}

GPtrArray *
itogi_store_list_tasks (ItogiStore *store, gint64 area_id, int year, GError **error)
{
  g_autoptr (ItogiStmt) stmt = prepare (store,
                                        "SELECT id, area_id, year, position, text, done FROM tasks"
                                        " WHERE area_id = ? AND year = ? ORDER BY position, id",
                                        error);

  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, area_id);
  itogi_stmt_bind_int (stmt, 2, year);
  return collect_rows (store, stmt, task_from_row, (GDestroyNotify)itogi_task_free, error);
}

GArray *
itogi_store_list_years (ItogiStore *store, GError **error)
{
  g_autoptr (ItogiStmt) stmt
      = prepare (store,
                 /* From each year to the next by the index on year: as many steps as years. */
                 "WITH RECURSIVE y (year) AS ("
                 "  SELECT min(year) FROM indicator_values"
                 "  UNION ALL"
                 "  SELECT (SELECT min(year) FROM indicator_values v WHERE v.year > y.year) FROM y"
                 "   WHERE y.year IS NOT NULL)"
                 " SELECT year FROM y WHERE year IS NOT NULL",
                 error);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
    {
      int year = itogi_stmt_int (stmt, 0);
      g_array_append_val (years, year);
    }
  if (rc != ITOGI_STMT_DONE)
    return NULL;
  return g_steal_pointer (&years);
}

/* ---- writes ---- */

gboolean
itogi_store_set_meta (ItogiStore *store, const char *key, const char *value, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
  gboolean own, ok;

  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store,
                  "INSERT INTO meta (key, value) VALUES (?, ?)"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, key);
      bind_text (stmt, 2, value);
      ok = step_done (stmt, error);
    }
  return write_end (store, own, ok, error);
}

gint64
itogi_store_add_area (ItogiStore *store, const ItogiArea *area, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
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
                  " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, slug);
      bind_text (stmt, 2, title);
      bind_text (stmt, 3, short_title);
      bind_text (stmt, 4, description);
      itogi_stmt_bind_int (stmt, 5, area->position);
      itogi_stmt_bind_int (stmt, 6, area->archived ? 1 : 0);
      bind_text (stmt, 7, icon);
      ok = run_returning_id (stmt, &id, error);
    }
  return write_end (store, own, ok, error) ? id : 0;
}

/* An id never used before in @table, not even by a row since deleted and remembered in the
 * history: a new indicator must not inherit a deleted one's history, nor block its undo. */
static gint64
fresh_id (ItogiStore *store, const char *table, GError **error)
{
  g_autofree char *remembered = store->engine->json_field ("coalesce (new, old)", "id", TRUE);
  g_autofree char *sql = g_strdup_printf (
      "SELECT CASE WHEN a > b THEN a ELSE b END + 1 FROM"
      " (SELECT coalesce ((SELECT max (id) FROM %1$s), 0) AS a,"
      "         coalesce ((SELECT max (%2$s) FROM history WHERE tbl = '%1$s'), 0) AS b) AS ids",
      table, remembered);
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
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (stmt, 1, ind->area_id);
      bind_text (stmt, 2, texts.slug);
      bind_text (stmt, 3, texts.title);
      bind_text (stmt, 4, texts.unit);
      for (int i = 0; i < 3; i++)
        bind_text (stmt, 5 + i, texts.forms[i]);
      bind_text (stmt, 8, itogi_kind_to_string (ind->kind));
      itogi_stmt_bind_int (stmt, 9, (int)itogi_kind_effective_scale (ind->kind, ind->scale));
      bind_text (stmt, 10, itogi_aggregation_to_string (ind->aggregation));
      bind_text (stmt, 11, itogi_polarity_to_string (ind->polarity));
      itogi_stmt_bind_int (stmt, 12, ind->position);
      bind_text (stmt, 13, texts.description);
      itogi_stmt_bind_int (stmt, 14, ind->archived ? 1 : 0);
      itogi_stmt_bind_int (stmt, 15, id);
      bind_optional_text (stmt, 16, texts.sentence);
      ok = step_done (stmt, error);
    }
  return write_end (store, own, ok, error) ? id : 0;
}

gboolean
itogi_store_set_value (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                       int period_index, const ItogiValue *value, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (stmt, 1, indicator_id);
      itogi_stmt_bind_int (stmt, 2, year);
      bind_text (stmt, 3, period_name (period));
      itogi_stmt_bind_int (stmt, 4, period == ITOGI_PERIOD_YEAR ? 0 : period_index);
      itogi_stmt_bind_int (stmt, 5, value->amount);
      bind_text (stmt, 6, itogi_qualifier_to_string (value->qualifier));
      bind_text (stmt, 7, note);
      if (value->as_of != NULL && *value->as_of != '\0')
        bind_text (stmt, 8, value->as_of);
      else
        itogi_stmt_bind_text (stmt, 8, NULL);
      bind_text (stmt, 9, who (store));
      bind_text (stmt, 10, now);
      ok = step_done (stmt, error);
    }
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_delete_value (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                          int period_index, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (stmt, 1, indicator_id);
      itogi_stmt_bind_int (stmt, 2, year);
      bind_text (stmt, 3, period_name (period));
      itogi_stmt_bind_int (stmt, 4, period == ITOGI_PERIOD_YEAR ? 0 : period_index);
      ok = step_done (stmt, error);
    }
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_get_stored_value (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                              int period_index, ItogiValue *out, char **changed_by, char **changed_at,
                              GError **error)
{
  g_autoptr (ItogiStmt) stmt = prepare (store,
                                        "SELECT amount, qualifier, note, as_of, changed_by, changed_at"
                                        " FROM indicator_values WHERE indicator_id = ? AND year = ?"
                                        " AND period = ? AND period_index = ?",
                                        error);
  int rc;

  *out = (ItogiValue){ 0 };
  if (changed_by != NULL)
    *changed_by = NULL;
  if (changed_at != NULL)
    *changed_at = NULL;
  if (stmt == NULL)
    return FALSE;
  itogi_stmt_bind_int (stmt, 1, indicator_id);
  itogi_stmt_bind_int (stmt, 2, year);
  bind_text (stmt, 3, period_name (period));
  itogi_stmt_bind_int (stmt, 4, period == ITOGI_PERIOD_YEAR ? 0 : period_index);
  rc = itogi_stmt_step (stmt, error);
  if (rc == ITOGI_STMT_ROW)
    {
      value_from_row (stmt, 0, out);
      if (changed_by != NULL)
        *changed_by = column_dup (stmt, 4);
      if (changed_at != NULL)
        *changed_at = column_dup (stmt, 5);
    }
  return rc != ITOGI_STMT_FAILED;
}

/* The row's key, then the figure as seen, bound from @first on. */
static void
bind_seen (ItogiStmt *stmt, int first, gint64 indicator_id, int year, ItogiPeriodType period,
           int period_index, const ItogiValue *seen)
{
  itogi_stmt_bind_int (stmt, first, indicator_id);
  itogi_stmt_bind_int (stmt, first + 1, year);
  bind_text (stmt, first + 2, period_name (period));
  itogi_stmt_bind_int (stmt, first + 3, period == ITOGI_PERIOD_YEAR ? 0 : period_index);
  if (seen == NULL)
    return;
  itogi_stmt_bind_int (stmt, first + 4, seen->amount);
  bind_text (stmt, first + 5, itogi_qualifier_to_string (seen->qualifier));
  bind_text (stmt, first + 6, seen->note != NULL ? seen->note : "");
  itogi_stmt_bind_text (stmt, first + 7, seen->as_of != NULL && *seen->as_of != '\0' ? seen->as_of : NULL);
}

#define SEEN_ROW                                                                                             \
  " indicator_id = ? AND year = ? AND period = ? AND period_index = ? AND amount = ? AND qualifier = ?"      \
  " AND note = ? AND as_of IS NOT DISTINCT FROM ?"

gboolean
itogi_store_set_value_if (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                          int period_index, const ItogiValue *value, const ItogiValue *seen, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *note = NULL;
  gboolean was = seen != NULL && seen->present, will = value != NULL && value->present;
  gboolean own, ok;

  if (will && (note = itogi_text_validate (ITOGI_TEXT_NOTE, value->note, error)) == NULL)
    return FALSE;
  if (!write_begin (store, &own, error))
    return FALSE;
  if (!was && will)
    /* There was none: written only if there still is none. */
    stmt = prepare (store,
                    "INSERT INTO indicator_values (indicator_id, year, period, period_index, amount,"
                    "  qualifier, note, as_of, changed_by, changed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (indicator_id, year, period, period_index) DO NOTHING",
                    error);
  else if (was && will)
    stmt = prepare (
        store,
        "UPDATE indicator_values SET amount = ?, qualifier = ?, note = ?, as_of = ?, changed_by = ?,"
        "  changed_at = ? WHERE" SEEN_ROW,
        error);
  else if (was)
    stmt = prepare (store, "DELETE FROM indicator_values WHERE" SEEN_ROW, error);
  else
    /* Nothing there, nothing to write: still nothing there? */
    stmt = prepare (store,
                    "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM indicator_values WHERE indicator_id = ?"
                    " AND year = ? AND period = ? AND period_index = ?)",
                    error);
  ok = stmt != NULL;
  if (ok && !was && will)
    {
      bind_seen (stmt, 1, indicator_id, year, period, period_index, NULL);
      itogi_stmt_bind_int (stmt, 5, value->amount);
      bind_text (stmt, 6, itogi_qualifier_to_string (value->qualifier));
      bind_text (stmt, 7, note);
      itogi_stmt_bind_text (stmt, 8, value->as_of != NULL && *value->as_of != '\0' ? value->as_of : NULL);
      bind_text (stmt, 9, who (store));
      bind_text (stmt, 10, now);
    }
  else if (ok && was && will)
    {
      itogi_stmt_bind_int (stmt, 1, value->amount);
      bind_text (stmt, 2, itogi_qualifier_to_string (value->qualifier));
      bind_text (stmt, 3, note);
      itogi_stmt_bind_text (stmt, 4, value->as_of != NULL && *value->as_of != '\0' ? value->as_of : NULL);
      bind_text (stmt, 5, who (store));
      bind_text (stmt, 6, now);
      bind_seen (stmt, 7, indicator_id, year, period, period_index, seen);
    }
  else if (ok)
    bind_seen (stmt, 1, indicator_id, year, period, period_index, was ? seen : NULL);
  if (ok)
    {
      int rc = itogi_stmt_step (stmt, error);
      gboolean matched
          = !was && !will ? rc == ITOGI_STMT_ROW : rc == ITOGI_STMT_DONE && itogi_stmt_changes (stmt) == 1;

      ok = rc != ITOGI_STMT_FAILED;
      if (ok && !matched)
        {
          g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED,
                               _ ("Someone else changed this figure meanwhile. Nothing was saved."));
          ok = FALSE;
        }
    }
  return write_end (store, own, ok, error);
}

static gboolean
set_year_text (ItogiStore *store, const char *sql, gint64 owner_id, int year, const char *text,
               GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (stmt, 1, owner_id);
      itogi_stmt_bind_int (stmt, 2, year);
      bind_text (stmt, 3, note);
      bind_text (stmt, 4, who (store));
      bind_text (stmt, 5, now);
      ok = step_done (stmt, error);
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
  g_autoptr (ItogiStmt) stmt = NULL;
  g_autofree char *checked = itogi_text_validate (ITOGI_TEXT_NAME, name, error);
  gboolean own, ok;
  gint64 id = 0;

  if (checked == NULL)
    return 0;
  if (!write_begin (store, &own, error))
    return 0;
  stmt = prepare (store, "INSERT INTO institutions (area_id, name, position) VALUES (?, ?, ?) RETURNING id",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      itogi_stmt_bind_int (stmt, 1, area_id);
      bind_text (stmt, 2, checked);
      itogi_stmt_bind_int (stmt, 3, position);
      ok = run_returning_id (stmt, &id, error);
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
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (stmt, 1, area_id);
      itogi_stmt_bind_int (stmt, 2, year);
      bind_text (stmt, 3, checked);
      bind_text (stmt, 4, who (store));
      bind_text (stmt, 5, now);
      itogi_stmt_bind_int (stmt, 6, id);
      ok = step_done (stmt, error);
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
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (stmt, 2, done ? 1 : 0);
      bind_text (stmt, 3, who (store));
      bind_text (stmt, 4, now);
      itogi_stmt_bind_int (stmt, 5, task_id);
      ok = step_done (stmt, error);
      if (ok && itogi_stmt_changes (stmt) == 0)
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
  g_autoptr (ItogiStmt) find = NULL;
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
      itogi_stmt_bind_int (find, 1, id);
      rc = itogi_stmt_step (find, error);
      if (rc == ITOGI_STMT_ROW)
        other = itogi_stmt_int (find, 0);
      else if (rc != ITOGI_STMT_DONE)
        ok = FALSE;
    }
  if (ok && other != 0)
    {
      g_autoptr (ItogiStmt) renumber = prepare (store, renumber_sql, error);
      g_autoptr (ItogiStmt) get = NULL;
      g_autoptr (ItogiStmt) set = NULL;
      int mine = 0, theirs = 0;

      ok = renumber != NULL;
      if (ok)
        {
          itogi_stmt_bind_int (renumber, 1, id);
          ok = step_done (renumber, error);
        }
      /* Read both positions first: a subquery inside the UPDATE would see the half-done swap. */
      if (ok)
        ok = (get = prepare (store, get_sql, error)) != NULL;
      if (ok)
        {
          itogi_stmt_bind_int (get, 1, id);
          itogi_stmt_bind_int (get, 2, other);
          rc = itogi_stmt_step (get, error);
          ok = rc == ITOGI_STMT_ROW;
          mine = ok ? itogi_stmt_int (get, 0) : 0;
          theirs = ok ? itogi_stmt_int (get, 1) : 0;
        }
      if (ok)
        ok = (set = prepare (store, set_sql, error)) != NULL;
      if (ok)
        {
          itogi_stmt_bind_int (set, 1, theirs);
          itogi_stmt_bind_int (set, 2, id);
          ok = step_done (set, error);
          itogi_stmt_reset (set);
        }
      if (ok)
        {
          itogi_stmt_bind_int (set, 1, mine);
          itogi_stmt_bind_int (set, 2, other);
          ok = step_done (set, error);
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
  return move_row (store, "tasks", "o.area_id = t.area_id AND o.year = t.year", "TRUE", task_id, delta, moved,
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
  return move_row (store, "areas", "TRUE", "o.archived = 0", area_id, delta, moved, error);
}

static gboolean
run_for_id (ItogiStore *store, const char *sql, gint64 id, int value, const char *gone, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
  gboolean own, ok;

  if (!write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      itogi_stmt_bind_int (stmt, 1, id);
      itogi_stmt_bind_int (stmt, 2, value);
      ok = step_done (stmt, error);
      if (ok && gone != NULL && itogi_stmt_changes (stmt) == 0)
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
  g_autoptr (ItogiStmt) stmt
      = prepare (store, "SELECT count(*) FROM indicator_values WHERE indicator_id = ?", error);
  int rc;

  if (stmt == NULL)
    return -1;
  itogi_stmt_bind_int (stmt, 1, indicator_id);
  rc = itogi_stmt_step (stmt, error);
  if (rc != ITOGI_STMT_ROW)
    return -1;
  return itogi_stmt_int (stmt, 0);
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
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (stmt, 4, area->id);
      ok = step_done (stmt, error);
      if (ok && itogi_stmt_changes (stmt) == 0)
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
  g_autoptr (ItogiStmt) check = NULL;
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (check, 1, ind->id);
      rc = itogi_stmt_step (check, error);
      if (rc == ITOGI_STMT_DONE)
        {
          g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                               _ ("The indicator is no longer there."));
          ok = FALSE;
        }
      else if (rc != ITOGI_STMT_ROW)
        ok = FALSE;
      else if (itogi_stmt_int (check, 2) > 0
               && (g_strcmp0 (itogi_stmt_text (check, 0), itogi_kind_to_string (ind->kind)) != 0
                   || itogi_stmt_int (check, 1) != (int)itogi_kind_effective_scale (ind->kind, ind->scale)))
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
      itogi_stmt_bind_int (stmt, 7, (int)itogi_kind_effective_scale (ind->kind, ind->scale));
      bind_text (stmt, 8, itogi_aggregation_to_string (ind->aggregation));
      bind_text (stmt, 9, itogi_polarity_to_string (ind->polarity));
      bind_text (stmt, 10, texts.description);
      bind_optional_text (stmt, 11, texts.sentence);
      itogi_stmt_bind_int (stmt, 12, ind->id);
      ok = step_done (stmt, error);
    }
  return write_end (store, own, ok, error);
}

gboolean
itogi_store_delete_task (ItogiStore *store, gint64 task_id, GError **error)
{
  return run_for_id (store, "DELETE FROM tasks WHERE id = ?1 AND ?2 = ?2", task_id, 0,
                     _ ("The task is no longer there: it may have been removed in the meantime."), error);
}

/* ---- edit steps, history and undo ---- */

/* The tables whose changes the v2 triggers record, with their columns and keys. */
const ItogiTrackedTable itogi_tracked_tables[] = {
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
  { "area_status",
    { "area_id", "year", "status", "changed_by", "changed_at", NULL },
    { "area_id", "year", NULL } },
};
const guint itogi_n_tracked_tables = G_N_ELEMENTS (itogi_tracked_tables);

static const ItogiTrackedTable *
tracked_table (const char *name)
{
  for (guint i = 0; i < itogi_n_tracked_tables; i++)
    if (g_strcmp0 (itogi_tracked_tables[i].table, name) == 0)
      return &itogi_tracked_tables[i];
  return NULL;
}

gint64
itogi_store_begin_step (ItogiStore *store, const char *label, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();

  g_return_val_if_fail (store->step == 0, 0);
  if (!itogi_store_begin (store, error))
    return 0;
  stmt = prepare (store, "INSERT INTO steps (at, who, label) VALUES (?, ?, ?) RETURNING id", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, now);
  bind_text (stmt, 2, who (store));
  bind_text (stmt, 3, label);
  if (!run_returning_id (stmt, &store->step, error))
    goto fail;
  g_clear_pointer (&stmt, itogi_stmt_free);
  if (!store->engine->record_under (store, store->step, error))
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
  if (!store->engine->record_under (store, 0, error) || !query_int (store, sql, &changes, error))
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

/* The row of @t whose key the JSON row in @param has. */
static char *
key_condition (ItogiStore *store, const ItogiTrackedTable *t, const char *param)
{
  g_autoptr (GString) sql = g_string_new (NULL);

  for (guint k = 0; t->keys[k] != NULL; k++)
    {
      g_autofree char *value = store->engine->json_column (param, t->table, t->keys[k]);
      g_string_append_printf (sql, "%s%s IS NOT DISTINCT FROM %s", k > 0 ? " AND " : "", t->keys[k], value);
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The row of @t that is, column for column, the JSON row in @param: whichever engine wrote the
 * JSON (a database copied from the other keeps its history), the values are compared, not its
 * spelling. */
static char *
row_condition (ItogiStore *store, const ItogiTrackedTable *t, const char *param)
{
  g_autoptr (GString) sql = g_string_new (NULL);

  for (guint c = 0; t->columns[c] != NULL; c++)
    {
      g_autofree char *value = store->engine->json_column (param, t->table, t->columns[c]);
      g_string_append_printf (sql, "%s%s IS NOT DISTINCT FROM %s", c > 0 ? " AND " : "", t->columns[c],
                              value);
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Put one recorded change back. The row must still be as the change left it: a later edit made
 * elsewhere is never silently overwritten. */
static gboolean
revert_change (ItogiStore *store, const ItogiTrackedTable *t, const char *op, const char *old,
               const char *new, GError **error)
{
  gboolean deleted = g_strcmp0 (op, "delete") == 0;
  /* A deleted row must still be gone; any other, still as the change left it. */
  g_autofree char *condition = deleted ? key_condition (store, t, "?1") : row_condition (store, t, "?1");
  g_autofree char *select = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", t->table, condition);
  g_autoptr (ItogiStmt) stmt = prepare (store, select, error);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (ItogiStmt) apply = NULL;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, deleted ? old : new);
  if (itogi_stmt_step (stmt, error) != ITOGI_STMT_ROW)
    return FALSE;
  if (itogi_stmt_int (stmt, 0) != (deleted ? 0 : 1))
    {
      g_set_error_literal (
          error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CONFLICT,
          _ ("This change cannot be undone: the figures it touched were changed again since."));
      return FALSE;
    }

  if (g_strcmp0 (op, "insert") == 0)
    {
      g_autofree char *where = key_condition (store, t, "?1");
      g_string_printf (sql, "DELETE FROM %s WHERE %s", t->table, where);
    }
  else if (g_strcmp0 (op, "delete") == 0)
    {
      g_string_printf (sql, "INSERT INTO %s (", t->table);
      for (guint c = 0; t->columns[c] != NULL; c++)
        g_string_append_printf (sql, "%s%s", c > 0 ? ", " : "", t->columns[c]);
      g_string_append (sql, ") VALUES (");
      for (guint c = 0; t->columns[c] != NULL; c++)
        {
          g_autofree char *value = store->engine->json_column ("?1", t->table, t->columns[c]);
          g_string_append_printf (sql, "%s%s", c > 0 ? ", " : "", value);
        }
      g_string_append (sql, ")");
    }
  else
    {
      g_autofree char *where = key_condition (store, t, "?2");
      g_string_printf (sql, "UPDATE %s SET ", t->table);
      for (guint c = 0; t->columns[c] != NULL; c++)
        {
          g_autofree char *value = store->engine->json_column ("?1", t->table, t->columns[c]);
          g_string_append_printf (sql, "%s%s = %s", c > 0 ? ", " : "", t->columns[c], value);
        }
      g_string_append_printf (sql, " WHERE %s", where);
    }
  apply = prepare (store, sql->str, error);
  if (apply == NULL)
    return FALSE;
  bind_text (apply, 1, g_strcmp0 (op, "insert") == 0 ? new : old);
  if (g_strcmp0 (op, "update") == 0)
    bind_text (apply, 2, new);
  return step_done (apply, error);
}

gint64
itogi_store_undo_step (ItogiStore *store, gint64 step, GError **error)
{
  g_autoptr (ItogiStmt) info = NULL;
  g_autoptr (ItogiStmt) changes = NULL;
  g_autofree char *label = NULL, *undo_label = NULL;
  gint64 undo;
  int rc;

  info = prepare (store, "SELECT label FROM steps WHERE id = ?", error);
  if (info == NULL)
    return 0;
  itogi_stmt_bind_int (info, 1, step);
  if (itogi_stmt_step (info, error) != ITOGI_STMT_ROW)
    {
      g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND,
                           _ ("There is no such change to undo."));
      return 0;
    }
  label = column_dup (info, 0);
  g_clear_pointer (&info, itogi_stmt_free);

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
  itogi_stmt_bind_int (changes, 1, step);
  while ((rc = itogi_stmt_step (changes, error)) == ITOGI_STMT_ROW)
    {
      const ItogiTrackedTable *t = tracked_table (itogi_stmt_text (changes, 0));
      if (t == NULL
          || !revert_change (store, t, itogi_stmt_text (changes, 1), itogi_stmt_text (changes, 2),
                             itogi_stmt_text (changes, 3), error))
        goto fail;
    }
  if (rc != ITOGI_STMT_DONE)
    goto fail;
  g_clear_pointer (&changes, itogi_stmt_free);
  if (!itogi_store_commit_step (store, error))
    return 0;
  return undo;

fail:
  g_clear_pointer (&changes, itogi_stmt_free);
  itogi_store_rollback_step (store);
  return 0;
}

ItogiStep *
itogi_store_step_from_row (ItogiStmt *stmt)
{
  ItogiStep *step = g_new0 (ItogiStep, 1);

  step->id = itogi_stmt_int (stmt, 0);
  step->at = column_dup (stmt, 1);
  step->who = column_dup (stmt, 2);
  step->label = column_dup (stmt, 3);
  step->undoes = itogi_stmt_int (stmt, 4);
  step->changes = (guint)itogi_stmt_int (stmt, 5);
  return step;
}

static gpointer
step_row (ItogiStmt *stmt)
{
  return itogi_store_step_from_row (stmt);
}

GPtrArray *
itogi_store_list_steps (ItogiStore *store, guint limit, GError **error)
{
  g_autoptr (ItogiStmt) stmt = prepare (store,
                                        "SELECT s.id, s.at, s.who, s.label, coalesce (s.undoes, 0),"
                                        "       (SELECT count(*) FROM history h WHERE h.step = s.id)"
                                        "  FROM steps s ORDER BY s.id DESC LIMIT ?",
                                        error);

  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, limit > 0 ? (gint64)limit : G_MAXINT64);
  return collect_rows (store, stmt, step_row, (GDestroyNotify)itogi_step_free, error);
}

static gpointer
change_from_row (ItogiStmt *stmt)
{
  ItogiChange *change = g_new0 (ItogiChange, 1);

  change->step = itogi_stmt_int (stmt, 0);
  change->table = column_dup (stmt, 1);
  change->op = column_dup (stmt, 2);
  change->old_row = column_dup (stmt, 3);
  change->new_row = column_dup (stmt, 4);
  return change;
}

static void
json_value (ItogiStmt *stmt, int first, ItogiValue *out)
{
  if (itogi_stmt_int (stmt, first) == 0)
    return;
  out->present = TRUE;
  out->amount = itogi_stmt_int (stmt, first + 1);
  if (!itogi_qualifier_from_string (itogi_stmt_text (stmt, first + 2), &out->qualifier))
    out->qualifier = ITOGI_QUALIFIER_EXACT;
  out->note = column_dup (stmt, first + 3);
  if (out->note != NULL && *out->note == '\0')
    g_clear_pointer (&out->note, g_free);
}

static gpointer
value_change_from_row (ItogiStmt *stmt)
{
  ItogiValueChange *c = g_new0 (ItogiValueChange, 1);
  const char *period = itogi_stmt_text (stmt, 4);

  c->at = column_dup (stmt, 0);
  c->who = column_dup (stmt, 1);
  c->label = column_dup (stmt, 2);
  c->year = itogi_stmt_int (stmt, 3);
  c->period = g_strcmp0 (period, "month") == 0     ? ITOGI_PERIOD_MONTH
              : g_strcmp0 (period, "quarter") == 0 ? ITOGI_PERIOD_QUARTER
                                                   : ITOGI_PERIOD_YEAR;
  c->period_index = itogi_stmt_int (stmt, 5);
  json_value (stmt, 6, &c->before);
  json_value (stmt, 10, &c->after);
  return c;
}

GPtrArray *
itogi_store_list_value_changes (ItogiStore *store, gint64 indicator_id, guint limit, GError **error)
{
  static const char *const row_fields[] = { "year", "period", "period_index" };
  static const char *const value_fields[] = { "amount", "qualifier", "note" };
  g_autoptr (GString) sql = g_string_new ("SELECT s.at, s.who, s.label");
  g_autofree char *owner = store->engine->json_field ("coalesce (h.new, h.old)", "indicator_id", TRUE);
  g_autoptr (ItogiStmt) stmt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (row_fields); i++)
    {
      g_autofree char *field = store->engine->json_field ("coalesce (h.new, h.old)", row_fields[i], i != 1);
      g_string_append_printf (sql, ", %s", field);
    }
  for (int side = 0; side < 2; side++)
    {
      const char *row = side == 0 ? "h.old" : "h.new";
      g_string_append_printf (sql, ", CASE WHEN %s IS NULL THEN 0 ELSE 1 END", row);
      for (guint i = 0; i < G_N_ELEMENTS (value_fields); i++)
        {
          g_autofree char *field = store->engine->json_field (row, value_fields[i], i == 0);
          g_string_append_printf (sql, ", %s", field);
        }
    }
  g_string_append_printf (sql,
                          " FROM history h JOIN steps s ON s.id = h.step"
                          " WHERE h.tbl = 'indicator_values' AND %s = ?"
                          " ORDER BY h.id DESC LIMIT ?",
                          owner);
  stmt = prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, indicator_id);
  itogi_stmt_bind_int (stmt, 2, limit);
  return collect_rows (store, stmt, value_change_from_row, (GDestroyNotify)itogi_value_change_free, error);
}

GPtrArray *
itogi_store_list_changes (ItogiStore *store, gint64 step, GError **error)
{
  g_autoptr (ItogiStmt) stmt
      = prepare (store, "SELECT step, tbl, op, old, new FROM history WHERE step = ? ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, step);
  return collect_rows (store, stmt, change_from_row, (GDestroyNotify)itogi_change_free, error);
}

static ItogiSqlWatch sql_watch;
static gpointer sql_watch_data;

void
itogi_store_watch_sql (ItogiSqlWatch watch, gpointer data)
{
  sql_watch = watch;
  sql_watch_data = data;
}

void
itogi_store_sql_sent (const char *sql)
{
  ItogiSqlWatch watch = sql_watch;

  if (G_UNLIKELY (watch != NULL))
    watch (sql, sql_watch_data);
}

int
itogi_store_changes_fd (ItogiStore *store)
{
  return store->engine->changes_fd != NULL ? store->engine->changes_fd (store) : -1;
}

gboolean
itogi_store_is_connected (ItogiStore *store)
{
  return store->engine->is_connected == NULL || store->engine->is_connected (store);
}

gboolean
itogi_store_take_changes (ItogiStore *store)
{
  return store->engine->take_changes != NULL && store->engine->take_changes (store);
}

gint64
itogi_store_data_version (ItogiStore *store)
{
  /* Changes only when another connection commits: our own writes do not move it. */
  return store->engine->data_version (store);
}

char *
itogi_store_get_report_text (ItogiStore *store, gint64 area_id, int year, int compare_year, GError **error)
{
  g_autoptr (ItogiStmt) stmt = prepare (
      store, "SELECT text FROM report_texts WHERE area_id = ? AND year = ? AND compare_year = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, area_id);
  itogi_stmt_bind_int (stmt, 2, year);
  itogi_stmt_bind_int (stmt, 3, compare_year);
  rc = itogi_stmt_step (stmt, error);
  if (rc == ITOGI_STMT_ROW)
    return column_dup (stmt, 0);
  return NULL;
}

gboolean
itogi_store_set_report_text (ItogiStore *store, gint64 area_id, int year, int compare_year, const char *text,
                             GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
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
      itogi_stmt_bind_int (stmt, 1, area_id);
      itogi_stmt_bind_int (stmt, 2, year);
      itogi_stmt_bind_int (stmt, 3, compare_year);
      if (text != NULL)
        {
          bind_text (stmt, 4, clean);
          bind_text (stmt, 5, who (store));
          bind_text (stmt, 6, now);
        }
      ok = step_done (stmt, error);
    }
  return write_end (store, own, ok, error);
}

/* ---- rights per area (a server's) ---- */

static const char *const access_levels[] = { "read", "edit", "all", "manage" };

void
itogi_access_free (ItogiAccess *access)
{
  if (access == NULL)
    return;
  g_free (access->role);
  g_free (access->area_slug);
  g_free (access);
}

static gboolean
server_only (ItogiStore *store, GError **error)
{
  if (itogi_store_is_server (store))
    return TRUE;
  g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                       _ ("Rights per area are a shared server’s: a database file is open to whoever may "
                          "open its folder. Nothing was changed."));
  return FALSE;
}

/* The id of area @slug for a right that names one, 0 for one that does not. */
static gboolean
access_area (ItogiStore *store, const char *slug, ItogiAccessLevel level, gint64 *area_id, GError **error)
{
  g_autoptr (ItogiArea) area = NULL;

  *area_id = 0;
  if (level == ITOGI_ACCESS_ALL || level == ITOGI_ACCESS_MANAGE)
    return TRUE;
  g_return_val_if_fail (slug != NULL, FALSE);
  area = itogi_store_find_area (store, slug, error);
  if (area == NULL)
    return FALSE;
  *area_id = area->id;
  return TRUE;
}

gboolean
itogi_store_grant (ItogiStore *store, const char *role, const char *area_slug, ItogiAccessLevel level,
                   GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
  gint64 area_id = 0;
  gboolean own, ok;

  g_return_val_if_fail (level <= ITOGI_ACCESS_MANAGE, FALSE);
  if (!server_only (store, error) || !access_area (store, area_slug, level, &area_id, error)
      || !write_begin (store, &own, error))
    return FALSE;
  stmt = prepare (store, "SELECT itogi_grant (?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, role);
      if (area_id != 0)
        itogi_stmt_bind_int (stmt, 2, area_id);
      else
        itogi_stmt_bind_text (stmt, 2, NULL);
      bind_text (stmt, 3, access_levels[level]);
      ok = step_done (stmt, error);
    }
  return write_end (store, own, ok, error);
}

gint64
itogi_store_revoke (ItogiStore *store, const char *role, const char *area_slug, ItogiAccessLevel level,
                    GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;
  gint64 area_id = 0, gone = 0;
  gboolean own, ok;

  g_return_val_if_fail (level <= ITOGI_ACCESS_MANAGE, -1);
  if (!server_only (store, error) || !access_area (store, area_slug, level, &area_id, error)
      || !write_begin (store, &own, error))
    return -1;
  /* Both a read and an edit right of the area go: the area is taken back whole. */
  stmt = prepare (store, "SELECT itogi_revoke (?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, role);
      if (area_id != 0)
        itogi_stmt_bind_int (stmt, 2, area_id);
      else
        itogi_stmt_bind_text (stmt, 2, NULL);
      itogi_stmt_bind_text (stmt, 3, area_id != 0 ? NULL : access_levels[level]);
      ok = run_returning_id (stmt, &gone, error);
    }
  return write_end (store, own, ok, error) ? gone : -1;
}

static gpointer
access_from_row (ItogiStmt *stmt)
{
  ItogiAccess *access = g_new0 (ItogiAccess, 1);
  const char *level = itogi_stmt_text (stmt, 2);

  access->role = column_dup (stmt, 0);
  access->area_slug = column_dup (stmt, 1);
  for (guint i = 0; i < G_N_ELEMENTS (access_levels); i++)
    if (g_strcmp0 (level, access_levels[i]) == 0)
      access->level = (ItogiAccessLevel)i;
  return access;
}

GPtrArray *
itogi_store_list_access (ItogiStore *store, GError **error)
{
  g_autoptr (ItogiStmt) stmt = NULL;

  if (!server_only (store, error))
    return NULL;
  stmt = prepare (store,
                  "SELECT x.role, a.slug, x.level FROM access x LEFT JOIN areas a ON a.id = x.area_id"
                  " ORDER BY x.role, a.position NULLS FIRST, x.level",
                  error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (store, stmt, access_from_row, (GDestroyNotify)itogi_access_free, error);
}

ItogiAreaRight
itogi_store_area_right (ItogiStore *store, gint64 area_id)
{
  g_autoptr (ItogiStmt) stmt = NULL;

  if (!itogi_store_is_server (store))
    return ITOGI_AREA_EDIT;
  /* The owner (and a superuser) is bound by no policy: everything is theirs. */
  stmt = prepare (store, "SELECT " ITOGI_STORE_OWNER_SQL ", itogi_may_edit (?1), itogi_may_read (?1)", NULL);
  if (stmt == NULL)
    return ITOGI_AREA_READ;
  itogi_stmt_bind_int (stmt, 1, area_id);
  if (itogi_stmt_step (stmt, NULL) != ITOGI_STMT_ROW)
    return ITOGI_AREA_READ;
  if (itogi_stmt_int (stmt, 0) != 0 || itogi_stmt_int (stmt, 1) != 0)
    return ITOGI_AREA_EDIT;
  return itogi_stmt_int (stmt, 2) != 0 ? ITOGI_AREA_READ : ITOGI_AREA_HIDDEN;
}

char *
itogi_store_rights_keepers (ItogiStore *store)
{
  g_autoptr (ItogiStmt) stmt = NULL;

  if (!itogi_store_is_server (store))
    return NULL;
  stmt = prepare (
      store,
      "SELECT coalesce ((SELECT string_agg (DISTINCT role, ', ') FROM access WHERE level = 'manage'),"
      "                 (SELECT pg_get_userbyid (relowner) FROM pg_catalog.pg_class"
      "                   WHERE oid = 'areas'::regclass))",
      NULL);
  if (stmt == NULL || itogi_stmt_step (stmt, NULL) != ITOGI_STMT_ROW)
    return NULL;
  return column_dup (stmt, 0);
}
