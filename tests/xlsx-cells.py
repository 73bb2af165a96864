#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Read a workbook back with openpyxl, for a test written in C.

Usage: xlsx-cells.py WORKBOOK CHECK...
  text FILE       some cell holds exactly the UTF-8 text of FILE, stored as text (data_type 's')
  noformula FILE  no formula anywhere in the workbook contains the text of FILE

Prints one line per check ("ok …" or "missing …") and exits 1 when any check fails.
"""
import sys

import openpyxl


def describe(text):
    return f"{len(text)} characters, starting {text[:30]!r}"


def main(argv):
    path, checks = argv[1], argv[2:]
    wb = openpyxl.load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    failed = 0
    for kind, name in zip(checks[0::2], checks[1::2]):
        with open(name, encoding="utf-8", newline="") as f:
            want = f.read()
        if kind == "text":
            found = [c for c in cells if c.value == want]
            if found and all(c.data_type == "s" for c in found):
                print(f"ok text {found[0].parent.title}!{found[0].coordinate}: {describe(want)}")
                continue
            failed += 1
            near = [c for c in cells if isinstance(c.value, str) and c.value[:20] == want[:20]]
            shown = [(c.parent.title, c.coordinate, c.data_type, describe(c.value)) for c in found or near]
            print(f"missing text {describe(want)}; closest: {shown[:3]}")
        elif kind == "noformula":
            formulas = [c for c in cells if c.data_type == "f" and want in str(c.value)]
            if formulas:
                failed += 1
                print(f"missing noformula: {[(c.parent.title, c.coordinate, c.value) for c in formulas[:3]]}")
            else:
                print(f"ok noformula {describe(want)}")
        else:
            failed += 1
            print(f"unknown check {kind!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
