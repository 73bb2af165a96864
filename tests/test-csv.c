/* test-csv.c: the CSV reader on what offices produce, and on broken files
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "itogi-csv.h"

static ItogiCsvTable *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  ItogiCsvTable *table = itogi_csv_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static const char *
cell (ItogiCsvTable *t, guint row, guint col)
{
  ItogiCsvRow *r = g_ptr_array_index (t->rows, row);
  g_assert_cmpuint (col, <, g_strv_length (r->fields));
  return r->fields[col];
}

static void
test_dialects (void)
{
  /* Russian Excel: BOM, «;», CRLF. */
  g_autoptr (ItogiCsvTable) a = parse_ok ("\xef\xbb\xbfПоказатель;Год\r\nПроверки;2023\r\n");
  /* LibreOffice's default: «,», LF, no BOM. */
  g_autoptr (ItogiCsvTable) b = parse_ok ("Показатель,Год\nПроверки,2023\n");
  /* An old Mac: lone CR. */
  g_autoptr (ItogiCsvTable) c = parse_ok ("Показатель;Год\rПроверки;2023");

  g_assert_cmpint (a->delimiter, ==, ';');
  g_assert_cmpint (b->delimiter, ==, ',');
  g_assert_cmpstr (cell (a, 0, 0), ==, "Показатель");
  g_assert_cmpstr (cell (a, 1, 1), ==, "2023");
  g_assert_cmpstr (cell (b, 1, 0), ==, "Проверки");
  g_assert_cmpstr (cell (c, 1, 1), ==, "2023");
  g_assert_cmpuint (a->rows->len, ==, 2);
  g_assert_cmpuint (c->rows->len, ==, 2);
}

static void
test_quotes (void)
{
  g_autoptr (ItogiCsvTable) t = parse_ok ("Показатель;Значение;Примечание\n"
                                          "\"Расходы; прочие\";\"1 000,50\";\"Сказано \"\"так\"\"\"\n"
                                          "\"Две\nстроки\";5;\n"
                                          "Последний;7;\"\"\n");

  g_assert_cmpuint (t->rows->len, ==, 4);
  g_assert_cmpstr (cell (t, 1, 0), ==, "Расходы; прочие");
  g_assert_cmpstr (cell (t, 1, 1), ==, "1 000,50");
  g_assert_cmpstr (cell (t, 1, 2), ==, "Сказано \"так\"");
  g_assert_cmpstr (cell (t, 2, 0), ==, "Две\nстроки");
  g_assert_cmpstr (cell (t, 2, 2), ==, "");
  g_assert_cmpstr (cell (t, 3, 2), ==, "");
  /* A row keeps the line it starts on, even after a field of two lines. */
  g_assert_cmpuint (((ItogiCsvRow *)t->rows->pdata[2])->line, ==, 3);
  g_assert_cmpuint (((ItogiCsvRow *)t->rows->pdata[3])->line, ==, 5);
}

static void
test_blank_lines_and_ragged_rows (void)
{
  g_autoptr (ItogiCsvTable) t = parse_ok ("a;b;c\n\n1;2;3\n4;5\n\n");

  /* Blank lines are skipped; a short row is kept as it is (the importer says what is wrong). */
  g_assert_cmpuint (t->rows->len, ==, 3);
  g_assert_cmpuint (((ItogiCsvRow *)t->rows->pdata[1])->line, ==, 3);
  g_assert_cmpuint (g_strv_length (((ItogiCsvRow *)t->rows->pdata[2])->fields), ==, 2);
}

static void
test_broken_files (void)
{
  static const struct
  {
    const char *text;
    gssize len;
    ItogiCsvError code;
    const char *says;
  } cases[] = {
    { "a;b\n\"open;2\n3;4\n", -1, ITOGI_CSV_ERROR_SYNTAX, "Line 2" },
    { "a;b\n\"x\"y;2\n", -1, ITOGI_CSV_ERROR_SYNTAX, "Line 2" },
    /* Windows-1251 «Год» in a UTF-8 file. */
    { "a;b\n1;2\n\xc3\xee\xe4;3\n", -1, ITOGI_CSV_ERROR_ENCODING, "Line 3" },
    { "", 0, ITOGI_CSV_ERROR_EMPTY, "" },
    { "\n\n\r\n", -1, ITOGI_CSV_ERROR_EMPTY, "" },
    { "a;b\n1;\0002\n", 8, ITOGI_CSV_ERROR_ENCODING, "Line 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gsize len = cases[i].len >= 0 ? (gsize)cases[i].len : strlen (cases[i].text);
      ItogiCsvTable *t = itogi_csv_parse (cases[i].text, len, &error);

      g_test_message ("case %u", i);
      g_assert_null (t);
      g_assert_error (error, ITOGI_CSV_ERROR, (gint)cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/csv/dialects", test_dialects);
  g_test_add_func ("/core/csv/quotes", test_quotes);
  g_test_add_func ("/core/csv/blank-lines-and-ragged-rows", test_blank_lines_and_ragged_rows);
  g_test_add_func ("/core/csv/broken-files", test_broken_files);
  return g_test_run ();
}
