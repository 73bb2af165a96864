#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The workloads of bench/xlsx-bench.c written with Python's XlsxWriter, for comparison.

Usage: xlsx_python.py [MODE [RUNS]] [--save-dir DIR]
  MODE  report | stress | stress-default | stress-constant | all (default all), as xlsx-bench
  RUNS  timed runs per workload (default 15 for the report, after 2 warm-up runs;
        3 for each stress workbook, without warm-up)

Prints «python-xlsxwriter <workload> <median ms>» lines like xlsx-bench, then the file sizes
as «python-xlsxwriter <workload>_bytes <bytes>».

The report workbook mirrors what src/export/itogi-xlsx.c writes for 2023 against 2022 from the
built-in report: «Сводка», one sheet per activity area (8) with a native column chart on the 6
that have figures, «Задачи на 2024 год» and «Пояснения»; the same formats, merged titles,
formulas with cached results, frozen panes, autofilters, print setup, headers and footers,
document properties. Its data start as Python tuples; Itogi reads them from SQLite. The import
of xlsxwriter is reported apart and is not in any other number.
"""

import sys
import time

_t0 = time.perf_counter()
import datetime  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402

import xlsxwriter  # noqa: E402
from xlsxwriter.utility import xl_rowcol_to_cell  # noqa: E402

IMPORT_MS = (time.perf_counter() - _t0) * 1000.0

PREFIX = "python-xlsxwriter"
WARMUP = 2
DEFAULT_RUNS = 15
DEFAULT_STRESS_RUNS = 3
STRESS_ROWS = 100_000
STRESS_COLS = 10
MAX_COLUMN_WIDTH = 60.0
CREATED = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)  # as BENCH_CREATED

NBSP, NNBSP = "\u00a0", "\u202f"
YEAR, COMPARE = 2023, 2022
YEAR_TEXT, COMPARE_TEXT = f"{YEAR}{NBSP}г.", f"{COMPARE}{NBSP}г."

OFFICE = "Управление делами Городского Головы города Калуги"
REPORT = (
    "Отчет о деятельности управления делами Городского Головы города Калуги за отчетный 2023 год "
    "и предстоящих задачах на 2024 год"
)

# The built-in report, 2022 and 2023, as itogi_table_build gives it.
# Indicator: (title, unit, decimals, previous, current, change, note)
#   previous, current: None, a number, or (qualifier word, number)
#   change: "exact" (Δ and Δ % as formulas), "approx" (the same marked «≈ »), None («—» «—»)
AREAS = (
    (
        "Контроль документов",
        "Контроль исполнения документов",
        (
            ("Поступило обращений от юридических лиц", "ед.", 0, 23142, 22808, "exact", ""),
            (
                "Зарегистрировано индивидуальных поручений Городского Головы города Калуги",
                "ед.", 0, 1064, 1079, "exact", "",
            ),
            ("Зарегистрировано исходящих документов", "ед.", 0, 4829, 3997, "exact", ""),
            (
                "Зарегистрировано прочих документов (договоры, доверенности и внутренние документы)",
                "ед.", 0, 1674, 1543, "exact", "",
            ),
            (
                "Обработано контрольных документов, поступивших в адрес Городского Головы города Калуги "
                "от организаций",
                "ед.", 0, None, ("более", 8000), None, f"2023{NBSP}г.: более{NBSP}8{NNBSP}000",
            ),
            (
                "Поставлено на контроль поручений по итогам рабочих совещаний у Городского Головы города Калуги",
                "ед.", 0, None, 1959, None, "",
            ),
            (
                "На контроле поручений по итогам прямых эфиров Городского Головы города Калуги и Губернатора "
                "Калужской области",
                "ед.", 0, None, 4, None,
                f"2023{NBSP}г.: С учетом поступивших обращений жителей в социальных сетях.",
            ),
        ),
    ),
    (
        "Обращения граждан",
        "Обращения граждан",
        (
            (
                "Получено и зарегистрировано письменных обращений граждан (в том числе коллективных)",
                "ед.", 0, 6667, 6553, "exact", f"2023{NBSP}г.: Это меньше, чем в 2022 году на 2%.",
            ),
        ),
    ),
    ("Общественные организации", "Работа с общественными организациями и правоохранительными органами", ()),
    (
        "Финансовый контроль",
        "Внутренний муниципальный финансовый контроль",
        (
            ("Проведено выездных и камеральных проверок", "ед.", 0, 16, 23, "exact", ""),
            ("Экономия бюджетных средств", "руб.", 2, None, 779054.51, None, ""),
        ),
    ),
    (
        "Правовое обеспечение",
        "Правовое обеспечение",
        (
            ("Даны консультации гражданам в рамках юридической клиники", "чел.", 0, None, 65, None, ""),
            (
                "Подано юристами Городской Управы исков и заявлений",
                "ед.", 0, 6624, ("свыше", 6000), None, f"2023{NBSP}г.: свыше{NBSP}6{NNBSP}000",
            ),
            (
                "Принято участие в заседаниях судов общей юрисдикции и арбитражных судов",
                "ед.", 0, 5648, ("более", 5600), None, f"2023{NBSP}г.: более{NBSP}5{NNBSP}600",
            ),
            ("Взыскано в бюджет города", "руб.", 2, None, 119585521.99, None, ""),
        ),
    ),
    (
        "Административные барьеры",
        "Снижение административных барьеров",
        (
            (
                "Услуги органов Городской Управы, оказываемые в электронном виде",
                "ед.", 0, 74, 71, "exact",
                f"2022{NBSP}г.: В конце 2022 года в электронном виде оказывалось 74 услуги.; "
                f"2023{NBSP}г.: Ряд услуг социального блока был передан для предоставления в Социальный фонд России.",
            ),
            (
                "Государственные и муниципальные услуги, доступные через МФЦ «Мои документы»",
                "ед.", 0, None, 50, None, "",
            ),
            (
                "Заявления в МФЦ по услугам органов Городской Управы",
                "ед.", 0, 8374, 3493, "exact",
                f"2023{NBSP}г.: Уменьшение количества заявлений вызвано ростом запросов на получение услуг "
                "в электронной форме через Единый портал госуслуг.",
            ),
        ),
    ),
    (
        "Кадры",
        "Развитие кадрового потенциала",
        (
            (
                "Сотрудники, охваченные мероприятиями по профессиональному развитию",
                "чел.", 0, 300, ("порядка", 340), "approx", f"2023{NBSP}г.: порядка{NBSP}340",
            ),
        ),
    ),
    ("Учреждения", "Подведомственные учреждения", ()),
)

# «Пояснения»: the areas' notes for 2023 and the institutions' notes.
NOTES = (
    (
        "Контроль документов",
        "Использование различных форм контроля, таких как: упреждающий контроль; ежедневный мониторинг "
        "исполнения документов; возврат исполнения документов и поручений Городского Головы города Калуги; "
        "проверка исполнения поручений (выездные проверки) и т.п., позволяют значительно улучшить показатели "
        "по соблюдению сроков исполнения документов и качества их подготовки.",
    ),
    (
        "Обращения граждан",
        "Наиболее востребованными остаются вопросы городского и жилищно-коммунального хозяйства.",
    ),
    (
        "Административные барьеры",
        "Органы Городской Управы города Калуги продолжают совместную работу с министерством цифрового "
        "развития Калужской области по цифровой трансформации государственных и муниципальных услуг. "
        "В конце 2022 года в электронном виде оказывалось 74 услуги, однако ряд услуг социального блока "
        "был передан для предоставления в Социальный фонд России. Уменьшение количества заявлений вызвано "
        "ростом запросов на получение услуг в электронной форме через Единый портал госуслуг.",
    ),
    (
        "Учреждения",
        "МКУ «Служба информационного обеспечения»: МКУ \"Служба информационного обеспечения\" продолжает "
        "поддерживать IT-инфраструктуру Городской Управы города Калуги и ее органов.",
    ),
    (
        "Учреждения",
        "МБУ «Редакция газеты «Калужская неделя»»: Коллектив МБУ «Редакция газеты «Калужская неделя» "
        "обеспечивает курс Городского Головы города Калуги и Городской Управы города Калуги на "
        "информационную открытость, доступность для всех калужан актуальной городской информации. "
        "По-прежнему, муниципальная газета «Калужская неделя» является одним из главных источников "
        "информации для горожан.",
    ),
    (
        "Учреждения",
        "МКУ «Служба хозяйственного и транспортного обеспечения»: МКУ «Служба хозяйственного и "
        "транспортного обеспечения» в плановом режиме ведется работа по хозяйственному и транспортному "
        "сопровождению.",
    ),
)


# ---- the report workbook, after src/export/itogi-xlsx.c ----


def width_for(chars):
    return min(MAX_COLUMN_WIDTH, chars * 1.15 + 2.0)


def value_code(decimals, word):
    base = "#,##0." + "0" * decimals if decimals else "#,##0"
    return base if word is None else f'"{word} "{base}'


def delta_code(decimals, approx):
    base = "#,##0." + "0" * decimals if decimals else "#,##0"
    pre = '"≈ "' if approx else ""
    return f'{pre}+{base};{pre}"−"{base};{pre}0'


def percent_code(approx):
    if approx:
        return '"≈ "+0.0" "%;"≈ ""−"0.0" "%;"≈ "0.0" "%'
    return '+0.0" "%;"−"0.0" "%;0.0" "%'


def split(value):
    """(qualifier word or None, number or None)"""
    if isinstance(value, tuple):
        return value
    return None, value


class Book:
    def __init__(self, path):
        self.wb = xlsxwriter.Workbook(path)
        self.formats = {}
        wb = self.wb
        self.title = wb.add_format({"bold": True, "font_size": 14, "valign": "vcenter"})
        self.header = wb.add_format(
            {"bold": True, "text_wrap": True, "bg_color": "#E8EEF4", "bottom": 1, "valign": "vcenter"}
        )
        self.text = wb.add_format({"text_wrap": True, "valign": "top"})
        self.text_center = wb.add_format({"align": "center", "valign": "top"})
        self.index = wb.add_format({"align": "center", "valign": "top"})
        self.dash = wb.add_format({"align": "right", "valign": "top"})

    def number_format(self, code):
        f = self.formats.get(code)
        if f is None:
            f = self.formats[code] = self.wb.add_format({"num_format": code, "valign": "top"})
        return f

    def write_figures(self, ws, r, c0, row):
        _title, _unit, decimals, previous, current, change, _note = row
        for i, value in enumerate((previous, current)):
            word, number = split(value)
            if number is None:
                ws.write_blank(r, c0 + i, None, self.text)
            else:
                ws.write_number(r, c0 + i, number, self.number_format(value_code(decimals, word)))
        if change is None:
            ws.write_string(r, c0 + 2, "—", self.dash)
            ws.write_string(r, c0 + 3, "—", self.dash)
            return
        approx = change == "approx"
        prev, cur = split(previous)[1], split(current)[1]
        prev_cell = xl_rowcol_to_cell(r, c0)
        cur_cell = xl_rowcol_to_cell(r, c0 + 1)
        # The result is cached: viewers that do not recalculate still show the change.
        ws.write_formula(
            r, c0 + 2, f"={cur_cell}-{prev_cell}", self.number_format(delta_code(decimals, approx)), cur - prev
        )
        ws.write_formula(
            r,
            c0 + 3,
            f"=({cur_cell}-{prev_cell})/{prev_cell}",
            self.number_format(percent_code(approx)),
            (cur - prev) / prev,
        )

    def print_setup(self, ws, title, header_rows):
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        if header_rows > 0:
            ws.repeat_rows(0, header_rows - 1)
        safe = title.replace("&", "+")[:200]
        ws.set_header(f'&C&"-,Bold"{safe}')
        ws.set_footer("&LИтоги&CСтраница &P из &N")

    def header_row(self, ws, r, titles):
        for c, text in enumerate(titles):
            ws.write_string(r, c, text, self.header)
        ws.set_row(r, 30)

    def summary(self):
        ws = self.wb.add_worksheet("Сводка")
        title = f"Итоги: {YEAR_TEXT} к {COMPARE_TEXT}"
        area_w, title_w, r = 12, 20, 2
        ws.merge_range(0, 0, 0, 6, title, self.title)
        ws.set_row(0, 24)
        self.header_row(ws, 1, ("Направление", "Показатель", "Ед. изм.", COMPARE_TEXT, YEAR_TEXT, "Δ", "Δ %"))
        for short, _full, rows in AREAS:
            for row in rows:
                ws.write_string(r, 0, short, self.text)
                ws.write_string(r, 1, row[0], self.text)
                ws.write_string(r, 2, row[1], self.text_center)
                self.write_figures(ws, r, 3, row)
                area_w = max(area_w, len(short))
                title_w = max(title_w, len(row[0]))
                r += 1
        ws.set_column(0, 0, width_for(area_w))
        ws.set_column(1, 1, width_for(title_w))
        ws.set_column(2, 2, 9)
        ws.set_column(3, 4, 18)
        ws.set_column(5, 6, 13)
        ws.freeze_panes(2, 0)
        ws.autofilter(1, 0, max(r - 1, 2), 6)
        self.print_setup(ws, title, 2)

    def area(self, short, full, rows):
        ws = self.wb.add_worksheet(short)
        title = f"{full}: {YEAR_TEXT} к {COMPARE_TEXT}"
        headers = ("№", "Показатель", "Ед. изм.", COMPARE_TEXT, YEAR_TEXT, "Δ", "Δ %", "Примечание")
        title_w, note_w, unit_w = 20, 14, 8
        n = len(rows)
        ws.merge_range(0, 0, 0, 7, title, self.title)
        ws.set_row(0, 24)
        self.header_row(ws, 1, headers)
        for i, row in enumerate(rows):
            r = 2 + i
            ws.write_number(r, 0, i + 1, self.index)
            ws.write_string(r, 1, row[0], self.text)
            ws.write_string(r, 2, row[1], self.text_center)
            self.write_figures(ws, r, 3, row)
            if row[6]:
                ws.write_string(r, 7, row[6], self.text)
            else:  # libxlsxwriter writes an empty string as a blank cell with its format
                ws.write_blank(r, 7, None, self.text)
            title_w = max(title_w, len(row[0]))
            note_w = max(note_w, len(row[6]))
            unit_w = max(unit_w, len(row[1]))
        if n == 0:
            ws.write_string(2, 1, "В отчёте нет показателей по этому направлению.", self.text)
        ws.set_column(0, 0, 5)
        ws.set_column(1, 1, width_for(title_w))
        ws.set_column(2, 2, width_for(unit_w))
        ws.set_column(3, 4, 18)
        ws.set_column(5, 6, 13)
        ws.set_column(7, 7, width_for(note_w))
        ws.freeze_panes(2, 0)
        ws.autofilter(1, 0, 1 + max(n, 1), 7)
        self.print_setup(ws, title, 2)
        if n > 0:
            chart = self.wb.add_chart({"type": "column"})
            for s, colour in enumerate(("#9ECAE9", "#0072B2")):
                chart.add_series(
                    {
                        "categories": [short, 2, 1, 1 + n, 1],
                        "values": [short, 2, 3 + s, 1 + n, 3 + s],
                        "name": [short, 1, 3 + s],
                        "fill": {"color": colour},
                        "data_labels": {"value": True, "num_format": "#,##0"},
                    }
                )
            chart.set_title({"name": full})
            chart.set_legend({"position": "bottom"})
            ws.insert_chart(
                1,
                9,
                chart,
                {
                    "x_offset": 10,
                    "y_offset": 10,
                    "x_scale": 1.6,
                    "y_scale": 1.5,
                    "description": f"Диаграмма: {title}",
                },
            )

    def tasks(self):
        title = f"Задачи на {YEAR + 1} год"
        ws = self.wb.add_worksheet(title)
        ws.merge_range(0, 0, 0, 3, title, self.title)
        self.header_row(ws, 1, ("Направление", "№", "Задача", "Выполнено"))
        # The built-in report has no tasks for 2024 yet.
        ws.write_string(2, 2, "Задачи пока не внесены.", self.text)
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 5)
        ws.set_column(2, 2, MAX_COLUMN_WIDTH)
        ws.set_column(3, 3, 11)
        ws.freeze_panes(2, 0)
        self.print_setup(ws, title, 2)

    def notes(self):
        ws = self.wb.add_worksheet("Пояснения")
        title = f"Пояснения за {YEAR_TEXT}"
        ws.merge_range(0, 0, 0, 1, title, self.title)
        self.header_row(ws, 1, ("Направление", "Пояснение"))
        for r, (short, text) in enumerate(NOTES, start=2):
            ws.write_string(r, 0, short, self.text)
            ws.write_string(r, 1, text, self.text)
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 100)
        ws.freeze_panes(2, 0)
        self.print_setup(ws, title, 2)

    def close(self):
        self.wb.set_properties(
            {
                "title": f"Итоги: {YEAR_TEXT} к {COMPARE_TEXT}",
                "subject": REPORT,
                "author": OFFICE,
                "company": OFFICE,
                "keywords": f"итоги, отчёт, {YEAR}, {COMPARE}",
                "comments": "Itogi 0.1.0",
                "created": CREATED,
            }
        )
        self.wb.close()


def write_report(path):
    book = Book(path)
    book.summary()
    for short, full, rows in AREAS:
        book.area(short, full, rows)
    book.tasks()
    book.notes()
    book.close()


# ---- the stress workbooks ----


def write_stress(path, constant_memory):
    wb = xlsxwriter.Workbook(path, {"constant_memory": constant_memory})
    ws = wb.add_worksheet()
    for r in range(STRESS_ROWS):
        for c in range(STRESS_COLS):
            ws.write_number(r, c, r * STRESS_COLS + c + 0.5)
    wb.close()


def median_ms(func, warmup, runs):
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples)


MODES = {
    "report": {"report"},
    "stress": {"stress-default", "stress-constant"},
    "stress-default": {"stress-default"},
    "stress-constant": {"stress-constant"},
    "all": {"report", "stress-default", "stress-constant"},
}


def main(argv):
    mode = MODES["all"]
    runs = None
    save_dir = None
    positional = []
    args = list(argv[1:])
    while args:
        arg = args.pop(0)
        if arg == "--save-dir" and args:
            save_dir = args.pop(0)
        else:
            positional.append(arg)
    ok = len(positional) <= 2
    if ok and positional:
        ok = positional[0] in MODES
        mode = MODES.get(positional[0], mode)
    if ok and len(positional) == 2:
        ok = positional[1].isdigit() and 1 <= int(positional[1]) <= 100000
        runs = int(positional[1]) if ok else None
    if not ok:
        print(f"Usage: {argv[0]} [report|stress|stress-default|stress-constant|all [RUNS]] [--save-dir DIR]",
              file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="itogi-xlsx-python-") as tmp:
        out_dir = save_dir if save_dir is not None else tmp
        print(f"{PREFIX} import {IMPORT_MS:.3f}")
        if "report" in mode:
            n = runs or DEFAULT_RUNS
            path = os.path.join(out_dir, "python-report.xlsx")
            t = median_ms(lambda: write_report(path), WARMUP, n)
            print(f"{PREFIX} runs {n}")
            print(f"{PREFIX} report-workbook {t:.3f}")
            print(f"{PREFIX} report-workbook_bytes {os.path.getsize(path)}")
        for key, name, constant in (
            ("stress-default", "stress-1M", False),
            ("stress-constant", "stress-1M-constant-memory", True),
        ):
            if key not in mode:
                continue
            n = runs or DEFAULT_STRESS_RUNS
            path = os.path.join(out_dir, f"python-{name}.xlsx")
            t = median_ms(lambda path=path, constant=constant: write_stress(path, constant), 0, n)
            print(f"{PREFIX} stress-runs {n}")
            print(f"{PREFIX} {name} {t:.3f}")
            print(f"{PREFIX} {name}_bytes {os.path.getsize(path)}")
    print(f"{PREFIX} version {xlsxwriter.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
