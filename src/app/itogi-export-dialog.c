/* itogi-export-dialog.c: "Export to Excel…": years, areas and format, then a file
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-a11y.h"
#include "itogi-export-dialog.h"
#include "itogi-format.h"

struct _ItogiExportDialog
{
  AdwMessageDialog parent_instance;

  GtkDropDown *year;
  GtkDropDown *compare;
  GtkDropDown *format;
  GtkListBox *areas_list;

  GArray *years;     /* offered years, newest first */
  GPtrArray *checks; /* GtkCheckButton, one per area */
  GPtrArray *slugs;  /* the areas' slugs, beside their check buttons */

  /* The choice, kept when the dialog has closed and the file chooser asks. */
  ItogiExportOptions options;
  GStrv chosen_areas;
  const ItogiTableFormat *chosen_format;
};

enum
{
  SIGNAL_CHOSEN,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ItogiExportDialog, itogi_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

static int
selected_year (ItogiExportDialog *self, GtkDropDown *dropdown)
{
  guint pos = gtk_drop_down_get_selected (dropdown);
  return pos < self->years->len ? g_array_index (self->years, int, pos) : 0;
}

static const ItogiTableFormat *
selected_format (ItogiExportDialog *self)
{
  guint n_formats, pos = gtk_drop_down_get_selected (self->format);
  const ItogiTableFormat *formats = itogi_table_formats (&n_formats);

  return pos < n_formats ? &formats[pos] : &formats[0];
}

static void
on_file_chosen (GtkNativeDialog *chooser, int response, ItogiExportDialog *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, file);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_response (ItogiExportDialog *self, const char *response)
{
  g_autoptr (GStrvBuilder) areas = g_strv_builder_new ();
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "export") != 0)
    return;
  /* The dialog closes now; its choice stays until the file is named. */
  self->options.year = selected_year (self, self->year);
  self->options.compare_year = selected_year (self, self->compare);
  self->chosen_format = selected_format (self);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      g_strv_builder_add (areas, self->slugs->pdata[i]);
  g_strfreev (self->chosen_areas);
  self->chosen_areas = g_strv_builder_end (areas);
  self->options.areas = (const char *const *)self->chosen_areas;

  chooser = gtk_file_chooser_native_new (_ ("Export to Excel"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _ ("_Export"), _ ("_Cancel"));
  /* «Итоги 2023 к 2022.xlsx» */
  name
      = itogi_export_suggest_name (self->options.year, self->options.compare_year, self->chosen_format->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export is possible only with two different years and at least one area. */
static void
update_sensitivity (ItogiExportDialog *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->checks->len; i++)
    any |= gtk_check_button_get_active (self->checks->pdata[i]);
  adw_message_dialog_set_response_enabled (
      ADW_MESSAGE_DIALOG (self), "export",
      any && selected_year (self, self->year) != selected_year (self, self->compare));
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  return *(const int *)b - *(const int *)a;
}

/* The years with figures, and the two being compared, newest first. */
static void
offer_years (ItogiExportDialog *self, ItogiStore *store, int year, int compare_year)
{
  g_autoptr (GArray) stored = itogi_store_list_years (store, NULL);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  const int wanted[] = { year, compare_year };

  for (guint i = 0; stored != NULL && i < stored->len; i++)
    g_array_append_val (self->years, g_array_index (stored, int, i));
  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      gboolean seen = FALSE;
      for (guint i = 0; i < self->years->len; i++)
        seen |= g_array_index (self->years, int, i) == wanted[w];
      if (!seen)
        g_array_append_val (self->years, wanted[w]);
    }
  g_array_sort (self->years, newest_first);
  for (guint i = 0; i < self->years->len; i++)
    {
      g_autofree char *label = itogi_format_year (g_array_index (self->years, int, i));
      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->year, G_LIST_MODEL (labels));
  gtk_drop_down_set_model (self->compare, G_LIST_MODEL (labels));
  for (guint i = 0; i < self->years->len; i++)
    {
      if (g_array_index (self->years, int, i) == year)
        gtk_drop_down_set_selected (self->year, i);
      if (g_array_index (self->years, int, i) == compare_year)
        gtk_drop_down_set_selected (self->compare, i);
    }
}

static void
offer_areas (ItogiExportDialog *self, ItogiStore *store)
{
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, NULL);

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      ItogiArea *area = areas->pdata[i];
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *row = adw_action_row_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      itogi_a11y_set_name (check, area->short_title);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_sensitivity), self);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->slugs, g_strdup (area->slug));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), area->short_title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->areas_list, row);
    }
}

static void
offer_formats (ItogiExportDialog *self)
{
  guint n_formats;
  const ItogiTableFormat *formats = itogi_table_formats (&n_formats);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_formats; i++)
    gtk_string_list_append (labels, itogi_table_format_label (&formats[i]));
  gtk_drop_down_set_model (self->format, G_LIST_MODEL (labels));
}

ItogiExportDialog *
itogi_export_dialog_new (GtkWindow *parent, ItogiStore *store, int year, int compare_year)
{
  ItogiExportDialog *self
      = g_object_new (ITOGI_TYPE_EXPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  offer_years (self, store, year, compare_year);
  offer_areas (self, store);
  update_sensitivity (self);
  return self;
}

const ItogiTableFormat *
itogi_export_dialog_get_choice (ItogiExportDialog *self, ItogiExportOptions *options)
{
  g_return_val_if_fail (ITOGI_IS_EXPORT_DIALOG (self), NULL);
  *options = self->options;
  return self->chosen_format;
}

static void
itogi_export_dialog_finalize (GObject *object)
{
  ItogiExportDialog *self = ITOGI_EXPORT_DIALOG (object);

  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->slugs, g_ptr_array_unref);
  g_clear_pointer (&self->chosen_areas, g_strfreev);
  G_OBJECT_CLASS (itogi_export_dialog_parent_class)->finalize (object);
}

static void
itogi_export_dialog_class_init (ItogiExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = itogi_export_dialog_finalize;
  /* The person has chosen and named the file (a GFile): the one to write. */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiExportDialog, year);
  gtk_widget_class_bind_template_child (widget_class, ItogiExportDialog, compare);
  gtk_widget_class_bind_template_child (widget_class, ItogiExportDialog, format);
  gtk_widget_class_bind_template_child (widget_class, ItogiExportDialog, areas_list);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
  gtk_widget_class_bind_template_callback (widget_class, update_sensitivity);
}

static void
itogi_export_dialog_init (ItogiExportDialog *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->checks = g_ptr_array_new ();
  self->slugs = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  offer_formats (self);
  itogi_a11y_mend_tree (GTK_WIDGET (self));
}
