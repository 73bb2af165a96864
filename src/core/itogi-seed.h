/* itogi-seed.h: fill a new database from the built-in data file (data/report-2023.ini)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ItogiStore ItogiStore;

#define ITOGI_SEED_ERROR (itogi_seed_error_quark ())

GQuark itogi_seed_error_quark (void);

/* Load the built-in report data into @store, inside the caller's transaction. */
gboolean itogi_seed_load (ItogiStore *store, GError **error);
/* Load a data file of the same format (used by tests and imports of whole years). */
gboolean itogi_seed_load_keyfile (ItogiStore *store, GKeyFile *file, GError **error);

G_END_DECLS
