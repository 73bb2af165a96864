/* full-vfs.h: a SQLite VFS for tests that plays a disk running out of space
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It wraps the default (unix) VFS and forwards everything, except that once a byte budget is
 * spent every write fails with SQLITE_FULL, as on a full disk: the store's database, its -wal and
 * any temporary files all count. Install it before opening a store:
 *
 *   itogi_test_full_vfs_install ();          // now the default VFS; the budget is unlimited
 *   store = itogi_store_open (path, &error);
 *   itogi_test_full_vfs_set_budget (0);       // the disk is full from here on
 *   ... a write fails with ITOGI_STORE_ERROR_FULL ...
 *   itogi_test_full_vfs_set_budget (-1);      // space is back
 *
 * Single-threaded tests only: the budget is a plain global.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Register the wrapper as SQLite's default VFS (once; later calls do nothing). */
void itogi_test_full_vfs_install (void);
/* How many more bytes may be written; −1 for no limit. A write larger than what is left fails
 * whole and leaves the budget at 0. */
void itogi_test_full_vfs_set_budget (gint64 bytes);
/* How many writes were refused since install: a test can check the failure it saw was ours. */
guint itogi_test_full_vfs_refusals (void);

G_END_DECLS
