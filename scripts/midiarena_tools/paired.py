"""Paired A/B timing: two bench_paired_worker processes (benchmarks/
bench_paired_worker.cpp), one per build, asked in turn for one iteration
each, in random order, with the same memory layout.

Why pairs: on a shared VM the clock (2.55-2.98 GHz here within minutes) and
the neighbours' load move bench_parse's medians by 10-20 % between runs of
the same code, more than most changes to the parser. Two iterations a few
hundred microseconds apart see the same host, so the ratio of their times
is about the code. The estimate is the median of the per-pair ratios B/A,
with a bootstrap CI over the pairs (stats.paired_time_change).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import stats

WARMUP_PAIRS = 20
# Each pair's layout (bench_paired_worker's `run HEAP STACK COPY`): a
# process keeps its stack, heap and input addresses for its whole life, and
# A/A runs varying only the heap differed by up to 10 %
# (docs/notes/2026-11-25-paired-ab-design.md), so a pair draws a new layout
# and gives it to both sides.
# Heap and stack shifts are multiples of 64 bytes up to 64 KiB, so that
# blocks land at every cache-line offset within a page and beyond.
SHIFT_STEP = 64
SHIFT_STEPS = 1024
# The report also gives the change over this share of the pairs with the
# least A + B time (stats.paired_time_change): a busy host can favour the
# build with fewer instructions (measured:
# docs/notes/2026-11-25-paired-ab-design.md).
QUIETEST_SHARE = 0.1


class PairedError(Exception):
    pass


@dataclass
class PairedRun:
    description: dict  # the workers' JSON line (corpus, backend, events per iteration)
    a_ns: np.ndarray
    b_ns: np.ndarray

    def events_per_second(self, times_ns: np.ndarray, statistic) -> float:
        return self.description["events_per_iteration"] / (statistic(times_ns) * 1e-9)


class _Worker:
    def __init__(self, executable: Path, args: list[str], cpu: int):
        self.process = subprocess.Popen([str(executable), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        os.sched_setaffinity(self.process.pid, {cpu})
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise PairedError(f"{executable} exited with status {self.process.returncode} before describing its run")
        self.description = json.loads(line)

    def time_one(self, layout: tuple[int, int, int]) -> int:
        self.process.stdin.write("run {} {} {}\n".format(*layout))
        line = self.process.stdout.readline()
        if not line:
            raise PairedError("a worker exited in the middle of the run")
        return int(line)

    def close(self):
        self.process.stdin.close()
        if self.process.wait() != 0:
            raise PairedError(f"a worker exited with status {self.process.returncode}")


def run_pairs(worker_a: Path, worker_b: Path, worker_args: list[str], pairs: int, seed: int = 1) -> PairedRun:
    """Times `pairs` pairs (after WARMUP_PAIRS untimed ones) of iterations of
    the two workers, started with the same arguments."""
    # Both on one CPU: on a VM each virtual CPU has its own neighbours, and a
    # worker left to the scheduler stays mostly on one of them.
    cpu = max(os.sched_getaffinity(0))
    workers = []
    try:
        for executable in (worker_a, worker_b):
            workers.append(_Worker(executable, worker_args, cpu))
        if workers[0].description != workers[1].description:
            raise PairedError(f"the workers describe different runs: {workers[0].description} "
                              f"and {workers[1].description}")
        rng = random.Random(seed)
        times = [[], []]
        for index in range(WARMUP_PAIRS + pairs):
            layout = (SHIFT_STEP * rng.randrange(SHIFT_STEPS), SHIFT_STEP * rng.randrange(SHIFT_STEPS),
                      rng.randrange(workers[0].description["corpus_copies"]))
            order = (0, 1) if rng.random() < 0.5 else (1, 0)
            measured = {side: workers[side].time_one(layout) for side in order}
            if index >= WARMUP_PAIRS:
                for side in (0, 1):
                    times[side].append(measured[side])
    finally:
        for worker in workers:
            worker.close()
    return PairedRun(workers[0].description, np.array(times[0], dtype=float), np.array(times[1], dtype=float))


def format_report(run: PairedRun, label_a: str, label_b: str) -> str:
    d = run.description
    change = stats.paired_time_change(run.a_ns, run.b_ns)
    lines = [f"{d['workload']}/{d['backend']}/{d['corpus']}/{d['heap']}: {len(run.a_ns)} pairs, "
             f"{d['events_per_iteration']} events per iteration"]
    for label, times in ((f"A {label_a}", run.a_ns), (f"B {label_b}", run.b_ns)):
        lines.append(f"  {label}: best {run.events_per_second(times, np.min) / 1e6:.1f} M events/s, "
                     f"median {run.events_per_second(times, np.median) / 1e6:.1f} M events/s")
    lines.append(f"  B against A, median of the per-pair time ratios: {change.value:+.1%} "
                 f"(95 % CI {change.low:+.1%} to {change.high:+.1%}; negative: B is faster)")
    quiet = stats.paired_time_change(run.a_ns, run.b_ns, quietest=QUIETEST_SHARE)
    lines.append(f"  in the quietest {QUIETEST_SHARE:.0%} of pairs (least A + B time): {quiet.value:+.1%} "
                 f"(95 % CI {quiet.low:+.1%} to {quiet.high:+.1%})")
    # How far a typical iteration is from the best: large when the host was busy.
    lines.append(f"  host: A's median time is {np.median(run.a_ns) / np.min(run.a_ns) - 1:.0%} above its best")
    return "\n".join(lines)
