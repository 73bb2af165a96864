/* itogi-a11y.h: what a screen reader says of Itogi's controls
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @text without its mnemonic marks: «_Добавить показатель…» → «Добавить показатель…», «A__B» →
 * «A_B». Free with g_free. */
char *itogi_a11y_strip_mnemonic (const char *text);

/* Name @widget @name for assistive technologies. A drop-down takes keyboard focus in a toggle
 * button of its own, which GTK 4.8 names after its type («GtkToggleButton»): that button is given
 * the name too. */
void itogi_a11y_set_name (GtkWidget *widget, const char *name);

/* A button whose label has a mnemonic is named, in GTK 4.8, by the label with its underscore
 * followed by the label again («_Добавить… Добавить…»): it is named by its text once. To be
 * called again after the label changes. */
void itogi_a11y_mend_button (GtkWidget *button);

/* Every control under @root as above: buttons and check buttons with mnemonics; menu buttons
 * named by their label or, with an icon only, their tooltip. */
void itogi_a11y_mend_tree (GtkWidget *root);

/* itogi_a11y_mend_tree on @window each time it is shown, once all it holds is made. */
void itogi_a11y_mend_on_map (GtkWidget *window);

G_END_DECLS
