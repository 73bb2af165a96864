/* itogi-idle-fill.h: a page's work after its first frame, a slice at a time, only while it is shown
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page shows first what its first frame needs and makes the rest after it (the Overview's other
 * areas, the Report's other sections). That rest runs at idle priority, below redrawing, a step
 * after another for a few milliseconds at a time; while another page is shown it waits, and goes on
 * when its page is shown again: run out of sight, it would slow the page in sight.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *widget; /* the page: its work waits while it is not mapped */
  GSourceFunc step;  /* one piece of the work (an area, a section); G_SOURCE_REMOVE once all is done */
  gpointer data;
  guint source;
  gulong mapped; /* waiting for the page to be shown again */
  GdkFrameClock *clock; /* or for the frame that shows what was made before the work began */
  gulong painted;
} ItogiIdleFill;

/* @step (@data) from now on, instead of whatever @fill ran before. */
void itogi_idle_fill_start (ItogiIdleFill *fill, GtkWidget *widget, GSourceFunc step, gpointer data);
/* Stopped, the work left undone (for a page taken down, or filled anew). */
void itogi_idle_fill_stop (ItogiIdleFill *fill);
/* Whether work is left: running, or waiting for the page to be shown. */
gboolean itogi_idle_fill_is_running (const ItogiIdleFill *fill);

G_END_DECLS
