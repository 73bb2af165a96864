/* itogi-area-page-actions.c: what an area page's own buttons change
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The area's notes, its year's sign-off and a new indicator; what the table's cells and row menus
 * change is ItogiPage's (itogi-page-actions.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-area-page-private.h"
#include "itogi-format.h"
#include "itogi-text-dialog.h"

/* ---- a new indicator ---- */

static void
add_indicator_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (ItogiIndicator) ind = itogi_indicator_new ();
  g_autoptr (GPtrArray) list = NULL;

  list = itogi_store_list_indicators (self->store, self->area->id, TRUE, NULL);
  ind->area_id = self->area->id;
  /* A slug no other indicator of the area has: the CSV import can name it so. */
  ind->slug = g_strdup_printf ("indicator-%u", list != NULL ? list->len + 1 : 1);
  for (guint n = list != NULL ? list->len + 1 : 1; list != NULL; n++)
    {
      gboolean taken = FALSE;
      g_free (ind->slug);
      ind->slug = g_strdup_printf ("indicator-%u", n);
      for (guint i = 0; i < list->len && !taken; i++)
        taken = g_strcmp0 (((ItogiIndicator *)list->pdata[i])->slug, ind->slug) == 0;
      if (!taken)
        break;
    }
  ind->title = g_strdup ("");
  ind->unit = g_strdup (_ ("units"));
  ind->kind = ITOGI_KIND_COUNT;
  ind->aggregation = ITOGI_AGGREGATION_SUM;
  ind->polarity = ITOGI_POLARITY_NEUTRAL;
  ind->position = list != NULL ? (int)list->len + 1 : 1;
  _itogi_page_edit_indicator (ITOGI_PAGE (self), ind);
}

/* ---- notes ---- */

static gboolean
save_notes (const char *text, gpointer data, GError **error)
{
  ItogiAreaPage *self = data;
  g_autofree char *year_text = itogi_format_year (self->year);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *old = itogi_store_get_area_note (self->store, self->area->id, self->year, NULL);
  g_autofree char *label = NULL;
  gint64 step;

  /* Nothing changed: nothing to record. */
  if (g_strcmp0 (trimmed, old != NULL ? old : "") == 0)
    return TRUE;
  /* Translators: a history entry: «Изменены пояснения: Правовое обеспечение, 2023 г.» */
  label = g_strdup_printf (_ ("Changed the notes of “%s”, %s"), self->area->short_title, year_text);
  step = itogi_session_begin (self->session, label, error);
  if (step == 0)
    return FALSE;
  return _itogi_page_finish_step (
      ITOGI_PAGE (self), step,
      itogi_store_set_area_note (self->store, self->area->id, self->year, trimmed, error), error);
}

/* ---- the year's sign-off ---- */

static void
set_status_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (GError) error = NULL;
  ItogiAreaStatus from = ITOGI_AREA_DRAFT, to;
  gint64 step;

  if (self->year == 0 || !itogi_area_status_from_string (g_variant_get_string (param, NULL), &to))
    return;
  if (!itogi_store_get_area_status (self->store, self->area->id, self->year, &from, NULL, NULL, &error))
    {
      _itogi_page_show_toast (ITOGI_PAGE (self), error->message);
      return;
    }
  step = itogi_session_set_area_status (self->session, self->area->id, self->year, from, to, &error);
  if (step == 0)
    {
      _itogi_page_show_toast (ITOGI_PAGE (self), error->message);
      _itogi_area_page_show_status (self);
      return;
    }
  /* The table is rebuilt once the cell's own handler has returned. */
  _itogi_page_changed_later (ITOGI_PAGE (self), step);
}

static void
edit_notes_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *year_text = itogi_format_year (self->year);
  g_autofree char *title = NULL;
  ItogiTextDialog *dialog;

  if (self->year == 0)
    return;
  note = itogi_store_get_area_note (self->store, self->area->id, self->year, &error);
  if (error != NULL)
    {
      _itogi_page_show_toast (ITOGI_PAGE (self), error->message);
      return;
    }
  /* Translators: %s is a year such as «2023 г.» */
  title = g_strdup_printf (_ ("Notes for %s"), year_text);
  dialog = itogi_text_dialog_new (_itogi_page_window (ITOGI_PAGE (self)), title, note, TRUE, _ ("_Save"),
                                  save_notes, g_object_ref (self), g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_itogi_area_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "area.edit-notes", NULL, edit_notes_action);
  gtk_widget_class_install_action (widget_class, "area.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "area.add-indicator", NULL, add_indicator_action);
}
