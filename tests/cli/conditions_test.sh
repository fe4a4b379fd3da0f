#!/bin/bash
# The theorems' conditions per cell (docs/analysis.md, "Theorem
# conditions"): `analyze` writes cells[].conditions into analysis.json, a
# "Theorem conditions per cell" table into report.md and one line per cell
# to the terminal; a CI-sized cell is outside them (its width ratio fails),
# a model type without a theorem says so, and records without data
# statistics leave those conditions null instead of failing.
set -u
BIN="$1"
. "$(dirname "$0")/lib.sh"

cat > spec.json <<'JSON'
{"name": "cli_conditions", "seed": 2,
 "data": {"num_patches": 8, "test_size": 100,
          "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
 "training": {"protocol": "online", "max_steps": 30, "batch_size": 10,
              "targets": [0.3]},
 "models": {"cnn": {"type": "cnn", "neurons": 8},
            "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 2,
                    "training": {"router_data": "independent", "router_samples": 200}},
            "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 2, "top_l": 2}},
 "grid": {"axes": {"n": [6, 8]}, "repeats": 1},
 "analysis": {"target": 0.3, "bootstrap": 20}}
JSON
"$BIN" run spec.json --out res -q 2>/dev/null; check "grid runs" test $? -eq 0
"$BIN" analyze res --no-plots > out.txt 2>err.txt; check "analyze exits 0" test $? -eq 0

check "every cell has conditions.log10_width_ratio, failing" python3 -c "
import json
cells = json.load(open('res/analysis.json'))['cells']
assert len(cells) == 6, len(cells)
for c in cells:
    w = c['conditions']['log10_width_ratio']
    assert w['value'] < -10 and w['required'] == 0 and w['holds'] is False, w
    assert c['conditions']['within'] is False
    assert c['conditions']['summary'].startswith(\"outside the theorem's conditions\")
"
check "each model type its theorem" python3 -c "
import json
want = {'cnn': 'Theorem 4.3 (CNN)', 'pmoe_separate': 'Theorem 4.2 with Lemma 4.1 (separate pMoE)',
        'pmoe_joint': 'Theorem 4.5 (joint pMoE)'}
for c in json.load(open('res/analysis.json'))['cells']:
    assert c['conditions']['theorem'] == want[c['type']], c['conditions']['theorem']
"
check "the separate pMoE's N_r against Lemma 4.1 and l - l*" python3 -c "
import json, math
for c in json.load(open('res/analysis.json'))['cells']:
    if c['type'] != 'pmoe_separate': continue
    n = c['params']['n']
    r = c['conditions']['log10_router_samples_ratio']['value']
    assert abs(r - math.log10(200 / (n * n / 0.5 ** 3))) < 1e-9, r
    assert c['conditions']['l_minus_l_star']['value'] == 0  # l* = 1 confuser + 1
"
check "report.md has the conditions table" grep -q '^## Theorem conditions per cell' res/report.md
check "report.md says what outside means" grep -q '"not refuted", not "verified"' res/report.md
check "terminal: one line per cell" test "$(grep -c "outside the theorem's conditions (Theorem 4" out.txt)" -eq 6

# Records without data statistics: delta_d and delta_r from the spec (the
# generator's exact values), l* unknown (null), the rest still judged.
mkdir -p old && cp res/spec.json old/ &&
  python3 -c "
import json
with open('res/runs.jsonl') as f, open('old/runs.jsonl', 'w') as g:
    for line in f:
        r = json.loads(line); r.pop('data_stats', None); g.write(json.dumps(r) + '\\n')
"
"$BIN" analyze old --no-plots -q 2>/dev/null; check "analyze without data_stats exits 0" test $? -eq 0
check "without data_stats: l* null, the rest judged" python3 -c "
import json
for c in json.load(open('old/analysis.json'))['cells']:
    k = c['conditions']
    assert abs(k['separation_delta']['value'] - 4 / 3) < 1e-12, k['separation_delta']
    assert k['log10_width_ratio']['holds'] is False and k['within'] is False, k
    if c['type'] == 'pmoe_separate':
        assert k['l_minus_l_star']['holds'] is None, k['l_minus_l_star']
        assert k['summary'].endswith('not computable: l_minus_l_star'), k['summary']
"

# A model type no theorem of the paper covers.
python3 -c "
import json
s = json.load(open('spec.json'))
s['name'] = 'cli_conditions_topk'
s['data'] = {'source': 'clusters', 'num_patches': 4, 'test_size': 100,
             'clusters': {'patch_dim': 8, 'num_clusters': 2}}
s['models'] = {'topk': {'type': 'moe_topk', 'neurons': 8, 'num_experts': 2}}
s['grid'] = {'axes': {'N': [40]}, 'repeats': 1}
s['training'] = {'epochs': 2, 'targets': [0.3]}
json.dump(s, open('topk.json', 'w'))
"
"$BIN" run topk.json --out topk -q 2>/dev/null; check "top-k grid runs" test $? -eq 0
"$BIN" analyze topk --no-plots -q 2>/dev/null; check "top-k analyze exits 0" test $? -eq 0
check "no theorem: said so, no conditions" python3 -c "
import json
for c in json.load(open('topk/analysis.json'))['cells']:
    k = c['conditions']
    assert k['theorem'] is None and k['within'] is None and 'log10_width_ratio' not in k, k
    assert k['summary'] == 'no theorem of the paper covers model type \"moe_topk\"', k['summary']
"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
