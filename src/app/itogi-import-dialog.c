/* itogi-import-dialog.c: a CSV file's columns chosen and checked before anything is imported
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "itogi-format.h"
#include "itogi-import-dialog.h"
#include "itogi-xlsx-read.h"
#include "itogi-wrap.h"
#include "itogi-tooltip.h"

#define PREVIEW_ROWS 5
#define PROBLEMS_SHOWN 200

struct _ItogiImportDialog
{
  ItogiDialog parent_instance;

  /* From the template. */
  GtkWidget *summary;
  GtkListBox *problems;
  GtkWidget *job_box; /* the bar and Stop, while a job runs */
  GtkWidget *job_bar;
  GtkWidget *columns;  /* the group of the column choices */
  GtkWidget *previews; /* the first rows (and tasks) */

  ItogiStore *store;
  ItogiCsvTable *table;
  ItogiCsvTable *tasks; /* a workbook's tasks (Направление, Год, Задача, Выполнено), or NULL */
  gboolean workbook; /* the rows are a workbook's figures, one per row, in the CSV columns */
  ItogiImportDone done;
  gpointer data;
  GtkWidget *combos[ITOGI_IMPORT_N_COLUMNS];
  GtkGrid *preview_grid; /* the first rows: a cell a problem names is marked there */
  gboolean good;
  gboolean closing; /* being taken down: its widgets may still signal */

  /* The check, or the import, runs in a worker thread on a connection of its own; the dialog
   * shows how far it is and can stop it. A new check stops the one before. */
  GtkWindow *parent;          /* weak: told of an import that landed, if it is still there */
  char *database;             /* NULL: a store without a file, checked and written here */
  GCancellable *job;          /* the job running, or NULL */
  gboolean importing;         /* it is the import, not a check */
  ItogiProgressCounter steps; /* the rows so far, of how many */
  guint job_timer;
};

G_DEFINE_FINAL_TYPE (ItogiImportDialog, itogi_import_dialog, ITOGI_TYPE_DIALOG)

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
clear_problems (ItogiImportDialog *d)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (d->problems))) != NULL)
    gtk_list_box_remove (d->problems, child);
}

static void
fill_report (ItogiImportDialog *d, ItogiImportReport *report)
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
unmark_preview (ItogiImportDialog *d)
{
  if (d->preview_grid == NULL)
    return;
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (d->preview_grid)); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    if (gtk_widget_has_css_class (cell, "error"))
      {
        gtk_widget_remove_css_class (cell, "error");
        itogi_tooltip_set (cell, gtk_label_get_text (GTK_LABEL (cell)));
        gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
      }
}

/* A problem of a line among the first rows is marked on its cell (its row's, when it names no
 * column), which then says it in its tooltip and to a screen reader. */
static void
mark_preview (ItogiImportDialog *d, const ItogiImportProblem *p)
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
      itogi_tooltip_set (cell, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, p->message,
                                      -1);
    }
}

/* What a check found, in the dialog: the verdict, and the problems by line and column. */
static void
show_check (ItogiImportDialog *d, ItogiImportReport *report, gboolean ok, const GError *error)
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
          itogi_wrap_tree (row);
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
  gtk_widget_set_sensitive (itogi_dialog_get_action (ITOGI_DIALOG (d)), d->good);
}

typedef struct
{
  ItogiImportDialog *d; /* lives while the task holds the dialog */
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
  ItogiImportDialog *d = data;
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
end_job (ItogiImportDialog *d)
{
  g_clear_handle_id (&d->job_timer, g_source_remove);
  g_clear_object (&d->job);
  d->importing = FALSE;
  gtk_widget_set_visible (d->job_box, FALSE);
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    gtk_widget_set_sensitive (d->combos[c], TRUE);
}

/* The import's refusal, where the verdict was: nothing was written (one transaction). */
static void
say_refused (ItogiImportDialog *d, const GError *error)
{
  gtk_label_set_text (GTK_LABEL (d->summary),
                      error != NULL ? error->message
                                    : _ ("The file changed its verdict: nothing was imported."));
  gtk_widget_remove_css_class (d->summary, "success");
  gtk_widget_add_css_class (d->summary, "error");
}

static void
on_job_done (GObject *source, GAsyncResult *result, gpointer data)
{
  ItogiImportDialog *d = ITOGI_IMPORT_DIALOG (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
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
      /* The dialog stays as it was, with the reason. */
      say_refused (d, job->error);
      gtk_widget_set_sensitive (itogi_dialog_get_action (ITOGI_DIALOG (d)), d->good);
      return;
    }
  if (d->done != NULL)
    d->done (job->report.step, job->report.values, job->report.tasks, d->data);
  itogi_dialog_done (ITOGI_DIALOG (d));
}

/* Start the check (@dry_run) or the import in the worker, in place of any check running. */
static void
start_job (ItogiImportDialog *d, gboolean dry_run)
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

  gtk_widget_set_sensitive (itogi_dialog_get_action (ITOGI_DIALOG (d)), FALSE);
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

  /* The task holds the dialog: the job's rows and counter live while it runs. */
  task = g_task_new (d, d->job, on_job_done, NULL);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify)import_job_free);
  g_task_set_name (task, dry_run ? "itogi-import-check" : "itogi-import");
  g_task_run_in_thread (task, run_job);
}

/* Check the whole file with the columns as chosen, without writing anything. */
static void
recheck (ItogiImportDialog *d)
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
  start_job (d, TRUE);
}

/* Import pressed: written beside the window in a worker (the rows counted, and Stop undoes it
 * whole), done later; or, for a store without a file, here at once. */
static gboolean
itogi_import_dialog_save (ItogiDialog *dialog, GError **error)
{
  ItogiImportDialog *d = ITOGI_IMPORT_DIALOG (dialog);
  g_auto (ItogiImportReport) report = { 0 };
  g_autoptr (GError) refused = NULL;

  if (!d->good || d->job != NULL)
    return FALSE;
  if (d->database != NULL)
    {
      start_job (d, FALSE);
      return FALSE;
    }
  fill_report (d, &report);
  if (!itogi_import_rows_with (d->store, d->table, d->tasks, FALSE, &report, NULL, &refused))
    {
      say_refused (d, refused);
      return FALSE;
    }
  if (d->done != NULL)
    d->done (report.step, report.values, report.tasks, d->data);
  return TRUE;
}

gboolean
itogi_import_dialog_import (ItogiImportDialog *d)
{
  g_return_val_if_fail (ITOGI_IS_IMPORT_DIALOG (d), FALSE);
  if (!d->good || d->job != NULL)
    return FALSE;
  return itogi_dialog_save (ITOGI_DIALOG (d)) || d->job != NULL;
}

gboolean
itogi_import_dialog_is_busy (ItogiImportDialog *d)
{
  return d->job != NULL;
}

void
itogi_import_dialog_stop (ItogiImportDialog *d)
{
  if (d->job != NULL)
    g_cancellable_cancel (d->job);
}

void
itogi_import_dialog_choose (ItogiImportDialog *d, ItogiImportColumn column, guint choice)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (d->combos[column]), choice);
}

const char *
itogi_import_dialog_get_summary (ItogiImportDialog *d)
{
  return gtk_label_get_text (GTK_LABEL (d->summary));
}

gboolean
itogi_import_dialog_can_import (ItogiImportDialog *d)
{
  return d->good;
}

static GtkWidget *
cell (const char *text, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  itogi_tooltip_set (label, text);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* A group titled @title with the header and first rows of @table, in a card that scrolls sideways. */
static GtkWidget *
preview_group (const char *title, const ItogiCsvTable *table, guint n_fields, GtkGrid **grid_out)
{
  GtkWidget *preview = adw_preferences_group_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *frame = gtk_scrolled_window_new ();

  if (grid_out != NULL)
    *grid_out = GTK_GRID (grid);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (preview), title);
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

/* Which column holds what: guessed from the header, changeable. */
static void
fill_columns (ItogiImportDialog *d, const ItogiCsvRow *header, guint n_fields)
{
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
  g_auto (ItogiImportReport) guess = { 0 };

  gtk_string_list_append (choices, _ ("Not in the file"));
  for (guint f = 0; f < n_fields; f++)
    {
      /* Translators: a column of the file: «3: Значение» */
      g_autofree char *label = g_strdup_printf (_ ("%u: %s"), f + 1, header->fields[f]);
      gtk_string_list_append (choices, label);
    }
  itogi_import_report_init (&guess);
  itogi_import_map_columns (d->table, &guess);
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    {
      d->combos[c] = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->combos[c]), column_title (c));
      adw_combo_row_set_model (ADW_COMBO_ROW (d->combos[c]), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (d->combos[c]), (guint)(guess.map[c] + 1));
      g_signal_connect_swapped (d->combos[c], "notify::selected", G_CALLBACK (recheck), d);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (d->columns), d->combos[c]);
    }
}

/* The file's rows (a workbook's figures, a row each), or NULL with @error. */
static ItogiCsvTable *
read_rows (const char *text, gsize length, gboolean workbook, ItogiCsvTable **tasks, GError **error)
{
  g_autoptr (GPtrArray) sheets = NULL;
  g_auto (ItogiImportReport) found = { 0 };
  ItogiCsvTable *table;

  *tasks = NULL;
  if (!workbook)
    return itogi_csv_parse (text, length, error);
  /* From its sheets of the CSV columns or of Itogi's own layout; the dialog then checks and
   * imports them as it does a CSV file's rows. */
  sheets = itogi_xlsx_read ((const guint8 *)text, length, error);
  if (sheets == NULL)
    return NULL;
  itogi_import_report_init (&found);
  *tasks = itogi_import_workbook_tasks (sheets, &found);
  table = found.problems->len == 0 ? itogi_import_workbook_figures (sheets, &found, *tasks != NULL) : NULL;
  if (table == NULL)
    {
      ItogiImportProblem *p = found.problems->pdata[0];

      g_clear_pointer (tasks, itogi_csv_table_free);
      g_set_error_literal (error, ITOGI_CSV_ERROR, ITOGI_CSV_ERROR_EMPTY, p->message);
    }
  return table;
}

ItogiImportDialog *
itogi_import_dialog_new (GtkWindow *parent, ItogiStore *store, const char *name, const char *text,
                         gsize length, ItogiImportDone done, gpointer data, GError **error)
{
  gboolean workbook = itogi_xlsx_looks_like ((const guint8 *)text, length);
  ItogiCsvTable *tasks = NULL;
  ItogiCsvTable *table = read_rows (text, length, workbook, &tasks, error);
  const ItogiCsvRow *header;
  guint n_fields;
  ItogiImportDialog *d;
  GtkWidget *preview;

  if (table == NULL)
    return NULL;
  d = g_object_new (ITOGI_TYPE_IMPORT_DIALOG, "transient-for", parent, "title",
                    workbook ? _ ("Import from Excel") : _ ("Import from CSV"), "subtitle", name, NULL);
  d->workbook = workbook;
  d->store = store;
  /* A store that cannot be written imports nothing: its refusal comes from the store itself. */
  d->database = itogi_store_is_read_only (store) ? NULL : g_strdup (itogi_store_get_path (store));
  d->table = table;
  d->tasks = tasks;
  d->done = done;
  d->data = data;
  d->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *)&d->parent);
  header = table->rows->pdata[0];
  n_fields = g_strv_length (header->fields);

  fill_columns (d, header, n_fields);
  /* A workbook's figures are already in these columns, read from its own headers: nothing to
   * choose, and its column numbers would not be the sheet's. */
  gtk_widget_set_visible (d->columns, !workbook);
  /* The first rows, as the file has them; a workbook of tasks alone has no figures to show. */
  preview = preview_group (_ ("First Rows"), table, n_fields, workbook ? NULL : &d->preview_grid);
  gtk_widget_set_visible (preview, table->rows->len > 1);
  gtk_box_append (GTK_BOX (d->previews), preview);
  /* And the first of its next year's tasks. */
  if (tasks != NULL && tasks->rows->len > 1)
    gtk_box_append (GTK_BOX (d->previews),
                    preview_group (_ ("First Tasks"), tasks,
                                   g_strv_length (((ItogiCsvRow *)tasks->rows->pdata[0])->fields), NULL));

  recheck (d);
  /* Columns chosen by hand are work too: not forgotten without a question. The question offers
   * no Import: whether the file can be imported is for the dialog's own button to say. */
  itogi_dialog_set_question (
      ITOGI_DIALOG (d), _ ("Discard the Chosen Columns?"),
      _ ("Nothing has been imported yet, and the columns chosen here would be forgotten."), FALSE);
  for (int c = 0; c < ITOGI_IMPORT_N_COLUMNS; c++)
    itogi_dialog_watch (ITOGI_DIALOG (d), d->combos[c]);
  return d;
}

static void
on_stop_clicked (ItogiImportDialog *d)
{
  itogi_import_dialog_stop (d);
}

static void
itogi_import_dialog_dispose (GObject *object)
{
  ItogiImportDialog *d = ITOGI_IMPORT_DIALOG (object);

  /* The combo rows may still say «selected changed» while they are taken down: ignored. Closed
   * while a job runs: it stops, and an import stopped writes nothing. */
  d->closing = TRUE;
  if (d->job != NULL)
    g_cancellable_cancel (d->job);
  g_clear_handle_id (&d->job_timer, g_source_remove);
  G_OBJECT_CLASS (itogi_import_dialog_parent_class)->dispose (object);
}

static void
itogi_import_dialog_finalize (GObject *object)
{
  ItogiImportDialog *d = ITOGI_IMPORT_DIALOG (object);

  g_clear_object (&d->job);
  g_free (d->database);
  if (d->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (d->parent), (gpointer *)&d->parent);
  g_clear_pointer (&d->table, itogi_csv_table_free);
  g_clear_pointer (&d->tasks, itogi_csv_table_free);
  G_OBJECT_CLASS (itogi_import_dialog_parent_class)->finalize (object);
}

static void
itogi_import_dialog_class_init (ItogiImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = itogi_import_dialog_dispose;
  object_class->finalize = itogi_import_dialog_finalize;
  ITOGI_DIALOG_CLASS (klass)->save = itogi_import_dialog_save;
  gtk_widget_class_set_template_from_resource (widget_class, "/ru/kaluga/Itogi/ui/itogi-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ItogiImportDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, ItogiImportDialog, problems);
  gtk_widget_class_bind_template_child (widget_class, ItogiImportDialog, job_box);
  gtk_widget_class_bind_template_child (widget_class, ItogiImportDialog, job_bar);
  gtk_widget_class_bind_template_child (widget_class, ItogiImportDialog, columns);
  gtk_widget_class_bind_template_child (widget_class, ItogiImportDialog, previews);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
}

static void
itogi_import_dialog_init (ItogiImportDialog *d)
{
  gtk_widget_init_template (GTK_WIDGET (d));
  itogi_wrap_tree (GTK_WIDGET (d));
}
