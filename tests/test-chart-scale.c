/* test-chart-scale.c: nice axis ranges for every shape of data the report has, and worse
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "itogi-chart-scale.h"
#include "test-util.h"

/* A step is 1, 2, 2.5 or 5 times a power of ten. */
static gboolean
is_nice (double step)
{
  double exponent = floor (log10 (step));
  double mantissa = step / pow (10.0, exponent);

  return fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 2.5) < 1e-9
         || fabs (mantissa - 5) < 1e-9;
}

static void
check_scale (double lo, double hi, const ItogiChartScale *s)
{
  gboolean has_zero = FALSE;

  g_test_message ("%g..%g → %g..%g step %g, %u ticks", lo, hi, s->min, s->max, s->step, s->n_ticks);
  g_assert_true (s->step > 0);
  g_assert_true (is_nice (s->step));
  g_assert_cmpfloat (s->min, <=, MIN (lo, 0.0));
  g_assert_cmpfloat (s->max, >=, MAX (hi, 0.0));
  g_assert_cmpuint (s->n_ticks, >=, 2);
  g_assert_cmpuint (s->n_ticks, <=, ITOGI_CHART_MAX_TICKS);
  g_assert_cmpfloat_with_epsilon (itogi_chart_scale_tick (s, 0), s->min, s->step * 1e-9);
  g_assert_cmpfloat_with_epsilon (itogi_chart_scale_tick (s, s->n_ticks - 1), s->max, s->step * 1e-6);
  for (guint i = 0; i < s->n_ticks; i++)
    if (itogi_chart_scale_tick (s, i) == 0.0)
      has_zero = TRUE;
  /* Bars start at zero, so zero is always a tick. */
  g_assert_true (has_zero);
  /* No more than one empty step beyond the data on each side (all zeros get a unit axis). */
  if (lo == 0.0 && hi == 0.0)
    return;
  g_assert_cmpfloat (s->max - MAX (hi, 0.0), <, s->step + 1e-9 * s->step);
  g_assert_cmpfloat (MIN (lo, 0.0) - s->min, <, s->step + 1e-9 * s->step);
}

static void
test_cases (void)
{
  static const double cases[][2] = {
    { 0, 0 },            /* all zeros */
    { 12, 12 },          /* one value */
    { 65, 65 },          /* equal values */
    { 23142, 22808 },    /* the report's largest pair */
    { 12, 22808 },       /* 12 next to 22 808 */
    { -334, 15 },        /* negatives: changes */
    { -58.3, 43.8 },     /* percent changes */
    { -17.2, -1.4 },     /* only falls */
    { 0, 119585521.99 }, /* money, roubles */
    { 0, 1e11 },         /* absurd, still drawable */
    { 0.001, 0.004 },    /* tiny */
    { 300, 340 },
    { 0, 999999999999999.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint target = 2; target <= 10; target += 4)
      {
        ItogiChartScale s;
        itogi_chart_scale_compute (cases[i][0], cases[i][1], target, &s);
        check_scale (MIN (cases[i][0], cases[i][1]), MAX (cases[i][0], cases[i][1]), &s);
      }
}

static void
test_exact_values (void)
{
  ItogiChartScale s;

  itogi_chart_scale_compute (0, 0, 5, &s);
  g_assert_cmpfloat (s.min, ==, 0.0);
  g_assert_cmpfloat (s.max, ==, 1.0);

  itogi_chart_scale_compute (12, 22808, 5, &s);
  g_assert_cmpfloat (s.min, ==, 0.0);
  g_assert_cmpfloat (s.max, ==, 25000.0);
  g_assert_cmpfloat (s.step, ==, 5000.0);
  g_assert_cmpuint (s.n_ticks, ==, 6);

  itogi_chart_scale_compute (-334, 15, 5, &s);
  g_assert_cmpfloat (s.min, ==, -400.0);
  g_assert_cmpfloat (s.max, ==, 100.0);
  g_assert_cmpfloat (itogi_chart_scale_fraction (&s, 0.0), ==, 0.8);

  /* Garbage in still gives an axis. */
  itogi_chart_scale_compute (NAN, INFINITY, 5, &s);
  g_assert_cmpfloat (s.min, ==, 0.0);
  g_assert_cmpfloat (s.max, ==, 1.0);
}

static void
test_units (void)
{
  ItogiChartScale s;
  const char *word = NULL;

  itogi_chart_scale_compute (0, 22808, 5, &s);
  g_assert_cmpfloat (itogi_chart_scale_unit (&s, &word), ==, 1.0);
  g_assert_cmpstr (word, ==, "");
  itogi_chart_scale_compute (0, 779054.51, 5, &s);
  g_assert_cmpfloat (itogi_chart_scale_unit (&s, &word), ==, 1e3);
  g_assert_cmpstr (word, ==, "тыс.");
  itogi_chart_scale_compute (0, 119585521.99, 5, &s);
  g_assert_cmpfloat (itogi_chart_scale_unit (&s, &word), ==, 1e6);
  g_assert_cmpstr (word, ==, "млн");
  itogi_chart_scale_compute (0, 1e11, 5, &s);
  g_assert_cmpfloat (itogi_chart_scale_unit (&s, &word), ==, 1e9);
  g_assert_cmpstr (word, ==, "млрд");
}

static void
test_tick_text (void)
{
  static const struct
  {
    double lo, hi;
    const char *const ticks[8];
  } cases[] = {
    { 0.9, 1.1, { "0", "0,5", "1,0", "1,5", NULL } },
    { 0,
      22808,
      { "0",
        "10"
        "\u202f"
        "000",
        "20"
        "\u202f"
        "000",
        "30"
        "\u202f"
        "000",
        NULL } },
    { 0,
      119585521.99,
      { "0",
        "50"
        "\u00a0"
        "млн",
        "100"
        "\u00a0"
        "млн",
        "150"
        "\u00a0"
        "млн",
        NULL } },
    { -0.4,
      0.3,
      { "\u2212"
        "0,4",
        "\u2212"
        "0,2",
        "0", "0,2", "0,4", NULL } },
    { 0, 0.9, { "0", "0,25", "0,50", "0,75", "1,00", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ItogiChartScale s;
      guint n = 0;

      itogi_chart_scale_compute (cases[i].lo, cases[i].hi, 4, &s);
      for (guint t = 0; t < s.n_ticks; t++)
        {
          g_autofree char *text = itogi_chart_scale_format_tick (&s, itogi_chart_scale_tick (&s, t));
          g_test_message ("%g..%g tick %u: %s", cases[i].lo, cases[i].hi, t, text);
          g_assert_nonnull (cases[i].ticks[t]);
          g_assert_cmpstr (text, ==, cases[i].ticks[t]);
          n++;
        }
      g_assert_null (cases[i].ticks[n]);
    }
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/chart/scale/cases", test_cases);
  g_test_add_func ("/chart/scale/exact-values", test_exact_values);
  g_test_add_func ("/chart/scale/units", test_units);
  g_test_add_func ("/chart/scale/tick-text", test_tick_text);
  return g_test_run ();
}
