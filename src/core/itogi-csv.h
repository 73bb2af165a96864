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
  guint line; /* 1-based line where the row starts */
  GStrv fields;
} ItogiCsvRow;

typedef struct
{
  char delimiter;
  GPtrArray *rows; /* ItogiCsvRow; the first is the header */
} ItogiCsvTable;

/* At most this many bytes are read (a year's values fit many times over). */
#define ITOGI_CSV_MAX_BYTES (64 * 1024 * 1024)

GQuark itogi_csv_error_quark (void);
/* Parse @data (@length bytes, not necessarily NUL-terminated). The delimiter is «;» or «,»,
 * whichever the header line uses outside quotes (a tie is «;», as Russian Excel writes). */
ItogiCsvTable *itogi_csv_parse (const char *data, gsize length, GError **error);
void itogi_csv_table_free (ItogiCsvTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiCsvTable, itogi_csv_table_free)

G_END_DECLS
