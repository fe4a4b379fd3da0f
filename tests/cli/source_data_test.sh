#!/bin/bash
# A data source that reads files (fashion_mnist) goes through the generic
# data-source interface: train, run and replay load its files once and
# train on them; files that are missing stop run before its results folder
# is made; options that need samples assembled from patterns name the
# source given (by its registry name) when it makes its own samples.
# Each case asserts the exit code and the message; each refusal has a valid
# counterpart that still works.
# usage: source_data_test.sh PMOE_SIM
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/idx_lib.sh"  # write_idx DIR PREFIX COUNT
mkdir images
write_idx images train 30; write_idx images t10k 30

# data DIR: a data section on the Fashion-MNIST files in DIR.
data() {
  echo "{\"source\": \"fashion_mnist\", \"num_patches\": 4, \"train_size\": 20, \"test_size\": 20, \"fashion_mnist\": {\"directory\": \"$1\"}}"
}
# spec DIR: a grid of two models over two N on the files in DIR.
spec() {
  cat <<JSON
{"name": "images", "seed": 2, "data": $(data "$1"),
 "training": {"epochs": 2},
 "models": {"cnn": {"type": "cnn", "neurons": 4}, "joint": {"type": "pmoe_joint", "neurons": 4, "num_experts": 2, "top_l": 2}},
 "grid": {"axes": {"N": [20, 30]}}}
JSON
}

# --- train, run and replay on image files ---
cat > train.json <<JSON
{"seed": 1, "data": $(data "$PWD/images"), "model": {"type": "cnn", "neurons": 4}, "training": {"epochs": 1}}
JSON
"$BIN" train --config train.json -q > out.json 2>err.txt
check "train on image files exits 0" test $? -eq 0
check "train on image files writes a result" grep -q '"status": "ok"' out.json

spec "$PWD/images" > grid.json
"$BIN" run grid.json --out grid -q 2>err.txt
check "run on image files exits 0" test $? -eq 0
check "run on image files: 4 records" test "$(wc -l < grid/runs.jsonl)" -eq 4
check "run on image files: every run ok" test "$(grep -c '"status":"ok"' grid/runs.jsonl)" -eq 4
"$BIN" replay grid --run-id 3 > replay.txt 2>err.txt
check "replay of a run on image files reproduces it" test $? -eq 0

# --- missing files: refused before the results folder is made ---
spec "$PWD/nowhere" > missing.json
"$BIN" run missing.json --out missing -q 2>err.txt
check "run on a missing folder exits 2" test $? -eq 2
check "run on a missing folder names the file" \
  grep -q "nowhere/train-images-idx3-ubyte.gz: cannot open" err.txt
check "run on a missing folder writes no records" test ! -e missing/runs.jsonl
sed "s|$PWD/images|$PWD/nowhere|" train.json > train_missing.json
"$BIN" train --config train_missing.json -q > /dev/null 2>err.txt
check "train on a missing folder exits 2" test $? -eq 2
check "train on a missing folder names the file" grep -q "nowhere/train-images" err.txt

# --- a source that makes its own samples is named by its registry name ---
# own SOURCE TRAINING: a one-run config on SOURCE with TRAINING options.
own() {
  echo "{\"seed\": 1, \"data\": {\"source\": \"$1\", \"num_patches\": 4, \"train_size\": 20, \"test_size\": 20}, \"model\": {\"type\": \"cnn\", \"neurons\": 4}, \"training\": $2}"
}
own clusters '{"epochs": 1, "validation_size": 10}' > clusters.json
"$BIN" train --config clusters.json -q > /dev/null 2>err.txt
check "held-out samples from clusters: exit 2" test $? -eq 2
check "held-out samples from clusters: the source named" grep -qF \
  'training.validation_size: needs data assembled from patterns; source "clusters" makes its own samples' err.txt
own synthetic '{"epochs": 1, "validation_size": 10}' > assembled.json
"$BIN" train --config assembled.json -q > /dev/null 2>err.txt
check "held-out samples from synthetic data train" test $? -eq 0
own clusters '{"epochs": 1}' > clusters_ok.json
"$BIN" train --config clusters_ok.json -q > /dev/null 2>err.txt
check "clusters without held-out samples train" test $? -eq 0

echo "$passed passed, $failed failed"
test "$failed" -eq 0
