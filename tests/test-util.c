/* test-util.c: what several test programs need alike
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-util.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
itogi_test_remove_tree (const char *dir)
{
  g_autoptr (GDir) d = NULL;
  const char *name;

  /* Tests make folders read-only on purpose; their files must still go. */
  g_chmod (dir, 0700);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        itogi_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

G_GNUC_NORETURN static void
bail_out (const char *message)
{
  printf ("Bail out! %s\n", message);
  fflush (stdout);
  exit (1);
}

gboolean
itogi_test_russian (void)
{
  const char *name = setlocale (LC_MESSAGES, NULL);

  return name != NULL && g_str_has_prefix (name, "ru");
}

void
itogi_test_set_locale (void)
{
  const char *want = g_getenv ("ITOGI_TEST_LOCALE");
  const char *dir = g_getenv ("ITOGI_LOCALEDIR");
  const char *got = setlocale (LC_ALL, "");

  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (want == NULL || *want == '\0')
    return;

  if (got == NULL || g_strcmp0 (setlocale (LC_NUMERIC, NULL), want) != 0
      || g_strcmp0 (setlocale (LC_MESSAGES, NULL), want) != 0)
    {
      g_autofree char *why = g_strdup_printf (
          "the tests run under the locale %s, which is not installed here: run .ci/setup, or "
          "generate it (Debian: locale-gen after uncommenting it in /etc/locale.gen), or "
          "meson configure -Dtest_locale=C.UTF-8",
          want);
      bail_out (why);
    }
  if (g_strcmp0 (nl_langinfo (CODESET), "UTF-8") != 0)
    {
      g_autofree char *why
          = g_strdup_printf ("the locale %s is not UTF-8 but %s", want, nl_langinfo (CODESET));
      bail_out (why);
    }
  /* gettext ("") is the catalogue's header: found only if our Russian catalogue is. */
  if (itogi_test_russian () && strstr (dgettext (GETTEXT_PACKAGE, ""), "Language: ru") == NULL)
    {
      g_autofree char *why
          = g_strdup_printf ("no Russian catalogue of %s under %s: ITOGI_LOCALEDIR must name the "
                             "build's po folder",
                             GETTEXT_PACKAGE, dir != NULL ? dir : LOCALEDIR);
      bail_out (why);
    }
}

const char *
itogi_test_tr (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

/* Words that the messages share, as the Russian catalogue renders them in every message that
 * has them (checked against po/ru.po when this table was written). */
static const struct
{
  const char *english, *russian;
} phrases[] = {
  { "Nothing was changed", "Ничего не изменено" },
  { "Nothing was saved", "Ничего не сохранено" },
  { "nothing was saved", "ничего не сохранено" },
  { "read-only", "только для чтения" },
  { "disk is full", "Диск заполнен" },
  { "is busy with another program", "занята другой программой" },
};

const char *
itogi_test_phrase (const char *english)
{
  for (gsize i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (g_str_equal (phrases[i].english, english))
      return itogi_test_russian () ? phrases[i].russian : phrases[i].english;
  g_error ("no Russian for the phrase «%s» in test-util.c", english);
}

char *
itogi_test_trf (const char *msgid, ...)
{
  const char *text = itogi_test_tr (msgid);
  GString *out = g_string_new (NULL);
  va_list ap;

  va_start (ap, msgid);
  for (const char *p = text; *p != '\0'; p++)
    {
      gsize n;
      const char *arg;

      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (p[1] == '%')
        {
          g_string_append_c (out, '%');
          p++;
          continue;
        }
      /* A conversion: flags, width, length, then s, u, d, i or X. */
      n = 1 + strspn (p + 1, "-+ 0123456789.lhz");
      g_assert_true (p[n] != '\0' && strchr ("sudiX", p[n]) != NULL);
      arg = va_arg (ap, const char *);
      g_assert_nonnull (arg);
      g_string_append (out, arg);
      p += n;
    }
  /* Every argument was used. */
  g_assert_null (va_arg (ap, const char *));
  va_end (ap);
  return g_string_free (out, FALSE);
}

char *
itogi_test_trn (const char *msgid, const char *plural, gulong n)
{
  g_autofree char *number = g_strdup_printf ("%lu", n);
  const char *text = g_dngettext (GETTEXT_PACKAGE, msgid, plural, n);

  /* The form chosen is filled in as it is: itogi_test_trf finds no catalogue entry for it. */
  return itogi_test_trf (text, number, NULL);
}

char *
itogi_test_tr_n (const char *msgid, gint64 n)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, n);

  return itogi_test_trf (msgid, number, NULL);
}

char *
itogi_test_printable (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  const char *end = text + strlen (text);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar)*p);
          p++;
          continue;
        }
      if (g_unichar_iscntrl (c))
        g_string_append_printf (out, c < 0x80 ? "\\x%02x" : "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static void
print_valid_utf8 (const char *text)
{
  g_auto (GStrv) lines = NULL;

  if (g_utf8_validate (text, -1, NULL))
    {
      fputs (text, stdout);
      fflush (stdout);
      return;
    }
  /* As comment lines, so the log stays TAP; then the program fails. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      {
        g_autofree char *escaped = itogi_test_printable (lines[i]);
        printf ("# %s\n", escaped);
      }
  printf ("Bail out! the test printed invalid UTF-8 into its log (shown above with \\xNN): print raw bytes "
          "through itogi_test_printable ()\n");
  fflush (stdout);
  abort ();
}

void
itogi_test_guard_output (void)
{
  g_set_print_handler (print_valid_utf8);
}

void
itogi_test_init (int *argc, char ***argv)
{
  itogi_test_set_locale ();
  g_test_init (argc, argv, NULL);
  itogi_test_guard_output ();
}

gboolean
itogi_test_on_server (void)
{
  return g_strcmp0 (g_getenv ("ITOGI_TEST_DATABASE"), "postgresql") == 0;
}

gboolean
itogi_test_file_only (void)
{
  if (!itogi_test_on_server ())
    return FALSE;
  g_test_skip ("about a database file; the tests run on a server");
  return TRUE;
}

gboolean
itogi_test_library_mapped (const char *name)
{
  g_autofree char *maps = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *file = strrchr (lines[i], '/');

      if (file != NULL && g_str_has_prefix (file + 1, name))
        return TRUE;
    }
  return FALSE;
}

gboolean
itogi_test_skipped_on_server (void)
{
  g_auto (GStrv) paths = NULL;

  if (!itogi_test_on_server () || g_getenv ("ITOGI_TEST_SKIP_ON_SERVER") == NULL)
    return FALSE;
  paths = g_strsplit (g_getenv ("ITOGI_TEST_SKIP_ON_SERVER"), " ", -1);
  if (!g_strv_contains ((const char *const *)paths, g_test_get_path ()))
    return FALSE;
  g_test_skip ("left out on the server in this pass (ITOGI_TEST_SKIP_ON_SERVER): run on a file here, and on "
               "the server in the plain pass");
  return TRUE;
}

char *
itogi_test_database (const char *dir)
{
  static guint made;
  const char *host = g_getenv ("ITOGI_TEST_PG_HOST");
  const char *user = g_getenv ("ITOGI_TEST_PG_USER");
  const char *bin = g_getenv ("ITOGI_TEST_PG_BIN");
  g_autofree char *name = NULL;
  g_autofree char *createdb = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!itogi_test_on_server ())
    return g_build_filename (dir, "itogi.db", NULL);
  if (host == NULL || user == NULL || bin == NULL)
    bail_out ("ITOGI_TEST_DATABASE=postgresql needs the server of tests/pg-run.sh");
  name = g_strdup_printf ("itogi_test_%d_%u", (int)getpid (), ++made);
  createdb = g_build_filename (bin, "createdb", NULL);
  {
    const char *argv[] = { createdb, "-h", host, "-U", user, name, NULL };
    if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status,
                       &error)
        || !g_spawn_check_wait_status (status, &error))
      bail_out (err != NULL && *err != '\0' ? err : error->message);
  }
  return g_strdup_printf ("postgresql://%s@/%s?host=%s", user, name, host);
}

const char *
itogi_test_user (void)
{
  return itogi_test_on_server () ? g_getenv ("ITOGI_TEST_PG_USER") : g_get_user_name ();
}

void
itogi_test_psql (const char *uri, const char *sql)
{
  g_autofree char *psql = g_build_filename (g_getenv ("ITOGI_TEST_PG_BIN"), "psql", NULL);
  const char *argv[] = { psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql, NULL };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("psql: %s", err);
}

char *
itogi_test_psql_value (const char *uri, const char *sql)
{
  g_autofree char *psql = g_build_filename (g_getenv ("ITOGI_TEST_PG_BIN"), "psql", NULL);
  const char *argv[] = { psql, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("psql: %s", err);
  return g_strstrip (g_steal_pointer (&out));
}

char *
itogi_test_server_digest (const char *uri)
{
  static const char *const tables[] = { "meta",         "areas", "indicators",   "indicator_values",
                                        "area_notes",   "tasks", "institutions", "institution_notes",
                                        "report_texts", "steps", "history" };
  g_autoptr (GString) sql = g_string_new ("SELECT md5(");

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (sql,
                            "%s(SELECT coalesce(string_agg(t::text, ',' ORDER BY t::text), '') FROM %s t)",
                            i > 0 ? " || '|' || " : "", tables[i]);
  g_string_append (sql, ")");
  return itogi_test_psql_value (uri, sql->str);
}

void
itogi_test_server_script (const char *name)
{
  g_autofree char *script = g_build_filename (g_getenv ("ITOGI_TEST_PG_HOST"), name, NULL);
  const char *argv[] = { script, NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
}

gboolean
itogi_test_psql_refused (const char *uri, const char *sql)
{
  g_autofree char *psql = g_build_filename (g_getenv ("ITOGI_TEST_PG_BIN"), "psql", NULL);
  const char *argv[] = { psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (status, NULL))
    return FALSE;
  g_test_message ("psql refused: %s", err);
  return TRUE;
}
