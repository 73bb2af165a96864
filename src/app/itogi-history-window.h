/* itogi-history-window.h
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "itogi-store.h"

G_BEGIN_DECLS

/* A window listing every change (newest first): what, who, when, how many figures. It cannot
 * edit the history. */
GtkWidget *itogi_history_window_new (GtkWindow *parent, ItogiStore *store, GError **error);

G_END_DECLS
