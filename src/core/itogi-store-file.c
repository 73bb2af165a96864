/* itogi-store-file.c: the database as a file: opening it, refusing what is not ours, backups
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two rules hold here.
 *
 * 1. No code of ours opens or closes the database file, or its -wal, -shm or -journal: closing any
 *    descriptor of a file drops every POSIX lock this process holds on it, so another program
 *    would believe the file unused, fold the log into it and delete the log under a connection
 *    still writing to it (SQLite's "How To Corrupt An SQLite Database File"). Files are looked
 *    at with stat() only, and read through SQLite's own file handle.
 *
 *    Other libraries of the process do not know this rule: GTK's file chooser, showing the folder
 *    the database is in, opens each of its files to guess its type, and closes it. So while this
 *    process has the file open, it also holds it the way such a close cannot undo (see "holding
 *    the file" below).
 *
 * 2. A file is refused before anything of it or beside it changes. It is first looked at alone,
 *    unchanging (immutable: no lock, no journal, nothing created beside it): its header, owner,
 *    data format and schema. When its -wal holds commits, the log is read by a connection that
 *    may not write, in exclusive mode when no other program has the file open, so that no -shm
 *    is made either. Only a file that passed both is opened for real, and a connection that
 *    wrote nothing never folds another's log into the file when it closes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* F_OFD_SETLK */
#endif
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "itogi-output.h"
#include "itogi-store-file.h"
#include "itogi-store-sqlite.h"

typedef enum
{
  OPEN_WRITE = 1 << 0,     /* for editing: WAL, upgrades; else nothing is written */
  OPEN_BRIEF = 1 << 1,     /* a command that reads and ends */
  OPEN_OLDER = 1 << 2,     /* an older data format is taken as it is */
  OPEN_UNCHECKED = 1 << 3, /* schema and integrity are reported by itogi_store_check, not refused */
  OPEN_DAMAGED = 1 << 4,   /* only the file, unchanging, without the integrity check */
  OPEN_DEFERRED = 1 << 5,  /* all but the integrity check, which the caller has run apart */
} OpenFlags;

/* The journal files SQLite keeps beside a database. */
static const char *const sidecars[] = { "-wal", "-shm", "-journal" };

/* ---- holding the file ---- */

/* SQLite's lock bytes (its os_unix.c): the first of the database file's shared range, which a
 * connection must have alone to fold the log into the file and delete it; and the -shm's
 * "dead man switch", which the first connection of all takes alone to reset the log's index. */
#define SQLITE_SHARED_FIRST ((off_t)0x40000000 + 2)
#define SQLITE_SHM_DMS ((off_t)(22 + 8) * 4 + 8)

/* A file held: a descriptor of it and of its -shm, each with a read lock of its own. */
typedef struct
{
  int db_fd;
  int shm_fd;
  guint connections; /* of this process, open on it */
} Hold;

static GMutex holds_mutex;
static GHashTable *holds; /* "device:inode" → Hold */

/* An open file description's lock (Linux's OFD locks): unlike SQLite's POSIX locks it belongs to
 * the descriptor, not to the process, so no other close() in the process drops it; other
 * processes' SQLite sees it as it sees another connection's. A read lock on each byte above keeps
 * another program from taking this file for one nobody has open: from resetting the -shm under
 * this process's connections, and from folding the log into the file and deleting it when it
 * closes. */
static void
read_lock (int fd, off_t at)
{
  struct flock lock = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1, .l_pid = 0 };

  if (fd >= 0)
    (void)fcntl (fd, F_OFD_SETLK, &lock);
}

/* After @store's connection has opened the file in WAL mode, through its -shm. */
static void
hold_file (ItogiStore *store, const char *canonical)
{
  g_autofree char *shm = g_strconcat (canonical, "-shm", NULL);
  g_autofree char *locking = NULL;
  GStatBuf st;
  Hold *hold;

  if (store->held != NULL || g_stat (canonical, &st) != 0 || !g_file_test (shm, G_FILE_TEST_EXISTS))
    return;
  /* Exclusive mode keeps no -shm of its own and is never shared. */
  {
    g_autoptr (sqlite3_stmt) stmt = itogi_store_prepare (store, "PRAGMA locking_mode", NULL);
    if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
      locking = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  }
  if (g_ascii_strcasecmp (locking != NULL ? locking : "", "normal") != 0)
    return;
  store->held = g_strdup_printf ("%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
  g_mutex_lock (&holds_mutex);
  if (holds == NULL)
    holds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  hold = g_hash_table_lookup (holds, store->held);
  if (hold == NULL)
    {
      hold = g_new0 (Hold, 1);
      /* Kept open, whatever comes of the locks, until the process's last connection closes:
       * closing one now would drop the connection's own locks. */
      hold->db_fd = open (canonical, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      hold->shm_fd = open (shm, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      read_lock (hold->db_fd, SQLITE_SHARED_FIRST);
      read_lock (hold->shm_fd, SQLITE_SHM_DMS);
      g_hash_table_insert (holds, g_strdup (store->held), hold);
    }
  hold->connections++;
  g_mutex_unlock (&holds_mutex);
}

/* Before @store's connection closes: the process's last lets the file go first, so that it may
 * fold the log into the file as SQLite does when the last connection of all closes. Its own locks
 * go with those descriptors, which it is about to give up anyway. */
static void
release_file (ItogiStore *store)
{
  Hold *hold;

  if (store->held == NULL)
    return;
  g_mutex_lock (&holds_mutex);
  hold = holds != NULL ? g_hash_table_lookup (holds, store->held) : NULL;
  if (hold != NULL && --hold->connections == 0)
    {
      if (hold->db_fd >= 0)
        close (hold->db_fd);
      if (hold->shm_fd >= 0)
        close (hold->shm_fd);
      g_hash_table_remove (holds, store->held);
    }
  g_mutex_unlock (&holds_mutex);
  g_clear_pointer (&store->held, g_free);
}

/* ---- closing ---- */

void
itogi_store_sqlite_close (ItogiStore *store)
{
  release_file (store);
  if (store->db != NULL)
    {
      /* A connection that wrote nothing leaves another's log as it found it. */
      if (store->keep_wal && !store->wrote)
        sqlite3_db_config (store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_close_v2 (store->db);
      store->db = NULL;
    }
  if (store->protected)
    {
      itogi_output_unprotect (store->path);
      store->protected = FALSE;
    }
}

char *
itogi_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "itogi", "itogi.db", NULL);
}

gboolean
itogi_store_sqlite_is_read_only (ItogiStore *store)
{
  gint64 query_only = 0;

  if (sqlite3_db_readonly (store->db, "main") == 1)
    return TRUE;
  return itogi_store_query_int (store, "PRAGMA query_only", &query_only, NULL) && query_only != 0;
}

/* ---- looking at the file ---- */

typedef struct
{
  char *canonical; /* links followed: SQLite keeps its journal files beside the real file */
  goffset size;
  gboolean wal_exists;
  gboolean wal_has_data; /* a -wal with commits that may not be in the file yet */
  gboolean shm_exists;   /* then another program may have the file open */
} FileState;

static void
file_state_clear (FileState *fs)
{
  g_clear_pointer (&fs->canonical, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileState, file_state_clear)

/* stat() only: opening a pipe would wait for a writer forever, and opening the database would put
 * this process's locks on it at risk. */
static gboolean
look_at_file (const char *path, FileState *fs, GError **error)
{
  g_autofree char *name = g_filename_display_name (path);
  char resolved[PATH_MAX];
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_FOUND,
                     _ ("The database file “%s” does not exist."), name);
      else
        g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                     _ ("The database file “%s” cannot be opened: %s."), name, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_DATABASE,
                   _ ("“%s” is %s, not an Itogi database. Nothing was changed."), name,
                   itogi_output_kind_of (st.st_mode));
      return FALSE;
    }
  fs->canonical = g_strdup (realpath (path, resolved) != NULL ? resolved : path);
  fs->size = st.st_size;
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *file = g_strconcat (fs->canonical, sidecars[i], NULL);
      GStatBuf side;

      if (g_lstat (file, &side) != 0)
        continue;
      if (!S_ISREG (side.st_mode))
        {
          g_autofree char *side_name = g_filename_display_name (file);
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_DATABASE,
                       _ ("“%s” beside the database is %s, not its journal: the database “%s” is not opened. "
                          "Nothing was changed."),
                       side_name, itogi_output_kind_of (side.st_mode), name);
          return FALSE;
        }
      if (i == 0)
        {
          fs->wal_exists = TRUE;
          fs->wal_has_data = side.st_size > 0;
        }
      else if (i == 1)
        fs->shm_exists = TRUE;
    }
  if (fs->size == 0 && !fs->wal_has_data)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_DATABASE,
                   _ ("“%s” is an empty file, not an Itogi database. Nothing was changed."), name);
      return FALSE;
    }
  return TRUE;
}

/* Whether a connection that writes nothing must leave the journal files as it found them: they
 * were there before it, so closing it must neither fold the log into the file nor remove them.
 * Files that SQLite made for this connection alone it removes again when it closes last. */
static gboolean
keeps_journal (const FileState *fs)
{
  return fs->wal_exists || fs->shm_exists;
}

/* The cancellable of the job running in this thread, if any: every connection the job makes
 * stops its statement when it is cancelled, the checks of a large file included. */
static GPrivate job_cancellable;

/* SQLite asks every thousand steps of its machine whether to go on. */
static int
stop_if_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable) ? 1 : 0;
}

/* A connection of its own to @path, or to @uri (a file: URI) when given. */
static ItogiStore *
connect (const char *path, const char *uri, int flags, GError **error)
{
  GCancellable *cancellable = g_private_get (&job_cancellable);
  g_autoptr (ItogiStore) store = itogi_store_new (&itogi_store_sqlite_engine, path);
  int rc;

  /* Registered before SQLite opens it: no output of this process may land on it meanwhile. */
  itogi_output_protect (path);
  store->protected = TRUE;
  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &store->db, flags | (uri != NULL ? SQLITE_OPEN_URI : 0),
                        NULL);
  if (rc != SQLITE_OK)
    {
      itogi_store_fail (store, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_busy_timeout (store->db, 5000);
  /* With SQLite's locks (not a look at the file alone, unchanging). */
  store->live = uri == NULL;
  if (cancellable != NULL)
    sqlite3_progress_handler (store->db, 1000, stop_if_cancelled, cancellable);
  return g_steal_pointer (&store);
}

/* The file alone, as it is on the disk: no lock, no journal, nothing made beside it. */
static ItogiStore *
connect_unchanging (const char *path, const char *canonical, GError **error)
{
  g_autofree char *escaped = g_uri_escape_string (canonical, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);

  return connect (path, uri, SQLITE_OPEN_READONLY, error);
}

/* The file's 100-byte header, read through SQLite's own handle of the file: SQLite would happily
 * "open" any file, and a descriptor of our own would cost this process its locks when closed. Only
 * the header is read without a lock: it is one read of one page's start, and its first bytes never
 * change. The application id (at byte 68) tells whose file it is. */
static gboolean
check_header (ItogiStore *store, guint32 *app_id, GError **error)
{
  static const char magic[16] = "SQLite format 3"; /* includes the trailing NUL */
  g_autofree char *name = g_filename_display_name (store->path);
  sqlite3_file *file = NULL;
  guint8 header[100] = { 0 };

  if (sqlite3_file_control (store->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || file == NULL
      || file->pMethods == NULL || file->pMethods->xRead (file, header, sizeof header, 0) != SQLITE_OK
      || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NOT_DATABASE,
                   _ ("“%s” is not an Itogi database (it is not an SQLite file). Nothing was changed."),
                   name);
      return FALSE;
    }
  *app_id = (guint32)header[68] << 24 | (guint32)header[69] << 16 | (guint32)header[70] << 8 | header[71];
  return TRUE;
}

static void
set_foreign_error (ItogiStore *store, GError **error)
{
  g_autofree char *name = g_filename_display_name (store->path);
  g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FOREIGN,
               _ ("“%s” is a database of another program, not an Itogi database. Nothing was changed."),
               name);
}

static gboolean
check_owner (ItogiStore *store, GError **error)
{
  gint64 app_id = 0;

  if (!itogi_store_query_int (store, "PRAGMA application_id", &app_id, error))
    return FALSE;
  if (app_id != ITOGI_STORE_APPLICATION_ID)
    {
      set_foreign_error (store, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
turn_on_foreign_keys (ItogiStore *store, GError **error)
{
  gint64 fk = 0;

  if (!itogi_store_exec (store, "PRAGMA foreign_keys = ON", error)
      || !itogi_store_query_int (store, "PRAGMA foreign_keys", &fk, error))
    return FALSE;
  if (fk != 1)
    {
      g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                           _ ("Foreign key checks could not be turned on."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
quick_check (ItogiStore *store, GError **error)
{
  g_autofree char *name = g_filename_display_name (store->path);
  g_autoptr (sqlite3_stmt) stmt = itogi_store_prepare (store, "PRAGMA quick_check(1)", error);
  g_autofree char *result = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return itogi_store_fail (store, rc, error);
  result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (g_strcmp0 (result, "ok") != 0)
    {
      /* The findings are SQLite's own technical lines; «itogi-cli check» lists them all. */
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CORRUPT,
                   _ ("The database “%s” is damaged: its integrity check found errors. Nothing was changed."),
                   name);
      return FALSE;
    }
  return TRUE;
}

/* The schema against the one data format @version has; the first difference in the message. */
static gboolean
check_schema (ItogiStore *store, int version, GError **error)
{
  g_autofree char *name = g_filename_display_name (store->path);
  g_autoptr (GPtrArray) differences = itogi_store_schema_differences (store->db, version, error);
  int other;

  if (differences == NULL)
    return FALSE;
  if (differences->len == 0)
    return TRUE;
  other = itogi_store_schema_matching_version (store->db);
  if (other >= 0)
    g_set_error (
        error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_ALTERED,
        _ ("The database “%s” says it is in data format %d, but its tables are those of format %d: it "
           "was altered outside Itogi. Nothing was changed."),
        name, version, other);
  else if (differences->len == 1)
    g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_ALTERED,
                 _ ("The database “%s” was altered outside Itogi: %s. Nothing was changed."), name,
                 (const char *)differences->pdata[0]);
  else
    {
      g_autofree char *more = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u more difference", "%u more differences", differences->len - 1),
          differences->len - 1);
      /* Translators: «База данных «X» изменена не в «Итогах»: нет триггера «Y» (и ещё 3 различия;
       * их все перечисляет «itogi-cli check»). Ничего не изменено.» */
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_ALTERED,
                   _ ("The database “%s” was altered outside Itogi: %s (and %s; “itogi-cli check” lists them "
                      "all). Nothing was changed."),
                   name, (const char *)differences->pdata[0], more);
    }
  return FALSE;
}

/* Owner, data format and schema; the integrity too unless @flags say otherwise. */
static gboolean
check_file (ItogiStore *store, OpenFlags flags, int *version_out, GError **error)
{
  g_autofree char *name = g_filename_display_name (store->path);
  gint64 version = 0;

  if (!check_owner (store, error) || !itogi_store_query_int (store, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version > ITOGI_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_NEWER,
                   _ ("“%s” was saved by a newer version of Itogi (data format %d; this version reads up to "
                      "%d). Nothing was changed."),
                   name, (int)version, ITOGI_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 0)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_ALTERED,
                   _ ("The database “%s” says it is in data format %d, which no Itogi ever wrote: it was "
                      "altered outside Itogi. Nothing was changed."),
                   name, (int)version);
      return FALSE;
    }
  *version_out = (int)version;
  if ((flags & (OPEN_UNCHECKED | OPEN_DAMAGED)) != 0)
    return TRUE;
  return check_schema (store, (int)version, error)
         && ((flags & OPEN_DEFERRED) != 0 || quick_check (store, error));
}

/* Whether no process holds a lock on the file at @path, as the kernel lists them in /proc/locks
 * (a connection to a database in WAL mode always holds one on the file). FALSE when it cannot be
 * told. Reads the list only: opening the file would be the very thing to avoid. */
static gboolean
nobody_holds (const char *path)
{
  g_autofree char *locks = NULL;
  g_autofree char *inode = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return TRUE;
  if (!g_file_get_contents ("/proc/locks", &locks, NULL, NULL))
    return FALSE;
  inode = g_strdup_printf (" %02x:%02x:%lu ", major (st.st_dev), minor (st.st_dev), (unsigned long)st.st_ino);
  return strstr (locks, inode) == NULL;
}

/* After a connection that could not read (a full disk, a read-only folder) the -wal and -shm that
 * SQLite began for it may be left: an empty log, and a -shm of the 3 bytes SQLite writes first.
 * They were not there before, so they go, but only while no process has the database or the
 * -shm open: one that had just begun would hold a lock on both. */
static void
remove_empty_journal (const FileState *fs)
{
  g_autofree char *wal = g_strconcat (fs->canonical, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fs->canonical, "-shm", NULL);
  GStatBuf wal_st, shm_st;
  gboolean wal_empty = g_lstat (wal, &wal_st) != 0 || (S_ISREG (wal_st.st_mode) && wal_st.st_size == 0);
  gboolean shm_empty = g_lstat (shm, &shm_st) != 0 || (S_ISREG (shm_st.st_mode) && shm_st.st_size < 4096);

  if (wal_empty && shm_empty && nobody_holds (fs->canonical) && nobody_holds (shm))
    {
      g_unlink (shm);
      g_unlink (wal);
    }
}

/* A connection that reads and writes nothing, through the log, with SQLite's locks. For a brief
 * look at a file no other program has open (no -shm), in exclusive mode: SQLite then keeps the
 * log's index in memory instead of making a -shm, takes the file for itself meanwhile, and removes
 * a -wal it had to make when it closes. A file that has no log to replay but cannot be read that
 * way (a read-only folder, a full disk) is read alone, unchanging. */
static ItogiStore *
connect_reading (const char *path, const FileState *fs, gboolean brief, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (ItogiStore) store = connect (path, NULL, SQLITE_OPEN_READWRITE, &local);
  gint64 ignored;

  if (store != NULL)
    {
      store->keep_wal = keeps_journal (fs);
      if (!fs->wal_has_data && sqlite3_db_readonly (store->db, "main") == 1)
        /* A read-only connection would make -wal and -shm and could never remove them. */
        g_clear_pointer (&store, itogi_store_free);
    }
  if (store != NULL && brief && !fs->shm_exists
      && !itogi_store_exec (store, "PRAGMA locking_mode = EXCLUSIVE", &local))
    g_clear_pointer (&store, itogi_store_free);
  if (store != NULL
      && (!itogi_store_exec (store, "PRAGMA query_only = 1", &local)
          /* The first read opens the log. */
          || !itogi_store_query_int (store, "SELECT count(*) FROM sqlite_schema", &ignored, &local)))
    g_clear_pointer (&store, itogi_store_free);
  if (store != NULL)
    return g_steal_pointer (&store);
  /* Another program holds it: wait for it, never read around its locks. */
  if (g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_BUSY))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!keeps_journal (fs))
    remove_empty_journal (fs);
  if (fs->wal_has_data)
    {
      if (local == NULL)
        {
          g_autofree char *name = g_filename_display_name (path);
          g_set_error (&local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                       _ ("The database “%s” cannot be read: its log of recent changes needs a writable "
                          "file and folder. Nothing was changed."),
                       name);
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return connect_unchanging (path, fs->canonical, error);
}

/* Only for a file known to be ours: the journal mode is stored in the file itself. */
static gboolean
enable_wal (ItogiStore *store, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *mode = NULL;
  int rc;

  if (sqlite3_db_readonly (store->db, "main"))
    return TRUE;
  /* WAL lets the app read while the command line writes; FULL makes each commit durable. */
  stmt = itogi_store_prepare (store, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return itogi_store_fail (store, rc, error);
  mode = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") != 0)
    {
      g_autofree char *name = g_filename_display_name (store->path);
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                   _ ("The database “%s” cannot use write-ahead logging (journal mode “%s”)."), name,
                   mode != NULL ? mode : "?");
      return FALSE;
    }
  return itogi_store_exec (store, "PRAGMA synchronous = FULL", error);
}

static gboolean
migrate (ItogiStore *store, int from, GError **error)
{
  for (int version = from; version < ITOGI_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      g_autofree char *set_app = g_strdup_printf ("PRAGMA application_id = %d", ITOGI_STORE_APPLICATION_ID);
      g_autoptr (sqlite3_stmt) fk_check = NULL;
      gboolean ok;

      if (!itogi_store_begin (store, error))
        return FALSE;
      ok = itogi_store_exec (store, itogi_store_schema_migration (version), error)
           && itogi_store_exec (store, set_app, error) && itogi_store_exec (store, set_version, error);
      if (ok)
        {
          fk_check = itogi_store_prepare (store, "PRAGMA foreign_key_check", error);
          ok = fk_check != NULL;
          if (ok && sqlite3_step (fk_check) == SQLITE_ROW)
            {
              g_set_error_literal (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CORRUPT,
                                   _ ("The database has broken references; it was not upgraded."));
              ok = FALSE;
            }
        }
      if (!ok)
        {
          itogi_store_rollback (store);
          return FALSE;
        }
      if (!itogi_store_commit (store, error))
        return FALSE;
      store->schema_version = version + 1;
    }
  return TRUE;
}

static ItogiStore *
open_looked_at (const char *path, const FileState *looked, OpenFlags flags, GError **error)
{
  FileState fs = *looked;
  g_autoptr (ItogiStore) store = NULL;
  int version = 0;

  /* Its header first, with no lock and nothing made beside it: what is not an SQLite file, or is
   * another program's, is refused leaving every byte and every name as it was. */
  {
    g_autoptr (ItogiStore) look = connect_unchanging (path, fs.canonical, error);
    guint32 app_id = 0;

    if (look == NULL || (fs.size > 0 && !check_header (look, &app_id, error)))
      return NULL;
    /* With commits waiting in the log, the header on the disk may be behind. */
    if (!fs.wal_has_data && app_id != ITOGI_STORE_APPLICATION_ID)
      {
        set_foreign_error (look, error);
        return NULL;
      }
    /* A damaged file is only ever looked at this way, read-only and without its check. */
    if ((flags & OPEN_DAMAGED) != 0)
      {
        if (!check_file (look, flags, &version, error))
          return NULL;
        look->schema_version = version;
        return g_steal_pointer (&look);
      }
  }
  /* Then all of it, through its log, with SQLite's locks, by a connection that cannot write and
   * makes nothing beside the file that stays: owner, data format, schema, integrity. */
  if ((flags & OPEN_UNCHECKED) == 0)
    {
      g_autoptr (ItogiStore) look = connect_reading (path, &fs, TRUE, error);
      if (look == NULL || !check_file (look, flags, &version, error))
        return NULL;
    }

  /* Only now the connection to work with. Its owner, format and schema are read again, in case
   * another program changed them meanwhile (the integrity check is not repeated). */
  if ((flags & OPEN_WRITE) != 0)
    {
      store = connect (path, NULL, SQLITE_OPEN_READWRITE, error);
      if (store == NULL)
        return NULL;
      store->keep_wal = keeps_journal (&fs);
    }
  else
    {
      store = connect_reading (path, &fs, (flags & OPEN_BRIEF) != 0, error);
      if (store == NULL)
        return NULL;
    }
  if (!turn_on_foreign_keys (store, error) || !check_file (store, flags | OPEN_UNCHECKED, &version, error))
    return NULL;
  if ((flags & OPEN_UNCHECKED) == 0 && !check_schema (store, version, error))
    return NULL;
  store->schema_version = version;
  if (version < ITOGI_STORE_SCHEMA_VERSION && (flags & (OPEN_WRITE | OPEN_OLDER)) == 0)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                   _ ("“%s” is in an older data format (%d; this version uses %d), which can be read only "
                      "after an upgrade: open it in Itogi for editing, or run “itogi-cli upgrade”. Nothing "
                      "was changed."),
                   name, version, ITOGI_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if ((flags & OPEN_WRITE) == 0)
    return g_steal_pointer (&store);

  if (!enable_wal (store, error))
    return NULL;
  if (version < ITOGI_STORE_SCHEMA_VERSION)
    {
      if (sqlite3_db_readonly (store->db, "main"))
        {
          g_autofree char *name = g_filename_display_name (path);
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                       _ ("“%s” needs an upgrade to this version's data format, but it is read-only. Nothing "
                          "was changed."),
                       name);
          return NULL;
        }
      /* Never migrate without a verified copy of the file as it was. */
      {
        g_autofree char *label = g_strdup_printf ("before-v%d", ITOGI_STORE_SCHEMA_VERSION);
        g_autofree char *kept = itogi_store_backup_named (store, label, error);
        if (kept == NULL)
          {
            g_prefix_error (error, _ ("The data format was not upgraded, and nothing was changed: "));
            return NULL;
          }
      }
      if (!migrate (store, version, error))
        return NULL;
    }
  return g_steal_pointer (&store);
}

static ItogiStore *
open_checked (const char *path, OpenFlags flags, GError **error)
{
  if (itogi_store_location_is_server (path))
    return itogi_store_postgres_open (path,
                                      (flags & OPEN_UNCHECKED) ? ITOGI_SERVER_OPEN_CHECK
                                      : (flags & OPEN_WRITE)   ? ITOGI_SERVER_OPEN_WRITE
                                                               : ITOGI_SERVER_OPEN_READ,
                                      error);
  g_auto (FileState) fs = { 0 };
  ItogiStore *store;

  g_return_val_if_fail (path != NULL, NULL);
  if (!look_at_file (path, &fs, error))
    return NULL;
  store = open_looked_at (path, &fs, flags, error);
  /* A refusal leaves nothing beside the file that was not there before. */
  if (store == NULL && !keeps_journal (&fs))
    remove_empty_journal (&fs);
  if (store != NULL && store->live)
    hold_file (store, fs.canonical);
  return store;
}

ItogiStore *
itogi_store_open (const char *path, GError **error)
{
  return open_checked (path, OPEN_WRITE, error);
}

ItogiStore *
itogi_store_open_unverified (const char *path, GError **error)
{
  return open_checked (path, OPEN_WRITE | OPEN_DEFERRED, error);
}

ItogiStore *
itogi_store_open_to_read (const char *path, GError **error)
{
  return open_checked (path, OPEN_BRIEF, error);
}

ItogiStore *
itogi_store_open_to_check (const char *path, GError **error)
{
  return open_checked (path, OPEN_BRIEF | OPEN_OLDER | OPEN_UNCHECKED, error);
}

ItogiStore *
itogi_store_open_read_only (const char *path, GError **error)
{
  /* A window stays open for long: it never holds the file in exclusive mode. */
  return open_checked (path, 0, error);
}

ItogiStore *
itogi_store_open_damaged (const char *path, GError **error)
{
  return open_checked (path, OPEN_DAMAGED, error);
}

/* ---- creating ---- */

/* Flush a file, or with O_DIRECTORY a folder's entries, to disk. Never for a database that a
 * connection of this process holds (see the top of this file). */
static gboolean
fsync_path (const char *path, int flags)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | flags, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
fsync_directory_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return fsync_path (dir, O_DIRECTORY);
}

/* A temporary database of ours, once no connection holds it. */
static void
remove_with_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *file = g_strconcat (path, sidecars[i], NULL);
      g_unlink (file);
    }
  g_unlink (path);
}

ItogiStore *
itogi_store_create (const char *path, ItogiStoreFill fill, gpointer data, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr (ItogiStore) fresh = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  if (itogi_store_location_is_server (path))
    return itogi_store_postgres_create (path, fill, data, error);
  name = g_filename_display_name (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_EXISTS,
                   _ ("“%s” already exists. Nothing was changed."), name);
      return NULL;
    }

  /* Build the whole database under a fresh temporary name beside it, then link it into place:
   * a failure half way never leaves a half-filled file under the real name. */
  tmp = g_strconcat (path, ".new-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ITOGI_STORE_ERROR,
                   saved == ENOSPC ? ITOGI_STORE_ERROR_FULL : ITOGI_STORE_ERROR_READONLY,
                   _ ("Cannot create the database “%s”: %s."), name, g_strerror (saved));
      return NULL;
    }
  /* Closed before SQLite opens it: no descriptor of ours outlives into its connection. */
  close (fd);

  fresh = connect (tmp, NULL, SQLITE_OPEN_READWRITE, error);
  ok = fresh != NULL && turn_on_foreign_keys (fresh, error) && enable_wal (fresh, error)
       && migrate (fresh, 0, error);
  if (ok)
    {
      ok = itogi_store_begin (fresh, error);
      if (ok)
        {
          ok = fill == NULL || fill (fresh, data, error);
          if (ok)
            ok = itogi_store_commit (fresh, error);
          else
            itogi_store_rollback (fresh);
        }
    }
  if (ok)
    ok = itogi_store_exec (fresh, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  g_clear_pointer (&fresh, itogi_store_free);

  if (ok && link (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, ITOGI_STORE_ERROR,
                   saved == EEXIST ? ITOGI_STORE_ERROR_EXISTS : ITOGI_STORE_ERROR_FAILED,
                   saved == EEXIST ? _ ("“%s” already exists. Nothing was changed.")
                                   : _ ("Cannot create the database “%s”."),
                   name);
      ok = FALSE;
    }
  remove_with_sidecars (tmp);
  if (!ok)
    return NULL;
  fsync_directory_of (path);
  return itogi_store_open (path, error);
}

ItogiStore *
itogi_store_open_default (ItogiStoreFill fill, gpointer data, GError **error)
{
  g_autofree char *path = itogi_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return itogi_store_open (path, error);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY,
                   _ ("Cannot create the folder “%s”: %s."), name, g_strerror (saved));
      return NULL;
    }
  return itogi_store_create (path, fill, data, error);
}

/* ---- backups ---- */

/* An output refusal or failure, as the store's own error; a failure to write names @dest. */
static void
propagate_output_error (GError **error, GError *local, const char *dest)
{
  ItogiStoreError code = ITOGI_STORE_ERROR_FAILED;
  g_autofree char *name = g_filename_display_name (dest);

  if (local->domain == ITOGI_OUTPUT_ERROR)
    switch (local->code)
      {
      case ITOGI_OUTPUT_ERROR_FULL:
        code = ITOGI_STORE_ERROR_FULL;
        break;
      case ITOGI_OUTPUT_ERROR_READONLY:
        code = ITOGI_STORE_ERROR_READONLY;
        break;
      case ITOGI_OUTPUT_ERROR_PROTECTED:
      case ITOGI_OUTPUT_ERROR_NOT_FILE:
      case ITOGI_OUTPUT_ERROR_NO_FOLDER:
        code = ITOGI_STORE_ERROR_INVALID;
        break;
      default:
        break;
      }
  if (code == ITOGI_STORE_ERROR_INVALID)
    g_set_error_literal (error, ITOGI_STORE_ERROR, code, local->message);
  else
    /* Translators: «Копия «X» не записана: Диск заполнен: …» */
    g_set_error (error, ITOGI_STORE_ERROR, code, _ ("“%s” was not written: %s"), name, local->message);
  g_error_free (local);
}

/* Whether the regular file @path is an Itogi database (or damaged one): the only kind of file a
 * backup may replace. Looked at unchanging. */
static gboolean
is_itogi_file (const char *path)
{
  g_auto (FileState) fs = { 0 };
  g_autoptr (ItogiStore) look = NULL;

  if (!look_at_file (path, &fs, NULL))
    return FALSE;
  guint32 app_id = 0;

  look = connect_unchanging (path, fs.canonical, NULL);
  return look != NULL && check_header (look, &app_id, NULL) && app_id == ITOGI_STORE_APPLICATION_ID;
}

/* A copy of @store into @output's temporary file, flushed. */
static gboolean
write_copy (ItogiStore *store, ItogiOutput *output, GError **error)
{
  const char *tmp = itogi_output_get_temp_path (output);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 query_only = 0;
  int rc;

  /* VACUUM INTO writes only into a file that is missing or empty: ours is empty. */
  itogi_output_close_temp (output);
  stmt = itogi_store_prepare (store, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tmp, -1, SQLITE_TRANSIENT);
  /* A connection that may not write refuses VACUUM INTO as a write, though it writes only the
   * copy: let it, for this statement alone. */
  if (sqlite3_db_readonly (store->db, "main") == 0)
    itogi_store_query_int (store, "PRAGMA query_only", &query_only, NULL);
  if (query_only != 0)
    itogi_store_exec (store, "PRAGMA query_only = 0", NULL);
  rc = sqlite3_step (stmt);
  if (query_only != 0)
    itogi_store_exec (store, "PRAGMA query_only = 1", NULL);
  if (rc != SQLITE_DONE)
    {
      GError *local = NULL;

      itogi_store_fail (store, rc, &local);
      /* The disk that filled is the copy's: that is the file to name. */
      if (g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FULL))
        {
          g_autofree char *name = g_filename_display_name (itogi_output_get_target (output));
          g_clear_error (&local);
          g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FULL,
                       _ ("The disk is full: “%s” was not saved, and nothing was left of it."), name);
        }
      else
        g_propagate_error (error, local);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* As private as the database itself; durable first, then verified. */
  g_chmod (tmp, 0600);
  if (!fsync_path (tmp, 0))
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                   _ ("The backup could not be flushed to disk."));
      return FALSE;
    }
  return TRUE;
}

/* The copy in @output's temporary file, opened as a stranger would open it and checked: ours,
 * whole, with its schema. */
static gboolean
check_copy (ItogiOutput *output, GError **error)
{
  g_autoptr (ItogiStore) copy
      = open_checked (itogi_output_get_temp_path (output), OPEN_BRIEF | OPEN_OLDER, error);
  return copy != NULL;
}

static gboolean
write_verified_copy (ItogiStore *store, ItogiOutput *output, GError **error)
{
  return write_copy (store, output, error) && check_copy (output, error);
}

static gboolean
backup_to (ItogiStore *store, const char *dest, ItogiOutputFlags flags, GError **error)
{
  /* A server's copies are its administrator's (itogi_store_can() says so before this is offered). */
  g_return_val_if_fail (itogi_store_can (store, ITOGI_STORE_ABILITY_FILE_COPIES), FALSE);
  g_autofree char *name = g_filename_display_name (dest);
  g_autoptr (ItogiOutput) output = NULL;
  GError *local = NULL;

  g_return_val_if_fail (!store->in_transaction, FALSE);
  output = itogi_output_begin (dest, flags, &local);
  if (output == NULL)
    {
      propagate_output_error (error, local, dest);
      return FALSE;
    }
  if (g_file_test (itogi_output_get_target (output), G_FILE_TEST_EXISTS)
      && !is_itogi_file (itogi_output_get_target (output)))
    {
      g_set_error (
          error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
          _ ("“%s” exists and is not an Itogi database: a backup never replaces another file. Choose "
             "another name. Nothing was changed."),
          name);
      return FALSE;
    }
  if (!write_verified_copy (store, output, &local))
    {
      if (g_error_matches (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FULL))
        g_propagate_error (error, local);
      else
        g_propagate_prefixed_error (error, local, _ ("The backup failed and was removed: "));
      return FALSE;
    }
  if (!itogi_output_commit (g_steal_pointer (&output), &local))
    {
      propagate_output_error (error, local, dest);
      return FALSE;
    }
  return TRUE;
}

gboolean
itogi_store_backup (ItogiStore *store, const char *dest, GError **error)
{
  return backup_to (store, dest, ITOGI_OUTPUT_DEFAULT, error);
}

gboolean
itogi_store_backup_cancellable (ItogiStore *store, const char *dest, GCancellable *cancellable,
                                GError **error)
{
  GError *local = NULL;
  gboolean ok;

  if (cancellable != NULL)
    sqlite3_progress_handler (store->db, 1000, stop_if_cancelled, cancellable);
  ok = backup_to (store, dest, ITOGI_OUTPUT_DEFAULT, &local);
  sqlite3_progress_handler (store->db, 0, NULL, NULL);
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&local);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Cancelled: nothing was saved."));
      return FALSE;
    }
  if (!ok)
    g_propagate_error (error, local);
  return ok;
}

char *
itogi_store_backup_dir_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return g_build_filename (dir, "itogi-backups", NULL);
}

char *
itogi_store_backup_dir (ItogiStore *store)
{
  return itogi_store_backup_dir_for (store->path);
}

/* «itogi» for «…/itogi.db»: backups of that file are named «itogi-YYYYMMDD-HHMMSS-label.db». */
static char *
backup_stem (const char *path)
{
  char *base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  return base;
}

static gint
compare_names_desc (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)b, *(const char *const *)a);
}

GPtrArray *
itogi_store_list_backups (const char *path)
{
  g_autofree char *dir = itogi_store_backup_dir_for (path);
  g_autofree char *stem = backup_stem (path);
  g_autofree char *prefix = g_strdup_printf ("%s-", stem);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      const char *rest = name + strlen (prefix);
      /* Only our own names: the stem, a date and time, a label; not a half-written temporary. */
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db") && strlen (rest) > 15
          && g_ascii_isdigit (rest[0]) && rest[8] == '-' && rest[15] == '-')
        g_ptr_array_add (names, g_strdup (name));
    }
  /* The date and time lead the name, so the newest sorts first. */
  g_ptr_array_sort (names, compare_names_desc);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (paths, g_build_filename (dir, names->pdata[i], NULL));
  return paths;
}

GDateTime *
itogi_store_backup_time (const char *backup)
{
  g_autofree char *base = g_path_get_basename (backup);
  const char *p = base + strlen (base);
  int y, mo, d, h, mi, s;

  /* From the end: «-YYYYMMDD-HHMMSS-label.db»; the stem itself may hold dashes and digits. */
  for (; p > base; p--)
    if (sscanf (p, "-%4d%2d%2d-%2d%2d%2d-", &y, &mo, &d, &h, &mi, &s) == 6 && strlen (p) > 17 && p[9] == '-'
        && p[16] == '-')
      {
        if (!g_date_valid_dmy ((GDateDay)d, (GDateMonth)mo, (GDateYear)y))
          return NULL;
        return g_date_time_new_local (y, mo, d, h, mi, s);
      }
  return NULL;
}

char *
itogi_store_backup_named (ItogiStore *store, const char *label, GError **error)
{
  g_autofree char *dir = itogi_store_backup_dir (store);
  g_autofree char *base = backup_stem (store->path);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *file = g_strdup_printf ("%s-%s-%s.db", base, stamp, label);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);
      g_set_error (error, ITOGI_STORE_ERROR,
                   saved == ENOSPC ? ITOGI_STORE_ERROR_FULL : ITOGI_STORE_ERROR_READONLY,
                   _ ("The backup folder “%s” cannot be made: %s."), name, g_strerror (saved));
      return NULL;
    }
  if (!backup_to (store, path, ITOGI_OUTPUT_INTO_BACKUPS, error))
    return NULL;
  return g_steal_pointer (&path);
}

char *
itogi_store_daily_backup (ItogiStore *store, guint keep, GError **error)
{
  g_autofree char *dir = itogi_store_backup_dir (store);
  g_autofree char *base = backup_stem (store->path);
  g_autoptr (GPtrArray) daily = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y%m%d");
  g_autofree char *prefix = g_strdup_printf ("%s-", base);
  const char *name;
  char *made;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, "-daily.db"))
      g_ptr_array_add (daily, g_strdup (name));
  g_ptr_array_sort (daily, compare_names_desc);
  /* One a day: names start with the date, so the newest sorts first. */
  if (daily->len > 0 && g_str_has_prefix ((const char *)daily->pdata[0] + strlen (prefix), today))
    return g_strdup ("");
  made = itogi_store_backup_named (store, "daily", error);
  if (made == NULL)
    return NULL;
  /* The newest @keep are kept, counting the one just made. */
  for (guint i = keep > 0 ? keep - 1 : 0; i < daily->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, daily->pdata[i], NULL);
      g_unlink (old);
    }
  return made;
}

gboolean
itogi_store_move_aside (const char *path, const char *label, char **moved_to, GError **error)
{
  static const char *const names[] = { "", "-wal", "-shm", "-journal" };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *stem
      = g_str_has_suffix (path, ".db") ? g_strndup (path, strlen (path) - 3) : g_strdup (path);
  g_autofree char *aside = g_strdup_printf ("%s-%s-%s.db", stem, label, stamp);

  /* Never over an earlier one moved aside in the same second. */
  for (int n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s-%s-%s-%d.db", stem, label, stamp, n);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_strconcat (path, names[i], NULL);
      g_autofree char *to = g_strconcat (aside, names[i], NULL);
      GStatBuf st;

      if (g_lstat (from, &st) == 0 && g_rename (from, to) != 0)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_name (path);
          g_set_error (error, ITOGI_STORE_ERROR,
                       saved == ENOSPC ? ITOGI_STORE_ERROR_FULL : ITOGI_STORE_ERROR_READONLY,
                       _ ("“%s” could not be moved aside: %s."), name, g_strerror (saved));
          /* Whatever moved goes back, so the file and its journal stay together. */
          while (i-- > 0)
            {
              g_autofree char *back_from = g_strconcat (aside, names[i], NULL);
              g_autofree char *back_to = g_strconcat (path, names[i], NULL);
              g_rename (back_from, back_to);
            }
          return FALSE;
        }
    }
  fsync_directory_of (path);
  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&aside);
  return TRUE;
}

struct _ItogiRestore
{
  ItogiOutput *output; /* the checked copy, under its temporary name */
};

void
itogi_store_restore_abandon (ItogiRestore *restore)
{
  if (restore == NULL)
    return;
  itogi_output_abort (restore->output);
  g_free (restore);
}

ItogiRestore *
itogi_store_restore_prepare (const char *backup, const char *dest, const ItogiProgress *progress,
                             GError **error)
{
  GCancellable *cancellable = progress != NULL ? progress->cancellable : NULL;
  g_autoptr (ItogiStore) source = NULL;
  g_autoptr (ItogiRestore) restore = g_new0 (ItogiRestore, 1);
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (backup != NULL && dest != NULL, NULL);
  g_private_set (&job_cancellable, cancellable);
  /* The backup first: ours, whole, with its schema, not newer. Nothing is touched until it
   * passes. An older format is restored as it is, and upgraded when next opened. */
  ok = itogi_progress_step (progress, 0, 3, &local)
       && (source = open_checked (backup, OPEN_BRIEF | OPEN_OLDER, &local)) != NULL
       && itogi_progress_step (progress, 1, 3, &local);
  /* The database's place may be a link: the file it leads to is replaced, and kept aside. */
  if (ok)
    {
      GError *refused = NULL;

      restore->output = itogi_output_begin (dest, ITOGI_OUTPUT_REPLACING_DATABASE, &refused);
      if (restore->output == NULL)
        {
          propagate_output_error (&local, refused, dest);
          ok = FALSE;
        }
    }
  ok = ok && write_copy (source, restore->output, &local);
  g_clear_pointer (&source, itogi_store_free);
  ok = ok && itogi_progress_step (progress, 2, 3, &local) && check_copy (restore->output, &local);
  g_private_set (&job_cancellable, NULL);
  if (ok)
    return g_steal_pointer (&restore);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&local);
      g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Cancelled: nothing was restored."));
    }
  g_propagate_error (error, local);
  return NULL;
}

gboolean
itogi_store_restore_finish (ItogiRestore *restore, const char *aside_label, char **kept_aside, GError **error)
{
  g_autoptr (ItogiRestore) owned = restore;
  const char *target = itogi_output_get_target (restore->output);
  g_autofree char *aside = NULL;
  g_autofree char *free_now = NULL;
  GError *local = NULL;

  if (kept_aside != NULL)
    *kept_aside = NULL;
  /* Only a file this process has let go of is replaced. */
  free_now = itogi_output_resolve (target, ITOGI_OUTPUT_DEFAULT, &local);
  if (free_now == NULL)
    {
      propagate_output_error (error, local, target);
      return FALSE;
    }
  /* The current file is never deleted: it is moved aside, with its journal files. */
  if (g_file_test (target, G_FILE_TEST_EXISTS)
      && !itogi_store_move_aside (target, aside_label, &aside, error))
    {
      g_prefix_error (error, _ ("Nothing was restored: "));
      return FALSE;
    }
  if (!itogi_output_commit (g_steal_pointer (&owned->output), &local))
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
                   _ ("The backup could not be put in place: %s The previous file is kept as “%s”."),
                   local->message, aside != NULL ? aside : "");
      g_error_free (local);
      return FALSE;
    }
  if (kept_aside != NULL)
    *kept_aside = g_steal_pointer (&aside);
  return TRUE;
}

gboolean
itogi_store_restore (const char *backup, const char *dest, const char *aside_label, char **kept_aside,
                     GError **error)
{
  ItogiRestore *restore = itogi_store_restore_prepare (backup, dest, NULL, error);

  if (kept_aside != NULL)
    *kept_aside = NULL;
  return restore != NULL && itogi_store_restore_finish (restore, aside_label, kept_aside, error);
}

/* ---- checks ---- */

static gboolean
collect_checks (ItogiStore *store, const char *sql, GPtrArray *problems, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = itogi_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);
      GString *line = g_string_new (NULL);

      for (int i = 0; i < n; i++)
        {
          const char *v = (const char *)sqlite3_column_text (stmt, i);
          g_string_append_printf (line, "%s%s", i > 0 ? " " : "", v != NULL ? v : "—");
        }
      if (g_strcmp0 (line->str, "ok") != 0)
        g_ptr_array_add (problems, g_string_free (line, FALSE));
      else
        g_string_free (line, TRUE);
    }
  return rc == SQLITE_DONE || itogi_store_fail (store, rc, error);
}

GPtrArray *
itogi_store_check (ItogiStore *store, GError **error)
{
  if (store->engine != &itogi_store_sqlite_engine)
    return itogi_store_postgres_check (store, error);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) schema = itogi_store_schema_differences (store->db, store->schema_version, error);

  if (schema == NULL)
    return NULL;
  /* A file whose tables are another format's exactly: that one line says it all. */
  if (schema->len > 0)
    {
      int other = itogi_store_schema_matching_version (store->db);
      if (other >= 0)
        {
          g_ptr_array_add (problems, g_strdup_printf (_ ("Schema: the file says it is in data format %d, but "
                                                         "its tables are those of format %d"),
                                                      store->schema_version, other));
          g_ptr_array_set_size (schema, 0);
        }
    }
  for (guint i = 0; i < schema->len; i++)
    {
      /* Translators: one line of «itogi-cli check»: «Схема: нет триггера «tasks_insert»» */
      g_ptr_array_add (problems, g_strdup_printf (_ ("Schema: %s"), (const char *)schema->pdata[i]));
    }
  if (!collect_checks (store, "PRAGMA integrity_check", problems, error)
      || !collect_checks (store, "PRAGMA foreign_key_check", problems, error))
    return NULL;
  return g_steal_pointer (&problems);
}
