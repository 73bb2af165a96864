/* itogi-store.h: the database behind Itogi; all SQL lives in the store's files. What only a
 * database in a file can do (its backups, restore, its place on disk) is in itogi-store-file.h.
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "itogi-model.h"
#include "itogi-progress.h"

G_BEGIN_DECLS

#define ITOGI_STORE_ERROR (itogi_store_error_quark ())

#define ITOGI_STORE_SCHEMA_VERSION 5

typedef enum
{
  ITOGI_STORE_ERROR_FAILED,
  ITOGI_STORE_ERROR_NOT_FOUND,    /* the file does not exist */
  ITOGI_STORE_ERROR_EXISTS,       /* refusing to create over an existing file */
  ITOGI_STORE_ERROR_NOT_DATABASE, /* not an SQLite file at all */
  ITOGI_STORE_ERROR_FOREIGN,      /* SQLite, but another program's */
  ITOGI_STORE_ERROR_NEWER,        /* written by a newer Itogi */
  ITOGI_STORE_ERROR_CORRUPT,
  ITOGI_STORE_ERROR_READONLY,
  ITOGI_STORE_ERROR_FULL,
  ITOGI_STORE_ERROR_BUSY,
  ITOGI_STORE_ERROR_INVALID,  /* the data broke a rule of the schema */
  ITOGI_STORE_ERROR_CONFLICT, /* an undo would overwrite a later change */
  ITOGI_STORE_ERROR_ALTERED,  /* its tables, columns, indexes or triggers are not this format's */
  ITOGI_STORE_ERROR_PASSWORD, /* the server asks for a password not given, or given wrong */
  ITOGI_STORE_ERROR_APPROVED, /* the area's year is approved: its figures, notes and tasks are locked */
  ITOGI_STORE_ERROR_CHANGED,  /* someone else changed the figure since it was read */
} ItogiStoreError;

typedef struct _ItogiStore ItogiStore;

GQuark itogi_store_error_quark (void);

/* Open an existing Itogi database for editing, upgrading an older data format (after a verified
 * backup). Only a regular file that is an Itogi database, whole, with exactly the schema of its
 * format, is opened; anything else is refused before a byte of it or beside it is changed. */
ItogiStore *itogi_store_open (const char *path, GError **error);
/* As itogi_store_open(), all but the integrity check, which reads the whole file (a second for
 * 40 MB): the window runs it apart, with itogi_store_open_read_only() in a worker thread, and
 * shows a file found damaged as it would at opening. */
ItogiStore *itogi_store_open_unverified (const char *path, GError **error);
/* Open an Itogi database for a command that reads and is done (a table, an export, a report):
 * refused like itogi_store_open() (an older format too, which only an upgrade can read), and
 * nothing is written: the file, its -wal and its folder are byte for byte as they were after the
 * store is freed. */
ItogiStore *itogi_store_open_to_read (const char *path, GError **error);
/* Open an Itogi database for itogi_store_check(): the schema and the integrity are not refused
 * but reported there. Writes nothing, as itogi_store_open_to_read(). */
ItogiStore *itogi_store_open_to_check (const char *path, GError **error);
/* What fills a new database, inside the transaction that makes it: the store knows its schema,
 * not what goes in it (the built-in report data is itogi-seed.h's, which calls this). FALSE with
 * @error leaves no database behind. */
typedef gboolean (*ItogiStoreFill) (ItogiStore *store, gpointer data, GError **error);
/* Create a new database with the schema, filled by @fill (NULL: left empty); refuses an existing
 * path. A failure half way leaves no file under @path. */
ItogiStore *itogi_store_create (const char *path, ItogiStoreFill fill, gpointer data, GError **error);
/* Open the default database, creating it (folder 0700, file 0600, filled by @fill) on first use. */
ItogiStore *itogi_store_open_default (ItogiStoreFill fill, gpointer data, GError **error);
/* Open an Itogi database for reading only: nothing is written, not even the journal mode, so a
 * file in a read-only folder or on read-only media can still be looked at and exported. */
ItogiStore *itogi_store_open_read_only (const char *path, GError **error);
/* Open a database that failed its integrity check, read-only and without that check, so that
 * what can still be read can be looked at and exported. Never writes to the file. */
ItogiStore *itogi_store_open_damaged (const char *path, GError **error);
/* Whether changes cannot be saved (opened read-only, or the file or its folder is write-protected). */
gboolean itogi_store_is_read_only (ItogiStore *store);

/* What a store can do beyond reading and editing, asked before it is offered: a database in a
 * file has copies beside it (itogi-store-file.h); a shared server's are its administrator's. */
typedef enum
{
  ITOGI_STORE_ABILITY_FILE_COPIES = 1 << 0, /* Back Up, Restore from Backup, the daily backup */
} ItogiStoreAbility;
gboolean itogi_store_can (ItogiStore *store, ItogiStoreAbility ability);
/* The report text of an area as edited in the Report view, for @year against @compare_year; NULL
 * when it was never edited (the generated text is shown). */
char *itogi_store_get_report_text (ItogiStore *store, gint64 area_id, int year, int compare_year,
                                   GError **error);
/* Keep @text as the area's report text; NULL goes back to the generated one. */
gboolean itogi_store_set_report_text (ItogiStore *store, gint64 area_id, int year, int compare_year,
                                      const char *text, GError **error);
/* A number that changes when another program (itogi-cli import, a second window) commits a change
 * to the file; -1 when it cannot be read. */
gint64 itogi_store_data_version (ItogiStore *store);
/* On a shared server, others' commits are told as they happen: a file descriptor that becomes
 * readable when one arrives, to watch in the main loop (-1 when there is none: a file, or a lost
 * connection; it changes when the store connects again). */
int itogi_store_changes_fd (ItogiStore *store);
/* Whether the store's connection to its server is up, as far as it knows without asking (a lost
 * one is found by its socket or a failed statement); always on a file. */
gboolean itogi_store_is_connected (ItogiStore *store);
/* Whether the server of @location answers at all (a connection attempt of up to 5 s, no
 * password needed): for a worker thread to ask before the store connects again. TRUE for a file. */
gboolean itogi_store_server_answers (const char *location);
/* Reads what arrived, without waiting: whether another desktop committed a change since the last
 * call. Never on a file. */
gboolean itogi_store_take_changes (ItogiStore *store);
void itogi_store_free (ItogiStore *store);

int itogi_store_get_schema_version (ItogiStore *store);
char *itogi_store_get_meta (ItogiStore *store, const char *key);

/* Reads */
GPtrArray *itogi_store_list_areas (ItogiStore *store, gboolean include_archived, GError **error);
ItogiArea *itogi_store_find_area (ItogiStore *store, const char *slug, GError **error);
/* @area_id 0 lists every area's indicators, in area order. */
GPtrArray *itogi_store_list_indicators (ItogiStore *store, gint64 area_id, gboolean include_archived,
                                        GError **error);
/* The year's value: the one entered for the whole year, else derived from months or quarters
 * by the indicator's aggregation. @out->present is FALSE when there is none. */
gboolean itogi_store_get_year_value (ItogiStore *store, const ItogiIndicator *indicator, int year,
                                     ItogiValue *out, GError **error);
/* The year as its months make it (else its quarters), whether or not a year figure was typed
 * whole; not present without periods. */
gboolean itogi_store_get_period_total (ItogiStore *store, const ItogiIndicator *indicator, int year,
                                       ItogiValue *out, GError **error);
/* Every figure stored for @year or @other_year (the year's own, its quarters' and months') of the
 * indicators of @area_id (0: of every area), in one query, handed to @func one by one; @func
 * takes @value. For tables of many indicators, where one query per figure would be thousands. */
typedef void (*ItogiFigureFunc) (gint64 indicator_id, int year, ItogiPeriodType period, guint index,
                                 ItogiValue *value, gpointer data);
gboolean itogi_store_each_figure (ItogiStore *store, gint64 area_id, int year, int other_year,
                                  ItogiFigureFunc func, gpointer data, GError **error);
/* The values stored for each month (or quarter) of @year: @out[0] is January; absent ones are
 * not present. @count is 12 or 4. */
gboolean itogi_store_get_periods (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                                  ItogiValue *out, guint count, GError **error);
/* The explanatory notes of an area for a year, or NULL. */
char *itogi_store_get_area_note (ItogiStore *store, gint64 area_id, int year, GError **error);
GPtrArray *itogi_store_list_institutions (ItogiStore *store, gint64 area_id, int year, GError **error);
/* The tasks of an area for a year, in order. */
GPtrArray *itogi_store_list_tasks (ItogiStore *store, gint64 area_id, int year, GError **error);
/* Sorted years that have at least one value. */
GArray *itogi_store_list_years (ItogiStore *store, GError **error);

/* Writes. Each runs in its own transaction unless one is open. */
gboolean itogi_store_begin (ItogiStore *store, GError **error);
gboolean itogi_store_commit (ItogiStore *store, GError **error);
void itogi_store_rollback (ItogiStore *store);
gboolean itogi_store_set_meta (ItogiStore *store, const char *key, const char *value, GError **error);
gint64 itogi_store_add_area (ItogiStore *store, const ItogiArea *area, GError **error);
gint64 itogi_store_add_indicator (ItogiStore *store, const ItogiIndicator *indicator, GError **error);
gboolean itogi_store_set_value (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                                int period_index, const ItogiValue *value, GError **error);
/* The figure as it was seen is its version: @value (NULL or not present: removed) is written only
 * if the stored figure is still @seen (not present: there was none), amount, qualifier, note and
 * date alike, in one statement; else nothing is written and ITOGI_STORE_ERROR_CHANGED says that
 * another desktop changed it meanwhile (itogi_store_get_stored_value() tells what and who). */
gboolean itogi_store_set_value_if (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                                   int period_index, const ItogiValue *value, const ItogiValue *seen,
                                   GError **error);
/* The figure stored for one period, as entered (not derived), with who wrote it and when (either
 * may be NULL); @out->present is FALSE when there is none. */
gboolean itogi_store_get_stored_value (ItogiStore *store, gint64 indicator_id, int year,
                                       ItogiPeriodType period, int period_index, ItogiValue *out,
                                       char **changed_by, char **changed_at, GError **error);
/* Remove the value of a period (the whole year with ITOGI_PERIOD_YEAR). */
gboolean itogi_store_delete_value (ItogiStore *store, gint64 indicator_id, int year, ItogiPeriodType period,
                                   int period_index, GError **error);
gboolean itogi_store_set_area_note (ItogiStore *store, gint64 area_id, int year, const char *text,
                                    GError **error);
gint64 itogi_store_add_institution (ItogiStore *store, gint64 area_id, const char *name, int position,
                                    GError **error);
gboolean itogi_store_set_institution_note (ItogiStore *store, gint64 institution_id, int year,
                                           const char *text, GError **error);

/* Appends a task to the end of the area's list for @year; returns its id, or 0. */
gint64 itogi_store_add_task (ItogiStore *store, gint64 area_id, int year, const char *text, GError **error);
/* Change a task's wording and whether it is done; ITOGI_STORE_ERROR_INVALID when it is gone. */
gboolean itogi_store_update_task (ItogiStore *store, gint64 task_id, const char *text, gboolean done,
                                  GError **error);
/* Swap a task with its neighbour above (@delta −1) or below (+1); at either end nothing changes
 * and *@moved (if given) is FALSE. */
gboolean itogi_store_move_task (ItogiStore *store, gint64 task_id, int delta, gboolean *moved,
                                GError **error);
gboolean itogi_store_delete_task (ItogiStore *store, gint64 task_id, GError **error);

/* Areas and indicators. Moves swap with the neighbour (@delta −1 up, +1 down) among those not
 * archived; at either end nothing changes and *@moved (if given) is FALSE. */
gboolean itogi_store_move_area (ItogiStore *store, gint64 area_id, int delta, gboolean *moved,
                                GError **error);
gboolean itogi_store_move_indicator (ItogiStore *store, gint64 indicator_id, int delta, gboolean *moved,
                                     GError **error);
gboolean itogi_store_set_area_archived (ItogiStore *store, gint64 area_id, gboolean archived, GError **error);
gboolean itogi_store_set_indicator_archived (ItogiStore *store, gint64 indicator_id, gboolean archived,
                                             GError **error);
/* The title, tab label and description of @area (by its id). */
gboolean itogi_store_update_area (ItogiStore *store, const ItogiArea *area, GError **error);
/* Title, unit and its forms, kind, aggregation, polarity, description of @indicator (by its id).
 * The kind and scale are refused while it has figures. */
gboolean itogi_store_update_indicator (ItogiStore *store, const ItogiIndicator *indicator, GError **error);
/* How many figures (years, months, quarters) the indicator has; −1 on error. */
gint64 itogi_store_count_values (ItogiStore *store, gint64 indicator_id, GError **error);
/* Removes the indicator and every figure of it (each recorded, so that it can be undone). */
gboolean itogi_store_delete_indicator (ItogiStore *store, gint64 indicator_id, GError **error);

/* The schema against this data format's, then the full integrity and foreign-key checks: one line
 * per problem (empty when the file is sound), or NULL with @error when they could not run. */
GPtrArray *itogi_store_check (ItogiStore *store, GError **error);

/* Edit steps: one user action («Изменено значение», «Загрузка из CSV»). Every change made inside
 * a step is recorded with its old and new row; a step can be undone, which is itself a step. */
gint64 itogi_store_begin_step (ItogiStore *store, const char *label, GError **error);
gboolean itogi_store_commit_step (ItogiStore *store, GError **error);
void itogi_store_rollback_step (ItogiStore *store);
/* Whether @step is recorded: a step that changed nothing is dropped when committed. */
gboolean itogi_store_has_step (ItogiStore *store, gint64 step);
/* The changes of one indicator's figures, newest first, at most @limit. */
GPtrArray *itogi_store_list_value_changes (ItogiStore *store, gint64 indicator_id, guint limit,
                                           GError **error);
/* Undo @step as a new step (returned); refused with ITOGI_STORE_ERROR_CONFLICT, changing nothing,
 * when a later change touched the same rows. Redo is undoing the undo. */
gint64 itogi_store_undo_step (ItogiStore *store, gint64 step, GError **error);
/* The latest steps first (@limit 0: all), and one step's changes in order. */
GPtrArray *itogi_store_list_steps (ItogiStore *store, guint limit, GError **error);
GPtrArray *itogi_store_list_changes (ItogiStore *store, gint64 step, GError **error);

/* The history as people read it. Steps newest first, of one person (@who; NULL: everyone) and
 * touching one area (@area_id; 0: any), at most @limit; each counts its changes in that area. */
GPtrArray *itogi_store_list_steps_of (ItogiStore *store, gint64 area_id, const char *who, guint limit,
                                      GError **error);
/* Everyone who made a step, by name. */
GPtrArray *itogi_store_list_history_people (ItogiStore *store, GError **error);

/* One recorded change, with what it is about. */
typedef struct
{
  char *table;      /* "indicator_values", "area_notes", "tasks", "report_texts", "area_status", … */
  char *op;         /* "insert", "update", "delete" */
  gint64 area_id;   /* the area it belongs to; 0 for none */
  char *area_title; /* its short title, or NULL */
  char *title;      /* the indicator's title for a figure; an area's, indicator's or institution's own */
  ItogiKind kind;   /* of the figure's indicator */
  guint scale;
  int year; /* 0 when the row has none */
  ItogiPeriodType period;
  int period_index;
  ItogiValue before, after;  /* a figure's, as it was and became (not present: none) */
  char *old_text, *new_text; /* a note's, task's or report text's words, a status: before and after */
} ItogiHistoryChange;

void itogi_history_change_free (ItogiHistoryChange *change);
/* The changes of @step (in @area_id only, unless 0), in order, at most @limit. */
GPtrArray *itogi_store_list_step_details (ItogiStore *store, gint64 step, gint64 area_id, guint limit,
                                          GError **error);

/* What itogi_store_copy() copied: rows of every table, and of the ones a person counts. */
typedef struct
{
  guint tables;
  gint64 rows, areas, indicators, figures, tasks, steps, changes;
} ItogiStoreCopied;

/* Copy the whole Itogi database @source (a file or a server's URI) into @dest, a new file or an
 * empty server database: every table, the history included, verified row for row (counts and a
 * checksum of each table) before it is kept. A failure leaves no database at @dest. */
gboolean itogi_store_copy (const char *source, const char *dest, ItogiStoreCopied *copied, GError **error);
/* The same from a database already open; its transaction is its own until the copy is made. */
gboolean itogi_store_copy_from (ItogiStore *from, const char *dest, ItogiStoreCopied *copied, GError **error);

/* A transaction that only reads, all of it one snapshot of the database. */
gboolean itogi_store_begin_reading (ItogiStore *store, GError **error);

/* Where the database is: a file's path, or a server's URI without its password. */
const char *itogi_store_get_path (ItogiStore *store);
/* Whether @location names a server's database (a postgresql:// or postgres:// URI, as libpq
 * takes it) rather than a file. */
gboolean itogi_store_location_is_server (const char *location);
/* The password to log in to the server of @uri with, kept in this process's memory only (the app
 * takes it from the keyring or asks for it); NULL forgets it. A password inside the URI or from
 * ~/.pgpass or PGPASSWORD works as libpq makes it. */
void itogi_store_set_server_password (const char *uri, const char *password);

/* Whether the last failure was a clash with another desktop's transaction at the same moment (a
 * server's deadlock or serialization failure): the same edit run again from its start succeeds. */
gboolean itogi_store_may_retry (ItogiStore *store);
/* How a person names the server database @uri: «server/itogi» (its place, no port, no
 * parameters), or «itogi» on this computer's own server; the role it logs in as in *@user (NULL
 * when the URI names none). */
char *itogi_store_server_place (const char *uri, char **user);
/* Whether it is a shared server's database (PostgreSQL), not a file. */
gboolean itogi_store_is_server (ItogiStore *store);

/* Rights per area on a shared server (PostgreSQL roles; the server enforces them). */
typedef enum
{
  ITOGI_ACCESS_READ,   /* read one area's figures, notes and tasks */
  ITOGI_ACCESS_EDIT,   /* read and change one area's */
  ITOGI_ACCESS_ALL,    /* read and change every area's: the head of administration */
  ITOGI_ACCESS_MANAGE, /* the areas, the indicators and the rights themselves */
} ItogiAccessLevel;

typedef struct
{
  char *role;
  char *area_slug; /* NULL for ITOGI_ACCESS_ALL and ITOGI_ACCESS_MANAGE */
  ItogiAccessLevel level;
} ItogiAccess;

void itogi_access_free (ItogiAccess *access);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiAccess, itogi_access_free)

/* Give @role (a server role) @level, on the area @area_slug for READ and EDIT (NULL otherwise).
 * Only a server's database has rights; a file is as open as its folder. */
gboolean itogi_store_grant (ItogiStore *store, const char *role, const char *area_slug,
                            ItogiAccessLevel level, GError **error);
/* Take it back; how many rights went (0: @role had none such). */
gint64 itogi_store_revoke (ItogiStore *store, const char *role, const char *area_slug, ItogiAccessLevel level,
                           GError **error);
/* What the role logged in may do with the area @area_id: on a server, as its rights say (the
 * tables' owner and superusers may do everything); a file is ITOGI_AREA_EDIT throughout (what its
 * folder allows is the window's read-only bar). */
typedef enum
{
  ITOGI_AREA_HIDDEN, /* not even read */
  ITOGI_AREA_READ,
  ITOGI_AREA_EDIT,
} ItogiAreaRight;
ItogiAreaRight itogi_store_area_right (ItogiStore *store, gint64 area_id);
/* Whom to ask for a right: the roles that manage them, else the tables' owner; NULL on a file. */
char *itogi_store_rights_keepers (ItogiStore *store);

/* Every right given, by role, then area. */
GPtrArray *itogi_store_list_access (ItogiStore *store, GError **error);

/* The year's sign-off, per area: a draft (no status yet), submitted by whoever edits the area,
 * approved by the head of administration, who may unlock it again (back to a draft). An approved
 * year's figures, notes and tasks are locked by the database (ITOGI_STORE_ERROR_APPROVED). */
typedef enum
{
  ITOGI_AREA_DRAFT,
  ITOGI_AREA_SUBMITTED,
  ITOGI_AREA_APPROVED,
} ItogiAreaStatus;

const char *itogi_area_status_to_string (ItogiAreaStatus status); /* "draft", as stored */
gboolean itogi_area_status_from_string (const char *text, ItogiAreaStatus *status);
const char *itogi_area_status_label (ItogiAreaStatus status); /* «Утверждён», for a person */

/* The area's status for @year, and who set it when (NULL for a draft never submitted); @changed_by
 * and @changed_at may be NULL. */
gboolean itogi_store_get_area_status (ItogiStore *store, gint64 area_id, int year, ItogiAreaStatus *status,
                                      char **changed_by, char **changed_at, GError **error);
/* Move the area's year to @status: submitting, taking back, approving (only what was submitted)
 * or unlocking. Approving and unlocking are the head's (itogi_store_may_approve()). Recorded in
 * the step open, if any, like any change; refused plainly, changing nothing. */
gboolean itogi_store_set_area_status (ItogiStore *store, gint64 area_id, int year, ItogiAreaStatus status,
                                      GError **error);
/* Whether the role logged in may change the office's structure: the areas, the indicators and
 * the rights (the owner, a superuser, or a role given --manage); always on a file. */
gboolean itogi_store_may_manage (ItogiStore *store);
/* Whether the role logged in is the head of administration (every area, or the tables' owner);
 * always on a file. */
gboolean itogi_store_may_approve (ItogiStore *store);

/* How far an area's year has come. */
typedef struct
{
  ItogiArea *area;
  ItogiAreaStatus status;
  char *changed_by, *changed_at; /* of the status; NULL for a draft never submitted */
  guint indicators;              /* in use (not archived); 0 when the figures were not read */
  GPtrArray *missing;            /* of ItogiIndicator (id, area_id, title): no figure for the year;
                                  * NULL when the figures were not read */
} ItogiAreaProgress;

void itogi_area_progress_free (ItogiAreaProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiAreaProgress, itogi_area_progress_free)
/* Every area in use the role may see, in order, with its status for @year and the indicators
 * that still lack a figure for it; one snapshot of the database. */
GPtrArray *itogi_store_year_progress (ItogiStore *store, int year, GError **error);
/* The same without what the figures say (indicators 0, missing NULL): the statuses alone, which
 * need no look at each indicator's figures (on 2 000 indicators, ~12 ms of pages read cold). */
GPtrArray *itogi_store_year_statuses (ItogiStore *store, int year, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItogiStore, itogi_store_free)

G_END_DECLS
