/* itogi-dialog.c: the base of Itogi's editing windows
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-a11y.h"
#include "itogi-dialog.h"
#include "itogi-wrap.h"

typedef struct
{
  GtkBox *box; /* the header bar, the message, then the subclass's children */
  AdwWindowTitle *window_title;
  GtkWidget *action_button;
  GtkWidget *message;

  /* What the user may have typed: the watched fields and their values when they were watched. */
  GPtrArray *fields;  /* GtkEditable, GtkTextView, GtkDropDown or AdwComboRow, referenced */
  GPtrArray *initial; /* each one's text, or its choice as "%u" */
  char *heading;
  char *body;
  GtkWidget *question;   /* shown, or NULL */
  char *answer;          /* the question's response */
  gboolean discarding;   /* the user chose to drop what was typed: closing closes */
  gboolean offer_action; /* the question offers the action too */
} ItogiDialogPrivate;

enum
{
  PROP_0,
  PROP_ACTION_LABEL,
  PROP_SUBTITLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static GtkBuildableIface *parent_buildable;

static void itogi_dialog_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (ItogiDialog, itogi_dialog, ADW_TYPE_WINDOW,
                         G_ADD_PRIVATE (ItogiDialog)
                             G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, itogi_dialog_buildable_init))

/* A subclass's template adds its children under the message; the base's own template (built
 * first, before its parts are bound) sets the window's content. */
static void
itogi_dialog_add_child (GtkBuildable *buildable, GtkBuilder *builder, GObject *child, const char *type)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (ITOGI_DIALOG (buildable));

  if (priv->box != NULL && GTK_IS_WIDGET (child) && type == NULL)
    gtk_box_append (priv->box, GTK_WIDGET (child));
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
itogi_dialog_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = itogi_dialog_add_child;
}

static char *
value_of (GtkWidget *field)
{
  if (GTK_IS_EDITABLE (field))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));
  if (GTK_IS_TEXT_VIEW (field))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (GTK_IS_DROP_DOWN (field))
    return g_strdup_printf ("%u", gtk_drop_down_get_selected (GTK_DROP_DOWN (field)));
  if (ADW_IS_COMBO_ROW (field))
    return g_strdup_printf ("%u", adw_combo_row_get_selected (ADW_COMBO_ROW (field)));
  g_return_val_if_reached (NULL);
}

gboolean
itogi_dialog_has_unsaved (ItogiDialog *self)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      g_autofree char *now = value_of (priv->fields->pdata[i]);
      if (g_strcmp0 (now, priv->initial->pdata[i]) != 0)
        return TRUE;
    }
  return FALSE;
}

void
itogi_dialog_watch (ItogiDialog *self, GtkWidget *field)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  g_return_if_fail (ITOGI_IS_DIALOG (self));
  g_ptr_array_add (priv->fields, g_object_ref (field));
  g_ptr_array_add (priv->initial, value_of (field));
}

gboolean
itogi_dialog_save (ItogiDialog *self)
{
  ItogiDialogClass *klass = ITOGI_DIALOG_GET_CLASS (self);
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (ITOGI_IS_DIALOG (self), FALSE);
  itogi_dialog_say (self, NULL);
  if (klass->save != NULL && !klass->save (self, &error))
    {
      /* The typing stays; the reason is said above it. */
      if (error != NULL)
        itogi_dialog_say (self, error->message);
      return FALSE;
    }
  itogi_dialog_done (self);
  return TRUE;
}

void
itogi_dialog_done (ItogiDialog *self)
{
  g_return_if_fail (ITOGI_IS_DIALOG (self));
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
on_action_clicked (ItogiDialog *self)
{
  itogi_dialog_save (self);
}

/* What the user answered, acted on once the question is gone: it points at the dialog as its
 * parent, and must not outlive it. */
static gboolean
answer (gpointer data)
{
  ItogiDialog *self = data;
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  if (g_strcmp0 (priv->answer, "discard") == 0)
    {
      priv->discarding = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (priv->answer, "save") == 0)
    {
      /* Saved, it closes; refused, it stays open with the reason and the typing, and gets the
       * keyboard back to mend them. */
      if (!itogi_dialog_save (self))
        gtk_window_present (GTK_WINDOW (self));
    }
  else
    /* Back to the typing, with the keyboard. */
    gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_question_response (AdwMessageDialog *question, const char *response, ItogiDialog *self)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  priv->question = NULL;
  g_free (priv->answer);
  priv->answer = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT, answer, g_object_ref (self), g_object_unref);
}

/* Closing with typing not saved: asked first. Nothing is dropped without the user saying so. */
static void
ask (ItogiDialog *self)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);
  AdwMessageDialog *question;

  if (priv->question != NULL)
    {
      gtk_window_present (GTK_WINDOW (priv->question));
      return;
    }
  question = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), priv->heading, priv->body));
  adw_message_dialog_add_responses (question, "keep", _ ("_Keep Editing"), "discard", _ ("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (question, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (question, "keep");
  if (ITOGI_DIALOG_GET_CLASS (self)->save != NULL && priv->offer_action)
    {
      adw_message_dialog_add_response (question, "save",
                                       gtk_button_get_label (GTK_BUTTON (priv->action_button)));
      adw_message_dialog_set_response_appearance (question, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (question, "save");
    }
  else
    adw_message_dialog_set_default_response (question, "keep");
  priv->question = GTK_WIDGET (question);
  g_signal_connect_object (question, "response", G_CALLBACK (on_question_response), self, 0);
  gtk_window_present (GTK_WINDOW (question));
}

/* Escape, Cancel and the window's close button all come here. */
static gboolean
itogi_dialog_close_request (GtkWindow *window)
{
  ItogiDialog *self = ITOGI_DIALOG (window);
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  GtkWindowClass *parent = GTK_WINDOW_CLASS (itogi_dialog_parent_class);

  if (priv->discarding || !itogi_dialog_has_unsaved (self))
    return parent->close_request != NULL && parent->close_request (window);
  ask (self);
  return TRUE;
}

gboolean
itogi_dialog_close_all (GtkWindow *parent)
{
  GListModel *all = gtk_window_get_toplevels ();
  gboolean closed = TRUE;

  for (guint i = g_list_model_get_n_items (all); i-- > 0;)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (all, i);

      if (!ITOGI_IS_DIALOG (w) || gtk_window_get_transient_for (w) != parent)
        continue;
      if (itogi_dialog_has_unsaved (ITOGI_DIALOG (w)))
        {
          ask (ITOGI_DIALOG (w));
          closed = FALSE;
        }
    }
  return closed;
}

void
itogi_dialog_set_question (ItogiDialog *self, const char *heading, const char *body, gboolean offer_action)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  priv->offer_action = offer_action;
  g_free (priv->heading);
  g_free (priv->body);
  priv->heading = g_strdup (heading);
  priv->body = g_strdup (body);
}

void
itogi_dialog_say (ItogiDialog *self, const char *text)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  gtk_label_set_text (GTK_LABEL (priv->message), text != NULL ? text : "");
  gtk_widget_set_visible (priv->message, text != NULL);
}

void
itogi_dialog_set_action_label (ItogiDialog *self, const char *label)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  gtk_button_set_label (GTK_BUTTON (priv->action_button), label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION_LABEL]);
}

GtkWidget *
itogi_dialog_get_action (ItogiDialog *self)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);
  return priv->action_button;
}

void
itogi_dialog_set_subtitle (ItogiDialog *self, const char *subtitle)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  adw_window_title_set_subtitle (priv->window_title, subtitle != NULL ? subtitle : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static void
itogi_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (ITOGI_DIALOG (object));

  switch (prop_id)
    {
    case PROP_ACTION_LABEL:
      g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (priv->action_button)));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, adw_window_title_get_subtitle (priv->window_title));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
itogi_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ItogiDialog *self = ITOGI_DIALOG (object);

  switch (prop_id)
    {
    case PROP_ACTION_LABEL:
      itogi_dialog_set_action_label (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      itogi_dialog_set_subtitle (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
itogi_dialog_finalize (GObject *object)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (ITOGI_DIALOG (object));

  g_ptr_array_unref (priv->fields);
  g_ptr_array_unref (priv->initial);
  g_free (priv->heading);
  g_free (priv->body);
  g_free (priv->answer);
  G_OBJECT_CLASS (itogi_dialog_parent_class)->finalize (object);
}

static void
itogi_dialog_class_init (ItogiDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = itogi_dialog_get_property;
  object_class->set_property = itogi_dialog_set_property;
  object_class->finalize = itogi_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = itogi_dialog_close_request;

  /* The action button's label, with its mnemonic: «_Save», «_Add», «_Import». */
  properties[PROP_ACTION_LABEL]
      = g_param_spec_string ("action-label", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* Under the title in the header bar. */
  properties[PROP_SUBTITLE]
      = g_param_spec_string ("subtitle", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* What the dialog holds is saved; it closes next. */
  signals[SIGNAL_SAVED]
      = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                      G_STRUCT_OFFSET (ItogiDialogClass, saved), NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-dialog.ui");
  gtk_widget_class_bind_template_child_private (widget_class, ItogiDialog, box);
  gtk_widget_class_bind_template_child_private (widget_class, ItogiDialog, window_title);
  gtk_widget_class_bind_template_child_private (widget_class, ItogiDialog, action_button);
  gtk_widget_class_bind_template_child_private (widget_class, ItogiDialog, message);
  gtk_widget_class_bind_template_callback (widget_class, on_action_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_window_close",
                                                G_CALLBACK (gtk_window_close));
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
itogi_dialog_init (ItogiDialog *self)
{
  ItogiDialogPrivate *priv = itogi_dialog_get_instance_private (self);

  priv->fields = g_ptr_array_new_with_free_func (g_object_unref);
  priv->initial = g_ptr_array_new_with_free_func (g_free);
  priv->offer_action = TRUE;
  priv->heading = g_strdup (_ ("Discard the Changes?"));
  priv->body = g_strdup (_ ("The changes made here are not saved yet."));
  gtk_widget_init_template (GTK_WIDGET (self));
  itogi_wrap_tree (GTK_WIDGET (self));
  g_object_bind_property (self, "title", priv->window_title, "title", G_BINDING_SYNC_CREATE);
  itogi_a11y_mend_on_map (GTK_WIDGET (self));
}
