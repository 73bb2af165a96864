/* itogi-report-odt.h: the annual report as an editable OpenDocument Text file
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "itogi-narrative.h"
#include "itogi-progress.h"
#include "itogi-store.h"

G_BEGIN_DECLS

/* The same document as the PDF for LibreOffice Writer and Word to edit: a title page, then per
 * area of @narrative a real «Heading 1» (so the navigator and the outline work), its paragraphs,
 * the year-over-year table from @store with a header row repeated on each page, the chart as a
 * 300 dpi PNG and the tasks for the next year as a numbered list. Written under a temporary name
 * and renamed into place: on failure nothing is left at @path but what was there. */
gboolean itogi_report_write_odt (ItogiStore *store, const ItogiNarrative *narrative, const char *path,
                                 GError **error);
/* The same, saying each area's step to @progress; cancelled, it writes nothing at all. */
gboolean itogi_report_write_odt_with (ItogiStore *store, const ItogiNarrative *narrative, const char *path,
                                      const ItogiProgress *progress, GError **error);

G_END_DECLS
