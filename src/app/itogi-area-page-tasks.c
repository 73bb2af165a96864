/* itogi-area-page-tasks.c: an area page's tasks: the year's, and the coming year's
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-area-page-private.h"
#include "itogi-format.h"
#include "itogi-text-dialog.h"
#include "itogi-wrap.h"
#include "itogi-tooltip.h"

/* ---- tasks for the coming year ---- */

static ItogiTask *
task_of (ItogiAreaPage *self, GtkWidget *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "task-index"));

  return self->tasks != NULL && index < self->tasks->len ? self->tasks->pdata[index] : NULL;
}

typedef enum
{
  TASK_ADD,
  TASK_REWORD,
  TASK_TICK,
  TASK_UP,
  TASK_DOWN,
  TASK_REMOVE,
} TaskEdit;

/* One change to the task list, as one undoable step. */
static gboolean
edit_task (ItogiAreaPage *self, TaskEdit what, const ItogiTask *task, const char *text, gboolean done,
           GError **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;
  gint64 step;
  gboolean ok;

  if (what == TASK_ADD || what == TASK_REWORD)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      if (*trimmed == '\0')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("Write what the task is."));
          return FALSE;
        }
      if (what == TASK_REWORD && g_strcmp0 (trimmed, task->text) == 0)
        return TRUE;
    }
  shown = _itogi_page_short_text (what == TASK_ADD ? text : task->text);
  switch (what)
    {
    case TASK_ADD:
      /* Translators: history entries for the tasks of the coming year; %s is the task */
      label = g_strdup_printf (_ ("Added task “%s”"), shown);
      break;
    case TASK_REWORD:
      label = g_strdup_printf (_ ("Reworded task “%s”"), shown);
      break;
    case TASK_TICK:
      label = g_strdup_printf (done ? _ ("Marked task “%s” done") : _ ("Marked task “%s” not done"), shown);
      break;
    case TASK_UP:
    case TASK_DOWN:
      label = g_strdup_printf (_ ("Moved task “%s”"), shown);
      break;
    case TASK_REMOVE:
      label = g_strdup_printf (_ ("Removed task “%s”"), shown);
      break;
    }
  step = itogi_session_begin (self->session, label, error);
  if (step == 0)
    return FALSE;
  switch (what)
    {
    case TASK_ADD:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        ok = itogi_store_add_task (self->store, self->area->id, self->year + 1, trimmed, error) != 0;
      }
      break;
    case TASK_REWORD:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        ok = itogi_store_update_task (self->store, task->id, trimmed, task->done, error);
      }
      break;
    case TASK_TICK:
      ok = itogi_store_update_task (self->store, task->id, task->text, done, error);
      break;
    case TASK_UP:
    case TASK_DOWN:
      /* At either end nothing moves, and the empty step is dropped on commit. */
      ok = itogi_store_move_task (self->store, task->id, what == TASK_UP ? -1 : 1, NULL, error);
      break;
    case TASK_REMOVE:
      ok = itogi_store_delete_task (self->store, task->id, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return _itogi_page_finish_step (ITOGI_PAGE (self), step, ok, error);
}

static void
task_edit_or_toast (ItogiAreaPage *self, TaskEdit what, const ItogiTask *task, const char *text,
                    gboolean done)
{
  g_autoptr (GError) error = NULL;

  if (!edit_task (self, what, task, text, done, &error))
    {
      _itogi_page_show_toast (ITOGI_PAGE (self),
                              error != NULL ? error->message : _ ("The change could not be saved."));
      /* Show what the database holds, not what the failed click left. */
      itogi_page_set_years (ITOGI_PAGE (self), self->year, self->compare_year, NULL);
    }
}

static void
on_task_toggled (GtkCheckButton *check, ItogiAreaPage *self)
{
  ItogiTask *task = task_of (self, GTK_WIDGET (check));

  if (task != NULL && gtk_check_button_get_active (check) != task->done)
    task_edit_or_toast (self, TASK_TICK, task, NULL, gtk_check_button_get_active (check));
}

static void
on_task_up (GtkButton *button, ItogiAreaPage *self)
{
  ItogiTask *task = task_of (self, GTK_WIDGET (button));
  if (task != NULL)
    task_edit_or_toast (self, TASK_UP, task, NULL, FALSE);
}

static void
on_task_down (GtkButton *button, ItogiAreaPage *self)
{
  ItogiTask *task = task_of (self, GTK_WIDGET (button));
  if (task != NULL)
    task_edit_or_toast (self, TASK_DOWN, task, NULL, FALSE);
}

static void
on_task_remove (GtkButton *button, ItogiAreaPage *self)
{
  ItogiTask *task = task_of (self, GTK_WIDGET (button));
  if (task != NULL)
    task_edit_or_toast (self, TASK_REMOVE, task, NULL, FALSE);
}

typedef struct
{
  ItogiAreaPage *page;
  ItogiTask *task;
} Reword;

static void
reword_free (Reword *r)
{
  g_object_unref (r->page);
  itogi_task_free (r->task);
  g_free (r);
}

static gboolean
save_reword (const char *text, gpointer data, GError **error)
{
  Reword *r = data;
  return edit_task (r->page, TASK_REWORD, r->task, text, r->task->done, error);
}

static void
on_task_reword (GtkButton *button, ItogiAreaPage *self)
{
  ItogiTask *task = task_of (self, GTK_WIDGET (button));
  Reword *r;
  ItogiTextDialog *dialog;

  if (task == NULL)
    return;
  r = g_new0 (Reword, 1);
  r->page = g_object_ref (self);
  r->task = g_new0 (ItogiTask, 1);
  *r->task = *task;
  r->task->text = g_strdup (task->text);
  dialog = itogi_text_dialog_new (_itogi_page_window (ITOGI_PAGE (self)), _ ("Edit Task"), task->text, FALSE,
                                  _ ("_Save"), save_reword, r, (GDestroyNotify)reword_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_task_add (AdwEntryRow *entry, ItogiAreaPage *self)
{
  g_autoptr (GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (!edit_task (self, TASK_ADD, NULL, text, FALSE, &error))
    {
      /* What was typed stays in the field, marked, with the reason. */
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      _itogi_page_show_toast (ITOGI_PAGE (self),
                              error != NULL ? error->message : _ ("The change could not be saved."));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static GtkWidget *
task_button (ItogiAreaPage *self, const char *icon, const char *tooltip, guint index, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  itogi_tooltip_set (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "task-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
task_row (ItogiAreaPage *self, const ItogiTask *task, guint index, gboolean first, gboolean last)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *up, *down;

  if (task->done)
    {
      /* A done task is struck through; its text is escaped, never read as markup. */
      g_autofree char *escaped = g_markup_escape_text (task->text, -1);
      g_autofree char *struck = g_strdup_printf ("<s>%s</s>", escaped);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), struck);
    }
  else
    {
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), task->text);
    }
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  itogi_wrap_tree (row);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), task->done);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  itogi_tooltip_set (check, _ ("Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Done"), -1);
  g_object_set_data (G_OBJECT (check), "task-index", GUINT_TO_POINTER (index));
  g_signal_connect (check, "toggled", G_CALLBACK (on_task_toggled), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);

  up = task_button (self, "go-up-symbolic", _ ("Move Up"), index, G_CALLBACK (on_task_up));
  down = task_button (self, "go-down-symbolic", _ ("Move Down"), index, G_CALLBACK (on_task_down));
  gtk_widget_set_sensitive (up, !first);
  gtk_widget_set_sensitive (down, !last);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row),
      task_button (self, "document-edit-symbolic", _ ("Edit Task"), index, G_CALLBACK (on_task_reword)));
  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row),
      task_button (self, "user-trash-symbolic", _ ("Remove Task"), index, G_CALLBACK (on_task_remove)));
  return row;
}

gboolean
_itogi_area_page_load_tasks (ItogiAreaPage *self, int year, GError **error)
{
  g_autofree char *next = itogi_format_year (year + 1);
  /* Translators: %s is the coming year, «2024 г.» */
  g_autofree char *heading = g_strdup_printf (_ ("Tasks for %s"), next);

  g_autofree char *typed = NULL;
  gboolean typing = FALSE;
  int start = 0, end = 0;

  /* A task being typed survives the list being made again (any change to the data does that),
   * keyboard included, as long as it is for the same year. */
  if (self->task_entry != NULL && self->task_entry_year == year)
    {
      GtkRoot *root = gtk_widget_get_root (self->task_entry);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->task_entry)));
      if (!gtk_editable_get_selection_bounds (GTK_EDITABLE (self->task_entry), &start, &end))
        start = end = gtk_editable_get_position (GTK_EDITABLE (self->task_entry));
      typing
          = focus != NULL && (focus == self->task_entry || gtk_widget_is_ancestor (focus, self->task_entry));
    }
  self->task_entry = NULL;
  gtk_label_set_text (self->tasks_heading, heading);
  _itogi_page_clear_list (self->tasks_list);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);

  gtk_widget_set_visible (self->year_tasks_heading, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->year_tasks_list), FALSE);
  {
    /* The tasks set for this year a year ago come first: the coming year's tasks become the
     * year's own when it comes, to be ticked off. */
    g_autoptr (GPtrArray) own = itogi_store_list_tasks (self->store, self->area->id, year, error);
    g_autoptr (GPtrArray) coming
        = own != NULL ? itogi_store_list_tasks (self->store, self->area->id, year + 1, error) : NULL;
    g_autofree char *this_year = itogi_format_year (year);
    /* Translators: %s is the year shown, «2024 г.»: the tasks that were set for it */
    g_autofree char *own_heading = g_strdup_printf (_ ("Tasks set for %s"), this_year);
    guint n_own;

    if (coming == NULL)
      return FALSE;
    n_own = own->len;
    self->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_task_free);
    for (guint i = 0; i < own->len; i++)
      g_ptr_array_add (self->tasks, g_steal_pointer (&own->pdata[i]));
    for (guint i = 0; i < coming->len; i++)
      g_ptr_array_add (self->tasks, g_steal_pointer (&coming->pdata[i]));
    _itogi_page_clear_list (self->year_tasks_list);
    gtk_label_set_text (GTK_LABEL (self->year_tasks_heading), own_heading);
    gtk_widget_set_visible (self->year_tasks_heading, n_own > 0);
    gtk_widget_set_visible (GTK_WIDGET (self->year_tasks_list), n_own > 0);
    for (guint i = 0; i < self->tasks->len; i++)
      {
        gboolean mine = i < n_own;
        gtk_list_box_append (mine ? self->year_tasks_list : self->tasks_list,
                             task_row (self, self->tasks->pdata[i], i, i == 0 || i == n_own,
                                       mine ? i + 1 == n_own : i + 1 == self->tasks->len));
      }
  }
  {
    GtkWidget *entry = adw_entry_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _ ("New task"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
    g_signal_connect (entry, "apply", G_CALLBACK (on_task_add), self);
    g_signal_connect (entry, "entry-activated", G_CALLBACK (on_task_add), self);
    gtk_list_box_append (self->tasks_list, entry);
    self->task_entry = entry;
    self->task_entry_year = year;
    if (typed != NULL)
      gtk_editable_set_text (GTK_EDITABLE (entry), typed);
    if (typing)
      {
        /* As it was: the keyboard must not select what is typed, or the next key replaces it. */
        gtk_widget_grab_focus (entry);
        gtk_editable_select_region (GTK_EDITABLE (entry), start, end);
      }
  }
  return TRUE;
}
