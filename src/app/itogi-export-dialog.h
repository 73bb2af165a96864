/* itogi-export-dialog.h
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "itogi-store.h"

G_BEGIN_DECLS

/* Ask for the years, areas and format, then a file; write it in a worker thread and say how it
 * went with a toast (with "Open" on success). @store must outlive the export. */
GtkWidget *itogi_export_dialog_show (GtkWindow *parent, AdwToastOverlay *toasts, ItogiStore *store, int year,
                                     int compare_year);

G_END_DECLS
