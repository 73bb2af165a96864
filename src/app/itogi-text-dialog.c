/* itogi-text-dialog.c: a small window that edits one text and keeps it when saving fails
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-prose-view.h"
#include "itogi-text-dialog.h"

struct _ItogiTextDialog
{
  ItogiDialog parent_instance;

  GtkWidget *entry;
  GtkWidget *scroller;
  GtkWidget *prose;
  GtkWidget *field; /* the entry, or the prose view for several lines */

  ItogiTextSaveFunc save;
  gpointer data;
  GDestroyNotify destroy;
};

G_DEFINE_FINAL_TYPE (ItogiTextDialog, itogi_text_dialog, ITOGI_TYPE_DIALOG)

char *
itogi_text_dialog_get_text (ItogiTextDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (ITOGI_IS_TEXT_DIALOG (self), NULL);
  if (GTK_IS_EDITABLE (self->field))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->field)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->field));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
itogi_text_dialog_set_text (ItogiTextDialog *self, const char *text)
{
  g_return_if_fail (ITOGI_IS_TEXT_DIALOG (self));
  if (GTK_IS_EDITABLE (self->field))
    gtk_editable_set_text (GTK_EDITABLE (self->field), text);
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->field)), text, -1);
}

static gboolean
itogi_text_dialog_save (ItogiDialog *dialog, GError **error)
{
  ItogiTextDialog *self = ITOGI_TEXT_DIALOG (dialog);
  g_autofree char *text = itogi_text_dialog_get_text (self);

  gtk_widget_remove_css_class (self->field, "error");
  if (!self->save (text, self->data, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("The change could not be saved."));
      /* The text stays as typed, marked, with the keyboard in it. */
      gtk_widget_add_css_class (self->field, "error");
      gtk_widget_grab_focus (self->field);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_shortcut (GtkWidget *widget, GVariant *args, gpointer data)
{
  ItogiTextDialog *self = ITOGI_TEXT_DIALOG (widget);

  /* Only where Enter makes a paragraph; in one line Enter saves already. */
  if (self->field != self->prose)
    return FALSE;
  itogi_dialog_save (ITOGI_DIALOG (self));
  return TRUE;
}

ItogiTextDialog *
itogi_text_dialog_new (GtkWindow *parent, const char *title, const char *initial, gboolean multiline,
                       const char *save_label, ItogiTextSaveFunc save, gpointer data, GDestroyNotify destroy)
{
  ItogiTextDialog *self = g_object_new (ITOGI_TYPE_TEXT_DIALOG, "transient-for", parent, "title", title,
                                        "action-label", save_label, NULL);

  self->save = save;
  self->data = data;
  self->destroy = destroy;
  self->field = multiline ? self->prose : self->entry;
  gtk_widget_set_visible (self->entry, !multiline);
  gtk_widget_set_visible (self->scroller, multiline);
  if (multiline)
    gtk_window_set_default_size (GTK_WINDOW (self), 560, 420);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->field), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  itogi_text_dialog_set_text (self, initial != NULL ? initial : "");
  itogi_dialog_set_question (ITOGI_DIALOG (self), _ ("Discard the Typed Text?"),
                             _ ("The text typed here is not saved yet."), TRUE);
  itogi_dialog_watch (ITOGI_DIALOG (self), self->field);
  gtk_widget_grab_focus (self->field);
  return self;
}

static void
itogi_text_dialog_finalize (GObject *object)
{
  ItogiTextDialog *self = ITOGI_TEXT_DIALOG (object);

  if (self->destroy != NULL)
    self->destroy (self->data);
  G_OBJECT_CLASS (itogi_text_dialog_parent_class)->finalize (object);
}

static void
itogi_text_dialog_class_init (ItogiTextDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = itogi_text_dialog_finalize;
  ITOGI_DIALOG_CLASS (klass)->save = itogi_text_dialog_save;
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-text-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiTextDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, ItogiTextDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, ItogiTextDialog, prose);
  /* Enter starts a new paragraph; Ctrl+Enter saves. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, save_shortcut, NULL);
}

static void
itogi_text_dialog_init (ItogiTextDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  itogi_prose_view_setup (GTK_TEXT_VIEW (self->prose));
}
