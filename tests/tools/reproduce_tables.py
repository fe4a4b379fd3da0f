#!/usr/bin/env python3
"""Regenerates the measured tables of the docs from a results folder and
prints each docs number beside the regenerated one.

A measured table is marked by an HTML comment on the line above it:

  <!-- reproduce: spec=experiments/X.json source=runs where=coords.N=1000000
       rows=model:moe_st,vanilla cols=1:mean:alignment.global,2#2:acc_mean:final.test_error:model=cnn -->

  spec    the spec whose results the table shows (make reproduce SPEC=...)
  source  runs or cells: runs.csv or cells.csv of `pmoe-sim export --format csv`
  where   filters applied to every cell (K=V joined by &)
  rows    KEY:V1,V2,...: the table's data rows, in order, are the records with KEY = Vi
  cols    IDX[#P]:STAT:FIELD[:K=V&...]: table column IDX (0 is the first),
          the P-th number in the cell (default 1), STAT over FIELD of the
          row's records that also match the filters. STAT: mean, mean_sd
          (two numbers: mean and sample sd), acc_mean and acc_mean_sd (of
          100 (1 - FIELD), an accuracy in % from an error), pct_mean (of
          100 FIELD, a fraction in %), value (the mean
          of the matching rows; for cells.csv one row)

A docs number differs when it is further from the regenerated value than
half a unit of its last printed digit. Cells without a number are shown and
not compared. Exit status: 0 every compared number agrees, 1 one differs,
2 a marker or its table is malformed or names a missing column or value.

Usage: reproduce_tables.py --results DIR --spec SPEC DOC.md...
       reproduce_tables.py --list-specs DOC.md...
"""
import argparse
import csv
import math
import os
import re
import statistics
import sys

MARKER = re.compile(r"<!--\s*reproduce:(.*?)-->")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
STATS = ("mean", "mean_sd", "acc_mean", "acc_mean_sd", "pct_mean", "value")


class MarkerError(Exception):
    pass


def parse_filters(text):
    if not text:
        return []
    pairs = []
    for term in text.split("&"):
        key, sep, value = term.partition("=")
        if not sep:
            raise MarkerError(f"filter '{term}' is not KEY=VALUE")
        pairs.append((key, value))
    return pairs


def parse_column(text):
    parts = text.split(":", 3)
    if len(parts) < 3 or parts[1] not in STATS:
        raise MarkerError(f"column '{text}' is not IDX[#P]:STAT:FIELD[:FILTERS] "
                          f"with STAT one of {', '.join(STATS)}")
    index, _, pick = parts[0].partition("#")
    if not index.isdigit() or (pick and not pick.isdigit()):
        raise MarkerError(f"column '{text}': IDX and P are whole numbers")
    return {"index": int(index), "pick": int(pick or 1) - 1, "stat": parts[1],
            "field": parts[2], "filters": parse_filters(parts[3] if len(parts) > 3 else "")}


def parse_marker(text):
    fields = dict(token.split("=", 1) for token in text.split() if "=" in token)
    for key in ("spec", "source", "rows", "cols"):
        if key not in fields:
            raise MarkerError(f"marker lacks '{key}='")
    if fields["source"] not in ("runs", "cells"):
        raise MarkerError(f"source '{fields['source']}' is not runs or cells")
    row_key, sep, row_values = fields["rows"].partition(":")
    if not sep:
        raise MarkerError("rows is not KEY:V1,V2,...")
    return {"spec": os.path.normpath(fields["spec"]), "source": fields["source"],
            "where": parse_filters(fields.get("where", "")), "row_key": row_key,
            "row_values": row_values.split(","),
            "columns": [parse_column(c) for c in fields["cols"].split(",")]}


def split_row(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def find_tables(path):
    """Yields (marker line number, marker text, header, data rows) of a doc."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines):
        match = MARKER.search(line)
        if not match:
            continue
        table = []
        for follow in lines[number + 1:]:
            if follow.strip().startswith("|"):
                table.append(split_row(follow))
            elif table or follow.strip():
                break
        if len(table) < 3:
            raise MarkerError(f"{path}:{number + 1}: no table below the marker")
        yield number + 1, match.group(1), table[0], table[2:]


def same_value(cell, wanted):
    if cell == wanted:
        return True
    try:
        return float(cell) == float(wanted)
    except ValueError:
        return False


def select(records, filters, columns_seen):
    for key, _ in filters:
        if key not in columns_seen:
            raise MarkerError(f"no column '{key}' in the results' table")
    return [r for r in records if all(same_value(r[k], v) for k, v in filters)]


def compute(column, records):
    values = [float(r[column["field"]]) for r in records if r[column["field"]] != ""]
    if not values:
        return []
    if column["stat"].startswith("acc_"):
        values = [100.0 * (1.0 - v) for v in values]
    elif column["stat"].startswith("pct_"):
        values = [100.0 * v for v in values]
    result = [statistics.fmean(values)]
    if column["stat"].endswith("_sd"):
        result.append(statistics.stdev(values) if len(values) > 1 else 0.0)
    return result


def decimals(token):
    mantissa = token.lower().split("e")[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def differs(token, value):
    exponent = int(token.lower().split("e")[1]) if "e" in token.lower() else 0
    half_unit = 0.5 * 10.0 ** (exponent - decimals(token))
    return not math.isfinite(value) or abs(float(token) - value) > half_unit * (1 + 1e-9)


def shown(token, value):
    return f"{value:.{decimals(token)}f}" if "e" not in token.lower() else f"{value:.3g}"


def compare_table(marker, header, rows, records, columns_seen):
    """Returns the rows with docs = regenerated cells, and the differences."""
    if len(rows) != len(marker["row_values"]):
        raise MarkerError(f"the table has {len(rows)} rows, the marker names "
                          f"{len(marker['row_values'])}")
    if marker["row_key"] not in columns_seen:
        raise MarkerError(f"no column '{marker['row_key']}' in the results' table")
    base = select(records, marker["where"], columns_seen)
    out_rows, diffs = [], []
    for row, row_value in zip(rows, marker["row_values"]):
        mine = [r for r in base if same_value(r[marker["row_key"]], row_value)]
        if not mine:
            raise MarkerError(f"no records with {marker['row_key']} = {row_value}")
        cells = list(row)
        for column in marker["columns"]:
            if column["index"] >= len(row):
                raise MarkerError(f"column {column['index']} is past the table's last")
            if column["field"] not in columns_seen:
                raise MarkerError(f"no column '{column['field']}' in the results' table")
            tokens = NUMBER.findall(row[column["index"]])[column["pick"]:]
            values = compute(column, select(mine, column["filters"], columns_seen))
            parts = []
            for token, value in zip(tokens, values):
                flag = differs(token, value)
                parts.append(f"{token}{' != ' if flag else ' = '}{shown(token, value)}")
                if flag:
                    diffs.append(f"{row[0]} / {header[column['index']]}: docs {token}, "
                                 f"regenerated {shown(token, value)}")
            if tokens and not values:
                diffs.append(f"{row[0]} / {header[column['index']]}: no value regenerated")
            if parts:
                cells[column["index"]] = "; ".join(parts)
        out_rows.append(cells)
    return out_rows, diffs


def read_table(results, source):
    path = os.path.join(results, source + ".csv")
    if not os.path.exists(path):
        raise MarkerError(f"{path} is missing (pmoe-sim export {results} --format csv)")
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader), set(reader.fieldnames or [])


def reproduce(args):
    tables = {source: read_table(args.results, source) for source in ("runs", "cells")}
    compared, diffs = 0, []
    for doc in args.docs:
        for line, text, header, rows in find_tables(doc):
            marker = parse_marker(text)
            if marker["spec"] != os.path.normpath(args.spec):
                continue
            compared += 1
            try:
                records, columns_seen = tables[marker["source"]]
                shown_rows, found = compare_table(marker, header, rows, records, columns_seen)
            except MarkerError as error:
                raise MarkerError(f"{doc}:{line}: {error}") from None
            print(f"\n{doc}:{line} (docs = regenerated; != marks a difference)")
            for cells in [header] + shown_rows:
                print("| " + " | ".join(cells) + " |")
            diffs += [f"{doc}:{line}: {d}" for d in found]
    if compared == 0:
        raise MarkerError(f"no docs table is marked with spec={args.spec}")
    print(f"\n{compared} table(s) of {args.spec}: {len(diffs)} difference(s)")
    for diff in diffs:
        print("DIFFERENT " + diff)
    return 1 if diffs else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results")
    parser.add_argument("--spec")
    parser.add_argument("--list-specs", action="store_true")
    parser.add_argument("docs", nargs="+")
    args = parser.parse_args()
    try:
        if args.list_specs:
            specs = {parse_marker(t)["spec"] for d in args.docs for _, t, _, _ in find_tables(d)}
            print("\n".join(sorted(specs)))
            return 0
        if not args.results or not args.spec:
            raise MarkerError("give --results DIR and --spec SPEC (or --list-specs)")
        return reproduce(args)
    except MarkerError as error:
        print(f"reproduce_tables: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
