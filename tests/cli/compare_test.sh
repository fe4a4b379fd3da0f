#!/bin/bash
# `pmoe-sim compare FOLDER... --out DIR` (docs/analysis.md, "compare"):
# N* against a shared axis from an online and a budget folder in one
# log-log figure, each series named with its folder, protocol and ε; bad
# input exits 2 with one line naming it (one folder, a missing folder, no
# --out, --out onto a results folder, an axis a folder lacks, no shared
# axis without --axis).
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

cat > online.json <<'JSON'
{"name": "cmp_online", "seed": 4,
 "data": {"num_patches": 8, "test_size": 200,
          "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"protocol": "online", "max_steps": 400, "batch_size": 10, "learning_rate": 0.3},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"n": [4, 8, 12]}, "repeats": 3},
 "analysis": {"target": 0.2, "success_fraction": 0.67, "bootstrap": 50,
              "labels": {"cnn": "CNN"}}}
JSON
cat > budget.json <<'JSON'
{"name": "cmp_budget", "seed": 2,
 "data": {"num_patches": 8, "test_size": 100, "synthetic": {"patch_dim": 16, "num_sets": 4}},
 "training": {"epochs": 10},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [40, 160], "n": [4, 8]}, "repeats": 2},
 "analysis": {"target": 0.3, "bootstrap": 50}}
JSON
cat > flat.json <<'JSON'
{"name": "cmp_flat", "seed": 2,
 "data": {"num_patches": 8, "test_size": 100, "synthetic": {"patch_dim": 16, "num_sets": 4}},
 "training": {"epochs": 3},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [40, 80]}, "repeats": 2}}
JSON
for s in online budget flat; do "$BIN" run $s.json --out $s -q 2>/dev/null; done
check "the folders run" test -s online/runs.jsonl -a -s budget/runs.jsonl -a -s flat/runs.jsonl

"$BIN" compare online budget --out cmp 2>err.txt; check "compare exits 0" test $? -eq 0
for ext in svg png pdf gp dat; do
  check "  writes compare_nstar_vs_n.$ext" test -s cmp/compare_nstar_vs_n.$ext
done
check "  one series per folder, named with protocol and ε" bash -c \
  "grep -q \"'cmp_online (online, ε = 0.2): CNN'\" cmp/compare_nstar_vs_n.gp &&
   grep -q \"'cmp_budget (budget, ε = 0.3): cnn'\" cmp/compare_nstar_vs_n.gp"
check "  on log-log axes" bash -c \
  "grep -q 'set logscale x' cmp/compare_nstar_vs_n.gp && grep -q 'set logscale y' cmp/compare_nstar_vs_n.gp"
check "  each folder's cells along n" python3 -c "
blocks = [b for b in open('cmp/compare_nstar_vs_n.dat').read().split('\n\n\n') if b.strip()]
xs = [[float(l.split()[0]) for l in b.splitlines() if l and not l.startswith('#')] for b in blocks]
assert xs == [[4, 8, 12], [4, 8]], xs"
check "  the folders' records untouched" bash -c \
  "test ! -e online/compare_nstar_vs_n.svg && test ! -e budget/compare_nstar_vs_n.svg"
"$BIN" compare online budget --out cmp2 --axis n 2>/dev/null
check "--axis n gives the same figure" cmp -s cmp/compare_nstar_vs_n.dat cmp2/compare_nstar_vs_n.dat

refused() {  # refused NAME MESSAGE ARGS...
  local name="$1" message="$2"; shift 2
  "$BIN" compare "$@" >/dev/null 2>err.txt; local rc=$?
  check "$name: exit 2" test $rc -eq 2
  check "$name: says so" grep -qF -- "$message" err.txt
}
refused "one folder" "expected two or more results folders, got 1" online --out x1
refused "a missing folder" "nowhere" online nowhere --out x2
refused "no --out" "out" online budget
refused "--out onto a results folder" "--out: budget is a results folder" online budget --out budget
refused "an axis a folder lacks" "--axis: online has no axis k" online budget --out x3 --axis k
refused "no shared axis and no --axis" "--axis: required, the folders share no axis besides N" online flat --out x4
check "  and nothing written for refused input" test ! -e x1 -a ! -e x3 -a ! -e x4

echo "$passed passed, $failed failed"
test "$failed" -eq 0
