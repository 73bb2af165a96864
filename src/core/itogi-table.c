/* itogi-table.c: the year-over-year table of an area (or of all areas)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "itogi-format.h"
#include "itogi-period.h"
#include "itogi-table.h"

void
itogi_table_row_free (ItogiTableRow *row)
{
  if (row == NULL)
    return;
  itogi_area_free (row->area);
  itogi_indicator_free (row->indicator);
  itogi_value_clear (&row->previous);
  itogi_value_clear (&row->current);
  itogi_value_clear (&row->previous_periods);
  itogi_value_clear (&row->current_periods);
  g_free (row);
}

/* The figures of one indicator in the table's two years, as stored: [0] the report year, [1] the
 * comparison year; in each, the year's own figure, then quarters 1-4, then months 1-12. */
#define SLOT_QUARTER 1
#define SLOT_MONTH 5
#define SLOTS 17

typedef struct
{
  ItogiValue years[2][SLOTS];
} Figures;

static void
figures_free (Figures *f)
{
  for (guint y = 0; y < 2; y++)
    for (guint i = 0; i < SLOTS; i++)
      itogi_value_clear (&f->years[y][i]);
  g_free (f);
}

typedef struct
{
  GHashTable *by_indicator; /* gint64 id → Figures */
  int year;
  int compare_year;
} Gather;

static void
gather (gint64 indicator_id, int year, ItogiPeriodType period, guint index, ItogiValue *value, gpointer data)
{
  Gather *g = data;
  Figures *f = g_hash_table_lookup (g->by_indicator, &indicator_id);
  guint slot;

  switch (period)
    {
    case ITOGI_PERIOD_QUARTER:
      if (index < 1 || index > ITOGI_QUARTERS)
        return;
      slot = SLOT_QUARTER + index - 1;
      break;
    case ITOGI_PERIOD_MONTH:
      if (index < 1 || index > ITOGI_MONTHS)
        return;
      slot = SLOT_MONTH + index - 1;
      break;
    case ITOGI_PERIOD_YEAR:
    default:
      slot = 0;
      break;
    }
  if (f == NULL)
    {
      gint64 *key = g_new (gint64, 1);
      *key = indicator_id;
      f = g_new0 (Figures, 1);
      g_hash_table_insert (g->by_indicator, key, f);
    }
  for (guint y = 0; y < 2; y++)
    if (year == (y == 0 ? g->year : g->compare_year))
      {
        itogi_value_clear (&f->years[y][slot]);
        if (y == 1 && year == g->year)
          itogi_value_copy (&f->years[1][slot], &f->years[0][slot]); /* the same year twice */
        else
          {
            /* Taken, not copied: tens of thousands of figures for a large Overview. */
            f->years[y][slot] = *value;
            memset (value, 0, sizeof *value);
          }
      }
}

/* What the months make, else the quarters; not present without either. */
static gboolean
period_total (const ItogiIndicator *ind, const ItogiValue *stored, ItogiValue *out, GError **error)
{
  memset (out, 0, sizeof *out);
  if (!itogi_period_aggregate (ind->aggregation, stored + SLOT_MONTH, ITOGI_MONTHS, out, error))
    return FALSE;
  if (!out->present)
    {
      itogi_value_clear (out);
      if (!itogi_period_aggregate (ind->aggregation, stored + SLOT_QUARTER, ITOGI_QUARTERS, out, error))
        return FALSE;
    }
  return TRUE;
}

/* The year's figure as itogi_store_get_year_value() gives it: typed whole, else made of its
 * months or quarters. One typed whole beside its periods is checked against them. */
static gboolean
year_value (const ItogiIndicator *ind, Figures *f, guint y, ItogiValue *value, ItogiValue *periods,
            gboolean *mismatch, GError **error)
{
  static const ItogiValue none[SLOTS] = { { 0 } };
  const ItogiValue *stored = f != NULL ? f->years[y] : none;

  *mismatch = FALSE;
  memset (periods, 0, sizeof *periods);
  if (!stored[0].present)
    return period_total (ind, stored, value, error);
  itogi_value_copy (value, &stored[0]);
  if (!period_total (ind, stored, periods, error))
    return FALSE;
  *mismatch = itogi_period_mismatch (ind->aggregation, value, periods);
  return TRUE;
}

GPtrArray *
itogi_table_build (ItogiStore *store, const char *area_slug, int year, int compare_year, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_table_row_free);
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) indicators = NULL;
  g_autoptr (GHashTable) by_area = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) by_indicator
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)figures_free);
  Gather g = { by_indicator, year, compare_year };
  gint64 area_id = 0;

  if (area_slug != NULL)
    {
      ItogiArea *area = itogi_store_find_area (store, area_slug, error);
      if (area == NULL)
        return NULL;
      areas = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_area_free);
      g_ptr_array_add (areas, area);
      area_id = area->id;
    }
  else
    {
      areas = itogi_store_list_areas (store, FALSE, error);
      if (areas == NULL)
        return NULL;
    }
  for (guint a = 0; a < areas->len; a++)
    g_hash_table_insert (by_area, &((ItogiArea *)areas->pdata[a])->id, areas->pdata[a]);

  indicators = itogi_store_list_indicators (store, area_id, FALSE, error);
  if (indicators == NULL)
    return NULL;
  /* Every figure of both years in one query, not a few per indicator. */
  if (!itogi_store_each_figure (store, area_id, year, compare_year, gather, &g, error))
    return NULL;

  for (guint i = 0; i < indicators->len; i++)
    {
      const ItogiIndicator *ind = g_ptr_array_index (indicators, i);
      const ItogiArea *area = g_hash_table_lookup (by_area, &ind->area_id);
      Figures *f = g_hash_table_lookup (by_indicator, &ind->id);
      g_autoptr (ItogiTableRow) row = NULL;

      if (area == NULL)
        continue; /* an indicator of an archived area */
      row = g_new0 (ItogiTableRow, 1);
      row->area = itogi_area_copy (area);
      row->indicator = itogi_indicator_copy (ind);
      if (!year_value (ind, f, 0, &row->current, &row->current_periods, &row->current_mismatch, error)
          || !year_value (ind, f, 1, &row->previous, &row->previous_periods, &row->previous_mismatch, error))
        return NULL;
      itogi_yoy_compute (&row->current, &row->previous, &row->yoy);
      row->assessment = itogi_yoy_assess (&row->yoy, ind->polarity);
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  return g_steal_pointer (&rows);
}

void
itogi_table_row_format (const ItogiTableRow *row, ItogiTableRowText *text)
{
  const ItogiIndicator *ind = row->indicator;

  text->row = (ItogiTableRow *)row;
  text->previous = itogi_format_value (&row->previous, ind->kind, ind->scale);
  text->current = itogi_format_value (&row->current, ind->kind, ind->scale);
  text->delta = itogi_yoy_format_delta (&row->yoy, ind->kind, ind->scale);
  text->percent = itogi_yoy_format_percent (&row->yoy);
}

void
itogi_table_row_text_clear (ItogiTableRowText *text)
{
  g_free (text->previous);
  g_free (text->current);
  g_free (text->delta);
  g_free (text->percent);
  memset (text, 0, sizeof *text);
}

int
itogi_table_latest_year (ItogiStore *store)
{
  g_autoptr (GArray) years = itogi_store_list_years (store, NULL);
  g_autoptr (GDateTime) now = NULL;

  if (years != NULL && years->len > 0)
    return g_array_index (years, int, years->len - 1);
  now = g_date_time_new_now_local ();
  return g_date_time_get_year (now);
}
