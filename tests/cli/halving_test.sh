#!/bin/bash
# Successive halving of the learning-rate candidates and shared runs in the
# sensitivity check, end to end: training.learning_rate.select_by "halving"
# chooses a candidate and records each candidate's budget, "full" (the
# default) keeps the records of a spec without select_by, a bad select_by is
# refused (exit 2, the JSON path named), and sensitivity gives the same
# records and verdicts whether it shares runs between variants or retrains
# every one (--retrain).
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

spec() {  # spec NAME SELECT_BY_MEMBER
  cat <<JSON
{"name": "$1", "seed": 4,
 "data": {"num_patches": 8, "test_size": 100, "synthetic": {"patch_dim": 16, "num_confusers": 1}},
 "training": {"protocol": "online", "max_steps": 160, "validation_size": 60,
              "learning_rate": {"select": [0.001, 0.1, 0.4, 1.6, 6.4]$2}, "targets": [0.3, 0.2]},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"n": [4, 8]}, "repeats": 2},
 "analysis": {"target": 0.3, "bootstrap": 20}}
JSON
}
spec plain "" > plain.json
spec full ', "select_by": "full"' > full.json
spec halving ', "select_by": "halving"' > halving.json
spec bad ', "select_by": "fast"' > bad.json
spec badtype ', "select_by": 2' > badtype.json

"$BIN" validate bad.json 2>err.txt >/dev/null; check "unknown select_by exits 2" test $? -eq 2
check "unknown select_by names its path" grep -q 'training.learning_rate.select_by' err.txt
check "unknown select_by names the choices" grep -q '"full" or "halving"' err.txt
"$BIN" run badtype.json --out bt -q 2>err.txt; check "non-string select_by exits 2" test $? -eq 2
check "non-string select_by names its path" grep -q 'training.learning_rate.select_by' err.txt

"$BIN" run plain.json --out plain -q 2>/dev/null; check "plain selection runs" test $? -eq 0
"$BIN" run full.json --out full -q 2>/dev/null; check "select_by full runs" test $? -eq 0
check "select_by full gives the default's records" cmp -s plain/runs.jsonl full/runs.jsonl
check "select_by full writes no select_by" bash -c '! grep -q select_by full/spec.json'
"$BIN" run halving.json --out halving -q 2>/dev/null; check "select_by halving runs" test $? -eq 0
check "halving is in the resolved spec" grep -q '"select_by": "halving"' halving/spec.json
# Every record chose a candidate that reached the full budget, and the
# others stopped at a halving budget (20, 40, 80 of 160 steps).
halving_records() {
  python3 - "$1" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    trials = {t["eta"]: t for t in r["eta_selection"]}
    assert trials[r["eta"]]["budget"] == 160, r["eta_selection"]
    others = [t["budget"] for e, t in trials.items() if e != r["eta"]]
    assert sorted(others)[0] == 20 and max(others) <= 80, others
PY
}
check "halving records each candidate's budget" halving_records halving/runs.jsonl
"$BIN" run halving.json --out halving 2>resume.txt; check "halving resumes" test $? -eq 0
check "halving resume re-runs nothing" grep -q "already done, 0 run now" resume.txt

# Sensitivity: shared runs give the same variants and verdicts.
"$BIN" sensitivity halving.json --base sb --out so_shared > shared.txt 2>shared_err.txt
shared_status=$?
"$BIN" sensitivity halving.json --base sb2 --out so_retrained --retrain > retrained.txt 2>/dev/null
check "sensitivity exits as with --retrain" test $shared_status -eq $?
check "sensitivity tables agree" cmp -s shared.txt retrained.txt
for v in steps_x2 eta_x0.5 eta_x2; do
  check "variant $v records agree" cmp -s so_shared/$v/runs.jsonl so_retrained/$v/runs.jsonl
done
check "sensitivity reports the runs it reused" grep -q 'runs reused' shared_err.txt
"$BIN" sensitivity halving.json --base sb --out so3 --retrain --threads 0 2>/dev/null >/dev/null
check "bad threads with --retrain exits 2" test $? -eq 2

echo "$passed passed, $failed failed"
test "$failed" -eq 0
