/* window-util.h: what the window tests need alike
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Spin the main loop for @ms milliseconds: timeouts and idles run too. */
void itogi_test_spin (guint ms);
/* Every widget of @type in @widget's tree, @widget included, into @out. */
void itogi_test_collect_type (GtkWidget *widget, GType type, GPtrArray *out);
/* The shown entry under @root whose text is @text, or NULL. A figure cell of a table at rest (a
 * label) is given the keyboard first, as Tab would, and its entry returned. */
GtkEntry *itogi_test_find_entry (GtkWidget *root, const char *text);
/* The shown figure cell (label at rest, or entry) under @root whose text is @text, or NULL:
 * nothing is done to it. */
GtkWidget *itogi_test_find_figure (GtkWidget *root, const char *text);
/* The last toplevel of @type (a class or an interface), or NULL. */
GtkWindow *itogi_test_find_toplevel_of_type (GType type);
/* A visible toplevel titled @title, or NULL. */
GtkWindow *itogi_test_find_toplevel (const char *title);
/* Name @path in an open file chooser dialog (once it has loaded its first folder) and press its
 * accept button; a «Replace?» question that follows is answered yes. */
void itogi_test_choose_file (GtkWindow *chooser, const char *path);
/* Destroy @window and let everything it leaves run. */
void itogi_test_close_window (GtkWindow *window);

G_END_DECLS
