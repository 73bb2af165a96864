/* itogi-progress.c: a long writing job's steps and its cancel
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "itogi-progress.h"

gboolean
itogi_progress_step (const ItogiProgress *progress, guint done, guint total, GError **error)
{
  if (progress == NULL)
    return TRUE;
  if (g_cancellable_is_cancelled (progress->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Cancelled: nothing was saved."));
      return FALSE;
    }
  if (progress->step != NULL)
    progress->step (done, total, progress->data);
  return TRUE;
}

void
itogi_progress_count (guint done, guint total, gpointer counter)
{
  ItogiProgressCounter *c = counter;

  /* The total last: a reader that sees it sees a step of that job. */
  g_atomic_int_set (&c->done, done);
  g_atomic_int_set (&c->total, total);
}

gboolean
itogi_progress_counter_read (ItogiProgressCounter *counter, guint *done, guint *total)
{
  *total = g_atomic_int_get (&counter->total);
  *done = g_atomic_int_get (&counter->done);
  return *total > 0;
}

void
itogi_progress_counter_reset (ItogiProgressCounter *counter)
{
  g_atomic_int_set (&counter->total, 0);
  g_atomic_int_set (&counter->done, 0);
}
