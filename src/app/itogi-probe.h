/* itogi-probe.h: ITOGI_DEBUG=startup, the times the start-up benchmark reads
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* TRUE when the window's first frame may count as showing figures. */
typedef gboolean (*ItogiProbeReady) (GtkWindow *window);

/* The launch: ITOGI_LAUNCH_TIME (g_get_monotonic_time () of the launcher, in µs) when set, else now.
 * Called first thing in main (). */
void itogi_probe_mark_launch (void);
/* With ITOGI_DEBUG=startup, prints to standard error, once each, the time from launch to the
 * window's mapping and to the end of the first frame painted while @ready says TRUE:
 * «itogi-startup: mapped 123.4 ms» and «itogi-startup: figures 150.2 ms». Without it, nothing. */
void itogi_probe_startup (GtkWindow *window, ItogiProbeReady ready);

G_END_DECLS
