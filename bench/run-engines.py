#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The store's main operations side by side on both engines, in one run, as ratios.

    bench/run-engines.py STORE_BENCH ITOGI_CLI [RUNS]

Makes the large database of the start-up benchmark (bench/make-large-db.py: the report's data
plus 480 000 monthly figures of 2 018 indicators) as a file, starts a throwaway PostgreSQL server
(tests/pg-run.sh) and copies the file onto it, then times on each engine, in turn (file, server,
file, server …): opening, every area's table for 2023 against 2022, 1 000 edits each its own
undoable step, an import of 100 000 rows (itogi-cli import, as a whole process), and a copy of
the whole database into a new file or an empty server database (itogi-cli copy). It prints each
operation's median on each engine and the median of the ratios server / file, run by run. It
measures; it never passes or fails on a time. Nothing it makes is kept.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def in_process_ms(bench, location, *op):
    out = subprocess.run([bench, location, *op], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def process_ms(argv):
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def createdb(name):
    subprocess.run([os.path.join(os.environ["ITOGI_TEST_PG_BIN"], "createdb"), "-h",
                    os.environ["ITOGI_TEST_PG_HOST"], "-U", os.environ["ITOGI_TEST_PG_USER"], name],
                   check=True)
    return "postgresql://%s@/%s?host=%s" % (os.environ["ITOGI_TEST_PG_USER"], name,
                                            os.environ["ITOGI_TEST_PG_HOST"])


def write_import(path):
    """100 000 figures of the large database's indicators: 21 areas × 40 × 10 years × 12 months,
    cut at 100 000, named area/slug as people's files name them."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("Показатель;Год;Период;Значение\n")
        n = 0
        for a in range(1, 22):
            for i in range(1, 41):
                for y in range(2014, 2024):
                    for m in range(1, 13):
                        if n == 100000:
                            return
                        f.write("area-%03d/ind-%03d;%d;%d;%d\n" % (a, i, y, m, 100 + (n * 7) % 5000))
                        n += 1


def main():
    if "ITOGI_TEST_PG_HOST" not in os.environ:
        pg_run = os.path.join(HERE, "..", "tests", "pg-run.sh")
        os.execvp("bash", ["bash", pg_run, sys.executable] + sys.argv)
    bench, cli = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    work = tempfile.mkdtemp(prefix="itogi-engines-")
    large = os.path.join(work, "large.db")
    subprocess.run([sys.executable, os.path.join(HERE, "make-large-db.py"), cli, large], check=True,
                   capture_output=True)
    server = createdb("large")
    subprocess.run([cli, "copy", large, server], check=True, capture_output=True)
    csv = os.path.join(work, "import.csv")
    write_import(csv)

    results = {}

    def side_by_side(name, file_op, server_op, n):
        pairs = []
        for r in range(n):
            pairs.append((file_op(r), server_op(r)))
        results[name] = pairs

    side_by_side("open", lambda r: in_process_ms(bench, large, "open"),
                 lambda r: in_process_ms(bench, server, "open"), runs)
    side_by_side("every area's table", lambda r: in_process_ms(bench, large, "table"),
                 lambda r: in_process_ms(bench, server, "table"), runs)
    side_by_side("1 000 edits", lambda r: in_process_ms(bench, large, "edits", "1000"),
                 lambda r: in_process_ms(bench, server, "edits", "1000"), runs)
    side_by_side("import of 100 000 rows",
                 lambda r: process_ms([cli, "--database", large, "import", csv]),
                 lambda r: process_ms([cli, "--database", server, "import", csv]), max(1, runs // 2))
    side_by_side("copy of the whole database",
                 lambda r: process_ms([cli, "copy", large, os.path.join(work, "copy-%d.db" % r)]),
                 lambda r: process_ms([cli, "copy", large, createdb("copy_%d" % r)]), max(1, runs // 2))

    print("%-28s %12s %12s %16s" % ("operation", "file, ms", "server, ms", "server / file"))
    for name, pairs in results.items():
        files = [p[0] for p in pairs]
        servers = [p[1] for p in pairs]
        ratios = [s / f for f, s in pairs if f > 0]
        print("%-28s %12.0f %12.0f %16.2f" % (name, statistics.median(files), statistics.median(servers),
                                               statistics.median(ratios)))
    print("(medians of %d runs, %d for the import and the copy; the server on this machine, over its "
          "Unix socket)" % (runs, max(1, runs // 2)))
    subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
