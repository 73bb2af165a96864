/* window-util.c: what the window tests need alike
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "window-util.h"

void
itogi_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

void
itogi_test_collect_type (GtkWidget *widget, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    itogi_test_collect_type (child, type, out);
}

static GtkEntry *
find_shown_entry (GtkWidget *root, const char *text)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  itogi_test_collect_type (root, GTK_TYPE_ENTRY, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (all->pdata[i]) && g_strcmp0 (gtk_editable_get_text (all->pdata[i]), text) == 0)
      return all->pdata[i];
  return NULL;
}

GtkWidget *
itogi_test_find_figure (GtkWidget *root, const char *text)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  GtkEntry *entry = find_shown_entry (root, text);

  if (entry != NULL)
    return GTK_WIDGET (entry);
  /* At rest: a widget of the "value-cell" class showing its text in a label. */
  itogi_test_collect_type (root, GTK_TYPE_WIDGET, all);
  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *label = gtk_widget_get_first_child (all->pdata[i]);

      if (!GTK_IS_ENTRY (all->pdata[i]) && gtk_widget_has_css_class (all->pdata[i], "value-cell")
          && gtk_widget_get_mapped (all->pdata[i]) && GTK_IS_LABEL (label)
          && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        return all->pdata[i];
    }
  return NULL;
}

GtkEntry *
itogi_test_find_entry (GtkWidget *root, const char *text)
{
  GtkWidget *figure = itogi_test_find_figure (root, text);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  if (figure == NULL || GTK_IS_ENTRY (figure))
    return GTK_ENTRY (figure);
  /* A figure at rest is a label: given the keyboard, as Tab would, it becomes its entry. */
  gtk_widget_grab_focus (figure);
  while (g_get_monotonic_time () < end)
    {
      GtkEntry *entry = find_shown_entry (root, text);

      if (entry != NULL && gtk_widget_has_css_class (GTK_WIDGET (entry), "value-cell"))
        return entry;
      g_main_context_iteration (NULL, FALSE);
    }
  return NULL;
}

GtkWindow *
itogi_test_find_toplevel (const char *title)
{
  GListModel *all = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (all, i);
      if (g_strcmp0 (gtk_window_get_title (w), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

GtkWindow *
itogi_test_find_toplevel_of_type (GType type)
{
  g_autoptr (GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        found = GTK_WINDOW (w);
    }
  return found;
}

void
itogi_test_choose_file (GtkWindow *chooser, const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GFile) chosen = NULL;

  /* The chooser loads its first folder on its own; the name is set once it has. */
  for (int tries = 0; tries < 20; tries++)
    {
      itogi_test_spin (250);
      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      itogi_test_spin (250);
      g_clear_object (&chosen);
      chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (chosen != NULL && g_strcmp0 (g_file_peek_path (chosen), path) == 0)
        break;
    }
  g_assert_nonnull (chosen);
  g_assert_cmpstr (g_file_peek_path (chosen), ==, path);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  /* A file that exists: the chooser asks first, and the user says Replace. */
  itogi_test_spin (500);
  {
    g_autoptr (GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
        if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
          {
            gtk_dialog_response (GTK_DIALOG (w), GTK_RESPONSE_ACCEPT);
            break;
          }
      }
  }
}

void
itogi_test_close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
