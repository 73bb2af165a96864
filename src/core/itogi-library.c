/* itogi-library.c: a shared library opened when first needed, not with the program
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gmodule.h>

#include "itogi-library.h"

char *
itogi_library_open (const char *soname, const ItogiLibrarySymbol *symbols, guint n_symbols)
{
  GModule *module = g_module_open (soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    return g_strdup (g_module_error ());
  for (guint i = 0; i < n_symbols; i++)
    if (!g_module_symbol (module, symbols[i].name, symbols[i].function) || *symbols[i].function == NULL)
      {
        const char *why = g_module_error ();
        char *reason = g_strdup_printf ("%s: %s", soname, why != NULL ? why : symbols[i].name);

        for (guint k = 0; k < n_symbols; k++)
          *symbols[k].function = NULL;
        g_module_close (module);
        return reason;
      }
  /* The functions are called for the life of the process. */
  g_module_make_resident (module);
  return NULL;
}
