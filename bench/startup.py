#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start-up benchmark: Itogi beside a bare libadwaita window and Gnumeric, in one run.

    bench/startup.py --bare B --wait W --itogi I --cli C --schemas DIR [--runs 7] [--dir D]

Each round starts every contender once, in an order that turns round by round (interleaved), on
the same X display: the bare window (bench/bare-window.c), Itogi on the report's data and on the
large database (bench/make-large-db.py), and Gnumeric opening Itogi's own workbook of each. For
each start it records, from outside, launch → the first window mapped (bench/wait-mapped.c
watches the X root window), from inside, launch → the end of the first frame that shows a figure
(ITOGI_DEBUG=startup; for Gnumeric there is none), and the resident memory 2 s after mapping. It
prints medians and ratios; it never passes or fails on a time.

Gnumeric is installed with apt-get when it is missing and the script runs as root (benchmark only;
nothing else uses it). Without a display the script runs itself under xvfb-run. The renderer is
Cairo (GSK_RENDERER=cairo) unless --renderer says otherwise, as in the window tests.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def ensure_gnumeric():
    if shutil.which("gnumeric"):
        return True
    if os.geteuid() != 0:
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "gnumeric"], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return shutil.which("gnumeric") is not None


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def stop(pid):
    """End a started program. It is wait-mapped's child, not ours: gone when /proc says so."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        end = time.monotonic() + 3.0
        while time.monotonic() < end and os.path.exists(f"/proc/{pid}"):
            time.sleep(0.05)
        if not os.path.exists(f"/proc/{pid}"):
            return


def start_once(wait_mapped, argv, env, probe=True):
    """One start: (mapped ms from outside, first frame with a figure ms or None, RSS kB)."""
    with tempfile.TemporaryFile(mode="w+") as err:
        out = subprocess.run([wait_mapped, "60", *argv], env=env, stdout=subprocess.PIPE,
                             stderr=err, text=True)
        fields = out.stdout.split()
        if out.returncode != 0 or len(fields) != 3 or fields[0] != "mapped":
            raise RuntimeError(f"{argv[0]} did not map a window: {out.stdout.strip()}")
        mapped, pid = float(fields[1]), int(fields[2])
        # The first frame that shows a figure, as the program's own probe says (Itogi, the bare
        # window); the memory two seconds after the window came.
        figures = None
        end = time.monotonic() + 30
        # Gnumeric has no probe: nothing to wait for.
        while probe and figures is None and time.monotonic() < end:
            err.seek(0)
            for line in err.read().splitlines():
                if line.startswith("itogi-startup: figures "):
                    figures = float(line.split()[2])
            time.sleep(0.02)
        time.sleep(2.0)
        rss = rss_kb(pid)
        stop(pid)
        return mapped, figures, rss


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bare", required=True)
    p.add_argument("--wait", required=True)
    p.add_argument("--itogi", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--schemas", required=True)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "itogi-bench-startup"))
    p.add_argument("--renderer", default="cairo")
    p.add_argument("--no-gnumeric", action="store_true")
    a = p.parse_args()

    if not os.environ.get("DISPLAY"):
        xvfb = shutil.which("xvfb-run")
        if xvfb is None:
            sys.exit("startup.py: no X display and no xvfb-run")
        os.execv(xvfb, [xvfb, "-a", "-s", "-screen 0 1280x1024x24", sys.executable, *sys.argv])

    os.makedirs(a.dir, exist_ok=True)
    report_db = os.path.join(a.dir, "report.db")
    large_db = os.path.join(a.dir, "large.db")
    if not os.path.exists(report_db):
        subprocess.run([a.cli, "--database", report_db, "init"], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(large_db):
        subprocess.run([sys.executable, os.path.join(HERE, "make-large-db.py"), a.cli, large_db], check=True)
    books = {}
    for name, db in (("report", report_db), ("large", large_db)):
        books[name] = os.path.join(a.dir, f"{name}.xlsx")
        if not os.path.exists(books[name]):
            subprocess.run([a.cli, "--database", db, "export", "--year", "2023", "-o", books[name]],
                           check=True, stdout=subprocess.DEVNULL)

    env = dict(os.environ, GSK_RENDERER=a.renderer, ITOGI_DEBUG="startup", GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=a.schemas, NO_AT_BRIDGE="1", GDK_BACKEND="x11",
               LANG="ru_RU.UTF-8", LC_ALL="ru_RU.UTF-8")
    contenders = [
        ("bare libadwaita window", [a.bare], True),
        ("Itogi, report data", [a.itogi, "--database", report_db], True),
        ("Itogi, large database", [a.itogi, "--database", large_db], True),
    ]
    if not a.no_gnumeric and ensure_gnumeric():
        gnumeric = shutil.which("gnumeric")
        contenders += [
            ("Gnumeric, workbook of the report", [gnumeric, "--no-splash", books["report"]], False),
            ("Gnumeric, workbook of the large database", [gnumeric, "--no-splash", books["large"]], False),
        ]
    else:
        print("# Gnumeric is not installed (run as root to install it): its rows are left out")

    # One start each first, not counted: caches, the day's backup, fonts.
    for _, argv, probe in contenders:
        start_once(a.wait, argv, env, probe)
    results = {name: [] for name, _, _ in contenders}
    for r in range(a.runs):
        order = contenders[r % len(contenders):] + contenders[:r % len(contenders)]
        for name, argv, probe in order:
            results[name].append(start_once(a.wait, argv, env, probe))
        print(f"# round {r + 1} of {a.runs} done", flush=True)

    rows = {}
    for name, runs in results.items():
        rows[name] = (median([m for m, _, _ in runs]), median([f for _, f, _ in runs]),
                      median([s for _, _, s in runs]))
    bare_mapped, bare_first, bare_rss = rows["bare libadwaita window"]
    gnumeric_report = rows.get("Gnumeric, workbook of the report", (None,))[0]
    gnumeric_large = rows.get("Gnumeric, workbook of the large database", (None,))[0]

    def ratio(x, y):
        return f"{x / y:.2f}×" if x is not None and y else "—"

    print(f"\nMedians of {a.runs} interleaved starts, renderer {a.renderer}, "
          f"{time.strftime('%Y-%m-%d')}:\n")
    print("| what | launch → window mapped | launch → first frame with a figure | RSS 2 s later | "
          "first frame / bare | mapped / Gnumeric | RSS − bare |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, (mapped, first, rss) in rows.items():
        peer = gnumeric_large if "large" in name else gnumeric_report
        print(f"| {name} | {mapped:.0f} ms | " + (f"{first:.0f} ms" if first is not None else "—")
              + f" | {rss / 1024:.0f} MB | "
              + (ratio(first, bare_first) if first is not None else "—") + " | "
              + (ratio(mapped, peer) if name.startswith("Itogi") else "—") + " | "
              + (f"{(rss - bare_rss) / 1024:+.0f} MB" if name.startswith("Itogi") else "—") + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
