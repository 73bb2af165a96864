/* itogi-chart-model.h: what a chart shows, independent of how it is drawn
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "itogi-store.h"
#include "itogi-types.h"
#include "itogi-yoy.h"

G_BEGIN_DECLS

typedef enum
{
  ITOGI_CHART_AUTO,      /* chosen from the data: see itogi_chart_model_resolve_kind */
  ITOGI_CHART_COLUMNS,   /* grouped columns, years side by side, one shared axis */
  ITOGI_CHART_BARS,      /* horizontal bars, for long labels */
  ITOGI_CHART_MULTIPLES, /* one panel per indicator, each with its own zero-based axis */
  ITOGI_CHART_CHANGE,    /* diverging bars of the change in percent, sorted */
  ITOGI_CHART_TREND,     /* lines over every year, one panel per indicator */
} ItogiChartKind;

typedef struct
{
  char *label; /* the indicator's title */
  char *unit;
  ItogiKind kind;
  guint scale;
  ItogiPolarity polarity;
  ItogiValue *values; /* one per year of the model, oldest first; present = FALSE when missing */
  ItogiYoy yoy;       /* the last year against the one before it */
  ItogiAssessment assessment;
} ItogiChartItem;

typedef struct
{
  ItogiChartKind kind;
  char *title;
  char *subtitle;
  char *source;
  guint n_years;
  int *years;       /* oldest first */
  GPtrArray *items; /* ItogiChartItem */
} ItogiChartModel;

ItogiChartModel *itogi_chart_model_new (ItogiChartKind kind, const char *title, const int *years,
                                        guint n_years);
void itogi_chart_model_free (ItogiChartModel *model);
/* @values holds one value per year of the model; it is copied. */
void itogi_chart_model_add_item (ItogiChartModel *model, const char *label, const char *unit, ItogiKind kind,
                                 guint scale, ItogiPolarity polarity, const ItogiValue *values);
/* The chart of an area (or of every area, @area_slug NULL) for @year against @compare_year;
 * ITOGI_CHART_TREND covers every year in the database instead. */
ItogiChartModel *itogi_chart_model_new_for_area (ItogiStore *store, const char *area_slug,
                                                 ItogiChartKind kind, int year, int compare_year,
                                                 GError **error);
/* The same from the rows itogi_table_build() gave for it (borrowed): the table and its chart
 * read the figures once. */
ItogiChartModel *itogi_chart_model_new_for_rows (ItogiStore *store, GPtrArray *rows, const char *area_slug,
                                                 ItogiChartKind kind, int year, int compare_year,
                                                 GError **error);
/* The captions of a chart that leaves the program as a file (the report, itogi-cli chart): its
 * subtitle, source line and an overview's title in the document's language, Russian, whatever
 * language the program speaks. */
void itogi_chart_model_use_document_captions (ItogiChartModel *model, ItogiStore *store, gboolean overview);

/* AUTO becomes small multiples when units or scales differ, horizontal bars for long labels,
 * grouped columns otherwise. Any other kind is returned as it is. */
ItogiChartKind itogi_chart_model_resolve_kind (const ItogiChartModel *model);
/* A plain-text account of the data, for screen readers and alt text. */
char *itogi_chart_model_describe (const ItogiChartModel *model);

/* One row per kind of chart: every menu, dialog and command-line option that offers kinds reads
 * this table, so a new kind is one row here (and its drawing in itogi-chart-render.c). */
typedef struct
{
  ItogiChartKind kind;
  const char *name;  /* kept in the database and given to itogi-cli: "columns" */
  const char *label; /* for menus, untranslated (see itogi_chart_kind_label) */
} ItogiChartKindInfo;

/* Every kind, in the order menus list them; AUTO first. */
const ItogiChartKindInfo *itogi_chart_kinds (guint *n_kinds);
/* The menu label in the program's language: «Сгруппированные столбцы». */
const char *itogi_chart_kind_label (const ItogiChartKindInfo *info);
/* The position of @kind in itogi_chart_kinds(), 0 (AUTO) if it is not there. */
guint itogi_chart_kind_position (ItogiChartKind kind);
/* «auto, columns, bars, …»: every kind's name, for messages and --help. */
char *itogi_chart_kind_names (void);
const char *itogi_chart_kind_to_string (ItogiChartKind kind);
gboolean itogi_chart_kind_from_string (const char *name, ItogiChartKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiChartModel, itogi_chart_model_free)

G_END_DECLS
