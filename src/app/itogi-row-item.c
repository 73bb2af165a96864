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

static guint changed_signal;

static void
itogi_row_item_class_init (ItogiRowItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = itogi_row_item_finalize;
  changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
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

void
itogi_row_item_set_row (ItogiRowItem *self, ItogiTableRow *row)
{
  g_return_if_fail (ITOGI_IS_ROW_ITEM (self));
  itogi_table_row_text_clear (&self->text);
  g_clear_pointer (&self->row, itogi_table_row_free);
  self->row = row;
  itogi_table_row_format (row, &self->text);
  g_signal_emit (self, changed_signal, 0);
}
