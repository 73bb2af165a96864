/* itogi-xlsx-read.h: the sheets of an .xlsx workbook as tables of text, to import
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "itogi-csv.h"

G_BEGIN_DECLS

/* The most a workbook may hold, unpacked: its sheets' XML together (a year's figures take a
 * few megabytes), so that a small hostile file cannot unpack into gigabytes. */
#define ITOGI_XLSX_MAX_UNPACKED ((gsize)256 * 1024 * 1024)
/* The most columns a sheet may use, and cells a workbook may hold. */
#define ITOGI_XLSX_MAX_COLUMNS 1024
#define ITOGI_XLSX_MAX_CELLS 8000000

/* The sheets of the workbook in @data (@length bytes), in the workbook's order: an ItogiCsvTable
 * each (its name in ->sheet, ->hidden for a hidden sheet), of the rows that hold anything, each
 * row as wide as the widest, ->line its row number. A cell reads as its text; a number as plain
 * ASCII («779054.51»), after its number format's qualifier word when it has one («более 8000»),
 * ×100 under a percent format; a date as «2023-12-31». NULL with ITOGI_CSV_ERROR when the file
 * is not a workbook, is damaged, holds a DTD, or is larger than the limits above. */
GPtrArray *itogi_xlsx_read (const guint8 *data, gsize length, GError **error);
/* The same, from the file @path. */
GPtrArray *itogi_xlsx_read_file (const char *path, GError **error);
/* Whether @data starts as a zip archive does (an .xlsx, not a CSV). */
gboolean itogi_xlsx_looks_like (const guint8 *data, gsize length);

G_END_DECLS
