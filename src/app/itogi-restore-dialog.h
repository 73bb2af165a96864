/* itogi-restore-dialog.h: «Restore from Backup…»: the automatic backups to choose from, or a file
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ITOGI_TYPE_RESTORE_DIALOG (itogi_restore_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ItogiRestoreDialog, itogi_restore_dialog, ITOGI, RESTORE_DIALOG, AdwMessageDialog)

typedef void (*ItogiRestoreFunc) (const char *backup, gpointer data);

/* A dialog over @parent listing the backups of the database at @path, newest first and chosen.
 * Once the user has confirmed a backup, or named a backup file, and the dialog is gone, it emits
 * "chosen" with the backup's path, then calls @func (when not NULL) with it. It restores nothing. */
GtkWidget *itogi_restore_dialog_new (GtkWindow *parent, const char *path, ItogiRestoreFunc func,
                                     gpointer data);
/* The backup chosen in the list, or NULL (there are none). */
const char *itogi_restore_dialog_get_selected (GtkWidget *dialog);
/* Choose the @index-th backup of the list (newest is 0). */
void itogi_restore_dialog_select (GtkWidget *dialog, guint index);
/* What a restore is doing at step @done of itogi_store_restore_prepare()'s, for a progress bar. */
char *itogi_restore_step_text (guint done, guint total);

G_END_DECLS
