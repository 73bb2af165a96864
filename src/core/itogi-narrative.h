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
   * area's notes for the year, then what the notes of its institutions say for the year); ""
   * when there is none of these. An edit made in the Report view replaces it whole. */
  char *body;
  gboolean edited;  /* body is the user's edit, not the generated text */
  char *generated;  /* with an edit, the text made from the data that it replaced; else NULL */
  GPtrArray *tasks; /* char *: the tasks set for the year after @year, in order */
  /* The chart chosen for the area in the Report view: a chart kind's name (itogi_chart_kind_to_string),
   * "none" for no chart, NULL for the automatic choice. Kept in the store as the meta key
   * «report-chart.SLUG». */
  char *chart;
  /* The area's indicators, and whether any has a figure for the report year, for the comparison
   * year: a year with none is said (itogi_narrative_missing_figures). */
  guint indicators;
  gboolean has_current;
  gboolean has_previous;
} ItogiNarrativeSection;

typedef struct
{
  char *office; /* «Управление делами Городского Головы города Калуги» */
  char *title; /* «Отчет о деятельности … за 2023 год и задачах на 2024 год» */
  /* The opening: the year's areas of activity, as the report opens, «Основными направлениями в
   * отчетном году, по которым осуществлялась деятельность управления, являлись:» with a «– …;»
   * line for each (paragraphs separated by "\n", as a section's body); "" with no area. An area
   * that only holds institutions is not an area of activity and is not listed. */
  char *introduction;
  int year;
  int compare_year;
  GPtrArray *sections; /* ItogiNarrativeSection *, in tab order; areas with nothing to say included */
} ItogiNarrative;

#define ITOGI_NARRATIVE_ERROR (itogi_narrative_error_quark ())

/* What is wrong with a sentence template; the messages are plain and translated, for the
 * indicator settings dialog to show as they are. */
typedef enum
{
  ITOGI_NARRATIVE_ERROR_UNBALANCED,  /* a «{» never closed, a «}» never opened */
  ITOGI_NARRATIVE_ERROR_PLACEHOLDER, /* an unknown or empty «{…}» */
  ITOGI_NARRATIVE_ERROR_FORMS,       /* word forms that are not three or four */
  ITOGI_NARRATIVE_ERROR_NO_NOUN,     /* {сущ} for an indicator without word forms */
  ITOGI_NARRATIVE_ERROR_INVALID,     /* not UTF-8 */
} ItogiNarrativeError;

GQuark itogi_narrative_error_quark (void);

void itogi_narrative_section_free (ItogiNarrativeSection *section);
void itogi_narrative_free (ItogiNarrative *narrative);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiNarrative, itogi_narrative_free)

/* The generated report (no edits applied). Figures are read as the table reads them, so a year
 * made of months or quarters counts. A stored template that no longer parses gives the default
 * sentence, so that no figure drops out of the report. The title is the stored one when it names
 * @year (and the year after), else one made for @year from the office's name. */
ItogiNarrative *itogi_narrative_build (ItogiStore *store, int year, int compare_year, GError **error);
/* The report as it stands: the generated text, with the Report view's stored edits in place of it
 * where there are some (section->edited). */
ItogiNarrative *itogi_narrative_build_edited (ItogiStore *store, int year, int compare_year, GError **error);
/* The same a section at a time, for a window that shows the first sections at once and makes the
 * others after: the title and office with no section yet, then @area's section (edit applied)
 * appended, read from @area's own rows. Section by section, as itogi_narrative_build_edited()
 * makes them. */
ItogiNarrative *itogi_narrative_begin (ItogiStore *store, int year, int compare_year);
gboolean itogi_narrative_add_section (ItogiNarrative *narrative, ItogiStore *store, const ItogiArea *area,
                                      GError **error);

/* The sentence of one indicator for @year against @compare_year, from @indicator's template
 * (its own, or the default one when it has none); NULL when @current is not present (no error
 * set), or NULL with @error when the template is wrong. */
char *itogi_narrative_sentence (const ItogiIndicator *indicator, const ItogiValue *current,
                                const ItogiValue *previous, int year, int compare_year, GError **error);

/* Whether @template (a sentence template, see itogi-narrative.c) is well formed; NULL and ""
 * are (they mean the default sentence). */
gboolean itogi_narrative_check_template (const char *template, GError **error);

/* The figure as the report writes it: «22 808», «более 8 тысяч», «порядка 340»,
 * «779 тыс. руб. (779 054,51 руб.)», «119,6 млн руб. (119 585 521,99 руб.)». "" when not present. */
char *itogi_narrative_format_figure (const ItogiValue *value, ItogiKind kind, guint scale);

/* The change against @compare_year as the report words it: «меньше, чем в 2022 году, на 1,7 %»,
 * «в 2,4 раза меньше, чем в 2022 году», «больше, чем в 2022 году» (a bound fixes only the
 * direction); "" when no honest change can be stated (a side missing, partial or approximate). */
char *itogi_narrative_format_change (const ItogiValue *current, const ItogiValue *previous, ItogiKind kind,
                                     guint scale, int compare_year);

/* What the report lacks, said for a person: the areas with indicators that have no figure at all
 * for the report year or the comparison year, named («За 2024 г. нет ни одного показателя по
 * направлениям: …»); NULL when every such area has figures for both. Areas that only ever have
 * text are not counted. */
char *itogi_narrative_missing_figures (const ItogiNarrative *narrative);

/* The report limited to the areas whose report year is approved (itogi-store.h's sign-off): the
 * others' sections are taken out. */
gboolean itogi_narrative_keep_approved (ItogiNarrative *narrative, ItogiStore *store, GError **error);
/* The areas of the report year not yet approved, said for a person («Не утверждены итоги за
 * 2024 г.: Кадры; Учреждения.»), or NULL when every area in use is approved, and, unless @always,
 * when the year's sign-off has not begun (no area ever submitted: an office that does not use it). */
char *itogi_narrative_not_approved (ItogiStore *store, int year, gboolean always, GError **error);

/* Whether any section has tasks for the year after the report's: the documents then close with
 * «Задачи на 2024 год», area by area; with none they say nothing of tasks. */
gboolean itogi_narrative_has_tasks (const ItogiNarrative *narrative);

/* The whole report as plain UTF-8 text: title, introduction, then per area its heading and body,
 * and last «Задачи на 2024 год» with each area's tasks as a dashed list under its heading. A
 * section with an empty body (no figures, no notes for the year) says «Сведений за 2023 год
 * нет.»: the body itself stays "" so that the Report view and the PDF writer can tell "nothing to
 * say" from a text that says so. */
char *itogi_narrative_to_text (const ItogiNarrative *narrative);

G_END_DECLS
