/* itogi-row-item.h: one row of an indicator table, as a list model item
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "itogi-table.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_ROW_ITEM (itogi_row_item_get_type ())
G_DECLARE_FINAL_TYPE (ItogiRowItem, itogi_row_item, ITOGI, ROW_ITEM, GObject)

/* Takes ownership of @row. */
ItogiRowItem *itogi_row_item_new (ItogiTableRow *row, gboolean first_in_area);
const ItogiTableRow *itogi_row_item_get_row (ItogiRowItem *self);
const ItogiTableRowText *itogi_row_item_get_text (ItogiRowItem *self);
gboolean itogi_row_item_is_first_in_area (ItogiRowItem *self);
/* The same indicator's row for other years or newer figures: takes @row, then emits "changed"
 * so that the cells showing this item show it again (the list's widgets stay as they are). */
void itogi_row_item_set_row (ItogiRowItem *self, ItogiTableRow *row);

G_END_DECLS
