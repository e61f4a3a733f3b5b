"""The fixed valgrind matrix of the CI performance gate and of results/baseline/.

Small enough for CI (about 20 s of callgrind on two cores), wide enough that
a slower parse or iteration loop shows in some row: `parse` and `iterate`
for every backend of the glibc driver on the `reference` file (the
document's large.mid; issue 7 tracks flat_vector's instructions per event
there), plus flat_vector on one `medium` file, whose event mix differs.
Fresh heap only: an aged heap doubles the simulation time and gates nothing
more about the parser. One measured iteration: the counts are exact.
"""

from __future__ import annotations

from pathlib import Path

from . import cachesim

WORKLOADS = ["parse", "iterate"]
HEAPS = ["fresh"]


def runs(driver: Path) -> list[cachesim.Run]:
    """The matrix's runs of `driver` (the glibc bench_cachesim)."""
    drivers = {"glibc": driver}
    reference = cachesim.profile_corpus(driver, "reference")
    medium = cachesim.profile_corpus(driver, "medium")
    return (cachesim.matrix(drivers, [reference], WORKLOADS, HEAPS)
            + cachesim.matrix(drivers, [medium], WORKLOADS, HEAPS, ["flat_vector"]))
