/* itogi-output.h: files written whole, and never over what they were not asked to write
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file Itogi writes for a person (a workbook, a CSV, a chart, a report, a backup) goes
 * through here. The name is followed through symbolic links to the file it leads to, which is
 * written whole under a temporary name in that file's folder, flushed, and renamed over it, so
 * the link stays a link and a failure leaves the old file as it was. Refused, with nothing
 * written: a device, a pipe, a socket or a folder; any database this process has open, its
 * -wal, -shm and -journal files, whatever name leads to them (`..`, symbolic or hard links);
 * and the backup folder of such a database, which holds only Itogi's own backups.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ITOGI_OUTPUT_ERROR (itogi_output_error_quark ())

typedef enum
{
  ITOGI_OUTPUT_ERROR_PROTECTED, /* the open database, its journal files or its backups */
  ITOGI_OUTPUT_ERROR_NOT_FILE,  /* a device, pipe, socket or folder */
  ITOGI_OUTPUT_ERROR_NO_FOLDER, /* the folder it would go in does not exist */
  ITOGI_OUTPUT_ERROR_FULL,      /* no room on the disk (or over a quota or size limit) */
  ITOGI_OUTPUT_ERROR_READONLY,  /* the folder cannot be written */
  ITOGI_OUTPUT_ERROR_FAILED,    /* the folder cannot be written, or another system error */
} ItogiOutputError;

typedef enum
{
  ITOGI_OUTPUT_DEFAULT = 0,
  /* Only for the store's own backups: may write in a protected database's backup folder. */
  ITOGI_OUTPUT_INTO_BACKUPS = 1 << 0,
  /* Only for restoring a backup: the temporary file may be written while the database it will
   * replace is open (the slow part, in a worker thread); its commit is refused until no connection
   * of this process has that database open any more. */
  ITOGI_OUTPUT_REPLACING_DATABASE = 1 << 1,
} ItogiOutputFlags;

GQuark itogi_output_error_quark (void);

/* What a file that is not a regular file is, for a message: «a folder», «a pipe», «a device»… */
const char *itogi_output_kind_of (guint mode);
/* The extension of @path's file name, in lower case and without its dot («xlsx»), or NULL. */
char *itogi_output_extension (const char *path);

/* The store calls these for every database it opens and closes: while any connection to it is
 * open, no output may be written over it, its journal files or its backups. Counted. */
void itogi_output_protect (const char *database);
void itogi_output_unprotect (const char *database);

/* The file that writing @path would replace or create: symbolic links followed, its folder made
 * canonical. NULL with an ITOGI_OUTPUT_ERROR, in plain words, when it must not be written. */
char *itogi_output_resolve (const char *path, ItogiOutputFlags flags, GError **error);

/* Before a file a person named is read whole (a CSV to import): refused, with plain words, when it
 * is not a regular file (reading a pipe would wait forever), when it is larger than @max_size
 * bytes, or when it is a database this process has open or one of its journal files (closing our
 * descriptor of it would drop the locks the process's connection holds on it). */
gboolean itogi_input_check (const char *path, goffset max_size, GError **error);

typedef struct _ItogiOutput ItogiOutput;

/* Checks @path as above and opens a temporary file beside the file it leads to (with that file's
 * permissions when it exists, and its owner where the process may give it). */
ItogiOutput *itogi_output_begin (const char *path, ItogiOutputFlags flags, GError **error);
/* The temporary file's name, for libraries that write a file by name (libxlsxwriter, SQLite's
 * VACUUM INTO); itogi_output_close_temp() first closes our descriptor of it. */
const char *itogi_output_get_temp_path (ItogiOutput *output);
/* The file it will become: @path as resolved. */
const char *itogi_output_get_target (ItogiOutput *output);
void itogi_output_close_temp (ItogiOutput *output);
/* Appends bytes; after the first failure writes nothing more and returns FALSE (the reason is
 * told by itogi_output_commit). */
gboolean itogi_output_write (ItogiOutput *output, const void *data, gsize len);
/* Flushes the temporary file to the disk and renames it over the target, then flushes the
 * folder. On any failure the temporary file is removed and the target is as it was. Frees. */
gboolean itogi_output_commit (ItogiOutput *output, GError **error);
/* Removes the temporary file and frees (NULL is ignored). */
void itogi_output_abort (ItogiOutput *output);

/* All of the above for bytes in memory. */
gboolean itogi_output_write_file (const char *path, const void *data, gsize len, GError **error);

/* Plain words for a failed write of @path with errno @e, as an ITOGI_OUTPUT_ERROR. */
void itogi_output_set_errno_error (GError **error, const char *path, int e);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiOutput, itogi_output_abort)

G_END_DECLS
