/* itogi-period.h: a year from its months or quarters, and whether a typed year agrees
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "itogi-types.h"

G_BEGIN_DECLS

#define ITOGI_MONTHS 12
#define ITOGI_QUARTERS 4

/* The year made of @parts (@parts[0] is January or the first quarter; absent parts are skipped)
 * by @aggregation: the sum for flows, the last value for stocks. @out is cleared first; it is
 * not present when no part is, and partial when parts are missing (for stocks: when the last
 * period is missing). FALSE with an error when the sum is beyond what an amount holds. */
gboolean itogi_period_aggregate (ItogiAggregation aggregation, const ItogiValue *parts, guint count,
                                 ItogiValue *out, GError **error);

/* Whether a year figure typed whole disagrees with the one made of its periods. Only exact
 * figures are compared; a partial sum disagrees when it is already larger than the year. */
gboolean itogi_period_mismatch (ItogiAggregation aggregation, const ItogiValue *entered,
                                const ItogiValue *derived);

/* «Январь» … «Декабрь», «I квартал» … «IV квартал» (translated); @index from 1. */
const char *itogi_period_name (ItogiPeriodType period, guint index);

G_END_DECLS
