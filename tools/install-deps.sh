#!/usr/bin/env bash
# Installs the Debian 12 packages libtriad builds and tests with.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS="build-essential meson ninja-build pkg-config libglpk-dev libigraph-dev libcunit1-dev
      libcsv-dev libjansson-dev libinih-dev nettle-dev python3"
# The browser test of the HTML report needs Chromium; it is skipped without.
# --with-fuzz: clang and its libFuzzer runtime for the fuzzing run in CI.
for opt in "$@"; do
    case "$opt" in
    --with-browser) PKGS="$PKGS chromium" ;;
    --with-fuzz) PKGS="$PKGS clang libclang-rt-14-dev" ;;
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
