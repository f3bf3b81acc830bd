#!/usr/bin/env bash
# Installs the Debian 12 packages libtriad builds and tests with.
set -euo pipefail
SUDO=""
WITH_BROWSER=0
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS="build-essential meson ninja-build pkg-config libglpk-dev libigraph-dev libcunit1-dev
      libcsv-dev libjansson-dev libinih-dev libical-dev libxlsxwriter-dev nettle-dev python3
      groff-base doxygen
      libarpack2-dev libplfit-dev"
# The browser test of the HTML report needs Chromium, and puppeteer-core from
# npm (pinned in tests/browser/package-lock.json); it is skipped without.
# --with-fuzz: clang and its libFuzzer runtime for the fuzzing run in CI;
# --with-valgrind: valgrind, for tools/valgrind.sh; --with-r: R and testthat,
# for the R package's check (tests/r_test.sh, skipped without them);
# --with-python: venv, pip, meson-python and pytest, for the pip package's
# test (tests/python_pkg_test.sh).
for opt in "$@"; do
    case "$opt" in
    --with-browser)
        PKGS="$PKGS chromium"
        # a Node.js from elsewhere brings its own npm; Debian's would conflict
        command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
        WITH_BROWSER=1 ;;
    --with-fuzz) PKGS="$PKGS clang libclang-rt-14-dev" ;;
    --with-valgrind) PKGS="$PKGS valgrind" ;;
    --with-r) PKGS="$PKGS r-base-dev r-cran-testthat" ;;
    --with-python) PKGS="$PKGS python3-venv python3-pip python3-mesonpy python3-pytest" ;;
    *) echo "install-deps.sh: unknown option $opt" >&2; exit 2 ;;
    esac
done
missing=""
for p in $PKGS; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
if [ "$WITH_BROWSER" = 1 ]; then
    (cd "$(dirname "$0")/../tests/browser" &&
        npm ci --no-audit --no-fund --loglevel=error)
fi
