/* test-window-ownership.c: the window keeps its edits through an export and another program's run
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a user did: start the window, type a figure, Ctrl+E and export, run itogi-cli on the same
 * file, type another figure. The export dialog's worker opens a second connection in the window's
 * process; if anything of ours opened and closed the database file meanwhile, the process lost its
 * locks, itogi-cli folded the log into the file and deleted it, and the second figure went into a
 * deleted log: shown as saved, gone once the window was killed. Here the real window, in a child
 * process under Xvfb, is driven through its own widgets and dialogs (the export dialog and its
 * file chooser included), and is killed with SIGKILL at the end; another process reads both
 * figures. The export is also pointed at the database itself, which the chooser's export refuses.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "itogi-store.h"
#include "itogi-window.h"
#include "test-util.h"
#include "window-util.h"

#define G "\u202f"

/* ---- the window's process ---- */

/* Spin until @ready says so, for at most @seconds. */
static gboolean
spin_until (gboolean (*ready) (gpointer), gpointer data, guint seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!ready (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return ready (data);
}

static void
type_figure (ItogiWindow *window, const char *shown, const char *typed)
{
  GtkEditable *cell
      = GTK_EDITABLE (itogi_test_find_entry (itogi_window_get_page (window, "documents"), shown));

  g_assert_nonnull (cell);
  gtk_widget_grab_focus (GTK_WIDGET (cell));
  gtk_editable_set_text (cell, typed);
  g_signal_emit_by_name (cell, "activate");
  itogi_test_spin (300);
}

/* The newest visible toplevel of @type, other than @except. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *all = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (all); i-- > 0;)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (all, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
has_chooser (gpointer data)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
file_is_there (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
label_says (GtkWidget *root, const char *part)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  itogi_test_collect_type (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), part) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
toast_names_database (gpointer window)
{
  ItogiStore *store = g_object_get_data (window, "test-database");
  return label_says (window, itogi_store_get_path (store));
}

/* Ctrl+E's way: the export dialog, its Export button, the file chooser, its Export button. */
static void
export_through_the_dialogs (ItogiWindow *window, const char *path)
{
  AdwMessageDialog *dialog;
  GtkWindow *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  g_assert_true (spin_until (has_dialog, NULL, 10));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "export");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (spin_until (has_chooser, NULL, 10));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  itogi_test_choose_file (chooser, path);
}

static void
say (int fd, const char *line)
{
  g_assert_cmpint (write (fd, line, strlen (line)), ==, (gssize)strlen (line));
}

/* The window's part; never returns. */
static void
window_process (const char *db, const char *dir, int report, int orders)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (dir, "Итоги 2023 к 2022.xlsx", NULL);
  ItogiStore *store;
  ItogiWindow *window;
  char go;

  gtk_init ();
  adw_init ();
  store = itogi_store_open (db, &error);
  g_assert_no_error (error);
  window = itogi_window_new (NULL, store);
  g_object_set_data (G_OBJECT (window), "test-database", store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  itogi_window_set_years (window, 2023, 2022);
  itogi_window_show_page (window, "documents");
  itogi_test_spin (1000);

  type_figure (window, "22" G "808", "22 901");
  export_through_the_dialogs (window, xlsx);
  g_assert_true (spin_until (file_is_there, xlsx, 60));
  /* The worker closes its connection once the file is in place. */
  itogi_test_spin (1500);

  /* Pointed at the database itself: refused in a toast that names it; the parent checks the file. */
  export_through_the_dialogs (window, db);
  g_assert_true (spin_until (toast_names_database, window, 20));

  say (report, "exported\n");
  g_assert_cmpint (read (orders, &go, 1), ==, 1);
  type_figure (window, "1" G "079", "1 234");
  say (report, "saved\n");
  for (;;)
    pause ();
}

/* ---- the test ---- */

static gint64
figure_elsewhere (const char *db, const char *title_start)
{
  sqlite3 *con = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 amount = -1;

  /* Read with SQLite alone and closed at once: this process holds nothing of the file. */
  g_assert_cmpint (sqlite3_open_v2 (db, &con, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (con,
                                       "SELECT v.amount FROM indicator_values v JOIN indicators i ON i.id = "
                                       "v.indicator_id WHERE i.title LIKE ?1 || '%' AND v.year = 2023 AND "
                                       "v.period = 'year'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, title_start, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    amount = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (con);
  return amount;
}

static char *
read_line (FILE *in)
{
  char buffer[512];
  return fgets (buffer, sizeof buffer, in) != NULL ? g_strdup (buffer) : NULL;
}

static void
test_edits_survive_export_and_cli (void)
{
  const char *cli = g_getenv ("ITOGI_CLI");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("itogi-window-own-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "itogi.db", NULL);
  g_autofree char *line = NULL;
  int report[2], orders[2], status;
  FILE *from_window;
  pid_t pid;

  g_assert_no_error (error);
  g_assert_nonnull (cli);
  {
    const char *argv[] = { cli, "--database", db, "init", NULL };
    int exit_status;
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                                 NULL, &exit_status, &error));
    g_assert_true (g_spawn_check_wait_status (exit_status, NULL));
  }
  g_assert_cmpint (pipe (report), ==, 0);
  g_assert_cmpint (pipe (orders), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* Never outlives the test, whatever fails there. */
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      close (report[0]);
      close (orders[1]);
      window_process (db, dir, report[1], orders[0]);
      _exit (0);
    }
  close (report[1]);
  close (orders[0]);
  from_window = fdopen (report[0], "r");

  line = read_line (from_window);
  g_assert_cmpstr (line, ==, "exported\n");
  g_clear_pointer (&line, g_free);
  /* The first figure is saved; the export did not land on the database. */
  g_assert_cmpint (figure_elsewhere (db, "Поступило обращений от юридических лиц"), ==, 22901);
  {
    g_autofree char *xlsx = g_build_filename (dir, "Итоги 2023 к 2022.xlsx", NULL);
    g_autofree char *head = NULL;
    g_assert_true (g_file_get_contents (db, &head, NULL, NULL));
    g_assert_true (g_str_has_prefix (head, "SQLite format 3"));
    g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  }

  /* Another program opens and closes the file. */
  {
    const char *argv[] = { cli, "--database", db, "table", "--year", "2023", NULL };
    int exit_status;
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                                 NULL, &exit_status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (exit_status, NULL));
  }
  g_assert_cmpint (write (orders[1], "g", 1), ==, 1);
  line = read_line (from_window);
  g_assert_cmpstr (line, ==, "saved\n");

  g_assert_cmpint (figure_elsewhere (db, "Зарегистрировано индивидуальных поручений"), ==, 1234);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  fclose (from_window);
  close (orders[1]);
  /* Both figures, after the window was killed. */
  g_assert_cmpint (figure_elsewhere (db, "Поступило обращений от юридических лиц"), ==, 22901);
  g_assert_cmpint (figure_elsewhere (db, "Зарегистрировано индивидуальных поручений"), ==, 1234);
  itogi_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  itogi_test_init (&argc, &argv);
  g_test_add_func ("/app/window/edits-survive-export-and-another-program", test_edits_survive_export_and_cli);
  return g_test_run ();
}
