#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The core's layers point one way: the store (src/core/itogi-store*) knows only what sits under
# it (types, validation, periods, output), never what is built on it (the seed, the narrative,
# the table, the import, the exports, the app). The rules of an undoable edit are the session's
# (src/core/itogi-session.c): the app begins, commits and undoes steps only through it. Each
# engine's API stays in its own files: SQLite's in itogi-store-sqlite.[ch], itogi-store-file.c
# (the file's opening and copies) and itogi-store-schema.c; libpq's in itogi-store-postgres.c (and
# itogi-libpq.h, its table of the functions that engine calls).
# Usage: check-layers.sh SOURCE_ROOT (prints TAP)
set -u
cd "${1:?source root}" || exit 1
above='itogi-(seed|narrative|table|import|csv|yoy|chart|xlsx|report|application|window)[-a-z]*\.h'
echo "1..5"
found=$(grep -nE "#include \"$above\"" src/core/itogi-store*.c src/core/itogi-store*.h)
if [ -z "$found" ]; then
  echo "ok 1 the store includes nothing built on it"
else
  echo "not ok 1 the store includes what is built on it"
  sed 's/^/# /' <<< "$found"
fi
found=$(grep -nE '\bitogi_(seed|narrative|table|import)_' src/core/itogi-store*.c)
if [ -z "$found" ]; then
  echo "ok 2 the store calls nothing built on it"
else
  echo "not ok 2 the store calls what is built on it"
  sed 's/^/# /' <<< "$found"
fi
found=$(grep -nE '\bitogi_store_(begin|commit|rollback|undo)_step\b' src/app/*.c src/cli/*.c)
if [ -z "$found" ]; then
  echo "ok 3 the app and the command line make steps only through the session"
else
  echo "not ok 3 steps made around the session"
  sed 's/^/# /' <<< "$found"
fi
sqlite_files='src/core/itogi-store-(sqlite\.[ch]|file\.c|schema\.c)$'
found=$(grep -rnE '\bsqlite3_[a-z]|\bSQLITE_[A-Z]|<sqlite3\.h>' src --include='*.c' --include='*.h' \
        | grep -vE "^${sqlite_files%\$}:")
if [ -z "$found" ]; then
  echo "ok 4 SQLite is used only by its engine's files"
else
  echo "not ok 4 SQLite used outside its engine"
  sed 's/^/# /' <<< "$found"
fi
found=$(grep -rnE '\bPQ[a-z]+ ?\(|\bPG(conn|result)\b|<libpq-fe\.h>' src --include='*.c' --include='*.h' \
        | grep -vE '^src/core/itogi-(store-postgres\.c|libpq\.h):')
if [ -z "$found" ]; then
  echo "ok 5 libpq is used only by the PostgreSQL engine"
else
  echo "not ok 5 libpq used outside its engine"
  sed 's/^/# /' <<< "$found"
fi
