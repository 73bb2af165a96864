/* itogi-application.h
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ITOGI_TYPE_APPLICATION (itogi_application_get_type ())
G_DECLARE_FINAL_TYPE (ItogiApplication, itogi_application, ITOGI, APPLICATION, AdwApplication)

ItogiApplication *itogi_application_new (void);
/* Non-zero when the database could not be opened. */
int itogi_application_get_exit_status (ItogiApplication *self);

G_END_DECLS
