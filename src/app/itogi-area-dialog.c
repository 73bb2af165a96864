/* itogi-area-dialog.c: an activity area's title, tab label and description
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-area-dialog.h"
#include "itogi-dialog.h"

typedef struct
{
  ItogiArea *area;
  ItogiAreaSave save;
  gpointer data;
  GtkWidget *entries[3];
  GtkWidget *message;
} AreaDialog;

static void
area_dialog_free (AreaDialog *d)
{
  itogi_area_free (d->area);
  g_free (d);
}

static AreaDialog *
get (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "itogi-area-dialog");
}

GtkWidget *
itogi_area_dialog_get_entry (GtkWidget *dialog, guint index)
{
  return index < 3 ? get (dialog)->entries[index] : NULL;
}

gboolean
itogi_area_dialog_save (GtkWidget *dialog)
{
  AreaDialog *d = get (dialog);
  g_autoptr (ItogiArea) area = itogi_area_copy (d->area);
  g_autoptr (GError) error = NULL;
  char **fields[] = { &area->title, &area->short_title, &area->description };

  for (guint i = 0; i < 3; i++)
    {
      g_free (*fields[i]);
      *fields[i] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->entries[i]))));
      gtk_widget_remove_css_class (d->entries[i], "error");
    }
  if (*area->title == '\0')
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("Give the area a title."));
      gtk_widget_add_css_class (d->entries[0], "error");
    }
  else
    {
      /* The tab label defaults to the title. */
      if (*area->short_title == '\0')
        {
          g_free (area->short_title);
          area->short_title = g_strdup (area->title);
        }
      d->save (area, d->data, &error);
    }
  if (error != NULL)
    {
      itogi_dialog_say (d->message, error->message);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}

static void
on_save (GtkWidget *dialog)
{
  itogi_area_dialog_save (dialog);
}

GtkWidget *
itogi_area_dialog_new (GtkWindow *parent, const ItogiArea *area, ItogiAreaSave save, gpointer data)
{
  AreaDialog *d = g_new0 (AreaDialog, 1);
  GtkWidget *box, *ok;
  GtkWidget *window = itogi_dialog_new (parent, area->id == 0 ? _ ("New Area") : _ ("Edit Area"), 600, 360,
                                        area->id == 0 ? _ ("_Add") : _ ("_Save"), &box, &ok);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  const char *titles[] = { _ ("Title, as on the area’s page"), _ ("Label in the sidebar (short)"),
                           _ ("Fuller wording (optional)") };
  const char *texts[] = { area->title, area->short_title, area->description };

  d->area = itogi_area_copy (area);
  d->save = save;
  d->data = data;
  g_object_set_data_full (G_OBJECT (window), "itogi-area-dialog", d, (GDestroyNotify)area_dialog_free);
  g_signal_connect_swapped (ok, "clicked", G_CALLBACK (on_save), window);

  d->message = itogi_dialog_message_new ();
  gtk_widget_set_margin_top (d->message, 12);
  gtk_widget_set_margin_start (d->message, 24);
  gtk_widget_set_margin_end (d->message, 24);
  gtk_box_append (GTK_BOX (box), d->message);

  for (guint i = 0; i < 3; i++)
    {
      d->entries[i] = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->entries[i]), titles[i]);
      gtk_editable_set_text (GTK_EDITABLE (d->entries[i]), texts[i] != NULL ? texts[i] : "");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->entries[i]);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  itogi_dialog_guard (window, _ ("Discard the Changes?"), _ ("The changes made here are not saved yet."),
                      area->id == 0 ? _ ("_Add") : _ ("_Save"), itogi_area_dialog_save);
  for (guint i = 0; i < 3; i++)
    itogi_dialog_watch (window, d->entries[i]);
  gtk_widget_grab_focus (d->entries[0]);
  return window;
}
