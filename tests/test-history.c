/* test-history.c: every edit recorded with its old and new row; undo and redo as steps
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "itogi-import.h"
#include "itogi-seed.h"
#include "itogi-session.h"
#include "itogi-store-file.h"
#include "itogi-store.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *path;
  ItogiStore *store;
  ItogiIndicator *inspections;
  gint64 legal;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiArea) area = NULL;
  g_autoptr (GPtrArray) list = NULL;

  f->dir = g_dir_make_tmp ("itogi-history-XXXXXX", NULL);
  f->path = itogi_test_database (f->dir);
  f->store = itogi_seed_create (f->path, &error);
  g_assert_no_error (error);
  area = itogi_store_find_area (f->store, "financial-control", NULL);
  list = itogi_store_list_indicators (f->store, area->id, FALSE, NULL);
  f->inspections = itogi_indicator_copy (list->pdata[0]);
  g_assert_cmpstr (f->inspections->slug, ==, "inspections");
  {
    g_autoptr (ItogiArea) legal = itogi_store_find_area (f->store, "legal", NULL);
    f->legal = legal->id;
  }
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  itogi_indicator_free (f->inspections);
  itogi_store_free (f->store);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          g_autoptr (GDir) sub = g_dir_open (child, 0, NULL);
          const char *inner;
          while (sub != NULL && (inner = g_dir_read_name (sub)) != NULL)
            {
              g_autofree char *file = g_build_filename (child, inner, NULL);
              g_unlink (file);
            }
          g_rmdir (child);
        }
      else
        g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
amount (Fixture *f, int year, gboolean *present)
{
  g_auto (ItogiValue) v = { 0 };

  g_assert_true (itogi_store_get_year_value (f->store, f->inspections, year, &v, NULL));
  *present = v.present;
  return v.amount;
}

static gint64
set_in_step (Fixture *f, int year, gint64 value)
{
  g_autoptr (GError) error = NULL;
  ItogiValue v = { .present = TRUE, .amount = value };
  gint64 step = itogi_store_begin_step (f->store, "Изменено значение", &error);

  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  g_assert_true (
      itogi_store_set_value (f->store, f->inspections->id, year, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  g_assert_no_error (error);
  return step;
}

static void
test_seed_has_no_history (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) steps = itogi_store_list_steps (f->store, 0, NULL);

  /* The report's data is where history starts, not a change. */
  g_assert_cmpuint (steps->len, ==, 0);
}

/* Whether the JSON row holds @needle, however the engine spaced it (SQLite writes
 * {"amount":23}, PostgreSQL {"amount": 23}). */
static gboolean
json_has (const char *json, const char *needle)
{
  g_autoptr (GString) tight = g_string_new (NULL);

  for (const char *p = json; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (tight, *p);
  return strstr (tight->str, needle) != NULL;
}

static void
test_edit_recorded_and_undone (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) steps = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  gboolean present;
  gint64 step = set_in_step (f, 2023, 25), undo, redo;

  g_assert_cmpint (amount (f, 2023, &present), ==, 25);
  steps = itogi_store_list_steps (f->store, 0, NULL);
  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_cmpstr (((ItogiStep *)steps->pdata[0])->label, ==, "Изменено значение");
  g_assert_cmpstr (((ItogiStep *)steps->pdata[0])->who, ==, itogi_test_user ());
  changes = itogi_store_list_changes (f->store, step, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((ItogiChange *)changes->pdata[0])->op, ==, "update");
  /* The old and the new row, both kept. */
  g_assert_true (json_has (((ItogiChange *)changes->pdata[0])->old_row, "\"amount\":23"));
  g_assert_true (json_has (((ItogiChange *)changes->pdata[0])->new_row, "\"amount\":25"));

  undo = itogi_store_undo_step (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo, >, step);
  g_assert_cmpint (amount (f, 2023, &present), ==, 23);

  /* Redo is undoing the undo. */
  redo = itogi_store_undo_step (f->store, undo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (amount (f, 2023, &present), ==, 25);
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = itogi_store_list_steps (f->store, 0, NULL);
  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_cmpint (((ItogiStep *)steps->pdata[0])->id, ==, redo);
  g_assert_cmpint (((ItogiStep *)steps->pdata[0])->undoes, ==, undo);
}

static void
test_new_value_undone (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gboolean present = FALSE;
  gint64 step = set_in_step (f, 2024, 7);

  g_assert_cmpint (amount (f, 2024, &present), ==, 7);
  g_assert_true (present);
  g_assert_cmpint (itogi_store_undo_step (f->store, step, &error), >, 0);
  g_assert_no_error (error);
  amount (f, 2024, &present);
  g_assert_false (present);
}

static void
test_notes_undone (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = itogi_store_get_area_note (f->store, f->legal, 2023, NULL);
  g_autofree char *after = NULL, *back = NULL;
  gint64 step;

  g_assert_null (before);
  step = itogi_store_begin_step (f->store, "Пояснение", &error);
  g_assert_true (itogi_store_set_area_note (f->store, f->legal, 2023, "Новое пояснение", &error));
  g_assert_true (itogi_store_set_area_note (f->store, f->legal, 2023, "Исправленное пояснение", &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  after = itogi_store_get_area_note (f->store, f->legal, 2023, NULL);
  g_assert_cmpstr (after, ==, "Исправленное пояснение");
  g_assert_cmpint (itogi_store_undo_step (f->store, step, &error), >, 0);
  g_assert_no_error (error);
  back = itogi_store_get_area_note (f->store, f->legal, 2023, NULL);
  g_assert_null (back);
}

/* An indicator's own history: every change of its figures, newest first, with before and after. */
static void
test_indicator_history (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  ItogiValueChange *c;
  gint64 step;

  set_in_step (f, 2023, 25);
  set_in_step (f, 2024, 30);
  step = itogi_store_begin_step (f->store, "Удалено", &error);
  g_assert_true (itogi_store_delete_value (f->store, f->inspections->id, 2024, ITOGI_PERIOD_YEAR, 0, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  g_assert_cmpint (step, >, 0);
  /* Another indicator's change is not listed. */
  g_assert_true (itogi_store_set_area_note (f->store, f->legal, 2023, "не показатель", &error));

  changes = itogi_store_list_value_changes (f->store, f->inspections->id, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  c = changes->pdata[0];
  g_assert_cmpstr (c->label, ==, "Удалено");
  g_assert_cmpint (c->year, ==, 2024);
  g_assert_true (c->before.present);
  g_assert_cmpint (c->before.amount, ==, 30);
  g_assert_false (c->after.present);
  c = changes->pdata[1];
  g_assert_false (c->before.present);
  g_assert_cmpint (c->after.amount, ==, 30);
  c = changes->pdata[2];
  g_assert_cmpint (c->year, ==, 2023);
  g_assert_cmpint (c->period, ==, ITOGI_PERIOD_YEAR);
  g_assert_cmpint (c->before.amount, ==, 23);
  g_assert_cmpint (c->after.amount, ==, 25);
  g_assert_cmpstr (c->who, ==, itogi_test_user ());
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = itogi_store_list_value_changes (f->store, f->inspections->id, 1, &error);
  g_assert_cmpuint (changes->len, ==, 1);
}

static char *
indicator_titles (Fixture *f, gint64 area_id)
{
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (f->store, area_id, FALSE, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", ((ItogiIndicator *)list->pdata[i])->slug);
  return g_string_free (out, FALSE);
}

/* Indicators are added, changed, moved, archived and deleted with their figures; each step undoes. */
static void
test_indicators (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiIndicator) ind = itogi_indicator_new ();
  g_autofree char *before = indicator_titles (f, f->inspections->area_id);
  g_autofree char *now = NULL;
  ItogiValue v = { .present = TRUE, .amount = 7 };
  g_auto (ItogiValue) got = { 0 };
  gint64 add, del, undo;

  ind->area_id = f->inspections->area_id;
  ind->slug = g_strdup ("new");
  ind->title = g_strdup ("Новый показатель");
  ind->unit = g_strdup ("ед.");
  ind->kind = ITOGI_KIND_COUNT;
  ind->position = 100;
  add = itogi_store_begin_step (f->store, "Добавлен показатель", &error);
  ind->id = itogi_store_add_indicator (f->store, ind, &error);
  g_assert_cmpint (ind->id, >, 0);
  g_assert_true (itogi_store_set_value (f->store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  now = indicator_titles (f, ind->area_id);
  g_assert_true (g_str_has_suffix (now, ", new"));
  g_clear_pointer (&now, g_free);

  /* Renamed; but its kind stays while it has figures. */
  g_free (ind->title);
  ind->title = g_strdup ("Переименованный показатель");
  g_assert_true (itogi_store_update_indicator (f->store, ind, &error));
  ind->kind = ITOGI_KIND_MONEY;
  g_assert_false (itogi_store_update_indicator (f->store, ind, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ind->kind = ITOGI_KIND_COUNT;
  g_assert_cmpint (itogi_store_count_values (f->store, ind->id, NULL), ==, 1);

  /* Up to the top: one step at a time, then nowhere further. */
  {
    gboolean moved = TRUE;
    while (moved)
      g_assert_true (itogi_store_move_indicator (f->store, ind->id, -1, &moved, &error));
    g_assert_no_error (error);
  }
  now = indicator_titles (f, ind->area_id);
  g_assert_true (g_str_has_prefix (now, "new, "));
  g_clear_pointer (&now, g_free);

  /* Archived: gone from the list, figures kept. */
  g_assert_true (itogi_store_set_indicator_archived (f->store, ind->id, TRUE, &error));
  now = indicator_titles (f, ind->area_id);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_cmpint (itogi_store_count_values (f->store, ind->id, NULL), ==, 1);
  g_assert_true (itogi_store_set_indicator_archived (f->store, ind->id, FALSE, &error));

  /* Deleted with its figures, and back again with them. */
  del = itogi_store_begin_step (f->store, "Удалён показатель", &error);
  g_assert_true (itogi_store_delete_indicator (f->store, ind->id, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  g_assert_cmpint (itogi_store_count_values (f->store, ind->id, NULL), ==, 0);
  now = indicator_titles (f, ind->area_id);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  undo = itogi_store_undo_step (f->store, del, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo, >, 0);
  g_assert_cmpint (itogi_store_count_values (f->store, ind->id, NULL), ==, 1);
  g_assert_true (itogi_store_get_year_value (f->store, ind, 2023, &got, NULL));
  g_assert_cmpint (got.amount, ==, 7);
  g_assert_cmpint (add, >, 0);

  /* Deleted again; a new indicator never takes the deleted one's id, nor its history. */
  del = itogi_store_begin_step (f->store, "Удалён показатель", &error);
  g_assert_true (itogi_store_delete_indicator (f->store, ind->id, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  {
    g_autoptr (ItogiIndicator) other = itogi_indicator_copy (ind);
    g_autoptr (GPtrArray) changes = NULL;

    g_free (other->slug);
    other->slug = g_strdup ("other");
    other->id = itogi_store_add_indicator (f->store, other, &error);
    g_assert_no_error (error);
    g_assert_cmpint (other->id, >, ind->id);
    changes = itogi_store_list_value_changes (f->store, other->id, 50, &error);
    g_assert_cmpuint (changes->len, ==, 0);
  }
  /* And the deleted one can still come back. */
  g_assert_cmpint (itogi_store_undo_step (f->store, del, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (itogi_store_count_values (f->store, ind->id, NULL), ==, 1);
}

/* A step that changed nothing is not kept: there is nothing to undo. */
static void
test_empty_step (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 step = itogi_store_begin_step (f->store, "Ничего", &error);

  g_assert_cmpint (step, >, 0);
  g_assert_true (itogi_store_commit_step (f->store, &error));
  g_assert_false (itogi_store_has_step (f->store, step));
  step = set_in_step (f, 2023, 26);
  g_assert_true (itogi_store_has_step (f->store, step));
}

/* «a, b, c» with a «+» after each done task: the list as the user sees it. */
static char *
tasks_text (Fixture *f)
{
  g_autoptr (GPtrArray) tasks = itogi_store_list_tasks (f->store, f->legal, 2024, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (tasks);
  for (guint i = 0; i < tasks->len; i++)
    {
      ItogiTask *t = tasks->pdata[i];
      g_string_append_printf (out, "%s%s%s", i > 0 ? ", " : "", t->text, t->done ? "+" : "");
    }
  return g_string_free (out, FALSE);
}

static gint64
task_id (Fixture *f, guint index)
{
  g_autoptr (GPtrArray) tasks = itogi_store_list_tasks (f->store, f->legal, 2024, NULL);
  return ((ItogiTask *)tasks->pdata[index])->id;
}

#define ASSERT_TASKS(f, expected)                                                                            \
  do                                                                                                         \
    {                                                                                                        \
      g_autofree char *_got = tasks_text (f);                                                                \
      g_assert_cmpstr (_got, ==, expected);                                                                  \
    }                                                                                                        \
  while (0)

/* Tasks are added, reworded, ticked, moved and removed; each step undoes whole, and redo is the undo's undo. */
static void
test_tasks (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 add, edit, move, del, undo, redo;

  ASSERT_TASKS (f, "");
  add = itogi_store_begin_step (f->store, "Задачи", &error);
  g_assert_cmpint (itogi_store_add_task (f->store, f->legal, 2024, "a", &error), >, 0);
  g_assert_cmpint (itogi_store_add_task (f->store, f->legal, 2024, "b", &error), >, 0);
  g_assert_cmpint (itogi_store_add_task (f->store, f->legal, 2024, "c", &error), >, 0);
  g_assert_true (itogi_store_commit_step (f->store, &error));
  ASSERT_TASKS (f, "a, b, c");

  edit = itogi_store_begin_step (f->store, "Изменена задача", &error);
  g_assert_true (itogi_store_update_task (f->store, task_id (f, 1), "b2", TRUE, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  ASSERT_TASKS (f, "a, b2+, c");

  move = itogi_store_begin_step (f->store, "Перемещена задача", &error);
  g_assert_true (itogi_store_move_task (f->store, task_id (f, 2), -1, NULL, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  ASSERT_TASKS (f, "a, c, b2+");
  /* At either end there is nowhere to go: nothing changes and nothing is wrong. */
  {
    gboolean moved = TRUE;
    g_assert_true (itogi_store_move_task (f->store, task_id (f, 0), -1, &moved, &error));
    g_assert_false (moved);
    moved = TRUE;
    g_assert_true (itogi_store_move_task (f->store, task_id (f, 2), 1, &moved, &error));
    g_assert_false (moved);
  }
  g_assert_no_error (error);
  ASSERT_TASKS (f, "a, c, b2+");
  del = itogi_store_begin_step (f->store, "Удалена задача", &error);
  g_assert_true (itogi_store_delete_task (f->store, task_id (f, 0), &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  ASSERT_TASKS (f, "c, b2+");
  /* A task that is gone says so. */
  g_assert_false (itogi_store_delete_task (f->store, 999999, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (itogi_store_update_task (f->store, 999999, "x", FALSE, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* An empty task is refused by the schema, and nothing changes. */
  g_assert_false (itogi_store_update_task (f->store, task_id (f, 0), "", FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  ASSERT_TASKS (f, "c, b2+");

  undo = itogi_store_undo_step (f->store, del, &error);
  g_assert_no_error (error);
  ASSERT_TASKS (f, "a, c, b2+");
  redo = itogi_store_undo_step (f->store, undo, &error);
  g_assert_cmpint (redo, >, 0);
  ASSERT_TASKS (f, "c, b2+");
  g_assert_cmpint (itogi_store_undo_step (f->store, redo, &error), >, 0);
  ASSERT_TASKS (f, "a, c, b2+");
  /* Back through the whole list in reverse, to nothing at all. */
  g_assert_cmpint (itogi_store_undo_step (f->store, move, &error), >, 0);
  ASSERT_TASKS (f, "a, b2+, c");
  g_assert_cmpint (itogi_store_undo_step (f->store, edit, &error), >, 0);
  ASSERT_TASKS (f, "a, b, c");
  g_assert_cmpint (itogi_store_undo_step (f->store, add, &error), >, 0);
  g_assert_no_error (error);
  ASSERT_TASKS (f, "");
}

/* Undoing an old step whose figure was changed again since is refused, changing nothing. */
static void
test_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gboolean present;
  gint64 first = set_in_step (f, 2023, 30);
  g_autoptr (GPtrArray) before = NULL, after = NULL;

  set_in_step (f, 2023, 40);
  before = itogi_store_list_steps (f->store, 0, NULL);
  g_assert_cmpint (itogi_store_undo_step (f->store, first, &error), ==, 0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CONFLICT);
  g_assert_cmpint (amount (f, 2023, &present), ==, 40);
  after = itogi_store_list_steps (f->store, 0, NULL);
  g_assert_cmpuint (before->len, ==, after->len);
}

static void
test_failed_step_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) steps = NULL;
  ItogiValue absurd = { .present = TRUE, .amount = ITOGI_AMOUNT_MAX + 1 };
  ItogiValue fine = { .present = TRUE, .amount = 1 };
  gboolean present;

  g_assert_cmpint (itogi_store_begin_step (f->store, "Неудачная правка", &error), >, 0);
  g_assert_true (
      itogi_store_set_value (f->store, f->inspections->id, 2030, ITOGI_PERIOD_YEAR, 0, &fine, &error));
  g_assert_false (
      itogi_store_set_value (f->store, f->inspections->id, 2031, ITOGI_PERIOD_YEAR, 0, &absurd, &error));
  itogi_store_rollback_step (f->store);
  steps = itogi_store_list_steps (f->store, 0, NULL);
  g_assert_cmpuint (steps->len, ==, 0);
  amount (f, 2030, &present);
  g_assert_false (present);
}

/* A CSV import is one step: undone at once. */
static void
test_import_is_one_step (Fixture *f, gconstpointer data)
{
  const char *csv = "Показатель;Год;Период;Значение\n"
                    "financial-control/inspections;2024;Q1;3\n"
                    "financial-control/inspections;2024;Q2;4\n"
                    "financial-control/inspections;2023;;99\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiCsvTable) table = itogi_csv_parse (csv, strlen (csv), &error);
  g_auto (ItogiImportReport) report = { 0 };
  g_autoptr (GPtrArray) steps = NULL;
  gboolean present;

  itogi_import_report_init (&report);
  g_assert_true (itogi_import_csv (f->store, table, FALSE, &report, &error));
  g_assert_cmpint (amount (f, 2024, &present), ==, 7);
  g_assert_cmpint (amount (f, 2023, &present), ==, 99);
  steps = itogi_store_list_steps (f->store, 0, NULL);
  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_cmpuint (((ItogiStep *)steps->pdata[0])->changes, ==, 3);
  g_assert_cmpint (itogi_store_undo_step (f->store, ((ItogiStep *)steps->pdata[0])->id, &error), >, 0);
  g_assert_no_error (error);
  amount (f, 2024, &present);
  g_assert_false (present);
  g_assert_cmpint (amount (f, 2023, &present), ==, 23);
}

/* A database of the first schema gains history (v2), report texts (v3), the index of years (v4)
 * and the sign-off (v5) on opening, keeping its figures. */
static void
test_migrate_from_v1 (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  gboolean present;

  itogi_store_free (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  /* Take the database back to schema 1: no triggers, no history tables. */
  {
    sqlite3_stmt *stmt = NULL;
    g_autoptr (GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
    sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'", -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (drops, g_strdup_printf ("DROP TRIGGER %s;", sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
    for (guint i = 0; i < drops->len; i++)
      g_assert_cmpint (sqlite3_exec (db, drops->pdata[i], NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE edit_session; DROP TABLE history; DROP TABLE steps;"
                                 "ALTER TABLE indicators DROP COLUMN sentence; DROP TABLE report_texts;"
                                 "DROP INDEX indicator_values_by_year; DROP TABLE area_status;"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = itogi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (itogi_store_get_schema_version (f->store), ==, ITOGI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (amount (f, 2023, &present), ==, 23);
  /* The file as it was is kept, verified, in the backup folder: still version 1, still 23. */
  {
    g_autofree char *dir = itogi_store_backup_dir (f->store);
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint found = 0;

    g_assert_nonnull (d);
    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_suffix (name, "-before-v5.db"))
        {
          g_autofree char *copy = g_build_filename (dir, name, NULL);
          sqlite3 *old = NULL;
          sqlite3_stmt *st = NULL;

          g_assert_cmpint (sqlite3_open_v2 (copy, &old, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_prepare_v2 (old, "PRAGMA user_version", -1, &st, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int (st, 0), ==, 1);
          sqlite3_finalize (st);
          sqlite3_close (old);
          found++;
        }
    g_assert_cmpuint (found, ==, 1);
  }
  /* And records from now on. */
  set_in_step (f, 2023, 24);
  {
    g_autoptr (GPtrArray) steps = itogi_store_list_steps (f->store, 0, NULL);
    g_assert_cmpuint (steps->len, ==, 1);
  }
}

static ItogiIndicator *
read_indicator (Fixture *f)
{
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (f->store, f->inspections->area_id, TRUE, NULL);

  for (guint i = 0; i < list->len; i++)
    if (((ItogiIndicator *)list->pdata[i])->id == f->inspections->id)
      return itogi_indicator_copy (list->pdata[i]);
  g_assert_not_reached ();
}

/* An indicator's sentence template and an area's edited report text are kept, recorded and undone
 * like any other change; an empty template means the default sentence again. */
static void
test_sentence_and_report_text (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiIndicator) edited = itogi_indicator_copy (f->inspections);
  g_autofree char *text = NULL;
  gint64 step, undo;

  g_assert_null (itogi_store_get_report_text (f->store, f->legal, 2023, 2022, &error));
  g_assert_no_error (error);

  step = itogi_store_begin_step (f->store, "Изменён отчёт", &error);
  g_assert_cmpint (step, >, 0);
  g_free (edited->sentence);
  edited->sentence = g_strdup ("В {год} году проведены {число} {сравнение} проверки.");
  g_assert_true (itogi_store_update_indicator (f->store, edited, &error));
  g_assert_true (
      itogi_store_set_report_text (f->store, f->legal, 2023, 2022, "Иски поданы.\nВсе исполнены.", &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  g_assert_no_error (error);

  {
    g_autoptr (ItogiIndicator) back = read_indicator (f);
    g_assert_cmpstr (back->sentence, ==, "В {год} году проведены {число} {сравнение} проверки.");
  }
  text = itogi_store_get_report_text (f->store, f->legal, 2023, 2022, &error);
  g_assert_cmpstr (text, ==, "Иски поданы.\nВсе исполнены.");
  g_clear_pointer (&text, g_free);
  /* Another pair of years is another text. */
  g_assert_null (itogi_store_get_report_text (f->store, f->legal, 2023, 2021, &error));

  undo = itogi_store_undo_step (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo, >, 0);
  g_assert_null (itogi_store_get_report_text (f->store, f->legal, 2023, 2022, &error));
  {
    g_autoptr (ItogiIndicator) back = read_indicator (f);
    /* The seed's own template again, as before the step. */
    g_assert_nonnull (f->inspections->sentence);
    g_assert_cmpstr (back->sentence, ==, f->inspections->sentence);
  }

  /* Back to the generated text: the edit goes. */
  g_assert_true (itogi_store_set_report_text (f->store, f->legal, 2023, 2022, "Черновик.", &error));
  g_assert_true (itogi_store_set_report_text (f->store, f->legal, 2023, 2022, NULL, &error));
  g_assert_null (itogi_store_get_report_text (f->store, f->legal, 2023, 2022, &error));
  g_assert_no_error (error);
  /* The text rules hold here too. */
  g_assert_false (itogi_store_set_report_text (f->store, f->legal, 2023, 2022, "нуль\001байт", &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
}

/* One daily backup a day; the oldest beyond the kept number go. */
static void
test_daily_backup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = itogi_store_backup_dir (f->store);
  g_autofree char *first = NULL, *second = NULL;
  static const char *const old[] = { "itogi-20200101-000000-daily.db", "itogi-20200102-000000-daily.db",
                                     "itogi-20200103-000000-daily.db" };
  guint left = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      g_autofree char *p = g_build_filename (dir, old[i], NULL);
      g_assert_true (g_file_set_contents (p, "old", -1, NULL));
    }
  first = itogi_store_daily_backup (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_true (first != NULL && *first != '\0');
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  second = itogi_store_daily_backup (f->store, 2, &error);
  g_assert_cmpstr (second, ==, "");
  /* Kept: today's and the newest old one. */
  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      g_autofree char *p = g_build_filename (dir, old[i], NULL);
      left += g_file_test (p, G_FILE_TEST_EXISTS);
    }
  g_assert_cmpuint (left, ==, 1);
  {
    g_autofree char *newest_old = g_build_filename (dir, old[2], NULL);
    g_assert_true (g_file_test (newest_old, G_FILE_TEST_EXISTS));
  }
}

/* ---- the session: one user's steps, undone and redone ---- */

typedef struct
{
  gint64 indicator;
  int year;
  gint64 amount;
  gboolean fail;
} SetFigure;

static gboolean
set_figure (ItogiStore *store, gpointer data, GError **error)
{
  const SetFigure *set = data;
  ItogiValue v = { .present = TRUE, .amount = set->amount };

  if (!itogi_store_set_value (store, set->indicator, set->year, ITOGI_PERIOD_YEAR, 0, &v, error))
    return FALSE;
  if (set->fail)
    {
      g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID, "refused after writing");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_nothing (ItogiStore *store, gpointer data, GError **error)
{
  return TRUE;
}

/* The rules of an undoable edit, once, above the store: an edit is one step, all or nothing; a
 * step that changed nothing is not remembered; a new edit forgets the redo; undo and redo are
 * steps; a refused undo stays to be tried again. */
static void
test_session (Fixture *f, gconstpointer data)
{
  g_autoptr (ItogiSession) session = itogi_session_new (f->store);
  g_autoptr (GError) error = NULL;
  SetFigure set = { f->inspections->id, 2023, 30, FALSE };
  gboolean changed = TRUE, present;
  gint64 step;

  g_assert_false (itogi_session_can_undo (session));
  g_assert_cmpint (itogi_session_undo (session, &error), ==, 0);
  g_assert_no_error (error);

  step = itogi_session_edit (session, "Изменено значение", set_figure, &set, &changed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  g_assert_true (changed);
  g_assert_cmpint (amount (f, 2023, &present), ==, 30);
  g_assert_true (itogi_session_can_undo (session));

  /* An edit that writes nothing leaves no step to undo. */
  step = itogi_session_edit (session, "Ничего", write_nothing, NULL, &changed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  g_assert_false (changed);

  /* A failed edit is rolled back whole: the figure it wrote is not kept. */
  set.amount = 99;
  set.fail = TRUE;
  g_assert_cmpint (itogi_session_edit (session, "Изменено значение", set_figure, &set, &changed, &error), ==,
                   0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (amount (f, 2023, &present), ==, 30);

  /* Undo, then redo. */
  g_assert_cmpint (itogi_session_undo (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (amount (f, 2023, &present), ==, 23);
  g_assert_false (itogi_session_can_undo (session));
  g_assert_true (itogi_session_can_redo (session));
  g_assert_cmpint (itogi_session_redo (session, &error), >, 0);
  g_assert_cmpint (amount (f, 2023, &present), ==, 30);
  g_assert_true (itogi_session_can_undo (session));

  /* Undone again, then a new edit: the redo is forgotten. */
  g_assert_cmpint (itogi_session_undo (session, &error), >, 0);
  set.amount = 31;
  set.fail = FALSE;
  g_assert_cmpint (itogi_session_edit (session, "Изменено значение", set_figure, &set, NULL, &error), >, 0);
  g_assert_false (itogi_session_can_redo (session));

  /* Another program's later change to the same figure: the undo is refused, changes nothing and
   * stays to be tried again. */
  set_in_step (f, 2023, 40);
  g_assert_cmpint (itogi_session_undo (session, &error), ==, 0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (amount (f, 2023, &present), ==, 40);
  g_assert_true (itogi_session_can_undo (session));

  /* A step committed elsewhere is handed over and undone like the session's own. */
  step = set_in_step (f, 2022, 17);
  g_assert_true (itogi_session_record (session, step));
  g_assert_cmpint (itogi_session_undo (session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (amount (f, 2022, &present), ==, 16);
  itogi_session_forget (session);
  g_assert_false (itogi_session_can_undo (session) || itogi_session_can_redo (session));
}

/* The first indicator of the legal area, and its 2023 figure. */
static ItogiIndicator *
legal_indicator (Fixture *f)
{
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (f->store, f->legal, FALSE, NULL);

  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, >, 0);
  return itogi_indicator_copy (list->pdata[0]);
}

static ItogiAreaStatus
status_of (Fixture *f, int year)
{
  g_autoptr (GError) error = NULL;
  ItogiAreaStatus status = ITOGI_AREA_APPROVED + 1;

  g_assert_true (itogi_store_get_area_status (f->store, f->legal, year, &status, NULL, NULL, &error));
  g_assert_no_error (error);
  return status;
}

static gint64
status_step (Fixture *f, ItogiAreaStatus status, GError **error)
{
  gint64 step = itogi_store_begin_step (f->store, "Статус", error);

  g_assert_cmpint (step, >, 0);
  if (!itogi_store_set_area_status (f->store, f->legal, 2023, status, error))
    {
      itogi_store_rollback_step (f->store);
      return 0;
    }
  g_assert_true (itogi_store_commit_step (f->store, error));
  return step;
}

static const ItogiAreaProgress *
progress_of (GPtrArray *progress, gint64 area_id)
{
  for (guint i = 0; i < progress->len; i++)
    if (((ItogiAreaProgress *)progress->pdata[i])->area->id == area_id)
      return progress->pdata[i];
  g_assert_not_reached ();
}

/* The year's sign-off: draft → submitted → approved, the approved year locked by the database
 * itself (figures, notes, tasks, an undo), other years and areas not; unlocking opens it again,
 * and every move is a recorded step. The picture of the year names what lacks a figure. */
static void
test_signoff (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiIndicator) ind = legal_indicator (f);
  g_autoptr (GPtrArray) progress = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  ItogiValue v = { .present = TRUE, .amount = 777 };
  g_auto (ItogiValue) seen = { 0 };
  gint64 earlier, step;
  gboolean present;

  /* Nothing submitted yet: every area a draft; a figure removed is missing from the picture. */
  g_assert_cmpint (status_of (f, 2023), ==, ITOGI_AREA_DRAFT);
  g_assert_true (itogi_store_delete_value (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &error));
  progress = itogi_store_year_progress (f->store, 2023, &error);
  g_assert_no_error (error);
  {
    const ItogiAreaProgress *fin = progress_of (progress, f->inspections->area_id);
    gboolean listed = FALSE;

    g_assert_cmpint (fin->status, ==, ITOGI_AREA_DRAFT);
    g_assert_cmpuint (fin->indicators, >=, fin->missing->len);
    for (guint i = 0; i < fin->missing->len; i++)
      listed |= ((ItogiIndicator *)fin->missing->pdata[i])->id == f->inspections->id;
    g_assert_true (listed);
    g_assert_cmpuint (progress_of (progress, f->legal)->missing->len, ==, 0);
  }
  g_clear_pointer (&progress, g_ptr_array_unref);

  /* An edit made before the approval, to be undone after it. */
  earlier = itogi_store_begin_step (f->store, "Правка", &error);
  v.amount = 555;
  g_assert_true (itogi_store_set_value (f->store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));

  /* Only a submitted year is approved. */
  g_assert_cmpint (status_step (f, ITOGI_AREA_APPROVED, &error), ==, 0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (status_of (f, 2023), ==, ITOGI_AREA_DRAFT);

  step = status_step (f, ITOGI_AREA_SUBMITTED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, 2023), ==, ITOGI_AREA_SUBMITTED);
  changes = itogi_store_list_changes (f->store, step, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_clear_pointer (&changes, g_ptr_array_unref);
  g_assert_cmpint (status_step (f, ITOGI_AREA_APPROVED, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, 2023), ==, ITOGI_AREA_APPROVED);

  /* Locked: the figure, its removal, the notes, the tasks, an undo of the earlier edit. */
  v.amount = 777;
  g_assert_false (itogi_store_set_value (f->store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_APPROVED);
  g_clear_error (&error);
  g_assert_false (itogi_store_set_value (f->store, ind->id, 2023, ITOGI_PERIOD_MONTH, 3, &v, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_APPROVED);
  g_clear_error (&error);
  g_assert_false (itogi_store_delete_value (f->store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_APPROVED);
  g_clear_error (&error);
  g_assert_false (itogi_store_set_area_note (f->store, f->legal, 2023, "Пояснение", &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_APPROVED);
  g_clear_error (&error);
  g_assert_cmpint (itogi_store_add_task (f->store, f->legal, 2023, "Задача", &error), ==, 0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_APPROVED);
  g_clear_error (&error);
  g_assert_cmpint (itogi_store_undo_step (f->store, earlier, &error), ==, 0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_APPROVED);
  g_clear_error (&error);
  g_assert_true (itogi_store_get_year_value (f->store, ind, 2023, &seen, &error));
  g_assert_cmpint (seen.amount, ==, 555);
  /* Another year of the area, and another area's same year, stay open. */
  g_assert_true (itogi_store_set_value (f->store, ind->id, 2022, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_true (
      itogi_store_set_value (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amount (f, 2023, &present), ==, 777);
  /* An approved year is not submitted again. */
  g_assert_cmpint (status_step (f, ITOGI_AREA_SUBMITTED, &error), ==, 0);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID);
  g_clear_error (&error);

  progress = itogi_store_year_progress (f->store, 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpint (progress_of (progress, f->legal)->status, ==, ITOGI_AREA_APPROVED);
  g_assert_cmpstr (progress_of (progress, f->legal)->changed_by, ==, itogi_test_user ());
  g_assert_nonnull (progress_of (progress, f->legal)->changed_at);

  /* Unlocked: a draft again, recorded, and the figure can change. */
  step = status_step (f, ITOGI_AREA_DRAFT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, 2023), ==, ITOGI_AREA_DRAFT);
  changes = itogi_store_list_changes (f->store, step, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (itogi_store_set_value (f->store, ind->id, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_no_error (error);
}

/* A figure written over only as it was seen: a change since (by another desktop) is refused
 * whole, whether it was changed, added or removed meanwhile, and who made it is known. */
static void
test_write_if_unchanged (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (ItogiValue) seen = { 0 };
  g_auto (ItogiValue) now = { 0 };
  g_autofree char *by = NULL, *at = NULL;
  ItogiValue mine = { .present = TRUE, .amount = 40 };
  ItogiValue theirs = { .present = TRUE, .amount = 31 };
  gboolean present;

  g_assert_true (itogi_store_get_stored_value (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0,
                                               &seen, &by, &at, &error));
  g_assert_true (seen.present);
  g_assert_cmpint (seen.amount, ==, 23);
  g_assert_nonnull (by);
  g_assert_nonnull (at);

  /* Another desktop writes 31; mine, made from 23, is refused and 31 stays. */
  g_assert_true (
      itogi_store_set_value (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &theirs, &error));
  g_assert_false (itogi_store_set_value_if (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &mine,
                                            &seen, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpint (amount (f, 2023, &present), ==, 31);
  /* Nor removed from what was seen. */
  g_assert_false (itogi_store_set_value_if (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, NULL,
                                            &seen, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_true (amount (f, 2023, &present) == 31 && present);
  /* Made from what is there now, it goes through: then the figure is mine. */
  g_assert_true (itogi_store_get_stored_value (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &now,
                                               NULL, NULL, &error));
  g_assert_cmpint (now.amount, ==, 31);
  g_assert_true (itogi_store_set_value_if (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &mine,
                                           &now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amount (f, 2023, &present), ==, 40);
  /* A note changed meanwhile is a change too. */
  g_assert_true (itogi_store_get_stored_value (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &now,
                                               NULL, NULL, &error));
  theirs.amount = 40;
  theirs.note = (char *)"уточнено";
  g_assert_true (
      itogi_store_set_value (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &theirs, &error));
  mine.amount = 41;
  g_assert_false (itogi_store_set_value_if (f->store, f->inspections->id, 2023, ITOGI_PERIOD_YEAR, 0, &mine,
                                            &now, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED);
  g_clear_error (&error);

  /* None seen: added only while there is still none. */
  {
    ItogiValue none = { 0 };
    g_assert_true (itogi_store_set_value_if (f->store, f->inspections->id, 2030, ITOGI_PERIOD_YEAR, 0, &mine,
                                             &none, &error));
    g_assert_no_error (error);
    g_assert_false (itogi_store_set_value_if (f->store, f->inspections->id, 2030, ITOGI_PERIOD_YEAR, 0, &mine,
                                              NULL, &error));
    g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED);
    g_clear_error (&error);
  }
}

/* The history as people read it: narrowed to an area (through the indicator a figure belongs
 * to) and to a person; each change with its indicator, year and period, old → new value, or a
 * note's words before and after. */
static void
test_history_by_area_and_person (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiIndicator) legal_ind = legal_indicator (f);
  g_autoptr (GPtrArray) steps = NULL;
  g_autoptr (GPtrArray) details = NULL;
  g_autoptr (GPtrArray) people = NULL;
  ItogiValue v = { .present = TRUE, .amount = 70 };
  gint64 fin_step, legal_step, note_step;

  fin_step = set_in_step (f, 2023, 31);
  legal_step = itogi_store_begin_step (f->store, "Правка права", &error);
  g_assert_true (itogi_store_set_value (f->store, legal_ind->id, 2023, ITOGI_PERIOD_MONTH, 3, &v, &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  note_step = itogi_store_begin_step (f->store, "Пояснение", &error);
  g_assert_true (itogi_store_set_area_note (f->store, f->legal, 2023, "Новое пояснение", &error));
  g_assert_true (itogi_store_commit_step (f->store, &error));
  g_assert_no_error (error);

  /* Every area: all three, newest first. */
  steps = itogi_store_list_steps_of (f->store, 0, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_cmpint (((ItogiStep *)steps->pdata[0])->id, ==, note_step);
  g_clear_pointer (&steps, g_ptr_array_unref);
  /* The legal area: its figure and its note, not the other area's figure. */
  steps = itogi_store_list_steps_of (f->store, f->legal, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 2);
  g_assert_cmpint (((ItogiStep *)steps->pdata[0])->id, ==, note_step);
  g_assert_cmpint (((ItogiStep *)steps->pdata[1])->id, ==, legal_step);
  g_assert_cmpuint (((ItogiStep *)steps->pdata[1])->changes, ==, 1);
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = itogi_store_list_steps_of (f->store, f->inspections->area_id, NULL, 0, &error);
  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_cmpint (((ItogiStep *)steps->pdata[0])->id, ==, fin_step);
  g_clear_pointer (&steps, g_ptr_array_unref);
  /* One person: theirs; someone who made none: nothing. */
  people = itogi_store_list_history_people (f->store, &error);
  g_assert_cmpuint (people->len, ==, 1);
  g_assert_cmpstr (people->pdata[0], ==, itogi_test_user ());
  steps = itogi_store_list_steps_of (f->store, 0, itogi_test_user (), 0, &error);
  g_assert_cmpuint (steps->len, ==, 3);
  g_clear_pointer (&steps, g_ptr_array_unref);
  steps = itogi_store_list_steps_of (f->store, 0, "nobody", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 0);

  /* The changes: old → new of a figure, with its indicator and period; a note's words. */
  details = itogi_store_list_step_details (f->store, fin_step, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (details->len, ==, 1);
  {
    ItogiHistoryChange *c = details->pdata[0];
    g_assert_cmpstr (c->table, ==, "indicator_values");
    g_assert_cmpint (c->area_id, ==, f->inspections->area_id);
    g_assert_cmpstr (c->title, ==, f->inspections->title);
    g_assert_cmpint (c->year, ==, 2023);
    g_assert_cmpint (c->period, ==, ITOGI_PERIOD_YEAR);
    g_assert_true (c->before.present && c->after.present);
    g_assert_cmpint (c->before.amount, ==, 23);
    g_assert_cmpint (c->after.amount, ==, 31);
  }
  g_clear_pointer (&details, g_ptr_array_unref);
  details = itogi_store_list_step_details (f->store, legal_step, 0, 0, &error);
  {
    ItogiHistoryChange *c = details->pdata[0];
    g_assert_cmpint (c->period, ==, ITOGI_PERIOD_MONTH);
    g_assert_cmpint (c->period_index, ==, 3);
    g_assert_false (c->before.present);
    g_assert_cmpint (c->after.amount, ==, 70);
    g_assert_cmpstr (c->title, ==, legal_ind->title);
  }
  g_clear_pointer (&details, g_ptr_array_unref);
  details = itogi_store_list_step_details (f->store, note_step, 0, 0, &error);
  {
    ItogiHistoryChange *c = details->pdata[0];
    g_assert_cmpstr (c->table, ==, "area_notes");
    g_assert_cmpint (c->area_id, ==, f->legal);
    g_assert_cmpstr (c->new_text, ==, "Новое пояснение");
  }
  /* Narrowed to another area, a step's changes there: none. */
  g_clear_pointer (&details, g_ptr_array_unref);
  details = itogi_store_list_step_details (f->store, note_step, f->inspections->area_id, 0, &error);
  g_assert_cmpuint (details->len, ==, 0);
}

/* A test of what only a database file has: skipped, and said so, when the tests run on a server. */
static void
skip_on_server (Fixture *f, gconstpointer data)
{
  itogi_test_file_only ();
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
#define ADD_FILE(path, func)                                                                                 \
  g_test_add (path, Fixture, NULL, set_up, itogi_test_on_server () ? skip_on_server : func, tear_down)

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  ADD ("/core/history/seed-has-no-history", test_seed_has_no_history);
  ADD ("/core/history/edit-recorded-and-undone", test_edit_recorded_and_undone);
  ADD ("/core/history/new-value-undone", test_new_value_undone);
  ADD ("/core/history/notes-undone", test_notes_undone);
  ADD ("/core/history/tasks", test_tasks);
  ADD ("/core/history/indicators", test_indicators);
  ADD ("/core/history/empty-step", test_empty_step);
  ADD_FILE ("/core/history/daily-backup", test_daily_backup);
  ADD ("/core/history/indicator-history", test_indicator_history);
  ADD ("/core/history/conflict", test_conflict);
  ADD ("/core/history/session", test_session);
  ADD ("/core/history/failed-step-leaves-nothing", test_failed_step_leaves_nothing);
  ADD ("/core/history/import-is-one-step", test_import_is_one_step);
  ADD_FILE ("/core/history/migrate-from-v1", test_migrate_from_v1);
  ADD ("/core/history/sentence-and-report-text", test_sentence_and_report_text);
  ADD ("/core/history/signoff", test_signoff);
  ADD ("/core/history/write-if-unchanged", test_write_if_unchanged);
  ADD ("/core/history/by-area-and-person", test_history_by_area_and_person);
  return g_test_run ();
}
