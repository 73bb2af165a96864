/* itogi-table.h: the year-over-year table of an area (or of all areas), as every view shows it
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "itogi-model.h"
#include "itogi-store.h"
#include "itogi-yoy.h"

G_BEGIN_DECLS

typedef struct
{
  ItogiArea *area;           /* owned copy */
  ItogiIndicator *indicator; /* owned copy */
  ItogiValue previous;
  ItogiValue current;
  ItogiYoy yoy;
  ItogiAssessment assessment;
  /* Each year as its months (or quarters) make it, when a year figure was typed whole beside
   * them; the *_mismatch flags say the two disagree. */
  ItogiValue previous_periods;
  ItogiValue current_periods;
  gboolean previous_mismatch;
  gboolean current_mismatch;
} ItogiTableRow;

typedef struct
{
  ItogiTableRow *row;
  char *previous; /* «23 142», «более 8 000», "" when missing */
  char *current;
  char *delta;   /* «−334», «≈ +40», «—» */
  char *percent; /* «−1,4 %», «—» */
} ItogiTableRowText;

void itogi_table_row_free (ItogiTableRow *row);
/* Rows of one area (@area_slug) or of every area (NULL), for @year against @compare_year. */
GPtrArray *itogi_table_build (ItogiStore *store, const char *area_slug, int year, int compare_year,
                              GError **error);
/* The formatted cells of a row, shared by the window and the command line. */
void itogi_table_row_format (const ItogiTableRow *row, ItogiTableRowText *text);
void itogi_table_row_text_clear (ItogiTableRowText *text);
/* The latest year with data, or the current calendar year in an empty database. */
int itogi_table_latest_year (ItogiStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiTableRow, itogi_table_row_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItogiTableRowText, itogi_table_row_text_clear)

G_END_DECLS
