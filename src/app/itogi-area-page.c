/* itogi-area-page.c: the page of one activity area, and the Overview of all of them
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-area-page.h"
#include "itogi-format.h"
#include "itogi-indicator-table.h"
#include "itogi-table.h"

struct _ItogiAreaPage
{
  GtkWidget parent_instance;

  ItogiStore *store;
  ItogiArea *area; /* NULL on the Overview */
  GtkWidget *table;

  GtkWidget *scroller;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  AdwStatusPage *empty_state;
  GtkBox *table_box;
  GtkWidget *notes_box;
  GtkLabel *notes_heading;
  GtkLabel *notes_label;
  GtkWidget *institutions_box;
  GtkLabel *institutions_heading;
  GtkListBox *institutions_list;
};

G_DEFINE_FINAL_TYPE (ItogiAreaPage, itogi_area_page, GTK_TYPE_WIDGET)

static void
itogi_area_page_dispose (GObject *object)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ITOGI_TYPE_AREA_PAGE);
  g_clear_pointer (&self->area, itogi_area_free);
  G_OBJECT_CLASS (itogi_area_page_parent_class)->dispose (object);
}

static void
itogi_area_page_class_init (ItogiAreaPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_area_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-area-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, empty_state);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, table_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_list);
}

static void
itogi_area_page_init (ItogiAreaPage *self)
{
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
itogi_area_page_new (ItogiStore *store, const ItogiArea *area)
{
  ItogiAreaPage *self = g_object_new (ITOGI_TYPE_AREA_PAGE, NULL);

  self->store = store;
  self->area = area != NULL ? itogi_area_copy (area) : NULL;
  self->table = itogi_indicator_table_new (area == NULL);
  gtk_box_append (self->table_box, self->table);

  if (area != NULL)
    {
      gtk_label_set_text (self->title_label, area->title);
      /* The report's fuller wording, when it says more than the title. */
      gtk_label_set_text (self->subtitle_label, area->description != NULL ? area->description : "");
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                              area->description != NULL && *area->description != '\0'
                                  && g_strcmp0 (area->description, area->title) != 0);
    }
  else
    {
      gtk_label_set_text (self->title_label, _ ("Overview"));
      gtk_label_set_text (self->subtitle_label,
                          _ ("Every area’s indicators with their change from the comparison year."));
    }
  return GTK_WIDGET (self);
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

gboolean
itogi_area_page_set_years (ItogiAreaPage *self, int year, int compare_year, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *note = NULL;
  g_autofree char *year_text = itogi_format_year (year);
  gboolean has_rows;

  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), FALSE);

  rows = itogi_table_build (self->store, self->area != NULL ? self->area->slug : NULL, year, compare_year,
                            error);
  if (rows == NULL)
    return FALSE;
  has_rows = rows->len > 0;
  itogi_indicator_table_set_rows (ITOGI_INDICATOR_TABLE (self->table), g_steal_pointer (&rows), year,
                                  compare_year);
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
  gtk_label_set_text (self->notes_label, note != NULL ? note : "");
  gtk_widget_set_visible (self->notes_box, note != NULL && *note != '\0');

  gtk_label_set_text (self->institutions_heading, _ ("Institutions"));
  if (!load_institutions (self, year, error))
    return FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_state),
                          !has_rows && !gtk_widget_get_visible (self->institutions_box));
  return TRUE;
}
