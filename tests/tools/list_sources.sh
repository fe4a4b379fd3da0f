#!/bin/bash
# Prints the C++ sources (.cc, .h) under sim/, analysis/ and bench/ of a
# tree, one path a line relative to it, sorted: the files the code rules
# apply to. Git's view where the tree is a checkout (tracked files and new
# ones not ignored, so a file moved but not yet committed is seen where it
# is), every file found otherwise. Usage: list_sources.sh [ROOT]
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"
{
  if [ -e .git ] && command -v git >/dev/null; then
    git ls-files --cached --others --exclude-standard -- sim analysis bench
  else
    find sim analysis bench -type f 2>/dev/null || true
  fi
} | grep -E '\.(cc|h)$' | while IFS= read -r f; do
  [ -f "$f" ] && printf '%s\n' "$f"
done | LC_ALL=C sort -u
