/* itogi-chart-model.c
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "itogi-chart-model.h"
#include "itogi-format.h"
#include "itogi-table.h"

static void
item_free (ItogiChartItem *item)
{
  g_free (item->label);
  g_free (item->unit);
  g_free (item->values);
  g_free (item);
}

ItogiChartModel *
itogi_chart_model_new (ItogiChartKind kind, const char *title, const int *years, guint n_years)
{
  ItogiChartModel *model = g_new0 (ItogiChartModel, 1);

  model->kind = kind;
  model->title = g_strdup (title);
  model->n_years = n_years;
  model->years = g_memdup2 (years, sizeof (int) * n_years);
  model->items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  return model;
}

void
itogi_chart_model_free (ItogiChartModel *model)
{
  if (model == NULL)
    return;
  g_free (model->title);
  g_free (model->subtitle);
  g_free (model->source);
  g_free (model->years);
  g_ptr_array_unref (model->items);
  g_free (model);
}

void
itogi_chart_model_add_item (ItogiChartModel *model, const char *label, const char *unit, ItogiKind kind,
                            guint scale, ItogiPolarity polarity, const ItogiValue *values)
{
  ItogiChartItem *item = g_new0 (ItogiChartItem, 1);

  item->label = g_strdup (label);
  item->unit = g_strdup (unit != NULL ? unit : "");
  item->kind = kind;
  item->scale = itogi_kind_effective_scale (kind, scale);
  item->polarity = polarity;
  item->values = g_new0 (ItogiValue, MAX (model->n_years, 1));
  for (guint y = 0; y < model->n_years; y++)
    {
      /* The chart keeps numbers and qualifiers only; notes stay with the table. */
      item->values[y] = values[y];
      item->values[y].note = NULL;
      item->values[y].as_of = NULL;
    }
  if (model->n_years >= 2)
    itogi_yoy_compute (&item->values[model->n_years - 1], &item->values[model->n_years - 2], &item->yoy);
  item->assessment = itogi_yoy_assess (&item->yoy, polarity);
  g_ptr_array_add (model->items, item);
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *)a - *(const int *)b;
}

ItogiChartModel *
itogi_chart_model_new_for_area (ItogiStore *store, const char *area_slug, ItogiChartKind kind, int year,
                                int compare_year, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  rows = itogi_table_build (store, area_slug, year, compare_year, error);
  if (rows == NULL)
    return NULL;
  return itogi_chart_model_new_for_rows (store, rows, area_slug, kind, year, compare_year, error);
}

ItogiChartModel *
itogi_chart_model_new_for_rows (ItogiStore *store, GPtrArray *rows, const char *area_slug,
                                ItogiChartKind kind, int year, int compare_year, GError **error)
{
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (ItogiChartModel) model = NULL;
  g_autofree char *office = itogi_store_get_meta (store, "office");
  g_autofree char *title = NULL;

  if (year == compare_year && kind != ITOGI_CHART_TREND)
    {
      g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_INVALID,
                   _ ("A year cannot be compared with itself: choose another comparison year."));
      return NULL;
    }

  if (kind == ITOGI_CHART_TREND)
    {
      /* Every calendar year from the first to the last with figures: a year without any breaks
       * the line instead of being skipped over. The last 40 years at most. */
      g_autoptr (GArray) stored = itogi_store_list_years (store, error);
      int first, last;
      if (stored == NULL)
        return NULL;
      g_array_sort (stored, compare_int);
      first = stored->len > 0 ? g_array_index (stored, int, 0) : year;
      last = stored->len > 0 ? g_array_index (stored, int, stored->len - 1) : year;
      first = MAX (first, last - 39);
      for (int y = first; y <= last; y++)
        g_array_append_val (years, y);
    }
  else
    {
      /* The comparison year first, whichever is earlier: the change is always the report
       * year's against it, as in the table. */
      g_array_append_val (years, compare_year);
      g_array_append_val (years, year);
    }

  if (area_slug != NULL && rows->len > 0)
    title = g_strdup (((ItogiTableRow *)rows->pdata[0])->area->title);
  else if (area_slug != NULL)
    {
      g_autoptr (ItogiArea) area = itogi_store_find_area (store, area_slug, error);
      if (area == NULL)
        return NULL;
      title = g_strdup (area->title);
    }
  else
    title = g_strdup (_ ("Overview"));

  model = itogi_chart_model_new (kind, title, (const int *)years->data, years->len);
  if (kind == ITOGI_CHART_TREND)
    {
      g_autofree char *first = itogi_format_year (g_array_index (years, int, 0));
      g_autofree char *last = itogi_format_year (g_array_index (years, int, years->len - 1));
      /* Translators: a range of years, «2022 г. – 2023 г.» */
      model->subtitle = years->len > 1 ? g_strdup_printf (_ ("%s – %s"), first, last) : g_strdup (first);
    }
  else
    {
      g_autofree char *y = itogi_format_year (year);
      g_autofree char *c = itogi_format_year (compare_year);
      /* Translators: «2023 г. к 2022 г.» */
      model->subtitle = g_strdup_printf (C_ ("year against year", "%s vs %s"), y, c);
    }
  /* Translators: the source line under a chart; %s is the office's name */
  model->source = g_strdup_printf (_ ("Source: %s, Itogi"), office != NULL ? office : _ ("the office"));

  for (guint r = 0; r < rows->len; r++)
    {
      ItogiTableRow *row = rows->pdata[r];
      g_autofree ItogiValue *values = g_new0 (ItogiValue, years->len);

      for (guint y = 0; y < years->len; y++)
        {
          int at = g_array_index (years, int, y);
          if (at == year)
            values[y] = row->current;
          else if (at == compare_year)
            values[y] = row->previous;
          else
            {
              ItogiValue v = { 0 };
              if (!itogi_store_get_year_value (store, row->indicator, at, &v, error))
                return NULL;
              itogi_value_clear (&values[y]);
              values[y] = v;
              g_clear_pointer (&values[y].note, g_free);
              g_clear_pointer (&values[y].as_of, g_free);
            }
        }
      itogi_chart_model_add_item (model, row->indicator->title, row->indicator->unit, row->indicator->kind,
                                  row->indicator->scale, row->indicator->polarity, values);
      /* Values fetched here (not the row's own) are freed; the row's belong to the row. */
      for (guint y = 0; y < years->len; y++)
        {
          int at = g_array_index (years, int, y);
          if (at != year && at != compare_year)
            itogi_value_clear (&values[y]);
        }
    }
  return g_steal_pointer (&model);
}

static double
value_as_double (const ItogiChartItem *item, const ItogiValue *v)
{
  return (double)v->amount / pow (10.0, (double)item->scale);
}

void
itogi_chart_model_use_document_captions (ItogiChartModel *model, ItogiStore *store, gboolean overview)
{
  g_autofree char *office = itogi_store_get_meta (store, "office");
  g_autofree char *first = model->n_years > 0 ? itogi_format_year (model->years[0]) : NULL;
  g_autofree char *last = model->n_years > 0 ? itogi_format_year (model->years[model->n_years - 1]) : NULL;

  g_free (model->subtitle);
  if (model->n_years == 0)
    model->subtitle = NULL;
  else if (model->n_years == 1)
    model->subtitle = g_strdup (first);
  else if (model->kind == ITOGI_CHART_TREND)
    model->subtitle = g_strdup_printf ("%s – %s", first, last);
  else
    model->subtitle = g_strdup_printf ("%s к %s", last, first);
  g_free (model->source);
  model->source = g_strdup_printf ("Источник: %s, «Итоги»", office != NULL ? office : "управление делами");
  if (overview)
    {
      g_free (model->title);
      model->title = g_strdup ("Все направления");
    }
}

ItogiChartKind
itogi_chart_model_resolve_kind (const ItogiChartModel *model)
{
  double lo = INFINITY, hi = 0.0;
  gboolean long_labels = FALSE;
  const char *unit = NULL;
  gboolean same_unit = TRUE;

  if (model->kind != ITOGI_CHART_AUTO)
    return model->kind;

  for (guint i = 0; i < model->items->len; i++)
    {
      const ItogiChartItem *item = model->items->pdata[i];

      if (unit == NULL)
        unit = item->unit;
      else if (g_strcmp0 (unit, item->unit) != 0
               || item->kind != ((ItogiChartItem *)model->items->pdata[0])->kind)
        same_unit = FALSE;
      if (g_utf8_strlen (item->label, -1) > 24)
        long_labels = TRUE;
      for (guint y = 0; y < model->n_years; y++)
        if (item->values[y].present)
          {
            double v = fabs (value_as_double (item, &item->values[y]));
            if (v > 0.0)
              lo = MIN (lo, v);
            hi = MAX (hi, v);
          }
    }
  /* 12 next to 22 808 on one axis hides the 12: give each indicator its own panel. A lone
   * indicator gets one large panel too. */
  if (!same_unit || (isfinite (lo) && hi / lo > 10.0) || model->items->len == 1)
    return ITOGI_CHART_MULTIPLES;
  /* Many groups leave each column too narrow for its label: bars give every label a line. */
  return long_labels || model->items->len > 8 ? ITOGI_CHART_BARS : ITOGI_CHART_COLUMNS;
}

char *
itogi_chart_model_describe (const ItogiChartModel *model)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s. %s.", model->title, model->subtitle != NULL ? model->subtitle : "");
  for (guint i = 0; i < model->items->len; i++)
    {
      const ItogiChartItem *item = model->items->pdata[i];

      g_string_append_printf (text, "\n%s:", item->label);
      for (guint y = 0; y < model->n_years; y++)
        {
          g_autofree char *year = itogi_format_year (model->years[y]);
          g_autofree char *value
              = itogi_format_value_with_unit (&item->values[y], item->kind, item->scale, item->unit);
          g_string_append_printf (text, " %s — %s%s;", year, *value != '\0' ? value : _ ("no figure"),
                                  item->values[y].partial ? _ (" (part of the year)") : "");
        }
      if (model->n_years >= 2)
        {
          g_autofree char *pct = itogi_yoy_format_percent (&item->yoy);
          /* Translators: the change of an indicator, «изменение −1,4 %» */
          g_string_append_printf (text, _ (" change %s."), pct);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const ItogiChartKindInfo chart_kinds[] = {
  { ITOGI_CHART_AUTO, "auto", N_ ("Automatic") },
  { ITOGI_CHART_COLUMNS, "columns", N_ ("Grouped Columns") },
  { ITOGI_CHART_BARS, "bars", N_ ("Horizontal Bars") },
  { ITOGI_CHART_MULTIPLES, "multiples", N_ ("Small Multiples") },
  { ITOGI_CHART_CHANGE, "change", N_ ("Change, %") },
  { ITOGI_CHART_TREND, "trend", N_ ("Trend") },
};

const ItogiChartKindInfo *
itogi_chart_kinds (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (chart_kinds);
  return chart_kinds;
}

const char *
itogi_chart_kind_label (const ItogiChartKindInfo *info)
{
  return _ (info->label);
}

guint
itogi_chart_kind_position (ItogiChartKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_kinds); i++)
    if (chart_kinds[i].kind == kind)
      return i;
  return 0;
}

char *
itogi_chart_kind_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (chart_kinds); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", chart_kinds[i].name);
  return g_string_free (names, FALSE);
}

const char *
itogi_chart_kind_to_string (ItogiChartKind kind)
{
  return chart_kinds[itogi_chart_kind_position (kind)].name;
}

gboolean
itogi_chart_kind_from_string (const char *name, ItogiChartKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_kinds); i++)
    if (g_strcmp0 (name, chart_kinds[i].name) == 0)
      {
        *kind = chart_kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}
