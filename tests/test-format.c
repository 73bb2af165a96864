/* test-format.c: Russian formatting and parsing, pinned on the report's own figures
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "itogi-format.h"
#include "test-util.h"

#define G "\u202f"  /* group separator */
#define NB "\u00a0" /* no-break space */
#define M "\u2212"  /* minus */

static void
test_integers (void)
{
  static const struct
  {
    gint64 in;
    const char *out;
  } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1" G "000" },
    { 6553, "6" G "553" },
    { 22808, "22" G "808" },
    { 23142, "23" G "142" },
    { 1234567, "1" G "234" G "567" },
    { -334, M "334" },
    { -4881, M "4" G "881" },
    { G_MININT64, M "9" G "223" G "372" G "036" G "854" G "775" G "808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = itogi_format_integer (cases[i].in);
      g_assert_cmpstr (s, ==, cases[i].out);
    }
}

static void
test_money (void)
{
  ItogiValue savings = { .present = TRUE, .amount = 77905451 };
  ItogiValue recovered = { .present = TRUE, .amount = 11958552199 };
  g_autofree char *a = itogi_format_amount (77905451, ITOGI_KIND_MONEY, 0);
  g_autofree char *b = itogi_format_value_with_unit (&savings, ITOGI_KIND_MONEY, 2, "руб.");
  g_autofree char *c = itogi_format_value_with_unit (&recovered, ITOGI_KIND_MONEY, 2, "руб.");
  g_autofree char *d = itogi_format_fixed (5, 2);
  g_autofree char *e = itogi_format_fixed (-5, 2);
  g_autofree char *f = itogi_format_amount (125, ITOGI_KIND_PERCENT, 1);

  g_assert_cmpstr (a, ==, "779" G "054,51");
  g_assert_cmpstr (b, ==, "779" G "054,51" NB "руб.");
  g_assert_cmpstr (c, ==, "119" G "585" G "521,99" NB "руб.");
  g_assert_cmpstr (d, ==, "0,05");
  g_assert_cmpstr (e, ==, M "0,05");
  g_assert_cmpstr (f, ==, "12,5" NB "%");
}

static void
test_qualified_values (void)
{
  ItogiValue more = { .present = TRUE, .amount = 8000, .qualifier = ITOGI_QUALIFIER_MORE };
  ItogiValue over = { .present = TRUE, .amount = 6000, .qualifier = ITOGI_QUALIFIER_OVER };
  ItogiValue order = { .present = TRUE, .amount = 340, .qualifier = ITOGI_QUALIFIER_ORDER };
  ItogiValue missing = { 0 };
  g_autofree char *a = itogi_format_value (&more, ITOGI_KIND_COUNT, 0);
  g_autofree char *b = itogi_format_value (&over, ITOGI_KIND_COUNT, 0);
  g_autofree char *c = itogi_format_value (&order, ITOGI_KIND_COUNT, 0);
  g_autofree char *d = itogi_format_value (&missing, ITOGI_KIND_COUNT, 0);

  g_assert_cmpstr (a, ==, "более" NB "8" G "000");
  g_assert_cmpstr (b, ==, "свыше" NB "6" G "000");
  g_assert_cmpstr (c, ==, "порядка" NB "340");
  g_assert_cmpstr (d, ==, "");
}

static void
test_years (void)
{
  g_autofree char *a = itogi_format_year (2022);
  g_autofree char *b = itogi_format_year (2023);

  g_assert_cmpstr (a, ==, "2022" NB "г.");
  g_assert_cmpstr (b, ==, "2023" NB "г.");
}

static void
test_plural_categories (void)
{
  static const struct
  {
    guint64 n;
    guint cat;
  } cases[] = {
    { 0, 2 },   { 1, 0 },    { 2, 1 },    { 4, 1 },     { 5, 2 },   { 11, 2 },
    { 12, 2 },  { 14, 2 },   { 21, 0 },   { 22, 1 },    { 25, 2 },  { 101, 0 },
    { 111, 2 }, { 1001, 0 }, { 6553, 1 }, { 22808, 2 }, { 112, 2 }, { 122, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (itogi_plural_category (cases[i].n), ==, cases[i].cat);
}

static void
test_count_phrases (void)
{
  static const char *const appeal[] = { "обращение", "обращения", "обращений", NULL };
  static const char *const citizen[] = { "гражданин", "гражданина", "граждан", NULL };
  static const char *const suit[] = { "иск", "иска", "исков", NULL };
  static const struct
  {
    gint64 amount;
    ItogiQualifier q;
    const char *const *forms;
    const char *out;
  } cases[] = {
    { 1, ITOGI_QUALIFIER_EXACT, appeal, "1" NB "обращение" },
    { 21, ITOGI_QUALIFIER_EXACT, appeal, "21" NB "обращение" },
    { 6553, ITOGI_QUALIFIER_EXACT, appeal, "6" G "553" NB "обращения" },
    { 11, ITOGI_QUALIFIER_EXACT, appeal, "11" NB "обращений" },
    { 22808, ITOGI_QUALIFIER_EXACT, appeal, "22" G "808" NB "обращений" },
    { 65, ITOGI_QUALIFIER_EXACT, citizen, "65" NB "граждан" },
    { 21, ITOGI_QUALIFIER_MORE, appeal, "более" NB "21" NB "обращения" },
    { 6000, ITOGI_QUALIFIER_OVER, suit, "свыше" NB "6" G "000" NB "исков" },
    { 22, ITOGI_QUALIFIER_MORE, appeal, "более" NB "22" NB "обращений" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ItogiValue v = { .present = TRUE, .amount = cases[i].amount, .qualifier = cases[i].q };
      g_autofree char *s = itogi_format_count_phrase (&v, ITOGI_KIND_COUNT, 0, cases[i].forms);
      g_assert_cmpstr (s, ==, cases[i].out);
    }

  /* A fraction takes the genitive singular: «1,5 обращения». */
  {
    ItogiValue v = { .present = TRUE, .amount = 15 };
    g_autofree char *s = itogi_format_count_phrase (&v, ITOGI_KIND_DECIMAL, 1, appeal);
    g_assert_cmpstr (s, ==, "1,5" NB "обращения");
  }
}

static void
test_parse_good (void)
{
  static const struct
  {
    const char *in;
    ItogiKind kind;
    guint scale;
    gint64 amount;
    ItogiQualifier q;
  } cases[] = {
    { "22808", ITOGI_KIND_COUNT, 0, 22808, ITOGI_QUALIFIER_EXACT },
    { "22 808", ITOGI_KIND_COUNT, 0, 22808, ITOGI_QUALIFIER_EXACT },
    { "22\u00a0808", ITOGI_KIND_COUNT, 0, 22808, ITOGI_QUALIFIER_EXACT },
    { "22\u202f808", ITOGI_KIND_COUNT, 0, 22808, ITOGI_QUALIFIER_EXACT },
    { "22\u2009808", ITOGI_KIND_COUNT, 0, 22808, ITOGI_QUALIFIER_EXACT },
    { "  22808  ", ITOGI_KIND_COUNT, 0, 22808, ITOGI_QUALIFIER_EXACT },
    { "779 054,51", ITOGI_KIND_MONEY, 2, 77905451, ITOGI_QUALIFIER_EXACT },
    { "779054.51", ITOGI_KIND_MONEY, 2, 77905451, ITOGI_QUALIFIER_EXACT },
    { "119 585 521,99", ITOGI_KIND_MONEY, 2, 11958552199, ITOGI_QUALIFIER_EXACT },
    { "779054,5", ITOGI_KIND_MONEY, 2, 77905450, ITOGI_QUALIFIER_EXACT },
    { "779054", ITOGI_KIND_MONEY, 2, 77905400, ITOGI_QUALIFIER_EXACT },
    { "более 8 тысяч", ITOGI_KIND_COUNT, 0, 8000, ITOGI_QUALIFIER_MORE },
    { "Более 8000", ITOGI_KIND_COUNT, 0, 8000, ITOGI_QUALIFIER_MORE },
    { "более чем 5,6 тысяч", ITOGI_KIND_COUNT, 0, 5600, ITOGI_QUALIFIER_MORE },
    { "свыше 6 тысяч", ITOGI_KIND_COUNT, 0, 6000, ITOGI_QUALIFIER_OVER },
    { "свыше 6000", ITOGI_KIND_COUNT, 0, 6000, ITOGI_QUALIFIER_OVER },
    { ">8000", ITOGI_KIND_COUNT, 0, 8000, ITOGI_QUALIFIER_MORE },
    { "порядка 340", ITOGI_KIND_COUNT, 0, 340, ITOGI_QUALIFIER_ORDER },
    { "~340", ITOGI_KIND_COUNT, 0, 340, ITOGI_QUALIFIER_ABOUT },
    { "около 340", ITOGI_KIND_COUNT, 0, 340, ITOGI_QUALIFIER_ABOUT },
    { "менее 10", ITOGI_KIND_COUNT, 0, 10, ITOGI_QUALIFIER_LESS },
    { "119,6 млн", ITOGI_KIND_MONEY, 2, 11960000000, ITOGI_QUALIFIER_EXACT },
    { "-2,5", ITOGI_KIND_DECIMAL, 1, -25, ITOGI_QUALIFIER_EXACT },
    { "\u22122,5", ITOGI_KIND_DECIMAL, 1, -25, ITOGI_QUALIFIER_EXACT },
    { "12,5 %", ITOGI_KIND_PERCENT, 1, 125, ITOGI_QUALIFIER_EXACT },
    { "22808,0", ITOGI_KIND_COUNT, 0, 22808, ITOGI_QUALIFIER_EXACT },
    { "0", ITOGI_KIND_COUNT, 0, 0, ITOGI_QUALIFIER_EXACT },
    { "999 999 999 999 999", ITOGI_KIND_COUNT, 0, ITOGI_AMOUNT_MAX, ITOGI_QUALIFIER_EXACT },
    /* Hostile but exact: each is the figure typed. */
    { "-0", ITOGI_KIND_COUNT, 0, 0, ITOGI_QUALIFIER_EXACT },
    { "\u22120", ITOGI_KIND_MONEY, 2, 0, ITOGI_QUALIFIER_EXACT },
    { "1 000 000 000 000", ITOGI_KIND_COUNT, 0, G_GINT64_CONSTANT (1000000000000), ITOGI_QUALIFIER_EXACT },
    { "000000000000000000000007", ITOGI_KIND_COUNT, 0, 7, ITOGI_QUALIFIER_EXACT },
    { "12,34000000000000000000", ITOGI_KIND_MONEY, 2, 1234, ITOGI_QUALIFIER_EXACT },
    { "0,500", ITOGI_KIND_MONEY, 2, 50, ITOGI_QUALIFIER_EXACT },
    { "1,500", ITOGI_KIND_DECIMAL, 3, 1500, ITOGI_QUALIFIER_EXACT },
    { "1 000,000", ITOGI_KIND_COUNT, 0, 1000, ITOGI_QUALIFIER_EXACT },
    { "1,500 тыс.", ITOGI_KIND_COUNT, 0, 1500, ITOGI_QUALIFIER_EXACT },
    { "9999,000", ITOGI_KIND_COUNT, 0, 9999, ITOGI_QUALIFIER_EXACT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 amount = -1;
      ItogiQualifier q = ITOGI_QUALIFIER_LESS;

      g_test_message ("parsing «%s»", cases[i].in);
      g_assert_true (itogi_parse_value (cases[i].in, cases[i].kind, cases[i].scale, &amount, &q, &error));
      g_assert_no_error (error);
      g_assert_cmpint (amount, ==, cases[i].amount);
      g_assert_cmpint (q, ==, cases[i].q);
    }
}

static void
test_parse_bad (void)
{
  static const struct
  {
    const char *in;
    ItogiKind kind;
    ItogiFormatError code;
  } cases[] = {
    { "", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_EMPTY },
    { "   ", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_EMPTY },
    { "abc", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "12abc", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "12,", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "1,2,3", ITOGI_KIND_MONEY, ITOGI_FORMAT_ERROR_INVALID },
    { "22 80", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "2280 8", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "-5", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_NEGATIVE },
    { "\u22125", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_NEGATIVE },
    { "2,5", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_FRACTION },
    { "779 054,515", ITOGI_KIND_MONEY, ITOGI_FORMAT_ERROR_PRECISION },
    { "1 000 000 000 000 000", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_RANGE },
    { "99999999999999999999", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_RANGE },
    { "1e20", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "более", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "\xff\xfe", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    /* Hostile: refused, never read as something else. */
    { "NaN", ITOGI_KIND_DECIMAL, ITOGI_FORMAT_ERROR_INVALID },
    { "inf", ITOGI_KIND_DECIMAL, ITOGI_FORMAT_ERROR_INVALID },
    { "-Infinity", ITOGI_KIND_DECIMAL, ITOGI_FORMAT_ERROR_INVALID },
    { "\u221e", ITOGI_KIND_DECIMAL, ITOGI_FORMAT_ERROR_INVALID },
    { "1E20", ITOGI_KIND_MONEY, ITOGI_FORMAT_ERROR_INVALID },
    { "0x10", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "\uff11\uff12", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID }, /* full-width digits */
    { "12,345,678", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_INVALID },
    { "12.345.678", ITOGI_KIND_MONEY, ITOGI_FORMAT_ERROR_INVALID },
    { "1,000", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_AMBIGUOUS },
    { "2.500", ITOGI_KIND_MONEY, ITOGI_FORMAT_ERROR_AMBIGUOUS },
    { "более 1,000", ITOGI_KIND_COUNT, ITOGI_FORMAT_ERROR_AMBIGUOUS },
    { "0,12345678901234567890", ITOGI_KIND_MONEY, ITOGI_FORMAT_ERROR_PRECISION },
    { "-9223372036854775808", ITOGI_KIND_DECIMAL, ITOGI_FORMAT_ERROR_RANGE },
    { "1 000 000 000 000 000", ITOGI_KIND_MONEY, ITOGI_FORMAT_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 amount = 42;
      ItogiQualifier q = ITOGI_QUALIFIER_EXACT;

      g_autofree char *shown = g_strescape (cases[i].in, "\u00a0");
      g_test_message ("parsing «%s»", shown);
      g_assert_false (itogi_parse_value (cases[i].in, cases[i].kind, 2, &amount, &q, &error));
      g_assert_error (error, ITOGI_FORMAT_ERROR, (gint)cases[i].code);
      g_assert_nonnull (error->message);
      g_assert_cmpuint (strlen (error->message), >, 5);
      /* Nothing is written on failure. */
      g_assert_cmpint (amount, ==, 42);
    }
}

/* A pasted page is refused with a message of a line, not with the page quoted back. */
static void
test_parse_messages_stay_short (void)
{
  g_autoptr (GString) page = g_string_new ("12");
  g_autoptr (GError) error = NULL;
  gint64 amount = 0;

  for (int i = 0; i < 100000; i++)
    g_string_append (page, i % 7 == 0 ? "\x1b" : "ж");
  g_assert_false (itogi_parse_value (page->str, ITOGI_KIND_COUNT, 0, &amount, NULL, &error));
  g_assert_error (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_INVALID);
  g_assert_cmpint (g_utf8_strlen (error->message, -1), <, 200);
  /* The escape character is shown as a replacement, so a terminal prints it harmlessly. */
  g_assert_null (strchr (error->message, '\x1b'));
  g_assert_nonnull (strstr (error->message, "12\xef\xbf\xbd"));
}

static void
test_roundtrip (void)
{
  /* Whatever we print, we can read back. */
  static const gint64 amounts[] = { 0, 1, 999, 1000, 22808, 77905451, 11958552199, ITOGI_AMOUNT_MAX };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *text = itogi_format_amount (amounts[i], ITOGI_KIND_MONEY, 2);
      gint64 back = -1;
      g_assert_true (itogi_parse_value (text, ITOGI_KIND_MONEY, 2, &back, NULL, NULL));
      g_assert_cmpint (back, ==, amounts[i]);
    }
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/core/format/integers", test_integers);
  g_test_add_func ("/core/format/money", test_money);
  g_test_add_func ("/core/format/qualified-values", test_qualified_values);
  g_test_add_func ("/core/format/years", test_years);
  g_test_add_func ("/core/format/plural-categories", test_plural_categories);
  g_test_add_func ("/core/format/count-phrases", test_count_phrases);
  g_test_add_func ("/core/format/parse-good", test_parse_good);
  g_test_add_func ("/core/format/parse-bad", test_parse_bad);
  g_test_add_func ("/core/format/parse-messages-stay-short", test_parse_messages_stay_short);
  g_test_add_func ("/core/format/roundtrip", test_roundtrip);
  return g_test_run ();
}
