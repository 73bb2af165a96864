/* itogi-area-dialog.h: an activity area's title, tab label and description
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-model.h"

G_BEGIN_DECLS

/* Saves @area as filled in; on FALSE the dialog stays open with the message. */
typedef gboolean (*ItogiAreaSave) (const ItogiArea *area, gpointer data, GError **error);

/* A modal window editing a copy of @area (a new one when its id is 0). */
GtkWidget *itogi_area_dialog_new (GtkWindow *parent, const ItogiArea *area, ItogiAreaSave save,
                                  gpointer data);

/* For tests: the title (0), tab label (1) and description (2) fields, and Save. */
GtkWidget *itogi_area_dialog_get_entry (GtkWidget *dialog, guint index);
gboolean itogi_area_dialog_save (GtkWidget *dialog);

G_END_DECLS
