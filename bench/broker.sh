#!/usr/bin/env bash
# Brokering at LA scale: Surrey's 397 schools with about 1,000 offers and
# 1,000 needs (synthetic, seed fixed: every school offers or needs 1-4
# areas of 7), with and without a 15 km travel limit; wall seconds and the
# outcome to bench/results/broker.tsv. With ENGLAND=1 also a synthetic
# England (20,000 schools, about 12,000 offers and 9,000 needs, 20 km limit,
# 60 s) to bench/results/broker-england.tsv (about a minute).
# usage: [ENGLAND=1] bench/broker.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
triad=$build/cli/triad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$triad" import "$here/../examples/data/surrey-936-gias-2021-05.csv" -o "$work/s.csv" 2>/dev/null
python3 - "$work" <<'PY'
import csv, random, sys
w = sys.argv[1]
random.seed(1)
rows = list(csv.DictReader(open(w + "/s.csv", encoding="utf-8-sig")))
areas = ["Leadership", "Maths", "Reading", "SEND", "Early years", "Attendance", "Science"]
with open(w + "/offers.csv", "w") as fo, open(w + "/needs.csv", "w") as fn:
    fo.write("urn,area,days\n")
    fn.write("urn,area,days,priority\n")
    for r in rows:
        k = random.randint(1, 4)
        for a in random.sample(areas, k):
            if r["ofsted"] in ("1", "2") and random.random() < 0.6:
                fo.write("%s,%s,%d\n" % (r["urn"], a, random.randint(3, 15)))
            else:
                fn.write("%s,%s,%d,%d\n" % (r["urn"], a, random.randint(2, 12), random.randint(1, 3)))
PY
out=$here/results/broker.tsv
{
    echo "# triad broker on Surrey, $(($(wc -l <"$work/offers.csv") - 1)) offers, $(($(wc -l <"$work/needs.csv") - 1)) needs; $(date -u +%F)"
    printf 'case\twall_s\tengine_status\tdays_met\tdays_needed\tgap_percent\twarnings\n'
    for case in default km15; do
        extra=()
        [ "$case" = km15 ] && extra=(--max-km 15)
        /usr/bin/time -f '%e' -o "$work/time" "$triad" broker --schools "$work/s.csv" \
            --offers "$work/offers.csv" --needs "$work/needs.csv" -o "$work/b.csv" --json \
            "${extra[@]}" >"$work/b.json"
        python3 - "$work/b.json" "$case" "$(tail -1 "$work/time")" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s, v = d["summary"], d["solver"]
gap = "" if v.get("gap") is None else "%.2f" % (100 * v["gap"])
print("\t".join([sys.argv[2], sys.argv[3], v["engine"] + " " + v["status"],
                 "%.0f" % s["days_met"], "%.0f" % s["days_needed"], gap,
                 str(s["warnings"])]))
PY
    done
} >"$out"
cat "$out"
if [ "${ENGLAND:-0}" = 1 ]; then
    python3 - "$work" <<'PY'
import random, sys
w = sys.argv[1]
random.seed(20000)
areas = ["Leadership", "Maths", "Reading", "SEND", "Early years", "Attendance", "Science"]
with open(w + "/e.csv", "w") as f, open(w + "/eo.csv", "w") as fo, open(w + "/en.csv", "w") as fn:
    f.write("urn,phase,ofsted,easting,northing\n")
    fo.write("urn,area,days\n")
    fn.write("urn,area,days,priority\n")
    for i in range(20000):
        g = random.choices(["1", "2", "3", "4", ""], [19, 68, 9, 4, 8])[0]
        f.write("%d,Primary,%s,%d,%d\n" % (100000 + i, g, random.randint(300000, 600000),
                                          random.randint(100000, 500000)))
        for a in random.sample(areas, random.randint(1, 2)):
            if g in ("1", "2") and random.random() < 0.5:
                fo.write("%d,%s,%d\n" % (100000 + i, a, random.randint(3, 15)))
            elif random.random() < 0.5:
                fn.write("%d,%s,%d,%d\n" % (100000 + i, a, random.randint(2, 12), random.randint(1, 3)))
PY
    /usr/bin/time -f '%e %M' -o "$work/time" "$triad" broker --schools "$work/e.csv" \
        --offers "$work/eo.csv" --needs "$work/en.csv" -o "$work/b.csv" --max-km 20 \
        --time-limit 60 --json >"$work/b.json"
    read -r wall rss <"$work/time"
    python3 - "$work/b.json" "$wall" "$rss" "$(($(wc -l <"$work/eo.csv") - 1))" \
        "$(($(wc -l <"$work/en.csv") - 1))" >"$here/results/broker-england.tsv" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s, v = d["summary"], d["solver"]
print("# triad broker, synthetic England: 20,000 schools, %s offers, %s needs, 20 km, 60 s"
      % (sys.argv[4], sys.argv[5]))
print("wall_s\tpeak_rss_mb\tengine_status\tdays_met\tdays_needed\tgap")
print("\t".join([sys.argv[2], "%.0f" % (int(sys.argv[3]) / 1024), v["engine"] + " " + v["status"],
                 "%.0f" % s["days_met"], "%.0f" % s["days_needed"], "%.3f" % (v["gap"] or 0)]))
PY
    cat "$here/results/broker-england.tsv"
fi
