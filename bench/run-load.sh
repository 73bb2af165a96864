#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Twenty desktops on one server: the latency of each kind of operation, as percentiles.
#
#     bench/run-load.sh TEST_LOAD [SECONDS [CLIENTS]]
#
# Runs the load test (tests/test-load.c) on a throwaway PostgreSQL server (tests/pg-run.sh):
# CLIENTS (20) threads, each a connection of its own through the store's API as the window uses
# it, editing (60 %: one figure, one undoable step), importing a one-row CSV (15 %) and reading an
# area's table (25 %) for SECONDS (60), the server killed and started again halfway. It prints
# p50, p95 and p99 per operation in milliseconds, and how many were done and how many refused
# while the server was away. It measures; the test itself judges only that nothing acknowledged
# was lost. Nothing it makes is kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
test_load=$1
seconds=${2:-60}
clients=${3:-20}
report=$(mktemp)
trap 'rm -f "$report"' EXIT
ITOGI_TEST_DATABASE=postgresql ITOGI_LOAD_SECONDS=$seconds ITOGI_LOAD_CLIENTS=$clients \
  ITOGI_LOAD_REPORT=$report bash "$here/../tests/pg-run.sh" "$test_load" > /dev/null
cat "$report"
