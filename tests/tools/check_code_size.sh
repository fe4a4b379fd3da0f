#!/bin/bash
# The code-size rules of the project: no source file in sim/, analysis/ or
# bench/ over 400 lines and, with clang-tidy, no function outside tests over
# 80 lines. Usage: check_code_size.sh [BUILD_DIR with compile_commands.json]
set -uo pipefail
cd "$(dirname "$0")/../.."
status=0
for f in $(git ls-files 'sim/*.cc' 'sim/*.h' 'analysis/*.cc' 'analysis/*.h' 'bench/*.cc' 'bench/*.h'); do
  lines=$(wc -l < "$f")
  if [ "$lines" -gt 400 ]; then echo "$f: $lines lines (more than 400)"; status=1; fi
done
build=${1:-}
if [ -n "$build" ] && command -v clang-tidy >/dev/null; then
  for f in $(git ls-files 'sim/*.cc' 'analysis/*.cc' 'bench/*.cc'); do
    clang-tidy -p "$build" --quiet --checks='-*,readability-function-size' \
      --config='{CheckOptions: [{key: readability-function-size.LineThreshold, value: 80}]}' \
      "$f" 2>/dev/null > /tmp/check_code_size.$$ || true
    if grep 'warning:' /tmp/check_code_size.$$; then status=1; fi
  done
fi
rm -f /tmp/check_code_size.$$
exit $status
