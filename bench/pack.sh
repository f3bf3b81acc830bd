#!/usr/bin/env bash
# Data packs (issue 36's bench): Surrey's 397 schools solved into their
# collaboratives, then `triad pack` with the real 2018/19 KS2 table, a
# SYNTHETIC 2019/20 made here from it (each value plus noise, seed fixed;
# DfE published none that year), the clinic's flags and a review schedule:
# a page and a workbook per collaborative. Wall seconds and peak memory of
# the pack run to bench/results/pack.tsv.
# usage: bench/pack.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
triad=$build/cli/triad
ex=$here/../examples/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$triad" import "$ex/surrey-936-gias-2021-05.csv" -o "$work/s.csv" 2>/dev/null
"$triad" solve --schools "$work/s.csv" -o "$work/p.csv" --quiet >/dev/null 2>&1
python3 - "$ex/ks2-2019-surrey-warwickshire.csv" "$work/o2020.csv" <<'PY'
import csv, random, sys
random.seed(36)
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
with open(sys.argv[2], "w") as f:
    f.write("urn,year,measure,value\n")
    for r in rows:
        for m in ("READPROG", "WRITPROG", "MATPROG"):
            try:
                f.write("%s,2020,%s,%.2f\n" % (r["URN"], m, float(r[m]) + random.gauss(0.1, 1)))
            except ValueError:
                pass
PY
"$triad" clinic --schools "$work/s.csv" --year 2019 --outcomes "$ex/ks2-2019-surrey-warwickshire.csv" \
    --term 2026-autumn -o "$work/clinic.csv" >/dev/null
"$triad" schedule --schools "$work/s.csv" --plan "$work/p.csv" --calendar "$ex/calendar-2026-27.ini" \
    -o "$work/sched.csv" >/dev/null 2>&1
/usr/bin/time -f '%e %M' -o "$work/time" "$triad" pack --schools "$work/s.csv" --plan "$work/p.csv" \
    -o "$work/packs" --year 2019 --outcomes "$ex/ks2-2019-surrey-warwickshire.csv" \
    --outcomes "$work/o2020.csv" --clinic "$work/clinic.csv" --clinic-term 2026-autumn \
    --schedule "$work/sched.csv" --calendar "$ex/calendar-2026-27.ini" >/dev/null
read -r secs kb <"$work/time"
out=$here/results/pack.tsv
{
    echo "# triad pack on Surrey ($(($(wc -l <"$work/p.csv") - 1)) schools), outcomes 2019 real + 2020 synthetic, clinic, schedule; $(date -u +%F)"
    printf 'collaboratives\tfiles\twall_s\tpeak_mb\tbytes\n'
    printf '%s\t%s\t%s\t%.0f\t%s\n' "$(ls "$work/packs"/*.xlsx | wc -l)" "$(ls "$work/packs" | wc -l)" \
        "$secs" "$((kb / 1024))" "$(du -sb "$work/packs" | cut -f1)"
} >"$out"
cat "$out"
