"""Findings: effects the measurements show that the document did not
consider (SPEC section 8). Each is computed from the result set and written
only where its data is there, with its numbers and the benchmarks they come
from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .claims import ARENA, REFERENCE, mb, pct
from .resultset import Missing, ResultSet

BACKENDS = ("boxed_heap", "vec_owned", "flat_vector", "typed_arena", "pmr_monotonic", "pooled_arena", "boost_pool")


@dataclass
class Finding:
    title: str
    text: str
    evidence: list[str]

    def to_json(self, run_id: str) -> dict:
        return {"title": self.title, "text": self.text, "evidence": {"run_id": run_id, "benchmarks": self.evidence}}


def _backends(rs, workload, corpus, heap="fresh", allocator="glibc"):
    return [b for b in BACKENDS if rs.has(workload, b, corpus, heap, allocator)]


def large_files(rs: ResultSet) -> Finding:
    info = max(rs.corpora(), key=lambda c: c.events_per_file)
    evidence, parts = [], []
    for b in _backends(rs, "parse", info.name):
        row = rs.row("parse", b, info.name)
        evidence.append(rs.name("parse", b, info.name))
        cpu_share = row["task_clock_ns"] / row["real_time_ns_median"]
        parts.append(f"{b} {row['ns_per_event']:.1f} ns/event, {row['minor_faults']:.0f} minor faults per parse, "
                     f"task clock {pct(cpu_share)} of wall time")
    if not parts:
        raise Missing("no parse benchmarks")
    text = f"Parsing {info.name} ({info.events:,} events in {info.files} files): " + "; ".join(parts) + "."
    instructions = []
    for b in ("boxed_heap", "flat_vector", ARENA):
        try:
            sim = rs.sim("parse", b)
        except Missing:
            continue
        evidence.append(rs.name("parse", b, REFERENCE, source="cachesim"))
        instructions.append(f"{b} {sim['instructions_per_event']:.0f}")
    if instructions:
        text += (" Instructions per event (valgrind, reference file): " + ", ".join(instructions) +
                 ": the per-event heap allocation, not cache misses, is what separates boxed_heap.")
    return Finding("Where the time goes for large files", text, evidence)


def global_allocators(rs: ResultSet) -> Finding:
    allocators = rs.allocators()
    if len(allocators) < 2:
        raise Missing("one allocator")
    info = rs.corpus_of_class("medium")
    evidence, parts = [], []
    for b in ("boxed_heap", "vec_owned", ARENA):
        base = np.median(rs.times("parse", b, info.name))
        ratios = []
        for a in allocators:
            evidence.append(rs.name("parse", b, info.name, allocator=a))
            ratios.append(f"{a} {np.median(rs.times('parse', b, info.name, allocator=a)) / base:.2f}")
        parts.append(f"{b}: " + ", ".join(ratios))
    text = (f"Parse time on {info.name} relative to glibc malloc, per global allocator: " + "; ".join(parts) +
            ". The allocator moves the per-event-allocation backend far more than the arena, so how much the "
            "arena gains depends on which malloc it is compared against.")
    return Finding("The global allocator changes the comparison", text, evidence)


def heap_age(rs: ResultSet) -> Finding:
    evidence, parts = [], []
    for workload in ("parse", "iterate"):
        ratios = []
        for b in _backends(rs, workload, REFERENCE):
            if not rs.has(workload, b, REFERENCE, "aged"):
                continue
            fresh = np.median(rs.times(workload, b, REFERENCE))
            aged = np.median(rs.times(workload, b, REFERENCE, "aged"))
            evidence += [rs.name(workload, b, REFERENCE), rs.name(workload, b, REFERENCE, "aged")]
            ratios.append(f"{b} x{aged / fresh:.2f}")
        if ratios:
            parts.append(f"{workload}: " + ", ".join(ratios))
    if not parts:
        raise Missing("no aged-heap runs")
    text = ("Aged heap (200,000 mixed-size blocks, ~60 % freed) against fresh, time ratio on the reference file: "
            + "; ".join(parts) + ". The document's \"heap events are scattered\" is a property of an aged heap.")
    return Finding("Heap age matters more than the layout on a fresh heap", text, evidence)


def unsettled_glibc(rs: ResultSet) -> Finding:
    evidence, parts = [], []
    for b in _backends(rs, "parse", REFERENCE, allocator="glibc-unsettled"):
        unsettled = rs.row("parse", b, REFERENCE, allocator="glibc-unsettled")
        settled = rs.row("parse", b, REFERENCE)
        evidence += [rs.name("parse", b, REFERENCE, allocator="glibc-unsettled"), rs.name("parse", b, REFERENCE)]
        parts.append(f"{b} {unsettled['minor_faults']:.0f} vs {settled['minor_faults']:.0f} minor faults, "
                     f"{unsettled['real_time_ns_median'] / settled['real_time_ns_median']:.2f}x the time")
    if not parts:
        raise Missing("no glibc-unsettled run")
    text = ("bench_parse --no-heap-settle on the reference file alone (glibc's dynamic mmap/trim thresholds as "
            "loading one file leaves them) against the settled run, per parse: " + "; ".join(parts) +
            ". glibc trims the top of the heap after each parse and the next parse faults it back in.")
    return Finding("glibc's trim threshold: page faults on every parse in a fresh process", text, evidence)


def memory_slack(rs: ResultSet) -> Finding:
    if rs.memory.empty:
        raise Missing("no midiarena mem reports")
    evidence, parts = [], []
    for r in rs.memory.to_dict("records"):
        if r["reserved_unused_bytes"] > 0:
            evidence.append(f"mem[glibc] reference/{r['backend']}")
            parts.append(f"{r['backend']} requests {mb(r['bytes_requested'])} and never touches "
                         f"{mb(r['reserved_unused_bytes'])} ({pct(r['reserved_unused_bytes'] / r['bytes_requested'])})")
    if not parts:
        raise Missing("no slack")
    text = ("Backends that reserve the parser's upper bound of events per track up front (chunk length / 2) "
            "request memory they never touch; one parse of the reference file: " + "; ".join(parts) +
            ". Untouched pages cost address space, not RSS, but they count in \"bytes per event\".")
    return Finding("Memory slack: requested is not touched", text, evidence)


def simulated_vs_measured(rs: ResultSet) -> Finding:
    evidence, parts = [], []
    for b in ("boxed_heap", ARENA):
        try:
            fresh, aged = rs.sim("iterate", b), rs.sim("iterate", b, heap="aged")
            t_fresh = np.median(rs.times("iterate", b, REFERENCE))
            t_aged = np.median(rs.times("iterate", b, REFERENCE, "aged"))
        except Missing:
            continue
        evidence += [rs.name("iterate", b, REFERENCE, h, source=s) for s in ("cachesim", "bench_parse")
                     for h in ("fresh", "aged")]
        parts.append(f"{b}: simulated D1 read miss rate {pct(fresh['d1_read_miss_rate'])} -> "
                     f"{pct(aged['d1_read_miss_rate'])}, time x{t_aged / t_fresh:.2f}")
    if not parts:
        raise Missing("no cachesim and bench_parse iterate rows on both heaps")
    text = ("Iterating the parsed reference file, fresh -> aged heap: " + "; ".join(parts) +
            ". Callgrind's cache model has no TLB and no prefetcher, so simulated miss rates do not predict time.")
    return Finding("Simulated miss rates do not follow time", text, evidence)


def peers(rs: ResultSet) -> Finding:
    context = next((c for name, c in rs.contexts.items() if name.startswith("bench_peers")), None)
    if context is None:
        raise Missing("no bench_peers run")
    evidence, parts = [], []
    for info in rs.corpora():
        rates = []
        for peer in ("portsmf", "libsmf", "mido"):
            if rs.has("parse", peer, info.name, source="bench_peers"):
                row = rs.row("parse", peer, info.name, source="bench_peers")
                evidence.append(rs.name("parse", peer, info.name, source="bench_peers"))
                rates.append(f"{peer} {row['items_per_second_median'] / 1e6:.2f}")
        for b in ("flat_vector", "boxed_heap", ARENA):
            if rates and rs.has("parse", b, info.name):
                evidence.append(rs.name("parse", b, info.name))
                rates.append(f"{b} {rs.row('parse', b, info.name)['items_per_second_median'] / 1e6:.2f}")
        if rates:
            parts.append(f"{info.name}: " + ", ".join(rates))
    if not parts:
        raise Missing("no peer rows")
    versions = ", ".join(v for k, v in context.items() if k.startswith("peer/"))
    text = ("Million events per second, parse and free, same corpora and run: " + "; ".join(parts) +
            f". Versions: {versions}. (mido's rate is from wall time, the others' from CPU time.)")
    return Finding("The peers next to our backends", text, evidence)


FINDINGS = [large_files, global_allocators, heap_age, unsettled_glibc, memory_slack, simulated_vs_measured, peers]


def evaluate(rs: ResultSet) -> list[Finding]:
    """The findings whose data this result set has."""
    out = []
    for finding in FINDINGS:
        try:
            out.append(finding(rs))
        except Missing:
            pass
    return out
