#!/bin/bash
# Hostile and careless inputs at the edge: data
# files that are not regular files or whose size is not the one their IDX
# header claims (a gzip bomb, a FIFO, a symlink to /dev/zero); axis values
# equal as numbers but spelt differently; a learning-rate axis over a
# selection; options set where they do not apply; replay of a run with no
# stored record; sensitivity factors out of range. Each case asserts exit 2,
# a message naming the file or JSON path and the rule, and that the valid
# counterpart still works.
# usage: fault_inputs_test.sh PMOE_SIM SOURCE_DIR
set -u
BIN="$1"
SRC="$2"
. "$(dirname "$0")/lib.sh"
# Runs with a time limit, so that a blocking read fails the test, not CI.
limited() { timeout 60 "$@"; }

# --- IDX data files, written by hand (idx_lib.sh; gzip_idx compresses them) ---
. "$(dirname "$0")/idx_lib.sh"
gzip_idx() {
  local f
  for f in "$1"/*-idx?-ubyte.gz; do gzip -c "$f" > "$f.z" && mv "$f.z" "$f"; done
}
# config DIR: a one-run train config on the Fashion-MNIST files in DIR.
config() {
  cat <<JSON
{"seed": 1, "data": {"source": "fashion_mnist", "num_patches": 4, "train_size": 20, "test_size": 20,
  "fashion_mnist": {"directory": "$1"}},
 "model": {"type": "cnn", "neurons": 4}, "training": {"epochs": 1}}
JSON
}
mkdir plain gz
write_idx plain train 20; write_idx plain t10k 20
cp plain/* gz/; gzip_idx gz
config "$PWD/plain" > plain.json
config "$PWD/gz" > gz.json
limited "$BIN" train --config plain.json -q > /dev/null 2>err.txt
check "uncompressed IDX files train" test $? -eq 0
limited "$BIN" train --config gz.json -q > /dev/null 2>err.txt
check "gzip IDX files train" test $? -eq 0

# broken NAME: a copy of gz/ (to break one file of) and NAME.json on it.
broken() {
  rm -rf "$1"; cp -r gz "$1"; config "$PWD/$1" > "$1.json"
}
IMAGES=train-images-idx3-ubyte.gz
LABELS=train-labels-idx1-ubyte.gz

broken zero; rm zero/$IMAGES; ln -s /dev/zero zero/$IMAGES
limited "$BIN" train --config zero.json -q > /dev/null 2>err.txt
check "symlink to /dev/zero: exit 2" test $? -eq 2
check "symlink to /dev/zero: named, with the rule" grep -q "zero/$IMAGES: is a character device; a data file must be a regular file" err.txt

broken fifo; rm fifo/$LABELS; mkfifo fifo/$LABELS
limited "$BIN" train --config fifo.json -q > /dev/null 2>err.txt
check "FIFO: exit 2, without blocking" test $? -eq 2
check "FIFO: named, with the rule" grep -q "fifo/$LABELS: is a FIFO; a data file must be a regular file" err.txt

broken folder; rm folder/$IMAGES; mkdir folder/$IMAGES
limited "$BIN" train --config folder.json -q > /dev/null 2>err.txt
check "folder: exit 2" test $? -eq 2
check "folder: named" grep -q "folder/$IMAGES: is a folder" err.txt

broken linked; mv linked/$IMAGES linked/real.gz; ln -s real.gz linked/$IMAGES
limited "$BIN" train --config linked.json -q > /dev/null 2>&1
check "symlink to a regular file: trains" test $? -eq 0

# 10 images of 28x28 claimed, 50 MB of zeros behind the header.
broken bomb
{ u32 $((0x803)); u32 10; u32 28; u32 28; head -c 50000000 /dev/zero; } | gzip -1 > bomb/$IMAGES
{ u32 $((0x801)); u32 10; head -c 10 /dev/zero; } | gzip > bomb/$LABELS
start=$SECONDS
limited "$BIN" train --config bomb.json -q > /dev/null 2>err.txt
check "gzip bomb: exit 2" test $? -eq 2
check "gzip bomb: refused after the claimed bytes and one more" grep -q "bomb/$IMAGES: holds more data than its header claims (10 images of 28x28 pixels); refused after 7857 bytes" err.txt
check "gzip bomb: refused quickly" test $((SECONDS - start)) -le 10

broken truncated; head -c 10000 plain/$IMAGES > truncated/$IMAGES
limited "$BIN" train --config truncated.json -q > /dev/null 2>err.txt
check "truncated plain file: exit 2" test $? -eq 2
check "truncated plain file: sizes named" grep -q "truncated/$IMAGES: holds 10000 bytes, but its header claims 20 images of 28x28 pixels (15696 bytes with the header)" err.txt
head -c 10000 plain/$IMAGES | gzip > truncated/$IMAGES
limited "$BIN" train --config truncated.json -q > /dev/null 2>err.txt
check "truncated gzip file: exit 2" test $? -eq 2
check "truncated gzip file: named" grep -q "truncated/$IMAGES: truncated: its header claims 20 images" err.txt

broken claims; { u32 $((0x803)); u32 4000000000; u32 28; u32 28; } | gzip > claims/$IMAGES
{ u32 $((0x801)); u32 4000000000; } | gzip > claims/$LABELS
limited "$BIN" train --config claims.json -q > /dev/null 2>err.txt
check "a header claiming terabytes: exit 2" test $? -eq 2
check "a header claiming terabytes: refused unread" grep -q "claims/$IMAGES: its header claims 4000000000 images of 28x28 pixels, more than the 1024 MB" err.txt

# --- grid specs: a base, and edits of it ---
cat > base.json <<'JSON'
{"name": "inputs", "seed": 4,
 "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"epochs": 3},
 "models": {"cnn": {"type": "cnn", "neurons": 8}},
 "grid": {"axes": {"N": [20, 40]}}}
JSON
"$BIN" validate base.json > /dev/null 2>&1; check "the base spec validates" test $? -eq 0
# refused NAME MESSAGE FILE: validate exits 2 and prints MESSAGE.
refused() {
  "$BIN" validate "$3" > /dev/null 2>err.txt
  check "$1: exit 2" test $? -eq 2
  check "$1: message" grep -qF "$2" err.txt
}
sed 's/"N": \[20, 40\]/"N": [20, 20.0]/' base.json > same_n.json
refused "N 20 and 20.0" "grid.axes.N: 20 and 20.0 are the same value; list it once" same_n.json
sed 's/"N": \[20, 40\]/"N": [20, 40], "noise": [0, 0.1, -0.0]/' base.json > same_zero.json
refused "noise 0 and -0.0" "grid.axes.noise: 0 and -0.0 are the same value" same_zero.json
sed 's/"N": \[20, 40\]/"N": [20, 40, 20]/' base.json > twice.json
refused "N 20 twice" "grid.axes.N: 20 appears twice" twice.json
sed 's/"axes": {"N": \[20, 40\]}/"zip": [{"N": [20, 40, 20.0], "B": [5, 5, 5]}]/' base.json > zip.json
refused "a zip point twice" 'grid.zip[0]: {"B":5,"N":20} and {"B":5,"N":20.0} are the same point' zip.json
sed 's/"axes": {"N": \[20, 40\]}/"zip": [{"N": [20, 40, 20], "B": [5, 5, 10]}]/' base.json > zip_ok.json
"$BIN" validate zip_ok.json > /dev/null 2>&1; check "a zip repeating one axis's value validates" test $? -eq 0

sed 's/"epochs": 3}/"epochs": 3, "validation_size": 20, "learning_rate": {"select": [0.1, 0.4]}}/; s/"N": \[20, 40\]/"N": [20, 40], "eta": [0.1, 0.2]/' base.json > eta.json
refused "eta axis over a selection" "grid.axes.eta: a learning-rate axis would replace training.learning_rate.select (model 'cnn')" eta.json
sed 's/"neurons": 8}/"neurons": 8, "training": {"validation_size": 20, "learning_rate": {"select": [0.1]}}}/; s/"N": \[20, 40\]/"N": [20, 40], "training.learning_rate": [0.1, 0.2]/' base.json > eta_model.json
refused "eta axis over a model's selection" "grid.axes.training.learning_rate: a learning-rate axis would replace models.cnn.training.learning_rate.select" eta_model.json
sed 's/"N": \[20, 40\]/"N": [20, 40], "eta": [0.1, 0.2]/' base.json > eta_ok.json
"$BIN" validate eta_ok.json > /dev/null 2>&1; check "an eta axis without a selection validates" test $? -eq 0

sed 's/"test_size": 60,/"test_size": 60, "spurious": {"probability": 0.8},/' base.json > spurious.json
refused "spurious.probability while off" "data.spurious.probability: applies only when data.spurious.enabled is true" spurious.json
sed 's/"test_size": 60,/"test_size": 60, "spurious": {"enabled": true, "probability": 0.8},/' base.json > spurious_ok.json
"$BIN" validate spurious_ok.json > /dev/null 2>&1; check "spurious.probability while on validates" test $? -eq 0
sed 's/"N": \[20, 40\]/"N": [20, 40], "data.spurious.probability": [0.5, 0.9]/' base.json > spurious_axis.json
refused "a spurious.probability axis while off" "data.spurious.probability: applies only when data.spurious.enabled is true" spurious_axis.json
sed 's/"epochs": 3}/"epochs": 3, "max_steps": 100}/' base.json > max_steps.json
refused "max_steps under the budget protocol" 'training.max_steps: applies only when training.protocol is "online" or "converged"' max_steps.json
sed 's/"epochs": 3}/"epochs": 3, "protocol": "online", "max_steps": 100, "stop_plateau": 0.1}/' base.json > plateau.json
refused "stop_plateau under the online protocol" 'training.stop_plateau: applies only when training.protocol is "converged"' plateau.json
sed 's/"epochs": 3}/"epochs": 3, "protocol": "converged", "max_steps": 100, "stop_plateau": 0.1}/' base.json > plateau_ok.json
"$BIN" validate plateau_ok.json > /dev/null 2>&1; check "stop_plateau under the converged protocol validates" test $? -eq 0
sed 's/"epochs": 3}/"epochs": 3, "adam": {"beta1": 0.8}}/' base.json > adam.json
refused "adam.beta1 without adam" 'training.adam.beta1: applies only when training.expert_update is "adam"' adam.json
# Adam is the top-k MoE's: the CNN does not read it (options_test.sh).
sed -e 's/"epochs": 3}/"epochs": 3, "expert_update": "adam", "adam": {"beta1": 0.8}}/' \
    -e 's/"type": "cnn", "neurons": 8/"type": "moe_topk", "neurons": 8, "num_experts": 2/' base.json > adam_ok.json
"$BIN" validate adam_ok.json > /dev/null 2>&1; check "adam.beta1 with adam validates" test $? -eq 0
cat > one.json <<'JSON'
{"seed": 2, "data": {"num_patches": 8, "train_size": 40, "test_size": 50, "spurious": {"probability": 0.5}, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "model": {"type": "cnn", "neurons": 8}, "training": {"epochs": 3}}
JSON
"$BIN" train --config one.json -q > /dev/null 2>err.txt
check "train: an inapplicable option exits 2" test $? -eq 2
check "train: its path and rule" grep -q "data.spurious.probability: applies only when data.spurious.enabled is true" err.txt

# Every spec of the project still validates.
"$BIN" validate "$SRC"/experiments/*.json "$SRC"/experiments/quick/*.json "$SRC"/experiments/protocols/*.json > /dev/null 2>err.txt
rc=$?
check "every spec in experiments/ validates" test $rc -eq 0
[ $rc -eq 0 ] || cat err.txt

# --- replay of a run with no stored record ---
"$BIN" run base.json --out folder_r -q 2>/dev/null; check "the base grid runs" test $? -eq 0
"$BIN" replay folder_r --run-id 1 > /dev/null 2>err.txt
check "replay of a stored run exits 0" test $? -eq 0
"$BIN" replay folder_r --run-id 7 > out.txt 2>err.txt
check "replay of a run not in the spec: exit 2" test $? -eq 2
check "replay of a run not in the spec: named" grep -q "run-id: 7 is not a run of folder_r" err.txt
grep -v '"run_id":0,' folder_r/runs.jsonl > kept.jsonl
mv kept.jsonl folder_r/runs.jsonl  # run 0 not yet run (a resumable folder)
check "run 0's record removed" test "$(wc -l < folder_r/runs.jsonl)" -eq 1
"$BIN" replay folder_r --run-id 0 > out.txt 2>err.txt
check "replay of a run not yet run: exit 2" test $? -eq 2
check "replay of a run not yet run: message" grep -q "run 0 has no stored record in folder_r/runs.jsonl; nothing to compare" err.txt
check "replay of a run not yet run: nothing trained or printed" test ! -s out.txt

# --- sensitivity factors ---
"$BIN" sensitivity base.json --steps-factor 1e308 --base s_base --out s_out 2>err.txt > /dev/null
check "--steps-factor 1e308: exit 2" test $? -eq 2
check "--steps-factor 1e308: names the option" grep -q "steps-factor: must be in \[0.001, 1000\], got 1e+308" err.txt
"$BIN" sensitivity base.json --steps-factor nan --base s_base --out s_out 2>err.txt > /dev/null
check "--steps-factor nan: exit 2" test $? -eq 2
"$BIN" sensitivity base.json --steps-factor 0.01 --base s_base --out s_out 2>err.txt > /dev/null
check "--steps-factor that makes 0 epochs: exit 2" test $? -eq 2
check "--steps-factor that makes 0 epochs: names the model's epochs" grep -q "steps-factor: 0.01 makes models.cnn.training.epochs 0; it must be in \[1, 1e+08\]" err.txt
check "--steps-factor refused before anything ran" test ! -e s_base -a ! -e s_out
"$BIN" sensitivity base.json --eta-factors 0.5,1e7 --base s_base --out s_out 2>err.txt > /dev/null
check "--eta-factors 1e7: exit 2, named" grep -q "eta-factors: expected numbers in \[0.001, 1000\]" err.txt

echo "$passed passed, $failed failed"
test "$failed" -eq 0
