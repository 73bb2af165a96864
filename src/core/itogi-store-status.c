/* itogi-store-status.c: the year's sign-off, area by area, and how complete each area's year is
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An area's year is a draft until whoever edits the area submits it; the head of administration
 * approves it, and may unlock it again. The lock itself is the database's (the schemas' 005.sql):
 * whatever program writes, an approved year's figures, notes and tasks are refused. Here are the
 * moves a person may make, said plainly when refused, and the picture of the year.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "itogi-format.h"
#include "itogi-store-private.h"
#include "itogi-store.h"

static const char *const status_names[] = { "draft", "submitted", "approved" };

const char *
itogi_area_status_to_string (ItogiAreaStatus status)
{
  g_return_val_if_fail (status <= ITOGI_AREA_APPROVED, "draft");
  return status_names[status];
}

gboolean
itogi_area_status_from_string (const char *text, ItogiAreaStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (ItogiAreaStatus)i;
        return TRUE;
      }
  return FALSE;
}

const char *
itogi_area_status_label (ItogiAreaStatus status)
{
  switch (status)
    {
    case ITOGI_AREA_SUBMITTED:
      /* Translators: an area's year, sent to the head of administration for approval */
      return C_ ("status", "Submitted");
    case ITOGI_AREA_APPROVED:
      return C_ ("status", "Approved");
    case ITOGI_AREA_DRAFT:
    default:
      return C_ ("status", "Draft");
    }
}

const char *
itogi_store_approved_message (void)
{
  return _ ("The figures of this area for that year are approved, and locked: only the head of "
            "administration can unlock them. Nothing was saved.");
}

void
itogi_area_progress_free (ItogiAreaProgress *progress)
{
  if (progress == NULL)
    return;
  itogi_area_free (progress->area);
  g_free (progress->changed_by);
  g_free (progress->changed_at);
  g_clear_pointer (&progress->missing, g_ptr_array_unref);
  g_free (progress);
}

/* The row of @area_id's @year, if any: FALSE with @error only on failure. */
static gboolean
read_status (ItogiStore *store, gint64 area_id, int year, ItogiAreaStatus *status, char **by, char **at,
             GError **error)
{
  g_autoptr (ItogiStmt) stmt = itogi_stmt_new (
      store, "SELECT status, changed_by, changed_at FROM area_status WHERE area_id = ? AND year = ?", error);
  int rc;

  *status = ITOGI_AREA_DRAFT;
  if (by != NULL)
    *by = NULL;
  if (at != NULL)
    *at = NULL;
  if (stmt == NULL)
    return FALSE;
  itogi_stmt_bind_int (stmt, 1, area_id);
  itogi_stmt_bind_int (stmt, 2, year);
  rc = itogi_stmt_step (stmt, error);
  if (rc == ITOGI_STMT_FAILED)
    return FALSE;
  if (rc == ITOGI_STMT_ROW)
    {
      itogi_area_status_from_string (itogi_stmt_text (stmt, 0), status);
      if (by != NULL)
        *by = itogi_stmt_dup (stmt, 1);
      if (at != NULL)
        *at = itogi_stmt_dup (stmt, 2);
    }
  return TRUE;
}

gboolean
itogi_store_get_area_status (ItogiStore *store, gint64 area_id, int year, ItogiAreaStatus *status,
                             char **changed_by, char **changed_at, GError **error)
{
  return read_status (store, area_id, year, status, changed_by, changed_at, error);
}

gboolean
itogi_store_may_manage (ItogiStore *store)
{
  gint64 may = 0;

  if (!itogi_store_is_server (store))
    return TRUE;
  return itogi_store_query_int (store, "SELECT " ITOGI_STORE_OWNER_SQL " OR itogi_may_manage ()", &may, NULL)
         && may != 0;
}

gboolean
itogi_store_may_approve (ItogiStore *store)
{
  gint64 head = 0;

  if (!itogi_store_is_server (store))
    return TRUE;
  return itogi_store_query_int (store, "SELECT itogi_is_head ()", &head, NULL) && head != 0;
}

/* Why @from cannot become @to, or NULL when it may. */
static char *
refused_move (ItogiAreaStatus from, ItogiAreaStatus to, int year)
{
  g_autofree char *year_text = itogi_format_year (year);

  if (from == to)
    return NULL;
  if (to == ITOGI_AREA_APPROVED && from != ITOGI_AREA_SUBMITTED)
    /* Translators: %s is a year, «2024 г.» */
    return g_strdup_printf (_ ("The area’s figures for %s have not been submitted: only submitted figures "
                               "can be approved. Nothing was changed."),
                            year_text);
  if (to == ITOGI_AREA_SUBMITTED && from == ITOGI_AREA_APPROVED)
    return g_strdup_printf (_ ("The area’s figures for %s are approved already. Nothing was changed."),
                            year_text);
  return NULL;
}

gboolean
itogi_store_set_area_status (ItogiStore *store, gint64 area_id, int year, ItogiAreaStatus status,
                             GError **error)
{
  g_autoptr (GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format (now_time, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *refused = NULL;
  g_autoptr (ItogiStmt) stmt = NULL;
  ItogiAreaStatus current;
  gboolean own = !store->in_transaction, ok;

  g_return_val_if_fail (status <= ITOGI_AREA_APPROVED, FALSE);
  if (own && !itogi_store_begin (store, error))
    return FALSE;
  ok = read_status (store, area_id, year, &current, NULL, NULL, error);
  if (ok && (refused = refused_move (current, status, year)) != NULL)
    {
      g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID, refused);
      ok = FALSE;
    }
  /* Said before the server would refuse it, in a person's words. */
  if (ok && current != status && (status == ITOGI_AREA_APPROVED || current == ITOGI_AREA_APPROVED)
      && !itogi_store_may_approve (store))
    {
      g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                           _ ("Only the head of administration approves an area’s year, or unlocks it. "
                              "Nothing was changed."));
      ok = FALSE;
    }
  if (ok && current != status)
    {
      stmt = itogi_stmt_new (store,
                             "INSERT INTO area_status (area_id, year, status, changed_by, changed_at)"
                             " VALUES (?, ?, ?, ?, ?)"
                             " ON CONFLICT (area_id, year) DO UPDATE SET status = excluded.status,"
                             "  changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                             error);
      ok = stmt != NULL;
      if (ok)
        {
          itogi_stmt_bind_int (stmt, 1, area_id);
          itogi_stmt_bind_int (stmt, 2, year);
          itogi_stmt_bind_text (stmt, 3, status_names[status]);
          itogi_stmt_bind_text (stmt, 4, itogi_store_who (store));
          itogi_stmt_bind_text (stmt, 5, now);
          ok = itogi_stmt_run (stmt, error);
        }
    }
  if (!own)
    return ok;
  if (!ok)
    {
      itogi_store_rollback (store);
      return FALSE;
    }
  return itogi_store_commit (store, error);
}

static ItogiAreaProgress *
find_progress (GPtrArray *list, gint64 area_id)
{
  for (guint i = 0; i < list->len; i++)
    {
      ItogiAreaProgress *p = list->pdata[i];
      if (p->area->id == area_id)
        return p;
    }
  return NULL;
}

static GPtrArray *
read_progress (ItogiStore *store, int year, gboolean figures, GError **error)
{
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_area_progress_free);
  g_autoptr (ItogiStmt) stmt = NULL;
  gboolean own = !store->in_transaction;
  gboolean ok = TRUE;
  int rc;

  /* One snapshot: the statuses and the figures as they were at one moment. */
  if (own && !itogi_store_begin_reading (store, error))
    return NULL;
  areas = itogi_store_list_areas (store, FALSE, error);
  if (areas == NULL)
    ok = FALSE;
  for (guint i = 0; ok && i < areas->len; i++)
    {
      ItogiAreaProgress *p = g_new0 (ItogiAreaProgress, 1);

      p->area = itogi_area_copy (areas->pdata[i]);
      if (figures)
        p->missing = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_indicator_free);
      g_ptr_array_add (list, p);
    }
  if (ok)
    stmt = itogi_stmt_new (
        store, "SELECT area_id, status, changed_by, changed_at FROM area_status WHERE year = ?", error);
  ok = ok && stmt != NULL;
  if (ok)
    {
      itogi_stmt_bind_int (stmt, 1, year);
      while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
        {
          ItogiAreaProgress *p = find_progress (list, itogi_stmt_int (stmt, 0));
          if (p == NULL)
            continue;
          itogi_area_status_from_string (itogi_stmt_text (stmt, 1), &p->status);
          p->changed_by = itogi_stmt_dup (stmt, 2);
          p->changed_at = itogi_stmt_dup (stmt, 3);
        }
      ok = rc == ITOGI_STMT_DONE;
    }
  g_clear_pointer (&stmt, itogi_stmt_free);
  /* Each indicator in use, and whether the year has a figure of it (its own, or months' or
   * quarters' to make it). */
  if (ok && figures)
    stmt = itogi_stmt_new (
        store,
        "SELECT i.id, i.area_id, i.title, EXISTS (SELECT 1 FROM indicator_values v"
        "                                          WHERE v.indicator_id = i.id AND v.year = ?)"
        "  FROM indicators i WHERE i.archived = 0 ORDER BY i.area_id, i.position, i.id",
        error);
  ok = ok && (!figures || stmt != NULL);
  if (ok && figures)
    {
      itogi_stmt_bind_int (stmt, 1, year);
      while ((rc = itogi_stmt_step (stmt, error)) == ITOGI_STMT_ROW)
        {
          ItogiAreaProgress *p = find_progress (list, itogi_stmt_int (stmt, 1));
          if (p == NULL)
            continue;
          p->indicators++;
          if (itogi_stmt_int (stmt, 3) == 0)
            {
              ItogiIndicator *missing = itogi_indicator_new ();
              missing->id = itogi_stmt_int (stmt, 0);
              missing->area_id = p->area->id;
              missing->title = itogi_stmt_dup (stmt, 2);
              g_ptr_array_add (p->missing, missing);
            }
        }
      ok = rc == ITOGI_STMT_DONE;
    }
  g_clear_pointer (&stmt, itogi_stmt_free);
  if (own)
    itogi_store_rollback (store);
  return ok ? g_steal_pointer (&list) : NULL;
}

GPtrArray *
itogi_store_year_progress (ItogiStore *store, int year, GError **error)
{
  return read_progress (store, year, TRUE, error);
}

GPtrArray *
itogi_store_year_statuses (ItogiStore *store, int year, GError **error)
{
  return read_progress (store, year, FALSE, error);
}
