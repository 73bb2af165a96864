/* itogi-application.c: opens the database and the window; app-wide actions
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-application.h"
#include "itogi-store.h"
#include "itogi-window.h"

struct _ItogiApplication
{
  AdwApplication parent_instance;
  char *database; /* --database, or NULL for the default */
  int exit_status;
  ItogiStore *store;
};

G_DEFINE_FINAL_TYPE (ItogiApplication, itogi_application, ADW_TYPE_APPLICATION)

static void
on_error_response (AdwMessageDialog *dialog, const char *response, ItogiApplication *self)
{
  g_application_release (G_APPLICATION (self));
}

/* Without a database there is nothing to show: say why in plain words, then quit. */
static void
show_open_error (ItogiApplication *self, const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _ ("Cannot Open the Database"), error->message);

  /* Said on the terminal too, for whoever started Itogi from one or a script. */
  g_printerr ("itogi: %s\n", error->message);
  self->exit_status = 1;

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
itogi_application_activate (GApplication *app)
{
  ItogiApplication *self = ITOGI_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr (GError) error = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    {
      self->store = self->database != NULL ? itogi_store_open (self->database, &error)
                                           : itogi_store_open_default (&error);
      if (self->store == NULL)
        {
          show_open_error (self, error);
          return;
        }
    }
  window = GTK_WINDOW (itogi_window_new (GTK_APPLICATION (app), self->store));
  gtk_window_present (window);
  {
    /* Once a day of use, a verified copy beside the database; the last week's are kept. */
    g_autofree char *made = itogi_store_daily_backup (self->store, 7, &error);
    if (made == NULL)
      itogi_window_show_error (ITOGI_WINDOW (window), error);
  }
}

static int
itogi_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  ItogiApplication *self = ITOGI_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("itogi %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    {
      if (*path == '\0')
        {
          g_printerr ("itogi: %s\n", _ ("--database needs a file path."));
          return 2;
        }
      self->database = g_strdup (path);
      /* Another database means another instance: do not hand it to a running window. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _ ("The Itogi authors"), NULL };
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about, "transient-for", gtk_application_get_active_window (app), "application-name",
                _ ("Itogi"), "application-icon", APP_ID, "version", PACKAGE_VERSION, "developer-name",
                _ ("The Itogi authors"), "developers", developers, "comments",
                _ ("The year’s results of the office’s activity areas: figures by year, "
                   "changes from the year before, charts and tables for the annual report."),
                "license-type", GTK_LICENSE_GPL_3_0, "translator-credits", _ ("translator-credits"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window lets it remember its size and page. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;
      windows = windows->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
itogi_application_startup (GApplication *app)
{
  static const char *const quit_accels[] = { "<Control>q", NULL };
  static const char *const next_accels[] = { "<Control>Page_Down", NULL };
  static const char *const prev_accels[] = { "<Control>Page_Up", NULL };
  static const char *const export_accels[] = { "<Control>e", NULL };

  G_APPLICATION_CLASS (itogi_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.next-area", next_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.previous-area", prev_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export", export_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
itogi_application_finalize (GObject *object)
{
  ItogiApplication *self = ITOGI_APPLICATION (object);

  g_clear_pointer (&self->store, itogi_store_free);
  g_clear_pointer (&self->database, g_free);
  G_OBJECT_CLASS (itogi_application_parent_class)->finalize (object);
}

static void
itogi_application_class_init (ItogiApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = itogi_application_finalize;
  app_class->activate = itogi_application_activate;
  app_class->startup = itogi_application_startup;
  app_class->handle_local_options = itogi_application_handle_local_options;
}

static void
itogi_application_init (ItogiApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_ ("Open this database file instead of the default one"), N_ ("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and exit"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

int
itogi_application_get_exit_status (ItogiApplication *self)
{
  return self->exit_status;
}

ItogiApplication *
itogi_application_new (void)
{
  return g_object_new (ITOGI_TYPE_APPLICATION, "application-id", APP_ID, "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/ru/kaluga/Itogi", NULL);
}
