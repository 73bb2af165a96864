#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print "N passed, N failed[, N skipped]" from meson's logs, counting TAP subtests.

A test program that failed as a whole (crash, timeout, bail-out) counts as at least one failure
even where its TAP output recorded none. Exits non-zero when anything failed or nothing ran.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

logs = sys.argv[1] if len(sys.argv) > 1 else "build-test/meson-logs"
junit = os.path.join(logs, "testlog.junit.xml")
jsonl = os.path.join(logs, "testlog.json")

passed = failed = skipped = 0
failed_by_suite = {}
if os.path.exists(junit):
    for suite in ET.parse(junit).getroot().iter("testsuite"):
        suite_failed = 0
        for case in suite.iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                suite_failed += 1
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
        failed += suite_failed
        failed_by_suite[suite.get("name")] = suite_failed

bad = {"FAIL", "ERROR", "TIMEOUT", "INTERRUPT", "UNEXPECTEDPASS"}
if os.path.exists(jsonl):
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            test = json.loads(line)
            if test.get("result") in bad and not any(
                    n and test["name"] in n and c > 0 for n, c in failed_by_suite.items()):
                failed += 1

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
