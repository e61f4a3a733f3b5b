#!/usr/bin/python3
"""Makes a small test fixture from a real result set: copies raw/ and
env.json from SOURCE to DEST, keeping of each Google Benchmark file only the
per-repetition rows (the report recomputes aggregates from them) and writing
JSON without indentation. Nothing is changed in the numbers.

Usage: tests/report/make_fixture.py results/<run-id> tests/fixtures/results-quick
"""
import argparse
import json
import shutil
from pathlib import Path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    (args.dest / "raw").mkdir(parents=True, exist_ok=True)
    shutil.copy(args.source / "env.json", args.dest / "env.json")
    for path in sorted((args.source / "raw").glob("*.json")):
        data = json.loads(path.read_text())
        if isinstance(data, dict) and "benchmarks" in data:
            data["benchmarks"] = [b for b in data["benchmarks"] if b.get("run_type") != "aggregate"]
        (args.dest / "raw" / path.name).write_text(json.dumps(data, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
