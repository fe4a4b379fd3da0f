#!/bin/bash
# End-to-end test of `pmoe-sim export --format csv`: the tables read back
# with the records' values, one row per run, per curve point and metric,
# per cell and target; bad input exits 2.
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"
# column NAME FILE: the values of a CSV column (no quoted commas here).
column() {
  awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
                        c { print $c }' "$2"
}

cat > spec.json <<'JSON'
{"name": "cli_export", "seed": 3,
 "data": {"num_patches": 8, "train_size": 60, "test_size": 100, "synthetic": {"patch_dim": 16, "num_confusers": 1}},
 "training": {"epochs": 4, "targets": [0.3, 0.1]},
 "models": {"cnn": {"type": "cnn", "neurons": 8}, "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 2}},
 "grid": {"axes": {"N": [40, 80]}, "repeats": 2}}
JSON
"$BIN" run spec.json --out res -q 2>/dev/null; check "grid runs" test $? -eq 0
"$BIN" export res --format csv 2>/dev/null; check "export exits 0" test $? -eq 0
for f in runs curves cells fits; do check "$f.csv written" test -s res/$f.csv; done
check "fits.csv before analyze: the header only" test "$(wc -l < res/fits.csv)" -eq 1

runs=$(wc -l < res/runs.jsonl)
check "one row per run" test "$(($(wc -l < res/runs.csv) - 1))" -eq "$runs"
check "every row has the header's width" \
  test "$(awk -F, '{ print NF }' res/runs.csv | sort -u | wc -l)" -eq 1
for col in run_id model type repeat status coords.N params.m seeds.init final.test_error \
           first_hit_step.0.3 first_hit_step.0.1; do
  check "runs.csv has $col" grep -q "\(^\|,\)$col\(,\|$\)" <(head -1 res/runs.csv)
done
# Run 0's final test error reads back as written in runs.jsonl.
want=$(head -1 res/runs.jsonl | grep -o '"final":{[^}]*}' | grep -o '"test_error":[^,}]*' | cut -d: -f2)
check "final test error reads back" test "$(column final.test_error res/runs.csv | head -1)" = "$want"
check "models as in the records" test "$(column model res/runs.csv | sort -u | tr '\n' ' ')" = "cnn sep "

check "curves.csv header" test "$(head -1 res/curves.csv)" = "run_id,step,metric,value"
steps=$(head -1 res/runs.jsonl | grep -o '"step":\[[^]]*\]' | tr -cd ',' | wc -c)
check "one test_error row per evaluation of run 0" \
  test "$(awk -F, '$1 == 0 && $3 == "test_error"' res/curves.csv | wc -l)" -eq $((steps + 1))
check "every run has curves" test "$(awk -F, 'NR > 1 { print $1 }' res/curves.csv | sort -u | wc -l)" -eq "$runs"
check "unmeasured step-0 training loss is empty (NA)" \
  test "$(awk -F, '$1 == 0 && $2 == 0 && $3 == "train_loss" { print "[" $4 "]" }' res/curves.csv)" = "[]"

check "one cells row per model and target" test "$(($(wc -l < res/cells.csv) - 1))" -eq 4
check "cells.csv targets" test "$(column target res/cells.csv | sort -u | tr '\n' ' ')" = "0.1 0.3 "
check "censoring is named" test -z "$(column n_star_censored res/cells.csv | grep -v -x -e none -e below -e above)"

"$BIN" export res --format xlsx 2>err.txt; check "unknown format exits 2" test $? -eq 2
check "unknown format is named" grep -q "\-\-format: expected csv" err.txt
"$BIN" export nowhere --format csv 2>err.txt; check "missing folder exits 2" test $? -eq 2
"$BIN" export res --format csv --out tables 2>/dev/null
check "--out writes elsewhere" cmp -s res/cells.csv tables/cells.csv

# fits.csv: one row per fit of analysis.json; coordinates read the same in
# runs.csv and cells.csv (6, not 6 in one and 6.0 in the other).
cat > nspec.json <<'JSON'
{"name": "cli_export_n", "seed": 5,
 "data": {"num_patches": 8, "test_size": 200, "synthetic": {"patch_dim": 16, "num_confusers": 1}},
 "training": {"protocol": "online", "max_steps": 600, "batch_size": 10, "learning_rate": 0.5, "targets": [0.3]},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"n": [6, 8, 12]}, "repeats": 2}, "analysis": {"bootstrap": 50, "success_fraction": 0.5}}
JSON
"$BIN" run nspec.json --out nres -q 2>/dev/null; check "n grid runs" test $? -eq 0
"$BIN" analyze nres -q --no-plots 2>/dev/null; check "n grid analyzes" test $? -eq 0
"$BIN" export nres --format csv 2>err.txt; check "export after analyze exits 0" test $? -eq 0
check "export names fits.csv" grep -q "fits.csv (.* fits)" err.txt
fits=$(grep -o '"quantity": "[^"]*"' nres/analysis.json | wc -l)
check "one fits.csv row per fit" test "$(($(wc -l < nres/fits.csv) - 1))" -eq "$fits" -a "$fits" -gt 0
check "fits.csv header" test "$(head -1 nres/fits.csv | cut -d, -f1-9)" = \
  "model,quantity,axis,ok,exponent,exponent_lo,exponent_hi,se,theory"
check "the cnn N* fit against n" grep -q "^cnn,N\*,n,true,[-0-9]" nres/fits.csv
check "coords.n as integers in runs.csv" test "$(column coords.n nres/runs.csv | sort -un | tr '\n' ' ')" = "6 8 12 "
check "coords.n the same in cells.csv" test "$(column coords.n nres/cells.csv | sort -un | tr '\n' ' ')" = "6 8 12 "
echo '[1]' > nres/analysis.json
"$BIN" export nres --format csv 2>/dev/null; check "an analysis.json without fits: header only" test "$(wc -l < nres/fits.csv)" -eq 1
echo '{' > nres/analysis.json
"$BIN" export nres --format csv 2>err.txt; check "a broken analysis.json exits 2" test $? -eq 2
check "the broken file is named" grep -q "analysis.json" err.txt

echo "$passed passed, $failed failed"
test "$failed" -eq 0
