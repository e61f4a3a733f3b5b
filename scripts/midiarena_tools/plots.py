"""The report's plots, one function per figure, each taking a ResultSet and
returning a matplotlib Figure (the notebook shows them; `save_all` writes
them as plots/<name>.png). Agg backend: no display needed.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from . import stats  # noqa: E402
from .resultset import PEERS, Missing, ResultSet  # noqa: E402


def _corpora(rs: ResultSet) -> list[str]:
    """Corpora with parse results, smallest files first."""
    infos = sorted(rs.corpora(), key=lambda c: c.events_per_file)
    names = [c.name for c in infos if any(rs.has("parse", b, c.name) for b in rs.backends())]
    if not names:
        raise Missing("no parse results")
    return names


def _grouped_bars(ax, groups, series, values, errors=None, log=False):
    """Bars of values[s][g] for each series s within each group g."""
    width = 0.8 / max(len(series), 1)
    x = np.arange(len(groups))
    for i, s in enumerate(series):
        kwargs = {"yerr": errors[s]} if errors else {}
        ax.bar(x + i * width - 0.4 + width / 2, values[s], width, label=s, **kwargs)
    ax.set_xticks(x, groups)
    if log:
        ax.set_yscale("log")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(axis="y", alpha=0.3)


def _title(fig, rs, text):
    fig.suptitle(f"{text}\n(run {rs.run_id})", fontsize="medium")
    fig.tight_layout()
    return fig


def _median_or_nan(rs, *key, column):
    try:
        return float(rs.row(*key)[column])
    except Missing:
        return np.nan


def throughput(rs: ResultSet):
    """Events per second of parse (fresh heap, glibc) per backend and corpus."""
    corpora = _corpora(rs)
    values = {b: [_median_or_nan(rs, "parse", b, c, column="items_per_second_median") / 1e6 for c in corpora]
              for b in rs.backends()}
    fig, ax = plt.subplots(figsize=(10, 5))
    _grouped_bars(ax, corpora, rs.backends(), values)
    ax.set_ylabel("million events / s (median)")
    return _title(fig, rs, "Parse throughput per backend and corpus (fresh heap, glibc)")


def speedup(rs: ResultSet):
    """Time reduction over boxed_heap with 95 % bootstrap CIs."""
    corpora = _corpora(rs)
    backends = [b for b in rs.backends() if b != "boxed_heap"]
    values, errors = {}, {}
    for b in backends:
        points, lows, highs = [], [], []
        for c in corpora:
            try:
                e = stats.time_reduction(rs.times("parse", b, c), rs.times("parse", "boxed_heap", c))
            except Missing:
                e = stats.Estimate(np.nan, np.nan, np.nan)
            points.append(100 * e.value)
            lows.append(100 * (e.value - e.low) if np.isfinite(e.low) else 0)
            highs.append(100 * (e.high - e.value) if np.isfinite(e.high) else 0)
        values[b], errors[b] = points, [lows, highs]
    fig, ax = plt.subplots(figsize=(10, 5))
    _grouped_bars(ax, corpora, backends, values, errors)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("time reduction vs boxed_heap, % (95 % CI)")
    return _title(fig, rs, "Speed-up over boxed_heap (parse, fresh heap, glibc)")


def l1_miss_rate(rs: ResultSet):
    """L1 data miss rate per backend, parse and iterate on the reference file."""
    hardware = rs.hardware_counters()
    workloads = ("parse", "iterate")
    values = {}
    for w in workloads:
        rates = []
        for b in rs.backends():
            try:
                rates.append(100 * (float(rs.row(w, b, "reference")["l1d_miss_rate"]) if hardware
                                    else rs.sim(w, b)["d1_read_miss_rate"]))
            except Missing:
                rates.append(np.nan)
        values[w] = rates
    fig, ax = plt.subplots(figsize=(10, 5))
    _grouped_bars(ax, rs.backends(), workloads, values)
    kind = "hardware (perf l1d load misses / loads)" if hardware else "SIMULATED (callgrind D1 read misses / reads)"
    ax.set_ylabel("L1 data miss rate, %")
    return _title(fig, rs, f"L1 miss rate per backend, reference file, fresh heap: {kind}")


def _sim_backends(rs: ResultSet) -> list[str]:
    """The backends with glibc cachesim rows, in the run's backend order, then any others."""
    frame = rs.cachesim
    if frame.empty:
        raise Missing("no cachesim results")
    found = set(frame.loc[frame["allocator"] == "glibc", "backend"])
    ordered = [b for b in rs.backends() if b in found]
    return ordered + sorted(found - set(ordered))


def misses_per_event(rs: ResultSet):
    """Simulated D1 misses per event by backend x heap, parse and iterate on the
    reference file (glibc, no prefetcher model): reads + writes, and reads alone."""
    backends = _sim_backends(rs)
    fig, axes = plt.subplots(1, 2, figsize=(14, 5.5))
    for ax, workload in zip(axes, ("parse", "iterate")):
        values = {}
        for heap in ("fresh", "aged"):
            for writes, label in ((True, "reads + writes"), (False, "reads")):
                column = []
                for b in backends:
                    try:
                        row = rs.sim(workload, b, heap=heap)
                        misses = row["d1_read_misses"] + (row["d1_write_misses"] if writes else 0)
                        column.append(float(misses) / (row["events_per_iteration"] * row.get("iterations", 1)))
                    except (Missing, KeyError, TypeError):
                        column.append(np.nan)
                values[f"{heap}: {label}"] = column
        if not np.any(np.array(list(values.values()), dtype=float) > 0):
            raise Missing(f"no cachesim {workload} rows")
        _grouped_bars(ax, backends, list(values), values, log=True)
        ax.set_title(workload)
        ax.set_ylabel("simulated D1 misses per event (log)")
        ax.tick_params(axis="x", rotation=45)
    return _title(fig, rs, "D1 misses per event by backend and heap, reference file, glibc (callgrind, no prefetcher)")


def alloc_instructions(rs: ResultSet):
    """Callgrind instructions per event of alloc_scaling against n, every backend (claim C11)."""
    frame = rs.cachesim
    if frame.empty or "n" not in frame or not (frame["workload"] == "alloc_scaling").any():
        raise Missing("no cachesim alloc_scaling rows")
    rows = frame[frame["workload"] == "alloc_scaling"]
    fig, ax = plt.subplots(figsize=(10, 5))
    for i, b in enumerate(dict.fromkeys(rows["backend"])):
        r = rows[rows["backend"] == b].sort_values("n")
        ax.plot(r["n"].astype(float), r["instructions_per_event"], marker="o", color=f"C{i % 10}",
                label=f"{b} ({r['allocator'].iloc[0]})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("events n")
    ax.set_ylabel("instructions per event (callgrind)")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(alpha=0.3, which="both")
    return _title(fig, rs, "alloc_scaling: instructions per event against n (memory faulted in by a warm-up run)")


def memory(rs: ResultSet):
    """Bytes requested per event per corpus, and peak live bytes of one reference parse."""
    corpora = _corpora(rs)
    per_event = {}
    for b in rs.backends():
        values = []
        for c in corpora:
            try:
                row = rs.row("parse", b, c)
                values.append(row["total_allocated_bytes"] / row["events"])
            except Missing:
                values.append(np.nan)
        per_event[b] = values
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
    _grouped_bars(left, corpora, rs.backends(), per_event)
    left.set_ylabel("bytes requested per event (parse)")
    reports = rs.memory.set_index("backend") if not rs.memory.empty else None
    if reports is not None:
        names = list(reports.index)
        right.bar(names, reports["peak_live_bytes"] / 1e6, label="peak live")
        right.bar(names, (reports["peak_live_bytes"] - reports["reserved_unused_bytes"]) / 1e6, width=0.4,
                  label="touched (peak live - reserved unused)")
        if "resident_bytes" in reports:
            right.plot(names, reports["resident_bytes"] / 1e6, "kD", label="resident (RSS growth, measured)")
        right.set_ylabel("MB, one parse of the reference file")
        right.tick_params(axis="x", rotation=45)
        right.legend(fontsize="small")
        right.grid(axis="y", alpha=0.3)
    return _title(fig, rs, "Memory: bytes per event (memory manager) and peak memory (midiarena mem)")


def cost_growth(rs: ResultSet):
    """ns per event of alloc_scaling against n, log-log, fresh (solid) and aged (dashed) heap."""
    rows = rs.summary[(rs.summary["source"] == "bench_parse") & (rs.summary["allocator"] == "glibc")
                      & (rs.summary["workload"] == "alloc_scaling")]
    if rows.empty:
        raise Missing("no alloc_scaling results")
    fig, ax = plt.subplots(figsize=(10, 5))
    for i, b in enumerate(rs.backends()):
        for heap, style in (("fresh", "-"), ("aged", "--")):
            r = rows[(rows["backend"] == b) & (rows["heap"] == heap)].sort_values("n")
            if not r.empty:
                ax.plot(r["n"].astype(float), r["ns_per_event"], style, marker="o", color=f"C{i}",
                        label=b if heap == "fresh" else None)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("events n")
    ax.set_ylabel("ns per event (median)")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(alpha=0.3, which="both")
    return _title(fig, rs, "Cost growth with n (alloc_scaling; solid fresh, dashed aged heap)")


def heap_age(rs: ResultSet):
    """ns per event on a fresh and an aged heap, parse and iterate, reference file."""
    fig, axes = plt.subplots(1, 2, figsize=(13, 5))
    for ax, workload in zip(axes, ("parse", "iterate")):
        values = {h: [_median_or_nan(rs, workload, b, "reference", h, column="ns_per_event") for b in rs.backends()]
                  for h in ("fresh", "aged")}
        _grouped_bars(ax, rs.backends(), ("fresh", "aged"), values)
        ax.set_title(workload)
        ax.set_ylabel("ns per event (median)")
        ax.tick_params(axis="x", rotation=45)
    return _title(fig, rs, "Fresh vs aged heap, reference file, glibc")


def allocators(rs: ResultSet):
    """ns per event of parse on the medium corpus per backend under each global allocator."""
    try:
        corpus = rs.corpus_of_class("medium").name
    except Missing:
        corpus = _corpora(rs)[0]
    names = rs.allocators()
    if not names:
        raise Missing("no bench_parse results")
    values = {a: [_median_or_nan(rs, "parse", b, corpus, "fresh", a, column="ns_per_event") for b in rs.backends()]
              for a in names}
    fig, ax = plt.subplots(figsize=(10, 5))
    _grouped_bars(ax, rs.backends(), names, values)
    ax.set_ylabel("ns per event (median)")
    ax.tick_params(axis="x", rotation=45)
    return _title(fig, rs, f"Global allocators compared (parse, {corpus}, fresh heap)")


def page_faults(rs: ResultSet):
    """Minor page faults per parse, per backend and corpus (and glibc-unsettled on the reference file)."""
    corpora = _corpora(rs)
    values = {c: [_median_or_nan(rs, "parse", b, c, column="minor_faults") for b in rs.backends()] for c in corpora}
    series = list(corpora)
    if any(rs.has("parse", b, "reference", allocator="glibc-unsettled") for b in rs.backends()):
        values["reference, glibc-unsettled"] = [
            _median_or_nan(rs, "parse", b, "reference", "fresh", "glibc-unsettled", column="minor_faults")
            for b in rs.backends()]
        series.append("reference, glibc-unsettled")
    fig, ax = plt.subplots(figsize=(10, 5))
    _grouped_bars(ax, rs.backends(), series, values)
    ax.set_ylabel("minor page faults per parse (median)")
    ax.tick_params(axis="x", rotation=45)
    return _title(fig, rs, "Page faults per parse (fresh heap, glibc)")


def peers(rs: ResultSet):
    """Events per second of the peers next to our backends, per corpus (log scale)."""
    corpora = [c for c in _corpora(rs) if any(rs.has("parse", p, c, source="bench_peers") for p in PEERS)]
    if not corpora:
        raise Missing("no bench_peers results")
    shown = ("flat_vector", "boxed_heap", "typed_arena")
    values = {b: [_median_or_nan(rs, "parse", b, c, column="items_per_second_median") / 1e6 for c in corpora]
              for b in shown}
    ran = [p for p in PEERS if any(rs.has("parse", p, c, source="bench_peers") for c in corpora)]
    values.update({p: [_median_or_nan(rs, "parse", p, c, "fresh", "glibc", "bench_peers",
                                      column="items_per_second_median") / 1e6 for c in corpora] for p in ran})
    fig, ax = plt.subplots(figsize=(10, 5))
    _grouped_bars(ax, corpora, list(shown) + ran, values, log=True)
    ax.set_ylabel("million events / s (log)")
    return _title(fig, rs, f"Peers ({', '.join(ran)}) next to our backends (parse and free, glibc)")


PLOTS = {
    "throughput": throughput,
    "speedup": speedup,
    "l1_miss_rate": l1_miss_rate,
    "misses_per_event": misses_per_event,
    "memory": memory,
    "cost_growth": cost_growth,
    "alloc_instructions": alloc_instructions,
    "heap_age": heap_age,
    "allocators": allocators,
    "page_faults": page_faults,
    "peers": peers,
}


def figures(rs: ResultSet):
    """(name, Figure) for every plot this result set has data for."""
    for name, plot in PLOTS.items():
        try:
            yield name, plot(rs)
        except Missing:
            continue


def save_all(rs: ResultSet, directory: Path) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in figures(rs):
        path = directory / f"{name}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    return written
