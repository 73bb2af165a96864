/* itogi-format.h: Russian number, plural and change formatting, and input parsing
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "itogi-types.h"

G_BEGIN_DECLS

/* Typography used everywhere the app shows or exports text. */
#define ITOGI_GROUP_SEP "\u202f" /* narrow no-break space between digit groups */
#define ITOGI_NBSP "\u00a0"      /* before «%», «г.», units */
#define ITOGI_MINUS "\u2212"     /* true minus */
#define ITOGI_APPROX "\u2248"    /* ≈ */

#define ITOGI_FORMAT_ERROR (itogi_format_error_quark ())

typedef enum
{
  ITOGI_FORMAT_ERROR_EMPTY,
  ITOGI_FORMAT_ERROR_INVALID,
  ITOGI_FORMAT_ERROR_NEGATIVE,
  ITOGI_FORMAT_ERROR_FRACTION,
  ITOGI_FORMAT_ERROR_PRECISION,
  ITOGI_FORMAT_ERROR_RANGE,
  ITOGI_FORMAT_ERROR_AMBIGUOUS, /* «1,000»: a thousand or one? */
} ItogiFormatError;

GQuark itogi_format_error_quark (void);

/* 22808 → «22 808», −334 → «−334». */
char *itogi_format_integer (gint64 value);
/* An amount in minor units with @scale decimals: 77905451, 2 → «779 054,51». */
char *itogi_format_fixed (gint64 amount, guint scale);
/* The bare number of a value of @kind (percent kind gets « %»). */
char *itogi_format_amount (gint64 amount, ItogiKind kind, guint scale);
/* The qualifier's word as it prefixes a number («более»), or NULL for exact. */
const char *itogi_qualifier_word (ItogiQualifier q);
/* The value as a table shows it: «более 8 000», «порядка 340», «779 054,51». */
char *itogi_format_value (const ItogiValue *value, ItogiKind kind, guint scale);
/* The same with a unit label: «779 054,51 руб.». @unit may be NULL or "". */
char *itogi_format_value_with_unit (const ItogiValue *value, ItogiKind kind, guint scale, const char *unit);
/* «2022 г.» */
char *itogi_format_year (int year);
/* «25.11.2026 14:05» in local time, from a stored UTC ISO 8601 time (given back as it is when it
 * is not one). */
char *itogi_format_local_time (const char *iso);

/* Plural category for a whole number under the Russian rule:
 * 0 = «обращение» (1, 21), 1 = «обращения» (2–4, 22), 2 = «обращений» (5–20, 11–14). */
guint itogi_plural_category (guint64 n);
/* The index into {one, few, many} forms for an amount; @genitive after «более», «свыше»… */
guint itogi_plural_form_index (gint64 amount, guint scale, gboolean genitive);
/* «6 553 обращения», «более 21 обращения», «65 граждан». @forms holds three forms. */
char *itogi_format_count_phrase (const ItogiValue *value, ItogiKind kind, guint scale,
                                 const char *const *forms);

/* Parse what people type into an amount and a qualifier. Accepts «22808», «22 808»
 * (plain, no-break, narrow or thin spaces), «779 054,51», «779054.51», qualifier words and
 * signs («более», «свыше», «порядка», «около», «менее», «>», «<», «~», «≈»), and «тыс.» /
 * «тысяч» / «млн» multipliers. What it accepts is exactly the figure typed; anything it cannot
 * read that way is refused with a reason: «1e20», «NaN», «inf», «12,345,678» (commas between
 * thousands), more decimals than the indicator keeps, and «1,000» or «2.500» where the indicator
 * keeps fewer than three decimals, since English and German tables write a thousand that way. */
gboolean itogi_parse_value (const char *text, ItogiKind kind, guint scale, gint64 *amount,
                            ItogiQualifier *qualifier, GError **error);

G_END_DECLS
