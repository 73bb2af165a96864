/* itogi-history-window.c: every change made to the database, read-only
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps newest first, each with who made it and when; unfolded, each change of the step with
 * what it is about and its value before and after («Проведено проверок, 2023 г. — 23 → 31»).
 * Narrowed to one area, one person, or both. A step's changes are read when it is unfolded: an
 * import's step may hold a hundred thousand.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-format.h"
#include "itogi-a11y.h"
#include "itogi-history-window.h"
#include "itogi-period.h"
#include "itogi-wrap.h"

#define STEPS_SHOWN 500
#define CHANGES_SHOWN 100

struct _ItogiHistoryWindow
{
  AdwWindow parent_instance;

  GtkScrolledWindow *content; /* the list, or the empty state */
  GtkDropDown *area_pick;     /* «Все разделы», then each area */
  GtkDropDown *who_pick;      /* «Все», then each person */
  GtkStringList *area_names;
  GtkStringList *people_names;

  ItogiStore *store; /* NULL until the pickers are filled */
  GPtrArray *areas;  /* ItogiArea, as the area dropdown lists them after its first row */
  GPtrArray *people; /* char *, likewise */
};

/* A step's row keeps its step, and whether the step's changes were read into it. */
typedef struct
{
  ItogiHistoryWindow *window;
  ItogiStep *step;
  gboolean read;
} StepRow;

G_DEFINE_FINAL_TYPE (ItogiHistoryWindow, itogi_history_window, ADW_TYPE_WINDOW)

static void
step_row_free (gpointer data, GClosure *closure)
{
  StepRow *sr = data;

  itogi_step_free (sr->step);
  g_free (sr);
}

static gint64
picked_area (ItogiHistoryWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->area_pick);
  return i > 0 && i <= self->areas->len ? ((ItogiArea *)self->areas->pdata[i - 1])->id : 0;
}

static const char *
picked_person (ItogiHistoryWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->who_pick);
  return i > 0 && i <= self->people->len ? self->people->pdata[i - 1] : NULL;
}

/* «2023 г.», «март 2023 г.», «I квартал 2023 г.» */
static char *
period_text (const ItogiHistoryChange *c)
{
  g_autofree char *year = itogi_format_year (c->year);

  if (c->period == ITOGI_PERIOD_YEAR)
    return g_steal_pointer (&year);
  {
    g_autofree char *name = g_utf8_strdown (itogi_period_name (c->period, (guint)c->period_index), -1);
    return g_strdup_printf ("%s %s", name, year);
  }
}

/* A text as a line of a row: its first 80 characters, or «—» for none. */
static char *
short_words (const char *text)
{
  g_autofree char *line = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("—");
  line = g_strdelimit (g_strdup (text), "\n", ' ');
  if (g_utf8_strlen (line, -1) <= 80)
    return g_steal_pointer (&line);
  {
    g_autofree char *head = g_utf8_substring (line, 0, 79);
    return g_strconcat (head, "…", NULL);
  }
}

static char *
status_words (const char *status)
{
  ItogiAreaStatus s;

  if (status == NULL || !itogi_area_status_from_string (status, &s))
    return g_strdup ("—");
  return g_strdup (itogi_area_status_label (s));
}

/* What the change is about, and what it was and became. */
static void
describe (const ItogiHistoryChange *c, char **title, char **detail)
{
  g_autofree char *when = c->year != 0 ? period_text (c) : NULL;

  if (g_strcmp0 (c->table, "indicator_values") == 0)
    {
      g_autofree char *before
          = c->before.present ? itogi_format_value (&c->before, c->kind, c->scale) : g_strdup ("—");
      g_autofree char *after
          = c->after.present ? itogi_format_value (&c->after, c->kind, c->scale) : g_strdup ("—");

      *title = g_strdup_printf ("%s, %s", c->title != NULL ? c->title : "", when);
      /* Translators: a figure before and after a change: «23 → 31» */
      *detail = g_strdup_printf (_ ("%s → %s"), before, after);
      return;
    }
  if (g_strcmp0 (c->table, "area_status") == 0)
    {
      g_autofree char *before = status_words (c->old_text);
      g_autofree char *after = status_words (c->new_text);

      *title = g_strdup_printf (_ ("Sign-off of %s"), when);
      *detail = g_strdup_printf (_ ("%s → %s"), before, after);
      return;
    }
  if (c->old_text != NULL || c->new_text != NULL)
    {
      g_autofree char *before = short_words (c->old_text);
      g_autofree char *after = short_words (c->new_text);

      if (g_strcmp0 (c->table, "tasks") == 0)
        /* Translators: %s is a year, «2024 г.» */
        *title = g_strdup_printf (_ ("Task for %s"), when);
      else if (g_strcmp0 (c->table, "report_texts") == 0)
        /* Translators: %s is a year, «2023 г.» */
        *title = g_strdup_printf (_ ("Report text for %s"), when);
      else if (g_strcmp0 (c->table, "institution_notes") == 0)
        *title = g_strdup_printf ("%s, %s", c->title != NULL ? c->title : "", when);
      else
        *title = g_strdup_printf (_ ("Notes for %s"), when);
      *detail = g_strdup_printf (_ ("%s → %s"), before, after);
      return;
    }
  /* The office's structure: an area, an indicator, an institution, the office's settings. */
  *title = g_strdup (c->title != NULL ? c->title : c->table);
  *detail = g_strdup (g_strcmp0 (c->op, "insert") == 0   ? _ ("Added")
                      : g_strcmp0 (c->op, "delete") == 0 ? _ ("Removed")
                                                         : _ ("Changed"));
}

/* A step's changes, read when it is first unfolded. */
static void
on_step_expanded (AdwExpanderRow *row, GParamSpec *pspec, StepRow *sr)
{
  ItogiHistoryWindow *self = sr->window;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  ItogiStep *step = sr->step;
  gint64 area = picked_area (self);

  if (!adw_expander_row_get_expanded (row) || sr->read)
    return;
  sr->read = TRUE;
  changes = itogi_store_list_step_details (self->store, step->id, area, CHANGES_SHOWN, &error);
  if (changes == NULL)
    {
      GtkWidget *failed = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (failed), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (failed), error->message);
      adw_expander_row_add_row (row, failed);
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const ItogiHistoryChange *c = changes->pdata[i];
      GtkWidget *change = adw_action_row_new ();
      g_autofree char *title = NULL, *detail = NULL, *subtitle = NULL;

      describe (c, &title, &detail);
      /* The area, when the list is not one area's already. */
      subtitle = area == 0 && c->area_title != NULL ? g_strdup_printf ("%s · %s", c->area_title, detail)
                                                    : g_strdup (detail);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (change), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (change), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (change), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (change), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (change), 0);
      itogi_wrap_tree (change);
      adw_expander_row_add_row (row, change);
    }
  if (step->changes > changes->len)
    {
      GtkWidget *more = adw_action_row_new ();
      g_autofree char *text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more change", "… and %u more changes",
                                          step->changes - changes->len),
                             step->changes - changes->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      gtk_widget_add_css_class (more, "dim-label");
      adw_expander_row_add_row (row, more);
    }
}

static GtkWidget *
empty_state (const char *title, const char *description)
{
  GtkWidget *empty = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), description);
  gtk_widget_set_vexpand (empty, TRUE);
  return empty;
}

/* The steps for what is picked, in place of those shown. */
static void
fill (ItogiHistoryWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) steps = NULL;
  GtkWidget *list, *clamp;

  /* The pickers are filled before there is anything to read. */
  if (self->store == NULL)
    return;
  steps = itogi_store_list_steps_of (self->store, picked_area (self), picked_person (self), STEPS_SHOWN,
                                     &error);
  if (steps == NULL)
    {
      gtk_scrolled_window_set_child (self->content,
                                     empty_state (_ ("The History Cannot Be Read"), error->message));
      return;
    }
  if (steps->len == 0)
    {
      gboolean narrowed = picked_area (self) != 0 || picked_person (self) != NULL;
      gtk_scrolled_window_set_child (
          self->content,
          narrowed ? empty_state (_ ("No Changes Here"),
                                  _ ("Nothing was changed in this area, or by this person."))
                   : empty_state (_ ("No Changes Yet"),
                                  _ ("Every change made to the figures, notes and tasks will be listed here "
                                     "with who made it and when.")));
      return;
    }
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Changes, newest first"), -1);
  /* Each row keeps its step. */
  g_ptr_array_set_free_func (steps, NULL);
  for (guint i = 0; i < steps->len; i++)
    {
      ItogiStep *step = steps->pdata[i];
      StepRow *sr = g_new0 (StepRow, 1);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *when = itogi_format_local_time (step->at);
      g_autofree char *changes = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", step->changes), step->changes);
      /* Translators: «user · 25.11.2026 14:05 · 3 изменения» */
      g_autofree char *subtitle = g_strdup_printf (_ ("%s · %s · %s"), step->who, when, changes);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->label);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      /* The row lives inside the window: it needs no reference to it. */
      sr->window = self;
      sr->step = step;
      g_signal_connect_data (row, "notify::expanded", G_CALLBACK (on_step_expanded), sr, step_row_free, 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (self->content, clamp);
}

GtkWidget *
itogi_history_window_new (GtkWindow *parent, ItogiStore *store, GError **error)
{
  g_autoptr (GPtrArray) areas = itogi_store_list_areas (store, TRUE, error);
  g_autoptr (GPtrArray) people = areas != NULL ? itogi_store_list_history_people (store, error) : NULL;
  ItogiHistoryWindow *self;

  if (areas == NULL || people == NULL)
    return NULL;
  self = g_object_new (ITOGI_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->areas = g_steal_pointer (&areas);
  self->people = g_steal_pointer (&people);
  for (guint i = 0; i < self->areas->len; i++)
    gtk_string_list_append (self->area_names, ((ItogiArea *)self->areas->pdata[i])->short_title);
  for (guint i = 0; i < self->people->len; i++)
    gtk_string_list_append (self->people_names, self->people->pdata[i]);
  self->store = store;
  fill (self);
  return GTK_WIDGET (self);
}

static void
itogi_history_window_finalize (GObject *object)
{
  ItogiHistoryWindow *self = ITOGI_HISTORY_WINDOW (object);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  G_OBJECT_CLASS (itogi_history_window_parent_class)->finalize (object);
}

static void
itogi_history_window_class_init (ItogiHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = itogi_history_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiHistoryWindow, content);
  gtk_widget_class_bind_template_child (widget_class, ItogiHistoryWindow, area_pick);
  gtk_widget_class_bind_template_child (widget_class, ItogiHistoryWindow, who_pick);
  gtk_widget_class_bind_template_child (widget_class, ItogiHistoryWindow, area_names);
  gtk_widget_class_bind_template_child (widget_class, ItogiHistoryWindow, people_names);
  gtk_widget_class_bind_template_callback (widget_class, fill);
  /* Escape closes it, as every dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
itogi_history_window_init (ItogiHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A screen reader names each picker as its tooltip does, the toggle GTK gives it too. */
  itogi_a11y_set_name (GTK_WIDGET (self->area_pick),
                       gtk_widget_get_tooltip_text (GTK_WIDGET (self->area_pick)));
  itogi_a11y_set_name (GTK_WIDGET (self->who_pick),
                       gtk_widget_get_tooltip_text (GTK_WIDGET (self->who_pick)));
  itogi_a11y_mend_on_map (GTK_WIDGET (self));
}
