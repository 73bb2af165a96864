/* itogi-area-page-actions.c: what an area page's menus, buttons and cells change
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-area-page-private.h"
#include "itogi-format.h"
#include "itogi-indicator-dialog.h"
#include "itogi-period-editor.h"
#include "itogi-text-dialog.h"

/* Another desktop changed the figure @ind of @year since this page showed it: @error says what it
 * is now, who changed it and when, and what was typed here; what it is now is kept, to be written
 * over if the user keeps theirs. */
static void
tell_conflict (ItogiAreaPage *self, const ItogiIndicator *ind, int year, const char *typed, GError **error)
{
  g_autofree char *by = NULL, *at = NULL, *when = NULL, *now = NULL, *message = NULL;

  itogi_value_clear (&self->theirs);
  self->theirs_indicator = 0;
  if (!itogi_store_get_stored_value (self->store, ind->id, year, ITOGI_PERIOD_YEAR, 0, &self->theirs, &by,
                                     &at, NULL))
    return;
  self->theirs_indicator = ind->id;
  self->theirs_year = year;
  if (self->theirs.present)
    {
      when = itogi_format_local_time (at);
      now = itogi_format_value (&self->theirs, ind->kind, ind->scale);
      /* Translators: «ivanova изменил(а) это значение на 22 900 (05.12.2026 10:00), пока вы его
       * вводили. Оставить ваше, 23 000, или принять это?» */
      message = g_strdup_printf (
          _ ("%s changed this figure to %s (%s) while you were typing it. Keep yours, %s, or "
             "take theirs?"),
          by, now, when, typed);
    }
  else
    message
        = g_strdup_printf (_ ("Someone else removed this figure while you were typing it. Keep yours, %s, or "
                              "take theirs (no figure)?"),
                           typed);
  g_clear_error (error);
  g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED, message);
}

/* A figure typed in the table: parsed as people type it, saved as one undoable step. Empty
 * removes the year's figure. The page is rebuilt afterwards, outside the cell's own handler. */
gboolean
_itogi_area_page_edit_value (const ItogiTableRow *row, gboolean current, const char *text, gpointer data,
                             GError **error)
{
  ItogiAreaPage *self = data;
  const ItogiIndicator *ind = row->indicator;
  const ItogiValue *old = current ? &row->current : &row->previous;
  int year = current ? self->year : self->compare_year;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *year_text = itogi_format_year (year);
  g_autofree char *label = NULL;
  ItogiValue value = { .present = TRUE };
  const ItogiValue *seen;
  gint64 step;
  gboolean ok;

  if (*trimmed != '\0'
      && !itogi_parse_value (trimmed, ind->kind, ind->scale, &value.amount, &value.qualifier, error))
    return FALSE;
  if (*trimmed == '\0' && (!old->present || old->derived))
    {
      g_set_error_literal (error, ITOGI_FORMAT_ERROR, ITOGI_FORMAT_ERROR_EMPTY,
                           old->derived
                               ? _ ("This year’s figure is summed from its months: change those instead.")
                               : _ ("Enter a number."));
      return FALSE;
    }
  /* The figure's note and «as of» date stay with it. */
  if (!old->derived)
    {
      value.note = old->note;
      value.as_of = old->as_of;
    }

  /* The figure as it was shown is the version written over: another desktop's change since then
   * is not overwritten unseen. (A year made of months had no figure of its own.) */
  if (self->theirs_indicator == ind->id && self->theirs_year == year)
    seen = &self->theirs;
  else
    seen = old->derived ? NULL : old;

  /* Translators: a history entry: «Изменено значение: Проведено проверок, 2023 г.» */
  label = g_strdup_printf (_ ("Changed “%s”, %s"), ind->title, year_text);
  step = itogi_session_begin (self->session, label, error);
  if (step == 0)
    return FALSE;
  ok = itogi_store_set_value_if (self->store, ind->id, year, ITOGI_PERIOD_YEAR, 0,
                                 *trimmed == '\0' ? NULL : &value, seen, error);
  if (!ok)
    {
      itogi_session_rollback (self->session);
      if (g_error_matches (*error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED))
        tell_conflict (self, ind, year, trimmed, error);
      return FALSE;
    }
  if (seen == &self->theirs)
    {
      self->theirs_indicator = 0;
      itogi_value_clear (&self->theirs);
    }
  if (!itogi_session_commit (self->session, step, error))
    return FALSE;
  /* The table is rebuilt once the cell's own handler has returned. */
  _itogi_area_page_changed_later (self, step);
  return TRUE;
}

/* ---- months, quarters and the figure's note ---- */

static void
on_periods_saved (gint64 step, gpointer data)
{
  _itogi_area_page_changed_later (data, step);
}

/* The indicator @id, archived or not, or NULL with a toast. */
static ItogiIndicator *
find_indicator (ItogiAreaPage *self, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = itogi_store_list_indicators (self->store, 0, TRUE, &error);

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (((ItogiIndicator *)all->pdata[i])->id == id)
      return itogi_indicator_copy (all->pdata[i]);
  _itogi_area_page_show_toast (self,
                               error != NULL ? error->message : _ ("The indicator is no longer there."));
  return NULL;
}

/* The months or quarters of an indicator in @year. */
static void
edit_periods (ItogiAreaPage *self, GVariant *param, int year)
{
  g_autoptr (ItogiIndicator) ind = find_indicator (self, g_variant_get_int64 (param));
  g_autoptr (GError) error = NULL;
  ItogiPeriodEditor *editor;

  if (ind == NULL)
    return;
  editor = itogi_period_editor_new (_itogi_area_page_page_window (self), self->session, ind, year,
                                    on_periods_saved, g_object_ref (self), g_object_unref, &error);
  if (editor == NULL)
    {
      _itogi_area_page_show_toast (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (editor));
}

static void
periods_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  edit_periods (self, param, self->year);
}

static void
periods_compare_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  edit_periods (self, param, self->compare_year);
}

/* One change to the structure as one undoable step, labelled @label. */
static gboolean
structure_step (ItogiAreaPage *self, const char *label, GError **error,
                gboolean (*apply) (ItogiAreaPage *self, gpointer data, GError **error), gpointer data)
{
  gint64 step = itogi_session_begin (self->session, label, error);

  if (step == 0)
    return FALSE;
  return _itogi_area_page_finish_step (self, step, apply (self, data, error), error);
}

static gboolean
apply_save_indicator (ItogiAreaPage *self, gpointer data, GError **error)
{
  ItogiIndicator *ind = data;

  if (ind->id != 0)
    return itogi_store_update_indicator (self->store, ind, error);
  return itogi_store_add_indicator (self->store, ind, error) != 0;
}

static gboolean
save_indicator (const ItogiIndicator *indicator, gpointer data, GError **error)
{
  ItogiAreaPage *self = data;
  g_autoptr (ItogiIndicator) ind = itogi_indicator_copy (indicator);
  g_autofree char *shown = _itogi_area_page_short_text (ind->title);
  g_autofree char *label = ind->id == 0 ? g_strdup_printf (_ ("Added indicator “%s”"), shown)
                                        : g_strdup_printf (_ ("Changed indicator “%s”"), shown);

  return structure_step (self, label, error, apply_save_indicator, ind);
}

static void
edit_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (ItogiIndicator) ind = find_indicator (self, g_variant_get_int64 (param));

  if (ind != NULL)
    gtk_window_present (GTK_WINDOW (itogi_indicator_dialog_new (
        _itogi_area_page_page_window (self), ind, save_indicator, g_object_ref (self), g_object_unref)));
}

static void
add_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (ItogiIndicator) ind = itogi_indicator_new ();
  g_autoptr (GPtrArray) list = NULL;

  if (self->area == NULL)
    return;
  list = itogi_store_list_indicators (self->store, self->area->id, TRUE, NULL);
  ind->area_id = self->area->id;
  /* A slug no other indicator of the area has: the CSV import can name it so. */
  ind->slug = g_strdup_printf ("indicator-%u", list != NULL ? list->len + 1 : 1);
  for (guint n = list != NULL ? list->len + 1 : 1; list != NULL; n++)
    {
      gboolean taken = FALSE;
      g_free (ind->slug);
      ind->slug = g_strdup_printf ("indicator-%u", n);
      for (guint i = 0; i < list->len && !taken; i++)
        taken = g_strcmp0 (((ItogiIndicator *)list->pdata[i])->slug, ind->slug) == 0;
      if (!taken)
        break;
    }
  ind->title = g_strdup ("");
  ind->unit = g_strdup (_ ("units"));
  ind->kind = ITOGI_KIND_COUNT;
  ind->aggregation = ITOGI_AGGREGATION_SUM;
  ind->polarity = ITOGI_POLARITY_NEUTRAL;
  ind->position = list != NULL ? (int)list->len + 1 : 1;
  gtk_window_present (GTK_WINDOW (itogi_indicator_dialog_new (
      _itogi_area_page_page_window (self), ind, save_indicator, g_object_ref (self), g_object_unref)));
}

static gboolean
apply_up (ItogiAreaPage *self, gpointer data, GError **error)
{
  return itogi_store_move_indicator (self->store, *(gint64 *)data, -1, NULL, error);
}

static gboolean
apply_down (ItogiAreaPage *self, gpointer data, GError **error)
{
  return itogi_store_move_indicator (self->store, *(gint64 *)data, 1, NULL, error);
}

static gboolean
apply_archive (ItogiAreaPage *self, gpointer data, GError **error)
{
  return itogi_store_set_indicator_archived (self->store, *(gint64 *)data, TRUE, error);
}

static gboolean
apply_restore (ItogiAreaPage *self, gpointer data, GError **error)
{
  return itogi_store_set_indicator_archived (self->store, *(gint64 *)data, FALSE, error);
}

static gboolean
apply_delete (ItogiAreaPage *self, gpointer data, GError **error)
{
  return itogi_store_delete_indicator (self->store, *(gint64 *)data, error);
}

typedef enum
{
  STEP_UP,
  STEP_DOWN,
  STEP_ARCHIVE,
  STEP_RESTORE,
} IndicatorStep;

/* One change to an indicator's place as one undoable step. */
static void
indicator_step (ItogiAreaPage *self, GVariant *param, IndicatorStep step)
{
  static gboolean (*const apply[]) (ItogiAreaPage *, gpointer, GError **)
      = { [STEP_UP] = apply_up,
          [STEP_DOWN] = apply_down,
          [STEP_ARCHIVE] = apply_archive,
          [STEP_RESTORE] = apply_restore };
  gint64 id = g_variant_get_int64 (param);
  g_autoptr (ItogiIndicator) ind = find_indicator (self, id);
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;

  if (ind == NULL)
    return;
  shown = _itogi_area_page_short_text (ind->title);
  switch (step)
    {
    case STEP_UP:
      /* Translators: history entries; %s is the indicator's title */
      label = g_strdup_printf (_ ("Moved indicator “%s” up"), shown);
      break;
    case STEP_DOWN:
      label = g_strdup_printf (_ ("Moved indicator “%s” down"), shown);
      break;
    case STEP_ARCHIVE:
      label = g_strdup_printf (_ ("Archived indicator “%s”"), shown);
      break;
    case STEP_RESTORE:
    default:
      label = g_strdup_printf (_ ("Restored indicator “%s”"), shown);
      break;
    }
  if (!structure_step (self, label, &error, apply[step], &id))
    _itogi_area_page_show_toast (self, error->message);
  else if (step == STEP_ARCHIVE)
    _itogi_area_page_show_toast (
        self, _ ("Indicator archived: its figures are kept, and it can be restored below the table."));
}

static void
indicator_up_action (GtkWidget *widget, const char *action, GVariant *param)
{
  indicator_step (ITOGI_AREA_PAGE (widget), param, STEP_UP);
}

static void
indicator_down_action (GtkWidget *widget, const char *action, GVariant *param)
{
  indicator_step (ITOGI_AREA_PAGE (widget), param, STEP_DOWN);
}

static void
archive_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  indicator_step (ITOGI_AREA_PAGE (widget), param, STEP_ARCHIVE);
}

static void
restore_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  indicator_step (ITOGI_AREA_PAGE (widget), param, STEP_RESTORE);
}

/* The indicator a «Delete?» question is about, while it is asked. */
typedef struct
{
  ItogiAreaPage *page; /* a reference */
  gint64 id;
  char *title;
} DeleteAsked;

static void
delete_asked_free (gpointer data, GClosure *closure)
{
  DeleteAsked *asked = data;

  g_object_unref (asked->page);
  g_free (asked->title);
  g_free (asked);
}

static void
on_delete_response (AdwMessageDialog *dialog, const char *response, DeleteAsked *asked)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = _itogi_area_page_short_text (asked->title);
  g_autofree char *label = g_strdup_printf (_ ("Deleted indicator “%s” with its figures"), shown);

  if (g_strcmp0 (response, "delete") == 0
      && !structure_step (asked->page, label, &error, apply_delete, &asked->id))
    _itogi_area_page_show_toast (asked->page, error->message);
}

static void
delete_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr (ItogiIndicator) ind = find_indicator (self, id);
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  gint64 count;
  GtkWidget *dialog;

  if (ind == NULL)
    return;
  count = itogi_store_count_values (self->store, id, &error);
  if (count < 0)
    {
      _itogi_area_page_show_toast (self, error->message);
      return;
    }
  if (count > 0)
    {
      g_autofree char *number = itogi_format_integer (count);
      /* Translators: «У показателя «…» 12 значений. …»; the second %s is the number */
      body = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "“%s” has %s figure. Deleting the indicator deletes it too. To keep it, "
                       "archive the indicator instead.",
                       "“%s” has %s figures. Deleting the indicator deletes them too. To keep "
                       "them, archive the indicator instead.",
                       (gulong)count),
          ind->title, number);
    }
  else
    body = g_strdup_printf (_ ("“%s” has no figures."), ind->title);
  dialog = adw_message_dialog_new (_itogi_area_page_page_window (self), _ ("Delete the Indicator?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "delete",
                                    count > 0 ? _ ("_Delete with Its Figures") : _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  {
    DeleteAsked *asked = g_new0 (DeleteAsked, 1);
    asked->page = g_object_ref (self);
    asked->id = id;
    asked->title = g_strdup (ind->title);
    g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response), asked, delete_asked_free, 0);
  }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- notes ---- */

static gboolean
save_notes (const char *text, gpointer data, GError **error)
{
  ItogiAreaPage *self = data;
  g_autofree char *year_text = itogi_format_year (self->year);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *old = itogi_store_get_area_note (self->store, self->area->id, self->year, NULL);
  g_autofree char *label = NULL;
  gint64 step;

  /* Nothing changed: nothing to record. */
  if (g_strcmp0 (trimmed, old != NULL ? old : "") == 0)
    return TRUE;
  /* Translators: a history entry: «Изменены пояснения: Правовое обеспечение, 2023 г.» */
  label = g_strdup_printf (_ ("Changed the notes of “%s”, %s"), self->area->short_title, year_text);
  step = itogi_session_begin (self->session, label, error);
  if (step == 0)
    return FALSE;
  return _itogi_area_page_finish_step (
      self, step, itogi_store_set_area_note (self->store, self->area->id, self->year, trimmed, error), error);
}

/* ---- the year's sign-off ---- */

static void
set_status_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (GError) error = NULL;
  ItogiAreaStatus from = ITOGI_AREA_DRAFT, to;
  gint64 step;

  if (self->area == NULL || self->year == 0
      || !itogi_area_status_from_string (g_variant_get_string (param, NULL), &to))
    return;
  if (!itogi_store_get_area_status (self->store, self->area->id, self->year, &from, NULL, NULL, &error))
    {
      _itogi_area_page_show_toast (self, error->message);
      return;
    }
  step = itogi_session_set_area_status (self->session, self->area->id, self->year, from, to, &error);
  if (step == 0)
    {
      _itogi_area_page_show_toast (self, error->message);
      _itogi_area_page_show_status (self);
      return;
    }
  /* The table is rebuilt once the cell's own handler has returned. */
  _itogi_area_page_changed_later (self, step);
}

static void
edit_notes_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *year_text = itogi_format_year (self->year);
  g_autofree char *title = NULL;
  ItogiTextDialog *dialog;

  if (self->area == NULL || self->year == 0)
    return;
  note = itogi_store_get_area_note (self->store, self->area->id, self->year, &error);
  if (error != NULL)
    {
      _itogi_area_page_show_toast (self, error->message);
      return;
    }
  /* Translators: %s is a year such as «2023 г.» */
  title = g_strdup_printf (_ ("Notes for %s"), year_text);
  dialog = itogi_text_dialog_new (_itogi_area_page_page_window (self), title, note, TRUE, _ ("_Save"),
                                  save_notes, g_object_ref (self), g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_itogi_area_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "area.edit-notes", NULL, edit_notes_action);
  gtk_widget_class_install_action (widget_class, "area.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "area.periods", "x", periods_action);
  gtk_widget_class_install_action (widget_class, "area.periods-compare", "x", periods_compare_action);
  gtk_widget_class_install_action (widget_class, "area.edit-indicator", "x", edit_indicator_action);
  gtk_widget_class_install_action (widget_class, "area.add-indicator", NULL, add_indicator_action);
  gtk_widget_class_install_action (widget_class, "area.indicator-up", "x", indicator_up_action);
  gtk_widget_class_install_action (widget_class, "area.indicator-down", "x", indicator_down_action);
  gtk_widget_class_install_action (widget_class, "area.archive-indicator", "x", archive_indicator_action);
  gtk_widget_class_install_action (widget_class, "area.restore-indicator", "x", restore_indicator_action);
  gtk_widget_class_install_action (widget_class, "area.delete-indicator", "x", delete_indicator_action);
}
