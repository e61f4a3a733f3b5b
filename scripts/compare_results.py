#!/usr/bin/python3
"""Compares two result sets, BASE and NEW (results/<run-id>/ or results/baseline/):
the CI performance gate (scripts/midiarena_tools/compare.py).

Gating: the valgrind instruction counts and D1 misses per iteration of
raw/cachesim.json; NEW more than the threshold above BASE is a regression.
Reported only: a Mann-Whitney U test on the per-repetition real times of
raw/bench_parse-*.json where both sides have repetitions.

Exit status: 0 no regression, 1 a regression, 2 usage error (missing files,
nothing comparable)."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from midiarena_tools import compare  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", type=Path, metavar="BASE", help="the result directory to compare against")
    parser.add_argument("new", type=Path, metavar="NEW", help="the result directory under test")
    parser.add_argument("--threshold", type=float, default=compare.DEFAULT_THRESHOLD_PERCENT, metavar="PCT",
                        help=f"largest increase that passes, in percent (default {compare.DEFAULT_THRESHOLD_PERCENT})")
    args = parser.parse_args()
    if args.threshold < 0:
        parser.error("--threshold must not be negative")
    try:
        comparison = compare.compare(args.base, args.new, args.threshold)
    except compare.CompareError as error:
        print(f"compare_results.py: error: {error}", file=sys.stderr)
        sys.exit(2)
    print(compare.format_report(comparison))
    sys.exit(1 if comparison.regressions else 0)


if __name__ == "__main__":
    main()
