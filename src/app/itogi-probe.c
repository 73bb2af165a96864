/* itogi-probe.c: ITOGI_DEBUG=startup, the times the start-up benchmark reads
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "itogi-probe.h"

static gint64 launch_time;

void
itogi_probe_mark_launch (void)
{
  const char *given = g_getenv ("ITOGI_LAUNCH_TIME");
  gint64 parsed = given != NULL ? g_ascii_strtoll (given, NULL, 10) : 0;

  launch_time = parsed > 0 ? parsed : g_get_monotonic_time ();
}

static gboolean
probing (void)
{
  static const GDebugKey keys[] = { { "startup", 1 } };
  return (g_parse_debug_string (g_getenv ("ITOGI_DEBUG"), keys, G_N_ELEMENTS (keys)) & 1) != 0;
}

static void
say (const char *what, gint64 at)
{
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  /* Read by a script: the decimal point is a point in every locale. */
  g_ascii_formatd (ms, sizeof ms, "%.1f", (double)(at - launch_time) / 1000.0);
  g_printerr ("itogi-startup: %s %s ms\n", what, ms);
}

typedef struct
{
  GtkWindow *window;
  ItogiProbeReady ready;
  gulong handler;
} Probe;

static void
on_after_paint (GdkFrameClock *clock, Probe *probe)
{
  if (!probe->ready (probe->window))
    return;
  /* The frame is painted now; its own time is when it began. What the user waits for is its end. */
  say ("figures", g_get_monotonic_time ());
  g_signal_handler_disconnect (clock, probe->handler);
  g_free (probe);
}

static void
on_map (GtkWidget *widget, Probe *probe)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  say ("mapped", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (widget, on_map, probe);
  if (clock == NULL)
    {
      g_free (probe);
      return;
    }
  probe->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), probe);
}

void
itogi_probe_startup (GtkWindow *window, ItogiProbeReady ready)
{
  Probe *probe;

  if (!probing ())
    return;
  if (launch_time == 0)
    itogi_probe_mark_launch ();
  probe = g_new0 (Probe, 1);
  probe->window = window;
  probe->ready = ready;
  g_signal_connect (window, "map", G_CALLBACK (on_map), probe);
}
