/* itogi-window.h: the main window: a sidebar of activity areas and one page each
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "itogi-store.h"
#include "itogi-xlsx.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_WINDOW (itogi_window_get_type ())
G_DECLARE_FINAL_TYPE (ItogiWindow, itogi_window, ITOGI, WINDOW, AdwApplicationWindow)

#define ITOGI_OVERVIEW_PAGE_NAME "overview"

/* @store must outlive the window; @application may be NULL (tests). */
ItogiWindow *itogi_window_new (GtkApplication *application, ItogiStore *store);
/* "overview" or an area slug */
gboolean itogi_window_show_page (ItogiWindow *self, const char *name);
const char *itogi_window_get_page_name (ItogiWindow *self);
/* The page of a sidebar row ("overview", an area slug, "report"), made on first use and showing the
 * window's years and data when returned; NULL when there is no such row. */
GtkWidget *itogi_window_get_page (ItogiWindow *self, const char *name);
/* The page of @name if it has been made (by a visit, or the Report's once the window was idle),
 * as it is: neither made nor filled by this call; NULL otherwise. */
GtkWidget *itogi_window_peek_page (ItogiWindow *self, const char *name);
/* The tabs of the sidebar, in order: NULL-terminated, free with g_strfreev. */
char **itogi_window_list_tab_labels (ItogiWindow *self);
void itogi_window_set_years (ItogiWindow *self, int year, int compare_year);
int itogi_window_get_year (ItogiWindow *self);
int itogi_window_get_compare_year (ItogiWindow *self);
/* Open @file's import dialog, as «Import from CSV or Excel…» does after the file is chosen. */
gboolean itogi_window_import_file (ItogiWindow *self, GFile *file, GError **error);
/* A verified backup at @file, as «Back Up…» does once the file is chosen: made in a worker thread
 * with a connection of its own, a bar under the header saying so (with Cancel) meanwhile, a toast
 * or an error when done. FALSE with @error, and nothing started, for a file that cannot be a
 * local path, a folder that is not there, or while another backup is being made. */
gboolean itogi_window_backup_to (ItogiWindow *self, GFile *file, GError **error);
/* The tables in @format (the workbook, the CSV…) written beside the window, its step and Cancel
 * in the bar under the header, a toast when it is saved. FALSE, and nothing started, while
 * another file is written. */
gboolean itogi_window_export_to (ItogiWindow *self, const ItogiExportOptions *options,
                                 const ItogiTableFormat *format, const char *path, GError **error);
/* @backup in the open database's place, as «Restore from Backup…» does once it is chosen: the
 * backup checked and copied in a worker thread (its step and Cancel in the bar under the header,
 * the window going on meanwhile), then this window closed, the copy put in place, the current
 * file kept aside, and the database opened again. A backup that is refused leaves the window as it
 * was, with the reason. FALSE, and nothing started, while another file is written. */
gboolean itogi_window_restore_from (ItogiWindow *self, const char *backup, GError **error);
/* Whether a file is being written (a backup, an export, a restore's copy). */
gboolean itogi_window_is_busy (ItogiWindow *self);
/* Stop it: nothing is left of the copy. */
void itogi_window_cancel_job (ItogiWindow *self);
/* A message that stays until dismissed, for what went wrong. */
void itogi_window_show_error (ItogiWindow *self, const GError *error);
gboolean itogi_window_can_undo (ItogiWindow *self);
/* A message that stays until dismissed, for what was done on the user's behalf; with
 * @show_file, a button opens the folder that holds that file. */
void itogi_window_notify (ItogiWindow *self, const char *text, const char *show_file);
/* Whether the database shown cannot be changed (the window says so at the top). */
gboolean itogi_window_is_read_only (ItogiWindow *self);
/* Whether another program changed the file since it was shown; if so, a message offers to
 * reload (the window looks by itself every two seconds). */
gboolean itogi_window_check_outside_changes (ItogiWindow *self);
gboolean itogi_window_has_outside_changes (ItogiWindow *self);

G_END_DECLS
