#!/bin/bash
# Runs every quick spec (and the demos) with two builds of pmoe-sim and
# compares their runs.jsonl byte for byte: a refactor must leave every
# record unchanged. Usage: compare_quick_specs.sh OLD_BIN NEW_BIN [SPEC...]
set -euo pipefail
old=$1 new=$2
shift 2
cd "$(dirname "$0")/../.."
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(experiments/quick/*.json experiments/demo.json experiments/demo_fig4.json)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for spec in "${specs[@]}"; do
  name=$(basename "$spec" .json)
  "$old" run "$spec" --out "$work/old-$name" --force >/dev/null 2>&1
  "$new" run "$spec" --out "$work/new-$name" --force >/dev/null 2>&1
  if cmp -s "$work/old-$name/runs.jsonl" "$work/new-$name/runs.jsonl"; then
    echo "same       $name"
  else
    echo "DIFFERENT  $name"
    status=1
  fi
done
exit $status
