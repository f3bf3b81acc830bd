#!/usr/bin/env bash
# Time per update of the planner page (triad report) on the bundled Surrey
# plan in headless chromium: 200 moves and 200 swaps, median/p95/max ms to
# bench/results/planner.tsv; a screenshot of an edited page to
# doc/planner.png. Needs chromium and puppeteer-core
# (bash tools/install-deps.sh --with-browser).
# usage: bench/planner.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
triad=$build/cli/triad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$triad" import "$here/../examples/data/surrey-936-gias-2021-05.csv" -o "$work/s.csv" 2>/dev/null
"$triad" solve --schools "$work/s.csv" -o "$work/p.csv" --quiet >/dev/null
"$triad" report --schools "$work/s.csv" --plan "$work/p.csv" -o "$work/report.html"
node "$here/planner.mjs" "$work/report.html" 200 "$here/results/planner.tsv" \
    "$here/../doc/planner.png"
cat "$here/results/planner.tsv"
