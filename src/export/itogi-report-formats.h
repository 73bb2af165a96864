/* itogi-report-formats.h: the kinds of file the annual report is written to
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per format, read by the Report page (its buttons, the file chooser's title and the
 * proposed name) and by itogi-cli report (--format, its help and its refusals): a new format is
 * one row and its writer.
 */
#pragma once

#include <glib.h>

#include "itogi-narrative.h"
#include "itogi-progress.h"
#include "itogi-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;    /* the file name's extension and itogi-cli's --format word: "pdf" */
  const char *button;  /* the Report page's button, untranslated, with its mnemonic; NULL: not there */
  const char *tooltip; /* the button's, untranslated; may be NULL */
  const char *title;   /* the file chooser's title, untranslated */
  /* Written whole or not at all; @progress (may be NULL) hears each area and can cancel. */
  gboolean (*write) (ItogiStore *store, const ItogiNarrative *narrative, const char *path,
                     const ItogiProgress *progress, GError **error);
} ItogiReportFormat;

/* Every format, the one offered first (PDF) first. */
const ItogiReportFormat *itogi_report_formats (guint *n_formats);
/* By name («odt»), NULL when there is none. */
const ItogiReportFormat *itogi_report_format_find (const char *name);
/* By the file name's extension, any case; NULL when it names none. */
const ItogiReportFormat *itogi_report_format_for_path (const char *path);
/* One of the format's texts (button, tooltip, title) in the program's language. */
const char *itogi_report_format_text (const char *text);
/* «pdf, odt, txt»: every format's name, for messages and --help. */
char *itogi_report_format_names (void);

G_END_DECLS
