/* itogi-report-page.h: the annual report, written from the data and edited before export
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-narrative.h"
#include "itogi-session.h"
#include "itogi-report-formats.h"
#include "itogi-store.h"

G_BEGIN_DECLS

#define ITOGI_REPORT_PAGE_NAME "report"

#define ITOGI_TYPE_REPORT_PAGE (itogi_report_page_get_type ())
G_DECLARE_FINAL_TYPE (ItogiReportPage, itogi_report_page, ITOGI, REPORT_PAGE, GtkWidget)

/* @store must outlive the page. It emits "changed" (gint64 step) after each saved edit, as the
 * area pages do, so that the window can undo it. */
GtkWidget *itogi_report_page_new (ItogiSession *session);
/* Show the report for @year against @compare_year. Text being typed is never replaced. */
gboolean itogi_report_page_set_years (ItogiReportPage *self, int year, int compare_year, GError **error);
/* The sections after the first few are made after the page's first frame, while it is shown: TRUE
 * until all are there. */
gboolean itogi_report_page_is_filling (ItogiReportPage *self);
/* The text shown for the area @slug (NULL when there is no such area). */
GtkTextBuffer *itogi_report_page_get_buffer (ItogiReportPage *self, const char *slug);
/* Save edits still waiting for the pause in typing; FALSE with @error when the store refuses. */
gboolean itogi_report_page_save_now (ItogiReportPage *self, GError **error);
/* Whether text typed is still waiting for the pause in typing to be saved. */
gboolean itogi_report_page_has_unsaved (ItogiReportPage *self);
/* The report as shown, edits included (for export). */
ItogiNarrative *itogi_report_page_get_narrative (ItogiReportPage *self);
/* Write the report as shown to @path in @format in a worker thread: the page shows the area
 * being written and a Cancel button, then says how it ended. FALSE when one is being written. */
gboolean itogi_report_page_export_to (ItogiReportPage *self, const ItogiReportFormat *format,
                                      const char *path);
/* Whether a file is being written. */
gboolean itogi_report_page_is_exporting (ItogiReportPage *self);
/* What the page says went wrong (a refused save or export, a cancel), or NULL. */
const char *itogi_report_page_get_message (ItogiReportPage *self);
/* The areas with no figure for a year of the report (once every section is read), or NULL. */
const char *itogi_report_page_get_missing (ItogiReportPage *self);
/* Stop the file being written: nothing is saved. */
void itogi_report_page_cancel_export (ItogiReportPage *self);
/* Put the generated text back for @slug; asks first when there is an edit, unless @confirmed. */
void itogi_report_page_regenerate (ItogiReportPage *self, const char *slug, gboolean confirmed);

G_END_DECLS
