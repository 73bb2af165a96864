#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make the large database of the start-up benchmark (bench/README.md).

The report's own data (made by `itogi-cli init`) plus AREAS areas × INDICATORS indicators ×
YEARS years of monthly figures: with the defaults 50 × 40 × 20 (2004–2023), that is 2 018
indicators and 480 000 figures more. The figures are made up by a fixed-seed generator, so two
runs give the same file; nothing of it is ever committed.

    bench/make-large-db.py ITOGI_CLI OUT.db [AREAS INDICATORS YEARS]

The rows go straight in with SQL, outside any edit step, the way an old database that grew for
years would hold them (no history rows). The schema, its triggers and checks are Itogi's own:
`itogi-cli init` makes the file and `itogi-cli check` looks at it afterwards.
"""

import os
import random
import sqlite3
import subprocess
import sys

KINDS = (
    # kind, scale, aggregation, unit, form_one, form_few, form_many
    ("count", 0, "sum", "", "обращение", "обращения", "обращений"),
    ("count", 0, "sum", "", "документ", "документа", "документов"),
    ("money", 2, "sum", "руб.", "", "", ""),
    ("count", 0, "last", "", "человек", "человека", "человек"),
    ("percent", 1, "last", "%", "", "", ""),
    ("decimal", 1, "sum", "тыс. руб.", "", "", ""),
)

TOPICS = (
    "Обращения", "Документооборот", "Контроль", "Кадры", "Закупки", "Связь", "Архив", "Право",
    "Хозяйство", "Транспорт", "Связи с общественностью", "Информатизация", "Безопасность",
)


def main(argv):
    if len(argv) not in (3, 6):
        print("usage: make-large-db.py ITOGI_CLI OUT.db [AREAS INDICATORS YEARS]", file=sys.stderr)
        return 2
    cli, out = argv[1], argv[2]
    areas, indicators, years = (int(x) for x in argv[3:6]) if len(argv) == 6 else (50, 40, 20)
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(out + suffix):
            os.unlink(out + suffix)
    subprocess.run([cli, "--database", out, "init"], check=True, stdout=subprocess.DEVNULL)

    rng = random.Random(20231231)
    db = sqlite3.connect(out)
    db.execute("PRAGMA foreign_keys = ON")
    stamp = "2024-01-15T09:00:00Z"
    first_year = 2023 - years + 1
    with db:
        (position,) = db.execute("SELECT coalesce(max(position), 0) FROM areas").fetchone()
        for a in range(areas):
            topic = TOPICS[a % len(TOPICS)]
            cur = db.execute(
                "INSERT INTO areas (slug, title, short_title, description, position) "
                "VALUES (?, ?, ?, '', ?)",
                (f"area-{a + 1:03d}", f"{topic}: отдел № {a + 1}", f"{topic} {a + 1}",
                 position + 1 + a))
            area_id = cur.lastrowid
            for i in range(indicators):
                kind, scale, agg, unit, one, few, many = KINDS[i % len(KINDS)]
                cur = db.execute(
                    "INSERT INTO indicators (area_id, slug, title, unit, form_one, form_few, "
                    "form_many, kind, scale, aggregation, polarity, position) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'neutral', ?)",
                    (area_id, f"ind-{i + 1:03d}",
                     f"Показатель {i + 1} отдела № {a + 1} ({topic.lower()})", unit, one, few,
                     many, kind, scale, agg, i + 1))
                ind_id = cur.lastrowid
                base = rng.randint(10, 5000) * (10 ** scale)
                rows = []
                for y in range(first_year, first_year + years):
                    for m in range(1, 13):
                        amount = max(0, base + rng.randint(-base // 5, base // 5))
                        rows.append((ind_id, y, m, amount))
                db.executemany(
                    "INSERT INTO indicator_values (indicator_id, year, period, period_index, "
                    "amount, changed_by, changed_at) VALUES (?, ?, 'month', ?, ?, 'bench', '"
                    + stamp + "')", rows)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    subprocess.run([cli, "--database", out, "check"], check=True, stdout=subprocess.DEVNULL)
    print(f"{out}: {areas} areas × {indicators} indicators × {years} years of months, "
          f"{os.path.getsize(out) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
