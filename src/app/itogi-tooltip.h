/* itogi-tooltip.h: a widget's tooltip, given without asking the X server where the pointer is
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's gtk_widget_set_tooltip_text () looks at once whether the pointer is over the widget,
 * to show the new text there: on X11 a round trip to the server (XIQueryPointer) at every call,
 * even for a widget in no window yet. The sidebar of 58 areas spent 6 of its 11 ms making its
 * rows on it (perf). A tooltip given here is the same text, shown when the pointer rests on the
 * widget, and the same description for a screen reader; only a tooltip already on the screen is
 * not changed in place.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives @widget the tooltip @text (plain text); NULL or "" takes it away. */
void itogi_tooltip_set (GtkWidget *widget, const char *text);
/* The same, shown on hover only: what a screen reader says of @widget is left to its caller (the
 * indicator table's cells, whose description a recycled row must never lose). */
void itogi_tooltip_set_hover (GtkWidget *widget, const char *text);
/* The text given by itogi_tooltip_set (), else GTK's own tooltip text, else NULL. */
const char *itogi_tooltip_get (GtkWidget *widget);

G_END_DECLS
