#!/usr/bin/env bash
# The pip package: `pip install ./python` in a fresh venv (Debian's
# meson-python as the build backend, no network: --no-build-isolation), then
# `python -m triad --version` and its pytest tests against this tree's
# library. Skipped (77) without python3-venv, python3-mesonpy or
# python3-pytest (tools/install-deps.sh --with-python).
# usage: python_pkg_test.sh SOURCE_ROOT LIBTRIAD_SO
set -u
root=$1
lib=$2
py=/usr/bin/python3
[ -x "$py" ] && "$py" -c 'import venv, mesonpy, pytest' >/dev/null 2>&1 ||
    { echo "python3-venv, python3-mesonpy or python3-pytest missing: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
set -e
# a copy: meson-python writes its native file into the source it builds
cp -r "$root/python" "$work/src"
"$py" -m venv --system-site-packages "$work/venv"
"$work/venv/bin/pip" install --quiet --no-build-isolation --no-index --no-deps "$work/src" \
    >"$work/pip.log" 2>&1 || { cat "$work/pip.log"; exit 1; }
export TRIAD_LIB=$lib
cd "$work" # the installed package, not the source tree's
where=$("$work/venv/bin/python" -c 'import triad, os; print(os.path.dirname(triad.__file__))')
case "$where" in "$work"/venv/*) ;; *) echo "imported $where, not the installed package"; exit 1 ;; esac
"$work/venv/bin/python" -m triad --version
"$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$root/python/tests"
