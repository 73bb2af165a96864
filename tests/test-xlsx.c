/* test-xlsx.c: sheet names Excel accepts, and text that must not become a formula
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "itogi-xlsx.h"
#include "test-util.h"

static void
test_sheet_names (void)
{
  g_autoptr (GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *a = itogi_export_sheet_name ("Итоги", taken);
  g_autofree char *b = itogi_export_sheet_name ("ИТОГИ", taken);
  g_autofree char *c = itogi_export_sheet_name ("итоги", taken);
  g_autofree char *d = itogi_export_sheet_name (
      "Работа с общественными организациями и правоохранительными органами", taken);
  g_autofree char *e = itogi_export_sheet_name (
      "Работа с общественными организациями и правоохранительными органами", taken);
  g_autofree char *f = itogi_export_sheet_name ("Доходы/расходы [план]: итог?*", taken);
  g_autofree char *g = itogi_export_sheet_name ("'Кавычки'", taken);
  g_autofree char *h = itogi_export_sheet_name ("", taken);
  g_autofree char *i = itogi_export_sheet_name ("Лист", taken);

  g_assert_cmpstr (a, ==, "Итоги");
  /* Excel compares names without regard to case, Cyrillic included. */
  g_assert_cmpstr (b, ==, "ИТОГИ (2)");
  g_assert_cmpstr (c, ==, "итоги (3)");
  /* At most 31 characters (not bytes), still unique when cut. */
  g_assert_cmpint (g_utf8_strlen (d, -1), ==, 31);
  g_assert_cmpint (g_utf8_strlen (e, -1), <=, 31);
  g_assert_true (g_str_has_suffix (e, " (2)"));
  g_assert_cmpstr (d, !=, e);
  g_assert_true (g_utf8_validate (d, -1, NULL) && g_utf8_validate (e, -1, NULL));
  g_assert_null (strpbrk (f, "[]:*?/\\"));
  g_assert_false (g_str_has_prefix (g, "'") || g_str_has_suffix (g, "'"));
  g_assert_cmpstr (h, ==, "Лист");
  g_assert_cmpstr (i, ==, "Лист (2)");
}

static void
test_csv_text (void)
{
  static const struct
  {
    const char *in, *out;
  } cases[] = {
    { "=СУММ(A1:A3)", "'=СУММ(A1:A3)" },
    { "+7", "'+7" },
    { "-1", "'-1" },
    { "@ед.", "'@ед." },
    { "Обращения", "Обращения" },
    { "", "" },
    { "2 000", "2 000" },
    /* The rest of OWASP's list: a leading tab or carriage return. */
    { "\t=1+1", "'\t=1+1" },
    { "\r=1+1", "'\r=1+1" },
    /* Only the first character counts, and a true minus never starts a formula: «−1,4 %» as
     * the table shows a change stays as it is. */
    { " =1+1", " =1+1" },
    { "\u22121,4\u00a0%", "\u22121,4\u00a0%" },
    { "1-2", "1-2" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *s = itogi_export_csv_text (cases[k].in);
      g_assert_cmpstr (s, ==, cases[k].out);
    }
}

static void
test_suggested_name (void)
{
  g_autofree char *name = itogi_export_suggest_name (2023, 2022, "xlsx");
  g_assert_cmpstr (name, ==, "Итоги 2023 к 2022.xlsx");
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/export/sheet-names", test_sheet_names);
  g_test_add_func ("/export/csv-text", test_csv_text);
  g_test_add_func ("/export/suggested-name", test_suggested_name);
  return g_test_run ();
}
