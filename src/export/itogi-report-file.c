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
#include <pango/pangocairo.h>
#include <unistd.h>

#include "itogi-format.h"
#include "itogi-output.h"
#include "itogi-report-file.h"
#include "itogi-table.h"
#include "itogi-xlsx.h"

struct _ItogiReportFile
{
  ItogiOutput *output;
};

/* The writer's refusals and failures, in the export's own error domain with their plain words. */
static void
propagate_write_error (GError **error, GError *local)
{
  g_set_error_literal (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_WRITE, local->message);
  g_error_free (local);
}

ItogiReportFile *
itogi_report_file_begin (const char *path, GError **error)
{
  GError *local = NULL;
  ItogiOutput *output = itogi_output_begin (path, ITOGI_OUTPUT_DEFAULT, &local);
  ItogiReportFile *file;

  if (output == NULL)
    {
      propagate_write_error (error, local);
      return NULL;
    }
  file = g_new0 (ItogiReportFile, 1);
  file->output = output;
  return file;
}

gboolean
itogi_report_file_write (ItogiReportFile *file, const void *data, gsize len)
{
  return itogi_output_write (file->output, data, len);
}

void
itogi_report_file_abort (ItogiReportFile *file)
{
  if (file == NULL)
    return;
  itogi_output_abort (file->output);
  g_free (file);
}

gboolean
itogi_report_file_commit (ItogiReportFile *file, GError **error)
{
  GError *local = NULL;
  gboolean ok = itogi_output_commit (g_steal_pointer (&file->output), &local);

  g_free (file);
  if (!ok)
    propagate_write_error (error, local);
  return ok;
}

char *
itogi_report_font_family (const char *families)
{
  /* A font map of its own: the writers run in worker threads. */
  g_autoptr (PangoFontMap) map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *desc = pango_font_description_new ();
  g_autoptr (PangoFont) font = NULL;
  char *family = NULL;

  pango_font_description_set_family (desc, families);
  pango_font_description_set_size (desc, 12 * PANGO_SCALE);
  font = pango_font_map_load_font (map, context, desc);
  pango_font_description_free (desc);
  g_object_unref (context);
  if (font != NULL)
    {
      PangoFontDescription *got = pango_font_describe (font);
      family = g_strdup (pango_font_description_get_family (got));
      pango_font_description_free (got);
    }
  if (family == NULL || *family == '\0')
    {
      /* None at all: the list's first, for the reader's own fonts to stand in. */
      g_auto (GStrv) names = g_strsplit (families, ",", 2);
      g_free (family);
      family = g_strdup (names[0]);
    }
  return family;
}

ItogiChartModel *
itogi_report_chart_model (ItogiStore *store, const ItogiNarrativeSection *section, int year, int compare_year,
                          GError **error)
{
  ItogiChartKind kind = ITOGI_CHART_AUTO;
  ItogiChartModel *model;
  if (g_strcmp0 (section->chart, "none") == 0)
    return NULL;
  if (section->chart != NULL && !itogi_chart_kind_from_string (section->chart, &kind))
    kind = ITOGI_CHART_AUTO;
  model = itogi_chart_model_new_for_area (store, section->slug, kind, year, compare_year, error);
  if (model == NULL)
    return NULL;
  /* Document text, not interface text: Russian even when the program runs in another language. */
  itogi_chart_model_use_document_captions (model, store, FALSE);
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
