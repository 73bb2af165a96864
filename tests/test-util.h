/* test-util.h: what several test programs need alike
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Remove @dir and everything under it, read-only folders included (their mode is lifted first);
 * a symbolic link is removed, never followed. */
void itogi_test_remove_tree (const char *dir);

G_END_DECLS
