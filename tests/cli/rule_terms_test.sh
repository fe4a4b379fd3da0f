#!/bin/bash
# The closed vocabularies of "expect" rules at the command line: a bad
# quantity, metric, direction, bound or statistic is refused by validate
# with exit 2, the rule's path and the list of names; every listed name
# validates, and check prints the names back as the spec wrote them. Model
# colours follow the model's type: two CNNs under other names take the
# CNN's blue (the first) and the next free colour.
# usage: rule_terms_test.sh PMOE_SIM
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

# A spec with one rule ($1, a JSON object).
spec_with_rule() {
  cat <<JSON
{"name": "terms", "seed": 3,
 "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"epochs": 4},
 "models": {"a_cnn": {"type": "cnn", "neurons": 8}, "b_cnn": {"type": "cnn", "neurons": 8},
            "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4, "top_l": 2}},
 "grid": {"axes": {"N": [40, 80], "n": [4, 8]}, "repeats": 2},
 "expect": [$1]}
JSON
}

# refused NAME RULE MESSAGE: validate exits 2 and prints MESSAGE.
refused() {
  spec_with_rule "$2" > bad.json
  "$BIN" validate bad.json >/dev/null 2>err.txt; local rc=$?
  check "$1: validate exits 2" test $rc -eq 2
  check "$1: message" grep -qF "expect[0].$3" err.txt
}

refused "quantity" '{"rule": "slope", "model": "a_cnn", "axis": "n", "quantity": "M_star", "at_least": 1}' \
  'quantity: must be "N_star", "T_star", "T_prime", "cost" or "N_r_star"'
refused "metric" '{"rule": "value", "model": "a_cnn", "metric": "err", "at_most": 1}' \
  'metric: must be one of test_error, success, router_recall, top_gated, dispatch_entropy, generalization_gap, loss_gap, local_alignment, global_alignment, global_alignment_gain, router_purity, sign_changed'
refused "direction" '{"rule": "trend", "model": "a_cnn", "axis": "n", "direction": "up"}' \
  'direction: must be "increasing", "decreasing" or "as_zhao_bound"'
refused "bound" '{"rule": "upper_bound", "model": "joint", "bound": "zhao"}' \
  'bound: must be "zhao_stated" or "zhao_fitted"'
refused "statistic" '{"rule": "value", "model": "a_cnn", "statistic": "median", "at_most": 1}' \
  'statistic: must be "mean", "min" or "max"'

spec_with_rule '{"rule": "slope", "model": "a_cnn", "axis": "n", "quantity": "T_star", "at_least": -9},
  {"rule": "value", "model": "joint", "metric": "router_recall", "statistic": "min", "at_least": 0},
  {"rule": "value", "model": "a_cnn", "metric": "loss_gap", "statistic": "max", "at_most": 9},
  {"rule": "trend", "model": "b_cnn", "axis": "N", "metric": "test_error", "direction": "decreasing"},
  {"rule": "upper_bound", "model": "joint", "bound": "zhao_stated"}' > good.json
"$BIN" validate good.json >/dev/null 2>err.txt
check "every listed name validates" test $? -eq 0
"$BIN" run good.json --out res --threads 1 -q 2>/dev/null
check "the grid runs" test $? -eq 0
"$BIN" check res > check.txt 2>&1
check "check judges the rules" test $? -ne 2
check "check names T*" grep -qF "slope of log T*_a_cnn in log n" check.txt
check "check names the statistic and metric" grep -qF "min router_recall of joint over its runs" check.txt
check "check names loss_gap" grep -qF "max loss_gap of a_cnn over its runs" check.txt
check "check names the direction" grep -qF "mean test_error of b_cnn vs log N decreasing" check.txt

"$BIN" analyze res -q 2>/dev/null
check "analyze draws the plots" test $? -eq 0
# Each legend clause of the accuracy plot: "lc rgb '#COLOUR' title 'MODEL'".
grep -o "lc rgb '#[0-9A-F]*' title '[^']*'" res/plots/accuracy_vs_N.gp | sort -u > colours.txt
check "the first cnn takes the cnn's blue" grep -qx "lc rgb '#0072B2' title 'a_cnn'" colours.txt
check "the second cnn takes the next free colour" grep -qx "lc rgb '#CC79A7' title 'b_cnn'" colours.txt
check "a pmoe_joint under another name keeps its green" grep -qx "lc rgb '#009E73' title 'joint'" colours.txt
check "one colour per model" test "$(wc -l < colours.txt)" -eq 3

echo "$passed passed, $failed failed"
test "$failed" -eq 0
