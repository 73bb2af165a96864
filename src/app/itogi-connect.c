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
#include "itogi-library.h"

/* ---- the keyring, opened when a server is first connected to (itogi-library.h) ---- */

#define LIBSECRET_SONAME "libsecret-1.so.0"
#define LIBSECRET_FUNCTIONS(F)                                                                               \
  F (secret_password_free)                                                                                   \
  F (secret_password_lookup)                                                                                 \
  F (secret_password_lookup_finish)                                                                          \
  F (secret_password_store)                                                                                  \
  F (secret_password_store_finish)

static struct
{
  LIBSECRET_FUNCTIONS (ITOGI_LIBRARY_MEMBER)
} libsecret;

/* Whether the keyring's functions are there; without libsecret, a password is asked each time. */
static gboolean
keyring_loaded (void)
{
#define LIBSECRET_SYMBOL(name) ITOGI_LIBRARY_SYMBOL (libsecret, name)
  static const ItogiLibrarySymbol symbols[] = { LIBSECRET_FUNCTIONS (LIBSECRET_SYMBOL) };
#undef LIBSECRET_SYMBOL
  static gboolean loaded;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autofree char *failure = itogi_library_open (LIBSECRET_SONAME, symbols, G_N_ELEMENTS (symbols));

      if (failure != NULL)
        g_debug ("No keyring: %s", failure);
      loaded = failure == NULL;
      g_once_init_leave (&done, 1);
    }
  return loaded;
}

typedef struct
{
  GtkWindow *parent;
  char *uri;
  char *typed; /* the password the user typed, to keep in the keyring once it works */
  gboolean refused;
  ItogiConnected done;
  gpointer data;
} Connect;

/* A password is overwritten before its memory is given back. */
static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
connect_free (Connect *c)
{
  g_clear_object (&c->parent);
  g_free (c->uri);
  wipe (c->typed);
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
  if (!libsecret.secret_password_store_finish (result, &error))
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
      if (c->typed != NULL && keyring_loaded ())
        {
          /* Translators: the label of the password in the keyring; %s is the server's address */
          g_autofree char *label = g_strdup_printf (_ ("Itogi database %s"), itogi_store_get_path (store));
          libsecret.secret_password_store (server_schema (), SECRET_COLLECTION_DEFAULT, label, c->typed, NULL,
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
  char *password = libsecret.secret_password_lookup_finish (result, &error);

  if (password != NULL)
    {
      itogi_store_set_server_password (c->uri, password);
      libsecret.secret_password_free (password);
    }
  open_server (c);
}

static void
look_up_password (Connect *c)
{
  if (!keyring_loaded ())
    {
      open_server (c);
      return;
    }
  libsecret.secret_password_lookup (server_schema (), NULL, on_looked_up, c, "uri", c->uri, NULL);
}

/* ---- the two questions ---- */

struct _ItogiConnectDialog
{
  AdwMessageDialog parent_instance;

  GtkEntry *entry;

  gboolean password; /* asking for a password, not an address */
  gboolean answered; /* the first response counts: the dialog's closing answers again */
};

enum
{
  SIGNAL_ANSWERED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ItogiConnectDialog, itogi_connect_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_response (ItogiConnectDialog *self, const char *response)
{
  char *typed = NULL;

  if (self->answered)
    return;
  self->answered = TRUE;
  if (g_strcmp0 (response, "connect") == 0)
    {
      typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      /* The entry's copy of a password is wiped: it lives on where the handler keeps it. */
      if (self->password)
        gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
    }
  g_signal_emit (self, signals[SIGNAL_ANSWERED], 0, typed);
  wipe (typed);
}

static ItogiConnectDialog *
connect_dialog_new (GtkWindow *parent, const char *heading, const char *body)
{
  ItogiConnectDialog *self = g_object_new (ITOGI_TYPE_CONNECT_DIALOG, "transient-for", parent, "heading",
                                           heading, "body", body, NULL);

  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (self), GTK_APPLICATION (g_application_get_default ()));
  return self;
}

ItogiConnectDialog *
itogi_connect_dialog_new_address (GtkWindow *parent, const char *uri, const char *problem)
{
  g_autofree char *body
      = g_strconcat (_ ("The address of the office’s shared Itogi database, as its administrator gave it, "
                        "for example postgresql://server/itogi."),
                     problem != NULL ? "\n\n" : NULL, problem, NULL);
  ItogiConnectDialog *self = connect_dialog_new (parent, _ ("Connect to Server"), body);

  gtk_entry_set_placeholder_text (self->entry, "postgresql://server/itogi");
  gtk_entry_set_input_hints (self->entry, GTK_INPUT_HINT_NO_SPELLCHECK);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Server Address"), -1);
  if (uri != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), uri);
  /* Focused once filled: the address typed before is selected, to be typed over. */
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return self;
}

ItogiConnectDialog *
itogi_connect_dialog_new_password (GtkWindow *parent, const char *uri, gboolean refused)
{
  g_autofree char *user = NULL;
  g_autofree char *place = itogi_store_server_place (uri, &user);
  g_autofree char *who = user != NULL ? g_strdup (user) : g_strdup (g_get_user_name ());
  /* Translators: «Сервер не принял этот пароль пользователя clerk для «server/itogi».» */
  g_autofree char *body
      = refused ? g_strdup_printf (_ ("The server did not accept that password of %s for “%s”. Type it "
                                      "again."),
                                   who, place)
                : g_strdup_printf (_ ("The database “%s” asks for the password of %s. Itogi keeps it in "
                                      "your keyring, so that it is asked only once."),
                                   place, who);
  ItogiConnectDialog *self = connect_dialog_new (parent, _ ("Password Needed"), body);

  self->password = TRUE;
  gtk_entry_set_visibility (self->entry, FALSE);
  gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_PASSWORD);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Password"),
                                  -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return self;
}

static void
itogi_connect_dialog_class_init (ItogiConnectDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The text typed (Connect), or NULL (Cancel, Escape, the dialog closed): once. Passed as it is,
   * not copied, so that no copy of a password is left in memory unwiped. */
  signals[SIGNAL_ANSWERED]
      = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-connect.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiConnectDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
itogi_connect_dialog_init (ItogiConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- asking, and acting on the answers ---- */

static void
on_password_answered (ItogiConnectDialog *dialog, const char *password, Connect *c)
{
  if (password == NULL)
    {
      itogi_store_set_server_password (c->uri, NULL);
      finish (c, NULL, NULL);
      return;
    }
  wipe (c->typed);
  c->typed = g_strdup (password);
  itogi_store_set_server_password (c->uri, c->typed);
  open_server (c);
}

static void
ask_password (Connect *c)
{
  ItogiConnectDialog *dialog = itogi_connect_dialog_new_password (c->parent, c->uri, c->refused);

  g_signal_connect (dialog, "answered", G_CALLBACK (on_password_answered), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void ask_address (Connect *c, const char *problem);

static void
on_address_answered (ItogiConnectDialog *dialog, const char *address, Connect *c)
{
  if (address == NULL)
    {
      finish (c, NULL, NULL);
      return;
    }
  g_free (c->uri);
  c->uri = g_strstrip (g_strdup (address));
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
  ItogiConnectDialog *dialog = itogi_connect_dialog_new_address (c->parent, c->uri, problem);

  g_signal_connect (dialog, "answered", G_CALLBACK (on_address_answered), c);
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
