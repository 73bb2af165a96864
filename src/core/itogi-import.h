/* itogi-import.h: values from a CSV table, all or nothing
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "itogi-csv.h"
#include "itogi-progress.h"
#include "itogi-store.h"

G_BEGIN_DECLS

typedef enum
{
  ITOGI_IMPORT_COLUMN_AREA,
  ITOGI_IMPORT_COLUMN_INDICATOR,
  ITOGI_IMPORT_COLUMN_YEAR,
  ITOGI_IMPORT_COLUMN_PERIOD,
  ITOGI_IMPORT_COLUMN_VALUE,
  ITOGI_IMPORT_COLUMN_NOTE,
  ITOGI_IMPORT_COLUMN_AS_OF,
  ITOGI_IMPORT_N_COLUMNS
} ItogiImportColumn;

typedef struct
{
  guint line;   /* 1-based line of the file (a workbook's row); 0: the file as a whole */
  guint column; /* 1-based column, 0 for the whole row */
  char *message;
  char *sheet; /* the workbook sheet, NULL for a CSV file */
} ItogiImportProblem;

typedef struct
{
  int map[ITOGI_IMPORT_N_COLUMNS]; /* the table's column index for each, −1 when absent */
  guint rows;                      /* data rows read */
  guint values;                    /* values written (or that would be, in a dry run) */
  GPtrArray *problems;             /* ItogiImportProblem, in file order */
  gboolean fixed_map;              /* @map was chosen by the user: use it as it is */
  guint tasks;                     /* tasks added or changed (or that would be), of a tasks sheet */
  gint64 step;                     /* the edit step that wrote the values, 0 if none */
  const char *step_title;          /* the step's name in History; NULL: «Import from CSV» */
} ItogiImportReport;

void itogi_import_report_init (ItogiImportReport *report);
/* Where a problem is, as a person looks for it: «Line 3, column 2», or for a workbook «Sheet
 * «Кадры», row 3, column D»; «The file» for the file as a whole. */
char *itogi_import_problem_where (const ItogiImportProblem *p);
void itogi_import_report_clear (ItogiImportReport *report);
/* Recognise the columns from the header row («Показатель», «Год», «Значение»…, or English);
 * FALSE (with a problem each) when the indicator, year or value column is missing. */
gboolean itogi_import_map_columns (const ItogiCsvTable *table, ItogiImportReport *report);
/* Check every row; if none is bad and @dry_run is FALSE, write them all in one transaction.
 * Returns FALSE when anything is wrong: @report lists the problems by line and column, and
 * nothing was written. @error is set only when the database itself fails. */
gboolean itogi_import_csv (ItogiStore *store, const ItogiCsvTable *table, gboolean dry_run,
                           ItogiImportReport *report, GError **error);
/* The same, its progress told to @progress (the rows checked, then those written, of both) and
 * stopped by its cancel: then FALSE with G_IO_ERROR_CANCELLED, and nothing written. */
gboolean itogi_import_csv_with (ItogiStore *store, const ItogiCsvTable *table, gboolean dry_run,
                                ItogiImportReport *report, const ItogiProgress *progress, GError **error);

/* The figures of a workbook's sheets (ItogiCsvTable each, in order, as itogi_xlsx_read () gives
 * them), all or nothing as itogi_import_csv_with (): a sheet with a header row of the CSV columns
 * («Показатель», «Год», «Значение»…), and a sheet in the layout of Itogi's own workbook (its title
 * the area's, a header «Показатель» with year columns «2022 г.», «2023 г.») whose figures are
 * read with their qualifiers; and the tasks of its tasks sheets (itogi_import_workbook_tasks ()).
 * Other sheets (a summary, a hidden one) are passed over. FALSE with a problem when no sheet has
 * figures or tasks. */
/* The same sheets' figures as one table of the CSV columns, in their order (Направление,
 * Показатель, Год, Период, Значение, Примечание, По состоянию на), each row knowing its sheet,
 * row and columns; NULL, with a problem in @report, when no sheet has figures. */
ItogiCsvTable *itogi_import_workbook_table (GPtrArray *sheets, ItogiImportReport *report);
/* The same; with @none_ok (the workbook has tasks), the header row alone when no sheet has
 * figures, and no problem. */
ItogiCsvTable *itogi_import_workbook_figures (GPtrArray *sheets, ItogiImportReport *report, gboolean none_ok);
gboolean itogi_import_workbook_with (ItogiStore *store, GPtrArray *sheets, gboolean dry_run,
                                     ItogiImportReport *report, const ItogiProgress *progress,
                                     GError **error);

/* The columns of a tasks table. */
typedef enum
{
  ITOGI_IMPORT_TASK_AREA,
  ITOGI_IMPORT_TASK_YEAR,
  ITOGI_IMPORT_TASK_TEXT,
  ITOGI_IMPORT_TASK_DONE,
  ITOGI_IMPORT_TASK_N_COLUMNS
} ItogiImportTaskColumn;

/* The tasks of a workbook's tasks sheets, one table of the columns Направление, Год, Задача,
 * Выполнено (each row knowing its sheet, row and columns): a sheet whose header row has «Задача»
 * and «Направление» (or Task, Area), as Itogi's own workbook writes next year's tasks; the year
 * from a «Год» column, else from the sheet's title («Задачи на 2024 год») or name. NULL when the
 * workbook has no tasks sheet; a problem in @report for a tasks sheet that names no year. */
ItogiCsvTable *itogi_import_workbook_tasks (GPtrArray *sheets, ItogiImportReport *report);

/* Figures and tasks together, all or nothing, in one step: @figures as itogi_import_csv_with ()
 * reads them (it may hold only its header row), @tasks (NULL: none) as
 * itogi_import_workbook_tasks () gives them. A task already in the database for its area and
 * year, word for word, is not added again: its «done» is set as the file has it. Every problem
 * of either is listed. */
gboolean itogi_import_rows_with (ItogiStore *store, const ItogiCsvTable *figures, const ItogiCsvTable *tasks,
                                 gboolean dry_run, ItogiImportReport *report, const ItogiProgress *progress,
                                 GError **error);

/* The period column: empty, «год» or «Year» for the whole year; «Q1»…«Q4», «2 квартал», «II
 * квартал», «2 кв.», «Quarter II» for a quarter; «1»…«12», «M3», «март» or «March» for a month.
 * FALSE for anything else, invalid UTF-8 included. */
gboolean itogi_import_parse_period (const char *text, ItogiPeriodType *period, int *index);
/* «31.12.2022» or «2022-12-31», years 1900…2200, as «2022-12-31»; NULL when it is not such a date. */
char *itogi_import_parse_date (const char *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItogiImportReport, itogi_import_report_clear)

G_END_DECLS
