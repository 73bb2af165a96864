/* itogi-area-page-private.h: what the area page's files share
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * itogi-area-page.c is the widget (its template, years, loading, sign-off); -actions.c what its
 * own buttons change (the area's notes, its year's sign-off, a new indicator; the table's cells and
 * row menus are ItogiPage's); -tasks.c the year's tasks and the coming year's.
 */
#pragma once

#include <adwaita.h>

#include "itogi-area-page.h"
#include "itogi-page-private.h"

G_BEGIN_DECLS

struct _ItogiAreaPage
{
  ItogiPage parent_instance;

  ItogiStore *store;     /* the page's (ItogiPage's) */
  ItogiSession *session; /* the window's: each edit one undoable step */
  ItogiArea *area;
  int year; /* the years shown, 0 before the first reading */
  int compare_year;

  GtkWidget *scroller;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkWidget *rights_box; /* on a server: this area may only be read, and whom to ask */
  GtkLabel *rights_label;
  GtkWidget *status_box; /* the year's sign-off */
  GtkImage *status_icon;
  GtkLabel *status_label;
  GtkWidget *status_back_button;
  GtkWidget *status_forward_button;
  AdwStatusPage *empty_state;
  GtkBox *table_box;
  GtkWidget *structure_box;
  GtkWidget *add_button;
  GtkWidget *empty_add_button;
  GtkWidget *archived_button;
  GtkWidget *notes_box;
  GtkLabel *notes_heading;
  GtkLabel *notes_label;
  GtkWidget *notes_button;
  GtkWidget *tasks_box;
  GtkLabel *tasks_heading;
  GtkListBox *tasks_list;
  GPtrArray *tasks; /* ItogiTask, as listed: the year's own, then the coming year's */
  GtkWidget *year_tasks_heading;
  GtkWidget *task_entry; /* the «New task» row, made again with the list */
  int task_entry_year;   /* the year its text is typed for */
  GtkListBox *year_tasks_list;
  GtkWidget *institutions_box;
  GtkLabel *institutions_heading;
  GtkListBox *institutions_list;
  ItogiChartSection *chart_section; /* the chart, its kind, its files */
  GtkWidget *page_box;              /* the page's sections, in the clamp */
  gboolean compact;                 /* a narrow pane: rows stacked, smaller margins */
};

/* itogi-area-page.c */
void _itogi_area_page_show_status (ItogiAreaPage *self);

/* itogi-area-page-actions.c */
void _itogi_area_page_class_actions_init (GtkWidgetClass *widget_class);

/* itogi-area-page-tasks.c */
gboolean _itogi_area_page_load_tasks (ItogiAreaPage *self, int year, GError **error);

G_END_DECLS
