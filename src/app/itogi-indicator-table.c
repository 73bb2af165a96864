/* itogi-indicator-table.c: the year-over-year table of indicators (GtkColumnView)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "itogi-format.h"
#include "itogi-indicator-table.h"
#include "itogi-row-item.h"

typedef enum
{
  CELL_AREA,
  CELL_TITLE,
  CELL_UNIT,
  CELL_PREVIOUS,
  CELL_CURRENT,
  CELL_DELTA,
  CELL_PERCENT,
  CELL_DETAILS,
  N_CELLS
} CellKind;

struct _ItogiIndicatorTable
{
  GtkWidget parent_instance;
  GtkWidget *scroller;
  GtkColumnView *view;
  GListStore *store;
  GtkSingleSelection *selection;
  GtkColumnViewColumn *columns[N_CELLS];
  gboolean show_area;
  ItogiValueEditor editor;
  gpointer editor_data;
  int year;
  int compare_year;
};

G_DEFINE_FINAL_TYPE (ItogiIndicatorTable, itogi_indicator_table, GTK_TYPE_WIDGET)

static void commit_cell (GtkEntry *entry);
static void hide_problem (GtkWidget *cell);

static void
on_focus_leave (GtkEventControllerFocus *focus, GtkEntry *entry)
{
  commit_cell (entry);
}

static gboolean
on_key (GtkEventControllerKey *keys, guint keyval, guint keycode, GdkModifierType state, GtkEntry *entry)
{
  /* Escape puts the figure back as it was. */
  if (keyval == GDK_KEY_Escape)
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), g_object_get_data (G_OBJECT (entry), "shown"));
      hide_problem (GTK_WIDGET (entry));
      return TRUE;
    }
  return FALSE;
}

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  GtkWidget *label;

  if (kind == CELL_PREVIOUS || kind == CELL_CURRENT)
    {
      /* A figure is edited where it is shown: click, type, Enter (or leave the cell). A plain
       * frameless entry: GTK 4.8's editable label crashes when destroyed while focused. */
      GtkEventController *focus = gtk_event_controller_focus_new ();
      GtkEventController *keys = gtk_event_controller_key_new ();

      label = gtk_entry_new ();
      gtk_entry_set_has_frame (GTK_ENTRY (label), FALSE);
      gtk_editable_set_alignment (GTK_EDITABLE (label), 1.0f);
      gtk_editable_set_width_chars (GTK_EDITABLE (label), 8);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (label), 10);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "value-cell");
      g_object_set_data (G_OBJECT (label), "table", g_object_get_data (G_OBJECT (factory), "table"));
      g_object_set_data (G_OBJECT (label), "current", GINT_TO_POINTER (kind == CELL_CURRENT));
      g_signal_connect (label, "activate", G_CALLBACK (commit_cell), NULL);
      g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), label);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), label);
      gtk_widget_add_controller (label, focus);
      gtk_widget_add_controller (label, keys);
      g_signal_connect (label, "destroy", G_CALLBACK (hide_problem), NULL);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_list_item_set_child (list_item, label);
      return;
    }
  if (kind == CELL_DETAILS)
    {
      GtkWidget *button = gtk_menu_button_new ();
      const char *tip = _ ("Indicator Menu");

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      g_object_set_data (G_OBJECT (button), "table", g_object_get_data (G_OBJECT (factory), "table"));
      gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_list_item_set_child (list_item, button);
      return;
    }
  label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  switch (kind)
    {
    case CELL_AREA:
    case CELL_TITLE:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), kind == CELL_AREA ? 14 : 28);
      gtk_label_set_max_width_chars (GTK_LABEL (label), kind == CELL_AREA ? 18 : 44);
      if (kind == CELL_AREA)
        gtk_widget_add_css_class (label, "heading");
      break;
    case CELL_UNIT:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "dim-label");
      break;
    case CELL_PREVIOUS:
    case CELL_CURRENT:
    case CELL_DELTA:
    case CELL_PERCENT:
    case CELL_DETAILS:
    case N_CELLS:
    default:
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
      break;
    }
  gtk_list_item_set_child (list_item, label);
}

static char *
describe_value (const ItogiValue *value)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (!value->present)
    return NULL;
  if (value->as_of != NULL)
    {
      int y, m, d;
      if (sscanf (value->as_of, "%d-%d-%d", &y, &m, &d) == 3)
        {
          g_autofree char *date = g_strdup_printf ("%02d.%02d.%04d", d, m, y);
          /* Translators: %s is a date such as 31.12.2022 */
          g_string_append_printf (text, _ ("As of %s."), date);
        }
    }
  if (value->derived)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text,
                       value->partial
                           ? _ ("Derived from the months or quarters entered so far: the year is incomplete.")
                           : _ ("Derived from the months or quarters of the year."));
    }
  if (value->note != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, value->note);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static const char *
describe_change (const ItogiTableRow *row)
{
  const ItogiValue *cur = &row->current, *prev = &row->previous;

  if (row->yoy.kind == ITOGI_CHANGE_NONE)
    {
      if (!cur->present || !prev->present)
        return _ ("No change: one of the two years has no figure.");
      if (cur->partial || prev->partial)
        return _ ("No change: one of the years has figures for only part of its months or quarters.");
      if (cur->uncertain || prev->uncertain)
        return _ ("No change can be stated: the year’s months mix lower and upper bounds.");
      if (itogi_qualifier_is_approximate (cur->qualifier) || itogi_qualifier_is_approximate (prev->qualifier))
        return _ ("No change can be stated: an approximate figure («порядка», «около») cannot be compared "
                  "with a bound («более», «свыше», «менее»).");
      return _ ("No change can be stated: a figure is given only as a bound («более», «свыше», «менее»).");
    }
  switch (row->indicator->polarity)
    {
    case ITOGI_POLARITY_GOOD:
      return _ ("Growth is good for this indicator.");
    case ITOGI_POLARITY_BAD:
      return _ ("A fall is good for this indicator.");
    case ITOGI_POLARITY_NEUTRAL:
    default:
      return _ ("Neither growth nor a fall is good or bad in itself for this indicator.");
    }
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  ItogiRowItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const ItogiTableRowText *text = itogi_row_item_get_text (item);
  const ItogiTableRow *row = itogi_row_item_get_row (item);
  g_autofree char *tooltip = NULL;
  const char *shown = "";

  if (kind == CELL_DETAILS)
    {
      /* What can be done with this row's indicator: actions of the page, aimed at its id. */
      g_autoptr (GMenu) menu = g_menu_new ();
      g_autoptr (GMenu) order = g_menu_new ();
      g_autoptr (GMenu) keep = g_menu_new ();
      GVariant *id = g_variant_new_int64 (row->indicator->id);
      static const struct
      {
        int section;
        const char *label;
        const char *action;
      } items[] = {
        { 0, N_ ("_Edit Indicator…"), "area.edit-indicator" },
        { 1, N_ ("Move _Up"), "area.indicator-up" },
        { 1, N_ ("Move _Down"), "area.indicator-down" },
        { 2, N_ ("_Archive"), "area.archive-indicator" },
        { 2, N_ ("_Delete with Its Figures…"), "area.delete-indicator" },
      };

      ItogiIndicatorTable *table = g_object_get_data (G_OBJECT (label), "table");

      g_variant_ref_sink (id);
      /* Months and quarters of either year of the table. */
      for (guint y = 0; table != NULL && y < 2; y++)
        {
          g_autofree char *year_text = itogi_format_year (y == 0 ? table->year : table->compare_year);
          /* Translators: a menu item: «Месяцы, кварталы и примечание за 2023 г.…» */
          g_autofree char *entry = g_strdup_printf (_ ("_Months, Quarters and Note for %s…"), year_text);
          g_autoptr (GMenuItem) mi = g_menu_item_new (entry, NULL);
          g_menu_item_set_action_and_target_value (mi, y == 0 ? "area.periods" : "area.periods-compare", id);
          g_menu_append_item (menu, mi);
        }
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        {
          g_autoptr (GMenuItem) mi = g_menu_item_new (_ (items[i].label), NULL);
          g_menu_item_set_action_and_target_value (mi, items[i].action, id);
          g_menu_append_item (items[i].section == 0 ? menu : items[i].section == 1 ? order : keep, mi);
        }
      g_variant_unref (id);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (keep));
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (label), G_MENU_MODEL (menu));
      return;
    }
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "derived");
  gtk_widget_remove_css_class (label, "error");
  if (kind == CELL_DELTA || kind == CELL_PERCENT)
    gtk_widget_remove_css_class (label, "dim-label");

  switch (kind)
    {
    case CELL_AREA:
      shown = itogi_row_item_is_first_in_area (item) ? row->area->short_title : "";
      tooltip = itogi_row_item_is_first_in_area (item) ? g_strdup (row->area->title) : NULL;
      break;
    case CELL_TITLE:
      shown = row->indicator->title;
      if (row->indicator->description != NULL && *row->indicator->description != '\0')
        tooltip = g_strdup (row->indicator->description);
      break;
    case CELL_UNIT:
      shown = row->indicator->unit;
      break;
    case CELL_PREVIOUS:
    case CELL_CURRENT:
      {
        ItogiIndicatorTable *self = g_object_get_data (G_OBJECT (label), "table");
        const ItogiValue *value = kind == CELL_CURRENT ? &row->current : &row->previous;
        shown = kind == CELL_CURRENT ? text->current : text->previous;
        tooltip = describe_value (value);
        /* A year summed from its months is shown apart from one entered whole. */
        if (value->derived)
          gtk_widget_add_css_class (label, "derived");
        /* A year typed whole that its months contradict is flagged, not overwritten. */
        gtk_widget_remove_css_class (label, "warning");
        if (kind == CELL_CURRENT ? row->current_mismatch : row->previous_mismatch)
          {
            const ItogiValue *parts = kind == CELL_CURRENT ? &row->current_periods : &row->previous_periods;
            g_autofree char *made = itogi_format_value (parts, row->indicator->kind, row->indicator->scale);
            /* Translators: %s is a figure such as «22 800» */
            g_autofree char *warning = g_strdup_printf (
                _ ("Its months or quarters make %s: check the year’s figure or the periods."), made);
            char *both = tooltip != NULL ? g_strconcat (warning, "\n", tooltip, NULL) : g_strdup (warning);

            g_free (tooltip);
            tooltip = both;
            gtk_widget_add_css_class (label, "warning");
          }
        gtk_widget_remove_css_class (label, "error");
        hide_problem (label);
        g_object_set_data (G_OBJECT (label), "item", item);
        g_object_set_data_full (G_OBJECT (label), "shown", g_strdup (shown), g_free);
        gtk_editable_set_text (GTK_EDITABLE (label), shown);
        {
          /* Wide enough for the whole figure, «119 585 521,99» or «свыше 6 000», never clipped. */
          int chars = MAX (8, (int)g_utf8_strlen (shown, -1) + 1);
          gtk_editable_set_width_chars (GTK_EDITABLE (label), chars);
          gtk_editable_set_max_width_chars (GTK_EDITABLE (label), chars);
        }
        gtk_editable_set_editable (GTK_EDITABLE (label), self != NULL && self->editor != NULL);
        gtk_widget_set_tooltip_text (label, tooltip);
        return;
      }
    case CELL_DELTA:
    case CELL_PERCENT:
      shown = kind == CELL_DELTA ? text->delta : text->percent;
      tooltip = g_strdup (describe_change (row));
      if (row->assessment == ITOGI_ASSESSMENT_GOOD)
        gtk_widget_add_css_class (label, "success");
      else if (row->assessment == ITOGI_ASSESSMENT_BAD)
        gtk_widget_add_css_class (label, "error");
      else if (row->assessment == ITOGI_ASSESSMENT_NONE)
        gtk_widget_add_css_class (label, "dim-label");
      break;
    case N_CELLS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), shown != NULL ? shown : "");
  gtk_widget_set_tooltip_text (label, tooltip);
}

/* The message under a figure that could not be taken, pointing at it. */
static void
show_problem (GtkWidget *cell, const char *message)
{
  GtkWidget *popover = g_object_get_data (G_OBJECT (cell), "problem");
  GtkWidget *text;

  if (popover == NULL)
    {
      popover = gtk_popover_new ();
      gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
      gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
      text = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
      gtk_widget_add_css_class (text, "error");
      gtk_popover_set_child (GTK_POPOVER (popover), text);
      gtk_widget_set_parent (popover, cell);
      g_object_set_data (G_OBJECT (cell), "problem", popover);
    }
  text = gtk_popover_get_child (GTK_POPOVER (popover));
  gtk_label_set_text (GTK_LABEL (text), message);
  gtk_widget_add_css_class (cell, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
hide_problem (GtkWidget *cell)
{
  GtkWidget *popover = g_object_get_data (G_OBJECT (cell), "problem");

  if (popover == NULL)
    return;
  g_object_set_data (G_OBJECT (cell), "problem", NULL);
  gtk_widget_remove_css_class (cell, "error");
  gtk_widget_unparent (popover);
}

static void
commit_cell (GtkEntry *label)
{
  ItogiIndicatorTable *self = g_object_get_data (G_OBJECT (label), "table");
  ItogiRowItem *item = g_object_get_data (G_OBJECT (label), "item");
  const char *shown = g_object_get_data (G_OBJECT (label), "shown");
  g_autofree char *typed = NULL;
  g_autoptr (GError) error = NULL;

  if (self == NULL || self->editor == NULL || item == NULL)
    return;
  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (label)));
  if (g_strcmp0 (typed, shown) == 0)
    {
      hide_problem (GTK_WIDGET (label));
      return;
    }
  if (!self->editor (itogi_row_item_get_row (item),
                     GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "current")), typed,
                     self->editor_data, &error))
    {
      /* Nothing saved; what was typed stays, to be mended. */
      show_problem (GTK_WIDGET (label), error->message);
      return;
    }
  /* Saved: leaving the cell now changes nothing more. */
  g_object_set_data_full (G_OBJECT (label), "shown", g_strdup (typed), g_free);
  hide_problem (GTK_WIDGET (label));
}

static GtkColumnViewColumn *
add_column (ItogiIndicatorTable *self, CellKind kind, const char *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "table", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (kind));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, kind == CELL_TITLE || kind == CELL_AREA);
  gtk_column_view_column_set_expand (column, kind == CELL_TITLE);
  gtk_column_view_append_column (self->view, column);
  self->columns[kind] = column;
  g_object_unref (column);
  return column;
}

static void
itogi_indicator_table_dispose (GObject *object)
{
  ItogiIndicatorTable *self = ITOGI_INDICATOR_TABLE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->view = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (itogi_indicator_table_parent_class)->dispose (object);
}

enum
{
  ROW_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_selected (ItogiIndicatorTable *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);

  g_signal_emit (self, signals[ROW_SELECTED], 0, pos == GTK_INVALID_LIST_POSITION ? -1 : (int)pos);
}

static void
itogi_indicator_table_class_init (ItogiIndicatorTableClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_indicator_table_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "indicatortable");

  /* The selected row changed: its position, or −1 for none. */
  signals[ROW_SELECTED] = g_signal_new ("row-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
itogi_indicator_table_init (ItogiIndicatorTable *self)
{
  self->store = g_list_store_new (ITOGI_TYPE_ROW_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected), self);
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_column_view_set_show_column_separators (self->view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  /* Ask for every row's height: the page scrolls, not the table. */
  gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (self->view), GTK_SCROLL_NATURAL);

  /* The page scrolls vertically; only a window too narrow for the table scrolls it sideways. */
  /* Should the rows' estimated height ever fall short, the table scrolls rather than cut a row. */
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
  gtk_widget_add_css_class (self->scroller, "card");
  gtk_widget_set_overflow (self->scroller, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
itogi_indicator_table_new (gboolean show_area)
{
  ItogiIndicatorTable *self = g_object_new (ITOGI_TYPE_INDICATOR_TABLE, NULL);

  self->show_area = show_area;
  if (show_area)
    add_column (self, CELL_AREA, _ ("Area"));
  add_column (self, CELL_TITLE, _ ("Indicator"));
  add_column (self, CELL_UNIT, _ ("Unit"));
  add_column (self, CELL_PREVIOUS, "");
  add_column (self, CELL_CURRENT, "");
  add_column (self, CELL_DELTA, _ ("Change"));
  add_column (self, CELL_PERCENT, _ ("Change, %"));
  add_column (self, CELL_DETAILS, "");
  gtk_column_view_column_set_visible (self->columns[CELL_DETAILS], FALSE);
  return GTK_WIDGET (self);
}

void
itogi_indicator_table_set_rows (ItogiIndicatorTable *self, GPtrArray *rows, int year, int compare_year)
{
  g_autoptr (GPtrArray) owned = rows;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *year_text = itogi_format_year (year);
  g_autofree char *compare_text = itogi_format_year (compare_year);

  self->year = year;
  self->compare_year = compare_year;
  gint64 last_area = -1;

  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));

  gtk_column_view_column_set_title (self->columns[CELL_PREVIOUS], compare_text);
  gtk_column_view_column_set_title (self->columns[CELL_CURRENT], year_text);

  /* The rows move into the items; the array no longer frees them. */
  g_ptr_array_set_free_func (owned, NULL);
  for (guint i = 0; i < owned->len; i++)
    {
      ItogiTableRow *row = g_ptr_array_index (owned, i);
      g_ptr_array_add (items, itogi_row_item_new (row, row->area->id != last_area));
      last_area = row->area->id;
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)), items->pdata,
                       items->len);
}

GListModel *
itogi_indicator_table_get_model (ItogiIndicatorTable *self)
{
  return G_LIST_MODEL (self->store);
}

void
itogi_indicator_table_select (ItogiIndicatorTable *self, int position)
{
  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));
  gtk_single_selection_set_selected (self->selection,
                                     position < 0 ? GTK_INVALID_LIST_POSITION : (guint)position);
}

int
itogi_indicator_table_get_selected (ItogiIndicatorTable *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);
  return pos == GTK_INVALID_LIST_POSITION ? -1 : (int)pos;
}

void
itogi_indicator_table_set_editor (ItogiIndicatorTable *self, ItogiValueEditor editor, gpointer data)
{
  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));
  self->editor = editor;
  self->editor_data = data;
}

void
itogi_indicator_table_set_menu (ItogiIndicatorTable *self, gboolean menu)
{
  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));
  gtk_column_view_column_set_visible (self->columns[CELL_DETAILS], menu);
}
