/* itogi-i18n.h: gettext set-up shared by both programs
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Set the locale from the environment and bind our text domain. ITOGI_LOCALEDIR overrides the
 * installed catalogue folder, so that an uninstalled build (meson devenv, tests) speaks Russian;
 * an installation that is not where it was configured for (staged with DESTDIR, moved) finds
 * the catalogues beside its programs. */
void itogi_i18n_init (void);

G_END_DECLS
