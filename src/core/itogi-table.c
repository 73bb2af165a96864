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

/* A year typed whole beside its months: what the months make, and whether the two agree. */
static gboolean
check_periods (ItogiStore *store, const ItogiIndicator *ind, int year, const ItogiValue *value,
               ItogiValue *periods, gboolean *mismatch, GError **error)
{
  *mismatch = FALSE;
  if (!value->present || value->derived)
    return TRUE;
  if (!itogi_store_get_period_total (store, ind, year, periods, error))
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

  indicators = itogi_store_list_indicators (store, area_id, FALSE, error);
  if (indicators == NULL)
    return NULL;

  for (guint i = 0; i < indicators->len; i++)
    {
      const ItogiIndicator *ind = g_ptr_array_index (indicators, i);
      g_autoptr (ItogiTableRow) row = g_new0 (ItogiTableRow, 1);

      for (guint a = 0; a < areas->len; a++)
        {
          const ItogiArea *area = g_ptr_array_index (areas, a);
          if (area->id == ind->area_id)
            row->area = itogi_area_copy (area);
        }
      if (row->area == NULL)
        continue; /* an indicator of an archived area */
      row->indicator = itogi_indicator_copy (ind);
      if (!itogi_store_get_year_value (store, ind, year, &row->current, error)
          || !itogi_store_get_year_value (store, ind, compare_year, &row->previous, error))
        return NULL;
      if (!check_periods (store, ind, year, &row->current, &row->current_periods, &row->current_mismatch,
                          error)
          || !check_periods (store, ind, compare_year, &row->previous, &row->previous_periods,
                             &row->previous_mismatch, error))
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
