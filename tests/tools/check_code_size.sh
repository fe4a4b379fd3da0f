#!/bin/bash
# The code-size rules of the project (docs/architecture.md, "Rules the code
# keeps"): no source file in sim/, analysis/ or bench/ over 400 lines,
# headers included, and no function there over 80 lines (tests are exempt).
# Prints each file or function that breaks one and exits 1.
#
# Usage: check_code_size.sh [--files | --functions] [--root DIR]
#                           [--clang-tidy BUILD_DIR]
#   --files, --functions  check only file sizes, or only function lengths
#   --root DIR            check another tree (the checkers' own test)
#   --clang-tidy DIR      also measure functions with clang-tidy's
#                         readability-function-size and DIR's
#                         compile_commands.json (minutes, not seconds)
#
# Function lengths come from function_lengths.awk, a brace counter that
# measures what clang-tidy does (closing line minus opening line of a body)
# in a fraction of a second; clang-tidy takes about 4 CPU-minutes for the
# tree, too slow to run in every `make test`.
set -uo pipefail
tools=$(cd "$(dirname "$0")" && pwd)
root="$tools/../.."
files=1 functions=1 tidy_build=""
while [ $# -gt 0 ]; do
  case $1 in
    --files) functions=0 ;;
    --functions) files=0 ;;
    --root) root=$2; shift ;;
    --clang-tidy) tidy_build=$(cd "$2" && pwd) || exit 2; shift ;;
    *) echo "usage: check_code_size.sh [--files|--functions] [--root DIR] [--clang-tidy BUILD_DIR]" >&2; exit 2 ;;
  esac
  shift
done
cd "$root" || exit 2
mapfile -t sources < <("$tools/list_sources.sh" .)
if [ ${#sources[@]} -eq 0 ]; then echo "no sources found under $PWD" >&2; exit 2; fi
status=0
if [ $files = 1 ]; then
  # One wc for every file (and /dev/null, so that its last line is always
  # the total, which is dropped).
  too_long=$(wc -l "${sources[@]}" /dev/null | sed '$d' | awk '$1 > 400 { print $2 ": " $1 " lines (more than 400)" }')
  if [ -n "$too_long" ]; then echo "$too_long"; status=1; fi
fi
if [ $functions = 1 ]; then
  awk -v limit=80 -f "$tools/function_lengths.awk" "${sources[@]}" || status=1
fi
if [ -n "$tidy_build" ]; then
  command -v clang-tidy >/dev/null || { echo "clang-tidy is not installed" >&2; exit 2; }
  [ -f "$tidy_build/compile_commands.json" ] || { echo "$tidy_build has no compile_commands.json" >&2; exit 2; }
  # Only the .cc files the build compiles (bench/ only when it is built);
  # headers through them. GCC-only warning flags are not clang's business.
  out=$(printf '%s\n' "${sources[@]}" | grep '\.cc$' |
    while IFS= read -r f; do grep -q "\"file\": \"$PWD/$f\"" "$tidy_build/compile_commands.json" && echo "$f"; done |
    xargs -r -P2 -n4 clang-tidy -p "$tidy_build" --quiet --extra-arg=-Wno-unknown-warning-option \
      --header-filter="^$PWD/(sim|analysis|bench)/" --checks='-*,readability-function-size' \
      --config='{CheckOptions: [{key: readability-function-size.LineThreshold, value: 80}]}' 2>/dev/null |
    grep -E 'warning:|error:' | LC_ALL=C sort -u)
  if [ -n "$out" ]; then echo "$out"; status=1; fi
fi
exit $status
