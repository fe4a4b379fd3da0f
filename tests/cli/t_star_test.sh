#!/bin/bash
# T* options and chosen learning rates end to end: params.eta holds the
# learning rate a run selected (results format 4 and later), a resume of such a grid
# re-runs nothing, a folder of format 3 (params.eta the first candidate)
# still analyzes, and analysis.t_star / --t-star accept stays or
# first_touch and refuse anything else (exit 2, the option named).
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

cat > spec.json <<'JSON'
{"name": "cli_t_star", "seed": 6,
 "data": {"num_patches": 8, "train_size": 60, "test_size": 100, "synthetic": {"patch_dim": 16, "num_confusers": 1}},
 "training": {"epochs": 4, "validation_size": 40, "learning_rate": {"select": [0.001, 0.5]}, "targets": [0.2]},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [40, 80]}, "repeats": 2},
 "analysis": {"target": 0.2, "bootstrap": 20}}
JSON
# Every record's params.eta is its top-level (chosen) eta.
chosen_in_params() {
  python3 - "$1" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
assert records and all(r["params"]["eta"] == r["eta"] for r in records), records
assert any(r["eta"] != 0.001 for r in records), "every run chose the first candidate"
PY
}
"$BIN" run spec.json --out res -q 2>/dev/null; check "grid with selection runs" test $? -eq 0
check "params.eta is the chosen rate" chosen_in_params res/runs.jsonl
check "spec.json names format 5" grep -q '"results_format": 5' res/spec.json
cp res/runs.jsonl before.jsonl
"$BIN" run spec.json --out res 2>resume.txt; check "resume exits 0" test $? -eq 0
check "resume re-runs nothing" grep -q "4 runs (4 already done, 0 run now" resume.txt
check "resume keeps the records" cmp -s before.jsonl res/runs.jsonl
# A record whose params.eta is no candidate is foreign.
sed '1s/"params":{\([^}]*\)"eta":[0-9.e-]*/"params":{\1"eta":0.7/' before.jsonl > res/runs.jsonl
"$BIN" run spec.json --out res -q 2>err.txt; check "foreign eta exits 2" test $? -eq 2
check "foreign eta is named" grep -q "params.eta 0.7" err.txt
cp before.jsonl res/runs.jsonl

# A format-3 folder (params.eta the first candidate) still analyzes.
mkdir old && sed 's/"results_format": 5/"results_format": 3/' res/spec.json > old/spec.json
sed 's/"params":{\([^}]*\)"eta":[0-9.e-]*/"params":{\1"eta":0.001/' before.jsonl > old/runs.jsonl
"$BIN" analyze old -q --no-plots 2>/dev/null; check "format 3 analyzes" test $? -eq 0

# T*: stays by default, first_touch on request; recorded in analysis.json.
option_is() { python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['options']['t_star'] == sys.argv[2]" "$1" "$2"; }
"$BIN" analyze res -q --no-plots 2>/dev/null; check "analyze exits 0" test $? -eq 0
check "analysis.json says stays" option_is res/analysis.json stays
check "validation samples reported beside N*" python3 -c "
import json
assert json.load(open('res/analysis.json'))['validation_samples'] == {'cnn': 40}"
check "  and in report.md" grep -q 'chosen on 40 validation samples' res/report.md
check "report.md defines T* as staying" grep -q "stays <= eps to the end of the run" res/report.md
"$BIN" analyze res -q --no-plots --t-star first_touch 2>/dev/null; check "--t-star first_touch exits 0" test $? -eq 0
check "analysis.json says first_touch" option_is res/analysis.json first_touch
"$BIN" analyze res -q --no-plots --t-star last 2>err.txt; check "--t-star last exits 2" test $? -eq 2
check "--t-star is named" grep -q -- "--t-star: must be stays or first_touch" err.txt
"$BIN" check res --t-star first_touch >/dev/null 2>&1; check "check --t-star first_touch runs" test $? -ne 2
"$BIN" check res --t-star sometimes >/dev/null 2>err.txt; check "check --t-star sometimes exits 2" test $? -eq 2
check "check names --t-star" grep -q -- "--t-star" err.txt
sed 's/"bootstrap": 20}/"bootstrap": 20, "t_star": "first_touch"}/' spec.json > touch.json
"$BIN" validate touch.json >/dev/null 2>&1; check "analysis.t_star first_touch validates" test $? -eq 0
sed 's/"bootstrap": 20}/"bootstrap": 20, "t_star": "always"}/' spec.json > bad.json
"$BIN" validate bad.json 2>err.txt; check "analysis.t_star always exits 2" test $? -eq 2
check "analysis.t_star is named" grep -q 'analysis.t_star: must be one of "stays", "first_touch"' err.txt

echo "$passed passed, $failed failed"
test "$failed" -eq 0
