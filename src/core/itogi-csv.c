/* itogi-csv.c: CSV as offices produce it
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-csv.h"

G_DEFINE_QUARK (itogi - csv - error - quark, itogi_csv_error)

static void
row_free (ItogiCsvRow *row)
{
  g_strfreev (row->fields);
  g_free (row->origin);
  g_free (row);
}

void
itogi_csv_table_free (ItogiCsvTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table->sheet);
  g_free (table);
}

ItogiCsvTable *
itogi_csv_table_new (const char *sheet)
{
  ItogiCsvTable *table = g_new0 (ItogiCsvTable, 1);

  table->delimiter = ';';
  table->sheet = g_strdup (sheet);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  return table;
}

ItogiCsvRow *
itogi_csv_table_add_row (ItogiCsvTable *table, guint line, GStrv fields, guint *origin)
{
  ItogiCsvRow *row = g_new0 (ItogiCsvRow, 1);

  row->line = line;
  row->fields = fields;
  row->origin = origin;
  row->sheet = table->sheet;
  g_ptr_array_add (table->rows, row);
  return row;
}

static guint
line_of (const char *data, const char *at)
{
  guint line = 1;

  for (const char *p = data; p < at; p++)
    if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
      line++;
  return line;
}

/* «;» unless the header line has more commas than semicolons outside quotes. */
static char
guess_delimiter (const char *p, const char *end)
{
  gboolean quoted = FALSE;
  guint semicolons = 0, commas = 0;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == ',')
        commas++;
    }
  return commas > semicolons ? ',' : ';';
}

ItogiCsvTable *
itogi_csv_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (ItogiCsvTable) table = g_new0 (ItogiCsvTable, 1);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) field = g_string_new (NULL);
  const char *p, *end, *bad = NULL, *start;
  guint line = 1, row_line = 1;
  gboolean row_has_content = FALSE;

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  if (length > ITOGI_CSV_MAX_BYTES)
    {
      g_set_error (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_TOO_BIG, _ ("The file is larger than %d MB."),
                   ITOGI_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  start = data;
  end = data + length;
  /* A byte-order mark, as Excel writes one. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start += 3;
  /* Excel's “Unicode text” is UTF-16: every other byte is a NUL, so say what it is instead. */
  if (length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_ENCODING,
                           _ ("The file is UTF-16 (“Unicode text”), not UTF-8. Save the table as “CSV UTF-8” "
                              "and try again."));
      return NULL;
    }
  if (!g_utf8_validate (start, end - start, &bad))
    {
      /* g_utf8_validate stops at a NUL byte too: a text table never holds one. */
      if (bad < end && *bad == '\0')
        g_set_error (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_ENCODING,
                     _ ("Line %u holds a NUL byte: this is not a text table. Save the table as “CSV UTF-8” "
                        "and try again."),
                     line_of (start, bad));
      else
        g_set_error (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_ENCODING,
                     _ ("Line %u is not UTF-8 text. Save the table as “CSV UTF-8” and try again."),
                     line_of (start, bad));
      return NULL;
    }
  table->delimiter = guess_delimiter (start, end);

  for (p = start; p <= end;)
    {
      /* One field. */
      if (p < end && *p == '"')
        {
          guint quote_line = line;
          p++;
          for (;;)
            {
              if (p >= end)
                {
                  g_set_error (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_SYNTAX,
                               _ ("Line %u: a quoted field is never closed."), quote_line);
                  return NULL;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\n' || (*p == '\r' && !(p + 1 < end && p[1] == '\n')))
                line++;
              g_string_append_c (field, *p++);
            }
          if (p < end && *p != table->delimiter && *p != '\n' && *p != '\r')
            {
              g_set_error (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_SYNTAX,
                           _ ("Line %u: there is text after a closing quote."), line);
              return NULL;
            }
          row_has_content = TRUE;
        }
      else
        while (p < end && *p != table->delimiter && *p != '\n' && *p != '\r')
          {
            g_string_append_c (field, *p++);
            row_has_content = TRUE;
          }

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (p < end && *p == table->delimiter)
        {
          p++;
          row_has_content = TRUE;
          continue;
        }

      /* The end of a row: keep it unless the line was blank. */
      if (row_has_content)
        {
          ItogiCsvRow *row = g_new0 (ItogiCsvRow, 1);
          row->line = row_line;
          g_ptr_array_add (fields, NULL);
          row->fields = (GStrv)g_ptr_array_free (g_steal_pointer (&fields), FALSE);
          g_ptr_array_add (table->rows, row);
          fields = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_ptr_array_set_size (fields, 0);
      row_has_content = FALSE;

      if (p >= end)
        break;
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      line++;
      row_line = line;
    }

  if (table->rows->len == 0)
    {
      g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_EMPTY, _ ("The file holds no table."));
      return NULL;
    }
  return g_steal_pointer (&table);
}
