/* itogi-dialog.h: the base of Itogi's editing windows
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ITOGI_TYPE_DIALOG (itogi_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (ItogiDialog, itogi_dialog, ITOGI, DIALOG, AdwWindow)

/* A modal window with a header bar: Cancel at the start, the action (the suggested, default
 * button, labelled by "action-label") at the end, a line for a refusal's reason under it, then
 * the children a subclass's template adds. Cancel, Escape and the window's close button close
 * it, asking first when a watched field holds typing not saved (Keep Editing, Discard, or the
 * action). The action runs the class's save(); saved, the dialog emits "saved" and closes;
 * refused, it stays open with the typing and says why. */
struct _ItogiDialogClass
{
  AdwWindowClass parent_class;

  /* Saves what the dialog holds: FALSE with @error, in plain words, when it is refused; FALSE
   * without one when it was started and will end with itogi_dialog_done() (or say why not). */
  gboolean (*save) (ItogiDialog *self, GError **error);
  /* Once it is saved, before the dialog closes. */
  void (*saved) (ItogiDialog *self);

  gpointer padding[6];
};

/* As the action button does: TRUE when saved (the dialog is then closed). */
gboolean itogi_dialog_save (ItogiDialog *self);
/* A save that ended later (in a worker) is done: "saved", and the dialog closes. */
void itogi_dialog_done (ItogiDialog *self);
/* Watch @field (a GtkEditable, GtkTextView, GtkDropDown or AdwComboRow), as it is now. */
void itogi_dialog_watch (ItogiDialog *self, GtkWidget *field);
gboolean itogi_dialog_has_unsaved (ItogiDialog *self);
/* The question asked before typing is dropped (default: «Discard the Changes?», offering the
 * action too). */
void itogi_dialog_set_question (ItogiDialog *self, const char *heading, const char *body,
                                gboolean offer_action);
/* Say @text (a refusal, a problem) under the header bar; NULL hides it. */
void itogi_dialog_say (ItogiDialog *self, const char *text);
void itogi_dialog_set_action_label (ItogiDialog *self, const char *label);
/* The action button, for a subclass that makes it sensitive only when there is something to save. */
GtkWidget *itogi_dialog_get_action (ItogiDialog *self);
void itogi_dialog_set_subtitle (ItogiDialog *self, const char *subtitle);
/* Before @parent closes: the dialogs over it with changes not saved ask their question; FALSE
 * when one did, and @parent should stay open. */
gboolean itogi_dialog_close_all (GtkWindow *parent);

G_END_DECLS
