#!/usr/bin/env bash
# Time cost of each geographic policy on the bundled Surrey data (seed 1):
# wall seconds, and the plan's balance and travel, to
# bench/results/surrey-geography.tsv. usage: bench/geography.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
triad=$build/cli/triad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$triad" import "$here/../examples/data/surrey-936-gias-2021-05.csv" -o "$work/s.csv" 2>/dev/null
printf '' >"$work/spread.ini"
printf '[stratum.primary]\ngeography = local\n[stratum.secondary]\ngeography = local\n[stratum.special]\ngeography = local\n' >"$work/local.ini"
printf '[constraints]\ncollaborative_max_km = 35\n[stratum.primary]\ngeography = local\n' >"$work/collab35.ini"
printf '[constraints]\ntriad_max_km = 20\n' >"$work/triad20.ini"
printf '[constraints]\ntriad_max_km = 15\n' >"$work/triad15.ini"
out=$here/results/surrey-geography.tsv
{
    echo "# triad solve on Surrey (397 schools), seed 1, one thread; $(date -u +%F)"
    printf 'policy\twall_s\tstatus\twithin_one\tviolations\tmean_max_km_primary\ttriad_span_median_km\ttriads_over_20_km\n'
    for policy in spread local collab35 triad20 triad15; do
        set +e
        /usr/bin/time -f '%e' -o "$work/time" "$triad" solve --schools "$work/s.csv" \
            --spec "$work/$policy.ini" -o "$work/p.csv" --json --quiet >"$work/plan.json" 2>"$work/err"
        rc=$?
        set -e
        wall=$(tail -1 "$work/time")
        if [ "$rc" -ne 0 ]; then
            printf '%s\t%s\texit %s: %s\t\t\t\n' "$policy" "$wall" "$rc" "$(head -c 120 "$work/err")"
            continue
        fi
        python3 - "$work/plan.json" "$policy" "$wall" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
prim = [x for x in d["strata"] if x["name"] == "primary"][0]
print("\t".join([sys.argv[2], sys.argv[3], "ok", "%d/%d" % (s["collaboratives_within_one"], s["collaboratives"]),
                 str(s["violations"]), "%.1f" % prim["mean_max_km"],
                 "%.1f" % s["triad_span_median_km"], str(s["triads_over_20_km"])]))
PY
    done
} >"$out"
cat "$out"
