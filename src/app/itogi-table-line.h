/* itogi-table-line.h: one line of a table (its header, or a row), its cells in shared columns
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The columns the lines of one table share: each column is as wide as the widest cell any line
 * has shown in it (it never narrows, so that lines scrolling in and out leave the others as they
 * are), and one column takes the width left. A plain struct shared by the lines, held by each. */
typedef struct _ItogiTableColumns ItogiTableColumns;

ItogiTableColumns *itogi_table_columns_new (guint n_columns, guint expanding);
ItogiTableColumns *itogi_table_columns_ref (ItogiTableColumns *columns);
void itogi_table_columns_unref (ItogiTableColumns *columns);
/* Shows or hides column @column in every line. */
void itogi_table_columns_set_visible (ItogiTableColumns *columns, guint column, gboolean visible);
gboolean itogi_table_columns_get_visible (ItogiTableColumns *columns, guint column);
/* The width the lines are given: a line asked for its height for no width (as a list view asks)
 * gives it for this one. The lines measure again after the frame when it changes. */
void itogi_table_columns_set_width_hint (ItogiTableColumns *columns, int width);
/* The columns measure their cells anew (other rows: they may be narrower now). */
void itogi_table_columns_reset (ItogiTableColumns *columns);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiTableColumns, itogi_table_columns_unref)

#define ITOGI_TYPE_TABLE_LINE (itogi_table_line_get_type ())
G_DECLARE_FINAL_TYPE (ItogiTableLine, itogi_table_line, ITOGI, TABLE_LINE, GtkWidget)

/* @columns shared with the table's other lines. */
GtkWidget *itogi_table_line_new (ItogiTableColumns *columns);
/* @cell in column @column, in place of the cell there before (which is taken down). */
void itogi_table_line_set_cell (ItogiTableLine *self, guint column, GtkWidget *cell);
GtkWidget *itogi_table_line_get_cell (ItogiTableLine *self, guint column);
/* A compact line (a header of titles that wrap) widens a column only as far as its cell's least
 * width: the rows' figures set the columns' widths. */
void itogi_table_line_set_compact (ItogiTableLine *self, gboolean compact);

G_END_DECLS
