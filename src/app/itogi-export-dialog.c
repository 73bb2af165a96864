/* itogi-export-dialog.c: "Export to Excel…": years, areas, format, then a file, in a worker thread
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-export-dialog.h"
#include "itogi-format.h"
#include "itogi-window.h"
#include "itogi-xlsx.h"

typedef struct
{
  GtkWindow *parent;
  AdwToastOverlay *toasts;
  ItogiStore *store;
  GArray *years; /* offered years, newest first */
  GtkDropDown *year;
  GtkDropDown *compare;
  GtkDropDown *format;
  GPtrArray *checks; /* GtkCheckButton, one per area, with "slug" data */
  GtkWidget *dialog;
} ExportUi;

/* What was chosen in the dialog, until the file chooser answers. */
typedef struct
{
  GtkWindow *parent; /* a reference */
  AdwToastOverlay *toasts;
  ItogiExportOptions options;
  GStrv areas;
  gboolean csv;
} ExportJob;

static void
export_ui_free (ExportUi *ui)
{
  g_clear_pointer (&ui->years, g_array_unref);
  g_clear_pointer (&ui->checks, g_ptr_array_unref);
  g_clear_object (&ui->toasts);
  g_free (ui);
}

static void
export_job_free (ExportJob *job)
{
  g_strfreev (job->areas);
  g_clear_object (&job->toasts);
  g_clear_object (&job->parent);
  g_free (job);
}

static void
on_file_chosen (GtkNativeDialog *chooser, int response, ExportJob *job)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL && ITOGI_IS_WINDOW (job->parent))
    {
      /* Written beside the window, its step and Cancel under the header. */
      job->options.areas = (const char *const *)job->areas;
      if (!itogi_window_export_to (ITOGI_WINDOW (job->parent), &job->options, job->csv, path, &error))
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);
          adw_toast_overlay_add_toast (job->toasts, adw_toast_new (escaped));
        }
    }
  export_job_free (job);
  g_object_unref (chooser);
}

static int
selected_year (ExportUi *ui, GtkDropDown *dropdown)
{
  guint pos = gtk_drop_down_get_selected (dropdown);
  return pos < ui->years->len ? g_array_index (ui->years, int, pos) : 0;
}

static void
on_response (AdwMessageDialog *dialog, const char *response, ExportUi *ui)
{
  ExportJob *job;
  g_autoptr (GStrvBuilder) areas = g_strv_builder_new ();
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "export") != 0)
    {
      export_ui_free (ui);
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->parent = g_object_ref (ui->parent);
  job->toasts = g_object_ref (ui->toasts);
  job->options.year = selected_year (ui, ui->year);
  job->options.compare_year = selected_year (ui, ui->compare);
  job->csv = gtk_drop_down_get_selected (ui->format) == 1;
  for (guint i = 0; i < ui->checks->len; i++)
    if (gtk_check_button_get_active (ui->checks->pdata[i]))
      g_strv_builder_add (areas, g_object_get_data (ui->checks->pdata[i], "slug"));
  job->areas = g_strv_builder_end (areas);

  chooser = gtk_file_chooser_native_new (_ ("Export to Excel"), ui->parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _ ("_Export"), _ ("_Cancel"));
  /* «Итоги 2023 к 2022.xlsx» */
  name = itogi_export_suggest_name (job->options.year, job->options.compare_year, job->csv ? "csv" : "xlsx");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  export_ui_free (ui);
}

/* Export is possible only with two different years and at least one area. */
static void
update_sensitivity (ExportUi *ui)
{
  gboolean any = FALSE;

  for (guint i = 0; i < ui->checks->len; i++)
    any |= gtk_check_button_get_active (ui->checks->pdata[i]);
  adw_message_dialog_set_response_enabled (
      ADW_MESSAGE_DIALOG (ui->dialog), "export",
      any && selected_year (ui, ui->year) != selected_year (ui, ui->compare));
}

static GtkWidget *
labelled (const char *label, GtkWidget *widget)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  return row;
}

GtkWidget *
itogi_export_dialog_show (GtkWindow *parent, AdwToastOverlay *toasts, ItogiStore *store, int year,
                          int compare_year)
{
  ExportUi *ui = g_new0 (ExportUi, 1);
  g_autoptr (GArray) stored = itogi_store_list_years (store, NULL);
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, NULL);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *years_list = gtk_list_box_new (), *areas_list = gtk_list_box_new ();
  const char *formats[] = { _ ("Excel workbook (.xlsx)"), _ ("CSV table (.csv)"), NULL };

  ui->parent = parent;
  ui->toasts = g_object_ref (toasts);
  ui->store = store;
  ui->years = g_array_new (FALSE, FALSE, sizeof (int));
  ui->checks = g_ptr_array_new ();

  /* The years with figures, and the two being compared, newest first. */
  for (guint i = 0; stored != NULL && i < stored->len; i++)
    g_array_append_val (ui->years, g_array_index (stored, int, i));
  for (int extra = 0; extra < 2; extra++)
    {
      int y = extra == 0 ? year : compare_year;
      gboolean seen = FALSE;
      for (guint i = 0; i < ui->years->len; i++)
        seen |= g_array_index (ui->years, int, i) == y;
      if (!seen)
        g_array_append_val (ui->years, y);
    }
  for (guint i = 0; i < ui->years->len; i++)
    for (guint j = i + 1; j < ui->years->len; j++)
      if (g_array_index (ui->years, int, j) > g_array_index (ui->years, int, i))
        {
          int t = g_array_index (ui->years, int, i);
          g_array_index (ui->years, int, i) = g_array_index (ui->years, int, j);
          g_array_index (ui->years, int, j) = t;
        }
  for (guint i = 0; i < ui->years->len; i++)
    {
      g_autofree char *label = itogi_format_year (g_array_index (ui->years, int, i));
      gtk_string_list_append (labels, label);
    }

  ui->year = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (labels)), NULL));
  ui->compare = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (labels)), NULL));
  ui->format = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (formats));
  for (guint i = 0; i < ui->years->len; i++)
    {
      if (g_array_index (ui->years, int, i) == year)
        gtk_drop_down_set_selected (ui->year, i);
      if (g_array_index (ui->years, int, i) == compare_year)
        gtk_drop_down_set_selected (ui->compare, i);
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (years_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (years_list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (years_list), labelled (_ ("_Report year"), GTK_WIDGET (ui->year)));
  gtk_list_box_append (GTK_LIST_BOX (years_list),
                       labelled (_ ("C_omparison year"), GTK_WIDGET (ui->compare)));
  gtk_list_box_append (GTK_LIST_BOX (years_list), labelled (_ ("_Format"), GTK_WIDGET (ui->format)));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (areas_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (areas_list, "boxed-list");
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      ItogiArea *area = areas->pdata[i];
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data_full (G_OBJECT (check), "slug", g_strdup (area->slug), g_free);
      g_ptr_array_add (ui->checks, check);
      {
        GtkWidget *row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), area->short_title);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
        gtk_list_box_append (GTK_LIST_BOX (areas_list), row);
      }
    }

  gtk_box_append (GTK_BOX (box), years_list);
  gtk_box_append (GTK_BOX (box), areas_list);
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 520);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
    ui->dialog
        = adw_message_dialog_new (parent, _ ("Export to Excel"),
                                  _ ("The tables of the chosen areas, with a chart for each, for the mayor’s "
                                     "office."));
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (ui->dialog), scroller);
  }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ui->dialog), "cancel", _ ("_Cancel"), "export",
                                    _ ("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ui->dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ui->dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ui->dialog), "cancel");

  g_signal_connect_swapped (ui->year, "notify::selected", G_CALLBACK (update_sensitivity), ui);
  g_signal_connect_swapped (ui->compare, "notify::selected", G_CALLBACK (update_sensitivity), ui);
  for (guint i = 0; i < ui->checks->len; i++)
    g_signal_connect_swapped (ui->checks->pdata[i], "toggled", G_CALLBACK (update_sensitivity), ui);
  g_signal_connect (ui->dialog, "response", G_CALLBACK (on_response), ui);
  update_sensitivity (ui);
  gtk_window_present (GTK_WINDOW (ui->dialog));
  return ui->dialog;
}
