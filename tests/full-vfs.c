/* full-vfs.c: a SQLite VFS for tests that plays a disk running out of space
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "full-vfs.h"

/* Our file: the wrapper's header, with the real VFS's file right after it in the same block
 * (SQLite allocates szOsFile bytes for each file). */
typedef struct
{
  sqlite3_file base;
  sqlite3_file *real;
} FullFile;

static sqlite3_vfs full_vfs;
static sqlite3_vfs *real_vfs;
/* One table per io_methods version, so a wrapped file claims exactly what the real one has. */
static sqlite3_io_methods methods[4];
static gint64 budget = -1;
static guint refusals;

static sqlite3_file *
real_of (sqlite3_file *file)
{
  return ((FullFile *)file)->real;
}

static int
full_close (sqlite3_file *file)
{
  return real_of (file)->pMethods->xClose (real_of (file));
}

static int
full_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  return real_of (file)->pMethods->xRead (real_of (file), buf, amount, offset);
}

static int
full_write (sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
  if (budget >= 0)
    {
      if (amount > budget)
        {
          /* Nothing of this write lands: SQLite must cope with a write refused whole. */
          budget = 0;
          refusals++;
          return SQLITE_FULL;
        }
      budget -= amount;
    }
  return real_of (file)->pMethods->xWrite (real_of (file), buf, amount, offset);
}

static int
full_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return real_of (file)->pMethods->xTruncate (real_of (file), size);
}

static int
full_sync (sqlite3_file *file, int flags)
{
  return real_of (file)->pMethods->xSync (real_of (file), flags);
}

static int
full_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return real_of (file)->pMethods->xFileSize (real_of (file), size);
}

static int
full_lock (sqlite3_file *file, int level)
{
  return real_of (file)->pMethods->xLock (real_of (file), level);
}

static int
full_unlock (sqlite3_file *file, int level)
{
  return real_of (file)->pMethods->xUnlock (real_of (file), level);
}

static int
full_check_reserved_lock (sqlite3_file *file, int *out)
{
  return real_of (file)->pMethods->xCheckReservedLock (real_of (file), out);
}

static int
full_file_control (sqlite3_file *file, int op, void *arg)
{
  return real_of (file)->pMethods->xFileControl (real_of (file), op, arg);
}

static int
full_sector_size (sqlite3_file *file)
{
  return real_of (file)->pMethods->xSectorSize (real_of (file));
}

static int
full_device_characteristics (sqlite3_file *file)
{
  return real_of (file)->pMethods->xDeviceCharacteristics (real_of (file));
}

/* The WAL index lives in shared memory, not on the disk: it is not charged. */
static int
full_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return real_of (file)->pMethods->xShmMap (real_of (file), page, size, extend, out);
}

static int
full_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return real_of (file)->pMethods->xShmLock (real_of (file), offset, n, flags);
}

static void
full_shm_barrier (sqlite3_file *file)
{
  real_of (file)->pMethods->xShmBarrier (real_of (file));
}

static int
full_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return real_of (file)->pMethods->xShmUnmap (real_of (file), delete_flag);
}

static int
full_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return real_of (file)->pMethods->xFetch (real_of (file), offset, amount, out);
}

static int
full_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return real_of (file)->pMethods->xUnfetch (real_of (file), offset, page);
}

static int
full_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FullFile *ours = (FullFile *)file;
  int rc;

  ours->real = (sqlite3_file *)(ours + 1);
  rc = real_vfs->xOpen (real_vfs, name, ours->real, flags, out_flags);
  /* SQLite calls xClose when pMethods is set, even after a failed open: set it only with a
   * real file behind it. */
  if (ours->real->pMethods == NULL)
    ours->base.pMethods = NULL;
  else
    ours->base.pMethods = &methods[MIN (ours->real->pMethods->iVersion, 3)];
  return rc;
}

/* The rest of the VFS (delete, access, names, time, randomness…) is the real one's. */
static int
full_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
full_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
full_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

void
itogi_test_full_vfs_install (void)
{
  sqlite3_io_methods all = {
    .xClose = full_close,
    .xRead = full_read,
    .xWrite = full_write,
    .xTruncate = full_truncate,
    .xSync = full_sync,
    .xFileSize = full_file_size,
    .xLock = full_lock,
    .xUnlock = full_unlock,
    .xCheckReservedLock = full_check_reserved_lock,
    .xFileControl = full_file_control,
    .xSectorSize = full_sector_size,
    .xDeviceCharacteristics = full_device_characteristics,
    .xShmMap = full_shm_map,
    .xShmLock = full_shm_lock,
    .xShmBarrier = full_shm_barrier,
    .xShmUnmap = full_shm_unmap,
    .xFetch = full_fetch,
    .xUnfetch = full_unfetch,
  };

  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  for (int v = 1; v <= 3; v++)
    {
      methods[v] = all;
      methods[v].iVersion = v;
    }
  /* Version 1 files have no WAL support, and SQLite looks at the pointers too. */
  methods[1].xShmMap = NULL;
  methods[1].xShmLock = NULL;
  methods[1].xShmBarrier = NULL;
  methods[1].xShmUnmap = NULL;
  methods[1].xFetch = methods[2].xFetch = NULL;
  methods[1].xUnfetch = methods[2].xUnfetch = NULL;

  full_vfs = *real_vfs;
  full_vfs.szOsFile = (int)sizeof (FullFile) + real_vfs->szOsFile;
  full_vfs.zName = "itogi-test-full";
  full_vfs.pNext = NULL;
  full_vfs.xOpen = full_open;
  full_vfs.xDelete = full_delete;
  full_vfs.xAccess = full_access;
  full_vfs.xFullPathname = full_full_pathname;
  /* The other entries (dlopen, randomness, sleep, time, system calls) stay the real VFS's:
   * they are handed our copy, which carries the real one's pAppData and sizes. */
  g_assert_cmpint (sqlite3_vfs_register (&full_vfs, 1), ==, SQLITE_OK);
}

void
itogi_test_full_vfs_set_budget (gint64 bytes)
{
  budget = bytes < 0 ? -1 : bytes;
}

guint
itogi_test_full_vfs_refusals (void)
{
  return refusals;
}
