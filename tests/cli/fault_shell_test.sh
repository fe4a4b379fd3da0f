#!/bin/bash
# Nothing a spec or a folder name says is ever run, and no command overwrites
# a results folder's own files: model names with shell and gnuplot
# metacharacters, a results folder whose name is a shell command, --out
# onto a folder's records (directly or through a symlink), analysis outputs
# aimed at another results folder, and a symlinked plots/ folder. Each case
# asserts the exit code, the message, that no injected command ran (no
# PWNED file anywhere) and that the folder's records are byte-identical.
# usage: fault_shell_test.sh PMOE_SIM
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"
no_pwned() { [ -z "$(find "$WORK" -name 'PWNED*' 2>/dev/null)" ]; }
records_intact() { cmp -s base/runs.jsonl "$1/runs.jsonl" && cmp -s base/spec.json "$1/spec.json"; }
# A copy of the reference folder's spec with one model named $1 (JSON text).
spec_with_model() {
  printf '{"name": "hostile", "seed": 1, "data": {"num_patches": 6, "train_size": 30, "test_size": 40, "synthetic": {"patch_dim": 8, "num_sets": 3, "num_confusers": 1}}, "training": {"epochs": 2}, "models": {%s: {"type": "cnn", "neurons": 4}}, "grid": {"axes": {"N": [20, 30]}, "repeats": 1}}\n' "$1"
}

spec_with_model '"cnn"' > base.json
"$BIN" run base.json --out base --threads 1 -q 2>/dev/null; check "reference grid runs" test $? -eq 0

# --- 1. model names outside [A-Za-z0-9_.-] are refused at validation ---
i=0
for name in '"cnn`touch PWNED1`"' '"x\"\nsystem(\"touch PWNED2\")\n#"' '"a;touch PWNED3"' \
            '"$(touch PWNED4)"' "\"it's\"" '"a b"' '"../up"' '"a/b"' '""' '"."' '".."' \
            '"caf\u00e9"' '"x\u0000y"' "\"$(printf 'n%.0s' $(seq 65))\""; do
  i=$((i + 1))
  spec_with_model "$name" > bad$i.json
  "$BIN" validate bad$i.json 2>err.txt; rc=$?
  check "model name $name: validate exits 2" test $rc -eq 2
  check "model name $name: the path and rule are named" grep -q "bad$i.json: models.*\(may hold only letters, digits\|may be at most 64\|may not be\)" err.txt
  "$BIN" run bad$i.json --out bad$i -q 2>/dev/null
  check "model name $name: run exits 2, no records" test $? -eq 2 -a ! -e bad$i/runs.jsonl
done
spec_with_model '"Model_1.v-2"' > good.json
"$BIN" validate good.json 2>/dev/null; check "model name Model_1.v-2 is accepted" test $? -eq 0
# A results folder whose spec.json was edited to name a hostile model.
cp -r base edited
sed -i 's/"cnn"/"cnn`touch PWNED5`"/' edited/spec.json
"$BIN" analyze edited -q 2>err.txt; rc=$?
check "edited spec.json with a hostile model name: analyze exits 2" test $rc -eq 2
check "edited spec.json: the model name is refused" grep -q "models: may hold only letters" err.txt
check "no injected command ran (model names)" no_pwned

# --- 2. a results folder named like a shell command draws its plots ---
evil="r';touch PWNED6;'"
cp -r base "$evil"
"$BIN" analyze "$evil" -q 2>err.txt; rc=$?
check "folder named like a command: analyze exits 0" test $rc -eq 0
check "folder named like a command: plots drawn" test -s "$evil/plots/accuracy_vs_N.svg"
evil2='r"`touch PWNED7`$(touch PWNED8)'
cp -r base "$evil2"
"$BIN" analyze "$evil2" -q --out "$evil2/report \$(touch PWNED9)" 2>err.txt
check "report folder named like a command: analyze exits 0" test $? -eq 0
check "no injected command ran (folder names)" no_pwned

# --- 3. --out onto a results folder's own files is refused ---
refused() {  # refused NAME FOLDER COMMAND...: exit 2, a message, records intact
  local name="$1" folder="$2"; shift 2
  "$BIN" "$@" 2>err.txt; local rc=$?
  check "$name: exits 2" test $rc -eq 2
  check "$name: the file is named" grep -q "refusing to overwrite it" err.txt
  check "$name: records intact" records_intact "$folder"
}
cp -r base r
refused "replay --out R/runs.jsonl" r replay r --run-id 1 --out r/runs.jsonl
refused "replay --out R/spec.json" r replay r --run-id 0 --out r/spec.json
cat > one.json <<'JSON'
{"seed": 2, "data": {"num_patches": 6, "train_size": 30, "test_size": 40, "synthetic": {"patch_dim": 8, "num_sets": 3, "num_confusers": 1}},
 "model": {"type": "cnn", "neurons": 4}, "training": {"epochs": 2}}
JSON
refused "train --out R/runs.jsonl" r train --config one.json --out r/runs.jsonl -q
ln -s r/runs.jsonl link_to_records
refused "train --out a symlink to R/runs.jsonl" r train --config one.json --out link_to_records -q
refused "replay --out R/timings.jsonl via ./" r replay r --run-id 0 --out ./r/../r/timings.jsonl
refused "run --out R/runs.jsonl" r run base.json --out r/runs.jsonl -q
refused "merge --out R/spec.json" r merge r --out r/spec.json
cp -r base r2
refused "analyze R --out R2 (another results folder)" r2 analyze r --out r2 -q
refused "export R --out R2 (another results folder)" r2 export r --format csv --out r2
"$BIN" replay r --run-id 0 --out r/replayed_0.json 2>/dev/null
check "replay --out a new file in the folder is allowed" test $? -eq 0 -a -s r/replayed_0.json
"$BIN" analyze r -q 2>/dev/null && "$BIN" export r --format csv 2>/dev/null
check "analyze and export of the folder itself still write into it" test -s r/report.md -a -s r/cells.csv
check "records intact after the folder's own analysis" records_intact r

# --- 6. a symlinked plots/ is refused; links inside plots/ are replaced ---
cp -r base linked
mkdir elsewhere && echo keep > elsewhere/keep.svg
ln -s ../elsewhere linked/plots
"$BIN" analyze linked -q 2>err.txt; rc=$?
check "symlinked plots/: analyze exits 2" test $rc -eq 2
check "symlinked plots/: named" grep -q "linked/plots: is a symlink" err.txt
check "symlinked plots/: the target is untouched" test "$(ls elsewhere)" = keep.svg
rm linked/plots && mkdir linked/plots
ln -s ../../elsewhere/keep.svg linked/plots/accuracy_vs_N.svg
ln -s ../../elsewhere/keep.svg linked/plots/stray.tmp
"$BIN" analyze linked -q 2>err.txt
check "a link inside plots/: analyze exits 0" test $? -eq 0
check "a link inside plots/: replaced by a real figure" test -f linked/plots/accuracy_vs_N.svg -a ! -L linked/plots/accuracy_vs_N.svg
check "a link inside plots/: its target is untouched" test "$(cat elsewhere/keep.svg)" = keep
rm -f linked/report.md && ln -s ../elsewhere/keep.svg linked/report.md
"$BIN" analyze linked -q 2>err.txt
check "a symlinked report.md: analyze exits 2" test $? -eq 2 -a "$(cat elsewhere/keep.svg)" = keep
check "no injected command ran" no_pwned

echo "$passed passed, $failed failed"
test "$failed" -eq 0
