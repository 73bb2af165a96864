/* fuzz-csv.c: libFuzzer target for the CSV reader and the importer's checks
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -fsanitize=fuzzer when meson's 'fuzzing' option is on; otherwise fuzz-replay.c
 * feeds it the checked-in corpus as an ordinary test.
 */
#include "config.h"

#include <stdint.h>

#include "itogi-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiCsvTable) table = itogi_csv_parse ((const char *)data, size, &error);

  /* Either a table whose every field is valid UTF-8, or an error: never both, never neither. */
  g_assert_true ((table == NULL) != (error == NULL));
  if (table != NULL)
    for (guint r = 0; r < table->rows->len; r++)
      {
        ItogiCsvRow *row = table->rows->pdata[r];
        g_assert_true (row->line >= 1);
        for (guint f = 0; row->fields[f] != NULL; f++)
          g_assert_true (g_utf8_validate (row->fields[f], -1, NULL));
      }
  return 0;
}
