/* itogi-chart-export.h: a chart as PNG, SVG or PDF, always in the light print style
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "itogi-chart-model.h"

G_BEGIN_DECLS

#define ITOGI_CHART_ERROR (itogi_chart_error_quark ())

typedef enum
{
  ITOGI_CHART_ERROR_FORMAT, /* unknown file type or bad size */
  ITOGI_CHART_ERROR_RENDER, /* Cairo failed */
  ITOGI_CHART_ERROR_WRITE,  /* the file could not be written */
} ItogiChartError;

typedef enum
{
  ITOGI_CHART_FORMAT_PNG,
  ITOGI_CHART_FORMAT_SVG,
  ITOGI_CHART_FORMAT_PDF,
} ItogiChartFormat;

/* Sizes people ask for: a slide, and an A4 landscape page (at 300 dpi for PNG, in points for PDF). */
#define ITOGI_CHART_SLIDE_WIDTH 1920
#define ITOGI_CHART_SLIDE_HEIGHT 1080
#define ITOGI_CHART_A4_300DPI_WIDTH 3508
#define ITOGI_CHART_A4_300DPI_HEIGHT 2480
#define ITOGI_CHART_A4_PT_WIDTH 841.89
#define ITOGI_CHART_A4_PT_HEIGHT 595.28
#define ITOGI_CHART_MAX_PIXELS 12000
#define ITOGI_CHART_MIN_WIDTH 320
#define ITOGI_CHART_MIN_HEIGHT 240

/* The kinds of file a chart is written to: one row per format, read by the window's menu, the file
 * name it proposes and itogi-cli chart. */
typedef struct
{
  ItogiChartFormat format;
  const char *name; /* the file name's extension, without the dot: "png" */
  double width;     /* the size when none is asked for: pixels for PNG, points for SVG and PDF */
  double height;
} ItogiChartFormatInfo;

/* The sizes the window offers, one menu item each. */
typedef struct
{
  const char *id;    /* the menu item's target: "png-slide" */
  const char *label; /* untranslated, with its mnemonic (see itogi_chart_preset_label) */
  ItogiChartFormat format;
  double width; /* 0 × 0: the person gives the size */
  double height;
  double dpi; /* recorded in a PNG; 0 for none */
} ItogiChartPreset;

const ItogiChartFormatInfo *itogi_chart_formats (guint *n_formats);
const ItogiChartFormatInfo *itogi_chart_format_info (ItogiChartFormat format);
/* «.png, .svg, .pdf»: every format's extension, for messages. */
char *itogi_chart_format_extensions (void);
const ItogiChartPreset *itogi_chart_presets (guint *n_presets);
const ItogiChartPreset *itogi_chart_preset_find (const char *id);
const char *itogi_chart_preset_label (const ItogiChartPreset *preset);
/* The resolution a preset of @format and this size records (300 for the A4 print), else 0. */
double itogi_chart_preset_dpi (ItogiChartFormat format, double width, double height);

GQuark itogi_chart_error_quark (void);
/* From the file name's extension (.png, .svg, .pdf, any case). */
gboolean itogi_chart_format_from_path (const char *path, ItogiChartFormat *format, GError **error);
/* The file's bytes. @width and @height are pixels for PNG (with @dpi recorded in the file when
 * > 0) and points for SVG and PDF. */
GBytes *itogi_chart_export_bytes (const ItogiChartModel *model, ItogiChartFormat format, double width,
                                  double height, double dpi, GError **error);
/* Written whole under a temporary name and renamed into place: never half a file. */
gboolean itogi_chart_export_file (const ItogiChartModel *model, ItogiChartFormat format, double width,
                                  double height, double dpi, const char *path, GError **error);

G_END_DECLS
