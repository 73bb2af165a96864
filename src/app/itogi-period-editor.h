/* itogi-period-editor.h: one indicator's year, month by month and quarter by quarter, with its note
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-session.h"
#include "itogi-store.h"

G_BEGIN_DECLS

/* Called after a save with the step that made it (for Undo). */
typedef void (*ItogiPeriodEditorSaved) (gint64 step, gpointer data);

/* A modal window editing @indicator's @year: twelve months, four quarters, the year typed whole
 * (flagged when its months disagree), and the year's note and «as of» date. NULL with @error
 * when the figures cannot be read. */
GtkWidget *itogi_period_editor_new (GtkWindow *parent, ItogiSession *session, const ItogiIndicator *indicator,
                                    int year, ItogiPeriodEditorSaved saved, gpointer data,
                                    GDestroyNotify destroy, GError **error);

/* For tests: the field of a month (1–12), a quarter (1–4) or the year (index 0), and the note and
 * «as of» fields; the live total and warning labels; Save as the user presses it. */
GtkWidget *itogi_period_editor_get_field (GtkWidget *editor, ItogiPeriodType period, guint index);
GtkWidget *itogi_period_editor_get_note (GtkWidget *editor);
GtkWidget *itogi_period_editor_get_as_of (GtkWidget *editor);
const char *itogi_period_editor_get_total (GtkWidget *editor);
const char *itogi_period_editor_get_warning (GtkWidget *editor);
gboolean itogi_period_editor_save (GtkWidget *editor);
/* Choose the year's qualifier from the list, as the user would. */
void itogi_period_editor_choose_qualifier (GtkWidget *editor, ItogiQualifier qualifier);

G_END_DECLS
