/* itogi-a11y.c: what a screen reader says of Itogi's controls
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-a11y.h"
#include "itogi-tooltip.h"

#include <string.h>

char *
itogi_a11y_strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      /* «__» is a literal underscore; a single one marks the next letter. */
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The toggle button a drop-down takes the keyboard in: its first child. */
static GtkWidget *
inner_toggle (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL && GTK_IS_TOGGLE_BUTTON (child) ? child : NULL;
}

void
itogi_a11y_set_name (GtkWidget *widget, const char *name)
{
  GtkWidget *inner;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (GTK_IS_DROP_DOWN (widget) && (inner = inner_toggle (widget)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
itogi_a11y_mend_button (GtkWidget *button)
{
  const char *label = NULL;
  gboolean underline = FALSE;

  g_return_if_fail (GTK_IS_WIDGET (button));
  if (GTK_IS_CHECK_BUTTON (button))
    {
      label = gtk_check_button_get_label (GTK_CHECK_BUTTON (button));
      underline = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (button));
    }
  else if (GTK_IS_BUTTON (button))
    {
      label = gtk_button_get_label (GTK_BUTTON (button));
      underline = gtk_button_get_use_underline (GTK_BUTTON (button));
    }
  if (label == NULL || !underline || strchr (label, '_') == NULL)
    return;
  if (GTK_IS_CHECK_BUTTON (button))
    {
      /* A check button is named by that property alone. */
      g_autofree char *plain = itogi_a11y_strip_mnemonic (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
    }
  else
    /* A button is also labelled by its label (the mnemonic's relation): that is its name. */
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
mend_menu_button (GtkMenuButton *button)
{
  const char *label = gtk_menu_button_get_label (button);
  const char *tooltip = itogi_tooltip_get (GTK_WIDGET (button));

  if (label != NULL && *label != '\0')
    {
      g_autofree char *plain
          = gtk_menu_button_get_use_underline (button) ? itogi_a11y_strip_mnemonic (label) : g_strdup (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
    }
  else if (tooltip != NULL && *tooltip != '\0')
    /* Its toggle button is labelled by it, and takes the name from it. */
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

void
itogi_a11y_mend_tree (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  if (GTK_IS_MENU_BUTTON (root))
    {
      mend_menu_button (GTK_MENU_BUTTON (root));
      return;
    }
  if (GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root))
    itogi_a11y_mend_button (root);
  if (GTK_IS_DROP_DOWN (root))
    {
      /* Its own name is set where it is made; its toggle button's, from its tooltip. */
      const char *tooltip = itogi_tooltip_get (root);
      GtkWidget *inner = inner_toggle (root);

      if (tooltip != NULL && *tooltip != '\0' && inner != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    itogi_a11y_mend_tree (child);
}

void
itogi_a11y_mend_on_map (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WIDGET (window));
  g_signal_connect (window, "map", G_CALLBACK (itogi_a11y_mend_tree), NULL);
}
