/* itogi-yoy.h: year-over-year change under the report's rules for qualified values
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "itogi-types.h"

G_BEGIN_DECLS

typedef enum
{
  ITOGI_CHANGE_NONE,     /* «—»: a side is missing, or a bound does not fix the direction */
  ITOGI_CHANGE_EXACT,    /* both sides exact */
  ITOGI_CHANGE_APPROX,   /* a side is «порядка/около»: «≈ +13,3 %» */
  ITOGI_CHANGE_AT_LEAST, /* a bound fixes growth: delta is a lower bound, «> +352» */
  ITOGI_CHANGE_AT_MOST,  /* a bound fixes a fall: delta is an upper bound, «< −48» */
} ItogiChangeKind;

typedef enum
{
  ITOGI_ASSESSMENT_NONE,
  ITOGI_ASSESSMENT_NEUTRAL,
  ITOGI_ASSESSMENT_GOOD,
  ITOGI_ASSESSMENT_BAD,
} ItogiAssessment;

typedef struct
{
  ItogiChangeKind kind;
  int direction;        /* −1, 0, +1 */
  gint64 delta;         /* in the indicator's minor units */
  gboolean has_percent; /* FALSE when the comparison value is zero or not exact */
  gint64 percent_x10;   /* the change in tenths of a percent, rounded half away from 0 */
  double percent;       /* the unrounded change in percent */
} ItogiYoy;

void itogi_yoy_compute (const ItogiValue *current, const ItogiValue *previous, ItogiYoy *out);
ItogiAssessment itogi_yoy_assess (const ItogiYoy *yoy, ItogiPolarity polarity);
/* «−334», «+7», «≈ +40», «> +352», «—» */
char *itogi_yoy_format_delta (const ItogiYoy *yoy, ItogiKind kind, guint scale);
/* «−1,4 %», «≈ +13,3 %», «—» */
char *itogi_yoy_format_percent (const ItogiYoy *yoy);

G_END_DECLS
