#!/usr/bin/python3
"""Simulated caches: D1/LL miss rates, misses per event and instruction counts
per workload x backend x corpus x heap state x global allocator, each with
valgrind's prefetcher model off and on (--simulate-hwpref), from callgrind
(the valgrind path, scripts/midiarena_tools/cachesim.py); and alloc_scaling's
instructions per event over n = 1K ... 10M for every backend (claim C11).
Deterministic: two runs of the same build give the same numbers. Prints a
table, writes JSON.

Default matrix: parse and iterate of the reference file, fresh and aged heap,
every backend of every bench_cachesim built, hwpref no and yes; plus
alloc_scaling (fresh heap, hwpref no, instructions only) of every backend,
each from the glibc driver where it has it (mi_heap and je_arena from their
allocator's)."""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from midiarena_tools import cachesim, gate_matrix  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def profile_spec(text):
    name, _, count = text.partition(":")
    return name, int(count or 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", type=Path, default=REPO / "build" / "release",
                        help="build tree holding benchmarks/bench_cachesim* (default: build/release)")
    parser.add_argument("--corpus", type=Path, action="append", default=[], metavar="DIR",
                        help="directory of .mid files; repeatable")
    parser.add_argument("--profile", type=profile_spec, action="append", default=[], metavar="NAME[:COUNT]",
                        help="generated profile and file count, e.g. small:20; repeatable "
                             "(default: reference:1 when no --corpus is given)")
    parser.add_argument("--workload", action="append",
                        choices=["parse", "iterate", "parse_analyze", "batch", "alloc_scaling"],
                        help="repeatable (default: parse, iterate and alloc_scaling)")
    parser.add_argument("--n", type=int, action="append", metavar="EVENTS",
                        help="alloc_scaling's events per run; repeatable (default: "
                             + ", ".join(f"{n:,}" for n in cachesim.ALLOC_SCALING_N) + ")")
    parser.add_argument("--hwpref", action="append", choices=["no", "yes"],
                        help="valgrind's prefetcher model (--simulate-hwpref) for the corpus workloads; "
                             "repeatable (default: both)")
    parser.add_argument("--backend", action="append", help="repeatable (default: every backend of each executable)")
    parser.add_argument("--heap", action="append", choices=["fresh", "aged"], help="repeatable (default: both)")
    parser.add_argument("--allocator", action="append", choices=["glibc", "mimalloc", "jemalloc", "tcmalloc"],
                        help="repeatable (default: glibc and every bench_cachesim-<allocator> built)")
    parser.add_argument("--iterations", type=int, default=1, help="measured iterations, after one warm-up (default 1)")
    parser.add_argument("--host-geometry", action="store_true",
                        help="simulate this machine's caches (valgrind's detection) instead of the pinned "
                             "I1/D1 32K 8-way, LL 8M 16-way, 64-byte lines")
    parser.add_argument("--gate-matrix", action="store_true",
                        help="run the CI gate's fixed matrix (scripts/midiarena_tools/gate_matrix.py, what "
                             "results/baseline/ holds) instead of a selection; excludes the selection options")
    parser.add_argument("--output", type=Path, help="write the rows as JSON here")
    parser.add_argument("-j", "--jobs", type=int, help="callgrind processes at once (default: one per core)")
    args = parser.parse_args()

    drivers = cachesim.driver_variants(args.build_dir / "benchmarks")
    if not drivers:
        parser.error(f"no bench_cachesim in {args.build_dir / 'benchmarks'}: build it first")
    selection = (args.corpus, args.profile, args.workload, args.backend, args.heap, args.allocator,
                 args.iterations != 1, args.host_geometry, args.n, args.hwpref)
    if args.gate_matrix and any(selection):
        parser.error("--gate-matrix is a fixed matrix: give no selection options with it")
    if args.allocator:
        missing = [a for a in args.allocator if a not in drivers]
        if missing:
            parser.error(f"not built: {', '.join('bench_cachesim-' + a for a in missing)}")
        drivers = {a: drivers[a] for a in args.allocator}
    if args.gate_matrix:
        runs = gate_matrix.runs(drivers["glibc"])
    else:
        workloads = args.workload or ["parse", "iterate", "alloc_scaling"]
        corpus_workloads = [w for w in workloads if w != "alloc_scaling"]
        runs = []
        if "alloc_scaling" in workloads:
            # Longest first, so that the two cores stay busy to the end.
            runs += cachesim.alloc_scaling_matrix(drivers, tuple(args.n or cachesim.ALLOC_SCALING_N), args.backend)
        if corpus_workloads:
            profiles = args.profile or ([] if args.corpus else [("reference", 1)])
            corpora = [cachesim.directory_corpus(d) for d in args.corpus]
            any_driver = next(iter(drivers.values()))
            corpora += [cachesim.profile_corpus(any_driver, p, n) for p, n in profiles]
            hwprefs = tuple(h == "yes" for h in (args.hwpref or ["no", "yes"]))
            runs += cachesim.matrix(drivers, corpora, corpus_workloads, args.heap or ["fresh", "aged"], args.backend,
                                    args.iterations, args.host_geometry, hwprefs)
    print(f"{len(runs)} callgrind runs ({cachesim.valgrind_version()})", file=sys.stderr)
    start = time.monotonic()
    rows = cachesim.run_matrix(runs, args.jobs)
    print(f"done in {time.monotonic() - start:.0f} s", file=sys.stderr)
    print(cachesim.format_table(rows))
    if args.output:
        cachesim.write_rows(args.output, rows)


if __name__ == "__main__":
    main()
