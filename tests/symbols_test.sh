#!/usr/bin/env bash
# The shared library exports only triad_* symbols, and its own code can reach
# neither abort()/exit() nor stdout (GLPK's and igraph's aborts are
# intercepted by the handlers tested in the unit suite).
# Usage: symbols_test.sh PATH/TO/libtriad.so LIB_SOURCE_DIR
set -u
lib=$1
src=$2
pass=0 fail=0
leaked=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^triad_' || true)
if [ -z "$leaked" ]; then pass=$((pass + 1)); else
    echo "FAIL: exported symbols without the triad_ prefix:"; echo "$leaked"; fail=$((fail + 1)); fi
bad=$(nm -D --undefined-only "$lib" | awk '{print $2}' | sed 's/@.*//' |
      grep -xE 'abort|exit|_exit|_Exit|quick_exit|printf|vprintf|puts|putchar' || true)
if [ -z "$bad" ]; then pass=$((pass + 1)); else
    echo "FAIL: the library calls:"; echo "$bad"; fail=$((fail + 1)); fi
if ! grep -rnE '\bstdout\b|\babort *\(|\bexit *\(' "$src" --include='*.c' --include='*.h'; then
    pass=$((pass + 1)); else echo "FAIL: stdout/abort/exit in lib sources"; fail=$((fail + 1)); fi
# Internal helpers are named triad_i_*: none may be exported or reach the
# public header, so a reader of either knows what is API.
internal=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep '^triad_i_' || true)
hdrs=$(dirname "$src")/include/triad
if [ -z "$internal" ] && ! grep -n 'triad_i_' "$hdrs"/*.h; then pass=$((pass + 1)); else
    echo "FAIL: internal triad_i_ names exported or in the header:"; echo "$internal"; fail=$((fail + 1)); fi
exported=$(nm -D --defined-only "$lib" | grep -c ' T triad_')
if [ "$exported" -ge 50 ]; then pass=$((pass + 1)); else
    echo "FAIL: only $exported triad_ functions exported"; fail=$((fail + 1)); fi
# every exported function is declared in a public header (the headers by
# topic hold the whole API), and the umbrella header includes every topic
undeclared=$(nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | grep '^triad_' |
    while read -r f; do grep -qw "$f" "$hdrs"/*.h || echo "$f"; done)
if [ -z "$undeclared" ]; then pass=$((pass + 1)); else
    echo "FAIL: exported but in no header:"; echo "$undeclared"; fail=$((fail + 1)); fi
missing=$(for h in "$hdrs"/*.h; do b=$(basename "$h"); [ "$b" = triad.h ] && continue
    grep -q "#include <triad/$b>" "$hdrs/triad.h" || echo "$b"; done)
if [ -z "$missing" ]; then pass=$((pass + 1)); else
    echo "FAIL: triad.h does not include:"; echo "$missing"; fail=$((fail + 1)); fi
# each topic header compiles on its own, strictly (C11, pedantic)
tu=$(mktemp -d)
alone=""
for h in "$hdrs"/*.h; do
    printf '#define TRIAD_EXPERIMENTAL\n#include <triad/%s>\nint main(void) { return 0; }\n' \
        "$(basename "$h")" >"$tu/t.c"
    ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$(dirname "$hdrs")" -c "$tu/t.c" \
        -o "$tu/t.o" 2>"$tu/err" || alone="$alone $(basename "$h")"
done
rm -rf "$tu"
if [ -z "$alone" ]; then pass=$((pass + 1)); else
    echo "FAIL: headers that do not compile alone:$alone"; fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
