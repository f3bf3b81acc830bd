#!/usr/bin/env bash
# Memcheck where the sanitizers cannot see: GLPK, igraph, libcsv, jansson and
# inih are not instrumented, and neither sanitizer reports reads of
# uninitialised memory. Runs the unit tests and the main commands on the
# bundled data under valgrind and fails on any memcheck error (exit 99).
# Test assertions that only hold in real time (an ILP proof inside its time
# limit) may fail 40x slower; those are the plain run's to judge, so only
# memcheck's verdict counts here.
# usage: tools/valgrind.sh [BUILD_DIR=build]   (VALGRIND_SKIP_UNIT=1: the
# commands only, a minute instead of five)
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
vg="valgrind --error-exitcode=99 --leak-check=no --track-origins=yes -q"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
run() { # run NAME command...
    local name=$1
    shift
    $vg "$@" >"$work/$name.out" 2>"$work/$name.err"
    local rc=$?
    # 99: memcheck found errors; 128 and above: killed by a signal. (Lines
    # such as "Warning: set address range perms" are not errors.)
    if [ "$rc" -eq 99 ] || [ "$rc" -ge 128 ]; then
        echo "valgrind: $name: memcheck errors or a crash (exit $rc)"
        grep '^==' "$work/$name.err" | head -40
        status=1
    else
        echo "valgrind: $name: clean (exit $rc)"
    fi
}
t=$build/cli/triad
ex=examples/data
[ -n "${VALGRIND_SKIP_UNIT:-}" ] || run unit "$build/tests/unit_tests"
run import "$t" import "$ex/surrey-936-gias-2021-05.csv" -o "$work/s.csv"
run solve "$t" solve --schools "$work/s.csv" -o "$work/p.csv" --years 2 --time-limit 20 \
    --report "$work/p.html" --json
run ilp "$t" solve --schools tests/data/small.csv -o "$work/ilp.csv" --method ilp --json
run check "$t" check --schools "$work/s.csv" --plan "$work/p.year1.csv" --json
run network "$t" network --schools "$work/s.csv" --plans "$work/p.year1.csv" "$work/p.year2.csv" \
    --graphml "$work/n.graphml"
set -- $(awk -F, 'NR > 1 && NR <= 5 {print $1}' "$work/s.csv") # four URNs
printf 'urn,area,days,max_schools\n%s,Maths,5,1\n%s,Maths,3,\n' "$1" "$2" >"$work/o.csv"
printf 'urn,area,days,priority\n%s,Maths,4,3\n%s,maths,2,1\n' "$3" "$4" >"$work/n.csv"
run broker "$t" broker --schools "$work/s.csv" --offers "$work/o.csv" --needs "$work/n.csv" \
    -o "$work/b.csv" --plan "$work/p.year1.csv" --policy across --max-supporters 1 --json
mkdir -p "$work/ics"
run schedule "$t" schedule --schools "$work/s.csv" --plan "$work/p.year1.csv" \
    --calendar "$ex/calendar-2026-27.ini" -o "$work/sched.csv" --ics "$work/ics" \
    --visit-forms "$work/forms.csv" --data-before 5 --impact-after 40 --json
# two synthetic years (values made up here) for the first 60 schools
awk -F, 'NR > 1 && NR <= 61 {printf "%s,2022,M,%d\n%s,2023,M,%d\n", $1, NR % 7, $1, NR % 5}' \
    "$work/s.csv" | sed '1i urn,year,measure,value' >"$work/out.csv"
printf 'urn,term,rag,reasons\n%s,2026-summer,red,"a, b"\n' "$1" >"$work/clinic-before.csv"
run impact "$t" impact --schools "$work/s.csv" --plan 2022="$work/p.year1.csv" \
    --plan 2023="$work/p.year2.csv" --outcomes "$work/out.csv" --year 2023 --grades "$work/s.csv" \
    -o "$work/imp.csv" --holding-back "$work/behind.csv" --weighted "$work/w.csv" --resamples 200 \
    --clinic "$work/flags.csv" --term 2026-autumn --json
run clinic "$t" clinic --schools "$work/s.csv" --term 2026-autumn --outcomes "$work/out.csv" \
    --rule M:1:3:2 --history "$work/clinic-before.csv" -o "$work/clinic.csv"
run solve-clinic "$t" solve --schools "$work/s.csv" -o "$work/pc.csv" --clinic "$work/clinic.csv" \
    --clinic-term 2026-autumn --time-limit 5 --quiet
run report-impact "$t" report --schools "$work/s.csv" --plan "$work/p.year1.csv" \
    --outcomes "$work/out.csv" -o "$work/imp.html"
run pack "$t" pack --schools "$work/s.csv" --plan "$work/p.year1.csv" -o "$work/packs" \
    --outcomes "$work/out.csv" --clinic "$work/clinic.csv" --clinic-term 2026-autumn \
    --schedule "$work/sched.csv" --calendar "$ex/calendar-2026-27.ini" --brokerage "$work/b.csv" \
    --offers "$work/o.csv" --needs "$work/n.csv"
# issue 37: all-through split, leads' terms, memberships, funding, governors, layers
run import-split "$t" import "$ex/surrey-936-gias-2021-05.csv" -o "$work/sa.csv" --all-through split
awk -F, -v OFS=, '{sub(/\r$/, "")} NR==1{print $0,"governors_trained";next}{print $0,(NR%3)}' \
    "$work/sa.csv" >"$work/sg.csv"
awk -F, 'NR==1{print "urn,partnership,kind,role";next} NR%4==0{print $1",cluster "int(NR/12)",local cluster,"}' \
    "$work/sa.csv" >"$work/mem.csv"
printf '[history]\nkeep_partnerships = yes\navoid_partnerships = yes\n[funding]\ntotal = 580000\ncap = 14000\n' >"$work/m.ini"
run solve-memberships "$t" solve --schools "$work/sg.csv" -o "$work/pm.csv" --memberships "$work/mem.csv" \
    --spec "$work/m.ini" --history "$work/p.year1.csv" --time-limit 5 --json
run governors "$t" governors --schools "$work/sg.csv" --plan "$work/pm.csv" -o "$work/gov.csv" --json
run network-layers "$t" network --schools "$work/sg.csv" --plans "$work/pm.csv" --memberships "$work/mem.csv" \
    --json --graphml "$work/layers.graphml"
run mdgp "$t" mdgp tests/data/mdgp-small.txt --iterations 2000 -o "$work/m.txt"
run compare "$t" compare --schools "$work/s.csv" -o "$work/c.csv" --methods search,random,deal,geo \
    --seeds 1-2 --time-limit 2 --svg "$work/c.svg"
exit "$status"
