/* itogi-application.h
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "itogi-store-file.h"
#include "itogi-window.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_APPLICATION (itogi_application_get_type ())
G_DECLARE_FINAL_TYPE (ItogiApplication, itogi_application, ITOGI, APPLICATION, AdwApplication)

ItogiApplication *itogi_application_new (void);
/* Non-zero when the database could not be opened. */
int itogi_application_get_exit_status (ItogiApplication *self);
/* Open @path instead of the default database (as --database does). */
void itogi_application_set_database (ItogiApplication *self, const char *path);
/* Open @path (read-only if asked) and show it in a new window in place of the one open;
 * on failure nothing changes. */
ItogiWindow *itogi_application_open (ItogiApplication *self, const char *path, gboolean read_only,
                                     GError **error);
/* TRUE while the integrity check and daily backup of the database shown run (in a worker thread,
 * after its window shows). */
gboolean itogi_application_is_checking (ItogiApplication *self);
/* The file of the database shown, or NULL. */
const char *itogi_application_get_path (ItogiApplication *self);
/* The copy of @backup that @restore holds, checked, put in the open database's place (the current
 * file is kept aside) and shown in a new window; FALSE with @error when nothing was replaced. The
 * slow half is itogi_window_restore_from()'s. Takes @restore. */
gboolean itogi_application_put_restored (ItogiApplication *self, const char *backup, ItogiRestore *restore,
                                         GError **error);

G_END_DECLS
