/* itogi-report-pdf.h: the annual report as a print-ready A4 PDF
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

/* A title page, then per area of @narrative its heading, text, year-over-year table (from
 * @store, for the narrative's two years), chart and the tasks for the next year. Numbered pages,
 * an outline entry per area, fonts embedded. Written under a temporary name and renamed into
 * place: on failure (ITOGI_EXPORT_ERROR_WRITE for a full disk or a folder that cannot be
 * written) nothing is left at @path but what was there. */
gboolean itogi_report_write_pdf (ItogiStore *store, const ItogiNarrative *narrative, const char *path,
                                 GError **error);
/* The same, saying each area's step to @progress; cancelled, it writes nothing at all. */
gboolean itogi_report_write_pdf_with (ItogiStore *store, const ItogiNarrative *narrative, const char *path,
                                      const ItogiProgress *progress, GError **error);

G_END_DECLS
