/* itogi-area-page.c: the page of one activity area
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
#include "itogi-wrap.h"

G_DEFINE_FINAL_TYPE (ItogiAreaPage, itogi_area_page, ITOGI_TYPE_PAGE)

static void
itogi_area_page_dispose (GObject *object)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ITOGI_TYPE_AREA_PAGE);
  g_clear_pointer (&self->area, itogi_area_free);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  G_OBJECT_CLASS (itogi_area_page_parent_class)->dispose (object);
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

  if (self->year == 0
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

static gboolean itogi_area_page_set_years (ItogiPage *page, int year, int compare_year, GError **error);
static gboolean itogi_area_page_has_unsaved (ItogiPage *page);
static void itogi_area_page_set_editable (ItogiPage *page, gboolean editable);
static void itogi_area_page_set_compact (ItogiPage *page, gboolean compact);

static void
itogi_area_page_class_init (ItogiAreaPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ItogiPageClass *page_class = ITOGI_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = itogi_area_page_dispose;
  page_class->set_years = itogi_area_page_set_years;
  page_class->has_unsaved = itogi_area_page_has_unsaved;
  page_class->set_editable = itogi_area_page_set_editable;
  page_class->set_compact = itogi_area_page_set_compact;
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
  /* The area's notes, its year's sign-off (the target is the status the year moves to), a new indicator. */
  _itogi_area_page_class_actions_init (widget_class);
}

static void
itogi_area_page_init (ItogiAreaPage *self)
{
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ITOGI_TYPE_CHART_SECTION);
  gtk_widget_init_template (GTK_WIDGET (self));
  itogi_wrap_tree (GTK_WIDGET (self));
  _itogi_page_setup (ITOGI_PAGE (self), self->table_box, self->chart_section, FALSE, NULL, 0);
  itogi_a11y_mend_tree (GTK_WIDGET (self));
  /* The year's own tasks, above the coming year's. */
  self->year_tasks_heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->year_tasks_heading), 0);
  itogi_wrap_label (GTK_LABEL (self->year_tasks_heading));
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
  ItogiAreaPage *self;

  g_return_val_if_fail (area != NULL, NULL);
  self = g_object_new (ITOGI_TYPE_AREA_PAGE, NULL);
  _itogi_page_set_session (ITOGI_PAGE (self), session);
  self->session = session;
  self->store = itogi_session_get_store (session);
  self->area = itogi_area_copy (area);
  show_titles (self);
  return GTK_WIDGET (self);
}

void
itogi_area_page_set_area (ItogiAreaPage *self, const ItogiArea *area)
{
  g_return_if_fail (ITOGI_IS_AREA_PAGE (self));
  g_return_if_fail (area != NULL);
  g_return_if_fail (!itogi_page_has_unsaved (ITOGI_PAGE (self)));

  itogi_area_free (self->area);
  self->area = itogi_area_copy (area);
  show_titles (self);
  /* Nothing of the area it showed stays: its selected row, its place in the page, the task being
   * typed (empty: a page with typing is never given another area). */
  itogi_indicator_table_select (_itogi_page_get_indicator_table (ITOGI_PAGE (self)), -1);
  self->task_entry = NULL;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

static void
itogi_area_page_set_editable (ItogiPage *page, gboolean editable)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (page);

  gtk_widget_set_sensitive (self->status_box, editable);
  gtk_widget_set_sensitive (self->tasks_box, editable);
  gtk_widget_set_sensitive (self->notes_button, editable);
  gtk_widget_set_sensitive (self->structure_box, editable);
}

/* A task typed and not added (the table's figures are ItogiPage's). */
static gboolean
itogi_area_page_has_unsaved (ItogiPage *page)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (page);

  return self->task_entry != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->task_entry)) != '\0';
}

const ItogiArea *
itogi_area_page_get_area (ItogiAreaPage *self)
{
  g_return_val_if_fail (ITOGI_IS_AREA_PAGE (self), NULL);
  return self->area;
}

static gboolean
load_institutions (ItogiAreaPage *self, int year, GError **error)
{
  g_autoptr (GPtrArray) institutions = NULL;

  _itogi_page_clear_list (self->institutions_list);
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
      itogi_wrap_tree (row);
      gtk_list_box_append (self->institutions_list, row);
    }
  gtk_widget_set_visible (self->institutions_box, institutions->len > 0);
  return TRUE;
}

/* The area's archived indicators, each with a Restore item. */
static gboolean
load_archived (ItogiAreaPage *self, GError **error)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GMenu) menu = g_menu_new ();
  guint archived = 0;

  gboolean empty = gtk_widget_get_visible (GTK_WIDGET (self->empty_state));

  gtk_widget_set_visible (self->structure_box, FALSE);
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
      shown = _itogi_page_short_text (ind->title);
      /* Translators: a menu item: «Вернуть «Проведено проверок»» */
      label = g_strdup_printf (_ ("Restore “%s”"), shown);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "indicator.restore", g_variant_new_int64 (ind->id));
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

static gboolean
itogi_area_page_set_years (ItogiPage *page, int year, int compare_year, GError **error)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (page);
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *note = NULL;
  g_autofree char *year_text = itogi_format_year (year);
  gboolean has_rows;

  rows = itogi_table_build (self->store, self->area->slug, year, compare_year, error);
  if (rows == NULL)
    return FALSE;
  has_rows = rows->len > 0;
  self->year = year;
  self->compare_year = compare_year;
  _itogi_page_show_rows (page, g_steal_pointer (&rows), TRUE, self->area->slug, self->area->short_title, year,
                         compare_year);

  note = itogi_store_get_area_note (self->store, self->area->id, year, error);
  if (error != NULL && *error != NULL)
    return FALSE;
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
  gtk_widget_set_visible (self->notes_box, TRUE);
  if (!_itogi_area_page_load_tasks (self, year, error))
    return FALSE;

  gtk_label_set_text (self->institutions_heading, _ ("Institutions"));
  if (!load_institutions (self, year, error))
    return FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_state),
                          !has_rows && !gtk_widget_get_visible (self->institutions_box));
  if (!load_archived (self, error))
    return FALSE;
  _itogi_area_page_show_status (self);
  return TRUE;
}

static void
itogi_area_page_set_compact (ItogiPage *page, gboolean compact)
{
  ItogiAreaPage *self = ITOGI_AREA_PAGE (page);
  int margin = compact ? 8 : 24;

  if (compact == self->compact)
    return;
  self->compact = compact;
  /* The sign-off's text above its buttons. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->status_box),
                                  compact ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_margin_start (self->page_box, margin);
  gtk_widget_set_margin_end (self->page_box, margin);
}
