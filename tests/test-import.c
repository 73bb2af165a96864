/* test-import.c: CSV import, all or nothing, with every problem named by line and column
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "itogi-import.h"
#include "itogi-period.h"
#include "itogi-seed.h"
#include "itogi-store.h"
#include "itogi-validate.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  ItogiStore *store;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("itogi-import-XXXXXX", NULL);
  path = itogi_test_database (f->dir);
  f->store = itogi_seed_create (path, &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  itogi_store_free (f->store);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static ItogiIndicator *
indicator (Fixture *f, const char *area_slug, const char *slug)
{
  g_autoptr (ItogiArea) area = itogi_store_find_area (f->store, area_slug, NULL);
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (f->store, area->id, TRUE, NULL);

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((ItogiIndicator *)list->pdata[i])->slug, slug) == 0)
      return itogi_indicator_copy (list->pdata[i]);
  g_error ("no indicator %s/%s", area_slug, slug);
}

static gint64
year_amount (Fixture *f, const char *area, const char *slug, int year, gboolean *present)
{
  g_autoptr (ItogiIndicator) ind = indicator (f, area, slug);
  g_auto (ItogiValue) v = { 0 };

  g_assert_true (itogi_store_get_year_value (f->store, ind, year, &v, NULL));
  *present = v.present;
  return v.amount;
}

static gboolean
import (Fixture *f, const char *csv, gboolean dry_run, ItogiImportReport *report)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiCsvTable) table = itogi_csv_parse (csv, strlen (csv), &error);
  gboolean ok;

  g_assert_no_error (error);
  itogi_import_report_init (report);
  ok = itogi_import_csv (f->store, table, dry_run, report, &error);
  g_assert_no_error (error);
  return ok;
}

static void
test_good_file (Fixture *f, gconstpointer data)
{
  g_auto (ItogiImportReport) report = { 0 };
  gboolean present;

  g_assert_true (import (
      f,
      "\xef\xbb\xbfНаправление;Показатель;Год;Период;Значение;Примечание;По состоянию на\r\n"
      "Контроль документов;Поступило обращений от юридических лиц;2024;Q1;5 120;;\r\n"
      "documents;incoming-legal;2024;2 квартал;5000;;\r\n"
      ";financial-control/budget-savings;2024;;\"1 000,50\";\"Сказано \"\"так\"\"\";31.12.2024\r\n"
      "Кадры;Сотрудники, охваченные мероприятиями по профессиональному развитию;2024;март;порядка 30;;\r\n",
      FALSE, &report));
  g_assert_cmpuint (report.rows, ==, 4);
  g_assert_cmpuint (report.values, ==, 4);
  g_assert_cmpuint (report.problems->len, ==, 0);
  /* Quarters add up to the year; money keeps its kopecks; a month stands for its year. */
  g_assert_cmpint (year_amount (f, "documents", "incoming-legal", 2024, &present), ==, 10120);
  g_assert_true (present);
  g_assert_cmpint (year_amount (f, "financial-control", "budget-savings", 2024, &present), ==, 100050);
  g_assert_cmpint (year_amount (f, "personnel", "staff-trained", 2024, &present), ==, 30);
  /* The report's own figures are untouched. */
  g_assert_cmpint (year_amount (f, "documents", "incoming-legal", 2023, &present), ==, 22808);
}

static void
test_dry_run_writes_nothing (Fixture *f, gconstpointer data)
{
  g_auto (ItogiImportReport) report = { 0 };
  gboolean present = TRUE;

  g_assert_true (import (f, "Показатель,Год,Значение\nПроведено выездных и камеральных проверок,2024,30\n",
                         TRUE, &report));
  g_assert_cmpuint (report.values, ==, 1);
  year_amount (f, "financial-control", "inspections", 2024, &present);
  g_assert_false (present);
}

typedef struct
{
  guint line, column;
  const char *msgid;   /* the message, in the locale the tests run in */
  const char *args[2]; /* what fills its %s and %u, in order */
} Expected;

static void
test_bad_rows_change_nothing (Fixture *f, gconstpointer data)
{
  g_auto (ItogiImportReport) report = { 0 };
  static const Expected expected[] = {
    { 3, 2, "There is no indicator «%s».", { "Нет такого показателя" } },
    { 4, 3, "«%s» is not a year between 1900 and 2200.", { "20x4" } },
    { 5, 5, "A count cannot be negative." },
    { 6, 5, "A count must be a whole number." },
    { 7, 4, "«%s» is not a period: use «год», Q1…Q4 or a month (1…12 or its name).", { "Q5" } },
    { 8, 0, "The row has %u fields; the header has %u.", { "5", "6" } },
    { 9, 1, "There is no activity area «%s».", { "Нигде" } },
    { 10, 0, "This figure is already given on line %u.", { "2" } },
    { 11, 6, "«%s» is not a date: write it as 31.12.2023.", { "31.02.2030" } },
    { 12, 5, "“%s” is not a number. Type digits, for example 22 808 or 779 054,51.", { "много" } },
  };
  gboolean present = TRUE;

  g_assert_false (import (f,
                          "Направление;Показатель;Год;Период;Значение;По состоянию на\n"
                          ";Проведено выездных и камеральных проверок;2024;;30;\n"
                          ";Нет такого показателя;2024;;5;\n"
                          ";Проведено выездных и камеральных проверок;20x4;;5;\n"
                          ";Проведено выездных и камеральных проверок;2025;;-3;\n"
                          ";Проведено выездных и камеральных проверок;2026;;2,5;\n"
                          ";Проведено выездных и камеральных проверок;2027;Q5;2;\n"
                          ";Проведено выездных и камеральных проверок;2028;;2\n"
                          "Нигде;Проведено выездных и камеральных проверок;2029;;2;\n"
                          ";Проведено выездных и камеральных проверок;2024;год;31;\n"
                          ";Проведено выездных и камеральных проверок;2030;;2;31.02.2030\n"
                          ";Проведено выездных и камеральных проверок;2031;;много;\n",
                          FALSE, &report));
  g_assert_cmpuint (report.problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ItogiImportProblem *p = report.problems->pdata[i];
      const Expected *e = &expected[i];
      g_autofree char *want = itogi_test_trf (e->msgid, e->args[0], e->args[1], NULL);

      g_test_message ("line %u column %u: %s", p->line, p->column, p->message);
      g_assert_cmpuint (p->line, ==, e->line);
      g_assert_cmpuint (p->column, ==, e->column);
      g_assert_cmpstr (p->message, ==, want);
    }
  /* The good first row did not land either: all or nothing. */
  year_amount (f, "financial-control", "inspections", 2024, &present);
  g_assert_false (present);
}

static void
test_missing_columns (Fixture *f, gconstpointer data)
{
  g_auto (ItogiImportReport) report = { 0 };

  g_assert_false (import (f, "Название;Число\nПроверки;5\n", FALSE, &report));
  g_assert_cmpuint (report.problems->len, ==, 3);
  g_assert_nonnull (strstr (((ItogiImportProblem *)report.problems->pdata[0])->message, "Показатель"));
}

/* 100 000 rows: read, checked, and refused whole because the last is bad. */
typedef struct
{
  GCancellable *cancel;
  guint at;   /* cancel once this step is reached */
  guint last; /* the last step told */
  guint total;
} CancelAt;

static void
cancel_at_step (guint done, guint total, gpointer data)
{
  CancelAt *c = data;

  g_assert_cmpuint (done, >=, c->last);
  c->last = done;
  c->total = total;
  if (done >= c->at)
    g_cancellable_cancel (c->cancel);
}

static void
test_large_file (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("Показатель;Год;Период;Значение\n");
  g_auto (ItogiImportReport) report = { 0 };
  g_autoptr (ItogiArea) area = itogi_store_find_area (f->store, "public-relations", NULL);
  guint rows = 0;

  if (itogi_test_skipped_on_server ())
    return;
  gboolean present = TRUE;

  /* Thirty indicators of a year's months over three centuries: room for 100 000 distinct figures. */
  for (int i = 1; i <= 30; i++)
    {
      g_autofree char *slug = g_strdup_printf ("t%d", i);
      g_autofree char *title = g_strdup_printf ("Показатель %d", i);
      ItogiIndicator ind = { .area_id = area->id,
                             .slug = slug,
                             .title = title,
                             .unit = (char *)"ед.",
                             .kind = ITOGI_KIND_COUNT,
                             .aggregation = ITOGI_AGGREGATION_SUM,
                             .polarity = ITOGI_POLARITY_NEUTRAL,
                             .position = i };
      g_assert_cmpint (itogi_store_add_indicator (f->store, &ind, NULL), >, 0);
    }
  for (int year = 1900; year <= 2200 && rows < 99999; year++)
    for (int i = 1; i <= 30 && rows < 99999; i++)
      for (int m = 1; m <= 12 && rows < 99999; m++, rows++)
        g_string_append_printf (csv, "public-relations/t%d;%d;%d;%u\n", i, year, m, rows % 1000);
  g_assert_cmpuint (rows, ==, 99999);
  g_string_append (csv, "public-relations/t1;2024;13;1\n");

  g_assert_false (import (f, csv->str, FALSE, &report));
  g_assert_cmpuint (report.rows, ==, 100000);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_cmpuint (((ItogiImportProblem *)report.problems->pdata[0])->line, ==, 100001);
  year_amount (f, "public-relations", "t1", 1900, &present);
  g_assert_false (present);

  /* Without the bad row, all of it lands in one transaction. Cancelled halfway through the
   * writing (as the window's Stop does), none of it does, and no step is left to undo. */
  g_string_truncate (csv, csv->len - strlen ("public-relations/t1;2024;13;1\n"));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (ItogiCsvTable) table = itogi_csv_parse (csv->str, csv->len, &error);
    g_autoptr (GCancellable) cancel = g_cancellable_new ();
    CancelAt at = { cancel, 3 * 100000 / 2, 0, 0 };
    ItogiProgress progress = { cancel, cancel_at_step, &at };
    g_auto (ItogiImportReport) stopped = { 0 };

    g_assert_no_error (error);
    itogi_import_report_init (&stopped);
    g_assert_false (itogi_import_csv_with (f->store, table, FALSE, &stopped, &progress, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* It was told the rows checked, then the rows written, of twice the rows in all. */
    g_assert_cmpuint (at.total, ==, 2 * 100000);
    g_assert_cmpuint (at.last, >=, 3 * 100000 / 2);
    g_assert_cmpuint (stopped.values, ==, 0);
    g_assert_cmpint (stopped.step, ==, 0);
    year_amount (f, "public-relations", "t1", 1900, &present);
    g_assert_false (present);
  }
  itogi_import_report_clear (&report);
  g_assert_true (import (f, csv->str, FALSE, &report));
  g_assert_cmpuint (report.values, ==, 99999);
  g_assert_cmpint (year_amount (f, "public-relations", "t1", 1900, &present), >, 0);
  g_assert_true (present);
}

/* Columns the header does not name can be chosen by hand; a chosen column beyond the file is refused. */
static void
test_chosen_columns (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text
      = g_strdup_printf ("Что;Когда;Сколько\n%s;2024;31\n", "Проведено выездных и камеральных проверок");
  g_autoptr (ItogiCsvTable) table = itogi_csv_parse (text, strlen (text), &error);
  g_auto (ItogiImportReport) report = { 0 };
  g_auto (ItogiImportReport) wide = { 0 };
  gboolean present;

  g_assert_no_error (error);
  itogi_import_report_init (&report);
  g_assert_false (itogi_import_map_columns (table, &report));
  g_assert_cmpuint (report.problems->len, ==, 3);
  itogi_import_report_clear (&report);

  itogi_import_report_init (&report);
  report.fixed_map = TRUE;
  report.map[ITOGI_IMPORT_COLUMN_INDICATOR] = 0;
  report.map[ITOGI_IMPORT_COLUMN_YEAR] = 1;
  report.map[ITOGI_IMPORT_COLUMN_VALUE] = 2;
  g_assert_true (itogi_import_csv (f->store, table, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.values, ==, 1);
  g_assert_cmpint (report.step, >, 0);
  g_assert_cmpint (year_amount (f, "financial-control", "inspections", 2024, &present), ==, 31);

  itogi_import_report_init (&wide);
  wide.fixed_map = TRUE;
  wide.map[ITOGI_IMPORT_COLUMN_INDICATOR] = 0;
  wide.map[ITOGI_IMPORT_COLUMN_YEAR] = 1;
  wide.map[ITOGI_IMPORT_COLUMN_VALUE] = 5;
  g_assert_false (itogi_import_csv (f->store, table, TRUE, &wide, &error));
  g_assert_cmpuint (wide.problems->len, ==, 1);
  g_assert_cmpint (wide.step, ==, 0);
}

/* The period column in every form people and the app itself write, and what is not one. */
static void
test_parse_period (void)
{
  static const struct
  {
    const char *in;
    gboolean ok;
    ItogiPeriodType period;
    int index;
  } cases[] = {
    { "", TRUE, ITOGI_PERIOD_YEAR, 0 },
    { " Год ", TRUE, ITOGI_PERIOD_YEAR, 0 },
    { "Year", TRUE, ITOGI_PERIOD_YEAR, 0 },
    { "Q1", TRUE, ITOGI_PERIOD_QUARTER, 1 },
    { "q4", TRUE, ITOGI_PERIOD_QUARTER, 4 },
    { "2 квартал", TRUE, ITOGI_PERIOD_QUARTER, 2 },
    { "3кв.", TRUE, ITOGI_PERIOD_QUARTER, 3 },
    { "IV квартал", TRUE, ITOGI_PERIOD_QUARTER, 4 },
    { "iii кв", TRUE, ITOGI_PERIOD_QUARTER, 3 },
    { "Quarter II", TRUE, ITOGI_PERIOD_QUARTER, 2 },
    { "quarter 1", TRUE, ITOGI_PERIOD_QUARTER, 1 },
    { "1", TRUE, ITOGI_PERIOD_MONTH, 1 },
    { "09", TRUE, ITOGI_PERIOD_MONTH, 9 },
    { "12", TRUE, ITOGI_PERIOD_MONTH, 12 },
    { "M3", TRUE, ITOGI_PERIOD_MONTH, 3 },
    { "Март", TRUE, ITOGI_PERIOD_MONTH, 3 },
    { "ДЕКАБРЬ", TRUE, ITOGI_PERIOD_MONTH, 12 },
    { "March", TRUE, ITOGI_PERIOD_MONTH, 3 },
    { "may", TRUE, ITOGI_PERIOD_MONTH, 5 },
    /* Not periods. */
    { "0", FALSE },
    { "13", FALSE },
    { "Q5", FALSE },
    { "Q0", FALSE },
    { "V квартал", FALSE },
    { "5 квартал", FALSE },
    { "M13", FALSE },
    { "m", FALSE },
    { "+3", FALSE },
    { "-1", FALSE },
    { "003", FALSE },
    { "4294967297", FALSE },
    { "q99999999999999999999", FALSE },
    { "1 квакша", FALSE },
    { "iv", FALSE },
    { "мартобря", FALSE },
    { "\xff", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ItogiPeriodType period = ITOGI_PERIOD_MONTH;
      int index = -1;
      gboolean ok = itogi_import_parse_period (cases[i].in, &period, &index);

      g_autofree char *shown = itogi_test_printable (cases[i].in);
      g_test_message ("«%s»", shown);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpint (period, ==, cases[i].period);
          g_assert_cmpint (index, ==, cases[i].index);
        }
    }

  /* What the app calls a period reads back as that period, in English and in Russian. */
  for (int m = 1; m <= 12; m++)
    {
      ItogiPeriodType period;
      int index;
      g_assert_true (itogi_import_parse_period (itogi_period_name (ITOGI_PERIOD_MONTH, m), &period, &index));
      g_assert_cmpint (period, ==, ITOGI_PERIOD_MONTH);
      g_assert_cmpint (index, ==, m);
    }
  for (int q = 1; q <= 4; q++)
    {
      static const char *const russian[] = { "I квартал", "II квартал", "III квартал", "IV квартал" };
      ItogiPeriodType period;
      int index;
      g_assert_true (
          itogi_import_parse_period (itogi_period_name (ITOGI_PERIOD_QUARTER, q), &period, &index));
      g_assert_cmpint (index, ==, q);
      g_assert_true (itogi_import_parse_period (russian[q - 1], &period, &index));
      g_assert_cmpint (period, ==, ITOGI_PERIOD_QUARTER);
      g_assert_cmpint (index, ==, q);
    }
}

static void
test_parse_date (void)
{
  static const struct
  {
    const char *in, *out;
  } cases[] = {
    { "31.12.2022", "2022-12-31" },
    { " 1.2.2023 ", "2023-02-01" },
    { "2022-12-31", "2022-12-31" },
    { "2024-02-29", "2024-02-29" },
    { "2023-02-29", NULL },
    { "31.02.2030", NULL },
    { "31.12.22", NULL },
    { "31.12.02022", NULL },
    { "1.1.1899", NULL },
    { "1.1.2201", NULL },
    /* An overflowing day must not wrap round into a real one (4294967327 = 2³² + 31). */
    { "4294967327.12.2022", NULL },
    { "31.4294967308.2022", NULL },
    { "+31.12.2022", NULL },
    { "31. 12. 2022", NULL },
    { "31.12.2022г", NULL },
    { "2022/12/31", NULL },
    { "", NULL },
    { "\xff", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = itogi_import_parse_date (cases[i].in);
      g_autofree char *shown = itogi_test_printable (cases[i].in);
      g_test_message ("«%s»", shown);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

/* Notes obey the store's rule, checked row by row so each problem has its place. */
static void
test_hostile_notes (Fixture *f, gconstpointer data)
{
  g_auto (ItogiImportReport) report = { 0 };
  g_autoptr (GString) longest = g_string_new (NULL);
  g_autoptr (GString) quoted = g_string_new (NULL); /* the same as a CSV field: quotes doubled */
  g_autoptr (GString) csv = g_string_new ("Показатель;Год;Значение;Примечание\n");
  g_autoptr (ItogiIndicator) ind = indicator (f, "financial-control", "inspections");
  g_auto (ItogiValue) v = { 0 };
  gboolean present = TRUE;

  /* The longest note allowed, with line breaks, tabs, quotes and characters outside the BMP. */
  for (guint i = 0; g_utf8_strlen (longest->str, -1) < ITOGI_NOTE_MAX_CHARS; i++)
    g_string_append (longest, i % 100 == 99 ? "\n"
                              : i % 50 == 0 ? "\t"
                              : i % 7 == 0  ? "\""
                              : i % 5 == 0  ? "😀"
                                            : "ж");
  g_assert_cmpint (g_utf8_strlen (longest->str, -1), ==, ITOGI_NOTE_MAX_CHARS);
  for (const char *c = longest->str; *c != '\0'; c++)
    g_string_append_len (quoted, c, *c == '"' ? 1 : 0), g_string_append_c (quoted, *c);
  g_string_append_printf (csv, "Проведено выездных и камеральных проверок;2031;1;\"%s\"\n", quoted->str);
  g_string_append (csv, "Проведено выездных и камеральных проверок;2032;2;\"первая\r\nвторая\"\n");
  g_assert_true (import (f, csv->str, FALSE, &report));
  g_assert_true (itogi_store_get_year_value (f->store, ind, 2031, &v, NULL));
  g_assert_cmpstr (v.note, ==, longest->str);
  itogi_value_clear (&v);
  /* A Windows line end inside a quoted note is one line break. */
  g_assert_true (itogi_store_get_year_value (f->store, ind, 2032, &v, NULL));
  g_assert_cmpstr (v.note, ==, "первая\nвторая");
  itogi_import_report_clear (&report);

  /* One character too many, a control character: refused where they are, nothing lands. */
  g_string_assign (csv, "Показатель;Год;Значение;Примечание\n"
                        "Проведено выездных и камеральных проверок;2033;3;хорошая\n");
  g_string_append_printf (csv, "Проведено выездных и камеральных проверок;2034;4;\"%sж\"\n", quoted->str);
  g_string_append (csv, "Проведено выездных и камеральных проверок;2035;5;звонок\a\n");
  g_string_append (csv, "Проведено выездных и камеральных проверок;2036;6;\"\xef\xbf\xbe\"\n");
  g_assert_false (import (f, csv->str, FALSE, &report));
  g_assert_cmpuint (report.problems->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      ItogiImportProblem *p = report.problems->pdata[i];
      /* The long note's own line breaks push the rows after it down. */
      guint breaks = 0;
      for (const char *c = longest->str; *c != '\0'; c++)
        breaks += *c == '\n';
      g_test_message ("line %u column %u: %s", p->line, p->column, p->message);
      g_assert_cmpuint (p->line, ==, 3 + i + (i > 0 ? breaks : 0));
      g_assert_cmpuint (p->column, ==, 4);
    }
  g_assert_nonnull (strstr (((ItogiImportProblem *)report.problems->pdata[0])->message, "8"
                                                                                        "\u202f"
                                                                                        "000"));
  g_assert_nonnull (strstr (((ItogiImportProblem *)report.problems->pdata[1])->message, "U+0007"));
  g_assert_nonnull (strstr (((ItogiImportProblem *)report.problems->pdata[2])->message, "U+FFFE"));
  year_amount (f, "financial-control", "inspections", 2033, &present);
  g_assert_false (present);
}

/* A field of 100 000 characters with terminal escapes is quoted short and harmless. */
static void
test_hostile_names_are_quoted_short (Fixture *f, gconstpointer data)
{
  g_auto (ItogiImportReport) report = { 0 };
  g_autoptr (GString) csv = g_string_new ("Показатель;Год;Период;Значение\n");
  g_autoptr (GString) name = g_string_new ("\x1b[2J");

  while (name->len < 100000)
    g_string_append (name, "Показатель ");
  g_string_append_printf (csv, "%s;2024;;1\n", name->str);
  g_string_append_printf (csv, "Проведено выездных и камеральных проверок;2024;%s;1\n", name->str);
  g_assert_false (import (f, csv->str, FALSE, &report));
  g_assert_cmpuint (report.problems->len, ==, 2);
  for (guint i = 0; i < report.problems->len; i++)
    {
      ItogiImportProblem *p = report.problems->pdata[i];
      g_test_message ("%s", p->message);
      g_assert_cmpint (g_utf8_strlen (p->message, -1), <, 200);
      g_assert_null (strchr (p->message, '\x1b'));
    }
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  ADD ("/core/import/good-file", test_good_file);
  ADD ("/core/import/dry-run-writes-nothing", test_dry_run_writes_nothing);
  ADD ("/core/import/bad-rows-change-nothing", test_bad_rows_change_nothing);
  ADD ("/core/import/missing-columns", test_missing_columns);
  ADD ("/core/import/chosen-columns", test_chosen_columns);
  ADD ("/core/import/large-file", test_large_file);
  g_test_add_func ("/core/import/parse-period", test_parse_period);
  g_test_add_func ("/core/import/parse-date", test_parse_date);
  ADD ("/core/import/hostile-notes", test_hostile_notes);
  ADD ("/core/import/hostile-names-are-quoted-short", test_hostile_names_are_quoted_short);
  return g_test_run ();
}
