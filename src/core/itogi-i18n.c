/* itogi-i18n.c
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "itogi-i18n.h"

/* Whether @dir holds a catalogue of ours in any language. */
static gboolean
has_catalogue (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *mo = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);
  const char *lang;

  while (d != NULL && (lang = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, lang, "LC_MESSAGES", mo, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

/* The catalogues of the installation the running program belongs to: beside it as installed
 * (bin/../share/locale), wherever the tree was put. NULL when there are none there. */
static char *
localedir_beside_program (void)
{
#ifdef LOCALEDIR_FROM_BINDIR
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = NULL;
  g_autofree char *dir = NULL;

  if (program == NULL)
    return NULL;
  bindir = g_path_get_dirname (program);
  dir = g_canonicalize_filename (LOCALEDIR_FROM_BINDIR, bindir);
  return has_catalogue (dir) ? g_steal_pointer (&dir) : NULL;
#else
  return NULL;
#endif
}

void
itogi_i18n_init (void)
{
  const char *dir = g_getenv ("ITOGI_LOCALEDIR");
  g_autofree char *beside = NULL;

  setlocale (LC_ALL, "");
  /* ITOGI_LOCALEDIR first (meson devenv and the tests point it at the build's catalogues);
   * then the folder where it was installed to, unless that has none of ours while the tree the
   * program runs from has: an installation staged with DESTDIR, or moved, speaks its language
   * as the installed one does. */
  if (dir == NULL || *dir == '\0')
    {
      if (!has_catalogue (LOCALEDIR))
        beside = localedir_beside_program ();
      dir = beside != NULL ? beside : LOCALEDIR;
    }
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
