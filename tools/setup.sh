#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a plan: installs the
# packages, builds, and designs collaboratives for the bundled Surrey data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
[ -d build ] || meson setup build
ninja -C build
# the library, its headers and triad.pc under /usr/local, so that pkg-config,
# R CMD INSTALL r/triad and pip install ./python find it
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO meson install -C build --no-rebuild --quiet
$SUDO ldconfig
mkdir -p out
./build/cli/triad import examples/data/surrey-936-gias-2021-05.csv -o out/surrey-schools.csv
./build/cli/triad solve --schools out/surrey-schools.csv -o out/surrey-plan.csv --seed 1 \
    --report out/surrey-plan.html > out/surrey-summary.txt
grep -E "^(Plan|Triads|Balance|Violations):" out/surrey-summary.txt
echo "plan: out/surrey-plan.csv   summary: out/surrey-summary.txt   page: out/surrey-plan.html"
