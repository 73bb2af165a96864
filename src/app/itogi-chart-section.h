/* itogi-chart-section.h: a page's chart with its kind, its files and the clipboard
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-chart-model.h"
#include "itogi-chart-view.h"
#include "itogi-store.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_CHART_SECTION (itogi_chart_section_get_type ())
G_DECLARE_FINAL_TYPE (ItogiChartSection, itogi_chart_section, ITOGI, CHART_SECTION, GtkWidget)

/* «Chart», the kind (the kinds' table, "kind-changed" when another is chosen), «Export Chart»
 * (the sizes' table, then «Copy Image»: the actions chart.export and chart.copy) and the chart
 * itself. What it shows is set on its view by the page; what it saves or copies is drawn anew,
 * at the file's size, from the source set here. */
void itogi_chart_section_set_source (ItogiChartSection *self, ItogiStore *store, const char *area_slug,
                                     const char *title, int year, int compare_year);
ItogiChartKind itogi_chart_section_get_kind (ItogiChartSection *self);
ItogiChartView *itogi_chart_section_get_view (ItogiChartSection *self);
/* In a narrow pane the kind and the export go under the heading. */
void itogi_chart_section_set_compact (ItogiChartSection *self, gboolean compact);

G_END_DECLS
