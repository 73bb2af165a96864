/* itogi-area-page-private.h: what the area page's files share
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * itogi-area-page.c is the widget (its template, years, loading, sign-off); -actions.c what its
 * menus, buttons and cells change; -tasks.c the year's tasks and the coming year's; -chart.c what
 * the chart under the table (an ItogiChartSection: its kinds, files and clipboard) shows.
 */
#pragma once

#include <adwaita.h>

#include "itogi-area-page.h"
#include "itogi-chart-section.h"
#include "itogi-chart-view.h"
#include "itogi-idle-fill.h"
#include "itogi-indicator-table.h"

G_BEGIN_DECLS

struct _ItogiAreaPage
{
  GtkWidget parent_instance;

  ItogiStore *store;
  ItogiSession *session; /* the window's: each edit one undoable step */
  ItogiArea *area;       /* NULL on the Overview */
  GtkWidget *table;

  GtkWidget *scroller;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkWidget *rights_box; /* on a server: this area may only be read, and whom to ask */
  GtkLabel *rights_label;
  GtkWidget *status_box; /* the year's sign-off; hidden on the Overview */
  GtkImage *status_icon;
  GtkLabel *status_label;
  GtkWidget *status_back_button;
  GtkWidget *status_forward_button;
  GtkListBox *progress_list;    /* the Overview's: every area's sign-off and what it lacks */
  GtkWidget *progress_expander; /* its one row, made with the first reading */
  GPtrArray *progress;          /* ItogiAreaProgress of the year shown */
  GPtrArray *progress_rows;     /* AdwActionRow per area, only while unfolded */
  GPtrArray *progress_icons;    /* each row's status icon */
  gboolean progress_expanded;
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
  GPtrArray *tasks; /* ItogiTask, as listed: the year's own, then the coming year's; NULL on the Overview */
  GtkWidget *year_tasks_heading;
  GtkWidget *task_entry; /* the «New task» row, made again with the list */
  int task_entry_year;   /* the year its text is typed for */
  GtkListBox *year_tasks_list;
  GtkWidget *institutions_box;
  GtkLabel *institutions_heading;
  GtkListBox *institutions_list;
  ItogiChartSection *chart_section; /* the chart, its kind, its files */
  ItogiChartView *chart_view;       /* the section's */
  GtkWidget *page_box;              /* the page's sections, in the clamp */
  gboolean compact;                 /* a narrow pane: rows stacked, smaller margins */
  GtkWidget *chart_note;            /* on an Overview of too many indicators, in the chart's place */

  int year;
  int compare_year;
  gboolean syncing;
  /* A figure another desktop changed while it was being typed here: what it became, which the
   * next save of that cell («Keep Mine») writes over knowingly. */
  gint64 theirs_indicator;
  int theirs_year;
  ItogiValue theirs; /* a selection is being mirrored from table to chart or back */

  /* The Overview of many areas is read area by area: those its first frame shows at once, the
   * others after it, a few milliseconds' worth at a time. */
  GPtrArray *fill_areas; /* ItogiArea, in order */
  guint fill_next;       /* the next area to read */
  guint fill_offset;     /* the table's row where its rows go */
  ItogiIdleFill fill;
};

/* itogi-area-page.c */
GtkWindow *_itogi_area_page_page_window (ItogiAreaPage *self);
char *_itogi_area_page_short_text (const char *text);
void _itogi_area_page_changed_later (ItogiAreaPage *self, gint64 step);
gboolean _itogi_area_page_finish_step (ItogiAreaPage *self, gint64 step, gboolean ok, GError **error);
void _itogi_area_page_clear_list (GtkListBox *list);
void _itogi_area_page_show_status (ItogiAreaPage *self);
void _itogi_area_page_show_toast (ItogiAreaPage *self, const char *message);

/* itogi-area-page-actions.c */
void _itogi_area_page_class_actions_init (GtkWidgetClass *widget_class);
gboolean _itogi_area_page_edit_value (const ItogiTableRow *row, gboolean current, const char *text,
                                      gpointer data, GError **error);

/* itogi-area-page-tasks.c */
gboolean _itogi_area_page_load_tasks (ItogiAreaPage *self, int year, GError **error);

/* itogi-area-page-chart.c */
gboolean _itogi_area_page_too_many_to_chart (ItogiAreaPage *self, guint rows);
void _itogi_area_page_on_chart_item (ItogiAreaPage *self, int item);
void _itogi_area_page_reload_chart (ItogiAreaPage *self);
void _itogi_area_page_show_chart (ItogiAreaPage *self, ItogiChartModel *model, gboolean too_many,
                                  const GError *error);

/* The Overview charts this many rows at most (more, and it says so instead). */
#define OVERVIEW_CHART_MAX 60

G_END_DECLS
