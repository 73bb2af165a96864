#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Nothing is lost through a file name: outputs never destroy what they were not asked to write,
odd database files are refused at once with no side effect, and the messages are true.

Runs the real itogi-cli (ITOGI_CLI) and prints TAP. Every refusal is checked the same way: the
command exits non-zero with one plain line on standard error (no library's own lines, no SQLite
codes), and the database, its -wal and every other file and name in its folder are byte for byte
as before (the -shm, SQLite's shared index, excepted: its content is not data). The figures that
the README's Reliability section quotes are printed as TAP comments.
"""
import hashlib
import os
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

import taprunner

CLI = os.environ["ITOGI_CLI"]
TIMEOUT = 30  # a command that waits on a pipe would hang: it must answer long before this
STATS = {}


def run(*args, timeout=TIMEOUT):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout)


def snapshot(folder):
    """Every name under @folder with its kind and, for files, its content's hash."""
    seen = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                seen[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                if name.endswith("-shm"):
                    seen[rel] = ("file", "shm")
                else:
                    with open(path, "rb") as f:
                        seen[rel] = ("file", hashlib.sha256(f.read()).hexdigest())
            elif stat.S_ISDIR(st.st_mode):
                seen[rel] = ("dir",)
            else:
                seen[rel] = ("special", stat.S_IFMT(st.st_mode), st.st_rdev)
    return seen


def describe_change(before, after):
    lines = []
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            lines.append(f"{name}: {before.get(name)} -> {after.get(name)}")
    return "; ".join(lines)


def assert_plain_refusal(r, what, lines=1):
    assert r.returncode != 0, f"{what}: exit 0, stdout {r.stdout[:200]!r}"
    err = r.stderr.strip().splitlines()
    assert 1 <= len(err) <= lines or lines == 0, f"{what}: {len(err)} lines on stderr: {r.stderr[:600]!r}"
    # Neither a library's own lines nor SQLite's words and codes reach the user.
    for bad in ("[ERROR]", "[WARNING]", "(code ", "disk I/O error", "database disk image is malformed",
                "file is not a database", "unable to open database file", "no such table",
                "attempt to write a readonly database", "SQL logic error"):
        assert bad not in r.stderr, f"{what}: {bad!r} in {r.stderr!r}"


class Env:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="itogi-files-")
        self.pristine = os.path.join(self.root, "pristine.db")
        r = run("--database", self.pristine, "init")
        assert r.returncode == 0, r.stderr
        self.n = 0

    def case_dir(self):
        self.n += 1
        d = os.path.join(self.root, f"case-{self.n}")
        os.makedirs(d)
        return d

    def fresh(self, name="itogi.db"):
        d = self.case_dir()
        db = os.path.join(d, name)
        shutil.copyfile(self.pristine, db)
        os.chmod(db, 0o600)
        return d, db

    def csv(self):
        path = os.path.join(self.root, "figures.csv")
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                f.write("Показатель;Год;Значение\nПроведено выездных и камеральных проверок;2023;99\n")
        return path


class Holder:
    """Another program with the database open, as the window would be: it has committed an edit
    that is still only in the -wal, and keeps the file open until killed."""

    SCRIPT = r"""
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA wal_autocheckpoint = 0")
db.execute("UPDATE indicator_values SET amount = 777777 WHERE rowid = (SELECT min(rowid) FROM indicator_values)")
print("ready", flush=True)
time.sleep(600)
"""

    def __init__(self, db):
        self.proc = subprocess.Popen(["/usr/bin/python3", "-c", self.SCRIPT, db], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "ready"
        assert os.path.getsize(db + "-wal") > 0

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


def held_edit_survives(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        value = con.execute("SELECT amount FROM indicator_values WHERE rowid = "
                            "(SELECT min(rowid) FROM indicator_values)").fetchone()[0]
        check = con.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        con.close()
    assert value == 777777, f"the committed edit is gone: {value}"
    assert check == "ok", check


# ---- 2. outputs ----

def writers(db, out):
    """Every command that writes a file, as (name, argv) with @out as its output."""
    base = ["--database", db]
    return [
        ("export xlsx", base + ["export", "--year", "2023", "--format", "xlsx", "-o", out]),
        ("export csv", base + ["export", "--year", "2023", "--format", "csv", "-o", out]),
        ("chart", base + ["chart", "--year", "2023", "--area", "documents", "-o", out]),
        ("report pdf", base + ["report", "--year", "2023", "--format", "pdf", "-o", out]),
        ("report odt", base + ["report", "--year", "2023", "--format", "odt", "-o", out]),
        ("report txt", base + ["report", "--year", "2023", "--format", "txt", "-o", out]),
        ("backup", base + ["backup", out]),
    ]


def bad_targets(d, db):
    """Names that lead to what no output may replace: (label, path, setup)."""
    sub = os.path.join(d, "sub")
    backups = os.path.join(d, "itogi-backups")
    elsewhere = os.path.join(os.path.dirname(d), os.path.basename(d) + "-elsewhere")

    def make_sub():
        os.makedirs(sub, exist_ok=True)

    def make_link():
        os.symlink(db, os.path.join(d, "link.db"))

    def make_hard():
        os.makedirs(elsewhere, exist_ok=True)
        os.link(db, os.path.join(elsewhere, "hard.db"))

    def make_backups():
        os.makedirs(backups, exist_ok=True)
        with open(os.path.join(backups, "itogi-20261120-090000-daily.db"), "wb") as f:
            f.write(open(db, "rb").read())

    def make_backup_link():
        make_backups()
        os.makedirs(elsewhere, exist_ok=True)
        os.link(os.path.join(backups, "itogi-20261120-090000-daily.db"), os.path.join(elsewhere, "b.db"))

    def make_fifo():
        os.mkfifo(os.path.join(d, "pipe"))

    def make_socket():
        s = socket.socket(socket.AF_UNIX)
        s.bind(os.path.join(d, "sock"))
        s.close()

    def make_device():
        os.mknod(os.path.join(d, "null-device"), 0o666 | stat.S_IFCHR, os.makedev(1, 3))

    def make_folder():
        os.makedirs(os.path.join(d, "folder"), exist_ok=True)

    targets = [
        ("the database", db, None),
        ("the database through ..", os.path.join(sub, "..", os.path.basename(db)), make_sub),
        ("the database through a symbolic link", os.path.join(d, "link.db"), make_link),
        ("the database through a hard link", os.path.join(elsewhere, "hard.db"), make_hard),
        ("its -wal", db + "-wal", None),
        ("its -shm", db + "-shm", None),
        ("its -journal", db + "-journal", None),
        ("a new file in its backup folder", os.path.join(backups, "new.xlsx"), make_backups),
        ("a backup in its backup folder", os.path.join(backups, "itogi-20261120-090000-daily.db"), make_backups),
        ("a hard link to one of its backups", os.path.join(elsewhere, "b.db"), make_backup_link),
        ("a pipe", os.path.join(d, "pipe"), make_fifo),
        ("a socket", os.path.join(d, "sock"), make_socket),
        ("a folder", os.path.join(d, "folder"), make_folder),
    ]
    if os.geteuid() == 0:
        targets.append(("a device node", os.path.join(d, "null-device"), make_device))
    else:
        # Not root: /dev/full itself, which an ordinary user could not replace anyway.
        targets.append(("a device node", "/dev/full", None))
    return targets, elsewhere


def test_outputs_never_destroy(env):
    """Every writer, pointed at the database, its journal files, its backups, a device, a pipe, a
    socket or a folder, under any name: refused, nothing written anywhere, a committed edit that
    another program holds in the -wal survives."""
    tried = 0
    d, db = env.fresh()
    holder = Holder(db)
    try:
        targets, elsewhere = bad_targets(d, db)
        for label, target, setup in targets:
            if setup:
                setup()
            for name, argv in writers(db, target):
                before = (snapshot(d), snapshot(elsewhere) if os.path.isdir(elsewhere) else {})
                r = run(*argv)
                after = (snapshot(d), snapshot(elsewhere) if os.path.isdir(elsewhere) else {})
                what = f"{name} -o {label}"
                assert_plain_refusal(r, what)
                assert before == after, f"{what}: {describe_change(before[0], after[0])} " \
                                        f"{describe_change(before[1], after[1])}"
                tried += 1
        st = os.lstat(targets[-1][1])
        assert not stat.S_ISREG(st.st_mode), "the device node was replaced by a file"
    finally:
        holder.kill()
    held_edit_survives(db)
    STATS["outputs refused"] = tried
    print(f"# outputs refused: {tried} (writers x names of the database, its journal files and backups, "
          f"devices, pipes, sockets, folders)")


def test_chart_names_that_lead_to_the_database(env):
    """The chart writer takes its format from the extension: a link «chart.png» to the database,
    or the database named with an extension, is refused the same way."""
    d, db = env.fresh("itogi.png")
    holder = Holder(db)
    try:
        link = os.path.join(d, "chart.svg")
        os.symlink(db, link)
        for out in (db, link, os.path.join(d, "sub", "..", "itogi.png")):
            os.makedirs(os.path.join(d, "sub"), exist_ok=True)
            before = snapshot(d)
            r = run("--database", db, "chart", "--year", "2023", "-o", out)
            assert_plain_refusal(r, f"chart -o {out}")
            assert snapshot(d) == before, describe_change(before, snapshot(d))
    finally:
        holder.kill()
    held_edit_survives(db)


def test_symlink_written_through(env):
    """A symbolic link is written through to its target and stays a link, for every writer."""
    d, db = env.fresh()
    extension = {"export xlsx": "xlsx", "export csv": "csv", "chart": "png", "report pdf": "pdf",
                 "report odt": "odt", "report txt": "txt", "backup": "db"}
    for name, _ in writers(db, "unused"):
        link = os.path.join(d, "out-link." + extension[name])
        target = os.path.join(d, "target-" + name.replace(" ", "-") + "." + extension[name])
        argv = dict(writers(db, link))[name]
        with open(target, "wb") as f:
            f.write(b"old contents")
        if os.path.lexists(link):
            os.unlink(link)
        os.symlink(os.path.basename(target), link)
        if name == "backup":
            # A backup replaces only an Itogi database: the link leads to an older backup.
            shutil.copyfile(env.pristine, target)
        r = run(*argv)
        assert r.returncode == 0, f"{name}: {r.stderr}"
        assert os.path.islink(link), f"{name}: the link was replaced"
        assert os.readlink(link) == os.path.basename(target)
        data = open(target, "rb").read()
        assert data != b"old contents" and len(data) > 100, f"{name}: the target was not written"
        leftovers = [n for n in os.listdir(d) if n.startswith(".itogi")]
        assert not leftovers, leftovers


def test_backup_never_over_another_file(env):
    """backup onto an existing file that is not an Itogi database is refused; over an older
    backup (an Itogi database) it is replaced."""
    d, db = env.fresh()
    notes = os.path.join(d, "notes.txt")
    with open(notes, "w") as f:
        f.write("the minutes of the meeting\n")
    other_sqlite = os.path.join(d, "other.sqlite")
    con = sqlite3.connect(other_sqlite)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    for victim in (notes, other_sqlite):
        before = snapshot(d)
        r = run("--database", db, "backup", victim)
        assert_plain_refusal(r, f"backup {victim}")
        assert os.path.basename(victim) in r.stderr, r.stderr
        assert snapshot(d) == before, describe_change(before, snapshot(d))
    older = os.path.join(d, "older.db")
    shutil.copyfile(env.pristine, older)
    r = run("--database", db, "backup", older)
    assert r.returncode == 0, r.stderr


# ---- 3. odd database files ----

def take_with_log(source, db, statements):
    """@db becomes a copy of @source (or a new database) changed by @statements in WAL mode, taken
    with its log while the changing connection is still open, so that the changes stay in the log."""
    d = os.path.dirname(db)
    work = os.path.join(d, "work.db")
    if source is not None:
        shutil.copyfile(source, work)
    con = sqlite3.connect(work, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.executescript(statements)
    shutil.copyfile(work, db)
    shutil.copyfile(work + "-wal", db + "-wal")
    con.close()
    for n in os.listdir(d):
        if n.startswith("work.db"):
            os.unlink(os.path.join(d, n))


def sql_case(statements, leave_wal=False):
    def make(env):
        d, db = env.fresh()
        if leave_wal:
            take_with_log(env.pristine, db, statements)
        else:
            con = sqlite3.connect(db, isolation_level=None)
            con.executescript(statements)
            con.close()
        return d, db
    return make


def bytes_case(content):
    def make(env):
        d = env.case_dir()
        db = os.path.join(d, "itogi.db")
        with open(db, "wb") as f:
            f.write(content(env) if callable(content) else content)
        return d, db
    return make


def foreign_case(leave_wal):
    def make(env):
        d = env.case_dir()
        db = os.path.join(d, "itogi.db")
        statements = "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.org');"
        if leave_wal:
            take_with_log(None, db, statements)
        else:
            con = sqlite3.connect(db, isolation_level=None)
            con.executescript(statements)
            con.close()
        return d, db
    return make


def special_case(kind):
    def make(env):
        d = env.case_dir()
        db = os.path.join(d, "itogi.db")
        if kind == "fifo":
            os.mkfifo(db)
        elif kind == "folder":
            os.mkdir(db)
        elif kind == "socket":
            s = socket.socket(socket.AF_UNIX)
            s.bind(db)
            s.close()
        return d, db
    return make


def beside_case(kind):
    """A sound database with something odd where its -wal or -shm would be."""
    def make(env):
        d, db = env.fresh()
        if kind == "wal-fifo":
            os.mkfifo(db + "-wal")
        elif kind == "wal-folder":
            os.mkdir(db + "-wal")
        elif kind == "shm-fifo":
            os.mkfifo(db + "-shm")
        return d, db
    return make


def other_wal_case(env):
    """A database beside the -wal of another database (copied together by someone)."""
    d, db = env.fresh()
    other = os.path.join(d, "other.db")
    shutil.copyfile(env.pristine, other)
    con = sqlite3.connect(other, isolation_level=None)
    # Another office's database: other texts, its pages laid out anew.
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("UPDATE areas SET description = description || ?", ("другое " * 400,))
    con.execute("VACUUM")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("DELETE FROM indicator_values WHERE rowid % 2 = 0")
    con.execute("UPDATE areas SET title = title || ' (другая база)'")
    shutil.copyfile(other + "-wal", db + "-wal")
    con.close()
    os.unlink(other)
    return d, db


def damaged_case(env):
    d, db = env.fresh()
    data = bytearray(open(db, "rb").read())
    page = int.from_bytes(data[16:18], "big")
    data[page:page + 64] = b"\x5a" * 64
    with open(db, "wb") as f:
        f.write(data)
    return d, db


def truncated_case(env):
    return open(env.pristine, "rb").read()[:3000]


# (label, maker, the object names «itogi-cli check» must name, or None when check refuses too)
ODD_FILES = [
    ("a pipe", special_case("fifo"), None),
    ("a folder", special_case("folder"), None),
    ("a socket", special_case("socket"), None),
    ("an empty file", bytes_case(b""), None),
    ("a text file", bytes_case("Показатель;2022;2023\n".encode()), None),
    ("random bytes", bytes_case(bytes(range(256)) * 64), None),
    ("only an SQLite header", bytes_case(b"SQLite format 3\0" + b"\0" * 84), None),
    ("a truncated database", bytes_case(truncated_case), None),
    ("another program's database", foreign_case(False), None),
    ("another program's database with its -wal", foreign_case(True), None),
    ("a damaged database", damaged_case, []),
    ("a database beside another database's -wal", other_wal_case, None),
    ("data format 0 with the tables of format 5", sql_case("PRAGMA user_version = 0"), None),
    ("data format 0 in the -wal", sql_case("PRAGMA user_version = 0", leave_wal=True), None),
    ("data format -1", sql_case("PRAGMA user_version = -1"), None),
    ("data format 99 (newer)", sql_case("PRAGMA user_version = 99"), None),
    ("data format 2 with the tables of format 5", sql_case("PRAGMA user_version = 2"), None),
    ("data format 3 with the tables of format 5", sql_case("PRAGMA user_version = 3"), None),
    ("data format 4 with the tables of format 5", sql_case("PRAGMA user_version = 4"), None),
    ("a renamed index", sql_case("DROP INDEX indicator_values_by_year; "
                                 "CREATE INDEX by_year ON indicator_values (year)"),
     ["indicator_values_by_year", "by_year"]),
    ("a dropped table", sql_case("DROP TABLE report_texts"), ["report_texts"]),
    ("a renamed table", sql_case("ALTER TABLE tasks RENAME TO tasks_old"), ["tasks", "tasks_old"]),
    ("a renamed column", sql_case("ALTER TABLE areas RENAME COLUMN icon TO pictogram"), ["icon", "pictogram"]),
    ("a dropped column", sql_case("ALTER TABLE meta DROP COLUMN value"), ["value"]),
    ("an added column", sql_case("ALTER TABLE tasks ADD COLUMN extra TEXT"), ["extra"]),
    ("a dropped history trigger", sql_case("DROP TRIGGER indicator_values_update"), ["indicator_values_update"]),
    ("a dropped history trigger in the -wal", sql_case("DROP TRIGGER tasks_insert", leave_wal=True),
     ["tasks_insert"]),
    ("a foreign trigger", sql_case("CREATE TRIGGER wipe AFTER INSERT ON indicator_values "
                                   "BEGIN DELETE FROM indicators; END"), ["wipe"]),
    ("a foreign trigger in the -wal", sql_case("CREATE TRIGGER wipe AFTER UPDATE ON indicator_values "
                                               "BEGIN DELETE FROM indicators; END", leave_wal=True), ["wipe"]),
    ("a foreign table", sql_case("CREATE TABLE notes_extra (x TEXT)"), ["notes_extra"]),
    ("a foreign index", sql_case("CREATE INDEX values_by_year ON indicator_values (year)"), ["values_by_year"]),
    ("a foreign view", sql_case("CREATE VIEW everything AS SELECT * FROM indicator_values"), ["everything"]),
    ("a dropped index", sql_case("DROP INDEX indicators_by_area"), ["indicators_by_area"]),
    ("a changed CHECK constraint",
     sql_case("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, "
              "'CHECK (archived IN (0, 1))', '') WHERE name = 'areas'; PRAGMA writable_schema = OFF;"),
     ["areas"]),
    ("a pipe where its -wal goes", beside_case("wal-fifo"), None),
    ("a folder where its -wal goes", beside_case("wal-folder"), None),
    ("a pipe where its -shm goes", beside_case("shm-fifo"), None),
]


def commands(db, out):
    base = ["--database", db]
    return [
        ("table", base + ["table", "--year", "2023"]),
        ("areas", base + ["areas"]),
        ("chart", base + ["chart", "--year", "2023", "-o", os.path.join(out, "chart.png")]),
        ("export", base + ["export", "--year", "2023", "-o", os.path.join(out, "t.xlsx")]),
        ("export csv", base + ["export", "--year", "2023", "-o", os.path.join(out, "t.csv")]),
        ("report", base + ["report", "--year", "2023", "-o", "-"]),
        ("report pdf", base + ["report", "--year", "2023", "-o", os.path.join(out, "r.pdf")]),
        ("import", base + ["import", "CSV"]),
        ("import --dry-run", base + ["import", "CSV", "--dry-run"]),
        ("backup", base + ["backup", os.path.join(out, "copy.db")]),
        ("upgrade", base + ["upgrade"]),
        ("check", base + ["check"]),
    ]


def test_odd_files_refused(env):
    """Every command on every odd file: refused at once, one plain line, and nothing of the file or
    beside it changed; «check» names what was altered."""
    refused = 0
    altered = 0
    out = os.path.join(env.root, "out")
    os.makedirs(out, exist_ok=True)
    for label, maker, named in ODD_FILES:
        d, db = maker(env)
        for name, argv in commands(db, out):
            argv = [env.csv() if a == "CSV" else a for a in argv]
            before = (snapshot(d), snapshot(out))
            started = time.monotonic()
            r = run(*argv)
            took = time.monotonic() - started
            after = (snapshot(d), snapshot(out))
            what = f"{name} on {label}"
            assert took < 10, f"{what}: took {took:.1f} s"
            if name == "check":
                # check reports what it finds, one problem a line, or refuses a file it cannot
                # read at all; either way with a failing status and plain lines.
                assert_plain_refusal(r, what, lines=0)
                text = r.stdout + r.stderr
                for obj in named or []:
                    assert obj in text, f"{what}: {obj!r} not named in {text[:800]!r}"
                if named is None:
                    assert len(r.stderr.strip().splitlines()) <= 2, f"{what}: {r.stderr!r}"
            else:
                assert_plain_refusal(r, what)
                assert os.path.basename(db) in r.stderr or "itogi.db" in r.stderr, f"{what}: {r.stderr!r}"
            assert before == after, f"{what}: {describe_change(before[0], after[0])} " \
                                    f"{describe_change(before[1], after[1])}"
            refused += 1
        if named:
            altered += 1
    STATS["odd files"] = len(ODD_FILES)
    STATS["altered schemas"] = altered
    print(f"# odd database files: {len(ODD_FILES)} ({altered} altered schemas named by check), "
          f"{refused} command runs refused with nothing changed")


def test_odd_backups_not_restored(env):
    """restore from an odd file: refused, the database and the odd file as they were."""
    d, db = env.fresh()
    runs = 0
    for label, maker, named in ODD_FILES:
        od, odd = maker(env)
        before = (snapshot(d), snapshot(od))
        r = run("--database", db, "restore", odd)
        what = f"restore from {label}"
        assert_plain_refusal(r, what)
        assert before == (snapshot(d), snapshot(od)), what
        runs += 1
    print(f"# restore refused {runs} odd backups")


def test_pristine_commands(env):
    """The control: the same commands on a sound database succeed, and those that only read leave
    the file, its -wal and its folder byte for byte, with or without another program holding it."""
    out = os.path.join(env.root, "out-pristine")
    os.makedirs(out, exist_ok=True)
    for held in (False, True):
        d, db = env.fresh()
        holder = Holder(db) if held else None
        try:
            for name, argv in commands(db, out):
                argv = [env.csv() if a == "CSV" else a for a in argv]
                before = snapshot(d)
                r = run(*argv)
                what = f"{name} on a sound database{' held by another program' if held else ''}"
                expected = 0
                assert r.returncode == expected, f"{what}: {r.returncode} {r.stderr}"
                if name not in ("import", "upgrade"):
                    assert snapshot(d) == before, f"{what}: {describe_change(before, snapshot(d))}"
        finally:
            if holder:
                holder.kill()
        if held:
            held_edit_survives(db)


def test_upgrade_and_older_formats(env):
    """A reading command refuses an older data format without a backup or any change; «upgrade»
    brings it up to date after a verified backup, and then says there is nothing to do."""
    d, db = env.fresh()
    # Back to data format 1: no history, no report texts, no sentence templates.
    con = sqlite3.connect(db, isolation_level=None)
    for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.executescript("DROP TABLE edit_session; DROP TABLE history; DROP TABLE steps; "
                      "ALTER TABLE indicators DROP COLUMN sentence; DROP TABLE report_texts; "
                      "DROP INDEX indicator_values_by_year; DROP TABLE area_status; PRAGMA user_version = 1;")
    con.close()
    backups = os.path.join(d, "itogi-backups")
    for name in ("table", "export", "report"):
        before = snapshot(d)
        argv = {"table": ["table"], "export": ["export", "-o", os.path.join(env.root, "old.xlsx")],
                "report": ["report", "-o", "-"]}[name]
        r = run("--database", db, *argv)
        assert_plain_refusal(r, f"{name} on format 1")
        assert "upgrade" in r.stderr, r.stderr
        assert snapshot(d) == before, describe_change(before, snapshot(d))
        assert not os.path.exists(backups)
    r = run("--database", db, "upgrade")
    assert r.returncode == 0, r.stderr
    kept = [n for n in os.listdir(backups) if n.endswith("-before-v5.db")]
    assert len(kept) == 1, os.listdir(backups)
    con = sqlite3.connect(f"file:{os.path.join(backups, kept[0])}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 5
    con.close()
    before = snapshot(d)
    r = run("--database", db, "upgrade")
    assert r.returncode == 0, r.stderr
    assert snapshot(d) == before, describe_change(before, snapshot(d))
    r = run("--database", db, "table", "--year", "2023")
    assert r.returncode == 0 and "22" in r.stdout, r.stderr


def test_full_disk(env):
    """On a full disk (a 2 MB tmpfs of its own, in a mount namespace) reading still works and
    every write is refused in plain words, with no library line on the terminal."""
    if shutil.which("unshare") is None:
        raise AssertionError("unshare (util-linux) is needed for the full-disk test")
    d = env.case_dir()
    script = os.path.join(d, "full.sh")
    results = os.path.join(d, "results")
    os.makedirs(results)
    with open(script, "w") as f:
        f.write(f"""set -u
mnt={d}/mnt
mkdir -p "$mnt"
mount -t tmpfs -o size=2m tmpfs "$mnt" || exit 90
cp {env.pristine} "$mnt/itogi.db"
cp {env.csv()} "$mnt/figures.csv"
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
sha256sum "$mnt/itogi.db" > {results}/before
ls -a "$mnt" > {results}/list-before
run () {{ name=$1; shift; "$@" > {results}/$name.out 2> {results}/$name.err; echo $? > {results}/$name.rc; }}
run table {CLI} --database "$mnt/itogi.db" table --year 2023
run report {CLI} --database "$mnt/itogi.db" report --year 2023 -o -
run import {CLI} --database "$mnt/itogi.db" import "$mnt/figures.csv"
run export {CLI} --database "$mnt/itogi.db" export --year 2023 -o "$mnt/t.xlsx"
run csv {CLI} --database "$mnt/itogi.db" export --year 2023 -o "$mnt/t.csv"
run pdf {CLI} --database "$mnt/itogi.db" report --year 2023 -o "$mnt/r.pdf"
run chart {CLI} --database "$mnt/itogi.db" chart --year 2023 -o "$mnt/c.png"
run backup {CLI} --database "$mnt/itogi.db" backup "$mnt/copy.db"
sha256sum "$mnt/itogi.db" > {results}/after
ls -a "$mnt" > {results}/list-after
""")
    r = subprocess.run(["unshare", "-rm", "sh", script], capture_output=True, text=True, timeout=300)
    if r.returncode == 90 or not os.path.exists(os.path.join(results, "after")):
        r = subprocess.run(["unshare", "-m", "sh", script], capture_output=True, text=True, timeout=300)
    assert os.path.exists(os.path.join(results, "after")), f"no mount namespace with a tmpfs: {r.stderr}"

    def res(name):
        return (int(open(os.path.join(results, name + ".rc")).read()),
                open(os.path.join(results, name + ".out")).read(),
                open(os.path.join(results, name + ".err")).read())

    for name in ("table", "report"):
        rc, out, err = res(name)
        assert rc == 0, f"{name} on a full disk: {err}"
        assert "22" in out, out[:300]
    for name, file in (("import", "itogi.db"), ("export", "t.xlsx"), ("csv", "t.csv"), ("pdf", "r.pdf"),
                       ("chart", "c.png"), ("backup", "copy.db")):
        rc, out, err = res(name)
        assert rc != 0, f"{name} on a full disk: exit 0"
        lines = err.strip().splitlines()
        assert len(lines) == 1, f"{name}: {err!r}"
        for bad in ("[ERROR]", "(code ", "disk I/O error"):
            assert bad not in err, f"{name}: {err!r}"
        assert file in err, f"{name}: the message does not name {file}: {err!r}"
    assert open(os.path.join(results, "before")).read().split()[0] == \
        open(os.path.join(results, "after")).read().split()[0], "the database changed"
    assert open(os.path.join(results, "list-before")).read() == open(os.path.join(results, "list-after")).read(), \
        "files were left on the full disk"



if __name__ == "__main__":
    sys.exit(taprunner.run(globals(), Env, "a database with the report's data, made by itogi-cli init",
                           lambda env: shutil.rmtree(env.root, ignore_errors=True)))
