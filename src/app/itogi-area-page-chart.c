/* itogi-area-page-chart.c: the chart under an area page's table: its kind, its files, the clipboard
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-area-page-private.h"
#include "itogi-chart-export.h"
#include "itogi-chart-size-dialog.h"

/* The sizes and formats a chart is saved in, as the one table lists them, above «Copy Image». */
void
_itogi_area_page_fill_export_menu (GMenu *menu)
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
void
_itogi_area_page_fill_kinds (GtkDropDown *dropdown)
{
  guint n_kinds;
  const ItogiChartKindInfo *kinds = itogi_chart_kinds (&n_kinds);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (labels, itogi_chart_kind_label (&kinds[i]));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
}

ItogiChartKind
_itogi_area_page_selected_kind (ItogiAreaPage *self)
{
  guint pos = gtk_drop_down_get_selected (self->kind_dropdown), n_kinds;
  const ItogiChartKindInfo *kinds = itogi_chart_kinds (&n_kinds);

  return pos < n_kinds ? kinds[pos].kind : ITOGI_CHART_AUTO;
}

static ItogiChartModel *
build_chart_model (ItogiAreaPage *self, GError **error)
{
  return itogi_chart_model_new_for_area (self->store, self->area != NULL ? self->area->slug : NULL,
                                         _itogi_area_page_selected_kind (self), self->year,
                                         self->compare_year, error);
}

/* One chart of every indicator of a large office (thousands of panels) cannot be read, and
 * drawing it would hold the window up: there the Overview says where the charts are. */

gboolean
_itogi_area_page_too_many_to_chart (ItogiAreaPage *self, guint rows)
{
  return self->area == NULL && rows > OVERVIEW_CHART_MAX;
}

/* The chart of the rows shown (@model NULL: none, for @error, or too many rows). */
void
_itogi_area_page_show_chart (ItogiAreaPage *self, ItogiChartModel *model, gboolean too_many,
                             const GError *error)
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
        _itogi_area_page_show_toast (self, error->message);
      return;
    }
  itogi_chart_view_set_model (self->chart_view, model);
  gtk_widget_set_visible (self->chart_box, model->items->len > 0);
  itogi_chart_view_set_selected (self->chart_view,
                                 itogi_indicator_table_get_selected (ITOGI_INDICATOR_TABLE (self->table)));
}

void
_itogi_area_page_reload_chart (ItogiAreaPage *self)
{
  g_autoptr (GError) error = NULL;
  gboolean too_many;

  if (self->year == 0)
    return;
  too_many = _itogi_area_page_too_many_to_chart (
      self, itogi_indicator_table_get_n_rows (ITOGI_INDICATOR_TABLE (self->table)));
  _itogi_area_page_show_chart (self, too_many ? NULL : build_chart_model (self, &error), too_many, error);
}

void
_itogi_area_page_on_chart_item (ItogiAreaPage *self, int item)
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
          _itogi_area_page_show_toast (job->page, message);
        }
      else
        _itogi_area_page_show_toast (job->page,
                                     error != NULL ? error->message : _ ("The chart could not be saved."));
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

/* The chart's format, kept while the size is asked for. */
typedef struct
{
  ItogiAreaPage *page; /* a reference */
  ItogiChartFormat format;
} SizeAsked;

static void
size_asked_free (gpointer data, GClosure *closure)
{
  SizeAsked *asked = data;

  g_object_unref (asked->page);
  g_free (asked);
}

static void
on_size_chosen (ItogiChartSizeDialog *dialog, double width, double height, SizeAsked *asked)
{
  choose_file (asked->page, asked->format, width, height, 0);
}

static void
ask_size (ItogiAreaPage *self, ItogiChartFormat format)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  const ItogiChartFormatInfo *info = itogi_chart_format_info (format);
  ItogiChartSizeDialog *dialog = itogi_chart_size_dialog_new (GTK_WINDOW (window), info->width, info->height);
  SizeAsked *asked = g_new0 (SizeAsked, 1);

  asked->page = g_object_ref (self);
  asked->format = format;
  g_signal_connect_data (dialog, "chosen", G_CALLBACK (on_size_chosen), asked, size_asked_free, 0);
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
      _itogi_area_page_show_toast (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  _itogi_area_page_show_toast (self, _ ("Chart copied"));
}
void
_itogi_area_page_class_chart_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_action);
}
