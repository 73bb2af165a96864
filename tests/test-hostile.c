/* test-hostile.c: every hostile input gets a clear outcome, and the outcomes are counted
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case says beforehand whether it must be refused or accepted. Refused, it must say why in
 * one plain line and nothing may be written; accepted, it must read back (and export) exactly as
 * it was given. A case that ends the other way fails its test. The last test prints the tally
 * that the README's Reliability section quotes.
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itogi-chart-model.h"
#include "itogi-chart-render.h"
#include "itogi-csv.h"
#include "itogi-format.h"
#include "itogi-import.h"
#include "itogi-seed.h"
#include "itogi-store.h"
#include "itogi-validate.h"
#include "itogi-xlsx.h"
#include "test-util.h"

#define NOBODY 65534

typedef enum
{
  MUST_ACCEPT,
  MUST_REFUSE,
} Expect;

static guint refused_count, accepted_count, wrong_count;

/* @what ended @ok (accepted) or not, with @message saying why not; @expect is what must become of
 * it. A case that went the other way fails the running test (and is counted), and FALSE tells
 * the caller to check it no further. A refusal says what is wrong in one line of plain text: no
 * control character, not a page. */
static gboolean
outcome (const char *what, Expect expect, gboolean ok, const char *message)
{
  if (ok != (expect == MUST_ACCEPT))
    {
      g_autofree char *said = g_strescape (message != NULL ? message : "(no message)", "\u00ab\u00bb");

      g_autofree char *why = ok ? g_strdup_printf ("%s must be refused, but was accepted", what)
                                : g_strdup_printf ("%s must be accepted, but was refused: %s", what, said);

      /* Every such case is listed, the last one is the test's failure message. */
      wrong_count++;
      g_test_message ("WRONG    %s", why);
      g_test_fail_printf ("%s", why);
      return FALSE;
    }
  if (ok)
    {
      accepted_count++;
      g_test_message ("accepted %s", what);
      return TRUE;
    }
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (message, -1), >, 10);
  g_assert_cmpint (g_utf8_strlen (message, -1), <, 300);
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
  refused_count++;
  g_test_message ("refused  %s: %s", what, message);
  return TRUE;
}

/* ---- scratch folders and stores ---- */

typedef struct
{
  char *dir;
  char *path;
  ItogiStore *store;
} Scratch;

static void
scratch_open (Scratch *s)
{
  g_autoptr (GError) error = NULL;

  s->dir = g_dir_make_tmp ("itogi-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  s->path = g_build_filename (s->dir, "itogi.db", NULL);
  s->store = itogi_seed_create (s->path, &error);
  g_assert_no_error (error);
}

static void
scratch_close (Scratch *s)
{
  g_clear_pointer (&s->store, itogi_store_free);
  if (s->dir != NULL)
    itogi_test_remove_tree (s->dir);
  g_free (s->dir);
  g_free (s->path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scratch, scratch_close)

static ItogiIndicator *
find_indicator (ItogiStore *store, const char *area_slug, const char *slug)
{
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, area_slug, NULL);
  g_autoptr (GPtrArray) list = NULL;

  g_assert_nonnull (area);
  list = itogi_store_list_indicators (store, area->id, TRUE, NULL);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((ItogiIndicator *)list->pdata[i])->slug, slug) == 0)
      return itogi_indicator_copy (list->pdata[i]);
  g_error ("no indicator %s/%s", area_slug, slug);
}

/* @n characters of Russian text with spaces, digits and characters outside the BMP. */
static char *
text_of_length (guint n)
{
  static const char *const pieces[] = { "Ж", "и", "т", "ь", " ", "№", "5", "😀", "ё", "Q" };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, pieces[i % G_N_ELEMENTS (pieces)]);
  return g_string_free (s, FALSE);
}

/* ---- 1. texts through the C API: every field, every kind of hostile text ---- */

typedef struct
{
  ItogiStore *store;
  gint64 area_id;
  gint64 institution_id;
  gint64 task_id;
  gint64 last_id;
  char *last_slug;
  guint serial;
} Texts;

static Texts tx;

typedef struct
{
  const char *name;
  ItogiTextField field;
  gboolean (*write) (const char *text, GError **error);
  char *(*read) (void);  /* what is stored now ("" for nothing) */
  guint (*count) (void); /* rows of its kind, for writes that add one; NULL otherwise */
} Channel;

static char *
new_slug (void)
{
  g_free (tx.last_slug);
  tx.last_slug = g_strdup_printf ("hostile-%u", ++tx.serial);
  return tx.last_slug;
}

static char *
or_empty (char *text)
{
  return text != NULL ? text : g_strdup ("");
}

static gboolean
area_add (const char *text, GError **error)
{
  ItogiArea a
      = { .slug = new_slug (), .title = (char *)text, .short_title = (char *)"Проба", .position = 50 };
  return itogi_store_add_area (tx.store, &a, error) != 0;
}

static char *
area_added_title (void)
{
  g_autoptr (ItogiArea) a = itogi_store_find_area (tx.store, tx.last_slug, NULL);
  return g_strdup (a != NULL ? a->title : "");
}

static guint
area_count (void)
{
  g_autoptr (GPtrArray) all = itogi_store_list_areas (tx.store, TRUE, NULL);
  return all->len;
}

static gboolean
area_update (int which, const char *text, GError **error)
{
  g_autoptr (ItogiArea) a = itogi_store_find_area (tx.store, "legal", NULL);
  char **slot = which == 0 ? &a->title : which == 1 ? &a->short_title : &a->description;

  g_free (*slot);
  *slot = g_strdup (text);
  return itogi_store_update_area (tx.store, a, error);
}

static char *
area_read (int which)
{
  g_autoptr (ItogiArea) a = itogi_store_find_area (tx.store, "legal", NULL);
  return g_strdup (which == 0 ? a->title : which == 1 ? a->short_title : a->description);
}

static gboolean
area_title_write (const char *t, GError **e)
{
  return area_update (0, t, e);
}
static char *
area_title_read (void)
{
  return area_read (0);
}
static gboolean
tab_label_write (const char *t, GError **e)
{
  return area_update (1, t, e);
}
static char *
tab_label_read (void)
{
  return area_read (1);
}
static gboolean
area_description_write (const char *t, GError **e)
{
  return area_update (2, t, e);
}
static char *
area_description_read (void)
{
  return or_empty (area_read (2));
}

static gboolean
indicator_add (const char *text, GError **error)
{
  g_autoptr (ItogiArea) area = itogi_store_find_area (tx.store, "personnel", NULL);
  ItogiIndicator ind = { .area_id = area->id,
                         .slug = new_slug (),
                         .title = (char *)text,
                         .unit = (char *)"ед.",
                         .kind = ITOGI_KIND_COUNT,
                         .aggregation = ITOGI_AGGREGATION_SUM,
                         .polarity = ITOGI_POLARITY_NEUTRAL,
                         .position = 50 };
  return itogi_store_add_indicator (tx.store, &ind, error) != 0;
}

static char *
indicator_added_title (void)
{
  g_autoptr (ItogiArea) area = itogi_store_find_area (tx.store, "personnel", NULL);
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (tx.store, area->id, TRUE, NULL);

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((ItogiIndicator *)list->pdata[i])->slug, tx.last_slug) == 0)
      return g_strdup (((ItogiIndicator *)list->pdata[i])->title);
  return g_strdup ("");
}

static guint
indicator_count (void)
{
  g_autoptr (GPtrArray) all = itogi_store_list_indicators (tx.store, 0, TRUE, NULL);
  return all->len;
}

/* 0 title, 1 unit, 2 a word form, 3 description: of «staff-trained», which has figures. */
static gboolean
indicator_update (int which, const char *text, GError **error)
{
  g_autoptr (ItogiIndicator) ind = find_indicator (tx.store, "personnel", "staff-trained");
  char **slot = which == 0   ? &ind->title
                : which == 1 ? &ind->unit
                : which == 2 ? &ind->forms[1]
                             : &ind->description;

  g_free (*slot);
  *slot = g_strdup (text);
  return itogi_store_update_indicator (tx.store, ind, error);
}

static char *
indicator_read (int which)
{
  g_autoptr (ItogiIndicator) ind = find_indicator (tx.store, "personnel", "staff-trained");
  return or_empty (g_strdup (which == 0   ? ind->title
                             : which == 1 ? ind->unit
                             : which == 2 ? ind->forms[1]
                                          : ind->description));
}

static gboolean
indicator_title_write (const char *t, GError **e)
{
  return indicator_update (0, t, e);
}
static char *
indicator_title_read (void)
{
  return indicator_read (0);
}
static gboolean
unit_write (const char *t, GError **e)
{
  return indicator_update (1, t, e);
}
static char *
unit_read (void)
{
  return indicator_read (1);
}
static gboolean
form_write (const char *t, GError **e)
{
  return indicator_update (2, t, e);
}
static char *
form_read (void)
{
  return indicator_read (2);
}
static gboolean
indicator_description_write (const char *t, GError **e)
{
  return indicator_update (3, t, e);
}
static char *
indicator_description_read (void)
{
  return indicator_read (3);
}

static gboolean
institution_add (const char *text, GError **error)
{
  tx.last_id = itogi_store_add_institution (tx.store, tx.area_id, text, 50, error);
  return tx.last_id != 0;
}

static GPtrArray *
institutions (void)
{
  return itogi_store_list_institutions (tx.store, tx.area_id, 2030, NULL);
}

static char *
institution_read (gboolean note)
{
  g_autoptr (GPtrArray) list = institutions ();
  gint64 id = note ? tx.institution_id : tx.last_id;

  for (guint i = 0; i < list->len; i++)
    if (((ItogiInstitution *)list->pdata[i])->id == id)
      return or_empty (g_strdup (note ? ((ItogiInstitution *)list->pdata[i])->note
                                      : ((ItogiInstitution *)list->pdata[i])->name));
  return g_strdup ("");
}

static char *
institution_name_read (void)
{
  return institution_read (FALSE);
}

static guint
institution_count (void)
{
  g_autoptr (GPtrArray) list = institutions ();
  return list->len;
}

static gboolean
institution_note_write (const char *text, GError **error)
{
  return itogi_store_set_institution_note (tx.store, tx.institution_id, 2030, text, error);
}

static char *
institution_note_read (void)
{
  return institution_read (TRUE);
}

static gboolean
task_add (const char *text, GError **error)
{
  tx.last_id = itogi_store_add_task (tx.store, tx.area_id, 2030, text, error);
  return tx.last_id != 0;
}

static char *
task_read_id (gint64 id)
{
  g_autoptr (GPtrArray) list = itogi_store_list_tasks (tx.store, tx.area_id, 2030, NULL);

  for (guint i = 0; i < list->len; i++)
    if (((ItogiTask *)list->pdata[i])->id == id)
      return g_strdup (((ItogiTask *)list->pdata[i])->text);
  return g_strdup ("");
}

static char *
task_added_read (void)
{
  return task_read_id (tx.last_id);
}

static guint
task_count (void)
{
  g_autoptr (GPtrArray) list = itogi_store_list_tasks (tx.store, tx.area_id, 2030, NULL);
  return list->len;
}

static gboolean
task_update (const char *text, GError **error)
{
  return itogi_store_update_task (tx.store, tx.task_id, text, FALSE, error);
}

static char *
task_updated_read (void)
{
  return task_read_id (tx.task_id);
}

static gboolean
area_note_write (const char *text, GError **error)
{
  return itogi_store_set_area_note (tx.store, tx.area_id, 2030, text, error);
}

static char *
area_note_read (void)
{
  return or_empty (itogi_store_get_area_note (tx.store, tx.area_id, 2030, NULL));
}

static gboolean
value_note_write (const char *text, GError **error)
{
  g_autoptr (ItogiIndicator) ind = find_indicator (tx.store, "documents", "incoming-legal");
  ItogiValue v = { .present = TRUE, .amount = 5, .note = (char *)text };
  return itogi_store_set_value (tx.store, ind->id, 2030, ITOGI_PERIOD_YEAR, 0, &v, error);
}

static char *
value_note_read (void)
{
  g_autoptr (ItogiIndicator) ind = find_indicator (tx.store, "documents", "incoming-legal");
  g_auto (ItogiValue) v = { 0 };

  g_assert_true (itogi_store_get_year_value (tx.store, ind, 2030, &v, NULL));
  return g_strdup (v.note != NULL ? v.note : "");
}

static const Channel channels[] = {
  { "new area's title", ITOGI_TEXT_TITLE, area_add, area_added_title, area_count },
  { "area title", ITOGI_TEXT_TITLE, area_title_write, area_title_read, NULL },
  { "tab label", ITOGI_TEXT_TAB_LABEL, tab_label_write, tab_label_read, NULL },
  { "area description", ITOGI_TEXT_DESCRIPTION, area_description_write, area_description_read, NULL },
  { "new indicator's title", ITOGI_TEXT_TITLE, indicator_add, indicator_added_title, indicator_count },
  { "indicator title", ITOGI_TEXT_TITLE, indicator_title_write, indicator_title_read, NULL },
  { "unit", ITOGI_TEXT_UNIT, unit_write, unit_read, NULL },
  { "word form", ITOGI_TEXT_WORD_FORM, form_write, form_read, NULL },
  { "indicator description", ITOGI_TEXT_DESCRIPTION, indicator_description_write, indicator_description_read,
    NULL },
  { "institution name", ITOGI_TEXT_NAME, institution_add, institution_name_read, institution_count },
  { "institution note", ITOGI_TEXT_NOTE, institution_note_write, institution_note_read, NULL },
  { "new task", ITOGI_TEXT_TASK, task_add, task_added_read, task_count },
  { "task", ITOGI_TEXT_TASK, task_update, task_updated_read, NULL },
  { "area note", ITOGI_TEXT_NOTE, area_note_write, area_note_read, NULL },
  { "figure's note", ITOGI_TEXT_NOTE, value_note_write, value_note_read, NULL },
};

typedef enum
{
  OK_EVERYWHERE,
  OK_MULTILINE, /* refused in one-line fields */
  REFUSED,
  BY_LENGTH, /* the text is made to a length relative to the field's limit */
  BY_EMPTINESS,
} Rule;

typedef struct
{
  const char *label;
  const char *text; /* NULL for generated texts */
  Rule rule;
  const char *as_stored; /* multi-line fields: the text as stored, when it differs */
  int length;            /* BY_LENGTH: −1 the limit + 1, 0 the limit, > 0 this many */
} TextCase;

static const TextCase text_cases[] = {
  { "100 000 characters", NULL, BY_LENGTH, NULL, 100000 },
  { "one character over the limit", NULL, BY_LENGTH, NULL, -1 },
  { "exactly the limit", NULL, BY_LENGTH, NULL, 0 },
  { "empty", "", BY_EMPTINESS },
  { "only spaces", "   ", BY_EMPTINESS },
  { "U+0001", "Проба\x01текст", REFUSED },
  { "an escape sequence", "Проба\x1b[2Jтекст", REFUSED },
  { "U+001F", "Проба\x1fтекст", REFUSED },
  { "U+007F", "Проба\x7fтекст", REFUSED },
  { "U+0085 (C1)", "Проба\xc2\x85текст", REFUSED },
  { "U+009F (C1)", "Проба\xc2\x9fтекст", REFUSED },
  { "U+FFFE", "Проба\ufffeтекст", REFUSED },
  { "U+FFFF", "Проба\uffffтекст", REFUSED },
  { "a byte that is never UTF-8", "Проба\xffтекст", REFUSED },
  { "a lone surrogate", "Проба\xed\xa0\x80текст", REFUSED },
  { "an overlong slash", "Проба\xc0\xafтекст", REFUSED },
  { "a cut sequence", "Проба\xd0", REFUSED },
  { "a code point past U+10FFFF", "Проба\xf4\x90\x80\x80", REFUSED },
  { "a tab", "Проба\tтекст", OK_MULTILINE },
  { "a line break", "Первая\nвторая", OK_MULTILINE },
  { "CRLF", "Первая\r\nвторая", OK_MULTILINE, "Первая\nвторая" },
  { "a lone CR", "Первая\rвторая\r\n\r\nтретья", OK_MULTILINE, "Первая\nвторая\n\nтретья" },
  { "U+2028", "Первая\u2028вторая", OK_MULTILINE },
  { "a formula", "=HYPERLINK(\"http://x\",\"y\")", OK_EVERYWHERE },
  { "a leading minus", "-2", OK_EVERYWHERE },
  { "an Excel escape", "_x0041_ и _x000D_", OK_EVERYWHERE },
  { "XML specials", "<b>&amp;</b> ]]>", OK_EVERYWHERE },
  { "right-to-left override", "Проба\u202eтекст", OK_EVERYWHERE },
  { "BOM and zero-width joiner", "\ufeffПро\u200dба", OK_EVERYWHERE },
};

static void
try_text (const Channel *ch, const TextCase *tc)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *generated = NULL, *before = NULL, *after = NULL, *what = NULL;
  const char *text = tc->text;
  const char *want = tc->as_stored != NULL && itogi_text_is_multiline (ch->field) ? tc->as_stored : tc->text;
  guint max = itogi_text_max_chars (ch->field);
  guint rows = ch->count != NULL ? ch->count () : 0;
  gboolean ok_expected;
  gboolean ok;

  switch (tc->rule)
    {
    case BY_LENGTH:
      generated = text_of_length (tc->length > 0 ? (guint)tc->length : max + (tc->length < 0 ? 1 : 0));
      text = want = generated;
      ok_expected = g_utf8_strlen (generated, -1) <= (glong)max;
      break;
    case BY_EMPTINESS:
      ok_expected = ch->field == ITOGI_TEXT_UNIT || ch->field == ITOGI_TEXT_WORD_FORM
                    || ch->field == ITOGI_TEXT_DESCRIPTION || ch->field == ITOGI_TEXT_NOTE;
      break;
    case OK_MULTILINE:
      ok_expected = itogi_text_is_multiline (ch->field);
      break;
    case REFUSED:
      ok_expected = FALSE;
      break;
    case OK_EVERYWHERE:
    default:
      ok_expected = TRUE;
      break;
    }
  /* A short unit or tab label can still hold the short cases. */
  if (tc->rule != BY_LENGTH && ok_expected)
    g_assert_cmpint (g_utf8_strlen (text, -1), <=, (glong)max);

  what = g_strdup_printf ("%s ← %s", ch->name, tc->label);
  before = ch->read ();
  ok = ch->write (text, &error);
  after = ch->read ();
  if (!outcome (what, ok_expected ? MUST_ACCEPT : MUST_REFUSE, ok, error != NULL ? error->message : NULL))
    return;
  if (!ok)
    {
      g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
      /* Nothing written: the same text, or for an addition no new row. */
      if (ch->count != NULL)
        {
          g_assert_cmpstr (after, ==, "");
          g_assert_cmpuint (ch->count (), ==, rows);
        }
      else
        g_assert_true (g_strcmp0 (after, before) == 0);
      return;
    }
  g_assert_cmpstr (after, ==, want);
  if (ch->count != NULL)
    g_assert_cmpuint (ch->count (), ==, rows + 1);
}

static void
test_store_texts (void)
{
  g_auto (Scratch) s = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = NULL;

  scratch_open (&s);
  tx.store = s.store;
  area = itogi_store_find_area (s.store, "legal", &error);
  tx.area_id = area->id;
  tx.institution_id = itogi_store_add_institution (s.store, area->id, "Учреждение", 1, &error);
  tx.task_id = itogi_store_add_task (s.store, area->id, 2030, "Исходная задача", &error);
  g_assert_no_error (error);

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    for (guint t = 0; t < G_N_ELEMENTS (text_cases); t++)
      try_text (&channels[c], &text_cases[t]);

  g_clear_pointer (&tx.last_slug, g_free);
  tx.store = NULL;
}

/* Inside a step (one user action), a refused text undoes the whole step, not just itself. */
static void
test_refused_text_rolls_back_the_step (void)
{
  g_auto (Scratch) s = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiIndicator) ind = NULL;
  g_autofree char *long_note = text_of_length (100000);
  g_auto (ItogiValue) v = { 0 };
  ItogiValue figure = { .present = TRUE, .amount = 77 };
  gboolean ok;

  scratch_open (&s);
  ind = find_indicator (s.store, "documents", "incoming-legal");
  g_assert_cmpint (itogi_store_begin_step (s.store, "Проба", &error), >, 0);
  g_assert_true (itogi_store_set_value (s.store, ind->id, 2031, ITOGI_PERIOD_YEAR, 0, &figure, &error));
  ok = itogi_store_set_area_note (s.store, ind->area_id, 2031, long_note, &error);
  if (outcome ("a step with a 100 000-character note", MUST_REFUSE, ok,
               error != NULL ? error->message : NULL))
    g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  itogi_store_rollback_step (s.store);
  g_assert_true (itogi_store_get_year_value (s.store, ind, 2031, &v, NULL));
  g_assert_false (v.present);
}

/* ---- 2. CSV files through the reader and the import ---- */

/* Import @csv into @store; the problem (or error) in one line, or NULL when it landed. */
static char *
import_text (ItogiStore *store, const char *csv, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiCsvTable) table = itogi_csv_parse (csv, len, &error);
  g_auto (ItogiImportReport) report = { 0 };

  if (table == NULL)
    return g_strdup (error->message);
  itogi_import_report_init (&report);
  if (itogi_import_csv (store, table, FALSE, &report, &error))
    return NULL;
  g_assert_no_error (error);
  g_assert_cmpuint (report.problems->len, >, 0);
  {
    ItogiImportProblem *p = report.problems->pdata[0];
    g_autofree char *line = g_strdup_printf ("%u", p->line);
    g_autofree char *column = g_strdup_printf ("%u", p->column);
    /* As itogi-cli prints it, in the language the tests run in. */
    g_autofree char *said = p->column > 0
                                ? itogi_test_trf ("Line %u, column %u: %s\n", line, column, p->message, NULL)
                                : itogi_test_trf ("Line %u: %s\n", line, p->message, NULL);
    return g_strchomp (g_steal_pointer (&said));
  }
}

static gint64
total_values (ItogiStore *store)
{
  g_autoptr (GPtrArray) all = itogi_store_list_indicators (store, 0, TRUE, NULL);
  gint64 n = 0;

  for (guint i = 0; i < all->len; i++)
    n += itogi_store_count_values (store, ((ItogiIndicator *)all->pdata[i])->id, NULL);
  return n;
}

/* A NUL byte in the middle of the year: the length is the array's, not strlen's. */
static const char nul_csv[] = "Показатель;Год;Значение\nX;20\00040;1\n";

static void
test_csv_files (void)
{
  g_auto (Scratch) s = { 0 };
  g_autoptr (GString) huge_note = g_string_new ("Показатель;Год;Значение;Примечание\n"
                                                "Проведено выездных и камеральных проверок;2040;1;\"");
  g_autoptr (GString) huge_name = g_string_new ("Показатель;Год;Значение\n");
  g_autoptr (GString) wide
      = g_string_new ("Показатель;Год;Значение\nПроведено выездных и камеральных проверок");
  g_autofree char *longest = text_of_length (ITOGI_NOTE_MAX_CHARS);
  g_autofree char *good_longest = NULL;
  static const char head[] = "Показатель;Год;Значение;Примечание\n";
  struct
  {
    const char *label;
    const char *text;
    gssize len;
    const char *says; /* a msgid the refusal must contain, in the language of the tests; NULL: it must land */
    const char *args[3]; /* what fills its %s, %u and %X, in order */
  } cases[] = {
    { "cp1251 bytes",
      "Показатель;Год;Значение\nПроведено выездных и камеральных проверок;2040;1\n\xc3\xee\xe4;2;3\n",
      -1,
      "Line %u",
      { "3" } },
    { "a lone surrogate", "Показатель;Год;Значение\n\xed\xa0\x80;2040;1\n", -1, "Line %u", { "2" } },
    { "a NUL byte",
      nul_csv,
      sizeof nul_csv - 1,
      "Line %u holds a NUL byte: this is not a text table. Save the table as “CSV UTF-8” and try again.",
      { "2" } },
    { "only a BOM", "\xef\xbb\xbf", -1, "The file holds no table." },
    { "UTF-16",
      "\xff\xfe"
      "\x1f\x04;\0",
      6, "The file is UTF-16 (“Unicode text”), not UTF-8. Save the table as “CSV UTF-8” and try again." },
    { "an unclosed quote", "Показатель;Год;Значение\n\"Проведено;2040;1\n", -1, "Line %u", { "2" } },
    { "text after a quote",
      "Показатель;Год;Значение\n\"Проведено\" выездных;2040;1\n",
      -1,
      "Line %u",
      { "2" } },
    { "a 2-million-character note", NULL, -1, "Line %u, column %u", { "2", "4" } },
    { "a 100 000-character name", NULL, -1, "Line %u, column %u", { "2", "1" } },
    { "a row of 100 000 fields", NULL, -1, "Line %u", { "2" } },
    { "a note with an escape",
      "Показатель;Год;Значение;Примечание\nПроведено выездных и камеральных проверок;2040;1;\x1b[2J\n",
      -1,
      "%s contains a character that cannot be saved (U+%04X, character %s): remove it.",
      { "*", "001B", "*" } },
    { "the same figure twice",
      "Показатель;Год;Значение\nПроведено выездных и камеральных проверок;2040;1\nПроведено выездных и "
      "камеральных проверок;2040;2\n",
      -1,
      "This figure is already given on line %u.",
      { "2" } },
    { "Excel's own CSV",
      "\xef\xbb\xbfПоказатель;Год;Значение;Примечание\r\nПроведено выездных и камеральных проверок;2041;\"1 "
      "000\";\"сказано \"\"так\"\"\"\r\n",
      -1, NULL },
    { "the longest note", NULL, -1, NULL },
  };

  scratch_open (&s);
  for (int i = 0; i < 2000000; i++)
    g_string_append (huge_note, "ж");
  g_string_append (huge_note, "\"\n");
  for (guint i = 0; i < 10000; i++)
    g_string_append (huge_name, "Показатель");
  g_string_append (huge_name, ";2040;1\n");
  for (guint i = 0; i < 100000; i++)
    g_string_append (wide, ";1");
  g_string_append_c (wide, '\n');
  good_longest = g_strdup_printf ("%sПроведено выездных и камеральных проверок;2042;1;%s\n", head, longest);
  cases[7].text = huge_note->str;
  cases[8].text = huge_name->str;
  cases[9].text = wide->str;
  cases[13].text = good_longest;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len > 0 ? (gsize)cases[i].len : strlen (cases[i].text);
      gint64 before = total_values (s.store);
      g_autofree char *problem = import_text (s.store, cases[i].text, len);
      g_autofree char *what = g_strdup_printf ("CSV with %s", cases[i].label);

      if (!outcome (what, cases[i].says == NULL ? MUST_ACCEPT : MUST_REFUSE, problem == NULL, problem))
        continue;
      if (problem == NULL)
        {
          g_assert_cmpint (total_values (s.store), ==, before + 1);
          continue;
        }
      {
        g_autofree char *says
            = itogi_test_trf (cases[i].says, cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);
        /* A «*» stands for what the message quotes (a field's name), matched as a glob. */
        g_autofree char *pattern = g_strconcat ("*", says, "*", NULL);
        if (!g_pattern_match_simple (pattern, problem))
          g_error ("%s: «%s» does not say «%s»", what, problem, says);
      }
      g_assert_cmpint (total_values (s.store), ==, before);
    }
  /* What landed is exactly what the files said. */
  {
    g_autoptr (ItogiIndicator) ind = find_indicator (s.store, "financial-control", "inspections");
    g_auto (ItogiValue) v = { 0 };
    g_assert_true (itogi_store_get_year_value (s.store, ind, 2041, &v, NULL));
    g_assert_cmpint (v.amount, ==, 1000);
    g_assert_cmpstr (v.note, ==, "сказано \"так\"");
    itogi_value_clear (&v);
    g_assert_true (itogi_store_get_year_value (s.store, ind, 2042, &v, NULL));
    g_assert_cmpstr (v.note, ==, longest);
  }
}

/* ---- 3. numbers, through the parser and through the import ---- */

typedef struct
{
  const char *text;
  ItogiKind kind;
  gboolean ok;
  gint64 amount;
} NumberCase;

static const NumberCase number_cases[] = {
  { "1e20", ITOGI_KIND_COUNT, FALSE },
  { "1E5", ITOGI_KIND_MONEY, FALSE },
  { "99999999999999999999", ITOGI_KIND_COUNT, FALSE },
  { "9 223 372 036 854 775 807", ITOGI_KIND_MONEY, FALSE },
  { "-0", ITOGI_KIND_COUNT, TRUE, 0 },
  { "\u22120,0", ITOGI_KIND_DECIMAL, TRUE, 0 },
  { "1 000 000 000 000 000", ITOGI_KIND_COUNT, FALSE },
  { "1 000 000 000 000", ITOGI_KIND_COUNT, TRUE, G_GINT64_CONSTANT (1000000000000) },
  { "999 999 999 999 999", ITOGI_KIND_COUNT, TRUE, ITOGI_AMOUNT_MAX },
  { "NaN", ITOGI_KIND_DECIMAL, FALSE },
  { "inf", ITOGI_KIND_DECIMAL, FALSE },
  { "-Infinity", ITOGI_KIND_MONEY, FALSE },
  { "\u221e", ITOGI_KIND_COUNT, FALSE },
  { "12,345,678", ITOGI_KIND_COUNT, FALSE },
  { "12.345.678", ITOGI_KIND_MONEY, FALSE },
  { "1,000", ITOGI_KIND_COUNT, FALSE },
  { "2.500", ITOGI_KIND_MONEY, FALSE },
  { "1,500 тыс.", ITOGI_KIND_COUNT, TRUE, 1500 },
  { "0,12345678901234567890", ITOGI_KIND_MONEY, FALSE },
  { "3,14159265358979323846", ITOGI_KIND_DECIMAL, FALSE },
  { "1,00000000000000000000", ITOGI_KIND_MONEY, TRUE, 100 },
  { "779 054,51", ITOGI_KIND_MONEY, TRUE, 77905451 },
  { "779054.51", ITOGI_KIND_MONEY, TRUE, 77905451 },
  { "-5", ITOGI_KIND_COUNT, FALSE },
  { "\u22122,5", ITOGI_KIND_DECIMAL, TRUE, -25 },
  { "0x1F", ITOGI_KIND_COUNT, FALSE },
  { "\uff11\uff12", ITOGI_KIND_COUNT, FALSE },
  { "1_000", ITOGI_KIND_COUNT, FALSE },
  { "1'000", ITOGI_KIND_COUNT, FALSE },
  { "22\u00a0808", ITOGI_KIND_COUNT, TRUE, 22808 },
  { "22\u202f808", ITOGI_KIND_COUNT, TRUE, 22808 },
  { "22 80", ITOGI_KIND_COUNT, FALSE },
  { "  7  ", ITOGI_KIND_COUNT, TRUE, 7 },
  { "+7", ITOGI_KIND_COUNT, TRUE, 7 },
  { "=1+1", ITOGI_KIND_COUNT, FALSE },
  { "", ITOGI_KIND_COUNT, FALSE },
};

static void
test_numbers (void)
{
  g_auto (Scratch) s = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = NULL;
  ItogiIndicator decimal = { .slug = (char *)"decimal",
                             .title = (char *)"Десятичный показатель",
                             .unit = (char *)"",
                             .kind = ITOGI_KIND_DECIMAL,
                             .scale = 1,
                             .aggregation = ITOGI_AGGREGATION_LAST,
                             .polarity = ITOGI_POLARITY_NEUTRAL,
                             .position = 99 };
  /* An indicator of each kind, named as a CSV would name it. */
  const char *names[] = {
    [ITOGI_KIND_COUNT] = "financial-control/inspections",
    [ITOGI_KIND_MONEY] = "financial-control/budget-savings",
    [ITOGI_KIND_DECIMAL] = "personnel/decimal",
  };

  scratch_open (&s);
  area = itogi_store_find_area (s.store, "personnel", &error);
  decimal.area_id = area->id;
  g_assert_cmpint (itogi_store_add_indicator (s.store, &decimal, &error), >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (number_cases); i++)
    {
      const NumberCase *nc = &number_cases[i];
      guint scale = nc->kind == ITOGI_KIND_DECIMAL ? 1 : 2;
      g_autoptr (GError) parse_error = NULL;
      g_autofree char *escaped = g_strescape (nc->text, "\u00a0\u202f\u2212\u221e\uff11\uff12");
      g_autofree char *what = g_strdup_printf ("number «%s» (%s)", escaped, itogi_kind_to_string (nc->kind));
      g_autofree char *via_csv = g_strdup_printf ("%s, imported", what);
      g_autofree char *csv
          = g_strdup_printf ("Показатель;Год;Значение\n%s;%u;%s\n", names[nc->kind], 1950 + i, nc->text);
      g_autofree char *problem = NULL;
      g_autoptr (ItogiIndicator) ind = NULL;
      gint64 amount = -42;
      gboolean ok = itogi_parse_value (nc->text, nc->kind, scale, &amount, NULL, &parse_error);

      /* The parser. */
      if (outcome (what, nc->ok ? MUST_ACCEPT : MUST_REFUSE, ok,
                   parse_error != NULL ? parse_error->message : NULL))
        g_assert_cmpint (amount, ==, ok ? nc->amount : -42);

      /* The same text in a CSV: the same outcome, the same figure. */
      problem = import_text (s.store, csv, strlen (csv));
      {
        const char *slash = strchr (names[nc->kind], '/');
        g_autofree char *area_slug = g_strndup (names[nc->kind], slash - names[nc->kind]);
        g_auto (ItogiValue) v = { 0 };
        ind = find_indicator (s.store, area_slug, slash + 1);
        g_assert_true (itogi_store_get_year_value (s.store, ind, 1950 + (int)i, &v, NULL));
        if (outcome (via_csv, nc->ok ? MUST_ACCEPT : MUST_REFUSE, problem == NULL, problem))
          {
            g_assert_true (v.present == (problem == NULL));
            if (v.present)
              g_assert_cmpint (v.amount, ==, nc->amount);
          }
      }
    }
}

/* ---- 4. periods and dates in a CSV ---- */

static void
test_periods_and_dates (void)
{
  static const struct
  {
    const char *period, *date;
    int month, quarter; /* where it must land, 0 when it must be refused */
  } cases[] = {
    { "IV квартал", "", 0, 4 },
    { "Quarter II", "", 0, 2 },
    { "III кв.", "", 0, 3 },
    { "Март", "", 3, 0 },
    { "march", "", 3, 0 },
    { "M12", "", 12, 0 },
    { "Q5", "", 0, 0 },
    { "13", "", 0, 0 },
    { "0", "", 0, 0 },
    { "V квартал", "", 0, 0 },
    { "4294967297", "", 0, 0 },
    { "q99999999999999999999", "", 0, 0 },
    { "мартобря", "", 0, 0 },
    { "1", "31.12.2022", 1, 0 },
    { "2", "2024-02-29", 2, 0 },
    { "4", "4294967327.12.2022", 0, 0 },
    { "5", "29.02.2023", 0, 0 },
    { "6", "31.12.22", 0, 0 },
    { "7", "99999999999999999999-01-01", 0, 0 },
  };
  g_auto (Scratch) s = { 0 };
  g_autoptr (ItogiIndicator) ind = NULL;

  scratch_open (&s);
  ind = find_indicator (s.store, "financial-control", "inspections");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int year = 1960 + (int)i;
      g_autofree char *csv = g_strdup_printf ("Показатель;Год;Период;Значение;По состоянию на\n"
                                              "financial-control/inspections;%d;%s;%u;%s\n",
                                              year, cases[i].period, 10 + i, cases[i].date);
      g_autofree char *problem = import_text (s.store, csv, strlen (csv));
      g_autofree char *what = g_strdup_printf ("period «%s», date «%s»", cases[i].period, cases[i].date);
      gboolean expect_ok = cases[i].month > 0 || cases[i].quarter > 0;

      if (!outcome (what, expect_ok ? MUST_ACCEPT : MUST_REFUSE, problem == NULL, problem))
        continue;
      if (problem != NULL)
        {
          g_auto (ItogiValue) v = { 0 };
          g_assert_true (itogi_store_get_year_value (s.store, ind, year, &v, NULL));
          g_assert_false (v.present);
          continue;
        }
      {
        ItogiValue parts[12] = { { 0 } };
        ItogiPeriodType type = cases[i].month > 0 ? ITOGI_PERIOD_MONTH : ITOGI_PERIOD_QUARTER;
        int index = cases[i].month > 0 ? cases[i].month : cases[i].quarter;
        g_assert_true (itogi_store_get_periods (s.store, ind->id, year, type, parts,
                                                type == ITOGI_PERIOD_MONTH ? 12 : 4, NULL));
        g_assert_true (parts[index - 1].present);
        g_assert_cmpint (parts[index - 1].amount, ==, 10 + i);
        if (*cases[i].date != '\0')
          g_assert_nonnull (parts[index - 1].as_of);
        for (guint k = 0; k < 12; k++)
          itogi_value_clear (&parts[k]);
      }
    }
}

/* ---- 5. Excel: formulas stay text, the longest texts survive, the chart still draws ---- */

/* Ask openpyxl (Debian's python3) about @xlsx; @checks are pairs: "text"/"noformula", a text.
 * Returns whether each check held, in their order. */
static GArray *
openpyxl_checks (const char *xlsx, const char *const *checks)
{
  g_autoptr (GArray) held = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_auto (GStrv) lines = NULL;
  const char *python = g_getenv ("ITOGI_PYTHON");
  const char *script = g_getenv ("ITOGI_XLSX_CELLS");
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_path_get_dirname (xlsx);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_nonnull (python);
  g_assert_nonnull (script);
  g_ptr_array_add (argv, g_strdup (python));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, g_strdup (xlsx));
  for (guint i = 0; checks[i] != NULL; i += 2)
    {
      g_autofree char *name = g_strdup_printf ("expect-%u.txt", i / 2);
      char *path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_set_contents (path, checks[i + 1], -1, NULL));
      g_ptr_array_add (argv, g_strdup (checks[i]));
      g_ptr_array_add (argv, path);
    }
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_test_message ("openpyxl:\n%s%s", out, err);
  /* It ran (exit 1 means a check failed): one line per check, "ok …" or "missing …". */
  g_assert_true (g_spawn_check_wait_status (status, NULL) || WEXITSTATUS (status) == 1);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      gboolean ok = g_str_has_prefix (lines[i], "ok ");
      g_assert_true (ok || g_str_has_prefix (lines[i], "missing "));
      g_array_append_val (held, ok);
    }
  g_assert_cmpuint (held->len * 2, ==, g_strv_length ((char **)checks));
  return g_steal_pointer (&held);
}

static gint64
add_indicator (ItogiStore *store, const char *area_slug, const char *slug, const char *title,
               const char *unit)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, area_slug, &error);
  ItogiIndicator ind = { .area_id = area->id,
                         .slug = (char *)slug,
                         .title = (char *)title,
                         .unit = (char *)unit,
                         .kind = ITOGI_KIND_COUNT,
                         .aggregation = ITOGI_AGGREGATION_SUM,
                         .polarity = ITOGI_POLARITY_NEUTRAL,
                         .position = 90 };
  gint64 id = itogi_store_add_indicator (store, &ind, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_formulas_stay_text (void)
{
  static const char *const titles[] = {
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1",
    "-2",
    "@SUM(A1)",
    "=1+1",
    "-1,4 %",
    /* Not a formula, but what OOXML uses to escape characters: it must not become «A». */
    "_x0041_ и _x000D_",
  };
  g_auto (Scratch) s = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = NULL, *csv_path = NULL, *csv = NULL;
  g_autoptr (ItogiCsvTable) table = NULL;
  g_autoptr (GPtrArray) checks = g_ptr_array_new ();
  g_autoptr (GArray) held = NULL;
  gboolean no_formula;
  const char *const areas[] = { "appeals", NULL };
  ItogiExportOptions o = { .year = 2023, .compare_year = 2022, .areas = areas, .created = 1 };

  scratch_open (&s);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *slug = g_strdup_printf ("formula-%u", i);
      ItogiValue v = { .present = TRUE, .amount = 10 + i };
      gint64 id = add_indicator (s.store, "appeals", slug, titles[i], "@ед.");
      g_assert_true (itogi_store_set_value (s.store, id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
      g_ptr_array_add (checks, (gpointer) "text");
      g_ptr_array_add (checks, (gpointer)titles[i]);
    }
  g_ptr_array_add (checks, (gpointer) "noformula");
  g_ptr_array_add (checks, (gpointer) "HYPERLINK");
  g_ptr_array_add (checks, (gpointer) "noformula");
  g_ptr_array_add (checks, (gpointer) "SUM(A1)");
  g_ptr_array_add (checks, NULL);
  xlsx = g_build_filename (s.dir, "Итоги 2023 к 2022.xlsx", NULL);
  g_assert_true (itogi_export_xlsx (s.store, &o, xlsx, &error));
  g_assert_no_error (error);
  held = openpyxl_checks (xlsx, (const char *const *)checks->pdata);
  /* The last two checks: no formula anywhere. */
  no_formula = g_array_index (held, gboolean, G_N_ELEMENTS (titles))
               && g_array_index (held, gboolean, G_N_ELEMENTS (titles) + 1);

  /* In the CSV each starts with an apostrophe, so that a spreadsheet shows it and runs nothing;
   * «-1,4 %» is a title here, not a figure, so it gets one too. */
  csv_path = g_build_filename (s.dir, "Итоги 2023 к 2022.csv", NULL);
  g_assert_true (itogi_export_csv (s.store, &o, csv_path, &error));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  table = itogi_csv_parse (csv, strlen (csv), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *shielded
          = strchr ("=+-@", titles[i][0]) != NULL ? g_strconcat ("'", titles[i], NULL) : g_strdup (titles[i]);
      g_autofree char *what = g_strdup_printf ("title «%s» in Excel and CSV", titles[i]);
      gboolean found = FALSE;

      for (guint r = 1; r < table->rows->len && !found; r++)
        {
          ItogiCsvRow *row = table->rows->pdata[r];
          found = g_strcmp0 (row->fields[1], shielded) == 0 && g_strcmp0 (row->fields[2], "'@ед.") == 0;
        }
      /* Accepted: the same text, as text, in the workbook and the CSV, and no formula made of it. */
      outcome (what, MUST_ACCEPT, found && g_array_index (held, gboolean, i) && no_formula,
               "not found as text in the workbook and the CSV, or it became a formula");
    }
  /* The figures themselves are numbers, never shielded: written appeals fell by 114. */
  {
    gboolean found = FALSE;
    for (guint r = 1; r < table->rows->len && !found; r++)
      found = g_strcmp0 (((ItogiCsvRow *)table->rows->pdata[r])->fields[5], "-114") == 0;
    g_assert_true (found);
  }
}

/* The longest texts the store accepts go through the workbook and read back identically; the
 * chart of such an area draws in bounded time with its title cut short. */
static void
test_longest_texts_through_excel (void)
{
  g_auto (Scratch) s = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *title = text_of_length (ITOGI_TITLE_MAX_CHARS);
  g_autofree char *tab = text_of_length (ITOGI_TAB_LABEL_MAX_CHARS);
  g_autofree char *ind_title = NULL, *note_a = NULL, *note_b = NULL, *area_note = NULL, *task = NULL;
  g_autofree char *sheet_title = NULL, *row_note = NULL, *xlsx = NULL;
  ItogiArea area = { .slug = (char *)"longest", .title = title, .short_title = tab, .position = 99 };
  gint64 area_id, ind_id;

  /* Multi-line texts of the limit with breaks, tabs and two-unit characters: the worst case
   * for Excel's 32 767 UTF-16 units when both years' notes share one cell. */
  {
    g_autoptr (GString) n = g_string_new (NULL);
    for (guint i = 0; g_utf8_strlen (n->str, -1) < ITOGI_NOTE_MAX_CHARS; i++)
      g_string_append (n, i % 80 == 79 ? "\n" : i % 61 == 0 ? "\t" : "😀");
    note_a = g_strdup (n->str);
    note_b = g_strconcat ("=", g_utf8_next_char (n->str), NULL);
    area_note = g_strdup (n->str);
  }
  ind_title = g_strconcat ("=", g_utf8_next_char (title), NULL);
  task = text_of_length (ITOGI_TASK_MAX_CHARS);

  scratch_open (&s);
  area_id = itogi_store_add_area (s.store, &area, &error);
  g_assert_no_error (error);
  ind_id = add_indicator (s.store, "longest", "longest", ind_title, "ед.");
  {
    ItogiValue a = { .present = TRUE, .amount = 1, .note = note_a };
    ItogiValue b = { .present = TRUE, .amount = 2, .note = note_b };
    g_assert_true (itogi_store_set_value (s.store, ind_id, 2022, ITOGI_PERIOD_YEAR, 0, &a, &error));
    g_assert_true (itogi_store_set_value (s.store, ind_id, 2023, ITOGI_PERIOD_YEAR, 0, &b, &error));
  }
  g_assert_true (itogi_store_set_area_note (s.store, area_id, 2023, area_note, &error));
  g_assert_cmpint (itogi_store_add_task (s.store, area_id, 2024, task, &error), >, 0);
  g_assert_no_error (error);

  {
    const char *const areas[] = { "longest", NULL };
    ItogiExportOptions o = { .year = 2023, .compare_year = 2022, .areas = areas, .created = 1 };
    xlsx = g_build_filename (s.dir, "longest.xlsx", NULL);
    g_assert_true (itogi_export_xlsx (s.store, &o, xlsx, &error));
    g_assert_no_error (error);
  }
  sheet_title = g_strdup_printf ("%s: 2023\u00a0г. к 2022\u00a0г.", title);
  row_note = g_strdup_printf ("2022\u00a0г.: %s; 2023\u00a0г.: %s", note_a, note_b);
  {
    /* Within one cell as Excel counts, in UTF-16 units, though only just. */
    glong units = 0;
    g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (row_note, -1, NULL, &units, NULL);
    g_assert_cmpint (units, <=, 32767);
    g_assert_cmpint (units, >, 30000);
  }
  {
    const char *checks[] = { "text",   ind_title, "text",    tab,    "text", sheet_title, "text",
                             row_note, "text",    area_note, "text", task,   NULL };
    g_autoptr (GArray) held = openpyxl_checks (xlsx, checks);
    const char *lost = "not read back exactly by openpyxl";
#define HELD(i) g_array_index (held, gboolean, i)
    outcome ("the longest title through Excel", MUST_ACCEPT, HELD (0) && HELD (2), lost);
    outcome ("the longest tab label through Excel", MUST_ACCEPT, HELD (1), lost);
    outcome ("the longest notes of both years in one Excel cell", MUST_ACCEPT, HELD (3), lost);
    outcome ("the longest area note through Excel", MUST_ACCEPT, HELD (4), lost);
    outcome ("the longest task through Excel", MUST_ACCEPT, HELD (5), lost);
#undef HELD
  }

  /* Every kind of chart of that area: drawn, the title cut to its two lines. */
  for (ItogiChartKind kind = ITOGI_CHART_AUTO; kind <= ITOGI_CHART_TREND; kind++)
    {
      g_autoptr (ItogiChartModel) model
          = itogi_chart_model_new_for_area (s.store, "longest", kind, 2023, 2022, &error);
      g_autoptr (ItogiChartLayout) layout = itogi_chart_layout_new ();
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
      cairo_t *cr = cairo_create (surface);
      ItogiChartStyle style;
      gint64 start = g_get_monotonic_time ();
      gboolean title_cut = FALSE, inside = TRUE, drawn;

      g_assert_no_error (error);
      itogi_chart_style_init_light (&style);
      itogi_chart_render (cr, model, &style, 1600, 900, -1, layout);
      drawn = cairo_status (cr) == CAIRO_STATUS_SUCCESS;
      g_test_message ("chart kind %d drawn in %.1f ms", kind, (g_get_monotonic_time () - start) / 1000.0);
      for (guint i = 0; i < layout->texts->len; i++)
        {
          const ItogiChartText *t = &g_array_index (layout->texts, ItogiChartText, i);
          /* Nothing is drawn outside the picture. */
          inside &= t->rect.x >= -1 && t->rect.y >= -1 && t->rect.x + t->rect.width <= 1601
                    && t->rect.y + t->rect.height <= 901;
          /* The title cut to its lines, never a third of the picture. */
          if (t->role == ITOGI_CHART_TEXT_TITLE)
            title_cut = t->ellipsized && t->rect.height < 900 / 3.0;
        }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      {
        g_autofree char *what = g_strdup_printf ("a chart (kind %d) of the longest titles", kind);
        outcome (what, MUST_ACCEPT, drawn && inside && title_cut,
                 !drawn    ? "Cairo failed"
                 : !inside ? "a text leaves the picture"
                           : "the title is not cut short");
      }
    }
}

/* ---- 6. writing files where they cannot be written ---- */

/* A child tells the parent how an export ended, one «channel: accepted» or «channel: refused:
 * message» line each, through a file the parent made writable for «nobody» too. */
static void
tell_parent (const char *channel, gboolean ok, const GError *error)
{
  g_autofree char *line = ok ? g_strdup_printf ("%s: accepted\n", channel)
                             : g_strdup_printf ("%s: refused: %s\n", channel, error->message);
  /* No O_CREAT: in a sticky /tmp, «nobody» may write another's file but not create over it. */
  int fd = open (g_getenv ("ITOGI_TEST_MESSAGES"), O_WRONLY | O_APPEND | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, line, strlen (line)), ==, (gssize)strlen (line));
  close (fd);
}

/* In a child: a file-size limit plays a full disk for everything written from here on. */
static void
export_on_full_disk_child (const char *db)
{
  g_autoptr (GError) error = NULL;
  /* Opened for writing, so that closing it leaves no -wal or -shm beside it. */
  g_autoptr (ItogiStore) store = itogi_store_open (db, &error);
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *xlsx = g_build_filename (dir, "full.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "old.csv", NULL);
  ItogiExportOptions o = { .year = 2023, .compare_year = 2022 };
  struct rlimit small = { 1024, 1024 };
  gboolean ok;

  g_assert_no_error (error);
  /* Writes past the limit fail with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

  ok = itogi_export_xlsx (store, &o, xlsx, &error);
  tell_parent ("xlsx", ok, error);
  if (!ok)
    {
      g_assert_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, itogi_test_phrase ("disk is full")));
    }
  g_clear_error (&error);

  ok = itogi_export_csv (store, &o, csv, &error);
  tell_parent ("csv", ok, error);
  if (!ok)
    {
      g_assert_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "old.csv"));
    }
}

static void
export_in_read_only_folder_child (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *xlsx = g_build_filename (dir, "locked", "Итоги 2023 к 2022.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "locked", "Итоги 2023 к 2022.csv", NULL);
  ItogiExportOptions o = { .year = 2023, .compare_year = 2022 };
  gboolean ok;

  /* Root ignores the folder's 0555: the export runs as «nobody», who cannot write there. */
  if (geteuid () == 0)
    {
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (NOBODY), ==, 0);
      g_assert_cmpint (setuid (NOBODY), ==, 0);
      g_assert_cmpint (setuid (0), !=, 0);
    }
  /* «nobody» can only read the database, in a folder where SQLite leaves nothing behind; the
   * owner opens it for writing, so that closing it leaves no -wal either. */
  store = access (db, W_OK) == 0 ? itogi_store_open (db, &error) : itogi_store_open_read_only (db, &error);
  g_assert_no_error (error);
  ok = itogi_export_xlsx (store, &o, xlsx, &error);
  tell_parent ("xlsx", ok, error);
  if (!ok)
    {
      g_assert_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "locked"));
    }
  g_clear_error (&error);
  ok = itogi_export_csv (store, &o, csv, &error);
  tell_parent ("csv", ok, error);
  if (!ok)
    g_assert_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE);
}

/* Both exports of a child must have been refused. */
static void
count_child_refusals (const char *what)
{
  static const char *const exports[] = { "xlsx", "csv" };
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (g_getenv ("ITOGI_TEST_MESSAGES"), &out, NULL, NULL));
  lines = g_strsplit (out, "\n", -1);
  /* Read, then emptied for the next child. */
  g_assert_true (truncate (g_getenv ("ITOGI_TEST_MESSAGES"), 0) == 0);

  for (guint c = 0; c < G_N_ELEMENTS (exports); c++)
    {
      g_autofree char *label = g_strdup_printf ("%s, %s", what, exports[c]);
      g_autofree char *accepted = g_strdup_printf ("%s: accepted", exports[c]);
      g_autofree char *refused = g_strdup_printf ("%s: refused: ", exports[c]);
      guint told = 0;

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_equal (lines[i], accepted) || g_str_has_prefix (lines[i], refused))
          {
            gboolean ok = g_str_equal (lines[i], accepted);
            outcome (label, MUST_REFUSE, ok, ok ? NULL : lines[i] + strlen (refused));
            told++;
          }
      /* Each export ended once, and said how. */
      g_assert_cmpuint (told, ==, 1);
    }
}

static void
test_export_where_it_cannot_be_written (void)
{
  g_auto (Scratch) s = { 0 };
  g_autofree char *old_csv = NULL, *locked = NULL, *text = NULL, *messages = NULL;
  const char *name;
  int fd;

  if (g_test_subprocess ())
    {
      const char *db = g_getenv ("ITOGI_TEST_DB");
      if (g_strcmp0 (g_getenv ("ITOGI_TEST_CASE"), "full") == 0)
        export_on_full_disk_child (db);
      else
        export_in_read_only_folder_child (db);
      return;
    }
  scratch_open (&s);
  g_clear_pointer (&s.store, itogi_store_free);
  old_csv = g_build_filename (s.dir, "old.csv", NULL);
  g_assert_true (g_file_set_contents (old_csv, "the file as it was", -1, NULL));
  locked = g_build_filename (s.dir, "locked", NULL);
  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  g_assert_cmpint (g_chmod (s.dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (s.path, 0644), ==, 0);
  g_setenv ("ITOGI_TEST_DB", s.path, TRUE);
  fd = g_file_open_tmp ("itogi-hostile-messages-XXXXXX", &messages, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fchmod (fd, 0666), ==, 0);
  close (fd);
  g_setenv ("ITOGI_TEST_MESSAGES", messages, TRUE);

  g_setenv ("ITOGI_TEST_CASE", "full", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  count_child_refusals ("export on a full disk");
  g_setenv ("ITOGI_TEST_CASE", "read-only", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  count_child_refusals ("export into a read-only folder");

  /* The old file is as it was; no half-written file or temporary copy is left anywhere. */
  g_assert_true (g_file_get_contents (old_csv, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "the file as it was");
  {
    g_autoptr (GDir) d = g_dir_open (s.dir, 0, NULL);
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_true (g_str_equal (name, "itogi.db") || g_str_equal (name, "old.csv")
                     || g_str_equal (name, "locked"));
  }
  {
    g_autoptr (GDir) d = g_dir_open (locked, 0, NULL);
    g_assert_null (g_dir_read_name (d));
  }
  g_chmod (locked, 0700);
  g_unlink (messages);
}

/* ---- the tally ---- */

static void
test_summary (void)
{
  /* Printed for the README's Reliability section. */
  g_test_message ("hostile inputs tried: %u, refused with a message: %u, accepted exactly: %u, "
                  "ended the other way: %u",
                  refused_count + accepted_count + wrong_count, refused_count, accepted_count, wrong_count);
  if (g_test_subprocess ())
    return;
  /* Every case of every section ended as it said it must (each wrong one also failed its own
   * section); run whole, both outcomes occurred (run with -p, only the sections chosen). */
  g_assert_cmpuint (wrong_count, ==, 0);
  g_assert_cmpuint (refused_count, >, 0);
  g_assert_cmpuint (accepted_count, >, 0);
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/hostile/store-texts", test_store_texts);
  g_test_add_func ("/hostile/refused-text-rolls-back-the-step", test_refused_text_rolls_back_the_step);
  g_test_add_func ("/hostile/csv-files", test_csv_files);
  g_test_add_func ("/hostile/numbers", test_numbers);
  g_test_add_func ("/hostile/periods-and-dates", test_periods_and_dates);
  g_test_add_func ("/hostile/formulas-stay-text", test_formulas_stay_text);
  g_test_add_func ("/hostile/longest-texts-through-excel", test_longest_texts_through_excel);
  g_test_add_func ("/hostile/export-where-it-cannot-be-written", test_export_where_it_cannot_be_written);
  g_test_add_func ("/hostile/summary", test_summary);
  return g_test_run ();
}
