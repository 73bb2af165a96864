/* fuzz-replay.c: run a fuzz target over every file of a corpus folder, as a TAP test
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "test-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
main (int argc, char *argv[])
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  /* The parsers meet the corpus in the locale the tests run in, as the programs would. */
  itogi_test_set_locale ();
  if (argc != 2 || (dir = g_dir_open (argv[1], 0, NULL)) == NULL)
    {
      printf ("Bail out! usage: fuzz-replay CORPUS-FOLDER\n");
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  if (names->len == 0)
    {
      printf ("Bail out! the corpus %s is empty\n", argv[1]);
      return 1;
    }
  printf ("1..%u\n", names->len);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (argv[1], names->pdata[i], NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &data, &len, NULL))
        {
          printf ("not ok %u %s (unreadable)\n", i + 1, (char *)names->pdata[i]);
          continue;
        }
      /* A failed assertion aborts the program: the harness counts that as a failure. */
      LLVMFuzzerTestOneInput ((const uint8_t *)data, len);
      printf ("ok %u %s\n", i + 1, (char *)names->pdata[i]);
    }
  return 0;
}
