/* test-util.h: what several test programs need alike
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Remove @dir and everything under it, read-only folders included (their mode is lifted first);
 * a symbolic link is removed, never followed. */
void itogi_test_remove_tree (const char *dir);

/* Take the locale from the environment and bind our translations, as both programs do at start
 * (the plain test pass runs under ru_RU.UTF-8, the sanitizer pass under C.UTF-8). When
 * $ITOGI_TEST_LOCALE names the locale the tests must run in, a locale that is not installed, a
 * character set other than UTF-8 or, for a Russian locale, translations that cannot be found
 * end the program with a TAP "Bail out!": the tests never quietly run in "C" instead. */
void itogi_test_set_locale (void);

/* From here on, text printed into the TAP log (g_print, g_test_message) that is not valid UTF-8
 * is written with its bad bytes as \xNN and fails the program. */
void itogi_test_guard_output (void);

/* @text as it may be printed into the TAP log: bytes that are not valid UTF-8 as \xNN, control
 * characters as \xNN or \uNNNN, everything else as it is. */
char *itogi_test_printable (const char *text);

/* itogi_test_set_locale (), g_test_init () and itogi_test_guard_output (). */
void itogi_test_init (int *argc, char ***argv);

/* Whether the tests run in Russian (the locale's language is ru). */
gboolean itogi_test_russian (void);

/* @msgid as the programs say it in the locale the tests run in: our catalogue's translation
 * (the English itself in C.UTF-8). A test compares with it what must hold in every locale. */
const char *itogi_test_tr (const char *msgid);

/* A phrase that several messages share («Nothing was changed», «read-only»…) as they say it in
 * the locale the tests run in; for a fragment of a message, where the whole is not the point. */
const char *itogi_test_phrase (const char *english);

/* itogi_test_tr (@msgid) with its conversions (%s, %u, %d, %X) replaced in order by the strings
 * that follow, up to a NULL. No printf: a table of messages needs no format-string literals. */
char *itogi_test_trf (const char *msgid, ...) G_GNUC_NULL_TERMINATED;

/* The plural form of @msgid/@plural for @n, its number filled in with @n. */
char *itogi_test_trn (const char *msgid, const char *plural, gulong n);

/* itogi_test_trf (@msgid, the number @n, NULL). */
char *itogi_test_tr_n (const char *msgid, gint64 n);

/* Whether the tests run against a PostgreSQL server (ITOGI_TEST_DATABASE=postgresql, under
 * tests/pg-run.sh), not on a file. */
gboolean itogi_test_on_server (void);

/* Where a test's database is made: @dir/itogi.db, or on the test server a database of its own,
 * new and empty (its URI). */
char *itogi_test_database (const char *dir);

/* Run @sql on the server database @uri with psql, as another tool would; fails the test when it
 * fails. */
void itogi_test_psql (const char *uri, const char *sql);

/* What @sql (one value) gives on the server database @uri, through psql. */
char *itogi_test_psql_value (const char *uri, const char *sql);

/* Whether psql refuses @sql on @uri (it exits with an error): what the server would not do. */
gboolean itogi_test_psql_refused (const char *uri, const char *sql);

/* A digest of everything Itogi keeps in the server database @uri (every table's rows): equal
 * digests, nothing changed. */
char *itogi_test_server_digest (const char *uri);

/* Run the test server's script @name: "crash" stops it as a crash would, "start" starts it. */
void itogi_test_server_script (const char *name);

/* Who the store records as making a change: the server's role, or the system user. */
const char *itogi_test_user (void);

/* Skip the running test, saying why, when the tests run on a server: it is about what only a
 * file has (its copies, its journal, its folder). TRUE when skipped. */
gboolean itogi_test_file_only (void);
/* Skip the running test, saying why, when the tests run on a server and ITOGI_TEST_SKIP_ON_SERVER
 * names its path (space-separated): the sanitizer pass leaves out what only repeats another run
 * (.ci/test). TRUE when skipped. */
gboolean itogi_test_skipped_on_server (void);

/* Whether this process has mapped a shared library whose file name begins with @name («libpq.so»),
 * as /proc/self/maps says: what a program loaded, whoever loaded it. */
gboolean itogi_test_library_mapped (const char *name);

G_END_DECLS
