/* itogi-restore-dialog.h: «Restore from Backup…»: the automatic backups to choose from, or a file
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef void (*ItogiRestoreFunc) (const char *backup, gpointer data);

/* A dialog over @parent listing the backups of the database at @path, newest first and chosen;
 * @func is called with the backup to restore once the user confirms, after the dialog is gone. */
GtkWidget *itogi_restore_dialog_new (GtkWindow *parent, const char *path, ItogiRestoreFunc func,
                                     gpointer data);
/* The backup chosen in the list, or NULL (there are none). */
const char *itogi_restore_dialog_get_selected (GtkWidget *dialog);
/* Choose the @index-th backup of the list (newest is 0). */
void itogi_restore_dialog_select (GtkWidget *dialog, guint index);
/* What a restore is doing at step @done of itogi_store_restore_prepare()'s, for a progress bar. */
char *itogi_restore_step_text (guint done, guint total);

G_END_DECLS
