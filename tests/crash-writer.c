/* crash-writer.c: edits an Itogi database the way the app does until it is killed (for test-crash)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * crash-writer DATABASE ROUND
 *
 * Prints "ready" once the database is open for writing, then for edit N = 1, 2, … commits one
 * step that adds the task «round ROUND edit N» and sets the year 2100 figure of legal/lawsuits
 * to ROUND × 10000 + N, and prints "ack ROUND N" only after the commit has returned. Whatever
 * was acknowledged must survive a SIGKILL at any moment; each step must land whole or not at all.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itogi-store.h"

#define CRASH_YEAR 2100
/* The test kills the writer long before this; the cap only stops an orphan. */
#define MAX_EDITS 5000

static int
die (const char *what, const GError *error)
{
  fprintf (stderr, "crash-writer: %s: %s\n", what, error != NULL ? error->message : "failed");
  return EXIT_FAILURE;
}

/* A line the test can trust: a write error means the test is gone, so stop editing. */
static gboolean
say (const char *line)
{
  return fputs (line, stdout) >= 0 && fflush (stdout) == 0;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (ItogiArea) area = NULL;
  g_autoptr (GPtrArray) indicators = NULL;
  gint64 indicator_id = 0;
  gint64 round;

  if (argc != 3 || !g_ascii_string_to_signed (argv[2], 10, 1, 99999, &round, NULL))
    {
      fprintf (stderr, "usage: crash-writer DATABASE ROUND\n");
      return 2;
    }

  store = itogi_store_open (argv[1], &error);
  if (store == NULL)
    return die ("open", error);
  area = itogi_store_find_area (store, "legal", &error);
  if (area == NULL)
    return die ("find area", error);
  indicators = itogi_store_list_indicators (store, area->id, TRUE, &error);
  if (indicators == NULL)
    return die ("list indicators", error);
  for (guint i = 0; i < indicators->len; i++)
    if (g_strcmp0 (((ItogiIndicator *)indicators->pdata[i])->slug, "lawsuits") == 0)
      indicator_id = ((ItogiIndicator *)indicators->pdata[i])->id;
  if (indicator_id == 0)
    return die ("find indicator legal/lawsuits", NULL);
  if (!say ("ready\n"))
    return EXIT_FAILURE;

  for (gint64 n = 1; n <= MAX_EDITS; n++)
    {
      g_autofree char *label
          = g_strdup_printf ("Crash test: round %" G_GINT64_FORMAT ", edit %" G_GINT64_FORMAT, round, n);
      g_autofree char *text = g_strdup_printf ("round %" G_GINT64_FORMAT " edit %" G_GINT64_FORMAT, round, n);
      g_autofree char *ack = NULL;
      ItogiValue value = { .present = TRUE, .amount = round * 10000 + n };

      /* Two changes in one step, as one user action in the app: both land or neither does. */
      if (itogi_store_begin_step (store, label, &error) == 0)
        return die ("begin step", error);
      if (itogi_store_add_task (store, area->id, CRASH_YEAR, text, &error) == 0
          || !itogi_store_set_value (store, indicator_id, CRASH_YEAR, ITOGI_PERIOD_YEAR, 0, &value, &error))
        {
          itogi_store_rollback_step (store);
          return die ("edit", error);
        }
      if (!itogi_store_commit_step (store, &error))
        return die ("commit step", error);
      ack = g_strdup_printf ("ack %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", round, n);
      if (!say (ack))
        return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
