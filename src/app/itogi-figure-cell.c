/* itogi-figure-cell.c: one figure of the table, edited where it is shown
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cell keeps its own record of what the database holds (the text shown) and of whether the
 * user has typed since. That, not a comparison of texts alone, decides what is saved: a figure
 * that was only looked at, selected or passed through with Tab is never written, whatever else
 * may have changed the entry's text. GtkText's own undo history is off: it would take the cell
 * back past the shown figure to the empty text it started from.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-figure-cell.h"
#include "itogi-wrap.h"
#include "itogi-tooltip.h"

struct _ItogiFigureCell
{
  GtkEntry parent_instance;

  char *shown;      /* the figure as stored, formatted */
  char *taken_back; /* typing that Ctrl+Z took back, for Ctrl+Shift+Z */
  gboolean loading; /* the text is being set from the database, not typed */
  gboolean edited;  /* the user changed the text since it was shown or saved */
  GtkWidget *problem;
  gboolean conflict; /* the problem is another desktop's change: keep mine, or take theirs */
  char *description; /* what a screen reader says of the figure besides it, while no problem is */
};

G_DEFINE_FINAL_TYPE (ItogiFigureCell, itogi_figure_cell, GTK_TYPE_ENTRY)

enum
{
  COMMIT,
  MOVE,
  DRAFT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_text_quietly (ItogiFigureCell *self, const char *text)
{
  /* The same text again keeps the cell as it is, its selection included (setting it would
   * drop the selection and claim the primary selection anew). */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), text != NULL ? text : "") == 0)
    return;
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), text != NULL ? text : "");
  self->loading = FALSE;
}

static void
on_changed (ItogiFigureCell *self)
{
  if (self->loading)
    return;
  self->edited = TRUE;
  g_clear_pointer (&self->taken_back, g_free);
  g_signal_emit (self, signals[DRAFT_CHANGED], 0);
}

/* Offer the typed text for saving. TRUE when there was nothing to save or it was saved. */
static gboolean
commit (ItogiFigureCell *self)
{
  g_autofree char *typed = NULL;
  gboolean saved = FALSE;

  if (!self->edited)
    return TRUE;
  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self)));
  if (g_strcmp0 (typed, self->shown) == 0)
    {
      /* Typed back to what it was: nothing to save. */
      self->edited = FALSE;
      itogi_figure_cell_hide_problem (self);
      g_signal_emit (self, signals[DRAFT_CHANGED], 0);
      return TRUE;
    }
  g_signal_emit (self, signals[COMMIT], 0, typed, &saved);
  if (!saved)
    return FALSE;
  /* Saved: leaving the cell now changes nothing more. */
  g_free (self->shown);
  self->shown = g_steal_pointer (&typed);
  self->edited = FALSE;
  itogi_figure_cell_hide_problem (self);
  g_signal_emit (self, signals[DRAFT_CHANGED], 0);
  return TRUE;
}

static void
revert (ItogiFigureCell *self)
{
  set_text_quietly (self, self->shown);
  self->edited = FALSE;
  itogi_figure_cell_hide_problem (self);
  g_signal_emit (self, signals[DRAFT_CHANGED], 0);
}

static gboolean
on_enter (GtkWidget *widget, GVariant *args, gpointer data)
{
  ItogiFigureCell *self = ITOGI_FIGURE_CELL (widget);

  /* Refused: the cell keeps the typing and says why, and the keyboard stays to mend it. */
  if (commit (self))
    g_signal_emit (self, signals[MOVE], 0, g_variant_get_int32 (args));
  return TRUE;
}

/* Another desktop's figure instead of the typed one: the typing goes, and what is shown is read
 * again (the window's reload). */
static void
take_theirs (ItogiFigureCell *self)
{
  revert (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
}

static gboolean
on_escape (GtkWidget *widget, GVariant *args, gpointer data)
{
  ItogiFigureCell *self = ITOGI_FIGURE_CELL (widget);

  if (!self->edited && self->problem == NULL)
    return FALSE;
  if (self->conflict)
    take_theirs (self);
  else
    revert (self);
  return TRUE;
}

static gboolean
on_undo (GtkWidget *widget, GVariant *args, gpointer data)
{
  ItogiFigureCell *self = ITOGI_FIGURE_CELL (widget);
  g_autofree char *typed = NULL;

  /* Nothing typed: the window's undo, of the last change to the data. Said here, not left to the
   * window's own binding: GtkText takes Ctrl+Z on its way up even with its history off. */
  if (!self->edited)
    {
      gtk_widget_activate_action (widget, "win.undo", NULL);
      return TRUE;
    }
  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self)));
  revert (self);
  self->taken_back = g_steal_pointer (&typed);
  return TRUE;
}

static gboolean
on_redo (GtkWidget *widget, GVariant *args, gpointer data)
{
  ItogiFigureCell *self = ITOGI_FIGURE_CELL (widget);
  g_autofree char *typed = NULL;

  if (self->edited)
    {
      /* The window's redo would change the data under the typing: finish it, or Escape, first. */
      gtk_widget_error_bell (widget);
      return TRUE;
    }
  if (self->taken_back == NULL)
    {
      gtk_widget_activate_action (widget, "win.redo", NULL);
      return TRUE;
    }
  /* Typed again, as the user typed it: it is theirs to save or put back. */
  typed = g_steal_pointer (&self->taken_back);
  gtk_editable_set_text (GTK_EDITABLE (self), typed);
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  return TRUE;
}

static void
on_activate (ItogiFigureCell *self)
{
  commit (self);
}

static void
on_focus_leave (ItogiFigureCell *self)
{
  commit (self);
}

static void
add_key (GtkShortcutController *keys, guint keyval, GdkModifierType mods, GtkShortcutFunc func,
         GVariant *args)
{
  GtkShortcut *shortcut
      = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, mods), gtk_callback_action_new (func, NULL, NULL));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (keys, shortcut);
}

static void
itogi_figure_cell_dispose (GObject *object)
{
  ItogiFigureCell *self = ITOGI_FIGURE_CELL (object);

  itogi_figure_cell_hide_problem (self);
  G_OBJECT_CLASS (itogi_figure_cell_parent_class)->dispose (object);
}

static void
itogi_figure_cell_finalize (GObject *object)
{
  ItogiFigureCell *self = ITOGI_FIGURE_CELL (object);

  g_free (self->shown);
  g_free (self->taken_back);
  g_free (self->description);
  G_OBJECT_CLASS (itogi_figure_cell_parent_class)->finalize (object);
}

static void
itogi_figure_cell_class_init (ItogiFigureCellClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = itogi_figure_cell_dispose;
  G_OBJECT_CLASS (klass)->finalize = itogi_figure_cell_finalize;

  /* The user asks for the typed text to be saved: TRUE when it was. */
  signals[COMMIT]
      = g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      g_signal_accumulator_first_wins, NULL, NULL, G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
  /* Saved with Enter (1, the row below) or Shift+Enter (−1, above). */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_INT);
  /* The typing not saved yet changed, or is gone (saved or put back). */
  signals[DRAFT_CHANGED] = g_signal_new ("draft-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
itogi_figure_cell_init (ItogiFigureCell *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  static const guint enters[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  self->shown = g_strdup ("");
  gtk_editable_set_enable_undo (GTK_EDITABLE (self), FALSE);
  /* Before GtkText's own keys: Enter moves on, and Ctrl+Z is decided here. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (enters); i++)
    {
      add_key (GTK_SHORTCUT_CONTROLLER (keys), enters[i], 0, on_enter, g_variant_new_int32 (1));
      add_key (GTK_SHORTCUT_CONTROLLER (keys), enters[i], GDK_SHIFT_MASK, on_enter, g_variant_new_int32 (-1));
    }
  /* Up and Down as Shift+Enter and Enter: the figure above or below, what was typed saved. */
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Down, 0, on_enter, g_variant_new_int32 (1));
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_Down, 0, on_enter, g_variant_new_int32 (1));
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Up, 0, on_enter, g_variant_new_int32 (-1));
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_Up, 0, on_enter, g_variant_new_int32 (-1));
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Escape, 0, on_escape, NULL);
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_z, GDK_CONTROL_MASK, on_undo, NULL);
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, on_redo, NULL);
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, on_redo, NULL);
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_y, GDK_CONTROL_MASK, on_redo, NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "changed", G_CALLBACK (on_changed), NULL);
  g_signal_connect (self, "activate", G_CALLBACK (on_activate), NULL);
}

GtkWidget *
itogi_figure_cell_new (void)
{
  return g_object_new (ITOGI_TYPE_FIGURE_CELL, NULL);
}

void
itogi_figure_cell_show (ItogiFigureCell *self, const char *shown, const char *draft)
{
  g_return_if_fail (ITOGI_IS_FIGURE_CELL (self));

  g_free (self->shown);
  self->shown = g_strdup (shown != NULL ? shown : "");
  g_clear_pointer (&self->taken_back, g_free);
  itogi_figure_cell_hide_problem (self);
  set_text_quietly (self, draft != NULL ? draft : self->shown);
  self->edited = draft != NULL;
}

const char *
itogi_figure_cell_get_shown (ItogiFigureCell *self)
{
  g_return_val_if_fail (ITOGI_IS_FIGURE_CELL (self), NULL);
  return self->shown;
}

gboolean
itogi_figure_cell_is_edited (ItogiFigureCell *self)
{
  g_return_val_if_fail (ITOGI_IS_FIGURE_CELL (self), FALSE);
  return self->edited;
}

/* Whether a popover can be shown under the cell: not while its window is being hidden or taken
 * down (a cell losing the keyboard as the window closes saves what was typed, and a refusal then
 * has no one to tell). */
static gboolean
can_tell (ItogiFigureCell *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root == NULL
         || (gtk_widget_get_mapped (GTK_WIDGET (root)) && !gtk_widget_in_destruction (GTK_WIDGET (root)));
}

void
itogi_figure_cell_show_problem (ItogiFigureCell *self, const char *message)
{
  GtkWidget *text;

  g_return_if_fail (ITOGI_IS_FIGURE_CELL (self));
  if (self->problem == NULL)
    {
      self->problem = gtk_popover_new ();
      gtk_popover_set_autohide (GTK_POPOVER (self->problem), FALSE);
      gtk_popover_set_position (GTK_POPOVER (self->problem), GTK_POS_BOTTOM);
      text = gtk_label_new (NULL);
      itogi_wrap_label (GTK_LABEL (text));
      gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
      gtk_widget_add_css_class (text, "error");
      gtk_popover_set_child (GTK_POPOVER (self->problem), text);
      gtk_widget_set_parent (self->problem, GTK_WIDGET (self));
    }
  text = gtk_popover_get_child (GTK_POPOVER (self->problem));
  gtk_label_set_text (GTK_LABEL (text), message);
  gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  if (can_tell (self))
    gtk_popover_popup (GTK_POPOVER (self->problem));
}

static void
on_keep_mine (ItogiFigureCell *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  commit (self);
}

void
itogi_figure_cell_show_conflict (ItogiFigureCell *self, const char *message)
{
  GtkWidget *box, *text, *buttons, *keep, *theirs;

  g_return_if_fail (ITOGI_IS_FIGURE_CELL (self));
  itogi_figure_cell_hide_problem (self);
  self->problem = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->problem), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->problem), GTK_POS_BOTTOM);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  text = gtk_label_new (message);
  itogi_wrap_label (GTK_LABEL (text));
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  /* Enter keeps mine, Escape takes theirs: the buttons say so for the mouse. */
  theirs = gtk_button_new_with_mnemonic (_ ("_Take Theirs"));
  itogi_tooltip_set (theirs, _ ("Escape"));
  keep = gtk_button_new_with_mnemonic (_ ("_Keep Mine"));
  itogi_tooltip_set (keep, _ ("Enter"));
  gtk_widget_add_css_class (keep, "suggested-action");
  g_signal_connect_swapped (theirs, "clicked", G_CALLBACK (take_theirs), self);
  g_signal_connect_swapped (keep, "clicked", G_CALLBACK (on_keep_mine), self);
  gtk_box_append (GTK_BOX (buttons), theirs);
  gtk_box_append (GTK_BOX (buttons), keep);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (self->problem), box);
  gtk_widget_set_parent (self->problem, GTK_WIDGET (self));
  self->conflict = TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  if (can_tell (self))
    gtk_popover_popup (GTK_POPOVER (self->problem));
}

/* The description is set, never reset: GTK 4.8 does not tell a screen reader of a reset property,
 * which then kept saying a refusal already mended. */
static void
say_description (ItogiFigureCell *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description != NULL ? self->description : "", -1);
}

void
itogi_figure_cell_set_description (ItogiFigureCell *self, const char *description)
{
  g_return_if_fail (ITOGI_IS_FIGURE_CELL (self));
  g_free (self->description);
  self->description = g_strdup (description);
  if (self->problem == NULL)
    say_description (self);
}

void
itogi_figure_cell_hide_problem (ItogiFigureCell *self)
{
  g_return_if_fail (ITOGI_IS_FIGURE_CELL (self));
  if (self->problem == NULL)
    return;
  self->conflict = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  g_clear_pointer (&self->problem, gtk_widget_unparent);
  say_description (self);
}

GtkWidget *
itogi_figure_cell_get_problem (ItogiFigureCell *self)
{
  g_return_val_if_fail (ITOGI_IS_FIGURE_CELL (self), NULL);
  return self->problem;
}
