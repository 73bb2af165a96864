/* itogi-page.h: what the Overview and an area's page share: a table of indicators with its chart
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows, refreshes and asks its pages through this type: the years shown, the typing
 * not saved, editing on or off, a narrow pane. Each page is a final subclass with its own template
 * (ItogiAreaPage, ItogiOverviewPage); this one makes the table inside it, mirrors a selection
 * between table and chart, and owns what the table's cells and row menus change (the «indicator.»
 * actions). After a change it emits "changed" with the undoable step, once the handler of the
 * widget that asked has returned.
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-session.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_PAGE (itogi_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (ItogiPage, itogi_page, ITOGI, PAGE, GtkWidget)

struct _ItogiPageClass
{
  GtkWidgetClass parent_class;

  /* Everything read again for @year against @compare_year. */
  gboolean (*set_years) (ItogiPage *self, int year, int compare_year, GError **error);
  /* Whether rows are still being read after the first frame (default: never). */
  gboolean (*is_filling) (ItogiPage *self);
  /* Typing not saved besides the table's (default: none). */
  gboolean (*has_unsaved) (ItogiPage *self);
  /* Editing on or off for what the subclass adds (the table is done already). */
  void (*set_editable) (ItogiPage *self, gboolean editable);
  /* A narrow pane: rows of buttons stacked, smaller margins (the chart section is done already). */
  void (*set_compact) (ItogiPage *self, gboolean compact);
  /* The page's first frame since it was shown is painted: what was kept out of it may come now
   * (default: nothing; the chart is done already). */
  void (*painted) (ItogiPage *self);
};

/* Reload everything for @year against @compare_year; FALSE with @error when the store fails. */
gboolean itogi_page_set_years (ItogiPage *self, int year, int compare_year, GError **error);
/* TRUE while rows are still being read after the page's first frame (the Overview of many areas). */
gboolean itogi_page_is_filling (ItogiPage *self);
/* Whether the page holds typing not saved: a figure refused or not yet offered, a task typed. */
gboolean itogi_page_has_unsaved (ItogiPage *self);
/* The figures typed and not saved yet, offered for saving again; how many were saved. */
guint itogi_page_save_drafts (ItogiPage *self);
/* Editing on or off (a server out of reach): nothing is taken while off, and what was typed stays. */
void itogi_page_set_editable (ItogiPage *self, gboolean editable);
/* A narrow pane (a phone-sized window). */
void itogi_page_set_compact (ItogiPage *self, gboolean compact);
GtkWidget *itogi_page_get_table (ItogiPage *self);
GtkWidget *itogi_page_get_chart (ItogiPage *self);

G_END_DECLS
