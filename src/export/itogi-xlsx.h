/* itogi-xlsx.h: the Excel workbook and the CSV table for the mayor's office
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <time.h>

#include "itogi-store.h"

#include "itogi-progress.h"

G_BEGIN_DECLS

#define ITOGI_EXPORT_ERROR (itogi_export_error_quark ())

typedef enum
{
  ITOGI_EXPORT_ERROR_FAILED,
  ITOGI_EXPORT_ERROR_WRITE,   /* the folder cannot be written, the disk is full… */
  ITOGI_EXPORT_ERROR_INVALID, /* bad years or areas */
} ItogiExportError;

typedef struct
{
  int year;
  int compare_year;
  const char *const *areas; /* slugs, or NULL for every area */
  time_t created;           /* 0: now; fixed for reproducible files */
} ItogiExportOptions;

GQuark itogi_export_error_quark (void);

/* The full workbook: «Сводка», one sheet per area with a native chart, «Задачи на YYYY год» and
 * «Пояснения». Written under a temporary name and renamed into place. */
gboolean itogi_export_xlsx (ItogiStore *store, const ItogiExportOptions *options, const char *path,
                            GError **error);
/* The same, its steps told to @progress (a sheet each, then packing the file) and cancelled by
 * it: a cancel leaves no file, under the final name or any other. */
gboolean itogi_export_xlsx_with (ItogiStore *store, const ItogiExportOptions *options, const char *path,
                                 const ItogiProgress *progress, GError **error);
/* The same tables as one CSV: UTF-8 with BOM, «;» between fields, CRLF line ends. */
gboolean itogi_export_csv (ItogiStore *store, const ItogiExportOptions *options, const char *path,
                           GError **error);
/* The kinds of file the tables are written to: one row each, read by the export dialog and
 * itogi-cli export. A writer tells its steps to @progress when it can (may be NULL). */
typedef struct
{
  const char *name;  /* the file name's extension and itogi-cli's --format word: "xlsx" */
  const char *label; /* for menus, untranslated (see itogi_table_format_label) */
  gboolean (*write) (ItogiStore *store, const ItogiExportOptions *options, const char *path,
                     const ItogiProgress *progress, GError **error);
} ItogiTableFormat;

/* Every format, the workbook first. */
const ItogiTableFormat *itogi_table_formats (guint *n_formats);
/* By its name («csv»), NULL when there is none. */
const ItogiTableFormat *itogi_table_format_find (const char *name);
/* By the file name's extension, any case; NULL when it names none. */
const ItogiTableFormat *itogi_table_format_for_path (const char *path);
/* «Книга Excel (.xlsx)» in the program's language. */
const char *itogi_table_format_label (const ItogiTableFormat *format);
/* «xlsx, csv»: every format's name, for messages and --help. */
char *itogi_table_format_names (void);

/* «Итоги 2023 к 2022.xlsx» */
char *itogi_export_suggest_name (int year, int compare_year, const char *extension);
/* A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, and unique among @taken without regard to case (Cyrillic included). The
 * result is added to @taken. */
char *itogi_export_sheet_name (const char *wanted, GPtrArray *taken);
/* Text that Excel would read as a formula (=, +, -, @ first) made safe for CSV. */
char *itogi_export_csv_text (const char *text);

G_END_DECLS
