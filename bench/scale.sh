#!/usr/bin/env bash
# Scale series: one synthetic stratum of 1,000, 3,000 and 20,000 primary
# schools (grades, IDACI, urban/rural, locations, pupils, head years drawn
# with England's proportions; seed fixed), solved on 1 and 2 threads: wall
# seconds, peak memory and balance, to bench/results/scale.tsv.
# usage: bench/scale.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
triad=$build/cli/triad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import random, sys
for n in (1000, 3000, 20000):
    random.seed(n)
    with open("%s/big%d.csv" % (sys.argv[1], n), "w") as f:
        f.write("urn,phase,ofsted,idaci,urban_rural,easting,northing,pupils,head_years\n")
        for i in range(n):
            g = random.choices(["1", "2", "3", "4", ""], [19, 68, 9, 4, 8])[0]
            f.write("%d,Primary,%s,%d,%s,%d,%d,%d,%d\n" % (
                100000 + i, g, random.randint(1, 5), random.choice(["Urban", "Urban", "Rural"]),
                random.randint(300000, 600000), random.randint(100000, 500000),
                random.randint(50, 900), random.randint(0, 20)))
PY
out=$here/results/scale.tsv
{
    echo "# one stratum, default spec, seed 1; $(nproc) cores; $(date -u +%F)"
    printf 'schools\tthreads\twall_s\tpeak_rss_mb\tcollaboratives\twithin_one\tviolations\n'
    for n in 1000 3000 20000; do
        for t in 1 2; do
            /usr/bin/time -f '%e %M' -o "$work/time" "$triad" solve --schools "$work/big$n.csv" \
                -o "$work/p.csv" --threads "$t" --time-limit 600 --json --quiet >"$work/plan.json"
            read -r wall rss <"$work/time"
            python3 - "$work/plan.json" "$n" "$t" "$wall" "$rss" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], "%.1f" % (int(sys.argv[5]) / 1024),
                 str(s["collaboratives"]), str(s["collaboratives_within_one"]), str(s["violations"])]))
PY
        done
    done
} >"$out"
cat "$out"
