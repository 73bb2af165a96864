/* itogi-store-history.c: the history as people read it — who changed what, from what to what
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each recorded change is a row of a table as it was and as it became (JSON, see the schemas).
 * Here the changes are read back with what they are about: the area they belong to (through the
 * indicator or institution a row names), the indicator's title, the year and period, and a
 * figure's value or a text before and after, so that the History window can say «Проведено
 * проверок, 2023 г.: 23 → 31» and be narrowed to one area or one person.
 */
#include "config.h"

#include "itogi-store-private.h"
#include "itogi-store.h"

void
itogi_history_change_free (ItogiHistoryChange *change)
{
  if (change == NULL)
    return;
  g_free (change->table);
  g_free (change->op);
  g_free (change->area_title);
  g_free (change->title);
  itogi_value_clear (&change->before);
  itogi_value_clear (&change->after);
  g_free (change->old_text);
  g_free (change->new_text);
  g_free (change);
}

/* The SQL of a recorded change's fields, as the engine spells a JSON field: @key of the row after
 * the change, else of the row before. Put in the query's text: keys and expressions are ours. */
static char *
either (ItogiStore *store, const char *key, gboolean as_int)
{
  g_autofree char *after = store->engine->json_field ("h.new", key, as_int);
  g_autofree char *before = store->engine->json_field ("h.old", key, as_int);

  return g_strdup_printf ("coalesce (%s, %s)", after, before);
}

/* The joins of «history h» with the indicator and institution a change's row names, and in *@area
 * the area it is about (0 for none: the office's name, say). */
static char *
joined_history (ItogiStore *store, char **area)
{
  g_autofree char *indicator = either (store, "indicator_id", TRUE);
  g_autofree char *institution = either (store, "institution_id", TRUE);
  g_autofree char *own_area = either (store, "area_id", TRUE);
  g_autofree char *id = either (store, "id", TRUE);

  *area = g_strdup_printf ("coalesce (i.area_id, inst.area_id, CASE WHEN h.tbl = 'areas' THEN %s END, %s, 0)",
                           id, own_area);
  return g_strdup_printf (" LEFT JOIN indicators i ON h.tbl = 'indicator_values' AND i.id = %s"
                          " LEFT JOIN institutions inst ON h.tbl = 'institution_notes' AND inst.id = %s",
                          indicator, institution);
}

GPtrArray *
itogi_store_list_steps_of (ItogiStore *store, gint64 area_id, const char *who, guint limit, GError **error)
{
  g_autofree char *area = NULL;
  g_autofree char *from = joined_history (store, &area);
  g_autofree char *sql = NULL;
  g_autoptr (ItogiStmt) stmt = NULL;
  g_autoptr (GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_step_free);
  int rc;

  /* Every area: counted as they are, without reading a row's JSON. */
  if (area_id == 0)
    sql = g_strdup ("SELECT s.id, s.at, s.who, s.label, coalesce (s.undoes, 0),"
                    "       (SELECT count(*) FROM history h WHERE h.step = s.id)"
                    "  FROM steps s WHERE CAST (?1 AS TEXT) IS NULL OR s.who = ?1"
                    " ORDER BY s.id DESC LIMIT ?3");
  else
    sql = g_strdup_printf ("SELECT s.id, s.at, s.who, s.label, coalesce (s.undoes, 0), count(*)"
                           "  FROM steps s JOIN history h ON h.step = s.id %s"
                           " WHERE (CAST (?1 AS TEXT) IS NULL OR s.who = ?1) AND %s = ?2"
                           " GROUP BY s.id, s.at, s.who, s.label, s.undoes"
                           " ORDER BY s.id DESC LIMIT ?3",
                           from, area);
  stmt = itogi_stmt_new (store, sql, error);
  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_text (stmt, 1, who);
  itogi_stmt_bind_int (stmt, 2, area_id);
  itogi_stmt_bind_int (stmt, 3, limit > 0 ? (gint64)limit : G_MAXINT64);
  while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
    g_ptr_array_add (steps, itogi_store_step_from_row (stmt));
  return rc == ITOGI_STMT_DONE ? g_steal_pointer (&steps) : NULL;
}

GPtrArray *
itogi_store_list_history_people (ItogiStore *store, GError **error)
{
  g_autoptr (ItogiStmt) stmt = itogi_stmt_new (store, "SELECT DISTINCT who FROM steps ORDER BY who", error);
  g_autoptr (GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
    g_ptr_array_add (people, itogi_stmt_dup (stmt, 0));
  return rc == ITOGI_STMT_DONE ? g_steal_pointer (&people) : NULL;
}

static void
read_value (ItogiStmt *stmt, int column, ItogiValue *out)
{
  if (itogi_stmt_is_null (stmt, column))
    return;
  out->present = TRUE;
  out->amount = itogi_stmt_int (stmt, column);
  if (!itogi_qualifier_from_string (itogi_stmt_text (stmt, column + 1), &out->qualifier))
    out->qualifier = ITOGI_QUALIFIER_EXACT;
}

static ItogiPeriodType
period_from (const char *name)
{
  return g_strcmp0 (name, "month") == 0     ? ITOGI_PERIOD_MONTH
         : g_strcmp0 (name, "quarter") == 0 ? ITOGI_PERIOD_QUARTER
                                            : ITOGI_PERIOD_YEAR;
}

GPtrArray *
itogi_store_list_step_details (ItogiStore *store, gint64 step, gint64 area_id, guint limit, GError **error)
{
  g_autofree char *area = NULL;
  g_autofree char *from = joined_history (store, &area);
  g_autofree char *year = either (store, "year", TRUE);
  g_autofree char *period = either (store, "period", FALSE);
  g_autofree char *index = either (store, "period_index", TRUE);
  g_autofree char *old_amount = store->engine->json_field ("h.old", "amount", TRUE);
  g_autofree char *old_qualifier = store->engine->json_field ("h.old", "qualifier", FALSE);
  g_autofree char *new_amount = store->engine->json_field ("h.new", "amount", TRUE);
  g_autofree char *new_qualifier = store->engine->json_field ("h.new", "qualifier", FALSE);
  g_autofree char *old_text = store->engine->json_field ("h.old", "text", FALSE);
  g_autofree char *new_text = store->engine->json_field ("h.new", "text", FALSE);
  g_autofree char *old_status = store->engine->json_field ("h.old", "status", FALSE);
  g_autofree char *new_status = store->engine->json_field ("h.new", "status", FALSE);
  g_autofree char *title = either (store, "title", FALSE);
  g_autofree char *sql = g_strdup_printf (
      "SELECT h.tbl, h.op, %1$s, a.short_title, coalesce (i.title, inst.name, %2$s), i.kind, i.scale,"
      "       %3$s, %4$s, %5$s, %6$s, %7$s, %8$s, %9$s,"
      "       coalesce (%10$s, %11$s), coalesce (%12$s, %13$s)"
      "  FROM history h %14$s LEFT JOIN areas a ON a.id = %1$s"
      " WHERE h.step = ?1 AND (?2 = 0 OR %1$s = ?2) ORDER BY h.id LIMIT ?3",
      area, title, year, period, index, old_amount, old_qualifier, new_amount, new_qualifier, old_text,
      old_status, new_text, new_status, from);
  g_autoptr (ItogiStmt) stmt = itogi_stmt_new (store, sql, error);
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_history_change_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  itogi_stmt_bind_int (stmt, 1, step);
  itogi_stmt_bind_int (stmt, 2, area_id);
  itogi_stmt_bind_int (stmt, 3, limit > 0 ? (gint64)limit : G_MAXINT64);
  while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
    {
      ItogiHistoryChange *c = g_new0 (ItogiHistoryChange, 1);

      c->table = itogi_stmt_dup (stmt, 0);
      c->op = itogi_stmt_dup (stmt, 1);
      c->area_id = itogi_stmt_int (stmt, 2);
      c->area_title = itogi_stmt_dup (stmt, 3);
      c->title = itogi_stmt_dup (stmt, 4);
      if (!itogi_stmt_is_null (stmt, 5) && !itogi_kind_from_string (itogi_stmt_text (stmt, 5), &c->kind))
        c->kind = ITOGI_KIND_COUNT;
      c->scale = (guint)itogi_stmt_int (stmt, 6);
      c->year = (int)itogi_stmt_int (stmt, 7);
      c->period = period_from (itogi_stmt_text (stmt, 8));
      c->period_index = (int)itogi_stmt_int (stmt, 9);
      if (g_strcmp0 (c->table, "indicator_values") == 0)
        {
          read_value (stmt, 10, &c->before);
          read_value (stmt, 12, &c->after);
        }
      c->old_text = itogi_stmt_dup (stmt, 14);
      c->new_text = itogi_stmt_dup (stmt, 15);
      g_ptr_array_add (changes, c);
    }
  return rc == ITOGI_STMT_DONE ? g_steal_pointer (&changes) : NULL;
}
