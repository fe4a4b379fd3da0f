#!/bin/bash
# The docs' numbers regenerate: every docs table marked with a quick spec
# (<!-- reproduce: spec=experiments/quick/... -->) is re-run with this build
# and compared cell by cell (tests/tools/reproduce_tables.py); a planted
# wrong docs number is flagged (exit 1, the cell named), a malformed marker
# refused (exit 2), a right table passes (exit 0).
# Usage: reproduce_test.sh PMOE_SIM SOURCE_DIR
BIN="$1"
SOURCE="$2"
TOOL="$SOURCE/tests/tools/reproduce_tables.py"
. "$(dirname "$0")/lib.sh"

docs=("$SOURCE"/docs/*.md "$SOURCE/README.md")
specs=$(cd "$SOURCE" && python3 "$TOOL" --list-specs "${docs[@]}" | grep '^experiments/quick/')
check "some docs table is marked with a quick spec" test -n "$specs"
for spec in $specs; do
  name=$(basename "$spec" .json)
  "$BIN" run "$SOURCE/$spec" --out "$name" -q 2>/dev/null && "$BIN" export "$name" --format csv >/dev/null 2>&1
  check "$spec: ran and exported" test $? -eq 0
  (cd "$SOURCE" && python3 "$TOOL" --results "$WORK/$name" --spec "$spec" "${docs[@]}") >"$name.txt"
  status=$?
  check "$spec: docs tables match the regenerated ones" test $status -eq 0
  [ $status -eq 0 ] || cat "$name.txt"
done

# Planted docs on the first quick spec's results: its first marked table
# with one number changed, and markers that name what is not there.
spec=$(echo "$specs" | head -n 1)
name=$(basename "$spec" .json)
awk -v spec="$spec" '
  index($0, "reproduce: spec=" spec " ") { keep = 1 }
  keep { print; if (/^\|/) rows++; if (rows > 0 && !/^\|/) exit }' \
  "$SOURCE/docs/reproductions.md" >good.md
compare() { python3 "$TOOL" --results "$name" --spec "$spec" "$@"; }
compare good.md >good.txt
check "a right table passes" test $? -eq 0
check "a right table is printed beside the regenerated one" grep -q ' = ' good.txt

# The first number of the first data row, moved by one unit of its last digit.
awk 'done != 1 && /^\|/ && ++row == 3 {
       if (match($0, /[0-9]+\.[0-9]+/)) {
         v = substr($0, RSTART, RLENGTH); d = length(v) - index(v, ".")
         w = sprintf("%." d "f", v + 10 ^ -d); $0 = substr($0, 1, RSTART - 1) w substr($0, RSTART + RLENGTH)
         done = 1 } }
     { print }' good.md >wrong.md
check "the planted table differs from the real one" bash -c '! cmp -s good.md wrong.md'
compare wrong.md >wrong.txt
check "a wrong docs number exits 1" test $? -eq 1
check "a wrong docs number is flagged" grep -q '^DIFFERENT .*docs .*regenerated' wrong.txt
check "a wrong docs number is marked in the table" grep -q ' != ' wrong.txt

sed 's/ cols=1:mean:/ cols=1:median:/' good.md >badstat.md
compare badstat.md >/dev/null 2>err.txt
check "an unknown statistic exits 2" test $? -eq 2
check "an unknown statistic is named" grep -q "column '1:median:" err.txt
sed 's/ cols=1:mean:[a-z._]*/ cols=1:mean:no.such_field/' good.md >badfield.md
compare badfield.md >/dev/null 2>err.txt
check "a missing field exits 2" test $? -eq 2
check "a missing field is named with the doc's line" grep -q "badfield.md:1: no column 'no.such_field'" err.txt
sed 's/ rows=model:/ rows=model:nobody,/' good.md >badrows.md
compare badrows.md >/dev/null 2>err.txt
check "more row keys than rows exits 2" test $? -eq 2
check "more row keys than rows is named" grep -q "rows, the marker names" err.txt
python3 "$TOOL" --results "$name" --spec experiments/none.json good.md 2>err.txt >/dev/null
check "a spec that no table names exits 2" test $? -eq 2
check "a spec that no table names is named" grep -q "no docs table is marked with spec=experiments/none.json" err.txt

echo "$passed passed, $failed failed"
test "$failed" -eq 0
