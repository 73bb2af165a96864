/* itogi-indicator-table.h: the year-over-year table of indicators (GtkColumnView)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-table.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_INDICATOR_TABLE (itogi_indicator_table_get_type ())
G_DECLARE_FINAL_TYPE (ItogiIndicatorTable, itogi_indicator_table, ITOGI, INDICATOR_TABLE, GtkWidget)

/* Called when a figure was typed in a cell: save it, or say why not (the cell then keeps what was
 * typed and shows the message). @current is TRUE for the report year's column. */
typedef gboolean (*ItogiValueEditor) (const ItogiTableRow *row, gboolean current, const char *text,
                                      gpointer data, GError **error);
/* TRUE when a row of figures is on screen (mapped), not only in the model. */
gboolean itogi_indicator_table_shows_figures (ItogiIndicatorTable *self);
void itogi_indicator_table_set_editor (ItogiIndicatorTable *self, ItogiValueEditor editor, gpointer data);

/* Show each row's menu: «area.periods», «area.edit-indicator», «area.indicator-up»/«-down»,
 * «area.archive-indicator», «area.delete-indicator», each with the indicator's id (int64). */
void itogi_indicator_table_set_menu (ItogiIndicatorTable *self, gboolean menu);

GtkWidget *itogi_indicator_table_new (gboolean show_area);
/* Shows @rows (ItogiTableRow, the array is taken over) for @year against @compare_year. */
void itogi_indicator_table_set_rows (ItogiIndicatorTable *self, GPtrArray *rows, int year, int compare_year);
/* Select the row at @position (−1: none); emits "row-selected". */
void itogi_indicator_table_select (ItogiIndicatorTable *self, int position);
int itogi_indicator_table_get_selected (ItogiIndicatorTable *self);
GListModel *itogi_indicator_table_get_model (ItogiIndicatorTable *self);
guint itogi_indicator_table_get_n_rows (ItogiIndicatorTable *self);
/* Whether a cell holds typing not saved (refused, or not yet offered). */
gboolean itogi_indicator_table_has_drafts (ItogiIndicatorTable *self);
/* Whether its figures take typing: not while nothing can be saved (a server out of reach); what
 * was typed stays. */
void itogi_indicator_table_set_editable (ItogiIndicatorTable *self, gboolean editable);
/* Offer every figure typed and not saved yet for saving again, through the editor (the server is
 * back); how many were saved. Those refused again stay, saying why. */
guint itogi_indicator_table_save_drafts (ItogiIndicatorTable *self);
/* Rows are still coming after the first frame ("filled" is emitted when the last is in). */
gboolean itogi_indicator_table_is_filling (ItogiIndicatorTable *self);
/* A long table filled a part at a time (the Overview of many areas, area by area): @rows (taken)
 * for the positions from @offset on, @offset no further than the rows given before; @last when
 * no rows come after them. Rows of the same indicators as before are updated in place; from the
 * first that differs the rows are made anew. */
void itogi_indicator_table_put_rows (ItogiIndicatorTable *self, guint offset, GPtrArray *rows, gboolean last,
                                     int year, int compare_year);

/* The figure cell of the @row-th row, this year's (@current) or the comparison year's, or NULL
 * while the row has no widgets. */
GtkWidget *itogi_indicator_table_get_cell (ItogiIndicatorTable *self, guint row, gboolean current);

G_END_DECLS
