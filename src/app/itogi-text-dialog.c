/* itogi-text-dialog.c: a small window that edits one text and keeps it when saving fails
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-dialog.h"
#include "itogi-prose-view.h"
#include "itogi-text-dialog.h"

typedef struct
{
  GtkWidget *field; /* GtkTextView or GtkEntry */
  GtkWidget *message;
  ItogiTextSaveFunc save;
  gpointer data;
  GDestroyNotify destroy;
} TextDialog;

static void
text_dialog_free (TextDialog *d)
{
  if (d->destroy != NULL)
    d->destroy (d->data);
  g_free (d);
}

static TextDialog *
get (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "itogi-text-dialog");
}

char *
itogi_text_dialog_get_text (GtkWidget *dialog)
{
  TextDialog *d = get (dialog);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (GTK_IS_EDITABLE (d->field))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->field)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (d->field));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
itogi_text_dialog_set_text (GtkWidget *dialog, const char *text)
{
  TextDialog *d = get (dialog);

  if (GTK_IS_EDITABLE (d->field))
    gtk_editable_set_text (GTK_EDITABLE (d->field), text);
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (d->field)), text, -1);
}

gboolean
itogi_text_dialog_save (GtkWidget *dialog)
{
  TextDialog *d = get (dialog);
  g_autofree char *text = itogi_text_dialog_get_text (dialog);
  g_autoptr (GError) error = NULL;

  if (!d->save (text, d->data, &error))
    {
      /* The text stays as typed; the reason is said above it. */
      itogi_dialog_say (d->message, error != NULL ? error->message : _ ("The change could not be saved."));
      gtk_widget_add_css_class (d->field, "error");
      gtk_widget_grab_focus (d->field);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
save_shortcut (GtkWidget *dialog, GVariant *args, gpointer data)
{
  itogi_text_dialog_save (dialog);
  return TRUE;
}

static void
on_save (GtkWidget *dialog)
{
  itogi_text_dialog_save (dialog);
}

GtkWidget *
itogi_text_dialog_new (GtkWindow *parent, const char *title, const char *initial, gboolean multiline,
                       const char *save_label, ItogiTextSaveFunc save, gpointer data, GDestroyNotify destroy)
{
  GtkWidget *box, *ok;
  GtkWidget *window = itogi_dialog_new (parent, title, 560, multiline ? 420 : -1, save_label, &box, &ok);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  TextDialog *d = g_new0 (TextDialog, 1);

  d->save = save;
  d->data = data;
  d->destroy = destroy;
  g_object_set_data_full (G_OBJECT (window), "itogi-text-dialog", d, (GDestroyNotify)text_dialog_free);
  g_signal_connect_swapped (ok, "clicked", G_CALLBACK (on_save), window);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  d->message = itogi_dialog_message_new ();
  gtk_box_append (GTK_BOX (content), d->message);

  if (multiline)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkEventController *keys = gtk_shortcut_controller_new ();

      /* Tab goes on to the buttons, never into the text. */
      d->field = itogi_prose_view_new ();
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (d->field), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (d->field), 8);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (d->field), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (d->field), 8);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), d->field);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_widget_set_vexpand (scroller, TRUE);
      gtk_widget_add_css_class (scroller, "card");
      gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);
      gtk_box_append (GTK_BOX (content), scroller);
      /* Enter starts a new paragraph; Ctrl+Enter saves. */
      gtk_shortcut_controller_add_shortcut (
          GTK_SHORTCUT_CONTROLLER (keys),
          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                            gtk_callback_action_new (save_shortcut, NULL, NULL)));
      gtk_widget_add_controller (window, keys);
    }
  else
    {
      d->field = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (d->field), TRUE);
      gtk_box_append (GTK_BOX (content), d->field);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->field), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), content);

  itogi_text_dialog_set_text (window, initial != NULL ? initial : "");
  itogi_dialog_guard (window, _ ("Discard the Typed Text?"), _ ("The text typed here is not saved yet."),
                      _ ("_Save"), itogi_text_dialog_save);
  itogi_dialog_watch (window, d->field);
  gtk_widget_grab_focus (d->field);
  return window;
}
