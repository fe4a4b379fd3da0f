#!/usr/bin/env python3
"""Compares two runs.jsonl files, records of results format 1 (OLD) and 2
(NEW): apart from the fields that format 2 writes as null because they are
not measured, every record must be identical (same numbers, bit for bit).
Mapped back before comparing: curve.train_loss[0] and curve.train_error[0]
(no training step before step 0); for single-index runs (no loss), every
curve.train_loss / curve.test_loss point and final.train_loss /
final.test_loss; for runs that are not "ok", the final metrics (null in
format 2). Usage: compare_format_v2.py OLD/runs.jsonl NEW/runs.jsonl"""
import json
import sys


def mapped_back(record):
    curve = record.get("curve", {})
    for key in ("train_loss", "train_error"):
        if curve.get(key) and curve[key][0] is None:
            curve[key][0] = 0.0
    index_run = record.get("type", "").startswith("index_")
    if index_run:
        for key in ("train_loss", "test_loss"):
            curve[key] = [0.0 if v is None else v for v in curve.get(key, [])]
    final = record.get("final", {})
    for key in list(final):
        if final[key] is None and (index_run or record.get("status") != "ok"):
            final[key] = 0.0
    return record


def main(old_path, new_path):
    old = [json.loads(line) for line in open(old_path)]
    new = [mapped_back(json.loads(line)) for line in open(new_path)]
    if len(old) != len(new):
        print(f"DIFFERENT  {len(old)} vs {len(new)} records")
        return 1
    for a, b in zip(old, new):
        if a != b:
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            print(f"DIFFERENT  run {a.get('run_id')}: {', '.join(keys)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
