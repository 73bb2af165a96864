/* itogi-chart-view.c: a chart on screen, drawn by the same function as every export
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-chart-view.h"
#include "itogi-format.h"

struct _ItogiChartView
{
  GtkWidget parent_instance;
  ItogiChartModel *model;
  ItogiChartLayout *layout;
  int selected;
  double font_size;
  int laid_out_width; /* the size the layout was made for; 0: none */
  int laid_out_height;
  gboolean skipped;          /* out of sight at its last snapshot: drawn when scrolled to */
  gboolean held;             /* drawn nothing until let go (itogi_chart_view_set_held) */
  guint drawings;            /* snapshots that drew it */
  GtkAdjustment *watched[2]; /* its scroller's adjustments, while watched */
};

G_DEFINE_FINAL_TYPE (ItogiChartView, itogi_chart_view, GTK_TYPE_WIDGET)

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
render (ItogiChartView *self, cairo_t *cr, int width, int height)
{
  ItogiChartStyle style;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    itogi_chart_style_init_dark (&style);
  else
    itogi_chart_style_init_light (&style);
  /* The card behind the chart is the background on screen. */
  style.transparent = TRUE;
  /* On screen the chart's type matches the interface's, whatever the chart's size. */
  style.font_size = self->font_size;
  itogi_chart_render (cr, self->model, &style, width, height, self->selected, self->layout);
  self->laid_out_width = width;
  self->laid_out_height = height;
}

/* Where the bars and labels are, for a pointer or a test, also when the chart was never drawn
 * (out of sight): laid out on a recording surface, which draws no pixel. */
static void
ensure_layout (ItogiChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)), height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_surface_t *surface;
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0
      || (self->laid_out_width == width && self->laid_out_height == height))
    return;
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                            &(cairo_rectangle_t){ 0, 0, width, height });
  cr = cairo_create (surface);
  render (self, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void on_scrolled (ItogiChartView *self);

static void
unwatch (ItogiChartView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->watched); i++)
    if (self->watched[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->watched[i], self);
        g_clear_object (&self->watched[i]);
      }
}

/* The nearest scroller's adjustments: a chart skipped out of sight is drawn when it scrolls in,
 * or when the scroller grows to show it. */
static void
watch (ItogiChartView *self, GtkWidget *scroller)
{
  GtkAdjustment *adjustments[2] = {
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
    gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller)),
  };

  if (self->watched[0] == adjustments[0] && self->watched[1] == adjustments[1])
    return;
  unwatch (self);
  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    {
      self->watched[i] = g_object_ref (adjustments[i]);
      g_signal_connect_swapped (adjustments[i], "value-changed", G_CALLBACK (on_scrolled), self);
      g_signal_connect_swapped (adjustments[i], "changed", G_CALLBACK (on_scrolled), self);
    }
}

/* Whether any of the chart is inside its scroller's visible area (no scroller: always). */
static gboolean
in_sight (ItogiChartView *self, GtkWidget **scroller_out)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  *scroller_out = scroller;
  if (scroller == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (self), scroller, &bounds))
    return TRUE;
  return bounds.origin.y < gtk_widget_get_height (scroller) && bounds.origin.y + bounds.size.height > 0
         && bounds.origin.x < gtk_widget_get_width (scroller) && bounds.origin.x + bounds.size.width > 0;
}

/* Looked at again at the next frame, once the scroller has moved its children: a snapshot out
 * of sight costs a bounds check. */
static void
on_scrolled (ItogiChartView *self)
{
  if (self->skipped)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawn only when some of it is in sight: a page of many charts (the Report's, one per area)
 * draws the few on screen, not all of them at every change. */
static void
itogi_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ItogiChartView *self = ITOGI_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GtkWidget *scroller = NULL;
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;
  /* Held while what is above it is still coming: it will not stay where it is. */
  if (self->held)
    {
      self->skipped = TRUE;
      return;
    }
  self->skipped = !in_sight (self, &scroller);
  if (scroller != NULL)
    watch (self, scroller);
  if (self->skipped)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  render (self, cr, width, height);
  cairo_destroy (cr);
  self->drawings++;
}

static void
itogi_chart_view_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  ItogiChartView *self = ITOGI_CHART_VIEW (widget);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *desc = pango_context_get_font_description (context);

  GTK_WIDGET_CLASS (itogi_chart_view_parent_class)->css_changed (widget, change);
  if (desc != NULL && pango_font_description_get_size (desc) > 0)
    {
      double size = pango_font_description_get_size (desc) / (double)PANGO_SCALE;
      /* Points to pixels at the screen's 96 dpi, unless the size is already absolute. */
      self->font_size = pango_font_description_get_size_is_absolute (desc) ? size : size * 96.0 / 72.0;
      self->laid_out_width = self->laid_out_height = 0;
    }
  gtk_widget_queue_resize (widget);
}

static GtkSizeRequestMode
itogi_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
itogi_chart_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                          int *natural, int *minimum_baseline, int *natural_baseline)
{
  ItogiChartView *self = ITOGI_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 300;
      *natural = 900;
      return;
    }
  {
    int width = for_size > 0 ? for_size : 900;
    guint n = self->model != NULL ? self->model->items->len : 0;
    ItogiChartKind kind
        = self->model != NULL ? itogi_chart_model_resolve_kind (self->model) : ITOGI_CHART_COLUMNS;
    int height = (int)(width * 0.45);

    /* Panels and rows need room of their own: many indicators make a taller chart. */
    if (kind == ITOGI_CHART_MULTIPLES || kind == ITOGI_CHART_TREND)
      {
        guint cols = MAX (1, MIN (n, (guint)(width / 230)));
        guint rows = (n + cols - 1) / MAX (cols, 1);
        height = MAX (height, 130 + (int)rows * 210);
      }
    else if (kind == ITOGI_CHART_BARS || kind == ITOGI_CHART_CHANGE)
      height = MAX (height, 140 + (int)n * (kind == ITOGI_CHART_BARS ? 72 : 48));
    *minimum = 260;
    *natural = CLAMP (height, 300, 2400);
  }
}

static const ItogiChartItem *
item_at (ItogiChartView *self, double x, double y, int *index)
{
  int i;

  if (self->model == NULL || self->layout == NULL)
    return NULL;
  ensure_layout (self);
  i = itogi_chart_layout_hit (self->layout, x, y);
  if (i < 0 || (guint)i >= self->model->items->len)
    return NULL;
  if (index != NULL)
    *index = i;
  return self->model->items->pdata[i];
}

char *
itogi_chart_view_describe_at (ItogiChartView *self, double x, double y)
{
  const ItogiChartItem *item = item_at (self, x, y, NULL);
  g_autoptr (GString) text = NULL;

  if (item == NULL)
    return NULL;
  text = g_string_new (item->label);
  for (guint yr = 0; yr < self->model->n_years; yr++)
    {
      g_autofree char *year = itogi_format_year (self->model->years[yr]);
      g_autofree char *value
          = itogi_format_value_with_unit (&item->values[yr], item->kind, item->scale, item->unit);
      g_string_append_printf (text, "\n%s: %s%s", year, *value != '\0' ? value : _ ("no figure"),
                              item->values[yr].partial ? _ (" (part of the year)") : "");
    }
  if (self->model->n_years >= 2 && item->yoy.kind != ITOGI_CHANGE_NONE)
    {
      g_autofree char *delta = itogi_yoy_format_delta (&item->yoy, item->kind, item->scale);
      g_autofree char *pct = itogi_yoy_format_percent (&item->yoy);
      /* Translators: the change in a tooltip: «Изменение: −334 (−1,4 %)» */
      g_string_append_printf (text, _ ("\nChange: %s (%s)"), delta, pct);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  g_autofree char *text = itogi_chart_view_describe_at (ITOGI_CHART_VIEW (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_released (GtkGestureClick *gesture, int n_press, double x, double y, ItogiChartView *self)
{
  int index = -1;

  if (item_at (self, x, y, &index) == NULL)
    return;
  itogi_chart_view_set_selected (self, index);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, index);
}

static void
on_dark_changed (ItogiChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The keyboard: Left and Right (Up and Down) go from item to item, Enter or Space opens the one
 * marked as a click does; Tab comes here and goes on, as everywhere. */
static gboolean
on_key_pressed (GtkEventControllerKey *keys, guint keyval, guint keycode, GdkModifierType state,
                ItogiChartView *self)
{
  int n = self->model != NULL ? (int)self->model->items->len : 0;
  int step = 0;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->selected < 0)
        return FALSE;
      g_signal_emit (self, signals[ITEM_ACTIVATED], 0, self->selected);
      return TRUE;
    default:
      return FALSE;
    }
  itogi_chart_view_set_selected (self, self->selected < 0 ? (step > 0 ? 0 : n - 1)
                                                          : CLAMP (self->selected + step, 0, n - 1));
  return TRUE;
}

static void
itogi_chart_view_dispose (GObject *object)
{
  ItogiChartView *self = ITOGI_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  unwatch (self);
  g_clear_pointer (&self->model, itogi_chart_model_free);
  g_clear_pointer (&self->layout, itogi_chart_layout_free);
  G_OBJECT_CLASS (itogi_chart_view_parent_class)->dispose (object);
}

static void
itogi_chart_view_class_init (ItogiChartViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_chart_view_dispose;
  widget_class->snapshot = itogi_chart_view_snapshot;
  widget_class->measure = itogi_chart_view_measure;
  widget_class->get_request_mode = itogi_chart_view_get_request_mode;
  widget_class->css_changed = itogi_chart_view_css_changed;
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /* An indicator's bar or panel was clicked. */
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
itogi_chart_view_init (ItogiChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys;

  self->selected = -1;
  self->layout = itogi_chart_layout_new ();
  self->font_size = 13.0;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* Reached with Tab like any control, so that a screen reader reads its name and description. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Chart"), -1);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed),
                            self);
}

GtkWidget *
itogi_chart_view_new (void)
{
  return g_object_new (ITOGI_TYPE_CHART_VIEW, NULL);
}

void
itogi_chart_view_set_model (ItogiChartView *self, ItogiChartModel *model)
{
  g_autofree char *description = NULL;

  g_return_if_fail (ITOGI_IS_CHART_VIEW (self));
  g_clear_pointer (&self->model, itogi_chart_model_free);
  self->model = model;
  if (self->selected >= 0 && (model == NULL || (guint)self->selected >= model->items->len))
    self->selected = -1;
  g_array_set_size (self->layout->texts, 0);
  g_array_set_size (self->layout->marks, 0);
  self->laid_out_width = self->laid_out_height = 0;

  /* A screen reader reads the chart's data out. */
  description = model != NULL ? itogi_chart_model_describe (model) : g_strdup ("");
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
      model != NULL && model->title != NULL && *model->title != '\0' ? model->title : _ ("Chart"),
      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
itogi_chart_view_set_held (ItogiChartView *self, gboolean held)
{
  g_return_if_fail (ITOGI_IS_CHART_VIEW (self));
  if (self->held == held)
    return;
  self->held = held;
  if (!held)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

const ItogiChartModel *
itogi_chart_view_get_model (ItogiChartView *self)
{
  return self->model;
}

void
itogi_chart_view_set_selected (ItogiChartView *self, int item)
{
  if (self->selected == item)
    return;
  self->selected = item;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
itogi_chart_view_get_selected (ItogiChartView *self)
{
  return self->selected;
}

guint
itogi_chart_view_get_drawings (ItogiChartView *self)
{
  g_return_val_if_fail (ITOGI_IS_CHART_VIEW (self), 0);
  return self->drawings;
}

const ItogiChartLayout *
itogi_chart_view_get_layout (ItogiChartView *self)
{
  ensure_layout (self);
  return self->layout;
}
