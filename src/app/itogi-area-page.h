/* itogi-area-page.h: the page of one activity area
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-session.h"
#include "itogi-store.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_AREA_PAGE (itogi_area_page_get_type ())
G_DECLARE_FINAL_TYPE (ItogiAreaPage, itogi_area_page, ITOGI, AREA_PAGE, GtkWidget)

/* @store must outlive the page. @area NULL makes the Overview page (every area together). */
GtkWidget *itogi_area_page_new (ItogiSession *session, const ItogiArea *area);
const ItogiArea *itogi_area_page_get_area (ItogiAreaPage *self);
/* The page of one area made the page of @area: its titles now, the rest at the next
 * itogi_area_page_set_years(). Not for the Overview, nor for a page with typing not saved. Cheaper
 * than a page made anew: the table's row widgets stay, and show the new rows. */
void itogi_area_page_set_area (ItogiAreaPage *self, const ItogiArea *area);
/* Whether the page holds typing not saved: a figure refused or not yet offered, a task typed. */
gboolean itogi_area_page_has_unsaved (ItogiAreaPage *self);
/* Editing on or off (a server out of reach): the figures, the status moves, notes, tasks and the
 * indicators take nothing while off, and what was typed stays. */
void itogi_area_page_set_editable (ItogiAreaPage *self, gboolean editable);
/* The figures typed and not saved yet, offered for saving again; how many were saved. */
guint itogi_area_page_save_drafts (ItogiAreaPage *self);
/* Reload everything for @year against @compare_year; FALSE with @error when the store fails. */
gboolean itogi_area_page_set_years (ItogiAreaPage *self, int year, int compare_year, GError **error);
/* The Overview of many areas reads the areas its first frame does not show after that frame:
 * TRUE until all are in its table. */
gboolean itogi_area_page_is_filling (ItogiAreaPage *self);
GtkWidget *itogi_area_page_get_table (ItogiAreaPage *self);
GtkWidget *itogi_area_page_get_chart (ItogiAreaPage *self);

/* A narrow pane (a phone-sized window): the rows of buttons stacked, the margins smaller. */
void itogi_area_page_set_compact (ItogiAreaPage *self, gboolean compact);

G_END_DECLS
