/* itogi-store-file.h: what only a database in a file can do: its place on disk, its verified
 * copies beside it, and putting one back
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A caller asks itogi_store_can (store, ITOGI_STORE_ABILITY_FILE_COPIES) before it offers these.
 */
#pragma once

#include "itogi-store.h"

G_BEGIN_DECLS

/* PRAGMA application_id of every Itogi database file: "ITOG". */
#define ITOGI_STORE_APPLICATION_ID 0x49544f47

/* ~/.local/share/itogi/itogi.db */
char *itogi_store_default_path (void);

/* A verified copy of the database at @dest: written under a temporary name beside it, flushed,
 * opened read-only and checked (integrity, owner, version), then renamed into place. On failure
 * nothing is left behind and @dest is as it was. */
gboolean itogi_store_backup (ItogiStore *store, const char *dest, GError **error);
/* The same, stopped when @cancellable is cancelled (G_IO_ERROR_CANCELLED; nothing is left at
 * @dest but what was there). For a worker thread with a connection of its own. */
gboolean itogi_store_backup_cancellable (ItogiStore *store, const char *dest, GCancellable *cancellable,
                                         GError **error);
/* Where automatic backups go: «itogi-backups» beside the database. */
char *itogi_store_backup_dir (ItogiStore *store);
char *itogi_store_backup_dir_for (const char *path);
/* The backups of the database at @path in that folder, newest first (full paths; maybe none). The
 * file need not open: this is how a damaged database finds its latest copy. */
GPtrArray *itogi_store_list_backups (const char *path);
/* When a backup was made, read from its name; NULL for a name that is not a backup's. */
GDateTime *itogi_store_backup_time (const char *backup);
/* A verified backup in that folder named «itogi-YYYYMMDD-HHMMSS-@label.db»; its path, or NULL. */
char *itogi_store_backup_named (ItogiStore *store, const char *label, GError **error);
/* Once a day of use: a «-daily» backup unless today's exists (then "" is returned), keeping the
 * newest @keep daily ones. The new backup's path, "" when none was due, or NULL with @error. */
char *itogi_store_daily_backup (ItogiStore *store, guint keep, GError **error);
/* Move the file at @path and its -wal and -shm aside as «NAME-@label-YYYYMMDD-HHMMSS.db» (its new
 * path in @moved_to); all or nothing. */
gboolean itogi_store_move_aside (const char *path, const char *label, char **moved_to, GError **error);
/* Put a checked copy of @backup at @dest (no program may have @dest open). The file there is
 * never deleted: it is moved aside as «NAME-@aside_label-YYYYMMDD-HHMMSS.db» (its path in
 * @kept_aside). A backup that is not a sound Itogi database is refused and nothing changes. */
gboolean itogi_store_restore (const char *backup, const char *dest, const char *aside_label,
                              char **kept_aside, GError **error);
/* The same in two halves, so that the slow one may run in a worker thread while @dest is still
 * open. The first checks @backup and writes a checked copy of it under a temporary name beside
 * @dest, which it does not touch, telling @progress of 3 steps (the backup checked, copied, the
 * copy checked); cancelled or refused, nothing is left. */
typedef struct _ItogiRestore ItogiRestore;
ItogiRestore *itogi_store_restore_prepare (const char *backup, const char *dest,
                                           const ItogiProgress *progress, GError **error);
/* The second, once no connection of this process has @dest open: the copy takes its place and
 * the file that was there is moved aside, as above. Frees @restore. */
gboolean itogi_store_restore_finish (ItogiRestore *restore, const char *aside_label, char **kept_aside,
                                     GError **error);
/* The copy removed, nothing else changed (NULL is ignored). */
void itogi_store_restore_abandon (ItogiRestore *restore);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiRestore, itogi_store_restore_abandon)
G_END_DECLS
