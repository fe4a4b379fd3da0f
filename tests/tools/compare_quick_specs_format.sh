#!/bin/bash
# Runs every quick spec (and the demos) with a build writing results format
# 1 (OLD_BIN) and one writing format 2 (NEW_BIN) and checks that the
# records differ only in the fields format 2 writes as null
# (compare_format_v2.py). Usage:
#   compare_quick_specs_format.sh OLD_BIN NEW_BIN [SPEC...]
# With OLD_RESULTS=DIR, DIR/NAME/runs.jsonl is taken as OLD_BIN's output.
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
  old_runs="${OLD_RESULTS:-}/$name/runs.jsonl"
  if [ -z "${OLD_RESULTS:-}" ] || [ ! -f "$old_runs" ]; then
    "$old" run "$spec" --out "$work/old-$name" --force >/dev/null 2>&1
    old_runs="$work/old-$name/runs.jsonl"
  fi
  "$new" run "$spec" --out "$work/new-$name" --force >/dev/null 2>&1
  if python3 tests/tools/compare_format_v2.py "$old_runs" "$work/new-$name/runs.jsonl"; then
    echo "same (but for nulls)  $name"
  else
    echo "DIFFERENT             $name"
    status=1
  fi
done
exit $status
