/* itogi-chart-size-dialog.h: the width and height of a chart saved at a size of one's own
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ITOGI_TYPE_CHART_SIZE_DIALOG (itogi_chart_size_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ItogiChartSizeDialog, itogi_chart_size_dialog, ITOGI, CHART_SIZE_DIALOG,
                      AdwMessageDialog)

/* Asks for a width and a height in pixels (within the sizes a chart can be drawn at), starting
 * from @width × @height; Continue emits "chosen" (double width, double height). */
ItogiChartSizeDialog *itogi_chart_size_dialog_new (GtkWindow *parent, double width, double height);

G_END_DECLS
