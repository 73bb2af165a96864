/* itogi-chart-scale.h: "nice" axis ranges and ticks, as pure functions
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ITOGI_CHART_MAX_TICKS 16

typedef struct
{
  double min; /* the axis range, a multiple of step, containing zero and the data */
  double max;
  double step;   /* 1, 2, 2.5 or 5 × 10^k */
  guint n_ticks; /* ticks at min, min + step, … max */
} ItogiChartScale;

/* A zero-based range over @lo..@hi (in any order) with about @target ticks (2..10).
 * All zeros, one value, equal values, negatives and huge magnitudes give a usable range. */
void itogi_chart_scale_compute (double lo, double hi, guint target, ItogiChartScale *out);
double itogi_chart_scale_tick (const ItogiChartScale *scale, guint index);
/* Where @value falls between the range ends: 0 at min, 1 at max. */
double itogi_chart_scale_fraction (const ItogiChartScale *scale, double value);

/* The factor and Russian word to shorten axis labels of this range: 1 and "", 1e3 and «тыс.»,
 * 1e6 and «млн», 1e9 and «млрд». */
double itogi_chart_scale_unit (const ItogiChartScale *scale, const char **word);

/* A tick's label: «25 000», «0,25», «120 млн». */
char *itogi_chart_scale_format_tick (const ItogiChartScale *scale, double value);

G_END_DECLS
