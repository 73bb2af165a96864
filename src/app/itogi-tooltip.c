/* itogi-tooltip.c: a widget's tooltip, given without asking the X server where the pointer is
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-tooltip.h"

#define TOOLTIP_TEXT "itogi-tooltip-text"

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_TEXT);

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
itogi_tooltip_set_hover (GtkWidget *widget, const char *text)
{
  gboolean has = text != NULL && *text != '\0';

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if (g_object_get_data (G_OBJECT (widget), TOOLTIP_TEXT) == NULL)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_TEXT, g_strdup (has ? text : ""), g_free);
  gtk_widget_set_has_tooltip (widget, has);
}

void
itogi_tooltip_set (GtkWidget *widget, const char *text)
{
  gboolean has = text != NULL && *text != '\0';

  g_return_if_fail (GTK_IS_WIDGET (widget));
  itogi_tooltip_set_hover (widget, text);
  /* What gtk_widget_set_tooltip_text () tells a screen reader. */
  if (has)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

const char *
itogi_tooltip_get (GtkWidget *widget)
{
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  text = g_object_get_data (G_OBJECT (widget), TOOLTIP_TEXT);
  if (text != NULL)
    return *text != '\0' ? text : NULL;
  return gtk_widget_get_tooltip_text (widget);
}
