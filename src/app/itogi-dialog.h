/* itogi-dialog.h: the frame shared by Itogi's editing windows
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal window over @parent titled @title: a header bar with Cancel at the start and
 * @action_label (the suggested, default button) at the end; Cancel and Escape close it (asking
 * first, see itogi_dialog_guard).
 * *@content is the vertical box under the header bar to fill, *@action the action button. */
GtkWidget *itogi_dialog_new (GtkWindow *parent, const char *title, int width, int height,
                             const char *action_label, GtkWidget **content, GtkWidget **action);

/* Saves what @dialog holds and closes it; or, refused, keeps it open saying why. */
typedef gboolean (*ItogiDialogSave) (GtkWidget *dialog);

/* Make @dialog ask before dropping what the user typed: closing it (Escape, Cancel, the window's
 * close button) with a watched field changed shows an AdwMessageDialog headed @heading, with
 * @body: Keep Editing (Escape), Discard, or @save_label, which runs @save (none when NULL). */
void itogi_dialog_guard (GtkWidget *dialog, const char *heading, const char *body, const char *save_label,
                         ItogiDialogSave save);
/* Watch @field (a GtkEditable, GtkTextView, GtkDropDown or AdwComboRow), as it is now. */
void itogi_dialog_watch (GtkWidget *dialog, GtkWidget *field);
gboolean itogi_dialog_has_unsaved (GtkWidget *dialog);
/* Before @parent closes: the guarded dialogs over it with changes not saved ask their question;
 * FALSE when one did, and @parent should stay open. */
gboolean itogi_dialog_close_all (GtkWindow *parent);

/* Show @subtitle under the title in the header bar. */
void itogi_dialog_set_subtitle (GtkWidget *dialog, const char *title, const char *subtitle);

/* A wrapping label in the error style, hidden until a message is set with itogi_dialog_say. */
GtkWidget *itogi_dialog_message_new (void);
void itogi_dialog_say (GtkWidget *message, const char *text);

G_END_DECLS
