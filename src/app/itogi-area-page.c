/* itogi-area-page.c: the page of one activity area, and the Overview of all of them
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-a11y.h"
#include "itogi-area-page.h"
#include "itogi-chart-export.h"
#include "itogi-chart-view.h"
#include "itogi-format.h"
#include "itogi-indicator-dialog.h"
#include "itogi-idle-fill.h"
#include "itogi-indicator-table.h"
#include "itogi-period-editor.h"
#include "itogi-table.h"
#include "itogi-text-dialog.h"

struct _ItogiAreaPage
{
  GtkWidget parent_instance;

  ItogiStore *store;
  ItogiSession *session; /* the window's: each edit one undoable step */
  ItogiArea *area;       /* NULL on the Overview */
  GtkWidget *table;

  GtkWidget *scroller;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkWidget *rights_box; /* on a server: this area may only be read, and whom to ask */
  GtkLabel *rights_label;
  GtkWidget *status_box; /* the year's sign-off; hidden on the Overview */
  GtkImage *status_icon;
  GtkLabel *status_label;
  GtkWidget *status_back_button;
  GtkWidget *status_forward_button;
  GtkListBox *progress_list;    /* the Overview's: every area's sign-off and what it lacks */
  GtkWidget *progress_expander; /* its one row, made with the first reading */
  GPtrArray *progress;          /* ItogiAreaProgress of the year shown */
  GPtrArray *progress_rows;     /* AdwActionRow per area, only while unfolded */
  GPtrArray *progress_icons;    /* each row's status icon */
  gboolean progress_expanded;
  AdwStatusPage *empty_state;
  GtkBox *table_box;
  GtkWidget *structure_box;
  GtkWidget *add_button;
  GtkWidget *empty_add_button;
  GtkWidget *archived_button;
  GtkWidget *notes_box;
  GtkLabel *notes_heading;
  GtkLabel *notes_label;
  GtkWidget *notes_button;
  GtkWidget *tasks_box;
  GtkLabel *tasks_heading;
  GtkListBox *tasks_list;
  GPtrArray *tasks; /* ItogiTask, as listed: the year's own, then the coming year's; NULL on the Overview */
  GtkWidget *year_tasks_heading;
  GtkWidget *task_entry; /* the «New task» row, made again with the list */
  int task_entry_year;   /* the year its text is typed for */
  GtkListBox *year_tasks_list;
  GtkWidget *institutions_box;
  GtkLabel *institutions_heading;
  GtkListBox *institutions_list;
  GtkWidget *chart_box;
  GtkDropDown *kind_dropdown;
  GtkMenuButton *export_button;
  ItogiChartView *chart_view;
  GtkWidget *chart_note; /* on an Overview of too many indicators, in the chart's place */

  int year;
  int compare_year;
  gboolean syncing;
  /* A figure another desktop changed while it was being typed here: what it became, which the
   * next save of that cell («Keep Mine») writes over knowingly. */
  gint64 theirs_indicator;
  int theirs_year;
  ItogiValue theirs; /* a selection is being mirrored from table to chart or back */

  /* The Overview of many areas is read area by area: those its first frame shows at once, the
   * others after it, a few milliseconds' worth at a time. */
  GPtrArray *fill_areas; /* ItogiArea, in order */
  guint fill_next;       /* the next area to read */
  guint fill_offset;     /* the table's row where its rows go */
  ItogiIdleFill fill;
};

G_DEFINE_FINAL_TYPE (ItogiAreaPage, itogi_area_page, GTK_TYPE_WIDGET)

static void
itogi_area_page_dispose (GObject *object)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (object);

  itogi_idle_fill_stop (&self->fill);
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ITOGI_TYPE_AREA_PAGE);
  g_clear_pointer (&self->area, itogi_area_free);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_pointer (&self->progress_rows, g_ptr_array_unref);
  g_clear_pointer (&self->progress_icons, g_ptr_array_unref);
  G_OBJECT_CLASS (itogi_area_page_parent_class)->dispose (object);
}

static void
itogi_area_page_finalize (GObject *object)
{
  g_clear_pointer (&ITOGI_AREA_PAGE (object)->session, itogi_session_unref);
  itogi_value_clear (&ITOGI_AREA_PAGE (object)->theirs);
  G_OBJECT_CLASS (itogi_area_page_parent_class)->finalize (object);
}

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  ItogiAreaPage *page;
  gint64 step;
} Changed;

static gboolean
emit_changed (gpointer data)
{
  Changed *c = data;

  g_signal_emit (c->page, signals[CHANGED], 0, c->step);
  g_object_unref (c->page);
  g_free (c);
  return G_SOURCE_REMOVE;
}

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
static gboolean
edit_value (const ItogiTableRow *row, gboolean current, const char *text, gpointer data, GError **error)
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
  {
    Changed *c = g_new0 (Changed, 1);
    c->page = g_object_ref (self);
    c->step = step;
    /* The table is rebuilt once the cell's own handler has returned. */
    g_idle_add (emit_changed, c);
  }
  return TRUE;
}

static void
show_toast (ItogiAreaPage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      /* Toast titles are markup in libadwaita 1.2: a file name with «&» must not vanish. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
}

/* After a write made inside @step: commit it and tell the window (for Undo and to reload), or take
 * it back whole. The page is rebuilt from an idle, outside the handler of the widget that asked. */
static gboolean
finish_step (ItogiAreaPage *self, gint64 step, gboolean ok, GError **error)
{
  Changed *c;

  if (!ok)
    {
      itogi_session_rollback (self->session);
      return FALSE;
    }
  if (!itogi_session_commit (self->session, step, error))
    return FALSE;
  c = g_new0 (Changed, 1);
  c->page = g_object_ref (self);
  c->step = step;
  g_idle_add (emit_changed, c);
  return TRUE;
}

/* «Подготовить проект…» shortened for a history entry. */
static char *
short_text (const char *text)
{
  if (g_utf8_strlen (text, -1) <= 60)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, 59);
    return g_strconcat (head, "…", NULL);
  }
}

static GtkWindow *
page_window (ItogiAreaPage *self)
{
  return GTK_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW));
}

/* ---- months, quarters and the figure's note ---- */

static void
on_periods_saved (gint64 step, gpointer data)
{
  ItogiAreaPage *self = data;
  Changed *c = g_new0 (Changed, 1);

  c->page = g_object_ref (self);
  c->step = step;
  g_idle_add (emit_changed, c);
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
  show_toast (self, error != NULL ? error->message : _ ("The indicator is no longer there."));
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
  editor = itogi_period_editor_new (page_window (self), self->session, ind, year, on_periods_saved,
                                    g_object_ref (self), g_object_unref, &error);
  if (editor == NULL)
    {
      show_toast (self, error->message);
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
  return finish_step (self, step, apply (self, data, error), error);
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
  g_autofree char *shown = short_text (ind->title);
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
    gtk_window_present (GTK_WINDOW (itogi_indicator_dialog_new (page_window (self), ind, save_indicator,
                                                                g_object_ref (self), g_object_unref)));
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
  gtk_window_present (GTK_WINDOW (itogi_indicator_dialog_new (page_window (self), ind, save_indicator,
                                                              g_object_ref (self), g_object_unref)));
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
  shown = short_text (ind->title);
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
    show_toast (self, error->message);
  else if (step == STEP_ARCHIVE)
    show_toast (self,
                _ ("Indicator archived: its figures are kept, and it can be restored below the table."));
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

static void
on_delete_response (AdwMessageDialog *dialog, const char *response, ItogiAreaPage *self)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "indicator-id");
  const char *title = g_object_get_data (G_OBJECT (dialog), "indicator-title");
  g_autoptr (GError) error = NULL;

  g_autofree char *shown = short_text (title);
  g_autofree char *label = g_strdup_printf (_ ("Deleted indicator “%s” with its figures"), shown);

  if (g_strcmp0 (response, "delete") == 0 && !structure_step (self, label, &error, apply_delete, &id))
    show_toast (self, error->message);
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
      show_toast (self, error->message);
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
  dialog = adw_message_dialog_new (page_window (self), _ ("Delete the Indicator?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "delete",
                                    count > 0 ? _ ("_Delete with Its Figures") : _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "indicator-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "indicator-title", g_strdup (ind->title), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
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
  return finish_step (
      self, step, itogi_store_set_area_note (self->store, self->area->id, self->year, trimmed, error), error);
}

/* ---- the year's sign-off ---- */

typedef struct
{
  gint64 area;
  int year;
  ItogiAreaStatus status;
} StatusMove;

static gboolean
apply_status (ItogiStore *store, gpointer data, GError **error)
{
  StatusMove *m = data;
  return itogi_store_set_area_status (store, m->area, m->year, m->status, error);
}

static void
set_button (GtkWidget *button, const char *label, ItogiAreaStatus to)
{
  gtk_widget_set_visible (button, label != NULL);
  if (label == NULL)
    return;
  gtk_button_set_label (GTK_BUTTON (button), label);
  itogi_a11y_mend_button (button);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", itogi_area_status_to_string (to));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "area.set-status");
}

/* The bar above the table: the year's status, who set it and when, and the moves this role may
 * make (submit or take back for whoever edits the area; approve and unlock for the head). */
static void
show_status (ItogiAreaPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *by = NULL, *at = NULL, *when = NULL, *text = NULL;
  g_autofree char *year_text = NULL;
  ItogiAreaStatus status = ITOGI_AREA_DRAFT;
  gboolean may_edit, head;

  if (self->area == NULL || self->year == 0
      || !itogi_store_get_area_status (self->store, self->area->id, self->year, &status, &by, &at, &error))
    {
      gtk_widget_set_visible (self->status_box, FALSE);
      return;
    }
  may_edit = !itogi_store_is_read_only (self->store)
             && itogi_store_area_right (self->store, self->area->id) == ITOGI_AREA_EDIT;
  head = may_edit && itogi_store_may_approve (self->store);
  year_text = itogi_format_year (self->year);
  when = at != NULL ? itogi_format_local_time (at) : NULL;
  switch (status)
    {
    case ITOGI_AREA_SUBMITTED:
      /* Translators: «Итоги за 2023 г. отправлены на утверждение: ivanova, 05.12.2026 10:00.» */
      text = g_strdup_printf (_ ("The figures for %s were submitted for approval by %s, %s."), year_text, by,
                              when);
      gtk_image_set_from_icon_name (self->status_icon, "mail-send-symbolic");
      set_button (self->status_back_button, may_edit ? _ ("Return to _Draft") : NULL, ITOGI_AREA_DRAFT);
      set_button (self->status_forward_button, head ? _ ("_Approve") : NULL, ITOGI_AREA_APPROVED);
      break;
    case ITOGI_AREA_APPROVED:
      text = g_strdup_printf (
          _ ("The figures for %s were approved by %s, %s. The year’s figures, notes and tasks "
             "are locked."),
          year_text, by, when);
      gtk_image_set_from_icon_name (self->status_icon, "changes-prevent-symbolic");
      set_button (self->status_back_button, head ? _ ("_Unlock") : NULL, ITOGI_AREA_DRAFT);
      set_button (self->status_forward_button, NULL, ITOGI_AREA_DRAFT);
      break;
    case ITOGI_AREA_DRAFT:
    default:
      text = g_strdup_printf (
          _ ("The figures for %s are a draft: submit them for approval once they are complete."), year_text);
      gtk_image_set_from_icon_name (self->status_icon, "document-edit-symbolic");
      set_button (self->status_back_button, NULL, ITOGI_AREA_DRAFT);
      set_button (self->status_forward_button, may_edit ? _ ("_Submit for Approval") : NULL,
                  ITOGI_AREA_SUBMITTED);
      break;
    }
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (self->status_box, TRUE);
}

static const char *
status_icon_name (ItogiAreaStatus status)
{
  return status == ITOGI_AREA_APPROVED    ? "changes-prevent-symbolic"
         : status == ITOGI_AREA_SUBMITTED ? "mail-send-symbolic"
                                          : "document-edit-symbolic";
}

/* One area's line under the sign-off: its status, who moved it and when, and what it lacks. */
static char *
progress_line (const ItogiAreaProgress *p)
{
  g_autofree char *who = NULL;
  GString *titles;
  char *line;

  if (p->status != ITOGI_AREA_DRAFT && p->changed_by != NULL)
    {
      g_autofree char *when = itogi_format_local_time (p->changed_at);
      who = g_strdup_printf (" (%s, %s)", p->changed_by, when);
    }
  if (p->missing->len == 0)
    return g_strdup_printf ("%s%s", itogi_area_status_label (p->status), who != NULL ? who : "");
  titles = g_string_new (NULL);
  for (guint m = 0; m < p->missing->len && m < 3; m++)
    g_string_append_printf (titles, "%s%s", m > 0 ? "; " : "",
                            ((ItogiIndicator *)p->missing->pdata[m])->title);
  if (p->missing->len > 3)
    g_string_append (titles, "…");
  /* Translators: «нет данных: Численность работников, Иски»; the plural follows the count */
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s — %u indicator without a figure: %s",
                                       "%s%s — %u indicators without a figure: %s", p->missing->len),
                          itogi_area_status_label (p->status), who != NULL ? who : "", p->missing->len,
                          titles->str);
  g_string_free (titles, TRUE);
  return line;
}

static GtkWidget *
progress_row_new (GtkWidget *icon)
{
  GtkWidget *row = adw_action_row_new ();

  /* Titles and subtitles are markup unless told: an area named «Молодёжь & НКО» must show as it is. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
progress_row_set (GtkWidget *row, GtkImage *icon, const ItogiAreaProgress *p)
{
  g_autofree char *line = progress_line (p);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->area->short_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
  gtk_image_set_from_icon_name (icon, status_icon_name (p->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  itogi_area_status_label (p->status), -1);
  /* The target first: an action name without its target warns. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", p->area->slug);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-page");
}

/* The rows under the sign-off exist only while it is unfolded: folded, a new year or an edit
 * costs its title and subtitle only (58 rows made anew were most of a year's change on a large
 * database). Unfolded, the rows take the new figures in place. */
static void
sync_progress_rows (ItogiAreaPage *self)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (self->progress_expander);
  guint wanted = self->progress_expanded && self->progress != NULL ? self->progress->len : 0;

  while (self->progress_rows->len > wanted)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->progress_rows, self->progress_rows->len - 1);
      g_ptr_array_remove_index (self->progress_icons, self->progress_icons->len - 1);
      adw_expander_row_remove (expander, row);
    }
  for (guint i = 0; i < wanted; i++)
    {
      if (i == self->progress_rows->len)
        {
          GtkWidget *icon = gtk_image_new ();
          GtkWidget *row = progress_row_new (icon);
          g_ptr_array_add (self->progress_rows, row);
          g_ptr_array_add (self->progress_icons, icon);
          adw_expander_row_add_row (expander, row);
        }
      progress_row_set (self->progress_rows->pdata[i], self->progress_icons->pdata[i],
                        self->progress->pdata[i]);
    }
}

static void
on_progress_expanded (GObject *row, GParamSpec *pspec, ItogiAreaPage *self)
{
  self->progress_expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row));
  /* Folding keeps the rows until the next reading, so that they fold away rather than vanish. */
  if (self->progress_expanded)
    sync_progress_rows (self);
}

/* The Overview's summary of the year's sign-off: how many areas are approved and submitted, how
 * many indicators lack a figure, and, unfolded, each area's status and gaps; a row opens its area. */
static void
show_progress (ItogiAreaPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *year_text = itogi_format_year (self->year);
  g_autofree char *title = NULL, *subtitle = NULL, *areas = NULL, *gaps = NULL;
  guint approved = 0, submitted = 0, missing = 0;

  g_clear_pointer (&self->progress, g_ptr_array_unref);
  self->progress = self->year != 0 ? itogi_store_year_progress (self->store, self->year, &error) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_list),
                          self->progress != NULL && self->progress->len > 0);
  if (self->progress == NULL || self->progress->len == 0)
    {
      g_clear_pointer (&self->progress, g_ptr_array_unref);
      sync_progress_rows (self);
      return;
    }
  for (guint i = 0; i < self->progress->len; i++)
    {
      ItogiAreaProgress *p = self->progress->pdata[i];
      approved += p->status == ITOGI_AREA_APPROVED;
      submitted += p->status == ITOGI_AREA_SUBMITTED;
      missing += p->missing->len;
    }
  /* Translators: %s is a year, «2023 г.» */
  title = g_strdup_printf (_ ("Sign-off of %s"), year_text);
  /* Translators: «Утверждено 2 из 8 разделов, на утверждении: 1»; the plural follows the second number */
  areas = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u area approved, submitted: %u",
                                        "%u of %u areas approved, submitted: %u", self->progress->len),
                           approved, self->progress->len, submitted);
  gaps = missing == 0 ? g_strdup (_ ("every indicator has a figure"))
                      /* Translators: «нет данных по 5 показателям» */
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "no figure for %u indicator",
                                                      "no figure for %u indicators", missing),
                                         missing);
  subtitle = g_strdup_printf ("%s; %s", areas, gaps);
  if (self->progress_expander == NULL)
    {
      self->progress_expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->progress_expander), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->progress_expander), self->progress_expanded);
      g_signal_connect (self->progress_expander, "notify::expanded", G_CALLBACK (on_progress_expanded), self);
      gtk_list_box_append (self->progress_list, self->progress_expander);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->progress_expander), subtitle);
  sync_progress_rows (self);
}

static void
set_status_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (GError) error = NULL;
  StatusMove move = { 0 };
  ItogiAreaStatus from = ITOGI_AREA_DRAFT;
  const char *label;
  gint64 step;

  if (self->area == NULL || self->year == 0
      || !itogi_area_status_from_string (g_variant_get_string (param, NULL), &move.status))
    return;
  move.area = self->area->id;
  move.year = self->year;
  if (!itogi_store_get_area_status (self->store, move.area, move.year, &from, NULL, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  /* Translators: history entries */
  label = move.status == ITOGI_AREA_SUBMITTED  ? _ ("Submitted for approval")
          : move.status == ITOGI_AREA_APPROVED ? _ ("Approved")
          : from == ITOGI_AREA_APPROVED        ? _ ("Approval withdrawn")
                                               : _ ("Returned to draft");
  step = itogi_session_edit (self->session, label, apply_status, &move, NULL, &error);
  if (step == 0)
    {
      show_toast (self, error->message);
      show_status (self);
      return;
    }
  {
    Changed *c = g_new0 (Changed, 1);
    c->page = g_object_ref (self);
    c->step = step;
    g_idle_add (emit_changed, c);
  }
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
      show_toast (self, error->message);
      return;
    }
  /* Translators: %s is a year such as «2023 г.» */
  title = g_strdup_printf (_ ("Notes for %s"), year_text);
  dialog = itogi_text_dialog_new (page_window (self), title, note, TRUE, _ ("_Save"), save_notes,
                                  g_object_ref (self), g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

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
  shown = short_text (what == TASK_ADD ? text : task->text);
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
  return finish_step (self, step, ok, error);
}

static void
task_edit_or_toast (ItogiAreaPage *self, TaskEdit what, const ItogiTask *task, const char *text,
                    gboolean done)
{
  g_autoptr (GError) error = NULL;

  if (!edit_task (self, what, task, text, done, &error))
    {
      show_toast (self, error != NULL ? error->message : _ ("The change could not be saved."));
      /* Show what the database holds, not what the failed click left. */
      itogi_area_page_set_years (self, self->year, self->compare_year, NULL);
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
  dialog = itogi_text_dialog_new (page_window (self), _ ("Edit Task"), task->text, FALSE, _ ("_Save"),
                                  save_reword, r, (GDestroyNotify)reword_free);
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
      show_toast (self, error != NULL ? error->message : _ ("The change could not be saved."));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static GtkWidget *
task_button (ItogiAreaPage *self, const char *icon, const char *tooltip, guint index, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
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
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), task->done);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _ ("Done"));
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

static GtkWidget *
overview_task_row (const ItogiTask *task, const char *area_title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), task->text);
  g_autofree char *subtitle = task->done ? g_strconcat (area_title, " · ", _ ("done"), NULL) : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : area_title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (task->done)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Done"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  return row;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void clear_list (GtkListBox *list);

static gboolean
load_tasks (ItogiAreaPage *self, int year, GError **error)
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
  clear_list (self->tasks_list);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);

  gtk_widget_set_visible (self->year_tasks_heading, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->year_tasks_list), FALSE);
  if (self->area == NULL)
    {
      g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, FALSE, error);
      guint shown = 0;

      if (areas == NULL)
        return FALSE;
      for (guint a = 0; a < areas->len; a++)
        {
          ItogiArea *area = areas->pdata[a];
          g_autoptr (GPtrArray) tasks = itogi_store_list_tasks (self->store, area->id, year + 1, error);

          if (tasks == NULL)
            return FALSE;
          for (guint i = 0; i < tasks->len; i++, shown++)
            gtk_list_box_append (self->tasks_list, overview_task_row (tasks->pdata[i], area->short_title));
        }
      if (shown == 0)
        gtk_list_box_append (
            self->tasks_list,
            placeholder_row (_ ("No tasks yet. Each area’s tasks are added on its own page.")));
      return TRUE;
    }

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
    clear_list (self->year_tasks_list);
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

/* The sizes and formats a chart is saved in, as the one table lists them, above «Copy Image». */
static void
fill_export_menu (GMenu *menu)
{
  guint n_presets;
  const ItogiChartPreset *presets = itogi_chart_presets (&n_presets);
  g_autoptr (GMenu) section = g_menu_new ();

  for (guint i = 0; i < n_presets; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (itogi_chart_preset_label (&presets[i]), NULL);
      g_menu_item_set_action_and_target_value (item, "chart.export", g_variant_new_string (presets[i].id));
      g_menu_append_item (section, item);
    }
  g_menu_prepend_section (menu, NULL, G_MENU_MODEL (section));
}

/* The kinds of chart, as the one table lists them. */
static void
fill_kinds (GtkDropDown *dropdown)
{
  guint n_kinds;
  const ItogiChartKindInfo *kinds = itogi_chart_kinds (&n_kinds);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (labels, itogi_chart_kind_label (&kinds[i]));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
}

static ItogiChartKind
selected_kind (ItogiAreaPage *self)
{
  guint pos = gtk_drop_down_get_selected (self->kind_dropdown), n_kinds;
  const ItogiChartKindInfo *kinds = itogi_chart_kinds (&n_kinds);

  return pos < n_kinds ? kinds[pos].kind : ITOGI_CHART_AUTO;
}

static ItogiChartModel *
build_chart_model (ItogiAreaPage *self, GError **error)
{
  return itogi_chart_model_new_for_area (self->store, self->area != NULL ? self->area->slug : NULL,
                                         selected_kind (self), self->year, self->compare_year, error);
}

/* One chart of every indicator of a large office (thousands of panels) cannot be read, and
 * drawing it would hold the window up: there the Overview says where the charts are. */
#define OVERVIEW_CHART_MAX 60

static gboolean
too_many_to_chart (ItogiAreaPage *self, guint rows)
{
  return self->area == NULL && rows > OVERVIEW_CHART_MAX;
}

/* The chart of the rows shown (@model NULL: none, for @error, or too many rows). */
static void
show_chart (ItogiAreaPage *self, ItogiChartModel *model, gboolean too_many, const GError *error)
{
  gtk_widget_set_visible (self->chart_note, too_many);
  if (too_many)
    {
      gtk_widget_set_visible (self->chart_box, FALSE);
      return;
    }
  if (model == NULL)
    {
      if (error != NULL)
        show_toast (self, error->message);
      return;
    }
  itogi_chart_view_set_model (self->chart_view, model);
  gtk_widget_set_visible (self->chart_box, model->items->len > 0);
  itogi_chart_view_set_selected (self->chart_view,
                                 itogi_indicator_table_get_selected (ITOGI_INDICATOR_TABLE (self->table)));
}

static void
reload_chart (ItogiAreaPage *self)
{
  g_autoptr (GError) error = NULL;
  gboolean too_many;

  if (self->year == 0)
    return;
  too_many = too_many_to_chart (self, itogi_indicator_table_get_n_rows (ITOGI_INDICATOR_TABLE (self->table)));
  show_chart (self, too_many ? NULL : build_chart_model (self, &error), too_many, error);
}

static void
on_table_filled (ItogiAreaPage *self)
{
  itogi_chart_view_set_held (self->chart_view, FALSE);
}

/* The chart's items are the table's rows, in the same order: a selection mirrors across. */
static void
on_table_row (ItogiAreaPage *self, int position)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  itogi_chart_view_set_selected (self->chart_view, position);
  self->syncing = FALSE;
}

static void
on_chart_item (ItogiAreaPage *self, int item)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  itogi_indicator_table_select (ITOGI_INDICATOR_TABLE (self->table), item);
  self->syncing = FALSE;
}

typedef struct
{
  ItogiAreaPage *page;
  ItogiChartFormat format;
  double width, height, dpi;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->page);
  g_free (job);
}

static void
on_save_response (GtkNativeDialog *chooser, int response, ExportJob *job)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiChartModel) model = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      model = build_chart_model (job->page, &error);
      if (model != NULL && path != NULL
          && itogi_chart_export_file (model, job->format, job->width, job->height, job->dpi, path, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_ ("Chart saved as “%s”"), name);
          show_toast (job->page, message);
        }
      else
        show_toast (job->page, error != NULL ? error->message : _ ("The chart could not be saved."));
    }
  export_job_free (job);
  g_object_unref (chooser);
}

static void
choose_file (ItogiAreaPage *self, ItogiChartFormat format, double width, double height, double dpi)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Export Chart"), GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  ExportJob *job = g_new0 (ExportJob, 1);
  g_autofree char *year = g_strdup_printf ("%d", self->year);
  g_autofree char *name = NULL;
  const char *title = self->area != NULL ? self->area->short_title : _ ("Overview");

  job->page = g_object_ref (self);
  job->format = format;
  job->width = width;
  job->height = height;
  job->dpi = dpi;
  /* «Контроль документов 2023.png» */
  name = g_strdup_printf ("%s %s.%s", title, year, itogi_chart_format_info (format)->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_size_response (AdwMessageDialog *dialog, const char *response, ItogiAreaPage *self)
{
  GtkSpinButton *width = g_object_get_data (G_OBJECT (dialog), "width");
  GtkSpinButton *height = g_object_get_data (G_OBJECT (dialog), "height");

  ItogiChartFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));

  if (g_strcmp0 (response, "export") == 0)
    choose_file (self, format, gtk_spin_button_get_value (width), gtk_spin_button_get_value (height), 0);
}

static GtkWidget *
size_row (const char *label, double value, GtkWidget **spin)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  *spin = gtk_spin_button_new_with_range (ITOGI_CHART_MIN_WIDTH, ITOGI_CHART_MAX_PIXELS, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (*spin), value);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), *spin);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), *spin);
  return box;
}

static void
ask_size (ItogiAreaPage *self, ItogiChartFormat format)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _ ("Chart Size"),
                                              _ ("The picture’s width and height in pixels."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *width, *height;

  const ItogiChartFormatInfo *info = itogi_chart_format_info (format);

  gtk_box_append (GTK_BOX (box), size_row (_ ("_Width"), info->width, &width));
  gtk_box_append (GTK_BOX (box), size_row (_ ("_Height"), info->height, &height));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "export",
                                    _ ("_Continue"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_object_set_data (G_OBJECT (dialog), "width", width);
  g_object_set_data (G_OBJECT (dialog), "height", height);
  g_object_set_data (G_OBJECT (dialog), "format", GINT_TO_POINTER (format));
  g_signal_connect (dialog, "response", G_CALLBACK (on_size_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  const ItogiChartPreset *preset = itogi_chart_preset_find (g_variant_get_string (param, NULL));

  if (preset == NULL)
    return;
  if (preset->width == 0 || preset->height == 0)
    ask_size (self, preset->format);
  else
    choose_file (self, preset->format, preset->width, preset->height, preset->dpi);
}

static void
copy_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiChartModel) model = build_chart_model (self, &error);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (model != NULL)
    png = itogi_chart_export_bytes (model, ITOGI_CHART_FORMAT_PNG, 1600, 900, 0, &error);
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  show_toast (self, _ ("Chart copied"));
}

static void
itogi_area_page_class_init (ItogiAreaPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_area_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = itogi_area_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-area-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, rights_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, rights_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_back_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_forward_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, progress_list);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, empty_state);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, table_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, structure_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, tasks_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, tasks_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_list);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, chart_view);

  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);
  /* The data changed: the step (for undo) that changed it. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "area.edit-notes", NULL, edit_notes_action);
  /* The year's sign-off; the target is the status the area's year moves to. */
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

static void
itogi_area_page_init (ItogiAreaPage *self)
{
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ITOGI_TYPE_CHART_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  itogi_a11y_mend_tree (GTK_WIDGET (self));
  self->progress_rows = g_ptr_array_new ();
  self->progress_icons = g_ptr_array_new ();
  fill_kinds (self->kind_dropdown);
  fill_export_menu (G_MENU (gtk_menu_button_get_menu_model (self->export_button)));
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (reload_chart), self);
  g_signal_connect_swapped (self->chart_view, "item-activated", G_CALLBACK (on_chart_item), self);
  /* The year's own tasks, above the coming year's. */
  self->year_tasks_heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->year_tasks_heading), 0);
  gtk_label_set_wrap (GTK_LABEL (self->year_tasks_heading), TRUE);
  gtk_widget_add_css_class (self->year_tasks_heading, "heading");
  self->year_tasks_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->year_tasks_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->year_tasks_list), "boxed-list");
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->year_tasks_list), 12);
  gtk_box_prepend (GTK_BOX (self->tasks_box), GTK_WIDGET (self->year_tasks_list));
  gtk_box_prepend (GTK_BOX (self->tasks_box), self->year_tasks_heading);
  /* The coming year's tasks come after the institutions, as in the report. */
  gtk_box_reorder_child_after (GTK_BOX (gtk_widget_get_parent (self->tasks_box)), self->tasks_box,
                               self->institutions_box);
  {
    g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The Overview charts at most %d indicator: each area’s page has a chart of its own.",
                     "The Overview charts at most %d indicators: each area’s page has a chart of its own.",
                     OVERVIEW_CHART_MAX),
        OVERVIEW_CHART_MAX);
    self->chart_note = gtk_label_new (text);
    gtk_label_set_wrap (GTK_LABEL (self->chart_note), TRUE);
    gtk_label_set_xalign (GTK_LABEL (self->chart_note), 0);
    gtk_widget_add_css_class (self->chart_note, "dim-label");
    gtk_widget_set_margin_top (self->chart_note, 12);
    gtk_widget_set_visible (self->chart_note, FALSE);
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->chart_box)), self->chart_note,
                                self->chart_box);
  }
}

static void
show_titles (ItogiAreaPage *self)
{
  const ItogiArea *area = self->area;

  gtk_label_set_text (self->title_label, area->title);
  /* The page is found and read by its area's name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, area->title, -1);
  /* The report's fuller wording, when it says more than the title. */
  gtk_label_set_text (self->subtitle_label, area->description != NULL ? area->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          area->description != NULL && *area->description != '\0'
                              && g_strcmp0 (area->description, area->title) != 0);
  /* On a shared server a role may only read some areas: said here, with whom to ask. */
  if (itogi_store_area_right (self->store, area->id) == ITOGI_AREA_READ)
    {
      g_autofree char *keepers = itogi_store_rights_keepers (self->store);
      g_autofree char *text
          = g_strdup_printf (_ ("You may only read this area. To change its figures, ask %s "
                                "for the right to edit it."),
                             keepers != NULL ? keepers : _ ("the database’s administrator"));
      gtk_label_set_text (self->rights_label, text);
      gtk_widget_set_visible (self->rights_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->rights_box, FALSE);
}

GtkWidget *
itogi_area_page_new (ItogiSession *session, const ItogiArea *area)
{
  ItogiAreaPage *self = g_object_new (ITOGI_TYPE_AREA_PAGE, NULL);

  self->session = itogi_session_ref (session);
  self->store = itogi_session_get_store (session);
  self->area = area != NULL ? itogi_area_copy (area) : NULL;
  self->table = itogi_indicator_table_new (area == NULL);
  gtk_box_append (self->table_box, self->table);
  g_signal_connect_swapped (self->table, "row-selected", G_CALLBACK (on_table_row), self);
  g_signal_connect_swapped (self->table, "filled", G_CALLBACK (on_table_filled), self);
  itogi_indicator_table_set_editor (ITOGI_INDICATOR_TABLE (self->table), edit_value, self);
  itogi_indicator_table_set_menu (ITOGI_INDICATOR_TABLE (self->table), TRUE);

  if (area != NULL)
    show_titles (self);
  else
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Overview"),
                                      -1);
      gtk_label_set_text (self->title_label, _ ("Overview"));
      gtk_label_set_text (self->subtitle_label,
                          _ ("Every area’s indicators with their change from the comparison year."));
    }
  return GTK_WIDGET (self);
}

void
itogi_area_page_set_area (ItogiAreaPage *self, const ItogiArea *area)
{
  g_return_if_fail (ITOGI_IS_AREA_PAGE (self));
  g_return_if_fail (self->area != NULL && area != NULL);
  g_return_if_fail (!itogi_area_page_has_unsaved (self));

  itogi_area_free (self->area);
  self->area = itogi_area_copy (area);
  show_titles (self);
  /* Nothing of the area it showed stays: its selected row, its place in the page, the task being
   * typed (empty: a page with typing is never given another area). */
  itogi_indicator_table_select (ITOGI_INDICATOR_TABLE (self->table), -1);
  self->task_entry = NULL;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

void
itogi_area_page_set_editable (ItogiAreaPage *self, gboolean editable)
{
  g_return_if_fail (ITOGI_IS_AREA_PAGE (self));
  itogi_indicator_table_set_editable (ITOGI_INDICATOR_TABLE (self->table), editable);
  gtk_widget_set_sensitive (self->status_box, editable);
  gtk_widget_set_sensitive (self->tasks_box, editable);
  gtk_widget_set_sensitive (self->notes_button, editable);
  gtk_widget_set_sensitive (self->structure_box, editable);
}

guint
itogi_area_page_save_drafts (ItogiAreaPage *self)
{
  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), 0);
  return itogi_indicator_table_save_drafts (ITOGI_INDICATOR_TABLE (self->table));
}

gboolean
itogi_area_page_has_unsaved (ItogiAreaPage *self)
{
  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), FALSE);
  if (itogi_indicator_table_has_drafts (ITOGI_INDICATOR_TABLE (self->table)))
    return TRUE;
  return self->task_entry != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->task_entry)) != '\0';
}

const ItogiArea *
itogi_area_page_get_area (ItogiAreaPage *self)
{
  return self->area;
}

GtkWidget *
itogi_area_page_get_table (ItogiAreaPage *self)
{
  return self->table;
}

GtkWidget *
itogi_area_page_get_chart (ItogiAreaPage *self)
{
  return GTK_WIDGET (self->chart_view);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static gboolean
load_institutions (ItogiAreaPage *self, int year, GError **error)
{
  g_autoptr (GPtrArray) institutions = NULL;

  clear_list (self->institutions_list);
  if (self->area == NULL)
    {
      gtk_widget_set_visible (self->institutions_box, FALSE);
      return TRUE;
    }
  institutions = itogi_store_list_institutions (self->store, self->area->id, year, error);
  if (institutions == NULL)
    return FALSE;

  for (guint i = 0; i < institutions->len; i++)
    {
      ItogiInstitution *inst = g_ptr_array_index (institutions, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), inst->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (
          ADW_ACTION_ROW (row),
          inst->note != NULL ? inst->note : _ ("The report says nothing of this institution for the year."));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->institutions_list, row);
    }
  gtk_widget_set_visible (self->institutions_box, institutions->len > 0);
  return TRUE;
}

/* The area's archived indicators, each with a Restore item; the Overview adds none. */
static gboolean
load_archived (ItogiAreaPage *self, GError **error)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GMenu) menu = g_menu_new ();
  guint archived = 0;

  gboolean empty = gtk_widget_get_visible (GTK_WIDGET (self->empty_state));

  gtk_widget_set_visible (self->structure_box, FALSE);
  if (self->area == NULL)
    return TRUE;
  all = itogi_store_list_indicators (self->store, self->area->id, TRUE, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      ItogiIndicator *ind = all->pdata[i];
      g_autofree char *shown = NULL, *label = NULL;
      g_autoptr (GMenuItem) item = NULL;

      if (!ind->archived)
        continue;
      shown = short_text (ind->title);
      /* Translators: a menu item: «Вернуть «Проведено проверок»» */
      label = g_strdup_printf (_ ("Restore “%s”"), shown);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "area.restore-indicator", g_variant_new_int64 (ind->id));
      g_menu_append_item (menu, item);
      archived++;
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->archived_button), G_MENU_MODEL (menu));
  gtk_widget_set_visible (self->archived_button, archived > 0);
  /* The empty state offers the same button: show one at a time. Only to whoever may change the
   * office's structure (on a server, not every clerk). */
  {
    gboolean manage = itogi_store_may_manage (self->store);
    gtk_widget_set_visible (self->structure_box, manage && (!empty || archived > 0));
    gtk_widget_set_visible (self->add_button, !empty);
    gtk_widget_set_visible (self->empty_add_button, manage);
  }
  return TRUE;
}

/* The Overview's first frame is read before it: more rows than its table shows at first. */
#define OVERVIEW_FIRST_ROWS 60

/* The next area of the Overview read into its table (a step of itogi-idle-fill.h). */
static gboolean
fill_overview (gpointer data)
{
  ItogiAreaPage *self = data;
  const ItogiArea *area = self->fill_areas->pdata[self->fill_next];
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = itogi_table_build (self->store, area->slug, self->year, self->compare_year, &error);
  guint offset = self->fill_offset;

  if (rows == NULL)
    {
      /* The database failed under it: the rows read so far stay, and it says so. */
      show_toast (self, error->message);
      g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
      return G_SOURCE_REMOVE;
    }
  self->fill_next++;
  self->fill_offset += rows->len;
  itogi_indicator_table_put_rows (ITOGI_INDICATOR_TABLE (self->table), offset, rows,
                                  self->fill_next == self->fill_areas->len, self->year, self->compare_year);
  if (self->fill_next < self->fill_areas->len)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

gboolean
itogi_area_page_is_filling (ItogiAreaPage *self)
{
  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), FALSE);
  return self->fill_areas != NULL;
}

gboolean
itogi_area_page_set_years (ItogiAreaPage *self, int year, int compare_year, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *note = NULL;
  g_autofree char *year_text = itogi_format_year (year);
  g_autoptr (GError) chart_error = NULL;
  g_autoptr (ItogiChartModel) chart = NULL;
  gboolean has_rows, too_many;

  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), FALSE);

  itogi_idle_fill_stop (&self->fill);
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  if (self->area == NULL)
    {
      /* The Overview: its areas read in order until its first frame has rows enough. A large
       * administration's others are read after it (fill_overview). */
      g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, FALSE, error);
      guint a = 0;

      if (areas == NULL)
        return FALSE;
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_table_row_free);
      for (; a < areas->len && rows->len <= OVERVIEW_FIRST_ROWS; a++)
        {
          g_autoptr (GPtrArray) more = itogi_table_build (self->store, ((ItogiArea *)areas->pdata[a])->slug,
                                                          year, compare_year, error);
          if (more == NULL)
            return FALSE;
          g_ptr_array_set_free_func (more, NULL);
          g_ptr_array_extend_and_steal (rows, g_steal_pointer (&more));
        }
      if (a < areas->len)
        {
          self->fill_areas = g_steal_pointer (&areas);
          self->fill_next = a;
        }
    }
  else
    rows = itogi_table_build (self->store, self->area->slug, year, compare_year, error);
  if (rows == NULL)
    return FALSE;
  has_rows = rows->len > 0;
  /* The chart from the same rows, before the table takes them. */
  too_many = too_many_to_chart (self, rows->len);
  if (!too_many)
    chart = itogi_chart_model_new_for_rows (self->store, rows, self->area != NULL ? self->area->slug : NULL,
                                            selected_kind (self), year, compare_year, &chart_error);
  self->year = year;
  self->compare_year = compare_year;
  if (self->fill_areas != NULL)
    {
      /* Its first rows now, in place where they were; the rest after the first frame. */
      self->fill_offset = rows->len;
      itogi_indicator_table_put_rows (ITOGI_INDICATOR_TABLE (self->table), 0, g_steal_pointer (&rows), FALSE,
                                      year, compare_year);
      itogi_idle_fill_start (&self->fill, GTK_WIDGET (self), fill_overview, self);
    }
  else
    itogi_indicator_table_set_rows (ITOGI_INDICATOR_TABLE (self->table), g_steal_pointer (&rows), year,
                                    compare_year);
  /* The chart under a table whose rows are still coming waits for them: drawn now, it would be
   * drawn where it does not stay, in the first frame, which it would make slower. */
  itogi_chart_view_set_held (self->chart_view,
                             itogi_indicator_table_is_filling (ITOGI_INDICATOR_TABLE (self->table)));
  gtk_widget_set_visible (self->table, has_rows);

  if (self->area != NULL)
    {
      note = itogi_store_get_area_note (self->store, self->area->id, year, error);
      if (error != NULL && *error != NULL)
        return FALSE;
    }
  {
    /* Translators: %s is a year such as «2023 г.» */
    g_autofree char *heading = g_strdup_printf (_ ("Notes for %s"), year_text);
    gtk_label_set_text (self->notes_heading, heading);
  }
  if (note != NULL && *note != '\0')
    {
      gtk_label_set_text (self->notes_label, note);
      gtk_widget_remove_css_class (GTK_WIDGET (self->notes_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->notes_label, _ ("No notes for this year yet."));
      gtk_widget_add_css_class (GTK_WIDGET (self->notes_label), "dim-label");
    }
  /* The Overview has no notes of its own: each area keeps its own. */
  gtk_widget_set_visible (self->notes_box, self->area != NULL);
  if (!load_tasks (self, year, error))
    return FALSE;

  gtk_label_set_text (self->institutions_heading, _ ("Institutions"));
  if (!load_institutions (self, year, error))
    return FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_state),
                          !has_rows && !gtk_widget_get_visible (self->institutions_box));
  if (!load_archived (self, error))
    return FALSE;
  if (self->area != NULL)
    show_status (self);
  else
    show_progress (self);
  show_chart (self, g_steal_pointer (&chart), too_many, chart_error);
  return TRUE;
}
