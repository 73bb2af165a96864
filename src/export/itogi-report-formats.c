/* itogi-report-formats.c: the kinds of file the annual report is written to
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "itogi-output.h"
#include "itogi-report-formats.h"
#include "itogi-report-odt.h"
#include "itogi-report-pdf.h"

/* The report's text alone, as a plain UTF-8 file. */
static gboolean
write_text (ItogiStore *store, const ItogiNarrative *narrative, const char *path,
            const ItogiProgress *progress, GError **error)
{
  g_autofree char *text = NULL;

  if (!itogi_progress_step (progress, 0, 1, error))
    return FALSE;
  text = itogi_narrative_to_text (narrative);
  return itogi_output_write_file (path, text, strlen (text), error);
}

static const ItogiReportFormat report_formats[] = {
  { "pdf", N_ ("Export _PDF…"), NULL, N_ ("Export the Report as PDF"), itogi_report_write_pdf_with },
  { "odt", N_ ("Export _Document…"), N_ ("An OpenDocument text that LibreOffice Writer and Word open"),
    N_ ("Export the Report as an Editable Document"), itogi_report_write_odt_with },
  { "txt", NULL, NULL, N_ ("Export the Report as Text"), write_text },
};

const ItogiReportFormat *
itogi_report_formats (guint *n_formats)
{
  *n_formats = G_N_ELEMENTS (report_formats);
  return report_formats;
}

const ItogiReportFormat *
itogi_report_format_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (report_formats); i++)
    if (g_strcmp0 (report_formats[i].name, name) == 0)
      return &report_formats[i];
  return NULL;
}

const ItogiReportFormat *
itogi_report_format_for_path (const char *path)
{
  g_autofree char *extension = itogi_output_extension (path);

  return extension != NULL ? itogi_report_format_find (extension) : NULL;
}

const char *
itogi_report_format_text (const char *text)
{
  return text != NULL ? _ (text) : NULL;
}

char *
itogi_report_format_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (report_formats); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", report_formats[i].name);
  return g_string_free (names, FALSE);
}
