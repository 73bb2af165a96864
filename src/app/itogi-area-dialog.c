/* itogi-area-dialog.c: an activity area's title, tab label and description
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-area-dialog.h"

struct _ItogiAreaDialog
{
  ItogiDialog parent_instance;

  GtkWidget *title_row;
  GtkWidget *short_title_row;
  GtkWidget *description_row;

  ItogiArea *area;
  ItogiAreaSave save;
  gpointer data;
};

G_DEFINE_FINAL_TYPE (ItogiAreaDialog, itogi_area_dialog, ITOGI_TYPE_DIALOG)

GtkWidget *
itogi_area_dialog_get_entry (ItogiAreaDialog *self, guint index)
{
  GtkWidget *rows[] = { self->title_row, self->short_title_row, self->description_row };

  g_return_val_if_fail (ITOGI_IS_AREA_DIALOG (self), NULL);
  return index < G_N_ELEMENTS (rows) ? rows[index] : NULL;
}

static gboolean
itogi_area_dialog_save (ItogiDialog *dialog, GError **error)
{
  ItogiAreaDialog *self = ITOGI_AREA_DIALOG (dialog);
  g_autoptr (ItogiArea) area = itogi_area_copy (self->area);
  GtkWidget *rows[] = { self->title_row, self->short_title_row, self->description_row };
  char **fields[] = { &area->title, &area->short_title, &area->description };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_free (*fields[i]);
      *fields[i] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows[i]))));
      gtk_widget_remove_css_class (rows[i], "error");
    }
  if (*area->title == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("Give the area a title."));
      gtk_widget_add_css_class (self->title_row, "error");
      return FALSE;
    }
  /* The tab label defaults to the title. */
  if (*area->short_title == '\0')
    {
      g_free (area->short_title);
      area->short_title = g_strdup (area->title);
    }
  return self->save (area, self->data, error);
}

ItogiAreaDialog *
itogi_area_dialog_new (GtkWindow *parent, const ItogiArea *area, ItogiAreaSave save, gpointer data)
{
  gboolean adding = area->id == 0;
  ItogiAreaDialog *self = g_object_new (ITOGI_TYPE_AREA_DIALOG, "transient-for", parent, "title",
                                        adding ? _ ("New Area") : _ ("Edit Area"), "action-label",
                                        adding ? _ ("_Add") : _ ("_Save"), NULL);
  GtkWidget *rows[] = { self->title_row, self->short_title_row, self->description_row };
  const char *texts[] = { area->title, area->short_title, area->description };

  self->area = itogi_area_copy (area);
  self->save = save;
  self->data = data;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), texts[i] != NULL ? texts[i] : "");
      itogi_dialog_watch (ITOGI_DIALOG (self), rows[i]);
    }
  gtk_widget_grab_focus (self->title_row);
  return self;
}

static void
itogi_area_dialog_finalize (GObject *object)
{
  ItogiAreaDialog *self = ITOGI_AREA_DIALOG (object);

  g_clear_pointer (&self->area, itogi_area_free);
  G_OBJECT_CLASS (itogi_area_dialog_parent_class)->finalize (object);
}

static void
itogi_area_dialog_class_init (ItogiAreaDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = itogi_area_dialog_finalize;
  ITOGI_DIALOG_CLASS (klass)->save = itogi_area_dialog_save;
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-area-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaDialog, short_title_row);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaDialog, description_row);
}

static void
itogi_area_dialog_init (ItogiAreaDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
