"""Claims C1-C15 of the document (SPEC section 8), each checked against one
result set as /work/claims-rules.md says: the claimed figure, the measured
one with its spread, a verdict (verdicts.py) and the evidence (benchmark
names and the run id). Every figure comes from the result set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from . import stats, verdicts
from .resultset import Missing, ResultSet
from .verdicts import FAILS, HOLDS, NOT_MEASURED

ARENA = "typed_arena"
HEAPS = ("boxed_heap", "vec_owned")  # the document's prose and its code
REFERENCE = "reference"


@dataclass
class Claim:
    id: str
    claim: str
    claimed: str
    measured: str = ""
    verdict: str = NOT_MEASURED
    evidence: list[str] = field(default_factory=list)
    reason: str | None = None
    details: list[dict] = field(default_factory=list)  # the sub-results, as numbers

    def to_json(self, run_id: str) -> dict:
        out = {"id": self.id, "claim": self.claim, "claimed": self.claimed, "measured": self.measured,
               "verdict": self.verdict, "evidence": {"run_id": run_id, "benchmarks": self.evidence}}
        if self.reason:
            out["reason"] = self.reason
        out["details"] = self.details
        return out


# --- formatting ---------------------------------------------------------------

def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def ci(e: stats.Estimate) -> str:
    if math.isnan(e.low):
        return f"{pct(e.value)} (one repetition, no CI)"
    return f"{pct(e.value)} [95 % CI {pct(e.low)}, {pct(e.high)}]"


def ms(ns: float) -> str:
    return f"{ns / 1e6:.3f} ms"


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def corpus_text(info) -> str:
    return f"{info.name}: {info.files} files, {info.events:,} events, {info.events_per_file:,.0f} events/file"


# --- shared comparisons ---------------------------------------------------------

def reduction(rs: ResultSet, claim: Claim, a, b, corpus, workload="parse", heap="fresh", allocator="glibc"):
    """Time reduction of backend a over b, noting both benchmarks as evidence."""
    estimate = stats.time_reduction(rs.times(workload, a, corpus, heap, allocator),
                                    rs.times(workload, b, corpus, heap, allocator))
    claim.evidence += [rs.name(workload, x, corpus, heap, allocator) for x in (a, b)
                       if rs.name(workload, x, corpus, heap, allocator) not in claim.evidence]
    claim.details.append({"a": a, "b": b, "workload": workload, "corpus": corpus, "heap": heap,
                          "allocator": allocator, "reduction": estimate.value, "ci_low": estimate.low,
                          "ci_high": estimate.high})
    return estimate


def size_class_claim(rs, claim, size_class, low, high):
    info = rs.corpus_of_class(size_class)
    results, texts = [], []
    for heap in HEAPS:
        e = reduction(rs, claim, ARENA, heap, info.name)
        results.append(verdicts.range_verdict(e, low, high))
        texts.append(f"vs {heap} {ci(e)} ({results[-1]})")
    note = "" if info.name == size_class else f" (your corpus {info.name} stands for the {size_class} class)"
    claim.measured = f"arena faster by: {'; '.join(texts)}; corpus {corpus_text(info)}{note}"
    claim.verdict = verdicts.heaps(results)


# --- the claims -----------------------------------------------------------------

def c1(rs, claim):
    size_class_claim(rs, claim, "small", 0.0, 0.05)


def c2(rs, claim):
    size_class_claim(rs, claim, "medium", 0.05, 0.15)


def c3(rs, claim):
    size_class_claim(rs, claim, "large", 0.10, 0.20)


DOC_HEAP_MS, DOC_ARENA_MS = 12.3, 10.8


def c4(rs, claim):
    rs.corpus(REFERENCE)
    medians = {b: float(np.median(rs.times("parse", b, REFERENCE))) for b in (*HEAPS, ARENA)}
    claimed = 1 - DOC_ARENA_MS / DOC_HEAP_MS
    results, texts = [], []
    for heap in HEAPS:
        e = reduction(rs, claim, ARENA, heap, REFERENCE)
        results.append(verdicts.range_verdict(e, claimed, claimed))
        texts.append(f"vs {heap} {ci(e)} ({results[-1]})")
    absolute = ", ".join(f"{b} {ms(t)}" for b, t in medians.items())
    cpu = rs.env.get("machine", {}).get("cpu_model", "this machine")
    claim.measured = (f"per parse of the reference file: {absolute} (the document's 12.3 / 10.8 ms are "
                      f"{DOC_HEAP_MS * 1e6 / medians['boxed_heap']:.0f}x boxed_heap's and "
                      f"{DOC_ARENA_MS * 1e6 / medians[ARENA]:.0f}x typed_arena's time on {cpu}); "
                      f"relative (the verdict): arena faster by {'; '.join(texts)}")
    claim.details.append({"absolute_ms": {b: t / 1e6 for b, t in medians.items()}})
    claim.verdict = verdicts.heaps(results)


DOC_L1_HEAP, DOC_L1_ARENA, DOC_L1_REDUCTION = 0.152, 0.041, 0.73


def miss_rate(rs, claim, workload, backend):
    """L1 data miss rate: hardware where bench_parse counted it, else callgrind's D1 read miss rate."""
    if rs.hardware_counters():
        row = rs.row(workload, backend, REFERENCE)
        claim.evidence.append(rs.name(workload, backend, REFERENCE))
        return float(row["l1d_miss_rate"]), "hardware"
    sim = rs.sim(workload, backend)
    claim.evidence.append(rs.name(workload, backend, REFERENCE, source="cachesim"))
    return float(sim["d1_read_miss_rate"]), "simulated"


def c5(rs, claim):
    arena, kind = miss_rate(rs, claim, "parse", ARENA)
    results, texts = [], []
    for heap in HEAPS:
        rate, _ = miss_rate(rs, claim, "parse", heap)
        cut = 1 - arena / rate
        close = (DOC_L1_HEAP / 1.5 <= rate <= DOC_L1_HEAP * 1.5 and DOC_L1_ARENA / 1.5 <= arena <= DOC_L1_ARENA * 1.5
                 and abs(cut - DOC_L1_REDUCTION) <= 0.15)
        results.append(HOLDS if close else verdicts.PARTLY if arena < rate else FAILS)
        texts.append(f"{heap} {pct(rate)} -> arena {pct(arena)}, {pct(cut)} reduction ({results[-1]})")
        claim.details.append({"heap": heap, "heap_rate": rate, "arena_rate": arena, "reduction": cut, "kind": kind})
    label = "simulated D1 read miss rate (callgrind; no PMU here)" if kind == "simulated" else "hardware l1d_miss_rate"
    claim.measured = f"{label}, parse of the reference file: {'; '.join(texts)}"
    claim.verdict = verdicts.heaps(results)


DOC_MEM_HEAP, DOC_MEM_ARENA = 2.4e6, 1.8e6


def c6(rs, claim):
    reports = {b: rs.mem(b) for b in (*HEAPS, ARENA)}
    claim.evidence += [f"mem[glibc] reference/{b}" for b in reports]
    results, texts = [], []
    for heap in HEAPS:
        cut = 1 - reports[ARENA]["peak_live_bytes"] / reports[heap]["peak_live_bytes"]
        results.append(verdicts.exact_verdict(cut, 0.15, 0.35))
        texts.append(f"vs {heap} {pct(cut)} less ({results[-1]})")
        claim.details.append({"heap": heap, "reduction": cut})
    figures = "; ".join(
        f"{b} peak live {mb(r['peak_live_bytes'])}, requested {mb(r['bytes_requested'])}, "
        f"touched {mb(r['peak_live_bytes'] - r['reserved_unused_bytes'])}" for b, r in reports.items())
    claim.measured = f"one parse of the reference file: {figures}; peak live: arena {'; '.join(texts)}"
    claim.details.append({"reports": reports})
    claim.verdict = verdicts.heaps(results)


def requested_per_event(rs, claim, backend, corpus) -> float:
    row = rs.row("parse", backend, corpus)
    claim.evidence.append(rs.name("parse", backend, corpus))
    if math.isnan(row["total_allocated_bytes"]):
        raise Missing(f"no memory figures for {rs.name('parse', backend, corpus)}")
    return float(row["total_allocated_bytes"]) / float(row["events"])


def c7(rs, claim):
    results, texts = [], []
    for info in rs.corpora():
        if not rs.has("parse", ARENA, info.name):
            continue
        arena = requested_per_event(rs, claim, ARENA, info.name)
        heap = requested_per_event(rs, claim, "boxed_heap", info.name)
        cut = 1 - arena / heap
        results.append(verdicts.exact_verdict(cut, 0.20, 0.40))
        texts.append(f"{info.name}: {heap:.1f} -> {arena:.1f} B/event, {pct(cut)} less ({results[-1]})")
        claim.details.append({"corpus": info.name, "boxed_heap": heap, "typed_arena": arena, "reduction": cut})
    if not results:
        raise Missing("no parse benchmarks with memory figures in this run")
    claim.measured = f"bytes requested per event per parse, boxed_heap -> typed_arena: {'; '.join(texts)}"
    claim.verdict = verdicts.parts(results)


def c8(rs, claim):
    arena, flat = rs.mem(ARENA), rs.mem("flat_vector")
    claim.evidence += [f"mem[glibc] reference/{b}" for b in (ARENA, "flat_vector")]
    ratio = arena["peak_live_bytes"] / flat["peak_live_bytes"] - 1
    memory = HOLDS if abs(ratio) <= 0.10 else FAILS
    e = reduction(rs, claim, ARENA, "flat_vector", REFERENCE)
    speed = verdicts.range_verdict(e, 0.0, 0.10)
    claim.measured = (f"reference file: peak live typed_arena {mb(arena['peak_live_bytes'])} vs flat_vector "
                      f"{mb(flat['peak_live_bytes'])} ({ratio:+.1%}, {memory}); arena faster by {ci(e)} ({speed})")
    claim.details.append({"memory_difference": ratio})
    claim.verdict = verdicts.parts([memory, speed])


def c9(rs, claim):
    rate, kind = miss_rate(rs, claim, "iterate", ARENA)
    hit = 1 - rate
    claim.verdict = HOLDS if hit >= 0.95 else FAILS
    label = "1 - simulated D1 read miss rate (callgrind)" if kind == "simulated" else "1 - hardware l1d_miss_rate"
    claim.measured = f"{label}, iterate over the parsed reference file with typed_arena: {pct(hit)}"
    claim.details.append({"hit_rate": hit, "kind": kind})


def c10(rs, claim):
    info = rs.corpus_of_class("medium")
    allocators = rs.allocators()
    if len(allocators) < 2:
        raise Missing("only glibc's bench_parse ran: no other global allocator to compare")
    results, texts = [], []
    for allocator in allocators:
        for heap in HEAPS:
            e = reduction(rs, claim, ARENA, heap, info.name, allocator=allocator)
            results.append(verdicts.faster_verdict(e))
            texts.append(f"{allocator} vs {heap} {ci(e)}")
    claim.measured = f"arena faster on {info.name} (parse, fresh) by: {'; '.join(texts)}"
    claim.verdict = verdicts.parts(results)


def scaling_fit(rs, claim, backend) -> stats.LogFit:
    rows = rs.repetitions
    rows = rows[(rows["source"] == "bench_parse") & (rows["allocator"] == "glibc") & (rows["workload"] == "alloc_scaling")
                & (rows["backend"] == backend) & (rows["heap"] == "fresh")]
    if rows["n"].nunique() < 3:
        raise Missing(f"alloc_scaling/{backend} ran for fewer than three sizes")
    claim.evidence += [rs.name("alloc_scaling", backend, n) for n in sorted(rows["n"].unique())]
    n = rows["n"].astype(float).to_numpy()
    return stats.log_fit(n, rows["real_time_ns"].to_numpy() / n)


def c11(rs, claim):
    arena = scaling_fit(rs, claim, ARENA)
    constant = (arena.slope.low <= 0 <= arena.slope.high) or arena.max_deviation <= 0.20
    results = [HOLDS if constant else FAILS]
    texts = [f"typed_arena slope {arena.slope.value:+.3f} ns/event per doubling [95 % CI {arena.slope.low:+.3f}, "
             f"{arena.slope.high:+.3f}], per-event cost within {pct(arena.max_deviation)} of its median across n "
             f"-> O(1) {'yes' if constant else 'no'}"]
    for heap in HEAPS:
        fit = scaling_fit(rs, claim, heap)
        results.append(HOLDS if fit.slope_significant() else FAILS)
        texts.append(f"{heap} slope {fit.slope.value:+.3f} [{fit.slope.low:+.3f}, {fit.slope.high:+.3f}] -> "
                     f"O(log n) {'yes' if fit.slope_significant() else 'no'}")
        claim.details.append({"backend": heap, "slope": fit.slope.value, "slope_low": fit.slope.low,
                              "slope_high": fit.slope.high, "max_deviation": fit.max_deviation})
    claim.details.append({"backend": ARENA, "slope": arena.slope.value, "slope_low": arena.slope.low,
                          "slope_high": arena.slope.high, "max_deviation": arena.max_deviation})
    ns = sorted(rs.repetitions.loc[rs.repetitions["workload"] == "alloc_scaling", "n"].dropna().unique())
    claim.measured = (f"alloc_scaling (fresh heap) fit t/n = a + b log2 n over n = {ns[0]:,}..{ns[-1]:,}: "
                      + "; ".join(texts))
    claim.verdict = verdicts.parts(results)


CROSSOVER = 10_000


def c12(rs, claim):
    points = [(info.events_per_file, "parse", info.name) for info in rs.corpora()
              if info.name != REFERENCE and rs.has("parse", ARENA, info.name)]
    ns = rs.repetitions.loc[(rs.repetitions["workload"] == "alloc_scaling"), "n"].dropna().unique()
    points += [(float(n), "alloc_scaling", int(n)) for n in sorted(ns) if n != CROSSOVER]  # 10K is neither side
    results, texts = [], []
    for heap in HEAPS:
        below, above, shown = [], [], []
        for size, workload, where in sorted(points):
            e = reduction(rs, claim, ARENA, heap, where, workload=workload)
            (below if size < CROSSOVER else above).append(e)
            label = f"alloc_scaling n={size:,.0f}" if workload == "alloc_scaling" else f"{where} ({size:,.0f} events/file)"
            shown.append(f"{label} {pct(e.value)}")
        if not below or not above:
            raise Missing("no sizes on both sides of 10K events (corpora or alloc_scaling n) in this run")
        heap_better_below = all(e.excludes_zero() and e.value < 0 for e in below)
        arena_better_above = all(e.excludes_zero() and e.value > 0 for e in above)
        results.append(verdicts.parts([HOLDS if heap_better_below else FAILS, HOLDS if arena_better_above else FAILS]))
        texts.append(f"vs {heap}: {', '.join(shown)}; heap better below 10K: {'yes' if heap_better_below else 'no'}, "
                     f"arena better above: {'yes' if arena_better_above else 'no'} ({results[-1]})")
    claim.measured = "arena time reduction by size: " + " | ".join(texts)
    claim.verdict = verdicts.heaps(results)


def c13(rs, claim):
    info = rs.corpus_of_class("small")
    e = reduction(rs, claim, "pooled_arena", ARENA, info.name, workload="batch")
    pooled = rs.row("batch", "pooled_arena", info.name)["allocs_per_iter"]
    typed = rs.row("batch", ARENA, info.name)["allocs_per_iter"]
    fewer = HOLDS if pooled < typed else FAILS
    claim.measured = (f"batch over {corpus_text(info)}: pooled_arena faster than typed_arena by {ci(e)}; "
                      f"allocations per batch {pooled:,.0f} vs {typed:,.0f}")
    claim.details.append({"allocs_per_iter": {"pooled_arena": pooled, ARENA: typed}})
    claim.verdict = verdicts.parts([verdicts.faster_verdict(e), fewer])


def c14(rs, claim):
    direct = rs.times("parse_analyze", ARENA, REFERENCE)
    parse = rs.times("parse", ARENA, REFERENCE)
    results, texts = [], []
    claim.evidence += [rs.name("parse_analyze", ARENA, REFERENCE), rs.name("parse", ARENA, REFERENCE)]
    for heap in HEAPS:
        e = stats.sum_reduction(direct, parse, rs.times("parse_analyze", heap, REFERENCE))
        claim.evidence.append(rs.name("parse_analyze", heap, REFERENCE))
        results.append(verdicts.faster_verdict(e))
        texts.append(f"vs parse/typed_arena + parse_analyze/{heap}: {ci(e)} less time ({results[-1]})")
        claim.details.append({"heap": heap, "reduction": e.value, "ci_low": e.low, "ci_high": e.high})
    claim.measured = "reference file, parse_analyze/typed_arena " + "; ".join(texts)
    claim.verdict = verdicts.heaps(results)


def c15(rs, claim):
    if not rs.has("count_notes", ARENA, REFERENCE):
        raise Missing("this run's bench_parse has no count_notes / count_notes_simd workloads "
                      "(they came after the commit measured)")
    if not rs.has("count_notes_simd", ARENA, REFERENCE):
        raise Missing("count_notes_simd did not run: this CPU has no AVX2 (bench_parse skips it)")
    simd = rs.times("count_notes_simd", ARENA, REFERENCE)
    own = stats.time_reduction(simd, rs.times("count_notes", ARENA, REFERENCE))
    boxed = stats.time_reduction(simd, rs.times("count_notes", "boxed_heap", REFERENCE))
    claim.evidence += [rs.name(w, b, REFERENCE) for w, b in
                       (("count_notes_simd", ARENA), ("count_notes", ARENA), ("count_notes", "boxed_heap"))]
    claim.details += [{"vs": "count_notes/typed_arena", "reduction": own.value, "ci_low": own.low, "ci_high": own.high},
                      {"vs": "count_notes/boxed_heap", "reduction": boxed.value, "ci_low": boxed.low,
                       "ci_high": boxed.high}]
    claim.measured = (f"reference file, count_notes_simd/typed_arena faster than count_notes/typed_arena by "
                      f"{ci(own)}, than count_notes/boxed_heap by {ci(boxed)}")
    claim.verdict = verdicts.parts([verdicts.faster_verdict(own), verdicts.faster_verdict(boxed)])


CLAIMS = [
    ("C1", "small files (<10K events): arena 0-5 % faster than boxed heap", "0-5 % faster", c1),
    ("C2", "medium files (10K-100K events): arena 5-15 % faster", "5-15 % faster", c2),
    ("C3", "large files (>100K events): arena 10-20 % faster", "10-20 % faster", c3),
    ("C4", "reference 150 KB / 50,000-event file: heap 12.3 ms, arena 10.8 ms",
     "heap 12.3 ms, arena 10.8 ms per parse (12.2 % faster)", c4),
    ("C5", "L1 miss rate: heap 15.2 % -> arena 4.1 % (73 % reduction)",
     "15.2 % -> 4.1 %, 73 % reduction (holds: both rates within x1.5, reduction within 15 points)", c5),
    ("C6", "memory: heap 2.4 MB -> arena 1.8 MB on that file (25 % less)",
     "2.4 MB -> 1.8 MB peak, 25 % less (holds within 10 points)", c6),
    ("C7", "arena 20-40 % more memory-efficient than Vec<Box<Event>>", "20-40 % fewer bytes per event", c7),
    ("C8", "arena vs flat Vec<Event>: similar memory, arena slightly faster",
     "peak memory within 10 %, arena 0-10 % faster", c8),
    ("C9", "arena iteration cache hit rate ~95 %+", ">= 95 % L1 hit rate iterating", c9),
    ("C10", "the arena's advantage holds regardless of the global allocator (jemalloc, mimalloc)",
     "arena faster on medium files under every global allocator", c10),
    ("C11", "arena allocation O(1) vs heap O(log n) per allocation",
     "arena cost per event flat in n; heap cost per event grows with log n", c11),
    ("C12", "crossover: heap better below 10K events, arena above",
     "heap faster below 10K events, arena faster above", c12),
    ("C13", "multi-file arena pooling reduces allocation overhead in batch work",
     "pooled_arena faster and fewer allocations than typed_arena over a batch", c13),
    ("C14", "analysing arena events directly beats parse-twice",
     "parse_analyze with the arena faster than parsing with the arena and again with the heap", c14),
    ("C15", "contiguous layout enables SIMD speedups (e.g. note counting)",
     "count_notes_simd on typed_arena faster than scalar count_notes (typed_arena and boxed_heap)", c15),
]


def evaluate(rs: ResultSet) -> list[Claim]:
    """Every claim, checked; one whose data is missing is not_measured with the reason."""
    out = []
    for cid, text, claimed, check in CLAIMS:
        claim = Claim(cid, text, claimed)
        try:
            check(rs, claim)
        except Missing as missing:
            claim.verdict, claim.reason, claim.measured = NOT_MEASURED, str(missing), ""
        out.append(claim)
    return out
