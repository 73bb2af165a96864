/* itogi-text-dialog.h: a small window that edits one text and keeps it when saving fails
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Saves @text; on FALSE the dialog stays open with the message and the text as typed. */
typedef gboolean (*ItogiTextSaveFunc) (const char *text, gpointer data, GError **error);

/* A modal window titled @title with a text field (several lines when @multiline) holding @initial,
 * and Cancel / @save_label buttons. @data is released with @destroy when the window goes. */
GtkWidget *itogi_text_dialog_new (GtkWindow *parent, const char *title, const char *initial,
                                  gboolean multiline, const char *save_label, ItogiTextSaveFunc save,
                                  gpointer data, GDestroyNotify destroy);
/* What the field holds now (for tests). */
char *itogi_text_dialog_get_text (GtkWidget *dialog);
void itogi_text_dialog_set_text (GtkWidget *dialog, const char *text);
/* Press Save, as the user would; TRUE when the dialog saved and closed. */
gboolean itogi_text_dialog_save (GtkWidget *dialog);

G_END_DECLS
