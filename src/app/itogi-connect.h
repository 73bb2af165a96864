/* itogi-connect.h: opening a database on the office's shared server
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "itogi-store.h"

G_BEGIN_DECLS

/* Called once: with the store opened (owned by the callee), or NULL with @error when it could not
 * be opened, or NULL without an error when the user cancelled. @uri is the address tried. */
typedef void (*ItogiConnected) (ItogiStore *store, const char *uri, const GError *error, gpointer data);

/* Open a server's database: its address asked first when @ask_address (prefilled with @uri), then
 * the password kept in the GNOME keyring tried, and the user asked for one when the server wants
 * it (again when it was refused); a password that let Itogi in is kept in the keyring, never
 * anywhere else. The connection is made off the main thread. */
void itogi_connect (GtkWindow *parent, const char *uri, gboolean ask_address, ItogiConnected done,
                    gpointer data);

G_END_DECLS
