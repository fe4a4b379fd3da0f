#!/bin/bash
# Verdicts under the grid's own conditions (docs/analysis.md): on an online
# grid at a fixed batch, N* in n is compared with T's exponent (4 for the
# CNN, basis "B*T (B fixed)"); a slope rule whose interval straddles its
# threshold is INCONCLUSIVE and `check` exits 3, one whose interval clears
# it passes; every cell carries conditions.log10_width_ratio and every fit
# says it lies outside the theorem's conditions; the separate pMoE with
# routers of its own has an N*+N_r fit and a saving on totals; warnings and
# a sensitivity check reach report.md and analysis.json.
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

cat > spec.json <<'JSON'
{"name": "cli_verdicts", "seed": 3,
 "data": {"num_patches": 8, "test_size": 400,
          "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 2}},
 "training": {"protocol": "online", "max_steps": 1500, "batch_size": 10,
              "learning_rate": 0.3, "targets": [0.25, 0.15]},
 "models": {"cnn": {"type": "cnn", "neurons": 8},
            "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 2,
                    "training": {"router_data": "independent", "router_samples": 300,
                                 "router_epochs": 5}}},
 "grid": {"axes": {"n": [4, 8, 12, 16]}, "repeats": 6},
 "analysis": {"target": 0.15, "success_fraction": 0.67, "bootstrap": 100}}
JSON
"$BIN" run spec.json --out res -q 2>/dev/null; check "grid runs" test $? -eq 0
"$BIN" analyze res --no-plots > out.txt 2>err.txt; check "analyze exits 0" test $? -eq 0

check "N* in n at a fixed B is compared with T's exponent 4" python3 -c "
import json
fits = json.load(open('res/analysis.json'))['fits']
row = [f for f in fits if f['model'] == 'cnn' and f['quantity'] == 'N*' and f['axis'] == 'n'][0]
assert row['theory'] == 4 and row['theory_basis'] == 'B*T (B fixed)', row
t = [f for f in fits if f['model'] == 'cnn' and f['quantity'] == 'T*' and f['axis'] == 'n'][0]
assert t['theory'] == 4 and t['theory_basis'] == 'T', t
assert row['within_conditions'] is False
assert row['conditions_note'].startswith(\"outside the theorem's conditions in\"), row
assert 'local_slopes' in row and 'shape_note' in row
"
check "every cell has conditions.log10_width_ratio" python3 -c "
import json
for c in json.load(open('res/analysis.json'))['cells']:
    assert 'value' in c['conditions']['log10_width_ratio'], c
"
check "the separate pMoE has a total-sample fit and a saving on totals" python3 -c "
import json
a = json.load(open('res/analysis.json'))
q = {(f['model'], f['quantity']) for f in a['fits']}
assert ('sep', 'N*+N_r') in q, q
assert ('sep', 'N*_cnn/(N*_sep+N_r)') in q, q
assert a['validation_samples'] == {}, a['validation_samples']  # no selection
"
check "the fits table names the basis" grep -q 'B\*T (B fixed)' out.txt
check "report.md names the basis" grep -q 'B\*T (B fixed)' res/report.md

# A slope rule on the separate pMoE's measured exponent: a threshold at its point
# estimate straddles the interval (INCONCLUSIVE, exit 3); one below the
# interval's lower end passes (exit 0).
read -r slope lo hi < <(python3 -c "
import json
f = [f for f in json.load(open('res/analysis.json'))['fits']
     if f['model'] == 'sep' and f['quantity'] == 'N*' and f['axis'] == 'n'][0]
print(f['slope'], f['lo'], f['hi'])")
with_rule() {
  python3 -c "
import json, sys
s = json.load(open('res/spec.json'))
s['expect'] = [{'name': 'sep', 'rule': 'slope', 'model': 'sep', 'axis': 'n', 'at_least': float(sys.argv[1])}]
json.dump(s, open('res/spec.json', 'w'))" "$1"
}
cp res/spec.json spec.saved
with_rule "$slope"
"$BIN" check res > check.txt 2>&1; code=$?
check "a straddling interval is INCONCLUSIVE: exit 3" test $code -eq 3
check "  and says it straddles" grep -q 'straddles the threshold' check.txt
with_rule "$(python3 -c "print($lo - 0.5)")"
"$BIN" check res > check.txt 2>&1; code=$?
check "an interval that clears the threshold passes: exit 0" test $code -eq 0
with_rule "$(python3 -c "print($hi + 0.5)")"
"$BIN" check res > check.txt 2>&1; code=$?
check "an interval below the threshold fails: exit 1" test $code -eq 1
check "  and says the cells lie outside the theorem's conditions" \
  grep -q "outside the theorem's conditions in" check.txt
cp spec.saved res/spec.json

# Warnings reach report.md and analysis.json; a sensitivity check beside
# the records is reported, a stale one warned of.
check "warnings in analysis.json are a list" python3 -c "
import json
assert isinstance(json.load(open('res/analysis.json'))['warnings'], list)"
records=$(wc -l < res/runs.jsonl)
printf '{"overall": "robust", "table": "ROBUST TABLE\\n", "variants_folder": "v", "records": %d}\n' \
  "$records" > res/sensitivity.json
"$BIN" analyze res --no-plots -q 2>err.txt
check "a sensitivity check is in report.md" grep -q '^## Budget sensitivity' res/report.md
check "  with its table" grep -q 'ROBUST TABLE' res/report.md
check "  and in analysis.json" python3 -c "
import json
assert json.load(open('res/analysis.json'))['sensitivity']['overall'] == 'robust'"
printf '{"overall": "robust", "table": "T\\n", "records": 1}\n' > res/sensitivity.json
"$BIN" analyze res --no-plots -q 2>err.txt
check "a stale sensitivity check is warned of, not reported" grep -q 'rerun `pmoe-sim sensitivity`' err.txt
check "  in report.md's warnings" grep -q '^## Warnings' res/report.md
check "  and left out" bash -c '! grep -q "^## Budget sensitivity" res/report.md'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
