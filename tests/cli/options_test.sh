#!/bin/bash
# Per-model training options (sim/train/train_options.h): an option given
# for a model type whose learner does not read it (a CNN with
# expert_update "adam", router_epochs in a spec's shared training section
# with a CNN beside a separate pMoE, a router-sample axis over a CNN) is
# refused with exit 2 by train, validate and run, naming the JSON path and
# the rule; the same option for a model that reads it is accepted, and
# every spec under experiments/ validates.
# usage: options_test.sh PMOE_SIM SOURCE_DIR
set -u
BIN="$1"
SRC="$2"
. "$(dirname "$0")/lib.sh"

# --- train: one run config ---
cat > cnn_adam.json <<'JSON'
{"seed": 2, "data": {"num_patches": 8, "train_size": 40, "test_size": 50, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "model": {"type": "cnn", "neurons": 8},
 "training": {"epochs": 2, "expert_update": "adam", "weight_decay": 0.1}}
JSON
"$BIN" train --config cnn_adam.json -q > out.json 2> err.txt
check "train: a CNN with adam exits 2" test $? -eq 2
check "train: the message names the key and the rule" grep -qF \
  'training.expert_update: the cnn model does not use this option (it trains with plain SGD at learning_rate and has no router); remove it' err.txt
check "train: nothing written" test ! -s out.json
sed 's/"type": "cnn", "neurons": 8/"type": "moe_topk", "neurons": 8, "num_experts": 2/' cnn_adam.json > topk_adam.json
"$BIN" train --config topk_adam.json -q > out.json 2> err.txt
check "train: the top-k MoE with adam trains" test $? -eq 0
check "train: its result records adam" grep -q '"expert_update": "adam"' out.json
sed 's/"expert_update": "adam", "weight_decay": 0.1/"cache_routes": false/' cnn_adam.json > cnn_cache.json
"$BIN" train --config cnn_cache.json -q > /dev/null 2> err.txt
check "train: a CNN with cache_routes exits 2" test $? -eq 2
check "train: cache_routes named" grep -qF 'training.cache_routes: the cnn model does not use this option' err.txt

# --- specs: a model's own section, the shared section, an axis ---
cat > base.json <<'JSON'
{"name": "options", "seed": 4,
 "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"epochs": 2},
 "models": {"cnn": {"type": "cnn", "neurons": 8},
            "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 2}},
 "grid": {"axes": {"N": [20, 40]}}}
JSON
"$BIN" validate base.json > /dev/null 2>&1; check "the base spec validates" test $? -eq 0
# refused NAME MESSAGE FILE: validate and run exit 2 and print MESSAGE.
refused() {
  "$BIN" validate "$3" > /dev/null 2>err.txt
  check "$1: validate exits 2" test $? -eq 2
  check "$1: validate names it" grep -qF "$2" err.txt
  "$BIN" run "$3" --out "run-$3" > /dev/null 2>err.txt
  check "$1: run exits 2" test $? -eq 2
  check "$1: run names it" grep -qF "$2" err.txt
  check "$1: run writes no records" test ! -e "run-$3/runs.jsonl"
}
sed 's/"type": "cnn", "neurons": 8}/"type": "cnn", "neurons": 8, "training": {"expert_update": "adam"}}/' base.json > own.json
refused "a CNN's own adam" 'models.cnn.training.expert_update: the cnn model does not use this option (it trains with plain SGD at learning_rate and has no router); remove it' own.json
sed 's/"epochs": 2}/"epochs": 2, "router_epochs": 5}/' base.json > shared.json
refused "shared router_epochs with a CNN" 'training.router_epochs: models.cnn inherits it from this shared section, but the cnn model does not use this option' shared.json
check "shared: the message says where it goes" grep -qF 'move it into models.NAME.training of the models that use it' err.txt
sed 's/"top_l": 2}/"top_l": 2, "training": {"router_epochs": 5}}/' base.json > moved.json
"$BIN" validate moved.json > /dev/null 2>&1; check "router_epochs in the separate pMoE's section validates" test $? -eq 0
"$BIN" run moved.json --out moved -q > /dev/null 2>&1; check "router_epochs in the separate pMoE's section runs" test $? -eq 0
check "moved: 4 records" test "$(wc -l < moved/runs.jsonl)" -eq 4
sed 's/"N": \[20, 40\]/"N": [20, 40], "N_r": [10, 20]/' base.json > axis.json
"$BIN" run axis.json --out axis -q > /dev/null 2>&1; check "an N_r axis beside a CNN runs" test $? -eq 0
check "an N_r axis moves the separate pMoE only: the CNN's N_r is null" test "$(grep -c '"N_r":null}.*"model":"cnn"' axis/runs.jsonl)" -eq 2
sed -e 's/"N": \[20, 40\]/"N": [20, 40], "N_r": [10, 20]/' -e 's/"cnn": {"type": "cnn", "neurons": 8},//' base.json > axis_ok.json
"$BIN" validate axis_ok.json > /dev/null 2>&1; check "an N_r axis over the separate pMoE alone validates" test $? -eq 0

# --- every shipped spec states only options its models read ---
bad=0
for spec in "$SRC"/experiments/*.json "$SRC"/experiments/*/*.json; do
  "$BIN" validate "$spec" > /dev/null 2>err.txt || { bad=1; cat err.txt; }
done
check "every spec under experiments/ validates" test "$bad" -eq 0

echo "$passed passed, $failed failed"
test "$failed" -eq 0
