#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The main-loop stall benchmark on the large database (bench/README.md):
#   bench/run-stalls.sh STALL_BENCH ITOGI_CLI SCHEMA_DIR [DATABASE]
# Makes the large database with bench/make-large-db.py when none is given, and runs STALL_BENCH
# under Xvfb with the Cairo renderer, in Russian. It measures and prints; it never fails on a time.
set -eu
bench=$1 cli=$2 schemas=$3
here=$(dirname "$(realpath "$0")")
db=${4:-${TMPDIR:-/tmp}/itogi-bench-startup/large.db}
if [ ! -e "$db" ]; then
  mkdir -p "$(dirname "$db")"
  python3 "$here/make-large-db.py" "$cli" "$db"
fi
export GSK_RENDERER=cairo GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$schemas NO_AT_BRIDGE=1 \
  GDK_BACKEND=x11 LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8
exec xvfb-run -a -s "-screen 0 1280x1024x24" "$bench" "$db"
