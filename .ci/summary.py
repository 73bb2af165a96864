#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print "N passed, N failed" from one or more meson test logs, counting TAP subtests.

usage: summary.py [--failed N] [--label NAME] LOG...

Each LOG is a meson-logs directory (its testlog.json and testlog.junit.xml are read) or a log base
as given to `meson test --logbase` with its directory, e.g. build-test/meson-logs/valgrind-core
(read as ….json and ….junit.xml). The counts of all logs are summed.

A test program that failed as a whole (crash, timeout, bail-out, a sanitizer or valgrind finding
at exit) counts as at least one failure even where its TAP output recorded none. So does a TAP
test whose log is not clean TAP in UTF-8: a line meson could not parse (it only warns
"UNKNOWN"), GLib's "[Invalid UTF-8]" escape, or bytes meson could not read as UTF-8 (it then
reads the line as Latin-1, which shows as C1 controls or pairs like «Â«»). A LOG with no
log file counts as one failure: the tests it names did not run. --failed adds failures found
outside the logs (a build that failed). With --label the line reads "NAME pass: N subtests
passed, …", a per-pass line that cannot be mistaken for the final one.

Exits non-zero when anything failed or nothing passed.
"""
import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

BAD = {"FAIL", "ERROR", "TIMEOUT", "INTERRUPT", "UNEXPECTEDPASS"}

# The lines meson 1.0's TAP parser knows (mtest.py, TAPParser); anything else it reports as
# UNKNOWN and otherwise ignores.
TAP_LINE = re.compile(r"(?:(?:not )?ok\b|1\.\.[0-9]+|Bail out!|TAP version [0-9]+$|#|$)")
TAP_PLAN = re.compile(r"1\.\.[0-9]+", re.M)
# A line meson had to read as Latin-1 (it was not UTF-8): C1 controls, or a UTF-8 lead byte
# followed by a continuation byte, each read as one Latin-1 character («Â«», «Ð¿»).
LATIN1 = re.compile("[\u0080-\u009f]|[\u00c2-\u00f4][\u0080-\u00bf]")


def tap_problems(stdout):
    """The lines of a TAP log that are not clean TAP in UTF-8, as (line number, why) pairs."""
    problems = []
    yaml = None  # the indentation of an open YAML block
    after_test = False
    for number, line in enumerate(stdout.split("\n"), 1):
        line = line.rstrip()
        if "[Invalid UTF-8]" in line:
            problems.append((number, "invalid UTF-8 (escaped by GLib)"))
        elif LATIN1.search(line):
            problems.append((number, "invalid UTF-8 (read by meson as Latin-1) or a C1 control character"))
        if yaml is not None:
            if re.fullmatch(r"\s+\.\.\.\s*", line):
                yaml = None
            elif not line.startswith(yaml):
                problems.append((number, "unterminated YAML block"))
                yaml = None
            continue
        start = re.fullmatch(r"(\s+)---.*", line)
        if after_test and start:
            yaml = start.group(1)
            continue
        after_test = bool(re.match(r"(?:not )?ok\b", line))
        if not TAP_LINE.match(line):
            problems.append((number, f"not TAP: {line[:80]!r}"))
    return problems


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
                already = any(n and (n == name or n.endswith("." + name)) for n in counted)
                if test.get("result") in BAD and not already:
                    failed += 1
                    already = True
                stdout = test.get("stdout") or ""
                # A TAP test (it has a plan) must leave a log that is TAP in UTF-8 throughout.
                problems = tap_problems(stdout) if TAP_PLAN.search(stdout) else []
                for number, why in problems[:5]:
                    print(f"summary: {name}: stdout line {number}: {why}", file=sys.stderr)
                if problems and not already:
                    print(f"summary: {name}: its log is not clean TAP: counted as one failure", file=sys.stderr)
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
