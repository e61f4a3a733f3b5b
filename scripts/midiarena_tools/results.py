"""A result set's raw files as pandas DataFrames, and summary.csv.

results/<run-id>/raw/ holds
  bench_parse-<label>.json, bench_peers*.json  Google Benchmark 1.7.1 JSON
  cachesim.json                                 scripts/run_cachesim.py's rows
  mem.json                                      `midiarena mem --json`, one object per backend

`repetitions(dir)` has one row per Google Benchmark repetition (what the
statistics resample); `summary(dir)` one row per benchmark configuration per
executable run, aggregated over repetitions, plus one per cachesim row, with
exactly the columns of SUMMARY_COLUMNS (docs/results-format.md documents each).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

SUMMARY_COLUMNS = [
    "run_id", "source", "allocator", "workload", "backend", "corpus", "n", "heap", "benchmark", "repetitions",
    "real_time_ns_median", "real_time_ns_mean", "real_time_cv", "cpu_time_ns_median", "events", "file_bytes",
    "ns_per_event", "items_per_second_median", "bytes_per_second_median",
    "allocs_per_iter", "max_bytes_used", "total_allocated_bytes", "net_heap_growth", "peak_rss_bytes",
    "page_faults", "minor_faults", "major_faults", "context_switches", "task_clock_ns",
    "l1d_loads", "l1d_load_misses", "l1d_miss_rate", "instructions", "cycles", "llc_load_misses", "dtlb_load_misses",
    "sim_instructions", "sim_d1_reads", "sim_d1_read_misses", "sim_d1_writes", "sim_d1_write_misses",
    "sim_d1_read_miss_rate", "sim_d1_miss_rate", "sim_ll_misses", "sim_instructions_per_event", "sim_geometry",
    "sim_hwpref", "sim_d1_read_misses_per_event", "sim_d1_misses_per_event", "sim_first_touch_lines",
    "sim_misses_per_first_touch_line",
]

# cachesim.json fields that summary.csv carries as sim_<field>, per iteration or per event.
CACHESIM_FIELDS = ["instructions", "d1_reads", "d1_read_misses", "d1_writes", "d1_write_misses",
                   "d1_read_miss_rate", "d1_miss_rate", "ll_misses", "instructions_per_event",
                   "d1_read_misses_per_event", "d1_misses_per_event", "first_touch_lines",
                   "misses_per_first_touch_line"]

# Per-iteration counters bench_parse attaches (hardware ones only where a PMU exists).
COUNTERS = ["peak_rss_bytes", "page_faults", "minor_faults", "major_faults", "context_switches", "task_clock_ns",
            "l1d_loads", "l1d_load_misses", "l1d_miss_rate", "instructions", "cycles", "llc_load_misses",
            "dtlb_load_misses"]

# Google Benchmark's memory manager fields. 1.7.1 keeps them in a vector that
# reallocates while repetitions accumulate, so only the last repetition's
# are intact (earlier ones read freed memory): they are taken from it alone.
MEMORY_FIELDS = ["allocs_per_iter", "max_bytes_used", "total_allocated_bytes", "net_heap_growth"]

KEY = ["source", "allocator", "workload", "backend", "corpus", "n", "heap", "benchmark"]

_NS_PER_UNIT = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def allocator_label(context: dict) -> str:
    """glibc, mimalloc, jemalloc or tcmalloc (the executable's verified global
    allocator, first word of the context's global_allocator; bench_peers is
    glibc only), with "-unsettled" for a --no-heap-settle run."""
    label = context.get("global_allocator", "glibc").split()[0]
    if context.get("heap_settle", "").startswith("not settled"):
        label += "-unsettled"
    return label


def parse_name(run_name: str) -> dict:
    """<workload>/<backend>/<corpus>/<heap> or alloc_scaling/<backend>/<n>/<heap>,
    possibly followed by Google Benchmark's /iterations:N and /manual_time.
    A bench_peers peer named by its scoped npm package holds a "/"
    (parse/@tonejs/midi/reference/fresh)."""
    parts = run_name.split("/")
    if len(parts) > 2 and parts[1].startswith("@"):
        parts[1:3] = [parts[1] + "/" + parts[2]]
    workload, backend, third, heap = parts[:4]
    if workload == "alloc_scaling":
        return {"workload": workload, "backend": backend, "corpus": "", "n": int(third), "heap": heap}
    return {"workload": workload, "backend": backend, "corpus": third, "n": pd.NA, "heap": heap}


def load_benchmark_file(path: Path) -> pd.DataFrame:
    """One Google Benchmark JSON file: one row per repetition (aggregates are
    recomputed from these), times in ns, events and bytes per iteration."""
    data = json.loads(path.read_text())
    context = data["context"]
    source = "bench_peers" if path.name.startswith("bench_peers") else "bench_parse"
    rows = []
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration" or b.get("error_occurred"):
            continue
        scale = _NS_PER_UNIT[b["time_unit"]]
        real_ns, cpu_ns = b["real_time"] * scale, b["cpu_time"] * scale
        # items_per_second divides by the time Google Benchmark measured:
        # manual (wall) time where the name says so, CPU time otherwise.
        measured_s = (real_ns if b["run_name"].endswith("manual_time") else cpu_ns) / 1e9
        row = {"source": source, "allocator": allocator_label(context), **parse_name(b["run_name"]),
               "benchmark": b["run_name"], "file": path.name, "repetition_index": b.get("repetition_index", 0),
               "iterations": b["iterations"], "real_time_ns": real_ns, "cpu_time_ns": cpu_ns,
               "items_per_second": b.get("items_per_second"), "bytes_per_second": b.get("bytes_per_second"),
               "events": b["items_per_second"] * measured_s if "items_per_second" in b else None,
               "file_bytes": b["bytes_per_second"] * measured_s if "bytes_per_second" in b else None}
        row.update({c: b[c] for c in COUNTERS if c in b})
        row.update({f: b[f] for f in MEMORY_FIELDS if f in b})
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    for field in MEMORY_FIELDS:
        if field in frame:
            last = frame.groupby("benchmark")["repetition_index"].transform("max") == frame["repetition_index"]
            frame.loc[~last, field] = None
    if "total_allocated_bytes" in frame:
        # 1.7.1 reports the bytes of its whole memory run, min(16, iterations) iterations.
        frame["total_allocated_bytes"] = frame["total_allocated_bytes"] / frame["iterations"].clip(upper=16)
    return frame


def benchmark_files(results_dir: Path) -> list[Path]:
    raw = Path(results_dir) / "raw"
    return sorted(raw.glob("bench_parse*.json")) + sorted(raw.glob("bench_peers*.json"))


def repetitions(results_dir: Path) -> pd.DataFrame:
    """Every repetition of every Google Benchmark file of the result set."""
    frames = [load_benchmark_file(p) for p in benchmark_files(results_dir)]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KEY)


def contexts(results_dir: Path) -> dict[str, dict]:
    """File name -> the Google Benchmark context of each raw benchmark file."""
    return {p.name: json.loads(p.read_text())["context"] for p in benchmark_files(results_dir)}


def cachesim(results_dir: Path) -> pd.DataFrame:
    """raw/cachesim.json's rows (empty if the run had no valgrind path)."""
    path = Path(results_dir) / "raw" / "cachesim.json"
    if not path.exists():
        return pd.DataFrame()
    return pd.DataFrame(json.loads(path.read_text())["rows"])


def memory_reports(results_dir: Path) -> pd.DataFrame:
    """raw/mem.json: `midiarena mem --json` of the reference file per backend."""
    path = Path(results_dir) / "raw" / "mem.json"
    return pd.DataFrame(json.loads(path.read_text())) if path.exists() else pd.DataFrame()


def _benchmark_summary(reps: pd.DataFrame) -> pd.DataFrame:
    grouped = reps.groupby(KEY, dropna=False, sort=False)
    time = grouped["real_time_ns"]
    out = pd.DataFrame({
        "repetitions": grouped.size(),
        "real_time_ns_median": time.median(),
        "real_time_ns_mean": time.mean(),
        "real_time_cv": time.std() / time.mean(),
        "cpu_time_ns_median": grouped["cpu_time_ns"].median(),
        "events": grouped["events"].median().round(),
        "file_bytes": grouped["file_bytes"].median().round(),
        "items_per_second_median": grouped["items_per_second"].median(),
        "bytes_per_second_median": grouped["bytes_per_second"].median(),
    })
    for column in MEMORY_FIELDS + COUNTERS:
        if column in reps:
            out[column] = grouped[column].median()
    out["ns_per_event"] = out["real_time_ns_median"] / out["events"]
    return out.reset_index()


def _geometry(row: dict) -> str:
    """The simulated caches; alloc_scaling rows (no cache model) have none."""
    caches = " ".join(f"{c}={g['size']},{g['assoc']},{g['line']}" for c, g in row["geometry"].items())
    return f"{caches} ({row.get('geometry_source', 'pinned')})"


def _cachesim_summary(rows: pd.DataFrame) -> pd.DataFrame:
    """One summary row per cachesim row. The benchmark is named as bench_parse
    names it (workload/backend/corpus/heap, alloc_scaling/backend/n/heap);
    the prefetcher model is the sim_hwpref column ("no" in rows written
    before it existed), not part of the name."""
    if rows.empty:
        return pd.DataFrame()
    rows = rows.copy()
    n = rows["n"] if "n" in rows else pd.Series(pd.NA, index=rows.index)
    scaling = rows["workload"] == "alloc_scaling"
    third = rows["corpus"].where(~scaling, n.astype("string"))
    out = pd.DataFrame({
        "source": "cachesim", "allocator": rows["allocator"], "workload": rows["workload"],
        "backend": rows["backend"], "corpus": rows["corpus"], "n": n.where(scaling, pd.NA), "heap": rows["heap"],
        "benchmark": rows["workload"] + "/" + rows["backend"] + "/" + third + "/" + rows["heap"],
        "repetitions": 1, "events": rows["events_per_iteration"],
        "file_bytes": rows["bytes_per_iteration"].where(~scaling, pd.NA),
    })
    for name in CACHESIM_FIELDS:
        out["sim_" + name] = rows[name] if name in rows else pd.NA
    out["sim_hwpref"] = rows["sim_hwpref"].fillna("no") if "sim_hwpref" in rows else "no"
    out["sim_geometry"] = [_geometry(r) if r.get("geometry") else "" for r in rows.to_dict("records")]
    return out


def summary(results_dir: Path, run_id: str | None = None) -> pd.DataFrame:
    """summary.csv's rows: every benchmark configuration, then every cachesim row."""
    results_dir = Path(results_dir)
    reps = repetitions(results_dir)
    parts = [_benchmark_summary(reps)] if not reps.empty else []
    parts.append(_cachesim_summary(cachesim(results_dir)))
    frame = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    frame["run_id"] = run_id or results_dir.resolve().name
    for column in ("n", "repetitions", "events", "file_bytes"):
        frame[column] = frame[column].astype("Int64")
    return frame.reindex(columns=SUMMARY_COLUMNS)


def write_summary(results_dir: Path, frame: pd.DataFrame) -> Path:
    path = Path(results_dir) / "summary.csv"
    frame.to_csv(path, index=False)
    return path
