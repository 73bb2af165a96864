/* itogi-area-page-chart.c: what the chart under an area page's table shows
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-area-page-private.h"

static ItogiChartModel *
build_chart_model (ItogiAreaPage *self, GError **error)
{
  return itogi_chart_model_new_for_area (self->store, self->area != NULL ? self->area->slug : NULL,
                                         itogi_chart_section_get_kind (self->chart_section), self->year,
                                         self->compare_year, error);
}

/* One chart of every indicator of a large office (thousands of panels) cannot be read, and
 * drawing it would hold the window up: there the Overview says where the charts are. */

gboolean
_itogi_area_page_too_many_to_chart (ItogiAreaPage *self, guint rows)
{
  return self->area == NULL && rows > OVERVIEW_CHART_MAX;
}

/* The chart of the rows shown (@model NULL: none, for @error, or too many rows). */
void
_itogi_area_page_show_chart (ItogiAreaPage *self, ItogiChartModel *model, gboolean too_many,
                             const GError *error)
{
  gtk_widget_set_visible (self->chart_note, too_many);
  if (too_many)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->chart_section), FALSE);
      return;
    }
  if (model == NULL)
    {
      if (error != NULL)
        _itogi_area_page_show_toast (self, error->message);
      return;
    }
  itogi_chart_view_set_model (self->chart_view, model);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_section), model->items->len > 0);
  itogi_chart_view_set_selected (self->chart_view,
                                 itogi_indicator_table_get_selected (ITOGI_INDICATOR_TABLE (self->table)));
}

void
_itogi_area_page_reload_chart (ItogiAreaPage *self)
{
  g_autoptr (GError) error = NULL;
  gboolean too_many;

  if (self->year == 0)
    return;
  too_many = _itogi_area_page_too_many_to_chart (
      self, itogi_indicator_table_get_n_rows (ITOGI_INDICATOR_TABLE (self->table)));
  _itogi_area_page_show_chart (self, too_many ? NULL : build_chart_model (self, &error), too_many, error);
}

void
_itogi_area_page_on_chart_item (ItogiAreaPage *self, int item)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  itogi_indicator_table_select (ITOGI_INDICATOR_TABLE (self->table), item);
  self->syncing = FALSE;
}
