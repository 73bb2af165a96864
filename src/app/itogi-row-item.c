/* itogi-row-item.c
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-row-item.h"

struct _ItogiRowItem
{
  GObject parent_instance;
  ItogiTableRow *row;
  ItogiTableRowText text;
  gboolean first_in_area;
};

G_DEFINE_FINAL_TYPE (ItogiRowItem, itogi_row_item, G_TYPE_OBJECT)

static void
itogi_row_item_finalize (GObject *object)
{
  ItogiRowItem *self = ITOGI_ROW_ITEM (object);

  itogi_table_row_text_clear (&self->text);
  g_clear_pointer (&self->row, itogi_table_row_free);
  G_OBJECT_CLASS (itogi_row_item_parent_class)->finalize (object);
}

static void
itogi_row_item_class_init (ItogiRowItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = itogi_row_item_finalize;
}

static void
itogi_row_item_init (ItogiRowItem *self)
{
}

ItogiRowItem *
itogi_row_item_new (ItogiTableRow *row, gboolean first_in_area)
{
  ItogiRowItem *self = g_object_new (ITOGI_TYPE_ROW_ITEM, NULL);

  self->row = row;
  self->first_in_area = first_in_area;
  itogi_table_row_format (row, &self->text);
  return self;
}

const ItogiTableRow *
itogi_row_item_get_row (ItogiRowItem *self)
{
  return self->row;
}

const ItogiTableRowText *
itogi_row_item_get_text (ItogiRowItem *self)
{
  return &self->text;
}

gboolean
itogi_row_item_is_first_in_area (ItogiRowItem *self)
{
  return self->first_in_area;
}
