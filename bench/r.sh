#!/usr/bin/env bash
# The R binding's overhead on a Surrey solve: the CLI's wall time (solve,
# --json so no second solve) beside triad_solve's in R (the package loaded;
# the data frame to CSV and back, the join), five runs each, medians, to
# bench/results/r-overhead.tsv.
# usage: bench/r.sh [BUILD_DIR=build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/..
build=$(cd "${1:-$root/build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/cli/triad" import "$root/examples/data/surrey-936-gias-2021-05.csv" -o "$work/s.csv" 2>/dev/null
export TRIAD_CFLAGS="-I$root/include" TRIAD_LIBS="-L$build/lib -ltriad -Wl,-rpath,$build/lib"
mkdir "$work/lib"
R CMD INSTALL --library="$work/lib" "$root/r/triad" >"$work/install.log" 2>&1
for run in 1 2 3 4 5; do
    /usr/bin/time -f '%e' -o "$work/t$run" "$build/cli/triad" solve --schools "$work/s.csv" \
        -o "$work/p.csv" --json --quiet >/dev/null 2>&1
done
cli=$(cat "$work"/t? | sort -n | sed -n 3p)
r=$(Rscript -e ".libPaths(c('$work/lib', .libPaths())); library(triad)
s <- read.csv('$work/s.csv', colClasses = 'character')
t <- sapply(1:5, function(i) system.time(triad_solve(s, seed = 1))[['elapsed']])
cat(median(t))")
out=$here/results/r-overhead.tsv
{
    echo "# Surrey solve (defaults, seed 1), median of 5: the CLI's wall time vs triad_solve in R; $(nproc) cores; $(date -u +%F)"
    printf 'cli_s\tr_s\tratio\n'
    python3 -c "import sys; c, r = float(sys.argv[1]), float(sys.argv[2]); print(f'{c:.3f}\t{r:.3f}\t{r / c:.2f}')" "$cli" "$r"
} >"$out"
cat "$out"
