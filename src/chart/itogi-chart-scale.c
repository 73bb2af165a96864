/* itogi-chart-scale.c: "nice" axis ranges and ticks (Heckbert's 1-2-5 with 2.5)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "itogi-chart-scale.h"
#include "itogi-format.h"

/* The smallest step of 1, 2, 2.5 or 5 × 10^k not below @raw. */
static double
nice_step (double raw)
{
  static const double mantissas[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double exponent = floor (log10 (raw));
  double base = pow (10.0, exponent);

  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (mantissas[i] * base >= raw * (1.0 - 1e-12))
      return mantissas[i] * base;
  return 10.0 * base;
}

void
itogi_chart_scale_compute (double lo, double hi, guint target, ItogiChartScale *out)
{
  double span, step;

  if (!isfinite (lo))
    lo = 0.0;
  if (!isfinite (hi))
    hi = 0.0;
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  /* Bars start at zero: the range always contains it. */
  lo = MIN (lo, 0.0);
  hi = MAX (hi, 0.0);
  target = CLAMP (target, 2, 10);

  span = hi - lo;
  if (span <= 0.0)
    {
      /* All zeros: a unit range, so a lone zero bar still has an axis. */
      *out = (ItogiChartScale){ .min = 0.0, .max = 1.0, .step = 0.5, .n_ticks = 3 };
      return;
    }

  step = nice_step (span / (double)target);
  out->min = floor (lo / step + 1e-9) * step;
  out->max = ceil (hi / step - 1e-9) * step;
  /* Rounding can leave more ticks than wanted on awkward spans: widen the step. */
  while ((out->max - out->min) / step + 1.5 > ITOGI_CHART_MAX_TICKS)
    {
      step = nice_step (step * 1.01);
      out->min = floor (lo / step + 1e-9) * step;
      out->max = ceil (hi / step - 1e-9) * step;
    }
  out->step = step;
  out->n_ticks = (guint)llround ((out->max - out->min) / step) + 1;
}

double
itogi_chart_scale_tick (const ItogiChartScale *scale, guint index)
{
  double v = scale->min + scale->step * (double)index;

  /* Keep 0 a true zero (never «−0»). */
  return fabs (v) < scale->step * 1e-9 ? 0.0 : v;
}

double
itogi_chart_scale_fraction (const ItogiChartScale *scale, double value)
{
  double span = scale->max - scale->min;

  if (span <= 0.0)
    return 0.0;
  return (value - scale->min) / span;
}

double
itogi_chart_scale_unit (const ItogiChartScale *scale, const char **word)
{
  double extent = MAX (fabs (scale->min), fabs (scale->max));

  if (extent >= 1e9)
    {
      *word = "млрд";
      return 1e9;
    }
  if (extent >= 1e6)
    {
      *word = "млн";
      return 1e6;
    }
  if (extent >= 1e5)
    {
      *word = "тыс.";
      return 1e3;
    }
  *word = "";
  return 1.0;
}

char *
itogi_chart_scale_format_tick (const ItogiChartScale *scale, double value)
{
  const char *word;
  double unit = itogi_chart_scale_unit (scale, &word);
  double step = scale->step / unit;
  guint decimals = 0;
  g_autofree char *number = NULL;

  /* The baseline reads plain «0», whatever the unit. */
  if (value == 0.0)
    return g_strdup ("0");
  /* As many decimals as the step needs: 0,25 steps show two, 0,5 steps one, 5 steps none. */
  while (decimals < 6 && fabs (step * pow (10.0, decimals) - round (step * pow (10.0, decimals))) > 1e-6)
    decimals++;
  number = itogi_format_fixed (llround (value / unit * pow (10.0, decimals)), decimals);
  if (*word == '\0')
    return g_steal_pointer (&number);
  return g_strconcat (number, ITOGI_NBSP, word, NULL);
}
