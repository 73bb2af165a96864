/* itogi-history-window.h: every change made to the database, read-only
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "itogi-store.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_HISTORY_WINDOW (itogi_history_window_get_type ())
G_DECLARE_FINAL_TYPE (ItogiHistoryWindow, itogi_history_window, ITOGI, HISTORY_WINDOW, AdwWindow)

/* A window listing every change (newest first): what, who, when, how many figures. It cannot
 * edit the history. Escape closes it. NULL with @error when the areas or the people who made
 * changes cannot be read. */
GtkWidget *itogi_history_window_new (GtkWindow *parent, ItogiStore *store, GError **error);

G_END_DECLS
