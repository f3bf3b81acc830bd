#!/usr/bin/env bash
# Runs each libFuzzer harness for SECONDS (default 60) from seed corpora made
# of the project's own data, and prints executions and findings per harness.
# Needs a build-fuzz directory (see fuzz/meson.build). Crashes land in
# fuzz-findings/; keep each as a case in tests/bad/ once fixed.
set -u
cd "$(dirname "$0")/.."
secs=${1:-60}
corpus=fuzz-corpus
mkdir -p "$corpus"/{schools,plan,spec,mdgp,html,broker,calendar,schedule,outcomes,memberships} fuzz-findings
printf '%s\n' '<b>name</b>' '"quoted" & '"'apos'" x y 'cat<i>' 'label<script>' t1 >"$corpus/html/seed"
cp examples/data/*.csv tests/data/*.csv tests/bad/*.csv "$corpus/schools/" 2>/dev/null
cp tests/data/small-plan*.csv tests/bad/plan-*.csv "$corpus/plan/" 2>/dev/null
cp examples/*.ini tests/bad/*.ini "$corpus/spec/" 2>/dev/null
cp examples/data/calendar-*.ini "$corpus/calendar/" 2>/dev/null
cp examples/data/ks?-2019-*.csv "$corpus/outcomes/" 2>/dev/null
printf 'urn,year,measure,value\n1,2019,P8,0.5\n2,2019,P8,SUPP\n3,2022,ATT8,45%%\n' >"$corpus/outcomes/tidy"
# a schedule of the harness's own plan (fuzz/fuzz_schedule.c)
printf 'event,kind,date,end_date,collaborative,triad,host_urn,urn,role\nreview:X.1:1,review,2026-09-03,2026-09-03,X,X.1,1,1,host\nreview:X.1:1,review,2026-09-03,2026-09-03,X,X.1,1,2,reviewer\nreview:X.1:1,review,2026-09-03,2026-09-03,X,X.1,1,3,reviewer\nmeeting:Y:1,meeting,2026-12-01,2026-12-01,Y,,4,4,lead\nmeeting:Y:1,meeting,2026-12-01,2026-12-01,Y,,4,5,member\n' >"$corpus/schedule/seed"
cp tests/data/mdgp-small.txt tests/bad/mdgp-*.txt "$corpus/mdgp/" 2>/dev/null
# brokering: offers, needs, synonyms and a brokerage, split at lines "%%"
printf 'urn,area,days,role,max_schools\n1001,Maths,5,NLE,2\n1003,maths ,3,,\n1005,SEND,4,SLE,1\n%%%%\nurn,area,days,priority\n1004,Maths,6,1\n1002,numeracy,2,2\n1006,SEND,3,3\n%%%%\nterm,area\nnumeracy,Maths\n%%%%\nneeding_urn,supporting_urn,area,days\n1004,1001,Maths,5\n1002,1003,Maths,2\n' >"$corpus/broker/seed"
printf 'urn,area,days\n1001,Maths,5\n%%%%\nurn,area,days\n1004,Maths,6\n' >"$corpus/broker/seed-min"
printf 'urn,partnership,kind,role\n1001,North,local cluster,lead\n1002,North,local cluster,\n1003,Oak,trust,member\n1004,Oak,trust,\n1002,Oak,trust,\n' >"$corpus/memberships/seed"
# the 2026 columns: statutory ages, report cards, governors, shared heads
printf 'urn,name,phase,low_age,high_age,Inclusion,Achievement,Safeguarding,governors_trained,head\n1,A,Primary,4,7,Strong standard,Needs attention,Met,2,\n2,B,All-through,4,18,Exceptional,Expected standard,Not met,yes,H1\n3,C,Special,11,16,3,5,,0,H1\n' >"$corpus/schools/seed-2026"
# inputs that once failed a harness (fuzz/regressions/HARNESS-what)
for h in schools plan spec mdgp html broker calendar schedule outcomes memberships; do
    cp fuzz/regressions/"$h"-* "$corpus/$h/" 2>/dev/null || true
done
status=0
for h in schools plan spec mdgp html broker calendar schedule outcomes memberships; do
    ./build-fuzz/fuzz/fuzz_$h "$corpus/$h" -max_total_time="$secs" -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix=fuzz-findings/$h- -print_final_stats=1 \
        >"fuzz-findings/$h.log" 2>&1
    rc=$?
    [ "$rc" -eq 0 ] || status=1
    execs=$(grep -m1 'stat::number_of_executed_units' "fuzz-findings/$h.log" | awk '{print $2}')
    echo "$h: exit $rc, ${execs:-?} executions in ${secs} s, $(ls fuzz-findings | grep -c "^$h-") finding(s)"
done
exit "$status"
