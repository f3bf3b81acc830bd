#!/usr/bin/env bash
# The review cycle at LA scale: Surrey's 397 schools (a plan solved with seed
# 1: 45 collaboratives, ~131 triads) over the bundled 2026/27 calendar, with
# the defaults, with two-day reviews, and with the whole review chain (data
# shared 5 school days before, a workshop within 10 after the feedback, an
# impact check 40 or more after); wall seconds, peak memory and the
# events to bench/results/schedule.tsv. The issue's target: under 5 s.
# usage: bench/schedule.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
triad=$build/cli/triad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$triad" import "$here/../examples/data/surrey-936-gias-2021-05.csv" -o "$work/s.csv" 2>/dev/null
"$triad" solve --schools "$work/s.csv" -o "$work/plan.csv" --seed 1 >/dev/null 2>&1
cal=$here/../examples/data/calendar-2026-27.ini
out=$here/results/schedule.tsv
{
    echo "# triad schedule on Surrey (397 schools), calendar 2026/27; $(date -u +%F)"
    printf 'case\twall_s\tpeak_rss_mb\tevents\tviolations\n'
    for case in default review2 chain; do
        extra=()
        [ "$case" = review2 ] && extra=(--review-days 2)
        [ "$case" = chain ] && extra=(--data-before 5 --workshop-within 10 --impact-after 40)
        /usr/bin/time -f '%e %M' -o "$work/time" "$triad" schedule --schools "$work/s.csv" \
            --plan "$work/plan.csv" --calendar "$cal" -o "$work/sched.csv" --json \
            "${extra[@]}" >"$work/sched.json"
        read -r wall rss <"$work/time"
        python3 - "$work/sched.json" "$case" "$wall" "$rss" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("\t".join([sys.argv[2], sys.argv[3], "%.0f" % (int(sys.argv[4]) / 1024),
                 str(d["events"]), str(len(d["violations"]))]))
PY
    done
} >"$out"
cat "$out"
