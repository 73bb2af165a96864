/* itogi-window-private.h: what the window's files share (itogi-window.c, -actions.c, -jobs.c)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "itogi-progress.h"
#include "itogi-session.h"
#include "itogi-store.h"
#include "itogi-window.h"

G_BEGIN_DECLS

struct _ItogiWindow
{
  AdwApplicationWindow parent_instance;

  ItogiStore *store;
  GSettings *settings;
  GArray *years;         /* report-year choices, newest first */
  GArray *compare_years; /* comparison-year choices, newest first */
  int year;
  int compare_year;
  gboolean updating;
  ItogiSession *session; /* the steps done in this window, to undo and redo */
  gboolean undo_offered; /* Undo is offered for a step (as last told by a page) */
  char *structure;       /* the areas as the sidebar shows them, to notice a change */
  GtkWindow *shortcuts;  /* the keyboard shortcuts while shown (weak) */
  gboolean new_year;     /* years[0] is the year after the latest, offered to start it */
  gboolean read_only;    /* changes cannot be saved: editing actions stay off */
  gint64 data_version;   /* the file's, when last shown: another program's commit moves it */
  guint watch_id;        /* the timer that looks for those */
  guint compare_id;      /* the comparison year chosen in its drop-down, set once it is idle */
  int chosen_compare;
  guint prepare_id;    /* the Report page made while the window is idle after its first frame */
  gboolean compact;    /* the pages are compact (see COMPACT_BELOW) */
  guint fold_id;       /* the sidebar folded or unfolded after the window's width crossed FOLD_BELOW */
  guint changes_watch; /* on a server: the socket its notices of others' commits come on */
  int changes_fd;
  gboolean may_manage; /* the role may change the areas (always, on a file) */
  gboolean offline;    /* on a server: out of reach; editing is off until it is back */
  GtkWidget *offline_bar;
  gboolean pinging;               /* a worker asks whether the server answers again */
  AdwToast *outside_toast;        /* «changed by another program», while shown */
  gboolean outside_pending;       /* another program's change is not shown yet */
  gboolean close_despite_unsaved; /* the report text could not be saved, and the user was told */
  guint generation;               /* moves on with every change of years or data; see refresh_page */
  GtkWidget *job_bar;             /* a file being written beside the window: what, and Cancel */
  GtkWidget *job_progress;
  GCancellable *job_cancel; /* while it runs */
  guint job_pulse;
  ItogiProgressCounter job_steps; /* the step the worker is on, of how many */
  char *(*job_step_text) (guint done, guint total);
  gboolean disposed; /* taken down while a file was being written */

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_pane;
  AdwHeaderBar *sidebar_header;
  GtkListBox *sidebar;
  GtkWidget *content_pane;
  AdwHeaderBar *content_header;
  AdwWindowTitle *content_title;
  AdwWindowTitle *sidebar_title;
  GtkWidget *back_button;
  GtkDropDown *year_dropdown;
  GtkDropDown *compare_dropdown;
  GtkMenuButton *years_button; /* both years in one button, when the window is narrow */
  /* Its choices, made when it is first opened (NULL until then), showing what the wide window's
   * drop-downs show; set from them while syncing_compact. */
  GtkDropDown *compact_year_dropdown;
  GtkDropDown *compact_compare_dropdown;
  gboolean syncing_compact;
  GtkStack *stack;
  GQueue visited; /* the names of the area pages in the stack, the latest visited first */
  GMenu *primary_menu;
  GtkMenuButton *menu_button;
  GMenu *archived_areas;
};

/* itogi-window.c */
void _itogi_window_show_error (ItogiWindow *self, const GError *error);
void _itogi_window_data_changed (ItogiWindow *self);
void _itogi_window_update_undo_actions (ItogiWindow *self);
void _itogi_window_on_page_changed (ItogiWindow *self, gint64 step);

/* itogi-window-actions.c: the window's actions and their keys, installed on its class. */
void _itogi_window_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
