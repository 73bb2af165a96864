/* itogi-export-dialog.h: "Export to Excel…": years, areas and format, then a file
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "itogi-store.h"
#include "itogi-xlsx.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_EXPORT_DIALOG (itogi_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ItogiExportDialog, itogi_export_dialog, ITOGI, EXPORT_DIALOG, AdwMessageDialog)

/* Offers the years with figures (and @year, @compare_year, chosen), every area (all chosen) and
 * every table format. When the person has chosen and named a file, it emits "chosen" with that
 * GFile; the choices are then read with itogi_export_dialog_get_choice(). It writes nothing. */
ItogiExportDialog *itogi_export_dialog_new (GtkWindow *parent, ItogiStore *store, int year, int compare_year);
/* What was chosen: @options's areas point into the dialog (valid while it lives). */
const ItogiTableFormat *itogi_export_dialog_get_choice (ItogiExportDialog *self, ItogiExportOptions *options);

G_END_DECLS
