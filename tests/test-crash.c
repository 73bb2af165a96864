/* test-crash.c: kill -9 a program editing the database at random moments; nothing acknowledged
 * is lost, nothing is half applied, and the file always opens again
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ITOGI_CRASH_ROUNDS sets the number of kills (default 300); ITOGI_CRASH_SEED replays a run
 * whose seed a failure printed.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "itogi-seed.h"
#include "itogi-store.h"
#include "test-util.h"

#define CRASH_YEAR 2100
#define DEFAULT_ROUNDS 300
/* A writer that says nothing for this long is stuck, not slow. */
#define LINE_TIMEOUT_MS 30000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  const char *writer;
  char *dir;
  char *path;
  gint64 area_id;
  gint64 indicator_id;
  GRand *rand;
  gint64 amount; /* the figure the last landed edit set, 0 before any */

  guint rounds;
  guint acknowledged;        /* acks read from the writers, each checked in the database */
  guint landed;              /* edits found in the database: acknowledged or not */
  guint landed_unacked;      /* committed, then killed before the ack reached us */
  guint killed_opening;      /* killed at a chosen time after the start */
  guint killed_before_ready; /* … before it had opened the database for writing */
  guint killed_after_acks;   /* killed at a chosen time after a chosen number of acks */
} Crash;

/* ---- the writer's output, read line by line without blocking forever ---- */

typedef struct
{
  int fd;
  GString *pending;
  gboolean eof;
} LineReader;

/* The next whole line without its newline, or NULL once the writer's output has ended. A line
 * cut short by the kill is not a line: an ack counts only when all of it arrived. */
static char *
read_line (LineReader *r, int timeout_ms)
{
  for (;;)
    {
      char *nl = memchr (r->pending->str, '\n', r->pending->len);
      char chunk[512];
      struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
      ssize_t got;
      int ready;

      if (nl != NULL)
        {
          gsize len = (gsize)(nl - r->pending->str);
          char *line = g_strndup (r->pending->str, len);
          g_string_erase (r->pending, 0, (gssize)len + 1);
          return line;
        }
      if (r->eof)
        return NULL;
      ready = poll (&pfd, 1, timeout_ms);
      if (ready < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (ready, >, 0);
      got = read (r->fd, chunk, sizeof chunk);
      if (got < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (got, >=, 0);
      if (got == 0)
        r->eof = TRUE;
      else
        g_string_append_len (r->pending, chunk, got);
    }
}

/* "ack R N" from this round's writer; N must be the next in sequence. */
static void
take_ack (const char *line, guint round, guint *acks)
{
  g_autofree char *expected = g_strdup_printf ("ack %u %u", round, *acks + 1);

  g_assert_cmpstr (line, ==, expected);
  (*acks)++;
}

/* ---- checks, through SQLite directly and read-only, as a second opinion on the store ---- */

static gint64
query_int (sqlite3 *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_quick_check_ok (sqlite3 *db)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* Edit @n of @round landed whole: its step holds exactly its two changes, the value change
 * starting from the figure the edit before it left (no update lost in between). */
static void
assert_edit_whole (Crash *c, sqlite3 *db, guint round, guint n)
{
  g_autoptr (sqlite3_stmt) step = NULL;
  g_autoptr (sqlite3_stmt) changes = NULL;
  g_autofree char *label = g_strdup_printf ("Crash test: round %u, edit %u", round, n);
  g_autofree char *task = g_strdup_printf ("round %u edit %u", round, n);
  gint64 amount = (gint64)round * 10000 + n;
  gboolean saw_task = FALSE, saw_value = FALSE;
  gint64 step_id;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM steps WHERE label = ?", -1, &step, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (step, 1, label, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (step), ==, SQLITE_ROW);
  step_id = sqlite3_column_int64 (step, 0);
  g_assert_cmpint (sqlite3_step (step), ==, SQLITE_DONE);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT tbl, op, json_extract (new, '$.text'),"
                                       "  json_extract (new, '$.amount'), json_extract (old, '$.amount')"
                                       " FROM history WHERE step = ?",
                                       -1, &changes, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (changes, 1, step_id);
  while ((rc = sqlite3_step (changes)) == SQLITE_ROW)
    {
      const char *tbl = (const char *)sqlite3_column_text (changes, 0);
      const char *op = (const char *)sqlite3_column_text (changes, 1);

      if (g_strcmp0 (tbl, "tasks") == 0)
        {
          g_assert_false (saw_task);
          saw_task = TRUE;
          g_assert_cmpstr (op, ==, "insert");
          g_assert_cmpstr ((const char *)sqlite3_column_text (changes, 2), ==, task);
        }
      else
        {
          g_assert_cmpstr (tbl, ==, "indicator_values");
          g_assert_false (saw_value);
          saw_value = TRUE;
          g_assert_cmpint (sqlite3_column_int64 (changes, 3), ==, amount);
          if (c->amount == 0)
            {
              g_assert_cmpstr (op, ==, "insert");
              g_assert_cmpint (sqlite3_column_type (changes, 4), ==, SQLITE_NULL);
            }
          else
            {
              g_assert_cmpstr (op, ==, "update");
              g_assert_cmpint (sqlite3_column_int64 (changes, 4), ==, c->amount);
            }
        }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_assert_true (saw_task && saw_value);
  c->amount = amount;
}

/* After round @round with @acks acknowledged edits. */
static void
verify_database (Crash *c, guint round, guint acks)
{
  sqlite3 *db = NULL;
  g_autofree char *tasks_sql = NULL;
  g_autofree char *steps_sql = NULL;
  gint64 tasks, steps, landed;

  g_assert_cmpint (sqlite3_open_v2 (c->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  assert_quick_check_ok (db);
  /* A step left open by the kill would make the triggers file later changes under it. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM edit_session"), ==, 0);

  tasks_sql = g_strdup_printf ("SELECT count(*) FROM tasks WHERE area_id = %lld AND year = %d"
                               " AND text GLOB 'round %u edit *'",
                               (long long)c->area_id, CRASH_YEAR, round);
  steps_sql
      = g_strdup_printf ("SELECT count(*) FROM steps WHERE label GLOB 'Crash test: round %u, edit *'", round);
  tasks = query_int (db, tasks_sql);
  steps = query_int (db, steps_sql);
  /* Every ack is there; at most the one commit whose ack the kill cut off is there besides. */
  g_assert_cmpint (tasks, >=, acks);
  g_assert_cmpint (tasks, <=, (gint64)acks + 1);
  g_assert_cmpint (steps, ==, tasks);
  for (guint n = 1; n <= (guint)tasks; n++)
    {
      g_autofree char *one = g_strdup_printf ("SELECT count(*) FROM tasks WHERE area_id = %lld AND year = %d"
                                              " AND text = 'round %u edit %u'",
                                              (long long)c->area_id, CRASH_YEAR, round, n);
      g_assert_cmpint (query_int (db, one), ==, 1);
      assert_edit_whole (c, db, round, n);
    }
  c->acknowledged += acks;
  c->landed += (guint)tasks;
  c->landed_unacked += (guint)tasks - acks;

  /* The figure is the last landed edit's, and nothing of an earlier round went missing. */
  if (c->amount != 0)
    {
      g_autofree char *value_sql
          = g_strdup_printf ("SELECT amount FROM indicator_values WHERE indicator_id = %lld AND year = %d"
                             " AND period = 'year'",
                             (long long)c->indicator_id, CRASH_YEAR);
      g_assert_cmpint (query_int (db, value_sql), ==, c->amount);
    }
  {
    g_autofree char *all_tasks = g_strdup_printf (
        "SELECT count(*) FROM tasks WHERE area_id = %lld AND year = %d", (long long)c->area_id, CRASH_YEAR);
    g_assert_cmpint (query_int (db, all_tasks), ==, c->landed);
  }
  landed = query_int (db, "SELECT count(*) FROM steps WHERE label GLOB 'Crash test: *'");
  g_assert_cmpint (landed, ==, c->landed);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM history h JOIN steps s ON h.step = s.id"
                                  " WHERE s.label GLOB 'Crash test: *'"),
                   ==, 2 * landed);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* ---- one round: start a writer, kill it, check ---- */

static void
run_round (Crash *c, guint round)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *round_text = g_strdup_printf ("%u", round);
  const char *argv[] = { c->writer, c->path, round_text, NULL };
  LineReader reader = { .fd = -1, .pending = g_string_new (NULL) };
  GPid pid = 0;
  guint acks = 0;
  gboolean opened = FALSE;
  int status = 0;
  char *line;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &reader.fd, NULL, &error));
  g_assert_no_error (error);

  /* One round in ten is killed while it may still be opening the file (WAL recovery, the
   * integrity check); the rest after a chosen number of commits plus up to 3 ms, which lands
   * before, inside and after the next commit. */
  if (g_rand_int_range (c->rand, 0, 10) == 0)
    {
      g_usleep ((gulong)g_rand_int_range (c->rand, 0, 6000));
      c->killed_opening++;
    }
  else
    {
      guint want = (guint)g_rand_int_range (c->rand, 0, 10);
      gulong delay = (gulong)g_rand_int_range (c->rand, 0, 3000);

      line = read_line (&reader, LINE_TIMEOUT_MS);
      /* The file the last kill left behind opens for writing. */
      if (g_strcmp0 (line, "ready") != 0)
        g_test_message ("round %u: the writer could not open the database (said %s)", round,
                        line != NULL ? line : "nothing");
      g_assert_cmpstr (line, ==, "ready");
      g_free (line);
      opened = TRUE;
      while (acks < want)
        {
          line = read_line (&reader, LINE_TIMEOUT_MS);
          g_assert_nonnull (line);
          take_ack (line, round, &acks);
          g_free (line);
        }
      if (delay > 0)
        g_usleep (delay);
      c->killed_after_acks++;
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* The writer never stops by itself: any other end means it failed. */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_spawn_close_pid (pid);

  /* What it acknowledged before the signal arrived counts too. */
  while ((line = read_line (&reader, LINE_TIMEOUT_MS)) != NULL)
    {
      if (!opened)
        {
          g_assert_cmpstr (line, ==, "ready");
          opened = TRUE;
        }
      else
        take_ack (line, round, &acks);
      g_free (line);
    }
  if (!opened)
    c->killed_before_ready++;
  close (reader.fd);
  g_string_free (reader.pending, TRUE);

  verify_database (c, round, acks);
  c->rounds++;
}

static void
test_kill_while_editing (void)
{
  g_autoptr (GError) error = NULL;
  Crash c = { 0 };
  guint rounds = DEFAULT_ROUNDS;
  guint32 seed = g_random_int ();
  const char *env;
  gint64 start = g_get_monotonic_time ();

  c.writer = g_getenv ("ITOGI_CRASH_WRITER");
  g_assert_nonnull (c.writer);
  if ((env = g_getenv ("ITOGI_CRASH_ROUNDS")) != NULL)
    {
      guint64 parsed = 0;
      g_assert_true (g_ascii_string_to_unsigned (env, 10, 1, 1000000, &parsed, NULL));
      rounds = (guint)parsed;
    }
  if ((env = g_getenv ("ITOGI_CRASH_SEED")) != NULL)
    {
      guint64 parsed = 0;
      g_assert_true (g_ascii_string_to_unsigned (env, 10, 0, G_MAXUINT32, &parsed, NULL));
      seed = (guint32)parsed;
    }
  g_test_message ("seed %u (replay with ITOGI_CRASH_SEED=%u), %u rounds", seed, seed, rounds);
  c.rand = g_rand_new_with_seed (seed);

  c.dir = g_dir_make_tmp ("itogi-crash-XXXXXX", &error);
  g_assert_no_error (error);
  c.path = g_build_filename (c.dir, "itogi.db", NULL);
  {
    g_autoptr (ItogiStore) store = itogi_seed_create (c.path, &error);
    g_autoptr (ItogiArea) area = NULL;
    g_autoptr (GPtrArray) indicators = NULL;

    g_assert_no_error (error);
    area = itogi_store_find_area (store, "legal", &error);
    g_assert_no_error (error);
    c.area_id = area->id;
    indicators = itogi_store_list_indicators (store, area->id, TRUE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < indicators->len; i++)
      if (g_strcmp0 (((ItogiIndicator *)indicators->pdata[i])->slug, "lawsuits") == 0)
        c.indicator_id = ((ItogiIndicator *)indicators->pdata[i])->id;
    g_assert_cmpint (c.indicator_id, !=, 0);
  }

  for (guint round = 1; round <= rounds; round++)
    run_round (&c, round);

  /* After the last kill the store itself opens the file for writing, finds it whole, writes. */
  {
    g_autoptr (ItogiStore) store = itogi_store_open (c.path, &error);
    g_autoptr (GPtrArray) problems = NULL;

    g_assert_no_error (error);
    problems = itogi_store_check (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_cmpint (itogi_store_begin_step (store, "After the crashes", &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (itogi_store_add_task (store, c.area_id, CRASH_YEAR, "after the crashes", &error), >, 0);
    g_assert_no_error (error);
    g_assert_true (itogi_store_commit_step (store, &error));
    g_assert_no_error (error);
  }

  g_test_message (
      "%u rounds survived: %u acknowledged edits verified, %u edits landed in all "
      "(%u committed but killed before the ack); %u kills soon after the start (%u before the file was "
      "open), %u after acks; %.1f s",
      c.rounds, c.acknowledged, c.landed, c.landed_unacked, c.killed_opening, c.killed_before_ready,
      c.killed_after_acks, (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  g_assert_cmpuint (c.rounds, ==, rounds);

  itogi_test_remove_tree (c.dir);
  g_free (c.dir);
  g_free (c.path);
  g_rand_free (c.rand);
}

int
main (int argc, char *argv[])
{
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/reliability/crash/kill-while-editing", test_kill_while_editing);
  return g_test_run ();
}
