#!/usr/bin/env bash
# An integrator's static link: the example program built against libtriad.a
# with exactly what `pkg-config --static` says (the uninstalled triad.pc),
# then run on the bundled Surrey data. Fails when a library libtriad needs
# is missing from the .pc file. Usage: static_test.sh BUILD_DIR SOURCE_ROOT
set -u
build=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
archive=$build/lib/libtriad.a
flags=$(PKG_CONFIG_PATH=$build/meson-uninstalled pkg-config --static --cflags --libs triad 2>&1)
# the archive itself in place of -ltriad, so the shared library beside it is not taken
flags=$(printf '%s\n' "$flags" | sed "s|-ltriad\\b|$archive|")
if [ -f "$archive" ] && ${CC:-cc} -o "$work/example" "$root/examples/solve_example.c" \
    -I"$root/include" $flags 2>"$work/err"; then pass=$((pass + 1)); else
    echo "FAIL: static link with pkg-config --static: $(head -3 "$work/err")"; fail=$((fail + 1)); fi
if [ -x "$work/example" ] && "$work/example" "$root/examples/data/surrey-936-gias-2021-05.csv" \
    "$work/plan.csv" >"$work/out" 2>&1 && grep -q '45 collaboratives' "$work/out" &&
    ! ldd "$work/example" | grep -q libtriad; then pass=$((pass + 1)); else
    echo "FAIL: the static example did not plan Surrey on its own"; fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
