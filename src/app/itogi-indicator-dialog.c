/* itogi-indicator-dialog.c: an indicator's title, unit, words, kind and sentence
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-indicator-dialog.h"
#include "itogi-narrative.h"

struct _ItogiIndicatorDialog
{
  ItogiDialog parent_instance;

  GtkWidget *title_row;
  GtkWidget *unit_row;
  GtkWidget *one_row;
  GtkWidget *few_row;
  GtkWidget *many_row;
  GtkWidget *sentence_row;
  GtkWidget *kind_row;
  GtkWidget *aggregation_row;
  GtkWidget *polarity_row;

  ItogiIndicator *indicator;
  ItogiIndicatorSave save;
  gpointer data;
  GDestroyNotify destroy;
};

G_DEFINE_FINAL_TYPE (ItogiIndicatorDialog, itogi_indicator_dialog, ITOGI_TYPE_DIALOG)

/* The growth list's rows. */
static const ItogiPolarity polarities[] = { ITOGI_POLARITY_GOOD, ITOGI_POLARITY_BAD, ITOGI_POLARITY_NEUTRAL };

GtkWidget *
itogi_indicator_dialog_get_entry (ItogiIndicatorDialog *self, ItogiIndicatorField field)
{
  GtkWidget *rows[]
      = { self->title_row, self->unit_row, self->one_row, self->few_row, self->many_row, self->sentence_row };

  g_return_val_if_fail (ITOGI_IS_INDICATOR_DIALOG (self), NULL);
  return (guint)field < G_N_ELEMENTS (rows) ? rows[field] : NULL;
}

void
itogi_indicator_dialog_set_kind (ItogiIndicatorDialog *self, ItogiKind kind)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), (guint)kind);
}

void
itogi_indicator_dialog_set_polarity (ItogiIndicatorDialog *self, ItogiPolarity polarity)
{
  for (guint i = 0; i < G_N_ELEMENTS (polarities); i++)
    if (polarities[i] == polarity)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->polarity_row), i);
}

static char *
row_text (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
itogi_indicator_dialog_save (ItogiDialog *dialog, GError **error)
{
  ItogiIndicatorDialog *self = ITOGI_INDICATOR_DIALOG (dialog);
  g_autoptr (ItogiIndicator) ind = itogi_indicator_copy (self->indicator);
  GtkWidget *forms[] = { self->one_row, self->few_row, self->many_row };

  for (ItogiIndicatorField f = 0; f < ITOGI_INDICATOR_N_FIELDS; f++)
    gtk_widget_remove_css_class (itogi_indicator_dialog_get_entry (self, f), "error");
  g_free (ind->title);
  ind->title = row_text (self->title_row);
  g_free (ind->unit);
  ind->unit = row_text (self->unit_row);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_free (ind->forms[i]);
      ind->forms[i] = row_text (forms[i]);
    }
  g_free (ind->sentence);
  ind->sentence = row_text (self->sentence_row);
  if (*ind->sentence == '\0')
    g_clear_pointer (&ind->sentence, g_free);
  ind->kind = (ItogiKind)adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));
  ind->aggregation = (ItogiAggregation)adw_combo_row_get_selected (ADW_COMBO_ROW (self->aggregation_row));
  ind->polarity = polarities[MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->polarity_row)),
                                  G_N_ELEMENTS (polarities) - 1)];
  if (ind->kind == ITOGI_KIND_MONEY)
    ind->scale = 2;
  else if (ind->kind == ITOGI_KIND_COUNT)
    ind->scale = 0;
  else if (ind->scale == 0)
    ind->scale = 1;

  if (*ind->title == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("Give the indicator a title."));
      gtk_widget_add_css_class (self->title_row, "error");
      return FALSE;
    }
  if (g_utf8_strlen (ind->title, -1) > 1000)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("The title is longer than 1 000 characters."));
      gtk_widget_add_css_class (self->title_row, "error");
      return FALSE;
    }
  if ((*ind->forms[0] != '\0' || *ind->forms[1] != '\0' || *ind->forms[2] != '\0')
      && (*ind->forms[0] == '\0' || *ind->forms[1] == '\0' || *ind->forms[2] == '\0'))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("Give all three forms of the word, or none."));
      for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
        if (gtk_editable_get_text (GTK_EDITABLE (forms[i]))[0] == '\0')
          gtk_widget_add_css_class (forms[i], "error");
      return FALSE;
    }
  if (!itogi_narrative_check_template (ind->sentence, error))
    {
      gtk_widget_add_css_class (self->sentence_row, "error");
      return FALSE;
    }
  return self->save (ind, self->data, error);
}

ItogiIndicatorDialog *
itogi_indicator_dialog_new (GtkWindow *parent, const ItogiIndicator *indicator, ItogiIndicatorSave save,
                            gpointer data, GDestroyNotify destroy)
{
  gboolean adding = indicator->id == 0;
  ItogiIndicatorDialog *self = g_object_new (ITOGI_TYPE_INDICATOR_DIALOG, "transient-for", parent, "title",
                                             adding ? _ ("New Indicator") : _ ("Edit Indicator"),
                                             "action-label", adding ? _ ("_Add") : _ ("_Save"), NULL);
  const char *texts[] = { indicator->title,    indicator->unit,     indicator->forms[0],
                          indicator->forms[1], indicator->forms[2], indicator->sentence };

  self->indicator = itogi_indicator_copy (indicator);
  self->save = save;
  self->data = data;
  self->destroy = destroy;
  for (ItogiIndicatorField f = 0; f < ITOGI_INDICATOR_N_FIELDS; f++)
    gtk_editable_set_text (GTK_EDITABLE (itogi_indicator_dialog_get_entry (self, f)),
                           texts[f] != NULL ? texts[f] : "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), (guint)indicator->kind);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->aggregation_row), (guint)indicator->aggregation);
  itogi_indicator_dialog_set_polarity (self, indicator->polarity);
  for (ItogiIndicatorField f = 0; f < ITOGI_INDICATOR_N_FIELDS; f++)
    itogi_dialog_watch (ITOGI_DIALOG (self), itogi_indicator_dialog_get_entry (self, f));
  itogi_dialog_watch (ITOGI_DIALOG (self), self->kind_row);
  itogi_dialog_watch (ITOGI_DIALOG (self), self->aggregation_row);
  itogi_dialog_watch (ITOGI_DIALOG (self), self->polarity_row);
  gtk_widget_grab_focus (self->title_row);
  return self;
}

static void
itogi_indicator_dialog_finalize (GObject *object)
{
  ItogiIndicatorDialog *self = ITOGI_INDICATOR_DIALOG (object);

  if (self->destroy != NULL)
    self->destroy (self->data);
  g_clear_pointer (&self->indicator, itogi_indicator_free);
  G_OBJECT_CLASS (itogi_indicator_dialog_parent_class)->finalize (object);
}

static void
itogi_indicator_dialog_class_init (ItogiIndicatorDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = itogi_indicator_dialog_finalize;
  ITOGI_DIALOG_CLASS (klass)->save = itogi_indicator_dialog_save;
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-indicator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, one_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, few_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, many_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, sentence_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, aggregation_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiIndicatorDialog, polarity_row);
}

static void
itogi_indicator_dialog_init (ItogiIndicatorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
