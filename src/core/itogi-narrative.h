/* itogi-narrative.h: the annual report written out: Russian sentences made from the data
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report for @year against @compare_year, area by area, in the style of the office's own
 * report: «В течение 2023 года поступило 22 808 (2022 г. – 23 142) обращений от юридических
 * лиц.» Every figure comes from the store; an indicator without a figure for @year gets no
 * sentence; nothing is invented. No GTK: the app, itogi-cli and the PDF/ODT writers share it.
 */
#pragma once

#include "itogi-model.h"
#include "itogi-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 area_id;
  char *slug;    /* the area's slug: tables and charts are looked up by it */
  char *heading; /* the area's title */
  /* The generated body: paragraphs separated by "\n" (the indicators' sentences, then the
   * area's notes for the year). An edit made in the Report view replaces it whole. */
  char *body;
  gboolean edited;  /* body is the user's edit, not the generated text */
  GPtrArray *tasks; /* char *: the tasks set for the year after @year, in order */
} ItogiNarrativeSection;

typedef struct
{
  char *office;  /* «Управление делами Городского Головы города Калуги» */
  char *title;   /* «Отчёт о деятельности … за 2023 год и задачах на 2024 год» */
  int year;
  int compare_year;
  GPtrArray *sections; /* ItogiNarrativeSection *, in tab order; areas with nothing to say included */
} ItogiNarrative;

void itogi_narrative_section_free (ItogiNarrativeSection *section);
void itogi_narrative_free (ItogiNarrative *narrative);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiNarrative, itogi_narrative_free)

/* The generated report (no edits applied). */
ItogiNarrative *itogi_narrative_build (ItogiStore *store, int year, int compare_year, GError **error);

/* The sentence of one indicator for @year against @compare_year, from @indicator's template
 * (its own, or the default one when it has none); NULL when @current is not present. */
char *itogi_narrative_sentence (const ItogiIndicator *indicator, const ItogiValue *current,
                                const ItogiValue *previous, int year, int compare_year, GError **error);

/* The whole report as plain UTF-8 text: title, then per area its heading, body and
 * «Задачи на 2024 год:» with the tasks as a dashed list. */
char *itogi_narrative_to_text (const ItogiNarrative *narrative);

G_END_DECLS
