/* fuzz-period.c: libFuzzer target for the import's period and date parsers
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -fsanitize=fuzzer when meson's 'fuzzing' option is on; otherwise fuzz-replay.c
 * feeds it the checked-in corpus (tests/fuzz/period) as an ordinary test.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itogi-import.h"
#include "itogi-period.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *const roman[] = { "I", "II", "III", "IV" };

/* @text must read as exactly (@period, @index). */
static void
reads_as (const char *text, ItogiPeriodType period, int index)
{
  ItogiPeriodType again = ITOGI_PERIOD_YEAR;
  int again_index = -1;

  g_assert_true (itogi_import_parse_period (text, &again, &again_index));
  g_assert_cmpint (again, ==, period);
  g_assert_cmpint (again_index, ==, index);
}

static void
check_period (const char *text)
{
  ItogiPeriodType period = ITOGI_PERIOD_YEAR;
  int index = -1;

  if (!itogi_import_parse_period (text, &period, &index))
    return;
  /* Only text can be a period, and only one that exists. */
  g_assert_true (g_utf8_validate (text, -1, NULL));
  switch (period)
    {
    case ITOGI_PERIOD_YEAR:
      g_assert_cmpint (index, ==, 0);
      break;
    case ITOGI_PERIOD_QUARTER:
      g_assert_cmpint (index, >=, 1);
      g_assert_cmpint (index, <=, ITOGI_QUARTERS);
      break;
    case ITOGI_PERIOD_MONTH:
      g_assert_cmpint (index, >=, 1);
      g_assert_cmpint (index, <=, ITOGI_MONTHS);
      break;
    default:
      g_assert_not_reached ();
    }

  /* The name the app gives it, and the forms the import documents, read back as the same. */
  reads_as (itogi_period_name (period, (guint)index), period, index);
  if (period == ITOGI_PERIOD_YEAR)
    {
      reads_as ("", period, index);
      reads_as ("год", period, index);
    }
  else
    {
      g_autofree char *code = g_strdup_printf ("%c%d", period == ITOGI_PERIOD_QUARTER ? 'Q' : 'M', index);
      g_autofree char *number = g_strdup_printf (period == ITOGI_PERIOD_QUARTER ? "%d квартал" : "%d", index);
      reads_as (code, period, index);
      reads_as (number, period, index);
      if (period == ITOGI_PERIOD_QUARTER)
        {
          g_autofree char *roman_form = g_strdup_printf ("%s квартал", roman[index - 1]);
          reads_as (roman_form, period, index);
        }
    }
  /* Blanks around it change nothing. */
  {
    g_autofree char *padded = g_strconcat ("  ", text, "\t", NULL);
    reads_as (padded, period, index);
  }
}

static void
check_date (const char *text)
{
  g_autofree char *iso = itogi_import_parse_date (text);
  g_autofree char *again = NULL;
  int y, m, d;

  if (iso == NULL)
    return;
  /* «YYYY-MM-DD» of a real day between 1900 and 2200, which reads back as itself. */
  g_assert_cmpuint (strlen (iso), ==, 10);
  g_assert_true (g_ascii_isdigit (iso[0]) && iso[4] == '-' && iso[7] == '-');
  y = atoi (iso);
  m = atoi (iso + 5);
  d = atoi (iso + 8);
  g_assert_cmpint (y, >=, 1900);
  g_assert_cmpint (y, <=, 2200);
  g_assert_true (g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y));
  again = itogi_import_parse_date (iso);
  g_assert_cmpstr (again, ==, iso);
  /* The Russian form of the same day too. */
  {
    g_autofree char *russian = g_strdup_printf ("%02d.%02d.%04d", d, m, y);
    g_autofree char *back = itogi_import_parse_date (russian);
    g_assert_cmpstr (back, ==, iso);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* A NUL ends the text, as it would end a CSV field handed over as a C string. */
  g_autofree char *text = g_strndup ((const char *)data, size);

  check_period (text);
  check_date (text);
  return 0;
}
