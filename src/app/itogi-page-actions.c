/* itogi-page-actions.c: what a page's table changes: its figures, and the indicators of its row menus
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-format.h"
#include "itogi-indicator-dialog.h"
#include "itogi-page-private.h"
#include "itogi-period-editor.h"

/* Another desktop changed the figure @ind of @year since this page showed it: @error says what it
 * is now, who changed it and when, and what was typed here; what it is now is kept, to be written
 * over if the user keeps theirs. */
static void
tell_conflict (ItogiPage *self, const ItogiIndicator *ind, int year, const char *typed, GError **error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  g_autofree char *by = NULL, *at = NULL, *when = NULL, *now = NULL, *message = NULL;

  itogi_value_clear (&priv->theirs);
  priv->theirs_indicator = 0;
  if (!itogi_store_get_stored_value (priv->store, ind->id, year, ITOGI_PERIOD_YEAR, 0, &priv->theirs, &by,
                                     &at, NULL))
    return;
  priv->theirs_indicator = ind->id;
  priv->theirs_year = year;
  if (priv->theirs.present)
    {
      when = itogi_format_local_time (at);
      now = itogi_format_value (&priv->theirs, ind->kind, ind->scale);
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
_itogi_page_edit_value (const ItogiTableRow *row, gboolean current, const char *text, gpointer data,
                        GError **error)
{
  ItogiPage *self = data;
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  const ItogiIndicator *ind = row->indicator;
  const ItogiValue *old = current ? &row->current : &row->previous;
  int year = current ? priv->year : priv->compare_year;
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
  if (priv->theirs_indicator == ind->id && priv->theirs_year == year)
    seen = &priv->theirs;
  else
    seen = old->derived ? NULL : old;

  /* Translators: a history entry: «Изменено значение: Проведено проверок, 2023 г.» */
  label = g_strdup_printf (_ ("Changed “%s”, %s"), ind->title, year_text);
  step = itogi_session_begin (priv->session, label, error);
  if (step == 0)
    return FALSE;
  ok = itogi_store_set_value_if (priv->store, ind->id, year, ITOGI_PERIOD_YEAR, 0,
                                 *trimmed == '\0' ? NULL : &value, seen, error);
  if (!ok)
    {
      itogi_session_rollback (priv->session);
      if (g_error_matches (*error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED))
        tell_conflict (self, ind, year, trimmed, error);
      return FALSE;
    }
  if (seen == &priv->theirs)
    {
      priv->theirs_indicator = 0;
      itogi_value_clear (&priv->theirs);
    }
  if (!itogi_session_commit (priv->session, step, error))
    return FALSE;
  /* The table is rebuilt once the cell's own handler has returned. */
  _itogi_page_changed_later (self, step);
  return TRUE;
}

/* ---- months, quarters and the figure's note ---- */

static void
on_periods_saved (gint64 step, gpointer data)
{
  _itogi_page_changed_later (data, step);
}

/* The indicator @id, archived or not, or NULL with a toast. */
static ItogiIndicator *
find_indicator (ItogiPage *self, gint64 id)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = itogi_store_list_indicators (priv->store, 0, TRUE, &error);

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (((ItogiIndicator *)all->pdata[i])->id == id)
      return itogi_indicator_copy (all->pdata[i]);
  _itogi_page_show_toast (self, error != NULL ? error->message : _ ("The indicator is no longer there."));
  return NULL;
}

/* The months or quarters of an indicator in @year. */
static void
edit_periods (ItogiPage *self, GVariant *param, int year)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  g_autoptr (ItogiIndicator) ind = find_indicator (self, g_variant_get_int64 (param));
  g_autoptr (GError) error = NULL;
  ItogiPeriodEditor *editor;

  if (ind == NULL)
    return;
  editor = itogi_period_editor_new (_itogi_page_window (self), priv->session, ind, year, on_periods_saved,
                                    g_object_ref (self), g_object_unref, &error);
  if (editor == NULL)
    {
      _itogi_page_show_toast (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (editor));
}

static void
periods_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiPage *self = ITOGI_PAGE (widget);
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  edit_periods (self, param, priv->year);
}

static void
periods_compare_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiPage *self = ITOGI_PAGE (widget);
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  edit_periods (self, param, priv->compare_year);
}

/* One change to the structure as one undoable step, labelled @label. */
static gboolean
structure_step (ItogiPage *self, const char *label, GError **error,
                gboolean (*apply) (ItogiPage *self, gpointer data, GError **error), gpointer data)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  gint64 step = itogi_session_begin (priv->session, label, error);

  if (step == 0)
    return FALSE;
  return _itogi_page_finish_step (self, step, apply (self, data, error), error);
}

static gboolean
apply_save_indicator (ItogiPage *self, gpointer data, GError **error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  ItogiIndicator *ind = data;

  if (ind->id != 0)
    return itogi_store_update_indicator (priv->store, ind, error);
  return itogi_store_add_indicator (priv->store, ind, error) != 0;
}

static gboolean
save_indicator (const ItogiIndicator *indicator, gpointer data, GError **error)
{
  ItogiPage *self = data;
  g_autoptr (ItogiIndicator) ind = itogi_indicator_copy (indicator);
  g_autofree char *shown = _itogi_page_short_text (ind->title);
  g_autofree char *label = ind->id == 0 ? g_strdup_printf (_ ("Added indicator “%s”"), shown)
                                        : g_strdup_printf (_ ("Changed indicator “%s”"), shown);

  return structure_step (self, label, error, apply_save_indicator, ind);
}

static void
edit_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiPage *self = ITOGI_PAGE (widget);
  g_autoptr (ItogiIndicator) ind = find_indicator (self, g_variant_get_int64 (param));

  if (ind != NULL)
    gtk_window_present (GTK_WINDOW (itogi_indicator_dialog_new (
        _itogi_page_window (self), ind, save_indicator, g_object_ref (self), g_object_unref)));
}

static gboolean
apply_up (ItogiPage *self, gpointer data, GError **error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  return itogi_store_move_indicator (priv->store, *(gint64 *)data, -1, NULL, error);
}

static gboolean
apply_down (ItogiPage *self, gpointer data, GError **error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  return itogi_store_move_indicator (priv->store, *(gint64 *)data, 1, NULL, error);
}

static gboolean
apply_archive (ItogiPage *self, gpointer data, GError **error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  return itogi_store_set_indicator_archived (priv->store, *(gint64 *)data, TRUE, error);
}

static gboolean
apply_restore (ItogiPage *self, gpointer data, GError **error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  return itogi_store_set_indicator_archived (priv->store, *(gint64 *)data, FALSE, error);
}

static gboolean
apply_delete (ItogiPage *self, gpointer data, GError **error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  return itogi_store_delete_indicator (priv->store, *(gint64 *)data, error);
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
indicator_step (ItogiPage *self, GVariant *param, IndicatorStep step)
{
  static gboolean (*const apply[]) (ItogiPage *, gpointer, GError **) = { [STEP_UP] = apply_up,
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
  shown = _itogi_page_short_text (ind->title);
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
    _itogi_page_show_toast (self, error->message);
  else if (step == STEP_ARCHIVE)
    _itogi_page_show_toast (
        self, _ ("Indicator archived: its figures are kept, and it can be restored below the table."));
}

static void
indicator_up_action (GtkWidget *widget, const char *action, GVariant *param)
{
  indicator_step (ITOGI_PAGE (widget), param, STEP_UP);
}

static void
indicator_down_action (GtkWidget *widget, const char *action, GVariant *param)
{
  indicator_step (ITOGI_PAGE (widget), param, STEP_DOWN);
}

static void
archive_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  indicator_step (ITOGI_PAGE (widget), param, STEP_ARCHIVE);
}

static void
restore_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  indicator_step (ITOGI_PAGE (widget), param, STEP_RESTORE);
}

/* The indicator a «Delete?» question is about, while it is asked. */
typedef struct
{
  ItogiPage *page; /* a reference */
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
  g_autofree char *shown = _itogi_page_short_text (asked->title);
  g_autofree char *label = g_strdup_printf (_ ("Deleted indicator “%s” with its figures"), shown);

  if (g_strcmp0 (response, "delete") == 0
      && !structure_step (asked->page, label, &error, apply_delete, &asked->id))
    _itogi_page_show_toast (asked->page, error->message);
}

static void
delete_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiPage *self = ITOGI_PAGE (widget);
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr (ItogiIndicator) ind = find_indicator (self, id);
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  gint64 count;
  GtkWidget *dialog;

  if (ind == NULL)
    return;
  count = itogi_store_count_values (priv->store, id, &error);
  if (count < 0)
    {
      _itogi_page_show_toast (self, error->message);
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
  dialog = adw_message_dialog_new (_itogi_page_window (self), _ ("Delete the Indicator?"), body);
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

void
_itogi_page_edit_indicator (ItogiPage *self, const ItogiIndicator *ind)
{
  gtk_window_present (GTK_WINDOW (itogi_indicator_dialog_new (_itogi_page_window (self), ind, save_indicator,
                                                              g_object_ref (self), g_object_unref)));
}

void
_itogi_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "indicator.periods", "x", periods_action);
  gtk_widget_class_install_action (widget_class, "indicator.periods-compare", "x", periods_compare_action);
  gtk_widget_class_install_action (widget_class, "indicator.edit", "x", edit_indicator_action);
  gtk_widget_class_install_action (widget_class, "indicator.up", "x", indicator_up_action);
  gtk_widget_class_install_action (widget_class, "indicator.down", "x", indicator_down_action);
  gtk_widget_class_install_action (widget_class, "indicator.archive", "x", archive_indicator_action);
  gtk_widget_class_install_action (widget_class, "indicator.restore", "x", restore_indicator_action);
  gtk_widget_class_install_action (widget_class, "indicator.delete", "x", delete_indicator_action);
}
