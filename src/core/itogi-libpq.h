/* itogi-libpq.h: libpq, opened the first time a server's database is used
 *
 * Copyright 2026 The Itogi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An office that keeps its figures in a file never talks to a server, yet a program linked with
 * libpq loads and relocates it and the 25 libraries it brings (TLS, Kerberos, LDAP, SASL) at every
 * start, before its first window: ~20 ms on this machine type (the bare window of
 * bench/startup.py with them preloaded, interleaved runs). So libpq is opened (itogi-library.h)
 * when a PostgreSQL address is first opened or checked.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "itogi-library.h"

G_BEGIN_DECLS

/* The shared library of Debian's libpq5 package (libpq 15). */
#define ITOGI_LIBPQ_SONAME "libpq.so.5"

/* Every libpq function Itogi calls; itogi_libpq has a member of the same name and type for each. */
#define ITOGI_LIBPQ_FUNCTIONS(F)                                                                             \
  F (PQbackendPID)                                                                                           \
  F (PQclear)                                                                                                \
  F (PQcmdTuples)                                                                                            \
  F (PQconnectdbParams)                                                                                      \
  F (PQconnectionNeedsPassword)                                                                              \
  F (PQconnectionUsedPassword)                                                                               \
  F (PQconsumeInput)                                                                                         \
  F (PQerrorMessage)                                                                                         \
  F (PQexec)                                                                                                 \
  F (PQexecParams)                                                                                           \
  F (PQfinish)                                                                                               \
  F (PQfreemem)                                                                                              \
  F (PQgetisnull)                                                                                            \
  F (PQgetvalue)                                                                                             \
  F (PQnotifies)                                                                                             \
  F (PQntuples)                                                                                              \
  F (PQpingParams)                                                                                           \
  F (PQreset)                                                                                                \
  F (PQresultErrorField)                                                                                     \
  F (PQresultErrorMessage)                                                                                   \
  F (PQresultStatus)                                                                                         \
  F (PQsetClientEncoding)                                                                                    \
  F (PQsetNoticeProcessor)                                                                                   \
  F (PQsocket)                                                                                               \
  F (PQstatus)                                                                                               \
  F (PQtransactionStatus)                                                                                    \
  F (PQuser)

typedef struct
{
  ITOGI_LIBPQ_FUNCTIONS (ITOGI_LIBRARY_MEMBER)
} ItogiLibpq;

/* libpq's functions, once itogi_libpq_load() has returned TRUE (in any thread before); read-only. */
extern ItogiLibpq itogi_libpq;

/* Opens libpq once for the life of the process and fills itogi_libpq; safe from any thread. FALSE
 * with ITOGI_STORE_ERROR_FAILED, in words, when the library or one of its functions is missing. */
gboolean itogi_libpq_load (GError **error);

G_END_DECLS
