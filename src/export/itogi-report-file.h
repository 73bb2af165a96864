/* itogi-report-file.h: a document written whole beside its name, then renamed into place
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the PDF and ODT report writers, over the core's ItogiOutput: the bytes go to a
 * temporary file in the folder of the file the name leads to, are flushed to the disk, and only
 * then take the real name. A full disk, a read-only folder or any other failure leaves the old
 * file (if any) as it was and no partial file; the open database, its journal files, its backups,
 * devices, pipes and folders are refused before anything is written.
 */
#pragma once

#include <glib.h>

#include "itogi-chart-model.h"
#include "itogi-narrative.h"

G_BEGIN_DECLS

typedef struct _ItogiReportFile ItogiReportFile;

/* Makes the temporary file beside @path; NULL with an ITOGI_EXPORT_ERROR_WRITE in plain words. */
ItogiReportFile *itogi_report_file_begin (const char *path, GError **error);
/* Appends @len bytes. After the first failure it writes nothing more and returns FALSE; the
 * reason is told by itogi_report_file_commit. */
gboolean itogi_report_file_write (ItogiReportFile *file, const void *data, gsize len);
/* Flushes, closes and renames into place; on any failure removes the temporary file. Frees @file. */
gboolean itogi_report_file_commit (ItogiReportFile *file, GError **error);
/* Removes the temporary file and frees @file (NULL is ignored). */
void itogi_report_file_abort (ItogiReportFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiReportFile, itogi_report_file_abort)

/* The report's faces: PT fonts where installed (made for Russian); DejaVu, which Debian always
 * has, otherwise. */
#define ITOGI_REPORT_SERIF "PT Serif,DejaVu Serif,serif"
#define ITOGI_REPORT_SANS "PT Sans,DejaVu Sans,sans-serif"

/* The one family of @families (a list as above) that this machine draws them with: the PDF's
 * face, which the ODT names so that both documents look the same. */
char *itogi_report_font_family (const char *families);

/* The chart of @section as the report prints it: the kind chosen for it (none: NULL without an
 * error), and its subtitle and source line in Russian whatever the interface language, because
 * the document is Russian. */
ItogiChartModel *itogi_report_chart_model (ItogiStore *store, const ItogiNarrativeSection *section, int year,
                                           int compare_year, GError **error);

/* The year-over-year table as the documents print it: ITOGI_REPORT_TABLE_COLUMNS cells a row, the
 * header row first, then each of @rows (ItogiTableRow) with the very words and figures the
 * window's table shows, and a dash for a missing figure. */
#define ITOGI_REPORT_TABLE_COLUMNS 6
GPtrArray *itogi_report_table_cells (GPtrArray *rows, int year, int compare_year);

G_END_DECLS
