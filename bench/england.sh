#!/usr/bin/env bash
# Synthetic all-England run: 150 LAs, ~20,000 schools, solved per LA on 2
# threads; time and peak memory to bench/results/england-seedK-Tthreads.tsv.
# usage: bench/england.sh [BUILD_DIR=build] [THREADS=2] [SEED=1]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
threads=${2:-2}
seed=${3:-1}
ninja -C "$build" bench/england >/dev/null
"$build/bench/england" "$here/results/england-seed$seed-${threads}threads.tsv" "$threads" "$seed"
