#!/usr/bin/env bash
# The R package (r/triad) built against this tree's library and checked as
# CRAN would: R CMD check --as-cran (no manual: no LaTeX here), its testthat
# tests included; any ERROR or WARNING fails. Skipped (77) without R and
# testthat (tools/install-deps.sh --with-r).
# usage: r_test.sh SOURCE_ROOT BUILD_DIR
set -u
root=$1
build=$2
command -v R >/dev/null 2>&1 || { echo "R not installed: skipped"; exit 77; }
Rscript -e 'quit(status = !requireNamespace("testthat", quietly = TRUE))' >/dev/null 2>&1 ||
    { echo "testthat not installed: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TRIAD_CFLAGS="-I$root/include"
export TRIAD_LIBS="-L$build/lib -ltriad -Wl,-rpath,$build/lib"
cd "$work"
R CMD build --no-manual "$root/r/triad" >build.log 2>&1 || { cat build.log; exit 1; }
_R_CHECK_SYSTEM_CLOCK_=0 _R_CHECK_FORCE_SUGGESTS_=false \
    R CMD check --as-cran --no-manual triad_*.tar.gz >check.log 2>&1
rc=$?
if [ "$rc" -ne 0 ] || grep -qE '^Status: .*(ERROR|WARNING)' check.log; then
    cat check.log
    cat triad.Rcheck/tests/testthat.Rout.fail 2>/dev/null
    exit 1
fi
grep '^Status' check.log
