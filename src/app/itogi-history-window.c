/* itogi-history-window.c: every change made to the database, read-only
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-format.h"
#include "itogi-history-window.h"

GtkWidget *
itogi_history_window_new (GtkWindow *parent, ItogiStore *store, GError **error)
{
  g_autoptr (GPtrArray) steps = itogi_store_list_steps (store, 500, error);
  GtkWidget *window, *box, *header, *scroller, *clamp, *list;

  if (steps == NULL)
    return NULL;
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _ ("History"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  if (steps->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _ ("No Changes Yet"));
      adw_status_page_set_description (
          ADW_STATUS_PAGE (empty), _ ("Every change made to the figures, notes and tasks will be listed here "
                                      "with who made it and when."));
      gtk_widget_set_vexpand (empty, TRUE);
      gtk_box_append (GTK_BOX (box), empty);
      adw_window_set_content (ADW_WINDOW (window), box);
      return window;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Changes, newest first"), -1);
  for (guint i = 0; i < steps->len; i++)
    {
      ItogiStep *step = steps->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = itogi_format_local_time (step->at);
      g_autofree char *changes = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", step->changes), step->changes);
      /* Translators: «user · 25.11.2026 14:05 · 3 изменения» */
      g_autofree char *subtitle = g_strdup_printf (_ ("%s · %s · %s"), step->who, when, changes);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  return window;
}
