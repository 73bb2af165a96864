/* itogi-session.c: the edits of one user's session, above the store
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "itogi-session.h"

/* How often a step that lost to another desktop's is tried in all. */
#define ITOGI_SESSION_ATTEMPTS 5

struct _ItogiSession
{
  ItogiStore *store;
  GArray *undo; /* gint64 steps done in this session, newest last */
  GArray *redo; /* the undo steps that can be undone again, newest last */
};

static void
session_clear (gpointer data)
{
  ItogiSession *session = data;

  g_array_unref (session->undo);
  g_array_unref (session->redo);
}

ItogiSession *
itogi_session_new (ItogiStore *store)
{
  ItogiSession *session;

  g_return_val_if_fail (store != NULL, NULL);
  session = g_atomic_rc_box_new0 (ItogiSession);
  session->store = store;
  session->undo = g_array_new (FALSE, FALSE, sizeof (gint64));
  session->redo = g_array_new (FALSE, FALSE, sizeof (gint64));
  return session;
}

ItogiSession *
itogi_session_ref (ItogiSession *session)
{
  return g_atomic_rc_box_acquire (session);
}

void
itogi_session_unref (ItogiSession *session)
{
  if (session != NULL)
    g_atomic_rc_box_release_full (session, session_clear);
}

ItogiStore *
itogi_session_get_store (ItogiSession *session)
{
  return session->store;
}

gboolean
itogi_session_record (ItogiSession *session, gint64 step)
{
  g_return_val_if_fail (session != NULL, FALSE);

  /* A save that changed nothing leaves no step: nothing to undo, nothing to forget to redo. */
  if (step <= 0 || !itogi_store_has_step (session->store, step))
    return FALSE;
  for (guint i = 0; i < session->undo->len; i++)
    if (g_array_index (session->undo, gint64, i) == step)
      return TRUE;
  g_array_append_val (session->undo, step);
  g_array_set_size (session->redo, 0);
  return TRUE;
}

gint64
itogi_session_begin (ItogiSession *session, const char *label, GError **error)
{
  g_return_val_if_fail (session != NULL, 0);
  return itogi_store_begin_step (session->store, label, error);
}

gboolean
itogi_session_commit (ItogiSession *session, gint64 step, GError **error)
{
  g_return_val_if_fail (session != NULL, FALSE);
  if (!itogi_store_commit_step (session->store, error))
    return FALSE;
  itogi_session_record (session, step);
  return TRUE;
}

void
itogi_session_rollback (ItogiSession *session)
{
  itogi_store_rollback_step (session->store);
}

gint64
itogi_session_edit (ItogiSession *session, const char *label, ItogiSessionEdit edit, gpointer data,
                    gboolean *changed, GError **error)
{
  g_return_val_if_fail (session != NULL && edit != NULL, 0);

  if (changed != NULL)
    *changed = FALSE;
  /* A step that lost to another desktop's at the same moment (a deadlock, a serialization
   * failure on a server) is run again from the start: that is the server's way, never the
   * user's business. Any other failure is said at once. */
  for (int attempt = 1;; attempt++)
    {
      g_autoptr (GError) local = NULL;
      gint64 step = itogi_session_begin (session, label, &local);

      if (step != 0 && !edit (session->store, data, &local))
        itogi_session_rollback (session);
      else if (step != 0 && itogi_session_commit (session, step, &local))
        {
          if (changed != NULL)
            *changed = itogi_store_has_step (session->store, step);
          return step;
        }
      if (attempt >= ITOGI_SESSION_ATTEMPTS || !itogi_store_may_retry (session->store))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return 0;
        }
    }
}

gboolean
itogi_session_can_undo (ItogiSession *session)
{
  return session->undo->len > 0;
}

gboolean
itogi_session_can_redo (ItogiSession *session)
{
  return session->redo->len > 0;
}

/* The newest step of @from undone; the undo goes onto @to. */
static gint64
undo_latest (ItogiSession *session, GArray *from, GArray *to, GError **error)
{
  gint64 step, done;

  if (from->len == 0)
    return 0;
  step = g_array_index (from, gint64, from->len - 1);
  done = itogi_store_undo_step (session->store, step, error);
  /* A refused undo changed nothing; it stays where it was for the user to see why. */
  if (done == 0)
    return 0;
  g_array_set_size (from, from->len - 1);
  g_array_append_val (to, done);
  return done;
}

gint64
itogi_session_undo (ItogiSession *session, GError **error)
{
  g_return_val_if_fail (session != NULL, 0);
  return undo_latest (session, session->undo, session->redo, error);
}

gint64
itogi_session_redo (ItogiSession *session, GError **error)
{
  g_return_val_if_fail (session != NULL, 0);
  return undo_latest (session, session->redo, session->undo, error);
}

void
itogi_session_forget (ItogiSession *session)
{
  g_array_set_size (session->undo, 0);
  g_array_set_size (session->redo, 0);
}

typedef struct
{
  gint64 area;
  int year;
  ItogiAreaStatus status;
} StatusMove;

static gboolean
move_status (ItogiStore *store, gpointer data, GError **error)
{
  StatusMove *m = data;
  return itogi_store_set_area_status (store, m->area, m->year, m->status, error);
}

gint64
itogi_session_set_area_status (ItogiSession *session, gint64 area, int year, ItogiAreaStatus from,
                               ItogiAreaStatus to, GError **error)
{
  StatusMove move = { area, year, to };
  /* Translators: history entries */
  const char *label = to == ITOGI_AREA_SUBMITTED    ? _ ("Submitted for approval")
                      : to == ITOGI_AREA_APPROVED   ? _ ("Approved")
                      : from == ITOGI_AREA_APPROVED ? _ ("Approval withdrawn")
                                                    : _ ("Returned to draft");

  return itogi_session_edit (session, label, move_status, &move, NULL, error);
}
