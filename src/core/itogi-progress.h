/* itogi-progress.h: a long writing job's steps and its cancel, as a window follows them
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GCancellable *cancellable; /* may be NULL */
  /* Called in the writing thread as each of @total steps begins; may be NULL. */
  void (*step) (guint done, guint total, gpointer data);
  gpointer data;
} ItogiProgress;

/* Step @done of @total begins: FALSE with G_IO_ERROR_CANCELLED when the job was cancelled. A
 * NULL @progress always goes on. */
gboolean itogi_progress_step (const ItogiProgress *progress, guint done, guint total, GError **error);

/* Where a worker's steps wait for the main loop, which reads them on a timer. */
typedef struct
{
  guint done, total; /* atomic; total 0 while no step was told */
} ItogiProgressCounter;

/* A step function for ItogiProgress whose data is an ItogiProgressCounter. */
void itogi_progress_count (guint done, guint total, gpointer counter);
/* The step last told: FALSE while none was. */
gboolean itogi_progress_counter_read (ItogiProgressCounter *counter, guint *done, guint *total);
void itogi_progress_counter_reset (ItogiProgressCounter *counter);

G_END_DECLS
