/* test-csv.c: the CSV reader on what offices produce, and on broken files
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "itogi-csv.h"
#include "test-util.h"

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

/* The exact message in the locale the tests run in: @msgid, its "%u" the line when @line > 0. */
static void
assert_message (const GError *error, const char *msgid, guint line)
{
  g_autofree char *want = line > 0 ? itogi_test_tr_n (msgid, line) : g_strdup (itogi_test_tr (msgid));

  g_assert_cmpstr (error->message, ==, want);
}

#define NOT_CLOSED "Line %u: a quoted field is never closed."
#define AFTER_QUOTE "Line %u: there is text after a closing quote."
#define NOT_UTF8 "Line %u is not UTF-8 text. Save the table as “CSV UTF-8” and try again."
#define HOLDS_NUL                                                                                            \
  "Line %u holds a NUL byte: this is not a text table. Save the table as “CSV UTF-8” and try again."
#define NO_TABLE "The file holds no table."

static void
test_broken_files (void)
{
  static const struct
  {
    const char *text;
    gssize len;
    ItogiCsvError code;
    const char *says; /* the message's msgid */
    guint line;
  } cases[] = {
    { "a;b\n\"open;2\n3;4\n", -1, ITOGI_CSV_ERROR_SYNTAX, NOT_CLOSED, 2 },
    { "a;b\n\"x\"y;2\n", -1, ITOGI_CSV_ERROR_SYNTAX, AFTER_QUOTE, 2 },
    /* Windows-1251 «Год» in a UTF-8 file. */
    { "a;b\n1;2\n\xc3\xee\xe4;3\n", -1, ITOGI_CSV_ERROR_ENCODING, NOT_UTF8, 3 },
    { "", 0, ITOGI_CSV_ERROR_EMPTY, NO_TABLE },
    { "\n\n\r\n", -1, ITOGI_CSV_ERROR_EMPTY, NO_TABLE },
    { "a;b\n1;\0002\n", 8, ITOGI_CSV_ERROR_ENCODING, HOLDS_NUL, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gsize len = cases[i].len >= 0 ? (gsize)cases[i].len : strlen (cases[i].text);
      ItogiCsvTable *t = itogi_csv_parse (cases[i].text, len, &error);

      g_test_message ("case %u", i);
      g_assert_null (t);
      g_assert_error (error, ITOGI_CSV_ERROR, (gint)cases[i].code);
      assert_message (error, cases[i].says, cases[i].line);
    }
}

/* Files made to break a reader: each is refused with its line and a plain reason. */
static void
test_hostile_files (void)
{
  static const struct
  {
    const char *text;
    gssize len;
    ItogiCsvError code;
    const char *says; /* the message's msgid */
    guint line;
  } cases[]
      = {
          /* Only a byte-order mark, or a mark and blank lines: no table. */
          { "\xef\xbb\xbf", -1, ITOGI_CSV_ERROR_EMPTY, NO_TABLE },
          { "\xef\xbb\xbf\r\n\r\n", -1, ITOGI_CSV_ERROR_EMPTY, NO_TABLE },
          /* A NUL byte says so, with its line. */
          { "a;b\n1;2\n3;\0004\n", 13, ITOGI_CSV_ERROR_ENCODING, HOLDS_NUL, 3 },
          { "\0", 1, ITOGI_CSV_ERROR_ENCODING, HOLDS_NUL, 1 },
          /* Excel's “Unicode text”. */
          {
              "\xff\xfe\x61\0;\0b\0", 8, ITOGI_CSV_ERROR_ENCODING,
              "The file is UTF-16 (“Unicode text”), not UTF-8. Save the table as “CSV UTF-8” and try "
              "again." }, /* «a;b» */
          /* A lone surrogate, an overlong slash, a byte that is never UTF-8, a cut sequence. */
          { "a;b\n\xed\xa0\x80;1\n", -1, ITOGI_CSV_ERROR_ENCODING, NOT_UTF8, 2 },
          { "a;b\n1;2\n\xc0\xaf;1\n", -1, ITOGI_CSV_ERROR_ENCODING, NOT_UTF8, 3 },
          { "a;\xff\n", -1, ITOGI_CSV_ERROR_ENCODING, NOT_UTF8, 1 },
          { "a;b\n1;\xd0", -1, ITOGI_CSV_ERROR_ENCODING, NOT_UTF8, 2 },
          /* Invalid bytes inside a quoted field are found too. */
          { "a;b\n\"x\n\xfey\";1\n", -1, ITOGI_CSV_ERROR_ENCODING, NOT_UTF8, 3 },
          /* Unbalanced quotes: the line where the field opened, however far the file runs on. */
          { "\"a;b\n1;2\n3;4\n", -1, ITOGI_CSV_ERROR_SYNTAX, NOT_CLOSED, 1 },
          { "a;b\n1;\"", -1, ITOGI_CSV_ERROR_SYNTAX, NOT_CLOSED, 2 },
          { "a;b\n1;\"x\"\"\n", -1, ITOGI_CSV_ERROR_SYNTAX, NOT_CLOSED, 2 },
          { "a;b\n1;\"x\"\"y\"z\n", -1, ITOGI_CSV_ERROR_SYNTAX, AFTER_QUOTE, 2 },
        };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gsize len = cases[i].len >= 0 ? (gsize)cases[i].len : strlen (cases[i].text);
      ItogiCsvTable *t = itogi_csv_parse (cases[i].text, len, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(parsed)");
      g_assert_null (t);
      g_assert_error (error, ITOGI_CSV_ERROR, (gint)cases[i].code);
      assert_message (error, cases[i].says, cases[i].line);
    }
}

/* A quote inside an unquoted field is a character like any other. */
static void
test_stray_quote_is_text (void)
{
  g_autoptr (ItogiCsvTable) t = parse_ok ("a;b\n1;x\"y\n");

  g_assert_cmpstr (cell (t, 1, 1), ==, "x\"y");
}

/* A line of four million characters, and a row of 100 000 fields: read whole, in one pass. */
static void
test_extremely_long_lines (void)
{
  g_autoptr (GString) text = g_string_new ("Показатель;Примечание\nx;\"");
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiCsvTable) wide = NULL;
  g_autoptr (ItogiCsvTable) t = NULL;
  gsize field_len;

  for (int i = 0; i < 2000000; i++)
    g_string_append (text, i % 1000 == 999 ? "\"\"" : "ж");
  g_string_append (text, "\"\n");
  field_len = text->len - strlen ("Показатель;Примечание\nx;\"") - 2 - 2000 /* each "" is one " */;
  t = itogi_csv_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->rows->len, ==, 2);
  g_assert_cmpuint (strlen (cell (t, 1, 1)), ==, field_len);
  g_assert_cmpuint (g_utf8_strlen (cell (t, 1, 1), -1), ==, 2000000);

  g_string_truncate (text, 0);
  for (int i = 0; i < 100000; i++)
    g_string_append (text, i > 0 ? ";x" : "x");
  g_string_append_c (text, '\n');
  wide = itogi_csv_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (((ItogiCsvRow *)wide->rows->pdata[0])->fields), ==, 100000);
}

/* Past the limit nothing is read at all. */
static void
test_too_big (void)
{
  gsize len = ITOGI_CSV_MAX_BYTES + 1;
  g_autofree char *data = g_malloc (len);
  g_autoptr (GError) error = NULL;

  memset (data, 'x', len);
  g_assert_null (itogi_csv_parse (data, len, &error));
  g_assert_error (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_TOO_BIG);
  {
    g_autofree char *want = itogi_test_tr_n ("The file is larger than %d MB.", 64);
    g_assert_cmpstr (error->message, ==, want);
  }
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/core/csv/dialects", test_dialects);
  g_test_add_func ("/core/csv/quotes", test_quotes);
  g_test_add_func ("/core/csv/blank-lines-and-ragged-rows", test_blank_lines_and_ragged_rows);
  g_test_add_func ("/core/csv/broken-files", test_broken_files);
  g_test_add_func ("/core/csv/hostile-files", test_hostile_files);
  g_test_add_func ("/core/csv/stray-quote-is-text", test_stray_quote_is_text);
  g_test_add_func ("/core/csv/extremely-long-lines", test_extremely_long_lines);
  g_test_add_func ("/core/csv/too-big", test_too_big);
  return g_test_run ();
}
