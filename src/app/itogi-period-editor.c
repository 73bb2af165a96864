/* itogi-period-editor.c: one indicator's year, month by month and quarter by quarter, with its note
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "itogi-dialog.h"
#include "itogi-format.h"
#include "itogi-history-window.h"
#include "itogi-period-editor.h"
#include "itogi-period.h"

typedef struct
{
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

  GtkWidget *months[ITOGI_MONTHS];
  GtkWidget *quarters[ITOGI_QUARTERS];
  GtkWidget *year_field;
  GtkWidget *qualifier; /* the year's qualifier, chosen rather than typed */
  gboolean syncing;
  gboolean closing; /* the window is being destroyed: its widgets may be gone */
  gboolean held;    /* the widgets below are referenced by the editor */
  GtkWidget *note;
  GtkWidget *as_of;
  GtkWidget *message; /* why nothing was saved */
  GtkWidget *total;   /* what the months make, live */
  GtkWidget *warning; /* the year typed whole disagrees */
} Editor;

/* The widgets the editor reaches, held to its end so a late signal never touches freed memory. */
static void
hold_widgets (Editor *e, gboolean hold)
{
  GtkWidget **all[ITOGI_MONTHS + ITOGI_QUARTERS + 7];
  guint n = 0;

  if (hold == e->held)
    return;
  e->held = hold;
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    all[n++] = &e->months[i];
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    all[n++] = &e->quarters[i];
  all[n++] = &e->year_field;
  all[n++] = &e->qualifier;
  all[n++] = &e->note;
  all[n++] = &e->as_of;
  all[n++] = &e->message;
  all[n++] = &e->total;
  all[n++] = &e->warning;
  for (guint i = 0; i < n; i++)
    {
      if (*all[i] == NULL)
        continue;
      if (hold)
        g_object_ref (*all[i]);
      else
        g_clear_object (all[i]);
    }
}

static void
editor_free (Editor *e)
{
  hold_widgets (e, FALSE);
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    itogi_value_clear (&e->stored_months[i]);
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    itogi_value_clear (&e->stored_quarters[i]);
  itogi_value_clear (&e->stored_year);
  itogi_indicator_free (e->indicator);
  itogi_session_unref (e->session);
  if (e->destroy != NULL)
    e->destroy (e->data);
  g_free (e);
}

static Editor *
get (GtkWidget *editor)
{
  return g_object_get_data (G_OBJECT (editor), "itogi-period-editor");
}

static char *
shown (const Editor *e, const ItogiValue *v)
{
  return v->present ? itogi_format_value (v, e->indicator->kind, e->indicator->scale) : g_strdup ("");
}

/* Parse a field; empty is a missing figure. */
static gboolean
parse_field (const Editor *e, GtkWidget *field, ItogiValue *out, GError **error)
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
update_total (Editor *e)
{
  ItogiValue months[ITOGI_MONTHS] = { 0 }, quarters[ITOGI_QUARTERS] = { 0 };
  g_auto (ItogiValue) made = { 0 };
  g_auto (ItogiValue) typed = { 0 };
  gboolean ok = TRUE;

  if (e->closing)
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
on_qualifier_chosen (Editor *e)
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
on_year_typed (Editor *e)
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
write_period (Editor *e, ItogiPeriodType period, guint index, ItogiValue *old, const ItogiValue *now,
              GError **error)
{
  g_auto (ItogiValue) theirs = { 0 };
  g_autofree char *by = NULL, *shown_now = NULL, *where = NULL;

  if (same_value (old, now))
    return TRUE;
  if (itogi_store_set_value_if (e->store, e->indicator->id, e->year, period, index, now->present ? now : NULL, old,
                                error))
    return TRUE;
  if (!g_error_matches (*error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED)
      || !itogi_store_get_stored_value (e->store, e->indicator->id, e->year, period, index, &theirs, &by, NULL, NULL))
    return FALSE;
  shown_now = theirs.present ? itogi_format_value (&theirs, e->indicator->kind, e->indicator->scale) : g_strdup ("—");
  where = g_strdup (period == ITOGI_PERIOD_YEAR ? _ ("Year") : itogi_period_name (period, index));
  g_clear_error (error);
  /* Translators: «Март: пока вы вводили значения, пользователь ivanova изменил его на 31. Сохраните
   * ещё раз, чтобы оставить ваше, или закройте окно, чтобы принять изменение.» */
  g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED,
               _ ("%s: %s changed this figure to %s while you were typing. Save again to keep yours, or close to "
                  "take theirs."),
               where, by != NULL ? by : _ ("someone else"), shown_now);
  itogi_value_clear (old);
  *old = theirs;
  theirs = (ItogiValue){ 0 };
  return FALSE;
}

static void
show_problem (Editor *e, GtkWidget *field, const char *where, const char *why)
{
  /* Translators: «Март: введите число» */
  g_autofree char *text = where != NULL ? g_strdup_printf (_ ("%s: %s"), where, why) : g_strdup (why);

  itogi_dialog_say (e->message, text);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

gboolean
itogi_period_editor_save (GtkWidget *editor)
{
  Editor *e = get (editor);
  ItogiValue months[ITOGI_MONTHS] = { 0 }, quarters[ITOGI_QUARTERS] = { 0 };
  g_auto (ItogiValue) year = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *year_text = itogi_format_year (e->year);
  gboolean ok = TRUE;
  gint64 step = 0;

  gtk_widget_set_visible (e->message, FALSE);
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    gtk_widget_remove_css_class (e->months[i], "error");
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    gtk_widget_remove_css_class (e->quarters[i], "error");
  gtk_widget_remove_css_class (e->year_field, "error");
  gtk_widget_remove_css_class (e->as_of, "error");

  /* Every field is checked before anything is written: a bad one saves nothing. */
  for (guint i = 0; ok && i < ITOGI_MONTHS; i++)
    if (!parse_field (e, e->months[i], &months[i], &error))
      {
        show_problem (e, e->months[i], itogi_period_name (ITOGI_PERIOD_MONTH, i + 1), error->message);
        ok = FALSE;
      }
  for (guint i = 0; ok && i < ITOGI_QUARTERS; i++)
    if (!parse_field (e, e->quarters[i], &quarters[i], &error))
      {
        show_problem (e, e->quarters[i], itogi_period_name (ITOGI_PERIOD_QUARTER, i + 1), error->message);
        ok = FALSE;
      }
  if (ok && !parse_field (e, e->year_field, &year, &error))
    {
      show_problem (e, e->year_field, _ ("Year"), error->message);
      ok = FALSE;
    }
  if (ok && !parse_date (gtk_editable_get_text (GTK_EDITABLE (e->as_of)), &year.as_of, &error))
    {
      show_problem (e, e->as_of, _ ("As of"), error->message);
      ok = FALSE;
    }
  if (ok)
    {
      g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (e->note))));
      if (*note != '\0')
        year.note = g_steal_pointer (&note);
      if (!year.present && (year.note != NULL || year.as_of != NULL))
        {
          show_problem (e, e->year_field, _ ("Year"),
                        _ ("A note or a date belongs to the year’s figure: enter the figure too."));
          ok = FALSE;
        }
    }
  /* Each period keeps its own note and date. */
  for (guint i = 0; ok && i < ITOGI_MONTHS; i++)
    if (months[i].present && e->stored_months[i].present)
      {
        months[i].note = g_strdup (e->stored_months[i].note);
        months[i].as_of = g_strdup (e->stored_months[i].as_of);
      }
  for (guint i = 0; ok && i < ITOGI_QUARTERS; i++)
    if (quarters[i].present && e->stored_quarters[i].present)
      {
        quarters[i].note = g_strdup (e->stored_quarters[i].note);
        quarters[i].as_of = g_strdup (e->stored_quarters[i].as_of);
      }

  if (ok)
    {
      /* Translators: a history entry: «Изменены месяцы и кварталы: Поступило обращений, 2023 г.» */
      label = g_strdup_printf (_ ("Changed the periods of “%s”, %s"), e->indicator->title, year_text);
      step = itogi_session_begin (e->session, label, &error);
      ok = step != 0;
      for (guint i = 0; ok && i < ITOGI_MONTHS; i++)
        ok = write_period (e, ITOGI_PERIOD_MONTH, i + 1, &e->stored_months[i], &months[i], &error);
      for (guint i = 0; ok && i < ITOGI_QUARTERS; i++)
        ok = write_period (e, ITOGI_PERIOD_QUARTER, i + 1, &e->stored_quarters[i], &quarters[i], &error);
      if (ok)
        ok = write_period (e, ITOGI_PERIOD_YEAR, 0, &e->stored_year, &year, &error);
      if (!ok && step != 0)
        itogi_session_rollback (e->session);
      else if (ok)
        ok = itogi_session_commit (e->session, step, &error);
      if (!ok)
        /* Nothing was written; everything typed stays for another try. */
        show_problem (e, NULL, NULL, error->message);
    }
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    itogi_value_clear (&months[i]);
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    itogi_value_clear (&quarters[i]);
  if (!ok)
    return FALSE;
  if (e->saved != NULL)
    e->saved (step, e->data);
  gtk_window_destroy (GTK_WINDOW (editor));
  return TRUE;
}

static GtkWidget *
period_field (Editor *e, const char *name, const ItogiValue *stored)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = shown (e, stored);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0f);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_widget_add_css_class (entry, "numeric");
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
  if (field != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                    -1);
  return label;
}

/* The indicator's own history, newest first: what each figure was and became, who and when. */
static GtkWidget *
history_group (Editor *e, GError **error)
{
  g_autoptr (GPtrArray) changes = itogi_store_list_value_changes (e->store, e->indicator->id, 100, error);
  GtkWidget *group, *list;

  if (changes == NULL)
    return NULL;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ ("Changes to This Indicator"));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Changes to This Indicator"), -1);
  if (changes->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("No changes yet: the figures are as they were loaded."));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
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
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return group;
}

/* Fields may still signal while they are taken down: ignore them. */
static void
on_destroy (Editor *e)
{
  e->closing = TRUE;
}

static void
on_save (GtkWidget *editor)
{
  itogi_period_editor_save (editor);
}

GtkWidget *
itogi_period_editor_new (GtkWindow *parent, ItogiSession *session, const ItogiIndicator *indicator, int year,
                         ItogiPeriodEditorSaved saved, gpointer data, GDestroyNotify destroy, GError **error)
{
  Editor *e = g_new0 (Editor, 1);
  g_autofree char *year_text = itogi_format_year (year);
  g_autofree char *title = NULL;
  GtkWidget *window, *box, *ok, *scroller, *clamp, *content, *grid, *heading;
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
      || !itogi_store_get_year_value (e->store, indicator, year, &entered, error))
    {
      editor_free (e);
      return NULL;
    }
  if (entered.present && !entered.derived)
    itogi_value_copy (&e->stored_year, &entered);

  /* Translators: the period editor's title: «Поступило обращений, 2023 г.» */
  title = g_strdup_printf (_ ("%s, %s"), indicator->title, year_text);
  window = itogi_dialog_new (parent, title, 760, 640, _ ("_Save"), &box, &ok);
  g_object_set_data_full (G_OBJECT (window), "itogi-period-editor", e, (GDestroyNotify)editor_free);
  itogi_dialog_set_subtitle (window, _ ("Months, Quarters and Note"), title);
  g_signal_connect_swapped (ok, "clicked", G_CALLBACK (on_save), window);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (on_destroy), e);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);

  e->message = itogi_dialog_message_new ();
  gtk_box_append (GTK_BOX (content), e->message);

  heading = gtk_label_new (indicator->aggregation == ITOGI_AGGREGATION_SUM
                               ? _ ("The year is the sum of its months (or of its quarters).")
                               : _ ("The year is its last period’s figure."));
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_box_append (GTK_BOX (content), heading);

  /* Four rows, one per quarter: its three months, then the quarter itself. */
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint q = 0; q < ITOGI_QUARTERS; q++)
    {
      for (guint m = 0; m < 3; m++)
        {
          guint month = q * 3 + m;
          const char *name = itogi_period_name (ITOGI_PERIOD_MONTH, month + 1);
          e->months[month] = period_field (e, name, &e->stored_months[month]);
          gtk_widget_set_hexpand (e->months[month], TRUE);
          gtk_grid_attach (GTK_GRID (grid), caption (name, e->months[month]), m, q * 2, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), e->months[month], m, q * 2 + 1, 1, 1);
        }
      {
        const char *name = itogi_period_name (ITOGI_PERIOD_QUARTER, q + 1);
        e->quarters[q] = period_field (e, name, &e->stored_quarters[q]);
        gtk_widget_set_hexpand (e->quarters[q], TRUE);
        gtk_widget_set_margin_start (e->quarters[q], 12);
        gtk_grid_attach (GTK_GRID (grid), caption (name, e->quarters[q]), 3, q * 2, 1, 1);
        gtk_widget_set_margin_start (gtk_grid_get_child_at (GTK_GRID (grid), 3, q * 2), 12);
        gtk_grid_attach (GTK_GRID (grid), e->quarters[q], 3, q * 2 + 1, 1, 1);
      }
    }
  gtk_box_append (GTK_BOX (content), grid);

  e->total = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (e->total), TRUE);
  gtk_label_set_xalign (GTK_LABEL (e->total), 0);
  gtk_widget_add_css_class (e->total, "heading");
  gtk_box_append (GTK_BOX (content), e->total);

  {
    GtkWidget *year_grid = gtk_grid_new ();
    const char *year_caption = _ ("The year typed whole (leave empty to use the periods)");
    gtk_grid_set_row_spacing (GTK_GRID (year_grid), 6);
    gtk_grid_set_column_spacing (GTK_GRID (year_grid), 12);
    static const ItogiQualifier qualifiers[]
        = { ITOGI_QUALIFIER_EXACT, ITOGI_QUALIFIER_MORE,  ITOGI_QUALIFIER_OVER,
            ITOGI_QUALIFIER_ORDER, ITOGI_QUALIFIER_ABOUT, ITOGI_QUALIFIER_LESS };
    g_autoptr (GtkStringList) words = gtk_string_list_new (NULL);
    GtkWidget *year_label;

    e->year_field = period_field (e, year_caption, &e->stored_year);
    year_label = caption (year_caption, e->year_field);
    gtk_label_set_wrap (GTK_LABEL (year_label), TRUE);
    gtk_grid_attach (GTK_GRID (year_grid), year_label, 0, 0, 1, 1);
    gtk_grid_attach (GTK_GRID (year_grid), e->year_field, 0, 1, 1, 1);
    /* The report's words for figures that are not exact: chosen here, or typed in the figure. */
    for (guint i = 0; i < G_N_ELEMENTS (qualifiers); i++)
      gtk_string_list_append (words, qualifiers[i] == ITOGI_QUALIFIER_EXACT
                                         ? _ ("exactly")
                                         : itogi_qualifier_word (qualifiers[i]));
    e->qualifier = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (words)), NULL);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (e->qualifier), (guint)e->stored_year.qualifier);
    gtk_widget_set_valign (e->qualifier, GTK_ALIGN_CENTER);
    gtk_grid_attach (GTK_GRID (year_grid), caption (_ ("How exact"), e->qualifier), 1, 0, 1, 1);
    gtk_grid_attach (GTK_GRID (year_grid), e->qualifier, 1, 1, 1, 1);
    g_signal_connect_swapped (e->qualifier, "notify::selected", G_CALLBACK (on_qualifier_chosen), e);
    g_signal_connect_swapped (e->year_field, "changed", G_CALLBACK (on_year_typed), e);
    {
      g_autofree char *date = date_shown (e->stored_year.as_of);
      e->as_of = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (e->as_of), date);
      gtk_entry_set_placeholder_text (GTK_ENTRY (e->as_of), _ ("dd.mm.yyyy"));
      gtk_editable_set_width_chars (GTK_EDITABLE (e->as_of), 12);
      gtk_grid_attach (GTK_GRID (year_grid), caption (_ ("As of"), e->as_of), 2, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (year_grid), e->as_of, 2, 1, 1, 1);
    }
    e->warning = gtk_label_new (NULL);
    gtk_label_set_wrap (GTK_LABEL (e->warning), TRUE);
    gtk_label_set_xalign (GTK_LABEL (e->warning), 0);
    gtk_widget_add_css_class (e->warning, "warning");
    gtk_widget_set_visible (e->warning, FALSE);
    gtk_grid_attach (GTK_GRID (year_grid), e->warning, 0, 2, 3, 1);

    e->note = gtk_entry_new ();
    gtk_editable_set_text (GTK_EDITABLE (e->note), e->stored_year.note != NULL ? e->stored_year.note : "");
    gtk_entry_set_placeholder_text (GTK_ENTRY (e->note),
                                    _ ("For example: some services went to the Social Fund"));
    gtk_widget_set_hexpand (e->note, TRUE);
    gtk_grid_attach (GTK_GRID (year_grid), caption (_ ("Note on the year’s figure"), e->note), 0, 3, 3, 1);
    gtk_grid_attach (GTK_GRID (year_grid), e->note, 0, 4, 3, 1);
    gtk_box_append (GTK_BOX (content), year_grid);
  }
  {
    GtkWidget *history = history_group (e, error);
    if (history == NULL)
      {
        gtk_window_destroy (GTK_WINDOW (window));
        return NULL;
      }
    gtk_widget_set_margin_top (history, 12);
    gtk_box_append (GTK_BOX (content), history);
  }

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);

  hold_widgets (e, TRUE);
  update_total (e);
  /* Escape, Cancel or closing the window with figures typed and not saved asks first. */
  itogi_dialog_guard (window, _ ("Discard the Typed Figures?"),
                      _ ("The figures typed here are not saved yet. Those already saved stay as they are."),
                      _ ("_Save"), itogi_period_editor_save);
  for (guint i = 0; i < ITOGI_MONTHS; i++)
    itogi_dialog_watch (window, e->months[i]);
  for (guint i = 0; i < ITOGI_QUARTERS; i++)
    itogi_dialog_watch (window, e->quarters[i]);
  itogi_dialog_watch (window, e->year_field);
  itogi_dialog_watch (window, e->qualifier);
  itogi_dialog_watch (window, e->as_of);
  itogi_dialog_watch (window, e->note);
  gtk_widget_grab_focus (e->months[0]);
  return window;
}

GtkWidget *
itogi_period_editor_get_field (GtkWidget *editor, ItogiPeriodType period, guint index)
{
  Editor *e = get (editor);

  if (period == ITOGI_PERIOD_MONTH && index >= 1 && index <= ITOGI_MONTHS)
    return e->months[index - 1];
  if (period == ITOGI_PERIOD_QUARTER && index >= 1 && index <= ITOGI_QUARTERS)
    return e->quarters[index - 1];
  return e->year_field;
}

GtkWidget *
itogi_period_editor_get_note (GtkWidget *editor)
{
  return get (editor)->note;
}

GtkWidget *
itogi_period_editor_get_as_of (GtkWidget *editor)
{
  return get (editor)->as_of;
}

const char *
itogi_period_editor_get_total (GtkWidget *editor)
{
  return gtk_label_get_text (GTK_LABEL (get (editor)->total));
}

const char *
itogi_period_editor_get_warning (GtkWidget *editor)
{
  Editor *e = get (editor);
  return gtk_widget_get_visible (e->warning) ? gtk_label_get_text (GTK_LABEL (e->warning)) : NULL;
}

void
itogi_period_editor_choose_qualifier (GtkWidget *editor, ItogiQualifier qualifier)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get (editor)->qualifier), (guint)qualifier);
}
