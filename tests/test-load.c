/* test-load.c: twenty desktops on one server at once, the server restarted in the middle
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each client is a thread with a connection of its own, through the store's API as the window
 * uses it: edits (each an undoable step), imports of a CSV, and reads of an area's table, for
 * ITOGI_LOAD_SECONDS (60). Halfway through the server is killed and started again. Afterwards
 * every edit and import the store acknowledged is in the database, every failure was one of the
 * store's plain errors, and every client went on saving after the restart. How long each kind of
 * operation took (p50, p95, p99) is printed, and written to ITOGI_LOAD_REPORT when set (the
 * benchmark, bench/run-load.sh): measured, never judged here.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "itogi-csv.h"
#include "itogi-import.h"
#include "itogi-seed.h"
#include "itogi-session.h"
#include "itogi-store.h"
#include "itogi-table.h"
#include "test-util.h"

enum
{
  OP_EDIT,
  OP_IMPORT,
  OP_READ,
  N_OPS
};

static const char *const op_names[N_OPS] = { "edit", "import", "read" };

typedef struct
{
  guint index;
  const char *uri;
  gint64 indicator;
  char *indicator_key; /* «area/slug», as a CSV names it */
  GPtrArray *areas;    /* slugs to read */
  gint64 deadline;
  int restarted; /* set (atomically) once the server is back */
  /* What the store acknowledged last, per month (index 1…12) and for the year (0), and what was
   * tried after it without an answer either way (a commit whose connection died). */
  gint64 acked[13];
  gboolean has_acked[13];
  GArray *tried[13];
  GArray *latency[N_OPS]; /* microseconds, of the operations that succeeded */
  guint ok[N_OPS], failed[N_OPS];
  guint unhandled;
  char *first_unhandled;
  gboolean saved_after_restart;
} Client;

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

/* A failure the store explains plainly: the server gone or not back yet, or busy. Anything else
 * is unhandled. */
static void
failed (Client *c, int op, const GError *error)
{
  c->failed[op]++;
  if (error != NULL && error->domain == ITOGI_STORE_ERROR
      && (error->code == ITOGI_STORE_ERROR_FAILED || error->code == ITOGI_STORE_ERROR_BUSY)
      && *error->message != '\0')
    return;
  c->unhandled++;
  if (c->first_unhandled == NULL)
    c->first_unhandled = g_strdup (error != NULL ? error->message : "(no error given)");
}

static void
tried (Client *c, guint slot, gint64 amount)
{
  g_array_append_val (c->tried[slot], amount);
}

static void
acknowledged (Client *c, guint slot, gint64 amount)
{
  c->acked[slot] = amount;
  c->has_acked[slot] = TRUE;
  g_array_set_size (c->tried[slot], 0);
  if (g_atomic_int_get (&c->restarted))
    c->saved_after_restart = TRUE;
}

static gpointer
run_client (gpointer data)
{
  Client *c = data;
  g_autoptr (GRand) rand = g_rand_new_with_seed (c->index + 1);
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (ItogiSession) session = NULL;
  g_autoptr (GError) error = NULL;
  int year = 2100 + (int)c->index;
  gint64 amount = 1;

  store = itogi_store_open (c->uri, &error);
  g_assert_no_error (error);
  session = itogi_session_new (store);
  /* Until the deadline, and past it until a save after the server's restart (a minute at most):
   * a short run may end before the restarted server is back. */
  while (g_get_monotonic_time () < c->deadline
         || (!c->saved_after_restart && g_get_monotonic_time () < c->deadline + 60 * G_USEC_PER_SEC))
    {
      guint dice = g_rand_int_range (rand, 0, 100);
      int op = dice < 60 ? OP_EDIT : dice < 75 ? OP_IMPORT : OP_READ;
      gint64 start = g_get_monotonic_time ();
      gboolean ok = FALSE;
      g_autoptr (GError) local = NULL;

      if (op == OP_EDIT)
        {
          Edit e = { c->indicator, year, g_rand_int_range (rand, 1, 13), amount++ };

          ok = itogi_session_edit (session, "Нагрузка", set_month, &e, NULL, &local) != 0;
          if (ok)
            acknowledged (c, e.month, e.amount);
          else
            tried (c, e.month, e.amount);
        }
      else if (op == OP_IMPORT)
        {
          gint64 value = amount++;
          g_autofree char *csv = g_strdup_printf ("Показатель;Год;Значение\n%s;%d;%" G_GINT64_FORMAT "\n",
                                                  c->indicator_key, year, value);
          g_autoptr (ItogiCsvTable) table = itogi_csv_parse (csv, strlen (csv), &local);
          ItogiImportReport report;

          g_assert_no_error (local);
          itogi_import_report_init (&report);
          ok = itogi_import_csv (store, table, FALSE, &report, &local);
          /* A refusal of the rows themselves would be this test's mistake. */
          g_assert_true (ok || local != NULL);
          itogi_import_report_clear (&report);
          if (ok)
            acknowledged (c, 0, value);
          else
            tried (c, 0, value);
        }
      else
        {
          const char *slug = c->areas->pdata[g_rand_int_range (rand, 0, c->areas->len)];
          g_autoptr (GPtrArray) rows = itogi_table_build (store, slug, 2023, 2022, &local);
          ok = rows != NULL;
        }
      if (ok)
        {
          gint64 took = g_get_monotonic_time () - start;
          g_array_append_val (c->latency[op], took);
          c->ok[op]++;
        }
      else
        {
          failed (c, op, local);
          /* The server is away: a moment before the next try, as a person would wait. */
          g_usleep (50 * 1000);
        }
    }
  return NULL;
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted, double p)
{
  guint i;

  if (sorted->len == 0)
    return 0;
  i = (guint)(p / 100.0 * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, gint64, MIN (i, sorted->len - 1)) / 1000.0;
}

static void
test_twenty_desktops (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (NULL);
  g_autoptr (ItogiStore) store = itogi_seed_create (uri, &error);
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) indicators = NULL;
  g_autoptr (GPtrArray) slugs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  const char *seconds_text = g_getenv ("ITOGI_LOAD_SECONDS");
  const char *clients_text = g_getenv ("ITOGI_LOAD_CLIENTS");
  guint seconds = seconds_text != NULL ? (guint)g_ascii_strtoull (seconds_text, NULL, 10) : 60;
  guint n = clients_text != NULL ? (guint)g_ascii_strtoull (clients_text, NULL, 10) : 20;
  Client *clients = g_new0 (Client, n);
  gint64 start = g_get_monotonic_time (), restarted;
  GArray *all[N_OPS];
  guint unhandled = 0, lost = 0, total_ok = 0;
  g_autoptr (GString) report = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (seconds, >=, 4);
  areas = itogi_store_list_areas (store, FALSE, &error);
  indicators = itogi_store_list_indicators (store, 0, FALSE, &error);
  g_assert_no_error (error);
  /* Whole numbers, so that a CSV's «476» is stored as 476 (money would keep kopecks). */
  for (guint i = indicators->len; i > 0; i--)
    if (((ItogiIndicator *)indicators->pdata[i - 1])->scale != 0)
      g_ptr_array_remove_index (indicators, i - 1);
  g_assert_cmpuint (indicators->len, >, 0);
  for (guint i = 0; i < areas->len; i++)
    g_ptr_array_add (slugs, g_strdup (((ItogiArea *)areas->pdata[i])->slug));

  for (guint i = 0; i < n; i++)
    {
      Client *c = &clients[i];
      const ItogiIndicator *ind = indicators->pdata[i % indicators->len];

      c->index = i;
      c->uri = uri;
      c->indicator = ind->id;
      for (guint a = 0; a < areas->len; a++)
        if (((ItogiArea *)areas->pdata[a])->id == ind->area_id)
          c->indicator_key = g_strdup_printf ("%s/%s", ((ItogiArea *)areas->pdata[a])->slug, ind->slug);
      c->areas = slugs;
      c->deadline = start + seconds * G_USEC_PER_SEC;
      for (guint s = 0; s < 13; s++)
        c->tried[s] = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (int op = 0; op < N_OPS; op++)
        c->latency[op] = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (threads, g_thread_new ("client", run_client, c));
    }

  /* Halfway: the server killed as a power cut would, then started again three seconds later. */
  g_usleep (seconds * G_USEC_PER_SEC / 2);
  itogi_test_server_script ("crash");
  g_usleep (3 * G_USEC_PER_SEC);
  itogi_test_server_script ("start");
  restarted = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_atomic_int_set (&clients[i].restarted, 1);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
  g_test_message ("%u clients for %u s; the server was back after %.1f s", n, seconds,
                  (restarted - start) / 1e6);

  /* Every acknowledged figure is there: the last one, or one tried after it that may have been
   * saved as its connection died. */
  g_clear_pointer (&store, itogi_store_free);
  store = itogi_store_open_to_read (uri, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      Client *c = &clients[i];

      for (guint s = 0; s < 13; s++)
        {
          g_auto (ItogiValue) v = { 0 };
          gboolean found;

          if (!c->has_acked[s])
            continue;
          g_assert_true (itogi_store_get_stored_value (store, c->indicator, 2100 + (int)i,
                                                       s == 0 ? ITOGI_PERIOD_YEAR : ITOGI_PERIOD_MONTH,
                                                       (int)s, &v, NULL, NULL, &error));
          found = v.present && v.amount == c->acked[s];
          for (guint t = 0; !found && t < c->tried[s]->len; t++)
            found = v.present && v.amount == g_array_index (c->tried[s], gint64, t);
          if (!found)
            {
              lost++;
              g_test_message ("client %u, %s %u: acknowledged %" G_GINT64_FORMAT ", stored %" G_GINT64_FORMAT,
                              i, s == 0 ? "year" : "month", s, c->acked[s], v.present ? v.amount : -1);
            }
        }
      if (c->first_unhandled != NULL)
        g_test_message ("client %u: %s", i, c->first_unhandled);
      unhandled += c->unhandled;
      g_assert_true (c->saved_after_restart);
    }

  for (int op = 0; op < N_OPS; op++)
    {
      guint ok = 0, fail = 0;

      all[op] = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < n; i++)
        {
          g_array_append_vals (all[op], clients[i].latency[op]->data, clients[i].latency[op]->len);
          ok += clients[i].ok[op];
          fail += clients[i].failed[op];
        }
      total_ok += ok;
      g_array_sort (all[op], compare_gint64);
      g_string_append_printf (report, "| %s | %u | %u | %.1f | %.1f | %.1f |\n", op_names[op], ok, fail,
                              percentile (all[op], 50), percentile (all[op], 95), percentile (all[op], 99));
      g_test_message (
          "%s: %u done, %u refused while the server was away; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
          op_names[op], ok, fail, percentile (all[op], 50), percentile (all[op], 95),
          percentile (all[op], 99));
      g_array_unref (all[op]);
    }
  if (g_getenv ("ITOGI_LOAD_REPORT") != NULL)
    {
      g_autofree char *text
          = g_strdup_printf ("%u clients, %u s, the server killed and started again halfway\n\n"
                             "| operation | done | refused | p50, ms | p95, ms | p99, ms |\n"
                             "|---|---|---|---|---|---|\n%s",
                             n, seconds, report->str);
      g_assert_true (g_file_set_contents (g_getenv ("ITOGI_LOAD_REPORT"), text, -1, &error));
    }

  for (guint i = 0; i < n; i++)
    {
      for (guint s = 0; s < 13; s++)
        g_array_unref (clients[i].tried[s]);
      for (int op = 0; op < N_OPS; op++)
        g_array_unref (clients[i].latency[op]);
      g_free (clients[i].indicator_key);
      g_free (clients[i].first_unhandled);
    }
  g_free (clients);
  g_assert_cmpuint (total_ok, >, 0);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpuint (unhandled, ==, 0);
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  if (!itogi_test_on_server ())
    {
      printf ("Bail out! test-load runs on the server of tests/pg-run.sh (ITOGI_TEST_DATABASE=postgresql)\n");
      return 1;
    }
  g_test_add_func ("/server/load/twenty-desktops", test_twenty_desktops);
  return g_test_run ();
}
