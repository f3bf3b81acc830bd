#!/usr/bin/env bash
# Default solve of the bundled Surrey data, three runs: wall seconds and peak
# memory of each, and the plan's shape, to bench/results/surrey-solve.tsv.
# usage: bench/surrey.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
triad=$build/cli/triad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$triad" import "$here/../examples/data/surrey-936-gias-2021-05.csv" -o "$work/s.csv" 2>/dev/null
out=$here/results/surrey-solve.tsv
{
    echo "# triad solve --schools surrey.csv (defaults, seed 1), $(nproc) cores; $(date -u +%F)"
    printf 'run\twall_s\tpeak_rss_kb\tcollaboratives\ttriads\twithin_one\tviolations\n'
    for run in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$work/time" "$triad" solve --schools "$work/s.csv" \
            -o "$work/p.csv" --json --quiet >"$work/plan.json"
        read -r wall rss <"$work/time"
        python3 - "$work/plan.json" "$run" "$wall" "$rss" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["summary"]
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], str(d["collaboratives"]), str(d["triads"]),
                 str(d["collaboratives_within_one"]), str(d["violations"])]))
PY
    done
} >"$out"
cat "$out"
