/* itogi-dialog.c: the frame shared by Itogi's editing windows
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-dialog.h"

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
escape (GtkWidget *widget, GVariant *args, gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (widget));
  return TRUE;
}

GtkWidget *
itogi_dialog_new (GtkWindow *parent, const char *title, int width, int height, const char *action_label,
                  GtkWidget **content, GtkWidget **action)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkEventController *keys = gtk_shortcut_controller_new ();

  *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  *action = gtk_button_new_with_mnemonic (action_label);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), *action);
  gtk_widget_add_css_class (*action, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (close_window), window);
  gtk_box_append (GTK_BOX (*content), header);
  adw_window_set_content (ADW_WINDOW (window), *content);
  gtk_window_set_default_widget (GTK_WINDOW (window), *action);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape, NULL, NULL)));
  gtk_widget_add_controller (window, keys);
  g_object_set_data (G_OBJECT (window), "itogi-dialog-header", header);
  return window;
}

GtkWidget *
itogi_dialog_message_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

void
itogi_dialog_say (GtkWidget *message, const char *text)
{
  gtk_label_set_text (GTK_LABEL (message), text);
  gtk_widget_set_visible (message, TRUE);
}

void
itogi_dialog_set_subtitle (GtkWidget *dialog, const char *title, const char *subtitle)
{
  GtkWidget *header = g_object_get_data (G_OBJECT (dialog), "itogi-dialog-header");

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, subtitle));
}
