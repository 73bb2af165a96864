#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run a test with the ru_RU.UTF-8 locale available in $LOCPATH, compiling it there first if needed
# (Debian's "locales" package ships the source; nothing is installed system-wide).
: "${LOCPATH:?LOCPATH must name a folder for the compiled locale}"
if [ ! -f "$LOCPATH/ru_RU.UTF-8/LC_CTYPE" ]; then
  mkdir -p "$LOCPATH"
  # localedef exits 1 on mere warnings; the compiled files tell whether it worked.
  localedef -i ru_RU -f UTF-8 "$LOCPATH/ru_RU.UTF-8" >/dev/null 2>&1
  if [ ! -f "$LOCPATH/ru_RU.UTF-8/LC_CTYPE" ]; then
    echo "Bail out! cannot compile the ru_RU.UTF-8 locale: install Debian's 'locales' package"
    exit 1
  fi
fi
exec "$@"
