#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The chart of bench/chart-bench.c drawn with matplotlib (Agg), for comparison.

Usage: chart_matplotlib.py [RUNS] [--save-dir DIR]

Prints «matplotlib <name> <median ms>» lines like chart-bench, then the output sizes as
«matplotlib <format>_bytes <bytes>». Each timed png/svg/pdf run starts from the data, as
itogi_chart_export_bytes does from its model: it builds the figure (bars, value labels,
title, legend) and saves it into a BytesIO. The *_save lines time savefig alone on a figure
built once, for reference. Import time is reported separately and excluded from the rest.
"""

import sys
import time

_t0 = time.perf_counter()
import io  # noqa: E402
import statistics  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

IMPORT_MS = (time.perf_counter() - _t0) * 1000.0

WARMUP = 2
DEFAULT_RUNS = 15
WIDTH_IN, HEIGHT_IN, DPI = 16, 9, 100  # 1600×900 px

TITLE = "Документооборот, 2022–2023"
YEARS = ("2022", "2023")
ROWS = (
    ("Входящие", 23142, 22808),
    ("Исходящие", 4829, 3997),
    ("Поручения", 1064, 1079),
    ("Прочие", 1674, 1543),
    ("Обращения", 6667, 6553),
    ("Проверки", 16, 23),
    ("Услуги", 74, 71),
    ("Заявления", 8374, 3493),
)
# Itogi's light print style: a light tint for the earlier year, Okabe–Ito blue for the report year.
COLOURS = ("#9ecae9", "#0072b2")
TEXT = "#1f1f1f"
GRID = "#deddda"


def group(n):
    """22808 → «22 808» with U+202F NARROW NO-BREAK SPACE, as Itogi writes numbers."""
    return f"{int(n):,}".replace(",", "\u202f")


def build_figure():
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)  # without pyplot a figure has no canvas that draws
    ax = fig.add_subplot()
    n_years = len(YEARS)
    width = 0.8 / n_years
    xs = range(len(ROWS))
    for y, year in enumerate(YEARS):
        offset = (y - (n_years - 1) / 2) * width
        values = [row[1 + y] for row in ROWS]
        bars = ax.bar([x + offset for x in xs], values, width, label=f"{year}\u00a0г.", color=COLOURS[y])
        ax.bar_label(bars, labels=[group(v) for v in values], padding=3, fontsize=11, color=TEXT)
    ax.set_xticks(list(xs), [row[0] for row in ROWS], fontsize=12)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: group(v)))
    ax.set_axisbelow(True)
    ax.grid(axis="y", color=GRID)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title(TITLE, loc="left", fontsize=20, fontweight="bold", color=TEXT)
    ax.legend(loc="upper right", frameon=False, fontsize=12)
    fig.tight_layout()
    return fig


def median_ms(func, runs):
    for _ in range(WARMUP):
        func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples)


def save(fig, fmt):
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI)
    return buf.getvalue()


def main(argv):
    runs = DEFAULT_RUNS
    save_dir = None
    args = list(argv[1:])
    while args:
        arg = args.pop(0)
        if arg == "--save-dir" and args:
            save_dir = args.pop(0)
        elif arg.isdigit() and int(arg) >= 1:
            runs = int(arg)
        else:
            print(f"Usage: {argv[0]} [RUNS] [--save-dir DIR]", file=sys.stderr)
            return 2

    sizes = {}

    # draw: figure built from the data and rasterised by Agg, no file written.
    draw = median_ms(lambda: build_figure().canvas.draw(), runs)

    # encode: only the PNG writing of an Agg buffer already drawn, as FigureCanvasAgg.print_png does it.
    drawn = build_figure()
    drawn.canvas.draw()

    def encode():
        buf = io.BytesIO()
        matplotlib.image.imsave(buf, drawn.canvas.buffer_rgba(), format="png", origin="upper", dpi=DPI)
        sizes["encode"] = len(buf.getvalue())

    t_encode = median_ms(encode, runs)

    results = {"draw": draw, "encode": t_encode}
    for fmt in ("png", "svg", "pdf"):

        def full(fmt=fmt):
            sizes[fmt] = len(save(build_figure(), fmt))

        results[fmt] = median_ms(full, runs)

    built = build_figure()
    for fmt in ("png", "svg", "pdf"):
        results[fmt + "_save"] = median_ms(lambda fmt=fmt: save(built, fmt), runs)

    if save_dir is not None:
        for fmt in ("png", "svg", "pdf"):
            with open(f"{save_dir}/matplotlib.{fmt}", "wb") as f:
                f.write(save(build_figure(), fmt))

    print(f"matplotlib runs {runs}")
    print(f"matplotlib import {IMPORT_MS:.3f}")
    for name in ("draw", "encode", "png", "svg", "pdf", "png_save", "svg_save", "pdf_save"):
        print(f"matplotlib {name} {results[name]:.3f}")
    for name in ("encode", "png", "svg", "pdf"):
        print(f"matplotlib {name}_bytes {sizes[name]}")
    print(f"matplotlib version {matplotlib.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
