#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print "N passed, N failed" from one or more meson test logs, counting TAP subtests.

usage: summary.py [--failed N] [--label NAME] LOG...

Each LOG is a meson-logs directory (its testlog.json and testlog.junit.xml are read) or a log base
as given to `meson test --logbase` with its directory, e.g. build-test/meson-logs/valgrind-core
(read as ….json and ….junit.xml). The counts of all logs are summed.

A test program that failed as a whole (crash, timeout, bail-out, a sanitizer or valgrind finding
at exit) counts as at least one failure even where its TAP output recorded none. A LOG with no
log file counts as one failure: the tests it names did not run. --failed adds failures found
outside the logs (a build that failed). With --label the line reads "NAME pass: N subtests
passed, …", a per-pass line that cannot be mistaken for the final one.

Exits non-zero when anything failed or nothing passed.
"""
import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET

BAD = {"FAIL", "ERROR", "TIMEOUT", "INTERRUPT", "UNEXPECTEDPASS"}


def count(log):
    """(passed, failed, skipped) of one meson log."""
    base = os.path.join(log, "testlog") if os.path.isdir(log) else log
    junit, jsonl = base + ".junit.xml", base + ".json"
    if not os.path.exists(junit) and not os.path.exists(jsonl):
        print(f"summary: no test log at {base}.json: counted as one failure", file=sys.stderr)
        return 0, 1, 0

    passed = failed = skipped = 0
    # Where a failure was already counted: a TAP test's suite ("itogi.itogi:core / format") when
    # a subtest failed, or the test's own case (in suite "itogi") when it left no subtests.
    counted = set()
    if os.path.exists(junit):
        for suite in ET.parse(junit).getroot().iter("testsuite"):
            for case in suite.iter("testcase"):
                if case.find("failure") is not None or case.find("error") is not None:
                    failed += 1
                    counted.add(suite.get("name"))
                    counted.add(case.get("name"))
                elif case.find("skipped") is not None:
                    skipped += 1
                else:
                    passed += 1

    if os.path.exists(jsonl):
        with open(jsonl, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                test = json.loads(line)
                name = test["name"]
                if test.get("result") in BAD and not any(
                        n and (n == name or n.endswith("." + name)) for n in counted):
                    failed += 1
    return passed, failed, skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failed", type=int, default=0, help="failures found outside the logs")
    parser.add_argument("--label", help="name of the pass, for a per-pass line")
    parser.add_argument("--no-default", action="store_true",
                        help="with no LOG, count nothing rather than build-test/meson-logs")
    parser.add_argument("logs", nargs="*")
    args = parser.parse_args()
    if not args.logs and not args.no_default:
        args.logs = ["build-test/meson-logs"]

    passed, failed, skipped = 0, args.failed, 0
    for log in args.logs:
        p, f, s = count(log)
        passed, failed, skipped = passed + p, failed + f, skipped + s

    if args.label:
        line = f"{args.label} pass: {passed} subtests passed, {failed} failed"
        if skipped:
            line += f", {skipped} skipped"
        print(line)
    else:
        # The final line is exactly "N passed, N failed", as CI reads it; what was skipped is
        # said on the line before, and never counted as passed.
        if skipped:
            print(f"{skipped} skipped (not counted as passed)")
        print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
