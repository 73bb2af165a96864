/* itogi-chart-size-dialog.c: the width and height of a chart saved at a size of one's own
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "itogi-a11y.h"
#include "itogi-chart-export.h"
#include "itogi-chart-size-dialog.h"

struct _ItogiChartSizeDialog
{
  AdwMessageDialog parent_instance;

  GtkSpinButton *width;
  GtkSpinButton *height;
  GtkAdjustment *width_adjustment;
  GtkAdjustment *height_adjustment;
};

enum
{
  SIGNAL_CHOSEN,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ItogiChartSizeDialog, itogi_chart_size_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_response (ItogiChartSizeDialog *self, const char *response)
{
  if (g_strcmp0 (response, "export") == 0)
    g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, gtk_spin_button_get_value (self->width),
                   gtk_spin_button_get_value (self->height));
}

ItogiChartSizeDialog *
itogi_chart_size_dialog_new (GtkWindow *parent, double width, double height)
{
  ItogiChartSizeDialog *self
      = g_object_new (ITOGI_TYPE_CHART_SIZE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  gtk_spin_button_set_value (self->width, width);
  gtk_spin_button_set_value (self->height, height);
  return self;
}

static void
itogi_chart_size_dialog_class_init (ItogiChartSizeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The size chosen, in pixels: width, then height. */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/ru/kaluga/Itogi/ui/itogi-chart-size-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSizeDialog, width);
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSizeDialog, height);
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSizeDialog, width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ItogiChartSizeDialog, height_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
itogi_chart_size_dialog_init (ItogiChartSizeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The sizes a chart can be drawn at (itogi-chart-export.h). */
  gtk_adjustment_configure (self->width_adjustment, 1600, ITOGI_CHART_MIN_WIDTH, ITOGI_CHART_MAX_PIXELS, 10,
                            100, 0);
  gtk_adjustment_configure (self->height_adjustment, 900, ITOGI_CHART_MIN_HEIGHT, ITOGI_CHART_MAX_PIXELS, 10,
                            100, 0);
  itogi_a11y_mend_tree (GTK_WIDGET (self));
}
