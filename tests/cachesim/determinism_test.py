#!/usr/bin/python3
"""The valgrind path repeats exactly: bench_cachesim (and each allocator
variant given) under callgrind, run twice on a small generated file (the
second time from a copy of the corpus at another path), must give identical
counts for every row."""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "scripts"))
from midiarena_tools import cachesim  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("drivers", type=Path, nargs="+", metavar="DRIVER",
                        help="bench_cachesim and any of its -<allocator> variants")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="midiarena-determinism-") as scratch:
        scratch = Path(scratch)
        os.environ["MIDIARENA_CACHE"] = str(scratch / "cache")  # the test generates its own corpus
        corpus = cachesim.profile_corpus(args.drivers[0], "small", 1)
        copy = scratch / "a" / "much" / "longer" / "path" / corpus.name
        shutil.copytree(corpus.path, copy)

        def run(on):
            # boxed_heap calls the allocator most: where its state could vary, this shows it.
            runs = cachesim.matrix({d.name: d for d in args.drivers}, [on], ["parse", "iterate"],
                                   ["fresh", "aged"], ["boxed_heap"])
            return cachesim.run_matrix(runs)

        first = run(corpus)
        second = run(cachesim.Corpus(corpus.name, copy))

    print(cachesim.format_table(first))
    if any(row["instructions"] <= 0 or row["d1_reads"] <= 0 for row in first):
        sys.exit("FAIL: a run collected no instructions or no reads: was the measured region toggled?")
    differing = [(a, b) for a, b in zip(first, second) if a != b]
    for a, b in differing:
        print(f"differs: {a['workload']}/{a['backend']}/{a['allocator']}/{a['heap']}: {a['totals']} vs {b['totals']}")
    if differing:
        sys.exit(f"FAIL: {len(differing)} of {len(first)} rows differ between two runs")
    print(f"identical: {len(first)} rows, two runs")


if __name__ == "__main__":
    main()
