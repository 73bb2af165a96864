/* itogi-types.h: domain types shared by every layer
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Amounts are integers in minor units: kopecks for money, 10^-scale for decimals. */
#define ITOGI_AMOUNT_MAX G_GINT64_CONSTANT (999999999999999)

typedef enum
{
  ITOGI_KIND_COUNT,
  ITOGI_KIND_MONEY,
  ITOGI_KIND_DECIMAL,
  ITOGI_KIND_PERCENT,
} ItogiKind;

typedef enum
{
  ITOGI_AGGREGATION_SUM,  /* flows: a year is the sum of its months */
  ITOGI_AGGREGATION_LAST, /* stocks: a year is its end-of-period value */
} ItogiAggregation;

typedef enum
{
  ITOGI_POLARITY_NEUTRAL,
  ITOGI_POLARITY_GOOD, /* growth is good */
  ITOGI_POLARITY_BAD,  /* growth is bad */
} ItogiPolarity;

/* The words are kept apart because the report's wording must be kept as stated. */
typedef enum
{
  ITOGI_QUALIFIER_EXACT,
  ITOGI_QUALIFIER_MORE,  /* «более» : lower bound */
  ITOGI_QUALIFIER_OVER,  /* «свыше» : lower bound */
  ITOGI_QUALIFIER_ORDER, /* «порядка» : approximate */
  ITOGI_QUALIFIER_ABOUT, /* «около» : approximate */
  ITOGI_QUALIFIER_LESS,  /* «менее» : upper bound */
} ItogiQualifier;

typedef enum
{
  ITOGI_PERIOD_YEAR,
  ITOGI_PERIOD_QUARTER,
  ITOGI_PERIOD_MONTH,
} ItogiPeriodType;

typedef struct
{
  gboolean present;
  gint64 amount;
  ItogiQualifier qualifier;
  gboolean derived;   /* computed from months or quarters */
  gboolean partial;   /* derived from an incomplete set of periods */
  gboolean uncertain; /* derived from parts whose bounds point different ways: no change can be stated */
  char *note;
  char *as_of; /* ISO date or NULL */
} ItogiValue;

void itogi_value_clear (ItogiValue *value);
void itogi_value_copy (ItogiValue *dest, const ItogiValue *src);

gboolean itogi_qualifier_is_lower_bound (ItogiQualifier q);
gboolean itogi_qualifier_is_upper_bound (ItogiQualifier q);
gboolean itogi_qualifier_is_approximate (ItogiQualifier q);

const char *itogi_kind_to_string (ItogiKind kind);
gboolean itogi_kind_from_string (const char *s, ItogiKind *out);
const char *itogi_aggregation_to_string (ItogiAggregation a);
gboolean itogi_aggregation_from_string (const char *s, ItogiAggregation *out);
const char *itogi_polarity_to_string (ItogiPolarity p);
gboolean itogi_polarity_from_string (const char *s, ItogiPolarity *out);
const char *itogi_qualifier_to_string (ItogiQualifier q);
gboolean itogi_qualifier_from_string (const char *s, ItogiQualifier *out);

/* The number of digits after the decimal comma that a kind stores. */
guint itogi_kind_effective_scale (ItogiKind kind, guint scale);

G_END_DECLS
