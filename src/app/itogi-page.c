/* itogi-page.c: what the Overview and an area's page share: a table of indicators with its chart
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-chart-model.h"
#include "itogi-page-private.h"

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ItogiPage, itogi_page, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stop_waiting_for_paint (ItogiPage *self);

ItogiPagePrivate *
_itogi_page_priv (ItogiPage *self)
{
  return itogi_page_get_instance_private (self);
}

static void
itogi_page_finalize (GObject *object)
{
  ItogiPagePrivate *priv = _itogi_page_priv (ITOGI_PAGE (object));

  stop_waiting_for_paint (ITOGI_PAGE (object));
  g_clear_pointer (&priv->session, itogi_session_unref);
  g_clear_pointer (&priv->slug, g_free);
  itogi_value_clear (&priv->theirs);
  G_OBJECT_CLASS (itogi_page_parent_class)->finalize (object);
}

static void
itogi_page_class_init (ItogiPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = itogi_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* The data changed: the step (for undo) that changed it. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  _itogi_page_class_actions_init (widget_class);
}

static void
itogi_page_init (ItogiPage *self)
{
}

void
_itogi_page_set_session (ItogiPage *self, ItogiSession *session)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  g_return_if_fail (priv->session == NULL);
  priv->session = itogi_session_ref (session);
  priv->store = itogi_session_get_store (session);
}

ItogiIndicatorTable *
_itogi_page_get_indicator_table (ItogiPage *self)
{
  return _itogi_page_priv (self)->table;
}

/* ---- "changed", toasts, steps ---- */

typedef struct
{
  ItogiPage *page;
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
_itogi_page_changed_later (ItogiPage *self, gint64 step)
{
  Changed *c = g_new0 (Changed, 1);

  c->page = g_object_ref (self);
  c->step = step;
  g_idle_add (emit_changed, c);
}

gboolean
_itogi_page_finish_step (ItogiPage *self, gint64 step, gboolean ok, GError **error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  if (!ok)
    {
      itogi_session_rollback (priv->session);
      return FALSE;
    }
  if (!itogi_session_commit (priv->session, step, error))
    return FALSE;
  _itogi_page_changed_later (self, step);
  return TRUE;
}

void
_itogi_page_show_toast (ItogiPage *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      /* Toast titles are markup in libadwaita 1.2: a file name with «&» must not vanish. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
}

/* «Подготовить проект…» shortened for a history entry. */
char *
_itogi_page_short_text (const char *text)
{
  if (g_utf8_strlen (text, -1) <= 60)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, 59);
    return g_strconcat (head, "…", NULL);
  }
}

GtkWindow *
_itogi_page_window (ItogiPage *self)
{
  return GTK_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW));
}

void
_itogi_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* ---- the table and its chart ---- */

/* The chart of the rows shown (@model NULL: none, for @error, or too many rows). */
static void
show_chart (ItogiPage *self, ItogiChartModel *model, gboolean too_many, const GError *error)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  g_autoptr (ItogiChartModel) owned = model;

  if (priv->chart_note != NULL)
    gtk_widget_set_visible (priv->chart_note, too_many);
  if (too_many)
    {
      gtk_widget_set_visible (GTK_WIDGET (priv->chart_section), FALSE);
      return;
    }
  if (owned == NULL)
    {
      if (error != NULL)
        _itogi_page_show_toast (self, error->message);
      return;
    }
  itogi_chart_view_set_model (priv->chart_view, g_steal_pointer (&owned));
  gtk_widget_set_visible (GTK_WIDGET (priv->chart_section), model->items->len > 0);
  itogi_chart_view_set_selected (priv->chart_view, itogi_indicator_table_get_selected (priv->table));
}

/* One chart of every indicator of a large office (thousands of panels) cannot be read, and
 * drawing it would hold the window up: there the page says where the charts are. */
static gboolean
too_many_to_chart (ItogiPage *self, guint rows)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  return priv->chart_max > 0 && rows > priv->chart_max;
}

/* Another kind of chart chosen. */
static void
reload_chart (ItogiPage *self)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  g_autoptr (GError) error = NULL;
  gboolean too_many;

  if (priv->year == 0)
    return;
  too_many = too_many_to_chart (self, itogi_indicator_table_get_n_rows (priv->table));
  show_chart (self,
              too_many ? NULL
                       : itogi_chart_model_new_for_area (priv->store, priv->slug,
                                                         itogi_chart_section_get_kind (priv->chart_section),
                                                         priv->year, priv->compare_year, &error),
              too_many, error);
}

/* The chart's items are the table's rows, in the same order: a selection mirrors across. */
static void
on_chart_item (ItogiPage *self, int item)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  if (priv->syncing)
    return;
  priv->syncing = TRUE;
  itogi_indicator_table_select (priv->table, item);
  priv->syncing = FALSE;
}

static void
on_table_row (ItogiPage *self, int position)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  if (priv->syncing)
    return;
  priv->syncing = TRUE;
  itogi_chart_view_set_selected (priv->chart_view, position);
  priv->syncing = FALSE;
}

static void
on_table_filled (ItogiPage *self)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  itogi_chart_view_set_held (priv->chart_view, priv->unpainted);
}

static void
stop_waiting_for_paint (ItogiPage *self)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  if (priv->painted_id != 0)
    g_signal_handler_disconnect (priv->painted_clock, priv->painted_id);
  priv->painted_id = 0;
  g_clear_object (&priv->painted_clock);
}

/* The page's first frame is painted: its chart is drawn in the next one, unless its rows are still
 * coming. */
static void
on_first_paint (ItogiPage *self)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  stop_waiting_for_paint (self);
  priv->unpainted = FALSE;
  if (!itogi_indicator_table_is_filling (priv->table))
    itogi_chart_view_set_held (priv->chart_view, FALSE);
  if (ITOGI_PAGE_GET_CLASS (self)->painted != NULL)
    ITOGI_PAGE_GET_CLASS (self)->painted (self);
}

gboolean
_itogi_page_is_unpainted (ItogiPage *self)
{
  return _itogi_page_priv (self)->unpainted;
}

/* A page switched to shows its table in its first frame, and its chart in the frame after: drawn
 * at once, the chart (its fonts found and its text laid out) was a third of that first frame. */
static void
on_map (ItogiPage *self)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!priv->unpainted || priv->painted_id != 0 || clock == NULL)
    return;
  itogi_chart_view_set_held (priv->chart_view, TRUE);
  priv->painted_clock = g_object_ref (clock);
  priv->painted_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_first_paint), self);
}

static void
on_unmap (ItogiPage *self)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  stop_waiting_for_paint (self);
  priv->unpainted = TRUE;
}

void
_itogi_page_setup (ItogiPage *self, GtkBox *table_box, ItogiChartSection *chart_section, gboolean overview,
                   GtkWidget *chart_note, guint chart_max)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  priv->table = ITOGI_INDICATOR_TABLE (itogi_indicator_table_new (overview));
  gtk_box_append (table_box, GTK_WIDGET (priv->table));
  g_signal_connect_swapped (priv->table, "row-selected", G_CALLBACK (on_table_row), self);
  g_signal_connect_swapped (priv->table, "filled", G_CALLBACK (on_table_filled), self);
  priv->unpainted = TRUE;
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap), NULL);
  itogi_indicator_table_set_editor (priv->table, _itogi_page_edit_value, self);
  itogi_indicator_table_set_menu (priv->table, TRUE);

  priv->chart_section = chart_section;
  priv->chart_view = itogi_chart_section_get_view (chart_section);
  priv->chart_note = chart_note;
  priv->chart_max = chart_max;
  g_signal_connect_swapped (chart_section, "kind-changed", G_CALLBACK (reload_chart), self);
  g_signal_connect_swapped (priv->chart_view, "item-activated", G_CALLBACK (on_chart_item), self);
}

void
_itogi_page_show_rows (ItogiPage *self, GPtrArray *rows, gboolean complete, const char *slug,
                       const char *title, int year, int compare_year)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);
  g_autoptr (GError) chart_error = NULL;
  g_autoptr (ItogiChartModel) chart = NULL;
  gboolean has_rows = rows->len > 0;
  gboolean too_many = too_many_to_chart (self, rows->len);

  /* The chart from the same rows, before the table takes them. */
  if (!too_many)
    chart = itogi_chart_model_new_for_rows (priv->store, rows, slug,
                                            itogi_chart_section_get_kind (priv->chart_section), year,
                                            compare_year, &chart_error);
  priv->year = year;
  priv->compare_year = compare_year;
  g_free (priv->slug);
  priv->slug = g_strdup (slug);
  /* What the chart saves and copies: this area's, or every area's, of these years. */
  itogi_chart_section_set_source (priv->chart_section, priv->store, slug, title, year, compare_year);
  if (complete)
    itogi_indicator_table_set_rows (priv->table, rows, year, compare_year);
  else
    /* Its first rows now, in place where they were; the rest after the first frame. */
    itogi_indicator_table_put_rows (priv->table, 0, rows, FALSE, year, compare_year);
  /* The chart under a table whose rows are still coming waits for them: drawn now, it would be
   * drawn where it does not stay, in the first frame, which it would make slower. On a page not
   * painted since it was shown, it waits for the frame after the first. */
  itogi_chart_view_set_held (priv->chart_view,
                             itogi_indicator_table_is_filling (priv->table) || priv->unpainted);
  gtk_widget_set_visible (GTK_WIDGET (priv->table), has_rows);
  show_chart (self, g_steal_pointer (&chart), too_many, chart_error);
}

void
_itogi_page_put_rows (ItogiPage *self, guint offset, GPtrArray *rows, gboolean last)
{
  ItogiPagePrivate *priv = _itogi_page_priv (self);

  itogi_indicator_table_put_rows (priv->table, offset, rows, last, priv->year, priv->compare_year);
}

/* ---- what the window calls ---- */

gboolean
itogi_page_set_years (ItogiPage *self, int year, int compare_year, GError **error)
{
  g_return_val_if_fail (ITOGI_IS_PAGE (self), FALSE);
  return ITOGI_PAGE_GET_CLASS (self)->set_years (self, year, compare_year, error);
}

gboolean
itogi_page_is_filling (ItogiPage *self)
{
  ItogiPageClass *klass;

  g_return_val_if_fail (ITOGI_IS_PAGE (self), FALSE);
  klass = ITOGI_PAGE_GET_CLASS (self);
  return klass->is_filling != NULL && klass->is_filling (self);
}

gboolean
itogi_page_has_unsaved (ItogiPage *self)
{
  ItogiPageClass *klass;

  g_return_val_if_fail (ITOGI_IS_PAGE (self), FALSE);
  klass = ITOGI_PAGE_GET_CLASS (self);
  return itogi_indicator_table_has_drafts (_itogi_page_priv (self)->table)
         || (klass->has_unsaved != NULL && klass->has_unsaved (self));
}

guint
itogi_page_save_drafts (ItogiPage *self)
{
  g_return_val_if_fail (ITOGI_IS_PAGE (self), 0);
  return itogi_indicator_table_save_drafts (_itogi_page_priv (self)->table);
}

void
itogi_page_set_editable (ItogiPage *self, gboolean editable)
{
  ItogiPageClass *klass;

  g_return_if_fail (ITOGI_IS_PAGE (self));
  klass = ITOGI_PAGE_GET_CLASS (self);
  itogi_indicator_table_set_editable (_itogi_page_priv (self)->table, editable);
  if (klass->set_editable != NULL)
    klass->set_editable (self, editable);
}

void
itogi_page_set_compact (ItogiPage *self, gboolean compact)
{
  ItogiPageClass *klass;

  g_return_if_fail (ITOGI_IS_PAGE (self));
  klass = ITOGI_PAGE_GET_CLASS (self);
  itogi_chart_section_set_compact (_itogi_page_priv (self)->chart_section, compact);
  if (klass->set_compact != NULL)
    klass->set_compact (self, compact);
}

GtkWidget *
itogi_page_get_table (ItogiPage *self)
{
  g_return_val_if_fail (ITOGI_IS_PAGE (self), NULL);
  return GTK_WIDGET (_itogi_page_priv (self)->table);
}

GtkWidget *
itogi_page_get_chart (ItogiPage *self)
{
  g_return_val_if_fail (ITOGI_IS_PAGE (self), NULL);
  return GTK_WIDGET (_itogi_page_priv (self)->chart_view);
}
