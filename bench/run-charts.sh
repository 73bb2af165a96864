#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs bench/chart-bench (Itogi: Cairo + Pango) and bench/chart_matplotlib.py (matplotlib, Agg)
# on the same 8 × 2 grouped-column chart at 1600×900 and prints their medians side by side.
# It measures; it never fails on a time.
#
# Usage: bench/run-charts.sh [CHART-BENCH] [RUNS]
#   CHART-BENCH  the built benchmark (default: build/bench/chart-bench beside this script's checkout)
#   RUNS         timed runs per measure, after 2 warm-up runs (default: $BENCH_RUNS or 15)
# Set BENCH_SAVE_DIR to a directory to keep both programs' PNG, SVG and PDF for comparison.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/bench/chart-bench}
runs=${2:-${BENCH_RUNS:-15}}
python=/usr/bin/python3
save_dir=${BENCH_SAVE_DIR:-}

if [ ! -x "$bin" ]; then
  echo "run-charts.sh: $bin is not built; run «ninja -C build» first" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

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

if [ -n "$save_dir" ]; then
  mkdir -p "$save_dir"
  timed "$tmp/itogi" "$bin" "$runs" "$save_dir"
else
  timed "$tmp/itogi" "$bin" "$runs"
fi

mpl_ok=1
if [ -n "$save_dir" ]; then
  timed "$tmp/mpl" "$python" "$here/chart_matplotlib.py" "$runs" --save-dir "$save_dir" || mpl_ok=0
else
  timed "$tmp/mpl" "$python" "$here/chart_matplotlib.py" "$runs" || mpl_ok=0
fi
if [ "$mpl_ok" = 0 ]; then
  echo "run-charts.sh: matplotlib did not run (apt-get install python3-matplotlib); Itogi only" >&2
  : >"$tmp/mpl"
  echo n/a >"$tmp/mpl.rss"
fi

# The RSS file may carry a «Command exited with non-zero status» line before the number.
itogi_rss=$(tail -n 1 "$tmp/itogi.rss")
mpl_rss=$(tail -n 1 "$tmp/mpl.rss")

cat "$tmp/itogi" "$tmp/mpl" | awk -v itogi_rss="$itogi_rss" -v mpl_rss="$mpl_rss" \
  -v cores="$(nproc 2>/dev/null || echo '?')" '
  { v[$1 " " $2] = $3 }
  function ms(key) { return (key in v) ? sprintf("%.2f", v[key]) : "n/a" }
  function ratio(a, b) { return ((a in v) && (b in v) && v[b] > 0) ? sprintf("%.1fx", v[a] / v[b]) : "n/a" }
  function kb(key) { return (key in v) ? sprintf("%.0f", v[key] / 1024) : "n/a" }
  function mb(k) { return (k ~ /^[0-9]+$/) ? sprintf("%.1f MB", k / 1024) : k }
  END {
    printf "Chart benchmark: 8 groups × 2 years, 1600×900, median of %s runs (after 2 warm-up), %s cores\n\n",
      v["itogi runs"], cores
    printf "%-28s %10s %14s %8s   %s\n", "measure", "Itogi ms", "matplotlib ms", "ratio", "size kB (Itogi / mpl)"
    printf "%-28s %10s %14s %8s   %s\n", "draw (raster, no file)", ms("itogi draw"), ms("matplotlib draw"),
      ratio("matplotlib draw", "itogi draw"), ""
    printf "%-28s %10s %14s %8s   %s\n", "PNG encode only", ms("itogi encode"), ms("matplotlib encode"),
      ratio("matplotlib encode", "itogi encode"), ""
    split("png svg pdf", fmts, " ")
    for (i = 1; i <= 3; i++) {
      f = fmts[i]
      printf "%-28s %10s %14s %8s   %s / %s\n", toupper(f) " (data to bytes)", ms("itogi " f),
        ms("matplotlib " f), ratio("matplotlib " f, "itogi " f), kb("itogi " f "_bytes"), kb("matplotlib " f "_bytes")
    }
    printf "\n"
    if ("itogi png" in v && v["itogi png"] > 0)
      printf "Itogi PNG split: draw %s ms + encode %s ms (%.0f%% encode); export total %s ms\n",
        ms("itogi draw"), ms("itogi encode"), 100 * v["itogi encode"] / (v["itogi draw"] + v["itogi encode"]),
        ms("itogi png")
    if ("matplotlib png_save" in v)
      printf "matplotlib savefig alone, figure built once: PNG %s, SVG %s, PDF %s ms\n",
        ms("matplotlib png_save"), ms("matplotlib svg_save"), ms("matplotlib pdf_save")
    if ("matplotlib import" in v)
      printf "matplotlib import (not in the times above): %s ms (matplotlib %s)\n", ms("matplotlib import"),
        v["matplotlib version"]
    printf "Peak RSS: chart-bench %s, python3 + matplotlib %s\n", mb(itogi_rss), mb(mpl_rss)
  }'

if [ -n "$save_dir" ]; then
  echo "Outputs kept in $save_dir"
fi
exit 0
