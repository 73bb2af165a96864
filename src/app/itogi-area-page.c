/* itogi-area-page.c: the page of one activity area, and the Overview of all of them
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-a11y.h"
#include "itogi-area-page-private.h"
#include "itogi-format.h"

G_DEFINE_FINAL_TYPE (ItogiAreaPage, itogi_area_page, GTK_TYPE_WIDGET)

static void
itogi_area_page_dispose (GObject *object)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (object);

  itogi_idle_fill_stop (&self->fill);
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ITOGI_TYPE_AREA_PAGE);
  g_clear_pointer (&self->area, itogi_area_free);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_pointer (&self->progress_rows, g_ptr_array_unref);
  g_clear_pointer (&self->progress_icons, g_ptr_array_unref);
  G_OBJECT_CLASS (itogi_area_page_parent_class)->dispose (object);
}

static void
itogi_area_page_finalize (GObject *object)
{
  g_clear_pointer (&ITOGI_AREA_PAGE (object)->session, itogi_session_unref);
  itogi_value_clear (&ITOGI_AREA_PAGE (object)->theirs);
  G_OBJECT_CLASS (itogi_area_page_parent_class)->finalize (object);
}

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  ItogiAreaPage *page;
  gint64 step;
} Changed;

static gboolean
emit_changed (gpointer data)
{
  Changed *c = data;

  g_signal_emit (c->page, signals[CHANGED], 0, c->step);
  g_object_unref (c->page);
  g_free (c);
  return G_SOURCE_REMOVE;
}

void
_itogi_area_page_show_toast (ItogiAreaPage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      /* Toast titles are markup in libadwaita 1.2: a file name with «&» must not vanish. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
}

/* After a write made inside @step: commit it and tell the window (for Undo and to reload), or take
 * it back whole. The page is rebuilt from an idle, outside the handler of the widget that asked. */
gboolean
_itogi_area_page_finish_step (ItogiAreaPage *self, gint64 step, gboolean ok, GError **error)
{
  if (!ok)
    {
      itogi_session_rollback (self->session);
      return FALSE;
    }
  if (!itogi_session_commit (self->session, step, error))
    return FALSE;
  _itogi_area_page_changed_later (self, step);
  return TRUE;
}

/* Tell the window of @step from an idle, once the handler of the widget that asked has returned
 * (the page is rebuilt then). */
void
_itogi_area_page_changed_later (ItogiAreaPage *self, gint64 step)
{
  Changed *c = g_new0 (Changed, 1);

  c->page = g_object_ref (self);
  c->step = step;
  g_idle_add (emit_changed, c);
}

/* «Подготовить проект…» shortened for a history entry. */
char *
_itogi_area_page_short_text (const char *text)
{
  if (g_utf8_strlen (text, -1) <= 60)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, 59);
    return g_strconcat (head, "…", NULL);
  }
}

GtkWindow *
_itogi_area_page_page_window (ItogiAreaPage *self)
{
  return GTK_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW));
}

static void
set_button (GtkWidget *button, const char *label, ItogiAreaStatus to)
{
  gtk_widget_set_visible (button, label != NULL);
  if (label == NULL)
    return;
  gtk_button_set_label (GTK_BUTTON (button), label);
  itogi_a11y_mend_button (button);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", itogi_area_status_to_string (to));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "area.set-status");
}

/* The bar above the table: the year's status, who set it and when, and the moves this role may
 * make (submit or take back for whoever edits the area; approve and unlock for the head). */
void
_itogi_area_page_show_status (ItogiAreaPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *by = NULL, *at = NULL, *when = NULL, *text = NULL;
  g_autofree char *year_text = NULL;
  ItogiAreaStatus status = ITOGI_AREA_DRAFT;
  gboolean may_edit, head;

  if (self->area == NULL || self->year == 0
      || !itogi_store_get_area_status (self->store, self->area->id, self->year, &status, &by, &at, &error))
    {
      gtk_widget_set_visible (self->status_box, FALSE);
      return;
    }
  may_edit = !itogi_store_is_read_only (self->store)
             && itogi_store_area_right (self->store, self->area->id) == ITOGI_AREA_EDIT;
  head = may_edit && itogi_store_may_approve (self->store);
  year_text = itogi_format_year (self->year);
  when = at != NULL ? itogi_format_local_time (at) : NULL;
  switch (status)
    {
    case ITOGI_AREA_SUBMITTED:
      /* Translators: «Итоги за 2023 г. отправлены на утверждение: ivanova, 05.12.2026 10:00.» */
      text = g_strdup_printf (_ ("The figures for %s were submitted for approval by %s, %s."), year_text, by,
                              when);
      gtk_image_set_from_icon_name (self->status_icon, "mail-send-symbolic");
      set_button (self->status_back_button, may_edit ? _ ("Return to _Draft") : NULL, ITOGI_AREA_DRAFT);
      set_button (self->status_forward_button, head ? _ ("_Approve") : NULL, ITOGI_AREA_APPROVED);
      break;
    case ITOGI_AREA_APPROVED:
      text = g_strdup_printf (
          _ ("The figures for %s were approved by %s, %s. The year’s figures, notes and tasks "
             "are locked."),
          year_text, by, when);
      gtk_image_set_from_icon_name (self->status_icon, "changes-prevent-symbolic");
      set_button (self->status_back_button, head ? _ ("_Unlock") : NULL, ITOGI_AREA_DRAFT);
      set_button (self->status_forward_button, NULL, ITOGI_AREA_DRAFT);
      break;
    case ITOGI_AREA_DRAFT:
    default:
      text = g_strdup_printf (
          _ ("The figures for %s are a draft: submit them for approval once they are complete."), year_text);
      gtk_image_set_from_icon_name (self->status_icon, "document-edit-symbolic");
      set_button (self->status_back_button, NULL, ITOGI_AREA_DRAFT);
      set_button (self->status_forward_button, may_edit ? _ ("_Submit for Approval") : NULL,
                  ITOGI_AREA_SUBMITTED);
      break;
    }
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (self->status_box, TRUE);
}

static const char *
status_icon_name (ItogiAreaStatus status)
{
  return status == ITOGI_AREA_APPROVED    ? "changes-prevent-symbolic"
         : status == ITOGI_AREA_SUBMITTED ? "mail-send-symbolic"
                                          : "document-edit-symbolic";
}

/* One area's line under the sign-off: its status, who moved it and when, and what it lacks. */
static char *
progress_line (const ItogiAreaProgress *p)
{
  g_autofree char *who = NULL;
  GString *titles;
  char *line;

  if (p->status != ITOGI_AREA_DRAFT && p->changed_by != NULL)
    {
      g_autofree char *when = itogi_format_local_time (p->changed_at);
      who = g_strdup_printf (" (%s, %s)", p->changed_by, when);
    }
  if (p->missing->len == 0)
    return g_strdup_printf ("%s%s", itogi_area_status_label (p->status), who != NULL ? who : "");
  titles = g_string_new (NULL);
  for (guint m = 0; m < p->missing->len && m < 3; m++)
    g_string_append_printf (titles, "%s%s", m > 0 ? "; " : "",
                            ((ItogiIndicator *)p->missing->pdata[m])->title);
  if (p->missing->len > 3)
    g_string_append (titles, "…");
  /* Translators: «нет данных: Численность работников, Иски»; the plural follows the count */
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s — %u indicator without a figure: %s",
                                       "%s%s — %u indicators without a figure: %s", p->missing->len),
                          itogi_area_status_label (p->status), who != NULL ? who : "", p->missing->len,
                          titles->str);
  g_string_free (titles, TRUE);
  return line;
}

static GtkWidget *
progress_row_new (GtkWidget *icon)
{
  GtkWidget *row = adw_action_row_new ();

  /* Titles and subtitles are markup unless told: an area named «Молодёжь & НКО» must show as it is. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
progress_row_set (GtkWidget *row, GtkImage *icon, const ItogiAreaProgress *p)
{
  g_autofree char *line = progress_line (p);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->area->short_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
  gtk_image_set_from_icon_name (icon, status_icon_name (p->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  itogi_area_status_label (p->status), -1);
  /* The target first: an action name without its target warns. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", p->area->slug);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-page");
}

/* The rows under the sign-off exist only while it is unfolded: folded, a new year or an edit
 * costs its title and subtitle only (58 rows made anew were most of a year's change on a large
 * database). Unfolded, the rows take the new figures in place. */
static void
sync_progress_rows (ItogiAreaPage *self)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (self->progress_expander);
  guint wanted = self->progress_expanded && self->progress != NULL ? self->progress->len : 0;

  while (self->progress_rows->len > wanted)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->progress_rows, self->progress_rows->len - 1);
      g_ptr_array_remove_index (self->progress_icons, self->progress_icons->len - 1);
      adw_expander_row_remove (expander, row);
    }
  for (guint i = 0; i < wanted; i++)
    {
      if (i == self->progress_rows->len)
        {
          GtkWidget *icon = gtk_image_new ();
          GtkWidget *row = progress_row_new (icon);
          g_ptr_array_add (self->progress_rows, row);
          g_ptr_array_add (self->progress_icons, icon);
          adw_expander_row_add_row (expander, row);
        }
      progress_row_set (self->progress_rows->pdata[i], self->progress_icons->pdata[i],
                        self->progress->pdata[i]);
    }
}

static void
on_progress_expanded (GObject *row, GParamSpec *pspec, ItogiAreaPage *self)
{
  self->progress_expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row));
  /* Folding keeps the rows until the next reading, so that they fold away rather than vanish. */
  if (self->progress_expanded)
    sync_progress_rows (self);
}

/* The Overview's summary of the year's sign-off: how many areas are approved and submitted, how
 * many indicators lack a figure, and, unfolded, each area's status and gaps; a row opens its area. */
static void
show_progress (ItogiAreaPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *year_text = itogi_format_year (self->year);
  g_autofree char *title = NULL, *subtitle = NULL, *areas = NULL, *gaps = NULL;
  guint approved = 0, submitted = 0, missing = 0;

  g_clear_pointer (&self->progress, g_ptr_array_unref);
  self->progress = self->year != 0 ? itogi_store_year_progress (self->store, self->year, &error) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_list),
                          self->progress != NULL && self->progress->len > 0);
  if (self->progress == NULL || self->progress->len == 0)
    {
      g_clear_pointer (&self->progress, g_ptr_array_unref);
      sync_progress_rows (self);
      return;
    }
  for (guint i = 0; i < self->progress->len; i++)
    {
      ItogiAreaProgress *p = self->progress->pdata[i];
      approved += p->status == ITOGI_AREA_APPROVED;
      submitted += p->status == ITOGI_AREA_SUBMITTED;
      missing += p->missing->len;
    }
  /* Translators: %s is a year, «2023 г.» */
  title = g_strdup_printf (_ ("Sign-off of %s"), year_text);
  /* Translators: «Утверждено 2 из 8 разделов, на утверждении: 1»; the plural follows the second number */
  areas = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u area approved, submitted: %u",
                                        "%u of %u areas approved, submitted: %u", self->progress->len),
                           approved, self->progress->len, submitted);
  gaps = missing == 0 ? g_strdup (_ ("every indicator has a figure"))
                      /* Translators: «нет данных по 5 показателям» */
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "no figure for %u indicator",
                                                      "no figure for %u indicators", missing),
                                         missing);
  subtitle = g_strdup_printf ("%s; %s", areas, gaps);
  if (self->progress_expander == NULL)
    {
      self->progress_expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->progress_expander), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->progress_expander), self->progress_expanded);
      g_signal_connect (self->progress_expander, "notify::expanded", G_CALLBACK (on_progress_expanded), self);
      gtk_list_box_append (self->progress_list, self->progress_expander);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->progress_expander), subtitle);
  sync_progress_rows (self);
}

static void
on_table_filled (ItogiAreaPage *self)
{
  itogi_chart_view_set_held (self->chart_view, FALSE);
}

/* The chart's items are the table's rows, in the same order: a selection mirrors across. */
static void
on_table_row (ItogiAreaPage *self, int position)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  itogi_chart_view_set_selected (self->chart_view, position);
  self->syncing = FALSE;
}

static void
itogi_area_page_class_init (ItogiAreaPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_area_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = itogi_area_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-area-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, rights_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, rights_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_back_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, status_forward_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, progress_list);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, empty_state);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, table_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, structure_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, notes_button);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, tasks_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, tasks_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, institutions_list);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, chart_section);
  gtk_widget_class_bind_template_child (widget_class, ItogiAreaPage, page_box);

  /* The data changed: the step (for undo) that changed it. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The year's sign-off; the target is the status the area's year moves to. */
  _itogi_area_page_class_actions_init (widget_class);
}

static void
itogi_area_page_init (ItogiAreaPage *self)
{
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ITOGI_TYPE_CHART_SECTION);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->chart_view = itogi_chart_section_get_view (self->chart_section);
  itogi_a11y_mend_tree (GTK_WIDGET (self));
  self->progress_rows = g_ptr_array_new ();
  self->progress_icons = g_ptr_array_new ();
  g_signal_connect_swapped (self->chart_section, "kind-changed", G_CALLBACK (_itogi_area_page_reload_chart),
                            self);
  g_signal_connect_swapped (self->chart_view, "item-activated", G_CALLBACK (_itogi_area_page_on_chart_item),
                            self);
  /* The year's own tasks, above the coming year's. */
  self->year_tasks_heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->year_tasks_heading), 0);
  gtk_label_set_wrap (GTK_LABEL (self->year_tasks_heading), TRUE);
  gtk_widget_add_css_class (self->year_tasks_heading, "heading");
  self->year_tasks_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->year_tasks_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->year_tasks_list), "boxed-list");
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->year_tasks_list), 12);
  gtk_box_prepend (GTK_BOX (self->tasks_box), GTK_WIDGET (self->year_tasks_list));
  gtk_box_prepend (GTK_BOX (self->tasks_box), self->year_tasks_heading);
  /* The coming year's tasks come after the institutions, as in the report. */
  gtk_box_reorder_child_after (GTK_BOX (gtk_widget_get_parent (self->tasks_box)), self->tasks_box,
                               self->institutions_box);
  {
    g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The Overview charts at most %d indicator: each area’s page has a chart of its own.",
                     "The Overview charts at most %d indicators: each area’s page has a chart of its own.",
                     OVERVIEW_CHART_MAX),
        OVERVIEW_CHART_MAX);
    self->chart_note = gtk_label_new (text);
    gtk_label_set_wrap (GTK_LABEL (self->chart_note), TRUE);
    gtk_label_set_xalign (GTK_LABEL (self->chart_note), 0);
    gtk_widget_add_css_class (self->chart_note, "dim-label");
    gtk_widget_set_margin_top (self->chart_note, 12);
    gtk_widget_set_visible (self->chart_note, FALSE);
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->chart_section))),
                                self->chart_note, GTK_WIDGET (self->chart_section));
  }
}

static void
show_titles (ItogiAreaPage *self)
{
  const ItogiArea *area = self->area;

  gtk_label_set_text (self->title_label, area->title);
  /* The page is found and read by its area's name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, area->title, -1);
  /* The report's fuller wording, when it says more than the title. */
  gtk_label_set_text (self->subtitle_label, area->description != NULL ? area->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          area->description != NULL && *area->description != '\0'
                              && g_strcmp0 (area->description, area->title) != 0);
  /* On a shared server a role may only read some areas: said here, with whom to ask. */
  if (itogi_store_area_right (self->store, area->id) == ITOGI_AREA_READ)
    {
      g_autofree char *keepers = itogi_store_rights_keepers (self->store);
      g_autofree char *text
          = g_strdup_printf (_ ("You may only read this area. To change its figures, ask %s "
                                "for the right to edit it."),
                             keepers != NULL ? keepers : _ ("the database’s administrator"));
      gtk_label_set_text (self->rights_label, text);
      gtk_widget_set_visible (self->rights_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->rights_box, FALSE);
}

GtkWidget *
itogi_area_page_new (ItogiSession *session, const ItogiArea *area)
{
  ItogiAreaPage *self = g_object_new (ITOGI_TYPE_AREA_PAGE, NULL);

  self->session = itogi_session_ref (session);
  self->store = itogi_session_get_store (session);
  self->area = area != NULL ? itogi_area_copy (area) : NULL;
  self->table = itogi_indicator_table_new (area == NULL);
  gtk_box_append (self->table_box, self->table);
  g_signal_connect_swapped (self->table, "row-selected", G_CALLBACK (on_table_row), self);
  g_signal_connect_swapped (self->table, "filled", G_CALLBACK (on_table_filled), self);
  itogi_indicator_table_set_editor (ITOGI_INDICATOR_TABLE (self->table), _itogi_area_page_edit_value, self);
  itogi_indicator_table_set_menu (ITOGI_INDICATOR_TABLE (self->table), TRUE);

  if (area != NULL)
    show_titles (self);
  else
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Overview"),
                                      -1);
      gtk_label_set_text (self->title_label, _ ("Overview"));
      gtk_label_set_text (self->subtitle_label,
                          _ ("Every area’s indicators with their change from the comparison year."));
    }
  return GTK_WIDGET (self);
}

void
itogi_area_page_set_area (ItogiAreaPage *self, const ItogiArea *area)
{
  g_return_if_fail (ITOGI_IS_AREA_PAGE (self));
  g_return_if_fail (self->area != NULL && area != NULL);
  g_return_if_fail (!itogi_area_page_has_unsaved (self));

  itogi_area_free (self->area);
  self->area = itogi_area_copy (area);
  show_titles (self);
  /* Nothing of the area it showed stays: its selected row, its place in the page, the task being
   * typed (empty: a page with typing is never given another area). */
  itogi_indicator_table_select (ITOGI_INDICATOR_TABLE (self->table), -1);
  self->task_entry = NULL;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

void
itogi_area_page_set_editable (ItogiAreaPage *self, gboolean editable)
{
  g_return_if_fail (ITOGI_IS_AREA_PAGE (self));
  itogi_indicator_table_set_editable (ITOGI_INDICATOR_TABLE (self->table), editable);
  gtk_widget_set_sensitive (self->status_box, editable);
  gtk_widget_set_sensitive (self->tasks_box, editable);
  gtk_widget_set_sensitive (self->notes_button, editable);
  gtk_widget_set_sensitive (self->structure_box, editable);
}

guint
itogi_area_page_save_drafts (ItogiAreaPage *self)
{
  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), 0);
  return itogi_indicator_table_save_drafts (ITOGI_INDICATOR_TABLE (self->table));
}

gboolean
itogi_area_page_has_unsaved (ItogiAreaPage *self)
{
  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), FALSE);
  if (itogi_indicator_table_has_drafts (ITOGI_INDICATOR_TABLE (self->table)))
    return TRUE;
  return self->task_entry != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->task_entry)) != '\0';
}

const ItogiArea *
itogi_area_page_get_area (ItogiAreaPage *self)
{
  return self->area;
}

GtkWidget *
itogi_area_page_get_table (ItogiAreaPage *self)
{
  return self->table;
}

GtkWidget *
itogi_area_page_get_chart (ItogiAreaPage *self)
{
  return GTK_WIDGET (self->chart_view);
}

void
_itogi_area_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static gboolean
load_institutions (ItogiAreaPage *self, int year, GError **error)
{
  g_autoptr (GPtrArray) institutions = NULL;

  _itogi_area_page_clear_list (self->institutions_list);
  if (self->area == NULL)
    {
      gtk_widget_set_visible (self->institutions_box, FALSE);
      return TRUE;
    }
  institutions = itogi_store_list_institutions (self->store, self->area->id, year, error);
  if (institutions == NULL)
    return FALSE;

  for (guint i = 0; i < institutions->len; i++)
    {
      ItogiInstitution *inst = g_ptr_array_index (institutions, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), inst->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (
          ADW_ACTION_ROW (row),
          inst->note != NULL ? inst->note : _ ("The report says nothing of this institution for the year."));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->institutions_list, row);
    }
  gtk_widget_set_visible (self->institutions_box, institutions->len > 0);
  return TRUE;
}

/* The area's archived indicators, each with a Restore item; the Overview adds none. */
static gboolean
load_archived (ItogiAreaPage *self, GError **error)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GMenu) menu = g_menu_new ();
  guint archived = 0;

  gboolean empty = gtk_widget_get_visible (GTK_WIDGET (self->empty_state));

  gtk_widget_set_visible (self->structure_box, FALSE);
  if (self->area == NULL)
    return TRUE;
  all = itogi_store_list_indicators (self->store, self->area->id, TRUE, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      ItogiIndicator *ind = all->pdata[i];
      g_autofree char *shown = NULL, *label = NULL;
      g_autoptr (GMenuItem) item = NULL;

      if (!ind->archived)
        continue;
      shown = _itogi_area_page_short_text (ind->title);
      /* Translators: a menu item: «Вернуть «Проведено проверок»» */
      label = g_strdup_printf (_ ("Restore “%s”"), shown);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "area.restore-indicator", g_variant_new_int64 (ind->id));
      g_menu_append_item (menu, item);
      archived++;
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->archived_button), G_MENU_MODEL (menu));
  gtk_widget_set_visible (self->archived_button, archived > 0);
  /* The empty state offers the same button: show one at a time. Only to whoever may change the
   * office's structure (on a server, not every clerk). */
  {
    gboolean manage = itogi_store_may_manage (self->store);
    gtk_widget_set_visible (self->structure_box, manage && (!empty || archived > 0));
    gtk_widget_set_visible (self->add_button, !empty);
    gtk_widget_set_visible (self->empty_add_button, manage);
  }
  return TRUE;
}

/* The Overview's first frame is read before it: more rows than its table shows at first. */
#define OVERVIEW_FIRST_ROWS 60

/* The next area of the Overview read into its table (a step of itogi-idle-fill.h). */
static gboolean
fill_overview (gpointer data)
{
  ItogiAreaPage *self = data;
  const ItogiArea *area = self->fill_areas->pdata[self->fill_next];
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = itogi_table_build (self->store, area->slug, self->year, self->compare_year, &error);
  guint offset = self->fill_offset;

  if (rows == NULL)
    {
      /* The database failed under it: the rows read so far stay, and it says so. */
      _itogi_area_page_show_toast (self, error->message);
      g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
      return G_SOURCE_REMOVE;
    }
  self->fill_next++;
  self->fill_offset += rows->len;
  itogi_indicator_table_put_rows (ITOGI_INDICATOR_TABLE (self->table), offset, rows,
                                  self->fill_next == self->fill_areas->len, self->year, self->compare_year);
  if (self->fill_next < self->fill_areas->len)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

gboolean
itogi_area_page_is_filling (ItogiAreaPage *self)
{
  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), FALSE);
  return self->fill_areas != NULL;
}

gboolean
itogi_area_page_set_years (ItogiAreaPage *self, int year, int compare_year, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *note = NULL;
  g_autofree char *year_text = itogi_format_year (year);
  g_autoptr (GError) chart_error = NULL;
  g_autoptr (ItogiChartModel) chart = NULL;
  gboolean has_rows, too_many;

  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), FALSE);

  itogi_idle_fill_stop (&self->fill);
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  if (self->area == NULL)
    {
      /* The Overview: its areas read in order until its first frame has rows enough. A large
       * administration's others are read after it (fill_overview). */
      g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, FALSE, error);
      guint a = 0;

      if (areas == NULL)
        return FALSE;
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_table_row_free);
      for (; a < areas->len && rows->len <= OVERVIEW_FIRST_ROWS; a++)
        {
          g_autoptr (GPtrArray) more = itogi_table_build (self->store, ((ItogiArea *)areas->pdata[a])->slug,
                                                          year, compare_year, error);
          if (more == NULL)
            return FALSE;
          g_ptr_array_set_free_func (more, NULL);
          g_ptr_array_extend_and_steal (rows, g_steal_pointer (&more));
        }
      if (a < areas->len)
        {
          self->fill_areas = g_steal_pointer (&areas);
          self->fill_next = a;
        }
    }
  else
    rows = itogi_table_build (self->store, self->area->slug, year, compare_year, error);
  if (rows == NULL)
    return FALSE;
  has_rows = rows->len > 0;
  /* The chart from the same rows, before the table takes them. */
  too_many = _itogi_area_page_too_many_to_chart (self, rows->len);
  if (!too_many)
    chart = itogi_chart_model_new_for_rows (self->store, rows, self->area != NULL ? self->area->slug : NULL,
                                            itogi_chart_section_get_kind (self->chart_section), year,
                                            compare_year, &chart_error);
  self->year = year;
  self->compare_year = compare_year;
  /* What the chart saves and copies: this area's, or every area's, of these years. */
  itogi_chart_section_set_source (
      self->chart_section, self->store, self->area != NULL ? self->area->slug : NULL,
      self->area != NULL ? self->area->short_title : _ ("Overview"), year, compare_year);
  if (self->fill_areas != NULL)
    {
      /* Its first rows now, in place where they were; the rest after the first frame. */
      self->fill_offset = rows->len;
      itogi_indicator_table_put_rows (ITOGI_INDICATOR_TABLE (self->table), 0, g_steal_pointer (&rows), FALSE,
                                      year, compare_year);
      itogi_idle_fill_start (&self->fill, GTK_WIDGET (self), fill_overview, self);
    }
  else
    itogi_indicator_table_set_rows (ITOGI_INDICATOR_TABLE (self->table), g_steal_pointer (&rows), year,
                                    compare_year);
  /* The chart under a table whose rows are still coming waits for them: drawn now, it would be
   * drawn where it does not stay, in the first frame, which it would make slower. */
  itogi_chart_view_set_held (self->chart_view,
                             itogi_indicator_table_is_filling (ITOGI_INDICATOR_TABLE (self->table)));
  gtk_widget_set_visible (self->table, has_rows);

  if (self->area != NULL)
    {
      note = itogi_store_get_area_note (self->store, self->area->id, year, error);
      if (error != NULL && *error != NULL)
        return FALSE;
    }
  {
    /* Translators: %s is a year such as «2023 г.» */
    g_autofree char *heading = g_strdup_printf (_ ("Notes for %s"), year_text);
    gtk_label_set_text (self->notes_heading, heading);
  }
  if (note != NULL && *note != '\0')
    {
      gtk_label_set_text (self->notes_label, note);
      gtk_widget_remove_css_class (GTK_WIDGET (self->notes_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->notes_label, _ ("No notes for this year yet."));
      gtk_widget_add_css_class (GTK_WIDGET (self->notes_label), "dim-label");
    }
  /* The Overview has no notes of its own: each area keeps its own. */
  gtk_widget_set_visible (self->notes_box, self->area != NULL);
  if (!_itogi_area_page_load_tasks (self, year, error))
    return FALSE;

  gtk_label_set_text (self->institutions_heading, _ ("Institutions"));
  if (!load_institutions (self, year, error))
    return FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_state),
                          !has_rows && !gtk_widget_get_visible (self->institutions_box));
  if (!load_archived (self, error))
    return FALSE;
  if (self->area != NULL)
    _itogi_area_page_show_status (self);
  else
    show_progress (self);
  _itogi_area_page_show_chart (self, g_steal_pointer (&chart), too_many, chart_error);
  return TRUE;
}

void
itogi_area_page_set_compact (ItogiAreaPage *self, gboolean compact)
{
  GtkOrientation rows = compact ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;
  int margin = compact ? 8 : 24;

  g_return_if_fail (ITOGI_IS_AREA_PAGE (self));
  if (compact == self->compact)
    return;
  self->compact = compact;
  /* The sign-off's text above its buttons, the chart's kind and export under its heading. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->status_box), rows);
  itogi_chart_section_set_compact (self->chart_section, compact);
  gtk_widget_set_margin_start (self->page_box, margin);
  gtk_widget_set_margin_end (self->page_box, margin);
}
