#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The end-to-end test (tests/e2e.py) on a display and a session bus of its own: Xvfb outside, so
# that the accessibility registry started inside the bus can reach the display for the keyboard.
#   tests/e2e-run.sh ITOGI ITOGI_CLI LOCALEDIR SCHEMA_DIR SHOTS_DIR
# The test's TAP goes to this script's standard output through descriptor 3; what the bus and the
# services it starts print (the registry announces itself on its standard output) goes to the
# standard error, so that the log stays clean TAP.
here=$(dirname "$(realpath "$0")")
unset DBUS_SESSION_BUS_ADDRESS GTK_A11Y NO_AT_BRIDGE
exec 3>&1
E2E_TAP_FD=3 exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  /usr/bin/python3 "$here/e2e.py" "$@" >&2
