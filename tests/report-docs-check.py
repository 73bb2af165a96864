#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The report documents read back by readers that share no code with Itogi.

    report-docs-check.py pdf FILE --heading H... --text T... [--title T --author A]
                             [--table-rows REGEX]
    report-docs-check.py odt FILE --heading H... --text T... [--title T --author A] [--tasks N]
                             [--spaced T...]

PDF: PyPDF2 reads the metadata, the outline and the exact text (it keeps U+202F and U+2212,
which poppler turns into plain spaces and hyphens), and poppler's `pdftotext -bbox` gives every
word's box, to check that nothing crosses a margin and no two words overlap.

ODT: Python's zipfile and XML parser check the container as ODF asks for it, and LibreOffice
Writer converts the file to text and to PDF (kept beside it as FILE.lo.pdf for a person to look
at). Exits non-zero with a message on the first failure; prints what it checked otherwise.
"""
import argparse
import html
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

MM = 72 / 25.4
PAGE = (210 * MM, 297 * MM)
# The margins the PDF writer promises: 20 mm left, 15 mm right, 20 mm top and bottom.
LEFT, RIGHT, TOP, BOTTOM = 20 * MM, PAGE[0] - 15 * MM, 20 * MM, PAGE[1] - 20 * MM
SLACK = 0.75  # points: rounding in the file and in poppler's boxes
MIMETYPE = b"application/vnd.oasis.opendocument.text"

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}


def q(name):
    prefix, local = name.split(":")
    return "{%s}%s" % (NS[prefix], local)


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def squeeze(text):
    """Line breaks and runs of spaces as single spaces. A reader may put a space after a no-break
    space that justification widened; that space is the reader's, not the document's."""
    text = re.sub(r"[ \t\r\n\f]+", " ", text)
    return text.replace("\u00a0 ", "\u00a0").strip()


def need_all(text, wanted, where):
    for w in wanted:
        check(squeeze(w) in text, f"«{w}» is not in {where}")


# ---- PDF ----

def pdf_words(path):
    """Every word's box, page by page, from poppler's pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = []
        for m in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>',
                             page.group(3)):
            words.append((float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)),
                          html.unescape(m.group(5))))
        pages.append(((float(page.group(1)), float(page.group(2))), words))
    return pages


def check_pdf_geometry(path, table_rows=None):
    pages = pdf_words(path)
    check(len(pages) > 2, f"only {len(pages)} pages")
    for number, (size, words) in enumerate(pages, start=1):
        check(abs(size[0] - PAGE[0]) < 1 and abs(size[1] - PAGE[1]) < 1, f"page {number} is {size}, not A4")
        footer = []
        for x0, y0, x1, y1, text in words:
            if y0 > BOTTOM:
                footer.append(text)
                continue
            check(x0 >= LEFT - SLACK and x1 <= RIGHT + SLACK and y0 >= TOP - SLACK and y1 <= BOTTOM + SLACK,
                  f"page {number}: «{text}» at ({x0:.1f}, {y0:.1f})–({x1:.1f}, {y1:.1f}) crosses a margin")
        # The foot of the page holds its number and nothing else (none on the title page).
        check(footer == ([] if number == 1 else [str(number)]), f"page {number}'s foot holds {footer}")
        # No two words drawn over each other.
        boxes = sorted(words, key=lambda w: w[1])
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if b[1] >= a[3] - 1:
                    break
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                check(dx <= 1 or dy <= 1, f"page {number}: «{a[4]}» and «{b[4]}» overlap")
        # A table that goes on over pages repeats its header row above its rows on each page.
        rows = [w for w in words if table_rows and re.fullmatch(table_rows, w[4])]
        if table_rows and rows:
            top = min(w[1] for w in rows)
            check(any(w[4] == "Показатель" and w[3] <= top for w in words),
                  f"page {number}: table rows without the header row above them")
    if table_rows:
        spread = sum(1 for _, words in pages if any(re.fullmatch(table_rows, w[4]) for w in words))
        check(spread > 1, f"the table with «{table_rows}» is on {spread} page(s)")
    return len(pages)


def check_pdf(args):
    from PyPDF2 import PdfReader  # Debian's python3-pypdf2

    reader = PdfReader(args.file)
    meta = reader.metadata
    if args.title is not None:
        check(meta.get("/Title") == args.title, f"title is {meta.get('/Title')!r}")
    if args.author is not None:
        check(meta.get("/Author") == args.author, f"author is {meta.get('/Author')!r}")
    check(str(meta.get("/Creator", "")).startswith("Itogi"), f"creator is {meta.get('/Creator')!r}")

    texts = [squeeze(page.extract_text()) for page in reader.pages]
    need_all(" ".join(texts), args.text + args.heading, "the PDF (PyPDF2)")

    # One outline entry per area, flat and in order, each opening the page its heading is on.
    outline = reader.outline
    check(all(not isinstance(o, list) for o in outline), "the outline is nested")
    titles = [o.title for o in outline]
    check(titles == args.heading, f"the outline is {titles}")
    for entry in outline:
        page = reader.get_destination_page_number(entry)
        check(squeeze(entry.title) in texts[page], f"«{entry.title}» opens page {page + 1}, which lacks it")

    # A heading never ends a page: something of its area follows it on the same page.
    words = pdf_words(args.file)
    for entry in outline:
        page = reader.get_destination_page_number(entry)
        tokens = entry.title.split()
        on_page = words[page][1]
        ends = [max(w[3] for w in on_page[i:i + len(tokens)]) for i in range(len(on_page))
                if [w[4] for w in on_page[i:i + len(tokens)]] == tokens]
        check(ends, f"«{entry.title}» not found word by word on page {page + 1}")
        below = [w for w in on_page if ends[0] + 2 < w[1] < BOTTOM]
        check(below, f"«{entry.title}» ends page {page + 1}")

    # Ragged right: the no-break spaces of «(2022 г. – 1 064)» are never widened with a justified
    # line's spaces, so the gap before the dash is the same wherever it stands.
    gaps = [b[0] - a[2] for _, page in words for a, b in zip(page, page[1:])
            if a[4].endswith("г.") and b[4].startswith("–") and abs(a[1] - b[1]) < 1]
    if gaps:
        check(max(gaps) - min(gaps) < 0.6, f"the space before «–» varies from {min(gaps):.1f} to {max(gaps):.1f} pt")

    # A chart stays with its section: never alone at the head of a page, with nothing of its
    # section (its table's last rows) above it. A chart is found by its subtitle, «2023 г. к
    # 2022 г.», the line under its title.
    charts = 0
    for number, (_, page) in enumerate(words, start=1):
        for i in range(1, len(page) - 1):
            if page[i][4] == "к" and page[i - 1][4].startswith("г.") and re.match(r"\d{4}", page[i + 1][4]):
                charts += 1
                above = [w for w in page if w[3] < page[i][1] - 30 and w[1] > TOP - SLACK]
                check(above, f"page {number}: a chart starts the page alone, away from its section")

    pages = check_pdf_geometry(args.file, args.table_rows)
    print(f"pdf: {pages} pages, {charts} charts, each with its section, {len(titles)} outline entries, {len(args.text)} texts found, margins kept")


def font_families(path):
    """The font families a PDF embeds, from pdffonts: «ABCDEF+NimbusRoman-Bold» and
    «BAAAAA+NimbusRomanBold» are both «NimbusRoman»."""
    out = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    families = set()
    for line in out.splitlines()[2:]:
        name = line.split()[0].split("+")[-1].replace("-", "")
        families.add(re.sub(r"(Regular|Bold|Italic|Oblique|Book|Medium)+$", "", name))
    return families


# ---- ODT ----

def png_info(data):
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "a picture is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    dpi = None
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"pHYs":
            ppm, _, unit = struct.unpack(">IIB", data[pos + 8:pos + 17])
            dpi = round(ppm * 0.0254) if unit == 1 else None
        if kind == b"IDAT":
            break
        pos += 12 + length
    return width, height, dpi


def libreoffice(args, odt, target, outdir):
    profile = tempfile.mkdtemp(prefix="itogi-lo-")
    try:
        env = dict(os.environ, HOME=profile)
        r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}/p",
                            "--convert-to", target, "--outdir", outdir, odt],
                           capture_output=True, text=True, env=env, timeout=180)
        check(r.returncode == 0, f"LibreOffice failed: {r.stdout} {r.stderr}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def check_odt(args):
    z = zipfile.ZipFile(args.file)
    infos = z.infolist()
    names = [i.filename for i in infos]
    # ODF 1.2 part 3, 3.3: «mimetype» first, stored, no extra field, so its bytes sit at offset 38.
    check(names[0] == "mimetype", f"the first entry is {names[0]}")
    check(infos[0].compress_type == zipfile.ZIP_STORED, "mimetype is compressed")
    check(z.read("mimetype") == MIMETYPE, "wrong mimetype")
    with open(args.file, "rb") as f:
        head = f.read(38 + len(MIMETYPE))
    check(head[30:38] == b"mimetype" and head[38:] == MIMETYPE, "mimetype is not at offset 30/38")
    check(names[1:5] == ["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"], f"entries {names}")
    pictures = [n for n in names if n.startswith("Pictures/")]
    check(all(n.endswith(".png") for n in pictures), f"pictures {pictures}")
    check(z.testzip() is None, "a CRC is wrong")

    xml = {n: ET.fromstring(z.read(n)) for n in names if n.endswith(".xml")}

    manifest = {e.get(q("manifest:full-path")): e.get(q("manifest:media-type"))
                for e in xml["META-INF/manifest.xml"].iter(q("manifest:file-entry"))}
    check(manifest.pop("/") == MIMETYPE.decode(), "the manifest's root type")
    check(set(manifest) == set(names) - {"mimetype", "META-INF/manifest.xml"}, f"manifest {sorted(manifest)}")
    for name, kind in manifest.items():
        check(kind == ("image/png" if name.endswith(".png") else "text/xml"), f"{name} is listed as {kind}")

    # Ragged right, as the PDF: a justified line would widen its no-break spaces too.
    for style in xml["styles.xml"].iter(q("style:paragraph-properties")):
        check(style.get(q("fo:text-align")) != "justify", "a paragraph style is justified")

    content = xml["content.xml"]
    automatic = {s.get(q("style:name")): s.get(q("style:parent-style-name"))
                 for s in content.iter(q("style:style"))}
    headings = [h for h in content.iter(q("text:h")) if h.get(q("text:outline-level")) == "1"]
    titles = ["".join(h.itertext()) for h in headings]
    check(titles == args.heading, f"headings {titles}")
    for h in headings:
        style = h.get(q("text:style-name"))
        # A real heading style (or an automatic one made from it), so the Navigator lists it.
        check("Heading_20_1" in (style, automatic.get(style)), f"heading style {style}")

    images = list(content.iter(q("draw:image")))
    check(len(images) == len(pictures) and len(images) > 0, f"{len(images)} images, {len(pictures)} pictures")
    for image in images:
        href = image.get(q("xlink:href"))
        check(href in pictures, f"{href} is not in the file")
        width, height, dpi = png_info(z.read(href))
        # Print resolution: 17,5 cm at 300 dpi.
        check(width >= 2000 and dpi == 300, f"{href} is {width}×{height} at {dpi} dpi")
    for frame in content.iter(q("draw:frame")):
        # Alt text for screen readers: the chart described in words.
        desc = frame.find(q("svg:desc"))
        check(desc is not None and len(desc.text or "") > 20, f"{frame.get(q('draw:name'))} has no description")
    tables = list(content.iter(q("table:table")))
    check(len(tables) > 0, "no tables")
    for t in tables:
        check(t.find(q("table:table-header-rows")) is not None, f"{t.get(q('table:name'))} has no header row")
    lists = list(content.iter(q("text:list")))
    numbered = [x for x in lists if x.get(q("text:style-name")) == "Numbering_20_123"]
    check(len(numbered) == args.tasks, f"{len(numbered)} task lists, not {args.tasks}")
    # Every other list is a dashed one («Было зарегистрировано:», the opening), items in paragraphs.
    for x in lists:
        if x not in numbered:
            check(x.get(q("text:style-name")) == "Dash_20_List", f"a list styled {x.get(q('text:style-name'))}")

    styles = xml["styles.xml"]
    layouts = [p.find(q("style:page-layout-properties")) for p in styles.iter(q("style:page-layout"))]
    check(layouts and all(p.get(q("fo:page-width")) == "21cm" and p.get(q("fo:page-height")) == "29.7cm"
                          for p in layouts), "the pages are not A4")
    numbered = [m for m in styles.iter(q("style:master-page")) if m.get(q("style:name")) == "Standard"]
    check(numbered and list(numbered[0].iter(q("text:page-number"))), "no page numbers")

    meta = xml["meta.xml"]
    if args.title is not None:
        check(meta.find(".//" + q("dc:title")).text == args.title, "the title in meta.xml")
    if args.author is not None:
        check(meta.find(".//" + q("meta:initial-creator")).text == args.author, "the author in meta.xml")

    # LibreOffice Writer reads it: as text, everything is there with its typography...
    out = tempfile.mkdtemp(prefix="itogi-odt-")
    try:
        odt = os.path.join(out, "report.odt")
        shutil.copy(args.file, odt)
        libreoffice(args, odt, "txt:Text (encoded):UTF8", out)
        with open(os.path.join(out, "report.txt"), encoding="utf-8-sig") as f:
            text = squeeze(f.read())
        need_all(text, args.text + args.heading, "LibreOffice's text of the ODT")
        with open(os.path.join(out, "report.txt"), encoding="utf-8-sig") as f:
            raw = f.read()
        for spaced in args.spaced:
            check(spaced in raw, f"«{spaced!r}» (spaces and tabs as written) is not in LibreOffice's text")
        # ...and printed, it is A4 pages numbered after the title page.
        libreoffice(args, odt, "pdf", out)
        pdf = os.path.join(out, "report.pdf")
        shutil.copy(pdf, args.file + ".lo.pdf")
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        check(pages > 2 and "(A4)" in info, f"LibreOffice printed {pages} pages: {info}")
        # A figure or a heading word of the tables is never broken across lines of its cell.
        if args.whole:
            layout = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                                    check=True).stdout
            lines = [re.sub(r"[ \u00a0\u202f]+", " ", line) for line in layout.splitlines()]
            for whole in args.whole:
                flat = re.sub(r"[ \u00a0\u202f]+", " ", whole)
                check(any(flat in line for line in lines), f"«{whole}» is broken across lines in LibreOffice's print")
        for number, (_, words) in enumerate(pdf_words(pdf), start=1):
            footer = [w[4] for w in words if w[1] > BOTTOM]
            check(footer == ([] if number == 1 else [str(number)]), f"LibreOffice's page {number} foot: {footer}")
        # ...in the faces Itogi's own PDF of the same report uses on this machine.
        if args.same_fonts_as:
            printed, own = font_families(pdf), font_families(args.same_fonts_as)
            check(printed and printed <= own, f"LibreOffice prints the ODT in {sorted(printed)}, the PDF uses {sorted(own)}")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"odt: {len(names)} entries, {len(titles)} headings, {len(tables)} tables, {len(images)} charts; "
          f"LibreOffice printed {pages} pages")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["pdf", "odt"])
    parser.add_argument("file")
    parser.add_argument("--heading", action="append", default=[])
    parser.add_argument("--text", action="append", default=[])
    parser.add_argument("--title")
    parser.add_argument("--author")
    parser.add_argument("--tasks", type=int, default=0)
    parser.add_argument("--whole", action="append", default=[])
    parser.add_argument("--table-rows")
    parser.add_argument("--spaced", action="append", default=[])
    parser.add_argument("--same-fonts-as")
    args = parser.parse_args()
    try:
        (check_pdf if args.kind == "pdf" else check_odt)(args)
    except Failed as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
