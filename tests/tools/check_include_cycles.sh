#!/bin/bash
# No include cycles between folders: a folder of sim/ (core, data, models,
# train, cli), of sim/experiment/ (spec, grid, run, store, io) or of
# analysis/ (records, estimate, fits, ...) may include another only if that
# one does not include it back, directly or through others. The folders'
# graph goes to tsort, which names a loop. Usage: check_include_cycles.sh
# [ROOT]
set -uo pipefail
root="${1:-$(dirname "$0")/../..}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$root" || exit 2
folder() {  # the folder a path belongs to, as this rule counts them
  awk -F/ '{ if ($1 == "analysis" || ($1 == "sim" && $2 == "experiment")) {
               n = ($1 == "analysis") ? 2 : 3
               out = $1; for (i = 2; i <= n && i < NF; ++i) out = out "/" $i
               print out
             } else if (NF > 2) { print $1 "/" $2 } else { print $1 } }'
}
edges=$(bash "$here/list_sources.sh" . | grep -v '^bench/' | while IFS= read -r f; do
  from=$(printf '%s\n' "$f" | folder)
  grep -oE '^#include "(sim|analysis)/[^"]+"' "$f" | sed -E 's/^#include "(.*)"$/\1/' |
    folder | while IFS= read -r to; do
      [ "$from" != "$to" ] && printf '%s %s\n' "$from" "$to"
    done
done | sort -u)
if [ -z "$edges" ]; then echo "no includes found under $root"; exit 2; fi
if ! printf '%s\n' "$edges" | tsort >/dev/null 2>/tmp/include_cycles.$$; then
  echo "include cycle between folders:"
  cat /tmp/include_cycles.$$
  rm -f /tmp/include_cycles.$$
  exit 1
fi
rm -f /tmp/include_cycles.$$
echo "no include cycles between $(printf '%s\n' "$edges" | tr ' ' '\n' | sort -u | wc -l) folders"
