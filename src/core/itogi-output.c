/* itogi-output.c: files written whole, and never over what they were not asked to write
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "itogi-output.h"

G_DEFINE_QUARK (itogi - output - error - quark, itogi_output_error)

/* Folder of the store's automatic backups, beside the database (see itogi_store_backup_dir_for). */
#define BACKUP_FOLDER "itogi-backups"

/* SQLite's files beside a database. */
static const char *const sidecars[] = { "", "-wal", "-shm", "-journal" };

typedef struct
{
  char *given;     /* as the store was opened */
  char *canonical; /* through every link, when it could be resolved */
  guint refs;
} Protected;

static GMutex protected_lock;
static GPtrArray *protected_list; /* Protected, guarded by protected_lock */

static void
protected_free (Protected *p)
{
  g_free (p->given);
  g_free (p->canonical);
  g_free (p);
}

/* @path with its folder made canonical (links and `..` resolved); the path itself when the
 * folder does not exist. Never opens anything. */
static char *
canonical_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *base = g_path_get_basename (absolute);
  char resolved[PATH_MAX];

  if (realpath (absolute, resolved) != NULL)
    return g_strdup (resolved);
  if (realpath (dir, resolved) != NULL)
    return g_build_filename (resolved, base, NULL);
  return g_steal_pointer (&absolute);
}

void
itogi_output_protect (const char *database)
{
  g_autofree char *canonical = canonical_path (database);

  g_mutex_lock (&protected_lock);
  if (protected_list == NULL)
    protected_list = g_ptr_array_new_with_free_func ((GDestroyNotify)protected_free);
  for (guint i = 0; i < protected_list->len; i++)
    {
      Protected *p = protected_list->pdata[i];
      if (g_strcmp0 (p->given, database) == 0)
        {
          p->refs++;
          g_mutex_unlock (&protected_lock);
          return;
        }
    }
  {
    Protected *p = g_new0 (Protected, 1);
    p->given = g_strdup (database);
    p->canonical = g_steal_pointer (&canonical);
    p->refs = 1;
    g_ptr_array_add (protected_list, p);
  }
  g_mutex_unlock (&protected_lock);
}

void
itogi_output_unprotect (const char *database)
{
  g_mutex_lock (&protected_lock);
  for (guint i = 0; protected_list != NULL && i < protected_list->len; i++)
    {
      Protected *p = protected_list->pdata[i];
      if (g_strcmp0 (p->given, database) == 0)
        {
          if (--p->refs == 0)
            g_ptr_array_remove_index (protected_list, i);
          break;
        }
    }
  if (protected_list != NULL && protected_list->len == 0)
    g_clear_pointer (&protected_list, g_ptr_array_unref);
  g_mutex_unlock (&protected_lock);
}

static gboolean
same_inode (const GStatBuf *a, const char *path)
{
  GStatBuf b;
  return g_stat (path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* Whether some file in @dir is the very file @st describes (a hard link to it). */
static gboolean
folder_holds_inode (const char *dir, const GStatBuf *st)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (same_inode (st, path))
        return TRUE;
    }
  return FALSE;
}

/* Whether the file @target (canonical; @st when it exists) belongs to the database @p: the file
 * itself, its journal files, or its backup folder. */
static gboolean
touches_database (const Protected *p, const char *target, const char *target_dir, const GStatBuf *st,
                  gboolean into_backups, gboolean *in_backups)
{
  const char *names[] = { p->canonical, p->given };

  *in_backups = FALSE;
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autofree char *db = canonical_path (names[n]);
      g_autofree char *given_dir = g_path_get_dirname (names[n]);
      g_autofree char *backups = g_build_filename (given_dir, BACKUP_FOLDER, NULL);
      g_autofree char *backups_canonical = canonical_path (backups);

      for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
        {
          g_autofree char *file = g_strconcat (db, sidecars[i], NULL);
          if (g_strcmp0 (file, target) == 0 || (st != NULL && same_inode (st, file)))
            return TRUE;
        }
      if (into_backups)
        continue;
      if (g_strcmp0 (target_dir, backups_canonical) == 0)
        {
          *in_backups = TRUE;
          return TRUE;
        }
      /* A hard link elsewhere to one of its backups. */
      if (st != NULL && st->st_nlink > 1 && folder_holds_inode (backups_canonical, st))
        {
          *in_backups = TRUE;
          return TRUE;
        }
    }
  return FALSE;
}

/* Follow symbolic links from @path to the name that would be written. */
static char *
follow_links (const char *path, GError **error)
{
  g_autofree char *current = g_canonicalize_filename (path, NULL);

  /* The limit the kernel itself uses for a chain of links. */
  for (int hops = 0; hops < 40; hops++)
    {
      GStatBuf st;
      g_autofree char *target = NULL;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        break;
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          g_autofree char *joined = g_build_filename (dir, target, NULL);
          g_free (current);
          current = g_canonicalize_filename (joined, NULL);
        }
      else
        {
          g_free (current);
          current = g_canonicalize_filename (target, NULL);
        }
    }
  {
    g_autofree char *name = g_filename_display_name (path);
    g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_NOT_FILE,
                 _ ("“%s” is a link that leads to no file (the links go round in a circle). Nothing was "
                    "written."),
                 name);
  }
  return NULL;
}

const char *
itogi_output_kind_of (guint mode)
{
  if (S_ISDIR (mode))
    return _ ("a folder");
  if (S_ISFIFO (mode))
    return _ ("a pipe");
  if (S_ISSOCK (mode))
    return _ ("a socket");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _ ("a device");
  return _ ("not a regular file");
}

char *
itogi_output_resolve (const char *path, ItogiOutputFlags flags, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *followed = NULL;
  g_autofree char *dir = NULL, *base = NULL;
  g_autofree char *target = NULL;
  char canonical_dir[PATH_MAX];
  GStatBuf st;
  gboolean exists;

  g_return_val_if_fail (path != NULL, NULL);
  name = g_filename_display_name (path);
  if (*path == '\0')
    {
      g_set_error_literal (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_NO_FOLDER,
                           _ ("No file name was given. Nothing was written."));
      return NULL;
    }
  followed = follow_links (path, error);
  if (followed == NULL)
    return NULL;
  dir = g_path_get_dirname (followed);
  base = g_path_get_basename (followed);
  if (realpath (dir, canonical_dir) == NULL)
    {
      g_autofree char *dir_name = g_filename_display_name (dir);
      g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_NO_FOLDER,
                   _ ("“%s” cannot be written: its folder “%s” does not exist. Nothing was written."), name,
                   dir_name);
      return NULL;
    }
  target = g_build_filename (canonical_dir, base, NULL);

  exists = g_lstat (target, &st) == 0;
  if ((exists && !S_ISREG (st.st_mode)) || g_strcmp0 (base, "/") == 0 || g_strcmp0 (base, ".") == 0
      || g_strcmp0 (base, "..") == 0)
    {
      /* Renaming a file over a device node or a pipe would replace the node, not write to it. */
      g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_NOT_FILE,
                   _ ("“%s” is %s, not a file: choose a file to write. Nothing was written."), name,
                   exists ? itogi_output_kind_of (st.st_mode) : itogi_output_kind_of (S_IFDIR));
      return NULL;
    }

  g_mutex_lock (&protected_lock);
  for (guint i = 0;
       (flags & ITOGI_OUTPUT_REPLACING_DATABASE) == 0 && protected_list != NULL && i < protected_list->len;
       i++)
    {
      Protected *p = protected_list->pdata[i];
      gboolean in_backups = FALSE;

      if (touches_database (p, target, canonical_dir, exists ? &st : NULL,
                            (flags & ITOGI_OUTPUT_INTO_BACKUPS) != 0, &in_backups))
        {
          g_autofree char *db_name = g_filename_display_name (p->given);
          if (in_backups)
            g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_PROTECTED,
                         _ ("“%s” is in the backup folder of the database “%s”, which holds only Itogi’s own "
                            "backups: choose another folder. Nothing was written."),
                         name, db_name);
          else
            g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_PROTECTED,
                         _ ("“%s” is the open database “%s” or one of its own files: choose another file. "
                            "Nothing was written."),
                         name, db_name);
          g_mutex_unlock (&protected_lock);
          return NULL;
        }
    }
  g_mutex_unlock (&protected_lock);
  return g_steal_pointer (&target);
}

gboolean
itogi_input_check (const char *path, goffset max_size, GError **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *canonical = NULL;
  g_autofree char *dir = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_FAILED, _ ("“%s” cannot be read: %s."), name,
                   g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_NOT_FILE,
                   _ ("“%s” is %s, not a file that can be read. Nothing was read."), name,
                   itogi_output_kind_of (st.st_mode));
      return FALSE;
    }
  if (max_size > 0 && st.st_size > max_size)
    {
      g_autofree char *size = g_format_size ((guint64)st.st_size);
      g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_NOT_FILE,
                   _ ("“%s” is too large (%s) to be a table of figures. Nothing was read."), name, size);
      return FALSE;
    }
  canonical = canonical_path (path);
  dir = g_path_get_dirname (canonical);
  g_mutex_lock (&protected_lock);
  for (guint i = 0; protected_list != NULL && i < protected_list->len; i++)
    {
      gboolean in_backups = FALSE;
      if (touches_database (protected_list->pdata[i], canonical, dir, &st, TRUE, &in_backups))
        {
          g_mutex_unlock (&protected_lock);
          g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_PROTECTED,
                       _ ("“%s” is the open database or one of its own files, not a table to import. Nothing "
                          "was read."),
                       name);
          return FALSE;
        }
    }
  g_mutex_unlock (&protected_lock);
  return TRUE;
}

/* ---- writing ---- */

struct _ItogiOutput
{
  char *path;   /* as given, for messages */
  char *target; /* resolved */
  char *tmp;
  int fd;
  int failed_errno; /* the first write's failure, 0 while all is well */
  ItogiOutputFlags flags;
};

static gboolean
errno_means_full (int e)
{
  /* A quota and a file-size limit stop the write exactly as a full disk does. */
  return e == ENOSPC || e == EDQUOT || e == EFBIG;
}

void
itogi_output_set_errno_error (GError **error, const char *path, int e)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dir_name = g_filename_display_name (dir);
  g_autofree char *name = g_filename_display_name (path);

  if (errno_means_full (e))
    g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_FULL,
                 _ ("The disk is full: “%s” was not saved, and nothing was left of it."), name);
  else if (e == EACCES || e == EPERM || e == EROFS)
    g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_READONLY,
                 _ ("Nothing can be saved in the folder “%s”: %s."), dir_name, g_strerror (e));
  else
    g_set_error (error, ITOGI_OUTPUT_ERROR, ITOGI_OUTPUT_ERROR_FAILED, _ ("Cannot save “%s”: %s."), name,
                 g_strerror (e));
}

ItogiOutput *
itogi_output_begin (const char *path, ItogiOutputFlags flags, GError **error)
{
  g_autofree char *target = itogi_output_resolve (path, flags, error);
  g_autofree char *dir = NULL, *tmp = NULL;
  ItogiOutput *output;
  GStatBuf st;
  int fd;

  if (target == NULL)
    return NULL;
  dir = g_path_get_dirname (target);
  /* A short name of our own: the target's name plus a suffix could pass the name-length limit. */
  tmp = g_build_filename (dir, ".itogi-part-XXXXXX", NULL);
  /* 0666 less the umask, as any new file; a file that exists keeps its permissions. */
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      itogi_output_set_errno_error (error, target, errno);
      return NULL;
    }
  if (g_stat (target, &st) == 0)
    {
      fchmod (fd, st.st_mode & 07777);
      /* And its owner, where this process may give it (root writing over a user's database must
       * not leave a file the user cannot open); otherwise it stays the writer's. */
      if ((st.st_uid != geteuid () || st.st_gid != getegid ()) && fchown (fd, st.st_uid, st.st_gid) != 0)
        errno = 0;
    }
  output = g_new0 (ItogiOutput, 1);
  output->path = g_strdup (path);
  output->target = g_steal_pointer (&target);
  output->tmp = g_steal_pointer (&tmp);
  output->fd = fd;
  output->flags = flags;
  return output;
}

const char *
itogi_output_get_temp_path (ItogiOutput *output)
{
  return output->tmp;
}

const char *
itogi_output_get_target (ItogiOutput *output)
{
  return output->target;
}

void
itogi_output_close_temp (ItogiOutput *output)
{
  if (output->fd >= 0)
    {
      if (close (output->fd) != 0 && output->failed_errno == 0)
        output->failed_errno = errno;
      output->fd = -1;
    }
}

gboolean
itogi_output_write (ItogiOutput *output, const void *data, gsize len)
{
  const guint8 *p = data;

  if (output->failed_errno != 0 || output->fd < 0)
    return FALSE;
  while (len > 0)
    {
      gssize n = write (output->fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          /* write() returning 0 for a non-empty buffer means no room either. */
          output->failed_errno = n < 0 ? errno : ENOSPC;
          return FALSE;
        }
      p += n;
      len -= (gsize)n;
    }
  return TRUE;
}

void
itogi_output_abort (ItogiOutput *output)
{
  if (output == NULL)
    return;
  if (output->fd >= 0)
    close (output->fd);
  g_unlink (output->tmp);
  g_free (output->tmp);
  g_free (output->target);
  g_free (output->path);
  g_free (output);
}

static int
fsync_named (const char *path, int flags)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | flags, 0);
  int e = 0;

  if (fd < 0)
    return errno;
  if (fsync (fd) != 0)
    e = errno;
  close (fd);
  return e;
}

gboolean
itogi_output_commit (ItogiOutput *output, GError **error)
{
  int e = output->failed_errno;

  /* On the disk before it takes the real name: a power cut never leaves an empty file there.
   * Some file systems report a full disk only now, at fsync or close. */
  if (e == 0 && output->fd >= 0 && fsync (output->fd) != 0)
    e = errno;
  else if (e == 0 && output->fd < 0)
    e = fsync_named (output->tmp, 0);
  itogi_output_close_temp (output);
  if (e == 0)
    e = output->failed_errno;
  /* A database is replaced only once this process has let go of it. */
  if (e == 0 && (output->flags & ITOGI_OUTPUT_REPLACING_DATABASE) != 0)
    {
      g_autofree char *free_now = itogi_output_resolve (output->target, ITOGI_OUTPUT_DEFAULT, error);
      if (free_now == NULL)
        {
          itogi_output_abort (output);
          return FALSE;
        }
    }
  if (e == 0 && g_rename (output->tmp, output->target) != 0)
    e = errno;
  if (e != 0)
    {
      itogi_output_set_errno_error (error, output->target, e);
      itogi_output_abort (output);
      return FALSE;
    }
  {
    g_autofree char *dir = g_path_get_dirname (output->target);
    fsync_named (dir, O_DIRECTORY);
  }
  g_free (output->tmp);
  g_free (output->target);
  g_free (output->path);
  g_free (output);
  return TRUE;
}

gboolean
itogi_output_write_file (const char *path, const void *data, gsize len, GError **error)
{
  ItogiOutput *output = itogi_output_begin (path, ITOGI_OUTPUT_DEFAULT, error);

  if (output == NULL)
    return FALSE;
  itogi_output_write (output, data, len);
  return itogi_output_commit (output, error);
}

char *
itogi_output_extension (const char *path)
{
  g_autofree char *name = path != NULL ? g_path_get_basename (path) : NULL;
  const char *dot = name != NULL ? strrchr (name, '.') : NULL;

  return dot != NULL && dot[1] != '\0' ? g_ascii_strdown (dot + 1, -1) : NULL;
}
