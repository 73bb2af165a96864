/* itogi-indicator-dialog.h: an indicator's title, unit, kind, aggregation and polarity
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-model.h"

G_BEGIN_DECLS

/* Saves @indicator as filled in; on FALSE the dialog stays open with the message. */
typedef gboolean (*ItogiIndicatorSave) (const ItogiIndicator *indicator, gpointer data, GError **error);

/* A modal window editing a copy of @indicator (a new one when its id is 0). */
GtkWidget *itogi_indicator_dialog_new (GtkWindow *parent, const ItogiIndicator *indicator,
                                       ItogiIndicatorSave save, gpointer data, GDestroyNotify destroy);

/* For tests: the title, unit and form fields (0–4), the sentence template (5), the kind, aggregation and polarity choices, Save. */
GtkWidget *itogi_indicator_dialog_get_entry (GtkWidget *dialog, guint index);
void itogi_indicator_dialog_choose (GtkWidget *dialog, const char *what, guint choice);
gboolean itogi_indicator_dialog_save (GtkWidget *dialog);

G_END_DECLS
