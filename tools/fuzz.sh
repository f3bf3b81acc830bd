#!/usr/bin/env bash
# Runs each libFuzzer harness for SECONDS (default 60) from seed corpora made
# of the project's own data, and prints executions and findings per harness.
# Needs a build-fuzz directory (see fuzz/meson.build). Crashes land in
# fuzz-findings/; keep each as a case in tests/bad/ once fixed.
set -u
cd "$(dirname "$0")/.."
secs=${1:-60}
corpus=fuzz-corpus
mkdir -p "$corpus"/{schools,plan,spec,mdgp,html} fuzz-findings
printf '%s\n' '<b>name</b>' '"quoted" & '"'apos'" x y 'cat<i>' 'label<script>' t1 >"$corpus/html/seed"
cp examples/data/*.csv tests/data/*.csv tests/bad/*.csv "$corpus/schools/" 2>/dev/null
cp tests/data/small-plan*.csv tests/bad/plan-*.csv "$corpus/plan/" 2>/dev/null
cp examples/*.ini tests/bad/*.ini "$corpus/spec/" 2>/dev/null
cp tests/data/mdgp-small.txt tests/bad/mdgp-*.txt "$corpus/mdgp/" 2>/dev/null
# inputs that once failed a harness (fuzz/regressions/HARNESS-what)
for h in schools plan spec mdgp html; do
    cp fuzz/regressions/"$h"-* "$corpus/$h/" 2>/dev/null || true
done
status=0
for h in schools plan spec mdgp html; do
    ./build-fuzz/fuzz/fuzz_$h "$corpus/$h" -max_total_time="$secs" -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix=fuzz-findings/$h- -print_final_stats=1 \
        >"fuzz-findings/$h.log" 2>&1
    rc=$?
    [ "$rc" -eq 0 ] || status=1
    execs=$(grep -m1 'stat::number_of_executed_units' "fuzz-findings/$h.log" | awk '{print $2}')
    echo "$h: exit $rc, ${execs:-?} executions in ${secs} s, $(ls fuzz-findings | grep -c "^$h-") finding(s)"
done
exit "$status"
