#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs bench/xlsx-bench (Itogi: itogi_export_xlsx and libxlsxwriter) and bench/xlsx_python.py
# (Python XlsxWriter) on the same workloads, each workload as its own process so that GNU time
# gives each one's peak RSS, prints their medians side by side, and opens every file they wrote
# with openpyxl. It measures; it never fails on a time.
#
# Usage: bench/run-xlsx.sh [XLSX-BENCH] [RUNS] [STRESS-RUNS]
#   XLSX-BENCH   the built benchmark (default: build/bench/xlsx-bench beside this script's checkout)
#   RUNS         timed runs of the report workbook, after 2 warm-up runs (default: $BENCH_RUNS or 15)
#   STRESS-RUNS  timed runs of each 1M-cell workbook, no warm-up (default: $BENCH_STRESS_RUNS or 3)
# Set BENCH_SAVE_DIR to a directory to keep the six workbooks for a look.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/bench/xlsx-bench}
runs=${2:-${BENCH_RUNS:-15}}
stress_runs=${3:-${BENCH_STRESS_RUNS:-3}}
python=/usr/bin/python3
save_dir=${BENCH_SAVE_DIR:-}
workloads="report stress-default stress-constant"

if [ ! -x "$bin" ]; then
  echo "run-xlsx.sh: $bin is not built; run «ninja -C build» first" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
if [ -n "$save_dir" ]; then
  mkdir -p "$save_dir"
  out_dir=$(cd "$save_dir" && pwd)
else
  out_dir=$tmp/files
  mkdir "$out_dir"
fi

# Peak RSS (kB) of each process through GNU time; without it the column says «n/a».
timed() {
  out=$1
  shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$out.rss" "$@" >"$out"
  else
    echo n/a >"$out.rss"
    "$@" >"$out"
  fi
}

runs_for() {
  if [ "$1" = report ]; then echo "$runs"; else echo "$stress_runs"; fi
}

# One process per workload, one after the other, never two at once.
for w in $workloads; do
  timed "$tmp/itogi-$w" "$bin" "$w" "$(runs_for "$w")" "$out_dir"
done

py_ok=1
if ! "$python" -c 'import xlsxwriter' 2>/dev/null; then
  echo "run-xlsx.sh: Python XlsxWriter is missing (apt-get install python3-xlsxwriter); Itogi only" >&2
  py_ok=0
fi
for w in $workloads; do
  if [ "$py_ok" = 1 ]; then
    timed "$tmp/py-$w" "$python" "$here/xlsx_python.py" "$w" "$(runs_for "$w")" --save-dir "$out_dir" || py_ok=0
  fi
  if [ "$py_ok" = 0 ]; then
    : >"$tmp/py-$w"
    echo n/a >"$tmp/py-$w.rss"
  fi
done

# «<side>-rss <workload> <kB>» lines for awk. The RSS file may carry a «Command exited with
# non-zero status» line before the number.
for w in $workloads; do
  case $w in
    report) name=report-workbook ;;
    stress-default) name=stress-1M ;;
    stress-constant) name=stress-1M-constant-memory ;;
  esac
  echo "itogi-rss $name $(tail -n 1 "$tmp/itogi-$w.rss")"
  echo "python-rss $name $(tail -n 1 "$tmp/py-$w.rss")"
done >"$tmp/rss"

cat "$tmp"/itogi-report "$tmp"/itogi-stress-default "$tmp"/itogi-stress-constant \
  "$tmp"/py-report "$tmp"/py-stress-default "$tmp"/py-stress-constant "$tmp/rss" |
  awk -v cores="$(nproc 2>/dev/null || echo '?')" '
  { v[$1 " " $2] = $3 }
  function ms(key) { return (key in v) ? sprintf("%.2f", v[key]) : "n/a" }
  function ratio(a, b) { return ((a in v) && (b in v) && v[b] > 0) ? sprintf("%.1fx", v[a] / v[b]) : "n/a" }
  function kb(key) { return (key in v) ? sprintf("%.0f", v[key] / 1024) : "n/a" }
  function mb(key) { return ((key in v) && v[key] ~ /^[0-9]+$/) ? sprintf("%.1f", v[key] / 1024) : "n/a" }
  END {
    printf "Excel export benchmark: report %s runs (after 2 warm-up), 1M cells %s runs (no warm-up), median ms, %s cores\n\n",
      v["itogi runs"], v["itogi stress-runs"], cores
    printf "%-27s %10s %11s %7s %10s %10s   %s\n", "workload", "Itogi ms", "python ms", "ratio",
      "Itogi MB", "python MB", "size kB (Itogi / python)"
    split("report-workbook stress-1M stress-1M-constant-memory", names, " ")
    for (i = 1; i <= 3; i++) {
      n = names[i]
      printf "%-27s %10s %11s %7s %10s %10s   %s / %s\n", n, ms("itogi " n), ms("python-xlsxwriter " n),
        ratio("python-xlsxwriter " n, "itogi " n), mb("itogi-rss " n), mb("python-rss " n),
        kb("itogi " n "_bytes"), kb("python-xlsxwriter " n "_bytes")
    }
    printf "\n"
    printf "ratio = python-xlsxwriter ms / Itogi ms; MB = peak RSS of the process that ran the workload alone\n"
    if ("itogi report-csv" in v)
      printf "Itogi report-csv (same report read from SQLite, written as CSV; reference): %s ms\n", ms("itogi report-csv")
    if ("python-xlsxwriter import" in v)
      printf "import xlsxwriter (not in the times above): %s ms\n", ms("python-xlsxwriter import")
    printf "libxlsxwriter %s, Python XlsxWriter %s\n", v["itogi libxlsxwriter"],
      ("python-xlsxwriter version" in v) ? v["python-xlsxwriter version"] : "n/a"
  }'

# Every file must open in an independent reader. The report is opened whole (sheets, charts);
# the 1M-cell files in read_only mode, checking the dimension and the first row only.
echo
if "$python" -c 'import openpyxl' 2>/dev/null; then
  "$python" - "$out_dir" <<'EOF' || echo "openpyxl check did not run to the end" >&2
import os
import sys

import openpyxl

out = sys.argv[1]
first_row = tuple(c + 0.5 for c in range(10))
for side in ("itogi", "python"):
    for name in ("report", "stress-1M", "stress-1M-constant-memory"):
        path = os.path.join(out, f"{side}-{name}.xlsx")
        label = f"openpyxl: {side}-{name}.xlsx"
        if not os.path.exists(path):
            print(f"{label}: not written")
            continue
        try:
            wb = openpyxl.load_workbook(path, read_only=True)
            if name == "report":
                sheets = len(wb.sheetnames)
                wb.close()
                full = openpyxl.load_workbook(path)
                charts = sum(len(ws._charts) for ws in full.worksheets)
                ok = sheets == 11 and charts == 6
                print(f"{label}: {'OK' if ok else 'FAILED'} ({sheets} sheets, {charts} charts)")
            else:
                ws = wb.worksheets[0]
                dims = ws.calculate_dimension()
                row = next(ws.iter_rows(min_row=1, max_row=1, values_only=True))
                wb.close()
                ok = dims == "A1:J100000" and tuple(row) == first_row
                print(f"{label}: {'OK' if ok else 'FAILED'} ({dims}, first row {'as written' if tuple(row) == first_row else row})")
        except Exception as e:  # a file that does not open is reported, not raised
            print(f"{label}: FAILED ({type(e).__name__}: {e})")
EOF
else
  echo "openpyxl is missing (apt-get install python3-openpyxl); the files were not checked"
fi

if [ -n "$save_dir" ]; then
  echo "Workbooks kept in $out_dir"
fi
exit 0
