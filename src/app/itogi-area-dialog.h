/* itogi-area-dialog.h: an activity area's title, tab label and description
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "itogi-dialog.h"
#include "itogi-model.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_AREA_DIALOG (itogi_area_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ItogiAreaDialog, itogi_area_dialog, ITOGI, AREA_DIALOG, ItogiDialog)

/* Stores @area as the dialog made it; FALSE with @error when the store refuses. */
typedef gboolean (*ItogiAreaSave) (const ItogiArea *area, gpointer data, GError **error);

/* A new area (id 0) or an existing one: its title (required), its tab label (the title when
 * left empty) and its fuller wording. Saved through @save; then "saved" and closed. */
ItogiAreaDialog *itogi_area_dialog_new (GtkWindow *parent, const ItogiArea *area, ItogiAreaSave save,
                                        gpointer data);
/* The title (0), tab label (1) and description (2) fields. */
GtkWidget *itogi_area_dialog_get_entry (ItogiAreaDialog *self, guint index);

G_END_DECLS
