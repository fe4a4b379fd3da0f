#!/bin/bash
# What a researcher reads of the demo's results folder (written by the
# science test). The pandas and R examples of README.md and docs/results.md
# name only columns that its export has: every column an example names, as
# a quoted or backquoted name or as TABLE.column, is checked against the
# header of that table (quoted values of the tables, as "test_error" and
# "none", are allowed where they are values). Its analysis (online cells:
# no plots over N) leaves no empty files.
set -u
BIN="$1"
DEMO="$2"
SOURCE="$3"
. "$(dirname "$0")/lib.sh"

"$BIN" export "$DEMO" --format csv --out tables 2>/dev/null
check "the demo exports" test $? -eq 0
for f in runs curves cells; do check "$f.csv written" test -s tables/$f.csv; done

python3 - "$SOURCE/README.md" "$SOURCE/docs/results.md" <<'PY' >report.txt
import csv, re, sys
tables = {}
values = set()
for name in ("runs", "curves", "cells"):
    with open(f"tables/{name}.csv", newline="") as f:
        rows = list(csv.reader(f))
    tables[name] = set(rows[0])
    for row in rows[1:]:
        for column, value in zip(rows[0], row):
            if column == "metric" or column.endswith("_censored"):
                values.add(value)
columns = set().union(*tables.values())
named = 0
for path in sys.argv[1:]:
    text = open(path).read()
    for block in re.findall(r"```(?:python|r)\n(.*?)```", text, re.S):
        if "results/demo" not in block:
            continue
        code = re.sub(r'"[^"]*"', '""', block)  # not the file names
        for table, column in re.findall(r"\b(runs|curves|cells)\.([A-Za-z_]\w*)\b", code):
            named += 1
            if column not in tables[table] and column not in ("merge", "groupby"):
                print(f"{path}: {table}.{column} is not a column of {table}.csv")
        for name in re.findall(r'"([^"]*)"|`([^`]*)`', block):
            name = name[0] or name[1]
            if "/" in name or not name:  # a file name
                continue
            named += 1
            if name not in columns and name not in values:
                print(f"{path}: '{name}' is neither a column nor a value of the demo's tables")
print(f"{named} names checked")
PY
check "the examples' check ran" grep -q "names checked" report.txt
check "the examples name columns" test "$(grep -o '^[0-9]*' report.txt | tail -1)" -gt 10
check "every column the examples name exists" test "$(grep -c "is not\|is neither" report.txt)" -eq 0
grep "is not\|is neither" report.txt

"$BIN" analyze "$DEMO" -q --out analysed 2>/dev/null; check "the demo analyses" test $? -eq 0
check "the demo's analysis has plots" test -s analysed/plots/nstar_vs_n.svg
check "no plot over N for online cells" test ! -e analysed/plots/accuracy_vs_N.dat
check "no empty file among the plots" test -z "$(find analysed -type f -empty)"

echo "$passed passed, $failed failed"
test "$failed" -eq 0
