/* itogi-report-file.c: a document written whole beside its name, then renamed into place
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "itogi-format.h"
#include "itogi-report-file.h"
#include "itogi-table.h"
#include "itogi-xlsx.h"

struct _ItogiReportFile
{
  char *path;
  char *tmp;
  int fd;
  int failed_errno; /* the first write's failure, 0 while all is well */
};

static gboolean
errno_means_full (int e)
{
  /* A quota and a file-size limit stop the write exactly as a full disk does. */
  return e == ENOSPC || e == EDQUOT || e == EFBIG;
}

static void
set_write_error (GError **error, const char *path, int e)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dir_name = g_filename_display_name (dir);
  g_autofree char *name = g_filename_display_name (path);

  /* The same words as the workbook's export, already translated. */
  if (errno_means_full (e))
    g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE,
                 _ ("The disk is full: nothing was saved in “%s”."), dir_name);
  else
    g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE, _ ("Cannot save “%s”: %s."), name,
                 g_strerror (e));
}

ItogiReportFile *
itogi_report_file_begin (const char *path, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part-XXXXXX", NULL);
  ItogiReportFile *file;
  int fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *dir_name = g_filename_display_name (dir);

      if (errno_means_full (saved))
        g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE,
                     _ ("The disk is full: nothing was saved in “%s”."), dir_name);
      else
        g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE,
                     _ ("Nothing can be saved in the folder “%s”: %s."), dir_name, g_strerror (saved));
      return NULL;
    }
  file = g_new0 (ItogiReportFile, 1);
  file->path = g_strdup (path);
  file->tmp = g_steal_pointer (&tmp);
  file->fd = fd;
  return file;
}

gboolean
itogi_report_file_write (ItogiReportFile *file, const void *data, gsize len)
{
  const guint8 *p = data;

  if (file->failed_errno != 0)
    return FALSE;
  while (len > 0)
    {
      gssize n = write (file->fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          /* write() returning 0 for a non-empty buffer means no room either. */
          file->failed_errno = n < 0 ? errno : ENOSPC;
          return FALSE;
        }
      p += n;
      len -= (gsize)n;
    }
  return TRUE;
}

void
itogi_report_file_abort (ItogiReportFile *file)
{
  if (file == NULL)
    return;
  if (file->fd >= 0)
    close (file->fd);
  g_unlink (file->tmp);
  g_free (file->tmp);
  g_free (file->path);
  g_free (file);
}

gboolean
itogi_report_file_commit (ItogiReportFile *file, GError **error)
{
  int e = file->failed_errno;

  /* On the disk before it takes the real name: a power cut never leaves an empty file there.
   * Some file systems report a full disk only now, at fsync or close. */
  if (e == 0 && fsync (file->fd) != 0)
    e = errno;
  if (close (file->fd) != 0 && e == 0)
    e = errno;
  file->fd = -1;
  if (e == 0 && g_rename (file->tmp, file->path) != 0)
    e = errno;
  if (e != 0)
    {
      set_write_error (error, file->path, e);
      itogi_report_file_abort (file);
      return FALSE;
    }
  {
    g_autofree char *dir = g_path_get_dirname (file->path);
    int dfd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (dfd >= 0)
      {
        fsync (dfd);
        close (dfd);
      }
  }
  g_free (file->tmp);
  g_free (file->path);
  g_free (file);
  return TRUE;
}

ItogiChartModel *
itogi_report_chart_model (ItogiStore *store, const ItogiNarrativeSection *section, int year, int compare_year,
                          GError **error)
{
  ItogiChartKind kind = ITOGI_CHART_AUTO;
  ItogiChartModel *model;
  g_autofree char *office = NULL;
  g_autofree char *y = NULL, *c = NULL;

  if (g_strcmp0 (section->chart, "none") == 0)
    return NULL;
  if (section->chart != NULL && !itogi_chart_kind_from_string (section->chart, &kind))
    kind = ITOGI_CHART_AUTO;
  model = itogi_chart_model_new_for_area (store, section->slug, kind, year, compare_year, error);
  if (model == NULL)
    return NULL;
  /* Document text, not interface text: Russian even when the program runs in another language. */
  y = itogi_format_year (year);
  c = itogi_format_year (compare_year);
  office = itogi_store_get_meta (store, "office");
  g_free (model->subtitle);
  model->subtitle = g_strdup_printf ("%s к %s", y, c);
  g_free (model->source);
  model->source = g_strdup_printf ("Источник: %s, «Итоги»", office != NULL ? office : "управление делами");
  return model;
}

static const char *
or_dash (const char *text)
{
  /* An empty cell in print reads as forgotten: a missing figure is a dash, as ГОСТ asks. */
  return text != NULL && *text != '\0' ? text : "—";
}

GPtrArray *
itogi_report_table_cells (GPtrArray *rows, int year, int compare_year)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  /* Document text: the headings are Russian whatever the interface language. */
  g_ptr_array_add (cells, g_strdup ("Показатель"));
  g_ptr_array_add (cells, g_strdup ("Ед. изм."));
  g_ptr_array_add (cells, itogi_format_year (compare_year));
  g_ptr_array_add (cells, itogi_format_year (year));
  g_ptr_array_add (cells, g_strdup ("Изменение"));
  g_ptr_array_add (cells, g_strdup ("Изменение, %"));
  for (guint r = 0; r < rows->len; r++)
    {
      const ItogiTableRow *row = rows->pdata[r];
      g_auto (ItogiTableRowText) text = { 0 };

      itogi_table_row_format (row, &text);
      g_ptr_array_add (cells, g_strdup (row->indicator->title));
      g_ptr_array_add (cells, g_strdup (or_dash (row->indicator->unit)));
      g_ptr_array_add (cells, g_strdup (or_dash (text.previous)));
      g_ptr_array_add (cells, g_strdup (or_dash (text.current)));
      g_ptr_array_add (cells, g_strdup (or_dash (text.delta)));
      g_ptr_array_add (cells, g_strdup (or_dash (text.percent)));
    }
  return cells;
}
