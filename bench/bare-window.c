/* bare-window.c: the peer of the start-up benchmark, a libadwaita window with a header bar and
 * a label, and nothing else
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With ITOGI_DEBUG=startup it prints, as Itogi does, «itogi-startup: mapped MS ms» and
 * «itogi-startup: figures MS ms» (the end of its first painted frame), counted from
 * ITOGI_LAUNCH_TIME when set.
 */
#include <adwaita.h>

static gint64 launch;

static void
say (const char *what)
{
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (ms, sizeof ms, "%.1f", (double)(g_get_monotonic_time () - launch) / 1000.0);
  g_printerr ("itogi-startup: %s %s ms\n", what, ms);
}

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  say ("figures");
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, data);
}

static void
on_map (GtkWidget *window)
{
  say ("mapped");
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("22 808");

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  if (g_getenv ("ITOGI_DEBUG") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  const char *given = g_getenv ("ITOGI_LAUNCH_TIME");
  g_autoptr (AdwApplication) app = NULL;

  launch = given != NULL ? g_ascii_strtoll (given, NULL, 10) : g_get_monotonic_time ();
  app = adw_application_new ("ru.kaluga.Itogi.BenchBare", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
