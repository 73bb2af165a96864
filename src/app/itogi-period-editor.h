/* itogi-period-editor.h: one indicator's year, month by month and quarter by quarter, with its note
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "itogi-dialog.h"
#include "itogi-session.h"
#include "itogi-store.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_PERIOD_EDITOR (itogi_period_editor_get_type ())
G_DECLARE_FINAL_TYPE (ItogiPeriodEditor, itogi_period_editor, ITOGI, PERIOD_EDITOR, ItogiDialog)

/* Called after a save with the step that made it (for Undo). */
typedef void (*ItogiPeriodEditorSaved) (gint64 step, gpointer data);

/* A modal window editing @indicator's @year: twelve months, four quarters, the year typed whole
 * (flagged when its months disagree), and the year's note and «as of» date. NULL with @error
 * when the figures cannot be read. Saved, it calls @saved, emits "saved" and closes. */
ItogiPeriodEditor *itogi_period_editor_new (GtkWindow *parent, ItogiSession *session,
                                            const ItogiIndicator *indicator, int year,
                                            ItogiPeriodEditorSaved saved, gpointer data,
                                            GDestroyNotify destroy, GError **error);

/* The field of a month (1–12), a quarter (1–4) or the year (index 0), and the note and «as of»
 * fields; the live total and warning labels. */
GtkWidget *itogi_period_editor_get_field (ItogiPeriodEditor *self, ItogiPeriodType period, guint index);
GtkWidget *itogi_period_editor_get_note (ItogiPeriodEditor *self);
GtkWidget *itogi_period_editor_get_as_of (ItogiPeriodEditor *self);
const char *itogi_period_editor_get_total (ItogiPeriodEditor *self);
const char *itogi_period_editor_get_warning (ItogiPeriodEditor *self);
/* Choose the year's qualifier from the list, as the user would. */
void itogi_period_editor_choose_qualifier (ItogiPeriodEditor *self, ItogiQualifier qualifier);

G_END_DECLS
