/* itogi-report-odt.c: the annual report as an editable OpenDocument Text file
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is a Russian document for a Russian office: its fixed words («Задачи на 2024 год»,
 * the table's column headings, «Калуга, 2024») are part of the document, like the narrative and
 * the data, and are not translated with the interface. Only the error messages are.
 *
 * The XML is written out as text, every piece of document text through one escaping function;
 * the zip container is libzip's, built in memory and then saved like every other export. ODF
 * asks that «mimetype» come first and be stored uncompressed, so that a program can tell the
 * file's type from its first bytes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <zip.h>

#include "itogi-chart-export.h"
#include "itogi-chart-model.h"
#include "itogi-format.h"
#include "itogi-report-file.h"
#include "itogi-report-odt.h"
#include "itogi-table.h"
#include "itogi-xlsx.h"

#define MIMETYPE "application/vnd.oasis.opendocument.text"
#define N_COLUMNS ITOGI_REPORT_TABLE_COLUMNS
/* A4 with the PDF's margins: 20 mm left, 15 mm right, so the text is 175 mm wide. */
#define TEXT_WIDTH_CM 17.5
#define CHART_DPI 300.0

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NAMESPACES                                                                                           \
  " xmlns:office=\"" NS_OFFICE "\""                                                                          \
  " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""                                         \
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""                                           \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""                                         \
  " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""                                        \
  " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""                                \
  " xmlns:xlink=\"http://www.w3.org/1999/xlink\""                                                            \
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""                                                           \
  " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""                                           \
  " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""                                  \
  " office:version=\"1.2\""

typedef struct
{
  char *name; /* «Pictures/chart-1.png» */
  GBytes *png;
} Picture;

static void
picture_free (Picture *p)
{
  g_free (p->name);
  g_bytes_unref (p->png);
  g_free (p);
}

/* ---- text ---- */

/* Characters XML 1.0 cannot hold at all (GMarkup would write them as «&#x1;», which no XML 1.0
 * parser accepts): the C0 controls but tab and line feed, and the two non-characters. C1
 * controls are legal but never meant; they go too. */
static gboolean
unwanted (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c < 0xa0) || c == 0xfffe || c == 0xffff;
}

/* Valid UTF-8, XML-safe, escaped by GMarkup: for attributes and plain elements. */
static void
append_escaped (GString *xml, const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr (GString) clean = g_string_sized_new (strlen (valid));
  g_autofree char *escaped = NULL;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\t' || c == '\n')
        c = ' ';
      if (!unwanted (c))
        g_string_append_unichar (clean, c);
    }
  escaped = g_markup_escape_text (clean->str, (gssize)clean->len);
  g_string_append (xml, escaped);
}

/* Document text in a paragraph. ODF collapses runs of white space and drops it at a paragraph's
 * start, so only a single space between words is written as it is: other spaces, tabs and line
 * breaks become the elements that keep them. */
static void
append_text (GString *xml, const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr (GString) run = g_string_new (NULL);
  gboolean at_start = TRUE; /* of the paragraph, or just after a tab or a line break */
  guint spaces = 0;

  for (const char *p = valid;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (*p != '\0' && c == ' ')
        {
          spaces++;
          continue;
        }
      if (spaces > 0)
        {
          gboolean between_words = !at_start && *p != '\0' && c != '\t' && c != '\n';
          guint kept = spaces;

          if (between_words)
            {
              g_string_append_c (run, ' ');
              kept--;
            }
          if (kept > 0)
            {
              append_escaped (xml, run->str);
              g_string_truncate (run, 0);
              g_string_append_printf (xml, "<text:s text:c=\"%u\"/>", kept);
            }
          spaces = 0;
        }
      if (*p == '\0')
        break;
      if (c == '\t' || c == '\n')
        {
          append_escaped (xml, run->str);
          g_string_truncate (run, 0);
          g_string_append (xml, c == '\t' ? "<text:tab/>" : "<text:line-break/>");
          at_start = TRUE;
          continue;
        }
      if (!unwanted (c))
        {
          g_string_append_unichar (run, c);
          at_start = FALSE;
        }
    }
  append_escaped (xml, run->str);
}

static void
paragraph (GString *xml, const char *style, const char *text)
{
  g_string_append_printf (xml, "<text:p text:style-name=\"%s\">", style);
  append_text (xml, text);
  g_string_append (xml, "</text:p>\n");
}

static void
heading (GString *xml, const char *style, int level, const char *text)
{
  g_string_append_printf (xml, "<text:h text:style-name=\"%s\" text:outline-level=\"%d\">", style, level);
  append_text (xml, text);
  g_string_append (xml, "</text:h>\n");
}

/* Lengths in the file are never written with the locale's decimal comma. */
static char *
cm (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strconcat (g_ascii_formatd (buf, sizeof buf, "%.3f", value), "cm", NULL);
}

/* ---- the table ---- */

/* Columns as wide as their widest figure or heading word (about 0.2 cm a character at 9 pt, a
 * bold heading's more), so that figures never wrap; the indicator's title gets the rest. */
static void
column_widths (GPtrArray *texts, guint n_rows, double *widths)
{
  double others = 0;

  for (guint c = 1; c < N_COLUMNS; c++)
    {
      double w = 0.8;
      for (guint r = 0; r < n_rows; r++)
        {
          g_auto (GStrv) words = g_strsplit (texts->pdata[r * N_COLUMNS + c], r == 0 ? " " : "\n", -1);
          /* 9 pt sans: about 0,24 cm a bold Cyrillic heading letter (with the cell's padding), 0,19 cm a
           * figure's character. */
          for (guint k = 0; words[k] != NULL; k++)
            w = MAX (w, g_utf8_strlen (words[k], -1) * (r == 0 ? 0.24 : 0.19));
        }
      widths[c] = MIN (w + 0.35, 4.0);
      others += widths[c];
    }
  widths[0] = MAX (TEXT_WIDTH_CM - others, 5.0);
}

static gboolean
append_table (GString *xml, GString *styles, ItogiStore *store, const ItogiNarrative *n, const char *slug,
              guint index, gboolean *has_rows, GError **error)
{
  g_autoptr (GPtrArray) rows = itogi_table_build (store, slug, n->year, n->compare_year, error);
  g_autoptr (GPtrArray) texts = NULL;
  g_autofree char *table_width = cm (TEXT_WIDTH_CM);
  double widths[N_COLUMNS];
  guint n_rows;

  if (rows == NULL)
    return FALSE;
  *has_rows = rows->len > 0;
  if (rows->len == 0)
    return TRUE;

  texts = itogi_report_table_cells (rows, n->year, n->compare_year);
  n_rows = rows->len + 1;
  column_widths (texts, n_rows, widths);

  /* Each table has its own column widths, as automatic styles. */
  g_string_append_printf (styles,
                          "<style:style style:name=\"T%u\" style:family=\"table\">"
                          "<style:table-properties style:width=\"%s\" table:align=\"left\""
                          " fo:margin-top=\"0.25cm\" fo:margin-bottom=\"0.25cm\"/></style:style>\n",
                          index, table_width);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autofree char *width = cm (widths[c]);
      /* Absolute widths only: LibreOffice 7.4 misreads relative ones given beside them. */
      g_string_append_printf (styles,
                              "<style:style style:name=\"T%u.%c\" style:family=\"table-column\">"
                              "<style:table-column-properties style:column-width=\"%s\"/></style:style>\n",
                              index, 'A' + c, width);
    }

  g_string_append_printf (xml, "<table:table table:name=\"Таблица%u\" table:style-name=\"T%u\">\n", index,
                          index);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (xml, "<table:table-column table:style-name=\"T%u.%c\"/>\n", index, 'A' + c);
  for (guint r = 0; r < n_rows; r++)
    {
      if (r == 0)
        g_string_append (xml, "<table:table-header-rows>\n");
      g_string_append (xml, "<table:table-row table:style-name=\"Row\">");
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          const char *style = r == 0   ? "Table_20_Heading"
                              : c == 0 ? "Table_20_Contents"
                              : c == 1 ? "Table_20_Unit"
                                       : "Table_20_Figure";
          g_string_append_printf (xml,
                                  "<table:table-cell table:style-name=\"%s\" office:value-type=\"string\">",
                                  r == 0 ? "HeadCell" : "Cell");
          paragraph (xml, style, texts->pdata[r * N_COLUMNS + c]);
          g_string_append (xml, "</table:table-cell>");
        }
      g_string_append (xml, "</table:table-row>\n");
      if (r == 0)
        g_string_append (xml, "</table:table-header-rows>\n");
    }
  g_string_append (xml, "</table:table>\n");
  return TRUE;
}

/* ---- the chart ---- */

static double
chart_height_cm (const ItogiChartModel *model)
{
  guint n = model->items->len;
  double h = n <= 2 ? 8.8 : n <= 4 ? 9.9 : 10.6;

  /* More than eight panels or bars get room to stay legible. */
  if (n > 8)
    h += (n - 8) * 1.25;
  return MIN (h, 22.0);
}

static gboolean
append_chart (GString *xml, GPtrArray *pictures, ItogiStore *store, const ItogiNarrative *n,
              const ItogiNarrativeSection *s, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (ItogiChartModel) model = itogi_report_chart_model (store, s, n->year, n->compare_year, &local);
  g_autofree char *describe = NULL, *width = NULL, *height = NULL;
  double h_cm;
  GBytes *png;
  Picture *picture;

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* No chart chosen for the area, or nothing to draw. */
  if (model == NULL || model->items->len == 0)
    return TRUE;
  h_cm = chart_height_cm (model);
  /* At print resolution: 17,5 cm at 300 dpi. The chart module sizes its text from the picture,
   * so it prints as large as in the PDF. */
  png = itogi_chart_export_bytes (model, ITOGI_CHART_FORMAT_PNG, round (TEXT_WIDTH_CM / 2.54 * CHART_DPI),
                                  round (h_cm / 2.54 * CHART_DPI), CHART_DPI, error);
  if (png == NULL)
    return FALSE;
  picture = g_new0 (Picture, 1);
  picture->name = g_strdup_printf ("Pictures/chart-%u.png", pictures->len + 1);
  picture->png = png;
  g_ptr_array_add (pictures, picture);

  describe = itogi_chart_model_describe (model);
  width = cm (TEXT_WIDTH_CM);
  height = cm (h_cm);
  g_string_append_printf (xml,
                          "<text:p text:style-name=\"Figure\"><draw:frame draw:style-name=\"Chart\""
                          " draw:name=\"Диаграмма %u\" text:anchor-type=\"as-char\" svg:width=\"%s\""
                          " svg:height=\"%s\" draw:z-index=\"0\"><draw:image xlink:href=\"%s\""
                          " xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>",
                          pictures->len, width, height, picture->name);
  /* The title and a plain account of the data: what a screen reader says for the picture. */
  g_string_append (xml, "<svg:title>");
  append_escaped (xml, model->title);
  g_string_append (xml, "</svg:title><svg:desc>");
  append_escaped (xml, describe);
  g_string_append (xml, "</svg:desc></draw:frame></text:p>\n");
  return TRUE;
}

/* A text's paragraphs ("\n" between them): lines that open with «– » as a dashed list, the
 * others as body text. The first paragraph takes @first_style when given (the one that starts the
 * numbered pages). */
static void
append_paragraphs (GString *body, const char *text, const char *first_style)
{
  g_auto (GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);
  gboolean in_list = FALSE, first = TRUE;

  for (guint k = 0; paragraphs[k] != NULL; k++)
    {
      gboolean item;

      g_strstrip (paragraphs[k]);
      if (*paragraphs[k] == '\0')
        continue;
      item = g_str_has_prefix (paragraphs[k], "\u2013 ");
      if (item && !in_list)
        g_string_append (body, "<text:list text:style-name=\"Dash_20_List\">\n");
      else if (!item && in_list)
        g_string_append (body, "</text:list>\n");
      in_list = item;
      if (item)
        {
          g_string_append (body, "<text:list-item>");
          paragraph (body, "List_20_Item", paragraphs[k] + strlen ("\u2013 "));
          g_string_append (body, "</text:list-item>\n");
        }
      else
        paragraph (body, first && first_style != NULL ? first_style : "Text_20_body", paragraphs[k]);
      first = FALSE;
    }
  if (in_list)
    g_string_append (body, "</text:list>\n");
}

/* ---- the parts ---- */

static char *
content_xml (ItogiStore *store, const ItogiNarrative *n, GPtrArray *pictures, const ItogiProgress *progress,
             GError **error)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GString) styles = g_string_new (NULL);
  g_autofree char *city = itogi_store_get_meta (store, "city");
  g_autofree char *fallback = g_strdup_printf ("Отчет о деятельности за %d год", n->year);
  g_autofree char *place = city != NULL && *city != '\0' ? g_strdup_printf ("%s, %d", city, n->year + 1)
                                                         : g_strdup_printf ("%d", n->year + 1);
  guint tables = 0;

  /* The title page: its own page style, without a page number. */
  paragraph (body, "TitleOffice", n->office != NULL ? n->office : "");
  paragraph (body, "Title", n->title != NULL && *n->title != '\0' ? n->title : fallback);
  paragraph (body, "TitlePlace", place);
  /* The opening, on the first numbered page. */
  append_paragraphs (body, n->introduction, "FirstText");

  for (guint i = 0; i < n->sections->len; i++)
    {
      const ItogiNarrativeSection *s = n->sections->pdata[i];
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, s->heading != NULL ? s->heading : "");
      gsize before;

      /* The document is made in memory and saved only at the end: a cancel leaves nothing. */
      if (!itogi_progress_step (progress, i, n->sections->len, error))
        return NULL;
      gboolean said = FALSE, has_rows = FALSE;

      /* Without an opening, the first heading starts the numbered pages. */
      heading (body,
               i == 0 && (n->introduction == NULL || *n->introduction == '\0') ? "FirstHeading"
                                                                               : "Heading_20_1",
               1, title);
      before = body->len;
      append_paragraphs (body, s->body, NULL);
      said = body->len > before;
      if (s->slug != NULL)
        {
          if (!append_table (body, styles, store, n, s->slug, ++tables, &has_rows, error))
            return NULL;
          if (has_rows && !append_chart (body, pictures, store, n, s, error))
            return NULL;
          said |= has_rows;
        }
      if (!said)
        {
          g_autofree char *nothing = g_strdup_printf ("Сведений за %d год нет.", n->year);
          paragraph (body, "Text_20_body", nothing);
        }
    }

  /* Last, next year's tasks, area by area; none entered, none written. */
  if (itogi_narrative_has_tasks (n))
    {
      g_autofree char *tasks = g_strdup_printf ("%u. Задачи на %d год", n->sections->len + 1, n->year + 1);

      heading (body, "Heading_20_1", 1, tasks);
      for (guint i = 0; i < n->sections->len; i++)
        {
          const ItogiNarrativeSection *s = n->sections->pdata[i];

          if (s->tasks == NULL || s->tasks->len == 0)
            continue;
          heading (body, "Heading_20_2", 2, s->heading != NULL ? s->heading : "");
          g_string_append (body, "<text:list text:style-name=\"Numbering_20_123\">\n");
          for (guint t = 0; t < s->tasks->len; t++)
            {
              g_string_append (body, "<text:list-item>");
              paragraph (body, "List_20_Item", s->tasks->pdata[t]);
              g_string_append (body, "</text:list-item>\n");
            }
          g_string_append (body, "</text:list>\n");
        }
    }

  return g_strdup_printf (
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<office:document-content" NAMESPACES ">\n"
      "<office:automatic-styles>\n"
      /* The title page's style ends where the first heading asks for the numbered pages. */
      "<style:style style:name=\"TitleOffice\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Title_20_Office\""
      " style:master-page-name=\"First_20_Page\"/>\n"
      "<style:style style:name=\"TitlePlace\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Title_20_Place\"/>\n"
      "<style:style style:name=\"FirstHeading\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Heading_20_1\""
      " style:master-page-name=\"Standard\"><style:paragraph-properties style:page-number=\"auto\"/>"
      "</style:style>\n"
      "<style:style style:name=\"FirstText\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Text_20_body\""
      " style:master-page-name=\"Standard\"><style:paragraph-properties style:page-number=\"auto\"/>"
      "</style:style>\n"
      "<style:style style:name=\"Row\" style:family=\"table-row\">"
      "<style:table-row-properties fo:keep-together=\"always\"/></style:style>\n"
      "<style:style style:name=\"HeadCell\" style:family=\"table-cell\">"
      "<style:table-cell-properties fo:background-color=\"#e8eef4\" fo:padding=\"0.08cm\""
      " fo:border=\"0.5pt solid #737373\" style:vertical-align=\"middle\"/></style:style>\n"
      "<style:style style:name=\"Cell\" style:family=\"table-cell\">"
      "<style:table-cell-properties fo:padding=\"0.08cm\" fo:border=\"0.5pt solid #737373\""
      " style:vertical-align=\"top\"/></style:style>\n"
      "<style:style style:name=\"Chart\" style:family=\"graphic\" style:parent-style-name=\"Graphics\">"
      "<style:graphic-properties style:vertical-pos=\"top\" style:vertical-rel=\"baseline\""
      " fo:border=\"none\" fo:padding=\"0cm\"/></style:style>\n"
      "%s"
      "</office:automatic-styles>\n"
      "<office:body><office:text>\n"
      "%s"
      "</office:text></office:body>\n"
      "</office:document-content>\n",
      styles->str, body->str);
}

static const char STYLES_XML[]
    = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<office:document-styles" NAMESPACES ">\n"
      "<office:font-face-decls>\n"
      /* The faces the PDF is drawn with on this machine (@SERIF@ and @SANS@ are put in as the
       * file is written), so that the two documents look the same. */
      "<style:font-face style:name=\"Serif\" svg:font-family=\"&apos;@SERIF@&apos;\""
      " style:font-family-generic=\"roman\" style:font-pitch=\"variable\"/>\n"
      "<style:font-face style:name=\"Sans\" svg:font-family=\"&apos;@SANS@&apos;\""
      " style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>\n"
      "</office:font-face-decls>\n"
      "<office:styles>\n"
      "<style:default-style style:family=\"paragraph\">"
      "<style:paragraph-properties style:writing-mode=\"lr-tb\"/>"
      "<style:text-properties style:font-name=\"Serif\" fo:font-size=\"12pt\" fo:language=\"ru\""
      " fo:country=\"RU\" fo:hyphenate=\"false\"/></style:default-style>\n"
      "<style:default-style style:family=\"table\"><style:table-properties "
      "table:border-model=\"collapsing\"/>"
      "</style:default-style>\n"
      "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\n"
      /* Russian reports: a 1,25 cm first-line indent, no gap between paragraphs. Ragged right:
       * justified lines would widen the no-break spaces of «2022 г. – 1 064» along with the
       * others. */
      "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\""
      " style:parent-style-name=\"Standard\" style:class=\"text\">"
      "<style:paragraph-properties fo:text-align=\"start\" fo:text-indent=\"1.25cm\" fo:margin-top=\"0cm\""
      " fo:margin-bottom=\"0.1cm\" fo:line-height=\"115%\" fo:orphans=\"2\" fo:widows=\"2\"/></style:style>\n"
      "<style:style style:name=\"List_20_Item\" style:display-name=\"List Item\" style:family=\"paragraph\""
      " style:parent-style-name=\"Text_20_body\" style:class=\"list\">"
      "<style:paragraph-properties fo:text-indent=\"0cm\"/></style:style>\n"
      "<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\""
      " style:next-style-name=\"Text_20_body\" style:class=\"text\">"
      "<style:paragraph-properties fo:margin-top=\"0.6cm\" fo:margin-bottom=\"0.25cm\" "
      "fo:keep-with-next=\"always\"/>"
      "<style:text-properties style:font-name=\"Sans\" fo:font-weight=\"bold\"/></style:style>\n"
      "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\""
      " style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\""
      " style:default-outline-level=\"1\" style:class=\"text\"><style:text-properties fo:font-size=\"14pt\"/>"
      "</style:style>\n"
      "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\""
      " style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\""
      " style:default-outline-level=\"2\" style:class=\"text\">"
      "<style:paragraph-properties fo:margin-top=\"0.4cm\" fo:margin-bottom=\"0.15cm\"/>"
      "<style:text-properties fo:font-size=\"12pt\"/></style:style>\n"
      "<style:style style:name=\"Title_20_Office\" style:display-name=\"Title Office\" "
      "style:family=\"paragraph\""
      " style:parent-style-name=\"Standard\" style:class=\"chapter\">"
      "<style:paragraph-properties fo:text-align=\"center\"/>"
      "<style:text-properties style:font-name=\"Sans\" fo:font-size=\"13pt\" fo:font-weight=\"bold\"/>"
      "</style:style>\n"
      "<style:style style:name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\""
      " style:class=\"chapter\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"6cm\""
      " fo:line-height=\"120%\"/><style:text-properties fo:font-size=\"20pt\" fo:font-weight=\"bold\"/>"
      "</style:style>\n"
      "<style:style style:name=\"Title_20_Place\" style:display-name=\"Title Place\" "
      "style:family=\"paragraph\""
      " style:parent-style-name=\"Standard\" style:class=\"chapter\">"
      "<style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"9cm\"/>"
      "<style:text-properties fo:font-size=\"13pt\"/></style:style>\n"
      "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\""
      " style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
      "<style:paragraph-properties fo:text-align=\"start\"/>"
      "<style:text-properties style:font-name=\"Sans\" fo:font-size=\"9pt\"/></style:style>\n"
      "<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\""
      " style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\">"
      "<style:paragraph-properties fo:text-align=\"center\"/><style:text-properties fo:font-weight=\"bold\"/>"
      "</style:style>\n"
      "<style:style style:name=\"Table_20_Unit\" style:display-name=\"Table Unit\""
      " style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\">"
      "<style:paragraph-properties fo:text-align=\"center\"/></style:style>\n"
      "<style:style style:name=\"Table_20_Figure\" style:display-name=\"Table Figure\""
      " style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\">"
      "<style:paragraph-properties fo:text-align=\"end\"/></style:style>\n"
      "<style:style style:name=\"Figure\" style:family=\"paragraph\" style:parent-style-name=\"Standard\""
      " style:class=\"extra\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"0.2cm\""
      " fo:margin-bottom=\"0.2cm\"/></style:style>\n"
      "<style:style style:name=\"Footer\" style:family=\"paragraph\" style:parent-style-name=\"Standard\""
      " style:class=\"extra\"><style:paragraph-properties fo:text-align=\"center\"/>"
      "<style:text-properties style:font-name=\"Sans\" fo:font-size=\"9pt\"/></style:style>\n"
      "<style:style style:name=\"Graphics\" style:family=\"graphic\"/>\n"
      "<text:outline-style style:name=\"Outline\">"
      "<text:outline-level-style text:level=\"1\" style:num-format=\"\"/>"
      "<text:outline-level-style text:level=\"2\" style:num-format=\"\"/>"
      "</text:outline-style>\n"
      "<text:list-style style:name=\"Numbering_20_123\" style:display-name=\"Numbering 123\">"
      "<text:list-level-style-number text:level=\"1\" style:num-suffix=\".\" style:num-format=\"1\">"
      "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">"
      "<style:list-level-label-alignment text:label-followed-by=\"listtab\" "
      "text:list-tab-stop-position=\"1.25cm\""
      " fo:text-indent=\"-0.75cm\" fo:margin-left=\"1.25cm\"/></style:list-level-properties>"
      "</text:list-level-style-number></text:list-style>\n"
      /* The report's dashed lists: «Было зарегистрировано:», then «– …;». */
      "<text:list-style style:name=\"Dash_20_List\" style:display-name=\"Dash List\">"
      "<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"\u2013\">"
      "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">"
      "<style:list-level-label-alignment text:label-followed-by=\"listtab\" "
      "text:list-tab-stop-position=\"1.25cm\""
      " fo:text-indent=\"-0.75cm\" fo:margin-left=\"1.25cm\"/></style:list-level-properties>"
      "</text:list-level-style-bullet></text:list-style>\n"
      "</office:styles>\n"
      "<office:automatic-styles>\n"
      /* The footer sits inside the bottom margin's 2 cm: 1 cm below it, 1 cm for it and its gap. */
      "<style:page-layout style:name=\"Numbered\"><style:page-layout-properties fo:page-width=\"21cm\""
      " fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" fo:margin-top=\"2cm\""
      " fo:margin-bottom=\"1cm\" fo:margin-left=\"2cm\" fo:margin-right=\"1.5cm\"/>"
      "<style:footer-style><style:header-footer-properties fo:min-height=\"0.6cm\" fo:margin-top=\"0.4cm\"/>"
      "</style:footer-style></style:page-layout>\n"
      "<style:page-layout style:name=\"TitlePage\"><style:page-layout-properties fo:page-width=\"21cm\""
      " fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" fo:margin-top=\"2cm\""
      " fo:margin-bottom=\"2cm\" fo:margin-left=\"2cm\" fo:margin-right=\"1.5cm\"/></style:page-layout>\n"
      "</office:automatic-styles>\n"
      "<office:master-styles>\n"
      "<style:master-page style:name=\"Standard\" style:page-layout-name=\"Numbered\"><style:footer>"
      "<text:p text:style-name=\"Footer\"><text:page-number text:select-page=\"current\"/></text:p>"
      "</style:footer></style:master-page>\n"
      "<style:master-page style:name=\"First_20_Page\" style:display-name=\"First Page\""
      " style:page-layout-name=\"TitlePage\" style:next-style-name=\"Standard\"/>\n"
      "</office:master-styles>\n"
      "</office:document-styles>\n";

static char *
meta_xml (const ItogiNarrative *n)
{
  g_autoptr (GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<office:document-meta" NAMESPACES "><office:meta>\n");
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  g_string_append (xml, "<meta:generator>Itogi/" PACKAGE_VERSION "</meta:generator>\n<dc:title>");
  append_escaped (xml, n->title);
  g_string_append (xml, "</dc:title>\n<meta:initial-creator>");
  append_escaped (xml, n->office);
  g_string_append (xml, "</meta:initial-creator>\n<dc:creator>");
  append_escaped (xml, n->office);
  g_string_append_printf (xml,
                          "</dc:creator>\n<dc:language>ru-RU</dc:language>\n"
                          "<meta:creation-date>%s</meta:creation-date>\n<dc:date>%s</dc:date>\n"
                          "<meta:keyword>итоги</meta:keyword><meta:keyword>%d</meta:keyword>\n"
                          "</office:meta></office:document-meta>\n",
                          date, date, n->year);
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

static char *
manifest_xml (GPtrArray *pictures)
{
  g_autoptr (GString) xml = g_string_new (
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
      " manifest:version=\"1.2\">\n"
      " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
      "manifest:media-type=\"" MIMETYPE "\"/>\n"
      " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
      " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
      " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n");

  for (guint i = 0; i < pictures->len; i++)
    g_string_append_printf (
        xml, " <manifest:file-entry manifest:full-path=\"%s\" manifest:media-type=\"image/png\"/>\n",
        ((Picture *)pictures->pdata[i])->name);
  g_string_append (xml, "</manifest:manifest>\n");
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

/* ---- the container ---- */

static gboolean
zip_failed (zip_t *za, zip_error_t *ze, GError **error)
{
  g_set_error (error, ITOGI_EXPORT_ERROR, ITOGI_EXPORT_ERROR_FAILED,
               _ ("The document could not be put together (%s). Nothing was saved."),
               zip_error_strerror (za != NULL ? zip_get_error (za) : ze));
  return FALSE;
}

/* Adds @data (which must live until the archive is closed) as @name. */
static gboolean
add_entry (zip_t *za, const char *name, const void *data, gsize len, gboolean store, GError **error)
{
  zip_source_t *source = zip_source_buffer (za, data, len, 0);
  zip_int64_t index;

  if (source == NULL)
    return zip_failed (za, NULL, error);
  index = zip_file_add (za, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0)
    {
      zip_source_free (source);
      return zip_failed (za, NULL, error);
    }
  /* PNG is compressed already; the mimetype must be stored as it is. */
  if (zip_set_file_compression (za, (zip_uint64_t)index, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) != 0)
    return zip_failed (za, NULL, error);
  return TRUE;
}

/* styles.xml, naming the faces the PDF is drawn with here. */
static char *
styles_xml (void)
{
  g_autofree char *serif = itogi_report_font_family (ITOGI_REPORT_SERIF);
  g_autofree char *sans = itogi_report_font_family (ITOGI_REPORT_SANS);
  g_autofree char *serif_xml = g_markup_escape_text (serif, -1);
  g_autofree char *sans_xml = g_markup_escape_text (sans, -1);
  GString *xml = g_string_new (STYLES_XML);

  g_string_replace (xml, "@SERIF@", serif_xml, 0);
  g_string_replace (xml, "@SANS@", sans_xml, 0);
  return g_string_free (xml, FALSE);
}

static GBytes *
build_zip (const char *content, const char *meta, const char *manifest, GPtrArray *pictures, GError **error)
{
  g_autofree char *styles = styles_xml ();
  zip_error_t ze;
  zip_source_t *buffer;
  zip_t *za;
  zip_stat_t st;
  guint8 *data;
  gboolean ok;

  zip_error_init (&ze);
  buffer = zip_source_buffer_create (NULL, 0, 0, &ze);
  if (buffer == NULL)
    {
      zip_failed (NULL, &ze, error);
      zip_error_fini (&ze);
      return NULL;
    }
  za = zip_open_from_source (buffer, ZIP_CREATE | ZIP_TRUNCATE, &ze);
  if (za == NULL)
    {
      zip_failed (NULL, &ze, error);
      zip_error_fini (&ze);
      zip_source_free (buffer);
      return NULL;
    }
  zip_error_fini (&ze);
  /* The archive holds one reference; this one keeps the buffer past zip_close, which writes the
   * archive into it. */
  zip_source_keep (buffer);

  /* In the order ODF asks: «mimetype» first (libzip writes entries in the order added). */
  ok = add_entry (za, "mimetype", MIMETYPE, strlen (MIMETYPE), TRUE, error)
       && add_entry (za, "content.xml", content, strlen (content), FALSE, error)
       && add_entry (za, "styles.xml", styles, strlen (styles), FALSE, error)
       && add_entry (za, "meta.xml", meta, strlen (meta), FALSE, error)
       && add_entry (za, "META-INF/manifest.xml", manifest, strlen (manifest), FALSE, error);
  for (guint i = 0; ok && i < pictures->len; i++)
    {
      Picture *p = pictures->pdata[i];
      gsize len;
      const void *png = g_bytes_get_data (p->png, &len);
      ok = add_entry (za, p->name, png, len, TRUE, error);
    }
  if (ok && zip_close (za) != 0)
    ok = zip_failed (za, NULL, error);
  if (!ok)
    {
      zip_discard (za);
      zip_source_free (buffer);
      return NULL;
    }

  zip_stat_init (&st);
  if (zip_source_stat (buffer, &st) != 0 || zip_source_open (buffer) != 0)
    {
      zip_failed (NULL, zip_source_error (buffer), error);
      zip_source_free (buffer);
      return NULL;
    }
  data = g_malloc (st.size > 0 ? st.size : 1);
  if (zip_source_read (buffer, data, st.size) != (zip_int64_t)st.size)
    {
      zip_failed (NULL, zip_source_error (buffer), error);
      zip_source_close (buffer);
      zip_source_free (buffer);
      g_free (data);
      return NULL;
    }
  zip_source_close (buffer);
  zip_source_free (buffer);
  return g_bytes_new_take (data, st.size);
}

gboolean
itogi_report_write_odt (ItogiStore *store, const ItogiNarrative *narrative, const char *path, GError **error)
{
  return itogi_report_write_odt_with (store, narrative, path, NULL, error);
}

gboolean
itogi_report_write_odt_with (ItogiStore *store, const ItogiNarrative *narrative, const char *path,
                             const ItogiProgress *progress, GError **error)
{
  g_autoptr (GPtrArray) pictures = g_ptr_array_new_with_free_func ((GDestroyNotify)picture_free);
  g_autofree char *content = NULL, *meta = NULL, *manifest = NULL;
  g_autoptr (GBytes) zip = NULL;
  g_autoptr (ItogiReportFile) file = NULL;
  gsize len;
  const void *data;

  g_return_val_if_fail (narrative != NULL && narrative->sections != NULL, FALSE);

  content = content_xml (store, narrative, pictures, progress, error);
  if (content == NULL)
    return FALSE;
  meta = meta_xml (narrative);
  manifest = manifest_xml (pictures);
  zip = build_zip (content, meta, manifest, pictures, error);
  if (zip == NULL)
    return FALSE;

  file = itogi_report_file_begin (path, error);
  if (file == NULL)
    return FALSE;
  data = g_bytes_get_data (zip, &len);
  itogi_report_file_write (file, data, len);
  /* A failed write is reported here, with the disk's own reason. */
  return itogi_report_file_commit (g_steal_pointer (&file), error);
}
