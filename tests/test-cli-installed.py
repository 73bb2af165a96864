#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""itogi-cli speaks Russian under ru_RU.UTF-8 as a user runs it: through `meson devenv` and
installed (`meson install --destdir`), with no ITOGI_LOCALEDIR of the tests' own.

Both runs get the same commands and must print the same: the table's headers and figures in
Russian typography (22 808 with U+202F, 779 054,51, −1,4 %, 2022 г.), refusals in the words of
the Russian catalogue (read here with Python's gettext from the compiled .mo, not through Itogi),
and counts in the plural form that agrees with them.

Environment: ITOGI_BUILD_ROOT (the build folder), ITOGI_MESON (the meson program),
ITOGI_BINDIR (the bindir below the prefix, as installed), ITOGI_PREFIX. Prints TAP.
"""
import gettext
import os
import shutil
import subprocess
import sys
import tempfile

import taprunner

BUILD = os.environ["ITOGI_BUILD_ROOT"]
MESON = os.environ["ITOGI_MESON"]
PREFIX = os.environ["ITOGI_PREFIX"]
BINDIR = os.environ["ITOGI_BINDIR"]
NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"

# The Russian catalogue as built, read by Python's own gettext.
RU = gettext.translation("itogi", localedir=os.path.join(BUILD, "po"), languages=["ru"])


def user_env():
    """A Russian user's environment: nothing of the tests' own catalogue folder."""
    env = dict(os.environ, LC_ALL="ru_RU.UTF-8", LANGUAGE="")
    env.pop("ITOGI_LOCALEDIR", None)
    return env


class Context:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="itogi-cli-installed-")
        self.destdir = os.path.join(self.dir, "dest")
        # The programs and the catalogues, staged as a package would stage them.
        r = subprocess.run([MESON, "install", "-C", BUILD, "--destdir", self.destdir, "--no-rebuild", "--quiet",
                            "--tags", "runtime,i18n"], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        self.installed = os.path.join(self.destdir, PREFIX.lstrip("/"), BINDIR, "itogi-cli")
        assert os.access(self.installed, os.X_OK), self.installed
        self.db = os.path.join(self.dir, "итоги.db")
        r = self.installed_run("--database", self.db, "init")
        assert r.returncode == 0, r.stderr
        self.csv = os.path.join(self.dir, "два.csv")
        with open(self.csv, "w", encoding="utf-8") as f:
            f.write("Показатель;Год;Значение\n"
                    "Проведено выездных и камеральных проверок;2030;5\n"
                    "Проведено выездных и камеральных проверок;2031;6\n")
        self.csv5 = os.path.join(self.dir, "пять.csv")
        with open(self.csv5, "w", encoding="utf-8") as f:
            f.write("Показатель;Год;Значение\n")
            for year in range(2030, 2035):
                f.write(f"Проведено выездных и камеральных проверок;{year};{year - 2020}\n")

    def installed_run(self, *args):
        return subprocess.run([self.installed, *args], capture_output=True, text=True, env=user_env())

    def devenv_run(self, *args):
        return subprocess.run([MESON, "devenv", "-C", BUILD, "itogi-cli", *args], capture_output=True, text=True,
                              env=user_env())

    def both(self, *args):
        """The same command run both ways; they must agree in everything."""
        a, b = self.devenv_run(*args), self.installed_run(*args)
        assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr), \
            f"devenv: {a.returncode} {a.stdout[:200]!r} {a.stderr!r}\ninstalled: {b.returncode} {b.stdout[:200]!r} " \
            f"{b.stderr!r}"
        return b


def test_table_headers_and_figures(ctx):
    r = ctx.both("--database", ctx.db, "table", "--year", "2023", "--area", "documents")
    assert r.returncode == 0, r.stderr
    head = r.stdout.splitlines()[:2]
    assert head[0] == f"Контроль исполнения документов: 2023{NBSP}г. к 2022{NBSP}г.", head
    for word in ("Показатель", "Ед. изм.", f"2022{NBSP}г.", f"2023{NBSP}г.", "Изменение", "Изменение, %"):
        assert word in head[1], (word, head[1])
    assert "Indicator" not in r.stdout and "Change" not in r.stdout
    for figure in (f"22{NNBSP}808", f"23{NNBSP}142", f"{MINUS}334", f"{MINUS}1,4{NBSP}%"):
        assert figure in r.stdout, figure
    money = ctx.both("--database", ctx.db, "table", "--year", "2023", "--area", "financial-control")
    assert f"779{NNBSP}054,51" in money.stdout, money.stdout


def test_refusals(ctx):
    missing = os.path.join(ctx.dir, "нет.db")
    r = ctx.both("--database", missing, "table")
    assert r.returncode != 0 and r.stdout == ""
    assert r.stderr == "itogi-cli: " + RU.gettext("The database file “%s” does not exist.") % missing + "\n", r.stderr
    assert not os.path.exists(missing)
    r = ctx.both("--database", ctx.db, "table", "--year", "abc")
    assert r.returncode == 2 and r.stderr.startswith("itogi-cli: ") and "нужен год" in r.stderr, r.stderr


def test_help_is_russian(ctx):
    """The list of commands, their placeholders included, is in Russian: no YEAR, SLUG or FILE."""
    r = ctx.both("--help")
    assert r.returncode == 0, r.stderr
    assert "Команды:" in r.stdout and "--year ГОД" in r.stdout and "-o ФАЙЛ" in r.stdout, r.stdout
    for word in ("YEAR", "SLUG", "FILE", "KIND", "BACKUP", "Usage", "Commands"):
        assert word not in r.stdout, (word, r.stdout)
    # Every command is there, each with what it does.
    for command in ("init", "table", "areas", "chart", "export", "import", "report", "backup", "restore",
                    "check", "upgrade"):
        assert f"\n  {command}" in r.stdout, (command, r.stdout)


def test_plural_agreement(ctx):
    said = {}
    for path, n in ((ctx.csv, 2), (ctx.csv5, 5)):
        r = ctx.both("--database", ctx.db, "import", "--dry-run", path)
        assert r.returncode == 0, r.stderr
        said[n] = RU.ngettext("The file is good: %s value would be imported.",
                              "The file is good: %s values would be imported.", n) % n
        assert r.stdout == said[n] + "\n", (r.stdout, said[n])
    # 2 and 5 take different forms in Russian («2 значения», «5 значений»).
    assert said[2].replace("2", "N") != said[5].replace("5", "N"), said



if __name__ == "__main__":
    sys.exit(taprunner.run(globals(), Context, "installed with meson install --destdir",
                           lambda ctx: shutil.rmtree(ctx.dir, ignore_errors=True)))
