/* itogi-seed.h: fill a new database from the built-in data file (data/report-2023.ini)
 *
 * The seed sits above the store: it checks the data's sentence templates with the narrative and
 * writes through the store's API. The store never calls it; whoever makes a database says what
 * fills it.
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

/* A new database at @path holding the built-in report data (itogi_store_create () filled by
 * itogi_seed_load ()); refuses an existing path. */
ItogiStore *itogi_seed_create (const char *path, GError **error);
/* The default database, made with the built-in report data on first use. */
ItogiStore *itogi_seed_open_default (GError **error);

G_END_DECLS
