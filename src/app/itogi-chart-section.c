/* itogi-chart-section.c: a page's chart with its kind, its files and the clipboard
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-a11y.h"
#include "itogi-chart-export.h"
#include "itogi-chart-section.h"
#include "itogi-chart-size-dialog.h"
#include "itogi-tooltip.h"

struct _ItogiChartSection
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *chart_header;
  GtkDropDown *kind_dropdown;
  GtkMenuButton *export_button;
  GMenu *export_menu;
  ItogiChartView *chart_view;

  /* What a file or the clipboard gets: the area's chart (every area's, slug NULL) of the years. */
  ItogiStore *store;
  char *area_slug;
  char *title; /* the file name's first words: «Контроль документов» */
  int year;
  int compare_year;
};

enum
{
  SIGNAL_KIND_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ItogiChartSection, itogi_chart_section, GTK_TYPE_WIDGET)

static void
show_toast (ItogiChartSection *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      /* Toast titles are markup in libadwaita 1.2: a file name with «&» must not vanish. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
}

ItogiChartKind
itogi_chart_section_get_kind (ItogiChartSection *self)
{
  guint pos, n_kinds;
  const ItogiChartKindInfo *kinds = itogi_chart_kinds (&n_kinds);

  g_return_val_if_fail (ITOGI_IS_CHART_SECTION (self), ITOGI_CHART_AUTO);
  pos = gtk_drop_down_get_selected (self->kind_dropdown);
  return pos < n_kinds ? kinds[pos].kind : ITOGI_CHART_AUTO;
}

ItogiChartView *
itogi_chart_section_get_view (ItogiChartSection *self)
{
  g_return_val_if_fail (ITOGI_IS_CHART_SECTION (self), NULL);
  return self->chart_view;
}

void
itogi_chart_section_set_source (ItogiChartSection *self, ItogiStore *store, const char *area_slug,
                                const char *title, int year, int compare_year)
{
  g_return_if_fail (ITOGI_IS_CHART_SECTION (self));
  self->store = store;
  g_free (self->area_slug);
  self->area_slug = g_strdup (area_slug);
  g_free (self->title);
  self->title = g_strdup (title);
  self->year = year;
  self->compare_year = compare_year;
}

void
itogi_chart_section_set_compact (ItogiChartSection *self, gboolean compact)
{
  g_return_if_fail (ITOGI_IS_CHART_SECTION (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->chart_header),
                                  compact ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

static ItogiChartModel *
build_model (ItogiChartSection *self, GError **error)
{
  if (self->store == NULL || self->year == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _ ("The chart could not be saved."));
      return NULL;
    }
  return itogi_chart_model_new_for_area (self->store, self->area_slug, itogi_chart_section_get_kind (self),
                                         self->year, self->compare_year, error);
}

typedef struct
{
  ItogiChartSection *section; /* a reference */
  ItogiChartFormat format;
  double width, height, dpi;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->section);
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
      model = build_model (job->section, &error);
      if (model != NULL && path != NULL
          && itogi_chart_export_file (model, job->format, job->width, job->height, job->dpi, path, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_ ("Chart saved as “%s”"), name);
          show_toast (job->section, message);
        }
      else
        show_toast (job->section, error != NULL ? error->message : _ ("The chart could not be saved."));
    }
  export_job_free (job);
  g_object_unref (chooser);
}

static void
choose_file (ItogiChartSection *self, ItogiChartFormat format, double width, double height, double dpi)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Export Chart"), GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  ExportJob *job = g_new0 (ExportJob, 1);
  g_autofree char *name = NULL;

  job->section = g_object_ref (self);
  job->format = format;
  job->width = width;
  job->height = height;
  job->dpi = dpi;
  /* «Контроль документов 2023.png» */
  name = g_strdup_printf ("%s %d.%s", self->title != NULL ? self->title : "", self->year,
                          itogi_chart_format_info (format)->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The chart's format, kept while the size is asked for. */
typedef struct
{
  ItogiChartSection *section; /* a reference */
  ItogiChartFormat format;
} SizeAsked;

static void
size_asked_free (gpointer data, GClosure *closure)
{
  SizeAsked *asked = data;

  g_object_unref (asked->section);
  g_free (asked);
}

static void
on_size_chosen (ItogiChartSizeDialog *dialog, double width, double height, SizeAsked *asked)
{
  choose_file (asked->section, asked->format, width, height, 0);
}

static void
ask_size (ItogiChartSection *self, ItogiChartFormat format)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  const ItogiChartFormatInfo *info = itogi_chart_format_info (format);
  ItogiChartSizeDialog *dialog = itogi_chart_size_dialog_new (GTK_WINDOW (window), info->width, info->height);
  SizeAsked *asked = g_new0 (SizeAsked, 1);

  asked->section = g_object_ref (self);
  asked->format = format;
  g_signal_connect_data (dialog, "chosen", G_CALLBACK (on_size_chosen), asked, size_asked_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiChartSection *self = ITOGI_CHART_SECTION (widget);
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
  ItogiChartSection *self = ITOGI_CHART_SECTION (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiChartModel) model = build_model (self, &error);
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

/* The export menu's widgets, made when it is first opened: every page has a chart section, and a
 * menu made from its model with the section was ~1 ms of each page's making. */
static void
make_export_menu (GtkMenuButton *button, gpointer data)
{
  ItogiChartSection *self = data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->export_menu));
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

static void
on_kind_selected (ItogiChartSection *self)
{
  g_signal_emit (self, signals[SIGNAL_KIND_CHANGED], 0);
}

static void
itogi_chart_section_dispose (GObject *object)
{
  ItogiChartSection *self = ITOGI_CHART_SECTION (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (itogi_chart_section_parent_class)->dispose (object);
}

static void
itogi_chart_section_finalize (GObject *object)
{
  ItogiChartSection *self = ITOGI_CHART_SECTION (object);

  g_free (self->area_slug);
  g_free (self->title);
  G_OBJECT_CLASS (itogi_chart_section_parent_class)->finalize (object);
}

static void
itogi_chart_section_class_init (ItogiChartSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = itogi_chart_section_dispose;
  object_class->finalize = itogi_chart_section_finalize;
  /* Another kind of chart was chosen: the page draws it. */
  signals[SIGNAL_KIND_CHANGED] = g_signal_new ("kind-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-chart-section.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSection, box);
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSection, chart_header);
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSection, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSection, export_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSection, export_menu);
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSection, chart_view);
  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_action);
}

static void
itogi_chart_section_init (ItogiChartSection *self)
{
  g_type_ensure (ITOGI_TYPE_CHART_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_kinds (self->kind_dropdown);
  fill_export_menu (self->export_menu);
  gtk_menu_button_set_create_popup_func (self->export_button, make_export_menu, self, NULL);
  /* Given here, not in the template: itogi-tooltip.h says why. */
  itogi_tooltip_set (GTK_WIDGET (self->kind_dropdown), _ ("Kind of chart"));
  itogi_tooltip_set (GTK_WIDGET (self->export_button),
                     _ ("Save the chart as a picture for the report, in print colours"));
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), self);
  itogi_a11y_mend_tree (GTK_WIDGET (self));
}
