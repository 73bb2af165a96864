/* test-period.c: a year made of its months or quarters, and a typed year that disagrees
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-model.h"
#include "itogi-period.h"
#include "itogi-store.h"
#include "test-util.h"

static void
set (ItogiValue *parts, guint month, gint64 amount, ItogiQualifier q)
{
  parts[month - 1].present = TRUE;
  parts[month - 1].amount = amount;
  parts[month - 1].qualifier = q;
}

/* A flow is the sum of its months; missing months make it partial. */
static void
test_sum (void)
{
  ItogiValue parts[ITOGI_MONTHS] = { 0 };
  g_auto (ItogiValue) year = { 0 };

  g_assert_true (itogi_period_aggregate (ITOGI_AGGREGATION_SUM, parts, ITOGI_MONTHS, &year, NULL));
  g_assert_false (year.present);

  set (parts, 1, 1900, ITOGI_QUALIFIER_EXACT);
  set (parts, 2, 1850, ITOGI_QUALIFIER_EXACT);
  g_assert_true (itogi_period_aggregate (ITOGI_AGGREGATION_SUM, parts, ITOGI_MONTHS, &year, NULL));
  g_assert_true (year.present);
  g_assert_true (year.derived);
  g_assert_true (year.partial);
  g_assert_cmpint (year.amount, ==, 3750);

  for (guint m = 3; m <= 12; m++)
    set (parts, m, 1000 + m, ITOGI_QUALIFIER_EXACT);
  g_assert_true (itogi_period_aggregate (ITOGI_AGGREGATION_SUM, parts, ITOGI_MONTHS, &year, NULL));
  g_assert_false (year.partial);
  g_assert_cmpint (year.amount, ==, 3750 + 10 * 1000 + (3 + 12) * 10 / 2);
  g_assert_cmpint (year.qualifier, ==, ITOGI_QUALIFIER_EXACT);

  /* «более» in one month makes the year «более»; with «менее» in another, no direction is left. */
  set (parts, 5, 1005, ITOGI_QUALIFIER_MORE);
  g_assert_true (itogi_period_aggregate (ITOGI_AGGREGATION_SUM, parts, ITOGI_MONTHS, &year, NULL));
  g_assert_cmpint (year.qualifier, ==, ITOGI_QUALIFIER_MORE);
  g_assert_false (year.uncertain);
  set (parts, 6, 1006, ITOGI_QUALIFIER_LESS);
  g_assert_true (itogi_period_aggregate (ITOGI_AGGREGATION_SUM, parts, ITOGI_MONTHS, &year, NULL));
  g_assert_true (year.uncertain);
}

/* A stock is its last period; without December it is partial. */
static void
test_last (void)
{
  ItogiValue parts[ITOGI_QUARTERS] = { 0 };
  g_auto (ItogiValue) year = { 0 };

  set (parts, 1, 340, ITOGI_QUALIFIER_EXACT);
  set (parts, 3, 352, ITOGI_QUALIFIER_EXACT);
  g_assert_true (itogi_period_aggregate (ITOGI_AGGREGATION_LAST, parts, ITOGI_QUARTERS, &year, NULL));
  g_assert_cmpint (year.amount, ==, 352);
  g_assert_true (year.partial);
  set (parts, 4, 349, ITOGI_QUALIFIER_EXACT);
  g_assert_true (itogi_period_aggregate (ITOGI_AGGREGATION_LAST, parts, ITOGI_QUARTERS, &year, NULL));
  g_assert_cmpint (year.amount, ==, 349);
  g_assert_false (year.partial);
}

/* Sums beyond what an amount holds are refused, not wrapped. */
static void
test_overflow (void)
{
  ItogiValue parts[ITOGI_MONTHS] = { 0 };
  g_auto (ItogiValue) year = { 0 };
  g_autoptr (GError) error = NULL;

  for (guint m = 1; m <= 12; m++)
    set (parts, m, ITOGI_AMOUNT_MAX, ITOGI_QUALIFIER_EXACT);
  g_assert_false (itogi_period_aggregate (ITOGI_AGGREGATION_SUM, parts, ITOGI_MONTHS, &year, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_assert_false (year.present);
}

/* A year typed whole is flagged when its months say otherwise, and only then. */
static void
test_mismatch (void)
{
  ItogiValue entered = { .present = TRUE, .amount = 22808 };
  ItogiValue derived = { .present = TRUE, .derived = TRUE, .amount = 22808 };

  g_assert_false (itogi_period_mismatch (ITOGI_AGGREGATION_SUM, &entered, &derived));
  derived.amount = 22800;
  g_assert_true (itogi_period_mismatch (ITOGI_AGGREGATION_SUM, &entered, &derived));
  /* Months still missing: a smaller sum is expected, a larger one is not. */
  derived.partial = TRUE;
  g_assert_false (itogi_period_mismatch (ITOGI_AGGREGATION_SUM, &entered, &derived));
  derived.amount = 23000;
  g_assert_true (itogi_period_mismatch (ITOGI_AGGREGATION_SUM, &entered, &derived));
  g_assert_false (itogi_period_mismatch (ITOGI_AGGREGATION_LAST, &entered, &derived));
  /* «более 8 000» cannot disagree with an exact sum. */
  derived.partial = FALSE;
  entered.qualifier = ITOGI_QUALIFIER_MORE;
  g_assert_false (itogi_period_mismatch (ITOGI_AGGREGATION_SUM, &entered, &derived));
  entered.qualifier = ITOGI_QUALIFIER_EXACT;
  derived.present = FALSE;
  g_assert_false (itogi_period_mismatch (ITOGI_AGGREGATION_SUM, &entered, &derived));
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/core/period/sum", test_sum);
  g_test_add_func ("/core/period/last", test_last);
  g_test_add_func ("/core/period/overflow", test_overflow);
  g_test_add_func ("/core/period/mismatch", test_mismatch);
  return g_test_run ();
}
