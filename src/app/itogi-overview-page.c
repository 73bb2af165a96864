/* itogi-overview-page.c: every area's indicators together, and the year's sign-off
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page the window opens on: the sign-off of the year (how many areas are approved, what
 * figures are missing, each area's row opening its page), the table of every area's indicators,
 * their chart (or, past OVERVIEW_CHART_MAX indicators, a note saying where the charts are) and the
 * coming year's tasks of every area. A large administration's areas are read after the first
 * frame, a few at a time.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-a11y.h"
#include "itogi-format.h"
#include "itogi-idle-fill.h"
#include "itogi-overview-page.h"
#include "itogi-page-private.h"
#include "itogi-wrap.h"

/* The Overview charts this many rows at most (more, and it says so instead). */
#define OVERVIEW_CHART_MAX 60

struct _ItogiOverviewPage
{
  ItogiPage parent_instance;

  ItogiStore *store; /* the page's (ItogiPage's) */
  int year;          /* the year shown, 0 before the first reading */
  int compare_year;

  GtkWidget *scroller;
  GtkListBox *progress_list;    /* every area's sign-off and what it lacks */
  GtkWidget *progress_expander; /* its one row, made with the first reading */
  GPtrArray *progress;          /* ItogiAreaProgress of the year shown */
  GPtrArray *progress_rows;     /* AdwActionRow per area, only while unfolded */
  GPtrArray *progress_icons;    /* each row's status icon */
  gboolean progress_expanded;
  gboolean progress_partial; /* the statuses only, for the first frame: gaps come after it */
  AdwStatusPage *empty_state;
  GtkBox *table_box;
  ItogiChartSection *chart_section;
  GtkWidget *chart_note; /* in the chart's place past OVERVIEW_CHART_MAX indicators */
  GtkLabel *tasks_heading;
  GtkListBox *tasks_list;
  GtkWidget *page_box;

  /* The areas are read in order: those its first frame shows at once, the others after it, a
   * few milliseconds' worth at a time. */
  GPtrArray *fill_areas; /* ItogiArea, in order */
  guint fill_next;       /* the next area to read */
  guint fill_offset;     /* the table's row where its rows go */
  ItogiIdleFill fill;
};

G_DEFINE_FINAL_TYPE (ItogiOverviewPage, itogi_overview_page, ITOGI_TYPE_PAGE)

static void
itogi_overview_page_dispose (GObject *object)
{
  ItogiOverviewPage *self = ITOGI_OVERVIEW_PAGE (object);

  itogi_idle_fill_stop (&self->fill);
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ITOGI_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_pointer (&self->progress_rows, g_ptr_array_unref);
  g_clear_pointer (&self->progress_icons, g_ptr_array_unref);
  G_OBJECT_CLASS (itogi_overview_page_parent_class)->dispose (object);
}

/* ---- the year's sign-off ---- */

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
  if (p->missing == NULL || p->missing->len == 0)
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
sync_progress_rows (ItogiOverviewPage *self)
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
on_progress_expanded (GObject *row, GParamSpec *pspec, ItogiOverviewPage *self)
{
  self->progress_expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row));
  /* Folding keeps the rows until the next reading, so that they fold away rather than vanish. */
  if (self->progress_expanded)
    sync_progress_rows (self);
}

/* The Overview's summary of the year's sign-off: how many areas are approved and submitted, how
 * many indicators lack a figure, and, unfolded, each area's status and gaps; a row opens its area.
 * For the page's first frame, the statuses alone: which indicators lack a figure is a look at each
 * one's figures (12 ms of the large database's first frame, its pages read cold), said in the
 * frame after (painted). */
static void
show_progress (ItogiOverviewPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *year_text = itogi_format_year (self->year);
  g_autofree char *title = NULL, *subtitle = NULL, *areas = NULL, *gaps = NULL;
  guint approved = 0, submitted = 0, missing = 0;
  gboolean figures = !_itogi_page_is_unpainted (ITOGI_PAGE (self));

  g_clear_pointer (&self->progress, g_ptr_array_unref);
  self->progress_partial = !figures;
  if (self->year != 0)
    self->progress = figures ? itogi_store_year_progress (self->store, self->year, &error)
                             : itogi_store_year_statuses (self->store, self->year, &error);
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
      missing += p->missing != NULL ? p->missing->len : 0;
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
  subtitle = self->progress_partial ? g_strdup (areas) : g_strdup_printf ("%s; %s", areas, gaps);
  if (self->progress_expander == NULL)
    {
      self->progress_expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->progress_expander), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->progress_expander), self->progress_expanded);
      g_signal_connect (self->progress_expander, "notify::expanded", G_CALLBACK (on_progress_expanded), self);
      gtk_list_box_append (self->progress_list, self->progress_expander);
      itogi_wrap_tree (self->progress_expander);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->progress_expander), subtitle);
  sync_progress_rows (self);
}

/* ---- the table, read area by area ---- */

/* The Overview's first frame is read before it: more rows than its table shows at first. */
#define OVERVIEW_FIRST_ROWS 60

/* The next area of the Overview read into its table (a step of itogi-idle-fill.h). */
static gboolean
fill_overview (gpointer data)
{
  ItogiOverviewPage *self = data;
  const ItogiArea *area = self->fill_areas->pdata[self->fill_next];
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = itogi_table_build (self->store, area->slug, self->year, self->compare_year, &error);
  guint offset = self->fill_offset;

  if (rows == NULL)
    {
      /* The database failed under it: the rows read so far stay, and it says so. */
      _itogi_page_show_toast (ITOGI_PAGE (self), error->message);
      g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
      return G_SOURCE_REMOVE;
    }
  self->fill_next++;
  self->fill_offset += rows->len;
  _itogi_page_put_rows (ITOGI_PAGE (self), offset, rows, self->fill_next == self->fill_areas->len);
  if (self->fill_next < self->fill_areas->len)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
itogi_overview_page_is_filling (ItogiPage *page)
{
  return ITOGI_OVERVIEW_PAGE (page)->fill_areas != NULL;
}

/* ---- the coming year's tasks of every area ---- */

static GtkWidget *
overview_task_row (const ItogiTask *task, const char *area_title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), task->text);
  g_autofree char *subtitle = task->done ? g_strconcat (area_title, " · ", _ ("done"), NULL) : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : area_title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  itogi_wrap_tree (row);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (task->done)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Done"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  return row;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  itogi_wrap_label (GTK_LABEL (label));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static gboolean
load_tasks (ItogiOverviewPage *self, int year, GError **error)
{
  g_autofree char *next = itogi_format_year (year + 1);
  /* Translators: %s is the coming year, «2024 г.» */
  g_autofree char *heading = g_strdup_printf (_ ("Tasks for %s"), next);
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (self->store, FALSE, error);
  guint shown = 0;

  gtk_label_set_text (self->tasks_heading, heading);
  _itogi_page_clear_list (self->tasks_list);
  if (areas == NULL)
    return FALSE;
  for (guint a = 0; a < areas->len; a++)
    {
      ItogiArea *area = areas->pdata[a];
      g_autoptr (GPtrArray) tasks = itogi_store_list_tasks (self->store, area->id, year + 1, error);

      if (tasks == NULL)
        return FALSE;
      for (guint i = 0; i < tasks->len; i++, shown++)
        gtk_list_box_append (self->tasks_list, overview_task_row (tasks->pdata[i], area->short_title));
    }
  if (shown == 0)
    gtk_list_box_append (self->tasks_list,
                         placeholder_row (_ ("No tasks yet. Each area’s tasks are added on its own page.")));
  return TRUE;
}

/* ---- what the window calls ---- */

static gboolean
itogi_overview_page_set_years (ItogiPage *page, int year, int compare_year, GError **error)
{
  ItogiOverviewPage *self = ITOGI_OVERVIEW_PAGE (page);
  g_autoptr (GPtrArray) areas = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  gboolean complete, has_rows;
  guint a = 0;

  itogi_idle_fill_stop (&self->fill);
  g_clear_pointer (&self->fill_areas, g_ptr_array_unref);
  /* The areas in order until the first frame has rows enough; a large administration's others are
   * read after it (fill_overview). */
  areas = itogi_store_list_areas (self->store, FALSE, error);
  if (areas == NULL)
    return FALSE;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)itogi_table_row_free);
  for (; a < areas->len && rows->len <= OVERVIEW_FIRST_ROWS; a++)
    {
      g_autoptr (GPtrArray) more
          = itogi_table_build (self->store, ((ItogiArea *)areas->pdata[a])->slug, year, compare_year, error);
      if (more == NULL)
        return FALSE;
      g_ptr_array_set_free_func (more, NULL);
      g_ptr_array_extend_and_steal (rows, g_steal_pointer (&more));
    }
  complete = a == areas->len;
  has_rows = rows->len > 0 || !complete;
  self->year = year;
  self->compare_year = compare_year;
  self->fill_offset = rows->len;
  _itogi_page_show_rows (page, g_steal_pointer (&rows), complete, NULL, _ ("Overview"), year, compare_year);
  if (!complete)
    {
      self->fill_areas = g_steal_pointer (&areas);
      self->fill_next = a;
      itogi_idle_fill_start (&self->fill, GTK_WIDGET (self), fill_overview, self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_state), !has_rows);
  show_progress (self);
  return load_tasks (self, year, error);
}

/* The first frame is painted: the sign-off now says which indicators lack a figure. */
static void
itogi_overview_page_painted (ItogiPage *page)
{
  ItogiOverviewPage *self = ITOGI_OVERVIEW_PAGE (page);

  if (self->progress_partial && self->year != 0)
    show_progress (self);
}

static void
itogi_overview_page_set_compact (ItogiPage *page, gboolean compact)
{
  ItogiOverviewPage *self = ITOGI_OVERVIEW_PAGE (page);
  int margin = compact ? 8 : 24;

  gtk_widget_set_margin_start (self->page_box, margin);
  gtk_widget_set_margin_end (self->page_box, margin);
}

static void
itogi_overview_page_class_init (ItogiOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ItogiPageClass *page_class = ITOGI_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_overview_page_dispose;
  page_class->set_years = itogi_overview_page_set_years;
  page_class->is_filling = itogi_overview_page_is_filling;
  page_class->set_compact = itogi_overview_page_set_compact;
  page_class->painted = itogi_overview_page_painted;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, progress_list);
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, empty_state);
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, table_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, chart_section);
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, chart_note);
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, tasks_heading);
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, ItogiOverviewPage, page_box);
}

static void
itogi_overview_page_init (ItogiOverviewPage *self)
{
  g_autofree char *note = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "The Overview charts at most %d indicator: each area’s page has a chart of its own.",
                   "The Overview charts at most %d indicators: each area’s page has a chart of its own.",
                   OVERVIEW_CHART_MAX),
      OVERVIEW_CHART_MAX);

  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ITOGI_TYPE_CHART_SECTION);
  gtk_widget_init_template (GTK_WIDGET (self));
  itogi_wrap_tree (GTK_WIDGET (self));
  gtk_label_set_text (GTK_LABEL (self->chart_note), note);
  _itogi_page_setup (ITOGI_PAGE (self), self->table_box, self->chart_section, TRUE, self->chart_note,
                     OVERVIEW_CHART_MAX);
  itogi_a11y_mend_tree (GTK_WIDGET (self));
  self->progress_rows = g_ptr_array_new ();
  self->progress_icons = g_ptr_array_new ();
}

GtkWidget *
itogi_overview_page_new (ItogiSession *session)
{
  ItogiOverviewPage *self = g_object_new (ITOGI_TYPE_OVERVIEW_PAGE, NULL);

  _itogi_page_set_session (ITOGI_PAGE (self), session);
  self->store = itogi_session_get_store (session);
  return GTK_WIDGET (self);
}
