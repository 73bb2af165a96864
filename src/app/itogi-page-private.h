/* itogi-page-private.h: what an ItogiPage subclass calls
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * itogi-page.c is the type (its table, chart and years); itogi-page-actions.c what the table's
 * cells and row menus change.
 */
#pragma once

#include <adwaita.h>

#include "itogi-chart-section.h"
#include "itogi-chart-view.h"
#include "itogi-indicator-table.h"
#include "itogi-page.h"

G_BEGIN_DECLS

/* The base's own state (itogi-page.c and itogi-page-actions.c only). */
typedef struct
{
  ItogiSession *session; /* the window's: each edit one undoable step */
  ItogiStore *store;
  ItogiIndicatorTable *table;
  ItogiChartSection *chart_section;
  ItogiChartView *chart_view; /* the section's */
  GtkWidget *chart_note;      /* in the chart's place when the rows are too many, or NULL */
  guint chart_max;            /* 0: no limit */
  char *slug;                 /* the area charted, NULL for every area */
  int year;                   /* the years shown (0 before the first reading) */
  int compare_year;
  gboolean syncing; /* a selection is being mirrored from table to chart or back */
  /* Not yet painted since it was last shown: its chart waits for the frame after the first one. */
  gboolean unpainted;
  gulong painted_id; /* on the frame clock, while waiting for the first frame */
  GdkFrameClock *painted_clock;
  /* A figure another desktop changed while it was being typed here: what it became, which the
   * next save of that cell («Keep Mine») writes over knowingly. */
  gint64 theirs_indicator;
  int theirs_year;
  ItogiValue theirs;
} ItogiPagePrivate;

ItogiPagePrivate *_itogi_page_priv (ItogiPage *self);

/* From the subclass's init, once its template is made: the table goes at the end of @table_box,
 * @chart_section shows its rows. @overview: the table of every area (each area's name heads its
 * rows). @chart_note, if not NULL, stands in the chart's place when the rows are more than
 * @chart_max (0: no limit). */
void _itogi_page_setup (ItogiPage *self, GtkBox *table_box, ItogiChartSection *chart_section,
                        gboolean overview, GtkWidget *chart_note, guint chart_max);
/* From the subclass's constructor. */
void _itogi_page_set_session (ItogiPage *self, ItogiSession *session);
ItogiIndicatorTable *_itogi_page_get_indicator_table (ItogiPage *self);
/* Whether the page's first frame since it was shown is still to be painted (and ::painted to be
 * called): what that frame can do without waits for it. */
gboolean _itogi_page_is_unpainted (ItogiPage *self);

/* The rows of @year against @compare_year into the table (taking @rows), and the chart of them
 * (@slug the area's, NULL for every area; @title what its files are called). @complete FALSE: more
 * rows follow with _itogi_page_put_rows(), and the chart waits for them. */
void _itogi_page_show_rows (ItogiPage *self, GPtrArray *rows, gboolean complete, const char *slug,
                            const char *title, int year, int compare_year);
/* More rows, at @offset; @last: the table is whole. */
void _itogi_page_put_rows (ItogiPage *self, guint offset, GPtrArray *rows, gboolean last);

GtkWindow *_itogi_page_window (ItogiPage *self);
void _itogi_page_show_toast (ItogiPage *self, const char *message);
/* A title shortened for a history entry. */
char *_itogi_page_short_text (const char *text);
/* Emit "changed" with @step from an idle, once the handler of the widget that asked has returned. */
void _itogi_page_changed_later (ItogiPage *self, gint64 step);
/* After a write made inside @step: commit it and tell the window, or take it back whole. */
gboolean _itogi_page_finish_step (ItogiPage *self, gint64 step, gboolean ok, GError **error);
void _itogi_page_clear_list (GtkListBox *list);
/* The indicator dialog for @ind (a new one when its id is 0), saved as one undoable step. */
void _itogi_page_edit_indicator (ItogiPage *self, const ItogiIndicator *ind);

/* itogi-page-actions.c */
void _itogi_page_class_actions_init (GtkWidgetClass *widget_class);
gboolean _itogi_page_edit_value (const ItogiTableRow *row, gboolean current, const char *text, gpointer data,
                                 GError **error);

G_END_DECLS
