"""The valgrind path: simulated D1/LL caches and instruction counts.

bench_cachesim (benchmarks/bench_cachesim.cpp) runs one workload body for
one backend, corpus and heap state, and toggles callgrind's collection on
around its measured iterations only. This module runs it under

    setarch <machine> -R valgrind --tool=callgrind --cache-sim=yes
        --collect-atstart=no --I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64

and reads the counts from callgrind's output file. The counts are a pure
function of the executable, its inputs and the simulated geometry, on any
machine, provided the addresses are too: the cache model indexes sets by
virtual address, so a different stack or heap layout can change conflict
misses. Hence:

* ASLR off (``setarch -R``);
* the same geometry everywhere (iai-callgrind's, a typical x86 core) unless
  the host's is asked for (valgrind's own detection);
* an empty environment but ``LC_ALL=C`` and the allocator settings of
  RUN_ENVIRONMENT (no timer-driven purging), and the driver and the corpus
  reached through symlinks of fixed names in a scratch directory, so the
  strings placed on the stack and copied to the heap (argv, environment,
  file paths) are the same bytes whoever runs it from wherever.

Simulated is not hardware: the model is a 2002-era inclusive hierarchy with
LRU replacement, write-allocate and virtual-address indexing, with no
prefetcher unless ``--simulate-hwpref=yes`` is given; the matrix runs every
configuration both ways (``sim_hwpref`` "no" / "yes"). Valgrind's prefetcher
watches the L1 misses of 16 streams of 4 KiB pages each and fetches the next
(or previous) line into LL, not into D1, so it lowers LL misses only; D1
misses and instructions are the same either way.
Its D1 misses (``D1mr + D1mw``) count writes too, whereas perf's
``L1-DCACHE-LOAD-MISSES`` (the event bench_parse reads where a PMU exists)
counts loads only; that is why both the read-only rate (``D1mr / Dr``) and
the all-access rate (``(D1mr + D1mw) / (Dr + Dw)``) are reported.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# callgrind's event names with --cache-sim=yes, in its order.
EVENTS = ("Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw")

# Pinned geometry: size in bytes, associativity, line size (valgrind's order).
PINNED_GEOMETRY = {"I1": (32768, 8, 64), "D1": (32768, 8, 64), "LL": (8388608, 16, 64)}

# The only environment the measured process sees. jemalloc and mimalloc
# return memory to the OS on timers (jemalloc's dirty/muzzy decay, 10 s;
# mimalloc's decommit delay, 25 ms). Under valgrind's slowdown those fire
# far more often than natively, at moments that vary from run to run, and
# two runs then differ by thousands of instructions. So they are off, and a
# simulated run is a function of the program alone; natively, mimalloc does
# decommit within a benchmark's run. glibc and tcmalloc have no such timers.
RUN_ENVIRONMENT = {
    "LC_ALL": "C",
    "MALLOC_CONF": "dirty_decay_ms:-1,muzzy_decay_ms:-1",
    "MIMALLOC_ALLOW_DECOMMIT": "0",
}

_DESC_CACHE = re.compile(r"^desc: (I1|D1|LL) cache:\s+(\d+) B, (\d+) B, (\d+)-way associative")


class CachesimError(RuntimeError):
    """A callgrind run failed or wrote something this module cannot read."""


def parse_callgrind_output(text: str, cache_events: bool = True) -> dict:
    """The event totals and cache geometry of a callgrind output file.

    Returns ``{"events": {name: count}, "geometry": {cache: {"size", "assoc",
    "line"}}}``. The totals come from the ``summary:`` line (what callgrind
    reports as collected), else from ``totals:`` (also where the summary is
    all zeros, as callgrind 3.19 writes it under --instr-atstart=no).
    """
    names: list[str] | None = None
    lines: dict[str, list[int]] = {}
    geometry = {}
    for line in text.splitlines():
        if match := _DESC_CACHE.match(line):
            cache, size, line_size, assoc = match.groups()
            geometry[cache] = {"size": int(size), "assoc": int(assoc), "line": int(line_size)}
        elif line.startswith("events:"):
            names = line.split()[1:]
        elif line.startswith(("summary:", "totals:")):
            key, _, values = line.partition(":")
            lines[key] = [int(v) for v in values.split()]
    if names is None:
        raise CachesimError("no 'events:' line in callgrind output")
    values = lines.get("summary", lines.get("totals"))
    if values is not None and not any(values) and any(lines.get("totals", [])):
        values = lines["totals"]  # --instr-atstart=no (alloc_scaling): callgrind's summary line stays 0
    if values is None:
        raise CachesimError("no 'summary:' or 'totals:' line in callgrind output")
    missing = [e for e in (EVENTS if cache_events else ("Ir",)) if e not in names]
    if missing:
        raise CachesimError(f"callgrind output lacks {', '.join(missing)}: was --cache-sim=yes given?")
    # Trailing zero counts may be left out of a cost line.
    values = values + [0] * (len(names) - len(values))
    return {"events": {name: values[i] for i, name in enumerate(names)}, "geometry": geometry}


def per_iteration(events: dict[str, int], iterations: int, events_per_iteration: int,
                  first_touch_lines: int | None = None) -> dict:
    """Per-iteration figures, miss rates and misses per event from callgrind's
    event totals. `first_touch_lines` is the floor of one iteration (the
    lines of the events and payloads the pass reads, and of the input where
    it parses), to which all D1 misses (reads + writes) are compared."""
    def each(count: int) -> float:
        return count / iterations

    def ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    e = events
    if "Dr" not in e:  # instructions only (alloc_scaling runs without the cache model)
        return {"instructions": each(e["Ir"]), "instructions_per_event": ratio(e["Ir"], iterations * events_per_iteration)}
    per_event = iterations * events_per_iteration
    misses = e["D1mr"] + e["D1mw"]
    return {
        "instructions": each(e["Ir"]),
        "instructions_per_event": ratio(e["Ir"], iterations * events_per_iteration),
        "d1_reads": each(e["Dr"]),
        "d1_read_misses": each(e["D1mr"]),
        "d1_writes": each(e["Dw"]),
        "d1_write_misses": each(e["D1mw"]),
        "d1_read_miss_rate": ratio(e["D1mr"], e["Dr"]),
        "d1_miss_rate": ratio(e["D1mr"] + e["D1mw"], e["Dr"] + e["Dw"]),
        "i1_misses": each(e["I1mr"]),
        "ll_misses": each(e["ILmr"] + e["DLmr"] + e["DLmw"]),
        "ll_instruction_misses": each(e["ILmr"]),
        "ll_read_misses": each(e["DLmr"]),
        "ll_write_misses": each(e["DLmw"]),
        "d1_read_misses_per_event": ratio(e["D1mr"], per_event),
        "d1_misses_per_event": ratio(misses, per_event),
        "d1_reads_per_event": ratio(e["Dr"], per_event),
        "first_touch_lines": first_touch_lines,
        "misses_per_first_touch_line": ratio(misses, iterations * first_touch_lines) if first_touch_lines else None,
    }


@dataclass(frozen=True)
class Corpus:
    """A directory of MIDI files and the name its rows carry."""

    name: str
    path: Path


@dataclass(frozen=True)
class Run:
    """One callgrind run of bench_cachesim: a corpus workload, or alloc_scaling of n events."""

    driver: Path  # bench_cachesim or a bench_cachesim-<allocator>
    workload: str
    backend: str
    corpus: Corpus | None  # None for alloc_scaling
    heap: str
    iterations: int = 1
    host_geometry: bool = False
    hwpref: bool = False  # --simulate-hwpref=yes
    n: int | None = None  # alloc_scaling's events

    @property
    def cache_sim(self) -> bool:
        """alloc_scaling counts instructions only: no cache model, several times faster."""
        return self.workload != "alloc_scaling"


def callgrind_command(run: Run, out_file: Path, driver_link: str, corpus_link: str) -> list[str]:
    """The command line of `run`, the driver and corpus named by their links."""
    command = [_tool("setarch"), platform.machine(), "-R", _tool("valgrind"), "--tool=callgrind",
               f"--cache-sim={'yes' if run.cache_sim else 'no'}", "--collect-atstart=no",
               f"--callgrind-out-file={out_file}"]
    if run.hwpref:
        command.append("--simulate-hwpref=yes")
    if not run.cache_sim:
        # alloc_scaling: the driver instruments only its measured run (bench_cachesim.cpp).
        command.append("--instr-atstart=no")
    if run.cache_sim and not run.host_geometry:
        command += [f"--{cache}={size},{assoc},{line}" for cache, (size, assoc, line) in PINNED_GEOMETRY.items()]
    command.append(f"./{driver_link}")
    if run.workload == "alloc_scaling":
        return command + ["--alloc-scaling", str(run.n), "--backend", run.backend, "--heap", run.heap,
                          "--iterations", str(run.iterations)]
    return command + ["--workload", run.workload, "--backend", run.backend,
                      "--corpus", corpus_link, "--heap", run.heap, "--iterations", str(run.iterations)]


def run_one(run: Run) -> dict:
    """Runs `run` under callgrind; one row: what the driver printed, the geometry and the figures."""
    with tempfile.TemporaryDirectory(prefix="midiarena-cachesim-") as scratch:
        scratch = Path(scratch)
        # Fixed names, whatever the real paths: see the module's docstring.
        driver_link, corpus_link = run.driver.name, run.corpus.name if run.corpus else ""
        (scratch / driver_link).symlink_to(run.driver.resolve())
        if run.corpus:
            (scratch / corpus_link).symlink_to(run.corpus.path.resolve(), target_is_directory=True)
        out_file = scratch / "callgrind.out"
        command = callgrind_command(run, out_file, driver_link, corpus_link)
        done = subprocess.run(command, cwd=scratch, env=RUN_ENVIRONMENT, capture_output=True, text=True)
        if done.returncode != 0 or not out_file.exists():
            raise CachesimError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        counts = parse_callgrind_output(out_file.read_text(), run.cache_sim)
    printed = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        **printed,
        "sim_hwpref": "yes" if run.hwpref else "no",
        "geometry": counts["geometry"],
        "geometry_source": "host" if run.host_geometry else "pinned",
        # valgrind caps the brk heap at 8 MB; glibc and tcmalloc then grow by mmap instead.
        "brk_capped": "brk segment overflow" in done.stderr,
        **per_iteration(counts["events"], printed["iterations"], printed["events_per_iteration"],
                        printed.get("first_touch_lines")),
        "totals": counts["events"],
    }


def run_matrix(runs: list[Run], jobs: int | None = None) -> list[dict]:
    """Runs every run, `jobs` callgrind processes at a time (default: one per
    core; each is single-threaded). Rows come back in the order of `runs`."""
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        return list(pool.map(run_one, runs))


def driver_variants(benchmarks_dir: Path) -> dict[str, Path]:
    """Global allocator -> bench_cachesim executable, for those that were built."""
    drivers = {"glibc": benchmarks_dir / "bench_cachesim"}
    for allocator in ("mimalloc", "jemalloc", "tcmalloc"):
        drivers[allocator] = benchmarks_dir / f"bench_cachesim-{allocator}"
    return {name: path for name, path in drivers.items() if path.is_file() and os.access(path, os.X_OK)}


def list_backends(driver: Path) -> list[str]:
    """The backends compiled into `driver`."""
    return _driver_output(driver, "--list-backends").split()


def profile_corpus(driver: Path, profile: str, count: int = 1) -> Corpus:
    """The generated corpus of `profile` (generated now if not cached yet)."""
    path = _driver_output(driver, "--profile", profile, "--count", str(count), "--print-corpus-dir").strip()
    return Corpus(profile, Path(path))


def directory_corpus(path: Path) -> Corpus:
    """A directory of MIDI files, named after it as bench_parse names it."""
    return Corpus(Path(path).resolve().name, Path(path))


def valgrind_version() -> str:
    return subprocess.run([_tool("valgrind"), "--version"], capture_output=True, text=True, check=True).stdout.strip()


def write_rows(path: Path, rows: list[dict]) -> None:
    """Writes `rows` as a raw/cachesim.json: the valgrind version (counts depend on it) and the rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"valgrind": valgrind_version(), "rows": rows}, indent=1) + "\n")


def _driver_output(driver: Path, *args: str) -> str:
    done = subprocess.run([str(driver), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise CachesimError(f"{driver} {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CachesimError(f"{name} not found (scripts/setup.sh installs it)")
    return path


def matrix(drivers: dict[str, Path], corpora: list[Corpus], workloads: list[str], heaps: list[str],
           backends: list[str] | None = None, iterations: int = 1, host_geometry: bool = False,
           hwprefs: tuple[bool, ...] = (False,)) -> list[Run]:
    """Every hwpref x workload x corpus x heap x allocator x backend, backends
    innermost. `backends` None means every backend each driver has; otherwise
    those of them each driver has (mi_heap and je_arena exist only in their
    allocator's)."""
    runs = []
    for hwpref in hwprefs:
        for allocator, driver in drivers.items():
            available = list_backends(driver)
            chosen = available if backends is None else [b for b in backends if b in available]
            for workload in workloads:
                for corpus in corpora:
                    for heap in heaps:
                        runs += [Run(driver, workload, backend, corpus, heap, iterations, host_geometry, hwpref)
                                 for backend in chosen]
    return runs


# alloc_scaling's n: the decades bench_parse times (claim C11).
ALLOC_SCALING_N = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)


def alloc_scaling_matrix(drivers: dict[str, Path], ns: tuple[int, ...] = ALLOC_SCALING_N,
                         backends: list[str] | None = None, heap: str = "fresh") -> list[Run]:
    """alloc_scaling of every n for every backend, each backend once: from the
    glibc driver where it has it, else from the first driver that does
    (mi_heap from bench_cachesim-mimalloc, je_arena from -jemalloc). The
    largest n first, so the longest runs start first."""
    chosen: dict[str, Path] = {}
    for driver in drivers.values():
        for backend in list_backends(driver):
            if (backends is None or backend in backends) and backend not in chosen:
                chosen[backend] = driver
    return [Run(driver, "alloc_scaling", backend, None, heap, n=n)
            for n in sorted(ns, reverse=True) for backend, driver in chosen.items()]


_TABLE = (  # heading, alignment and width, row -> text
    ("workload", "<13", lambda r: r["workload"]),
    ("backend", "<17", lambda r: r["backend"]),
    ("allocator", "<9", lambda r: r["allocator"]),
    ("corpus", "<10", lambda r: r["corpus"] or f"n={r['n']:,}"),
    ("heap", "<6", lambda r: r["heap"] + ("*" if r["brk_capped"] else "")),
    ("hwpref", "<6", lambda r: r.get("sim_hwpref", "no")),
    ("instr/iter", ">13", lambda r: f"{r['instructions']:.0f}"),
    ("instr/event", ">11", lambda r: f"{r['instructions_per_event']:.2f}"),
    ("D1 read miss", ">12", lambda r: _percent(r.get("d1_read_miss_rate"))),
    ("D1 miss", ">8", lambda r: _percent(r.get("d1_miss_rate"))),
    ("D1mr/event", ">10", lambda r: _number(r.get("d1_read_misses_per_event"), ".4f")),
    ("D1m/event", ">9", lambda r: _number(r.get("d1_misses_per_event"), ".4f")),
    ("D1m/line", ">8", lambda r: _number(r.get("misses_per_first_touch_line"), ".3f")),
    ("LL miss/iter", ">12", lambda r: _number(r.get("ll_misses"), ".0f")),
)


def format_table(rows: list[dict]) -> str:
    """A fixed-width table of the rows' main figures, one line per row."""
    def line(cells):
        return "  ".join(f"{cell:{spec}}" for cell, (_, spec, _) in zip(cells, _TABLE))
    lines = [line(h for h, _, _ in _TABLE)] + [line(f(r) for _, _, f in _TABLE) for r in rows]
    if any(r["brk_capped"] for r in rows):
        lines.append("* valgrind capped the brk heap at 8 MB: the allocator grew it with mmap instead")
    return "\n".join(lines)


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{100 * rate:.2f} %"


def _number(value: float | None, spec: str) -> str:
    return "-" if value is None else f"{value:{spec}}"
