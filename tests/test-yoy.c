/* test-yoy.c: the year-over-year rules, on the report's own figures
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-format.h"
#include "itogi-yoy.h"
#include "test-util.h"

#define G "\u202f"
#define NB "\u00a0"
#define M "\u2212"
#define DASH "\u2014"

typedef struct
{
  const char *what;
  gint64 current;
  ItogiQualifier current_q;
  gint64 previous;
  ItogiQualifier previous_q;
  ItogiKind kind;
  const char *delta;
  const char *percent;
} Case;

static const Case report_cases[] = {
  { "incoming from legal entities", 22808, 0, 23142, 0, ITOGI_KIND_COUNT, M "334", M "1,4" NB "%" },
  { "head's instructions", 1079, 0, 1064, 0, ITOGI_KIND_COUNT, "+15", "+1,4" NB "%" },
  { "outgoing", 3997, 0, 4829, 0, ITOGI_KIND_COUNT, M "832", M "17,2" NB "%" },
  { "other documents", 1543, 0, 1674, 0, ITOGI_KIND_COUNT, M "131", M "7,8" NB "%" },
  { "written appeals", 6553, 0, 6667, 0, ITOGI_KIND_COUNT, M "114", M "1,7" NB "%" },
  { "inspections", 23, 0, 16, 0, ITOGI_KIND_COUNT, "+7", "+43,8" NB "%" },
  { "MFC applications", 3493, 0, 8374, 0, ITOGI_KIND_COUNT, M "4" G "881", M "58,3" NB "%" },
  { "e-services", 71, 0, 74, 0, ITOGI_KIND_COUNT, M "3", M "4,1" NB "%" },
  { "staff trained", 340, ITOGI_QUALIFIER_ORDER, 300, 0, ITOGI_KIND_COUNT, "\u2248" NB "+40",
    "\u2248" NB "+13,3" NB "%" },
  { "lawsuits", 6000, ITOGI_QUALIFIER_OVER, 6624, 0, ITOGI_KIND_COUNT, DASH, DASH },
  { "court sessions", 5600, ITOGI_QUALIFIER_MORE, 5648, 0, ITOGI_KIND_COUNT, DASH, DASH },
};

static const Case rule_cases[] = {
  /* A lower bound at or above the comparison fixes growth. */
  { "lower bound above", 6000, ITOGI_QUALIFIER_MORE, 5648, 0, ITOGI_KIND_COUNT, ">" NB "+352",
    ">" NB "+6,2" NB "%" },
  { "lower bound equal", 5648, ITOGI_QUALIFIER_MORE, 5648, 0, ITOGI_KIND_COUNT, ">" NB "0",
    ">" NB "0,0" NB "%" },
  /* An upper bound at or below the comparison fixes a fall. */
  { "upper bound below", 10, ITOGI_QUALIFIER_LESS, 16, 0, ITOGI_KIND_COUNT, "<" NB M "6",
    "<" NB M "37,5" NB "%" },
  { "upper bound above", 20, ITOGI_QUALIFIER_LESS, 16, 0, ITOGI_KIND_COUNT, DASH, DASH },
  /* A bound on the comparison side; no percentage against a bound. */
  { "previous lower bound", 5000, 0, 6000, ITOGI_QUALIFIER_OVER, ITOGI_KIND_COUNT, "<" NB M "1" G "000",
    DASH },
  { "previous lower bound, current above", 7000, 0, 6000, ITOGI_QUALIFIER_OVER, ITOGI_KIND_COUNT, DASH,
    DASH },
  { "both lower bounds", 7000, ITOGI_QUALIFIER_MORE, 6000, ITOGI_QUALIFIER_MORE, ITOGI_KIND_COUNT, DASH,
    DASH },
  { "bound against approximate", 7000, ITOGI_QUALIFIER_MORE, 6000, ITOGI_QUALIFIER_ABOUT, ITOGI_KIND_COUNT,
    DASH, DASH },
  /* A zero comparison value gives Δ but no percentage. */
  { "zero comparison", 5, 0, 0, 0, ITOGI_KIND_COUNT, "+5", DASH },
  { "no change", 5, 0, 5, 0, ITOGI_KIND_COUNT, "0", "0,0" NB "%" },
  /* Tiny falls never print «−0,0 %». */
  { "tiny fall", 99999, 0, 100000, 0, ITOGI_KIND_COUNT, M "1", "0,0" NB "%" },
  { "money", 77905451, 0, 50000000, 0, ITOGI_KIND_MONEY, "+279" G "054,51", "+55,8" NB "%" },
  { "huge", ITOGI_AMOUNT_MAX, 0, 1, 0, ITOGI_KIND_COUNT, "+999" G "999" G "999" G "999" G "998",
    "+99" G "999" G "999" G "999" G "999" G "800,0" NB "%" },
  { "approximate both", 340, ITOGI_QUALIFIER_ORDER, 300, ITOGI_QUALIFIER_ABOUT, ITOGI_KIND_COUNT,
    "\u2248" NB "+40", "\u2248" NB "+13,3" NB "%" },
};

static void
run_cases (const Case *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      ItogiValue cur = { .present = TRUE, .amount = cases[i].current, .qualifier = cases[i].current_q };
      ItogiValue prev = { .present = TRUE, .amount = cases[i].previous, .qualifier = cases[i].previous_q };
      ItogiYoy yoy;
      g_autofree char *delta = NULL, *percent = NULL;

      g_test_message ("%s", cases[i].what);
      itogi_yoy_compute (&cur, &prev, &yoy);
      delta = itogi_yoy_format_delta (&yoy, cases[i].kind, 2);
      percent = itogi_yoy_format_percent (&yoy);
      g_assert_cmpstr (delta, ==, cases[i].delta);
      g_assert_cmpstr (percent, ==, cases[i].percent);
    }
}

static void
test_report_changes (void)
{
  run_cases (report_cases, G_N_ELEMENTS (report_cases));
}

static void
test_rules (void)
{
  run_cases (rule_cases, G_N_ELEMENTS (rule_cases));
}

static void
test_missing (void)
{
  ItogiValue cur = { .present = TRUE, .amount = 1959 };
  ItogiValue none = { 0 };
  ItogiYoy yoy;
  g_autofree char *delta = NULL, *percent = NULL;

  itogi_yoy_compute (&cur, &none, &yoy);
  g_assert_cmpint (yoy.kind, ==, ITOGI_CHANGE_NONE);
  delta = itogi_yoy_format_delta (&yoy, ITOGI_KIND_COUNT, 0);
  percent = itogi_yoy_format_percent (&yoy);
  g_assert_cmpstr (delta, ==, DASH);
  g_assert_cmpstr (percent, ==, DASH);

  itogi_yoy_compute (&none, &cur, &yoy);
  g_assert_cmpint (yoy.kind, ==, ITOGI_CHANGE_NONE);
}

static void
test_assessment (void)
{
  ItogiValue a = { .present = TRUE, .amount = 23 };
  ItogiValue b = { .present = TRUE, .amount = 16 };
  ItogiValue none = { 0 };
  ItogiYoy up, down, unknown;

  itogi_yoy_compute (&a, &b, &up);
  itogi_yoy_compute (&b, &a, &down);
  itogi_yoy_compute (&a, &none, &unknown);
  g_assert_cmpint (itogi_yoy_assess (&up, ITOGI_POLARITY_GOOD), ==, ITOGI_ASSESSMENT_GOOD);
  g_assert_cmpint (itogi_yoy_assess (&down, ITOGI_POLARITY_GOOD), ==, ITOGI_ASSESSMENT_BAD);
  g_assert_cmpint (itogi_yoy_assess (&up, ITOGI_POLARITY_BAD), ==, ITOGI_ASSESSMENT_BAD);
  g_assert_cmpint (itogi_yoy_assess (&down, ITOGI_POLARITY_BAD), ==, ITOGI_ASSESSMENT_GOOD);
  g_assert_cmpint (itogi_yoy_assess (&down, ITOGI_POLARITY_NEUTRAL), ==, ITOGI_ASSESSMENT_NEUTRAL);
  g_assert_cmpint (itogi_yoy_assess (&unknown, ITOGI_POLARITY_GOOD), ==, ITOGI_ASSESSMENT_NONE);
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/core/yoy/report-changes", test_report_changes);
  g_test_add_func ("/core/yoy/rules", test_rules);
  g_test_add_func ("/core/yoy/missing", test_missing);
  g_test_add_func ("/core/yoy/assessment", test_assessment);
  return g_test_run ();
}
