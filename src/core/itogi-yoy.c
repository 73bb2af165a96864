/* itogi-yoy.c: year-over-year change under the report's rules for qualified values
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-format.h"
#include "itogi-yoy.h"

#define NO_CHANGE "\u2014" /* — */

/* round (num * 1000 / den) half away from zero, den > 0; |num| <= 2·ITOGI_AMOUNT_MAX */
static gint64
percent_tenths (gint64 num, gint64 den)
{
  gint64 scaled = num * 1000;
  gint64 q = scaled / den, r = scaled % den;

  if (r != 0 && (r < 0 ? -r : r) * 2 >= den)
    q += scaled < 0 ? -1 : 1;
  return q;
}

static void
set_percent (ItogiYoy *out, gint64 delta, const ItogiValue *previous)
{
  out->has_percent = previous->amount > 0;
  if (out->has_percent)
    {
      out->percent_x10 = percent_tenths (delta, previous->amount);
      out->percent = (double)delta * 100.0 / (double)previous->amount;
    }
}

void
itogi_yoy_compute (const ItogiValue *current, const ItogiValue *previous, ItogiYoy *out)
{
  gboolean approx, bounded;
  gint64 low, high;

  *out = (ItogiYoy){ .kind = ITOGI_CHANGE_NONE };
  if (current == NULL || previous == NULL || !current->present || !previous->present)
    return;
  /* Part of a year against a whole one, or a sum of bounds pointing different ways, says nothing. */
  if (current->partial || previous->partial || current->uncertain || previous->uncertain)
    return;

  approx = itogi_qualifier_is_approximate (current->qualifier)
           || itogi_qualifier_is_approximate (previous->qualifier);
  bounded
      = current->qualifier != ITOGI_QUALIFIER_EXACT && !itogi_qualifier_is_approximate (current->qualifier);
  bounded |= previous->qualifier != ITOGI_QUALIFIER_EXACT
             && !itogi_qualifier_is_approximate (previous->qualifier);

  if (!bounded)
    {
      out->kind = approx ? ITOGI_CHANGE_APPROX : ITOGI_CHANGE_EXACT;
      out->delta = current->amount - previous->amount;
      out->direction = (out->delta > 0) - (out->delta < 0);
      set_percent (out, out->delta, previous);
      return;
    }

  /* An approximate figure cannot pin a bound's direction honestly. */
  if (approx)
    return;

  /* The change lies strictly inside (low, high); open ends are unbounded. */
  {
    gboolean low_known = TRUE, high_known = TRUE;

    if (itogi_qualifier_is_lower_bound (current->qualifier))
      high_known = FALSE;
    if (itogi_qualifier_is_upper_bound (current->qualifier))
      low_known = FALSE;
    if (itogi_qualifier_is_lower_bound (previous->qualifier))
      low_known = FALSE;
    if (itogi_qualifier_is_upper_bound (previous->qualifier))
      high_known = FALSE;

    low = high = current->amount - previous->amount;
    if (low_known && low >= 0)
      {
        out->kind = ITOGI_CHANGE_AT_LEAST;
        out->direction = 1;
        out->delta = low;
      }
    else if (high_known && high <= 0)
      {
        out->kind = ITOGI_CHANGE_AT_MOST;
        out->direction = -1;
        out->delta = high;
      }
    else
      return;

    /* A percentage bound only makes sense against an exact comparison value. */
    if (previous->qualifier == ITOGI_QUALIFIER_EXACT)
      set_percent (out, out->delta, previous);
  }
}

ItogiAssessment
itogi_yoy_assess (const ItogiYoy *yoy, ItogiPolarity polarity)
{
  if (yoy->kind == ITOGI_CHANGE_NONE)
    return ITOGI_ASSESSMENT_NONE;
  if (yoy->direction == 0 || polarity == ITOGI_POLARITY_NEUTRAL)
    return ITOGI_ASSESSMENT_NEUTRAL;
  if ((yoy->direction > 0) == (polarity == ITOGI_POLARITY_GOOD))
    return ITOGI_ASSESSMENT_GOOD;
  return ITOGI_ASSESSMENT_BAD;
}

static const char *
change_prefix (const ItogiYoy *yoy)
{
  switch (yoy->kind)
    {
    case ITOGI_CHANGE_APPROX:
      return ITOGI_APPROX ITOGI_NBSP;
    case ITOGI_CHANGE_AT_LEAST:
      return ">" ITOGI_NBSP;
    case ITOGI_CHANGE_AT_MOST:
      return "<" ITOGI_NBSP;
    case ITOGI_CHANGE_EXACT:
    case ITOGI_CHANGE_NONE:
    default:
      return "";
    }
}

static char *
signed_fixed (gint64 value, guint scale)
{
  g_autofree char *number = itogi_format_fixed (value, scale);

  /* A positive change carries a plus; zero carries no sign (never «−0,0»). */
  if (value > 0)
    return g_strconcat ("+", number, NULL);
  return g_steal_pointer (&number);
}

char *
itogi_yoy_format_delta (const ItogiYoy *yoy, ItogiKind kind, guint scale)
{
  g_autofree char *number = NULL;

  if (yoy->kind == ITOGI_CHANGE_NONE)
    return g_strdup (NO_CHANGE);
  number = signed_fixed (yoy->delta, itogi_kind_effective_scale (kind, scale));
  if (kind == ITOGI_KIND_PERCENT)
    {
      /* A change between two percentages is in percentage points. */
      return g_strconcat (change_prefix (yoy), number, ITOGI_NBSP "п.\u00a0п.", NULL);
    }
  return g_strconcat (change_prefix (yoy), number, NULL);
}

char *
itogi_yoy_format_percent (const ItogiYoy *yoy)
{
  g_autofree char *number = NULL;

  if (yoy->kind == ITOGI_CHANGE_NONE || !yoy->has_percent)
    return g_strdup (NO_CHANGE);
  number = signed_fixed (yoy->percent_x10, 1);
  return g_strconcat (change_prefix (yoy), number, ITOGI_NBSP "%", NULL);
}
