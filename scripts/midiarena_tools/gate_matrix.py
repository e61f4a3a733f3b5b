"""The fixed valgrind matrix of the CI performance gate and of results/baseline/.

Small enough for CI (about 20 s of callgrind on two cores), wide enough that
a slower parse or iteration loop shows in some row: `parse` and `iterate`
for every backend of the glibc driver on the `reference` file (the
document's large.mid; issue 7 tracks flat_vector's instructions per event
there), plus flat_vector on one `medium` file, whose event mix differs, and
on OpenMSX, real files whose short dense tracks take another path through
the parser (docs/notes/2026-12-06-short-dense-tracks.md); OpenMSX comes from
Debian's archive on first use, as for every benchmark. Fresh heap only: an
aged heap doubles the simulation time and gates nothing more about the
parser. One measured iteration: the counts are exact.
"""

from __future__ import annotations

import subprocess
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
            + cachesim.matrix(drivers, [medium, openmsx()], WORKLOADS, HEAPS, ["flat_vector"]))


def openmsx() -> cachesim.Corpus:
    """OpenMSX in the corpus cache, fetched there first if need be (scripts/fetch_openmsx.sh)."""
    fetch = Path(__file__).resolve().parents[1] / "fetch_openmsx.sh"
    done = subprocess.run(["bash", str(fetch)], capture_output=True, text=True)
    if done.returncode != 0:
        raise cachesim.CachesimError(f"{fetch} failed ({done.returncode}): {done.stderr.strip()}")
    return cachesim.directory_corpus(Path(done.stdout.strip()))
