#!/usr/bin/env bash
# Runs `triad mdgp` on every shared MDGPLIB instance for each seed and writes
# every run's gap to the best-known value, then the mean and worst gap per
# size class and how many Geo runs reach the best known value.
# usage: bench/mdgp.sh [TRIAD] [DATA_DIR] [OUT.tsv] [JOBS]
# Times: 30 s for n <= 240, 60 s for n = 480 (the targets of issue #15);
# override with SECONDS_SMALL / SECONDS_LARGE. Seeds: SEEDS (default "1 2 3 4
# 5"). PATTERN picks instances by file name (default "*.txt", e.g. "*_ds_*").
# JOBS runs at once, each pinned to its own core (taskset) so that a run
# has one core to itself, as in the comparison with IMS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
triad=${1:-$here/../build/cli/triad}
data=${2:-$here/../../shared/data/mdgplib}
out=${3:-$here/results/mdgp-$(date +%Y%m%d).tsv}
jobs=${4:-1}
small=${SECONDS_SMALL:-30}
large=${SECONDS_LARGE:-60}
seeds=${SEEDS:-1 2 3 4 5}
pattern=${PATTERN:-*.txt}
# Checked before the runs: a missing table would only show after them.
if [ ! -f "$data/best-known.tsv" ]; then
    echo "bench/mdgp.sh: $data/best-known.tsv not found" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for seed in $seeds; do
    for f in "$data"/$pattern; do
        [ -f "$f" ] || continue
        echo "$f $seed"
    done
done > "$tmp/list"
# The longest runs first, so the cores finish together.
{ grep '_n480_' "$tmp/list" || true; grep -v '_n480_' "$tmp/list" || true; } > "$tmp/order"

run_one() { # FILE SEED CORE
    local f=$1 seed=$2 core=$3 name secs
    name=$(basename "$f" .txt)
    case $name in *_n480_*) secs=$large ;; *) secs=$small ;; esac
    taskset -c "$core" "$triad" mdgp "$f" --seconds "$secs" --seed "$seed" --quiet \
        -o "$tmp/$name.$seed.sol" |
        awk -v n="$name" -v s="$secs" -v k="$seed" '/^objective/ {print n "\t" k "\t" s "\t" $2}' \
            > "$tmp/$name.$seed.row"
}
worker() { # CORE: takes every JOBS-th line of the work list
    local core=$1 line=0 f seed
    while read -r f seed; do
        if [ $((line % jobs)) -eq "$core" ]; then
            run_one "$f" "$seed" "$core"
        fi
        line=$((line + 1))
    done < "$tmp/order"
}
for ((c = 0; c < jobs; c++)); do
    worker "$c" &
done
wait

{
    echo "# triad mdgp, seeds $seeds, $small s (n<=240) / $large s (n=480), $jobs run(s) at once, each pinned to one core"
    echo "# commit $(git -C "$here" describe --always --dirty --abbrev=7 2>/dev/null || echo unknown), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "# command: SEEDS=\"$seeds\" PATTERN=\"$pattern\" SECONDS_SMALL=$small SECONDS_LARGE=$large bench/mdgp.sh '' '' OUT $jobs"
    echo "# gap_percent = 100 (best_known - objective) / best_known; negative = better than best known"
    printf "instance\tseed\tseconds\tobjective\tbest_known\tgap_percent\n"
    for row in "$tmp"/*.row; do
        name=$(cut -f1 "$row")
        best=$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$data/best-known.tsv")
        if [ -z "$best" ]; then
            echo "bench/mdgp.sh: no best-known value for $name (gap NA)" >&2
            best=NA
        fi
        awk -F'\t' -v b="$best" '{
            if (b == "NA") printf "%s\t%s\t%s\t%s\tNA\tNA\n", $1, $2, $3, $4
            else printf "%s\t%s\t%s\t%s\t%s\t%.4f\n", $1, $2, $3, $4, b, 100 * (b - $4) / b
        }' "$row"
    done | sort
} > "$out"

# Per size class (n and equal/different sizes), then overall (plain awk:
# Debian's default awk is mawk, without gawk's asorti).
summary=${out%.tsv}-summary.tsv
{
    printf "class\truns\tmean_gap_percent\tworst_gap_percent\n"
    awk -F'\t' '
        /^#/ || $1 == "instance" || $6 == "NA" {next}
        {
            split($1, p, "_"); cls = p[2] "_" p[3]
            s[cls] += $6; c[cls]++; if (!(cls in w) || $6 > w[cls]) w[cls] = $6
        }
        END { for (k in c) printf "%s\t%d\t%.4f\t%.4f\n", k, c[k], s[k] / c[k], w[k] }' "$out" | sort
    awk -F'\t' '
        /^#/ || $1 == "instance" || $6 == "NA" {next}
        {
            S += $6; C++; if (C == 1 || $6 > W) W = $6
            if ($1 ~ /^Geo/) { geo++; if ($6 <= 0) geo_ok++ }
            if ($1 ~ /^RanReal/) { rr++; if ($6 <= 0) rr_ok++ }
        }
        END {
            printf "all\t%d\t%.4f\t%.4f\n", C, S / C, W
            printf "# Geo runs at or above the best known value: %d of %d\n", geo_ok, geo
            printf "# RanReal runs at or above the best known value: %d of %d\n", rr_ok, rr
        }' "$out"
} > "$summary"
echo "wrote $out and $summary"
cat "$summary"
