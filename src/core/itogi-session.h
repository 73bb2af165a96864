/* itogi-session.h: the edits of one user's session, above the store: each user action one step,
 * and the undo and redo of those steps
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of an undoable edit are written here once, for the window and the command line
 * alike: an action runs inside one step of the store (all of it or nothing); a step that changed
 * nothing is not remembered; a new edit forgets what could be redone; an undo is itself a step,
 * which redo undoes; an undo the store refuses (a later change touched the same rows) changes
 * nothing and stays to be tried again. No GTK.
 */
#pragma once

#include "itogi-store.h"

G_BEGIN_DECLS

typedef struct _ItogiSession ItogiSession;

/* The work of one user action, against @store, inside the step the session began for it. */
typedef gboolean (*ItogiSessionEdit) (ItogiStore *store, gpointer data, GError **error);

/* A session editing @store (not owned: it must outlive the session). Reference-counted: each
 * page that edits through the window's session holds it, whatever order they go in. */
ItogiSession *itogi_session_new (ItogiStore *store);
ItogiSession *itogi_session_ref (ItogiSession *session);
void itogi_session_unref (ItogiSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiSession, itogi_session_unref)

ItogiStore *itogi_session_get_store (ItogiSession *session);

/* @edit run as one step named @label («Изменено значение»): committed whole and remembered for
 * undo, or rolled back whole. Returns the step (0 when it failed, with @error); *@changed (if
 * given) says whether it changed anything, and so can be undone. */
gint64 itogi_session_edit (ItogiSession *session, const char *label, ItogiSessionEdit edit, gpointer data,
                           gboolean *changed, GError **error);
/* A step committed by other code on this session's store (an import in a worker thread) handed
 * over to be undone like the session's own: remembered when it changed anything, which also
 * forgets what could be redone. A step remembered already is not remembered twice. Returns
 * whether it is remembered. */
gboolean itogi_session_record (ItogiSession *session, gint64 step);

/* The same in three calls, for an edit written in place: a step begun (0 with @error), then
 * committed and remembered (FALSE with @error: nothing was kept) or rolled back whole. */
gint64 itogi_session_begin (ItogiSession *session, const char *label, GError **error);
gboolean itogi_session_commit (ItogiSession *session, gint64 step, GError **error);
void itogi_session_rollback (ItogiSession *session);

gboolean itogi_session_can_undo (ItogiSession *session);
gboolean itogi_session_can_redo (ItogiSession *session);
/* Undo the latest step (redo: the latest undo) as a new step, returned; 0 with @error when the
 * store refused it, which then stays where it was; 0 and no error when there is nothing to do. */
gint64 itogi_session_undo (ItogiSession *session, GError **error);
gint64 itogi_session_redo (ItogiSession *session, GError **error);
/* Forget every step (the database under the session was replaced). */
void itogi_session_forget (ItogiSession *session);

/* The year's sign-off of @area moved from @from (as read just before) to @to, as one step named
 * for the move («Submitted for approval», «Approval withdrawn»…). The window and itogi-cli both
 * move it here. Returns the step, 0 with @error. */
gint64 itogi_session_set_area_status (ItogiSession *session, gint64 area, int year, ItogiAreaStatus from,
                                      ItogiAreaStatus to, GError **error);

G_END_DECLS
