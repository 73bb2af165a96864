/* itogi-indicator-dialog.c: an indicator's title, unit, kind, aggregation and polarity
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-dialog.h"
#include "itogi-indicator-dialog.h"
#include "itogi-narrative.h"

enum
{
  ENTRY_TITLE,
  ENTRY_UNIT,
  ENTRY_ONE,
  ENTRY_FEW,
  ENTRY_MANY,
  ENTRY_SENTENCE,
  N_ENTRIES
};

typedef struct
{
  ItogiIndicator *indicator;
  ItogiIndicatorSave save;
  gpointer data;
  GDestroyNotify destroy;
  GtkWidget *entries[N_ENTRIES];
  GtkWidget *kind;
  GtkWidget *aggregation;
  GtkWidget *polarity;
  GtkWidget *message;
} IndicatorDialog;

static void
indicator_dialog_free (IndicatorDialog *d)
{
  if (d->destroy != NULL)
    d->destroy (d->data);
  itogi_indicator_free (d->indicator);
  g_free (d);
}

static IndicatorDialog *
get (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "itogi-indicator-dialog");
}

static char *
entry_text (IndicatorDialog *d, guint i)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->entries[i]))));
}

gboolean
itogi_indicator_dialog_save (GtkWidget *dialog)
{
  IndicatorDialog *d = get (dialog);
  g_autoptr (ItogiIndicator) ind = itogi_indicator_copy (d->indicator);
  g_autoptr (GError) error = NULL;
  static const ItogiPolarity polarities[]
      = { ITOGI_POLARITY_GOOD, ITOGI_POLARITY_BAD, ITOGI_POLARITY_NEUTRAL };

  for (guint i = 0; i < N_ENTRIES; i++)
    gtk_widget_remove_css_class (d->entries[i], "error");
  g_free (ind->title);
  ind->title = entry_text (d, ENTRY_TITLE);
  g_free (ind->unit);
  ind->unit = entry_text (d, ENTRY_UNIT);
  for (guint i = 0; i < 3; i++)
    {
      g_free (ind->forms[i]);
      ind->forms[i] = entry_text (d, ENTRY_ONE + i);
    }
  g_free (ind->sentence);
  ind->sentence = entry_text (d, ENTRY_SENTENCE);
  if (*ind->sentence == '\0')
    g_clear_pointer (&ind->sentence, g_free);
  ind->kind = (ItogiKind)adw_combo_row_get_selected (ADW_COMBO_ROW (d->kind));
  ind->aggregation = (ItogiAggregation)adw_combo_row_get_selected (ADW_COMBO_ROW (d->aggregation));
  ind->polarity = polarities[MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (d->polarity)), 2)];
  if (ind->kind == ITOGI_KIND_MONEY)
    ind->scale = 2;
  else if (ind->kind == ITOGI_KIND_COUNT)
    ind->scale = 0;
  else if (ind->scale == 0)
    ind->scale = 1;

  if (*ind->title == '\0')
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("Give the indicator a title."));
      gtk_widget_add_css_class (d->entries[ENTRY_TITLE], "error");
    }
  else if (g_utf8_strlen (ind->title, -1) > 1000)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("The title is longer than 1 000 characters."));
      gtk_widget_add_css_class (d->entries[ENTRY_TITLE], "error");
    }
  else if ((*ind->forms[0] != '\0' || *ind->forms[1] != '\0' || *ind->forms[2] != '\0')
           && (*ind->forms[0] == '\0' || *ind->forms[1] == '\0' || *ind->forms[2] == '\0'))
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("Give all three forms of the word, or none."));
      for (guint i = ENTRY_ONE; i <= ENTRY_MANY; i++)
        if (gtk_editable_get_text (GTK_EDITABLE (d->entries[i]))[0] == '\0')
          gtk_widget_add_css_class (d->entries[i], "error");
    }
  else if (!itogi_narrative_check_template (ind->sentence, &error))
    gtk_widget_add_css_class (d->entries[ENTRY_SENTENCE], "error");
  if (error == NULL)
    d->save (ind, d->data, &error);
  if (error != NULL)
    {
      itogi_dialog_say (d->message, error->message);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}

GtkWidget *
itogi_indicator_dialog_get_entry (GtkWidget *dialog, guint index)
{
  return index < N_ENTRIES ? get (dialog)->entries[index] : NULL;
}

void
itogi_indicator_dialog_choose (GtkWidget *dialog, const char *what, guint choice)
{
  IndicatorDialog *d = get (dialog);
  GtkWidget *row = g_str_equal (what, "kind")          ? d->kind
                   : g_str_equal (what, "aggregation") ? d->aggregation
                                                       : d->polarity;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice);
}

static void
on_save (GtkWidget *dialog)
{
  itogi_indicator_dialog_save (dialog);
}

static GtkWidget *
entry_row (const char *title, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  return row;
}

static GtkWidget *
combo_row (const char *title, const char *subtitle, const char *const *choices, guint selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (list, _ (choices[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

GtkWidget *
itogi_indicator_dialog_new (GtkWindow *parent, const ItogiIndicator *indicator, ItogiIndicatorSave save,
                            gpointer data, GDestroyNotify destroy)
{
  static const char *const kinds[]
      = { N_ ("Count"), N_ ("Money, roubles and kopecks"), N_ ("Decimal"), N_ ("Percent"), NULL };
  static const char *const aggregations[]
      = { N_ ("The sum of its months (a flow)"), N_ ("Its last month (a stock)"), NULL };
  static const char *const polarities[] = { N_ ("Good"), N_ ("Bad"), N_ ("Neither"), NULL };
  IndicatorDialog *d = g_new0 (IndicatorDialog, 1);
  GtkWidget *box, *ok;
  GtkWidget *window
      = itogi_dialog_new (parent, indicator->id == 0 ? _ ("New Indicator") : _ ("Edit Indicator"), 640, 720,
                          indicator->id == 0 ? _ ("_Add") : _ ("_Save"), &box, &ok);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *what = adw_preferences_group_new ();
  GtkWidget *words = adw_preferences_group_new ();
  GtkWidget *how = adw_preferences_group_new ();
  GtkWidget *report = adw_preferences_group_new ();
  guint polarity = indicator->polarity == ITOGI_POLARITY_GOOD  ? 0
                   : indicator->polarity == ITOGI_POLARITY_BAD ? 1
                                                               : 2;

  d->indicator = itogi_indicator_copy (indicator);
  d->save = save;
  d->data = data;
  d->destroy = destroy;
  g_object_set_data_full (G_OBJECT (window), "itogi-indicator-dialog", d,
                          (GDestroyNotify)indicator_dialog_free);
  g_signal_connect_swapped (ok, "clicked", G_CALLBACK (on_save), window);

  d->message = itogi_dialog_message_new ();
  gtk_widget_set_margin_top (d->message, 12);
  gtk_widget_set_margin_start (d->message, 24);
  gtk_widget_set_margin_end (d->message, 24);
  gtk_box_append (GTK_BOX (box), d->message);

  d->entries[ENTRY_TITLE] = entry_row (_ ("Title"), indicator->title);
  d->entries[ENTRY_UNIT] = entry_row (_ ("Unit, as in the table (ед., чел., руб.)"), indicator->unit);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), d->entries[ENTRY_TITLE]);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), d->entries[ENTRY_UNIT]);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (words), _ ("The Word After a Number"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (words),
                                         _ ("For text such as «6 553 обращения»: the three forms, or none."));
  d->entries[ENTRY_ONE] = entry_row (_ ("After 1, 21, 31… (обращение)"), indicator->forms[0]);
  d->entries[ENTRY_FEW] = entry_row (_ ("After 2–4, 22–24… (обращения)"), indicator->forms[1]);
  d->entries[ENTRY_MANY] = entry_row (_ ("After 5–20, 25–30… (обращений)"), indicator->forms[2]);
  for (guint i = ENTRY_ONE; i <= ENTRY_MANY; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (words), d->entries[i]);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (report), _ ("In the Report"));
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (report),
      _ ("The sentence the report states the figure in. {число} is the figure, {сравнение} the year before "
         "in brackets, {изменение} the change, {год} «2023 года»; {поступил|поступило|поступило} picks the "
         "form for 1, 2–4 and 5; {:} after a lead that indicators in a row share lists them under it, {и} "
         "after a shared subject joins their sentences. Empty: a plain sentence made from the title."));
  d->entries[ENTRY_SENTENCE] = entry_row (_ ("Sentence"), indicator->sentence);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (report), d->entries[ENTRY_SENTENCE]);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (how), _ ("How It Counts"));
  d->kind = combo_row (_ ("Kind of figure"), _ ("Cannot change once the indicator has figures."), kinds,
                       (guint)indicator->kind);
  d->aggregation = combo_row (_ ("The year is"), NULL, aggregations, (guint)indicator->aggregation);
  d->polarity = combo_row (_ ("Growth is"), _ ("Colours the change green or red."), polarities, polarity);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (how), d->kind);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (how), d->aggregation);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (how), d->polarity);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (what));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (words));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (how));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (report));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  itogi_dialog_guard (window, _ ("Discard the Changes?"), _ ("The changes made here are not saved yet."),
                      indicator->id == 0 ? _ ("_Add") : _ ("_Save"), itogi_indicator_dialog_save);
  for (guint i = 0; i < N_ENTRIES; i++)
    itogi_dialog_watch (window, d->entries[i]);
  itogi_dialog_watch (window, d->kind);
  itogi_dialog_watch (window, d->aggregation);
  itogi_dialog_watch (window, d->polarity);
  gtk_widget_grab_focus (d->entries[ENTRY_TITLE]);
  return window;
}
