/* itogi-import-dialog.h: a CSV file's columns chosen and checked before anything is imported
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "itogi-dialog.h"

#include "itogi-import.h"
#include "itogi-store.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_IMPORT_DIALOG (itogi_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ItogiImportDialog, itogi_import_dialog, ITOGI, IMPORT_DIALOG, ItogiDialog)

/* Called after the values landed, with the step that wrote them (for Undo). */
typedef void (*ItogiImportDone) (gint64 step, guint values, guint tasks, gpointer data);

/* A modal window for the CSV @text (named @name): which column holds what (guessed from the
 * header, changeable), the first rows, and every problem by line and column. Import is offered
 * only when the whole file is good. NULL with @error when @text is not a readable CSV table. */
ItogiImportDialog *itogi_import_dialog_new (GtkWindow *parent, ItogiStore *store, const char *name,
                                            const char *text, gsize length, ItogiImportDone done,
                                            gpointer data, GError **error);

/* For tests: the choice of column for @column (0: not in the file, n: the file's nth column), the
 * verdict shown, whether Import is offered, and pressing it. The check (after each choice) and
 * the import run in a worker thread: is_busy says one is running, stop stops it (an import
 * stopped writes nothing). Import is TRUE when it was started, or done at once. */
void itogi_import_dialog_choose (ItogiImportDialog *dialog, ItogiImportColumn column, guint choice);
const char *itogi_import_dialog_get_summary (ItogiImportDialog *dialog);
gboolean itogi_import_dialog_can_import (ItogiImportDialog *dialog);
gboolean itogi_import_dialog_import (ItogiImportDialog *dialog);
gboolean itogi_import_dialog_is_busy (ItogiImportDialog *dialog);
void itogi_import_dialog_stop (ItogiImportDialog *dialog);

G_END_DECLS
