/* itogi-area-dialog.c: an activity area's title, tab label and description
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-area-dialog.h"

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
      gtk_label_set_text (GTK_LABEL (d->message), error->message);
      gtk_widget_set_visible (d->message, TRUE);
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

static void
on_cancel (GtkWidget *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
cancel_shortcut (GtkWidget *widget, GVariant *args, gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (widget));
  return TRUE;
}

GtkWidget *
itogi_area_dialog_new (GtkWindow *parent, const ItogiArea *area, ItogiAreaSave save, gpointer data)
{
  AreaDialog *d = g_new0 (AreaDialog, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *ok = gtk_button_new_with_mnemonic (area->id == 0 ? _ ("_Add") : _ ("_Save"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  const char *titles[] = { _ ("Title, as on the area’s page"), _ ("Label in the sidebar (short)"),
                           _ ("Fuller wording (optional)") };
  const char *texts[] = { area->title, area->short_title, area->description };

  d->area = itogi_area_copy (area);
  d->save = save;
  d->data = data;
  g_object_set_data_full (G_OBJECT (window), "itogi-area-dialog", d, (GDestroyNotify)area_dialog_free);

  gtk_window_set_title (GTK_WINDOW (window), area->id == 0 ? _ ("New Area") : _ ("Edit Area"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 360);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), ok);
  gtk_widget_add_css_class (ok, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel), window);
  g_signal_connect_swapped (ok, "clicked", G_CALLBACK (on_save), window);
  gtk_box_append (GTK_BOX (box), header);

  d->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (d->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (d->message), 0);
  gtk_widget_add_css_class (d->message, "error");
  gtk_widget_set_visible (d->message, FALSE);
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
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), ok);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                        gtk_callback_action_new (cancel_shortcut, NULL, NULL)));
  gtk_widget_add_controller (window, keys);
  gtk_widget_grab_focus (d->entries[0]);
  return window;
}
