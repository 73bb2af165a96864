/* itogi-library.h: a shared library opened when first needed, not with the program
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What only some desktops use (a shared server's client library, the keyring) is not linked in:
 * every library a program is linked with is loaded and relocated before its first window, and
 * makes every library loaded after it (the GL driver's) slower to relocate. Such a library's
 * header is compiled against; the library is opened and its functions looked up the first time
 * they are needed (itogi-libpq.h; the keyring's in the app's itogi-connect.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  gpointer *function; /* where the function's address goes */
} ItogiLibrarySymbol;

/* Opens @soname for the rest of the process and looks up each of @symbols. NULL once every one was
 * found; else the reason, in the loader's words (to be freed), and nothing of it kept. */
char *itogi_library_open (const char *soname, const ItogiLibrarySymbol *symbols, guint n_symbols);

/* For a table struct whose members are named and typed after the library's functions:
 * ITOGI_LIBRARY_MEMBER declares one, ITOGI_LIBRARY_SYMBOL lists it for itogi_library_open. */
#define ITOGI_LIBRARY_MEMBER(name) __typeof__ (name) *name;
#define ITOGI_LIBRARY_SYMBOL(table, name) { #name, (gpointer *)&(table).name },

G_END_DECLS
