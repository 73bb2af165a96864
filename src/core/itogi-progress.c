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
