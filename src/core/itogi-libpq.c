/* itogi-libpq.c: libpq, opened the first time a server's database is used
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "itogi-libpq.h"
#include "itogi-store.h"

ItogiLibpq itogi_libpq;

gboolean
itogi_libpq_load (GError **error)
{
#define LIBPQ_SYMBOL(name) ITOGI_LIBRARY_SYMBOL (itogi_libpq, name)
  static const ItogiLibrarySymbol symbols[] = { ITOGI_LIBPQ_FUNCTIONS (LIBPQ_SYMBOL) };
#undef LIBPQ_SYMBOL
  /* The reason the library could not be had, kept for every later attempt; NULL once it was. */
  static char *failure;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      failure = itogi_library_open (ITOGI_LIBPQ_SONAME, symbols, G_N_ELEMENTS (symbols));
      g_once_init_leave (&done, 1);
    }
  if (failure == NULL)
    return TRUE;
  g_set_error (error, ITOGI_STORE_ERROR, ITOGI_STORE_ERROR_FAILED,
               /* Translators: %s is the loader's reason, e.g. «libpq.so.5: cannot open shared object file» */
               _ ("The PostgreSQL client library could not be loaded, so no server can be reached: %s. "
                  "Install the libpq5 package."),
               failure);
  return FALSE;
}
