#!/bin/bash
# report.html (docs/analysis.md, "report.html"): analyze writes it beside
# report.md; it is self-contained (no script, no remote resource, every
# figure inline as SVG), spec text is escaped, and a real headless browser
# (Debian's chromium) renders it with no console error and one <svg> per
# figure in plots/. The detector itself is tested on a planted script error
# and a planted remote image. report.md: the online
# N* = B T*, no test error by N online, one row for N* = B T*, no empty
# fits table, provenance with the command, sensitivity verdicts. Exit 77
# (rendering skipped) where chromium is missing.
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

# Renders $1 (a file) and leaves its DOM in $1.dom, the browser's log in
# $1.log (console messages: script errors) and its network log in
# $1.net; no host name resolves, so nothing leaves the machine.
render() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --no-first-run \
    --user-data-dir="$WORK/profile" --host-resolver-rules="MAP * ~NOTFOUND" \
    --log-net-log="$WORK/$1.net" --enable-logging=stderr --v=0 \
    --dump-dom "file://$WORK/$1" > "$1.dom" 2> "$1.log"
}
no_console_messages() { ! grep -q ':CONSOLE' "$1.log"; }
# The requests the page made (the browser's own background requests carry no
# file:// isolation key): none may leave the file.
remote_requests() {
  python3 -c "
import json, sys
events = json.load(open(sys.argv[1])).get('events', [])
for e in events:
    p = e.get('params') or {}
    if str(p.get('network_isolation_key', '')).startswith('file://') \\
       and not str(p.get('url', 'file:')).startswith('file:'):
        print(p['url'])" "$1.net"
}
no_remote_requests() { test -z "$(remote_requests "$1")"; }
has_remote_requests() { test -n "$(remote_requests "$1")"; }
svg_count() { grep -o '<svg' "$1" | wc -l; }

cat > spec.json <<'JSON'
{"name": "cli_report_html", "seed": 5,
 "description": "Escaping: <b>bold</b> & \"quotes\" 'single' <script>alert(1)</script>",
 "data": {"num_patches": 8, "test_size": 200,
          "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"protocol": "online", "max_steps": 400, "batch_size": 10,
              "learning_rate": 0.3, "targets": [0.25, 0.15]},
 "models": {"cnn": {"type": "cnn", "neurons": 8},
            "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 2,
                    "training": {"router_data": "independent", "router_samples": 200,
                                 "router_epochs": 3}}},
 "grid": {"axes": {"n": [4, 8]}, "repeats": 3},
 "analysis": {"target": 0.15, "success_fraction": 0.67, "bootstrap": 50}}
JSON
"$BIN" run spec.json --out res -q 2>/dev/null; check "online grid runs" test $? -eq 0
"$BIN" analyze res -q 2>/dev/null; check "analyze exits 0" test $? -eq 0
check "report.html beside report.md" test -s res/report.html -a -s res/report.md
check "the test-error curves are drawn" test -s res/plots/test_error_vs_steps.svg
figures=$(ls res/plots/*.svg | wc -l)
check "one inline <svg> per figure in plots/ ($figures)" \
  test "$(svg_count res/report.html)" -eq "$figures"
check "no script, stylesheet link, image or iframe" \
  bash -c '! grep -Eiq "<script|<link|<img|<iframe|src=" res/report.html'
check "no remote URL but SVG namespaces" bash -c \
  '! grep -Eo "https?://[^\"'"'"' )]*" res/report.html | grep -v "^http://www.w3.org/"'
check "the description is escaped" \
  grep -q '&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; &#39;single&#39; &lt;script&gt;' res/report.html
check "figure ids are prefixed per figure (unique)" bash -c \
  'test -z "$(grep -o "id=.[^\"'"'"']*" res/report.html | sort | uniq -d)"'
check "provenance: commit and wall time" grep -q '<h2 id="provenance">' res/report.html
check "the online N* definition" grep -q 'N\* = B T\* with B = 10' res/report.html
check "verdicts of the fits" grep -q 'consistent\|inconclusive\|exceeds' res/report.html

# report.md: the online definition of N*, no test
# error by N for online cells, one row for N* = B T*, provenance with the
# command, and a sensitivity check's verdicts.
check "report.md gives N* = B T* for online cells" grep -q 'N\* = B T\* with B = 10' res/report.md
check "  and no test error by N" bash -c '! grep -q "mean test error by N" res/report.md'
check "  and no T* row repeating its N* row" bash -c \
  'grep -q "| cnn | N\* = B T\* | n |" res/report.md && ! grep -q "| cnn | T\* | n |" res/report.md'
check "run records its command in provenance.json" python3 -c "
import json
assert json.load(open('res/provenance.json'))[-1]['command'] == 'pmoe-sim run spec.json --out res -q'"
check "report.md's provenance names the command" grep -q '| pmoe-sim run spec.json --out res -q |' res/report.md
records=$(wc -l < res/runs.jsonl)
printf '{"overall": "budget-dependent", "table": "T\\n", "variants": ["2x steps"], "records": %d,
 "fits": [{"model": "cnn", "quantity": "N*", "axis": "n", "slope": 1.5,
           "interval": [1, 2], "variant_slopes": [2.5], "verdict": "budget-dependent"}]}\n' \
  "$records" > res/sensitivity.json
"$BIN" analyze res -q 2>/dev/null
check "report.md gives the sensitivity verdict" grep -q 'Overall: \*\*budget-dependent\*\*' res/report.md
check "report.html gives it per fit" grep -q '<td>2.5</td><td>budget-dependent</td>' res/report.html

# Nothing to fit (no axis besides N): no fits table under its header.
cat > flat.json <<'JSON'
{"name": "cli_report_flat", "seed": 2,
 "data": {"num_patches": 8, "test_size": 100, "synthetic": {"patch_dim": 16, "num_sets": 4}},
 "training": {"epochs": 5},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [40, 80]}, "repeats": 2}}
JSON
"$BIN" run flat.json --out flat -q 2>/dev/null && "$BIN" analyze flat -q --no-plots 2>/dev/null
check "no fits: report.md says so" grep -q 'nothing to fit' flat/report.md
check "  with no table header over nothing" bash -c '! grep -q "^| model | quantity" flat/report.md'
check "  and the fixed-set cells keep their test error by N" grep -q '| 40: ' flat/report.md
check "  report.html says so too" grep -q 'nothing to fit' flat/report.html

CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$CHROMIUM" ]; then
  echo "$passed passed, $failed failed; chromium is not installed (make deps installs it): rendering skipped"
  [ "$failed" -eq 0 ] && exit 77
  exit 1
fi
cp res/report.html page.html
render page.html; check "chromium renders report.html" test $? -eq 0
check "  with no console error" no_console_messages page.html
check "  and no request beyond the file" no_remote_requests page.html
check "  every figure in the rendered DOM" test "$(svg_count page.html.dom)" -eq "$figures"
check "  and no script in it" bash -c '! grep -qi "<script" page.html.dom'
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
  --user-data-dir="$WORK/profile" --host-resolver-rules="MAP * ~NOTFOUND" \
  --hide-scrollbars --window-size=1100,2400 --screenshot="$WORK/shot.png" \
  "file://$WORK/page.html" >/dev/null 2>&1
check "  and a screenshot" test -s shot.png
[ -n "${REPORT_HTML_SHOT:-}" ] && cp shot.png "$REPORT_HTML_SHOT"

# The detector: a script error and a remote image are caught; a missing
# figure shows as a missing <svg>.
sed 's|</body>|<script>undefinedFunction();</script></body>|' page.html > bad_script.html
render bad_script.html
check "a planted script error is caught" grep -q ':CONSOLE' bad_script.html.log
sed 's|</body>|<img src="http://example.invalid/x.png"></body>|' page.html > remote.html
render remote.html
check "a planted remote image is caught" has_remote_requests remote.html
python3 -c "
import re, sys
page = open('page.html').read()
open('one_less.html', 'w').write(re.sub(r'<svg.*?</svg>', '', page, count=1, flags=re.S))"
render one_less.html
check "a figure lost from the page is caught" \
  test "$(svg_count one_less.html.dom)" -ne "$figures"
"$BIN" analyze res -q --out elsewhere >/dev/null 2>&1
check "analyze --out writes report.html there" test -s elsewhere/report.html

# A budget grid (a fixed training set, an N axis): test error vs N.
cat > budget.json <<'JSON'
{"name": "cli_report_html_budget", "seed": 2,
 "data": {"num_patches": 8, "test_size": 200, "synthetic": {"patch_dim": 16, "num_sets": 4}},
 "training": {"epochs": 20},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [40, 80, 160], "n": [4, 8]}, "repeats": 2},
 "analysis": {"target": 0.2, "bootstrap": 50}}
JSON
"$BIN" run budget.json --out bud -q 2>/dev/null; check "budget grid runs" test $? -eq 0
"$BIN" analyze bud -q 2>/dev/null; check "analyze of the budget grid exits 0" test $? -eq 0
check "the test error vs N is drawn" test -s bud/plots/test_error_vs_N.svg
cp bud/report.html bud_page.html
render bud_page.html
check "chromium renders the budget report with no console error" no_console_messages bud_page.html
check "  every figure in its DOM" \
  test "$(svg_count bud_page.html.dom)" -eq "$(ls bud/plots/*.svg | wc -l)"

echo "$passed passed, $failed failed"
test "$failed" -eq 0
