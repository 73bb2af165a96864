/* test-server.c: what only a shared server does: a crash in the middle of edits, a database
 * that is someone else's, a connection that may only read
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/pg-run.sh, on a throwaway PostgreSQL server that it started and that this
 * program stops as a crash would ($ITOGI_TEST_PG_HOST/crash) and starts again.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "itogi-seed.h"
#include "itogi-session.h"
#include "itogi-store.h"
#include "test-util.h"

static ItogiIndicator *
first_indicator (ItogiStore *store)
{
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (store, 0, FALSE, NULL);

  g_assert_nonnull (list);
  return itogi_indicator_copy (list->pdata[0]);
}

typedef struct
{
  gint64 indicator;
  int year, month;
  gint64 amount;
} OneEdit;

static gboolean
set_month (ItogiStore *store, gpointer data, GError **error)
{
  OneEdit *e = data;
  ItogiValue value = { .present = TRUE, .amount = e->amount };

  return itogi_store_set_value (store, e->indicator, e->year, ITOGI_PERIOD_MONTH, e->month, &value, error);
}

/* 500 edits, each its own step; the server is killed at the 150th and started at the 170th.
 * Every edit the store acknowledged is there afterwards; those it refused said so plainly; the
 * store reconnected by itself, so every edit after the restart is acknowledged. */
static void
test_crash_during_edits (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (NULL);
  g_autoptr (ItogiStore) store = itogi_seed_create (uri, &error);
  g_autoptr (ItogiSession) session = NULL;
  g_autoptr (ItogiIndicator) indicator = NULL;
  g_autofree gboolean *acknowledged = g_new0 (gboolean, 500);
  guint refused = 0;

  g_assert_no_error (error);
  session = itogi_session_new (store);
  indicator = first_indicator (store);
  for (int i = 0; i < 500; i++)
    {
      OneEdit e = { indicator->id, 2000 + i / 12, 1 + i % 12, 1000 + i };
      g_autoptr (GError) local = NULL;

      if (i == 150)
        itogi_test_server_script ("crash");
      if (i == 170)
        itogi_test_server_script ("start");
      acknowledged[i] = itogi_session_edit (session, "Правка", set_month, &e, NULL, &local) != 0;
      if (!acknowledged[i])
        {
          /* A plain sentence naming the database, never libpq's lines. */
          g_assert_error (local, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED);
          g_assert_nonnull (strstr (local->message, itogi_store_get_path (store)));
          g_assert_null (strchr (local->message, '\n'));
          g_assert_cmpint (i, >=, 150);
          g_assert_cmpint (i, <, 170);
          refused++;
        }
    }
  /* While the server was down nothing could be saved, and each edit was told so. */
  g_assert_cmpuint (refused, ==, 20);
  g_clear_pointer (&session, itogi_session_unref);
  g_clear_pointer (&store, itogi_store_free);

  store = itogi_store_open (uri, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 500; i++)
    {
      ItogiValue months[12] = { 0 };
      g_assert_true (itogi_store_get_periods (store, indicator->id, 2000 + i / 12, ITOGI_PERIOD_MONTH, months,
                                              12, &error));
      g_assert_cmpint (months[i % 12].present, ==, acknowledged[i]);
      if (acknowledged[i])
        g_assert_cmpint (months[i % 12].amount, ==, 1000 + i);
      for (int m = 0; m < 12; m++)
        itogi_value_clear (&months[m]);
    }
}

/* init sets up only an empty database: one holding another program's tables is refused and
 * left as it was; one set up already is refused too. */
static void
test_init_refuses_taken (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (NULL);
  g_autofree char *ours = itogi_test_database (NULL);
  g_autoptr (ItogiStore) store = NULL;

  itogi_test_psql (uri, "CREATE TABLE bookmarks (url text); INSERT INTO bookmarks VALUES ('x')");
  g_assert_null (itogi_seed_create (uri, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FOREIGN);
  g_clear_error (&error);
  /* Still only the bookmarks: the statement fails if the table is gone or another was made. */
  itogi_test_psql (uri, "DO $$ BEGIN IF (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') <> 1"
                        " OR (SELECT count(*) FROM bookmarks) <> 1 THEN RAISE 'changed'; END IF; END $$");
  g_assert_null (itogi_store_open (uri, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FOREIGN);
  g_clear_error (&error);

  store = itogi_seed_create (ours, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, itogi_store_free);
  g_assert_null (itogi_seed_create (ours, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_EXISTS);
}

/* A store opened to read cannot write, even by mistake: the server refuses, plainly. */
static void
test_read_only_refuses (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (NULL);
  g_autoptr (ItogiStore) store = itogi_seed_create (uri, &error);
  g_autoptr (ItogiIndicator) indicator = NULL;
  ItogiValue value = { .present = TRUE, .amount = 7 };

  g_assert_no_error (error);
  indicator = first_indicator (store);
  g_clear_pointer (&store, itogi_store_free);
  store = itogi_store_open_to_read (uri, &error);
  g_assert_no_error (error);
  g_assert_true (itogi_store_is_read_only (store));
  g_assert_false (itogi_store_set_value (store, indicator->id, 2023, ITOGI_PERIOD_YEAR, 0, &value, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
  g_assert_false (itogi_store_can (store, ITOGI_STORE_ABILITY_FILE_COPIES));
}

/* A password in the URI is never part of the name the store goes by (messages, the header). */
static void
test_password_not_shown (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (NULL);
  g_autofree char *with_password = NULL;
  g_autoptr (ItogiStore) store = itogi_seed_create (uri, &error);
  const char *path;

  g_assert_no_error (error);
  g_clear_pointer (&store, itogi_store_free);
  /* The superuser logs in without one: the passwords given here are carried, and must not show. */
  with_password = g_strdup_printf ("postgresql://%s:tajna1@/%s&password=tajna2&application_name=x",
                                   g_getenv ("ITOGI_TEST_PG_USER"), strstr (uri, "@/") + 2);
  store = itogi_store_open (with_password, &error);
  g_assert_no_error (error);
  path = itogi_store_get_path (store);
  g_assert_null (strstr (path, "tajna"));
  g_assert_nonnull (strstr (path, "application_name=x"));
  g_assert_nonnull (strstr (path, g_getenv ("ITOGI_TEST_PG_HOST")));
  /* And it opens the same database again, as the app's checks do. */
  {
    g_autoptr (ItogiStore) again = itogi_store_open_to_read (path, &error);
    g_assert_no_error (error);
  }
}

/* Two desktops write the same two figures in opposite orders at the same moment: the server
 * finds the deadlock and aborts one of them; its session runs that edit again, and both edits end
 * saved, neither user told anything. */
typedef struct
{
  gint64 first, second; /* indicators, written in this order */
  gint64 amount;
  int attempts;
  GMutex *lock;
  GCond *cond;
  int *ready; /* how many have written their first figure */
} CrossEdit;

static gboolean
write_crossed (ItogiStore *store, gpointer data, GError **error)
{
  CrossEdit *e = data;
  ItogiValue value = { .present = TRUE, .amount = e->amount };

  e->attempts++;
  if (!itogi_store_set_value (store, e->first, 2023, ITOGI_PERIOD_YEAR, 0, &value, error))
    return FALSE;
  /* The first attempt of each waits until both hold their first row: then each wants the other's. */
  if (e->attempts == 1)
    {
      g_mutex_lock (e->lock);
      (*e->ready)++;
      g_cond_broadcast (e->cond);
      while (*e->ready < 2)
        g_cond_wait (e->cond, e->lock);
      g_mutex_unlock (e->lock);
    }
  return itogi_store_set_value (store, e->second, 2023, ITOGI_PERIOD_YEAR, 0, &value, error);
}

typedef struct
{
  const char *uri;
  CrossEdit *edit;
  gint64 step;
  GError *error;
} Desktop;

static gpointer
desktop_thread (gpointer data)
{
  Desktop *d = data;
  g_autoptr (ItogiStore) store = itogi_store_open (d->uri, &d->error);
  g_autoptr (ItogiSession) session = NULL;

  if (store == NULL)
    return NULL;
  session = itogi_session_new (store);
  d->step = itogi_session_edit (session, "Правка", write_crossed, d->edit, NULL, &d->error);
  return NULL;
}

static void
test_deadlock_retried (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = itogi_test_database (NULL);
  g_autoptr (ItogiStore) store = itogi_seed_create (uri, &error);
  g_autoptr (GPtrArray) list = NULL;
  GMutex lock;
  GCond cond;
  int ready = 0;
  CrossEdit a = { 0 }, b = { 0 };
  Desktop one = { uri, &a, 0, NULL }, two = { uri, &b, 0, NULL };
  GThread *t1, *t2;

  g_assert_no_error (error);
  list = itogi_store_list_indicators (store, 0, FALSE, &error);
  g_mutex_init (&lock);
  g_cond_init (&cond);
  a = (CrossEdit){ ((ItogiIndicator *)list->pdata[0])->id,
                   ((ItogiIndicator *)list->pdata[1])->id,
                   111,
                   0,
                   &lock,
                   &cond,
                   &ready };
  b = (CrossEdit){ ((ItogiIndicator *)list->pdata[1])->id,
                   ((ItogiIndicator *)list->pdata[0])->id,
                   222,
                   0,
                   &lock,
                   &cond,
                   &ready };
  t1 = g_thread_new ("one", desktop_thread, &one);
  t2 = g_thread_new ("two", desktop_thread, &two);
  g_thread_join (t1);
  g_thread_join (t2);
  g_assert_no_error (one.error);
  g_assert_no_error (two.error);
  g_assert_cmpint (one.step, >, 0);
  g_assert_cmpint (two.step, >, 0);
  /* One of them (at least) lost and ran again; on a loaded machine a retry may meet the other's
   * row again, and is retried too. */
  g_assert_cmpint (a.attempts + b.attempts, >=, 3);
  g_assert_cmpint (a.attempts + b.attempts, <=, 10);
  {
    g_auto (ItogiValue) first = { 0 };
    g_auto (ItogiValue) second = { 0 };
    g_assert_true (itogi_store_get_year_value (store, list->pdata[0], 2023, &first, &error));
    g_assert_true (itogi_store_get_year_value (store, list->pdata[1], 2023, &second, &error));
    /* Whoever ran last wrote both. */
    g_assert_cmpint (first.amount, ==, second.amount);
  }
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

/* The URI of @role, password @password, on the database of @owner_uri. */
static char *
as_role (const char *owner_uri, const char *role, const char *password)
{
  const char *db = strstr (owner_uri, "@/") + 2;
  return g_strdup_printf ("postgresql://%s:%s@/%s", role, password, db);
}

static gint64
area_indicator (ItogiStore *store, const char *slug)
{
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, slug, NULL);
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (store, area->id, FALSE, NULL);
  return ((ItogiIndicator *)list->pdata[0])->id;
}

/* Rights per area, enforced by the server: a clerk who logs in with psql changes their own area
 * and nothing else; a reader changes nothing and sees only their area; the head changes any;
 * through Itogi a refused write says so plainly and changes nothing; a right taken back is gone. */
static void
test_access_per_area (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *owner = itogi_test_database (NULL);
  g_autoptr (ItogiStore) store = itogi_seed_create (owner, &error);
  g_autofree char *clerk = as_role (owner, "clerk_legal", "пароль-юриста");
  g_autofree char *reader = as_role (owner, "reader_legal", "пароль-читателя");
  g_autofree char *head = as_role (owner, "head", "пароль-главы");
  g_autofree char *legal = NULL, *documents = NULL, *sql = NULL, *seen = NULL;
  g_autoptr (GPtrArray) rights = NULL;
  gint64 legal_id, documents_id;

  g_assert_no_error (error);
  itogi_test_psql (owner, "DO $$ BEGIN"
                          " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clerk_legal') THEN"
                          "  CREATE ROLE clerk_legal LOGIN PASSWORD 'пароль-юриста';"
                          "  CREATE ROLE reader_legal LOGIN PASSWORD 'пароль-читателя';"
                          "  CREATE ROLE head LOGIN PASSWORD 'пароль-главы';"
                          " END IF; END $$");
  legal_id = area_indicator (store, "legal");
  documents_id = area_indicator (store, "documents");
  g_assert_true (itogi_store_grant (store, "clerk_legal", "legal", ITOGI_ACCESS_EDIT, &error));
  g_assert_true (itogi_store_grant (store, "reader_legal", "legal", ITOGI_ACCESS_READ, &error));
  g_assert_true (itogi_store_grant (store, "head", NULL, ITOGI_ACCESS_ALL, &error));
  g_assert_no_error (error);
  g_assert_false (itogi_store_grant (store, "nobody_such", "legal", ITOGI_ACCESS_EDIT, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED);
  g_clear_error (&error);

  legal = g_strdup_printf (
      "WITH u AS (UPDATE indicator_values SET amount = amount + 1 WHERE indicator_id = %" G_GINT64_FORMAT
      " RETURNING 1) SELECT count(*) FROM u",
      legal_id);
  documents
      = g_strdup_printf ("WITH u AS (UPDATE indicator_values SET amount = amount + 1"
                         " WHERE indicator_id = %" G_GINT64_FORMAT " RETURNING 1) SELECT count(*) FROM u",
                         documents_id);
  /* The clerk: their own area, and nothing of another (not even seen to be changed). */
  seen = itogi_test_psql_value (clerk, legal);
  g_assert_cmpint (g_ascii_strtoll (seen, NULL, 10), >, 0);
  g_free (seen);
  seen = itogi_test_psql_value (clerk, documents);
  g_assert_cmpstr (seen, ==, "0");
  sql = g_strdup_printf ("INSERT INTO indicator_values (indicator_id, year, period, period_index, amount,"
                         " changed_by, changed_at) VALUES (%" G_GINT64_FORMAT
                         ", 2030, 'year', 0, 1, 'x', 'y')",
                         documents_id);
  g_assert_true (itogi_test_psql_refused (clerk, sql));
  g_assert_true (itogi_test_psql_refused (clerk, "UPDATE areas SET title = 'Чужое'"));
  g_assert_true (itogi_test_psql_refused (clerk, "DELETE FROM history"));
  /* The reader: sees their area only, changes nothing. */
  g_assert_true (itogi_test_psql_refused (reader, legal));
  g_free (seen);
  seen = g_strdup_printf ("SELECT count(*) FROM indicator_values WHERE indicator_id = %" G_GINT64_FORMAT,
                          documents_id);
  {
    g_autofree char *count = itogi_test_psql_value (reader, seen);
    g_assert_cmpstr (count, ==, "0");
  }
  /* The head: any area. */
  g_free (seen);
  seen = itogi_test_psql_value (head, documents);
  g_assert_cmpint (g_ascii_strtoll (seen, NULL, 10), >, 0);

  /* Through Itogi: the clerk's write to another area is refused plainly, and nothing changes. */
  {
    g_autoptr (ItogiStore) as_clerk = itogi_store_open (clerk, &error);
    g_autoptr (ItogiSession) session = NULL;
    OneEdit e = { documents_id, 2023, 1, 7 };
    g_auto (ItogiValue) before = { 0 };
    g_auto (ItogiValue) after = { 0 };
    g_autoptr (ItogiIndicator) ind = first_indicator (store);

    g_assert_no_error (error);
    /* The clerk sees only their area: in the list of areas and of every area's indicators. */
    {
      g_autoptr (GPtrArray) areas = itogi_store_list_areas (as_clerk, FALSE, &error);
      g_autoptr (GPtrArray) all = itogi_store_list_indicators (as_clerk, 0, FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (areas->len, ==, 1);
      g_assert_cmpstr (((ItogiArea *)areas->pdata[0])->slug, ==, "legal");
      g_assert_cmpuint (all->len, >, 0);
      for (guint i = 0; i < all->len; i++)
        g_assert_cmpint (((ItogiIndicator *)all->pdata[i])->area_id, ==, ((ItogiArea *)areas->pdata[0])->id);
    }
    session = itogi_session_new (as_clerk);
    g_assert_true (itogi_store_get_year_value (store, ind, 2023, &before, &error));
    g_assert_cmpint (itogi_session_edit (session, "Правка", set_month, &e, NULL, &error), ==, 0);
    g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
    g_clear_error (&error);
    g_assert_true (itogi_store_get_year_value (store, ind, 2023, &after, &error));
    g_assert_cmpint (after.amount, ==, before.amount);
    /* Their own area goes through, in their name. */
    e.indicator = legal_id;
    g_assert_cmpint (itogi_session_edit (session, "Правка", set_month, &e, NULL, &error), >, 0);
    g_assert_no_error (error);
  }

  rights = itogi_store_list_access (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rights->len, ==, 3);
  g_assert_cmpint (itogi_store_revoke (store, "clerk_legal", "legal", ITOGI_ACCESS_EDIT, &error), ==, 1);
  g_assert_cmpint (itogi_store_revoke (store, "clerk_legal", "legal", ITOGI_ACCESS_EDIT, &error), ==, 0);
  g_assert_true (itogi_test_psql_refused (clerk, legal));
}

static gboolean
move_status (ItogiStore *store, gint64 area, ItogiAreaStatus status, GError **error)
{
  if (itogi_store_begin_step (store, "Статус", error) == 0)
    return FALSE;
  if (!itogi_store_set_area_status (store, area, 2023, status, error))
    {
      itogi_store_rollback_step (store);
      return FALSE;
    }
  return itogi_store_commit_step (store, error);
}

/* The sign-off's rights, held by the server: the area's clerk submits but cannot approve (through
 * Itogi or psql), a reader cannot submit, the head approves; an approved year is refused to the
 * clerk and to the head alike, through psql too, until the head unlocks it. Each move is in the
 * history under the role that made it. */
static void
test_signoff_rights (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *owner = itogi_test_database (NULL);
  g_autoptr (ItogiStore) store = itogi_seed_create (owner, &error);
  g_autofree char *clerk = as_role (owner, "clerk_status", "пароль-юриста");
  g_autofree char *reader = as_role (owner, "reader_status", "пароль-читателя");
  g_autofree char *head = as_role (owner, "head_status", "пароль-главы");
  g_autofree char *bump = NULL, *who = NULL;
  g_autoptr (ItogiStore) as_clerk = NULL;
  g_autoptr (ItogiStore) as_head = NULL;
  g_autoptr (ItogiArea) legal = NULL;
  ItogiValue v = { .present = TRUE, .amount = 41 };
  gint64 legal_ind;
  ItogiAreaStatus status;

  g_assert_no_error (error);
  itogi_test_psql (owner, "DO $$ BEGIN"
                          " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clerk_status') THEN"
                          "  CREATE ROLE clerk_status LOGIN PASSWORD 'пароль-юриста';"
                          "  CREATE ROLE reader_status LOGIN PASSWORD 'пароль-читателя';"
                          "  CREATE ROLE head_status LOGIN PASSWORD 'пароль-главы';"
                          " END IF; END $$");
  legal = itogi_store_find_area (store, "legal", &error);
  legal_ind = area_indicator (store, "legal");
  g_assert_true (itogi_store_grant (store, "clerk_status", "legal", ITOGI_ACCESS_EDIT, &error));
  g_assert_true (itogi_store_grant (store, "reader_status", "legal", ITOGI_ACCESS_READ, &error));
  g_assert_true (itogi_store_grant (store, "head_status", NULL, ITOGI_ACCESS_ALL, &error));
  g_assert_no_error (error);
  bump = g_strdup_printf ("UPDATE indicator_values SET amount = amount + 1 WHERE year = 2023 AND "
                          "indicator_id = %" G_GINT64_FORMAT,
                          legal_ind);

  as_clerk = itogi_store_open (clerk, &error);
  as_head = itogi_store_open (head, &error);
  g_assert_no_error (error);
  g_assert_false (itogi_store_may_approve (as_clerk));
  g_assert_true (itogi_store_may_approve (as_head));
  /* A reader submits nothing; the clerk submits, and cannot approve by any way. */
  g_assert_true (itogi_test_psql_refused (
      reader,
      "INSERT INTO area_status SELECT id, 2023, 'submitted', 'x', 'y' FROM areas WHERE slug = 'legal'"));
  g_assert_true (move_status (as_clerk, legal->id, ITOGI_AREA_SUBMITTED, &error));
  g_assert_no_error (error);
  g_assert_false (move_status (as_clerk, legal->id, ITOGI_AREA_APPROVED, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
  g_clear_error (&error);
  g_assert_true (itogi_test_psql_refused (clerk, "UPDATE area_status SET status = 'approved'"));
  g_assert_true (itogi_store_get_area_status (store, legal->id, 2023, &status, NULL, NULL, &error));
  g_assert_cmpint (status, ==, ITOGI_AREA_SUBMITTED);

  /* The head approves: the year is locked for everyone, through psql too. */
  g_assert_true (move_status (as_head, legal->id, ITOGI_AREA_APPROVED, &error));
  g_assert_no_error (error);
  g_assert_false (itogi_store_set_value (as_clerk, legal_ind, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_APPROVED);
  g_clear_error (&error);
  g_assert_true (itogi_test_psql_refused (clerk, bump));
  g_assert_true (itogi_test_psql_refused (head, bump));
  g_assert_true (itogi_test_psql_refused (clerk, "DELETE FROM area_status"));
  /* Only the head unlocks, and it is recorded in the head's name. */
  g_assert_false (move_status (as_clerk, legal->id, ITOGI_AREA_DRAFT, &error));
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
  g_clear_error (&error);
  g_assert_true (move_status (as_head, legal->id, ITOGI_AREA_DRAFT, &error));
  g_assert_no_error (error);
  who = itogi_test_psql_value (owner, "SELECT s.who FROM steps s JOIN history h ON h.step = s.id"
                                      " WHERE h.tbl = 'area_status' ORDER BY s.id DESC LIMIT 1");
  g_assert_cmpstr (who, ==, "head_status");
  g_assert_true (itogi_store_set_value (as_clerk, legal_ind, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
  g_assert_no_error (error);

  /* The history of an area the clerk may not see is not theirs to read either, through psql. */
  {
    gint64 documents_ind = area_indicator (store, "documents");
    g_autofree char *count
        = g_strdup_printf ("SELECT count(*) FROM history WHERE tbl = 'indicator_values'"
                           " AND (coalesce (new, old) ->> 'indicator_id')::bigint = %" G_GINT64_FORMAT,
                           documents_ind);
    g_autofree char *seen_by_owner = NULL, *seen_by_clerk = NULL;

    g_assert_true (itogi_store_begin_step (store, "Правка", &error) > 0);
    g_assert_true (itogi_store_set_value (store, documents_ind, 2023, ITOGI_PERIOD_YEAR, 0, &v, &error));
    g_assert_true (itogi_store_commit_step (store, &error));
    g_assert_no_error (error);
    seen_by_owner = itogi_test_psql_value (owner, count);
    seen_by_clerk = itogi_test_psql_value (clerk, count);
    g_assert_cmpstr (seen_by_owner, ==, "1");
    g_assert_cmpstr (seen_by_clerk, ==, "0");
  }
}

/* The schema files compiled into the store (src/core/schema). */
GResource *itogi_schema_get_resource (void);

/* A database set up by the Itogi before data format 5 (made here by its own 004.sql): a role
 * that is not its owner is refused plainly and changes nothing; the owner's opening brings it up
 * to date, keeping its figures, and the sign-off works on it. */
static void
test_upgrade_from_format_4 (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *owner = itogi_test_database (NULL);
  g_autofree char *clerk = as_role (owner, "clerk_upgrade", "пароль");
  g_autoptr (GBytes) v4 = g_resource_lookup_data (itogi_schema_get_resource (),
                                                  "/ru/kaluga/Itogi/schema/postgresql/004.sql", 0, &error);
  g_autofree char *script = NULL, *format = NULL, *amount = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (ItogiArea) area = NULL;
  ItogiAreaStatus status;

  g_assert_no_error (error);
  script = g_strndup (g_bytes_get_data (v4, NULL), g_bytes_get_size (v4));
  itogi_test_psql (owner, script);
  itogi_test_psql (
      owner, "INSERT INTO areas (slug, title, short_title, position) VALUES ('legal', 'Право', 'Право', 1);"
             "INSERT INTO indicators (area_id, slug, title, kind, aggregation, polarity, position)"
             " SELECT id, 'suits', 'Иски', 'count', 'sum', 'neutral', 1 FROM areas;"
             "INSERT INTO indicator_values (indicator_id, year, period, period_index, amount, changed_by,"
             " changed_at) SELECT id, 2023, 'year', 0, 6000, 'x', 'y' FROM indicators;"
             "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clerk_upgrade') THEN"
             " CREATE ROLE clerk_upgrade LOGIN PASSWORD 'пароль'; END IF; END $$;"
             "SELECT itogi_grant ('clerk_upgrade', (SELECT id FROM areas), 'edit');");

  store = itogi_store_open (clerk, &error);
  g_assert_null (store);
  g_assert_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_READONLY);
  g_clear_error (&error);
  format = itogi_test_psql_value (owner, "SELECT version FROM itogi_format");
  g_assert_cmpstr (format, ==, "4");

  store = itogi_store_open (owner, &error);
  g_assert_no_error (error);
  g_assert_cmpint (itogi_store_get_schema_version (store), ==, ITOGI_STORE_SCHEMA_VERSION);
  amount = itogi_test_psql_value (owner, "SELECT amount FROM indicator_values");
  g_assert_cmpstr (amount, ==, "6000");
  g_clear_pointer (&store, itogi_store_free);
  /* The clerk given a right before the upgrade may submit the area's year. */
  store = itogi_store_open (clerk, &error);
  g_assert_no_error (error);
  area = itogi_store_find_area (store, "legal", &error);
  g_assert_no_error (error);
  g_assert_true (itogi_store_set_area_status (store, area->id, 2023, ITOGI_AREA_SUBMITTED, &error));
  g_assert_no_error (error);
  g_assert_true (itogi_store_get_area_status (store, area->id, 2023, &status, NULL, NULL, &error));
  g_assert_cmpint (status, ==, ITOGI_AREA_SUBMITTED);
}

/* libpq is opened when a server is first used, not with the program: a database file is read
 * without it; the first server address checked or opened brings it in, and works. This test runs
 * first, before anything of this process has touched a server. */
static void
test_libpq_on_first_use (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("itogi-libpq-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "itogi.db", NULL);
  g_autofree char *uri = itogi_test_database (NULL);
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (GPtrArray) areas = NULL;

  g_assert_no_error (error);
  g_assert_false (itogi_test_library_mapped ("libpq.so"));
  store = itogi_seed_create (file, &error);
  g_assert_no_error (error);
  areas = itogi_store_list_areas (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, 8);
  g_clear_pointer (&store, itogi_store_free);
  g_assert_false (itogi_test_library_mapped ("libpq.so"));

  g_assert_true (itogi_store_server_answers (uri));
  g_assert_true (itogi_test_library_mapped ("libpq.so"));
  store = itogi_seed_create (uri, &error);
  g_assert_no_error (error);
  g_clear_pointer (&areas, g_ptr_array_unref);
  areas = itogi_store_list_areas (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, 8);
  g_clear_pointer (&store, itogi_store_free);
  itogi_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  if (!itogi_test_on_server ())
    {
      printf (
          "Bail out! test-server runs on the server of tests/pg-run.sh (ITOGI_TEST_DATABASE=postgresql)\n");
      return 1;
    }
  g_test_add_func ("/server/libpq-on-first-use", test_libpq_on_first_use);
  g_test_add_func ("/server/crash-during-edits", test_crash_during_edits);
  g_test_add_func ("/server/signoff-rights", test_signoff_rights);
  g_test_add_func ("/server/upgrade-from-format-4", test_upgrade_from_format_4);
  g_test_add_func ("/server/init-refuses-taken", test_init_refuses_taken);
  g_test_add_func ("/server/read-only-refuses", test_read_only_refuses);
  g_test_add_func ("/server/password-not-shown", test_password_not_shown);
  g_test_add_func ("/server/deadlock-retried", test_deadlock_retried);
  g_test_add_func ("/server/access-per-area", test_access_per_area);
  return g_test_run ();
}
