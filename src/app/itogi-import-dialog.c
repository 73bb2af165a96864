/* itogi-import-dialog.c: a CSV file's columns chosen and checked before anything is imported
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "itogi-dialog.h"
#include "itogi-format.h"
#include "itogi-import-dialog.h"
#include "itogi-xlsx-read.h"

#define PREVIEW_ROWS 5
#define PROBLEMS_SHOWN 200

typedef struct
{
  ItogiStore *store;
  ItogiCsvTable *table;
  ItogiCsvTable *tasks; /* a workbook's tasks (Направление, Год, Задача, Выполнено), or NULL */
  gboolean workbook; /* the rows are a workbook's figures, one per row, in the CSV columns */
  ItogiImportDone done;
  gpointer data;
  GtkWidget *combos[ITOGI_IMPORT_N_COLUMNS];
  GtkWidget *summary;
  GtkListBox *problems;
  GtkWidget *import_button;
  GtkGrid *preview_grid; /* the first rows: a cell a problem names is marked there */
  gboolean good;
  gboolean closing; /* the window is being destroyed: its widgets may be gone */

  /* The check, or the import, runs in a worker thread on a connection of its own; the dialog
   * shows how far it is and can stop it. A new check stops the one before. */
  GtkWidget *window;          /* the dialog itself */
  GtkWindow *parent;          /* weak: told of an import that landed, if it is still there */
  char *database;             /* NULL: a store without a file, checked and written here */
  GCancellable *job;          /* the job running, or NULL */
  gboolean importing;         /* it is the import, not a check */
  ItogiProgressCounter steps; /* the rows so far, of how many */
  guint job_timer;
  GtkWidget *job_box; /* the bar and Stop, while a job runs */
  GtkWidget *job_bar;
} ImportDialog;

static void
import_dialog_free (ImportDialog *d)
{
  /* The widgets it reaches are held to the end, so a late signal never touches freed memory. */
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    g_clear_object (&d->combos[c]);
  g_clear_object (&d->summary);
  g_clear_object (&d->problems);
  g_clear_object (&d->import_button);
  g_clear_object (&d->job_box);
  g_clear_object (&d->job_bar);
  g_clear_object (&d->job);
  g_free (d->database);
  if (d->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (d->parent), (gpointer *)&d->parent);
  itogi_csv_table_free (d->table);
  if (d->tasks != NULL)
    itogi_csv_table_free (d->tasks);
  g_free (d);
}

static ImportDialog *
get (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "itogi-import-dialog");
}

static const char *
column_title (ItogiImportColumn c)
{
  switch (c)
    {
    case ITOGI_IMPORT_COLUMN_AREA:
      return _ ("Area");
    case ITOGI_IMPORT_COLUMN_INDICATOR:
      return _ ("Indicator");
    case ITOGI_IMPORT_COLUMN_YEAR:
      return _ ("Year");
    case ITOGI_IMPORT_COLUMN_PERIOD:
      return _ ("Month or quarter");
    case ITOGI_IMPORT_COLUMN_VALUE:
      return _ ("Value");
    case ITOGI_IMPORT_COLUMN_NOTE:
      return _ ("Note");
    case ITOGI_IMPORT_COLUMN_AS_OF:
      return _ ("As of");
    case ITOGI_IMPORT_N_COLUMNS:
    default:
      return "";
    }
}

static void
clear_problems (ImportDialog *d)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (d->problems))) != NULL)
    gtk_list_box_remove (d->problems, child);
}

static void
fill_report (ImportDialog *d, ItogiImportReport *report)
{
  itogi_import_report_init (report);
  report->fixed_map = TRUE;
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    report->map[c] = (int)adw_combo_row_get_selected (ADW_COMBO_ROW (d->combos[c])) - 1;
  if (d->workbook)
    report->step_title = _ ("Import from Excel");
}

/* The first rows' cells as the file has them, unmarked. */
static void
unmark_preview (ImportDialog *d)
{
  if (d->preview_grid == NULL)
    return;
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (d->preview_grid)); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    if (gtk_widget_has_css_class (cell, "error"))
      {
        gtk_widget_remove_css_class (cell, "error");
        gtk_widget_set_tooltip_text (cell, gtk_label_get_text (GTK_LABEL (cell)));
        gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
      }
}

/* A problem of a line among the first rows is marked on its cell (its row's, when it names no
 * column), which then says it in its tooltip and to a screen reader. */
static void
mark_preview (ImportDialog *d, const ItogiImportProblem *p)
{
  guint first = p->column > 0 ? p->column - 1 : 0;
  guint last = p->column > 0 ? p->column - 1 : G_MAXUINT;
  int at = -1;

  if (d->preview_grid == NULL || p->sheet != NULL || p->line == 0)
    return;
  /* The preview's row of that line: a blank line or a field over several lines puts the file's
   * lines and the table's rows out of step. */
  for (guint r = 0; r < d->table->rows->len && r <= PREVIEW_ROWS && at < 0; r++)
    if (((ItogiCsvRow *)d->table->rows->pdata[r])->line == p->line)
      at = (int)r;
  if (at < 0)
    return;
  for (guint c = first; c <= last; c++)
    {
      GtkWidget *cell = gtk_grid_get_child_at (d->preview_grid, (int)c, at);
      g_autofree char *tip = NULL;

      if (cell == NULL)
        break;
      tip = g_strdup_printf ("%s\n%s", gtk_label_get_text (GTK_LABEL (cell)), p->message);
      gtk_widget_add_css_class (cell, "error");
      gtk_widget_set_tooltip_text (cell, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, p->message,
                                      -1);
    }
}

/* What a check found, in the dialog: the verdict, and the problems by line and column. */
static void
show_check (ImportDialog *d, ItogiImportReport *report, gboolean ok, const GError *error)
{
  g_autofree char *summary = NULL;

  clear_problems (d);
  unmark_preview (d);
  if (error != NULL)
    summary = g_strdup (error->message);
  else if (!ok)
    {
      g_autofree char *count = itogi_format_integer (report->problems->len);
      summary = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s problem; nothing will be imported until it is mended.",
                       "%s problems; nothing will be imported until they are mended.", report->problems->len),
          count);
      for (guint i = 0; i < report->problems->len && i < PROBLEMS_SHOWN; i++)
        {
          ItogiImportProblem *p = report->problems->pdata[i];
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *where = itogi_import_problem_where (p);

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->message);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_append (d->problems, row);
        }
      for (guint i = 0; i < report->problems->len; i++)
        mark_preview (d, report->problems->pdata[i]);
    }
  else if (report->values == 0 && report->tasks == 0)
    summary = g_strdup (_ ("The file has no values to import."));
  else
    {
      g_autofree char *count = itogi_format_integer (report->values);
      g_autofree char *tasks = itogi_format_integer (report->tasks);
      g_autofree char *values
          = report->values == 0
                ? g_strdup ("")
                : g_strdup_printf (
                    g_dngettext (GETTEXT_PACKAGE, "The file is good: %s value will be imported.",
                                 "The file is good: %s values will be imported.", report->values),
                    count);
      g_autofree char *task_text
          = report->tasks == 0
                ? g_strdup ("")
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s task would be added or updated.",
                                                "%s tasks would be added or updated.", report->tasks),
                                   tasks);
      summary = g_strstrip (g_strjoin (" ", values, task_text, NULL));
    }
  d->good = ok && error == NULL && (report->values > 0 || report->tasks > 0);
  gtk_label_set_text (GTK_LABEL (d->summary), summary);
  gtk_widget_remove_css_class (d->summary, d->good ? "error" : "success");
  gtk_widget_add_css_class (d->summary, d->good ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (d->problems),
                          gtk_widget_get_first_child (GTK_WIDGET (d->problems)) != NULL);
  gtk_widget_set_sensitive (d->import_button, d->good);
}

typedef struct
{
  ImportDialog *d; /* lives while the task holds the dialog's window */
  char *database;
  gboolean dry_run;
  ItogiImportReport report;
  GError *error;
  gboolean ok;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  itogi_import_report_clear (&job->report);
  g_clear_error (&job->error);
  g_free (job->database);
  g_free (job);
}

/* In the worker: a connection of its own (one that only reads, for a check), the file's rows
 * checked, and for the import written in one transaction. */
static void
run_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ImportJob *job = data;
  ItogiProgress progress = { cancellable, itogi_progress_count, &job->d->steps };
  g_autoptr (ItogiStore) store = job->dry_run ? itogi_store_open_to_read (job->database, &job->error)
                                              : itogi_store_open_unverified (job->database, &job->error);

  if (store != NULL)
    job->ok = itogi_import_rows_with (store, job->d->table, job->d->tasks, job->dry_run, &job->report,
                                      &progress, &job->error);
  g_task_return_boolean (task, TRUE);
}

static gboolean
show_job_step (gpointer data)
{
  ImportDialog *d = data;
  guint total, done;
  guint rows = d->table->rows->len > 0 ? d->table->rows->len - 1 : 0;
  g_autofree char *text = NULL;

  if (!itogi_progress_counter_read (&d->steps, &done, &total))
    {
      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (d->job_bar));
      return G_SOURCE_CONTINUE;
    }
  g_autofree char *of = itogi_format_integer (rows);
  g_autofree char *at
      = itogi_format_integer (d->importing && done >= total / 2 ? done - total / 2 : MIN (done, rows));

  if (d->importing && done >= total / 2)
    /* Translators: «Импорт: записано строк — 40 000 из 100 000…», the rows written so far */
    text = g_strdup_printf (_ ("Importing: row %s of %s written…"), at, of);
  else
    /* Translators: «Проверка: строка 40 000 из 100 000…» */
    text = g_strdup_printf (_ ("Checking: row %s of %s…"), at, of);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->job_bar), (double)done / total);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->job_bar), text);
  return G_SOURCE_CONTINUE;
}

static void
end_job (ImportDialog *d)
{
  g_clear_handle_id (&d->job_timer, g_source_remove);
  g_clear_object (&d->job);
  d->importing = FALSE;
  gtk_widget_set_visible (d->job_box, FALSE);
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    gtk_widget_set_sensitive (d->combos[c], TRUE);
}

static void
on_job_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GtkWidget *window = GTK_WIDGET (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  ImportDialog *d = job->d;
  gboolean was_import = !job->dry_run;

  /* An import that landed just as the dialog was closed is still told to the window. */
  if (d->closing && was_import && job->ok && d->parent != NULL && d->done != NULL)
    d->done (job->report.step, job->report.values, job->report.tasks, d->data);
  /* A check the next one replaced, or a dialog closed meanwhile: nothing to show. */
  if (d->closing || g_task_get_cancellable (G_TASK (result)) != d->job)
    return;
  end_job (d);
  if (!was_import)
    {
      show_check (d, &job->report, job->ok, job->error);
      return;
    }
  if (!job->ok)
    {
      /* Nothing was written (one transaction); the dialog stays as it was, with the reason. */
      gtk_label_set_text (GTK_LABEL (d->summary),
                          job->error != NULL ? job->error->message
                                             : _ ("The file changed its verdict: nothing was imported."));
      gtk_widget_remove_css_class (d->summary, "success");
      gtk_widget_add_css_class (d->summary, "error");
      gtk_widget_set_sensitive (d->import_button, d->good);
      return;
    }
  if (d->done != NULL)
    d->done (job->report.step, job->report.values, job->report.tasks, d->data);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Start the check (@dry_run) or the import in the worker, in place of any check running. */
static void
start_job (GtkWidget *window, ImportDialog *d, gboolean dry_run)
{
  g_autoptr (GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  if (d->job != NULL)
    g_cancellable_cancel (d->job);
  g_clear_object (&d->job);
  job->d = d;
  job->database = g_strdup (d->database);
  job->dry_run = dry_run;
  fill_report (d, &job->report);
  d->job = g_cancellable_new ();
  d->importing = !dry_run;
  itogi_progress_counter_reset (&d->steps);

  gtk_widget_set_sensitive (d->import_button, FALSE);
  if (dry_run)
    {
      d->good = FALSE;
      /* The verdict before is no longer the file's: it goes until the new one comes. */
      clear_problems (d);
      gtk_widget_set_visible (GTK_WIDGET (d->problems), FALSE);
      gtk_label_set_text (GTK_LABEL (d->summary), _ ("Checking the file…"));
      gtk_widget_remove_css_class (d->summary, "error");
      gtk_widget_remove_css_class (d->summary, "success");
    }
  else
    for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
      gtk_widget_set_sensitive (d->combos[c], FALSE);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->job_bar), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->job_bar),
                             dry_run ? _ ("Checking the file…") : _ ("Importing…"));
  gtk_widget_set_visible (d->job_box, TRUE);
  if (d->job_timer == 0)
    d->job_timer = g_timeout_add (100, show_job_step, d);

  task = g_task_new (window, d->job, on_job_done, NULL);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify)import_job_free);
  g_task_set_name (task, dry_run ? "itogi-import-check" : "itogi-import");
  g_task_run_in_thread (task, run_job);
}

/* Check the whole file with the columns as chosen, without writing anything. */
static void
recheck (ImportDialog *d)
{
  if (d->closing)
    return;
  if (d->database == NULL)
    {
      /* No file to open a second connection to: checked here, at once. */
      g_auto (ItogiImportReport) report = { 0 };
      g_autoptr (GError) error = NULL;
      gboolean ok;

      fill_report (d, &report);
      ok = itogi_import_rows_with (d->store, d->table, d->tasks, TRUE, &report, NULL, &error);
      show_check (d, &report, ok, error);
      return;
    }
  start_job (d->window, d, TRUE);
}

gboolean
itogi_import_dialog_import (GtkWidget *dialog)
{
  ImportDialog *d = get (dialog);
  g_auto (ItogiImportReport) report = { 0 };
  g_autoptr (GError) error = NULL;

  if (!d->good || d->job != NULL)
    return FALSE;
  if (d->database != NULL)
    {
      /* Written beside the window, the rows counted, and Stop undoes it whole. */
      start_job (dialog, d, FALSE);
      return TRUE;
    }
  fill_report (d, &report);
  if (!itogi_import_rows_with (d->store, d->table, d->tasks, FALSE, &report, NULL, &error))
    {
      gtk_label_set_text (GTK_LABEL (d->summary),
                          error != NULL ? error->message
                                        : _ ("The file changed its verdict: nothing was imported."));
      gtk_widget_remove_css_class (d->summary, "success");
      gtk_widget_add_css_class (d->summary, "error");
      return FALSE;
    }
  if (d->done != NULL)
    d->done (report.step, report.values, report.tasks, d->data);
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}

gboolean
itogi_import_dialog_is_busy (GtkWidget *dialog)
{
  return get (dialog)->job != NULL;
}

void
itogi_import_dialog_stop (GtkWidget *dialog)
{
  ImportDialog *d = get (dialog);

  if (d->job != NULL)
    g_cancellable_cancel (d->job);
}

void
itogi_import_dialog_choose (GtkWidget *dialog, ItogiImportColumn column, guint choice)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (get (dialog)->combos[column]), choice);
}

const char *
itogi_import_dialog_get_summary (GtkWidget *dialog)
{
  return gtk_label_get_text (GTK_LABEL (get (dialog)->summary));
}

gboolean
itogi_import_dialog_can_import (GtkWidget *dialog)
{
  return get (dialog)->good;
}

/* The combo rows may still say «selected changed» while they are taken down: ignore them. */
static void
on_destroy (ImportDialog *d)
{
  d->closing = TRUE;
  /* Closed while a job runs: it stops, and an import stopped writes nothing. */
  if (d->job != NULL)
    g_cancellable_cancel (d->job);
  g_clear_handle_id (&d->job_timer, g_source_remove);
}

static void
on_import (GtkWidget *dialog)
{
  itogi_import_dialog_import (dialog);
}

static GtkWidget *
cell (const char *text, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_tooltip_text (label, text);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
group (const char *title, const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  return g;
}

/* A group titled @title with the header and first rows of @table, in a card that scrolls sideways. */
static GtkWidget *
preview_group (const char *title, const ItogiCsvTable *table, guint n_fields, GtkGrid **grid_out)
{
  GtkWidget *preview = group (title, NULL);
  GtkWidget *grid = gtk_grid_new ();

  if (grid_out != NULL)
    *grid_out = GTK_GRID (grid);
  GtkWidget *frame = gtk_scrolled_window_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (guint r = 0; r < table->rows->len && r <= PREVIEW_ROWS; r++)
    {
      const ItogiCsvRow *row = table->rows->pdata[r];
      for (guint f = 0; row->fields[f] != NULL && f < n_fields; f++)
        gtk_grid_attach (GTK_GRID (grid), cell (row->fields[f], r == 0), f, r, 1, 1);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), grid);
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (preview), frame);
  return preview;
}

GtkWidget *
itogi_import_dialog_new (GtkWindow *parent, ItogiStore *store, const char *name, const char *text,
                         gsize length, ItogiImportDone done, gpointer data, GError **error)
{
  gboolean workbook = itogi_xlsx_looks_like ((const guint8 *)text, length);
  ItogiCsvTable *table = NULL, *tasks = NULL;
  const char *title = workbook ? _ ("Import from Excel") : _ ("Import from CSV");
  g_auto (ItogiImportReport) guess = { 0 };
  const ItogiCsvRow *header;
  guint n_fields;
  ImportDialog *d;
  GtkWidget *window, *box, *content, *columns, *preview, *check, *scroller, *clamp;
  GtkStringList *choices;

  if (workbook)
    {
      /* The workbook's figures, a row each, from its sheets of the CSV columns or of Itogi's own
       * layout; the dialog then checks and imports them as it does a CSV file's rows. */
      g_autoptr (GPtrArray) sheets = itogi_xlsx_read ((const guint8 *)text, length, error);
      g_auto (ItogiImportReport) found = { 0 };

      if (sheets == NULL)
        return NULL;
      itogi_import_report_init (&found);
      tasks = itogi_import_workbook_tasks (sheets, &found);
      table = found.problems->len == 0 ? itogi_import_workbook_figures (sheets, &found, tasks != NULL) : NULL;
      if (table == NULL)
        {
          if (tasks != NULL)
            itogi_csv_table_free (tasks);
          ItogiImportProblem *p = found.problems->pdata[0];
          g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_EMPTY, p->message);
          return NULL;
        }
    }
  else
    table = itogi_csv_parse (text, length, error);
  if (table == NULL)
    return NULL;
  d = g_new0 (ImportDialog, 1);
  d->workbook = workbook;
  d->store = store;
  /* A store that cannot be written imports nothing: its refusal comes from the store itself. */
  d->database = itogi_store_is_read_only (store) ? NULL : g_strdup (itogi_store_get_path (store));
  d->table = table;
  d->tasks = tasks;
  d->done = done;
  d->data = data;
  header = table->rows->pdata[0];
  n_fields = g_strv_length (header->fields);

  window = itogi_dialog_new (parent, title, 760, 720, _ ("_Import"), &box, &d->import_button);
  d->window = window;
  d->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *)&d->parent);
  g_object_set_data_full (G_OBJECT (window), "itogi-import-dialog", d, (GDestroyNotify)import_dialog_free);
  itogi_dialog_set_subtitle (window, title, name);
  g_object_ref (d->import_button);
  g_signal_connect_swapped (d->import_button, "clicked", G_CALLBACK (on_import), window);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (on_destroy), d);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);

  /* The verdict first: it is what the user looks for. */
  check = group (_ ("Check"), NULL);
  d->summary = g_object_ref (gtk_label_new (NULL));
  gtk_label_set_wrap (GTK_LABEL (d->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (d->summary), 0);
  gtk_widget_add_css_class (d->summary, "heading");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (check), d->summary);
  d->problems = GTK_LIST_BOX (g_object_ref (gtk_list_box_new ()));
  gtk_list_box_set_selection_mode (d->problems, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (d->problems), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (d->problems), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->problems), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Problems"),
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (check), GTK_WIDGET (d->problems));
  {
    GtkWidget *stop = gtk_button_new_with_mnemonic (_ ("_Stop"));

    d->job_box = g_object_ref (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12));
    gtk_widget_set_margin_top (d->job_box, 12);
    d->job_bar = g_object_ref (gtk_progress_bar_new ());
    gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (d->job_bar), TRUE);
    gtk_widget_set_hexpand (d->job_bar, TRUE);
    gtk_widget_set_valign (d->job_bar, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (stop, _ ("Stop; nothing is imported"));
    g_signal_connect_swapped (stop, "clicked", G_CALLBACK (itogi_import_dialog_stop), window);
    gtk_box_append (GTK_BOX (d->job_box), d->job_bar);
    gtk_box_append (GTK_BOX (d->job_box), stop);
    gtk_widget_set_visible (d->job_box, FALSE);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (check), d->job_box);
  }
  gtk_box_append (GTK_BOX (content), check);

  /* Which column holds what: guessed from the header, changeable. */
  columns = group (_ ("Columns"), _ ("Which of the file’s columns holds what. Guessed from the header row; "
                                     "the indicator, the year and the "
                                     "value are needed."));
  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _ ("Not in the file"));
  for (guint f = 0; f < n_fields; f++)
    {
      /* Translators: a column of the file: «3: Значение» */
      g_autofree char *label = g_strdup_printf (_ ("%u: %s"), f + 1, header->fields[f]);
      gtk_string_list_append (choices, label);
    }
  itogi_import_report_init (&guess);
  itogi_import_map_columns (table, &guess);
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    {
      d->combos[c] = g_object_ref (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->combos[c]), column_title (c));
      adw_combo_row_set_model (ADW_COMBO_ROW (d->combos[c]), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (d->combos[c]), (guint)(guess.map[c] + 1));
      g_signal_connect_swapped (d->combos[c], "notify::selected", G_CALLBACK (recheck), d);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (columns), d->combos[c]);
    }
  g_object_unref (choices);
  gtk_box_append (GTK_BOX (content), columns);
  /* A workbook's figures are already in these columns, read from its own headers: nothing to
   * choose, and its column numbers would not be the sheet's. */
  gtk_widget_set_visible (columns, !workbook);

  /* The first rows, as the file has them; a workbook of tasks alone has no figures to show. */
  preview = preview_group (_ ("First Rows"), table, n_fields, workbook ? NULL : &d->preview_grid);
  gtk_widget_set_visible (preview, table->rows->len > 1);
  gtk_box_append (GTK_BOX (content), preview);
  /* And the first of its next year's tasks. */
  if (tasks != NULL && tasks->rows->len > 1)
    gtk_box_append (GTK_BOX (content),
                    preview_group (_ ("First Tasks"), tasks,
                                   g_strv_length (((ItogiCsvRow *)tasks->rows->pdata[0])->fields), NULL));

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);

  recheck (d);
  /* Columns chosen by hand are work too: not forgotten without a question. The question offers
   * no Import: whether the file can be imported is for the dialog's own button to say. */
  itogi_dialog_guard (window, _ ("Discard the Chosen Columns?"),
                      _ ("Nothing has been imported yet, and the columns chosen here would be forgotten."),
                      NULL, NULL);
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    itogi_dialog_watch (window, d->combos[c]);
  return window;
}
