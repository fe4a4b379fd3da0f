#!/bin/bash
# Figures for a paper (docs/analysis.md, "Figures"): analysis.labels names
# the models in every legend and title, validated at the edge (not an
# object, a name the spec has no model of, an empty or non-string label:
# exit 2 naming the JSON path; records unchanged by labels); titles name
# the protocol and write ε; the fit band spans the fit line (both drawn
# from one data block over the model's range); the theory line passes
# through the fit's centre; means carry 95% intervals; the test-error
# figure has every seed and the ε line.
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

spec() {  # spec LABELS_JSON: an online n grid of two models
  cat <<JSON
{"name": "cli_figures", "seed": 4,
 "data": {"num_patches": 8, "test_size": 200,
          "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"protocol": "online", "max_steps": 400, "batch_size": 10,
              "learning_rate": 0.3},
 "models": {"cnn": {"type": "cnn", "neurons": 8},
            "pmoe_separate": {"type": "pmoe_separate", "neurons": 8, "top_l": 2,
                    "training": {"router_data": "independent", "router_samples": 200,
                                 "router_epochs": 3}}},
 "grid": {"axes": {"n": [4, 8, 12]}, "repeats": 3},
 "analysis": {"target": 0.2, "success_fraction": 0.67, "bootstrap": 50$1}}
JSON
}
refused() {  # refused NAME LABELS PATH_IN_MESSAGE
  spec "$2" > bad.json
  "$BIN" validate bad.json >/dev/null 2>err.txt; local rc=$?
  check "$1: validate exits 2" test $rc -eq 2
  check "$1: the message names $3" grep -qF "$3" err.txt
}
refused "labels not an object" ', "labels": ["CNN"]' 'analysis.labels: expected an object'
refused "a label for no model" ', "labels": {"cnn": "CNN", "pmoe_joint": "x"}' \
  'analysis.labels.pmoe_joint: not a model of this spec (its models: cnn, pmoe_separate)'
refused "an empty label" ', "labels": {"cnn": ""}' 'analysis.labels.cnn: expected a non-empty string'
refused "a number as label" ', "labels": {"cnn": 3}' 'analysis.labels.cnn: expected a non-empty string'

spec ', "labels": {"cnn": "CNN", "pmoe_separate": "pMoE (separate)"}' > good.json
spec '' > plain.json
"$BIN" validate good.json >/dev/null 2>&1; check "good labels validate" test $? -eq 0
"$BIN" run good.json --out res -q 2>/dev/null; check "the labelled grid runs" test $? -eq 0
"$BIN" run plain.json --out plain -q 2>/dev/null
check "labels leave the records byte-identical" cmp -s res/runs.jsonl plain/runs.jsonl
"$BIN" analyze res -q 2>/dev/null; check "analyze exits 0" test $? -eq 0
check "legends use the display names" grep -q "title 'pMoE (separate)'" res/plots/nstar_vs_n.gp
check "  in the test-error figure too" grep -q "'pMoE (separate)'" res/plots/test_error_vs_steps.gp
check "  and no raw key is a legend title" bash -c "! grep -h \"title 'pmoe_separate\" res/plots/*.gp"
check "the N* title writes ε and names the protocol" \
  grep -q "N\* (ε = 0.2, q = 0.67) vs n, online protocol" res/plots/nstar_vs_n.gp
check "the test-error figure draws the ε line" grep -q "target ε = 0.2" res/plots/test_error_vs_steps.gp
check "  and every seed (3 per model and cell)" python3 -c "
blocks = open('res/plots/test_error_vs_steps.dat').read().split('\n\n\n')
seeds = [b for b in blocks if b.strip()][0].split('# ')[1].split('\n', 1)[1]
assert len([s for s in seeds.split('\n\n') if s.strip()]) == 3, seeds  # the band follows in a block of its own
"
check "the fit line is drawn from the band's block, not as a function" bash -c \
  "grep -q 'using 1:4 with lines lw 2' res/plots/nstar_vs_n.gp && ! grep -q 'exp(.*)\*x\*\*' res/plots/nstar_vs_n.gp"
check "the theory line passes through the fit's centre" python3 -c "
import math, re
gp = open('res/plots/nstar_vs_n.gp').read()
theory = re.search(r'([0-9.e+-]+)\*\(x/([0-9.e+-]+)\)\*\*', gp)
assert theory, gp
y, x = float(theory.group(1)), float(theory.group(2))
assert abs(math.log(x) - (math.log(4) + math.log(8) + math.log(12)) / 3) < 1e-6, x
blocks = [b for b in open('res/plots/nstar_vs_n.dat').read().split('\n\n\n') if 'fit over its range' in b]
rows = [list(map(float, l.split())) for l in blocks[0].splitlines() if l and not l.startswith('#')]
assert rows[0][0] == 4 and rows[-1][0] == 12, rows  # line and band: the model's range
"

# A budget grid: accuracy with 95% intervals of the mean.
cat > budget.json <<'JSON'
{"name": "cli_figures_budget", "seed": 2,
 "data": {"num_patches": 8, "test_size": 100, "synthetic": {"patch_dim": 16, "num_sets": 4}},
 "training": {"epochs": 5},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [40, 80]}, "repeats": 3},
 "analysis": {"labels": {"cnn": "CNN (dense)"}}}
JSON
"$BIN" run budget.json --out bud -q 2>/dev/null && "$BIN" analyze bud -q 2>/dev/null
check "accuracy: a 95% interval of the mean, named in the title" \
  grep -q "Final test accuracy (mean and 95% interval over repeats), budget protocol" bud/plots/accuracy_vs_N.gp
check "  with the display name" grep -q "'CNN (dense)'" bud/plots/accuracy_vs_N.gp
check "  half-width t(2) sd / sqrt(3)" python3 -c "
import json, math
rows = [l.split() for l in open('bud/plots/accuracy_vs_N.dat') if l[0].isdigit()]
runs = [json.loads(l) for l in open('bud/runs.jsonl')]
for N, _, mean, half, n in rows:
    errs = [r['final']['test_error'] for r in runs if r['params']['N'] == float(N)]
    m = sum(errs) / len(errs)
    sd = math.sqrt(sum((e - m) ** 2 for e in errs) / (len(errs) - 1))
    assert abs(float(half) - 100 * 4.303 * sd / math.sqrt(3)) < 1e-3, (half, sd)
"
# A folder whose spec.json gained a bad label is refused by analyze too.
python3 -c "
import json
s = json.load(open('bud/spec.json')); s['analysis']['labels'] = {'cnnn': 'x'}
json.dump(s, open('bud/spec.json', 'w'))"
"$BIN" analyze bud -q 2>err.txt; check "analyze refuses a label for no model (exit 2)" test $? -eq 2
check "  naming analysis.labels.cnnn" grep -q 'analysis.labels.cnnn' err.txt

echo "$passed passed, $failed failed"
test "$failed" -eq 0
