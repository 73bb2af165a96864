/* store-bench.c: one of the store's main operations on one database, file or server, timed inside
 * the process (bench/run-engines.py runs it on both engines in turn and prints the ratios)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   store-bench LOCATION open        opening, as the window does (the file's full check apart)
 *   store-bench LOCATION table       every area's year-over-year table, 2023 against 2022
 *   store-bench LOCATION edits N     N edits, each its own undoable step, as typing them does
 *
 * Prints the milliseconds the operation took; measures, never judges.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itogi-session.h"
#include "itogi-store.h"
#include "itogi-table.h"

typedef struct
{
  gint64 indicator;
  int year, month;
  gint64 amount;
} Edit;

static gboolean
set_month (ItogiStore *store, gpointer data, GError **error)
{
  Edit *e = data;
  ItogiValue value = { .present = TRUE, .amount = e->amount };

  return itogi_store_set_value (store, e->indicator, e->year, ITOGI_PERIOD_MONTH, e->month, &value, error);
}

static int
fail (const GError *error)
{
  fprintf (stderr, "store-bench: %s\n", error->message);
  return 1;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  gint64 start;

  if (argc < 3)
    {
      fprintf (stderr, "usage: store-bench LOCATION open|table|edits N\n");
      return 2;
    }
  start = g_get_monotonic_time ();
  store = itogi_store_open_unverified (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if (strcmp (argv[2], "open") == 0)
    {
      g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, &error);
      if (areas == NULL)
        return fail (error);
    }
  else if (strcmp (argv[2], "table") == 0)
    {
      g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, &error);
      guint rows = 0;

      start = g_get_monotonic_time ();
      for (guint i = 0; areas != NULL && i < areas->len; i++)
        {
          g_autoptr (GPtrArray) table
              = itogi_table_build (store, ((ItogiArea *)areas->pdata[i])->slug, 2023, 2022, &error);
          if (table == NULL)
            return fail (error);
          rows += table->len;
        }
      if (rows == 0)
        return fail (error);
    }
  else if (strcmp (argv[2], "edits") == 0 && argc > 3)
    {
      int n = atoi (argv[3]);
      g_autoptr (ItogiSession) session = itogi_session_new (store);
      g_autoptr (GPtrArray) indicators = itogi_store_list_indicators (store, 0, FALSE, &error);

      if (indicators == NULL)
        return fail (error);
      start = g_get_monotonic_time ();
      for (int i = 0; i < n; i++)
        {
          ItogiIndicator *ind = indicators->pdata[i % indicators->len];
          Edit e = { ind->id, 2023, 1 + i % 12, 1000 + g_random_int_range (0, 1000) };
          if (itogi_session_edit (session, "Правка", set_month, &e, NULL, &error) == 0)
            return fail (error);
        }
    }
  else
    {
      fprintf (stderr, "store-bench: unknown operation %s\n", argv[2]);
      return 2;
    }
  printf ("%.1f\n", (g_get_monotonic_time () - start) / 1000.0);
  return 0;
}
