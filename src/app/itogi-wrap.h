/* itogi-wrap.h: long text that wraps, with a width under which it does not
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The narrowest a wrapping label of long text is, in average characters of its font. Without one,
 * GTK 4.8 finds a wrapping label's narrowest width by laying its whole text out at width 0, a
 * letter (or a word) a line, and Pango 1.50 shapes every line again as it breaks it: the three
 * institutions' notes alone took 15 000 shapings and 40 ms at every switch to their page. Twelve
 * characters are 90–100 px of body text: anything in a 360 px pane fits beside it. */
#define ITOGI_WRAP_MIN_CHARS 12

/* Text this long or longer is long: shorter text costs little at width 0, and a width of
 * ITOGI_WRAP_MIN_CHARS could be wider than it is (GTK 4.8 then reports a natural width under the
 * minimum). */
#define ITOGI_WRAP_LONG_CHARS (2 * ITOGI_WRAP_MIN_CHARS)

/* @label wraps (in its wrap mode), and while its text is long it is no narrower than
 * ITOGI_WRAP_MIN_CHARS; it follows its text as it changes. */
void itogi_wrap_label (GtkLabel *label);

/* itogi_wrap_label for every label under @root that wraps onto as many lines as its text takes
 * (not cut short with an ellipsis), but for an indicator table's: a template's labels, an action
 * row's title and subtitle once their lines are set to 0. */
void itogi_wrap_tree (GtkWidget *root);

G_END_DECLS
