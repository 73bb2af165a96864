#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The core's layers point one way: the store (src/core/itogi-store*) knows only what sits under
# it (types, validation, periods, output), never what is built on it (the seed, the narrative,
# the table, the import, the exports, the app). The rules of an undoable edit are the session's
# (src/core/itogi-session.c): the app begins, commits and undoes steps only through it.
# Usage: check-layers.sh SOURCE_ROOT (prints TAP)
set -u
cd "${1:?source root}" || exit 1
above='itogi-(seed|narrative|table|import|csv|yoy|chart|xlsx|report|application|window)[-a-z]*\.h'
echo "1..3"
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
