/* itogi-dialog.c: the frame shared by Itogi's editing windows
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-a11y.h"
#include "itogi-dialog.h"

/* What a dialog holds that the user may have typed: its fields and their values when it opened. */
typedef struct
{
  GPtrArray *fields;  /* GtkEditable, GtkTextView, GtkDropDown or AdwComboRow, referenced */
  GPtrArray *initial; /* each one's text, or its choice as "%u", when watched */
  char *heading;
  char *body;
  char *save_label;
  ItogiDialogSave save;
  GtkWidget *question; /* shown, or NULL */
  char *answer;        /* the question's response */
  gboolean discarding; /* the user chose to drop what was typed: closing closes */
} Guard;

static void
guard_free (Guard *g)
{
  g_ptr_array_unref (g->fields);
  g_ptr_array_unref (g->initial);
  g_free (g->heading);
  g_free (g->body);
  g_free (g->save_label);
  g_free (g->answer);
  g_free (g);
}

static Guard *
get_guard (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "itogi-dialog-guard");
}

static char *
value_of (GtkWidget *field)
{
  if (GTK_IS_EDITABLE (field))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));
  if (GTK_IS_TEXT_VIEW (field))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (GTK_IS_DROP_DOWN (field))
    return g_strdup_printf ("%u", gtk_drop_down_get_selected (GTK_DROP_DOWN (field)));
  if (ADW_IS_COMBO_ROW (field))
    return g_strdup_printf ("%u", adw_combo_row_get_selected (ADW_COMBO_ROW (field)));
  g_return_val_if_reached (NULL);
}

gboolean
itogi_dialog_has_unsaved (GtkWidget *dialog)
{
  Guard *g = get_guard (dialog);

  for (guint i = 0; g != NULL && i < g->fields->len; i++)
    {
      g_autofree char *now = value_of (g->fields->pdata[i]);
      if (g_strcmp0 (now, g->initial->pdata[i]) != 0)
        return TRUE;
    }
  return FALSE;
}

/* What the user answered, acted on once the question is gone: it points at the dialog as its
 * parent, and must not outlive it. */
static gboolean
answer (gpointer data)
{
  GtkWidget *dialog = data;
  Guard *g = get_guard (dialog);

  if (g == NULL || !gtk_widget_get_visible (dialog))
    return G_SOURCE_REMOVE;
  if (g_strcmp0 (g->answer, "discard") == 0)
    {
      g->discarding = TRUE;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  else if (g_strcmp0 (g->answer, "save") == 0)
    {
      /* Saved, it closes; refused, it stays open with the reason and the typing, and gets the
       * keyboard back to mend them. */
      if (!g->save (dialog))
        gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    /* Back to the typing, with the keyboard. */
    gtk_window_present (GTK_WINDOW (dialog));
  return G_SOURCE_REMOVE;
}

static void
on_question_response (AdwMessageDialog *question, const char *response, GtkWidget *dialog)
{
  Guard *g = get_guard (dialog);

  g->question = NULL;
  g_free (g->answer);
  g->answer = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT, answer, g_object_ref (dialog), g_object_unref);
}

/* Closing with typing not saved: asked first. Nothing is dropped without the user saying so. */
static void
ask (GtkWidget *dialog)
{
  Guard *g = get_guard (dialog);
  GtkWidget *question;

  if (g->question != NULL)
    {
      gtk_window_present (GTK_WINDOW (g->question));
      return;
    }
  question = adw_message_dialog_new (GTK_WINDOW (dialog), g->heading, g->body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (question), "keep", _ ("_Keep Editing"), "discard",
                                    _ ("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (question), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (question), "keep");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (question), "keep");
  if (g->save != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (question), "save", g->save_label);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (question), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (question), "save");
    }
  g->question = question;
  g_signal_connect_object (question, "response", G_CALLBACK (on_question_response), dialog, 0);
  gtk_window_present (GTK_WINDOW (question));
}

/* Escape, Cancel and the window's close button all come here. */
static gboolean
on_close_request (GtkWindow *window)
{
  Guard *g = get_guard (GTK_WIDGET (window));

  if (g == NULL || g->discarding || !itogi_dialog_has_unsaved (GTK_WIDGET (window)))
    return FALSE;
  ask (GTK_WIDGET (window));
  return TRUE;
}

static gboolean
escape (GtkWidget *widget, GVariant *args, gpointer data)
{
  gtk_window_close (GTK_WINDOW (widget));
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
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), window);
  g_signal_connect (window, "close-request", G_CALLBACK (on_close_request), NULL);
  gtk_box_append (GTK_BOX (*content), header);
  adw_window_set_content (ADW_WINDOW (window), *content);
  gtk_window_set_default_widget (GTK_WINDOW (window), *action);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape, NULL, NULL)));
  gtk_widget_add_controller (window, keys);
  g_object_set_data (G_OBJECT (window), "itogi-dialog-header", header);
  itogi_a11y_mend_on_map (window);
  return window;
}

void
itogi_dialog_guard (GtkWidget *dialog, const char *heading, const char *body, const char *save_label,
                    ItogiDialogSave save)
{
  Guard *g = g_new0 (Guard, 1);

  g->fields = g_ptr_array_new_with_free_func (g_object_unref);
  g->initial = g_ptr_array_new_with_free_func (g_free);
  g->heading = g_strdup (heading);
  g->body = g_strdup (body);
  g->save_label = g_strdup (save_label);
  g->save = save;
  g_object_set_data_full (G_OBJECT (dialog), "itogi-dialog-guard", g, (GDestroyNotify)guard_free);
}

void
itogi_dialog_watch (GtkWidget *dialog, GtkWidget *field)
{
  Guard *g = get_guard (dialog);

  g_return_if_fail (g != NULL);
  g_ptr_array_add (g->fields, g_object_ref (field));
  g_ptr_array_add (g->initial, value_of (field));
}

gboolean
itogi_dialog_close_all (GtkWindow *parent)
{
  GListModel *all = gtk_window_get_toplevels ();
  gboolean closed = TRUE;

  for (guint i = g_list_model_get_n_items (all); i-- > 0;)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (all, i);

      if (get_guard (GTK_WIDGET (w)) == NULL || gtk_window_get_transient_for (w) != parent)
        continue;
      if (itogi_dialog_has_unsaved (GTK_WIDGET (w)))
        {
          ask (GTK_WIDGET (w));
          closed = FALSE;
        }
    }
  return closed;
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
