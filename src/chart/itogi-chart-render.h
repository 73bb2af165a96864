/* itogi-chart-render.h: draw a chart model with Cairo and Pango, on any surface
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "itogi-chart-model.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} ItogiRgba;

typedef struct
{
  ItogiRgba background;
  ItogiRgba text;
  ItogiRgba muted; /* subtitles, source, axis labels */
  ItogiRgba grid;
  ItogiRgba previous; /* earlier years: a light tint */
  ItogiRgba current;  /* the report year: saturated */
  ItogiRgba good;     /* a change that is good for the indicator */
  ItogiRgba bad;
  ItogiRgba neutral;
  ItogiRgba selection;
  const char *font_family;
  double font_size;     /* in surface units; 0 derives it from the chart's size */
  gboolean transparent; /* leave the background unpainted (on screen) */
} ItogiChartStyle;

/* The print style: white paper, Okabe–Ito colours that stay apart in greyscale. */
void itogi_chart_style_init_light (ItogiChartStyle *style);
void itogi_chart_style_init_dark (ItogiChartStyle *style);

typedef enum
{
  ITOGI_CHART_TEXT_TITLE,
  ITOGI_CHART_TEXT_SUBTITLE,
  ITOGI_CHART_TEXT_SOURCE,
  ITOGI_CHART_TEXT_LEGEND,
  ITOGI_CHART_TEXT_LABEL, /* a category or panel title */
  ITOGI_CHART_TEXT_VALUE,
  ITOGI_CHART_TEXT_BADGE, /* «▲ +43,8 %» */
  ITOGI_CHART_TEXT_TICK,  /* axis numbers and years */
  ITOGI_CHART_TEXT_NOTE,
} ItogiChartTextRole;

typedef struct
{
  double x, y, width, height;
} ItogiChartRect;

typedef struct
{
  ItogiChartRect rect; /* the logical extents Pango gave the text, as drawn */
  ItogiChartTextRole role;
  int item; /* the model item it belongs to, or −1 */
  char *text;
  gboolean ellipsized; /* Pango cut it short with «…» */
} ItogiChartText;

typedef struct
{
  ItogiChartRect rect;
  int item;
  int year; /* index into the model's years, or −1 for the whole group */
} ItogiChartMark;

/* What a render drew, and where: for hit-testing and for the tests. */
typedef struct
{
  ItogiChartKind kind; /* the kind actually drawn */
  GArray *texts;       /* ItogiChartText */
  GArray *marks;       /* ItogiChartMark: bars, points and item areas */
  double font_size;
} ItogiChartLayout;

ItogiChartLayout *itogi_chart_layout_new (void);
void itogi_chart_layout_free (ItogiChartLayout *layout);
/* The item under (x, y), or −1. */
int itogi_chart_layout_hit (const ItogiChartLayout *layout, double x, double y);
/* TRUE, with the indices, when two text boxes overlap. */
gboolean itogi_chart_layout_find_overlap (const ItogiChartLayout *layout, guint *a, guint *b);

/* Lay out and draw @model in the rectangle 0, 0, @width, @height of @cr. Everything is measured
 * from @cr, so the screen and every export draw the same chart. @selected (−1 for none) is
 * highlighted. @layout, if not NULL, receives what was drawn. */
void itogi_chart_render (cairo_t *cr, const ItogiChartModel *model, const ItogiChartStyle *style,
                         double width, double height, int selected, ItogiChartLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiChartLayout, itogi_chart_layout_free)

G_END_DECLS
