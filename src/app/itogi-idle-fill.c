/* itogi-idle-fill.c: a page's work after its first frame, a slice at a time, only while it is shown
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-idle-fill.h"

/* How long a slice of steps may hold the main loop: well under a frame. */
#define SLICE_US 8000

static gboolean run_slice (gpointer data);
static void begin (ItogiIdleFill *fill);

static void
on_mapped (ItogiIdleFill *fill)
{
  g_clear_signal_handler (&fill->mapped, fill->widget);
  begin (fill);
}

static gboolean
run_slice (gpointer data)
{
  ItogiIdleFill *fill = data;

  if (!gtk_widget_get_mapped (fill->widget))
    {
      fill->source = 0;
      fill->mapped = g_signal_connect_swapped (fill->widget, "map", G_CALLBACK (on_mapped), fill);
      return G_SOURCE_REMOVE;
    }
  {
    gint64 until = g_get_monotonic_time () + SLICE_US;

    while (fill->step (fill->data) == G_SOURCE_CONTINUE)
      if (g_get_monotonic_time () >= until)
        return G_SOURCE_CONTINUE;
  }
  fill->source = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_paint (ItogiIdleFill *fill)
{
  if (fill->painted != 0)
    g_clear_signal_handler (&fill->painted, fill->clock);
  g_clear_object (&fill->clock);
}

static void
on_painted (GdkFrameClock *clock, ItogiIdleFill *fill)
{
  stop_waiting_for_paint (fill);
  fill->source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_slice, fill, NULL);
}

/* The work's first slice: after the next frame when the page is shown, else once it is. */
static void
begin (ItogiIdleFill *fill)
{
  GdkFrameClock *clock;

  /* The page shown: its first frame, with what was made before, is painted before the rest is
   * made. (An idle slice would otherwise run while the frame clock waits for its next frame, and
   * that frame would wait for the slice.) */
  clock = gtk_widget_get_mapped (fill->widget) ? gtk_widget_get_frame_clock (fill->widget) : NULL;
  if (clock != NULL)
    {
      fill->clock = g_object_ref (clock);
      fill->painted = g_signal_connect (clock, "after-paint", G_CALLBACK (on_painted), fill);
      gtk_widget_queue_draw (fill->widget);
      return;
    }
  fill->source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_slice, fill, NULL);
}

void
itogi_idle_fill_start (ItogiIdleFill *fill, GtkWidget *widget, GSourceFunc step, gpointer data)
{
  itogi_idle_fill_stop (fill);
  fill->widget = widget;
  fill->step = step;
  fill->data = data;
  begin (fill);
}

void
itogi_idle_fill_stop (ItogiIdleFill *fill)
{
  g_clear_handle_id (&fill->source, g_source_remove);
  if (fill->mapped != 0)
    g_clear_signal_handler (&fill->mapped, fill->widget);
  stop_waiting_for_paint (fill);
}

gboolean
itogi_idle_fill_is_running (const ItogiIdleFill *fill)
{
  return fill->source != 0 || fill->mapped != 0 || fill->painted != 0;
}
