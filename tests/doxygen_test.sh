#!/usr/bin/env bash
# The API reference builds from the public headers without a single
# Doxygen warning: every public function, type, field and macro documented.
# Usage: doxygen_test.sh DOXYGEN DOXYFILE.in SOURCE_ROOT
set -u
doxygen=$1
template=$2
root=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sed "s|@VERSION@|test|; s|@OUTDIR@|$out|g; s|@SRCDIR@|$root|; s|@LOGFILE@|$out/warnings.log|" \
    "$template" >"$out/Doxyfile"
pass=0 fail=0
if "$doxygen" "$out/Doxyfile" >"$out/stdout" 2>&1 && [ -s "$out/html/index.html" ]; then
    pass=$((pass + 1)); else echo "FAIL: doxygen did not build the reference"; fail=$((fail + 1)); fi
if [ ! -s "$out/warnings.log" ]; then pass=$((pass + 1)); else
    echo "FAIL: $(wc -l <"$out/warnings.log") Doxygen warnings:"; head -20 "$out/warnings.log"
    fail=$((fail + 1)); fi
# every exported function has a page entry
n=$(grep -ho 'triad_[a-z_]*' "$out"/html/*.html 2>/dev/null | sort -u | wc -l)
if [ "$n" -ge 100 ]; then pass=$((pass + 1)); else
    echo "FAIL: only $n triad_ names in the reference"; fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
