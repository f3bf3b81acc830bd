#!/usr/bin/env bash
# Runs `triad mdgp` on every shared MDGPLIB instance for a fixed time and seed
# and writes a table with the gap to the best-known values.
# usage: bench/mdgp.sh [TRIAD] [DATA_DIR] [OUT.tsv] [JOBS]
# Times: 30 s for n <= 240, 60 s for n = 480 (the targets of the issue);
# override with SECONDS_SMALL / SECONDS_LARGE. Seed with SEED (default 1).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
triad=${1:-$here/../build/cli/triad}
data=${2:-$here/../../shared/data/mdgplib}
out=${3:-$here/results/mdgp-$(date +%Y%m%d).tsv}
jobs=${4:-1}
small=${SECONDS_SMALL:-30}
large=${SECONDS_LARGE:-60}
seed=${SEED:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_one() {
    local f=$1 name secs
    name=$(basename "$f" .txt)
    case $name in *_n480_*) secs=$large ;; *) secs=$small ;; esac
    "$triad" mdgp "$f" --seconds "$secs" --seed "$seed" --quiet -o "$tmp/$name.sol" \
        | awk -v n="$name" -v s="$secs" '/^objective/ {print n "\t" s "\t" $2}' > "$tmp/$name.row"
}
export -f run_one
export triad tmp large small seed
ls "$data"/*.txt | xargs -P "$jobs" -I{} bash -c 'run_one {}'

{
    echo "# triad mdgp, seed $seed, $small s (n<=240) / $large s (n=480), $jobs parallel job(s)"
    echo "# commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "# command: bench/mdgp.sh (SECONDS_SMALL=$small SECONDS_LARGE=$large SEED=$seed, jobs $jobs)"
    printf "instance\tseconds\tobjective\tbest_known\tgap_percent\n"
    for row in "$tmp"/*.row; do
        name=$(cut -f1 "$row")
        best=$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$data/best-known.tsv")
        awk -F'\t' -v b="$best" '{printf "%s\t%s\t%s\t%s\t%.4f\n", $1, $2, $3, b, 100 * (b - $3) / b}' "$row"
    done
} > "$out"
echo "wrote $out"
awk -F'\t' 'NR > 4 {s += $5; if ($5 > m) m = $5; n++} END {printf "mean gap %.4f%%, worst %.4f%% over %d instances\n", s / n, m, n}' "$out"
