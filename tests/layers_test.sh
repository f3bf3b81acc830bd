#!/usr/bin/env bash
# The floors of lib/ (doc/architecture.md): a file includes only its own
# folder, the public headers and lower floors, so arrows only go down.
# Usage: layers_test.sh LIB_SOURCE_DIR
set -u
lib=$1
floor() {
    case $1 in
    core) echo 0 ;; model) echo 1 ;; io) echo 2 ;; graph | check) echo 3 ;;
    solve) echo 4 ;; broker | schedule | impact) echo 5 ;; report) echo 6 ;; pack) echo 7 ;; *) echo 99 ;;
    esac
}
pass=0 fail=0
bad=""
for dir in "$lib"/*/; do
    d=$(basename "$dir")
    fd=$(floor "$d")
    for f in "$dir"*.[ch]; do
        for inc in $(grep -ho '#include "[a-z_]*/' "$f" | sed 's/#include "//; s/\///' | sort -u); do
            [ "$inc" = "$d" ] || [ "$inc" = triad ] && continue
            fi=$(floor "$inc")
            [ "$fi" -lt "$fd" ] || bad="$bad $(basename "$f")->$inc"
        done
    done
done
if [ -z "$bad" ]; then pass=$((pass + 1)); else
    echo "FAIL: includes that go up or sideways:$bad"; fail=$((fail + 1)); fi
# every folder has a floor
unknown=$(for dir in "$lib"/*/; do d=$(basename "$dir"); [ "$(floor "$d")" = 99 ] && echo "$d"; done)
if [ -z "$unknown" ]; then pass=$((pass + 1)); else
    echo "FAIL: folders without a floor: $unknown"; fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
