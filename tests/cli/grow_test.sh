#!/bin/bash
# End-to-end tests of growing a results folder (edits that do not change
# what runs, added repeats and axis values, refused real changes) and of
# replaying one run of a folder; analyze --out, check --json and validate
# of several files.
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"
# Records without their run ids, sorted: the runs a folder holds.
runs_of() { sed -E 's/"run_id":[0-9]+,//' "$1" | sort; }

cat > spec.json <<'JSON'
{"name": "cli_grow", "seed": 9, "description": "first",
 "data": {"num_patches": 8, "train_size": 60, "test_size": 100, "synthetic": {"patch_dim": 16}},
 "training": {"epochs": 4},
 "models": {"cnn": {"type": "cnn", "neurons": 8}, "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4, "top_l": 2}},
 "grid": {"axes": {"N": [60, 120]}, "repeats": 1}}
JSON
"$BIN" run spec.json --out grown -q 2>/dev/null; check "first grid runs" test $? -eq 0
cp grown/runs.jsonl first.jsonl

# --- edits that do not change what runs: nothing reruns, spec.json updated ---
sed -e 's/"description": "first"/"description": "second", "analysis": {}, "expect": []/' spec.json > edited.json
"$BIN" run edited.json --out grown -q 2>err.txt; check "an edited description is accepted" test $? -eq 0
check "an edited description reruns nothing" grep -q "0 run now" err.txt
check "records untouched by an edited description" cmp -s first.jsonl grown/runs.jsonl
check "spec.json takes the new description" grep -q '"second"' grown/spec.json

# --- growth: a value inserted in the middle of an axis and one more repeat ---
sed -e 's/\[60, 120\]/[60, 90, 120]/' -e 's/"repeats": 1/"repeats": 2/' edited.json > grow.json
"$BIN" run grow.json --out grown -q 2>err.txt; check "a grown grid is accepted" test $? -eq 0
check "a grown grid runs only the new runs" grep -q "4 already done, 8 run now" err.txt
check "recorded runs keep their bytes and ids" cmp -s first.jsonl <(head -n 4 grown/runs.jsonl)
check "spec.json keeps the grid it grew from" grep -q '"grid_history"' grown/spec.json
"$BIN" run grow.json --out fresh -q 2>/dev/null
check "a grown folder holds the runs of a fresh one" cmp -s <(runs_of grown/runs.jsonl) <(runs_of fresh/runs.jsonl)
"$BIN" run grow.json --out grown -q 2>err.txt
check "a grown folder resumes with nothing to run" grep -q "12 already done, 0 run now" err.txt
"$BIN" analyze grown -q --no-plots 2>/dev/null; check "a grown folder analyses" test $? -eq 0
cp grown/spec.json copied.json
"$BIN" run copied.json --out copied -q 2>/dev/null
check "its spec.json reproduces the folder with the same ids" cmp -s grown/runs.jsonl copied/runs.jsonl

# --- a grown grid run in new shards merges back into its folder ---
"$BIN" run spec.json --out sharded -q 2>/dev/null
for i in 0 1; do "$BIN" run grow.json --out sharded --shard $i/2 -q 2>/dev/null; done
"$BIN" merge sharded/shards/* --out sharded 2>/dev/null; check "grown shards merge into the folder" test $? -eq 0
check "merged grown shards keep the old records" cmp -s first.jsonl <(head -n 4 sharded/runs.jsonl)
check "merged grown shards equal the grown folder" cmp -s grown/runs.jsonl sharded/runs.jsonl

# --- real changes are refused, naming the key; the folder is untouched ---
cp grown/runs.jsonl before.jsonl
sed -e 's/"epochs": 4/"epochs": 5/' grow.json > epochs.json
"$BIN" run epochs.json --out grown -q 2>err.txt; check "a changed training key is refused" test $? -eq 2
check "the refusal names the changed key" grep -q "'training.epochs' changed" err.txt
sed -e 's/"seed": 9/"seed": 10/' grow.json > seed.json
"$BIN" run seed.json --out grown -q 2>err.txt; check "a changed seed is refused" test $? -eq 2
check "the refusal names the seed" grep -q "'seed' changed" err.txt
sed -e 's/\[60, 90, 120\]/[60, 90]/' grow.json > shrunk.json
"$BIN" run shrunk.json --out grown -q 2>err.txt; check "a dropped axis value is refused" test $? -eq 2
check "the refusal names the grid and a dropped run" grep -q "'grid' no longer holds run" err.txt
check "refused changes leave the records untouched" cmp -s before.jsonl grown/runs.jsonl
"$BIN" run epochs.json --out grown -q --force 2>/dev/null; check "--force still discards" test $? -eq 0

# --- replay: one run alone, bit for bit; a differing record exits 1 ---
"$BIN" replay fresh --run-id 5 --out replayed.json 2>err.txt; check "replay reproduces a run" test $? -eq 0
check "replay says so" grep -q "run 5 reproduced bit for bit" err.txt
check "replay writes the record" cmp -s replayed.json <(sed -n 6p fresh/runs.jsonl)
"$BIN" replay fresh --run-id 5 > out.txt 2>err.txt
check "by default replay prints the verdict only" test ! -s out.txt
check "  on one line" test "$(wc -l < err.txt)" -eq 1
"$BIN" replay fresh --run-id 5 --out - > out.txt 2>/dev/null
check "replay --out - prints the record" cmp -s out.txt <(sed -n 6p fresh/runs.jsonl)
"$BIN" replay copied --run-id 2 >/dev/null 2>&1; check "replay of a grown folder's run" test $? -eq 0
sed -i '3s/"steps":[0-9]*/"steps":999/' fresh/runs.jsonl
"$BIN" replay fresh --run-id 2 >/dev/null 2>err.txt; check "a differing record exits 1" test $? -eq 1
check "the difference names the field" grep -q "differs from its stored record in: steps" err.txt
"$BIN" replay fresh --run-id 12 >/dev/null 2>err.txt; check "an unknown run id exits 2" test $? -eq 2
check "an unknown run id is named" grep -q -- "--run-id: 12 is not a run" err.txt
"$BIN" replay nowhere --run-id 0 >/dev/null 2>&1; check "replay of a missing folder exits 2" test $? -eq 2

# --- train results carry their seeds ---
cat > run.json <<'JSON'
{"seed": 2, "data": {"num_patches": 8, "train_size": 60, "test_size": 100, "synthetic": {"patch_dim": 16}},
 "model": {"type": "cnn", "neurons": 8}, "training": {"epochs": 2}}
JSON
"$BIN" train --config run.json --out a.json -q; check "train exits 0" test $? -eq 0
check "train results carry their seeds" grep -q '"shuffle": "[0-9a-f]\{16\}"' a.json
# A result's config is the resolved config, seed included: training from it
# again gives the same result bit for bit (wall time aside); also online with
# a selected learning rate.
without_time() { python3 -c "import json, sys; r = json.load(open(sys.argv[1])); r.pop('wall_seconds'); print(json.dumps(r, sort_keys=True))" "$1"; }
config_of() { python3 -c "import json, sys; print(json.dumps(json.load(open(sys.argv[1]))['config']))" "$1"; }
check "a result's config holds the seed" grep -q '"seed": 2' a.json
config_of a.json > a_config.json
"$BIN" train --config a_config.json --out b.json -q; check "train from a result's config exits 0" test $? -eq 0
check "a result's config reproduces the run bit for bit" cmp -s <(without_time a.json) <(without_time b.json)
cat > online.json <<'JSON'
{"seed": 5, "data": {"num_patches": 8, "test_size": 100, "synthetic": {"patch_dim": 16}},
 "model": {"type": "cnn", "neurons": 8},
 "training": {"protocol": "online", "max_steps": 40, "validation_size": 50, "learning_rate": {"select": [0.1, 1]}}}
JSON
"$BIN" train --config online.json --out c.json -q; check "online train exits 0" test $? -eq 0
config_of c.json > c_config.json
"$BIN" train --config c_config.json --out d.json -q; check "online train from its result's config exits 0" test $? -eq 0
check "an online result's config reproduces the run bit for bit" cmp -s <(without_time c.json) <(without_time d.json)

# --- analyze --out: another target without overwriting the default report ---
cp grown/analysis.json default.json; cp grown/report.md default.md
"$BIN" analyze grown -q --target 0.3 --out other 2>/dev/null; check "analyze --out exits 0" test $? -eq 0
check "analyze --out writes its report there" test -s other/report.md -a -s other/analysis.json
check "analyze --out writes its plots there" test -s other/plots/accuracy_vs_N.svg
check "analyze --out leaves the default analysis" cmp -s default.json grown/analysis.json
check "analyze --out leaves the default report" cmp -s default.md grown/report.md
check "analyze --out writes no plots into the folder" test ! -e grown/plots
check "the other report uses the other target" grep -q '"target": 0.3' other/analysis.json
touch afile
"$BIN" analyze grown -q --no-plots --out afile/x 2>err.txt; check "an --out that cannot be a folder exits 2" test $? -eq 2
check "a bad --out is named" grep -q -- "--out: cannot create" err.txt

# --- check --json ---
cat > rules.json <<'JSON'
{"expect": [{"name": "possible", "rule": "value", "model": "cnn", "metric": "test_error", "at_most": 1},
            {"name": "impossible", "rule": "value", "model": "cnn", "metric": "test_error", "at_most": -1}]}
JSON
"$BIN" check grown --spec rules.json --json >verdicts.json; check "check --json keeps the exit code" test $? -eq 1
check "check --json is JSON" python3 -c "import json; json.load(open('verdicts.json'))"
check "check --json gives each verdict" python3 -c "
import json; j = json.load(open('verdicts.json'))
assert [c['verdict'] for c in j['checks']] == ['pass', 'fail'], j
assert isinstance(j['checks'][0]['measured'], float)
assert (j['passed'], j['failed'], j['inconclusive'], j['exit_code']) == (1, 1, 0, 1)"
"$BIN" check grown --spec rules.json >table.txt
check "check without --json prints the table" grep -q "1 passed, 1 failed" table.txt

# --- validate reports every bad file ---
echo '{"name": "x", "models": {"m": {"type": "cnn"}}, "seeed": 1}' > bad1.json
echo '{"name": ' > bad2.json
"$BIN" validate bad1.json spec.json bad2.json >out.txt 2>err.txt; check "validate with bad files exits 2" test $? -eq 2
check "validate names the first bad file" grep -q "bad1.json: seeed: unknown key" err.txt
check "validate names the second bad file" grep -q "bad2.json" err.txt
check "validate still checks the good file" grep -q "spec.json: ok" out.txt
check "validate counts the bad files" grep -q "2 of 3 specs are bad" err.txt
"$BIN" validate spec.json grow.json >/dev/null; check "validate of good files exits 0" test $? -eq 0

echo "$passed passed, $failed failed"
test "$failed" -eq 0
