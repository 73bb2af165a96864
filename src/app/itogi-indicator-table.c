/* itogi-indicator-table.c: the year-over-year table of indicators
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "itogi-figure-cell.h"
#include "itogi-format.h"
#include "itogi-indicator-table.h"
#include "itogi-row-item.h"
#include "itogi-table-line.h"
#include "itogi-tooltip.h"

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

/* The title column's least width, in characters: wide, and narrow (see NARROW_BELOW). */
#define TITLE_CHARS 20
#define NARROW_TITLE_CHARS 12
/* Narrower still (a phone's 360 px): the row menus' column goes too, and the title gives way to 8. */
#define TIGHT_TITLE_CHARS 8
/* The least gap before a right-aligned figure, in pixels. */
#define NUMBER_GAP 2

struct _ItogiIndicatorTable
{
  GtkWidget parent_instance;
  GtkWidget *header; /* the columns' titles, a line of the table's own */
  GtkWidget *scroller;
  /* A GtkListView, which makes widgets for up to 200 rows (GTK 4.8) and so for every row of a
   * short table, on a page that scrolls; or, for a long table that scrolls itself, a one-column
   * GtkGridView, which makes them only for the 30 or so rows near the screen: a long list view
   * measured and placed its 200 rows at every scrolled frame. */
  GtkWidget *view;
  GtkListItemFactory *factory;
  GListStore *store;
  GtkSingleSelection *selection;
  ItogiTableColumns *columns; /* shared by the header and every row */
  gboolean show_area;
  gboolean long_table; /* scrolls itself, its rows made only where they are in sight */
  gboolean narrow;  /* too narrow for every column: no area, unit or Δ column; the unit follows the title */
  int full_width;   /* the least width of the table with every column shown, as last measured */
  int narrow_width; /* the same with the narrow columns, once it has been narrow; else 0 */
  int tight_width;  /* the same without the row menus' column, once it has been tight; else 0 */
  gboolean menu;    /* each row has a menu: the ⋮ column while there is room, and on a right click,
                     * a long press, Menu or Shift+F10 */
  gboolean tight;   /* narrow and narrower than narrow_width: no ⋮ column, the title down to 9 */
  guint narrow_id;  /* the columns changed after the width crossed NARROW_BELOW */
  ItogiValueEditor editor;
  gpointer editor_data;
  int year;
  int compare_year;

  /* Figures typed and not saved yet (refused, or waiting), by "indicator-id:year": a rebuild of
   * the rows shows them again rather than the stored figure. */
  GHashTable *drafts;
  GHashTable *problems; /* why each refused draft was refused, by the same key */
  gboolean rebuilding;  /* the rows are being replaced: a cell losing the keyboard saves nothing */
  gboolean locked;      /* nothing can be saved now (a server out of reach): the cells take no typing */
  /* The widest text each column has shown, in characters: every cell bound after it is as wide.
   * A column as wide as the cells in sight would change its width as rows scroll in and out,
   * and every wrapped title in the 200 rows GTK keeps would be laid out anew each frame. */
  int widest[N_CELLS];
  /* The cell to have the keyboard once its row is there: the one that had it before the rows
   * were replaced, or the one Enter moves to. */
  gint64 refocus_id;
  CellKind refocus_kind;
  int refocus_start, refocus_end; /* its selection: 0, −1 is all of it */
  guint refocus_tick;
  guint refocus_frames;

  /* A long table's rows not in the list yet: they come a few at a time after the first frame
   * (fill_more), so the first frame makes only the widgets it shows. */
  GPtrArray *pending;
  guint fill_source;
  GdkFrameClock *fill_clock; /* the rows wait for this frame to be painted */
  gulong fill_painted;
  gulong fill_mapped; /* or for the table to be shown first */
};

G_DEFINE_FINAL_TYPE (ItogiIndicatorTable, itogi_indicator_table, GTK_TYPE_WIDGET)

static char *
draft_key (ItogiIndicatorTable *self, ItogiRowItem *item, gboolean current)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%d", itogi_row_item_get_row (item)->indicator->id,
                          current ? self->year : self->compare_year);
}

/* A figure typed in a cell, saved through the page's editor. */
static gboolean
on_cell_commit (ItogiFigureCell *cell, const char *typed, ItogiIndicatorTable *self)
{
  ItogiRowItem *item = g_object_get_data (G_OBJECT (cell), "item");
  g_autoptr (GError) error = NULL;

  /* A cell taken down or rebound while the rows are replaced saves nothing: its typing is kept
   * as a draft and shown again in the new row. */
  if (self->editor == NULL || item == NULL || self->rebuilding)
    return FALSE;
  if (!self->editor (itogi_row_item_get_row (item),
                     GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "current")), typed,
                     self->editor_data, &error))
    {
      /* Nothing saved; what was typed stays, to be mended, or kept over another's change. */
      if (g_error_matches (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_CHANGED))
        itogi_figure_cell_show_conflict (cell, error->message);
      else
        itogi_figure_cell_show_problem (cell, error->message);
      g_hash_table_replace (
          self->problems,
          draft_key (self, item, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "current"))),
          g_strdup (error->message));
      return FALSE;
    }
  return TRUE;
}

static void
on_cell_draft_changed (ItogiFigureCell *cell, ItogiIndicatorTable *self)
{
  ItogiRowItem *item = g_object_get_data (G_OBJECT (cell), "item");
  gboolean current = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "current"));

  if (item == NULL)
    return;
  if (itogi_figure_cell_is_edited (cell))
    g_hash_table_replace (self->drafts, draft_key (self, item, current),
                          g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell))));
  else
    {
      g_autofree char *key = draft_key (self, item, current);
      g_hash_table_remove (self->drafts, key);
      g_hash_table_remove (self->problems, key);
    }
}

static void on_cell_move (ItogiFigureCell *cell, int rows, ItogiIndicatorTable *self);
static void fill_all (ItogiIndicatorTable *self);
static void stop_filling (ItogiIndicatorTable *self);
static void stop_waiting (ItogiIndicatorTable *self);

/* The tooltip is also what a screen reader says of the cell, as set_tooltip_text () would. */
static void
cell_tooltip_set (GtkWidget *cell, char *text)
{
  /* Shown when the pointer rests (itogi-tooltip.h): gtk_widget_set_tooltip_text () at every bind
   * would ask the X server where the pointer is, once per cell: seconds for a long table. */
  itogi_tooltip_set_hover (cell, text);
  /* Set, never reset: GTK 4.8 does not tell a screen reader of a reset, and a recycled row would
   * be read with the description of the row it showed before. */
  if (ITOGI_IS_FIGURE_CELL (cell))
    itogi_figure_cell_set_description (ITOGI_FIGURE_CELL (cell), text);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text != NULL ? text : "", -1);
  g_free (text);
}

/* What a screen reader calls a figure cell: its indicator and year, and, at rest, its figure —
 * «Поступило обращений от юридических лиц, 2023 г.: 22 808». An entry being edited says its text
 * itself. */
static void
name_figure (GtkWidget *cell, ItogiIndicatorTable *table, const ItogiTableRow *row, gboolean current,
             const char *shown)
{
  g_autofree char *year
      = table != NULL ? itogi_format_year (current ? table->year : table->compare_year) : g_strdup ("");
  g_autofree char *name = NULL;

  if (ITOGI_IS_FIGURE_CELL (cell))
    /* Translators: a figure cell's name for a screen reader: «Показатель, 2023 г.» */
    name = g_strdup_printf (_ ("%s, %s"), row->indicator->title, year);
  else
    /* Translators: a figure cell's name for a screen reader: «Показатель, 2023 г.: 22 808» */
    name = g_strdup_printf (_ ("%s, %s: %s"), row->indicator->title, year,
                            shown != NULL && *shown != '\0' ? shown : _ ("no figure"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* What can be done with the indicator of @item: actions of the page, aimed at its id. */
static GMenuModel *
row_menu_model (ItogiIndicatorTable *table, ItogiRowItem *item)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) order = g_menu_new ();
  g_autoptr (GMenu) keep = g_menu_new ();
  GVariant *id;
  static const struct
  {
    int section;
    const char *label;
    const char *action;
  } items[] = {
    { 0, N_ ("_Edit Indicator…"), "indicator.edit" },
    { 1, N_ ("Move _Up"), "indicator.up" },
    { 1, N_ ("Move _Down"), "indicator.down" },
    { 2, N_ ("_Archive"), "indicator.archive" },
    { 2, N_ ("_Delete with Its Figures…"), "indicator.delete" },
  };

  id = g_variant_ref_sink (g_variant_new_int64 (itogi_row_item_get_row (item)->indicator->id));
  /* Months and quarters of either year of the table. */
  for (guint y = 0; table != NULL && y < 2; y++)
    {
      g_autofree char *year_text = itogi_format_year (y == 0 ? table->year : table->compare_year);
      /* Translators: a menu item: «Месяцы, кварталы и примечание за 2023 г.…» */
      g_autofree char *entry = g_strdup_printf (_ ("_Months, Quarters and Note for %s…"), year_text);
      g_autoptr (GMenuItem) mi = g_menu_item_new (entry, NULL);
      g_menu_item_set_action_and_target_value (mi, y == 0 ? "indicator.periods" : "indicator.periods-compare",
                                               id);
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
  return G_MENU_MODEL (menu);
}

/* The row's menu button opens: its menu is made now. */
static void
row_menu (GtkMenuButton *button, gpointer user_data)
{
  ItogiRowItem *item = g_object_get_data (G_OBJECT (button), "item");
  ItogiIndicatorTable *table = g_object_get_data (G_OBJECT (button), "table");
  g_autoptr (GMenuModel) menu = item != NULL ? row_menu_model (table, item) : NULL;

  gtk_menu_button_set_menu_model (button, menu);
}

/* A cell knows its line and kind, to show its line's item again when the item changes. */
static void
remember_cell (GtkWidget *line, GtkWidget *cell, CellKind kind)
{
  g_object_set_data (G_OBJECT (cell), "line", line);
  g_object_set_data (G_OBJECT (cell), "cell-kind", GINT_TO_POINTER (kind));
  itogi_table_line_set_cell (ITOGI_TABLE_LINE (line), kind, cell);
}

/* The item a row's line shows (NULL for the header, or a line not bound). */
static ItogiRowItem *
line_item (GtkWidget *line)
{
  GtkListItem *list_item = line != NULL ? g_object_get_data (G_OBJECT (line), "list-item") : NULL;

  return list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
}

/* A figure cell rests as a label and becomes an entry (ItogiFigureCell) while it is edited: it
 * takes the keyboard or a click, or it holds typing not saved yet. A long table keeps 200 rows
 * made (GTK 4.8), and 400 entries made its every scrolled frame twice as long as labels do. */

/* A figure at rest: its text in a label, in a widget that takes the keyboard as any focusable
 * widget does (a GtkLabel takes it only when its text is selectable), to hand it on to its entry.
 * The style classes of the cell are on this widget; the label inherits their font and colour. */
#define ITOGI_TYPE_RESTING_FIGURE (itogi_resting_figure_get_type ())
G_DECLARE_FINAL_TYPE (ItogiRestingFigure, itogi_resting_figure, ITOGI, RESTING_FIGURE, GtkWidget)

struct _ItogiRestingFigure
{
  GtkWidget parent_instance;
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (ItogiRestingFigure, itogi_resting_figure, GTK_TYPE_WIDGET)

static void
itogi_resting_figure_dispose (GObject *object)
{
  g_clear_pointer (&ITOGI_RESTING_FIGURE (object)->label, gtk_widget_unparent);
  G_OBJECT_CLASS (itogi_resting_figure_parent_class)->dispose (object);
}

static void
itogi_resting_figure_class_init (ItogiRestingFigureClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = itogi_resting_figure_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "figure");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
itogi_resting_figure_init (ItogiRestingFigure *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 1.0f);
  gtk_label_set_justify (GTK_LABEL (self->label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), TRUE);
  /* The figure is read in the cell's name («…, 2023 г.: 22 808»), not a second time. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/* A figure that can be edited says so under the pointer: a text cursor, and the field's tint of
 * style.css («editable»). */
static void
mark_editable (GtkWidget *figure, gboolean editable)
{
  if (editable)
    gtk_widget_add_css_class (figure, "editable");
  else
    gtk_widget_remove_css_class (figure, "editable");
  gtk_widget_set_cursor_from_name (figure, editable ? "text" : NULL);
}

/* @text, in a label at least (and at most) @chars characters wide (a line each, when it has two). */
static void
itogi_resting_figure_show (ItogiRestingFigure *self, const char *text, int chars)
{
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), text == NULL || strchr (text, '\n') == NULL);
  gtk_label_set_text (GTK_LABEL (self->label), text != NULL ? text : "");
  gtk_label_set_width_chars (GTK_LABEL (self->label), chars);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), chars);
}

static gboolean
holds_keyboard (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static GtkWidget *editing_cell_new (ItogiIndicatorTable *table, CellKind kind);
static void show_item (GtkWidget *line, CellKind kind);
static void follow_item (GtkWidget *cell, ItogiRowItem *item);

/* Whether @widget is still its line's cell (taken down, a cell's line may be gone). */
static gboolean
in_its_row (GtkWidget *widget)
{
  GtkWidget *line = g_object_get_data (G_OBJECT (widget), "line");

  return line != NULL && gtk_widget_get_parent (widget) == line;
}

static CellKind kind_of (GtkWidget *cell);

/* @next takes the place of the cell @widget in its line, following and showing its item. */
static GtkWidget *
replace_cell (GtkWidget *widget, GtkWidget *next)
{
  GtkWidget *line = g_object_get_data (G_OBJECT (widget), "line");
  CellKind kind = kind_of (widget);

  follow_item (widget, NULL);
  g_object_set_data (G_OBJECT (widget), "item", NULL);
  g_object_set_data (G_OBJECT (widget), "line", NULL);
  remember_cell (line, next, kind);
  if (line_item (line) != NULL)
    {
      follow_item (next, line_item (line));
      show_item (line, kind);
    }
  return next;
}

static GtkWidget *resting_cell_new (ItogiIndicatorTable *table, CellKind kind);

static CellKind
kind_of (GtkWidget *cell)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "cell-kind"));
}

/* The figure cell @widget of its list item, made an entry showing the same figure (@widget
 * itself when it is one, or another kind of cell). */
static GtkWidget *
to_entry (GtkWidget *widget)
{
  if (!ITOGI_IS_RESTING_FIGURE (widget) || !in_its_row (widget))
    return widget;
  return replace_cell (widget,
                       editing_cell_new (g_object_get_data (G_OBJECT (widget), "table"), kind_of (widget)));
}

/* The entry @widget back to a label, when nothing is being done in it. */
static void
to_label (GtkWidget *widget)
{
  ItogiIndicatorTable *table = g_object_get_data (G_OBJECT (widget), "table");

  if (!ITOGI_IS_FIGURE_CELL (widget) || !in_its_row (widget) || holds_keyboard (widget)
      || itogi_figure_cell_is_edited (ITOGI_FIGURE_CELL (widget))
      || itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (widget)) != NULL
      || (table != NULL && table->rebuilding))
    return;
  replace_cell (widget, resting_cell_new (table, kind_of (widget)));
}

static gboolean
rest_later (gpointer data)
{
  to_label (data);
  return G_SOURCE_REMOVE;
}

/* @func on the widget of @controller, at @priority once the main loop is free, the widget held. */
static void
later (GtkEventController *controller, int priority, GSourceFunc func)
{
  g_idle_add_full (priority, func, g_object_ref (gtk_event_controller_get_widget (controller)),
                   g_object_unref);
}

static void
on_entry_left (GtkEventControllerFocus *controller, gpointer data)
{
  /* After the cell has saved what was typed (it does so as the keyboard leaves). */
  later (GTK_EVENT_CONTROLLER (controller), G_PRIORITY_DEFAULT_IDLE, rest_later);
}

/* The label that has just taken the keyboard (Tab, or a row found for the keyboard) gives it to
 * its entry, before the next key is handled: events come at default priority. */
static gboolean
edit_now (gpointer data)
{
  GtkWidget *label = data;

  if (ITOGI_IS_RESTING_FIGURE (label) && gtk_widget_has_focus (label))
    {
      GtkWidget *entry = to_entry (label);

      if (entry != label)
        gtk_widget_grab_focus (entry); /* all of it selected, as Tab does */
    }
  return G_SOURCE_REMOVE;
}

static void
on_label_entered (GtkEventControllerFocus *controller, gpointer data)
{
  later (GTK_EVENT_CONTROLLER (controller), G_PRIORITY_HIGH, edit_now);
}

static void
on_label_pressed (GtkGestureClick *gesture, int n_press, double x, double y, gpointer data)
{
  /* As the keyboard comes (on_label_entered): not while this gesture is in the label. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
}

static void
place_cell (GtkWidget *cell, ItogiIndicatorTable *table, CellKind kind)
{
  g_object_set_data (G_OBJECT (cell), "table", table);
  g_object_set_data (G_OBJECT (cell), "current", GINT_TO_POINTER (kind == CELL_CURRENT));
  g_object_set_data (G_OBJECT (cell), "cell-kind", GINT_TO_POINTER (kind));
  gtk_widget_add_css_class (cell, "numeric");
  gtk_widget_add_css_class (cell, "value-cell");
  gtk_widget_set_margin_top (cell, 6);
  gtk_widget_set_margin_bottom (cell, 6);
  /* Right-aligned: the start margin is only the least gap to the column before it. */
  gtk_widget_set_margin_start (cell, NUMBER_GAP);
  gtk_widget_set_margin_end (cell, 6);
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
}

static GtkWidget *
resting_cell_new (ItogiIndicatorTable *table, CellKind kind)
{
  GtkWidget *label = g_object_new (ITOGI_TYPE_RESTING_FIGURE, NULL);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  place_cell (label, table, kind);
  g_signal_connect (focus, "enter", G_CALLBACK (on_label_entered), NULL);
  gtk_widget_add_controller (label, focus);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_label_pressed), NULL);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
  return label;
}

/* A figure is edited where it is shown: click, type, Enter (or leave the cell). A plain
 * frameless entry: GTK 4.8's editable label crashes when destroyed while focused. */
static GtkWidget *
editing_cell_new (ItogiIndicatorTable *table, CellKind kind)
{
  GtkWidget *entry = itogi_figure_cell_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0f);
  place_cell (entry, table, kind);
  g_signal_connect (entry, "commit", G_CALLBACK (on_cell_commit), table);
  g_signal_connect (entry, "draft-changed", G_CALLBACK (on_cell_draft_changed), table);
  g_signal_connect (entry, "move", G_CALLBACK (on_cell_move), table);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_left), NULL);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static void
setup_cell (ItogiIndicatorTable *table, GtkWidget *line, CellKind kind)
{
  GtkWidget *label;

  if (kind == CELL_PREVIOUS || kind == CELL_CURRENT)
    {
      remember_cell (line, resting_cell_new (table, kind), kind);
      return;
    }
  if (kind == CELL_DETAILS)
    {
      GtkWidget *button = gtk_menu_button_new ();
      const char *tip = _ ("Indicator Menu");

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      g_object_set_data (G_OBJECT (button), "table", table);
      g_object_set_data (G_OBJECT (button), "cell-kind", GINT_TO_POINTER (kind));
      gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* itogi-tooltip.h: set_tooltip_text () asks X where the pointer is, a round trip a row. */
      itogi_tooltip_set_hover (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), row_menu, NULL, NULL);
      remember_cell (line, button, kind);
      return;
    }
  label = gtk_label_new (NULL);
  g_object_set_data (G_OBJECT (label), "table", table);

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
      /* The title's column takes the width left, down to TITLE_CHARS characters. */
      gtk_label_set_width_chars (GTK_LABEL (label), kind == CELL_AREA ? 14 : TITLE_CHARS);
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
      gtk_widget_set_margin_start (label, NUMBER_GAP);
      gtk_widget_add_css_class (label, "numeric");
      break;
    }
  remember_cell (line, label, kind);
}

/* ---- a row's menu where the row is: a right click, a long press, Menu or Shift+F10 ---- */

static gboolean
take_down_menu (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  return G_SOURCE_REMOVE;
}

/* Closed: taken down once the item chosen, if any, has been activated. */
static void
on_row_menu_closed (GtkPopover *popover)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, take_down_menu, g_object_ref (popover), g_object_unref);
}

/* The menu of @line's indicator (the same as its ⋮ button's), pointing at @at in the line. */
static void
popup_row_menu (GtkWidget *line, const GdkRectangle *at)
{
  ItogiIndicatorTable *table = g_object_get_data (G_OBJECT (line), "table");
  ItogiRowItem *item = line_item (line);
  g_autoptr (GMenuModel) model = NULL;
  GtkWidget *popover;

  if (item == NULL || table == NULL || !table->menu)
    return;
  model = row_menu_model (table, item);
  popover = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (popover, line);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), at);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  g_signal_connect (popover, "closed", G_CALLBACK (on_row_menu_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* The row line under @x, @y of the table, and where in it; NULL over the header or no row. */
static GtkWidget *
line_at (ItogiIndicatorTable *self, double x, double y, double *line_x, double *line_y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  GtkWidget *line = picked != NULL ? gtk_widget_get_ancestor (picked, ITOGI_TYPE_TABLE_LINE) : NULL;

  if (line == NULL || line_item (line) == NULL
      || !gtk_widget_translate_coordinates (GTK_WIDGET (self), line, x, y, line_x, line_y))
    return NULL;
  return line;
}

/* A right click or a long press on a row: its menu, where it was pressed. */
static void
on_row_pressed (GtkGesture *gesture, double x, double y, ItogiIndicatorTable *self)
{
  double lx = 0, ly = 0;
  GtkWidget *line = line_at (self, x, y, &lx, &ly);

  if (line == NULL)
    return;
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (line, &(GdkRectangle){ (int)lx, (int)ly, 1, 1 });
}

static void
on_row_clicked (GtkGestureClick *gesture, int n_press, double x, double y, ItogiIndicatorTable *self)
{
  on_row_pressed (GTK_GESTURE (gesture), x, y, self);
}

static void
on_row_held (GtkGestureLongPress *gesture, double x, double y, ItogiIndicatorTable *self)
{
  on_row_pressed (GTK_GESTURE (gesture), x, y, self);
}

/* The menu of the row that has the keyboard, under the cell that has it; FALSE when no row has it. */
static gboolean
popup_focused_row_menu (GtkWidget *table)
{
  GtkRoot *root = gtk_widget_get_root (table);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *line = focus != NULL ? gtk_widget_get_ancestor (focus, ITOGI_TYPE_TABLE_LINE) : NULL;
  graphene_rect_t bounds;
  GdkRectangle at = { 0, 0, 1, 1 };

  if (line == NULL || !gtk_widget_is_ancestor (line, table) || line_item (line) == NULL)
    return FALSE;
  if (gtk_widget_compute_bounds (focus, line, &bounds))
    at = (GdkRectangle){ (int)bounds.origin.x, (int)bounds.origin.y, (int)bounds.size.width,
                         (int)bounds.size.height };
  popup_row_menu (line, &at);
  return TRUE;
}

static void
row_menu_action (GtkWidget *widget, const char *action, GVariant *param)
{
  popup_focused_row_menu (widget);
}

static gboolean
on_row_menu_key (GtkWidget *widget, GVariant *args, gpointer data)
{
  return popup_focused_row_menu (widget);
}

static void
add_row_menu_gestures (ItogiIndicatorTable *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *hold = gtk_gesture_long_press_new ();
  GtkEventController *keys;

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (hold), TRUE);
  g_signal_connect (hold, "pressed", G_CALLBACK (on_row_held), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (hold));
  /* Menu and Shift+F10 in a row give the row's menu, before a figure being edited would give its
   * text's (which a right click in it still opens). */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                     gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                        gtk_callback_action_new (on_row_menu_key, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* A row: a line of every column's cell, each showing the row's item once bound. */
static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, ItogiIndicatorTable *self)
{
  GtkWidget *line = itogi_table_line_new (self->columns);

  g_object_set_data (G_OBJECT (line), "list-item", list_item);
  g_object_set_data (G_OBJECT (line), "table", self);
  for (CellKind kind = self->show_area ? CELL_AREA : CELL_TITLE; kind < N_CELLS; kind++)
    setup_cell (self, line, kind);
  gtk_list_item_set_child (list_item, line);
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

/* The item the cell shows got other figures (other years, a save): shown again in place. */
static void
on_item_changed (ItogiRowItem *item, GtkWidget *cell)
{
  GtkWidget *line = g_object_get_data (G_OBJECT (cell), "line");

  if (line != NULL && in_its_row (cell) && line_item (line) == item)
    show_item (line, kind_of (cell));
}

static void
follow_item (GtkWidget *cell, ItogiRowItem *item)
{
  gpointer followed = g_object_get_data (G_OBJECT (cell), "followed");

  if (followed == item)
    return;
  if (followed != NULL)
    g_signal_handlers_disconnect_by_func (followed, on_item_changed, cell);
  /* Held while followed; the handler goes with the cell, should it go first. */
  g_object_set_data_full (G_OBJECT (cell), "followed", item != NULL ? g_object_ref (item) : NULL,
                          g_object_unref);
  if (item != NULL)
    g_signal_connect_object (item, "changed", G_CALLBACK (on_item_changed), cell, 0);
}

static void
bind_cell (GtkWidget *line, CellKind kind)
{
  GtkWidget *cell = itogi_table_line_get_cell (ITOGI_TABLE_LINE (line), kind);

  if (cell == NULL)
    return;
  follow_item (cell, line_item (line));
  /* An entry handed to another row rests as a label there (which shows the item itself, made),
   * unless it has the keyboard or typing of its own. */
  if (ITOGI_IS_FIGURE_CELL (cell))
    {
      to_label (cell);
      if (itogi_table_line_get_cell (ITOGI_TABLE_LINE (line), kind) != cell)
        return;
    }
  show_item (line, kind);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *line = gtk_list_item_get_child (list_item);
  ItogiRowItem *item = gtk_list_item_get_item (list_item);

  for (CellKind kind = 0; kind < N_CELLS; kind++)
    bind_cell (line, kind);
  /* A row is read as its indicator: the line, and the list's own row around it, which takes the
   * keyboard (GTK 4.8 names neither). */
  if (item != NULL)
    {
      const char *title = itogi_row_item_get_row (item)->indicator->title;

      gtk_accessible_update_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      if (gtk_widget_get_parent (line) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (line)),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
}

/* How many characters wide a cell of @kind showing @text is: at least @least, and as wide as the
 * widest the column has shown. */
static int
column_chars (ItogiIndicatorTable *self, CellKind kind, const char *text, int least)
{
  int chars = MAX (least, (int)g_utf8_strlen (text != NULL ? text : "", -1) + 1);

  if (self == NULL)
    return chars;
  self->widest[kind] = MAX (self->widest[kind], chars);
  return self->widest[kind];
}

/* Whether the table of @cell is narrow (see NARROW_BELOW). */
static gboolean
narrow_table (GtkWidget *cell)
{
  ItogiIndicatorTable *table = g_object_get_data (G_OBJECT (cell), "table");

  return table != NULL && table->narrow;
}

/* Whether the table of @cell is narrower than its narrow columns with the row menus. */
static gboolean
tight_table (GtkWidget *cell)
{
  ItogiIndicatorTable *table = g_object_get_data (G_OBJECT (cell), "table");

  return table != NULL && table->tight;
}

static void
show_item (GtkWidget *line, CellKind kind)
{
  ItogiRowItem *item = line_item (line);
  GtkWidget *label = itogi_table_line_get_cell (ITOGI_TABLE_LINE (line), kind);
  const ItogiTableRowText *text = itogi_row_item_get_text (item);
  const ItogiTableRow *row = itogi_row_item_get_row (item);
  g_autofree char *tooltip = NULL;
  g_autofree char *titled = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *description = NULL;
  const char *shown = "", *area_heading = NULL;

  if (kind == CELL_DETAILS)
    {
      /* The menu itself is made when it is opened (row_menu): a menu for every row shown would
       * cost a popover each, at every bind. */
      g_object_set_data (G_OBJECT (label), "item", item);
      /* A menu made for the row this button showed before is not this row's. */
      if (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (label)) != NULL)
        gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (label), NULL);
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
      /* Narrow, the unit has no column of its own: it follows the title, «Экономия, руб.». */
      if (narrow_table (label) && row->indicator->unit != NULL && *row->indicator->unit != '\0')
        shown = titled = g_strdup_printf ("%s, %s", row->indicator->title, row->indicator->unit);
      /* Nor has the area: its name heads its first row, in bold. */
      area_heading
          = narrow_table (label)
                    && ((ItogiIndicatorTable *)g_object_get_data (G_OBJECT (label), "table"))->show_area
                    && itogi_row_item_is_first_in_area (item)
                ? row->area->short_title
                : NULL;
      if (area_heading != NULL)
        {
          char *headed = g_strdup_printf ("%s\n%s", area_heading, shown);
          g_free (titled);
          shown = titled = headed;
        }
      if (row->indicator->description != NULL && *row->indicator->description != '\0')
        tooltip = g_strdup (row->indicator->description);
      /* Narrow, the title gives way first: down to 12 characters, not 20 (8 in a phone's pane). */
      gtk_label_set_width_chars (GTK_LABEL (label), tight_table (label)    ? TIGHT_TITLE_CHARS
                                                    : narrow_table (label) ? NARROW_TITLE_CHARS
                                                                           : TITLE_CHARS);
      break;
    case CELL_UNIT:
      shown = row->indicator->unit;
      break;
    case CELL_PREVIOUS:
    case CELL_CURRENT:
      {
        ItogiIndicatorTable *self = g_object_get_data (G_OBJECT (label), "table");
        const ItogiValue *value = kind == CELL_CURRENT ? &row->current : &row->previous;
        g_autofree char *key = self != NULL ? draft_key (self, item, kind == CELL_CURRENT) : NULL;
        const char *draft = key != NULL ? g_hash_table_lookup (self->drafts, key) : NULL;
        const char *problem = draft != NULL ? g_hash_table_lookup (self->problems, key) : NULL;
        /* Wide enough for the whole figure, «119 585 521,99» or «свыше 6 000», never clipped. */
        int chars;
        const char *word, *widest_line = NULL;
        g_autofree char *stacked = NULL;

        /* Typing not saved yet is shown in an entry, to be mended there (which shows the item
         * itself, made). */
        if (draft != NULL && ITOGI_IS_RESTING_FIGURE (label))
          {
            to_entry (label);
            return;
          }
        shown = kind == CELL_CURRENT ? text->current : text->previous;
        /* In a phone's pane a figure's qualifier goes above its number («более» over «8 000»),
         * in full: the column is as wide as the number. */
        if (self != NULL && self->tight && ITOGI_IS_RESTING_FIGURE (label)
            && (word = itogi_qualifier_word (value->qualifier)) != NULL && g_str_has_prefix (shown, word)
            && g_str_has_prefix (shown + strlen (word), ITOGI_NBSP))
          {
            const char *number = shown + strlen (word) + strlen (ITOGI_NBSP);

            stacked = g_strconcat (word, "\n", number, NULL);
            widest_line = g_utf8_strlen (word, -1) > g_utf8_strlen (number, -1) ? word : number;
          }
        /* At least 8 characters (5 in a phone's pane), so that short figures line up. */
        chars = column_chars (self, kind, stacked != NULL ? widest_line : shown,
                              self != NULL && self->tight ? 5 : 8);
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
        g_object_set_data (G_OBJECT (label), "item", item);
        name_figure (label, self, row, kind == CELL_CURRENT, shown);
        if (ITOGI_IS_RESTING_FIGURE (label))
          {
            itogi_resting_figure_show (ITOGI_RESTING_FIGURE (label), stacked != NULL ? stacked : shown,
                                       chars);
            mark_editable (label, self != NULL && self->editor != NULL && !self->locked);
          }
        else
          {
            itogi_figure_cell_show (ITOGI_FIGURE_CELL (label), shown, draft);
            /* A refused figure comes back refused, saying why, not as if it were saved. */
            if (problem != NULL)
              itogi_figure_cell_show_problem (ITOGI_FIGURE_CELL (label), problem);
            gtk_editable_set_width_chars (GTK_EDITABLE (label), chars);
            gtk_editable_set_max_width_chars (GTK_EDITABLE (label), chars);
            gtk_editable_set_editable (GTK_EDITABLE (label),
                                       self != NULL && self->editor != NULL && !self->locked);
          }
        cell_tooltip_set (label, g_steal_pointer (&tooltip));
        return;
      }
    case CELL_DELTA:
    case CELL_PERCENT:
      shown = kind == CELL_DELTA ? text->delta : text->percent;
      /* In a phone's pane the column's title says «%»: its cells do not repeat it. */
      if (kind == CELL_PERCENT && tight_table (label) && shown != NULL
          && g_str_has_suffix (shown, ITOGI_NBSP "%"))
        shown = bare = g_strndup (shown, strlen (shown) - strlen (ITOGI_NBSP "%"));
      tooltip = g_strdup (describe_change (row));
      if (row->assessment == ITOGI_ASSESSMENT_GOOD)
        gtk_widget_add_css_class (label, "success");
      else if (row->assessment == ITOGI_ASSESSMENT_BAD)
        gtk_widget_add_css_class (label, "error");
      else if (row->assessment == ITOGI_ASSESSMENT_NONE)
        gtk_widget_add_css_class (label, "dim-label");
      /* A screen reader reads the change's figure (GTK 4.8 names a label by its text), then what
       * it is, of which indicator, and whether it is good (after the tooltip, below). */
      /* Translators: a change cell's description for screen readers: «Изменение, % — Поступило
       * обращений от юридических лиц. Рост для этого показателя — хорошо.» */
      description = g_strdup_printf (_ ("%s — %s. %s"), kind == CELL_DELTA ? _ ("Change") : _ ("Change, %"),
                                     row->indicator->title, describe_change (row));
      break;
    case N_CELLS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), shown != NULL ? shown : "");
  if (kind == CELL_TITLE)
    {
      g_autoptr (PangoAttrList) attrs = NULL;
      if (area_heading != NULL)
        {
          PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
          bold->start_index = 0;
          bold->end_index = strlen (area_heading);
          attrs = pango_attr_list_new ();
          pango_attr_list_insert (attrs, bold);
        }
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
    }
  /* The area is named on its first row only: the empty cells below it say nothing (GTK 4.8 would
   * name an empty label after its type). */
  if (kind == CELL_AREA)
    gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 shown == NULL || *shown == '\0', -1);
  if (kind != CELL_TITLE)
    {
      /* (An area’s name wraps past 18 characters.) */
      int chars = column_chars (g_object_get_data (G_OBJECT (label), "table"), kind, shown,
                                kind == CELL_AREA ? 14 : 0);

      gtk_label_set_width_chars (GTK_LABEL (label), kind == CELL_AREA ? MIN (chars, 18) : chars);
    }
  cell_tooltip_set (label, g_steal_pointer (&tooltip));
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
}

/* A row's widgets are handed to another row, or taken down: they no longer speak for this one. */
static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *line = gtk_list_item_get_child (list_item);

  for (CellKind kind = 0; line != NULL && kind < N_CELLS; kind++)
    {
      GtkWidget *child = itogi_table_line_get_cell (ITOGI_TABLE_LINE (line), kind);

      if (child != NULL)
        {
          g_object_set_data (G_OBJECT (child), "item", NULL);
          follow_item (child, NULL);
        }
    }
}

static GtkWidget *
find_cell (GtkWidget *widget, gint64 indicator_id, CellKind kind)
{
  ItogiRowItem *item = g_object_get_data (G_OBJECT (widget), "item");

  if (item != NULL && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "cell-kind")) == (int)kind
      && itogi_row_item_get_row (item)->indicator->id == indicator_id)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, indicator_id, kind);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The cell with the keyboard, the way it has it; FALSE when the keyboard is elsewhere. */
static gboolean
focused_cell (ItogiIndicatorTable *self, GtkWidget **cell)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return FALSE;
  for (GtkWidget *w = focus; w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "item") != NULL
        && g_object_get_data (G_OBJECT (w), "cell-kind") != NULL)
      {
        *cell = w;
        return TRUE;
      }
  return FALSE;
}

static void
give_focus (GtkWidget *cell, int start, int end)
{
  cell = to_entry (cell);
  if (!GTK_IS_ENTRY (cell))
    {
      gtk_widget_grab_focus (cell);
      return;
    }
  gtk_entry_grab_focus_without_selecting (GTK_ENTRY (cell));
  gtk_editable_select_region (GTK_EDITABLE (cell), start, end);
}

/* Give the wanted cell the keyboard if it is shown; TRUE when that is done, or no longer wanted. */
static gboolean
try_refocus (ItogiIndicatorTable *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *cell;

  /* The keyboard went somewhere else meanwhile, by the user's hand: it stays there. (A widget of
   * the old rows may still hold it, taken down: that is not somewhere else.) */
  if (focus != NULL && gtk_widget_get_mapped (focus) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return TRUE;
  cell = find_cell (self->view, self->refocus_id, self->refocus_kind);
  if (cell == NULL || !gtk_widget_get_mapped (cell))
    return FALSE;
  give_focus (cell, self->refocus_start, self->refocus_end);
  return TRUE;
}

static gboolean
refocus (GtkWidget *view, GdkFrameClock *clock, gpointer data)
{
  ItogiIndicatorTable *self = data;

  /* Its row is not made yet: a few frames more. */
  if (!try_refocus (self) && ++self->refocus_frames < 30)
    return G_SOURCE_CONTINUE;
  self->refocus_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Give the keyboard to the cell (@id, @kind) as soon as it is shown. */
static void
want_focus (ItogiIndicatorTable *self, gint64 id, CellKind kind, int start, int end)
{
  self->refocus_id = id;
  self->refocus_kind = kind;
  self->refocus_start = start;
  self->refocus_end = end;
  self->refocus_frames = 0;
  if (self->refocus_tick == 0)
    self->refocus_tick = gtk_widget_add_tick_callback (self->view, refocus, self, NULL);
}

/* Enter saved the cell: the same year's figure of the next row (Shift: the one above), as a
 * spreadsheet does. At either end the keyboard stays, the saved figure selected. */
static void
on_cell_move (ItogiFigureCell *cell, int rows, ItogiIndicatorTable *self)
{
  ItogiRowItem *item = g_object_get_data (G_OBJECT (cell), "item");
  CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "cell-kind"));
  guint position, n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr (ItogiRowItem) next = NULL;
  GtkWidget *target;

  if (item == NULL || !g_list_store_find (self->store, item, &position))
    return;
  if (rows > 0 && position + 1 >= n && self->pending != NULL)
    {
      fill_all (self);
      n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
    }
  if ((rows < 0 && position == 0) || (rows > 0 && position + 1 >= n))
    {
      gtk_editable_select_region (GTK_EDITABLE (cell), 0, -1);
      return;
    }
  next = g_list_model_get_item (G_LIST_MODEL (self->store), rows < 0 ? position - 1 : position + 1);
  target = find_cell (self->view, itogi_row_item_get_row (next)->indicator->id, kind);
  if (target != NULL)
    give_focus (target, 0, -1);
  else
    want_focus (self, itogi_row_item_get_row (next)->indicator->id, kind, 0, -1);
}

/* The header's cell of @kind: its title, aligned as the column's figures are. */
static GtkWidget *
header_cell (CellKind kind, const char *title)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", title, "accessible-role",
                                   GTK_ACCESSIBLE_ROLE_COLUMN_HEADER, NULL);
  gboolean text = kind == CELL_AREA || kind == CELL_TITLE || kind == CELL_UNIT;

  gtk_label_set_xalign (GTK_LABEL (label), text ? 0.0f : 1.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (label), text ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_set_margin_start (label, text ? 6 : NUMBER_GAP);
  gtk_widget_set_margin_end (label, kind == CELL_PREVIOUS || kind == CELL_CURRENT ? 8 : 6);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_add_css_class (label, "heading");
  /* The indicators' column is read by its title even when it shows none (in a phone's pane). */
  if (kind == CELL_TITLE)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  /* The row menus' column shows no title; it is read as what it holds. */
  if (kind == CELL_DETAILS)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _ ("Indicator Menu"), -1);
  return label;
}

static void
set_title (ItogiIndicatorTable *self, CellKind kind, const char *title)
{
  GtkWidget *label = itogi_table_line_get_cell (ITOGI_TABLE_LINE (self->header), kind);

  if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) != 0)
    gtk_label_set_text (GTK_LABEL (label), title);
}

static void
itogi_indicator_table_dispose (GObject *object)
{
  ItogiIndicatorTable *self = ITOGI_INDICATOR_TABLE (object);

  if (self->refocus_tick != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (self->view, self->refocus_tick);
  self->refocus_tick = 0;
  stop_filling (self);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  g_clear_pointer (&self->header, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->view = NULL;
  g_clear_object (&self->factory);
  g_clear_pointer (&self->columns, itogi_table_columns_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (itogi_indicator_table_parent_class)->dispose (object);
}

enum
{
  ROW_SELECTED,
  FILLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_selected (ItogiIndicatorTable *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);

  g_signal_emit (self, signals[ROW_SELECTED], 0, pos == GTK_INVALID_LIST_POSITION ? -1 : (int)pos);
}

/* The least width of the header, that is of every line's shown columns. */
static int
header_min_width (ItogiIndicatorTable *self)
{
  int min = 0;

  gtk_widget_measure (self->header, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* The header over the rows, as wide as they are: when the window is too narrow for the table, it
 * scrolls sideways with them. */
static int
header_width (ItogiIndicatorTable *self, int width)
{
  return MAX (width, header_min_width (self));
}

static void
itogi_indicator_table_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                               int *natural, int *minimum_baseline, int *natural_baseline)
{
  ItogiIndicatorTable *self = ITOGI_INDICATOR_TABLE (widget);
  int header_min = 0, header_nat = 0, rows_min = 0, rows_nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->header, orientation, -1, &header_min, &header_nat, NULL, NULL);
      gtk_widget_measure (self->scroller, orientation, -1, &rows_min, &rows_nat, NULL, NULL);
      /* No narrower than its narrow columns without the row menus (once known): a window is
       * not made so narrow that the rows' last columns fall past its edge. Wide, it may be given
       * less than its full width: it turns narrow then; narrow, less than with its menus: they
       * go then (each row's menu still opens on a right click, a long press or the Menu key). */
      int least = self->narrow && (self->tight || !self->menu) ? header_min
                  : self->menu                                 ? self->tight_width
                                                               : self->narrow_width;

      *minimum = MAX (rows_min, least);
      *natural = MAX (header_nat, rows_nat);
      return;
    }
  gtk_widget_measure (self->header, orientation, for_size < 0 ? -1 : header_width (self, for_size),
                      &header_min, &header_nat, NULL, NULL);
  gtk_widget_measure (self->scroller, orientation, for_size, &rows_min, &rows_nat, NULL, NULL);
  *minimum = header_nat + rows_min;
  *natural = header_nat + rows_nat;
}

/* Too narrow for every column (a phone-sized pane, a window at 360 px, large text in a laptop's
 * window), a table shows the indicator (its unit after it), both years and the change in per cent:
 * the area, the unit's own column and the change in units go. Narrower than NARROW_BELOW it is
 * narrow whatever it would fit: a table squeezed to its least width is hard to read. */
#define NARROW_BELOW 560

static gboolean
too_narrow (ItogiIndicatorTable *self, int width)
{
  return width < MAX (NARROW_BELOW, self->full_width);
}

/* The titles, the figures at rest and the changes in per cent shown again: the columns' widths
 * are measured anew. (A figure being edited keeps what is typed in it.) */
static void
show_cells_again (GtkWidget *widget)
{
  if (ITOGI_IS_TABLE_LINE (widget) && line_item (widget) != NULL)
    {
      for (CellKind kind = CELL_TITLE; kind < CELL_DETAILS; kind++)
        {
          GtkWidget *cell = itogi_table_line_get_cell (ITOGI_TABLE_LINE (widget), kind);
          if (cell != NULL && (kind == CELL_TITLE || !ITOGI_IS_FIGURE_CELL (cell)))
            show_item (widget, kind);
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    show_cells_again (child);
}

/* Narrow, and narrower than the narrow columns with the row menus (as last measured). */
static gboolean
too_tight (ItogiIndicatorTable *self, int width)
{
  return self->menu && too_narrow (self, width) && self->narrow_width > 0 && width < self->narrow_width;
}

static gboolean
apply_narrow (gpointer data)
{
  ItogiIndicatorTable *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean narrow = too_narrow (self, width);
  gboolean tight = narrow && too_tight (self, width);

  self->narrow_id = 0;
  if (tight != self->tight)
    {
      self->tight = tight;
      itogi_table_columns_set_visible (self->columns, CELL_DETAILS, self->menu && !tight);
      /* The columns' titles smaller, as a caption («Показатель» in the heading's type was the
       * title column's least width). Attributes, not a style class: the columns are measured
       * again below, before a new style would apply. */
      {
        PangoAttrList *small = NULL;

        if (tight)
          {
            small = pango_attr_list_new ();
            pango_attr_list_insert (small, pango_attr_scale_new (PANGO_SCALE_SMALL));
          }
        for (CellKind kind = 0; kind < N_CELLS; kind++)
          {
            GtkWidget *title = itogi_table_line_get_cell (ITOGI_TABLE_LINE (self->header), kind);
            if (title == NULL)
              continue;
            gtk_label_set_attributes (GTK_LABEL (title), small);
          }
        /* The indicators' column needs no title there (a screen reader still reads it):
         * «Показатель» would be its least width. */
        set_title (self, CELL_TITLE, tight ? "" : _ ("Indicator"));
        g_clear_pointer (&small, pango_attr_list_unref);
      }
      /* The titles' and the figures' least widths change with it. */
      memset (self->widest, 0, sizeof self->widest);
      itogi_table_columns_reset (self->columns);
      if (self->view != NULL)
        show_cells_again (self->view);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  if (narrow == self->narrow)
    return G_SOURCE_REMOVE;
  self->narrow = narrow;
  /* Measured anew: the title's least width is not the same narrow. */
  itogi_table_columns_reset (self->columns);
  itogi_table_columns_set_visible (self->columns, CELL_AREA, self->show_area && !narrow);
  itogi_table_columns_set_visible (self->columns, CELL_UNIT, !narrow);
  itogi_table_columns_set_visible (self->columns, CELL_DELTA, !narrow);
  /* Translators: the change in per cent's column title when the table is narrow: «Изм., %» */
  set_title (self, CELL_PERCENT, narrow ? C_ ("narrow column title", "Chg., %") : _ ("Change, %"));
  if (self->view != NULL)
    show_cells_again (self->view);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
itogi_indicator_table_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  ItogiIndicatorTable *self = ITOGI_INDICATOR_TABLE (widget);
  GtkAdjustment *sideways = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  int header_min = header_min_width (self), header_w = MAX (width, header_min), header_h = 0;

  gtk_widget_measure (self->header, GTK_ORIENTATION_VERTICAL, header_w, NULL, &header_h, NULL, NULL);
  header_h = MIN (header_h, height);
  itogi_table_columns_set_width_hint (self->columns, header_w);
  gtk_widget_size_allocate (
      self->header,
      &(GtkAllocation){ -(int)round (gtk_adjustment_get_value (sideways)), 0, header_w, header_h }, -1);
  gtk_widget_size_allocate (self->scroller, &(GtkAllocation){ 0, header_h, width, height - header_h }, -1);
  /* Every column shown, the header measures what the table needs (the text's size included);
   * narrow, the last such measure stands: wider than it, every column comes back and is measured
   * again. Its columns change after this allocation, not within it. */
  if (!self->narrow)
    self->full_width = header_min;
  else if (!self->tight)
    self->narrow_width = header_min;
  else
    self->tight_width = header_min;
  if ((too_narrow (self, width) != self->narrow || too_tight (self, width) != self->tight)
      && self->narrow_id == 0)
    self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow, self, NULL);
}

static GtkSizeRequestMode
itogi_indicator_table_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
itogi_indicator_table_class_init (ItogiIndicatorTableClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_indicator_table_dispose;
  widget_class->measure = itogi_indicator_table_measure;
  widget_class->size_allocate = itogi_indicator_table_size_allocate;
  widget_class->get_request_mode = itogi_indicator_table_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "indicatortable");

  /* The selected row changed: its position, or −1 for none. */
  /* Every row is in the list: the last of those that came after the first frame is there. */
  signals[FILLED] = g_signal_new ("filled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  signals[ROW_SELECTED] = g_signal_new ("row-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /* The menu of the row that has the keyboard (Menu, Shift+F10: add_row_menu_gestures). */
  gtk_widget_class_install_action (widget_class, "table.row-menu", NULL, row_menu_action);
}

/* The wheel over a short table scrolls the page. The table's own scroller would take it (it
 * scrolls sideways when the window is narrow, and GTK 4.8 then keeps every wheel turn) and the
 * page would not move while the pointer is over its largest part. */
static gboolean
on_table_wheel (GtkEventControllerScroll *controller, double dx, double dy, ItogiIndicatorTable *self)
{
  GtkWidget *page
      = gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (self)), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double step, value;

  if (self->long_table || page == NULL || dy == 0 || dx != 0)
    return FALSE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  /* As GtkScrolledWindow scrolls: a wheel notch by the page size to the power 2/3, a touchpad
   * by its pixels. */
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
             ? pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0)
             : 1.0;
  value = gtk_adjustment_get_value (adjustment) + dy * step;
  gtk_adjustment_set_value (
      adjustment, CLAMP (value, gtk_adjustment_get_lower (adjustment),
                         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)));
  return TRUE;
}

static void
itogi_indicator_table_init (ItogiIndicatorTable *self)
{
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->store = g_list_store_new (ITOGI_TYPE_ROW_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected), self);
  add_row_menu_gestures (self);
  self->factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (self->factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (self->factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (self->factory, "unbind", G_CALLBACK (unbind_row), self);

  /* The page scrolls vertically; only a window too narrow for the table scrolls it sideways. */
  self->scroller = gtk_scrolled_window_new ();
  /* Sideways as the window needs; up and down only a long table (set_long): a short one passes
   * the wheel on to the page, which then scrolls wherever the pointer is. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  {
    GtkEventController *wheel = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
    gtk_event_controller_set_propagation_phase (wheel, GTK_PHASE_CAPTURE);
    g_signal_connect (wheel, "scroll", G_CALLBACK (on_table_wheel), self);
    gtk_widget_add_controller (self->scroller, wheel);
  }
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                            "value-changed", G_CALLBACK (gtk_widget_queue_allocate), self);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* The rows shown by a list view (@grid FALSE) or a one-column grid view, in place of the view
 * before; the model and the rows' factory are the same. */
static void
use_view (ItogiIndicatorTable *self, gboolean grid)
{
  GtkWidget *view;

  if (self->view != NULL && GTK_IS_GRID_VIEW (self->view) == grid)
    return;
  if (self->refocus_tick != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (self->view, self->refocus_tick);
  self->refocus_tick = 0;
  if (grid)
    {
      view = gtk_grid_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                g_object_ref (self->factory));
      gtk_grid_view_set_max_columns (GTK_GRID_VIEW (view), 1);
      /* Estimated heights of the rows not made must not move those in sight. */
      gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (view), GTK_SCROLL_MINIMUM);
    }
  else
    {
      view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                g_object_ref (self->factory));
      /* Ask for every row's height: the page scrolls, not the table (see set_long). */
      gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (view), GTK_SCROLL_NATURAL);
    }
  gtk_widget_add_css_class (view, "table-rows");
  /* The old view lets go of the rows first: a view out of the window still makes widgets. */
  if (self->view != NULL)
    {
      if (GTK_IS_GRID_VIEW (self->view))
        gtk_grid_view_set_model (GTK_GRID_VIEW (self->view), NULL);
      else
        gtk_list_view_set_model (GTK_LIST_VIEW (self->view), NULL);
    }
  self->view = view;
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Indicators"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), view);
}

GtkWidget *
itogi_indicator_table_new (gboolean show_area)
{
  ItogiIndicatorTable *self = g_object_new (ITOGI_TYPE_INDICATOR_TABLE, NULL);
  static const char *titles[N_CELLS] = {
    [CELL_AREA] = N_ ("Area"),    [CELL_TITLE] = N_ ("Indicator"),   [CELL_UNIT] = N_ ("Unit"),
    [CELL_DELTA] = N_ ("Change"), [CELL_PERCENT] = N_ ("Change, %"),
  };

  self->show_area = show_area;
  self->columns = itogi_table_columns_new (N_CELLS, CELL_TITLE);
  itogi_table_columns_set_visible (self->columns, CELL_AREA, show_area);
  itogi_table_columns_set_visible (self->columns, CELL_DETAILS, FALSE);
  self->header = itogi_table_line_new (self->columns);
  gtk_widget_add_css_class (self->header, "header");
  itogi_table_line_set_compact (ITOGI_TABLE_LINE (self->header), TRUE);
  for (CellKind kind = show_area ? CELL_AREA : CELL_TITLE; kind < N_CELLS; kind++)
    itogi_table_line_set_cell (ITOGI_TABLE_LINE (self->header), kind,
                               header_cell (kind, titles[kind] != NULL ? _ (titles[kind]) : ""));
  gtk_widget_insert_after (self->header, GTK_WIDGET (self), NULL);
  use_view (self, FALSE);
  return GTK_WIDGET (self);
}

/* A table of an area's few rows is as tall as its rows, and the page scrolls. A table longer than a
 * screen (the Overview of a large office: thousands of rows) scrolls itself in a screenful of
 * height, so that GTK makes widgets only for the rows in sight, not for every row. */
/* How many rows a long table's first frame gets, and how many come with each step after it. The
 * list makes widgets for at most 200 rows (GTK 4.8); a step makes about 2 ms of them per row. */
#define FIRST_ROWS 30
#define SHORT_FIRST_ROWS 20
#define FILL_STEP 24
#define FILL_WIDGETS 220

static void start_filling (ItogiIndicatorTable *self);

static gboolean
fill_more (gpointer data)
{
  ItogiIndicatorTable *self = data;
  guint have = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n;

  if (self->pending == NULL || self->pending->len == 0)
    {
      self->fill_source = 0;
      g_clear_pointer (&self->pending, g_ptr_array_unref);
      g_signal_emit (self, signals[FILLED], 0);
      return G_SOURCE_REMOVE;
    }
  /* A table no longer shown (another page is) waits until it is shown again: its rows would only
   * slow the page shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->fill_source = 0;
      start_filling (self);
      return G_SOURCE_REMOVE;
    }
  /* Past the rows the list makes widgets for, the rest cost only their items: all at once. */
  n = have >= FILL_WIDGETS ? self->pending->len : MIN (FILL_STEP, self->pending->len);
  g_list_store_splice (self->store, have, 0, self->pending->pdata, n);
  g_ptr_array_remove_range (self->pending, 0, n);
  if (self->pending->len > 0)
    return G_SOURCE_CONTINUE;
  self->fill_source = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_signal_emit (self, signals[FILLED], 0);
  return G_SOURCE_REMOVE;
}

/* Every row in the list now (a caller needs one that has not come yet). */
static void
fill_all (ItogiIndicatorTable *self)
{
  guint have;

  if (self->pending == NULL)
    return;
  have = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_list_store_splice (self->store, have, 0, self->pending->pdata, self->pending->len);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_handle_id (&self->fill_source, g_source_remove);
  stop_waiting (self);
  g_signal_emit (self, signals[FILLED], 0);
}

static void
stop_waiting (ItogiIndicatorTable *self)
{
  /* A frame clock taken down with its window has let go of its handlers already. */
  if (self->fill_painted != 0 && g_signal_handler_is_connected (self->fill_clock, self->fill_painted))
    g_signal_handler_disconnect (self->fill_clock, self->fill_painted);
  self->fill_painted = 0;
  g_clear_object (&self->fill_clock);
  g_clear_signal_handler (&self->fill_mapped, self);
}

static void
stop_filling (ItogiIndicatorTable *self)
{
  stop_waiting (self);
  g_clear_handle_id (&self->fill_source, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
}

static void
on_fill_frame_painted (GdkFrameClock *clock, ItogiIndicatorTable *self)
{
  stop_waiting (self);
  self->fill_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_more, self, NULL);
}

static void
on_fill_mapped (ItogiIndicatorTable *self)
{
  g_clear_signal_handler (&self->fill_mapped, self);
  start_filling (self);
}

/* The rows after the first frame's come after that frame is painted: started sooner, in the
 * wait for the window to be shown, they would all be in the first frame. Then a few at a time,
 * at idle priority, below redrawing. */
static void
start_filling (ItogiIndicatorTable *self)
{
  GdkFrameClock *clock;

  if (self->fill_source != 0 || self->fill_painted != 0 || self->fill_mapped != 0)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->fill_mapped = g_signal_connect (self, "map", G_CALLBACK (on_fill_mapped), NULL);
      return;
    }
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      self->fill_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_more, self, NULL);
      return;
    }
  self->fill_clock = g_object_ref (clock);
  self->fill_painted = g_signal_connect (clock, "after-paint", G_CALLBACK (on_fill_frame_painted), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The @i-th row's item, whether in the list yet or still to come. */
static ItogiRowItem *
item_at (ItogiIndicatorTable *self, guint i)
{
  guint have = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (i < have)
    return g_list_model_get_item (G_LIST_MODEL (self->store), i);
  if (self->pending != NULL && i - have < self->pending->len)
    return g_object_ref (g_ptr_array_index (self->pending, i - have));
  return NULL;
}

static guint
n_rows (ItogiIndicatorTable *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->store))
         + (self->pending != NULL ? self->pending->len : 0);
}

#define LONG_TABLE_ROWS 60

/* How many rows the first frame of a table of @n rows gets: what its window shows of them below a
 * page's heading (about 250 px) at 48 px a row (a row of two lines; most titles wrap), at least
 * 10, at most FIRST_ROWS for a long table and SHORT_FIRST_ROWS for a short one. At 1280 × 800 the
 * Overview shows 8 rows: its first frame made 20, 12 ms of the window's start on the report's
 * data. The rest come after that frame, as before. */
static guint
first_rows (ItogiIndicatorTable *self, guint n)
{
  guint most = n > LONG_TABLE_ROWS ? FIRST_ROWS : SHORT_FIRST_ROWS;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0;

  if (GTK_IS_WINDOW (root))
    {
      height = gtk_widget_get_height (GTK_WIDGET (root));
      /* Not yet shown: the size it will have (GTK 4.8 wants both out-arguments). */
      if (height <= 0)
        gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
    }
  if (height <= 0)
    return most;
  return CLAMP ((guint)MAX (height - 250, 0) / 48 + 1, 10, most);
}
#define LONG_TABLE_HEIGHT 540

static void
set_long (ItogiIndicatorTable *self, gboolean long_table)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);

  if (self->long_table == long_table)
    return;
  self->long_table = long_table;
  use_view (self, long_table);
  gtk_scrolled_window_set_propagate_natural_height (scroller, !long_table);
  gtk_scrolled_window_set_min_content_height (scroller, long_table ? LONG_TABLE_HEIGHT : -1);
  gtk_scrolled_window_set_policy (scroller, GTK_POLICY_AUTOMATIC,
                                  long_table ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
}

/* Whether @rows are the items' indicators, in the same order. */
static gboolean
same_indicators (ItogiIndicatorTable *self, GPtrArray *rows)
{
  if (n_rows (self) != rows->len || rows->len == 0)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (ItogiRowItem) item = item_at (self, i);
      const ItogiTableRow *old = itogi_row_item_get_row (item), *new = g_ptr_array_index (rows, i);
      if (old->indicator->id != new->indicator->id || old->area->id != new->area->id)
        return FALSE;
    }
  return TRUE;
}

/* Other indicators in a table whose rows are all in (another area shown by the same page, an
 * indicator added): the items take the new rows in order, so that the rows' widgets stay and only
 * show other text, and the list grows or shrinks at its end. Making every row's widgets anew costs
 * about 2 ms a row; this, a fraction of it. Not while a cell has the keyboard (its row may go),
 * nor where the rows' area headings would move. Takes the rows from @rows when it returns TRUE. */
static gboolean
reuse_items (ItogiIndicatorTable *self, GPtrArray *rows)
{
  guint have = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint common = MIN (have, rows->len);
  GtkWidget *cell = NULL;
  gint64 last_area = -1;

  if (have == 0 || rows->len == 0 || self->pending != NULL || focused_cell (self, &cell)
      || (have > LONG_TABLE_ROWS) != (rows->len > LONG_TABLE_ROWS))
    return FALSE;
  for (guint i = 0; i < common; i++)
    {
      const ItogiTableRow *row = g_ptr_array_index (rows, i);
      g_autoptr (ItogiRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (itogi_row_item_is_first_in_area (item) != (row->area->id != last_area))
        return FALSE;
      last_area = row->area->id;
    }

  self->rebuilding = TRUE;
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < common; i++)
    {
      g_autoptr (ItogiRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      itogi_row_item_set_row (item, g_ptr_array_index (rows, i));
    }
  if (rows->len < have)
    g_list_store_splice (self->store, rows->len, have - rows->len, NULL, 0);
  else if (rows->len > have)
    {
      /* The rows the first frame shows now, as for a table made anew; the rest after it. */
      guint first = first_rows (self, rows->len);
      guint now = MAX (have, MIN (rows->len, first));
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = have; i < rows->len; i++)
        {
          ItogiTableRow *row = g_ptr_array_index (rows, i);
          g_ptr_array_add (items, itogi_row_item_new (row, row->area->id != last_area));
          last_area = row->area->id;
        }
      g_list_store_splice (self->store, have, 0, items->pdata, now - have);
      if (now < rows->len)
        {
          self->pending = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint i = now - have; i < items->len; i++)
            g_ptr_array_add (self->pending, g_object_ref (g_ptr_array_index (items, i)));
          start_filling (self);
        }
    }
  self->rebuilding = FALSE;
  return TRUE;
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

  set_title (self, CELL_PREVIOUS, compare_text);
  set_title (self, CELL_CURRENT, year_text);

  /* The same indicators in the same order (other years, or a figure saved): the items take the
   * new rows and the cells in sight show them again, the keyboard staying where it is. Replacing
   * the items instead would make every row's widgets anew, hundreds of them in a long table. */
  if (same_indicators (self, owned))
    {
      GtkWidget *cell = NULL;
      gboolean had_focus = focused_cell (self, &cell);
      int start = 0, end = -1;

      if (had_focus && GTK_IS_EDITABLE (cell)
          && !gtk_editable_get_selection_bounds (GTK_EDITABLE (cell), &start, &end))
        start = end = gtk_editable_get_position (GTK_EDITABLE (cell));
      self->rebuilding = TRUE;
      g_ptr_array_set_free_func (owned, NULL);
      for (guint i = 0; i < owned->len; i++)
        {
          g_autoptr (ItogiRowItem) item = item_at (self, i);
          itogi_row_item_set_row (item, g_ptr_array_index (owned, i));
        }
      self->rebuilding = FALSE;
      /* The cell with the keyboard keeps it, what it shows again selected as it was. */
      if (had_focus)
        {
          ItogiRowItem *item = g_object_get_data (G_OBJECT (cell), "item");
          want_focus (self, itogi_row_item_get_row (item)->indicator->id,
                      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "cell-kind")), start, end);
          if (try_refocus (self) && self->refocus_tick != 0)
            {
              gtk_widget_remove_tick_callback (self->view, self->refocus_tick);
              self->refocus_tick = 0;
            }
        }
      return;
    }
  /* Other indicators: the columns as wide as what they show from now on. */
  memset (self->widest, 0, sizeof self->widest);
  itogi_table_columns_reset (self->columns);
  if (reuse_items (self, owned))
    return;

  /* The rows move into the items; the array no longer frees them. */
  g_ptr_array_set_free_func (owned, NULL);
  for (guint i = 0; i < owned->len; i++)
    {
      ItogiTableRow *row = g_ptr_array_index (owned, i);
      g_ptr_array_add (items, itogi_row_item_new (row, row->area->id != last_area));
      last_area = row->area->id;
    }
  {
    /* The rows' widgets are made anew: the cell that had the keyboard gets it back, as it had it,
     * once its row is shown again, rather than whichever cell GTK falls back on. */
    GtkWidget *cell = NULL;
    gboolean had_focus = focused_cell (self, &cell);

    if (had_focus)
      {
        int start = 0, end = -1;
        ItogiRowItem *item = g_object_get_data (G_OBJECT (cell), "item");

        if (GTK_IS_EDITABLE (cell) && !gtk_editable_get_selection_bounds (GTK_EDITABLE (cell), &start, &end))
          start = end = gtk_editable_get_position (GTK_EDITABLE (cell));
        want_focus (self, itogi_row_item_get_row (item)->indicator->id,
                    GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "cell-kind")), start, end);
      }
    /* A long table shows about 15 rows in its own scroll; a short one, on a page that scrolls,
     * what its window shows. */
    guint first = first_rows (self, items->len);

    self->rebuilding = TRUE;
    /* Before the rows come: a long table never asks for every row's height. */
    if (items->len > LONG_TABLE_ROWS)
      set_long (self, TRUE);
    stop_filling (self);
    if (items->len > first && !had_focus)
      {
        /* The rows the first frame shows now; the rest after it, a few at a time. */
        g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                             items->pdata, first);
        self->pending = g_ptr_array_new_with_free_func (g_object_unref);
        for (guint i = first; i < items->len; i++)
          g_ptr_array_add (self->pending, g_object_ref (g_ptr_array_index (items, i)));
        start_filling (self);
      }
    else
      g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           items->pdata, items->len);
    self->rebuilding = FALSE;
    if (items->len <= LONG_TABLE_ROWS)
      set_long (self, FALSE);
    /* At once when the new row is already shown: a key pressed before the next frame would go
     * to the old row's widget, taken down, and be lost. */
    if (had_focus && try_refocus (self) && self->refocus_tick != 0)
      {
        gtk_widget_remove_tick_callback (self->view, self->refocus_tick);
        self->refocus_tick = 0;
      }
  }
}

GListModel *
itogi_indicator_table_get_model (ItogiIndicatorTable *self)
{
  /* Whoever walks the rows gets them all. */
  fill_all (self);
  return G_LIST_MODEL (self->store);
}

gboolean
itogi_indicator_table_is_filling (ItogiIndicatorTable *self)
{
  g_return_val_if_fail (ITOGI_IS_INDICATOR_TABLE (self), FALSE);
  return self->pending != NULL;
}

gboolean
itogi_indicator_table_has_drafts (ItogiIndicatorTable *self)
{
  g_return_val_if_fail (ITOGI_IS_INDICATOR_TABLE (self), FALSE);
  return g_hash_table_size (self->drafts) > 0;
}

guint
itogi_indicator_table_get_n_rows (ItogiIndicatorTable *self)
{
  g_return_val_if_fail (ITOGI_IS_INDICATOR_TABLE (self), 0);
  return n_rows (self);
}

/* The rows from @position on go (those in the list and those to come). */
static void
truncate_rows (ItogiIndicatorTable *self, guint position)
{
  guint have = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (position < have)
    {
      stop_filling (self);
      g_list_store_splice (self->store, position, have - position, NULL, 0);
    }
  else if (self->pending != NULL && position - have < self->pending->len)
    g_ptr_array_remove_range (self->pending, position - have, self->pending->len - (position - have));
}

/* @item after the last row: in the list at once while the first frame's rows are not all
 * there, else with the rows that come after it. */
static void
append_row (ItogiIndicatorTable *self, ItogiRowItem *item)
{
  if (self->pending == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->store)) < FIRST_ROWS)
    {
      g_list_store_append (self->store, item);
      return;
    }
  if (self->pending == NULL)
    self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->pending, g_object_ref (item));
  start_filling (self);
}

void
itogi_indicator_table_put_rows (ItogiIndicatorTable *self, guint offset, GPtrArray *rows, gboolean last,
                                int year, int compare_year)
{
  g_autoptr (GPtrArray) owned = rows;
  guint n = n_rows (self), i = 0;
  gint64 last_area = -1;

  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));
  g_return_if_fail (offset <= n);
  if (offset == 0)
    {
      g_autofree char *year_text = itogi_format_year (year);
      g_autofree char *compare_text = itogi_format_year (compare_year);

      self->year = year;
      self->compare_year = compare_year;
      set_title (self, CELL_PREVIOUS, compare_text);
      set_title (self, CELL_CURRENT, year_text);
      /* Many rows come: the table scrolls itself, making widgets only near the screen. */
      set_long (self, TRUE);
    }
  else
    {
      g_autoptr (ItogiRowItem) before = item_at (self, offset - 1);
      last_area = before != NULL ? itogi_row_item_get_row (before)->area->id : -1;
    }
  /* The rows move into the items; the array no longer frees them. */
  g_ptr_array_set_free_func (owned, NULL);
  self->rebuilding = TRUE;
  /* The same indicators where they were: in place, the keyboard staying where it is. */
  for (; i < owned->len && offset + i < n; i++)
    {
      g_autoptr (ItogiRowItem) item = item_at (self, offset + i);
      const ItogiTableRow *old = itogi_row_item_get_row (item), *new = g_ptr_array_index (owned, i);

      if (old->indicator->id != new->indicator->id || old->area->id != new->area->id)
        break;
      itogi_row_item_set_row (item, g_ptr_array_index (owned, i));
      last_area = new->area->id;
    }
  /* From the first that differs (or past the last row given) the rows are made anew. */
  if (i < owned->len || last)
    truncate_rows (self, offset + i);
  for (; i < owned->len; i++)
    {
      ItogiTableRow *row = g_ptr_array_index (owned, i);
      g_autoptr (ItogiRowItem) item = itogi_row_item_new (row, row->area->id != last_area);

      last_area = row->area->id;
      append_row (self, item);
    }
  self->rebuilding = FALSE;
}

void
itogi_indicator_table_select (ItogiIndicatorTable *self, int position)
{
  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));
  if (position >= 0 && (guint)position >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    fill_all (self);
  gtk_single_selection_set_selected (self->selection,
                                     position < 0 ? GTK_INVALID_LIST_POSITION : (guint)position);
}

int
itogi_indicator_table_get_selected (ItogiIndicatorTable *self)
{
  guint pos = gtk_single_selection_get_selected (self->selection);
  return pos == GTK_INVALID_LIST_POSITION ? -1 : (int)pos;
}

GtkWidget *
itogi_indicator_table_get_cell (ItogiIndicatorTable *self, guint row, gboolean current)
{
  g_autoptr (ItogiRowItem) item = NULL;
  GtkWidget *cell;

  g_return_val_if_fail (ITOGI_IS_INDICATOR_TABLE (self), NULL);
  if (row >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    fill_all (self);
  item = g_list_model_get_item (G_LIST_MODEL (self->store), row);
  if (item == NULL)
    return NULL;
  cell = find_cell (self->view, itogi_row_item_get_row (item)->indicator->id,
                    current ? CELL_CURRENT : CELL_PREVIOUS);
  /* The cell as it is edited: an entry. */
  return cell != NULL ? to_entry (cell) : NULL;
}

static gboolean
shows_figure (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (g_object_get_data (G_OBJECT (widget), "item") != NULL
      && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "cell-kind")) == CELL_CURRENT)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_figure (child))
      return TRUE;
  return FALSE;
}

gboolean
itogi_indicator_table_shows_figures (ItogiIndicatorTable *self)
{
  g_return_val_if_fail (ITOGI_IS_INDICATOR_TABLE (self), FALSE);
  return shows_figure (self->view);
}

void
itogi_indicator_table_set_editor (ItogiIndicatorTable *self, ItogiValueEditor editor, gpointer data)
{
  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));
  self->editor = editor;
  self->editor_data = data;
}

static void
set_cells_editable (GtkWidget *widget, gboolean editable)
{
  if (ITOGI_IS_FIGURE_CELL (widget))
    gtk_editable_set_editable (GTK_EDITABLE (widget), editable);
  else if (ITOGI_IS_RESTING_FIGURE (widget))
    mark_editable (widget, editable);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_cells_editable (child, editable);
}

void
itogi_indicator_table_set_editable (ItogiIndicatorTable *self, gboolean editable)
{
  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));
  self->locked = !editable;
  set_cells_editable (GTK_WIDGET (self), editable && self->editor != NULL);
}

guint
itogi_indicator_table_save_drafts (ItogiIndicatorTable *self)
{
  guint saved = 0;

  g_return_val_if_fail (ITOGI_IS_INDICATOR_TABLE (self), 0);
  if (self->editor == NULL || g_hash_table_size (self->drafts) == 0)
    return 0;
  for (guint i = 0;; i++)
    {
      g_autoptr (ItogiRowItem) item = item_at (self, i);

      if (item == NULL)
        break;
      for (int current = 0; current <= 1; current++)
        {
          g_autofree char *key = draft_key (self, item, current);
          g_autofree char *typed = g_strdup (g_hash_table_lookup (self->drafts, key));
          g_autoptr (GError) error = NULL;

          if (typed == NULL)
            continue;
          if (self->editor (itogi_row_item_get_row (item), current, typed, self->editor_data, &error))
            {
              g_hash_table_remove (self->drafts, key);
              g_hash_table_remove (self->problems, key);
              saved++;
            }
          else
            g_hash_table_replace (self->problems, g_steal_pointer (&key), g_strdup (error->message));
        }
    }
  return saved;
}

void
itogi_indicator_table_set_menu (ItogiIndicatorTable *self, gboolean menu)
{
  g_return_if_fail (ITOGI_IS_INDICATOR_TABLE (self));
  self->menu = menu;
  itogi_table_columns_set_visible (self->columns, CELL_DETAILS, menu && !self->tight);
}
