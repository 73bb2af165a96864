/* itogi-xlsx-read.c: the sheets of an .xlsx workbook as tables of text, to import
 *
 * The zip is read with libzip, each part with libxml2's streaming reader: no part is held as a
 * tree, no part may unpack past the limits, and a part with a DTD is refused, so that neither a
 * zip bomb nor an entity's expansion («billion laughs») can take the memory.
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>
#include <zip.h>

#include "itogi-xlsx-read.h"

typedef struct
{
  zip_t *zip;
  gsize unpacked;     /* bytes unpacked so far, all parts together */
  GPtrArray *strings; /* the shared strings */
  GArray *styles;     /* per cell style (xf): a Style */
  GHashTable *codes;  /* custom number format id → its code */
  gboolean date1904;
  guint cells;
} Book;

typedef enum
{
  STYLE_PLAIN,
  STYLE_DATE,
  STYLE_PERCENT,
} StyleKind;

typedef struct
{
  StyleKind kind;
  const char *word; /* a qualifier's word the format shows before the number, or NULL */
} Style;

static gboolean
fail (GError **error, const char *message)
{
  g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_SYNTAX, message);
  return FALSE;
}

static gboolean
damaged (GError **error)
{
  return fail (error, _ ("The file is not a workbook Itogi can read (.xlsx), or it is damaged."));
}

gboolean
itogi_xlsx_looks_like (const guint8 *data, gsize length)
{
  return length >= 4 && memcmp (data, "PK\003\004", 4) == 0;
}

/* The part @name, unpacked; NULL (no error) when the workbook has no such part. */
static GBytes *
read_part (Book *b, const char *name, GError **error)
{
  zip_stat_t st;
  zip_file_t *f;
  g_autoptr (GByteArray) out = NULL;
  guint8 buf[65536];
  zip_int64_t n;

  zip_stat_init (&st);
  if (zip_stat (b->zip, name, 0, &st) != 0)
    return NULL;
  /* The size the archive claims is checked first, and the bytes unpacked as they come: the
   * claim may be a lie. */
  if ((st.valid & ZIP_STAT_SIZE) && st.size > ITOGI_XLSX_MAX_UNPACKED - b->unpacked)
    {
      g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_TOO_BIG,
                           _ ("The workbook unpacks to more than 256 MB: it is not a year’s figures."));
      return NULL;
    }
  f = zip_fopen (b->zip, name, 0);
  if (f == NULL)
    {
      damaged (error);
      return NULL;
    }
  out = g_byte_array_new ();
  while ((n = zip_fread (f, buf, sizeof buf)) > 0)
    {
      b->unpacked += (gsize)n;
      if (b->unpacked > ITOGI_XLSX_MAX_UNPACKED)
        {
          zip_fclose (f);
          g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_TOO_BIG,
                               _ ("The workbook unpacks to more than 256 MB: it is not a year’s figures."));
          return NULL;
        }
      g_byte_array_append (out, buf, (guint)n);
    }
  zip_fclose (f);
  if (n < 0)
    {
      damaged (error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A streaming reader over @bytes: no network, no entities substituted, no DTD loaded. */
static xmlTextReaderPtr
reader_new (GBytes *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len > G_MAXINT)
    return NULL;
  return xmlReaderForMemory (data, (int)len, NULL, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

typedef enum
{
  PART_OPEN,
  PART_ABSENT, /* the workbook has no such part */
  PART_FAILED, /* @error says why */
} PartStatus;

/* The part @name under a streaming reader; @bytes holds what the reader reads. */
static PartStatus
open_part (Book *b, const char *name, GBytes **bytes, xmlTextReaderPtr *reader, GError **error)
{
  GError *local = NULL;

  *reader = NULL;
  *bytes = read_part (b, name, &local);
  if (*bytes == NULL)
    {
      if (local == NULL)
        return PART_ABSENT;
      g_propagate_error (error, local);
      return PART_FAILED;
    }
  *reader = reader_new (*bytes);
  if (*reader == NULL)
    {
      damaged (error);
      return PART_FAILED;
    }
  return PART_OPEN;
}

/* The next node; −1 on an error or a DTD (an .xlsx part never has one), 0 at the end. */
static int
next (xmlTextReaderPtr r)
{
  int ret = xmlTextReaderRead (r);

  if (ret == 1
      && (xmlTextReaderNodeType (r) == XML_READER_TYPE_DOCUMENT_TYPE
          || xmlTextReaderNodeType (r) == XML_READER_TYPE_ENTITY_REFERENCE))
    return -1;
  return ret;
}

static const char *
local_name (xmlTextReaderPtr r)
{
  const xmlChar *name = xmlTextReaderConstLocalName (r);
  return name != NULL ? (const char *)name : "";
}

static gboolean
is_start (xmlTextReaderPtr r, const char *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT && strcmp (local_name (r), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr r, const char *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT && strcmp (local_name (r), name) == 0;
}

static char *
attribute (xmlTextReaderPtr r, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (r, (const xmlChar *)name);
  char *out = value != NULL ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return out;
}

/* «_x000D_» in a cell's text is the character U+000D (OOXML's escape); «_x005F_» an underscore. */
static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0';)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (gunichar)g_ascii_strtoull (p + 2, NULL, 16);
          if (g_unichar_validate (c) && c != 0)
            g_string_append_unichar (out, c);
          p += 7;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* The text of the element the reader is on (a <t>, a <v>), up to its end. */
static int
element_text (xmlTextReaderPtr r, GString *out)
{
  int depth = xmlTextReaderDepth (r), ret;

  if (xmlTextReaderIsEmptyElement (r))
    return 1;
  while ((ret = next (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (r) == depth)
        break;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
          || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        {
          const xmlChar *v = xmlTextReaderConstValue (r);
          if (v != NULL)
            g_string_append (out, (const char *)v);
        }
    }
  return ret;
}

/* The text of a <si> or <is>: its <t>s, phonetic runs (<rPh>) left out. */
static int
rich_text (xmlTextReaderPtr r, const char *end, GString *out)
{
  int ret;
  gboolean phonetic = FALSE;

  if (xmlTextReaderIsEmptyElement (r))
    return 1;
  while ((ret = next (r)) == 1 && !is_end (r, end))
    {
      if (is_start (r, "rPh"))
        phonetic = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "rPh"))
        phonetic = FALSE;
      else if (is_start (r, "t") && !phonetic && (ret = element_text (r, out)) != 1)
        return ret;
    }
  return ret;
}

static gboolean
read_strings (Book *b, GError **error)
{
  g_autoptr (GBytes) part = NULL;
  xmlTextReaderPtr r;
  PartStatus status;
  int ret;

  /* A workbook of numbers alone has no shared strings. */
  if ((status = open_part (b, "xl/sharedStrings.xml", &part, &r, error)) != PART_OPEN)
    return status == PART_ABSENT ? TRUE : FALSE;
  while ((ret = next (r)) == 1)
    if (is_start (r, "si"))
      {
        GString *text = g_string_new (NULL);
        if ((ret = rich_text (r, "si", text)) != 1)
          {
            g_string_free (text, TRUE);
            break;
          }
        g_ptr_array_add (b->strings, unescape (text->str));
        g_string_free (text, TRUE);
        if (b->strings->len > ITOGI_XLSX_MAX_CELLS)
          {
            ret = -1;
            break;
          }
      }
  xmlFreeTextReader (r);
  return ret == 0 ? TRUE : damaged (error);
}

/* What a number format shows: a date, a percentage (×100), a qualifier's word before the number. */
static Style
style_of (int id, const char *code)
{
  static const char *const words[]
      = { "более", "свыше", "порядка", "около", "менее", "не менее", "не более" };
  Style style = { STYLE_PLAIN, NULL };
  gboolean quoted = FALSE, bracket = FALSE;

  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
    style.kind = STYLE_DATE;
  else if (id == 9 || id == 10)
    style.kind = STYLE_PERCENT;
  if (code == NULL)
    return style;
  /* Only the positive section counts; text in quotes and [colours] are not codes. */
  for (const char *p = code; *p != '\0' && *p != ';'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '[')
        bracket = TRUE;
      else if (!quoted && *p == ']')
        bracket = FALSE;
      else if (!quoted && !bracket && *p == '\\' && p[1] != '\0')
        p++;
      else if (!quoted && !bracket && *p == '%')
        style.kind = STYLE_PERCENT;
      else if (!quoted && !bracket && strchr ("dmyDMY", *p) != NULL && style.kind != STYLE_PERCENT)
        style.kind = STYLE_DATE;
    }
  /* «"более "#,##0»: the word in quotes before the number. */
  if (code[0] == '"')
    for (guint i = 0; i < G_N_ELEMENTS (words); i++)
      if (g_str_has_prefix (code + 1, words[i]) && code[1 + strlen (words[i])] == ' ')
        style.word = words[i];
  return style;
}

static gboolean
read_styles (Book *b, GError **error)
{
  g_autoptr (GBytes) part = NULL;
  xmlTextReaderPtr r;
  PartStatus status;
  gboolean in_xfs = FALSE;
  int ret;

  /* Without styles every number is plain. */
  if ((status = open_part (b, "xl/styles.xml", &part, &r, error)) != PART_OPEN)
    return status == PART_ABSENT ? TRUE : FALSE;
  while ((ret = next (r)) == 1)
    {
      if (is_start (r, "numFmt"))
        {
          g_autofree char *id = attribute (r, "numFmtId");
          char *code = attribute (r, "formatCode");
          if (id != NULL && code != NULL && g_hash_table_size (b->codes) < 10000)
            g_hash_table_insert (b->codes, GINT_TO_POINTER (atoi (id)), code);
          else
            g_free (code);
        }
      else if (is_start (r, "cellXfs"))
        in_xfs = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "cellXfs"))
        in_xfs = FALSE;
      else if (in_xfs && is_start (r, "xf") && b->styles->len < 100000)
        {
          g_autofree char *id_text = attribute (r, "numFmtId");
          int id = id_text != NULL ? atoi (id_text) : 0;
          Style style = style_of (id, g_hash_table_lookup (b->codes, GINT_TO_POINTER (id)));
          g_array_append_val (b->styles, style);
        }
    }
  xmlFreeTextReader (r);
  return ret == 0 ? TRUE : damaged (error);
}

/* «B12» as its 0-based column and 1-based row; FALSE when it is not a cell's name. */
static gboolean
cell_ref (const char *ref, guint *column, guint *row)
{
  guint c = 0, n = 0, letters = 0, digits = 0;

  for (; g_ascii_isalpha (*ref) && letters < 4; ref++, letters++)
    c = c * 26 + (guint)(g_ascii_toupper (*ref) - 'A' + 1);
  for (; g_ascii_isdigit (*ref) && digits < 8; ref++, digits++)
    n = n * 10 + (guint)(*ref - '0');
  if (letters == 0 || letters > 3 || digits == 0 || *ref != '\0' || n == 0)
    return FALSE;
  *column = c - 1;
  *row = n;
  return TRUE;
}

/* A number cell's text: a date, or the number as typed, after its qualifier's word. */
static char *
number_text (Book *b, const char *v, guint style_index)
{
  Style style = style_index < b->styles->len ? g_array_index (b->styles, Style, style_index)
                                             : (Style){ STYLE_PLAIN, NULL };
  char *end = NULL;
  double x = g_ascii_strtod (v, &end);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (end == v || *end != '\0' || !isfinite (x))
    return g_strdup (v);
  if (style.kind == STYLE_DATE && x >= 1 && x < 2958466)
    {
      /* Days since 30.12.1899 (Excel's 1900 system, its false 29.02.1900 included), or 1.1.1904. */
      g_autoptr (GDate) date
          = g_date_new_dmy (b->date1904 ? 1 : 30, b->date1904 ? 1 : 12, b->date1904 ? 1904 : 1899);
      g_date_add_days (date, (guint)floor (x));
      return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date));
    }
  if (style.kind == STYLE_PERCENT)
    x *= 100.0;
  /* Fifteen digits, as Excel shows a number: 779054.51 stays 779054.51. */
  g_ascii_formatd (number, sizeof number, "%.15g", x);
  return style.word != NULL ? g_strdup_printf ("%s %s", style.word, number) : g_strdup (number);
}

typedef struct
{
  guint line;
  GPtrArray *cells; /* text per column, NULL where empty */
} Row;

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static gboolean
read_sheet (Book *b, const char *path, ItogiCsvTable *table, GError **error)
{
  g_autoptr (GBytes) part = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  xmlTextReaderPtr r;
  PartStatus status;
  Row *row = NULL;
  guint width = 0, next_row = 1;
  int ret;

  if ((status = open_part (b, path, &part, &r, error)) != PART_OPEN)
    return status == PART_ABSENT ? damaged (error) : FALSE;
  while ((ret = next (r)) == 1)
    {
      if (is_start (r, "row"))
        {
          g_autofree char *n = attribute (r, "r");
          guint64 line = n != NULL ? g_ascii_strtoull (n, NULL, 10) : next_row;
          if (line == 0 || line > 1048576)
            {
              ret = -1;
              break;
            }
          row = g_new0 (Row, 1);
          row->line = (guint)line;
          row->cells = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rows, row);
          next_row = row->line + 1;
        }
      else if (is_start (r, "c") && row != NULL)
        {
          g_autofree char *ref = attribute (r, "r");
          g_autofree char *type = attribute (r, "t");
          g_autofree char *style = attribute (r, "s");
          g_autoptr (GString) value = g_string_new (NULL);
          g_autoptr (GString) inline_text = g_string_new (NULL);
          guint column = row->cells->len, line = row->line;
          char *text = NULL;

          if (ref != NULL && (!cell_ref (ref, &column, &line) || line != row->line))
            {
              ret = -1;
              break;
            }
          if (column >= ITOGI_XLSX_MAX_COLUMNS || ++b->cells > ITOGI_XLSX_MAX_CELLS)
            {
              xmlFreeTextReader (r);
              g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_TOO_BIG,
                                   _ ("A sheet of the workbook is too large to import (more than 1 024 "
                                      "columns or 8 million cells)."));
              return FALSE;
            }
          if (!xmlTextReaderIsEmptyElement (r))
            while ((ret = next (r)) == 1 && !is_end (r, "c"))
              {
                if (is_start (r, "v") && (ret = element_text (r, value)) != 1)
                  break;
                if (is_start (r, "is") && (ret = rich_text (r, "is", inline_text)) != 1)
                  break;
              }
          if (ret != 1)
            break;
          if (g_strcmp0 (type, "s") == 0)
            {
              guint64 i = g_ascii_strtoull (value->str, NULL, 10);
              if (value->len == 0 || i >= b->strings->len)
                {
                  ret = -1;
                  break;
                }
              text = g_strdup (b->strings->pdata[i]);
            }
          else if (g_strcmp0 (type, "inlineStr") == 0)
            text = unescape (inline_text->str);
          else if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "e") == 0)
            text = unescape (value->str);
          else if (g_strcmp0 (type, "b") == 0)
            text = g_strdup (value->str);
          else if (value->len > 0)
            text = number_text (b, value->str, style != NULL ? (guint)g_ascii_strtoull (style, NULL, 10) : 0);
          if (text != NULL && !g_utf8_validate (text, -1, NULL))
            {
              g_free (text);
              ret = -1;
              break;
            }
          if (column >= row->cells->len)
            g_ptr_array_set_size (row->cells, column + 1);
          g_free (row->cells->pdata[column]);
          row->cells->pdata[column] = text;
          if (text != NULL && *text != '\0')
            width = MAX (width, column + 1);
        }
    }
  xmlFreeTextReader (r);
  if (ret != 0)
    return damaged (error);

  /* Rows that hold anything, each as wide as the widest. */
  for (guint i = 0; i < rows->len; i++)
    {
      Row *from = rows->pdata[i];
      GStrv fields = g_new0 (char *, width + 1);
      gboolean any = FALSE;

      for (guint c = 0; c < width; c++)
        {
          const char *text = c < from->cells->len ? from->cells->pdata[c] : NULL;
          fields[c] = g_strdup (text != NULL ? text : "");
          any |= fields[c][0] != '\0';
        }
      if (any)
        itogi_csv_table_add_row (table, from->line, fields, NULL);
      else
        g_strfreev (fields);
    }
  return TRUE;
}

/* The sheets' names, states and parts, in the workbook's order. */
static gboolean
read_workbook (Book *b, GPtrArray *names, GPtrArray *hidden, GPtrArray *paths, GError **error)
{
  g_autoptr (GBytes) book = NULL;
  g_autoptr (GBytes) rels = NULL;
  g_autoptr (GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlTextReaderPtr r;
  PartStatus status;
  int ret;

  /* The relationships first: they say which part each sheet is. */
  if ((status = open_part (b, "xl/_rels/workbook.xml.rels", &rels, &r, error)) != PART_OPEN)
    return status == PART_ABSENT ? damaged (error) : FALSE;
  while ((ret = next (r)) == 1)
    if (is_start (r, "Relationship"))
      {
        char *id = attribute (r, "Id");
        char *target = attribute (r, "Target");
        if (id != NULL && target != NULL)
          g_hash_table_insert (targets, id, target);
        else
          g_free (id), g_free (target);
      }
  xmlFreeTextReader (r);
  if (ret != 0)
    return damaged (error);

  if ((status = open_part (b, "xl/workbook.xml", &book, &r, error)) != PART_OPEN)
    return status == PART_ABSENT ? damaged (error) : FALSE;
  while ((ret = next (r)) == 1)
    {
      if (is_start (r, "workbookPr"))
        {
          g_autofree char *d = attribute (r, "date1904");
          b->date1904 = d != NULL && (strcmp (d, "1") == 0 || strcmp (d, "true") == 0);
        }
      else if (is_start (r, "sheet") && names->len < 1000)
        {
          g_autofree char *state = attribute (r, "state");
          char *name = attribute (r, "name");
          xmlChar *rid = xmlTextReaderGetAttributeNs (
              r, (const xmlChar *)"id",
              (const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/relationships");
          const char *target = rid != NULL ? g_hash_table_lookup (targets, rid) : NULL;

          xmlFree (rid);
          if (name == NULL || target == NULL || !g_utf8_validate (name, -1, NULL))
            {
              g_free (name);
              ret = -1;
              break;
            }
          g_ptr_array_add (names, name);
          g_ptr_array_add (hidden, GINT_TO_POINTER (state != NULL && strcmp (state, "visible") != 0));
          /* «worksheets/sheet1.xml» is within xl/; «/xl/worksheets/sheet1.xml» from the root. */
          g_ptr_array_add (paths,
                           target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL));
        }
    }
  xmlFreeTextReader (r);
  return ret == 0 ? TRUE : damaged (error);
}

GPtrArray *
itogi_xlsx_read (const guint8 *data, gsize length, GError **error)
{
  Book b = { 0 };
  zip_source_t *source;
  zip_error_t zerr;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) hidden = g_ptr_array_new ();
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_csv_table_free);
  gboolean ok;

  if (!itogi_xlsx_looks_like (data, length))
    {
      damaged (error);
      return NULL;
    }
  zip_error_init (&zerr);
  source = zip_source_buffer_create (data, length, 0, &zerr);
  b.zip = source != NULL ? zip_open_from_source (source, ZIP_RDONLY, &zerr) : NULL;
  zip_error_fini (&zerr);
  if (b.zip == NULL)
    {
      if (source != NULL)
        zip_source_free (source);
      damaged (error);
      return NULL;
    }
  b.strings = g_ptr_array_new_with_free_func (g_free);
  b.styles = g_array_new (FALSE, FALSE, sizeof (Style));
  b.codes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ok = read_workbook (&b, names, hidden, paths, error) && read_strings (&b, error) && read_styles (&b, error);
  for (guint i = 0; ok && i < names->len; i++)
    {
      ItogiCsvTable *table = itogi_csv_table_new (names->pdata[i]);

      table->hidden = GPOINTER_TO_INT (hidden->pdata[i]);
      g_ptr_array_add (sheets, table);
      ok = read_sheet (&b, paths->pdata[i], table, error);
    }
  zip_discard (b.zip);
  g_ptr_array_unref (b.strings);
  g_array_unref (b.styles);
  g_hash_table_unref (b.codes);
  return ok ? g_steal_pointer (&sheets) : NULL;
}

GPtrArray *
itogi_xlsx_read_file (const char *path, GError **error)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, error);

  if (file == NULL)
    return NULL;
  if ((goffset)g_mapped_file_get_length (file) > ITOGI_CSV_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_TOO_BIG,
                           _ ("The file is larger than 128 MB: it is not a year’s figures."));
      return NULL;
    }
  return itogi_xlsx_read ((const guint8 *)g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                          error);
}
