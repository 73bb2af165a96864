/* itogi-text-dialog.h: a small window that edits one text and keeps it when saving fails
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "itogi-dialog.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_TEXT_DIALOG (itogi_text_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ItogiTextDialog, itogi_text_dialog, ITOGI, TEXT_DIALOG, ItogiDialog)

/* Saves @text; on FALSE the dialog stays open with the message and the text as typed. */
typedef gboolean (*ItogiTextSaveFunc) (const char *text, gpointer data, GError **error);

/* A modal window titled @title with a text field (several lines when @multiline: Enter starts a
 * paragraph, Ctrl+Enter saves) holding @initial, and Cancel / @save_label buttons. @data is
 * released with @destroy when the window goes. */
ItogiTextDialog *itogi_text_dialog_new (GtkWindow *parent, const char *title, const char *initial,
                                        gboolean multiline, const char *save_label, ItogiTextSaveFunc save,
                                        gpointer data, GDestroyNotify destroy);
/* What the field holds now. */
char *itogi_text_dialog_get_text (ItogiTextDialog *self);
void itogi_text_dialog_set_text (ItogiTextDialog *self, const char *text);

G_END_DECLS
