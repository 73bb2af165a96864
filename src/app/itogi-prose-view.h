/* itogi-prose-view.h: a text view for prose, where Tab moves on as in every other field
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A word-wrapping GtkTextView for prose (the report's text, notes). Tab and Shift+Tab move the
 * keyboard to the next or previous field; a tab that arrives anyway (pasted, dropped, set by an
 * assistive technology) becomes one space, the same rule the store applies to the report's text. */
GtkWidget *itogi_prose_view_new (void);
/* The same behaviour for a text view made elsewhere (a template). */
void itogi_prose_view_setup (GtkTextView *view);

G_END_DECLS
