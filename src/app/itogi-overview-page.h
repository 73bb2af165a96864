/* itogi-overview-page.h: every area's indicators together, and the year's sign-off
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "itogi-page.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_OVERVIEW_PAGE (itogi_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (ItogiOverviewPage, itogi_overview_page, ITOGI, OVERVIEW_PAGE, ItogiPage)

/* The session's store must outlive the page. */
GtkWidget *itogi_overview_page_new (ItogiSession *session);

G_END_DECLS
