/* itogi-figure-cell.h: one figure of the table, edited where it is shown
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ITOGI_TYPE_FIGURE_CELL (itogi_figure_cell_get_type ())
G_DECLARE_FINAL_TYPE (ItogiFigureCell, itogi_figure_cell, ITOGI, FIGURE_CELL, GtkEntry)

/* An entry that tells a figure typed by the user from one shown from the database. Only text the
 * user changed is offered for saving, through the "commit" signal: on Enter, Shift+Enter, or when
 * the keyboard leaves the cell. Enter and Shift+Enter then ask to "move" one row down or up.
 * Escape puts the shown figure back. Ctrl+Z takes typing back (never further than the shown
 * figure), Ctrl+Shift+Z or Ctrl+Y brings it back; in a cell with nothing typed they are the
 * window's "win.undo" and "win.redo", the database's history. */
GtkWidget *itogi_figure_cell_new (void);

/* Show @shown, the figure as stored; @draft, when not NULL, is text the user typed and has not
 * saved yet, shown instead and still to be saved. */
void itogi_figure_cell_show (ItogiFigureCell *self, const char *shown, const char *draft);
const char *itogi_figure_cell_get_shown (ItogiFigureCell *self);

/* Whether the user changed the text since the figure was shown or last saved. */
gboolean itogi_figure_cell_is_edited (ItogiFigureCell *self);

/* A message under the cell saying why the typed figure was not taken; hidden again when the text
 * is saved or put back. */
void itogi_figure_cell_show_problem (ItogiFigureCell *self, const char *message);
void itogi_figure_cell_hide_problem (ItogiFigureCell *self);
/* What a screen reader says of the figure (its date, its note) while no problem is shown. */
void itogi_figure_cell_set_description (ItogiFigureCell *self, const char *description);
/* Another desktop changed the figure while it was typed here (@message says to what, and who):
 * «Keep Mine» (or Enter) offers the typing for saving again, «Take Theirs» (or Escape) drops it
 * and has the window read the figures again. */
void itogi_figure_cell_show_conflict (ItogiFigureCell *self, const char *message);
/* The popover with that message, or NULL. */
GtkWidget *itogi_figure_cell_get_problem (ItogiFigureCell *self);

G_END_DECLS
