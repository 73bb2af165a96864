/* wait-mapped.c: start a program and say when its first window is mapped, from outside it
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   wait-mapped TIMEOUT_S COMMAND [ARG…]
 *
 * Watches the X root window for the first top-level window mapped after COMMAND starts and prints
 * «mapped MS PID» (MS from just before the fork, on CLOCK_MONOTONIC, a point as decimal sign) on
 * standard output; the program is left running for the caller to measure and stop. With no window
 * within TIMEOUT_S seconds it prints «timeout» and exits 1. ITOGI_LAUNCH_TIME is set for the child,
 * so that Itogi's own start-up probe counts from the same moment.
 */
#include <X11/Xlib.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/select.h>
#include <unistd.h>

int
main (int argc, char *argv[])
{
  Display *display;
  double timeout;
  gint64 launch;
  pid_t pid;
  char stamp[32];

  if (argc < 3)
    {
      fprintf (stderr, "usage: wait-mapped TIMEOUT_S COMMAND [ARG…]\n");
      return 2;
    }
  timeout = g_ascii_strtod (argv[1], NULL);
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "wait-mapped: no X display\n");
      return 2;
    }
  /* Watching before the program starts: no mapping can slip by. */
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  XSync (display, False);

  launch = g_get_monotonic_time ();
  g_snprintf (stamp, sizeof stamp, "%" G_GINT64_FORMAT, launch);
  pid = fork ();
  if (pid < 0)
    return 2;
  if (pid == 0)
    {
      setenv ("ITOGI_LAUNCH_TIME", stamp, 1);
      close (ConnectionNumber (display));
      /* Our standard output says «mapped» alone, and ends when we do: the program's goes to its
       * standard error. */
      dup2 (STDERR_FILENO, STDOUT_FILENO);
      execvp (argv[2], argv + 2);
      _exit (127);
    }
  for (;;)
    {
      gint64 left = launch + (gint64)(timeout * G_USEC_PER_SEC) - g_get_monotonic_time ();
      int fd = ConnectionNumber (display);
      fd_set fds;
      struct timeval tv;

      while (XPending (display) > 0)
        {
          XEvent event;
          XNextEvent (display, &event);
          if (event.type == MapNotify && !event.xmap.override_redirect)
            {
              char ms[G_ASCII_DTOSTR_BUF_SIZE];
              g_ascii_formatd (ms, sizeof ms, "%.1f", (double)(g_get_monotonic_time () - launch) / 1000.0);
              printf ("mapped %s %d\n", ms, (int)pid);
              fflush (stdout);
              XCloseDisplay (display);
              return 0;
            }
        }
      if (left <= 0)
        {
          printf ("timeout\n");
          return 1;
        }
      FD_ZERO (&fds);
      FD_SET (fd, &fds);
      tv.tv_sec = left / G_USEC_PER_SEC;
      tv.tv_usec = left % G_USEC_PER_SEC;
      select (fd + 1, &fds, NULL, NULL, &tv);
    }
}
