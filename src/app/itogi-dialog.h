/* itogi-dialog.h: the frame shared by Itogi's editing windows
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal window over @parent titled @title: a header bar with Cancel at the start and
 * @action_label (the suggested, default button) at the end; Cancel and Escape close it.
 * *@content is the vertical box under the header bar to fill, *@action the action button. */
GtkWidget *itogi_dialog_new (GtkWindow *parent, const char *title, int width, int height,
                             const char *action_label, GtkWidget **content, GtkWidget **action);

/* Show @subtitle under the title in the header bar. */
void itogi_dialog_set_subtitle (GtkWidget *dialog, const char *title, const char *subtitle);

/* A wrapping label in the error style, hidden until a message is set with itogi_dialog_say. */
GtkWidget *itogi_dialog_message_new (void);
void itogi_dialog_say (GtkWidget *message, const char *text);

G_END_DECLS
