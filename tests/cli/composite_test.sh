#!/bin/bash
# Composite variables and the collapse rule at the command line: a
# malformed expression, one naming an axis the grid does not have, and a
# collapse rule with a bad key are refused by validate and check with exit 2
# and the JSON path; a good spec validates, runs, and check and analyze
# report a collapse row and an "n/l" fit in analysis.json.
# usage: composite_test.sh PMOE_SIM
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

# A spec over n x l with rules $1 (JSON objects) and analysis object $2.
spec_with() {
  cat <<JSON
{"name": "composite", "seed": 3,
 "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"epochs": 4},
 "models": {"cnn": {"type": "cnn", "neurons": 8},
            "sep": {"type": "pmoe_separate", "neurons": 8, "num_experts": 2, "top_l": 2}},
 "grid": {"axes": {"N": [40, 80], "n": [8, 12], "l": [2, 3]}, "repeats": 1},
 "analysis": {$2},
 "expect": [$1]}
JSON
}

# refused NAME RULES ANALYSIS MESSAGE: validate exits 2 and prints MESSAGE.
refused() {
  spec_with "$2" "$3" > bad.json
  "$BIN" validate bad.json >/dev/null 2>err.txt; local rc=$?
  check "$1: validate exits 2" test $rc -eq 2
  check "$1: message" grep -qF "$4" err.txt
}

refused "malformed axis" '{"rule": "slope", "model": "sep", "axis": "n/(l", "at_least": 0}' '' \
  'expect[0].axis: malformed composite "n/(l"'
refused "power 0" '{"rule": "slope", "model": "sep", "axis": "n^0/l", "at_least": 0}' '' \
  'expect[0].axis: malformed composite "n^0/l"'
refused "non-axis factor" '{"rule": "slope", "model": "sep", "axis": "n/k", "at_least": 0}' '' \
  'expect[0].axis: must name an axis of the grid (N, l, n), got "k"'
refused "theory_bound on a composite" '{"rule": "theory_bound", "model": "sep", "axis": "n/l"}' '' \
  'expect[0].axis: the theory states exponents in n, l and k only'
refused "composite in fit_axes" '{"rule": "flat", "model": "sep", "axis": "n/l", "fit_axes": ["n/l", "n/k"]}' '' \
  'expect[0].fit_axes: must name an axis of the grid (N, l, n), got "k"'
"$BIN" run bad.json --out res_bad --threads 1 -q 2>err.txt
check "run refuses a bad composite: exit 2" test $? -eq 2
check "run names the path" grep -qF 'expect[0].fit_axes' err.txt
refused "collapse variable" '{"rule": "collapse", "model": "sep", "variable": "n*/l"}' '' \
  'expect[0].variable: malformed composite'
refused "collapse one factor" '{"rule": "collapse", "model": "sep", "variable": "n^2"}' '' \
  'expect[0].variable: needs two or more axes'
refused "collapse tolerance" '{"rule": "collapse", "model": "sep", "variable": "n/l", "tolerance": 0}' '' \
  'expect[0].tolerance: must be > 0'
refused "collapse bounds" '{"rule": "collapse", "model": "sep", "variable": "n/l", "at_most": 1}' '' \
  'a collapse rule takes no'
refused "collapse saving of T*" '{"rule": "collapse", "numerator": "cnn", "denominator": "sep", "variable": "n/l", "quantity": "T_star"}' '' \
  'expect[0].quantity: a saving is of N*'
refused "composite_axes factor" '' '"composite_axes": ["n/k"]' \
  'analysis.composite_axes[0]: must name an axis of the grid'
refused "composite_axes plain" '' '"composite_axes": ["n"]' \
  'analysis.composite_axes[0]: expected a composite'

spec_with '{"rule": "slope", "model": "sep", "axis": "n/l", "at_least": -99},
  {"rule": "collapse", "model": "sep", "variable": "n/l"},
  {"rule": "collapse", "numerator": "cnn", "denominator": "sep", "variable": "n/l", "tolerance": 1}' \
  '"composite_axes": ["n/l"], "bootstrap": 50' > good.json
"$BIN" validate good.json >/dev/null 2>err.txt
check "the composite rules validate" test $? -eq 0
"$BIN" run good.json --out res --threads 1 -q 2>/dev/null
check "the grid runs" test $? -eq 0
"$BIN" check res > check.txt 2>&1
check "check judges the rules" test $? -ne 2
check "check names the collapse" grep -qF "N*_sep a function of n/l" check.txt
check "check names the saving's collapse" grep -qF "N*_cnn / N*_sep a function of n/l" check.txt
"$BIN" analyze res -q >/dev/null 2>&1
check "analyze exits 0" test $? -eq 0
check "analysis.json has a fit in n/l" grep -qF '"axis": "n/l"' res/analysis.json

# A results folder whose spec names a bad composite: check refuses it too.
cp -r res res_rule
sed -i 's|"variable": "n/l"|"variable": "n/m"|' res_rule/spec.json
"$BIN" check res_rule >/dev/null 2>err.txt
check "check refuses a bad collapse variable: exit 2" test $? -eq 2
check "check names the rule's path" grep -qF 'expect[1].variable: must name an axis' err.txt
sed -i 's|"n/l"|"n/m"|g' res/spec.json
"$BIN" check res >/dev/null 2>err.txt
check "check refuses a factor not in the grid: exit 2" test $? -eq 2
check "check names the factor" grep -qF 'must name an axis of the grid (N, l, n), got "m"' err.txt

echo "$passed passed, $failed failed"
test "$failed" -eq 0
