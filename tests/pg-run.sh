#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command against a throwaway PostgreSQL server made for it: initdb in a temporary folder,
# a server listening on a Unix socket in that folder only (no TCP, no clash with another run),
# then the command with ITOGI_TEST_PG naming the server, then the server stopped and the folder
# removed, whatever the command did. The server keeps fsync on: a test stops it as a crash
# would ($ITOGI_TEST_PG_HOST/crash) and counts on what it acknowledged being there after. PostgreSQL refuses to run as root: as root the server runs
# as the "postgres" system user that Debian's postgresql package makes.
set -u
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "Bail out! PostgreSQL's server programs are not installed (postgresql-15)"
  exit 1
fi
dir=$(mktemp -d /tmp/itogi-pg-XXXXXX)
as=()
superuser=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  as=(runuser -u postgres --)
  superuser=postgres
  chown postgres: "$dir"
fi
# The socket's folder is open to every local user: the tests connect as other roles too.
chmod 755 "$dir"
stop () {
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap stop EXIT
if ! "${as[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U "$superuser" -E UTF8 --locale=C.UTF-8 \
     >"$dir/initdb.log" 2>&1; then
  echo "Bail out! initdb failed: $(tail -n 1 "$dir/initdb.log")"
  exit 1
fi
# The superuser logs in without a password (the tests set up with it); every other role, as a
# clerk on a desktop would, with its password.
printf 'local all %s trust\nlocal all all scram-sha-256\n' "$superuser" | "${as[@]}" tee "$dir/data/pg_hba.conf" >/dev/null
# A test may stop the server as a crash would and start it again: these two scripts do.
cat > "$dir/start" <<EOS
#!/bin/sh
exec ${as[*]} "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \\
  -o "-k $dir -c listen_addresses='' -p 5432 -c max_connections=200" start >/dev/null
EOS
cat > "$dir/crash" <<EOS
#!/bin/sh
exec ${as[*]} "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
EOS
chmod 755 "$dir/start" "$dir/crash"
if ! "$dir/start"; then
  echo "Bail out! the test server did not start: $(tail -n 1 "$dir/server.log")"
  exit 1
fi
export ITOGI_TEST_PG_HOST="$dir" ITOGI_TEST_PG_USER="$superuser" ITOGI_TEST_PG_BIN="$bindir"
"$@"
