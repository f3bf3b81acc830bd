#!/usr/bin/env bash
# Opens the HTML report of the bundled Surrey plan in headless Chromium: the
# page's script must run (it writes the number of school marks on the map to
# body[data-ready]) and the map must hold one mark per planned school; a
# screenshot is kept beside the test log; then tests/browser/report.mjs
# drives the page through puppeteer-core. Skipped (77) without Chromium or
# puppeteer-core (tools/install-deps.sh --with-browser installs both).
# Usage: browser_test.sh PATH/TO/triad TESTS_SOURCE_DIR
set -u
triad=$1
src=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "chromium not installed: skipped"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$triad" import "$src/../examples/data/surrey-936-gias-2021-05.csv" -o "$work/s.csv" 2>/dev/null || exit 1
"$triad" solve --schools "$work/s.csv" -o "$work/p.csv" --quiet >/dev/null || exit 1
"$triad" report --schools "$work/s.csv" --plan "$work/p.csv" -o "$work/report.html" || exit 1
planned=$(($(wc -l <"$work/p.csv") - 1))

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir=$work/profile"
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --dump-dom "file://$work/report.html" >"$work/dom.html" 2>"$work/chromium.log"
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --window-size=1280,2400 --screenshot="$work/report.png" \
    "file://$work/report.html" >/dev/null 2>>"$work/chromium.log"

# Hostile labels and names: markup in a plan label, a triad label and a
# school name must reach the page as text, never as elements.
awk -F, 'BEGIN { OFS = "," }
    NR > 1 && $2 == "primary-01" { $2 = "primary-01<script>document.title=1</script>";
                                   $3 = "t<img src=x onerror=document.title=2>" }
    { print }' "$work/p.csv" >"$work/evil-plan.csv"
awk -F, 'BEGIN { OFS = "," } NR == 2 { $2 = "<svg onload=document.title=3><script>x</script>" }
    { print }' "$work/s.csv" >"$work/evil-schools.csv"
"$triad" report --schools "$work/evil-schools.csv" --plan "$work/evil-plan.csv" \
    -o "$work/evil.html" || exit 1
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --dump-dom "file://$work/evil.html" >"$work/evil-dom.html" \
    2>>"$work/chromium.log"

# one collaborative alone: #c=0 selects the first; only its triads are drawn
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --dump-dom "file://$work/report.html#c=0" >"$work/one.html" \
    2>>"$work/chromium.log"

fail=0
shown=$(grep -o 'data-shown="[0-9]*"' "$work/one.html" | head -1 | grep -o '[0-9]\+')
on=$(grep -o 'class="triad on"' "$work/one.html" | wc -l)
on_c0=$(grep -o 'class="triad on" data-c="0"' "$work/one.html" | wc -l)
# the first collaborative of the plan file is number 0; its distinct triads
want=$(awk -F, 'NR > 1 && $2 == c { t[$3] = 1 } END { n = 0; for (k in t) n++; print n }' \
    c="$(awk -F, 'NR == 2 { print $2 }' "$work/p.csv")" "$work/p.csv")
if [ "$shown" != 0 ] || [ "$on" -ne "$want" ] || [ "$on" -ne "$on_c0" ]; then
    echo "FAIL: #c=0 shows collaborative '$shown' with $on triads drawn ($on_c0 of it, want $want)"
    fail=1
fi
dimmed=$(grep -o 'class="school dim"' "$work/one.html" | wc -l)
if [ "$dimmed" -lt 1 ]; then
    echo "FAIL: with one collaborative shown no other school is greyed"; fail=1
fi
# two script elements: the JSON data block and the page's own script
scripts=$(grep -o '<script' "$work/evil-dom.html" | wc -l)
if [ "$scripts" -ne 2 ] || [ "$(grep -o '<script type="application/json" id="planner-data">' \
    "$work/evil-dom.html" | wc -l)" -ne 1 ] || grep -q '<img\|<svg onload' "$work/evil-dom.html" ||
    ! grep -q '<title>School improvement collaboratives</title>' "$work/evil-dom.html"; then
    echo "FAIL: hostile labels or names became markup ($scripts script elements)"
    fail=1
fi
if ! grep -q 'data-ready=' "$work/evil-dom.html"; then
    echo "FAIL: the page's own script did not run under its Content-Security-Policy"
    fail=1
fi
ready=$(grep -o 'data-ready="[0-9]*"' "$work/dom.html" | head -1 | grep -o '[0-9]*')
if [ "$ready" != "$planned" ]; then
    echo "FAIL: the page script did not run cleanly or counted '$ready' marks, want $planned"
    fail=1
fi
marks=$(grep -o 'class="school"' "$work/dom.html" | wc -l)
if [ "$marks" -ne "$planned" ]; then
    echo "FAIL: $marks school marks in the rendered map, want $planned"
    fail=1
fi
if grep -q "Uncaught" "$work/chromium.log"; then
    echo "FAIL: script error in the page"; grep Uncaught "$work/chromium.log"; fail=1
fi
if [ ! -s "$work/report.png" ]; then
    echo "FAIL: no screenshot"; fail=1
else
    cp "$work/report.png" ./report-screenshot.png
fi
# A data pack (issue 36) rendered by Chromium: every section in the DOM, no
# script, and printed to an A4 PDF as a lead would print it.
"$triad" pack --schools "$work/s.csv" --plan "$work/p.csv" -o "$work/packs" --year 2019 \
    --outcomes "$src/../examples/data/ks2-2019-surrey-warwickshire.csv" >/dev/null || exit 1
pack=$(ls "$work/packs"/*.html | grep -v index.html | head -1)
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --dump-dom "file://$pack" >"$work/pack-dom.html" 2>>"$work/chromium.log"
# shellcheck disable=SC2086
timeout 120 "$chromium" $flags --no-pdf-header-footer --print-to-pdf="$work/pack.pdf" \
    "file://$pack" >/dev/null 2>>"$work/chromium.log"
for id in members balance triads map outcomes clinic impact calendar support; do
    grep -q "<section id=\"$id\">" "$work/pack-dom.html" || { echo "FAIL: the pack has no $id section"; fail=1; }
done
if grep -q '<script' "$work/pack-dom.html" || ! head -c 5 "$work/pack.pdf" 2>/dev/null | grep -q '%PDF'; then
    echo "FAIL: the pack has a script, or did not print to PDF"; fail=1
fi
# The same page driven through puppeteer-core: the selector and clicks
# show one collaborative, hostile labels never run, no request leaves.
if [ ! -d "$src/browser/node_modules/puppeteer-core" ] || ! command -v node >/dev/null; then
    echo "puppeteer-core not installed (bash tools/install-deps.sh --with-browser): skipped"
    exit 77
fi
if ! CHROMIUM="$chromium" timeout 180 node "$src/browser/report.mjs" "$work/report.html" \
    "$work/evil.html" "$work/p.csv" "$work/driven.png"; then
    echo "FAIL: the page driven through puppeteer-core"; fail=1
elif [ ! -s "$work/driven.png" ]; then
    echo "FAIL: no screenshot from puppeteer-core"; fail=1
else
    cp "$work/driven.png" ./report-driven.png
fi

# The planner (tests/browser/planner.mjs): scoring equal to triad check on
# random plans with every kind of violation, edits through the page's
# controls, the download, solve --fixed, and a rotation year by year. The
# strict spec makes every rule bite on the plan solved without it.
must_a=$(awk -F, 'NR == 2 { print $1 }' "$work/p.csv")
must_b=$(awk -F, -v c="$(awk -F, 'NR == 2 { print $2 }' "$work/p.csv")" \
    'NR > 1 && $2 != c { print $1; exit }' "$work/p.csv")
cannot=$(awk -F, 'NR > 1 { if (seen[$2]) { print seen[$2], $1; exit } seen[$2] = $1 }' "$work/p.csv")
cat >"$work/strict.ini" <<EOF
[constraints]
trust_cap_collaborative = 1
trust_cap_triad = 1
lead_required = yes
no_concern_triads = yes
collaborative_max_km = 45
triad_max_km = 20
must_link = $must_a $must_b
cannot_link = $cannot
EOF
# one planned school opted out, still in the plan
opted=$(awk -F, 'NR == 3 { print $1 }' "$work/p.csv")
awk -F, -v u="$opted" 'BEGIN { OFS = "," } NR > 1 && $1 == u { $15 = 1 } { print }' \
    "$work/s.csv" >"$work/s-opted.csv"
"$triad" import "$src/../examples/data/warwickshire-937-ofsted-mi-2020-08.csv" \
    -o "$work/w.csv" 2>/dev/null || exit 1
"$triad" solve --schools "$work/w.csv" -o "$work/wp0.csv" --quiet >/dev/null || exit 1
# two collaboratives renamed so that their order by code point (C's strcmp on
# UTF-8) is not their order by UTF-16 unit (JavaScript's '<'): U+FF21 comes
# before U+1F600 by code point, after it by UTF-16 unit
awk -F, 'BEGIN { OFS = "," } NR > 1 && !($2 in name) && k < 2 { name[$2] = k++ ? "wk-\xf0\x9f\x98\x80" : "wk-\xef\xbc\xa1" }
    NR > 1 && ($2 in name) { $2 = name[$2] } { print }' "$work/wp0.csv" >"$work/wp.csv"
"$triad" solve --schools "$work/s.csv" -o "$work/rot.csv" --years 3 --quiet >/dev/null || exit 1
if ! CHROMIUM="$chromium" timeout 600 node "$src/browser/planner.mjs" "$triad" "$work" \
    "$work/planner.png" "surrey:$work/s.csv:$work/strict.ini:$work/p.csv" \
    "surrey-opted:$work/s-opted.csv:$work/strict.ini:$work/p.csv" \
    "warwickshire:$work/w.csv::$work/wp.csv" \
    "years:$work/s.csv::$work/rot.year1.csv,$work/rot.year2.csv,$work/rot.year3.csv"; then
    echo "FAIL: the planner page"; fail=1
elif [ ! -s "$work/planner.png" ]; then
    echo "FAIL: no screenshot of the planner"; fail=1
else
    cp "$work/planner.png" ./planner-screenshot.png
fi
[ "$fail" -eq 0 ] && echo "passed" || echo "failed"
exit "$fail"
