#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Itogi end to end, as a person uses it: the real program, driven through its accessibility tree
(AT-SPI, as a screen reader reads it) and the keyboard (XTest, through xdotool), in Russian.

    tests/e2e-run.sh ITOGI ITOGI_CLI LOCALEDIR SCHEMA_DIR SHOTS_DIR

runs this under its own Xvfb and D-Bus session bus (the recipe in the project's notes). It prints
TAP. Each step leaves a screenshot in SHOTS_DIR. Nothing here reads Itogi's own code: figures
are checked against `itogi-cli table`, the workbook with openpyxl, the PDF with pdftotext.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import GLib

NB = "\u00a0"  # between a number and «г.», «%»
NNB = "\u202f"  # between digit groups

app_path, cli_path, localedir, schemas, shots = sys.argv[1:6]
# The TAP, on the descriptor e2e-run.sh gives (its standard output), apart from the bus's chatter.
if os.environ.get("E2E_TAP_FD"):
    sys.stdout = os.fdopen(int(os.environ["E2E_TAP_FD"]), "w", buffering=1, encoding="utf-8")
os.makedirs(shots, exist_ok=True)
work = tempfile.mkdtemp(prefix="itogi-e2e-")
db = os.path.join(work, "itogi.db")
env = dict(os.environ, LC_ALL="ru_RU.UTF-8", LANGUAGE="", ITOGI_LOCALEDIR=localedir,
           GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=schemas, GSK_RENDERER="cairo",
           GDK_BACKEND="x11")
env.pop("GTK_A11Y", None)  # the default, AT-SPI: what a screen reader gets
env.pop("NO_AT_BRIDGE", None)

results = []
shot_count = [0]


def tap(ok, what, why=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), what), flush=True)
    if not ok and why:
        for line in str(why).splitlines():
            print("# " + line, flush=True)


def shot(name):
    shot_count[0] += 1
    path = os.path.join(shots, "%02d-%s.png" % (shot_count[0], name))
    subprocess.run(["import", "-window", "root", path], check=False)


def cli(*args):
    out = subprocess.run([cli_path, "--database", db] + list(args), env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("itogi-cli %s: %s" % (" ".join(args), out.stderr.strip()))
    return out.stdout


def key(*keys):
    subprocess.run(["xdotool", "key", "--delay", "30"] + list(keys), check=True)
    pump(0.12)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
    pump(0.25)


# ---- the accessibility tree ----

focused = [None]


def on_focus(event):
    if event.detail1:
        focused[0] = event.source


def pump(seconds):
    """Let events come in (focus changes) while waiting."""
    context = GLib.MainContext.default()
    end = time.time() + seconds
    while True:
        while context.iteration(False):
            pass
        if time.time() >= end:
            return
        time.sleep(0.02)


def safe(fn, default=None):
    try:
        return fn()
    except Exception:
        return default


def name_of(acc):
    return safe(lambda: acc.name, "") or ""


def role_of(acc):
    return safe(lambda: acc.getRoleName(), "") or ""


def descendants(root, pred, limit=100000):
    found = []

    def walk(acc):
        if len(found) >= limit:
            return
        if pred(acc):
            found.append(acc)
        for i in range(safe(lambda: acc.childCount, 0)):
            child = safe(lambda: acc.getChildAtIndex(i))
            if child is not None:
                walk(child)

    walk(root)
    return found


def find(root, pred):
    found = descendants(root, pred, 1)
    return found[0] if found else None


def wait_for(fn, seconds=10.0, what="something"):
    end = time.time() + seconds
    while time.time() < end:
        value = safe(fn)
        if value:
            return value
        pump(0.2)
    raise TimeoutError("no %s after %.0f s" % (what, seconds))


def find_app():
    for acc in pyatspi.Registry.getDesktop(0):
        if acc is not None and name_of(acc) == "itogi":
            return acc
    return None


def page_named(app, title):
    """The page widget named after its area (or «Обзор», «Отчёт»)."""
    return find(app, lambda a: role_of(a) in ("filler", "panel") and name_of(a) == title
                and find(a, lambda b: role_of(b) == "scroll pane") is not None)


FIGURE = re.compile(r"^(.*), (\d{4})" + NB + r"г\.: (.*)$")


def figures_on(page):
    """{(indicator, year): text} read from the figure cells' names."""
    got = {}
    for acc in descendants(page, lambda a: role_of(a) == "label" and FIGURE.match(name_of(a))):
        title, year, text = FIGURE.match(name_of(acc)).groups()
        got[(title, int(year))] = text
    return got


# ---- itogi-cli table, read back ----

def cli_tables(year, compare):
    """{area heading: {indicator: {column: text}}} from `itogi-cli table`; the columns are those of
    its header («2022 г.», «2023 г.», «Изменение», «Изменение, %»), a figure not there is
    «нет данных»."""
    out = cli("table", "--year", str(year), "--compare", str(compare))
    tables, current, header, row = {}, None, None, None
    suffix = ": %d%sг. к %d%sг." % (year, NB, compare, NB)

    def chunks(line):
        return [(m.group(0), m.end()) for m in re.finditer(r"\S(?:.*?\S)??(?=  |$)", line)]

    def close_row():
        if row is not None and current is not None:
            tables[current][row[0]] = row[1]

    for line in out.split("\n"):
        if line.endswith(suffix):
            close_row()
            row = None
            current = line[: -len(suffix)]
            tables[current] = {}
            header = None
        elif current is not None and line.startswith("Показатель"):
            header = chunks(line)[2:]
        elif header is not None and line.startswith("  ") and row is not None:
            row = (row[0] + " " + line.strip(), row[1])
        elif header is not None and line.strip():
            close_row()
            parts = chunks(line)
            values = {name: "нет данных" for name, _ in header}
            for text, end in parts[2:]:
                for name, col_end in header:
                    if end == col_end:
                        values[name] = text
            row = (parts[0][0], values)
        elif not line.strip():
            close_row()
            row = None
            header = None
    close_row()
    return tables


def year_figures(table, years):
    """{(indicator, year): text} of a table from cli_tables."""
    return {(title, y): cols["%d%sг." % (y, NB)] for title, cols in table.items() for y in years}


def main():
    subprocess.run([cli_path, "--database", db, "init"], env=env, check=True, capture_output=True)
    expected = cli_tables(2023, 2022)
    pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
    proc = subprocess.Popen([app_path, "--database", db], env=env)
    try:
        app = wait_for(find_app, 20, "application «itogi» on the accessibility bus")
        sidebar = wait_for(lambda: find(app, lambda a: role_of(a) == "list"
                                        and name_of(a) == "Направления деятельности"), 20, "sidebar")
        shot("opened")
        tap(True, "the window opens and is on the accessibility bus")
        steps(app, sidebar, expected)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


def select_page(sidebar, index):
    sidebar.querySelection().selectChild(index)
    pump(0.3)


def steps(app, sidebar, expected):
    # Every page, by the sidebar; its figures by their names, against itogi-cli table.
    items = [safe(lambda i=i: sidebar.getChildAtIndex(i)) for i in range(sidebar.childCount)]
    names = [name_of(i) for i in items]
    tap(all(names) and names[0] == "Обзор" and names[-1] == "Отчёт",
        "every sidebar row has a name", repr(names))
    problems = []
    checked = 0
    for index, item in enumerate(items):
        title = safe(lambda: item.description) or name_of(item)
        if name_of(item) in ("Обзор", "Отчёт"):
            continue
        select_page(sidebar, index)
        want = expected.get(title)
        if want is not None:
            want = year_figures(want, (2022, 2023))
        if want is None:
            problems.append("no itogi-cli table for «%s»" % title)
            continue
        page = wait_for(lambda: page_named(app, title), 10, "page «%s»" % title)
        got = wait_for(lambda: figures_on(page) if len(figures_on(page)) >= len(want) else None, 10,
                       "figures of «%s»" % title) if want else figures_on(page)
        if got != want:
            problems.append("«%s»: window %r, itogi-cli %r" % (title, got, want))
        checked += len(want)
        shot("page-%02d" % index)
    tap(not problems and checked > 0, "every area's figures, read by name, are itogi-cli's (%d)" % checked,
        "\n".join(problems))

    edit_with_keyboard(app, sidebar, names)
    import_csv(app, sidebar, names)
    export_workbook(app)
    export_report(app, sidebar, names)
    tab_walk(app, sidebar, names)


def tab_to(prefix, limit=60, back=False):
    """Tab (Shift+Tab) until the keyboard is on a control whose name starts with @prefix."""
    for _ in range(limit):
        if focused[0] is not None and name_of(focused[0]).startswith(prefix):
            return focused[0]
        key("shift+Tab" if back else "Tab")
        if os.environ.get("E2E_DEBUG"):
            print("# focus: %s %r" % (role_of(focused[0]), name_of(focused[0])), flush=True)
    return None


def row_changes(page, indicator):
    """The change cells of @indicator's row, as read: (Δ, Δ %), the last two labels of the row."""
    row = find(page, lambda a: role_of(a) == "table row" and name_of(a) == indicator)
    if row is None:
        return None
    names = [name_of(c) for c in descendants(row, lambda a: role_of(a) == "label")]
    return tuple(names[-2:])


def row_change_descriptions(page, indicator):
    """What a screen reader says after the change cells' figures: their descriptions."""
    row = find(page, lambda a: role_of(a) == "table row" and name_of(a) == indicator)
    if row is None:
        return None
    cells = descendants(row, lambda a: role_of(a) == "label")
    return tuple((c.description or "") for c in cells[-2:])


def edit_with_keyboard(app, sidebar, names):
    area = "Контроль исполнения документов"
    indicator = "Поступило обращений от юридических лиц"
    year_text = "2023%sг." % NB
    select_page(sidebar, names.index("Контроль документов"))
    page = wait_for(lambda: page_named(app, area), 10, "page «%s»" % area)

    def changes_from_cli():
        row = cli_tables(2023, 2022)[area][indicator]
        return (row["Изменение"], row["Изменение, %"]), row[year_text]

    # To the 2023 figure with Tab alone; typed over, Enter saves it.
    cell = tab_to("%s, %s" % (indicator, year_text))
    tap(cell is not None, "Tab reaches the figure «%s, %s»" % (indicator, year_text),
        "the keyboard is on «%s»" % name_of(focused[0]))
    if cell is None:
        return
    type_text("22900")
    shot("typed")
    key("Return")
    pump(0.5)
    shot("saved")
    want, stored = changes_from_cli()
    end = time.time() + 5
    while row_changes(page, indicator) != want and time.time() < end:
        pump(0.2)
    got = row_changes(page, indicator)
    tap(stored == "22" + NNB + "900" and got == want,
        "a figure typed and saved with Enter is stored, and Δ, Δ %% follow (%s)" % ", ".join(want),
        "stored %r; window %r, itogi-cli %r" % (stored, row_changes(page, indicator), want))
    # Each change cell says what it is and of which indicator.
    said = row_change_descriptions(page, indicator) or ("", "")
    tap(said[0].startswith("Изменение — %s." % indicator) and said[1].startswith("Изменение, %% — %s." % indicator),
        "the change cells are described: «%s»" % said[1],
        "descriptions %r" % (said,))
    # Ctrl+Z takes it back, Ctrl+Shift+Z does it again.
    key("ctrl+z")
    pump(0.5)
    want_undone, stored_undone = changes_from_cli()
    shot("undone")
    key("ctrl+shift+z")
    pump(0.5)
    want_redone, stored_redone = changes_from_cli()
    shot("redone")
    got_redone = row_changes(page, indicator)
    tap(stored_undone == "22" + NNB + "808" and want_undone[0] == "−334"
        and stored_redone == "22" + NNB + "900" and got_redone == want,
        "Ctrl+Z takes the figure back and Ctrl+Shift+Z does it again",
        "after undo %r %r; after redo %r, window %r" % (stored_undone, want_undone, stored_redone, got_redone))


def toplevels(app):
    return [c for c in (safe(lambda i=i: app.getChildAtIndex(i)) for i in range(safe(lambda: app.childCount, 0)))
            if c is not None]


def toplevel(app, title, seconds=10):
    """A window of the application titled @title (a dialog, a file chooser)."""
    return wait_for(lambda: next((w for w in toplevels(app) if name_of(w) == title), None), seconds,
                    "window «%s»" % title)


def gone(app, title, seconds=10):
    wait_for(lambda: all(name_of(w) != title for w in toplevels(app)), seconds, "window «%s» closed" % title)


def choose_file(app, title, path, save=False):
    """In the file chooser titled @title: the path typed («/» opens the location in an open
    chooser; a save chooser's name field takes a whole path), then Enter."""
    toplevel(app, title)
    pump(0.5)
    if save:
        key("ctrl+a")
    type_text(path)
    pump(0.3)
    shot("file-chooser")
    key("Return")
    pump(0.5)


def button_in(root, name):
    return find(root, lambda a: role_of(a) == "push button" and name_of(a) == name)


def sensitive(acc):
    return safe(lambda: acc.getState().contains(pyatspi.STATE_SENSITIVE), False)


def import_csv(app, sidebar, names):
    area = "Внутренний муниципальный финансовый контроль"
    indicator = "Проведено выездных и камеральных проверок"
    path = os.path.join(work, "figures.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("Показатель;Год;Значение\r\n%s;2023;25\r\n" % indicator)
    key("ctrl+i")
    choose_file(app, "Загрузка показателей", path)
    dialog = toplevel(app, "Загрузка из CSV")
    button = wait_for(lambda: button_in(dialog, "Загрузить") if sensitive(button_in(dialog, "Загрузить"))
                      else None, 10, "Import offered")
    shot("import-preview")
    button.queryAction().doAction(0)
    gone(app, "Загрузка из CSV")
    select_page(sidebar, names.index("Финансовый контроль"))
    page = wait_for(lambda: page_named(app, area), 10, "page «%s»" % area)
    want = cli_tables(2023, 2022)[area][indicator]["2023%sг." % NB]
    got = figures_on(page).get((indicator, 2023))
    shot("imported")
    # Its own import is not «changed by another program».
    stray = find(app, lambda a: role_of(a) == "label" and name_of(a) == "Данные изменены другой программой")
    tap(want == "25" and got == want and stray is None,
        "a CSV imported through the window is stored and shown (%s)" % want,
        "itogi-cli %r, window %r, offer to reload %r" % (want, got, stray))


def export_workbook(app):
    import openpyxl

    path = os.path.join(work, "итоги.xlsx")
    key("ctrl+e")
    dialog = toplevel(app, "Экспорт в Excel")
    shot("export-options")
    key("Return")
    choose_file(app, "Экспорт в Excel", path, save=True)
    wait_for(lambda: os.path.exists(path), 20, path)
    pump(1.0)
    book = openpyxl.load_workbook(path)
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    shot("exported")
    tap("Поступило обращений от юридических лиц" in cells and 22900 in cells and 25 in cells,
        "the workbook written through the window holds the figures typed and imported (openpyxl)",
        "sheets %r" % book.sheetnames)


def export_report(app, sidebar, names):
    path = os.path.join(work, "отчёт.pdf")
    select_page(sidebar, names.index("Отчёт"))
    page = wait_for(lambda: page_named(app, "Отчёт"), 10, "the Report")
    shot("report")
    button = wait_for(lambda: button_in(page, "Выгрузить в PDF…"), 10, "Export PDF")
    button.queryAction().doAction(0)
    choose_file(app, "Выгрузка отчёта в PDF", path, save=True)
    wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 0, 60, path)
    pump(1.0)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    tap("Отчет о деятельности" in flat and re.search(r"22\s900", text) is not None,
        "the report's PDF written through the window has the figure typed (pdftotext)",
        [line for line in text.splitlines() if "22" in line][:5])


def focus_key(acc):
    """Which control has the keyboard: its role, name, and place among its parent's children."""
    parent = safe(lambda: acc.parent)
    return (role_of(acc), name_of(acc), safe(lambda: acc.getIndexInParent(), -1), name_of(parent))


def walk(back, limit=160):
    """Tab (Shift+Tab) from where the keyboard is until it comes back there: the controls on the
    way, or None when it never does (a trap)."""
    start = focus_key(focused[0])
    seen = []
    for _ in range(limit):
        key("shift+Tab" if back else "Tab")
        now = focus_key(focused[0])
        if now == start:
            return seen
        seen.append(now)
    return None


def tab_walk(app, sidebar, names):
    select_page(sidebar, names.index("Контроль документов"))
    wait_for(lambda: page_named(app, "Контроль исполнения документов"), 10, "the page")
    key("Escape")
    # From the report year's button (a control that stays what it is, where an edited figure
    # turns back into a label): round the window one way, then the other.
    start = tab_to("Отчётный год")
    if start is None:
        tap(False, "Tab and Shift+Tab go round the whole window (no trap)", "the year's button was not reached")
        return
    shot("tab-walk")
    for back in (False, True):
        seen = walk(back)
        what = "Shift+Tab" if back else "Tab"
        names_seen = [n for _, n, _, _ in seen or []]
        figures = [n for n in names_seen if re.search(r", 20\d\d" + NB + r"г\.", n)]
        reached = (seen is not None and "Главное меню" in names_seen and "Год сравнения" in names_seen
                   and len(figures) >= 10 and "Контроль исполнения документов" in names_seen
                   and "Контроль документов" in names_seen)
        tap(reached, "%s goes round the whole window and comes back: %d stops, %d figures, the chart, "
            "the sidebar (no trap)" % (what, len(names_seen), len(figures)),
            "stops: %r" % (names_seen if seen is not None else "it never came back"))


if __name__ == "__main__":
    sys.exit(main())
