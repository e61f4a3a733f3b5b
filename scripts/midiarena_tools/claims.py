"""Claims C1-C17 of the document (SPEC section 8), each judged on one
result set: every comparison the verdict rests on (all corpora, heap
states and global allocators where the claim applies), each with its
point, 95 % CI, the claimed range and a verdict (verdicts.py holds every
threshold and rule), and the claim's summary verdict. Every figure comes
from the result set.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from . import stats, verdicts
from .resultset import SIZE_CLASSES, Missing, ResultSet
from .verdicts import AT_LEAST_ZERO, NOT_MEASURED, Range

ARENA = "typed_arena"
HEAPS = ("boxed_heap", "vec_owned")  # the document's prose and its code
REFERENCE = "reference"
HEAP_STATES = ("fresh", "aged")


@dataclass
class Comparison:
    baseline: str
    corpus: str
    allocator: str
    heap: str
    metric: str
    point: float
    ci_low: float
    ci_high: float
    claimed_low: float | None
    claimed_high: float | None
    verdict: str


@dataclass
class Claim:
    id: str
    claim: str
    claimed: str
    measured: str = ""
    verdict: str = NOT_MEASURED
    comparisons: list[Comparison] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    reason: str | None = None
    context: list[dict] = field(default_factory=list)  # figures shown beside the verdict, not judged

    def to_json(self, run_id: str) -> dict:
        out = {"id": self.id, "claim": self.claim, "claimed": self.claimed, "measured": self.measured,
               "verdict": self.verdict, "comparisons": [asdict(c) for c in self.comparisons],
               "evidence": {"run_id": run_id, "benchmarks": self.evidence}}
        if self.reason:
            out["reason"] = self.reason
        if self.context:
            out["context"] = self.context
        return out

    # --- adding comparisons ----------------------------------------------------
    def judge(self, baseline, corpus, allocator, heap, metric, estimate: stats.Estimate, claimed: Range):
        low, high = (estimate.value, estimate.value) if math.isnan(estimate.low) else (estimate.low, estimate.high)
        verdict = verdicts.comparison_verdict(estimate.value, low, high, claimed)
        self.comparisons.append(Comparison(baseline, corpus, allocator, heap, metric, estimate.value, low, high,
                                           claimed.low, claimed.high, verdict))

    def judge_similar(self, baseline, corpus, allocator, heap, metric, value: float, bound: float):
        verdict = verdicts.similarity_verdict(value, value, value, bound)
        self.comparisons.append(Comparison(baseline, corpus, allocator, heap, metric, value, value, value,
                                           -bound, bound, verdict))

    def cite(self, *names: str):
        self.evidence += [n for n in names if n not in self.evidence]


# --- formatting ---------------------------------------------------------------

def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def ms(ns: float) -> str:
    return f"{ns / 1e6:.3f} ms"


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def shown(c: Comparison) -> str:
    interval = "" if c.ci_low == c.ci_high else f" [{pct(c.ci_low)}, {pct(c.ci_high)}]"
    return f"{pct(c.point)}{interval}"


def where(c: Comparison) -> str:
    return ", ".join(x for x in (f"vs {c.baseline}", c.corpus, c.heap, c.allocator) if x)


def summarise(claim: Claim, lead: str) -> str:
    """The measured text: what the claim's unit is, how many comparisons gave
    which verdict, the range of points, and the weakest comparison."""
    counts = Counter(c.verdict for c in claim.comparisons)
    tally = ", ".join(f"{counts[w]} {w}" for w in (verdicts.HOLDS, verdicts.LARGER, verdicts.SMALLER,
                                                    verdicts.NO_DIFFERENCE, verdicts.FAILS) if counts[w])
    points = [c.point for c in claim.comparisons]
    weakest = min(claim.comparisons, key=lambda c: c.point)
    span = pct(min(points)) if len(points) == 1 else f"{pct(min(points))} to {pct(max(points))}"
    return (f"{lead}: {span} over {len(points)} comparison{'s' * (len(points) > 1)} ({tally}); "
            f"weakest {where(weakest)}: {shown(weakest)}")


# --- time comparisons -----------------------------------------------------------

def time_comparison(rs: ResultSet, claim: Claim, a, b, corpus, claimed: Range, workload="parse", heap="fresh",
                    allocator="glibc", metric=None, baseline=None):
    """The time reduction of a over b (positive: a faster), judged."""
    estimate = stats.hierarchical_reduction(rs.time_groups(workload, a, corpus, heap, allocator),
                                            rs.time_groups(workload, b, corpus, heap, allocator))
    claim.cite(rs.name(workload, a, corpus, heap, allocator), rs.name(workload, b, corpus, heap, allocator))
    claim.judge(baseline or f"{workload}/{b}", corpus, allocator, heap, metric or f"{workload}_time_reduction",
                estimate, claimed)


def arena_vs_heaps(rs, claim, corpora, claimed, workload="parse", heaps=HEAP_STATES, allocators=("glibc",),
                   baselines=HEAPS):
    """The arena against each baseline on every corpus, heap state and allocator
    that ran (skipping what did not; Missing if nothing did)."""
    for allocator in allocators:
        for corpus in corpora:
            for heap in heaps:
                for b in baselines:
                    if rs.has(workload, ARENA, corpus, heap, allocator) and rs.has(workload, b, corpus, heap, allocator):
                        time_comparison(rs, claim, ARENA, b, corpus, claimed, workload, heap, allocator)
    if not claim.comparisons:
        raise Missing(f"no {workload} benchmarks of {ARENA} and {', '.join(baselines)} on "
                      f"{', '.join(corpora)} in this run")


def size_class_claim(rs, claim, size_class, claimed: Range):
    infos = rs.corpora_of_class(size_class)
    arena_vs_heaps(rs, claim, [i.name for i in infos], claimed)
    files = "; ".join(f"{i.name} ({i.files} files, {i.events_per_file:,.0f} events/file)" for i in infos)
    # A generated corpus is named after its size class (or is the reference file); any other is real.
    if all(i.name in SIZE_CLASSES or i.name == REFERENCE for i in infos):
        files += "; no real corpus in this size class in this run"
    claim.measured = summarise(claim, f"arena faster than the heaps on {files}")


# --- C1-C4: parse time ----------------------------------------------------------

def c1(rs, claim):
    size_class_claim(rs, claim, "small", Range(0.0, 0.05))


def c2(rs, claim):
    size_class_claim(rs, claim, "medium", Range(0.05, 0.15))


def c3(rs, claim):
    size_class_claim(rs, claim, "large", Range(0.10, 0.20))


DOC_HEAP_MS, DOC_ARENA_MS = 12.3, 10.8


def c4(rs, claim):
    rs.corpus(REFERENCE)
    arena_vs_heaps(rs, claim, [REFERENCE], Range.point(1 - DOC_ARENA_MS / DOC_HEAP_MS), heaps=("fresh",))
    medians = {b: float(np.median(rs.times("parse", b, REFERENCE))) for b in (*HEAPS, ARENA)}
    cpu = rs.env.get("machine", {}).get("cpu_model", "this machine")
    absolute = ", ".join(f"{b} {ms(t)}" for b, t in medians.items())
    claim.context.append({"absolute_ms": {b: t / 1e6 for b, t in medians.items()}, "cpu": cpu})
    claim.measured = summarise(claim, f"per parse of the reference file ({absolute} on {cpu}; the document's "
                                      f"12.3 / 10.8 ms are machine-bound, so the verdict is on the relative "
                                      f"figure) arena faster by")


# --- C5, C9: simulated (or hardware) L1 misses, per event -----------------------

DOC_L1_HEAP, DOC_L1_ARENA = 0.152, 0.041


def sim_rows(rs, workload, backend, heap, corpus=REFERENCE, allocator="glibc") -> list[dict]:
    """The cachesim rows of a configuration, one per simulated-prefetch setting."""
    rows = rs.sims(workload, backend, corpus, heap, allocator)
    for row in rows:
        events = row["events_per_iteration"] * row.get("iterations", 1)
        row["reads_per_event"] = row["d1_reads"] / events
        row["d1_read_misses_per_event"] = row["d1_read_misses"] / events
        row["d1_misses_per_event"] = (row["d1_read_misses"] + row["d1_write_misses"]) / events
    return rows


def exact(value: float) -> stats.Estimate:
    return stats.Estimate(value, value, value)


def c5(rs, claim):
    cut = Range.point(1 - DOC_L1_ARENA / DOC_L1_HEAP)
    for heap in HEAP_STATES:
        for arena in sim_rows(rs, "parse", ARENA, heap):
            pref = arena["sim_hwpref"]
            for baseline in HEAPS:
                other = next((r for r in sim_rows(rs, "parse", baseline, heap) if r["sim_hwpref"] == pref), None)
                if other is None:
                    continue
                claim.cite(rs.name("parse", ARENA, REFERENCE, heap, source="cachesim"),
                           rs.name("parse", baseline, REFERENCE, heap, source="cachesim"))
                allocator = f"glibc, hwpref={pref}"
                for metric in ("d1_misses_per_event", "d1_read_misses_per_event"):
                    claim.judge(baseline, REFERENCE, allocator, heap, metric, exact(1 - arena[metric] / other[metric]),
                                cut)
                claim.context.append({"baseline": baseline, "heap": heap, "sim_hwpref": pref,
                                      "heap_read_miss_rate": other["d1_read_miss_rate"],
                                      "arena_read_miss_rate": arena["d1_read_miss_rate"],
                                      "heap_miss_rate": other["d1_miss_rate"], "arena_miss_rate": arena["d1_miss_rate"],
                                      "heap_d1_misses_per_event": other["d1_misses_per_event"],
                                      "arena_d1_misses_per_event": arena["d1_misses_per_event"]})
    if not claim.comparisons:
        raise Missing("no cachesim parse rows of the reference file in this run")
    fresh = next(c for c in claim.context if c["heap"] == "fresh" and c["baseline"] == "boxed_heap")
    claim.measured = summarise(claim, (
        f"simulated D1 misses per event, parse of the reference file (callgrind; the rates, which the document "
        f"quotes, are context: boxed_heap {pct(fresh['heap_miss_rate'])} -> arena {pct(fresh['arena_miss_rate'])} "
        f"of all accesses, fresh heap, hwpref={fresh['sim_hwpref']}) arena has fewer by"))


def c9(rs, claim):
    allowed_share = 1 - verdicts.CLAIMED_HIT_RATE
    for heap in HEAP_STATES:
        for row in sim_rows(rs, "iterate", ARENA, heap):
            claim.cite(rs.name("iterate", ARENA, REFERENCE, heap, source="cachesim"))
            # Misses per event a 95 % hit rate allows at this pass's reads per event.
            allowed = allowed_share * row["reads_per_event"]
            claim.judge("95 % hit rate", REFERENCE, f"glibc, hwpref={row['sim_hwpref']}", heap,
                        "d1_read_misses_per_event", exact(1 - row["d1_read_misses_per_event"] / allowed), AT_LEAST_ZERO)
            figures = {"heap": heap, "sim_hwpref": row["sim_hwpref"], "hit_rate": 1 - row["d1_read_miss_rate"],
                       "reads_per_event": row["reads_per_event"],
                       "d1_read_misses_per_event": row["d1_read_misses_per_event"],
                       "allowed_misses_per_event": allowed}
            if "first_touch_lines" in row and not _nan(row["first_touch_lines"]):
                floor = row["first_touch_lines"] / row["events_per_iteration"]
                figures |= {"first_touch_misses_per_event": floor,
                            "best_streaming_hit_rate": 1 - floor / row["reads_per_event"]}
            claim.context.append(figures)
    if not claim.comparisons:
        raise Missing("no cachesim iterate rows of typed_arena in this run")
    f = next(c for c in claim.context if c["heap"] == "fresh")
    floor = (f"; a streaming pass of these events reaches at best {pct(f['best_streaming_hit_rate'])} "
             f"({f['first_touch_misses_per_event']:.3f} first-touch misses per event)"
             if "best_streaming_hit_rate" in f else "")
    claim.measured = summarise(claim, (
        f"iterate over the reference file with typed_arena: hit rate {pct(f['hit_rate'])} "
        f"({f['d1_read_misses_per_event']:.3f} read misses per event of {f['reads_per_event']:.2f} reads; 95 % "
        f"allows {f['allowed_misses_per_event']:.3f}, fresh heap, hwpref={f['sim_hwpref']}){floor}. "
        f"Misses per event below what 95 % allows"))


def _nan(x) -> bool:
    return isinstance(x, float) and math.isnan(x)


# --- C6-C8: memory --------------------------------------------------------------

def memory_metric(rs) -> str:
    """The one metric C6-C8 are judged on: resident bytes (what the parse made
    resident, allocator headers and unused reservations included: what a
    process pays), where the run measured it, else peak live bytes."""
    return "resident_bytes" if rs.mem_has("resident_bytes") else "peak_live_bytes"


def c6(rs, claim):
    metric = memory_metric(rs)
    reports = {b: rs.mem(b) for b in (*HEAPS, ARENA)}
    claim.cite(*(f"mem[glibc] reference/{b}" for b in reports))
    for heap in HEAPS:
        claim.judge(heap, REFERENCE, "glibc", "", metric, exact(1 - reports[ARENA][metric] / reports[heap][metric]),
                    Range.point(0.25))
    others = [m for m in ("resident_bytes", "peak_live_bytes", "bytes_requested") if rs.mem_has(m)]
    claim.context += [{"backend": b, **{m: r[m] for m in others}} for b, r in reports.items()]
    figures = "; ".join(f"{b} " + ", ".join(f"{m.removesuffix('_bytes').replace('_', ' ')} {mb(r[m])}" for m in others)
                        for b, r in reports.items())
    claim.measured = summarise(claim, f"one parse of the reference file ({figures}); {metric}: arena less by")


def c7(rs, claim):
    metric = memory_metric(rs)
    for corpus in rs.mem_corpora():
        arena, heap = rs.mem_total(ARENA, corpus, metric), rs.mem_total("boxed_heap", corpus, metric)
        claim.cite(f"mem[glibc] {corpus}/{ARENA}", f"mem[glibc] {corpus}/boxed_heap")
        claim.judge("boxed_heap", corpus, "glibc", "", metric, exact(1 - arena / heap), Range(0.20, 0.40))
    if not claim.comparisons:
        raise Missing("no memory reports in this run")
    claim.measured = summarise(claim, f"{metric} per parse summed over each corpus's files: arena less than "
                                      f"boxed_heap by")


def c8(rs, claim):
    metric = memory_metric(rs)
    for corpus in rs.mem_corpora():
        arena, flat = rs.mem_total(ARENA, corpus, metric), rs.mem_total("flat_vector", corpus, metric)
        claim.cite(f"mem[glibc] {corpus}/{ARENA}", f"mem[glibc] {corpus}/flat_vector")
        claim.judge_similar("flat_vector", corpus, "glibc", "", f"{metric}_difference", 1 - arena / flat,
                            verdicts.SIMILAR_MEMORY)
    corpora = [c.name for c in rs.corpora()]
    arena_vs_heaps(rs, claim, corpora, Range(0.0, 0.10), baselines=("flat_vector",))
    claim.measured = summarise(claim, f"similar {metric} (within {pct(verdicts.SIMILAR_MEMORY)}) and parse time, "
                                      f"arena against flat_vector: less memory or time by")


# --- C10-C13 ---------------------------------------------------------------------

def c10(rs, claim):
    allocators = rs.allocators()
    if len(allocators) < 2:
        raise Missing("only glibc's bench_parse ran: no other global allocator to compare")
    arena_vs_heaps(rs, claim, [c.name for c in rs.corpora()], AT_LEAST_ZERO, allocators=allocators)
    claim.measured = summarise(claim, f"parse, every corpus and heap state under {', '.join(allocators)}: "
                                      f"arena faster by")


def c11(rs, claim):
    """Instructions per event (callgrind) of alloc_scaling from the smallest to
    the largest n: deterministic, so page faults and the host do not enter."""
    rows = rs.scaling_instructions()
    if rows.empty:
        raise Missing("this run's valgrind path has no alloc_scaling instruction counts")
    for backend in (ARENA, *HEAPS):
        mine = rows[rows["backend"] == backend].sort_values("n")
        if mine["n"].nunique() < 3:
            raise Missing(f"alloc_scaling/{backend} was simulated for fewer than three n")
        first, last = mine.iloc[0], mine.iloc[-1]
        if not first["instructions_per_event"] > 0:
            raise Missing(f"alloc_scaling/{backend} counted no instructions under callgrind")
        growth = last["instructions_per_event"] / first["instructions_per_event"] - 1
        span = f"n={int(first['n']):,}..{int(last['n']):,}"
        claim.cite(*(rs.name("alloc_scaling", backend, int(n), source="cachesim") for n in mine["n"]))
        claim.context.append({"backend": backend, "instructions_per_event": dict(zip(mine["n"].astype(int).astype(str),
                                                                                     mine["instructions_per_event"]))})
        if backend == ARENA:  # O(1): flat
            claim.judge_similar(span, "alloc_scaling", "glibc", "fresh", "instructions_per_event_growth", growth,
                                verdicts.POINT_CLAIM_TOLERANCE)
        else:  # O(log n): grows
            claim.judge(span, "alloc_scaling", "glibc", f"fresh, {backend}", "instructions_per_event_growth",
                        exact(growth), AT_LEAST_ZERO)
    figures = "; ".join(f"{c['backend']} " + " -> ".join(f"{v:.1f}" for v in c["instructions_per_event"].values())
                        for c in claim.context)
    claim.measured = summarise(claim, f"callgrind instructions per event over n ({figures}); growth from the "
                                      f"smallest n to the largest (typed_arena claimed flat, the heaps growing)")


CROSSOVER = 10_000


def c12(rs, claim):
    for info in rs.corpora():
        below = info.events_per_file < CROSSOVER
        for heap_backend in HEAPS:
            if not (rs.has("parse", ARENA, info.name) and rs.has("parse", heap_backend, info.name)):
                continue
            if below:  # the heap claimed better: its reduction over the arena
                time_comparison(rs, claim, heap_backend, ARENA, info.name, AT_LEAST_ZERO,
                                metric="heap_time_reduction_below_10K", baseline=f"parse/{heap_backend}")
            else:
                time_comparison(rs, claim, ARENA, heap_backend, info.name, AT_LEAST_ZERO,
                                metric="arena_time_reduction_above_10K")
    metrics = {c.metric for c in claim.comparisons}
    if len(metrics) < 2:
        raise Missing("no corpora on both sides of 10K events per file in this run")
    claim.measured = summarise(claim, "below 10K events per file the heap's time saved over the arena, above it "
                                      "the arena's over the heap")


def c13(rs, claim):
    for info in rs.corpora_of_class("small"):
        if not rs.has("batch", "pooled_arena", info.name):
            continue
        for heap in HEAP_STATES:
            time_comparison(rs, claim, "pooled_arena", ARENA, info.name, AT_LEAST_ZERO, workload="batch", heap=heap)
        pooled = rs.row("batch", "pooled_arena", info.name)["allocs_per_iter"]
        typed = rs.row("batch", ARENA, info.name)["allocs_per_iter"]
        claim.judge(f"batch/{ARENA}", info.name, "glibc", "fresh", "allocations_reduction", exact(1 - pooled / typed),
                    AT_LEAST_ZERO)
    if not claim.comparisons:
        raise Missing("no batch benchmarks on a small-class corpus in this run")
    claim.measured = summarise(claim, "batch over the small-class corpora, pooled_arena against typed_arena "
                                      "(time, and allocations per batch): less by")


# --- C14-C17 ---------------------------------------------------------------------

def c14(rs, claim):
    corpora = [c.name for c in rs.corpora()]
    arena_vs_heaps(rs, claim, corpora, AT_LEAST_ZERO, workload="parse_analyze", baselines=("flat_vector", "vec_owned"))
    # The document's parse-twice arm, as context: it contains the direct arm plus a parse.
    direct = rs.times("parse_analyze", ARENA, REFERENCE)
    for heap in HEAPS:
        e = stats.sum_reduction(direct, rs.times("parse", ARENA, REFERENCE), rs.times("parse_analyze", heap, REFERENCE))
        claim.context.append({"vs": f"parse/{ARENA} + parse_analyze/{heap}", "corpus": REFERENCE,
                              "reduction": e.value, "ci_low": e.low, "ci_high": e.high})
    claim.measured = summarise(claim, "parse_analyze, arena against flat_vector and vec_owned (every corpus, fresh "
                                      "and aged heap; parse-twice is context in claims.md): arena faster by")


def c15(rs, claim):
    if not rs.has("count_notes_simd", ARENA, REFERENCE):
        raise Missing("count_notes_simd did not run (no AVX2 on this CPU, or a bench_parse from before it)")
    if not rs.has("count_notes_avx2", ARENA, REFERENCE):
        raise Missing("this run has no count_notes_avx2: its scalar count_notes was built for baseline x86-64, "
                      "not for AVX2 like the SIMD one, so the comparison would measure the flags")
    for corpus in (c.name for c in rs.corpora()):
        for baseline in (ARENA, "boxed_heap"):
            if rs.has("count_notes_simd", ARENA, corpus) and rs.has("count_notes_avx2", baseline, corpus):
                estimate = stats.hierarchical_reduction(rs.time_groups("count_notes_simd", ARENA, corpus),
                                                        rs.time_groups("count_notes_avx2", baseline, corpus))
                claim.cite(rs.name("count_notes_simd", ARENA, corpus), rs.name("count_notes_avx2", baseline, corpus))
                claim.judge(f"count_notes_avx2/{baseline}", corpus, "glibc", "fresh", "time_reduction", estimate,
                            AT_LEAST_ZERO)
    claim.measured = summarise(claim, "count_notes_simd on typed_arena against the plain loop built for AVX2 "
                                      "(count_notes_avx2) on typed_arena and on boxed_heap: faster by")


def c16(rs, claim):
    arena_vs_heaps(rs, claim, [c.name for c in rs.corpora()], AT_LEAST_ZERO, workload="iterate")
    claim.measured = summarise(claim, "iterate (analyze) over parsed files, every corpus, fresh and aged heap: "
                                      "arena faster than the heaps by")


COLLECTION_SIZES = (10, 100, 1000)


def c17(rs, claim):
    collections = {c.name: c for c in rs.collections()}
    sources = sorted({name.rsplit("-", 1)[0] for name in collections})
    if not sources:
        raise Missing("this run has no collection benchmarks (bench_parse from before claim C17)")
    for source in sources:
        names = [f"{source}-{n}files" for n in COLLECTION_SIZES if f"{source}-{n}files" in collections]
        arena_vs_heaps(rs, claim, names, AT_LEAST_ZERO, workload="collection", heaps=("fresh",))
        for heap in HEAPS:
            if len(names) < 2:
                continue
            small, large = names[0], names[-1]
            groups = [(rs.time_groups("collection", ARENA, n), rs.time_groups("collection", heap, n))
                      for n in (large, small)]
            claim.judge(f"collection/{heap}", f"{small} -> {large}", "glibc", "fresh", "time_reduction_growth",
                        stats.hierarchical_difference(groups, [1.0, -1.0]), AT_LEAST_ZERO)
    claim.measured = summarise(claim, "parse_analyze over collections of "
                                      f"{', '.join(str(n) for n in COLLECTION_SIZES)} files ({', '.join(sources)}): "
                                      "arena's time saved per file, and its growth from the smallest collection to "
                                      "the largest")


CLAIMS = [
    ("C1", "small files (<10K events): arena 0-5 % faster than boxed heap", "0-5 % faster", c1),
    ("C2", "medium files (10K-100K events): arena 5-15 % faster", "5-15 % faster", c2),
    ("C3", "large files (>100K events): arena 10-20 % faster", "10-20 % faster", c3),
    ("C4", "reference 150 KB / 50,000-event file: heap 12.3 ms, arena 10.8 ms",
     "heap 12.3 ms, arena 10.8 ms per parse: 12.2 % faster (+-5 points)", c4),
    ("C5", "L1 miss rate: heap 15.2 % -> arena 4.1 % (73 % reduction)",
     "73 % fewer L1 misses (+-5 points), judged per event", c5),
    ("C6", "memory: heap 2.4 MB -> arena 1.8 MB on that file (25 % less)", "25 % less memory (+-5 points)", c6),
    ("C7", "arena 20-40 % more memory-efficient than Vec<Box<Event>>", "20-40 % less memory than boxed_heap", c7),
    ("C8", "arena vs flat Vec<Event>: similar memory, arena slightly faster",
     "memory within 10 % of flat_vector, arena 0-10 % faster", c8),
    ("C9", "arena iteration cache hit rate ~95 %+", ">= 95 % L1 hit rate iterating", c9),
    ("C10", "the arena's advantage holds regardless of the global allocator (jemalloc, mimalloc)",
     "arena faster than the heaps under every global allocator", c10),
    ("C11", "arena allocation O(1) vs heap O(log n) per allocation",
     "arena instructions per event flat in n (+-5 %); heap's growing", c11),
    ("C12", "crossover: heap better below 10K events, arena above",
     "heap faster below 10K events per file, arena faster above", c12),
    ("C13", "multi-file arena pooling reduces allocation overhead in batch work",
     "pooled_arena faster, with fewer allocations, than typed_arena over a batch", c13),
    ("C14", "analysing arena events directly beats parse-twice",
     "parse_analyze on the arena faster than on flat_vector and vec_owned", c14),
    ("C15", "contiguous layout enables SIMD speedups (e.g. note counting)",
     "count_notes_simd on typed_arena faster than the AVX2-built plain loop", c15),
    ("C16", "iteration speed: no pointer chasing, so the arena iterates faster than the heap",
     "iterate on the arena faster than on boxed_heap and vec_owned, fresh and aged heap", c16),
    ("C17", "particularly effective for batch processing of large collections: cache efficiency compounds over "
            "thousands of files",
     "arena faster per file in collections of 10-1,000 files, more so the larger the collection", c17),
]


def evaluate(rs: ResultSet) -> list[Claim]:
    """Every claim, judged; one whose data is missing is not_measured with the reason."""
    out = []
    for cid, text, claimed, check in CLAIMS:
        claim = Claim(cid, text, claimed)
        try:
            check(rs, claim)
            claim.verdict = verdicts.claim_verdict([c.verdict for c in claim.comparisons])
        except Missing as missing:
            claim = Claim(cid, text, claimed, verdict=NOT_MEASURED, reason=str(missing))
        out.append(claim)
    return out


def uncertainty(rs: ResultSet) -> dict:
    """How the CIs were made, and how far apart the processes' medians of the
    same benchmark were (median and 90th percentile over benchmarks)."""
    reps = rs.repetitions
    spreads = []
    if not reps.empty:
        parse = reps[(reps["source"] == "bench_parse")]
        for _, rows in parse.groupby(["allocator", "benchmark"]):
            spread = stats.process_spread([g["real_time_ns"].to_numpy() for _, g in rows.groupby("file")])
            if not math.isnan(spread):
                spreads.append(spread)
    out = {"method": "hierarchical bootstrap: processes, then repetitions within each (stats.py)",
           "runs": rs.processes(), "resamples": stats.HIERARCHICAL_RESAMPLES}
    if spreads:
        out["between_process_spread"] = {"median": float(np.median(spreads)),
                                         "p90": float(np.quantile(spreads, 0.9)), "benchmarks": len(spreads)}
    return out
