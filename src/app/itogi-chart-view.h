/* itogi-chart-view.h: a chart on screen, drawn by the same function as every export
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-chart-render.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_CHART_VIEW (itogi_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (ItogiChartView, itogi_chart_view, ITOGI, CHART_VIEW, GtkWidget)

GtkWidget *itogi_chart_view_new (void);
/* Takes @model (may be NULL). */
void itogi_chart_view_set_model (ItogiChartView *self, ItogiChartModel *model);
const ItogiChartModel *itogi_chart_view_get_model (ItogiChartView *self);
/* Drawn nothing while @held (its place kept): the rows above it are still coming, and the
 * frames until then would draw it where it will not stay. */
void itogi_chart_view_set_held (ItogiChartView *self, gboolean held);
void itogi_chart_view_set_selected (ItogiChartView *self, int item);
int itogi_chart_view_get_selected (ItogiChartView *self);
/* How many of its snapshots drew it (not held, and in sight). */
guint itogi_chart_view_get_drawings (ItogiChartView *self);
/* What its drawing puts where, laid out for its size if need be. */
const ItogiChartLayout *itogi_chart_view_get_layout (ItogiChartView *self);
/* The tooltip text for the item at (x, y), or NULL. */
char *itogi_chart_view_describe_at (ItogiChartView *self, double x, double y);

G_END_DECLS
