/* itogi-period.c: a year from its months or quarters, and whether a typed year agrees
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "itogi-period.h"
#include "itogi-store.h"

/* The qualifier of a sum. Exact parts keep it exact; bounds of one direction stay bounds; a lower
 * and an upper bound, or a bound and an approximation, leave the sum uncertain. */
static ItogiQualifier
merge_qualifiers (ItogiQualifier a, ItogiQualifier b, gboolean *uncertain)
{
  if (a == ITOGI_QUALIFIER_EXACT)
    return b;
  if (b == ITOGI_QUALIFIER_EXACT || a == b)
    return a;
  if (itogi_qualifier_is_lower_bound (a) && itogi_qualifier_is_lower_bound (b))
    return ITOGI_QUALIFIER_MORE;
  if (itogi_qualifier_is_approximate (a) && itogi_qualifier_is_approximate (b))
    return ITOGI_QUALIFIER_ABOUT;
  *uncertain = TRUE;
  return ITOGI_QUALIFIER_ABOUT;
}

gboolean
itogi_period_aggregate (ItogiAggregation aggregation, const ItogiValue *parts, guint count, ItogiValue *out,
                        GError **error)
{
  guint rows = 0, last_index = 0;

  itogi_value_clear (out);
  for (guint i = 0; i < count; i++)
    {
      const ItogiValue *part = &parts[i];

      if (!part->present)
        continue;
      last_index = i + 1;
      if (rows == 0 || aggregation == ITOGI_AGGREGATION_LAST)
        {
          out->amount = part->amount;
          out->qualifier = part->qualifier;
          g_free (out->as_of);
          out->as_of = g_strdup (part->as_of);
        }
      else
        {
          /* Each part is within ITOGI_AMOUNT_MAX, so this cannot overflow before the check. */
          out->amount += part->amount;
          if (out->amount > ITOGI_AMOUNT_MAX || out->amount < -ITOGI_AMOUNT_MAX)
            {
              g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                                   _ ("The sum of the periods is too large."));
              itogi_value_clear (out);
              return FALSE;
            }
          out->qualifier = merge_qualifiers (out->qualifier, part->qualifier, &out->uncertain);
        }
      rows++;
    }
  if (rows > 0)
    {
      out->present = TRUE;
      out->derived = TRUE;
      out->partial = aggregation == ITOGI_AGGREGATION_SUM ? rows < count : last_index < count;
    }
  return TRUE;
}

gboolean
itogi_period_mismatch (ItogiAggregation aggregation, const ItogiValue *entered, const ItogiValue *derived)
{
  if (!entered->present || !derived->present || entered->qualifier != ITOGI_QUALIFIER_EXACT
      || derived->qualifier != ITOGI_QUALIFIER_EXACT || derived->uncertain)
    return FALSE;
  if (!derived->partial)
    return entered->amount != derived->amount;
  /* Months still to come can only add to a flow; a stock's last month is not in yet. */
  return aggregation == ITOGI_AGGREGATION_SUM && derived->amount > entered->amount;
}

const char *
itogi_period_name (ItogiPeriodType period, guint index)
{
  static const char *const months[] = {
    N_ ("January"), N_ ("February"), N_ ("March"),     N_ ("April"),   N_ ("May"),      N_ ("June"),
    N_ ("July"),    N_ ("August"),   N_ ("September"), N_ ("October"), N_ ("November"), N_ ("December"),
  };
  static const char *const quarters[]
      = { N_ ("Quarter I"), N_ ("Quarter II"), N_ ("Quarter III"), N_ ("Quarter IV") };

  if (period == ITOGI_PERIOD_MONTH && index >= 1 && index <= ITOGI_MONTHS)
    return _ (months[index - 1]);
  if (period == ITOGI_PERIOD_QUARTER && index >= 1 && index <= ITOGI_QUARTERS)
    return _ (quarters[index - 1]);
  return _ ("Year");
}
