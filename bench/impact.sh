#!/usr/bin/env bash
# Impact and the clinic at England scale (issue 35's bench): a synthetic
# England of 19,998 schools (2,222 collaboratives of three triads of three;
# values made up here, seed fixed) with 5 measures over 5 years (about
# 500,000 outcome rows); `triad impact` with the holding-back list and the
# weighted figure (1,000 bootstrap resamples), and `triad clinic` with its
# default rules; wall seconds and peak memory to bench/results/impact.tsv.
# usage: bench/impact.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
triad=$build/cli/triad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import random, sys
w = sys.argv[1]
random.seed(35)
n = 19998
measures = ["READPROG", "WRITPROG", "MATPROG", "PTRWM_EXP", "ATT8SCR"]
with open(w + "/s.csv", "w") as s, open(w + "/p.csv", "w") as p, open(w + "/o.csv", "w") as o:
    s.write("urn,phase,ofsted\n")
    p.write("URN,collaborative,triad,lead\n")
    o.write("urn,year,measure,value\n")
    for i in range(n):
        urn = 200000 + i
        s.write("%d,Primary,%s\n" % (urn, random.choice(["1", "2", "2", "2", "3", "4", ""])))
        c, t = i // 9, i // 3
        p.write("%d,C%d,C%d.%d,%d\n" % (urn, c, c, t % 3 + 1, 1 if i % 9 == 0 else 0))
        base = [random.gauss(0, 3) for _ in measures]
        for year in range(2019, 2024):
            for m, b in zip(measures, base):
                if random.random() < 0.95:  # some cells not published
                    o.write("%d,%d,%s,%.2f\n" % (urn, year, m, b + random.gauss(0, 1.5)))
PY
out=$here/results/impact.tsv
{
    echo "# triad impact and clinic, synthetic England: 19,998 schools, 5 measures x 5 years ($(($(wc -l <"$work/o.csv") - 1)) rows); $(date -u +%F)"
    printf 'case\twall_s\tpeak_rss_mb\trows_out\n'
    /usr/bin/time -f '%e %M' -o "$work/time" "$triad" impact --schools "$work/s.csv" \
        --plan "$work/p.csv" --outcomes "$work/o.csv" -o "$work/imp.csv" \
        --holding-back "$work/behind.csv" --weighted "$work/w.csv" >/dev/null 2>&1
    read -r wall rss <"$work/time"
    printf 'impact+behind+weighted\t%s\t%.0f\t%d\n' "$wall" "$((rss / 1024))" \
        "$(($(wc -l <"$work/imp.csv") - 1))"
    /usr/bin/time -f '%e %M' -o "$work/time" "$triad" clinic --schools "$work/s.csv" \
        --term 2024-autumn --outcomes "$work/o.csv" -o "$work/clinic.csv" >/dev/null 2>&1
    read -r wall rss <"$work/time"
    printf 'clinic\t%s\t%.0f\t%d\n' "$wall" "$((rss / 1024))" "$(($(wc -l <"$work/clinic.csv") - 1))"
} >"$out"
cat "$out"
