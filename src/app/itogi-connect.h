/* itogi-connect.h: opening a database on the office's shared server
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "itogi-store.h"

G_BEGIN_DECLS

#define ITOGI_TYPE_CONNECT_DIALOG (itogi_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ItogiConnectDialog, itogi_connect_dialog, ITOGI, CONNECT_DIALOG, AdwMessageDialog)

/* Called once: with the store opened (owned by the callee), or NULL with @error when it could not
 * be opened, or NULL without an error when the user cancelled. @uri is the address tried. */
typedef void (*ItogiConnected) (ItogiStore *store, const char *uri, const GError *error, gpointer data);

/* Open a server's database: its address asked first when @ask_address (prefilled with @uri), then
 * the password kept in the GNOME keyring tried, and the user asked for one when the server wants
 * it (again when it was refused); a password that let Itogi in is kept in the keyring, never
 * anywhere else. The connection is made off the main thread. */
void itogi_connect (GtkWindow *parent, const char *uri, gboolean ask_address, ItogiConnected done,
                    gpointer data);

/* The question itogi_connect() asks: «Connect to Server», the address of the server's database,
 * prefilled with @uri (may be NULL); @problem, when not NULL, says what was wrong with the
 * address typed before. Over @parent, or the application's when NULL. Once answered, it emits
 * "answered" with the text typed (Connect), or NULL (cancelled). */
ItogiConnectDialog *itogi_connect_dialog_new_address (GtkWindow *parent, const char *uri,
                                                      const char *problem);
/* As above, «Password Needed» for the server's database at @uri; @refused when the server did
 * not accept the password typed before. The entry hides what is typed. Answered, the entry is
 * emptied, and the password "answered" gives is wiped once the handlers have run: a handler
 * keeps a copy of its own. */
ItogiConnectDialog *itogi_connect_dialog_new_password (GtkWindow *parent, const char *uri, gboolean refused);

G_END_DECLS
