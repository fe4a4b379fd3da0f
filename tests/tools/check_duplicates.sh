#!/bin/bash
# The duplicate-code rule of the project (docs/architecture.md, "Rules the
# code keeps"): no run of ten or more code lines appears twice in the
# sources of sim/, analysis/ and bench/, in one file or in two. Comments,
# blank lines, lone braces and whitespace do not count (duplicate_lines.awk).
# Prints each repeat and exits 1. Usage: check_duplicates.sh [--root DIR]
set -uo pipefail
tools=$(cd "$(dirname "$0")" && pwd)
root="$tools/../.."
if [ "${1:-}" = --root ]; then root=$2; elif [ $# -gt 0 ]; then
  echo "usage: check_duplicates.sh [--root DIR]" >&2; exit 2
fi
cd "$root" || exit 2
mapfile -t sources < <("$tools/list_sources.sh" .)
if [ ${#sources[@]} -eq 0 ]; then echo "no sources found under $PWD" >&2; exit 2; fi
awk -v window=10 -f "$tools/duplicate_lines.awk" "${sources[@]}"
