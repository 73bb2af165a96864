/* itogi-connect.c: opening a database on the office's shared server
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The address is a libpq URI (postgresql://server/itogi); libpq's environment, ~/.pgpass and
 * service files apply as they do for psql. A password the server asks for is taken from the GNOME
 * keyring (libsecret), else asked for, and kept in the keyring once it let Itogi in: it never goes
 * into GSettings, a command line or a log, and the store holds it in memory only.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "itogi-connect.h"

typedef struct
{
  GtkWindow *parent;
  char *uri;
  char *typed; /* the password the user typed, to keep in the keyring once it works */
  gboolean refused;
  ItogiConnected done;
  gpointer data;
} Connect;

static void
connect_free (Connect *c)
{
  g_clear_object (&c->parent);
  g_free (c->uri);
  if (c->typed != NULL)
    {
      memset (c->typed, 0, strlen (c->typed));
      g_free (c->typed);
    }
  g_free (c);
}

static void
finish (Connect *c, ItogiStore *store, const GError *error)
{
  c->done (store, c->uri, error, c->data);
  connect_free (c);
}

/* Passwords of Itogi's servers in the keyring, one per address. */
static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    "ru.kaluga.Itogi.Server",
    SECRET_SCHEMA_NONE,
    { { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  };
  return &schema;
}

static void ask_password (Connect *c);

/* ---- opening, off the main thread ---- */

static void
open_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  const char *uri = data;
  GError *error = NULL;
  ItogiStore *store = itogi_store_open (uri, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, (GDestroyNotify)itogi_store_free);
}

static void
on_stored (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;

  /* No keyring (no session, or it is locked and stays so): the password is asked next time. */
  if (!secret_password_store_finish (result, &error))
    g_debug ("The password was not kept in the keyring: %s", error->message);
}

static void
on_opened (GObject *source, GAsyncResult *result, gpointer data)
{
  Connect *c = data;
  g_autoptr (GError) error = NULL;
  ItogiStore *store = g_task_propagate_pointer (G_TASK (result), &error);

  if (store != NULL)
    {
      if (c->typed != NULL)
        {
          /* Translators: the label of the password in the keyring; %s is the server's address */
          g_autofree char *label = g_strdup_printf (_ ("Itogi database %s"), itogi_store_get_path (store));
          secret_password_store (server_schema (), SECRET_COLLECTION_DEFAULT, label, c->typed, NULL,
                                 on_stored, NULL, "uri", c->uri, NULL);
        }
      finish (c, store, NULL);
      return;
    }
  if (g_error_matches (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_PASSWORD))
    {
      /* The keyring's password, or the one typed, was not the server's. */
      c->refused = c->typed != NULL;
      ask_password (c);
      return;
    }
  finish (c, NULL, error);
}

static void
open_server (Connect *c)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, on_opened, c);

  g_task_set_task_data (task, g_strdup (c->uri), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

static void
on_looked_up (GObject *source, GAsyncResult *result, gpointer data)
{
  Connect *c = data;
  g_autoptr (GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (password != NULL)
    {
      itogi_store_set_server_password (c->uri, password);
      secret_password_free (password);
    }
  open_server (c);
}

static void
look_up_password (Connect *c)
{
  secret_password_lookup (server_schema (), NULL, on_looked_up, c, "uri", c->uri, NULL);
}

/* ---- the two questions ---- */

static GtkWidget *
question (Connect *c, const char *heading, const char *body, GtkWidget *entry)
{
  GtkWidget *dialog = adw_message_dialog_new (c->parent, heading, body);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "connect", _ ("C_onnect"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  if (c->parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (g_application_get_default ()));
  gtk_widget_grab_focus (entry);
  return dialog;
}

static void
on_password_answered (AdwMessageDialog *dialog, const char *response, Connect *c)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  /* Once answered, the dialog's own closing must not answer again with its close response. */
  g_signal_handlers_disconnect_by_func (dialog, on_password_answered, c);
  if (g_strcmp0 (response, "connect") != 0)
    {
      itogi_store_set_server_password (c->uri, NULL);
      finish (c, NULL, NULL);
      return;
    }
  g_free (c->typed);
  c->typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  /* The entry's copy is wiped: the password lives on in the store's memory alone. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  itogi_store_set_server_password (c->uri, c->typed);
  open_server (c);
}

static void
ask_password (Connect *c)
{
  /* A plain entry that hides what is typed: GTK 4.8's GtkPasswordEntry warns when its dialog is
   * destroyed under it. */
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Password"), -1);
  g_autofree char *user = NULL;
  g_autofree char *place = itogi_store_server_place (c->uri, &user);
  g_autofree char *who = user != NULL ? g_strdup (user) : g_strdup (g_get_user_name ());

  /* Translators: «Сервер не принял этот пароль пользователя clerk для «server/itogi».» */
  body = c->refused ? g_strdup_printf (_ ("The server did not accept that password of %s for “%s”. Type it "
                                          "again."),
                                       who, place)
                    : g_strdup_printf (_ ("The database “%s” asks for the password of %s. Itogi keeps it in "
                                          "your keyring, so that it is asked only once."),
                                       place, who);
  dialog = question (c, _ ("Password Needed"), body, entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_password_answered), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void ask_address (Connect *c, const char *problem);

static void
on_address_answered (AdwMessageDialog *dialog, const char *response, Connect *c)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *uri = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_signal_handlers_disconnect_by_func (dialog, on_address_answered, c);
  if (g_strcmp0 (response, "connect") != 0)
    {
      finish (c, NULL, NULL);
      return;
    }
  g_free (c->uri);
  c->uri = g_steal_pointer (&uri);
  if (!itogi_store_location_is_server (c->uri))
    {
      ask_address (c, _ ("The address begins with postgresql:// and names the server and the database."));
      return;
    }
  look_up_password (c);
}

static void
ask_address (Connect *c, const char *problem)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "postgresql://server/itogi");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_hints (GTK_ENTRY (entry), GTK_INPUT_HINT_NO_SPELLCHECK);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Server Address"),
                                  -1);
  if (c->uri != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), c->uri);
  body = g_strconcat (_ ("The address of the office’s shared Itogi database, as its administrator gave it, "
                         "for example postgresql://server/itogi."),
                      problem != NULL ? "\n\n" : NULL, problem, NULL);
  dialog = question (c, _ ("Connect to Server"), body, entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_address_answered), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
itogi_connect (GtkWindow *parent, const char *uri, gboolean ask_address_first, ItogiConnected done,
               gpointer data)
{
  Connect *c = g_new0 (Connect, 1);

  c->parent = parent != NULL ? g_object_ref (parent) : NULL;
  c->uri = g_strdup (uri);
  c->done = done;
  c->data = data;
  if (ask_address_first || c->uri == NULL)
    ask_address (c, NULL);
  else
    look_up_password (c);
}
