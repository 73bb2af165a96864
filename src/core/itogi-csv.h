/* itogi-csv.h: CSV as offices produce it: UTF-8 with or without BOM, «;» or «,», quotes, CRLF or LF
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest file read as a table to import: far beyond any year of figures (100 000 rows take
 * a few megabytes), and small enough to read whole. */
#define ITOGI_CSV_MAX_FILE_SIZE ((goffset)128 * 1024 * 1024)

#define ITOGI_CSV_ERROR (itogi_csv_error_quark ())

typedef enum
{
  ITOGI_CSV_ERROR_ENCODING, /* not UTF-8 */
  ITOGI_CSV_ERROR_SYNTAX,   /* an unclosed quote, text after a closing quote */
  ITOGI_CSV_ERROR_RAGGED,   /* a row with a different number of fields than the header */
  ITOGI_CSV_ERROR_EMPTY,
  ITOGI_CSV_ERROR_TOO_BIG,
} ItogiCsvError;

typedef struct
{
  guint line; /* 1-based line where the row starts (a spreadsheet's row number) */
  GStrv fields;
  /* Where each field came from, when not from the column of its own index: its 1-based column
   * in @sheet (a row put together from a workbook's own layout). NULL: field i is column i + 1. */
  guint *origin;
  const char *sheet; /* the workbook sheet the row is from (owned by the table), or NULL */
} ItogiCsvRow;

typedef struct
{
  char delimiter;
  GPtrArray *rows; /* ItogiCsvRow; the first is the header */
  char *sheet;     /* a workbook sheet's name; NULL for a CSV file */
  gboolean hidden; /* a sheet the workbook hides */
} ItogiCsvTable;

/* An empty table (no header yet) of sheet @sheet (may be NULL); rows are added with
 * itogi_csv_table_add_row (). */
ItogiCsvTable *itogi_csv_table_new (const char *sheet);
/* A row of @fields (taken) at @line; @origin (taken, may be NULL) as in ItogiCsvRow. */
ItogiCsvRow *itogi_csv_table_add_row (ItogiCsvTable *table, guint line, GStrv fields, guint *origin);

/* At most this many bytes are read (a year's values fit many times over). */
#define ITOGI_CSV_MAX_BYTES (64 * 1024 * 1024)

GQuark itogi_csv_error_quark (void);
/* Parse @data (@length bytes, not necessarily NUL-terminated). The delimiter is «;» or «,»,
 * whichever the header line uses outside quotes (a tie is «;», as Russian Excel writes). */
ItogiCsvTable *itogi_csv_parse (const char *data, gsize length, GError **error);
void itogi_csv_table_free (ItogiCsvTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiCsvTable, itogi_csv_table_free)

G_END_DECLS
