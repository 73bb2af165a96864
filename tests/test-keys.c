/* test-keys.c: the keyboard never deletes a figure: real key presses, sent through XTest
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "itogi-area-page.h"
#include "itogi-figure-cell.h"
#include "test-util.h"
#include "window-util.h"
#include "itogi-import-dialog.h"
#include "itogi-indicator-table.h"
#include "itogi-period-editor.h"
#include "itogi-report-page.h"
#include "itogi-seed.h"
#include "itogi-store.h"
#include "itogi-text-dialog.h"
#include "itogi-tooltip.h"
#include "itogi-window.h"

#define G "\u202f"

static char *tmp_dir;
static ItogiStore *store;

/* Spin the main loop until @cond holds (a save rebuilds the table from an idle, and the keyboard
 * finds its cell again a frame later), for at most three seconds; the caller asserts it. */
#define WAIT_UNTIL(cond)                                                                                     \
  do                                                                                                         \
    {                                                                                                        \
      gint64 _end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;                                            \
      while (!(cond) && g_get_monotonic_time () < _end)                                                      \
        g_main_context_iteration (NULL, FALSE);                                                              \
    }                                                                                                        \
  while (0)

/* Press and release @keysym with the modifiers in @mods held, as a keyboard would, without
 * waiting for the window to take it: the next key may come before the app has acted on this one. */
static void
press_now (guint keysym, GdkModifierType mods)
{
  Display *x = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  static const struct
  {
    GdkModifierType mask;
    guint keysym;
  } held[]
      = { { GDK_CONTROL_MASK, XK_Control_L }, { GDK_SHIFT_MASK, XK_Shift_L }, { GDK_ALT_MASK, XK_Alt_L } };
  KeyCode code = XKeysymToKeycode (x, keysym);

  g_assert_cmpuint (code, !=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    if (mods & held[i].mask)
      XTestFakeKeyEvent (x, XKeysymToKeycode (x, held[i].keysym), True, CurrentTime);
  XTestFakeKeyEvent (x, code, True, CurrentTime);
  XTestFakeKeyEvent (x, code, False, CurrentTime);
  for (guint i = G_N_ELEMENTS (held); i-- > 0;)
    if (mods & held[i].mask)
      XTestFakeKeyEvent (x, XKeysymToKeycode (x, held[i].keysym), False, CurrentTime);
  XSync (x, False);
}

/* Run the main loop until the app has nothing left to do: a save's step reaches the window's
 * undo from an idle, the table is made again, the keyboard given back. However slow the machine
 * (the sanitizers make it several times slower), the next key comes after that. The cursor does
 * not blink in these tests, so an idle app is quiet. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint quiet = 0;

  while (quiet < 5 && g_get_monotonic_time () < end)
    {
      if (g_main_context_iteration (NULL, FALSE))
        quiet = 0;
      else
        {
          quiet++;
          g_usleep (10000);
        }
    }
}

static void
press (guint keysym, GdkModifierType mods)
{
  press_now (keysym, mods);
  itogi_test_spin (20);
  settle ();
}

static void
collect_buttons (GtkWidget *widget, const char *label, GPtrArray *out)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, label, out);
}

/* The button @label («_Discard») by the keyboard, in the language the tests run in: Alt and its
 * mnemonic. Xvfb has only a US keyboard, on which GTK matches no Cyrillic mnemonic («_Отбросить»):
 * then the button is reached with Tab and pressed with Space, as a keyboard user would without
 * the Russian layout. */
static void
press_button (const char *label)
{
  const char *shown = itogi_test_tr (label);
  const char *mark = strchr (shown, '_');
  gunichar c;
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  GListModel *all = gtk_window_get_toplevels ();

  g_assert_nonnull (mark);
  c = g_utf8_get_char (mark + 1);
  if (c < 128)
    {
      press (gdk_unicode_to_keyval (g_unichar_tolower (c)), GDK_ALT_MASK);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (all, i);
      if (gtk_window_is_active (w))
        collect_buttons (GTK_WIDGET (w), shown, buttons);
    }
  g_assert_cmpuint (buttons->len, ==, 1);
  for (guint i = 0; i < 40 && !gtk_widget_has_focus (buttons->pdata[0]); i++)
    press (XK_Tab, 0);
  g_assert_true (gtk_widget_has_focus (buttons->pdata[0]));
  press (XK_space, 0);
}

/* Type @text, made of digits, small Latin letters, spaces and commas. */
static void
type_keys (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    press (*p == ' ' ? XK_space : *p == ',' ? XK_comma : (guint)*p, 0);
}

static GtkWidget *
focused (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

/* Whether @widget (or the text inside it) has the keyboard. */
static gboolean
has_keyboard (GtkWidget *widget)
{
  GtkWidget *f = widget != NULL ? focused (widget) : NULL;
  return f != NULL && (f == widget || gtk_widget_is_ancestor (f, widget));
}

/* Wait for @window to have the X keyboard: no window manager gives it, presenting does. */
static void
wait_active (GtkWindow *window)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_window_is_active (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_window_is_active (window));
  itogi_test_spin (100);
}

static ItogiWindow *
open_window (void)
{
  ItogiWindow *window = itogi_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  wait_active (GTK_WINDOW (window));
  return window;
}

static void
close_window (ItogiWindow *window)
{
  itogi_test_close_window (GTK_WINDOW (window));
}

static GtkWindow *
find_toplevel (const char *title)
{
  /* Titles are given in English and compared as the programs say them in the tests' locale. */
  return itogi_test_find_toplevel (itogi_test_tr (title));
}

/* The question shown over a dialog, or NULL. */
static AdwMessageDialog *
find_question (void)
{
  GListModel *all = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (all, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static GtkWidget *
show_area (ItogiWindow *window, const char *slug)
{
  itogi_window_set_years (window, 2023, 2022);
  g_assert_true (itogi_window_show_page (window, slug));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  itogi_test_spin (200);
  return itogi_window_get_page (window, slug);
}

static GtkWidget *
cell_at (GtkWidget *page, guint row, gboolean current)
{
  return itogi_indicator_table_get_cell (ITOGI_INDICATOR_TABLE (itogi_page_get_table (ITOGI_PAGE (page))),
                                         row, current);
}

static guint
n_rows (GtkWidget *page)
{
  return g_list_model_get_n_items (
      itogi_indicator_table_get_model (ITOGI_INDICATOR_TABLE (itogi_page_get_table (ITOGI_PAGE (page)))));
}

static const char *
text_of (GtkWidget *editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

/* The year's figure of the @index-th indicator of an area, or −1 when it has none. */
static gint64
stored (const char *area_slug, guint index, int year)
{
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, area_slug, NULL);
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (store, area->id, FALSE, NULL);
  g_auto (ItogiValue) v = { 0 };

  g_assert_true (itogi_store_get_year_value (store, list->pdata[index], year, &v, NULL));
  return v.present ? v.amount : -1;
}

/* Every figure of the documents area, both years, as one string to compare before and after. */
static char *
documents_figures (void)
{
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, "documents", NULL);
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (store, area->id, FALSE, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " ", stored ("documents", i, 2022),
                            stored ("documents", i, 2023));
  return g_string_free (out, FALSE);
}

static void
focus_cell (GtkWidget *cell)
{
  g_assert_nonnull (cell);
  gtk_widget_grab_focus (cell);
  itogi_test_spin (50);
  g_assert_true (has_keyboard (cell));
}

/* Enter saves a figure and goes down the same year's column, as a spreadsheet does; Shift+Enter
 * goes up; at either end the keyboard stays in the cell, its figure selected. */
static void
test_enter_moves_down (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "documents");
  guint last = n_rows (page) - 1;
  g_autofree char *before = documents_figures ();
  int start, end;

  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22808);
  focus_cell (cell_at (page, 0, TRUE));
  type_keys ("22900");
  press (XK_Return, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, TRUE))
              && g_str_equal (text_of (cell_at (page, 0, TRUE)), "22" G "900"));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22900);
  /* The row below, this year's figure: not the comparison year of the same row. */
  g_assert_true (has_keyboard (cell_at (page, 1, TRUE)));
  g_assert_false (has_keyboard (cell_at (page, 0, FALSE)));
  g_assert_cmpint (stored ("documents", 0, 2022), ==, 23142);
  /* Its figure is selected: typing replaces it, as in a spreadsheet. */
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (cell_at (page, 1, TRUE)), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, g_utf8_strlen (text_of (cell_at (page, 1, TRUE)), -1));

  /* Enter on a figure nobody typed in (here the keypad's, as figures are often typed) saves
   * nothing and goes on down. */
  press (XK_KP_Enter, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 2, TRUE)));
  g_assert_true (has_keyboard (cell_at (page, 2, TRUE)));
  /* Shift+Enter goes back up, twice, saving nothing. */
  press (XK_Return, GDK_SHIFT_MASK);
  press (XK_Return, GDK_SHIFT_MASK);
  WAIT_UNTIL (has_keyboard (cell_at (page, 0, TRUE)));
  g_assert_true (has_keyboard (cell_at (page, 0, TRUE)));
  /* The top: Shift+Enter stays. */
  press (XK_Return, GDK_SHIFT_MASK);
  itogi_test_spin (200);
  g_assert_true (has_keyboard (cell_at (page, 0, TRUE)));
  g_assert_cmpstr (text_of (cell_at (page, 0, TRUE)), ==, "22" G "900");

  /* The last row: the figure typed there is saved, and the keyboard stays on it, selected. */
  focus_cell (cell_at (page, last, FALSE));
  {
    type_keys ("77");
    press (XK_Return, 0);
    itogi_test_spin (300);
    WAIT_UNTIL (has_keyboard (cell_at (page, last, FALSE)));
    g_assert_cmpint (stored ("documents", last, 2022), ==, 77);
    g_assert_true (has_keyboard (cell_at (page, last, FALSE)));
    g_assert_cmpstr (text_of (cell_at (page, last, FALSE)), ==, "77");
    g_assert_true (
        gtk_editable_get_selection_bounds (GTK_EDITABLE (cell_at (page, last, FALSE)), &start, &end));
    g_assert_cmpint (end - start, ==, 2);
    /* Enter again there changes nothing. */
    press (XK_Return, 0);
    itogi_test_spin (200);
    g_assert_true (has_keyboard (cell_at (page, last, FALSE)));
  }
  /* Both saves undone: the area is as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  {
    g_autofree char *after = documents_figures ();
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_false (itogi_window_can_undo (window));
  close_window (window);
}

/* Down and Up go to the same year's figure of the row below and above, as Enter and Shift+Enter
 * do, saving what was typed; never to the row as a whole, where typing would go nowhere. */
static void
test_arrows_move (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "documents");
  g_autofree char *before = documents_figures ();

  focus_cell (cell_at (page, 0, FALSE));
  type_keys ("23150");
  press (XK_Down, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, FALSE)));
  g_assert_true (has_keyboard (cell_at (page, 1, FALSE)));
  g_assert_cmpint (stored ("documents", 0, 2022), ==, 23150);
  press (XK_Down, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 2, FALSE)));
  g_assert_true (has_keyboard (cell_at (page, 2, FALSE)));
  /* Typing lands in the cell with the keyboard, and Up saves it and goes back up. */
  type_keys ("4830");
  press (XK_Up, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, FALSE)));
  g_assert_true (has_keyboard (cell_at (page, 1, FALSE)));
  g_assert_cmpint (stored ("documents", 2, 2022), ==, 4830);
  press (XK_KP_Up, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 0, FALSE)));
  g_assert_true (has_keyboard (cell_at (page, 0, FALSE)));
  /* The top: Up stays. */
  press (XK_Up, 0);
  itogi_test_spin (200);
  g_assert_true (has_keyboard (cell_at (page, 0, FALSE)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  {
    g_autofree char *after = documents_figures ();
    g_assert_cmpstr (after, ==, before);
  }
  close_window (window);
}

/* The row's menu from the keyboard: Menu or Shift+F10 in a figure (being edited, as every figure
 * with the keyboard is) opens its indicator's menu under it, not the text's; Escape closes it and
 * nothing is changed. */
static GtkWidget *
open_row_menu (GtkWidget *page)
{
  g_autoptr (GPtrArray) popovers = g_ptr_array_new ();
  GtkWidget *table = itogi_page_get_table (ITOGI_PAGE (page));

  itogi_test_collect_type (table, GTK_TYPE_POPOVER_MENU, popovers);
  for (guint i = 0; i < popovers->len; i++)
    if (gtk_widget_get_visible (popovers->pdata[i]))
      return popovers->pdata[i];
  return NULL;
}

static void
test_row_menu_keys (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "documents");
  g_autofree char *before = documents_figures ();
  static const struct
  {
    guint keysym;
    GdkModifierType mods;
  } keys[] = { { XK_Menu, 0 }, { XK_F10, GDK_SHIFT_MASK } };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      GtkWidget *menu;

      focus_cell (cell_at (page, 1, TRUE));
      press (keys[k].keysym, keys[k].mods);
      WAIT_UNTIL (open_row_menu (page) != NULL);
      menu = open_row_menu (page);
      g_assert_nonnull (menu);
      /* The indicator's, not the text's: its first item is the months of the report year. */
      {
        GMenuModel *model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
        g_autofree char *label = NULL;
        g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_ACTION, "s", &label));
        g_assert_cmpstr (label, ==, "indicator.periods");
      }
      press (XK_Escape, 0);
      WAIT_UNTIL (open_row_menu (page) == NULL);
      g_assert_null (open_row_menu (page));
    }
  settle ();
  {
    g_autofree char *after = documents_figures ();
    g_assert_cmpstr (after, ==, before);
  }
  close_window (window);
}

/* The tester's case: a figure's text selected, Ctrl+Z, then Tab. Ctrl+Z in a cell with nothing
 * typed is the window's undo, never GtkText's; leaving a cell nobody typed in changes nothing;
 * typing is taken back only as far as the stored figure; emptying a cell on purpose still
 * removes its figure. */
static void
test_undo_in_cell (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "documents");
  g_autofree char *before = documents_figures ();

  /* The 2022 cell, its text selected, nothing to undo anywhere: Ctrl+Z, then Tab. */
  g_assert_false (itogi_window_can_undo (window));
  focus_cell (cell_at (page, 0, FALSE));
  press (XK_z, GDK_CONTROL_MASK);
  g_assert_cmpstr (text_of (cell_at (page, 0, FALSE)), ==, "23" G "142");
  press (XK_Tab, 0);
  itogi_test_spin (200);
  g_assert_false (has_keyboard (cell_at (page, 0, FALSE)));
  g_assert_cmpint (stored ("documents", 0, 2022), ==, 23142);
  g_assert_false (itogi_window_can_undo (window));
  {
    g_autofree char *now = documents_figures ();
    g_assert_cmpstr (now, ==, before);
  }

  /* A figure saved with Enter; in the next cell, untouched, Ctrl+Z undoes that save. */
  focus_cell (cell_at (page, 0, TRUE));
  type_keys ("22900");
  press (XK_Return, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, TRUE))
              && g_str_equal (text_of (cell_at (page, 0, TRUE)), "22" G "900"));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22900);
  g_assert_true (has_keyboard (cell_at (page, 1, TRUE)));
  press (XK_z, GDK_CONTROL_MASK);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, TRUE))
              && g_str_equal (text_of (cell_at (page, 0, TRUE)), "22" G "808"));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22808);
  g_assert_cmpstr (text_of (cell_at (page, 0, TRUE)), ==, "22" G "808");
  /* The keyboard is still where it was, and the cell still holds its figure. */
  g_assert_true (has_keyboard (cell_at (page, 1, TRUE)));
  g_assert_cmpstr (text_of (cell_at (page, 1, TRUE)), !=, "");
  /* Ctrl+Shift+Z and Ctrl+Y redo it; Ctrl+Z undoes it again. */
  press (XK_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, TRUE))
              && g_str_equal (text_of (cell_at (page, 0, TRUE)), "22" G "900"));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22900);
  press (XK_z, GDK_CONTROL_MASK);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, TRUE))
              && g_str_equal (text_of (cell_at (page, 0, TRUE)), "22" G "808"));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22808);
  press (XK_y, GDK_CONTROL_MASK);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, TRUE))
              && g_str_equal (text_of (cell_at (page, 0, TRUE)), "22" G "900"));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22900);
  press (XK_z, GDK_CONTROL_MASK);
  WAIT_UNTIL (has_keyboard (cell_at (page, 1, TRUE))
              && g_str_equal (text_of (cell_at (page, 0, TRUE)), "22" G "808"));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22808);
  /* Leaving the untouched cell saves nothing. */
  press (XK_Tab, 0);
  itogi_test_spin (200);
  {
    g_autofree char *now = documents_figures ();
    g_assert_cmpstr (now, ==, before);
  }

  /* Typing, then Ctrl+Z: the cell shows its stored figure again, not an empty text, and leaving
   * it saves nothing. Ctrl+Shift+Z brings the typing back; Escape takes it away. */
  focus_cell (cell_at (page, 2, TRUE));
  {
    g_autofree char *figure = g_strdup (text_of (cell_at (page, 2, TRUE)));

    type_keys ("5");
    g_assert_cmpstr (text_of (cell_at (page, 2, TRUE)), ==, "5");
    press (XK_z, GDK_CONTROL_MASK);
    g_assert_cmpstr (text_of (cell_at (page, 2, TRUE)), ==, figure);
    press (XK_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
    g_assert_cmpstr (text_of (cell_at (page, 2, TRUE)), ==, "5");
    press (XK_Escape, 0);
    g_assert_cmpstr (text_of (cell_at (page, 2, TRUE)), ==, figure);
    press (XK_Tab, GDK_SHIFT_MASK);
    itogi_test_spin (200);
    g_assert_false (has_keyboard (cell_at (page, 2, TRUE)));
  }
  {
    g_autofree char *now = documents_figures ();
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_false (itogi_window_can_undo (window));

  /* Emptied on purpose (BackSpace on the selected figure), then left: the year's figure is
   * removed, as documented, and Ctrl+Z in the next cell brings it back. */
  focus_cell (cell_at (page, 2, FALSE));
  press (XK_BackSpace, 0);
  g_assert_cmpstr (text_of (cell_at (page, 2, FALSE)), ==, "");
  press (XK_Tab, 0);
  itogi_test_spin (300);
  WAIT_UNTIL (has_keyboard (cell_at (page, 2, TRUE)));
  g_assert_cmpint (stored ("documents", 2, 2022), ==, -1);
  g_assert_true (has_keyboard (cell_at (page, 2, TRUE)));
  press (XK_z, GDK_CONTROL_MASK);
  WAIT_UNTIL (has_keyboard (cell_at (page, 2, TRUE)) && *text_of (cell_at (page, 2, FALSE)) != '\0');
  {
    g_autofree char *now = documents_figures ();
    g_assert_cmpstr (now, ==, before);
  }
  close_window (window);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWidget *
view_of (GtkWidget *root, GtkTextBuffer *buffer)
{
  g_autoptr (GPtrArray) views = g_ptr_array_new ();

  itogi_test_collect_type (root, GTK_TYPE_TEXT_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    if (gtk_text_view_get_buffer (views->pdata[i]) == buffer)
      return views->pdata[i];
  return NULL;
}

/* No text view of the page holds a tab, and no area's report text is stored. */
static void
assert_report_untouched (GtkWidget *page)
{
  g_autoptr (GPtrArray) views = g_ptr_array_new ();
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, FALSE, NULL);

  itogi_test_collect_type (page, GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, >=, 8);
  for (guint i = 0; i < views->len; i++)
    {
      g_autofree char *text = buffer_text (gtk_text_view_get_buffer (views->pdata[i]));
      g_assert_null (strchr (text, '\t'));
    }
  for (guint i = 0; i < areas->len; i++)
    g_assert_null (itogi_store_get_report_text (store, ((ItogiArea *)areas->pdata[i])->id, 2023, 2022, NULL));
}

/* Tab and Shift+Tab go through the Report page's texts without writing into them: 33 presses
 * save nothing. A pasted tab becomes a space, on screen and in the database. A notes dialog's
 * text is left with Tab too. */
static void
test_tab_leaves_text (void)
{
  ItogiWindow *window = open_window ();
  g_autoptr (ItogiArea) legal = itogi_store_find_area (store, "legal", NULL);
  GtkWidget *page, *view, *dialog;
  GtkTextBuffer *buffer;
  g_autofree char *generated = NULL;
  g_autofree char *notes_title = NULL;

  itogi_window_set_years (window, 2023, 2022);
  g_assert_true (itogi_window_show_page (window, ITOGI_REPORT_PAGE_NAME));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  itogi_test_spin (200);
  page = itogi_window_get_page (window, ITOGI_REPORT_PAGE_NAME);
  buffer = itogi_report_page_get_buffer (ITOGI_REPORT_PAGE (page), "legal");
  view = view_of (page, buffer);
  g_assert_nonnull (view);
  generated = buffer_text (buffer);

  gtk_widget_grab_focus (view);
  itogi_test_spin (50);
  g_assert_true (has_keyboard (view));
  press (XK_Tab, 0);
  g_assert_false (has_keyboard (view));
  {
    g_autofree char *now = buffer_text (buffer);
    g_assert_cmpstr (now, ==, generated);
  }
  /* Shift+Tab comes back into the text, and leaves it again the other way. */
  press (XK_Tab, GDK_SHIFT_MASK);
  g_assert_true (has_keyboard (view));
  press (XK_Tab, GDK_SHIFT_MASK);
  g_assert_false (has_keyboard (view));
  /* The tester's 33 presses, from inside the text, through the whole page. */
  gtk_widget_grab_focus (view);
  itogi_test_spin (50);
  for (guint i = 0; i < 33; i++)
    press (XK_Tab, 0);
  itogi_test_spin (1200); /* longer than the pause after which typing is saved */
  assert_report_untouched (page);
  g_assert_false (itogi_window_can_undo (window));

  /* Pasted from a table: the tab becomes a space, and that is what is saved. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (view), "Первый\tвторой");
  gtk_widget_grab_focus (view);
  itogi_test_spin (50);
  press (XK_End, GDK_CONTROL_MASK);
  press (XK_v, GDK_CONTROL_MASK);
  itogi_test_spin (200);
  {
    g_autofree char *now = buffer_text (buffer);
    g_assert_null (strchr (now, '\t'));
    g_assert_true (g_str_has_suffix (now, "Первый второй"));
  }
  itogi_test_spin (1200);
  {
    g_autofree char *kept = itogi_store_get_report_text (store, legal->id, 2023, 2022, NULL);
    g_assert_nonnull (kept);
    g_assert_null (strchr (kept, '\t'));
    g_assert_true (g_str_has_suffix (kept, "Первый второй"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  assert_report_untouched (page);

  /* A notes dialog: Tab leaves its text for the buttons, writing nothing into it. */
  page = show_area (window, "legal");
  g_assert_true (gtk_widget_activate_action (page, "area.edit-notes", NULL));
  notes_title = itogi_test_trf ("Notes for %s", "2023\u00a0г.", NULL);
  dialog = GTK_WIDGET (find_toplevel (notes_title));
  g_assert_nonnull (dialog);
  wait_active (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_TEXT_VIEW (focused (dialog)));
  view = focused (dialog);
  press (XK_Tab, 0);
  g_assert_false (has_keyboard (view));
  {
    g_autofree char *text = itogi_text_dialog_get_text (ITOGI_TEXT_DIALOG (dialog));
    g_assert_cmpstr (text, ==, "");
  }
  /* Nothing typed: Escape closes it at once. */
  press (XK_Escape, 0);
  itogi_test_spin (100);
  g_assert_null (find_toplevel ("Notes for 2023\u00a0г."));
  g_assert_null (itogi_store_get_area_note (store, legal->id, 2023, NULL));
  close_window (window);
}

static guint
months_stored (const ItogiIndicator *ind)
{
  ItogiValue months[12] = { 0 };
  guint n = 0;

  g_assert_true (itogi_store_get_periods (store, ind->id, 2023, ITOGI_PERIOD_MONTH, months, 12, NULL));
  for (guint i = 0; i < 12; i++)
    {
      n += months[i].present;
      itogi_value_clear (&months[i]);
    }
  return n;
}

/* Wait for the window titled @title to close: a button pressed from the keyboard says "clicked"
 * only after its press is shown, about a quarter of a second later. */
static void
wait_closed (const char *title)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (find_toplevel (title) != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  itogi_test_spin (50);
  g_assert_null (find_toplevel (title));
}

/* The question, with the keyboard. */
static AdwMessageDialog *
wait_question (const char *heading)
{
  AdwMessageDialog *question = NULL;
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  /* A button pressed with its mnemonic says "clicked" only after its press is shown. */
  while ((question = find_question ()) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, itogi_test_tr (heading));
  wait_active (GTK_WINDOW (question));
  return question;
}

static GtkWidget *
open_period_editor (GtkWidget *page, const ItogiIndicator *ind, const char *title)
{
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (page, "indicator.periods", "x", ind->id));
  editor = GTK_WIDGET (find_toplevel (title));
  g_assert_nonnull (editor);
  wait_active (GTK_WINDOW (editor));
  g_assert_true (
      has_keyboard (itogi_period_editor_get_field (ITOGI_PERIOD_EDITOR (editor), ITOGI_PERIOD_MONTH, 1)));
  return editor;
}

/* Escape, Cancel, or closing the months and quarters editor any other way with figures typed:
 * asked first, the figures kept until the user says Discard, or saved if they say Save. With
 * nothing typed it closes at once. */
static void
test_escape_asks (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "documents");
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, "documents", NULL);
  g_autoptr (GPtrArray) list = itogi_store_list_indicators (store, area->id, FALSE, NULL);
  ItogiIndicator *ind = list->pdata[0];
  g_autofree char *title = g_strdup_printf ("%s, 2023\u00a0г.", ind->title);
  GtkWidget *editor, *january;

  editor = open_period_editor (page, ind, title);
  press (XK_Escape, 0);
  itogi_test_spin (100);
  g_assert_null (find_toplevel (title));
  g_assert_null (find_question ());

  editor = open_period_editor (page, ind, title);
  january = itogi_period_editor_get_field (ITOGI_PERIOD_EDITOR (editor), ITOGI_PERIOD_MONTH, 1);
  type_keys ("1900");
  press (XK_Escape, 0);
  wait_question ("Discard the Typed Figures?");
  /* Nothing saved, nothing dropped. */
  g_assert_nonnull (find_toplevel (title));
  g_assert_cmpstr (text_of (january), ==, "1900");
  g_assert_cmpuint (months_stored (ind), ==, 0);
  /* Escape on the question: back to the figures, with the keyboard. */
  press (XK_Escape, 0);
  itogi_test_spin (100);
  g_assert_null (find_question ());
  wait_active (GTK_WINDOW (editor));
  g_assert_cmpstr (text_of (january), ==, "1900");
  /* Escape again, then Discard (Alt+D): gone, and nothing saved. */
  press (XK_Escape, 0);
  wait_question ("Discard the Typed Figures?");
  press_button ("_Discard");
  wait_closed (title);
  g_assert_null (find_question ());
  g_assert_cmpuint (months_stored (ind), ==, 0);

  /* Cancel (Alt+C) asks the same; Enter chooses Save, and the figure is stored. */
  gtk_window_present (GTK_WINDOW (window));
  wait_active (GTK_WINDOW (window));
  editor = open_period_editor (page, ind, title);
  type_keys ("1900");
  press_button ("_Cancel");
  wait_question ("Discard the Typed Figures?");
  g_assert_nonnull (find_toplevel (title));
  press (XK_Return, 0);
  wait_closed (title);
  g_assert_cmpuint (months_stored (ind), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_cmpuint (months_stored (ind), ==, 0);

  /* Save chosen with a figure the editor refuses: nothing saved, the editor stays with the reason
   * and everything typed; it can still be left with Discard. */
  gtk_window_present (GTK_WINDOW (window));
  wait_active (GTK_WINDOW (window));
  editor = open_period_editor (page, ind, title);
  january = itogi_period_editor_get_field (ITOGI_PERIOD_EDITOR (editor), ITOGI_PERIOD_MONTH, 1);
  type_keys ("abc");
  press (XK_Escape, 0);
  wait_question ("Discard the Typed Figures?");
  press (XK_Return, 0);
  WAIT_UNTIL (find_question () == NULL && gtk_window_is_active (GTK_WINDOW (editor)));
  itogi_test_spin (300);
  g_assert_nonnull (find_toplevel (title));
  g_assert_cmpstr (text_of (january), ==, "abc");
  g_assert_true (gtk_widget_has_css_class (january, "error"));
  g_assert_true (gtk_window_is_active (GTK_WINDOW (editor)));
  g_assert_cmpuint (months_stored (ind), ==, 0);
  press (XK_Escape, 0);
  wait_question ("Discard the Typed Figures?");
  press_button ("_Discard");
  wait_closed (title);
  g_assert_cmpuint (months_stored (ind), ==, 0);

  /* The window's own close (a window manager's button, Alt+F4) asks too, and so does closing the
   * main window under it. */
  gtk_window_present (GTK_WINDOW (window));
  wait_active (GTK_WINDOW (window));
  editor = open_period_editor (page, ind, title);
  type_keys ("1900");
  gtk_window_close (GTK_WINDOW (editor));
  wait_question ("Discard the Typed Figures?");
  press (XK_Escape, 0);
  itogi_test_spin (100);
  gtk_window_close (GTK_WINDOW (window));
  wait_question ("Discard the Typed Figures?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (find_toplevel (title));
  press_button ("_Discard");
  wait_closed (title);
  g_assert_cmpuint (months_stored (ind), ==, 0);
  /* The main window stayed open; closing it now closes it. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  close_window (window);
}

/* Type into whatever has the keyboard in @dialog, press Escape: the question @heading comes, and
 * Escape on it keeps the dialog open; then Discard closes it. */
static void
escape_asks_then_discard (GtkWidget *dialog, const char *title, const char *typed, const char *heading)
{
  wait_active (GTK_WINDOW (dialog));
  if (typed != NULL)
    type_keys (typed);
  press (XK_Escape, 0);
  wait_question (heading);
  press (XK_Escape, 0);
  itogi_test_spin (100);
  g_assert_null (find_question ());
  g_assert_nonnull (find_toplevel (title));
  wait_active (GTK_WINDOW (dialog));
  press (XK_Escape, 0);
  wait_question (heading);
  press_button ("_Discard");
  wait_closed (title);
}

/* Every other dialog with something to type or choose asks before it drops it: the notes, a
 * task, an indicator, an area, the columns of an import. */
static void
test_dialogs_ask (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "legal");
  g_autoptr (ItogiArea) legal = itogi_store_find_area (store, "legal", NULL);
  g_autoptr (GPtrArray) documents = NULL;
  g_autofree char *areas_before = NULL;
  g_autofree char *notes_title = NULL;
  GtkWidget *dialog;

  /* Notes. */
  g_assert_true (gtk_widget_activate_action (page, "area.edit-notes", NULL));
  notes_title = itogi_test_trf ("Notes for %s", "2023\u00a0г.", NULL);
  dialog = GTK_WIDGET (find_toplevel (notes_title));
  g_assert_nonnull (dialog);
  escape_asks_then_discard (dialog, notes_title, "abc", "Discard the Typed Text?");
  g_assert_null (itogi_store_get_area_note (store, legal->id, 2023, NULL));

  /* An indicator's settings: its title typed over. */
  page = show_area (window, "documents");
  {
    g_autoptr (ItogiArea) area = itogi_store_find_area (store, "documents", NULL);
    documents = itogi_store_list_indicators (store, area->id, FALSE, NULL);
  }
  {
    ItogiIndicator *ind = documents->pdata[0];
    g_autofree char *before = g_strdup (ind->title);
    g_autoptr (GPtrArray) now = NULL;

    gtk_window_present (GTK_WINDOW (window));
    wait_active (GTK_WINDOW (window));
    g_assert_true (gtk_widget_activate_action (page, "indicator.edit", "x", ind->id));
    dialog = GTK_WIDGET (find_toplevel ("Edit Indicator"));
    g_assert_nonnull (dialog);
    escape_asks_then_discard (dialog, "Edit Indicator", "abc", "Discard the Changes?");
    {
      g_autoptr (ItogiArea) area = itogi_store_find_area (store, "documents", NULL);
      now = itogi_store_list_indicators (store, area->id, FALSE, NULL);
    }
    g_assert_cmpstr (((ItogiIndicator *)now->pdata[0])->title, ==, before);
  }

  /* A new area. */
  {
    g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, TRUE, NULL);
    areas_before = g_strdup_printf ("%u", areas->len);
  }
  gtk_window_present (GTK_WINDOW (window));
  wait_active (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-area", NULL));
  dialog = GTK_WIDGET (find_toplevel ("New Area"));
  g_assert_nonnull (dialog);
  escape_asks_then_discard (dialog, "New Area", "abc", "Discard the Changes?");
  {
    g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, TRUE, NULL);
    g_autofree char *now = g_strdup_printf ("%u", areas->len);
    g_assert_cmpstr (now, ==, areas_before);
  }

  /* A task reworded. */
  page = show_area (window, "legal");
  {
    g_autoptr (GError) error = NULL;
    gint64 task = itogi_store_add_task (store, legal->id, 2024, "Обновить регламенты", &error);
    g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
    g_autoptr (GPtrArray) tasks = NULL;

    g_assert_no_error (error);
    g_assert_true (itogi_page_set_years (ITOGI_PAGE (page), 2023, 2022, &error));
    itogi_test_spin (200);
    itogi_test_collect_type (page, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (gtk_widget_get_mapped (buttons->pdata[i])
          && g_strcmp0 (itogi_tooltip_get (buttons->pdata[i]), itogi_test_tr ("Edit Task")) == 0)
        g_signal_emit_by_name (buttons->pdata[i], "clicked");
    dialog = GTK_WIDGET (find_toplevel ("Edit Task"));
    g_assert_nonnull (dialog);
    escape_asks_then_discard (dialog, "Edit Task", "abc", "Discard the Typed Text?");
    tasks = itogi_store_list_tasks (store, legal->id, 2024, NULL);
    g_assert_cmpuint (tasks->len, ==, 1);
    g_assert_cmpstr (((ItogiTask *)tasks->pdata[0])->text, ==, "Обновить регламенты");
    g_assert_true (itogi_store_delete_task (store, task, &error));
    g_assert_no_error (error);
  }

  /* An import whose columns were chosen by hand. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "figures.csv", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (GError) error = NULL;

    g_assert_true (g_file_set_contents (path,
                                        "Что;Год;Сколько\r\n"
                                        "Проведено выездных и камеральных проверок;2025;31\r\n",
                                        -1, NULL));
    gtk_window_present (GTK_WINDOW (window));
    wait_active (GTK_WINDOW (window));
    g_assert_true (itogi_window_import_file (window, file, &error));
    g_assert_no_error (error);
    dialog = GTK_WIDGET (find_toplevel ("Import from CSV"));
    g_assert_nonnull (dialog);
    /* Left as guessed, nothing to lose: Escape closes it. */
    wait_active (GTK_WINDOW (dialog));
    press (XK_Escape, 0);
    itogi_test_spin (100);
    g_assert_null (find_question ());
    g_assert_null (find_toplevel ("Import from CSV"));
    g_assert_true (itogi_window_import_file (window, file, &error));
    dialog = GTK_WIDGET (find_toplevel ("Import from CSV"));
    itogi_import_dialog_choose (ITOGI_IMPORT_DIALOG (dialog), ITOGI_IMPORT_COLUMN_INDICATOR, 1);
    itogi_import_dialog_choose (ITOGI_IMPORT_DIALOG (dialog), ITOGI_IMPORT_COLUMN_VALUE, 3);
    escape_asks_then_discard (dialog, "Import from CSV", NULL, "Discard the Chosen Columns?");
    g_assert_false (itogi_window_can_undo (window));
    g_unlink (path);
  }
  close_window (window);
}

/* A fast typist: the next row's figure is typed before the table is made again after the save;
 * no key is lost, nor any figure saved that was not typed. */
static void
test_fast_typing (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "documents");
  g_autofree char *before = documents_figures ();

  focus_cell (cell_at (page, 0, TRUE));
  type_keys ("22900");
  press_now (XK_Return, 0);
  press_now (XK_1, 0);
  press_now (XK_2, 0);
  itogi_test_spin (300);
  press (XK_3, 0);
  press (XK_Return, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 2, TRUE))
              && g_str_equal (text_of (cell_at (page, 1, TRUE)), "123"));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22900);
  g_assert_cmpint (stored ("documents", 1, 2023), ==, 123);
  g_assert_cmpint (stored ("documents", 0, 2022), ==, 23142);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  {
    g_autofree char *now = documents_figures ();
    g_assert_cmpstr (now, ==, before);
  }
  close_window (window);
}

/* A refused figure keeps its typing and its message through the table being made again by
 * another save, and leaving it saves nothing; Escape puts the stored figure back. */
static void
test_refused_typing_kept (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "documents");
  g_autofree char *before = documents_figures ();

  focus_cell (cell_at (page, 0, TRUE));
  type_keys ("abc");
  press (XK_Return, 0);
  itogi_test_spin (100);
  /* Refused: said at the cell, the keyboard stays there. */
  g_assert_true (has_keyboard (cell_at (page, 0, TRUE)));
  g_assert_nonnull (itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (cell_at (page, 0, TRUE))));
  press (XK_Tab, 0);
  press (XK_Tab, 0);
  press (XK_Tab, 0);
  g_assert_true (has_keyboard (cell_at (page, 1, TRUE)));
  /* Another figure saved: every row is made again. */
  type_keys ("1");
  press (XK_Return, 0);
  WAIT_UNTIL (has_keyboard (cell_at (page, 2, TRUE)) && g_str_equal (text_of (cell_at (page, 1, TRUE)), "1"));
  g_assert_cmpint (stored ("documents", 1, 2023), ==, 1);
  g_assert_cmpstr (text_of (cell_at (page, 0, TRUE)), ==, "abc");
  g_assert_nonnull (itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (cell_at (page, 0, TRUE))));
  g_assert_cmpint (stored ("documents", 0, 2023), ==, 22808);
  /* Escape there: the stored figure again, and the message gone. */
  focus_cell (cell_at (page, 0, TRUE));
  press (XK_Escape, 0);
  g_assert_cmpstr (text_of (cell_at (page, 0, TRUE)), ==, "22" G "808");
  g_assert_null (itogi_figure_cell_get_problem (ITOGI_FIGURE_CELL (cell_at (page, 0, TRUE))));
  press (XK_Tab, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  {
    g_autofree char *now = documents_figures ();
    g_assert_cmpstr (now, ==, before);
  }
  close_window (window);
}

static GtkWidget *
new_task_row (GtkWidget *page)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  itogi_test_collect_type (page, ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  return rows->pdata[0];
}

/* Tasks typed one after another with Enter: the keyboard stays in the «New task» row, and what
 * is typed there is not lost when the page is made again by a change elsewhere. */
static void
test_task_typing_kept (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "legal");
  g_autoptr (ItogiArea) legal = itogi_store_find_area (store, "legal", NULL);
  g_autoptr (GPtrArray) tasks = NULL;

  gtk_widget_grab_focus (new_task_row (page));
  itogi_test_spin (50);
  g_assert_true (has_keyboard (new_task_row (page)));
  type_keys ("abc");
  /* A fast typist: the next task's first letters come before the page is made again. */
  press_now (XK_Return, 0);
  press_now (XK_d, 0);
  press_now (XK_e, 0);
  itogi_test_spin (300);
  press (XK_f, 0);
  tasks = itogi_store_list_tasks (store, legal->id, 2024, NULL);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpstr (((ItogiTask *)tasks->pdata[0])->text, ==, "abc");
  g_assert_true (has_keyboard (new_task_row (page)));
  g_assert_cmpstr (text_of (new_task_row (page)), ==, "def");
  /* The next one, half typed, when the data changes (here: the last step undone). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_clear_pointer (&tasks, g_ptr_array_unref);
  tasks = itogi_store_list_tasks (store, legal->id, 2024, NULL);
  g_assert_cmpuint (tasks->len, ==, 0);
  g_assert_cmpstr (text_of (new_task_row (page)), ==, "def");
  g_assert_true (has_keyboard (new_task_row (page)));
  close_window (window);
}

/* The mouse wheel over an area's table scrolls the page, as it does beside the table: the table's
 * own scroller (sideways, for a narrow window) used to keep every wheel turn. */
static void
test_wheel_over_table (void)
{
  ItogiWindow *window = open_window ();
  GtkWidget *page = show_area (window, "documents");
  GtkWidget *table = itogi_page_get_table (ITOGI_PAGE (page));
  GtkWidget *scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (table), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  Display *x = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  Window surface = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  Window child;
  graphene_point_t point;
  int rx = 0, ry = 0;

  g_assert_nonnull (scroller);
  /* The page is taller than the window: there is somewhere to scroll to. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, 0);
  itogi_test_spin (100);
  /* The middle of the table's third row, on the screen. */
  g_assert_true (gtk_widget_compute_point (cell_at (page, 2, TRUE), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (10, 10), &point));
  XTranslateCoordinates (x, surface, DefaultRootWindow (x), (int)point.x, (int)point.y, &rx, &ry, &child);
  XTestFakeMotionEvent (x, -1, rx, ry, CurrentTime);
  XSync (x, False);
  itogi_test_spin (100);
  for (int i = 0; i < 3; i++)
    {
      XTestFakeButtonEvent (x, 5, True, CurrentTime);
      XTestFakeButtonEvent (x, 5, False, CurrentTime);
    }
  XSync (x, False);
  itogi_test_spin (200);
  settle ();
  g_test_message ("page scrolled to %.0f of %.0f", gtk_adjustment_get_value (adjustment),
                  gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  close_window (window);
}

/* A tooltip where the pointer rests: the sidebar's row of an area whose full title is longer than
 * the one it shows («Контроль документов») shows the full title, and a screen reader is told it
 * too. (Tooltips are given without a round trip to the X server, itogi-tooltip.h.) */
static void
test_sidebar_tooltip (void)
{
  ItogiWindow *window = open_window ();
  g_autoptr (ItogiArea) area = itogi_store_find_area (store, "documents", NULL);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  Display *x = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  Window surface = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  GtkWidget *row = NULL, *shown = NULL;
  Window child;
  graphene_point_t point;
  int rx = 0, ry = 0;

  g_assert_nonnull (area);
  g_assert_cmpstr (area->short_title, !=, area->title);
  itogi_test_collect_type (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (itogi_tooltip_get (rows->pdata[i]), area->title) == 0)
      row = rows->pdata[i];
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_has_tooltip (row));
  g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (20, 10), &point));
  XTranslateCoordinates (x, surface, DefaultRootWindow (x), (int)point.x, (int)point.y, &rx, &ry, &child);
  XTestFakeMotionEvent (x, -1, rx, ry, CurrentTime);
  XSync (x, False);
  XTestFakeMotionEvent (x, -1, rx + 1, ry + 1, CurrentTime);
  XSync (x, False);
  /* GTK waits half a second before it shows a tooltip. */
  for (gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       shown == NULL && g_get_monotonic_time () < end;)
    {
      g_autoptr (GPtrArray) labels = g_ptr_array_new ();

      GType tooltip_window;

      itogi_test_spin (100);
      /* GTK's own type, registered once a tooltip was made. */
      tooltip_window = g_type_from_name ("GtkTooltipWindow");
      itogi_test_collect_type (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
      for (guint i = 0; tooltip_window != 0 && i < labels->len; i++)
        if (gtk_widget_get_mapped (labels->pdata[i])
            && g_strcmp0 (gtk_label_get_text (labels->pdata[i]), area->title) == 0
            && gtk_widget_get_ancestor (labels->pdata[i], tooltip_window) != NULL)
          shown = labels->pdata[i];
    }
  g_assert_nonnull (shown);
  XTestFakeMotionEvent (x, -1, 0, 0, CurrentTime);
  XSync (x, False);
  close_window (window);
}

/* The shortcuts windows open now, however many. */
static GPtrArray *
shortcuts_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window))
        g_ptr_array_add (found, window);
    }
  return found;
}

/* Ctrl+? shows the keyboard shortcuts in front of the window, in the user's language; Escape
 * closes them. They are made when asked for, not with the window, and asked for twice there is
 * still one. */
static void
test_shortcuts_window (void)
{
  ItogiWindow *window = open_window ();
  g_autoptr (GPtrArray) before = shortcuts_windows ();
  g_autoptr (GPtrArray) shown = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  GtkWindow *shortcuts;
  gboolean export_listed = FALSE;

  g_assert_cmpuint (before->len, ==, 0);
  press (XK_question, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  itogi_test_spin (200);
  shown = shortcuts_windows ();
  g_assert_cmpuint (shown->len, ==, 1);
  shortcuts = shown->pdata[0];
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  itogi_test_collect_type (GTK_WIDGET (shortcuts), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    export_listed
        |= g_strcmp0 (gtk_label_get_text (labels->pdata[i]), itogi_test_tr ("Export to Excel")) == 0;
  g_assert_true (export_listed);
  /* Every shortcut listed shows its keys (one given only by its action's name showed none). */
  {
    g_autoptr (GPtrArray) listed = g_ptr_array_new ();

    itogi_test_collect_type (GTK_WIDGET (shortcuts), GTK_TYPE_SHORTCUTS_SHORTCUT, listed);
    g_assert_cmpuint (listed->len, >=, 10);
    for (guint i = 0; i < listed->len; i++)
      {
        g_autoptr (GPtrArray) keys = g_ptr_array_new ();
        g_autofree char *title = NULL;
        const char *accelerator = NULL;

        g_object_get (listed->pdata[i], "title", &title, NULL);
        itogi_test_collect_type (listed->pdata[i], GTK_TYPE_SHORTCUT_LABEL, keys);
        if (keys->len > 0)
          accelerator = gtk_shortcut_label_get_accelerator (keys->pdata[0]);
        g_test_message ("%s: %s", title, accelerator);
        g_assert_true (accelerator != NULL && *accelerator != '\0');
      }
  }

  /* Asked for again (the menu's item) while shown: the same window, no second. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  again = shortcuts_windows ();
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_true (again->pdata[0] == (gpointer)shortcuts);

  wait_active (shortcuts);
  press (XK_Escape, 0);
  itogi_test_spin (200);
  after = shortcuts_windows ();
  g_assert_cmpuint (after->len, ==, 0);
  close_window (window);
}

/* F10 opens the main menu (made when first opened) with its items, in the tests' language; Escape
 * closes it, and F10 opens it again. */
static void
test_main_menu (void)
{
  ItogiWindow *window = open_window ();

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (GPtrArray) menus = g_ptr_array_new ();
      g_autoptr (GPtrArray) labels = g_ptr_array_new ();
      GtkWidget *menu = NULL;
      gboolean export_listed = FALSE;

      press (XK_F10, 0);
      itogi_test_spin (200);
      itogi_test_collect_type (GTK_WIDGET (window), GTK_TYPE_POPOVER_MENU, menus);
      for (guint i = 0; i < menus->len; i++)
        if (gtk_widget_get_mapped (menus->pdata[i]))
          menu = menus->pdata[i];
      g_assert_nonnull (menu);
      itogi_test_collect_type (menu, GTK_TYPE_LABEL, labels);
      for (guint i = 0; i < labels->len; i++)
        {
          g_autofree char *shown = g_strdup (gtk_label_get_label (labels->pdata[i]));
          export_listed |= g_strcmp0 (shown, itogi_test_tr ("_Export to Excel…")) == 0;
        }
      g_assert_true (export_listed);
      press (XK_Escape, 0);
      itogi_test_spin (200);
      g_assert_false (gtk_widget_get_mapped (menu));
    }
  close_window (window);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int rc;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no X display: run under xvfb-run\n");
      return 0;
    }
  itogi_test_set_locale ();
  gtk_test_init (&argc, &argv, NULL);
  itogi_test_guard_output ();
  adw_init ();
  /* A blinking cursor keeps the frame clock busy: the app would never look idle (see settle). */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_print ("1..0 # SKIP keys are sent through XTest: GDK_BACKEND=x11 is needed\n");
      return 0;
    }

  tmp_dir = g_dir_make_tmp ("itogi-keys-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp_dir, "itogi.db", NULL);
  store = itogi_seed_create (path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/app/keys/enter-moves-down", test_enter_moves_down);
  g_test_add_func ("/app/keys/arrows-move", test_arrows_move);
  g_test_add_func ("/app/keys/row-menu", test_row_menu_keys);
  g_test_add_func ("/app/keys/undo-in-cell", test_undo_in_cell);
  g_test_add_func ("/app/keys/fast-typing", test_fast_typing);
  g_test_add_func ("/app/keys/refused-typing-kept", test_refused_typing_kept);
  g_test_add_func ("/app/keys/task-typing-kept", test_task_typing_kept);
  g_test_add_func ("/app/keys/tab-leaves-text", test_tab_leaves_text);
  g_test_add_func ("/app/keys/escape-asks", test_escape_asks);
  g_test_add_func ("/app/keys/dialogs-ask", test_dialogs_ask);
  g_test_add_func ("/app/keys/wheel-over-table", test_wheel_over_table);
  g_test_add_func ("/app/keys/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/app/keys/sidebar-tooltip", test_sidebar_tooltip);
  g_test_add_func ("/app/keys/main-menu", test_main_menu);
  rc = g_test_run ();

  itogi_store_free (store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return rc;
}
