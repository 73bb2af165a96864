/* itogi-period-editor.c: one indicator's year, month by month and quarter by quarter, with its note
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "itogi-format.h"
#include "itogi-period-editor.h"
#include "itogi-period.h"
#include "itogi-wrap.h"

struct _ItogiPeriodEditor
{
  ItogiDialog parent_instance;

  /* From the template. */
  GtkWidget *heading;
  GtkGrid *grid;    /* the months and quarters, made for the editor */
  GtkWidget *total; /* what the months make, live */
  GtkWidget *year_caption;
  GtkWidget *year_field;
  GtkWidget *qualifier; /* the year's qualifier, chosen rather than typed */
  GtkWidget *as_of;
  GtkWidget *warning; /* the year typed whole disagrees */
  GtkWidget *note;
  GtkWidget *history_list;

  GtkWidget *months[ITOGI_MONTHS];
  GtkWidget *quarters[ITOGI_QUARTERS];

  ItogiStore *store;
  ItogiSession *session;
  ItogiIndicator *indicator;
  int year;
  ItogiPeriodEditorSaved saved;
  gpointer data;
  GDestroyNotify destroy;

  ItogiValue stored_months[ITOGI_MONTHS];
  ItogiValue stored_quarters[ITOGI_QUARTERS];
  ItogiValue stored_year; /* typed whole, not derived */
  gboolean syncing;
  gboolean closing; /* being taken down: its fields may still signal */
};

G_DEFINE_FINAL_TYPE (ItogiPeriodEditor, itogi_period_editor, ITOGI_TYPE_DIALOG)

/* The year's qualifiers as the list offers them, in the order of ItogiQualifier. */
static const ItogiQualifier qualifiers[]
    = { ITOGI_QUALIFIER_EXACT, ITOGI_QUALIFIER_MORE,  ITOGI_QUALIFIER_OVER,
        ITOGI_QUALIFIER_ORDER, ITOGI_QUALIFIER_ABOUT, ITOGI_QUALIFIER_LESS };

static char *
shown (const ItogiPeriodEditor *e, const ItogiValue *v)
{
  return v->present ? itogi_format_value (v, e->indicator->kind, e->indicator->scale) : g_strdup ("");
}

/* Parse a field; empty is a missing figure. */
static gboolean
parse_field (const ItogiPeriodEditor *e, GtkWidget *field, ItogiValue *out, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field))));

  memset (out, 0, sizeof *out);
  if (*text == '\0')
    return TRUE;
  out->present = itogi_parse_value (text, e->indicator->kind, e->indicator->scale, &out->amount,
                                    &out->qualifier, error);
  return out->present;
}

/* «31.12.2023» → «2023-12-31»; empty → NULL with TRUE. */
static gboolean
parse_date (const char *typed, char **iso, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));
  int d, m, y;
  char tail;

  *iso = NULL;
  if (*text == '\0')
    return TRUE;
  if (sscanf (text, "%d.%d.%d%c", &d, &m, &y, &tail) != 3 || y < 1900 || y > 2200
      || !g_date_valid_dmy (d, m, y))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("Write the date as day.month.year, for example 31.12.2023."));
      return FALSE;
    }
  *iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return TRUE;
}

static char *
date_shown (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup ("");
  return g_strdup_printf ("%02d.%02d.%04d", d, m, y);
}

/* What the months (else the quarters) make, and whether the year typed whole agrees: live. */
static void
update_total (ItogiPeriodEditor *e)
{
  ItogiValue months[ITOGI_MONTHS] = { 0 }, quarters[ITOGI_QUARTERS] = { 0 };
  g_auto (ItogiValue) made = { 0 };
  g_auto (ItogiValue) typed = { 0 };
  gboolean ok = TRUE;

  /* Not while the editor is made (its periods not there yet) or taken down. */
  if (e->closing || e->months[0] == NULL)
    return;
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    ok = parse_field (e, e->months[i], &months[i], NULL) && ok;
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    ok = parse_field (e, e->quarters[i], &quarters[i], NULL) && ok;
  if (ok && itogi_period_aggregate (e->indicator->aggregation, months, ITOGI_MONTHS, &made, NULL)
      && !made.present)
    itogi_period_aggregate (e->indicator->aggregation, quarters, ITOGI_QUARTERS, &made, NULL);

  if (!ok)
    gtk_label_set_text (GTK_LABEL (e->total), _ ("Some periods are not figures yet."));
  else if (!made.present)
    gtk_label_set_text (GTK_LABEL (e->total), _ ("No months or quarters entered."));
  else
    {
      g_autofree char *figure = shown (e, &made);
      g_autofree char *text = NULL;

      if (e->indicator->aggregation == ITOGI_AGGREGATION_SUM)
        /* Translators: «Сумма по периодам: 22 808 (не все месяцы)» */
        text = g_strdup_printf (made.partial ? _ ("The periods add up to %s (not all of them are in).")
                                             : _ ("The periods add up to %s."),
                                figure);
      else
        text = g_strdup_printf (made.partial ? _ ("The latest period gives %s (the year’s last is not in).")
                                             : _ ("The last period gives %s."),
                                figure);
      gtk_label_set_text (GTK_LABEL (e->total), text);
    }

  gtk_widget_set_visible (e->warning, FALSE);
  gtk_widget_remove_css_class (e->year_field, "warning");
  if (ok && parse_field (e, e->year_field, &typed, NULL)
      && itogi_period_mismatch (e->indicator->aggregation, &typed, &made))
    {
      g_autofree char *figure = shown (e, &made);
      g_autofree char *text = g_strdup_printf (_ ("The year typed whole disagrees with its periods (%s). "
                                                  "Both are kept: correct whichever is wrong."),
                                               figure);
      gtk_label_set_text (GTK_LABEL (e->warning), text);
      gtk_widget_set_visible (e->warning, TRUE);
      gtk_widget_add_css_class (e->year_field, "warning");
    }
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    itogi_value_clear (&months[i]);
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    itogi_value_clear (&quarters[i]);
}

/* A qualifier chosen from the list rewrites the year's figure with its word («более 8 000»). */
static void
on_qualifier_chosen (ItogiPeriodEditor *e)
{
  g_auto (ItogiValue) v = { 0 };
  g_autofree char *text = NULL;

  if (e->syncing || e->closing || !parse_field (e, e->year_field, &v, NULL) || !v.present)
    return;
  v.qualifier = (ItogiQualifier)gtk_drop_down_get_selected (GTK_DROP_DOWN (e->qualifier));
  text = shown (e, &v);
  e->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (e->year_field), text);
  e->syncing = FALSE;
}

/* And a qualifier typed shows in the list. */
static void
on_year_typed (ItogiPeriodEditor *e)
{
  g_auto (ItogiValue) v = { 0 };

  if (e->syncing || e->closing || !parse_field (e, e->year_field, &v, NULL) || !v.present)
    return;
  e->syncing = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (e->qualifier), (guint)v.qualifier);
  e->syncing = FALSE;
}

static gboolean
same_value (const ItogiValue *a, const ItogiValue *b)
{
  if (a->present != b->present)
    return FALSE;
  if (!a->present)
    return TRUE;
  return a->amount == b->amount && a->qualifier == b->qualifier && g_strcmp0 (a->note, b->note) == 0
         && g_strcmp0 (a->as_of, b->as_of) == 0;
}

/* Write one period if it changed: set, or remove when emptied; only over the figure as it was
 * loaded (@old). Another desktop's change since then refuses the whole save: the message says
 * which figure became what and by whom, and @old takes it, so that saving again keeps these. */
static gboolean
write_period (ItogiPeriodEditor *e, ItogiPeriodType period, guint index, ItogiValue *old,
              const ItogiValue *now, GError **error)
{
  g_auto (ItogiValue) theirs = { 0 };
  g_autofree char *by = NULL, *shown_now = NULL, *where = NULL;

  if (same_value (old, now))
    return TRUE;
  if (itogi_store_set_value_if (e->store, e->indicator->id, e->year, period, index, now->present ? now : NULL,
                                old, error))
    return TRUE;
  if (!g_error_matches (*error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED)
      || !itogi_store_get_stored_value (e->store, e->indicator->id, e->year, period, index, &theirs, &by,
                                        NULL, NULL))
    return FALSE;
  shown_now = theirs.present ? itogi_format_value (&theirs, e->indicator->kind, e->indicator->scale)
                             : g_strdup ("—");
  where = g_strdup (period == ITOGI_PERIOD_YEAR ? _ ("Year") : itogi_period_name (period, index));
  g_clear_error (error);
  /* Translators: «Март: пока вы вводили значения, пользователь ivanova изменил его на 31. Сохраните
   * ещё раз, чтобы оставить ваше, или закройте окно, чтобы принять изменение.» */
  g_set_error (
      error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED,
      _ ("%s: %s changed this figure to %s while you were typing. Save again to keep yours, or close to "
         "take theirs."),
      where, by != NULL ? by : _ ("someone else"), shown_now);
  itogi_value_clear (old);
  *old = theirs;
  theirs = (ItogiValue){ 0 };
  return FALSE;
}

/* A field's problem, said in the dialog: «Март: введите число». */
static void
set_problem (GError **error, GtkWidget *field, const char *where, const char *why)
{
  /* Translators: «Март: введите число» */
  g_autofree char *text = where != NULL ? g_strdup_printf (_ ("%s: %s"), where, why) : g_strdup (why);

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, text);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
clear_values (ItogiValue *months, ItogiValue *quarters)
{
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    itogi_value_clear (&months[i]);
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    itogi_value_clear (&quarters[i]);
}

/* Every field read into @months, @quarters and @year, or FALSE with the first problem said and its
 * field marked: a bad one saves nothing. */
static gboolean
read_fields (ItogiPeriodEditor *e, ItogiValue *months, ItogiValue *quarters, ItogiValue *year, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *note = NULL;

  for (guint i = 0; i < ITOGI_MONTHS; i++)
    if (!parse_field (e, e->months[i], &months[i], &local))
      {
        set_problem (error, e->months[i], itogi_period_name (ITOGI_PERIOD_MONTH, i + 1), local->message);
        return FALSE;
      }
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    if (!parse_field (e, e->quarters[i], &quarters[i], &local))
      {
        set_problem (error, e->quarters[i], itogi_period_name (ITOGI_PERIOD_QUARTER, i + 1), local->message);
        return FALSE;
      }
  if (!parse_field (e, e->year_field, year, &local))
    {
      set_problem (error, e->year_field, _ ("Year"), local->message);
      return FALSE;
    }
  if (!parse_date (gtk_editable_get_text (GTK_EDITABLE (e->as_of)), &year->as_of, &local))
    {
      set_problem (error, e->as_of, _ ("As of"), local->message);
      return FALSE;
    }
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (e->note))));
  if (*note != '\0')
    year->note = g_steal_pointer (&note);
  if (!year->present && (year->note != NULL || year->as_of != NULL))
    {
      set_problem (error, e->year_field, _ ("Year"),
                   _ ("A note or a date belongs to the year’s figure: enter the figure too."));
      return FALSE;
    }
  /* Each period keeps its own note and date. */
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    if (months[i].present && e->stored_months[i].present)
      {
        months[i].note = g_strdup (e->stored_months[i].note);
        months[i].as_of = g_strdup (e->stored_months[i].as_of);
      }
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    if (quarters[i].present && e->stored_quarters[i].present)
      {
        quarters[i].note = g_strdup (e->stored_quarters[i].note);
        quarters[i].as_of = g_strdup (e->stored_quarters[i].as_of);
      }
  return TRUE;
}

/* Every period that changed, as one undoable step; nothing written when one is refused, and
 * everything typed stays for another try. */
static gboolean
itogi_period_editor_save (ItogiDialog *dialog, GError **error)
{
  ItogiPeriodEditor *e = ITOGI_PERIOD_EDITOR (dialog);
  ItogiValue months[ITOGI_MONTHS] = { 0 }, quarters[ITOGI_QUARTERS] = { 0 };
  g_auto (ItogiValue) year = { 0 };
  g_autofree char *label = NULL;
  g_autofree char *year_text = itogi_format_year (e->year);
  gboolean ok;
  gint64 step;

  for (guint i = 0; i < ITOGI_MONTHS; i++)
    gtk_widget_remove_css_class (e->months[i], "error");
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    gtk_widget_remove_css_class (e->quarters[i], "error");
  gtk_widget_remove_css_class (e->year_field, "error");
  gtk_widget_remove_css_class (e->as_of, "error");
  if (!read_fields (e, months, quarters, &year, error))
    {
      clear_values (months, quarters);
      return FALSE;
    }

  /* Translators: a history entry: «Изменены месяцы и кварталы: Поступило обращений, 2023 г.» */
  label = g_strdup_printf (_ ("Changed the periods of “%s”, %s"), e->indicator->title, year_text);
  step = itogi_session_begin (e->session, label, error);
  ok = step != 0;
  for (guint i = 0; ok && i < ITOGI_MONTHS; i++)
    ok = write_period (e, ITOGI_PERIOD_MONTH, i + 1, &e->stored_months[i], &months[i], error);
  for (guint i = 0; ok && i < ITOGI_QUARTERS; i++)
    ok = write_period (e, ITOGI_PERIOD_QUARTER, i + 1, &e->stored_quarters[i], &quarters[i], error);
  if (ok)
    ok = write_period (e, ITOGI_PERIOD_YEAR, 0, &e->stored_year, &year, error);
  if (!ok && step != 0)
    itogi_session_rollback (e->session);
  else if (ok)
    ok = itogi_session_commit (e->session, step, error);
  clear_values (months, quarters);
  if (ok && e->saved != NULL)
    e->saved (step, e->data);
  return ok;
}

static GtkWidget *
period_field (ItogiPeriodEditor *e, const char *name, const ItogiValue *stored)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = shown (e, stored);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0f);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_widget_add_css_class (entry, "numeric");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (update_total), e);
  return entry;
}

static GtkWidget *
caption (const char *text, GtkWidget *field)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  return label;
}

/* Four rows, one per quarter: its three months, then the quarter itself. */
static void
fill_periods (ItogiPeriodEditor *e)
{
  for (guint q = 0; q < ITOGI_QUARTERS; q++)
    {
      const char *quarter = itogi_period_name (ITOGI_PERIOD_QUARTER, q + 1);
      GtkWidget *label;

      for (guint m = 0; m < 3; m++)
        {
          guint month = q * 3 + m;
          const char *name = itogi_period_name (ITOGI_PERIOD_MONTH, month + 1);

          e->months[month] = period_field (e, name, &e->stored_months[month]);
          gtk_grid_attach (e->grid, caption (name, e->months[month]), m, q * 2, 1, 1);
          gtk_grid_attach (e->grid, e->months[month], m, q * 2 + 1, 1, 1);
        }
      e->quarters[q] = period_field (e, quarter, &e->stored_quarters[q]);
      gtk_widget_set_margin_start (e->quarters[q], 12);
      label = caption (quarter, e->quarters[q]);
      gtk_widget_set_margin_start (label, 12);
      gtk_grid_attach (e->grid, label, 3, q * 2, 1, 1);
      gtk_grid_attach (e->grid, e->quarters[q], 3, q * 2 + 1, 1, 1);
    }
}

/* The indicator's own history, newest first: what each figure was and became, who and when. */
static gboolean
fill_history (ItogiPeriodEditor *e, GError **error)
{
  g_autoptr (GPtrArray) changes = itogi_store_list_value_changes (e->store, e->indicator->id, 100, error);

  if (changes == NULL)
    return FALSE;
  if (changes->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("No changes yet: the figures are as they were loaded."));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (e->history_list), row);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      ItogiValueChange *c = changes->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *year_text = itogi_format_year (c->year);
      g_autofree char *period
          = c->period == ITOGI_PERIOD_YEAR
                ? g_strdup (year_text)
                /* Translators: «Январь, 2023 г.» */
                : g_strdup_printf (_ ("%s, %s"), itogi_period_name (c->period, c->period_index), year_text);
      g_autofree char *before = c->before.present ? shown (e, &c->before) : g_strdup ("—");
      g_autofree char *after = c->after.present ? shown (e, &c->after) : g_strdup ("—");
      /* Translators: «Январь, 2023 г.: 1 900 → 2 000» */
      g_autofree char *title = g_strdup_printf (_ ("%s: %s → %s"), period, before, after);
      g_autofree char *when = itogi_format_local_time (c->at);
      g_autofree char *subtitle = g_strdup_printf (_ ("%s · %s · %s"), c->who, when, c->label);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      itogi_wrap_tree (row);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (e->history_list), row);
    }
  return TRUE;
}

/* The report's words for figures that are not exact: chosen here, or typed in the figure. */
static void
fill_qualifiers (ItogiPeriodEditor *e)
{
  g_autoptr (GtkStringList) words = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (qualifiers); i++)
    gtk_string_list_append (
        words, qualifiers[i] == ITOGI_QUALIFIER_EXACT ? _ ("exactly") : itogi_qualifier_word (qualifiers[i]));
  gtk_drop_down_set_model (GTK_DROP_DOWN (e->qualifier), G_LIST_MODEL (words));
}

ItogiPeriodEditor *
itogi_period_editor_new (GtkWindow *parent, ItogiSession *session, const ItogiIndicator *indicator, int year,
                         ItogiPeriodEditorSaved saved, gpointer data, GDestroyNotify destroy, GError **error)
{
  g_autofree char *year_text = itogi_format_year (year);
  /* Translators: the period editor's title: «Поступило обращений, 2023 г.» */
  g_autofree char *title = g_strdup_printf (_ ("%s, %s"), indicator->title, year_text);
  ItogiPeriodEditor *e
      = g_object_new (ITOGI_TYPE_PERIOD_EDITOR, "transient-for", parent, "title", title, NULL);
  g_auto (ItogiValue) entered = { 0 };

  e->session = itogi_session_ref (session);
  e->store = itogi_session_get_store (session);
  e->indicator = itogi_indicator_copy (indicator);
  e->year = year;
  e->saved = saved;
  e->data = data;
  e->destroy = destroy;
  if (!itogi_store_get_periods (e->store, indicator->id, year, ITOGI_PERIOD_MONTH, e->stored_months,
                                ITOGI_MONTHS, error)
      || !itogi_store_get_periods (e->store, indicator->id, year, ITOGI_PERIOD_QUARTER, e->stored_quarters,
                                   ITOGI_QUARTERS, error)
      || !itogi_store_get_year_value (e->store, indicator, year, &entered, error) || !fill_history (e, error))
    {
      gtk_window_destroy (GTK_WINDOW (e));
      return NULL;
    }
  if (entered.present && !entered.derived)
    itogi_value_copy (&e->stored_year, &entered);

  gtk_label_set_text (GTK_LABEL (e->heading),
                      indicator->aggregation == ITOGI_AGGREGATION_SUM
                          ? _ ("The year is the sum of its months (or of its quarters).")
                          : _ ("The year is its last period’s figure."));
  fill_periods (e);
  {
    g_autofree char *year_shown = shown (e, &e->stored_year);
    g_autofree char *date = date_shown (e->stored_year.as_of);

    e->syncing = TRUE;
    gtk_editable_set_text (GTK_EDITABLE (e->year_field), year_shown);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (e->qualifier), (guint)e->stored_year.qualifier);
    e->syncing = FALSE;
    gtk_editable_set_text (GTK_EDITABLE (e->as_of), date);
    gtk_editable_set_text (GTK_EDITABLE (e->note), e->stored_year.note != NULL ? e->stored_year.note : "");
  }
  update_total (e);
  /* Escape, Cancel or closing the window with figures typed and not saved asks first. */
  itogi_dialog_set_question (
      ITOGI_DIALOG (e), _ ("Discard the Typed Figures?"),
      _ ("The figures typed here are not saved yet. Those already saved stay as they are."), TRUE);
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    itogi_dialog_watch (ITOGI_DIALOG (e), e->months[i]);
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    itogi_dialog_watch (ITOGI_DIALOG (e), e->quarters[i]);
  itogi_dialog_watch (ITOGI_DIALOG (e), e->year_field);
  itogi_dialog_watch (ITOGI_DIALOG (e), e->qualifier);
  itogi_dialog_watch (ITOGI_DIALOG (e), e->as_of);
  itogi_dialog_watch (ITOGI_DIALOG (e), e->note);
  gtk_widget_grab_focus (e->months[0]);
  return e;
}

GtkWidget *
itogi_period_editor_get_field (ItogiPeriodEditor *e, ItogiPeriodType period, guint index)
{
  g_return_val_if_fail (ITOGI_IS_PERIOD_EDITOR (e), NULL);
  if (period == ITOGI_PERIOD_MONTH && index >= 1 && index <= ITOGI_MONTHS)
    return e->months[index - 1];
  if (period == ITOGI_PERIOD_QUARTER && index >= 1 && index <= ITOGI_QUARTERS)
    return e->quarters[index - 1];
  return e->year_field;
}

GtkWidget *
itogi_period_editor_get_note (ItogiPeriodEditor *e)
{
  return e->note;
}

GtkWidget *
itogi_period_editor_get_as_of (ItogiPeriodEditor *e)
{
  return e->as_of;
}

const char *
itogi_period_editor_get_total (ItogiPeriodEditor *e)
{
  return gtk_label_get_text (GTK_LABEL (e->total));
}

const char *
itogi_period_editor_get_warning (ItogiPeriodEditor *e)
{
  return gtk_widget_get_visible (e->warning) ? gtk_label_get_text (GTK_LABEL (e->warning)) : NULL;
}

void
itogi_period_editor_choose_qualifier (ItogiPeriodEditor *e, ItogiQualifier qualifier)
{
  for (guint i = 0; i < G_N_ELEMENTS (qualifiers); i++)
    if (qualifiers[i] == qualifier)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (e->qualifier), i);
}

static void
itogi_period_editor_dispose (GObject *object)
{
  /* Its fields may still signal while they are taken down: they are ignored. */
  ITOGI_PERIOD_EDITOR (object)->closing = TRUE;
  G_OBJECT_CLASS (itogi_period_editor_parent_class)->dispose (object);
}

static void
itogi_period_editor_finalize (GObject *object)
{
  ItogiPeriodEditor *e = ITOGI_PERIOD_EDITOR (object);

  for (guint i = 0; i < ITOGI_MONTHS; i++)
    itogi_value_clear (&e->stored_months[i]);
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    itogi_value_clear (&e->stored_quarters[i]);
  itogi_value_clear (&e->stored_year);
  g_clear_pointer (&e->indicator, itogi_indicator_free);
  g_clear_pointer (&e->session, itogi_session_unref);
  if (e->destroy != NULL)
    e->destroy (e->data);
  G_OBJECT_CLASS (itogi_period_editor_parent_class)->finalize (object);
}

static void
itogi_period_editor_class_init (ItogiPeriodEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = itogi_period_editor_dispose;
  object_class->finalize = itogi_period_editor_finalize;
  ITOGI_DIALOG_CLASS (klass)->save = itogi_period_editor_save;
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-period-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, grid);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, total);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, year_caption);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, year_field);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, qualifier);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, as_of);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, warning);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, note);
  gtk_widget_class_bind_template_child (widget_class, ItogiPeriodEditor, history_list);
  gtk_widget_class_bind_template_callback (widget_class, update_total);
  gtk_widget_class_bind_template_callback (widget_class, on_year_typed);
  gtk_widget_class_bind_template_callback (widget_class, on_qualifier_chosen);
}

static void
itogi_period_editor_init (ItogiPeriodEditor *e)
{
  e->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (e));
  itogi_wrap_tree (GTK_WIDGET (e));
  fill_qualifiers (e);
  e->syncing = FALSE;
}
