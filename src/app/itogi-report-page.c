/* itogi-report-page.c: the annual report, written from the data and edited before export
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each area's text is generated from the figures (itogi-narrative) and shown in an editable text
 * view. An edit is saved after a pause in typing, as one undoable step, per area and pair of
 * years; from then on the edit is what the report holds, until the user asks for the generated
 * text again (after a question, because that replaces their words).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-chart-model.h"
#include "itogi-chart-view.h"
#include "itogi-format.h"
#include "itogi-idle-fill.h"
#include "itogi-prose-view.h"
#include "itogi-report-formats.h"
#include "itogi-a11y.h"
#include "itogi-report-page.h"
#include "itogi-window.h"
#include "itogi-wrap.h"
#include "itogi-tooltip.h"

/* How long typing must pause before an edit is saved. */
#define SAVE_DELAY_MS 700

typedef struct _Section Section;

struct _ItogiReportPage
{
  GtkWidget parent_instance;

  ItogiStore *store;
  ItogiSession *session; /* the window's: each saved edit one undoable step */
  int year;
  int compare_year;
  ItogiNarrative *narrative; /* as generated, edits applied: what the page shows, section by section */
  GPtrArray *areas;          /* ItogiArea: the report's, in order; the narrative has the first few */
  GPtrArray *sections;       /* Section *, in the narrative's order */

  GtkWidget *scroller;
  GtkWidget *content;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *message;  /* what went wrong, until the next successful save */
  GtkWidget *missing;  /* the areas with no figure for a year of the report, once all are read */
  GtkWidget *approval; /* the areas whose report year is not approved yet */
  GtkWidget *approved_check;
  gboolean approved_only;  /* the report of the approved areas only: what the page shows and writes */
  GtkWidget *introduction; /* the year's areas of activity, as the report opens */
  GtkWidget *sections_box;
  GtkWidget *tasks_box;  /* next year's tasks, area by area, once all are read */
  GtkWidget *export_box; /* while a file is written: its step, and Cancel */
  GtkWidget *export_bar;
  GtkWidget *export_buttons;
  struct _ReportJob *job; /* the file being written, or NULL */
  guint export_timer;     /* shows the job's step meanwhile */
  ItogiIdleFill fill;     /* the sections and charts below the first, made after the first frame */
  guint charts_next;      /* the next section whose chart is still to make */
};

struct _Section
{
  ItogiReportPage *page;
  gint64 area_id;
  char *slug;
  char *heading;
  char *generated; /* the text made from the data */
  gboolean edited; /* the buffer holds the user's text (saved or waiting) */
  gboolean loading;
  guint save_id;
  GtkWidget *box;
  GtkTextBuffer *buffer;
  GtkWidget *status;
  GtkWidget *regenerate;
  GtkWidget *chart;
  GtkWidget *chart_kind; /* the kinds, then «No chart» last */
  char *chart_choice;    /* as stored: a kind's name, "none", or NULL for automatic */
};

G_DEFINE_FINAL_TYPE (ItogiReportPage, itogi_report_page, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
section_free (Section *s)
{
  g_clear_handle_id (&s->save_id, g_source_remove);
  g_free (s->slug);
  g_free (s->heading);
  g_free (s->generated);
  g_free (s->chart_choice);
  g_free (s);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
say (ItogiReportPage *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->message), text != NULL ? text : "");
  gtk_widget_set_visible (self->message, text != NULL);
}

static void
update_status (Section *s)
{
  if (s->edited)
    {
      g_autofree char *year = itogi_format_year (s->page->year);
      g_autofree char *compare = itogi_format_year (s->page->compare_year);
      /* Translators: «Изменено вами; хранится для 2023 г. к 2022 г.» */
      g_autofree char *text = g_strdup_printf (_ ("Edited; kept for %s against %s"), year, compare);
      gtk_label_set_text (GTK_LABEL (s->status), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (s->status), _ ("Written from the data"));
  gtk_widget_set_sensitive (s->regenerate, s->edited);
}

/* Store @text (NULL: back to the generated text) as one step. */
static gboolean
store_text (Section *s, const char *text, const char *label, GError **error)
{
  ItogiReportPage *self = s->page;
  gint64 step = itogi_session_begin (self->session, label, error);

  if (step == 0)
    return FALSE;
  if (!itogi_store_set_report_text (self->store, s->area_id, self->year, self->compare_year, text, error)
      || !itogi_session_commit (self->session, step, error))
    {
      itogi_session_rollback (self->session);
      return FALSE;
    }
  /* Told at once (not from an idle): the window's undo saves waiting text first and must find
   * its step on the stack before it undoes. Nothing here runs inside the buffer's own handler. */
  g_signal_emit (self, signals[CHANGED], 0, step);
  return TRUE;
}

static gboolean
save_section (Section *s, GError **error)
{
  g_autofree char *text = buffer_text (s->buffer);
  /* Typing the generated text back is no edit at all. */
  gboolean same = g_strcmp0 (text, s->generated) == 0;

  if (!store_text (s, same ? NULL : text, _ ("Edited the report text"), error))
    return FALSE;
  s->edited = !same;
  update_status (s);
  return TRUE;
}

static gboolean
on_save_timeout (gpointer data)
{
  Section *s = data;
  g_autoptr (GError) error = NULL;

  s->save_id = 0;
  /* Refused (read-only, full disk): the text stays as typed and is tried again at the next change. */
  if (!save_section (s, &error))
    say (s->page, error->message);
  else
    say (s->page, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (GtkTextBuffer *buffer, Section *s)
{
  if (s->loading)
    return;
  s->edited = TRUE;
  update_status (s);
  g_clear_handle_id (&s->save_id, g_source_remove);
  s->save_id = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, s);
  /* Typing can be undone before it is saved: the window's Undo must be on already. */
  gtk_widget_activate_action (GTK_WIDGET (s->page), "win.update-undo", NULL);
}

static void
set_buffer (Section *s, const char *text)
{
  g_autofree char *shown = buffer_text (s->buffer);

  /* Rewriting the same text would only move the cursor away. */
  if (g_strcmp0 (shown, text) == 0)
    return;
  s->loading = TRUE;
  gtk_text_buffer_set_text (s->buffer, text != NULL ? text : "", -1);
  s->loading = FALSE;
}

static void
on_regenerate_clicked (GtkButton *button, Section *s)
{
  itogi_report_page_regenerate (s->page, s->slug, FALSE);
}

/* The closing section, next year's tasks, as the documents end: each area with its tasks, or
 * «Задачи не внесены» where it has none (said here only: the documents leave such an area out,
 * and write no tasks section at all when none has any). Made once every section is read. */
static void
fill_tasks (ItogiReportPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->tasks_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->tasks_box), child);
  if (self->narrative->sections->len < self->areas->len)
    {
      gtk_widget_set_visible (self->tasks_box, FALSE);
      return;
    }
  {
    /* Translators: «Задачи на 2024 год» */
    g_autofree char *heading = g_strdup_printf (_ ("Tasks for %d"), self->year + 1);
    GtkWidget *label = gtk_label_new (heading);
    gtk_widget_add_css_class (label, "title-2");
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    itogi_wrap_label (GTK_LABEL (label));
    gtk_box_append (GTK_BOX (self->tasks_box), label);
  }
  for (guint i = 0; i < self->narrative->sections->len; i++)
    {
      const ItogiNarrativeSection *ns = self->narrative->sections->pdata[i];
      GtkWidget *area = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *label = gtk_label_new (ns->heading);

      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      itogi_wrap_label (GTK_LABEL (label));
      gtk_box_append (GTK_BOX (area), label);
      if (ns->tasks == NULL || ns->tasks->len == 0)
        {
          label = gtk_label_new (_ ("No tasks entered"));
          gtk_widget_add_css_class (label, "dim-label");
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_box_append (GTK_BOX (area), label);
        }
      for (guint t = 0; ns->tasks != NULL && t < ns->tasks->len; t++)
        {
          g_autofree char *line = g_strdup_printf ("%u. %s", t + 1, (const char *)ns->tasks->pdata[t]);
          label = gtk_label_new (line);
          itogi_wrap_label (GTK_LABEL (label));
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_box_append (GTK_BOX (area), label);
        }
      gtk_box_append (GTK_BOX (self->tasks_box), area);
    }
  gtk_widget_set_visible (self->tasks_box, TRUE);
}

/* The dropdown's rows: the chart kinds as itogi_chart_kinds() lists them, then no chart at all. */
static guint
no_chart_row (void)
{
  guint n_kinds;

  itogi_chart_kinds (&n_kinds);
  return n_kinds;
}

static void
fill_chart (Section *s)
{
  g_autoptr (GError) error = NULL;
  ItogiChartKind kind = ITOGI_CHART_AUTO;
  ItogiChartModel *model;
  guint row;

  if (s->chart_choice != NULL && !itogi_chart_kind_from_string (s->chart_choice, &kind))
    kind = ITOGI_CHART_AUTO;
  row = g_strcmp0 (s->chart_choice, "none") == 0 ? no_chart_row () : itogi_chart_kind_position (kind);
  s->loading = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (s->chart_kind), row);
  s->loading = FALSE;
  if (row == no_chart_row ())
    {
      gtk_widget_set_visible (s->chart, FALSE);
      return;
    }
  model = itogi_chart_model_new_for_area (s->page->store, s->slug, kind, s->page->year, s->page->compare_year,
                                          &error);
  if (model == NULL)
    {
      gtk_widget_set_visible (s->chart, FALSE);
      return;
    }
  gtk_widget_set_visible (s->chart, model->items->len > 0);
  itogi_chart_view_set_model (ITOGI_CHART_VIEW (s->chart), model);
}

/* The chart chosen for the report is the area's, whatever the years: kept as a meta key. */
static void
on_chart_kind_selected (GtkDropDown *dropdown, GParamSpec *pspec, Section *s)
{
  guint row = gtk_drop_down_get_selected (dropdown), n_kinds;
  const ItogiChartKindInfo *kinds = itogi_chart_kinds (&n_kinds);
  g_autofree char *key = g_strdup_printf ("report-chart.%s", s->slug);
  const char *value;
  g_autoptr (GError) error = NULL;

  if (s->loading || row == GTK_INVALID_LIST_POSITION || row > n_kinds)
    return;
  value = row == n_kinds ? "none" : kinds[row].kind == ITOGI_CHART_AUTO ? "" : kinds[row].name;
  if (!itogi_store_set_meta (s->page->store, key, value, &error))
    {
      say (s->page, error->message);
      return;
    }
  g_free (s->chart_choice);
  s->chart_choice = *value != '\0' ? g_strdup (value) : NULL;
  fill_chart (s);
}

static Section *
section_new (ItogiReportPage *self, const ItogiNarrativeSection *ns)
{
  Section *s = g_new0 (Section, 1);
  GtkWidget *heading, *frame, *view, *row;

  s->page = self;
  s->area_id = ns->area_id;
  s->slug = g_strdup (ns->slug);
  s->heading = g_strdup (ns->heading);

  s->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  heading = gtk_label_new (ns->heading);
  gtk_widget_add_css_class (heading, "title-2");
  itogi_wrap_label (GTK_LABEL (heading));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (s->box), heading);

  /* Tab goes on to the next field, never into the text. */
  view = itogi_prose_view_new ();
  s->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  /* One undo, the window's: each saved edit is a step there. A second history in the view would
   * undo typing that was already saved, which is then saved again as a new change. */
  gtk_text_buffer_set_enable_undo (s->buffer, FALSE);
  /* A database that cannot be written is shown, not edited. */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), !itogi_store_is_read_only (self->store));
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_name (view, ns->slug);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, ns->heading, -1);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (s->box), frame);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  s->status = gtk_label_new (NULL);
  gtk_widget_add_css_class (s->status, "dim-label");
  gtk_widget_add_css_class (s->status, "caption");
  gtk_widget_set_hexpand (s->status, TRUE);
  gtk_label_set_xalign (GTK_LABEL (s->status), 0);
  gtk_box_append (GTK_BOX (row), s->status);
  s->regenerate = gtk_button_new_with_mnemonic (_ ("_Write from the Data Again…"));
  itogi_tooltip_set (s->regenerate, _ ("Replace this area's text with the one made from the figures"));
  g_signal_connect (s->regenerate, "clicked", G_CALLBACK (on_regenerate_clicked), s);
  gtk_box_append (GTK_BOX (row), s->regenerate);
  gtk_box_append (GTK_BOX (s->box), row);

  {
    guint n_kinds;
    const ItogiChartKindInfo *kinds = itogi_chart_kinds (&n_kinds);
    GtkStringList *list = gtk_string_list_new (NULL);
    GtkWidget *chart_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *label = gtk_label_new (_ ("Chart in the report"));

    for (guint i = 0; i < n_kinds; i++)
      gtk_string_list_append (list, itogi_chart_kind_label (&kinds[i]));
    gtk_string_list_append (list, _ ("No Chart"));
    s->chart_kind = gtk_drop_down_new (G_LIST_MODEL (list), NULL);
    itogi_a11y_set_name (s->chart_kind, _ ("Chart in the report"));
    gtk_widget_add_css_class (label, "dim-label");
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_set_hexpand (label, TRUE);
    gtk_box_append (GTK_BOX (chart_row), label);
    gtk_box_append (GTK_BOX (chart_row), s->chart_kind);
    gtk_box_append (GTK_BOX (s->box), chart_row);
    g_signal_connect (s->chart_kind, "notify::selected", G_CALLBACK (on_chart_kind_selected), s);
    gtk_widget_set_sensitive (s->chart_kind, !itogi_store_is_read_only (self->store));
  }
  s->chart = itogi_chart_view_new ();
  gtk_widget_set_size_request (s->chart, -1, 320);
  gtk_box_append (GTK_BOX (s->box), s->chart);

  g_signal_connect (s->buffer, "changed", G_CALLBACK (on_buffer_changed), s);
  itogi_a11y_mend_tree (s->box);
  return s;
}

static ItogiNarrative *
build_narrative (ItogiReportPage *self, GError **error)
{
  return itogi_narrative_build_edited (self->store, self->year, self->compare_year, error);
}

/* Whether the sections shown are those of @areas, in order. */
static gboolean
same_areas (ItogiReportPage *self, GPtrArray *areas)
{
  if (self->sections->len != areas->len)
    return FALSE;
  for (guint i = 0; i < areas->len; i++)
    {
      const Section *s = self->sections->pdata[i];
      const ItogiArea *area = areas->pdata[i];
      if (s->area_id != area->id || g_strcmp0 (s->heading, area->title) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Section @i of the narrative shown: made if it is not yet (the sections are made in order),
 * its text and chart choice filled in; its chart too when @chart. */
static void
show_section (ItogiReportPage *self, guint i, gboolean chart)
{
  const ItogiNarrativeSection *ns = self->narrative->sections->pdata[i];
  Section *s;

  if (i == self->sections->len)
    {
      s = section_new (self, ns);
      g_ptr_array_add (self->sections, s);
      gtk_box_append (GTK_BOX (self->sections_box), s->box);
    }
  s = self->sections->pdata[i];
  /* The generated text, even where an edit is shown: typing it back means «no edit». */
  g_free (s->generated);
  s->generated = g_strdup (ns->edited ? ns->generated : ns->body);
  /* Text waiting to be saved is the user's latest word: it is not replaced. */
  if (s->save_id == 0)
    {
      set_buffer (s, ns->body);
      s->edited = ns->edited;
    }
  update_status (s);
  gtk_widget_set_visible (s->box, TRUE);
  g_free (s->chart_choice);
  s->chart_choice = g_strdup (ns->chart);
  if (chart)
    fill_chart (s);
  else
    /* Its chart comes after the first frame; until then none, rather than other years'. */
    itogi_chart_view_set_model (ITOGI_CHART_VIEW (s->chart), NULL);
}

/* What the first frame shows is made with the page: the first two sections' text (a window of
 * 1 280 × 800 shows one). The rest come after that frame, a few milliseconds' worth at a time,
 * below the redrawing, while the page is shown, the first section's chart first: each section
 * costs its area's queries and its widgets, each chart its area's queries and its drawing (a
 * chart drawn with the first frame made it a third longer). */
#define FIRST_SECTIONS 2

/* Once every area's section is read: whether a year of the report has no figure in some, said
 * above the sections (the report is written all the same). */
static void
show_missing (ItogiReportPage *self)
{
  g_autofree char *missing = NULL;

  if (self->narrative->sections->len < self->areas->len)
    return;
  missing = itogi_narrative_missing_figures (self->narrative);
  gtk_label_set_text (GTK_LABEL (self->missing), missing != NULL ? missing : "");
  gtk_widget_set_visible (self->missing, missing != NULL);
  fill_tasks (self);
}

/* One thing still to make: the next chart, else the next section (a step of itogi-idle-fill.h).
 * G_SOURCE_REMOVE once all are made, or when the database fails under it (which it says; the
 * sections made stay). */
static gboolean
fill_more (gpointer data)
{
  ItogiReportPage *self = data;
  guint made = self->narrative->sections->len;

  if (self->charts_next < made)
    fill_chart (self->sections->pdata[self->charts_next++]);
  else if (made < self->areas->len)
    {
      g_autoptr (GError) error = NULL;

      if (!itogi_narrative_add_section (self->narrative, self->store, self->areas->pdata[made], &error))
        {
          say (self, error->message);
          return G_SOURCE_REMOVE;
        }
      show_section (self, made, FALSE);
      show_missing (self);
    }
  return self->charts_next < self->narrative->sections->len
                 || self->narrative->sections->len < self->areas->len
             ? G_SOURCE_CONTINUE
             : G_SOURCE_REMOVE;
}

/* Every section made now, its chart too, for a caller that needs one still to come. */
static void
fill_all (ItogiReportPage *self)
{
  if (self->narrative == NULL)
    return;
  while (fill_more (self) == G_SOURCE_CONTINUE)
    ;
  itogi_idle_fill_stop (&self->fill);
}

gboolean
itogi_report_page_is_filling (ItogiReportPage *self)
{
  g_return_val_if_fail (ITOGI_IS_REPORT_PAGE (self), FALSE);
  return itogi_idle_fill_is_running (&self->fill);
}

gboolean
itogi_report_page_set_years (ItogiReportPage *self, int year, int compare_year, GError **error)
{
  gboolean same_years = self->year == year && self->compare_year == compare_year;
  g_autoptr (ItogiNarrative) narrative = NULL;
  g_autoptr (GPtrArray) areas = NULL;
  GtkWidget *child;
  guint first;

  /* Another pair of years shows other texts: what is waiting is saved for the years it was typed for. */
  if (!same_years && self->year != 0 && !itogi_report_page_save_now (self, error))
    return FALSE;
  areas = itogi_store_list_areas (self->store, FALSE, error);
  if (areas == NULL)
    return FALSE;
  /* Limited to the approved areas: the others are not in the report. */
  for (guint i = areas->len; self->approved_only && i > 0; i--)
    {
      ItogiAreaStatus status;

      if (!itogi_store_get_area_status (self->store, ((ItogiArea *)areas->pdata[i - 1])->id, year, &status,
                                        NULL, NULL, error))
        return FALSE;
      if (status != ITOGI_AREA_APPROVED)
        g_ptr_array_remove_index (areas, i - 1);
    }
  {
    g_autofree char *pending = itogi_narrative_not_approved (self->store, year, self->approved_only, NULL);
    gtk_label_set_text (GTK_LABEL (self->approval), pending != NULL ? pending : "");
    gtk_widget_set_visible (self->approval, pending != NULL);
  }
  narrative = itogi_narrative_begin (self->store, year, compare_year);
  first = MIN (FIRST_SECTIONS, areas->len);
  for (guint i = 0; i < first; i++)
    if (!itogi_narrative_add_section (narrative, self->store, areas->pdata[i], error))
      return FALSE;
  self->year = year;
  self->compare_year = compare_year;
  itogi_idle_fill_stop (&self->fill);
  g_clear_pointer (&self->narrative, itogi_narrative_free);
  self->narrative = g_steal_pointer (&narrative);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  self->areas = g_steal_pointer (&areas);

  gtk_label_set_text (GTK_LABEL (self->title_label), self->narrative->title);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), self->narrative->office);
  gtk_label_set_text (GTK_LABEL (self->introduction), self->narrative->introduction);
  gtk_widget_set_visible (self->introduction, *self->narrative->introduction != '\0');

  if (!same_areas (self, self->areas))
    {
      while ((child = gtk_widget_get_first_child (self->sections_box)) != NULL)
        gtk_box_remove (GTK_BOX (self->sections_box), child);
      g_ptr_array_set_size (self->sections, 0);
    }
  /* The first sections take their text now; those after them, there already, are out of sight
   * until theirs comes, so that nobody reads or types into a text of other years. (Hidden costs
   * nothing; greyed out, each text view would be styled and laid out anew.) */
  for (guint i = first; i < self->sections->len; i++)
    gtk_widget_set_visible (((Section *)self->sections->pdata[i])->box, FALSE);
  for (guint i = 0; i < first; i++)
    show_section (self, i, FALSE);
  /* Another pair of years: what the old one lacked no longer holds, nor its tasks; said again
   * once read. */
  gtk_widget_set_visible (self->missing, FALSE);
  gtk_widget_set_visible (self->tasks_box, FALSE);
  show_missing (self);
  self->charts_next = 0;
  if (self->charts_next < self->areas->len)
    itogi_idle_fill_start (&self->fill, GTK_WIDGET (self), fill_more, self);
  return TRUE;
}

gboolean
itogi_report_page_save_now (ItogiReportPage *self, GError **error)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = self->sections->pdata[i];

      if (s->save_id == 0)
        continue;
      g_clear_handle_id (&s->save_id, g_source_remove);
      if (!save_section (s, error))
        {
          /* Still waiting: the next change or save tries again. */
          s->save_id = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, s);
          return FALSE;
        }
    }
  say (self, NULL);
  return TRUE;
}

gboolean
itogi_report_page_has_unsaved (ItogiReportPage *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    if (((Section *)self->sections->pdata[i])->save_id != 0)
      return TRUE;
  return FALSE;
}

GtkTextBuffer *
itogi_report_page_get_buffer (ItogiReportPage *self, const char *slug)
{
  fill_all (self);
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = self->sections->pdata[i];
      if (g_strcmp0 (s->slug, slug) == 0)
        return s->buffer;
    }
  return NULL;
}

ItogiNarrative *
itogi_report_page_get_narrative (ItogiReportPage *self)
{
  ItogiNarrative *copy = build_narrative (self, NULL);

  if (copy == NULL)
    return NULL;
  fill_all (self);
  /* What is on screen, saved or not yet. */
  for (guint i = 0; i < copy->sections->len && i < self->sections->len; i++)
    {
      ItogiNarrativeSection *ns = copy->sections->pdata[i];
      Section *s = self->sections->pdata[i];
      g_free (ns->body);
      ns->body = buffer_text (s->buffer);
      ns->edited = s->edited;
    }
  return copy;
}

static Section *
find_section (ItogiReportPage *self, const char *slug)
{
  fill_all (self);
  for (guint i = 0; i < self->sections->len; i++)
    if (g_strcmp0 (((Section *)self->sections->pdata[i])->slug, slug) == 0)
      return self->sections->pdata[i];
  return NULL;
}

/* The area a «Replace?» question is about, while it is asked. */
typedef struct
{
  ItogiReportPage *page; /* a reference */
  char *slug;
} ReplaceAsked;

static void
replace_asked_free (gpointer data, GClosure *closure)
{
  ReplaceAsked *asked = data;

  g_object_unref (asked->page);
  g_free (asked->slug);
  g_free (asked);
}

static void
on_regenerate_response (AdwMessageDialog *dialog, const char *response, ReplaceAsked *asked)
{
  if (g_strcmp0 (response, "replace") == 0)
    itogi_report_page_regenerate (asked->page, asked->slug, TRUE);
}

void
itogi_report_page_regenerate (ItogiReportPage *self, const char *slug, gboolean confirmed)
{
  Section *s = find_section (self, slug);
  g_autoptr (GError) error = NULL;

  g_return_if_fail (s != NULL);
  if (!s->edited)
    return;
  if (!confirmed)
    {
      GtkWidget *dialog;
      g_autofree char *body = g_strdup_printf (
          /* Translators: %s is an area's title */
          _ ("The text of «%s» as edited will be replaced by the one written from the figures. The "
             "replacement can be undone."),
          s->heading);

      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       _ ("Replace the Edited Text?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "replace",
                                        _ ("_Replace"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      {
        ReplaceAsked *asked = g_new0 (ReplaceAsked, 1);
        asked->page = g_object_ref (self);
        asked->slug = g_strdup (slug);
        g_signal_connect_data (dialog, "response", G_CALLBACK (on_regenerate_response), asked,
                               replace_asked_free, 0);
      }
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  g_clear_handle_id (&s->save_id, g_source_remove);
  if (!store_text (s, NULL, _ ("Wrote the report text from the data again"), &error))
    {
      say (self, error->message);
      return;
    }
  s->edited = FALSE;
  set_buffer (s, s->generated);
  update_status (s);
  say (self, NULL);
}

/* ---- export ---- */

/* A report file written in a worker thread, with a connection of its own that reads only: the
 * window stays live, shows the area being written, and can cancel (nothing is saved then: both
 * writers make the document in memory and save it whole at the end). */
typedef struct _ReportJob
{
  ItogiReportPage *page; /* a reference */
  gboolean gone;         /* the page was taken down meanwhile */
  char *database;
  char *path;
  const ItogiReportFormat *format;
  gboolean approved_only;
  int year, compare_year;
  GPtrArray *shown; /* ItogiNarrativeSection *: what the page shows, saved or not yet */
  GCancellable *cancellable;
  ItogiProgressCounter steps; /* the area being written */
} ReportJob;

static void
shown_free (ItogiNarrativeSection *ns)
{
  g_free (ns->body);
  g_free (ns);
}

static void
report_job_free (ReportJob *job)
{
  g_free (job->database);
  g_free (job->path);
  g_clear_pointer (&job->shown, g_ptr_array_unref);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/* The texts the page shows, as sections of their own: the thread must not read the page. */
static GPtrArray *
shown_texts (ItogiReportPage *self)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func ((GDestroyNotify)shown_free);

  /* Only the sections made for the page's years: those still to come are written as made. */
  for (guint i = 0; i < self->sections->len && i < self->narrative->sections->len; i++)
    {
      Section *s = self->sections->pdata[i];
      ItogiNarrativeSection *ns = g_new0 (ItogiNarrativeSection, 1);

      ns->area_id = s->area_id;
      ns->body = buffer_text (s->buffer);
      ns->edited = s->edited;
      g_ptr_array_add (shown, ns);
    }
  return shown;
}

/* What is on screen replaces what was made, section by section, saved or not yet. */
static void
apply_shown (ItogiNarrative *narrative, GPtrArray *shown)
{
  for (guint i = 0; i < narrative->sections->len && i < shown->len; i++)
    {
      ItogiNarrativeSection *ns = narrative->sections->pdata[i];
      const ItogiNarrativeSection *on_screen = shown->pdata[i];

      if (ns->area_id != on_screen->area_id)
        continue;
      g_free (ns->body);
      ns->body = g_strdup (on_screen->body);
      ns->edited = on_screen->edited;
    }
}

static void
write_report (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ReportJob *job = data;
  ItogiProgress progress = { cancellable, itogi_progress_count, &job->steps };
  GError *error = NULL;
  g_autoptr (ItogiStore) store = itogi_store_open_to_read (job->database, &error);
  g_autoptr (ItogiNarrative) narrative = NULL;
  gboolean ok;

  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The narrative is made here too: from a large database it takes longer than a frame. */
  narrative = itogi_narrative_build_edited (store, job->year, job->compare_year, NULL);
  if (narrative == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _ ("The report could not be made from the figures."));
      return;
    }
  apply_shown (narrative, job->shown);
  if (job->approved_only && !itogi_narrative_keep_approved (narrative, store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ok = job->format->write (store, narrative, job->path, &progress, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
show_export_step (gpointer data)
{
  ItogiReportPage *self = data;
  guint total, done;
  g_autofree char *text = NULL;

  if (self->job == NULL)
    return G_SOURCE_REMOVE;
  if (!itogi_progress_counter_read (&self->job->steps, &done, &total))
    return G_SOURCE_CONTINUE;
  /* Translators: «Отчёт записывается: направление 3 из 58…» */
  text = g_strdup_printf (_ ("Writing the report: area %u of %u…"), done + 1, total);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->export_bar), (double)done / total);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->export_bar), text);
  return G_SOURCE_CONTINUE;
}

static void
export_finished (ItogiReportPage *self)
{
  g_clear_handle_id (&self->export_timer, g_source_remove);
  gtk_widget_set_visible (self->export_box, FALSE);
  gtk_widget_set_sensitive (self->export_buttons, TRUE);
  self->job = NULL;
}

static void
on_report_written (GObject *source, GAsyncResult *result, gpointer data)
{
  ReportJob *job = g_task_get_task_data (G_TASK (result));
  ItogiReportPage *self = job->page;
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_application_get_default () != NULL)
    g_application_release (g_application_get_default ());
  if (job->gone)
    {
      g_object_unref (self);
      return;
    }
  export_finished (self);
  if (!ok)
    say (self, error->message);
  else
    {
      g_autofree char *name = g_path_get_basename (job->path);
      g_autofree char *display = g_filename_display_name (name);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_ ("Report “%s” saved"), display);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      say (self, NULL);
      if (ITOGI_IS_WINDOW (root))
        itogi_window_notify (ITOGI_WINDOW (root), text, job->path);
    }
  g_object_unref (self);
}

gboolean
itogi_report_page_export_to (ItogiReportPage *self, const ItogiReportFormat *format, const char *path)
{
  g_autoptr (GTask) task = NULL;
  ReportJob *job;

  g_return_val_if_fail (ITOGI_IS_REPORT_PAGE (self), FALSE);
  if (self->job != NULL || self->year == 0)
    return FALSE;
  job = g_new0 (ReportJob, 1);
  job->page = g_object_ref (self);
  job->database = g_strdup (itogi_store_get_path (self->store));
  job->path = g_strdup (path);
  job->format = format;
  job->year = self->year;
  job->compare_year = self->compare_year;
  job->approved_only = self->approved_only;
  job->shown = shown_texts (self);
  job->cancellable = g_cancellable_new ();
  self->job = job;

  say (self, NULL);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->export_bar), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->export_bar), _ ("Writing the report…"));
  gtk_widget_set_visible (self->export_box, TRUE);
  gtk_widget_set_sensitive (self->export_buttons, FALSE);
  self->export_timer = g_timeout_add (100, show_export_step, self);
  /* The application stays until the file is written or cancelled, even if the window closes. */
  if (g_application_get_default () != NULL)
    g_application_hold (g_application_get_default ());
  task = g_task_new (NULL, job->cancellable, on_report_written, NULL);
  /* A cancel is told in the job's own words («nothing was saved»), not GIO's generic one. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify)report_job_free);
  g_task_set_name (task, "itogi-report-export");
  g_task_run_in_thread (task, write_report);
  return TRUE;
}

gboolean
itogi_report_page_is_exporting (ItogiReportPage *self)
{
  g_return_val_if_fail (ITOGI_IS_REPORT_PAGE (self), FALSE);
  return self->job != NULL;
}

const char *
itogi_report_page_get_missing (ItogiReportPage *self)
{
  g_return_val_if_fail (ITOGI_IS_REPORT_PAGE (self), NULL);
  return gtk_widget_get_visible (self->missing) ? gtk_label_get_text (GTK_LABEL (self->missing)) : NULL;
}

const char *
itogi_report_page_get_message (ItogiReportPage *self)
{
  g_return_val_if_fail (ITOGI_IS_REPORT_PAGE (self), NULL);
  return gtk_widget_get_visible (self->message) ? gtk_label_get_text (GTK_LABEL (self->message)) : NULL;
}

void
itogi_report_page_cancel_export (ItogiReportPage *self)
{
  g_return_if_fail (ITOGI_IS_REPORT_PAGE (self));
  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
}

/* The file chooser's answer for a format. */
typedef struct
{
  ItogiReportPage *page; /* a reference */
  const ItogiReportFormat *format;
} ExportChoice;

static void
on_export_chosen (GtkNativeDialog *chooser, int response, ExportChoice *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        say (choice->page, _ ("Choose a file on this computer."));
      else
        itogi_report_page_export_to (choice->page, choice->format, path);
    }
  g_object_unref (choice->page);
  g_free (choice);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiReportPage *self = ITOGI_REPORT_PAGE (widget);
  const ItogiReportFormat *format = itogi_report_format_find (g_variant_get_string (param, NULL));
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  ExportChoice *choice;

  if (self->job != NULL || format == NULL)
    return;
  chooser = gtk_file_chooser_native_new (itogi_report_format_text (format->title),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  /* Translators: the proposed file name: «Отчет за 2023 год.pdf» (the report's own spelling) */
  name = g_strdup_printf (_ ("Report for %d.%s"), self->year, format->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  choice = g_new0 (ExportChoice, 1);
  choice->page = g_object_ref (self);
  choice->format = format;
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the widget ---- */

static void
itogi_report_page_dispose (GObject *object)
{
  ItogiReportPage *self = ITOGI_REPORT_PAGE (object);

  /* A file being written is finished by its thread; its result finds no page. */
  if (self->job != NULL)
    {
      self->job->gone = TRUE;
      self->job = NULL;
    }
  g_clear_handle_id (&self->export_timer, g_source_remove);
  itogi_idle_fill_stop (&self->fill);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  /* Their timers point at the sections: they go with them, before the widgets. */
  g_ptr_array_set_size (self->sections, 0);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (itogi_report_page_parent_class)->dispose (object);
}

static void
itogi_report_page_finalize (GObject *object)
{
  ItogiReportPage *self = ITOGI_REPORT_PAGE (object);

  g_ptr_array_unref (self->sections);
  g_clear_pointer (&self->narrative, itogi_narrative_free);
  g_clear_pointer (&self->session, itogi_session_unref);
  G_OBJECT_CLASS (itogi_report_page_parent_class)->finalize (object);
}

static void
itogi_report_page_class_init (ItogiReportPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_report_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = itogi_report_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* The target is a report format's name (itogi_report_formats). */
  gtk_widget_class_install_action (widget_class, "report.export", "s", export_action);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
on_approved_only_toggled (ItogiReportPage *self)
{
  g_autoptr (GError) error = NULL;

  self->approved_only = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->approved_check));
  if (self->year != 0 && !itogi_report_page_set_years (self, self->year, self->compare_year, &error))
    say (self, error->message);
}

static void
itogi_report_page_init (ItogiReportPage *self)
{
  GtkWidget *clamp, *header, *titles, *buttons;

  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify)section_free);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->content, 24);
  gtk_widget_set_margin_bottom (self->content, 24);
  gtk_widget_set_margin_start (self->content, 24);
  gtk_widget_set_margin_end (self->content, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (titles, TRUE);
  self->title_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title_label, "title-2");
  itogi_wrap_label (GTK_LABEL (self->title_label));
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  self->subtitle_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
  itogi_wrap_label (GTK_LABEL (self->subtitle_label));
  gtk_label_set_xalign (GTK_LABEL (self->subtitle_label), 0);
  gtk_box_append (GTK_BOX (titles), self->title_label);
  gtk_box_append (GTK_BOX (titles), self->subtitle_label);
  gtk_box_append (GTK_BOX (header), titles);

  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (buttons, GTK_ALIGN_START);
  /* A button for each format the table offers here, the first one suggested. */
  {
    guint n_formats;
    const ItogiReportFormat *formats = itogi_report_formats (&n_formats);
    gboolean first = TRUE;

    for (guint i = 0; i < n_formats; i++)
      {
        GtkWidget *button;

        if (formats[i].button == NULL)
          continue;
        button = gtk_button_new_with_mnemonic (itogi_report_format_text (formats[i].button));
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                                g_variant_new_string (formats[i].name));
        gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "report.export");
        if (formats[i].tooltip != NULL)
          itogi_tooltip_set (button, itogi_report_format_text (formats[i].tooltip));
        if (first)
          gtk_widget_add_css_class (button, "suggested-action");
        first = FALSE;
        gtk_box_append (GTK_BOX (buttons), button);
      }
  }
  self->approved_check = gtk_check_button_new_with_mnemonic (_ ("_Approved Areas Only"));
  itogi_tooltip_set (self->approved_check,
                     _ ("The report, on screen and in its files, of the areas whose year is approved"));
  g_signal_connect_swapped (self->approved_check, "toggled", G_CALLBACK (on_approved_only_toggled), self);
  gtk_box_append (GTK_BOX (buttons), self->approved_check);
  gtk_box_append (GTK_BOX (header), buttons);
  gtk_box_append (GTK_BOX (self->content), header);
  self->export_buttons = buttons;

  /* While a file is written: which area, how far, and a way to stop it. */
  {
    GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));

    self->export_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    self->export_bar = gtk_progress_bar_new ();
    gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (self->export_bar), TRUE);
    gtk_widget_set_hexpand (self->export_bar, TRUE);
    gtk_widget_set_valign (self->export_bar, GTK_ALIGN_CENTER);
    itogi_tooltip_set (cancel, _ ("Stop writing the file; nothing is saved"));
    g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (itogi_report_page_cancel_export), self);
    gtk_box_append (GTK_BOX (self->export_box), self->export_bar);
    gtk_box_append (GTK_BOX (self->export_box), cancel);
    gtk_widget_set_visible (self->export_box, FALSE);
    gtk_box_append (GTK_BOX (self->content), self->export_box);
  }

  self->message = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->message, "error");
  itogi_wrap_label (GTK_LABEL (self->message));
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_set_visible (self->message, FALSE);
  gtk_box_append (GTK_BOX (self->content), self->message);

  self->missing = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->missing, "warning");
  itogi_wrap_label (GTK_LABEL (self->missing));
  gtk_label_set_xalign (GTK_LABEL (self->missing), 0);
  gtk_widget_set_visible (self->missing, FALSE);
  gtk_box_append (GTK_BOX (self->content), self->missing);

  self->approval = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->approval, "dim-label");
  itogi_wrap_label (GTK_LABEL (self->approval));
  gtk_label_set_xalign (GTK_LABEL (self->approval), 0);
  gtk_widget_set_visible (self->approval, FALSE);
  gtk_box_append (GTK_BOX (self->content), self->approval);

  self->introduction = gtk_label_new (NULL);
  itogi_wrap_label (GTK_LABEL (self->introduction));
  gtk_label_set_xalign (GTK_LABEL (self->introduction), 0);
  gtk_widget_set_visible (self->introduction, FALSE);
  gtk_box_append (GTK_BOX (self->content), self->introduction);

  self->sections_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 36);
  gtk_box_append (GTK_BOX (self->content), self->sections_box);

  self->tasks_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_visible (self->tasks_box, FALSE);
  gtk_box_append (GTK_BOX (self->content), self->tasks_box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Report"), -1);
  itogi_a11y_mend_tree (GTK_WIDGET (self));
}

GtkWidget *
itogi_report_page_new (ItogiSession *session)
{
  ItogiReportPage *self = g_object_new (ITOGI_TYPE_REPORT_PAGE, NULL);

  self->session = itogi_session_ref (session);
  self->store = itogi_session_get_store (session);
  return GTK_WIDGET (self);
}
