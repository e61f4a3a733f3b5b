"""One result set, loaded, and the look-ups the claims, findings and plots
make in it: repetition times of a benchmark, its summary row, a cachesim
row, a `midiarena mem` report, the corpora and their size classes.

A benchmark is named by what it runs (workload, backend, corpus or n, heap)
and where (allocator: the executable's global allocator; source:
bench_parse, bench_peers or cachesim). Defaults are the claims' default
conditions: parse, fresh heap, glibc.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import results

# The parsers bench_peers runs, as their benchmarks name them (an npm
# package's scoped name holds a "/": results.parse_name knows).
PEERS = ("portsmf", "libsmf", "mido", "midi-file", "@tonejs/midi")

# Size classes of the document (events per file).
SIZE_CLASSES = {"small": (0, 10_000), "medium": (10_000, 100_000), "large": (100_000, float("inf"))}

_CORPUS_CONTEXT = re.compile(r"(\d+) files, (\d+) events, (\d+) bytes")


class Missing(LookupError):
    """What a claim or finding needs is not in this result set; the message says what."""


@dataclass(frozen=True)
class CorpusInfo:
    name: str
    files: int
    events: int
    bytes: int

    @property
    def events_per_file(self) -> float:
        return self.events / self.files


class ResultSet:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        env_path = self.directory / "env.json"
        self.env = json.loads(env_path.read_text()) if env_path.exists() else {}
        self.run_id = self.env.get("run_id", self.directory.resolve().name)
        self.repetitions = results.repetitions(self.directory)
        self.summary = results.summary(self.directory, self.run_id)
        self.cachesim = results.cachesim(self.directory)
        self.memory = results.memory_reports(self.directory)
        self.contexts = results.contexts(self.directory)

    # --- naming -----------------------------------------------------------
    @staticmethod
    def name(workload, backend, corpus, heap="fresh", allocator="glibc", source="bench_parse") -> str:
        """How evidence cites a benchmark: `bench_parse[glibc] parse/typed_arena/medium/fresh`."""
        return f"{source}[{allocator}] {workload}/{backend}/{corpus}/{heap}"

    # --- Google Benchmark rows ----------------------------------------------
    def _select(self, frame, workload, backend, corpus, heap, allocator, source):
        if frame.empty:
            return frame
        mask = ((frame["source"] == source) & (frame["allocator"] == allocator) & (frame["workload"] == workload)
                & (frame["backend"] == backend) & (frame["heap"] == heap))
        if workload == "alloc_scaling":
            mask &= frame["n"] == int(corpus)
        else:
            mask &= frame["corpus"] == corpus
        return frame[mask]

    def times(self, workload, backend, corpus, heap="fresh", allocator="glibc", source="bench_parse") -> np.ndarray:
        """Real time per iteration (ns) of each repetition; Missing if the benchmark did not run."""
        rows = self._select(self.repetitions, workload, backend, corpus, heap, allocator, source)
        if rows.empty:
            raise Missing(f"no {self.name(workload, backend, corpus, heap, allocator, source)} in this run")
        return rows["real_time_ns"].to_numpy()

    def time_groups(self, workload, backend, corpus, heap="fresh", allocator="glibc",
                    source="bench_parse") -> list[np.ndarray]:
        """times(), one array per process (raw file) that ran the benchmark, in file order."""
        rows = self._select(self.repetitions, workload, backend, corpus, heap, allocator, source)
        if rows.empty:
            raise Missing(f"no {self.name(workload, backend, corpus, heap, allocator, source)} in this run")
        return [group["real_time_ns"].to_numpy() for _, group in rows.groupby("file", sort=True)]

    def processes(self, source="bench_parse", allocator="glibc") -> int:
        """How many independent processes timed the benchmarks of an executable."""
        reps = self.repetitions
        if reps.empty:
            return 0
        return int(reps.loc[(reps["source"] == source) & (reps["allocator"] == allocator), "file"].nunique())

    def row(self, workload, backend, corpus, heap="fresh", allocator="glibc", source="bench_parse") -> pd.Series:
        """The summary row of a benchmark; Missing if it did not run."""
        rows = self._select(self.summary, workload, backend, corpus, heap, allocator, source)
        if rows.empty:
            raise Missing(f"no {self.name(workload, backend, corpus, heap, allocator, source)} in this run")
        return rows.iloc[0]

    def has(self, workload, backend, corpus, heap="fresh", allocator="glibc", source="bench_parse") -> bool:
        return not self._select(self.summary, workload, backend, corpus, heap, allocator, source).empty

    # --- corpora and allocators ---------------------------------------------
    def corpora(self) -> list[CorpusInfo]:
        """Every corpus bench_parse ran on, as its JSON context describes it, in first-seen order."""
        seen = {}
        for context in self.contexts.values():
            for key, text in context.items():
                match = _CORPUS_CONTEXT.fullmatch(text) if key.startswith("corpus/") else None
                name = key.removeprefix("corpus/")
                if match and name not in seen:
                    seen[name] = CorpusInfo(name, *(int(g) for g in match.groups()))
        return list(seen.values())

    def corpus(self, name: str) -> CorpusInfo:
        for info in self.corpora():
            if info.name == name:
                return info
        raise Missing(f"no corpus {name} in this run")

    def corpora_of_class(self, size_class: str) -> list[CorpusInfo]:
        """Every corpus whose files average events in the size class, the
        generated one named after it first (reference is a medium file)."""
        low, high = SIZE_CLASSES[size_class]
        found = [c for c in self.corpora() if low <= c.events_per_file < high]
        if not found:
            raise Missing(f"no {size_class} corpus ({low:,}-{high:,} events per file) in this run")
        return sorted(found, key=lambda c: c.name != size_class)

    def collections(self) -> list[CorpusInfo]:
        """bench_parse's collections (claim C17), from the JSON context's collection/ keys."""
        seen = {}
        for context in self.contexts.values():
            for key, text in context.items():
                match = _CORPUS_CONTEXT.fullmatch(text) if key.startswith("collection/") else None
                if match:
                    seen.setdefault(key.removeprefix("collection/"), CorpusInfo(key.removeprefix("collection/"),
                                                                                 *(int(g) for g in match.groups())))
        return list(seen.values())

    def corpus_of_class(self, size_class: str) -> CorpusInfo:
        """The corpus named after the size class, else one whose files average
        that many events (your own corpora)."""
        infos = self.corpora()
        for info in infos:
            if info.name == size_class:
                return info
        low, high = SIZE_CLASSES[size_class]
        for info in infos:
            if info.name != "reference" and low <= info.events_per_file < high:
                return info
        raise Missing(f"no {size_class} corpus ({low:,}-{high:,} events per file) in this run")

    def allocators(self, source="bench_parse") -> list[str]:
        """Global allocators with bench_parse results (glibc first), without run variants such as glibc-unsettled."""
        found = set(self.summary.loc[self.summary["source"] == source, "allocator"].dropna())
        order = ["glibc", "mimalloc", "jemalloc", "tcmalloc"]
        return [a for a in order if a in found]

    def backends(self) -> list[str]:
        """The storage backends of this run, in the registry's order: env.json's
        `backends` (`midiarena backends --json` of the glibc executable), else
        the order `midiarena mem` (glibc) reported them in: it walks the registry;
        else the backends bench_parse ran under glibc, in the order they appear.
        Never a list of our own: a backend added to the registry shows here."""
        listed = self.env.get("backends")
        if listed:
            return [b["name"] for b in listed]
        if not self.memory.empty:  # the glibc executable's
            return list(dict.fromkeys(self.memory["backend"].dropna()))
        rows = self.summary[(self.summary["source"] == "bench_parse") & (self.summary["allocator"] == "glibc")]
        return list(dict.fromkeys(rows["backend"].dropna()))

    def unboxed_backends(self) -> list[str]:
        """Backends that make no allocation per event: fewer allocations than
        events when `midiarena mem` parsed the reference file."""
        unboxed = []
        for b in self.backends():
            try:
                report = self.mem(b)
            except Missing:
                continue
            if report["allocations"] < report["events"]:
                unboxed.append(b)
        return unboxed

    def peer_versions(self) -> dict[str, str]:
        """{peer: version} from bench_peers' JSON context, of the peers it ran (a
        result set from before the JavaScript peers has none of theirs);
        Missing if bench_peers did not run."""
        context = next((c for name, c in self.contexts.items() if name.startswith("bench_peers")), None)
        if context is None:
            raise Missing("no bench_peers run")
        return {p: context[f"peer/{p}"] for p in PEERS if f"peer/{p}" in context}

    # --- the valgrind path and the memory reports ---------------------------
    def sims(self, workload, backend, corpus="reference", heap="fresh", allocator="glibc") -> list[dict]:
        """Every cachesim row of a configuration (one per simulated-prefetch
        setting, `sim_hwpref` yes or no; runs before that column simulated
        none); Missing if the valgrind path did not run it."""
        frame = self.cachesim
        if not frame.empty and "workload" in frame:
            rows = frame[(frame["workload"] == workload) & (frame["backend"] == backend) & (frame["corpus"] == corpus)
                         & (frame["heap"] == heap) & (frame["allocator"] == allocator)]
            if not rows.empty:
                out = rows.to_dict("records")
                for row in out:
                    row.setdefault("sim_hwpref", "no")
                    if not isinstance(row["sim_hwpref"], str):
                        row["sim_hwpref"] = "no"
                return sorted(out, key=lambda r: r["sim_hwpref"])
        raise Missing(f"no cachesim[{allocator}] {workload}/{backend}/{corpus}/{heap} in this run")

    def sim(self, workload, backend, corpus="reference", heap="fresh", allocator="glibc") -> dict:
        """The cachesim row of a configuration without simulated prefetch; Missing if absent."""
        rows = self.sims(workload, backend, corpus, heap, allocator)
        return next((r for r in rows if r["sim_hwpref"] == "no"), rows[0])

    def scaling_instructions(self) -> pd.DataFrame:
        """The valgrind path's alloc_scaling rows (backend, n, instructions_per_event), glibc; empty if none."""
        frame = self.cachesim
        if frame.empty or "n" not in frame:
            return pd.DataFrame(columns=["backend", "n", "instructions_per_event"])
        rows = frame[(frame["workload"] == "alloc_scaling") & (frame["allocator"] == "glibc")]
        if "sim_hwpref" in rows:
            rows = rows[rows["sim_hwpref"].fillna("no") == "no"]
        rows = rows.dropna(subset=["n"]).copy()
        rows["n"] = rows["n"].astype(int)
        return rows[["backend", "n", "instructions_per_event"]]

    def _mem_rows(self) -> pd.DataFrame:
        """mem.json's rows, with the corpus each parsed file belongs to (runs
        before that field measured the reference file only)."""
        frame = self.memory.copy()
        if frame.empty:
            return frame
        if "corpus" not in frame:
            frame["corpus"] = "reference"
        return frame

    def mem(self, backend, corpus="reference") -> dict:
        """`midiarena mem --json` of the reference file (a corpus's first file) for a backend; Missing if absent."""
        frame = self._mem_rows()
        if not frame.empty:
            rows = frame[(frame["backend"] == backend) & (frame["corpus"] == corpus)]
            if not rows.empty:
                return rows.iloc[0].to_dict()
        raise Missing(f"no midiarena mem report for {backend} on {corpus} in this run")

    def mem_has(self, metric) -> bool:
        return metric in self.memory and self.memory[metric].notna().all()

    def mem_corpora(self) -> list[str]:
        frame = self._mem_rows()
        return list(dict.fromkeys(frame["corpus"])) if not frame.empty else []

    def mem_total(self, backend, corpus, metric) -> float:
        """A memory metric summed over the corpus's files (one parse each, in its own process)."""
        frame = self._mem_rows()
        rows = frame[(frame["backend"] == backend) & (frame["corpus"] == corpus)] if not frame.empty else frame
        if rows.empty:
            raise Missing(f"no midiarena mem report for {backend} on {corpus} in this run")
        return float(rows[metric].sum())

    def hardware_counters(self) -> bool:
        """Did bench_parse count L1 misses in hardware (a PMU was there)?"""
        return "l1d_miss_rate" in self.summary and self.summary["l1d_miss_rate"].notna().any()
