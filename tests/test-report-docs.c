/* test-report-docs.c: the annual report as PDF and ODT, read back by independent tools
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents are written from the built-in report's data and then read by programs that
 * share no code with ours: poppler's pdfinfo, pdftotext and pdffonts here, and in
 * report-docs-check.py PyPDF2 (metadata, outline, exact text), poppler's word boxes (margins,
 * overlaps), Python's zipfile and XML parser (the ODT's container) and LibreOffice Writer, which
 * converts the ODT to text and to PDF. ITOGI_TEST_KEEP=DIR keeps every file written there, for a
 * person to look at (pdftoppm -r 60 -png FILE.pdf page).
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "itogi-format.h"
#include "itogi-narrative.h"
#include "itogi-report-odt.h"
#include "itogi-report-pdf.h"
#include "itogi-seed.h"
#include "itogi-store.h"
#include "itogi-table.h"
#include "itogi-xlsx.h"
#include "test-util.h"

#define NOBODY 65534

/* ---- helpers ---- */

/* Runs a program to its end and returns what it printed; the test fails if it fails. */
static char *
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
  return out;
}

/* Whitespace (but not the no-break spaces inside figures) made single spaces. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f')
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack, const char *needle, const char *where)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("«%s» is not in %s", needle, where);
}

/* ---- the report's data and a narrative of it ---- */

/* Every figure of the seed as the app's table shows it: the same functions format them. */
static const char *const FIGURES[] = {
  "22\u202f808",
  "23\u202f142",
  "1\u202f079",
  "1\u202f064",
  "3\u202f997",
  "4\u202f829",
  "1\u202f543",
  "1\u202f674",
  "более\u00a08\u202f000",
  "1\u202f959",
  "6\u202f553",
  "6\u202f667",
  "779\u202f054,51",
  "119\u202f585\u202f521,99",
  "свыше\u00a06\u202f000",
  "6\u202f624",
  "более\u00a05\u202f600",
  "5\u202f648",
  "8\u202f374",
  "3\u202f493",
  "порядка\u00a0340",
  /* Changes, as the table words them. */
  "\u2212334",
  "\u22121,4\u00a0%",
  "+15",
  "\u2212832",
  "\u2212131",
  "+7",
  "\u22124\u202f881",
};

static const char *const TASKS[] = {
  "Обеспечить своевременное исполнение поручений Городского Головы города Калуги.",
  "Продолжить перевод муниципальных услуг в электронный вид через Единый портал госуслуг, сократив "
  "время ожидания заявителей и число их личных обращений в органы Городской Управы.",
  "Повысить квалификацию сотрудников правового комитета.",
};

/* The report as the app writes it, from the store. */
static ItogiNarrative *
narrative_of (ItogiStore *store)
{
  g_autoptr (GError) error = NULL;
  ItogiNarrative *n = itogi_narrative_build (store, 2023, 2022, &error);

  g_assert_no_error (error);
  g_assert_nonnull (n);
  return n;
}

typedef struct
{
  char *dir;
  char *db;
  ItogiStore *store;
  ItogiNarrative *narrative;
  GPtrArray *headings; /* char *: the areas' headings as the documents number them */
} Fixture;

/* The narrative and the headings expected, after the data changed. */
static void
fixture_rebuild (Fixture *f)
{
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (f->store, FALSE, NULL);

  g_clear_pointer (&f->narrative, itogi_narrative_free);
  g_clear_pointer (&f->headings, g_ptr_array_unref);
  f->narrative = narrative_of (f->store);
  f->headings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < areas->len; i++)
    g_ptr_array_add (f->headings, g_strdup_printf ("%u. %s", i + 1, ((ItogiArea *)areas->pdata[i])->title));
  /* Next year's tasks close the report, as a section of their own. */
  if (itogi_narrative_has_tasks (f->narrative))
    g_ptr_array_add (f->headings, g_strdup_printf ("%u. Задачи на 2024 год", areas->len + 1));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) documents = NULL, barriers = NULL, legal = NULL;

  (void)data;
  if (g_getenv ("ITOGI_TEST_KEEP") != NULL)
    {
      /* A folder of its own for each test, left for a person to look at. */
      g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '-');
      f->dir = g_build_filename (g_getenv ("ITOGI_TEST_KEEP"), name, NULL);
      itogi_test_remove_tree (f->dir);
      g_assert_cmpint (g_mkdir_with_parents (f->dir, 0755), ==, 0);
    }
  else
    f->dir = g_dir_make_tmp ("itogi-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "itogi.db", NULL);
  f->store = itogi_seed_create (f->db, &error);
  g_assert_no_error (error);
  /* The title page names the city when the database knows it. */
  g_assert_true (itogi_store_set_meta (f->store, "city", "Калуга", &error));
  documents = itogi_store_find_area (f->store, "documents", &error);
  barriers = itogi_store_find_area (f->store, "admin-barriers", &error);
  legal = itogi_store_find_area (f->store, "legal", &error);
  g_assert_no_error (error);
  g_assert_cmpint (itogi_store_add_task (f->store, documents->id, 2024, TASKS[0], &error), >, 0);
  g_assert_cmpint (itogi_store_add_task (f->store, barriers->id, 2024, TASKS[1], &error), >, 0);
  g_assert_cmpint (itogi_store_add_task (f->store, legal->id, 2024, TASKS[2], &error), >, 0);
  g_assert_no_error (error);

  fixture_rebuild (f);
  g_assert_cmpuint (f->headings->len, ==, 9);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void)data;
  g_clear_pointer (&f->narrative, itogi_narrative_free);
  g_clear_pointer (&f->store, itogi_store_free);
  g_clear_pointer (&f->headings, g_ptr_array_unref);
  if (g_getenv ("ITOGI_TEST_KEEP") == NULL)
    itogi_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* ---- what both documents must hold ---- */

static void
add_unique (GPtrArray *texts, const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (texts->pdata[i], text))
      return;
  g_ptr_array_add (texts, g_strdup (text));
}

/* Every figure of the seed, every cell of every area's table as the window's table formats it,
 * the tasks and the document's fixed words: each must be found exactly as written. */
static GPtrArray *
expected_texts (Fixture *f)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) rows = itogi_table_build (f->store, NULL, 2023, 2022, NULL);
  g_autofree char *office = itogi_store_get_meta (f->store, "office");

  for (guint i = 0; i < G_N_ELEMENTS (FIGURES); i++)
    add_unique (texts, FIGURES[i]);
  g_assert_cmpuint (rows->len, >=, 18);
  for (guint i = 0; i < rows->len; i++)
    {
      g_auto (ItogiTableRowText) cells = { 0 };
      itogi_table_row_format (rows->pdata[i], &cells);
      add_unique (texts, ((ItogiTableRow *)rows->pdata[i])->indicator->title);
      for (const char *const *c
           = (const char *const[]){ cells.previous, cells.current, cells.delta, cells.percent, NULL };
           *c != NULL; c++)
        if (**c != '\0')
          add_unique (texts, *c);
    }
  for (guint i = 0; i < G_N_ELEMENTS (TASKS); i++)
    add_unique (texts, TASKS[i]);
  add_unique (texts, "Задачи на 2024 год");
  /* The opening and the source's list, in the report's words. */
  add_unique (texts, "Основными направлениями в отчетном году, по которым осуществлялась деятельность "
                     "управления, являлись:");
  add_unique (texts, "развитие кадрового потенциала.");
  add_unique (texts, "Было зарегистрировано:");
  add_unique (texts, "Сведений за 2023 год нет.");
  add_unique (texts, "Показатель");
  add_unique (texts, "2022\u00a0г.");
  add_unique (texts, "Калуга, 2024");
  add_unique (texts, office);
  return texts;
}

/* report-docs-check.py on @file: the test fails with its message if it finds anything wrong. */
static void
check_with_python (Fixture *f, const char *kind, const char *file, GPtrArray *texts, const char *const *extra)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, g_strdup (g_getenv ("ITOGI_PYTHON")));
  g_ptr_array_add (argv, g_strdup (g_getenv ("ITOGI_REPORT_CHECK")));
  g_ptr_array_add (argv, g_strdup (kind));
  g_ptr_array_add (argv, g_strdup (file));
  for (guint i = 0; i < f->headings->len; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--heading"));
      g_ptr_array_add (argv, g_strdup (f->headings->pdata[i]));
    }
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--text"));
      g_ptr_array_add (argv, g_strdup (texts->pdata[i]));
    }
  g_ptr_array_add (argv, g_strdup ("--title"));
  g_ptr_array_add (argv, g_strdup (f->narrative->title));
  g_ptr_array_add (argv, g_strdup ("--author"));
  g_ptr_array_add (argv, g_strdup (f->narrative->office));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);

  g_assert_nonnull (g_getenv ("ITOGI_PYTHON"));
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, 0, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("report-docs-check.py %s: %s%s", kind, out, err);
  g_test_message ("%s", g_strstrip (out));
}

static guint
sections_with_tasks (const ItogiNarrative *n)
{
  guint count = 0;
  for (guint i = 0; i < n->sections->len; i++)
    {
      const ItogiNarrativeSection *s = n->sections->pdata[i];
      count += s->tasks != NULL && s->tasks->len > 0;
    }
  return count;
}

/* ---- the PDF ---- */

/* The text of one page (of all for 0), in reading order; or with -layout, as laid out, top to
 * bottom. */
static char *
pdf_text_full (const char *pdf, int page, gboolean layout)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, "pdftotext");
  g_ptr_array_add (argv, "-enc");
  g_ptr_array_add (argv, "UTF-8");
  if (page > 0)
    {
      g_ptr_array_add (argv, "-f");
      g_ptr_array_add (argv, number);
      g_ptr_array_add (argv, "-l");
      g_ptr_array_add (argv, number);
    }
  if (layout)
    g_ptr_array_add (argv, "-layout");
  g_ptr_array_add (argv, (char *)pdf);
  g_ptr_array_add (argv, "-");
  g_ptr_array_add (argv, NULL);
  return run ((const char *const *)argv->pdata);
}

static char *
pdf_text (const char *pdf, int page)
{
  return pdf_text_full (pdf, page, FALSE);
}

static int
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  const char *p = strstr (info, "\nPages:");

  g_assert_nonnull (p);
  return atoi (p + strlen ("\nPages:"));
}

static char *
write_pdf (Fixture *f, const char *name)
{
  g_autoptr (GError) error = NULL;
  char *pdf = g_build_filename (f->dir, name, NULL);

  g_assert_true (itogi_report_write_pdf (f->store, f->narrative, pdf, &error));
  g_assert_no_error (error);
  return pdf;
}

/* poppler gives U+202F and U+00A0 as plain spaces: what a person searching the PDF types. */
static char *
as_poppler_reads (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (out, c == 0x202f || c == 0xa0 ? ' ' : c);
    }
  return squeeze (out->str);
}

static void
test_pdf_pages_and_fonts (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = write_pdf (f, "Отчёт 2023.pdf");
  g_autofree char *last = NULL, *sizes = NULL, *fonts = NULL;
  int pages = pdf_pages (pdf);
  const char *fonts_argv[] = { "pdffonts", pdf, NULL };
  g_auto (GStrv) lines = NULL;
  guint n_fonts = 0;

  (void)data;
  g_assert_cmpint (pages, >, 2);
  last = g_strdup_printf ("%d", pages);
  {
    const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, pdf, NULL };
    sizes = run (argv);
  }
  /* Every page A4 portrait: 595 × 842 points. */
  for (int p = 1; p <= pages; p++)
    {
      g_autofree char *key = g_strdup_printf ("Page %4d size:", p);
      const char *line = strstr (sizes, key);
      char *end = NULL;
      double w, h;
      g_assert_nonnull (line);
      /* pdfinfo writes a decimal dot in every locale: read it so under ru_RU.UTF-8 too. */
      w = g_ascii_strtod (line + strlen (key), &end);
      g_assert_true (g_str_has_prefix (end, " x "));
      h = g_ascii_strtod (end + 3, &end);
      g_assert_true (g_str_has_prefix (end, " pts"));
      g_assert_cmpint (lround (w), ==, 595);
      g_assert_cmpint (lround (h), ==, 842);
    }
  assert_contains (sizes, "(A4)", "pdfinfo");

  /* Every font is embedded (a subset), so the document prints the same anywhere. */
  fonts = run (fonts_argv);
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      if (strstr (lines[i], " yes ") == NULL)
        g_error ("a font is not embedded: %s", lines[i]);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
test_pdf_text (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = write_pdf (f, "report.pdf");
  g_autofree char *raw = pdf_text (pdf, 0);
  g_autofree char *text = squeeze (raw);
  g_autofree char *title_page = pdf_text (pdf, 1);
  g_autoptr (GPtrArray) texts = expected_texts (f);
  int pages = pdf_pages (pdf);

  (void)data;
  /* The title page: the office, the report's title, the city and the year it is issued. */
  {
    g_autofree char *squeezed = squeeze (title_page);
    assert_contains (squeezed, "Управление делами Городского Головы города Калуги", "the title page");
    assert_contains (squeezed, f->narrative->title, "the title page");
    assert_contains (squeezed, "Калуга, 2024", "the title page");
  }
  for (guint i = 0; i < f->headings->len; i++)
    assert_contains (text, f->headings->pdata[i], "the PDF");
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *wanted = as_poppler_reads (texts->pdata[i]);
      assert_contains (text, wanted, "the PDF as pdftotext reads it");
    }

  /* Page numbers: none on the title page, then each page's own number at its foot. */
  for (int p = 1; p <= pages; p++)
    {
      g_autofree char *page = pdf_text_full (pdf, p, TRUE);
      g_auto (GStrv) lines = g_strsplit (page, "\n", -1);
      const char *last = NULL;
      for (guint k = 0; lines[k] != NULL; k++)
        if (*g_strstrip (lines[k]) != '\0')
          last = lines[k];
      g_assert_nonnull (last);
      if (p == 1)
        g_assert_cmpstr (last, ==, "Калуга, 2024");
      else
        {
          g_autofree char *number = g_strdup_printf ("%d", p);
          g_assert_cmpstr (last, ==, number);
        }
    }
}

static void
test_pdf_read_back (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = write_pdf (f, "report.pdf");
  g_autoptr (GPtrArray) texts = expected_texts (f);

  (void)data;
  /* Metadata, the outline, the exact figures (U+202F, U+2212), margins and overlaps. */
  check_with_python (f, "pdf", pdf, texts, NULL);
}

/* An area with more indicators than a page holds, and more text: the table breaks between rows
 * under a repeated header row, and nothing crosses the bottom margin. */
static void
test_pdf_long_area (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = itogi_area_new ();
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *pdf = NULL;
  ItogiNarrativeSection *s;
  int before, after;

  (void)data;
  pdf = write_pdf (f, "before.pdf");
  before = pdf_pages (pdf);
  g_free (pdf);

  area->slug = g_strdup ("long");
  area->title = g_strdup ("Длинный раздел для проверки разрывов страниц");
  area->short_title = g_strdup ("Длинный раздел");
  area->position = 100;
  area->id = itogi_store_add_area (f->store, area, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 45; i++)
    {
      g_autoptr (ItogiIndicator) ind = itogi_indicator_new ();
      ItogiValue v = { .present = TRUE };

      ind->area_id = area->id;
      ind->slug = g_strdup_printf ("row-%d", i);
      /* Every third title runs over several lines of its cell. */
      ind->title
          = g_strdup_printf (i % 3 == 0 ? "Показатель %d с длинным названием, которое в таблице займёт "
                                          "несколько строк своей ячейки"
                                        : "Показатель %d",
                             i + 1);
      ind->unit = g_strdup ("ед.");
      ind->kind = ITOGI_KIND_COUNT;
      ind->position = i;
      ind->id = itogi_store_add_indicator (f->store, ind, &error);
      g_assert_no_error (error);
      v.amount = 1000 + i * 37;
      g_assert_true (itogi_store_set_value (f->store, ind->id, 2022, ITOGI_PERIOD_YEAR, 0, &v, &error));
      v.amount = 1100 + i * 41;
      g_assert_true (itogi_store_set_value (f->store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
    }
  fixture_rebuild (f);
  /* Paragraphs of several lines each, so that pages break inside them. */
  for (int i = 0; i < 24; i++)
    g_string_append_printf (body,
                            "Абзац %d. Городская Управа продолжила работу по всем направлениям, изложенным в "
                            "плане на отчётный год, и подготовила предложения на следующий год с учётом "
                            "обращений жителей и поручений Городского Головы города Калуги.\n",
                            i + 1);
  s = f->narrative->sections->pdata[f->narrative->sections->len - 1];
  g_assert_cmpstr (s->slug, ==, "long");
  g_free (s->body);
  s->body = g_strdup (body->str);

  pdf = write_pdf (f, "long.pdf");
  after = pdf_pages (pdf);
  g_assert_cmpint (after, >=, before + 3);
  {
    /* The rows are found by their changes («+100»…«+276»): titles and units recur in the chart,
     * which shows changes in percent only. */
    const char *extra[] = { "--table-rows", "\\+[0-9]+", NULL };
    check_with_python (f, "pdf", pdf, NULL, extra);
  }
}

/* Many short areas of text only: somewhere a heading falls near the foot of a page, and must
 * move to the next page with the start of its text rather than end the page. */
static void
test_pdf_headings_keep_with_text (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = NULL;
  /* A fixed seed: the same document every run. */
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  (void)data;
  g_ptr_array_set_size (f->narrative->sections, 0);
  g_ptr_array_set_size (f->headings, 0);
  for (guint i = 0; i < 120; i++)
    {
      ItogiNarrativeSection *s = g_new0 (ItogiNarrativeSection, 1);
      g_autoptr (GString) body = g_string_new (NULL);
      guint paragraphs = g_rand_int_range (rand, 1, 5);

      /* No slug: no table and no chart, so only text moves the headings down the pages. Bodies
       * of one to four paragraphs of one to four lines each, and a heading of one line or two,
       * so that headings land at every height on the page. */
      s->heading
          = g_strdup_printf (i % 4 == 3 ? "Раздел номер %u с заголовком такой длины, что он занимает на "
                                          "странице две строки"
                                        : "Раздел номер %u",
                             i + 1);
      for (guint k = 0; k < paragraphs; k++)
        {
          guint lines = g_rand_int_range (rand, 1, 5);
          for (guint l = 0; l < lines; l++)
            g_string_append (body, "Текст раздела, ровно столько слов, чтобы занять одну строку. ");
          g_string_append_c (body, '\n');
        }
      s->body = g_string_free (g_steal_pointer (&body), FALSE);
      s->tasks = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (f->narrative->sections, s);
      g_ptr_array_add (f->headings, g_strdup_printf ("%u. %s", i + 1, s->heading));
    }
  pdf = write_pdf (f, "headings.pdf");
  g_assert_cmpint (pdf_pages (pdf), >, 4);
  check_with_python (f, "pdf", pdf, NULL, NULL);
}

/* ---- the ODT ---- */

static char *
write_odt (Fixture *f, const char *name)
{
  g_autoptr (GError) error = NULL;
  char *odt = g_build_filename (f->dir, name, NULL);

  g_assert_true (itogi_report_write_odt (f->store, f->narrative, odt, &error));
  g_assert_no_error (error);
  return odt;
}

static void
test_odt_read_back (Fixture *f, gconstpointer data)
{
  g_autofree char *odt = write_odt (f, "Отчёт 2023.odt");
  /* The PDF of the same report: LibreOffice prints the ODT in its faces. */
  g_autofree char *pdf = write_pdf (f, "Отчёт 2023.pdf");
  g_autoptr (GPtrArray) texts = expected_texts (f);
  g_autofree char *tasks = g_strdup_printf ("%u", sections_with_tasks (f->narrative));
  g_autoptr (GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) rows = itogi_table_build (f->store, NULL, 2023, 2022, NULL);

  (void)data;
  {
    const char *first[] = { "--tasks", tasks, "--same-fonts-as", pdf, NULL };
    /* The container as ODF asks, real headings, tables, charts, lists; LibreOffice reads it. */
    check_with_python (f, "odt", odt, texts, first);
  }

  /* Every figure of the tables, and the longest heading word, on one line of its cell: seen in
   * the print of the same report without its text, where the figures stand only in the tables. */
  for (guint i = 0; i < f->narrative->sections->len; i++)
    {
      ItogiNarrativeSection *s = f->narrative->sections->pdata[i];
      g_free (s->body);
      s->body = g_strdup ("");
    }
  g_clear_pointer (&odt, g_free);
  odt = write_odt (f, "tables.odt");
  g_ptr_array_add (extra, g_strdup ("--tasks"));
  g_ptr_array_add (extra, g_strdup (tasks));
  for (guint i = 0; i < rows->len; i++)
    {
      g_auto (ItogiTableRowText) cells = { 0 };
      itogi_table_row_format (rows->pdata[i], &cells);
      for (const char *const *c
           = (const char *const[]){ cells.previous, cells.current, cells.delta, cells.percent, NULL };
           *c != NULL; c++)
        if (**c != '\0')
          {
            g_ptr_array_add (extra, g_strdup ("--whole"));
            g_ptr_array_add (extra, g_strdup (*c));
          }
    }
  g_ptr_array_add (extra, g_strdup ("--whole"));
  g_ptr_array_add (extra, g_strdup ("Изменение"));
  g_ptr_array_add (extra, NULL);
  check_with_python (f, "odt", odt, NULL, (const char *const *)extra->pdata);
}

/* ---- text no one would type, in both documents ---- */

static void
test_hostile_text (Fixture *f, gconstpointer data)
{
  ItogiNarrativeSection *first = f->narrative->sections->pdata[0];
  ItogiNarrativeSection *second = f->narrative->sections->pdata[1];
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *pdf = NULL, *odt = NULL, *long_word = g_strnfill (900, 'W');
  g_autofree char *tasks = NULL;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  (void)data;
  /* What an edit in the Report view may hold: markup, XML's own delimiters, control characters,
   * tabs and runs of spaces, a byte that is not UTF-8, a word longer than a line. */
  g_string_append (body, "Разметка <b>не</b> разметка & «кавычки» \"и\" 'апострофы' ]]> конец.\n");
  g_string_append (body, "Табуляция\tи  два пробела,   три пробела; управляющий \x01\x0b символ.\n");
  g_string_append (body, "Байт \xff не UTF-8.\n");
  g_string_append_printf (body, "%s\n", long_word);
  for (int i = 0; i < 40; i++)
    g_string_append (body, "Ещё один абзац обычного текста, достаточно длинный, чтобы занять две или три "
                           "строки на странице отчёта и проверить разрывы страниц внутри абзацев.\n");
  g_free (first->body);
  first->body = g_strdup (body->str);
  g_ptr_array_add (first->tasks, g_strdup ("Задача <script>alert(1)</script> & «ещё»"));
  g_free (second->heading);
  second->heading = g_strdup ("Раздел с очень длинным заголовком, который не помещается в одну строку и "
                              "переносится на следующую, <как> & положено");
  g_free (f->headings->pdata[1]);
  f->headings->pdata[1] = g_strdup_printf ("2. %s", second->heading);
  g_free (f->narrative->title);
  f->narrative->title = g_strdup ("Отчёт «за» 2023 год & <ничего> лишнего");

  g_ptr_array_add (texts, g_strdup ("Разметка <b>не</b> разметка & «кавычки» \"и\" 'апострофы' ]]> конец."));
  g_ptr_array_add (texts, g_strdup ("Задача <script>alert(1)</script> & «ещё»"));

  pdf = write_pdf (f, "hostile.pdf");
  check_with_python (f, "pdf", pdf, texts, NULL);

  /* Characters outside the BMP. No font on a plain Debian has 😀 or 𝄞: Pango draws their code
   * in a box, in digits too small for the overlap check, so the PDF is only read for its text
   * here. The ODT keeps them as text. */
  g_string_append (body, "Эмодзи 😀 и символ вне BMP 𝄞.\n");
  g_free (first->body);
  first->body = g_strdup (body->str);
  g_clear_pointer (&pdf, g_free);
  pdf = write_pdf (f, "outside-bmp.pdf");
  {
    g_autofree char *raw = pdf_text (pdf, 0);
    g_autofree char *text = squeeze (raw);
    assert_contains (text, "Эмодзи", "the PDF");
    assert_contains (text, "и символ вне BMP", "the PDF");
  }
  g_ptr_array_add (texts, g_strdup ("Эмодзи 😀 и символ вне BMP 𝄞."));

  odt = write_odt (f, "hostile.odt");
  tasks = g_strdup_printf ("%u", sections_with_tasks (f->narrative));
  {
    /* LibreOffice's text keeps the tab and the runs of spaces as they were typed. */
    const char *extra[] = { "--tasks", tasks, "--spaced", "Табуляция\tи  два пробела,   три пробела", NULL };
    check_with_python (f, "odt", odt, texts, extra);
  }
}

/* ---- where nothing can be written ---- */

static void
unwritable_child (const char *dir, const char *which)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "itogi.db", NULL);
  g_autofree char *pdf = NULL, *odt = NULL;
  ItogiStore *store;
  ItogiNarrative *n;

  if (g_str_equal (which, "full"))
    {
      struct rlimit small = { 1024, 1024 };
      /* Opened for writing, so that closing it leaves no -wal or -shm beside it. */
      store = itogi_store_open (db, &error);
      g_assert_no_error (error);
      n = narrative_of (store);
      pdf = g_build_filename (dir, "old.pdf", NULL);
      odt = g_build_filename (dir, "old.odt", NULL);
      /* A file-size limit plays a full disk: writes past it fail with EFBIG. */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
    }
  else
    {
      /* Root ignores the folder's 0555: the export runs as «nobody», who cannot write there. */
      if (geteuid () == 0)
        {
          g_assert_cmpint (setgroups (0, NULL), ==, 0);
          g_assert_cmpint (setgid (NOBODY), ==, 0);
          g_assert_cmpint (setuid (NOBODY), ==, 0);
        }
      store
          = access (db, W_OK) == 0 ? itogi_store_open (db, &error) : itogi_store_open_read_only (db, &error);
      g_assert_no_error (error);
      n = narrative_of (store);
      pdf = g_build_filename (dir, "locked", "report.pdf", NULL);
      odt = g_build_filename (dir, "locked", "report.odt", NULL);
    }

  g_assert_false (itogi_report_write_pdf (store, n, pdf, &error));
  g_assert_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE);
  g_print ("pdf: %s\n", error->message);
  g_clear_error (&error);
  g_assert_false (itogi_report_write_odt (store, n, odt, &error));
  g_assert_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE);
  g_print ("odt: %s\n", error->message);
  itogi_narrative_free (n);
  itogi_store_free (store);
}

static void
test_unwritable (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL, *db = NULL, *locked = NULL, *old_pdf = NULL, *old_odt = NULL;
  g_autofree char *text = NULL;
  ItogiStore *store;
  const char *name;

  if (g_test_subprocess ())
    {
      unwritable_child (g_getenv ("ITOGI_TEST_DIR"), g_getenv ("ITOGI_TEST_CASE"));
      return;
    }
  dir = g_dir_make_tmp ("itogi-report-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "itogi.db", NULL);
  store = itogi_seed_create (db, &error);
  g_assert_no_error (error);
  itogi_store_free (store);
  locked = g_build_filename (dir, "locked", NULL);
  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  old_pdf = g_build_filename (dir, "old.pdf", NULL);
  old_odt = g_build_filename (dir, "old.odt", NULL);
  g_assert_true (g_file_set_contents (old_pdf, "the PDF as it was", -1, NULL));
  g_assert_true (g_file_set_contents (old_odt, "the ODT as it was", -1, NULL));
  g_setenv ("ITOGI_TEST_DIR", dir, TRUE);

  g_setenv ("ITOGI_TEST_CASE", "full", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  /* Plain words, naming the file: no errno number, no library's name (in the language the tests
   * run in). */
  {
    g_autofree char *said
        = itogi_test_trf ("The disk is full: “%s” was not saved, and nothing was left of it.", "*", NULL);
    g_autofree char *pattern = g_strdup_printf ("pdf: %s\nodt: %s\n", said, said);
    g_test_trap_assert_stdout (pattern);
  }

  g_setenv ("ITOGI_TEST_CASE", "read-only", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  {
    g_autofree char *said
        = itogi_test_trf ("Nothing can be saved in the folder “%s”: %s.", "*locked", "*", NULL);
    g_autofree char *pattern = g_strdup_printf ("pdf: %s\nodt: %s\n", said, said);
    g_test_trap_assert_stdout (pattern);
  }

  /* The old files are as they were; no half-written file or temporary copy is left anywhere. */
  g_assert_true (g_file_get_contents (old_pdf, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "the PDF as it was");
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (old_odt, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "the ODT as it was");
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (d)) != NULL)
      if (!g_str_equal (name, "itogi.db") && !g_str_equal (name, "old.pdf") && !g_str_equal (name, "old.odt")
          && !g_str_equal (name, "locked"))
        g_error ("%s was left behind", name);
  }
  {
    g_autoptr (GDir) d = g_dir_open (locked, 0, NULL);
    g_assert_null (g_dir_read_name (d));
  }
  g_chmod (locked, 0700);
  itogi_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add ("/export/report/pdf/pages-and-fonts", Fixture, NULL, fixture_set_up, test_pdf_pages_and_fonts,
              fixture_tear_down);
  g_test_add ("/export/report/pdf/text", Fixture, NULL, fixture_set_up, test_pdf_text, fixture_tear_down);
  g_test_add ("/export/report/pdf/read-back", Fixture, NULL, fixture_set_up, test_pdf_read_back,
              fixture_tear_down);
  g_test_add ("/export/report/pdf/long-area", Fixture, NULL, fixture_set_up, test_pdf_long_area,
              fixture_tear_down);
  g_test_add ("/export/report/pdf/headings-keep-with-text", Fixture, NULL, fixture_set_up,
              test_pdf_headings_keep_with_text, fixture_tear_down);
  g_test_add ("/export/report/odt/read-back", Fixture, NULL, fixture_set_up, test_odt_read_back,
              fixture_tear_down);
  g_test_add ("/export/report/hostile-text", Fixture, NULL, fixture_set_up, test_hostile_text,
              fixture_tear_down);
  g_test_add_func ("/export/report/unwritable", test_unwritable);
  return g_test_run ();
}
