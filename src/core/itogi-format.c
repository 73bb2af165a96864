/* itogi-format.c: Russian number, plural and change formatting, and input parsing
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-format.h"
#include "itogi-validate.h"

G_DEFINE_QUARK (itogi - format - error - quark, itogi_format_error)

static guint64
magnitude (gint64 value)
{
  /* Safe for G_MININT64 too. */
  return value < 0 ? (guint64)(-(value + 1)) + 1 : (guint64)value;
}

static guint64
pow10u (guint n)
{
  guint64 r = 1;
  while (n-- > 0)
    r *= 10;
  return r;
}

static void
append_grouped (GString *out, guint64 n)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, ITOGI_GROUP_SEP);
      g_string_append_c (out, digits[i]);
    }
}

char *
itogi_format_integer (gint64 value)
{
  return itogi_format_fixed (value, 0);
}

char *
itogi_format_fixed (gint64 amount, guint scale)
{
  GString *out = g_string_new (NULL);
  guint64 mag = magnitude (amount);
  guint64 unit;

  scale = MIN (scale, 6);
  unit = pow10u (scale);
  if (amount < 0)
    g_string_append (out, ITOGI_MINUS);
  append_grouped (out, mag / unit);
  if (scale > 0)
    g_string_append_printf (out, ",%0*" G_GUINT64_FORMAT, (int)scale, mag % unit);
  return g_string_free (out, FALSE);
}

char *
itogi_format_amount (gint64 amount, ItogiKind kind, guint scale)
{
  char *number = itogi_format_fixed (amount, itogi_kind_effective_scale (kind, scale));

  if (kind == ITOGI_KIND_PERCENT)
    {
      char *with_sign = g_strconcat (number, ITOGI_NBSP "%", NULL);
      g_free (number);
      return with_sign;
    }
  return number;
}

const char *
itogi_qualifier_word (ItogiQualifier q)
{
  /* The report's own words: these are data typography, not UI text. */
  switch (q)
    {
    case ITOGI_QUALIFIER_MORE:
      return "более";
    case ITOGI_QUALIFIER_OVER:
      return "свыше";
    case ITOGI_QUALIFIER_ORDER:
      return "порядка";
    case ITOGI_QUALIFIER_ABOUT:
      return "около";
    case ITOGI_QUALIFIER_LESS:
      return "менее";
    case ITOGI_QUALIFIER_EXACT:
    default:
      return NULL;
    }
}

char *
itogi_format_value (const ItogiValue *value, ItogiKind kind, guint scale)
{
  g_autofree char *number = NULL;
  const char *word;

  if (value == NULL || !value->present)
    return g_strdup ("");

  number = itogi_format_amount (value->amount, kind, scale);
  word = itogi_qualifier_word (value->qualifier);
  if (word == NULL)
    return g_steal_pointer (&number);
  return g_strconcat (word, ITOGI_NBSP, number, NULL);
}

char *
itogi_format_value_with_unit (const ItogiValue *value, ItogiKind kind, guint scale, const char *unit)
{
  g_autofree char *text = itogi_format_value (value, kind, scale);

  if (*text == '\0' || unit == NULL || *unit == '\0' || kind == ITOGI_KIND_PERCENT)
    return g_steal_pointer (&text);
  return g_strconcat (text, ITOGI_NBSP, unit, NULL);
}

char *
itogi_format_year (int year)
{
  return g_strdup_printf ("%d" ITOGI_NBSP "г.", year);
}

char *
itogi_format_local_time (const char *iso)
{
  g_autoptr (GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%d.%m.%Y %H:%M") : g_strdup (iso != NULL ? iso : "");
}

guint
itogi_plural_category (guint64 n)
{
  guint64 d10 = n % 10, d100 = n % 100;

  if (d10 == 1 && d100 != 11)
    return 0;
  if (d10 >= 2 && d10 <= 4 && (d100 < 10 || d100 >= 20))
    return 1;
  return 2;
}

guint
itogi_plural_form_index (gint64 amount, guint scale, gboolean genitive)
{
  guint64 unit = pow10u (MIN (scale, 6));
  guint64 mag = magnitude (amount);
  guint category;

  /* A fraction always takes the genitive singular: «1,5 обращения». */
  if (mag % unit != 0)
    return 1;
  category = itogi_plural_category (mag / unit);
  if (genitive)
    return category == 0 ? 1 : 2;
  return category;
}

char *
itogi_format_count_phrase (const ItogiValue *value, ItogiKind kind, guint scale, const char *const *forms)
{
  g_autofree char *number = NULL;
  guint eff_scale = itogi_kind_effective_scale (kind, scale);
  gboolean genitive;
  guint index;

  if (value == NULL || !value->present)
    return g_strdup ("");
  number = itogi_format_value (value, kind, scale);
  if (forms == NULL || forms[0] == NULL || forms[1] == NULL || forms[2] == NULL)
    return g_steal_pointer (&number);

  genitive = value->qualifier != ITOGI_QUALIFIER_EXACT;
  index = itogi_plural_form_index (value->amount, eff_scale, genitive);
  return g_strconcat (number, ITOGI_NBSP, forms[index], NULL);
}

/* ---- parsing ---- */

static gboolean
is_group_space (gunichar c)
{
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007;
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      if (!(is_group_space (c) || c == '\t'))
        break;
      p = g_utf8_next_char (p);
    }
  return p;
}

static gboolean
eat_prefix (const char **p, const char *word)
{
  gsize len = strlen (word);

  if (strncmp (*p, word, len) != 0)
    return FALSE;
  *p += len;
  return TRUE;
}

typedef struct
{
  const char *word;
  ItogiQualifier qualifier;
} QualifierWord;

/* Longest first, so «более чем» wins over «более». */
static const QualifierWord qualifier_words[] = {
  { "более чем", ITOGI_QUALIFIER_MORE }, { "более", ITOGI_QUALIFIER_MORE },
  { "больше", ITOGI_QUALIFIER_MORE },    { "свыше", ITOGI_QUALIFIER_OVER },
  { "порядка", ITOGI_QUALIFIER_ORDER },  { "около", ITOGI_QUALIFIER_ABOUT },
  { "примерно", ITOGI_QUALIFIER_ABOUT }, { "менее", ITOGI_QUALIFIER_LESS },
  { "меньше", ITOGI_QUALIFIER_LESS },    { ">", ITOGI_QUALIFIER_MORE },
  { "<", ITOGI_QUALIFIER_LESS },         { "~", ITOGI_QUALIFIER_ABOUT },
  { "\u2248", ITOGI_QUALIFIER_ABOUT },
};

typedef struct
{
  const char *word;
  guint power;
} MultiplierWord;

static const MultiplierWord multiplier_words[] = {
  { "тысячи", 3 },     { "тысяча", 3 },    { "тысяч", 3 },    { "тыс.", 3 },  { "тыс", 3 },
  { "миллионов", 6 },  { "миллиона", 6 },  { "миллион", 6 },  { "млн.", 6 },  { "млн", 6 },
  { "миллиардов", 9 }, { "миллиарда", 9 }, { "миллиард", 9 }, { "млрд.", 9 }, { "млрд", 9 },
};

static gboolean
set_invalid (GError **error, const char *text)
{
  g_set_error (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_INVALID,
               /* Translators: %s is what the user typed */
               _ ("“%s” is not a number. Type digits, for example 22 808 or 779 054,51."), text);
  return FALSE;
}

gboolean
itogi_parse_value (const char *text, ItogiKind kind, guint scale, gint64 *amount, ItogiQualifier *qualifier,
                   GError **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *shown = NULL;
  g_autoptr (GString) int_digits = g_string_new (NULL);
  g_autoptr (GString) frac_digits = g_string_new (NULL);
  ItogiQualifier q = ITOGI_QUALIFIER_EXACT;
  gboolean negative = FALSE, grouped = FALSE, bad_group = FALSE, three_decimals = FALSE;
  guint group_len = 0, first_group_len = 0, power = 0;
  guint eff_scale = itogi_kind_effective_scale (kind, scale);
  const char *p;
  guint64 result = 0;
  gsize point, total;

  g_return_val_if_fail (amount != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_INVALID,
                           _ ("The text is not valid UTF-8."));
      return FALSE;
    }

  {
    /* What the messages quote: a pasted page of text must not become the message. */
    g_autofree char *stripped = g_strstrip (g_strdup (text));
    shown = itogi_text_excerpt (stripped, 40);
  }
  lower = g_utf8_strdown (text, -1);
  p = skip_spaces (lower);
  if (*p == '\0')
    {
      g_set_error_literal (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_EMPTY, _ ("Enter a number."));
      return FALSE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (qualifier_words); i++)
    if (eat_prefix (&p, qualifier_words[i].word))
      {
        q = qualifier_words[i].qualifier;
        p = skip_spaces (p);
        break;
      }

  if (*p == '+')
    p++;
  else if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  else if (eat_prefix (&p, ITOGI_MINUS))
    negative = TRUE;

  if (!g_ascii_isdigit (*p))
    return set_invalid (error, shown);

  /* Integer part, with optional groups of three separated by spaces. */
  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (int_digits, *p++);
          group_len++;
          continue;
        }
      if (is_group_space (g_utf8_get_char (p)))
        {
          const char *next = skip_spaces (p);
          if (!g_ascii_isdigit (*next))
            break;
          if (!grouped)
            first_group_len = group_len;
          else if (group_len != 3)
            bad_group = TRUE;
          grouped = TRUE;
          group_len = 0;
          p = next;
          continue;
        }
      break;
    }
  if (grouped && (group_len != 3 || first_group_len > 3 || first_group_len == 0))
    bad_group = TRUE;
  if (bad_group)
    {
      g_set_error (
          error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_INVALID,
          _ ("“%s” has digit groups of the wrong size: separate thousands in groups of three, as in 22 808."),
          shown);
      return FALSE;
    }

  if (*p == ',' || *p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return set_invalid (error, shown);
      while (g_ascii_isdigit (*p))
        g_string_append_c (frac_digits, *p++);
      three_decimals = frac_digits->len == 3;
      if ((*p == ',' || *p == '.') && g_ascii_isdigit (p[1]))
        {
          g_set_error (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_INVALID,
                       _ ("“%s” separates thousands with commas or dots: separate them with spaces, as in "
                          "12 345 678, and use a comma only before decimals."),
                       shown);
          return FALSE;
        }
    }

  p = skip_spaces (p);
  for (gsize i = 0; i < G_N_ELEMENTS (multiplier_words); i++)
    if (eat_prefix (&p, multiplier_words[i].word))
      {
        power = multiplier_words[i].power;
        p = skip_spaces (p);
        break;
      }
  if (kind == ITOGI_KIND_PERCENT && *p == '%')
    p = skip_spaces (p + 1);
  if (*p != '\0')
    return set_invalid (error, shown);

  /* «1,000» is a thousand in an English table and one in a Russian one. Where the indicator
   * keeps three decimals, or a Russian word such as «тыс.» follows, the Russian reading is
   * meant; otherwise the figure is asked again rather than stored a thousand times too small.
   * «0,500» and «1 000,000» are not ambiguous: no table groups thousands that way. */
  if (three_decimals && eff_scale < 3 && power == 0 && !grouped && int_digits->len <= 3
      && int_digits->str[0] != '0')
    {
      g_set_error (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_AMBIGUOUS,
                   /* Translators: %s is what the user typed, such as «1,000» */
                   _ ("“%s” could be a thousand or a fraction: write thousands with a space (1 000) and "
                      "fractions with a comma (1,5)."),
                   shown);
      return FALSE;
    }

  /* Shift the decimal point right by the multiplier, then by the scale. */
  while (frac_digits->len > 0 && frac_digits->str[frac_digits->len - 1] == '0')
    g_string_truncate (frac_digits, frac_digits->len - 1);
  point = int_digits->len + power;
  g_string_append_len (int_digits, frac_digits->str, frac_digits->len);
  total = int_digits->len;
  if (total > point + eff_scale)
    {
      if (eff_scale == 0)
        g_set_error_literal (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_FRACTION,
                             kind == ITOGI_KIND_COUNT ? _ ("A count must be a whole number.")
                                                      : _ ("This indicator takes whole numbers only."));
      else
        g_set_error (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_PRECISION,
                     g_dngettext (GETTEXT_PACKAGE, "At most %u digit after the decimal comma.",
                                  "At most %u digits after the decimal comma.", eff_scale),
                     eff_scale);
      return FALSE;
    }

  for (gsize i = 0; i < point + eff_scale; i++)
    {
      guint digit = i < total ? (guint)(int_digits->str[i] - '0') : 0;
      if (result > ((guint64)ITOGI_AMOUNT_MAX - digit) / 10)
        {
          g_set_error_literal (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_RANGE,
                               _ ("The number is too large for this indicator."));
          return FALSE;
        }
      result = result * 10 + digit;
    }

  if (negative && result != 0 && (kind == ITOGI_KIND_COUNT || kind == ITOGI_KIND_MONEY))
    {
      g_set_error_literal (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_NEGATIVE,
                           kind == ITOGI_KIND_COUNT ? _ ("A count cannot be negative.")
                                                    : _ ("A sum of money cannot be negative here."));
      return FALSE;
    }

  *amount = negative ? -(gint64)result : (gint64)result;
  if (qualifier != NULL)
    *qualifier = q;
  else if (q != ITOGI_QUALIFIER_EXACT)
    {
      g_set_error (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_INVALID,
                   _ ("“%s” must be an exact number here."), shown);
      return FALSE;
    }
  return TRUE;
}
