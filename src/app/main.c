/* main.c
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-application.h"
#include "itogi-i18n.h"
#include "itogi-probe.h"

int
main (int argc, char *argv[])
{
  g_autoptr (ItogiApplication) app = NULL;
  int status;

  itogi_probe_mark_launch ();
  itogi_i18n_init ();
  g_set_application_name (_ ("Itogi"));

  app = itogi_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : itogi_application_get_exit_status (app);
}
