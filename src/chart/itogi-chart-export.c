/* itogi-chart-export.c: a chart as PNG, SVG or PDF
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "itogi-chart-export.h"
#include "itogi-chart-render.h"
#include "itogi-output.h"

G_DEFINE_QUARK (itogi - chart - error - quark, itogi_chart_error)

static const ItogiChartFormatInfo chart_formats[] = {
  { ITOGI_CHART_FORMAT_PNG, "png", 1600, 900 },
  { ITOGI_CHART_FORMAT_SVG, "svg", 1600, 900 },
  { ITOGI_CHART_FORMAT_PDF, "pdf", ITOGI_CHART_A4_PT_WIDTH, ITOGI_CHART_A4_PT_HEIGHT },
};

static const ItogiChartPreset chart_presets[] = {
  { "png-slide", N_ ("PNG for a _Slide (1920 × 1080)…"), ITOGI_CHART_FORMAT_PNG, ITOGI_CHART_SLIDE_WIDTH,
    ITOGI_CHART_SLIDE_HEIGHT, 0 },
  { "png-a4", N_ ("PNG for _Print (A4 landscape, 300 dpi)…"), ITOGI_CHART_FORMAT_PNG,
    ITOGI_CHART_A4_300DPI_WIDTH, ITOGI_CHART_A4_300DPI_HEIGHT, 300 },
  { "png-custom", N_ ("PNG of a C_ustom Size…"), ITOGI_CHART_FORMAT_PNG, 0, 0, 0 },
  { "svg", N_ ("S_VG…"), ITOGI_CHART_FORMAT_SVG, 1600, 900, 0 },
  { "pdf", N_ ("P_DF (A4 landscape)…"), ITOGI_CHART_FORMAT_PDF, ITOGI_CHART_A4_PT_WIDTH,
    ITOGI_CHART_A4_PT_HEIGHT, 0 },
};

const ItogiChartFormatInfo *
itogi_chart_formats (guint *n_formats)
{
  *n_formats = G_N_ELEMENTS (chart_formats);
  return chart_formats;
}

const ItogiChartFormatInfo *
itogi_chart_format_info (ItogiChartFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_formats); i++)
    if (chart_formats[i].format == format)
      return &chart_formats[i];
  g_return_val_if_reached (&chart_formats[0]);
}

char *
itogi_chart_format_extensions (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (chart_formats); i++)
    g_string_append_printf (text, "%s.%s", i > 0 ? ", " : "", chart_formats[i].name);
  return g_string_free (text, FALSE);
}

const ItogiChartPreset *
itogi_chart_presets (guint *n_presets)
{
  *n_presets = G_N_ELEMENTS (chart_presets);
  return chart_presets;
}

const ItogiChartPreset *
itogi_chart_preset_find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_presets); i++)
    if (g_strcmp0 (chart_presets[i].id, id) == 0)
      return &chart_presets[i];
  return NULL;
}

const char *
itogi_chart_preset_label (const ItogiChartPreset *preset)
{
  return _ (preset->label);
}

double
itogi_chart_preset_dpi (ItogiChartFormat format, double width, double height)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_presets); i++)
    if (chart_presets[i].format == format && chart_presets[i].width == width
        && chart_presets[i].height == height)
      return chart_presets[i].dpi;
  return 0;
}

gboolean
itogi_chart_format_from_path (const char *path, ItogiChartFormat *format, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path != NULL ? path : "", -1);
  g_autofree char *extensions = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (chart_formats); i++)
    {
      g_autofree char *suffix = g_strconcat (".", chart_formats[i].name, NULL);
      if (g_str_has_suffix (lower, suffix))
        {
          *format = chart_formats[i].format;
          return TRUE;
        }
    }
  extensions = itogi_chart_format_extensions ();
  /* Translators: the second %s lists the extensions: «.png, .svg, .pdf» */
  g_set_error (error, ITOGI_CHART_ERROR, ITOGI_CHART_ERROR_FORMAT,
               _ ("“%s” does not end in %s: which kind of file should it be?"), path, extensions);
  return FALSE;
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static guint32
crc32_of (const guint8 *data, gsize len)
{
  static guint32 table[256];
  static gsize initialised = 0;
  guint32 crc = 0xffffffffu;

  if (g_once_init_enter (&initialised))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;
          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&initialised, 1);
    }
  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

static void
put_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* Cairo writes no resolution: add a pHYs chunk after IHDR so a 300 dpi page prints as A4. */
static void
png_set_dpi (GByteArray *png, double dpi)
{
  guint8 chunk[4 + 4 + 9 + 4];
  guint32 ppm = (guint32)lround (dpi / 0.0254);
  const gsize ihdr_end = 8 + 4 + 4 + 13 + 4;

  if (png->len < ihdr_end || memcmp (png->data + 12, "IHDR", 4) != 0)
    return;
  put_be32 (chunk, 9);
  memcpy (chunk + 4, "pHYs", 4);
  put_be32 (chunk + 8, ppm);
  put_be32 (chunk + 12, ppm);
  chunk[16] = 1; /* the unit is the metre */
  put_be32 (chunk + 17, crc32_of (chunk + 4, 4 + 9));
  g_array_insert_vals ((GArray *)png, ihdr_end, chunk, sizeof chunk);
}

static gboolean
check_size (double width, double height, ItogiChartFormat format, GError **error)
{
  double limit = format == ITOGI_CHART_FORMAT_PNG ? ITOGI_CHART_MAX_PIXELS : 14400.0;

  /* Below 320 × 240 the labels of a chart no longer fit legibly. */
  if (!(width >= ITOGI_CHART_MIN_WIDTH && height >= ITOGI_CHART_MIN_HEIGHT && width <= limit
        && height <= limit))
    {
      g_set_error (error, ITOGI_CHART_ERROR, ITOGI_CHART_ERROR_FORMAT,
                   _ ("A chart must be from %d × %d to %.0f × %.0f, not %.0f × %.0f."), ITOGI_CHART_MIN_WIDTH,
                   ITOGI_CHART_MIN_HEIGHT, limit, limit, width, height);
      return FALSE;
    }
  return TRUE;
}

GBytes *
itogi_chart_export_bytes (const ItogiChartModel *model, ItogiChartFormat format, double width, double height,
                          double dpi, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  ItogiChartStyle style;
  cairo_t *cr;

  if (!check_size (width, height, format, error))
    return NULL;
  itogi_chart_style_init_light (&style);

  switch (format)
    {
    case ITOGI_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)ceil (width), (int)ceil (height));
      break;
    case ITOGI_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, out, width, height);
      break;
    case ITOGI_CHART_FORMAT_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, out, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      model->title != NULL ? model->title : "");
      if (model->subtitle != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, model->subtitle);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Itogi " PACKAGE_VERSION);
      break;
    }

  cr = cairo_create (surface);
  itogi_chart_render (cr, model, &style, width, height, -1, NULL);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == ITOGI_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, out);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ITOGI_CHART_ERROR, ITOGI_CHART_ERROR_RENDER,
                   _ ("The chart could not be drawn: %s."), cairo_status_to_string (status));
      return NULL;
    }
  if (format == ITOGI_CHART_FORMAT_PNG && dpi > 0)
    png_set_dpi (out, dpi);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
itogi_chart_export_file (const ItogiChartModel *model, ItogiChartFormat format, double width, double height,
                         double dpi, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = itogi_chart_export_bytes (model, format, width, height, dpi, error);
  g_autoptr (GError) local = NULL;
  gsize len;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  /* Written whole beside the file and renamed: a failure leaves nothing; the open database, a
   * device and the like are refused. */
  if (!itogi_output_write_file (path, data, len, &local))
    {
      /* Its words name the file and the cause already. */
      g_set_error_literal (error, ITOGI_CHART_ERROR, ITOGI_CHART_ERROR_WRITE, local->message);
      return FALSE;
    }
  return TRUE;
}
