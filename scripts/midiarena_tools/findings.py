"""Findings: effects the measurements show that the document did not
consider (SPEC section 8). Each is computed from the result set and written
only where its data is there, with its numbers and the benchmarks they come
from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .claims import ARENA, REFERENCE, mb, pct
from .resultset import PEERS, Missing, ResultSet



@dataclass
class Finding:
    title: str
    text: str
    evidence: list[str]

    def to_json(self, run_id: str) -> dict:
        return {"title": self.title, "text": self.text, "evidence": {"run_id": run_id, "benchmarks": self.evidence}}


def _backends(rs, workload, corpus, heap="fresh", allocator="glibc"):
    return [b for b in rs.backends() if rs.has(workload, b, corpus, heap, allocator)]


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
    per_event = {}
    for b in ("boxed_heap", "flat_vector", ARENA):
        try:
            per_event[b] = rs.sim("parse", b)["instructions_per_event"]
        except Missing:
            continue
        evidence.append(rs.name("parse", b, REFERENCE, source="cachesim"))
    if per_event:
        text += (" Instructions per event parsing the reference file (valgrind): " +
                 ", ".join(f"{b} {v:.0f}" for b, v in per_event.items()) + ".")
    return Finding("Where the time goes for large files", text, evidence)


def global_allocators(rs: ResultSet) -> Finding:
    allocators = rs.allocators()
    if len(allocators) < 2:
        raise Missing("one allocator")
    info = rs.corpus_of_class("medium")
    evidence, parts, swing = [], [], {}
    for b in ("boxed_heap", "vec_owned", ARENA):
        base = np.median(rs.times("parse", b, info.name))
        ratios = {}
        for a in allocators:
            evidence.append(rs.name("parse", b, info.name, allocator=a))
            ratios[a] = np.median(rs.times("parse", b, info.name, allocator=a)) / base
        swing[b] = max(abs(r - 1) for r in ratios.values())
        parts.append(f"{b}: " + ", ".join(f"{a} {r:.2f}" for a, r in ratios.items()))
    text = (f"Parse time on {info.name} relative to glibc malloc, per global allocator: " + "; ".join(parts) +
            f". The allocator moves boxed_heap's time by up to {pct(swing['boxed_heap'])} and typed_arena's by "
            f"up to {pct(swing[ARENA])}, so the arena's gain depends on which malloc the heap layout gets.")
    return Finding("The global allocator changes the comparison", text, evidence)


def scaling_page_faults(rs: ResultSet) -> Finding:
    """Where alloc_scaling's cost per event jumps, and the page faults that come with it (claim C11)."""
    rows = rs.summary[(rs.summary["source"] == "bench_parse") & (rs.summary["allocator"] == "glibc")
                      & (rs.summary["workload"] == "alloc_scaling") & (rs.summary["heap"] == "fresh")]
    ns = sorted(rows["n"].dropna().unique())
    if len(ns) < 2:
        raise Missing("alloc_scaling ran for fewer than two sizes")
    small, big = int(ns[0]), int(ns[-1])
    evidence, parts = [], []
    for b in rs.backends():
        if not (rs.has("alloc_scaling", b, small) and rs.has("alloc_scaling", b, big)):
            continue
        lo, hi = rs.row("alloc_scaling", b, small), rs.row("alloc_scaling", b, big)
        evidence += [rs.name("alloc_scaling", b, small), rs.name("alloc_scaling", b, big)]
        parts.append(f"{b} {lo['real_time_ns_median'] / small:.1f} -> {hi['real_time_ns_median'] / big:.1f} ns/event, "
                     f"{lo['minor_faults']:,.0f} -> {hi['minor_faults']:,.0f} minor faults per iteration")
    faulting = rows[(rows["n"] == big) & (rows["minor_faults"] > 0)]
    if not parts or faulting.empty:
        raise Missing("no page faults at the largest n")
    text = (f"alloc_scaling under glibc, fresh heap, n = {small:,} -> {big:,} events: " + "; ".join(parts) +
            ". Where faults appear, the memory the previous iteration freed went back to the OS (glibc unmaps "
            "blocks above its mmap threshold, at most 32 MiB on 64-bit, and trims the heap top above its trim "
            "threshold), so each iteration pays first-touch page faults: at that size the cost per event measures "
            "the kernel as much as the allocator's algorithm (claim C11).")
    return Finding("Cost per event at large n includes page faults", text, evidence)


def owned_payloads(rs: ResultSet) -> Finding:
    """What vec_owned (the document's code) pays over flat_vector for one allocation per payload."""
    evidence, parts = [], []
    for info in sorted(rs.corpora(), key=lambda c: c.events_per_file):
        if not (rs.has("parse", "vec_owned", info.name) and rs.has("parse", "flat_vector", info.name)):
            continue
        owned, flat = rs.row("parse", "vec_owned", info.name), rs.row("parse", "flat_vector", info.name)
        evidence += [rs.name("parse", "vec_owned", info.name), rs.name("parse", "flat_vector", info.name)]
        extra = (owned["allocs_per_iter"] - flat["allocs_per_iter"]) / info.events
        parts.append(f"{info.name} {owned['real_time_ns_median'] / flat['real_time_ns_median']:.2f}x the time, "
                     f"{1000 * extra:.0f} more allocations per 1,000 events")
    if not parts:
        raise Missing("no vec_owned and flat_vector parse runs")
    text = ("vec_owned stores events inline like flat_vector but gives every text and sysex payload its own "
            "allocation, as the document's code did. Parse under glibc, fresh heap, against flat_vector: " +
            "; ".join(parts) + ". This is the layout the document's measured code had, so its heap baseline "
            "was not Vec<Box<Event>> but events inline plus one allocation per payload.")
    return Finding("Owned payloads: the document's own code pays per payload, not per event", text, evidence)


def heap_age(rs: ResultSet) -> Finding:
    evidence, parts, slowdown = [], [], {}
    for workload in ("parse", "iterate"):
        ratios = {}
        for b in _backends(rs, workload, REFERENCE):
            if not rs.has(workload, b, REFERENCE, "aged"):
                continue
            fresh = np.median(rs.times(workload, b, REFERENCE))
            ratios[b] = np.median(rs.times(workload, b, REFERENCE, "aged")) / fresh
            evidence += [rs.name(workload, b, REFERENCE), rs.name(workload, b, REFERENCE, "aged")]
        if ratios:
            parts.append(f"{workload}: " + ", ".join(f"{b} x{r:.2f}" for b, r in ratios.items()))
            slowdown[workload] = max(ratios.items(), key=lambda item: item[1])
    if not parts:
        raise Missing("no aged-heap runs")
    worst = ", ".join(f"{w} {b} (x{r:.2f})" for w, (b, r) in slowdown.items())
    text = ("Aged heap (200,000 mixed-size blocks, ~60 % freed, benchmarks/aged_heap.hpp) against fresh, time "
            "ratio on the reference file: " + "; ".join(parts) + f". Slowed down most: {worst}.")
    return Finding("Heap age: fresh vs aged heap", text, evidence)


def unsettled_glibc(rs: ResultSet) -> Finding:
    evidence, parts, faulting = [], [], []
    for b in _backends(rs, "parse", REFERENCE, allocator="glibc-unsettled"):
        unsettled = rs.row("parse", b, REFERENCE, allocator="glibc-unsettled")
        settled = rs.row("parse", b, REFERENCE)
        evidence += [rs.name("parse", b, REFERENCE, allocator="glibc-unsettled"), rs.name("parse", b, REFERENCE)]
        parts.append(f"{b} {unsettled['minor_faults']:.0f} vs {settled['minor_faults']:.0f} minor faults, "
                     f"{unsettled['real_time_ns_median'] / settled['real_time_ns_median']:.2f}x the time")
        if unsettled["minor_faults"] > settled["minor_faults"] + 10:
            faulting.append(b)
    if not faulting:
        raise Missing("no glibc-unsettled run, or no more faults in it")
    text = ("bench_parse --no-heap-settle on the reference file alone (glibc's dynamic mmap/trim thresholds as "
            "loading one file leaves them) against the settled run, per parse: " + "; ".join(parts) +
            f". {', '.join(faulting)} fault on every parse: glibc trims the top of the heap after each parse and "
            "the next parse faults it back in (benchmarks/aged_heap.hpp).")
    return Finding("glibc's trim threshold: page faults on every parse in a fresh process", text, evidence)


def large_blocks_from_the_os(rs: ResultSet) -> Finding:
    """Steady-state page faults of the unboxed backends on the largest corpus, per global allocator."""
    info = max(rs.corpora(), key=lambda c: c.events_per_file)
    evidence, parts, calm = [], [], []
    for a in rs.allocators():
        if not rs.has("parse", "flat_vector", info.name, allocator=a):
            continue
        flat = rs.row("parse", "flat_vector", info.name, allocator=a)
        faulting = []
        for b in rs.unboxed_backends():
            if not rs.has("parse", b, info.name, allocator=a):
                continue
            row = rs.row("parse", b, info.name, allocator=a)
            if row["minor_faults"] >= 1000:  # at least 4 MB of fresh pages per parse
                evidence.append(rs.name("parse", b, info.name, allocator=a))
                faulting.append(f"{b} {row['minor_faults']:,.0f} minor faults per parse, "
                                f"{row['real_time_ns_median'] / flat['real_time_ns_median']:.2f}x flat_vector's time, "
                                f"peak {mb(row['max_bytes_used'])}")
        if faulting:
            evidence.append(rs.name("parse", "flat_vector", info.name, allocator=a))
            parts.append(f"{a}: " + "; ".join(faulting))
        else:
            calm.append(a)
    if not parts:
        raise Missing("no unboxed backend faults in steady state")
    text = (f"Parsing {info.name} ({info.events_per_file:,.0f} events per file) again and again, the backends "
            "without an allocation per event that still take 1,000 or more minor faults per parse: " +
            " | ".join(parts) + f". Under {', '.join(calm) or 'no allocator'} none does. A backend that asks for "
            "a few very large blocks (pmr_monotonic's one initial buffer, the arenas' doubled chunks) gets them "
            "back from the allocator as fresh pages on every parse when the allocator returns such blocks to the "
            "OS on free, and pays one fault per page it touches.")
    return Finding("Large blocks come back from the OS under some allocators: page faults on every parse",
                   text, evidence)


def memory_slack(rs: ResultSet) -> Finding:
    if rs.memory.empty:
        raise Missing("no midiarena mem reports")
    reports = [r for r in rs.memory.to_dict("records")
               if r.get("corpus", REFERENCE) == REFERENCE and r["reserved_unused_bytes"] > 0]
    if not reports:
        raise Missing("no slack")
    evidence = [f"mem[glibc] reference/{r['backend']}" for r in reports]
    parts = [f"{r['backend']} requests {mb(r['bytes_requested'])} and never touches {mb(r['reserved_unused_bytes'])} "
             f"({pct(r['reserved_unused_bytes'] / r['bytes_requested'])})" for r in reports]
    most = max(reports, key=lambda r: r["reserved_unused_bytes"] / r["bytes_requested"])
    text = ("Bytes requested but never written (arena chunk tails, spare vector capacity), one parse of the "
            "reference file: " + "; ".join(parts) + f". The largest share is {most['backend']}'s. Backends that "
            "reserve the parser's upper bound of events per track (chunk length / 2) up front pay it; untouched "
            "pages cost address space rather than RSS, but they count in bytes per event (claims C6, C7).")
    if rs.mem_has("resident_bytes"):
        text += " Resident bytes, measured: " + "; ".join(
            f"{r['backend']} {mb(r['resident_bytes'])}" for r in reports) + " (resident_bytes counts only what the " \
            "parse made resident, so the slack does not appear in it: C6-C8 are judged on it)."
    return Finding("Memory slack: requested is not touched", text, evidence)


def iteration_at_par(rs: ResultSet) -> Finding:
    """The arena against the vector iterating the same events (claims C8, C16)."""
    evidence, parts = [], []
    for corpus in [c.name for c in rs.corpora()]:
        if rs.has("iterate", ARENA, corpus) and rs.has("iterate", "flat_vector", corpus):
            arena, flat = rs.row("iterate", ARENA, corpus), rs.row("iterate", "flat_vector", corpus)
            evidence += [rs.name("iterate", ARENA, corpus), rs.name("iterate", "flat_vector", corpus)]
            parts.append(f"{corpus} {arena['real_time_ns_median'] / flat['real_time_ns_median']:.2f}x")
    if not parts:
        raise Missing("no iterate benchmarks of typed_arena and flat_vector")
    text = ("iterate (analyze) time of typed_arena over flat_vector's, fresh heap: " + ", ".join(parts) + ". "
            "Both are contiguous 24-byte Event arrays. Runs before 2026-12-06 showed the arena 1.4-1.7x slower: "
            "GCC 12 had not inlined the analysis passes into some analyze<F> instantiations of bench_parse.cpp "
            "(its inlining budget is per file), so those backends paid a call per event; the passes are now "
            "always inlined (docs/notes/2026-12-06-iteration-gap.md).")
    return Finding("Iterating the arena and a vector that hold the same events", text, evidence)


def fresh_heap_boxes_are_contiguous(rs: ResultSet) -> Finding:
    """Where the document's premise (scattered events) holds: the aged heap."""
    if not rs.mem_has("event_stride_fraction"):
        raise Missing("no event stride in the memory reports")
    boxed = rs.mem("boxed_heap")
    evidence, text = ["mem[glibc] reference/boxed_heap"], (
        f"On a fresh glibc heap, {pct(boxed['event_stride_fraction'])} of consecutive boxed_heap events of the "
        f"reference file lie exactly {boxed['event_stride_bytes']:.0f} bytes apart: glibc hands out consecutive "
        f"chunks, so one allocation per event is nearly an array.")
    try:
        fresh, aged = rs.sim("iterate", "boxed_heap"), rs.sim("iterate", "boxed_heap", heap="aged")
        arena = rs.sim("iterate", ARENA)
        per_event = {k: r["d1_read_misses"] / r["events_per_iteration"] for k, r in
                     (("fresh", fresh), ("aged", aged), ("arena", arena))}
        evidence += [rs.name("iterate", b, REFERENCE, h, source="cachesim")
                     for b, h in (("boxed_heap", "fresh"), ("boxed_heap", "aged"), (ARENA, "fresh"))]
        text += (f" Iterating, callgrind counts {per_event['fresh']:.3f} D1 read misses per event on the fresh "
                 f"heap and {per_event['aged']:.3f} on the aged one, against the arena's {per_event['arena']:.3f}: "
                 "the scattered events the document assumes are an aged heap's.")
    except Missing:
        pass
    return Finding("Boxed events on a fresh heap are nearly contiguous", text, evidence)


def jemalloc_arena_faults(rs: ResultSet) -> Finding:
    """je_arena's per-parse arena (destroyed after each parse) against flat_vector under jemalloc."""
    evidence, parts = [], []
    for corpus in [c.name for c in rs.corpora()]:
        if rs.has("parse", "je_arena", corpus, allocator="jemalloc") and \
                rs.has("parse", "flat_vector", corpus, allocator="jemalloc"):
            je = rs.row("parse", "je_arena", corpus, allocator="jemalloc")
            flat = rs.row("parse", "flat_vector", corpus, allocator="jemalloc")
            evidence += [rs.name("parse", b, corpus, allocator="jemalloc") for b in ("je_arena", "flat_vector")]
            parts.append(f"{corpus} {je['minor_faults']:,.0f} minor faults per parse (flat_vector "
                         f"{flat['minor_faults']:,.0f}), {je['real_time_ns_median'] / flat['real_time_ns_median']:.1f}x "
                         f"flat_vector's time")
    if not parts:
        raise Missing("no je_arena parse benchmarks")
    text = ("je_arena creates a jemalloc arena per parse and destroys it after (arena.<i>.destroy returns its "
            "pages to the OS), so every parse faults its memory in again: " + "; ".join(parts) + ".")
    return Finding("A jemalloc arena per parse pays page faults every time", text, evidence)


def simulated_vs_measured(rs: ResultSet) -> Finding:
    evidence, parts, diverges = [], [], False
    for b in ("boxed_heap", ARENA):
        try:
            fresh, aged = rs.sim("iterate", b), rs.sim("iterate", b, heap="aged")
            t_fresh = np.median(rs.times("iterate", b, REFERENCE))
            t_aged = np.median(rs.times("iterate", b, REFERENCE, "aged"))
        except Missing:
            continue
        evidence += [rs.name("iterate", b, REFERENCE, h, source=s) for s in ("cachesim", "bench_parse")
                     for h in ("fresh", "aged")]
        rate_ratio = aged["d1_read_miss_rate"] / fresh["d1_read_miss_rate"]
        # Worth reporting where time moves at least twice as much as the simulated rate.
        diverges |= abs(t_aged / t_fresh - 1) > 2 * abs(rate_ratio - 1)
        parts.append(f"{b}: simulated D1 read miss rate {pct(fresh['d1_read_miss_rate'])} -> "
                     f"{pct(aged['d1_read_miss_rate'])} (x{rate_ratio:.2f}), time x{t_aged / t_fresh:.2f}")
    if not diverges:
        raise Missing("simulated rates and time move together")
    text = ("Iterating the parsed reference file, fresh -> aged heap: " + "; ".join(parts) +
            ". Callgrind's cache model has no TLB and no prefetcher, so simulated miss rates do not predict time.")
    return Finding("Simulated miss rates do not follow time", text, evidence)


# The peers that time themselves in a worker process (bench_peers' manual time).
SELF_TIMED_PEERS = ("mido", "midi-file", "@tonejs/midi")


def peers(rs: ResultSet) -> Finding:
    versions = rs.peer_versions()
    evidence, parts = [], []
    for info in sorted(rs.corpora(), key=lambda c: c.events_per_file):
        rates = []
        for peer in PEERS:
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
    named = [f"{p}'s" for p in SELF_TIMED_PEERS if p in versions]
    self_timed = " and ".join(filter(None, [", ".join(named[:-1]), named[-1]])) if named else "no peer's"
    text = ("Million events per second, parse and free, same corpora and run: " + "; ".join(parts) +
            f". Versions: {', '.join(versions.values())}. ({self_timed} rates are from their workers' wall time, "
            "the others' from CPU time.)")
    return Finding("The peers next to our backends", text, evidence)


FINDINGS = [large_files, global_allocators, large_blocks_from_the_os, scaling_page_faults, owned_payloads, heap_age,
            unsettled_glibc, memory_slack, iteration_at_par, fresh_heap_boxes_are_contiguous, jemalloc_arena_faults,
            simulated_vs_measured, peers]


def evaluate(rs: ResultSet) -> list[Finding]:
    """The findings whose data this result set has."""
    out = []
    for finding in FINDINGS:
        try:
            out.append(finding(rs))
        except Missing:
            pass
    return out
