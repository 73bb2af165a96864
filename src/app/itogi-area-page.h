/* itogi-area-page.h: the page of one activity area (an ItogiPage)
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "itogi-page.h"
#include "itogi-store.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_AREA_PAGE (itogi_area_page_get_type ())
G_DECLARE_FINAL_TYPE (ItogiAreaPage, itogi_area_page, ITOGI, AREA_PAGE, ItogiPage)

/* The page of @area; the session's store must outlive the page. */
GtkWidget *itogi_area_page_new (ItogiSession *session, const ItogiArea *area);
const ItogiArea *itogi_area_page_get_area (ItogiAreaPage *self);
/* The page of one area made the page of @area: its titles now, the rest at the next
 * itogi_page_set_years(). Not for a page with typing not saved. Cheaper than a
 * page made anew: the table's row widgets stay, and show the new rows. */
void itogi_area_page_set_area (ItogiAreaPage *self, const ItogiArea *area);

G_END_DECLS
