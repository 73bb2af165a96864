#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Figures come in from Excel: itogi-cli import reads an .xlsx, all or nothing.

Runs the real itogi-cli (ITOGI_CLI) and prints TAP. Itogi's own workbook comes back into the same
structure emptied of figures with every figure and qualifier as it was; a plain sheet written by
an independent writer (openpyxl) is read with the CSV import's column rules; problems are told by
sheet, row and column, and then nothing changes; hostile workbooks (a zip bomb, entity
expansion, an external entity) are refused in one plain line with the database untouched. Next
year's tasks come in from the workbook's tasks sheet (Itogi's own, or one written elsewhere), with
the same rules.
"""
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

import taprunner

CLI = os.environ["ITOGI_CLI"]


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Env:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="itogi-xlsx-import-")
        self.db = os.path.join(self.root, "report.db")
        r = run("--database", self.db, "init")
        assert r.returncode == 0, r.stderr
        self.n = 0

    def empty(self):
        """A copy of the report's structure with no figures at all."""
        self.n += 1
        path = os.path.join(self.root, f"empty-{self.n}.db")
        shutil.copy(self.db, path)
        con = sqlite3.connect(path)
        with con:
            con.execute("DELETE FROM indicator_values")
            con.execute("DELETE FROM history")
            con.execute("DELETE FROM steps")
        con.close()
        return path


def table(db):
    r = run("--database", db, "table", "--year", "2023", "--compare", "2022")
    assert r.returncode == 0, r.stderr
    return r.stdout


def digits(text):
    """@text with the spaces that group digits taken out (which space depends on the locale)."""
    return re.sub(r"(?<=\d)[ \u00a0\u202f,](?=\d\d\d)", "", text)


def import_refused(target, path):
    """Imports @path into the database @target, which must refuse it whole: the file is byte for
    byte as it was. Returns the problems, a line each."""
    before = digest(target)
    r = run("--database", target, "import", path)
    assert r.returncode != 0, r.stdout
    assert digest(target) == before, "a refused import changed the database"
    return r.stderr.strip().splitlines()


def test_round_trip(env):
    book = os.path.join(env.root, "itogi.xlsx")
    r = run("--database", env.db, "export", "--year", "2023", "--compare", "2022", "-o", book)
    assert r.returncode == 0, r.stderr
    target = env.empty()
    before = table(target)
    assert "более 8" not in before
    r = run("--database", target, "import", book)
    assert r.returncode == 0, r.stderr
    after = table(target)
    assert after == table(env.db), "the figures did not come back as they were"
    # The qualifiers, not only the numbers.
    for text in ("8000", "340", "779054"):
        assert text in digits(after), text
    for word in ("более", "порядка"):
        assert word in after, word
    # Imported once, the same workbook again would only repeat the figures: still all or nothing.
    r = run("--database", target, "import", book, "--dry-run")
    assert r.returncode == 0, r.stderr


def test_plain_sheet(env):
    path = os.path.join(env.root, "plain.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Цифры"
    ws.append(["Показатель", "Год", "Значение", "По состоянию на"])
    ws.append(["Поступило обращений от юридических лиц", 2023, 22900, None])
    ws.append(["Зарегистрировано исходящих документов", 2023, "более 4 000", None])
    ws.append(["Зарегистрировано прочих документов (договоры, доверенности и внутренние документы)", 2022,
               1700, None])
    ws["D2"] = __import__("datetime").date(2023, 12, 31)
    wb.save(path)
    target = env.empty()
    r = run("--database", target, "import", path)
    assert r.returncode == 0, r.stderr
    out = table(target)
    out = digits(out)
    assert "22900" in out and re.search(r"более\s4000", out) and "1700" in out, out
    con = sqlite3.connect(target)
    dates = [row[0] for row in con.execute("SELECT as_of FROM indicator_values WHERE as_of IS NOT NULL")]
    con.close()
    assert dates == ["2023-12-31"], dates


def test_problems_by_sheet_row_column(env):
    path = os.path.join(env.root, "bad.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ввод"
    ws.append(["Показатель", "Год", "Значение"])
    ws.append(["Поступило обращений от юридических лиц", 2023, 22900])
    ws.append(["Нет такого показателя", 2023, 5])
    ws.append(["Зарегистрировано исходящих документов", 2023, "много"])
    again = wb.create_sheet("Ещё")
    again.append(["Показатель", "Год", "Значение"])
    again.append(["Поступило обращений от юридических лиц", 2023, 22901])
    wb.save(path)
    lines = import_refused(env.empty(), path)
    assert any("«Ввод»" in l and "3" in l and " A" in l for l in lines), lines
    assert any("«Ввод»" in l and "4" in l and " C" in l for l in lines), lines
    # The same figure on another sheet: told where the first one is, by sheet and row.
    assert any(l.count("«") >= 2 and "«Ещё»" in l and "«Ввод»" in l and " 2" in l for l in lines), lines


def tasks_of(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT a.slug, t.year, t.position, t.text, t.done FROM tasks t JOIN areas a "
                       "ON a.id = t.area_id ORDER BY a.position, t.year, t.position").fetchall()
    con.close()
    return rows


def test_tasks_round_trip(env):
    # Next year's tasks go out on their sheet of Itogi's workbook and come back from it.
    source = os.path.join(env.root, "with-tasks.db")
    shutil.copy(env.db, source)
    con = sqlite3.connect(source)
    with con:
        for slug, position, text, done in (("appeals", 1, "Сократить сроки ответа на обращения", 0),
                                           ("appeals", 2, "Перейти на электронный журнал", 1),
                                           ("legal", 1, "Провести 70 консультаций", 0)):
            con.execute("INSERT INTO tasks (area_id, year, position, text, done, changed_by, changed_at) "
                        "SELECT id, 2024, ?, ?, ?, 'test', '' FROM areas WHERE slug = ?",
                        (position, text, done, slug))
    con.close()
    book = os.path.join(env.root, "tasks.xlsx")
    r = run("--database", source, "export", "--year", "2023", "-o", book)
    assert r.returncode == 0, r.stderr
    assert "Задачи на 2024 год" in openpyxl.load_workbook(book).sheetnames
    target = env.empty()
    r = run("--database", target, "import", book)
    assert r.returncode == 0, r.stderr
    assert tasks_of(target) == tasks_of(source), tasks_of(target)
    # Two lines: the figures, then the three tasks (in the locale's words, so only the count here).
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2 and re.search(r"\b3\b", lines[1]), r.stdout
    # Read again: the same tasks are there already, word for word; none is added twice.
    r = run("--database", target, "import", book)
    assert r.returncode == 0, r.stderr
    assert tasks_of(target) == tasks_of(source)
    assert len(r.stdout.strip().splitlines()) == 1, r.stdout


def test_tasks_sheet_alone(env):
    # A tasks sheet written elsewhere (openpyxl): the year from its title, «да»/«нет» for done.
    path = os.path.join(env.root, "tasks-only.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "План"
    ws.append(["Задачи на 2025 год"])
    ws.append(["Направление", "Задача", "Выполнено"])
    ws.append(["Кадры", "Обучить 350 сотрудников", "нет"])
    ws.append([None, None, None])
    ws.append(["Правовое обеспечение", "Подать не менее 6 тысяч исков", "да"])
    wb.save(path)
    target = env.empty()
    before = table(target)
    r = run("--database", target, "import", path)
    assert r.returncode == 0, r.stderr
    assert tasks_of(target) == [("legal", 2025, 1, "Подать не менее 6 тысяч исков", 1),
                                ("personnel", 2025, 1, "Обучить 350 сотрудников", 0)], tasks_of(target)
    # Tasks alone: no figure touched, and the output says only what it did to the tasks.
    assert table(target) == before
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1 and re.search(r"\b2\b", lines[0]), r.stdout


def test_tasks_problems(env):
    path = os.path.join(env.root, "bad-tasks.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Задачи"
    ws.append(["Направление", "Год", "Задача", "Выполнено"])
    ws.append(["Нет такого направления", 2024, "Задача", "нет"])
    ws.append(["Кадры", 2024, "Обучить сотрудников", "может быть"])
    ws.append(["Кадры", "скоро", "Другая задача", ""])
    ws.append(["Кадры", 2024, "Обучить сотрудников", "нет"])
    ws.append(["Кадры", 2024, "Обучить сотрудников", "да"])
    undated = wb.create_sheet("Без года")
    undated.append(["Направление", "Задача"])
    undated.append(["Кадры", "Задача без года"])
    figures = wb.create_sheet("Цифры")
    figures.append(["Показатель", "Год", "Значение"])
    figures.append(["Поступило обращений от юридических лиц", 2023, 22900])
    wb.save(path)
    target = env.empty()
    lines = import_refused(target, path)
    # The sheet with no year is told first, and nothing else is read until it says one.
    assert any("«Без года»" in l and "«Год»" in l for l in lines), lines
    del wb["Без года"]
    wb.save(path)
    lines = import_refused(target, path)
    assert any("«Задачи»" in l and " 2" in l and " A" in l for l in lines), lines
    assert any("«Задачи»" in l and " 3" in l and " D" in l for l in lines), lines
    assert any("«Задачи»" in l and " 4" in l and " B" in l for l in lines), lines
    # The same task twice in the file (rows 5 and 6; row 3's is wrong already): told where the first is.
    assert any("«Задачи»" in l and " 6" in l and "5" in l.split(":", 1)[1] for l in lines), lines
    # (The figures of a file with bad tasks are not written either: import_refused checks it.)


def hostile(env, name, members):
    path = os.path.join(env.root, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)
    return path


def skeleton(sheet_xml, shared=None):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    members = {
        "xl/workbook.xml": '<workbook %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                           'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
                           % ns,
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                      'relationships"><Relationship Id="rId1" Type="w" '
                                      'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared
    return members


def refused(env, path):
    target = env.empty()
    before = digest(target)
    r = run("--database", target, "import", path)
    assert r.returncode != 0, r.stdout
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "parser error" not in r.stderr and "zip" not in r.stderr.lower(), r.stderr
    assert digest(target) == before
    return r.stderr


def test_zip_bomb(env):
    bomb = "<worksheet>" + " " * (300 * 1024 * 1024) + "</worksheet>"
    path = hostile(env, "bomb.xlsx", skeleton(bomb))
    assert os.path.getsize(path) < 2 * 1024 * 1024
    err = refused(env, path)
    assert "256" in err, err


def test_entity_expansion(env):
    laughs = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
              '<sst><si><t>&d;</t></si></sst>')
    sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    refused(env, hostile(env, "laughs.xlsx", skeleton(sheet, laughs)))


def test_external_entity(env):
    sheet = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>')
    refused(env, hostile(env, "xxe.xlsx", skeleton(sheet)))


def test_not_a_workbook(env):
    path = os.path.join(env.root, "broken.xlsx")
    with open(path, "wb") as f:
        f.write(b"PK\x03\x04" + os.urandom(200))
    refused(env, path)


if __name__ == "__main__":
    sys.exit(taprunner.run(globals(), Env, "a database with the report's data, made by itogi-cli init",
                           lambda env: shutil.rmtree(env.root, ignore_errors=True)))
