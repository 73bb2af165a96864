/* itogi-wrap.c: long text that wraps, with a width under which it does not
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-wrap.h"

#include "itogi-indicator-table.h"

#define WRAP_KEY "itogi-wrap"

static void
fit_width (GtkLabel *label)
{
  glong chars = g_utf8_strlen (gtk_label_get_text (label), -1);
  int width = chars >= ITOGI_WRAP_LONG_CHARS ? ITOGI_WRAP_MIN_CHARS : -1;

  if (gtk_label_get_width_chars (label) != width)
    gtk_label_set_width_chars (label, width);
}

void
itogi_wrap_label (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  gtk_label_set_wrap (label, TRUE);
  if (g_object_get_data (G_OBJECT (label), WRAP_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (label), WRAP_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect (label, "notify::label", G_CALLBACK (fit_width), NULL);
    }
  fit_width (label);
}

/* libadwaita 1.2 gives no access to an action row's labels: they are found among its children's. A
 * label cut short with an ellipsis is measured on one line, and needs no width. */
void
itogi_wrap_tree (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  /* A table gives its titles and figures widths of its own, column by column. */
  if (ITOGI_IS_INDICATOR_TABLE (root))
    return;
  if (GTK_IS_LABEL (root))
    {
      if (gtk_label_get_wrap (GTK_LABEL (root))
          && gtk_label_get_ellipsize (GTK_LABEL (root)) == PANGO_ELLIPSIZE_NONE)
        itogi_wrap_label (GTK_LABEL (root));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    itogi_wrap_tree (child);
}
