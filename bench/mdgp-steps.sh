#!/usr/bin/env bash
# Speed of the MDGP tabu search in steps, not in gap: the wall time of a fixed
# number of steps (--iterations) on a few instances, each run pinned to one
# core, best of REPEAT runs. With a second binary (e.g. a build of an older
# commit) both are timed on the same runs and the ratio is written too; the
# objectives are compared, since a change that only makes steps cheaper must
# leave them identical.
# usage: bench/mdgp-steps.sh [TRIAD] [DATA_DIR] [OUT.tsv] [OLD_TRIAD]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
triad=${1:-$here/../build/cli/triad}
data=${2:-$here/../../shared/data/mdgplib}
out=${3:-$here/results/mdgp-steps.tsv}
old=${4:-}
old_label=${OLD_LABEL:-$old} # e.g. the commit the old binary was built from
repeat=${REPEAT:-3}
# instance:steps; Geo n=480 is slow per step (its gain bounds prune little)
cases=${CASES:-"RanReal_n480_ds_01:200000 RanReal_n480_ss_01:200000 RanReal_n240_ds_01:200000 Geo_n480_ds_01:20000 Geo_n240_ss_01:20000"}

# best wall time of $repeat runs; prints "seconds objective"
timed() {
    local bin=$1 inst=$2 steps=$3 best="" obj="" r t o
    for ((r = 0; r < repeat; r++)); do
        local s0 s1
        s0=$(date +%s.%N)
        o=$(taskset -c 0 "$bin" mdgp "$data/$inst.txt" --iterations "$steps" --seed 1 \
            --seconds 100000 --quiet | awk '/^objective/ {print $2}')
        s1=$(date +%s.%N)
        t=$(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.3f", b - a}')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN {exit !(t < b)}'; then best=$t; fi
        obj=$o
    done
    echo "$best $obj"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
    echo "# triad mdgp --iterations STEPS --seed 1, best of $repeat runs pinned to one core"
    echo "# commit $(git -C "$here" describe --always --dirty --abbrev=7 2>/dev/null || echo unknown), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    if [ -n "$old" ]; then
        echo "# old: $old_label"
        printf "instance\tsteps\tseconds\tsteps_per_second\tobjective\told_seconds\told_objective\tspeedup\n"
    else
        printf "instance\tsteps\tseconds\tsteps_per_second\tobjective\n"
    fi
    for c in $cases; do
        inst=${c%%:*} steps=${c##*:}
        read -r t o < <(timed "$triad" "$inst" "$steps")
        sps=$(awk -v s="$steps" -v t="$t" 'BEGIN {printf "%.0f", s / t}')
        if [ -n "$old" ]; then
            read -r ot oo < <(timed "$old" "$inst" "$steps")
            printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$inst" "$steps" "$t" "$sps" "$o" "$ot" "$oo" \
                "$(awk -v a="$ot" -v b="$t" 'BEGIN {printf "%.2f", a / b}')"
        else
            printf "%s\t%s\t%s\t%s\t%s\n" "$inst" "$steps" "$t" "$sps" "$o"
        fi
    done
} > "$tmp"
mv "$tmp" "$out"
cat "$out"
