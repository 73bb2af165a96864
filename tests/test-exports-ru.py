#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every export made under ru_RU.UTF-8, as the office makes it, read back by readers that share
no code with Itogi, and unchanged when only the numeric locale is C.

itogi-cli (ITOGI_CLI) writes, from a fresh database, the Excel workbook and the CSV, a chart as
PNG, SVG and PDF, and the annual report as PDF, ODT and text, each twice: once under
LC_ALL=ru_RU.UTF-8 (decimal comma) and once under LANG=ru_RU.UTF-8 with LC_NUMERIC=C.UTF-8.
The two must be the same file (apart from the moment of writing in the metadata): no number
that goes into a file may follow the locale. The ru_RU files are then read back:

- xlsx: Python's zipfile and XML parser (every numeric cell and chart cache value is a
  C-syntax number, 779054.51 among them) and openpyxl (the figures as numbers);
- csv: Python's csv module (the Russian spreadsheet convention: «779054,51», «-1,4»);
- png: the chunks read by hand (CRCs, size, 300 dpi, the pixel data inflates to its size);
- svg: Python's XML parser (every coordinate a number with a dot, never «12,5»);
- pdf (chart and report): pdfinfo and PyPDF2; the report's outline has one entry per area
  that opens the page where the area's heading is, at the heading (poppler's word boxes);
- odt: zipfile and the XML parser (every length like 17.500cm); the text of all three report
  formats carries the figures in Russian typography (779 054,51 with U+202F).

Prints TAP.
"""
import csv
import io
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
import zlib

import openpyxl

import taprunner

CLI = os.environ["ITOGI_CLI"]
NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"
A4 = (595.276, 841.89)


def near(size, wanted):
    return all(abs(a - b) < 0.01 for a, b in zip(size, wanted))
# A number as C writes it, and one as the Russian locale would (the bug this test is for).
C_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
COMMA_NUMBER = re.compile(r"\d,\d")
LENGTH = re.compile(r"-?[\d.,]+(?:cm|mm|in|pt|pc|px)")
SHEET_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
CHART_NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}

# name, itogi-cli arguments after --database DB (the output file is FILE)
EXPORTS = [
    ("xlsx", ["export", "--year", "2023", "--compare", "2022", "-o", "FILE"]),
    ("csv", ["export", "--year", "2023", "--compare", "2022", "--format", "csv", "-o", "FILE"]),
    ("png", ["chart", "--area", "documents", "--year", "2023", "--width", "3508", "--height", "2480", "-o", "FILE"]),
    ("svg", ["chart", "--area", "financial-control", "--year", "2023", "-o", "FILE"]),
    ("chart.pdf", ["chart", "--year", "2023", "-o", "FILE"]),
    ("report.pdf", ["report", "--year", "2023", "--compare", "2022", "--format", "pdf", "-o", "FILE"]),
    ("odt", ["report", "--year", "2023", "--compare", "2022", "--format", "odt", "-o", "FILE"]),
    ("txt", ["report", "--year", "2023", "--compare", "2022", "--format", "txt", "-o", "FILE"]),
]


def russian_env(numeric_c=False):
    env = dict(os.environ, LANGUAGE="")
    if numeric_c:
        env.pop("LC_ALL", None)
        env.update(LANG="ru_RU.UTF-8", LC_NUMERIC="C.UTF-8")
    else:
        env["LC_ALL"] = "ru_RU.UTF-8"
    return env


def run(args, env):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env)


class Context:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="itogi-exports-ru-")
        self.db = os.path.join(self.dir, "itogi.db")
        env = russian_env()
        probe = subprocess.run(["locale"], capture_output=True, text=True, env=env)
        assert "LC_NUMERIC=\"ru_RU.UTF-8\"" in probe.stdout and not probe.stderr, \
            "ru_RU.UTF-8 is not installed (run .ci/setup): " + probe.stderr
        r = run(["--database", self.db, "init"], env)
        assert r.returncode == 0, r.stderr
        con = sqlite3.connect(self.db)
        self.areas = [t for (t,) in con.execute("SELECT title FROM areas WHERE archived = 0 ORDER BY position")]
        con.close()
        self.files = {}     # name → the file written under ru_RU
        self.c_files = {}   # name → the same written with LC_NUMERIC=C
        for name, args in EXPORTS:
            for numeric_c, files in ((False, self.files), (True, self.c_files)):
                path = os.path.join(self.dir, ("c-" if numeric_c else "ru-") + "export." + name)
                r = run(["--database", self.db] + [path if a == "FILE" else a for a in args],
                        russian_env(numeric_c))
                assert r.returncode == 0 and r.stderr == "", f"{name}: {r.stderr}"
                files[name] = path


# ---- helpers ----

def zip_members(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def without_dates(name, data):
    """The file with the moment it was written taken out (the only thing allowed to differ)."""
    if name in ("docProps/core.xml", "meta.xml"):
        return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?", b"DATE", data)
    return re.sub(rb"/CreationDate \(D:[0-9Z+'-]*\)", b"/CreationDate ()", data)


def pdf_text(path):
    from PyPDF2 import PdfReader  # Debian's python3-pypdf2
    return [page.extract_text() for page in PdfReader(path).pages]


def pdfinfo_size(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, env=russian_env()).stdout
    m = re.search(r"Page size:\s+(\S+) x (\S+) pts", info)
    assert m, info
    return float(m.group(1)), float(m.group(2))


# ---- the tests ----

def test_numeric_locale_changes_nothing(ctx):
    """The numeric locale leaves every file as it was: written with LC_NUMERIC=C, the same bytes."""
    for name, _ in EXPORTS:
        ru, c = ctx.files[name], ctx.c_files[name]
        if name in ("xlsx", "odt"):
            a, b = zip_members(ru), zip_members(c)
            assert sorted(a) == sorted(b), name
            for member in a:
                assert without_dates(member, a[member]) == without_dates(member, b[member]), (name, member)
        else:
            a, b = open(ru, "rb").read(), open(c, "rb").read()
            assert without_dates(name, a) == without_dates(name, b), f"{name} differs with LC_NUMERIC=C"


def test_xlsx_numbers(ctx):
    """Every number in the workbook's XML is written as C writes it; the money is 779054.51."""
    members = zip_members(ctx.files["xlsx"])
    values = []
    for name, data in members.items():
        if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            for cell in ET.fromstring(data).iter("{%s}c" % SHEET_NS["m"]):
                v = cell.find("m:v", SHEET_NS)
                if v is not None and cell.get("t") in (None, "n"):
                    assert C_NUMBER.fullmatch(v.text), (name, cell.get("r"), v.text)
                    values.append(v.text)
        elif re.fullmatch(r"xl/charts/chart\d+\.xml", name):
            # The cached values of the series (the categories' and names' caches are text).
            for cache in ET.fromstring(data).iter("{%s}numCache" % CHART_NS["c"]):
                for v in cache.iter("{%s}v" % CHART_NS["c"]):
                    assert C_NUMBER.fullmatch(v.text), (name, v.text)
                    values.append(v.text)
    for wanted in ("779054.51", "119585521.99", "22808", "23142", "-334"):
        assert wanted in values, (wanted, values[:40])
    # Some are fractions: the test would say nothing if every number were whole.
    assert any("." in v for v in values)
    assert not any(COMMA_NUMBER.search(v) for v in values)


def test_xlsx_openpyxl(ctx):
    wb = openpyxl.load_workbook(ctx.files["xlsx"], data_only=True)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)):
                    found.setdefault(round(cell.value, 6), cell)
    assert 779054.51 in found and 119585521.99 in found and 22808 in found, sorted(found)[:20]
    g3 = wb["Контроль документов"]["G3"].value
    assert abs(g3 - (-334 / 23142)) < 1e-9, g3


def test_csv(ctx):
    raw = open(ctx.files["csv"], "rb").read()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    by_title = {r[1]: r for r in rows[1:]}
    money = [r for t, r in by_title.items() if t.startswith("Экономия бюджетных средств")][0]
    assert money[4] == "779054,51", money
    first = [r for t, r in by_title.items() if t.startswith("Поступило обращений от юридических лиц")][0]
    assert first[3:7] == ["23142", "22808", "-334", "-1,4"], first


def test_png(ctx):
    data = open(ctx.files["png"], "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, idat = 8, {}, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks[kind] = body
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (width, height) == (3508, 2480), (width, height)
    # 300 dpi: 11811 pixels a metre, both ways.
    assert struct.unpack(">IIB", chunks[b"pHYs"]) == (11811, 11811, 1), chunks[b"pHYs"]
    channels = {2: 3, 6: 4}[colour]
    assert len(zlib.decompress(idat)) == height * (1 + width * channels * depth // 8)


def test_svg(ctx):
    root = ET.parse(ctx.files["svg"]).getroot()
    assert root.get("viewBox") == "0 0 1600 900", root.get("viewBox")
    fractions = 0
    for e in root.iter():
        for key, value in e.attrib.items():
            local = key.split("}")[-1]
            if local in ("d", "x", "y", "width", "height", "viewBox", "transform", "points", "style",
                         "x1", "y1", "x2", "y2", "r", "stroke-width", "font-size"):
                assert not COMMA_NUMBER.search(value), (e.tag, local, value[:80])
            if local == "d":
                for token in value.split():
                    assert token.isalpha() or C_NUMBER.fullmatch(token), (token, value[:80])
                    fractions += "." in token
    assert fractions > 0


def test_chart_pdf(ctx):
    # A4 landscape.
    assert near(pdfinfo_size(ctx.files["chart.pdf"]), A4[::-1]), pdfinfo_size(ctx.files["chart.pdf"])
    text = " ".join(pdf_text(ctx.files["chart.pdf"]))
    for wanted in ("Все направления", "22" + NNBSP + "808", MINUS + "1,4" + NBSP + "%"):
        assert wanted in text, (wanted, text[:300])


def test_chart_captions_in_c_locale(ctx):
    """A chart file is a document: run in the C locale, its captions are still in the data's
    language, as the report's charts are; nothing English is mixed with the Russian."""
    path = os.path.join(ctx.dir, "c-locale-chart.pdf")
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", LANG="C.UTF-8")
    r = run(["--database", ctx.db, "chart", "--area", "documents", "--year", "2023", "--compare", "2022",
             "-o", path], env)
    assert r.returncode == 0, r.stderr
    text = " ".join(pdf_text(path))
    for wanted in ("Контроль исполнения документов", "2023" + NBSP + "г. к 2022" + NBSP + "г.", "Источник:",
                   "«Итоги»"):
        assert wanted in text, (wanted, text[:400])
    for english in ("Source", " vs ", "Itogi"):
        assert english not in text, (english, text[:400])


def test_report_pdf_outline(ctx):
    """The outline is there under ru_RU: one entry per area, opening the page and place of its heading."""
    from PyPDF2 import PdfReader
    path = ctx.files["report.pdf"]
    reader = PdfReader(path)
    outline = reader.outline
    titles = [o.title for o in outline]
    assert titles == [f"{i}. {t}" for i, t in enumerate(ctx.areas, 1)], titles
    bbox = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True).stdout
    pages = re.findall(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", bbox, re.S)
    assert len(pages) == len(reader.pages)
    for entry in outline:
        number = reader.get_destination_page_number(entry)
        width, height, words = pages[number]
        assert near((float(width), float(height)), A4), (width, height)
        first = entry.title.split()[0]  # «1.»
        boxes = [(float(y), w) for y, w in re.findall(r'yMin="([\d.]+)"[^>]*>([^<]*)<', words)]
        heading = [y for (y, w), nxt in zip(boxes, boxes[1:]) if w == first and nxt[1] == entry.title.split()[1]]
        assert heading, f"«{entry.title}» is not on page {number + 1}"
        # The destination is just above the heading (PDF y runs upwards).
        top = float(height) - float(entry.top)
        assert any(0 <= y - top <= 24 for y in heading), (entry.title, top, heading)


def test_report_texts(ctx):
    """The report's figures in Russian typography, in all three formats."""
    wanted = ["779" + NNBSP + "054,51", "22" + NNBSP + "808 (2022" + NBSP + "г." + NBSP + "–" + NBSP + "23" + NNBSP + "142)",
              "119,6" + NBSP + "млн" + NBSP + "руб."]
    pdf = " ".join(pdf_text(ctx.files["report.pdf"]))
    odt = "".join(ET.fromstring(zip_members(ctx.files["odt"])["content.xml"]).itertext())
    txt = open(ctx.files["txt"], encoding="utf-8").read()
    for name, text in (("pdf", re.sub(r"\s*\n\s*", " ", pdf)), ("odt", odt), ("txt", txt)):
        for w in wanted:
            assert w in text, (name, w)


def test_odt_lengths(ctx):
    members = zip_members(ctx.files["odt"])
    assert list(members)[0] == "mimetype"
    lengths = 0
    for name in ("content.xml", "styles.xml"):
        for e in ET.fromstring(members[name]).iter():
            for key, value in e.attrib.items():
                for length in LENGTH.findall(value):
                    assert re.fullmatch(r"-?\d+(\.\d+)?(cm|mm|in|pt|pc|px)", length), (name, key, value)
                    lengths += "." in length
    assert lengths > 0



if __name__ == "__main__":
    sys.exit(taprunner.run(globals(), Context, "every export written under ru_RU.UTF-8 and with LC_NUMERIC=C",
                           lambda ctx: shutil.rmtree(ctx.dir, ignore_errors=True)))
