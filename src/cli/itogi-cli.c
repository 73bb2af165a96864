/* itogi-cli.c: Itogi without a display
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itogi-chart-export.h"
#include "itogi-format.h"
#include "itogi-i18n.h"
#include "itogi-import.h"
#include "itogi-seed.h"
#include "itogi-store-file.h"
#include "itogi-xlsx-read.h"
#include "itogi-narrative.h"
#include "itogi-output.h"
#include "itogi-report-formats.h"
#include "itogi-report-odt.h"
#include "itogi-report-pdf.h"
#include "itogi-session.h"
#include "itogi-store.h"
#include "itogi-table.h"
#include "itogi-xlsx.h"

#define EXIT_USAGE 2

/* The longest indicator title printed on one line; longer ones wrap. */
#define TITLE_WIDTH 56

typedef struct
{
  const char *database; /* NULL: the default database */
} GlobalOptions;

/* Output is always UTF-8: the data is Russian whatever the terminal's locale says. */
static void
out (const char *text)
{
  fputs (text, stdout);
}

static int
fail (int code, const char *message)
{
  g_autofree char *line = g_strdelimit (g_strdup (message), "\r\n", ' ');

  /* An error is always one line, whatever the message holds. */
  fprintf (stderr, "itogi-cli: %s\n", line);
  return code;
}

static int
fail_error (GError *error)
{
  return fail (EXIT_FAILURE, error->message);
}

/* Each command as «itogi-cli --help» lists it: how it is called, with its placeholders in the
 * reader's language, and what it does. */
static const struct
{
  const char *call;
  const char *does;
} usage_lines[] = {
  { "init", N_ ("a new database with the report’s data") },
  { N_ ("table --year YEAR [--compare YEAR] [--area SLUG]"), N_ ("the year-over-year table") },
  { "areas", N_ ("the areas’ short names (slugs), one a line") },
  { N_ ("chart [--area SLUG] --year YEAR [--compare YEAR] [--kind KIND] [--width W --height H] -o FILE"),
    N_ ("a chart as PNG, SVG or PDF") },
  { N_ ("export --year YEAR [--compare YEAR] [--area SLUG …] [--format xlsx|csv] -o FILE"),
    N_ ("the tables as an Excel workbook or a CSV file") },
  { N_ ("import FILE.csv|FILE.xlsx [--dry-run]"),
    N_ ("figures from a CSV file or a workbook, all or nothing") },
  { N_ ("report --year YEAR [--compare YEAR] [--approved-only] [--format pdf|odt|txt] -o FILE"),
    N_ ("the annual report; -o - prints its text") },
  { N_ ("backup FILE.db"), N_ ("a checked copy of the database") },
  { N_ ("restore BACKUP.db"), N_ ("a checked backup in the database’s place; the old file is kept") },
  { "check", N_ ("the schema, integrity and references of the database") },
  { "upgrade", N_ ("an older data format brought up to date, after a backup") },
  { N_ ("copy SOURCE DEST"), N_ ("a whole database copied and verified, between files and servers") },
  { N_ ("access grant|revoke ROLE (--area SLUG [--read] | --all | --manage), access list"),
    N_ ("who may read or edit which area of a server’s database") },
  { N_ ("status --year YEAR [--area SLUG (--submit | --withdraw | --approve | --unlock)]"),
    N_ ("the year’s sign-off per area, and the figures still missing") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n", _ ("Usage: itogi-cli [--database PATH|URI] COMMAND [OPTIONS]"),
           _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (usage_lines); i++)
    /* A command's own name has no translation: gettext gives it back as it is. */
    fprintf (stream, "  %s\n      %s\n", _ (usage_lines[i].call), _ (usage_lines[i].does));
  fprintf (stream, "\n%s\n",
           _ ("Without --database the default database is used, and created on first use. A URI "
              "(postgresql://…) names a database on a PostgreSQL server; “init” sets up an empty one."));
}

typedef enum
{
  FOR_READING,  /* the command only reads: nothing of the file or beside it changes */
  FOR_WRITING,  /* it edits: an older data format is upgraded first (after a backup) */
  FOR_CHECKING, /* itogi-cli check: the schema and integrity are reported, not refused */
} Purpose;

static char *
database_path (const GlobalOptions *global)
{
  return global->database != NULL ? g_strdup (global->database) : itogi_store_default_path ();
}

static ItogiStore *
open_store (const GlobalOptions *global, Purpose purpose, GError **error)
{
  g_autofree char *path = database_path (global);

  /* The default database is made on first use, with the report's data. */
  if (global->database == NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
    return itogi_seed_open_default (error);
  switch (purpose)
    {
    case FOR_WRITING:
      return itogi_store_open (path, error);
    case FOR_CHECKING:
      return itogi_store_open_to_check (path, error);
    case FOR_READING:
    default:
      return itogi_store_open_to_read (path, error);
    }
}

static int
cmd_init (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autofree char *path
      = global->database != NULL ? g_strdup (global->database) : itogi_store_default_path ();

  if (argc > 1)
    return fail (EXIT_USAGE, _ ("“init” takes no arguments."));

  if (global->database == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_autofree char *msg = g_strdup_printf (_ ("Cannot create the folder “%s”."), dir);
          return fail (EXIT_FAILURE, msg);
        }
    }
  store = itogi_seed_create (path, &error);
  if (store == NULL)
    return fail_error (error);
  {
    /* A server's URI is named without its password. */
    g_autofree char *msg
        = itogi_store_is_server (store)
              ? g_strdup_printf (_ ("Set up the server database %s with the report’s data."),
                                 itogi_store_get_path (store))
              : g_strdup_printf (_ ("Created %s with the report’s data."), itogi_store_get_path (store));
    out (msg);
    out ("\n");
  }
  return EXIT_SUCCESS;
}

static int
cmd_areas (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (GPtrArray) areas = NULL;

  if (argc > 1)
    return fail (EXIT_USAGE, _ ("“areas” takes no arguments."));
  store = open_store (global, FOR_READING, &error);
  if (store == NULL)
    return fail_error (error);
  areas = itogi_store_list_areas (store, FALSE, &error);
  if (areas == NULL)
    return fail_error (error);
  for (guint i = 0; i < areas->len; i++)
    {
      ItogiArea *area = g_ptr_array_index (areas, i);
      out (area->slug);
      out ("\n");
    }
  return EXIT_SUCCESS;
}

/* backup FILE: a verified copy of the database. */
static int
cmd_backup (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autofree char *message = NULL;

  if (argc != 2 || argv[1][0] == '-')
    return fail (EXIT_USAGE, _ ("Name the backup file: itogi-cli backup FILE.db."));
  store = open_store (global, FOR_READING, &error);
  if (store == NULL)
    return fail_error (error);
  /* A server's database backs up as an Itogi file, copied and verified table by table. */
  if (itogi_store_is_server (store) ? !itogi_store_copy_from (store, argv[1], NULL, &error)
                                    : !itogi_store_backup (store, argv[1], &error))
    return fail_error (error);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_ ("Backed up to %s and checked."), argv[1]);
  out (message);
  out ("\n");
  return EXIT_SUCCESS;
}

/* restore BACKUP: the backup, checked, in the database's place; the old file moved aside. */
static int
cmd_restore (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *message = NULL;

  if (argc != 2 || argv[1][0] == '-')
    return fail (EXIT_USAGE, _ ("Name the backup to restore: itogi-cli restore BACKUP.db."));
  dest = global->database != NULL ? g_strdup (global->database) : itogi_store_default_path ();
  if (!itogi_store_restore (argv[1], dest, "replaced", &aside, &error))
    return fail_error (error);
  message = aside != NULL
                /* Translators: «Восстановлено из A; прежний файл сохранён как B.» */
                ? g_strdup_printf (_ ("Restored from %s; the previous file is kept as %s."), argv[1], aside)
                : g_strdup_printf (_ ("Restored from %s."), argv[1]);
  out (message);
  out ("\n");
  return EXIT_SUCCESS;
}

/* check: the full integrity and foreign-key checks; non-zero when anything is wrong. */
static int
cmd_check (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  if (argc > 1)
    return fail (EXIT_USAGE, _ ("“check” takes no arguments."));
  store = open_store (global, FOR_CHECKING, &error);
  if (store == NULL)
    return fail_error (error);
  problems = itogi_store_check (store, &error);
  if (problems == NULL)
    return fail_error (error);
  if (problems->len == 0)
    {
      out (_ ("The database is sound."));
      out ("\n");
      return EXIT_SUCCESS;
    }
  for (guint i = 0; i < problems->len; i++)
    fprintf (stderr, "%s\n", (const char *)problems->pdata[i]);
  {
    g_autofree char *msg = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u problem found.", "%u problems found.", problems->len),
        problems->len);
    return fail (EXIT_FAILURE, msg);
  }
}

/* upgrade: an older data format brought up to date, after a verified backup of the file as it was. */
static int
cmd_upgrade (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autofree char *path = database_path (global);
  g_autofree char *message = NULL;
  int before;

  if (argc > 1)
    return fail (EXIT_USAGE, _ ("“upgrade” takes no arguments."));
  /* First a look that changes nothing: a file already up to date is left exactly as it is. */
  store = open_store (global, FOR_CHECKING, &error);
  if (store == NULL)
    return fail_error (error);
  before = itogi_store_get_schema_version (store);
  g_clear_pointer (&store, itogi_store_free);
  if (before == ITOGI_STORE_SCHEMA_VERSION)
    {
      /* Up to date, and sound: a damaged or altered file is refused, not called up to date. */
      store = open_store (global, FOR_READING, &error);
      if (store == NULL)
        return fail_error (error);
      /* Translators: «База данных X уже в формате данных 3. Ничего не изменено.» */
      message = g_strdup_printf (_ ("%s is already in data format %d. Nothing was changed."), path, before);
      out (message);
      out ("\n");
      return EXIT_SUCCESS;
    }
  store = open_store (global, FOR_WRITING, &error);
  if (store == NULL)
    return fail_error (error);
  /* Translators: «X переведена из формата данных 1 в формат 3; прежний файл сохранён в папке копий X.» */
  {
    g_autofree char *backups = itogi_store_backup_dir (store);
    message = g_strdup_printf (_ ("Upgraded %s from data format %d to %d; the file as it was is kept in %s."),
                               path, before, ITOGI_STORE_SCHEMA_VERSION, backups);
  }
  out (message);
  out ("\n");
  return EXIT_SUCCESS;
}

/* Display width in characters; every character here is one column wide. */
static glong
width_of (const char *s)
{
  return g_utf8_strlen (s, -1);
}

static void
pad (GString *line, const char *text, glong width, gboolean right)
{
  glong gap = MAX (0, width - width_of (text));

  if (right)
    for (glong i = 0; i < gap; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (!right)
    for (glong i = 0; i < gap; i++)
      g_string_append_c (line, ' ');
}

/* Split a title into lines of at most @width characters, at spaces. */
static GPtrArray *
wrap_words (const char *text, glong width)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr (GString) current = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (current->len > 0 && width_of (current->str) + 1 + width_of (words[i]) > width)
        {
          g_ptr_array_add (lines, g_strdup (current->str));
          g_string_truncate (current, 0);
        }
      if (current->len > 0)
        g_string_append_c (current, ' ');
      g_string_append (current, words[i]);
    }
  if (current->len > 0 || lines->len == 0)
    g_ptr_array_add (lines, g_strdup (current->str));
  return g_steal_pointer (&lines);
}

/* A year summed from months or quarters gets a star, explained under the table. */
static gboolean
mark_derived (char **text, const ItogiValue *value)
{
  char *marked;

  if (!value->derived)
    return FALSE;
  marked = g_strconcat (*text, value->partial ? "**" : "*", NULL);
  g_free (*text);
  *text = marked;
  return TRUE;
}

enum
{
  COL_TITLE,
  COL_UNIT,
  COL_PREV,
  COL_CUR,
  COL_DELTA,
  COL_PERCENT,
  N_COLS
};

/* Returns how many institutions were printed. */
static guint
print_institutions (ItogiStore *store, const ItogiArea *area, int year)
{
  g_autoptr (GPtrArray) institutions = itogi_store_list_institutions (store, area->id, year, NULL);

  for (guint i = 0; institutions != NULL && i < institutions->len; i++)
    {
      ItogiInstitution *inst = g_ptr_array_index (institutions, i);
      g_autofree char *line
          = g_strdup_printf ("%s\n  %s\n", inst->name, inst->note != NULL ? inst->note : "—");
      out (line);
    }
  return institutions != NULL ? institutions->len : 0;
}

static void
print_area_table (ItogiStore *store, const ItogiArea *area, GPtrArray *rows, guint first, guint last,
                  int year, int compare_year)
{
  g_autofree char *year_text = itogi_format_year (year);
  g_autofree char *compare_text = itogi_format_year (compare_year);
  const char *headers[N_COLS] = {
    _ ("Indicator"), _ ("Unit"), compare_text, year_text, _ ("Change"), _ ("Change, %"),
  };
  glong widths[N_COLS];
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  gboolean any_derived = FALSE;

  g_string_printf (line, "%s: %s %s %s\n", area->title, year_text,
                   /* Translators: "2023 г. к 2022 г.", a report year against a comparison year */
                   C_ ("year against year", "vs"), compare_text);
  out (line->str);

  if (first == last)
    {
      if (print_institutions (store, area, year) == 0)
        {
          out (_ ("No indicators yet: the report gives no figures for this area."));
          out ("\n");
        }
      return;
    }

  for (int c = 0; c < N_COLS; c++)
    widths[c] = width_of (headers[c]);
  widths[COL_TITLE] = MAX (widths[COL_TITLE], 10);

  for (guint i = first; i < last; i++)
    {
      ItogiTableRowText *text = g_new0 (ItogiTableRowText, 1);
      itogi_table_row_format (g_ptr_array_index (rows, i), text);
      any_derived |= mark_derived (&text->previous, &text->row->previous);
      any_derived |= mark_derived (&text->current, &text->row->current);
      g_ptr_array_add (texts, text);
      widths[COL_TITLE] = MAX (widths[COL_TITLE], MIN (TITLE_WIDTH, width_of (text->row->indicator->title)));
      widths[COL_UNIT] = MAX (widths[COL_UNIT], width_of (text->row->indicator->unit));
      widths[COL_PREV] = MAX (widths[COL_PREV], width_of (text->previous));
      widths[COL_CUR] = MAX (widths[COL_CUR], width_of (text->current));
      widths[COL_DELTA] = MAX (widths[COL_DELTA], width_of (text->delta));
      widths[COL_PERCENT] = MAX (widths[COL_PERCENT], width_of (text->percent));
    }

  g_string_truncate (line, 0);
  for (int c = 0; c < N_COLS; c++)
    {
      if (c > 0)
        g_string_append (line, "  ");
      pad (line, headers[c], widths[c], c >= COL_PREV);
    }
  g_string_append_c (line, '\n');
  out (line->str);

  for (guint i = 0; i < texts->len; i++)
    {
      ItogiTableRowText *text = g_ptr_array_index (texts, i);
      g_autoptr (GPtrArray) title = wrap_words (text->row->indicator->title, widths[COL_TITLE]);
      const char *cells[N_COLS] = {
        g_ptr_array_index (title, 0),
        text->row->indicator->unit,
        text->previous,
        text->current,
        text->delta,
        text->percent,
      };

      g_string_truncate (line, 0);
      for (int c = 0; c < N_COLS; c++)
        {
          if (c > 0)
            g_string_append (line, "  ");
          pad (line, cells[c] != NULL ? cells[c] : "", widths[c], c >= COL_PREV);
        }
      g_strchomp (line->str);
      line->len = strlen (line->str);
      g_string_append_c (line, '\n');
      for (guint l = 1; l < title->len; l++)
        g_string_append_printf (line, "  %s\n", (const char *)g_ptr_array_index (title, l));
      out (line->str);
      itogi_table_row_text_clear (text);
      g_free (text);
    }
  if (any_derived)
    {
      out (_ ("* summed from months or quarters; ** from only part of the year, so not compared."));
      out ("\n");
    }
  print_institutions (store, area, year);
}

static gboolean
parse_year (const char *text, const char *option, int *year, GError **error)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1900, 2200, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s needs a year between 1900 and 2200, not “%s”."), option, text != NULL ? text : "");
      return FALSE;
    }
  *year = (int)value;
  return TRUE;
}

/* Parse a command's own options; on a bad one, say so in one line. Returns −1 when all is well,
 * or the exit status to end with. */
static int
parse_command (int *argc, char ***argv, const GOptionEntry *entries, const char *summary)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return fail (EXIT_USAGE, error->message);
  if (*argc > 1)
    {
      g_autofree char *msg = g_strdup_printf (_ ("Unexpected argument “%s”."), (*argv)[1]);
      return fail (EXIT_USAGE, msg);
    }
  return -1;
}

/* The latest year with figures when none was given, and the year before it to compare with. */
static void
resolve_years (ItogiStore *store, int *year, int *compare_year)
{
  if (*year == 0)
    *year = itogi_table_latest_year (store);
  if (*compare_year == 0)
    *compare_year = *year - 1;
}

static int
cmd_table (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  int status;
  g_autofree char *year_text = NULL, *compare_text = NULL, *area_slug = NULL;
  int year = 0, compare_year = 0;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("The report year (default: the latest)"),
      N_ ("YEAR") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare_text,
      N_ ("The comparison year (default: the year before)"), N_ ("YEAR") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area_slug, N_ ("Only this area (see “itogi-cli areas”)"),
      N_ ("SLUG") },
    { NULL },
  };

  status
      = parse_command (&argc, &argv, entries, _ ("Print the year-over-year table, as the window shows it."));
  if (status >= 0)
    return status;
  if (year_text != NULL && !parse_year (year_text, "--year", &year, &error))
    return fail (EXIT_USAGE, error->message);
  if (compare_text != NULL && !parse_year (compare_text, "--compare", &compare_year, &error))
    return fail (EXIT_USAGE, error->message);

  store = open_store (global, FOR_READING, &error);
  if (store == NULL)
    return fail_error (error);
  resolve_years (store, &year, &compare_year);

  rows = itogi_table_build (store, area_slug, year, compare_year, &error);
  if (rows == NULL)
    return fail_error (error);

  if (area_slug != NULL)
    {
      areas = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_area_free);
      g_ptr_array_add (areas, itogi_store_find_area (store, area_slug, &error));
    }
  else
    areas = itogi_store_list_areas (store, FALSE, &error);
  if (areas == NULL || (areas->len > 0 && g_ptr_array_index (areas, 0) == NULL))
    return fail_error (error);
  if (areas->len == 0)
    return fail (EXIT_FAILURE, _ ("The database has no activity areas."));

  for (guint a = 0, r = 0; a < areas->len; a++)
    {
      ItogiArea *area = g_ptr_array_index (areas, a);
      guint first = r;

      while (r < rows->len && ((ItogiTableRow *)g_ptr_array_index (rows, r))->area->id == area->id)
        r++;
      if (a > 0)
        out ("\n");
      print_area_table (store, area, rows, first, r, year, compare_year);
    }
  return EXIT_SUCCESS;
}

static gboolean
parse_size (const char *text, const char *option, double *out, GError **error)
{
  gint64 value;

  if (text != NULL && !g_ascii_string_to_signed (text, 10, 240, 14400, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s needs a whole number from 240 to 14400, not “%s”."), option, text);
      return FALSE;
    }
  if (text != NULL)
    *out = (double)value;
  return TRUE;
}

static int
cmd_export (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  int status;
  g_autofree char *year_text = NULL, *compare_text = NULL, *format = NULL, *output = NULL;
  g_auto (GStrv) areas = NULL;
  ItogiExportOptions options = { 0 };
  const ItogiTableFormat *chosen;
  g_autofree char *format_names = itogi_table_format_names ();
  /* Translators: %s lists the formats: «xlsx, csv» */
  g_autofree char *format_help
      = g_strdup_printf (_ ("One of %s (default: from the file name, else xlsx)"), format_names);
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("The report year (default: the latest)"),
      N_ ("YEAR") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare_text,
      N_ ("The comparison year (default: the year before)"), N_ ("YEAR") },
    { "area", 0, 0, G_OPTION_ARG_STRING_ARRAY, &areas,
      N_ ("Only this area; repeat for several (default: every area)"), N_ ("SLUG") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, format_help, N_ ("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The file to write"), N_ ("FILE") },
    { NULL },
  };

  status = parse_command (&argc, &argv, entries,
                          _ ("Write the year-over-year tables as an Excel workbook or a CSV file."));
  if (status >= 0)
    return status;
  if (output == NULL || *output == '\0')
    return fail (EXIT_USAGE, _ ("Name the file to write with -o FILE.xlsx or FILE.csv."));
  chosen = format != NULL ? itogi_table_format_find (format) : itogi_table_format_for_path (output);
  if (format != NULL && chosen == NULL)
    {
      /* Translators: the second %s lists the formats: «xlsx, csv» */
      g_autofree char *msg
          = g_strdup_printf (_ ("Unknown format “%s”: use one of %s."), format, format_names);
      return fail (EXIT_USAGE, msg);
    }
  if (chosen == NULL)
    chosen = itogi_table_format_find ("xlsx");
  if ((year_text != NULL && !parse_year (year_text, "--year", &options.year, &error))
      || (compare_text != NULL && !parse_year (compare_text, "--compare", &options.compare_year, &error)))
    return fail (EXIT_USAGE, error->message);

  store = open_store (global, FOR_READING, &error);
  if (store == NULL)
    return fail_error (error);
  resolve_years (store, &options.year, &options.compare_year);
  options.areas = (const char *const *)areas;
  if (!chosen->write (store, &options, output, NULL, &error))
    return fail_error (error);
  return EXIT_SUCCESS;
}

static int
cmd_import (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (ItogiCsvTable) table = NULL;
  g_autoptr (GPtrArray) sheets = NULL;
  g_auto (ItogiImportReport) report = { 0 };
  g_autofree char *contents = NULL;
  gboolean dry_run = FALSE, done;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_ ("Check the file and change nothing"), NULL },
    { NULL },
  };

  {
    g_autoptr (GOptionContext) context = g_option_context_new (NULL);

    g_option_context_set_summary (context,
                                  _ ("Import values from a CSV file or an Excel workbook (.xlsx), all "
                                     "or nothing."));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    if (!g_option_context_parse (context, &argc, &argv, &error))
      return fail (EXIT_USAGE, error->message);
    /* What is left is the one file to import. */
    if (argc != 2)
      return fail (EXIT_USAGE,
                   _ ("Name the file to import: itogi-cli import FILE.csv|FILE.xlsx [--dry-run]."));
    if (!itogi_input_check (argv[1], ITOGI_CSV_MAX_FILE_SIZE, &error)
        || !g_file_get_contents (argv[1], &contents, &length, &error))
      return fail_error (error);
  }
  /* A workbook is known by its zip signature, whatever its name says. */
  if (itogi_xlsx_looks_like ((const guint8 *)contents, length))
    sheets = itogi_xlsx_read ((const guint8 *)contents, length, &error);
  else
    table = itogi_csv_parse (contents, length, &error);
  if (table == NULL && sheets == NULL)
    return fail_error (error);

  store = open_store (global, dry_run ? FOR_READING : FOR_WRITING, &error);
  if (store == NULL)
    return fail_error (error);
  itogi_import_report_init (&report);
  done = sheets != NULL ? itogi_import_workbook_with (store, sheets, dry_run, &report, NULL, &error)
                        : itogi_import_csv (store, table, dry_run, &report, &error);
  if (!done)
    {
      if (error != NULL)
        return fail_error (error);
      /* Every problem where it is, then the verdict. */
      for (guint i = 0; i < report.problems->len; i++)
        {
          ItogiImportProblem *p = report.problems->pdata[i];
          g_autofree char *where = itogi_import_problem_where (p);
          fprintf (stderr, "%s: %s\n", where, p->message);
        }
      {
        g_autofree char *count = itogi_format_integer (report.problems->len);
        g_autofree char *msg
            = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s problem; nothing was imported.",
                                            "%s problems; nothing was imported.", report.problems->len),
                               count);
        return fail (EXIT_FAILURE, msg);
      }
    }
  {
    /* «100 000»: the digits grouped, as everywhere a person reads them. */
    g_autofree char *count = itogi_format_integer (report.values);
    g_autofree char *msg = dry_run ? g_strdup_printf (
                               g_dngettext (GETTEXT_PACKAGE, "The file is good: %s value would be imported.",
                                            "The file is good: %s values would be imported.", report.values),
                               count)
                                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s value.",
                                                                   "Imported %s values.", report.values),
                                                      count);
    /* A workbook of tasks alone says only what it did to them. */
    if (report.values > 0 || report.tasks == 0)
      {
        out (msg);
        out ("\n");
      }
  }
  if (report.tasks > 0)
    {
      g_autofree char *count = itogi_format_integer (report.tasks);
      g_autofree char *msg
          = dry_run ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s task would be added or updated.",
                                                    "%s tasks would be added or updated.", report.tasks),
                                       count)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s task added or updated.",
                                                    "%s tasks added or updated.", report.tasks),
                                       count);
      out (msg);
      out ("\n");
    }
  return EXIT_SUCCESS;
}

static int
cmd_report (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (ItogiNarrative) narrative = NULL;
  int status, year = 0, compare_year = 0;
  g_autofree char *year_text = NULL, *compare_text = NULL, *format = NULL, *output = NULL;
  gboolean approved_only = FALSE;
  const ItogiReportFormat *chosen;
  g_autofree char *format_names = itogi_report_format_names ();
  /* Translators: %s lists the formats: «pdf, odt, txt» */
  g_autofree char *format_help
      = g_strdup_printf (_ ("One of %s (default: from the file name)"), format_names);
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("The report year (default: the latest)"),
      N_ ("YEAR") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare_text,
      N_ ("The comparison year (default: the year before)"), N_ ("YEAR") },
    { "approved-only", 0, 0, G_OPTION_ARG_NONE, &approved_only,
      N_ ("Only the areas whose report year is approved"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, format_help, N_ ("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("The file to write; - for text on standard output"), N_ ("FILE") },
    { NULL },
  };

  status
      = parse_command (&argc, &argv, entries,
                       _ ("Write the annual report: the text made from the figures (with the edits made in "
                          "the app), the tables and the charts."));
  if (status >= 0)
    return status;
  if (output == NULL || *output == '\0')
    {
      /* Translators: %s lists the formats: «pdf, odt, txt» */
      g_autofree char *msg
          = g_strdup_printf (_ ("Name the file to write with -o FILE, ending in one of %s."), format_names);
      return fail (EXIT_USAGE, msg);
    }
  /* A name that says another kind of file (report.doc) would get what it does not expect. */
  chosen = format != NULL                 ? itogi_report_format_find (format)
           : g_strcmp0 (output, "-") == 0 ? itogi_report_format_find ("txt")
                                          : itogi_report_format_for_path (output);
  if (chosen == NULL && format != NULL)
    {
      /* Translators: the second %s lists the formats: «pdf, odt, txt» */
      g_autofree char *msg
          = g_strdup_printf (_ ("Unknown format “%s”: use one of %s."), format, format_names);
      return fail (EXIT_USAGE, msg);
    }
  if (chosen == NULL)
    {
      /* Translators: %s lists the formats: «pdf, odt, txt» */
      g_autofree char *msg = g_strdup_printf (
          _ ("Name the file so that it ends in one of %s, or say which with --format."), format_names);
      return fail (EXIT_USAGE, msg);
    }
  if ((year_text != NULL && !parse_year (year_text, "--year", &year, &error))
      || (compare_text != NULL && !parse_year (compare_text, "--compare", &compare_year, &error)))
    return fail (EXIT_USAGE, error->message);

  store = open_store (global, FOR_READING, &error);
  if (store == NULL)
    return fail_error (error);
  resolve_years (store, &year, &compare_year);
  if (compare_year >= year)
    {
      g_autofree char *msg = g_strdup_printf (
          _ ("The comparison year must come before the report year (%d against %d)."), year, compare_year);
      return fail (EXIT_USAGE, msg);
    }
  narrative = itogi_narrative_build_edited (store, year, compare_year, &error);
  if (narrative == NULL || (approved_only && !itogi_narrative_keep_approved (narrative, store, &error)))
    return fail_error (error);
  {
    /* Written all the same, but not without saying what it lacks, and what is not approved. */
    g_autofree char *missing = itogi_narrative_missing_figures (narrative);
    g_autofree char *pending = itogi_narrative_not_approved (store, year, approved_only, NULL);

    if (missing != NULL)
      fprintf (stderr, "itogi-cli: %s\n", missing);
    if (pending != NULL)
      fprintf (stderr, "itogi-cli: %s\n", pending);
  }
  if (g_strcmp0 (output, "-") == 0 && g_str_equal (chosen->name, "txt"))
    {
      g_autofree char *text = itogi_narrative_to_text (narrative);
      fputs (text, stdout);
      return EXIT_SUCCESS;
    }
  return chosen->write (store, narrative, output, NULL, &error) ? EXIT_SUCCESS : fail_error (error);
}

static int
cmd_chart (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (ItogiChartModel) model = NULL;
  int status;
  g_autofree char *year_text = NULL, *compare_text = NULL, *area_slug = NULL, *kind_text = NULL;
  g_autofree char *width_text = NULL, *height_text = NULL, *output = NULL;
  int year = 0, compare_year = 0;
  double width = 0, height = 0, dpi = 0;
  ItogiChartKind kind = ITOGI_CHART_AUTO;
  ItogiChartFormat format;
  const ItogiChartFormatInfo *info;
  g_autofree char *kind_names = itogi_chart_kind_names ();
  g_autofree char *extensions = itogi_chart_format_extensions ();
  /* Translators: %s lists the chart kinds: «auto, columns, bars, …» */
  g_autofree char *kind_help = g_strdup_printf (_ ("One of %s"), kind_names);
  /* Translators: %s lists the extensions: «.png, .svg, .pdf» */
  g_autofree char *output_help = g_strdup_printf (_ ("The file to write: %s"), extensions);
  const GOptionEntry entries[] = {
    { "area", 0, 0, G_OPTION_ARG_STRING, &area_slug, N_ ("The area (default: every area)"), N_ ("SLUG") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("The report year (default: the latest)"),
      N_ ("YEAR") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare_text,
      N_ ("The comparison year (default: the year before)"), N_ ("YEAR") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, kind_help, N_ ("KIND") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width_text, N_ ("Width: pixels for PNG, points for SVG and PDF"),
      N_ ("W") },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height_text, N_ ("Height"), N_ ("H") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, output_help, N_ ("FILE") },
    { NULL },
  };

  status = parse_command (&argc, &argv, entries, _ ("Draw the year-over-year chart of an area to a file."));
  if (status >= 0)
    return status;
  if (output == NULL || *output == '\0')
    {
      /* Translators: %s lists the extensions: «.png, .svg, .pdf» */
      g_autofree char *msg
          = g_strdup_printf (_ ("Name the file to write with -o FILE ending in %s."), extensions);
      return fail (EXIT_USAGE, msg);
    }
  if (!itogi_chart_format_from_path (output, &format, &error))
    return fail (EXIT_USAGE, error->message);
  if (kind_text != NULL && !itogi_chart_kind_from_string (kind_text, &kind))
    {
      /* Translators: the second %s lists the kinds: «auto, columns, bars, …» */
      g_autofree char *msg
          = g_strdup_printf (_ ("Unknown chart kind “%s”: use one of %s."), kind_text, kind_names);
      return fail (EXIT_USAGE, msg);
    }
  if ((year_text != NULL && !parse_year (year_text, "--year", &year, &error))
      || (compare_text != NULL && !parse_year (compare_text, "--compare", &compare_year, &error))
      || !parse_size (width_text, "--width", &width, &error)
      || !parse_size (height_text, "--height", &height, &error))
    return fail (EXIT_USAGE, error->message);

  /* Each format's own size unless one is given (PDF an A4 landscape page); the print preset's
   * size records its resolution. */
  info = itogi_chart_format_info (format);
  if (width == 0)
    width = info->width;
  if (height == 0)
    height = info->height;
  dpi = itogi_chart_preset_dpi (format, width, height);

  store = open_store (global, FOR_READING, &error);
  if (store == NULL)
    return fail_error (error);
  resolve_years (store, &year, &compare_year);
  model = itogi_chart_model_new_for_area (store, area_slug, kind, year, compare_year, &error);
  if (model == NULL)
    return fail_error (error);
  /* A file is a document: its captions are in the data's language, as the report's charts, in
   * whatever locale the command runs. */
  itogi_chart_model_use_document_captions (model, store, area_slug == NULL);
  if (!itogi_chart_export_file (model, format, width, height, dpi, output, &error))
    return fail_error (error);
  return EXIT_SUCCESS;
}

/* «8 направлений»: @phrase, the plural form for @n, with @n as a person reads it. */
static char *
counted (const char *phrase, gint64 n)
{
  g_autofree char *number = itogi_format_integer (n);
  g_auto (GStrv) parts = g_strsplit (phrase, "%s", 2);

  /* No printf of a translated format: the number takes the place of its %s. */
  return g_strconcat (parts[0], parts[1] != NULL ? number : "", parts[1], NULL);
}

/* copy SOURCE DEST: a whole database between files and servers, verified. */
static int
cmd_copy (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  ItogiStoreCopied copied = { 0 };
  g_autofree char *areas = NULL, *indicators = NULL, *figures = NULL, *tasks = NULL, *steps = NULL;
  g_autofree char *message = NULL;

  if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-')
    return fail (EXIT_USAGE, _ ("Name what to copy and where: itogi-cli copy SOURCE DEST (files or URIs)."));
  if (!itogi_store_copy (argv[1], argv[2], &copied, &error))
    return fail_error (error);
  areas = counted (g_dngettext (GETTEXT_PACKAGE, "%s area", "%s areas", (gulong)copied.areas), copied.areas);
  indicators
      = counted (g_dngettext (GETTEXT_PACKAGE, "%s indicator", "%s indicators", (gulong)copied.indicators),
                 copied.indicators);
  figures = counted (g_dngettext (GETTEXT_PACKAGE, "%s figure", "%s figures", (gulong)copied.figures),
                     copied.figures);
  tasks = counted (g_dngettext (GETTEXT_PACKAGE, "%s task", "%s tasks", (gulong)copied.tasks), copied.tasks);
  steps = counted (
      g_dngettext (GETTEXT_PACKAGE, "%s step of history", "%s steps of history", (gulong)copied.steps),
      copied.steps);
  /* Translators: «Скопировано: 8 направлений, 40 показателей, 96 значений, 12 задач, 3 шага
   * истории. Копия проверена: в каждой таблице те же строки.» */
  message = g_strdup_printf (_ ("Copied %s, %s, %s, %s, %s. The copy was verified: every table has the same "
                                "rows."),
                             areas, indicators, figures, tasks, steps);
  out (message);
  out ("\n");
  return EXIT_SUCCESS;
}

/* access grant|revoke ROLE (--area SLUG [--read] | --all | --manage), access list: the rights of
 * the server's roles, which the server enforces. */
static int
cmd_access (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  const char *role = NULL, *area = NULL;
  gboolean read = FALSE, all = FALSE, manage = FALSE, grant;
  ItogiAccessLevel level;
  const char *usage = _ ("Usage: itogi-cli --database URI access grant|revoke ROLE (--area SLUG [--read] | "
                         "--all | --manage), or access list.");

  if (argc == 2 && strcmp (argv[1], "list") == 0)
    {
      g_autoptr (GPtrArray) rights = NULL;

      store = open_store (global, FOR_READING, &error);
      if (store == NULL || (rights = itogi_store_list_access (store, &error)) == NULL)
        return fail_error (error);
      for (guint i = 0; i < rights->len; i++)
        {
          ItogiAccess *a = rights->pdata[i];
          g_autofree char *line = NULL;

          switch (a->level)
            {
            case ITOGI_ACCESS_READ:
              /* Translators: «clerk: читает «legal»» */
              line = g_strdup_printf (_ ("%s: reads “%s”"), a->role, a->area_slug);
              break;
            case ITOGI_ACCESS_EDIT:
              line = g_strdup_printf (_ ("%s: edits “%s”"), a->role, a->area_slug);
              break;
            case ITOGI_ACCESS_ALL:
              line = g_strdup_printf (_ ("%s: reads and edits every area"), a->role);
              break;
            case ITOGI_ACCESS_MANAGE:
            default:
              line = g_strdup_printf (_ ("%s: manages the areas, the indicators and the rights"), a->role);
              break;
            }
          out (line);
          out ("\n");
        }
      return EXIT_SUCCESS;
    }
  if (argc < 3 || (strcmp (argv[1], "grant") != 0 && strcmp (argv[1], "revoke") != 0) || argv[2][0] == '-')
    return fail (EXIT_USAGE, usage);
  grant = strcmp (argv[1], "grant") == 0;
  role = argv[2];
  for (int i = 3; i < argc; i++)
    {
      if (strcmp (argv[i], "--area") == 0 && i + 1 < argc)
        area = argv[++i];
      else if (strcmp (argv[i], "--read") == 0)
        read = TRUE;
      else if (strcmp (argv[i], "--all") == 0)
        all = TRUE;
      else if (strcmp (argv[i], "--manage") == 0)
        manage = TRUE;
      else
        return fail (EXIT_USAGE, usage);
    }
  /* Exactly one kind of right; --read only with an area, and only when giving it. */
  if ((area != NULL) + all + manage != 1 || (read && (area == NULL || !grant)))
    return fail (EXIT_USAGE, usage);
  level = all      ? ITOGI_ACCESS_ALL
          : manage ? ITOGI_ACCESS_MANAGE
          : read   ? ITOGI_ACCESS_READ
                   : ITOGI_ACCESS_EDIT;
  /* Refused before a file is opened for writing: opening one may upgrade it or change its journal. */
  {
    g_autofree char *path = database_path (global);
    if (!itogi_store_location_is_server (path))
      return fail (EXIT_FAILURE,
                   _ ("Rights per area are a shared server’s: a database file is open to whoever may "
                      "open its folder. Nothing was changed."));
  }
  store = open_store (global, FOR_WRITING, &error);
  if (store == NULL)
    return fail_error (error);
  if (grant)
    {
      if (!itogi_store_grant (store, role, area, level, &error))
        return fail_error (error);
      out (_ ("Granted. The server enforces it from the role’s next transaction."));
    }
  else
    {
      gint64 gone = itogi_store_revoke (store, role, area, level, &error);
      if (gone < 0)
        return fail_error (error);
      out (gone > 0 ? _ ("Revoked.") : _ ("The role had no such right: nothing was changed."));
    }
  out ("\n");
  return EXIT_SUCCESS;
}

/* One area's line of «status»: «Кадры — утверждён (ivanova, 05.12.2026 10:00); показатели: 12 из 12». */
static void
print_progress (const ItogiAreaProgress *p, int year)
{
  guint filled = p->indicators - p->missing->len;
  g_autofree char *status = g_utf8_strdown (itogi_area_status_label (p->status), -1);
  g_autofree char *when = p->changed_at != NULL ? itogi_format_local_time (p->changed_at) : NULL;
  g_autofree char *who = p->changed_by != NULL && p->status != ITOGI_AREA_DRAFT
                             ? g_strdup_printf (" (%s, %s)", p->changed_by, when)
                             : g_strdup ("");
  g_autofree char *count = itogi_format_integer (p->indicators);
  g_autofree char *done = itogi_format_integer (filled);
  g_autofree char *line = NULL;

  /* Translators: «Кадры — утверждён (ivanova, 05.12.2026 10:00); с данными 10 из 12 показателей».
   * The plural follows the second number. */
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s%s; %s of %s indicator has a figure",
                                       "%s — %s%s; %s of %s indicators have a figure", p->indicators),
                          p->area->short_title, status, who, done, count);
  out (line);
  out ("\n");
  for (guint i = 0; i < p->missing->len; i++)
    {
      const ItogiIndicator *missing = p->missing->pdata[i];
      g_autofree char *year_text = itogi_format_year (year);
      /* Translators: «  нет данных за 2024 г.: Численность работников» */
      g_autofree char *gap = g_strdup_printf (_ ("  no figure for %s: %s"), year_text, missing->title);
      out (gap);
      out ("\n");
    }
}

static int
cmd_status (const GlobalOptions *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ItogiStore) store = NULL;
  g_autoptr (GPtrArray) progress = NULL;
  g_autofree char *year_text = NULL, *area_slug = NULL;
  gboolean submit = FALSE, withdraw = FALSE, approve = FALSE, unlock = FALSE;
  guint counts[3] = { 0 };
  int status, year = 0;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("The report year"), N_ ("YEAR") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area_slug, N_ ("The area to move (see “itogi-cli areas”)"),
      N_ ("SLUG") },
    { "submit", 0, 0, G_OPTION_ARG_NONE, &submit, N_ ("Submit the area’s year for approval"), NULL },
    { "withdraw", 0, 0, G_OPTION_ARG_NONE, &withdraw, N_ ("Take a submitted year back to a draft"), NULL },
    { "approve", 0, 0, G_OPTION_ARG_NONE, &approve,
      N_ ("Approve a submitted year (the head of administration)"), NULL },
    { "unlock", 0, 0, G_OPTION_ARG_NONE, &unlock, N_ ("Unlock an approved year (the head of administration)"),
      NULL },
    { NULL },
  };

  status
      = parse_command (&argc, &argv, entries, _ ("The year’s sign-off, area by area, and what is missing."));
  if (status >= 0)
    return status;
  if (year_text == NULL || submit + withdraw + approve + unlock > 1
      || (submit + withdraw + approve + unlock == 1) != (area_slug != NULL))
    return fail (EXIT_USAGE, _ ("Usage: itogi-cli status --year YEAR [--area SLUG (--submit | --withdraw | "
                                "--approve | --unlock)]."));
  if (!parse_year (year_text, "--year", &year, &error))
    return fail (EXIT_USAGE, error->message);
  if (area_slug != NULL)
    {
      g_autoptr (ItogiArea) area = NULL;
      ItogiAreaStatus from, to = submit    ? ITOGI_AREA_SUBMITTED
                                 : approve ? ITOGI_AREA_APPROVED
                                           : ITOGI_AREA_DRAFT;
      gint64 step;

      store = open_store (global, FOR_WRITING, &error);
      if (store == NULL || (area = itogi_store_find_area (store, area_slug, &error)) == NULL
          || !itogi_store_get_area_status (store, area->id, year, &from, NULL, NULL, &error))
        return fail_error (error);
      if ((withdraw && from != ITOGI_AREA_SUBMITTED) || (unlock && from != ITOGI_AREA_APPROVED))
        {
          g_autofree char *y = itogi_format_year (year);
          g_autofree char *msg
              = g_strdup_printf (unlock ? _ ("“%s” for %s is not approved: nothing was changed.")
                                        : _ ("“%s” for %s is not submitted: nothing was changed."),
                                 area->short_title, y);
          return fail (EXIT_FAILURE, msg);
        }
      {
        g_autoptr (ItogiSession) session = itogi_session_new (store);

        step = itogi_session_set_area_status (session, area->id, year, from, to, &error);
        if (step == 0)
          return fail_error (error);
      }
    }
  else
    store = open_store (global, FOR_READING, &error);
  if (store == NULL || (progress = itogi_store_year_progress (store, year, &error)) == NULL)
    return fail_error (error);
  for (guint i = 0; i < progress->len; i++)
    counts[((ItogiAreaProgress *)progress->pdata[i])->status]++;
  {
    g_autofree char *y = itogi_format_year (year);
    g_autofree char *approved = itogi_format_integer (counts[ITOGI_AREA_APPROVED]);
    g_autofree char *all = itogi_format_integer (progress->len);
    g_autofree char *submitted = itogi_format_integer (counts[ITOGI_AREA_SUBMITTED]);
    g_autofree char *drafts = itogi_format_integer (counts[ITOGI_AREA_DRAFT]);
    /* Translators: «2024 г.: утверждено 2 из 8 разделов; на утверждении: 1; черновиков: 5». The
     * plural follows the number of areas. */
    g_autofree char *head = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s: %s of %s area approved; submitted: %s; drafts: %s",
                     "%s: %s of %s areas approved; submitted: %s; drafts: %s", progress->len),
        y, approved, all, submitted, drafts);
    out (head);
    out ("\n");
  }
  for (guint i = 0; i < progress->len; i++)
    print_progress (progress->pdata[i], year);
  return EXIT_SUCCESS;
}

typedef struct
{
  const char *name;
  int (*run) (const GlobalOptions *, int, char **);
} Command;

static const Command commands[] = {
  { "init", cmd_init },     { "table", cmd_table },     { "areas", cmd_areas },     { "chart", cmd_chart },
  { "export", cmd_export }, { "import", cmd_import },   { "report", cmd_report },   { "backup", cmd_backup },
  { "check", cmd_check },   { "restore", cmd_restore }, { "upgrade", cmd_upgrade }, { "copy", cmd_copy },
  { "access", cmd_access }, { "status", cmd_status },
};

int
main (int argc, char *argv[])
{
  GlobalOptions global = { 0 };
  int i = 1;

  itogi_i18n_init ();
  g_set_prgname ("itogi-cli");

  /* Global options come before the command. */
  while (i < argc && argv[i][0] == '-')
    {
      if (strcmp (argv[i], "--database") == 0)
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return fail (EXIT_USAGE, _ ("--database needs a file path or a server’s URI."));
          global.database = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        {
          global.database = argv[i] + strlen ("--database=");
          if (*global.database == '\0')
            return fail (EXIT_USAGE, _ ("--database needs a file path or a server’s URI."));
          i++;
        }
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_usage (stdout);
          return EXIT_SUCCESS;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          out ("itogi-cli " PACKAGE_VERSION "\n");
          return EXIT_SUCCESS;
        }
      else
        {
          g_autofree char *msg
              = g_strdup_printf (_ ("Unknown option “%s”. Try “itogi-cli --help”."), argv[i]);
          return fail (EXIT_USAGE, msg);
        }
    }

  if (i >= argc)
    return fail (EXIT_USAGE, _ ("No command given. Try “itogi-cli --help”."));

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      return commands[c].run (&global, argc - i, argv + i);

  {
    g_autofree char *msg = g_strdup_printf (_ ("Unknown command “%s”. Try “itogi-cli --help”."), argv[i]);
    return fail (EXIT_USAGE, msg);
  }
}
