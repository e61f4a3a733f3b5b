#!/usr/bin/python3
"""Recomputes the verdicts of each RUN_DIR from its raw/ with today's rules
and prints a claims x runs table, marking claims whose verdict differs
between runs (not_measured aside). --json prints the table as JSON
(scripts/midiarena_tools/stability.py); --write FILE also saves it, which
the README's verdict block reads for its stability column."""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from midiarena_tools import stability  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run_dirs", type=Path, nargs="+", metavar="RUN_DIR", help="e.g. results/*/")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--write", type=Path, metavar="FILE", help="also write the JSON to FILE")
    args = parser.parse_args()
    dirs = []
    for d in args.run_dirs:
        if not any((d / "raw").glob("bench_parse*.json")):
            continue  # results/baseline holds only the gate's counts
        if d.resolve() not in [x.resolve() for x in dirs]:
            dirs.append(d)  # results/latest is one of the others
    if not dirs:
        parser.error("no RUN_DIR has raw/bench_parse*.json")
    table = stability.verdicts_by_run(dirs)
    text = json.dumps(table, indent=1) + "\n"
    if args.write:
        args.write.write_text(text)
    print(text if args.json else stability.render(table), end="" if args.json else "\n")


if __name__ == "__main__":
    main()
