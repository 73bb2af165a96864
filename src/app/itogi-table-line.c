/* itogi-table-line.c: one line of a table (its header, or a row), its cells in shared columns
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "itogi-table-line.h"

struct _ItogiTableColumns
{
  gatomicrefcount ref;
  guint n;
  guint expanding;
  int *width;        /* the widest cell each column has had, in pixels */
  int expanding_min; /* the widest minimum of the expanding column's cells */
  int width_hint;    /* the table's width, for a line asked its height for no width */
  gboolean *visible;
  GPtrArray *lines; /* the lines sharing them, not held */
  guint relayout;   /* the lines measure again: a column grew */
};

ItogiTableColumns *
itogi_table_columns_new (guint n_columns, guint expanding)
{
  ItogiTableColumns *columns = g_new0 (ItogiTableColumns, 1);

  g_return_val_if_fail (expanding < n_columns, NULL);
  g_atomic_ref_count_init (&columns->ref);
  columns->n = n_columns;
  columns->expanding = expanding;
  columns->width = g_new0 (int, n_columns);
  columns->visible = g_new (gboolean, n_columns);
  for (guint i = 0; i < n_columns; i++)
    columns->visible[i] = TRUE;
  columns->lines = g_ptr_array_new ();
  return columns;
}

ItogiTableColumns *
itogi_table_columns_ref (ItogiTableColumns *columns)
{
  g_atomic_ref_count_inc (&columns->ref);
  return columns;
}

void
itogi_table_columns_unref (ItogiTableColumns *columns)
{
  if (columns == NULL || !g_atomic_ref_count_dec (&columns->ref))
    return;
  g_clear_handle_id (&columns->relayout, g_source_remove);
  g_ptr_array_unref (columns->lines);
  g_free (columns->width);
  g_free (columns->visible);
  g_free (columns);
}

static void
relayout_now (ItogiTableColumns *columns)
{
  for (guint i = 0; i < columns->lines->len; i++)
    gtk_widget_queue_resize (g_ptr_array_index (columns->lines, i));
}

static gboolean
relayout_later (gpointer data)
{
  ItogiTableColumns *columns = data;

  columns->relayout = 0;
  relayout_now (columns);
  return G_SOURCE_REMOVE;
}

/* A line found a cell wider than its column, while being measured: the others follow after this
 * frame (a resize is not queued in the middle of one). Seldom: a column only grows. */
static void
grew (ItogiTableColumns *columns)
{
  if (columns->relayout == 0)
    columns->relayout = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_later, columns, NULL);
}

void
itogi_table_columns_set_visible (ItogiTableColumns *columns, guint column, gboolean visible)
{
  g_return_if_fail (column < columns->n);
  if (columns->visible[column] == visible)
    return;
  columns->visible[column] = visible;
  for (guint i = 0; i < columns->lines->len; i++)
    {
      GtkWidget *cell = itogi_table_line_get_cell (g_ptr_array_index (columns->lines, i), column);
      if (cell != NULL)
        gtk_widget_set_visible (cell, visible);
    }
  relayout_now (columns);
}

gboolean
itogi_table_columns_get_visible (ItogiTableColumns *columns, guint column)
{
  g_return_val_if_fail (column < columns->n, FALSE);
  return columns->visible[column];
}

void
itogi_table_columns_set_width_hint (ItogiTableColumns *columns, int width)
{
  if (columns->width_hint == width)
    return;
  columns->width_hint = width;
  grew (columns);
}

void
itogi_table_columns_reset (ItogiTableColumns *columns)
{
  memset (columns->width, 0, columns->n * sizeof *columns->width);
  columns->expanding_min = 0;
  relayout_now (columns);
}

struct _ItogiTableLine
{
  GtkWidget parent_instance;
  ItogiTableColumns *columns;
  GtkWidget **cells;
  gboolean compact; /* its cells widen their columns only to their least width */
};

G_DEFINE_FINAL_TYPE (ItogiTableLine, itogi_table_line, GTK_TYPE_WIDGET)

/* The width of every column but the expanding one, each widened to its cell in this line. */
static int
fixed_width (ItogiTableLine *self)
{
  ItogiTableColumns *columns = self->columns;
  int sum = 0;

  for (guint i = 0; i < columns->n; i++)
    {
      int min = 0, nat = 0;

      if (!columns->visible[i] || i == columns->expanding)
        continue;
      if (self->cells[i] != NULL && gtk_widget_get_visible (self->cells[i]))
        {
          gtk_widget_measure (self->cells[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          if (self->compact)
            nat = min;
          if (MAX (min, nat) > columns->width[i])
            {
              columns->width[i] = MAX (min, nat);
              grew (columns);
            }
        }
      sum += columns->width[i];
    }
  return sum;
}

static void
itogi_table_line_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                          int *natural, int *minimum_baseline, int *natural_baseline)
{
  ItogiTableLine *self = ITOGI_TABLE_LINE (widget);
  ItogiTableColumns *columns = self->columns;
  GtkWidget *expanding = columns->visible[columns->expanding] ? self->cells[columns->expanding] : NULL;
  int fixed = fixed_width (self);
  int min = 0, nat = 0;

  if (expanding != NULL && !gtk_widget_get_visible (expanding))
    expanding = NULL;
  if (expanding != NULL)
    gtk_widget_measure (expanding, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  if (min > columns->expanding_min)
    {
      columns->expanding_min = min;
      grew (columns);
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = fixed + columns->expanding_min;
      *natural = fixed + MAX (columns->expanding_min, nat);
      return;
    }

  *minimum = *natural = 0;
  for (guint i = 0; i < columns->n; i++)
    {
      int width = columns->width[i], cell_min = 0, cell_nat = 0;

      if (!columns->visible[i] || self->cells[i] == NULL || !gtk_widget_get_visible (self->cells[i]))
        continue;
      /* A list view asks its rows' heights for no width (GTK 4.8): the table's width it is. */
      if (for_size < 0 && columns->width_hint > 0)
        for_size = columns->width_hint;
      if (i == columns->expanding)
        width = for_size < 0 ? MAX (columns->expanding_min, nat) : MAX (for_size - fixed, min);
      gtk_widget_measure (self->cells[i], GTK_ORIENTATION_VERTICAL, width, &cell_min, &cell_nat, NULL, NULL);
      *minimum = MAX (*minimum, cell_min);
      *natural = MAX (*natural, cell_nat);
    }
}

static void
itogi_table_line_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  ItogiTableLine *self = ITOGI_TABLE_LINE (widget);
  ItogiTableColumns *columns = self->columns;
  int fixed = 0, x = 0;

  for (guint i = 0; i < columns->n; i++)
    if (columns->visible[i] && i != columns->expanding)
      fixed += columns->width[i];
  for (guint i = 0; i < columns->n; i++)
    {
      int w;

      if (!columns->visible[i])
        continue;
      w = i == columns->expanding ? MAX (width - fixed, 0) : columns->width[i];
      if (self->cells[i] != NULL && gtk_widget_get_visible (self->cells[i]))
        {
          int min = 0;

          /* A column shown again (the table no longer narrow) has its width from the next
           * measure: until then a cell gets at least its least width, never less. */
          gtk_widget_measure (self->cells[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          w = MAX (w, min);
          gtk_widget_size_allocate (self->cells[i], &(GtkAllocation){ x, 0, w, height }, -1);
        }
      x += w;
    }
  /* A menu opened on the line is placed with it. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

static GtkSizeRequestMode
itogi_table_line_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
itogi_table_line_dispose (GObject *object)
{
  ItogiTableLine *self = ITOGI_TABLE_LINE (object);

  if (self->columns != NULL)
    {
      for (guint i = 0; i < self->columns->n; i++)
        g_clear_pointer (&self->cells[i], gtk_widget_unparent);
      /* And whatever else it holds (a row's menu, open as the line goes). */
      for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
        gtk_widget_unparent (child);
      g_ptr_array_remove_fast (self->columns->lines, self);
      g_clear_pointer (&self->columns, itogi_table_columns_unref);
    }
  g_clear_pointer (&self->cells, g_free);
  G_OBJECT_CLASS (itogi_table_line_parent_class)->dispose (object);
}

static void
itogi_table_line_class_init (ItogiTableLineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_table_line_dispose;
  widget_class->measure = itogi_table_line_measure;
  widget_class->size_allocate = itogi_table_line_size_allocate;
  widget_class->get_request_mode = itogi_table_line_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "tableline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
itogi_table_line_init (ItogiTableLine *self)
{
}

GtkWidget *
itogi_table_line_new (ItogiTableColumns *columns)
{
  ItogiTableLine *self = g_object_new (ITOGI_TYPE_TABLE_LINE, NULL);

  self->columns = itogi_table_columns_ref (columns);
  self->cells = g_new0 (GtkWidget *, columns->n);
  g_ptr_array_add (columns->lines, self);
  return GTK_WIDGET (self);
}

void
itogi_table_line_set_cell (ItogiTableLine *self, guint column, GtkWidget *cell)
{
  GtkWidget *after = NULL;

  g_return_if_fail (ITOGI_IS_TABLE_LINE (self));
  g_return_if_fail (column < self->columns->n);
  if (self->cells[column] == cell)
    return;
  g_clear_pointer (&self->cells[column], gtk_widget_unparent);
  if (cell == NULL)
    return;
  /* In column order among the children, for Tab and for screen readers. */
  for (guint i = 0; i < column; i++)
    if (self->cells[i] != NULL)
      after = self->cells[i];
  self->cells[column] = cell;
  gtk_widget_insert_after (cell, GTK_WIDGET (self), after);
  gtk_widget_set_visible (cell, self->columns->visible[column]);
}

GtkWidget *
itogi_table_line_get_cell (ItogiTableLine *self, guint column)
{
  g_return_val_if_fail (ITOGI_IS_TABLE_LINE (self), NULL);
  g_return_val_if_fail (column < self->columns->n, NULL);
  return self->cells[column];
}

void
itogi_table_line_set_compact (ItogiTableLine *self, gboolean compact)
{
  g_return_if_fail (ITOGI_IS_TABLE_LINE (self));
  self->compact = compact;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
