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

G_END_DECLS
