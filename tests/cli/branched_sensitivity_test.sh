#!/bin/bash
# The sensitivity check's steps variant branched from the base runs, end to
# end: an online base run is trained once to the variant's budget with its
# own record branched at its max_steps, so the variant's runs are reused;
# every folder's records, the table and the exit status equal those of
# --retrain, with a single rate, with selection, with --steps-factor 0.5,
# and with a schedule that depends on max_steps (then nothing is paired).
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

spec() {  # spec NAME RATE EXTRA_TRAINING
  cat <<JSON
{"name": "$1", "seed": 6,
 "data": {"num_patches": 8, "test_size": 100, "synthetic": {"patch_dim": 16, "num_confusers": 1}},
 "training": {"protocol": "online", "max_steps": 150, "validation_size": 60,
              "learning_rate": $2, "targets": [0.3, 0.2]$3},
 "models": {"cnn": {"type": "cnn", "neurons": 8},
            "pmoe_separate": {"type": "pmoe_separate", "neurons": 8,
                              "training": {"router_data": "independent", "router_samples": 100, "router_epochs": 2}}},
 "grid": {"axes": {"n": [4, 8]}, "repeats": 2},
 "analysis": {"target": 0.3, "bootstrap": 20}}
JSON
}
spec single 0.4 "" > single.json
spec selected '{"select": [0.1, 0.4, 1.6]}' "" > selected.json
spec endonly 0.4 ', "eval_points_per_decade": 0' > endonly.json

# same_as_retrain SPEC [OPTIONS...]: records, table and exit status agree.
same_as_retrain() {
  local name=$1; shift
  "$BIN" sensitivity $name.json --base ${name}_b --out ${name}_s "$@" > ${name}_shared.txt 2>${name}_err.txt
  local shared=$?
  "$BIN" sensitivity $name.json --base ${name}_rb --out ${name}_rs --retrain "$@" > ${name}_retrained.txt 2>/dev/null
  test $shared -eq $? && test $shared -ne 2 || return 1
  cmp -s ${name}_shared.txt ${name}_retrained.txt || return 1
  cmp -s ${name}_b/runs.jsonl ${name}_rb/runs.jsonl || return 1
  for v in ${name}_s/*/; do
    v=$(basename $v)
    cmp -s ${name}_s/$v/runs.jsonl ${name}_rs/$v/runs.jsonl || return 1
  done
}
reused() { sed -n 's/^sensitivity: \([0-9]*\) runs reused.*/\1/p' "$1"; }

check "single rate: records as with --retrain" same_as_retrain single
check "single rate: the steps variant's 8 runs are reused" test "$(reused single_err.txt)" -eq 8
check "selection: records as with --retrain" same_as_retrain selected
check "selection: every candidate of the steps variant is reused" test "$(reused selected_err.txt)" -ge 24
rm -rf single_b single_rb
check "half the steps: records as with --retrain" same_as_retrain single --steps-factor 0.5
check "half the steps: its runs are reused" test "$(reused single_err.txt)" -eq 8
check "a schedule ending at max_steps: records as with --retrain" same_as_retrain endonly
check "a schedule ending at max_steps: nothing is paired" test "$(reused endonly_err.txt)" -eq 0
"$BIN" sensitivity single.json --base x_b --out x_s --steps-factor 0 2>err.txt >/dev/null
check "a bad --steps-factor still exits 2" test $? -eq 2
check "a bad --steps-factor names the option" grep -q -- '--steps-factor' err.txt

echo "$passed passed, $failed failed"
test "$failed" -eq 0
