#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Excel workbook and the CSV, read back by independent readers: openpyxl and LibreOffice.

Runs the real itogi-cli (ITOGI_CLI) on a fresh database and prints TAP.
"""
import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

import taprunner

CLI = os.environ["ITOGI_CLI"]
NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"

# Every figure of the report: sheet, indicator title (start), 2022, 2023, number format words.
FIGURES = [
    ("Контроль документов", "Поступило обращений от юридических лиц", 23142, 22808),
    ("Контроль документов", "Зарегистрировано индивидуальных поручений", 1064, 1079),
    ("Контроль документов", "Зарегистрировано исходящих документов", 4829, 3997),
    ("Контроль документов", "Зарегистрировано прочих документов", 1674, 1543),
    ("Контроль документов", "Обработано контрольных документов", None, 8000),
    ("Контроль документов", "Поставлено на контроль поручений", None, 1959),
    ("Контроль документов", "На контроле поручений по итогам прямых эфиров", None, 4),
    ("Обращения граждан", "Получено и зарегистрировано письменных обращений", 6667, 6553),
    ("Финансовый контроль", "Проведено выездных и камеральных проверок", 16, 23),
    ("Финансовый контроль", "Экономия бюджетных средств", None, 779054.51),
    ("Правовое обеспечение", "Даны консультации гражданам", None, 65),
    ("Правовое обеспечение", "Подано юристами Городской Управы исков", 6624, 6000),
    ("Правовое обеспечение", "Принято участие в заседаниях судов", 5648, 5600),
    ("Правовое обеспечение", "Взыскано в бюджет города", None, 119585521.99),
    ("Административные барьеры", "Услуги органов Городской Управы", 74, 71),
    ("Административные барьеры", "Государственные и муниципальные услуги", None, 50),
    ("Административные барьеры", "Заявления в МФЦ", 8374, 3493),
    ("Кадры", "Сотрудники, охваченные мероприятиями", 300, 340),
]
QUALIFIED = {  # title start → (year column, word that the number format must show)
    "Обработано контрольных документов": ("E", "более"),
    "Подано юристами Городской Управы исков": ("E", "свыше"),
    "Принято участие в заседаниях судов": ("E", "более"),
    "Сотрудники, охваченные мероприятиями": ("E", "порядка"),
}

C_NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
CHART_SHEET = "Данные диаграмм"


def run(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env)


class Context:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="itogi-export-")
        self.db = os.path.join(self.dir, "itogi.db")
        r = run("--database", self.db, "init")
        assert r.returncode == 0, r.stderr
        self.xlsx = os.path.join(self.dir, "Итоги 2023 к 2022.xlsx")
        r = run("--database", self.db, "export", "--year", "2023", "--compare", "2022", "-o", self.xlsx)
        assert r.returncode == 0, r.stderr
        self.wb = openpyxl.load_workbook(self.xlsx)
        self.values = openpyxl.load_workbook(self.xlsx, data_only=True)

    def row_of(self, ws, title):
        for row in range(3, ws.max_row + 1):
            value = ws.cell(row=row, column=2).value
            if isinstance(value, str) and value.startswith(title):
                return row
        raise AssertionError(f"{title!r} not on {ws.title}")


def test_sheets(ctx):
    names = ctx.wb.sheetnames
    assert names[0] == "Сводка", names
    assert names == ["Сводка", "Контроль документов", "Обращения граждан", "Финансовый контроль",
                     "Правовое обеспечение", "Административные барьеры", "Кадры", "Пояснения", CHART_SHEET], names
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == len(names)
    # No page that would hold only an empty table or «no tasks»: the two areas with no indicator
    # are named on the summary, under its table; with no tasks for 2024 there is no tasks sheet.
    summary = [str(c.value) for row in ctx.wb["Сводка"].iter_rows() for c in row if c.value]
    assert ("Без показателей в отчёте: Работа с общественными организациями и правоохранительными органами; "
            "Подведомственные учреждения.") in summary, summary[-3:]


def test_every_figure(ctx):
    for sheet, title, prev, cur in FIGURES:
        ws = ctx.wb[sheet]
        row = ctx.row_of(ws, title)
        for column, expected in (("D", prev), ("E", cur)):
            cell = ws[f"{column}{row}"]
            if expected is None:
                assert cell.value is None, (sheet, title, column, cell.value)
                continue
            assert isinstance(cell.value, (int, float)), (title, cell.value)
            assert abs(cell.value - expected) < 1e-6, (title, column, cell.value, expected)
            money = isinstance(expected, float)
            base = "#,##0.00" if money else "#,##0"
            if not QUALIFIED.get(title) or QUALIFIED[title][0] != column:
                # Exactly the count or money format, with a true minus for negatives.
                assert cell.number_format == f'{base};"{MINUS}"{base}', (title, cell.number_format)
        word = QUALIFIED.get(title)
        if word:
            assert word[1] in ws[f"{word[0]}{row}"].number_format, (title, ws[f"{word[0]}{row}"].number_format)


def test_formulas_and_cached_results(ctx):
    ws = ctx.wb["Контроль документов"]
    cached = ctx.values["Контроль документов"]
    row = ctx.row_of(ws, "Поступило обращений от юридических лиц")
    assert ws[f"F{row}"].value == f"=E{row}-D{row}", ws[f"F{row}"].value
    assert ws[f"G{row}"].value == f"=(E{row}-D{row})/D{row}", ws[f"G{row}"].value
    assert cached[f"F{row}"].value == -334
    assert abs(cached[f"G{row}"].value - (-334 / 23142)) < 1e-9
    assert MINUS in ws[f"F{row}"].number_format and "%" in ws[f"G{row}"].number_format
    # An approximate figure gets an approximate change; a bound gets none.
    kadry = ctx.wb["Кадры"]
    row = ctx.row_of(kadry, "Сотрудники")
    assert "≈" in kadry[f"F{row}"].number_format and "≈" in kadry[f"G{row}"].number_format
    assert ctx.values["Кадры"][f"F{row}"].value == 40
    legal = ctx.wb["Правовое обеспечение"]
    row = ctx.row_of(legal, "Подано юристами")
    assert legal[f"F{row}"].value == "—" and legal[f"G{row}"].value == "—"
    assert "свыше" in legal[f"H{row}"].value
    # The summary holds every indicator with the same numbers.
    summary = ctx.wb["Сводка"]
    titles = [summary.cell(row=r, column=2).value for r in range(3, summary.max_row + 1)]
    assert len([t for t in titles if t]) == 18, titles
    assert ctx.values["Сводка"]["F3"].value == -334


def test_layout_and_print(ctx):
    for name in ctx.wb.sheetnames:
        ws = ctx.wb[name]
        if name == CHART_SHEET:  # the charts' data, hidden, never printed
            continue
        assert ws.page_setup.orientation == "landscape", name
        assert str(ws.page_setup.paperSize) == "9", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0, name
        assert ws.print_title_rows == "$1:$2", (name, ws.print_title_rows)
        assert ws.oddFooter.center.text and "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert ws.freeze_panes == "A3", (name, ws.freeze_panes)
    ws = ctx.wb["Контроль документов"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:H1"]
    assert ws["A1"].value == f"Контроль исполнения документов: 2023{NBSP}г. к 2022{NBSP}г."
    assert ws.oddHeader.center.text.endswith("Контроль исполнения документов: 2023\u00a0г. к 2022\u00a0г.")
    assert ws.auto_filter.ref == "A2:H9", ws.auto_filter.ref
    assert [ws.cell(row=2, column=c).value for c in range(1, 9)] == [
        "№", "Показатель", "Ед. изм.", f"2022{NBSP}г.", f"2023{NBSP}г.", "Δ", "Δ %", "Примечание"]
    assert ws["B3"].alignment.wrap_text
    # Widths come from character counts, capped near 60 (Excel adds its own padding).
    assert 30 <= ws.column_dimensions["B"].width <= 62, ws.column_dimensions["B"].width


def charts_by_sheet(path):
    """Each sheet's charts, as parsed XML, found through the package's own relationships: a
    reading independent of the writer and of openpyxl."""
    rel = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

    def rels_of(z, part):
        folder, name = os.path.split(part)
        rels = os.path.join(folder, "_rels", name + ".rels")
        if rels not in z.namelist():
            return {}
        return {r.get("Id"): os.path.normpath(os.path.join(folder, r.get("Target")))
                for r in ET.fromstring(z.read(rels)).iter(rel)}

    out = {}
    with zipfile.ZipFile(path) as z:
        book = rels_of(z, "xl/workbook.xml")
        for sheet in ET.fromstring(z.read("xl/workbook.xml")).iter(main + "sheet"):
            part = book[sheet.get(rid)]
            charts = []
            for drawing in rels_of(z, part).values():
                if "/drawings/" in drawing:
                    for target in rels_of(z, drawing).values():
                        if "/charts/" in target:
                            charts.append(ET.fromstring(z.read(target)))
            out[sheet.get("name")] = charts
    return out


def rows_of(ref):
    """«'Данные диаграмм'!$A$2:$A$4» → (2, 4); a single cell gives (n, n)."""
    cells = ref.split("!")[1].replace("$", "").split(":")
    first = int("".join(ch for ch in cells[0] if ch.isdigit()))
    last = int("".join(ch for ch in cells[-1] if ch.isdigit()))
    return first, last


def test_charts(ctx):
    """One horizontal bar chart per unit and scale: the value axis from 0, the indicators' own
    titles as categories, every label the figure as the table shows it, qualifier included."""
    with_figures = {"Контроль документов": 7, "Обращения граждан": 1, "Финансовый контроль": 2,
                    "Правовое обеспечение": 4, "Административные барьеры": 3, "Кадры": 1}
    charts = charts_by_sheet(ctx.xlsx)
    data = ctx.wb[CHART_SHEET]
    assert data.sheet_state == "hidden"
    labels_seen = set()
    for name in ctx.wb.sheetnames:
        if name not in with_figures:
            assert charts[name] == [], name
            continue
        ws = ctx.wb[name]
        titles = [ws.cell(row=r, column=2).value for r in range(3, 3 + with_figures[name])]
        plotted = []
        assert charts[name], name
        for chart in charts[name]:
            assert chart.find(".//c:barChart/c:barDir", C_NS).get("val") == "bar", name
            assert chart.find(".//c:valAx/c:scaling/c:min", C_NS).get("val") == "0", name
            series = chart.findall(".//c:ser", C_NS)
            assert len(series) == 2, name
            first, last = rows_of(series[0].find("c:cat/c:strRef/c:f", C_NS).text)
            assert series[0].find("c:cat/c:strRef/c:f", C_NS).text.startswith(f"'{CHART_SHEET}'!")
            units = {data.cell(row=r, column=2).value for r in range(first, last + 1)}
            assert len(units) == 1, (name, units)
            title = "".join(t.text for t in chart.find("c:chart/c:title", C_NS).iter(f"{{{C_NS['a']}}}t"))
            assert title.endswith(", " + units.pop()), title
            magnitudes = [abs(v) for r in range(first, last + 1) for c in (3, 4)
                          if isinstance(v := data.cell(row=r, column=c).value, (int, float)) and v]
            assert max(magnitudes) <= 10 * min(magnitudes), (name, magnitudes)
            for r in range(first, last + 1):
                label = data.cell(row=r, column=1).value
                match = [t for t in titles if t == label or (label.endswith("…") and t.startswith(label[:-1]))]
                assert len(match) == 1, (name, label)
                plotted.append(match[0])
            for s, column in zip(series, (3, 4)):
                assert rows_of(s.find("c:val/c:numRef/c:f", C_NS).text) == (first, last)
                for label in s.findall("c:dLbls/c:dLbl", C_NS):
                    idx = int(label.find("c:idx", C_NS).get("val"))
                    value = data.cell(row=first + idx, column=column).value
                    if label.find("c:delete", C_NS) is not None:
                        assert value is None, (name, idx)
                        continue
                    text = "".join(t.text for t in label.iter(f"{{{C_NS['a']}}}t"))
                    labels_seen.add(text)
                    digits = text.replace(NNBSP, "").replace(NBSP, " ").split()[-1].replace(",", ".")
                    assert abs(float(digits) - value) < 1e-6, (name, text, value)
        assert sorted(plotted) == sorted(titles), (name, plotted)
    # Qualifiers and decimals as in the table: none on counts, kopecks on money.
    for text in ("более" + NBSP + "8" + NNBSP + "000", "свыше" + NBSP + "6" + NNBSP + "000",
                 "порядка" + NBSP + "340", "779" + NNBSP + "054,51", "16", "23"):
        assert text in labels_seen, (text, sorted(labels_seen))
    # 16 inspections and 779 054,51 roubles never share an axis.
    finance = [" ".join(t.text for t in c.iter(f"{{{C_NS['a']}}}t")) for c in charts["Финансовый контроль"]]
    assert len(finance) == 2, finance


def test_widths_headings_and_notes(ctx):
    """Every figure fits its column (LibreOffice prints no «###»), a change of a large sum
    included; year headings stand right over their numbers; notes join without «.;»; an
    institution's note that names it is not preceded by its name again."""
    db = os.path.join(ctx.dir, "wide.db")
    assert run("--database", db, "init").returncode == 0
    figures = os.path.join(ctx.dir, "wide.csv")
    with open(figures, "w", encoding="utf-8") as f:
        f.write("Показатель;Год;Значение;Примечание\n"
                "Взыскано в бюджет города;2022;999999999999,99;По решениям судов.\n"
                "Проведено выездных и камеральных проверок;2022;16;Плановые и внеплановые.\n"
                "Проведено выездных и камеральных проверок;2023;23;Все в срок.\n")
    r = run("--database", db, "import", figures)
    assert r.returncode == 0, r.stderr
    path = os.path.join(ctx.dir, "wide.xlsx")
    r = run("--database", db, "export", "--year", "2023", "--compare", "2022", "-o", path)
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(path)
    legal = wb["Правовое обеспечение"]
    row = ctx.row_of(legal, "Взыскано в бюджет города")
    delta = len("−999" + NNBSP + "880" + NNBSP + "414" + NNBSP + "478,00")
    assert legal.column_dimensions["F"].width >= delta, legal.column_dimensions["F"].width
    assert legal.column_dimensions["D"].width >= len("999 999 999 999,99"), legal.column_dimensions["D"].width
    for name in ("Сводка", "Правовое обеспечение"):
        ws = wb[name]
        assert [ws.cell(row=2, column=c).alignment.horizontal for c in range(4, 8)] == ["right"] * 4, name
        assert ws.cell(row=2, column=2).alignment.horizontal != "right", name
    finance = wb["Финансовый контроль"]
    note = finance[f"H{ctx.row_of(finance, 'Проведено выездных')}"].value
    assert "внеплановые; 2023" in note and ".;" not in note, note
    notes = [str(c.value) for r_ in wb["Пояснения"].iter_rows() for c in r_ if c.value]
    assert not [n for n in notes if n.startswith("МКУ «Служба информационного обеспечения»: ")], notes
    assert [n for n in notes if n.startswith('МКУ "Служба информационного обеспечения" продолжает')], notes
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is not installed"
    out = os.path.join(ctx.dir, "lo-wide")
    profile = "file://" + os.path.join(ctx.dir, "lo-profile")
    r = subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                        "--outdir", out, path], capture_output=True, text=True, env=dict(os.environ, HOME=ctx.dir),
                       timeout=180)
    assert r.returncode == 0, r.stderr
    text = subprocess.run(["pdftotext", "-layout", os.path.join(out, "wide.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "999" in text and "###" not in text, [line for line in text.splitlines() if "###" in line][:5]


def test_notes_tasks_properties(ctx):
    notes = ctx.wb["Пояснения"]
    text = " ".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    assert "цифровой трансформации" in text and "Калужская неделя" in text
    # Tasks entered for 2024 get their sheet.
    db = os.path.join(ctx.dir, "tasks.db")
    assert run("--database", db, "init").returncode == 0
    con = sqlite3.connect(db)
    con.execute("INSERT INTO tasks (area_id, year, position, text, changed_by, changed_at) "
                "SELECT id, 2024, 1, 'Сократить сроки ответа на обращения', 'test', '2024-01-10' "
                "FROM areas WHERE slug = 'appeals'")
    con.commit()
    con.close()
    path = os.path.join(ctx.dir, "tasks.xlsx")
    r = run("--database", db, "export", "--year", "2023", "-o", path)
    assert r.returncode == 0, r.stderr
    tasks = openpyxl.load_workbook(path)["Задачи на 2024 год"]
    assert tasks["A1"].value == "Задачи на 2024 год"
    assert tasks["C3"].value == "Сократить сроки ответа на обращения" and tasks["A3"].value == "Обращения граждан"
    assert ctx.wb.properties.title == f"Итоги: 2023{NBSP}г. к 2022{NBSP}г."
    assert ctx.wb.properties.creator == "Управление делами Городского Головы города Калуги"
    ws = ctx.wb["Административные барьеры"]
    row = ctx.row_of(ws, "Заявления в МФЦ")
    assert "Единый портал госуслуг" in ws[f"H{row}"].value


def test_russian_locale(ctx):
    """Under ru_RU.UTF-8 the numbers are still written with a dot (libxlsxwriter's trap)."""
    env = dict(os.environ, LC_ALL="ru_RU.UTF-8", LANGUAGE="")
    probe = subprocess.run(["locale"], capture_output=True, text=True, env=env)
    assert "ru_RU.UTF-8" in probe.stdout and not probe.stderr, probe.stderr
    path = os.path.join(ctx.dir, "ru.xlsx")
    r = run("--database", ctx.db, "export", "-o", path, env=env)
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Финансовый контроль"]
    row = ctx.row_of(ws, "Экономия бюджетных средств")
    assert abs(ws[f"E{row}"].value - 779054.51) < 1e-6
    assert abs(wb["Контроль документов"]["G3"].value - (-334 / 23142)) < 1e-9


def test_csv(ctx):
    path = os.path.join(ctx.dir, "итоги.csv")
    r = run("--database", ctx.db, "export", "--format", "csv", "-o", path)
    assert r.returncode == 0, r.stderr
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:5]
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:5] == ["Направление", "Показатель", "Ед. изм.", f"2022{NBSP}г.", f"2023{NBSP}г."], rows[0]
    assert len(rows) == 19
    first = rows[1]
    assert first[3:7] == ["23142", "22808", "-334", "-1,4"], first
    money = [r for r in rows if r[1].startswith("Взыскано")][0]
    assert money[4] == "119585521,99", money
    qualified = [r for r in rows if r[1].startswith("Обработано")][0]
    assert qualified[4] == "более 8000", qualified


def test_formula_injection(ctx):
    """A title that looks like a formula stays text in the workbook and in the CSV."""
    con = sqlite3.connect(ctx.db)
    area = con.execute("SELECT id FROM areas WHERE slug = 'appeals'").fetchone()[0]
    con.execute("INSERT INTO indicators (area_id, slug, title, unit, kind, aggregation, polarity, position)"
                " VALUES (?, 'evil', '=HYPERLINK(\"http://x\",\"y\")', '@ед.', 'count', 'sum', 'neutral', 9)", (area,))
    con.commit()
    con.close()
    path = os.path.join(ctx.dir, "evil.xlsx")
    r = run("--database", ctx.db, "export", "-o", path)
    assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(path)["Обращения граждан"]
    cell = ws["B4"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s", (cell.value, cell.data_type)
    csv_path = os.path.join(ctx.dir, "evil.csv")
    r = run("--database", ctx.db, "export", "-o", csv_path)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(open(csv_path, encoding="utf-8-sig", newline=""), delimiter=";"))
    evil = [r for r in rows if "HYPERLINK" in r[1]][0]
    assert evil[1].startswith("'=HYPERLINK") and evil[2] == "'@ед.", evil


def test_refusals(ctx):
    missing = os.path.join(ctx.dir, "no such folder", "out.xlsx")
    r = run("--database", ctx.db, "export", "-o", missing)
    assert r.returncode != 0 and r.stderr.count("\n") == 1, r.stderr
    assert not os.path.exists(missing)
    r = run("--database", ctx.db, "export", "--year", "2023", "--compare", "2023", "-o",
            os.path.join(ctx.dir, "same.xlsx"))
    assert r.returncode != 0 and not os.path.exists(os.path.join(ctx.dir, "same.xlsx"))
    r = run("--database", ctx.db, "export", "--area", "nowhere", "-o", os.path.join(ctx.dir, "x.xlsx"))
    assert r.returncode != 0 and not os.path.exists(os.path.join(ctx.dir, "x.xlsx"))
    # Only the areas asked for, and no half-written files left beside the real ones.
    only = os.path.join(ctx.dir, "only.xlsx")
    r = run("--database", ctx.db, "export", "--area", "appeals", "--area", "personnel", "-o", only)
    assert r.returncode == 0, r.stderr
    assert openpyxl.load_workbook(only).sheetnames == ["Сводка", "Обращения граждан", "Кадры", "Пояснения",
                                                       "Данные диаграмм"]
    assert not [f for f in os.listdir(ctx.dir) if ".part-" in f]


def well_formed(path):
    """Every XML part parses: nothing Excel would have to repair."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ET.fromstring(z.read(name))


def test_hostile_text(ctx):
    """Control characters, 40 000-character notes, an area title that looks like a formula, negative
    money: the workbook still opens cleanly and says what it can."""
    db = os.path.join(ctx.dir, "hostile.db")
    r = run("--database", db, "init")
    assert r.returncode == 0, r.stderr
    con = sqlite3.connect(db)
    con.execute("UPDATE areas SET title = '=Контроль' || char(1) || ' документов', short_title = 'Связи & СМИ'"
                " WHERE slug = 'documents'")
    con.execute("UPDATE indicators SET title = 'Входящие' || char(7) || char(27) || ' письма'"
                " WHERE slug = 'incoming-legal'")
    con.execute("UPDATE indicator_values SET note = ? WHERE amount = 77905451", ("Очень длинно. " * 3000,))
    con.execute("UPDATE indicator_values SET amount = -12345 WHERE amount = 77905451")
    # A unit that looks like a formula stays text in its chart; no unit leaves no dangling comma.
    con.execute("UPDATE indicators SET unit = '=A1+1' WHERE slug = 'inspections'")
    con.execute("UPDATE indicators SET unit = '' WHERE slug = 'budget-savings'")
    con.execute("UPDATE area_notes SET text = ? WHERE year = 2023", ("Пояснение " * 4500,))
    con.commit()
    con.close()
    path = os.path.join(ctx.dir, "hostile.xlsx")
    r = run("--database", db, "export", "-o", path)
    assert r.returncode == 0, r.stderr
    well_formed(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Связи & СМИ"]
    assert ws["A1"].value.startswith("=Контроль документов") and ws["A1"].data_type == "s", ws["A1"].value
    assert ws["B3"].value == "Входящие письма", ws["B3"].value
    assert ws.oddHeader.center.text and "СМИ" not in ws.oddHeader.center.text  # the header is the title
    titles = ["".join(t.text for t in c.find("c:chart/c:title", C_NS).iter(f"{{{C_NS['a']}}}t"))
              for c in charts_by_sheet(path)["Финансовый контроль"]]
    assert sorted(titles) == ["Внутренний муниципальный финансовый контроль",
                              "Внутренний муниципальный финансовый контроль, =A1+1"], titles
    fin = wb["Финансовый контроль"]
    row = ctx.row_of(fin, "Экономия бюджетных средств")
    assert fin[f"E{row}"].value == -123.45 and MINUS in fin[f"E{row}"].number_format
    assert len(fin[f"H{row}"].value) <= 32767
    notes = wb["Пояснения"]
    assert all(len(str(c.value)) <= 32767 for r_ in notes.iter_rows() for c in r_ if c.value)


def test_no_half_file_on_failure(ctx):
    """When the final rename fails (the name is a folder), the temporary file is removed too."""
    target = os.path.join(ctx.dir, "taken.xlsx")
    os.mkdir(target)
    r = run("--database", ctx.db, "export", "-o", target)
    assert r.returncode != 0 and r.stderr.count("\n") == 1, r.stderr
    assert os.path.isdir(target)
    assert not [f for f in os.listdir(ctx.dir) if ".part-" in f], os.listdir(ctx.dir)


def test_excel_escapes_stay_text(ctx):
    """A title holding «_x000D_» or «_x0041_», which OOXML reads as escaped characters, shows as
    typed in LibreOffice (which decodes them) and in openpyxl (which does not)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is not installed"
    db = os.path.join(ctx.dir, "escapes.db")
    r = run("--database", db, "init")
    assert r.returncode == 0, r.stderr
    title = "_x000D_ и _x0041_ и _x005f_"
    con = sqlite3.connect(db)
    con.execute("UPDATE indicators SET title = ? WHERE slug = 'incoming-legal'", (title,))
    con.commit()
    con.close()
    path = os.path.join(ctx.dir, "escapes.xlsx")
    r = run("--database", db, "export", "--area", "documents", "-o", path)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(path) as z:
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert "_x005F_x000D_ и _x005F_x0041_ и _x005F_x005f_" in strings, strings[:300]
    ws = openpyxl.load_workbook(path)["Контроль документов"]
    assert ws["B3"].value == title and ws["B3"].data_type == "s", repr(ws["B3"].value)
    out = os.path.join(ctx.dir, "lo-escapes")
    profile = "file://" + os.path.join(ctx.dir, "lo-profile")
    r = subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir", out, path], capture_output=True, text=True, env=dict(os.environ, HOME=ctx.dir),
                       timeout=180)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(open(os.path.join(out, "escapes-Контроль документов.csv"), encoding="utf-8",
                                newline=""), delimiter=";"))
    assert rows[2][1] == title, repr(rows[2][1])


def test_libreoffice(ctx):
    """LibreOffice opens the workbook, converts it to PDF and to CSV, and the CSV holds the figures."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is not installed"
    out = os.path.join(ctx.dir, "lo")
    profile = "file://" + os.path.join(ctx.dir, "lo-profile")
    env = dict(os.environ, HOME=ctx.dir)
    for target in ("pdf", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1"):
        r = subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to", target,
                            "--outdir", out, ctx.xlsx], capture_output=True, text=True, env=env, timeout=180)
        assert r.returncode == 0, r.stderr
    base = os.path.splitext(os.path.basename(ctx.xlsx))[0]
    pdf = os.path.join(out, base + ".pdf")
    assert os.path.getsize(pdf) > 10000
    # A4 landscape pages, one sheet a page at most once fitted to the width.
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    assert "841.8" in info and "595" in info, info
    pages = int([line for line in info.splitlines() if line.startswith("Pages:")][0].split()[1])
    # Eight pages, none nearly empty: the summary, six areas (each table with its charts on one
    # page), the notes.
    assert pages == 8, pages
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    assert "Контроль исполнения документов" in text and "Страница 2 из" in text
    assert "###" not in text, [line for line in text.splitlines() if "###" in line][:5]
    documents = open(os.path.join(out, f"{base}-Контроль документов.csv"), encoding="utf-8").read()
    assert "22" in documents and ("22808" in documents or "22" + NNBSP + "808" in documents
                                  or "22 808" in documents or "22" + NBSP + "808" in documents), documents[:400]
    summary = open(os.path.join(out, f"{base}-Сводка.csv"), encoding="utf-8").read()
    assert "Поступило обращений от юридических лиц" in summary



if __name__ == "__main__":
    sys.exit(taprunner.run(globals(), Context, "export a workbook from a fresh database",
                           lambda ctx: shutil.rmtree(ctx.dir, ignore_errors=True)))
