/* itogi-types.c
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "itogi-types.h"

void
itogi_value_clear (ItogiValue *value)
{
  g_clear_pointer (&value->note, g_free);
  g_clear_pointer (&value->as_of, g_free);
  memset (value, 0, sizeof *value);
}

void
itogi_value_copy (ItogiValue *dest, const ItogiValue *src)
{
  *dest = *src;
  dest->note = g_strdup (src->note);
  dest->as_of = g_strdup (src->as_of);
}

gboolean
itogi_qualifier_is_lower_bound (ItogiQualifier q)
{
  return q == ITOGI_QUALIFIER_MORE || q == ITOGI_QUALIFIER_OVER;
}

gboolean
itogi_qualifier_is_upper_bound (ItogiQualifier q)
{
  return q == ITOGI_QUALIFIER_LESS;
}

gboolean
itogi_qualifier_is_approximate (ItogiQualifier q)
{
  return q == ITOGI_QUALIFIER_ORDER || q == ITOGI_QUALIFIER_ABOUT;
}

typedef struct
{
  int value;
  const char *name;
} EnumName;

static const EnumName kind_names[] = {
  { ITOGI_KIND_COUNT, "count" },
  { ITOGI_KIND_MONEY, "money" },
  { ITOGI_KIND_DECIMAL, "decimal" },
  { ITOGI_KIND_PERCENT, "percent" },
};

static const EnumName aggregation_names[] = {
  { ITOGI_AGGREGATION_SUM, "sum" },
  { ITOGI_AGGREGATION_LAST, "last" },
};

static const EnumName polarity_names[] = {
  { ITOGI_POLARITY_NEUTRAL, "neutral" },
  { ITOGI_POLARITY_GOOD, "good" },
  { ITOGI_POLARITY_BAD, "bad" },
};

static const EnumName qualifier_names[] = {
  { ITOGI_QUALIFIER_EXACT, "exact" }, { ITOGI_QUALIFIER_MORE, "more" },   { ITOGI_QUALIFIER_OVER, "over" },
  { ITOGI_QUALIFIER_ORDER, "order" }, { ITOGI_QUALIFIER_ABOUT, "about" }, { ITOGI_QUALIFIER_LESS, "less" },
};

static const char *
enum_to_string (const EnumName *names, gsize n, int value)
{
  for (gsize i = 0; i < n; i++)
    if (names[i].value == value)
      return names[i].name;
  g_return_val_if_reached (NULL);
}

static gboolean
enum_from_string (const EnumName *names, gsize n, const char *s, int *out)
{
  if (s == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (strcmp (names[i].name, s) == 0)
      {
        *out = names[i].value;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, lower, table)                                                              \
  const char *itogi_##lower##_to_string (Type v)                                                             \
  {                                                                                                          \
    return enum_to_string (table, G_N_ELEMENTS (table), (int)v);                                             \
  }                                                                                                          \
  gboolean itogi_##lower##_from_string (const char *s, Type *out)                                            \
  {                                                                                                          \
    int v;                                                                                                   \
    if (!enum_from_string (table, G_N_ELEMENTS (table), s, &v))                                              \
      return FALSE;                                                                                          \
    *out = (Type)v;                                                                                          \
    return TRUE;                                                                                             \
  }

DEFINE_ENUM_STRINGS (ItogiKind, kind, kind_names)
DEFINE_ENUM_STRINGS (ItogiAggregation, aggregation, aggregation_names)
DEFINE_ENUM_STRINGS (ItogiPolarity, polarity, polarity_names)
DEFINE_ENUM_STRINGS (ItogiQualifier, qualifier, qualifier_names)

guint
itogi_kind_effective_scale (ItogiKind kind, guint scale)
{
  switch (kind)
    {
    case ITOGI_KIND_COUNT:
      return 0;
    case ITOGI_KIND_MONEY:
      return 2;
    case ITOGI_KIND_DECIMAL:
    case ITOGI_KIND_PERCENT:
    default:
      return MIN (scale, 6);
    }
}
