#!/usr/bin/env bash
# The man page against the commands: every option a command's --help lists
# is in that command's synopsis; no alternating-font line (.BR and kin)
# carries more than two words, which groff would run together ("Locks that
# cannot hold" rendered "Locksthatcannothold"); and the page renders.
# Usage: man_test.sh PATH/TO/triad PATH/TO/triad.1
set -u
triad=$1
page=$2
pass=0 fail=0
# the synopsis, one block per command
syn=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$page")
for cmd in import solve check report compare mdgp network broker schedule impact clinic pack features governors; do
    block=$(printf '%s\n' "$syn" | awk -v c="$cmd" '
        /^\.B triad / { on = ($3 == c) } on { print }')
    missing=""
    # the options of the usage lines (up to the first blank line), not those
    # the help's prose names for other commands
    for opt in $("$triad" "$cmd" --help 2>&1 | awk '/^$/ { exit } { print }' |
        grep -oE -- '--[a-z][a-z-]+' | sort -u); do
        [ "$opt" = --help ] && continue
        esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        printf '%s\n' "$block" | grep -q -- "$esc" || missing="$missing $opt"
    done
    if [ -z "$block" ] || [ -n "$missing" ]; then
        echo "FAIL: synopsis of triad $cmd lacks:${missing:- the command}"; fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done
# alternating fonts take at most two words (punctuation may follow)
glued=$(grep -nE '^\.(BR|RB|BI|IB|IR|RI) ' "$page" | grep -v '"' |
    awk '{ words = 0; for (i = 2; i <= NF; i++) if ($i ~ /[A-Za-z0-9]/) words++; if (words > 2) print }')
if [ -z "$glued" ]; then pass=$((pass + 1)); else
    echo "FAIL: alternating-font lines with more than two words:"; echo "$glued"; fail=$((fail + 1)); fi
# it renders, without groff's warnings, and so does every command's own
# page (triad-CMD.1, generated beside the command from its --help)
if command -v groff >/dev/null 2>&1; then
    out=$(groff -man -Tutf8 -ww "$page" 2>&1 >/dev/null)
    for cmd in import solve check report compare mdgp network broker schedule impact clinic pack features governors; do
        sub="$(dirname "$triad")/triad-$cmd.1"
        if [ ! -s "$sub" ]; then out="$out missing $sub"; continue; fi
        out="$out$(groff -man -Tutf8 -ww "$sub" 2>&1 >/dev/null)"
        grep -qF "triad\\-$cmd \\- " "$sub" || out="$out $sub has no NAME line"
    done
    if [ -z "$out" ]; then pass=$((pass + 1)); else
        echo "FAIL: groff warns:"; echo "$out" | head -5; fail=$((fail + 1)); fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
