/* test-util.c: what several test programs need alike
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-util.h"

#include <glib/gstdio.h>

void
itogi_test_remove_tree (const char *dir)
{
  g_autoptr (GDir) d = NULL;
  const char *name;

  /* Tests make folders read-only on purpose; their files must still go. */
  g_chmod (dir, 0700);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        itogi_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}
