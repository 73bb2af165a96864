/* fuzz-xlsx.c: libFuzzer target for the workbook reader and the import's reading of its sheets
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with -fsanitize=fuzzer when meson's 'fuzzing' option is on; otherwise fuzz-replay.c
 * feeds it the checked-in corpus as an ordinary test.
 */
#include "config.h"

#include <stdint.h>

#include "itogi-import.h"
#include "itogi-xlsx-read.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sheets = itogi_xlsx_read (data, size, &error);

  /* Either sheets whose every cell is valid UTF-8, or an error: never both, never neither. */
  g_assert_true ((sheets == NULL) != (error == NULL));
  if (sheets != NULL)
    {
      g_auto (ItogiImportReport) report = { 0 };
      g_autoptr (ItogiCsvTable) all = NULL;

      for (guint s = 0; s < sheets->len; s++)
        {
          ItogiCsvTable *sheet = sheets->pdata[s];
          g_assert_nonnull (sheet->sheet);
          for (guint r = 0; r < sheet->rows->len; r++)
            {
              ItogiCsvRow *row = sheet->rows->pdata[r];
              g_assert_true (row->line >= 1);
              for (guint f = 0; row->fields[f] != NULL; f++)
                g_assert_true (g_utf8_validate (row->fields[f], -1, NULL));
            }
        }
      /* The import's reading of the sheets: a table of the CSV columns, or a problem saying why not. */
      itogi_import_report_init (&report);
      all = itogi_import_workbook_table (sheets, &report);
      g_assert_true ((all == NULL) == (report.problems->len > 0));
      /* And its tasks sheets: four columns a row, or a problem. */
      {
        g_auto (ItogiImportReport) tasks_report = { 0 };
        g_autoptr (ItogiCsvTable) tasks = NULL;

        itogi_import_report_init (&tasks_report);
        tasks = itogi_import_workbook_tasks (sheets, &tasks_report);
        for (guint r = 0; tasks != NULL && r < tasks->rows->len; r++)
          g_assert_cmpuint (g_strv_length (((ItogiCsvRow *)tasks->rows->pdata[r])->fields), ==,
                            ITOGI_IMPORT_TASK_N_COLUMNS);
      }
    }
  return 0;
}
