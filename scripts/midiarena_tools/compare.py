"""Compares two result sets: the CI performance gate (SPEC section 9).

BASE and NEW are result directories (results/<run-id>/ or results/baseline/).

* Gating: the valgrind counts of raw/cachesim.json, instructions and D1
  misses (reads + writes) per iteration. They are a function of the build
  and its inputs alone, so any change beyond the threshold is the code's,
  not the machine's. Rows are matched by workload, backend, corpus, heap and
  allocator; a pair whose valgrind version, measured iterations, cache
  geometry or corpus content differ is refused, with the reason, because
  its counts would differ for that reason alone.
* Reported, never gating: per-repetition real times of raw/bench_parse-*.json
  where both sides have at least MIN_REPETITIONS, with the change of the
  medians and a two-sided Mann-Whitney U test. On a shared, noisy machine a
  significant timing change is a hint to look, not a verdict.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from scipy.stats import mannwhitneyu

DEFAULT_THRESHOLD_PERCENT = 2.0
MIN_REPETITIONS = 3  # fewer per side and the U test cannot reach p < 0.05
ALPHA = 0.05

IDENTITY = ("workload", "backend", "corpus", "heap", "allocator", "sim_hwpref", "n")
# What a row written before these fields existed had: no prefetcher model, no n.
_IDENTITY_DEFAULTS = {"sim_hwpref": "no", "n": ""}

# Gated metric: name in the table, per-iteration value of a cachesim row.
GATED_METRICS = {
    "instructions": lambda row: row["instructions"],
    "D1 misses": lambda row: row["d1_read_misses"] + row["d1_write_misses"],
}

_METRIC_FIELDS = {"instructions": ("instructions",), "D1 misses": ("d1_read_misses", "d1_write_misses")}

_TIME_UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


class CompareError(RuntimeError):
    """The two result sets cannot be compared (missing or unreadable files, nothing in common)."""


@dataclass(frozen=True)
class CountChange:
    benchmark: str
    metric: str
    base: float
    new: float
    change: float  # relative: new / base - 1
    verdict: str  # "REGRESSION", "improved" or "ok"


@dataclass(frozen=True)
class TimingChange:
    benchmark: str  # "<executable>: <benchmark name>"
    base_median_ns: float
    new_median_ns: float
    change: float
    p_value: float
    repetitions: tuple[int, int]

    @property
    def verdict(self) -> str:
        if self.p_value >= ALPHA:
            return "no significant change"
        return "slower" if self.change > 0 else "faster"


@dataclass
class Comparison:
    threshold: float  # relative, e.g. 0.02
    counts: list[CountChange] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "benchmark: reason"
    only_base: list[str] = field(default_factory=list)
    only_new: list[str] = field(default_factory=list)
    timings: list[TimingChange] = field(default_factory=list)
    timings_too_few: int = 0  # benchmarks on both sides with too few repetitions to test

    @property
    def regressions(self) -> list[CountChange]:
        return [c for c in self.counts if c.verdict == "REGRESSION"]


def relative_change(base: float, new: float) -> float:
    if base == 0:
        return 0.0 if new == 0 else math.inf
    return new / base - 1


def verdict(change: float, threshold: float) -> str:
    if change > threshold:
        return "REGRESSION"
    return "improved" if change < -threshold else "ok"


def load_cachesim(result_dir: Path) -> tuple[str, dict[tuple, dict]]:
    """The valgrind version and the rows of result_dir/raw/cachesim.json, by identity."""
    path = result_dir / "raw" / "cachesim.json"
    try:
        data = json.loads(path.read_text())
        rows = {}
        for row in data["rows"]:
            key = _identity(row)
            if key in rows:
                raise CompareError(f"{path}: {_name(key)} appears twice: which one to compare is ambiguous")
            rows[key] = row
        return data["valgrind"], rows
    except FileNotFoundError:
        raise CompareError(f"{path}: no such file (the valgrind path, scripts/run_cachesim.py, writes it)") from None
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise CompareError(f"{path}: not a run_cachesim.py result: {error!r}") from None


def _identity(row: dict) -> tuple[str, ...]:
    """The row's identity, as strings (a missing or null field as its default)."""
    def field(k: str) -> str:
        value = row.get(k)
        return _IDENTITY_DEFAULTS.get(k, "") if value is None else str(value)
    return tuple(field(k) for k in IDENTITY)


def _name(key: tuple[str, ...]) -> str:
    """workload/backend/corpus-or-n/heap/allocator, and /hwpref where the prefetcher model was on."""
    parts = dict(zip(IDENTITY, key))
    where = parts["corpus"] or (f"n={parts['n']}" if parts["n"] else "")
    name = "/".join(p for p in (parts["workload"], parts["backend"], where, parts["heap"], parts["allocator"]) if p)
    return name + ("/hwpref" if parts["sim_hwpref"] == "yes" else "")


def refusal_reasons(base_version: str, base: dict, new_version: str, new: dict) -> list[str]:
    """Why the counts of `base` and `new` are not comparable; empty if they are."""
    reasons = []
    if base_version != new_version:
        reasons.append(f"valgrind {base_version} vs {new_version}")
    if base["iterations"] != new["iterations"]:
        reasons.append(f"iterations {base['iterations']} vs {new['iterations']}")
    if base["geometry"] != new["geometry"]:
        reasons.append(f"cache geometry {_geometry(base)} vs {_geometry(new)}")
    corpus = ("files", "events_per_iteration", "bytes_per_iteration")
    if any(base[k] != new[k] for k in corpus):
        reasons.append("corpus content " + " vs ".join(
            f"{r['files']} files/{r['events_per_iteration']} events/{r['bytes_per_iteration']} bytes"
            for r in (base, new)))
    return reasons


def compare_counts(base_dir: Path, new_dir: Path, comparison: Comparison) -> None:
    base_version, base_rows = load_cachesim(base_dir)
    new_version, new_rows = load_cachesim(new_dir)
    for key in base_rows.keys() | new_rows.keys():
        name = _name(key)
        if key not in new_rows:
            comparison.only_base.append(name)
        elif key not in base_rows:
            comparison.only_new.append(name)
        elif reasons := refusal_reasons(base_version, base_rows[key], new_version, new_rows[key]):
            comparison.refused.append(f"{name}: {'; '.join(reasons)}")
        else:
            for metric, value in GATED_METRICS.items():
                if any(f not in row for row in (base_rows[key], new_rows[key]) for f in _METRIC_FIELDS[metric]):
                    continue  # alloc_scaling rows count instructions only
                base, new = value(base_rows[key]), value(new_rows[key])
                change = relative_change(base, new)
                comparison.counts.append(
                    CountChange(name, metric, base, new, change, verdict(change, comparison.threshold)))


def load_timings(result_dir: Path) -> dict[str, list[float]]:
    """Per-repetition real times (ns) of every raw/bench_parse-*.json, by "<executable>: <name>"."""
    times: dict[str, list[float]] = {}
    for path in sorted((result_dir / "raw").glob("bench_parse-*.json")):
        try:
            benchmarks = json.loads(path.read_text())["benchmarks"]
        except (json.JSONDecodeError, KeyError) as error:
            raise CompareError(f"{path}: not a Google Benchmark JSON: {error!r}") from None
        for b in benchmarks:
            if b.get("run_type", "iteration") != "iteration" or b.get("error_occurred"):
                continue
            key = f"{path.stem}: {b.get('run_name', b['name'])}"
            times.setdefault(key, []).append(b["real_time"] * _TIME_UNIT_NS[b.get("time_unit", "ns")])
    return times


def compare_timings(base_dir: Path, new_dir: Path, comparison: Comparison) -> None:
    base, new = load_timings(base_dir), load_timings(new_dir)
    for name in sorted(base.keys() & new.keys()):
        a, b = base[name], new[name]
        if min(len(a), len(b)) < MIN_REPETITIONS:
            comparison.timings_too_few += 1
            continue
        test = mannwhitneyu(a, b, alternative="two-sided")
        comparison.timings.append(TimingChange(name, median(a), median(b), relative_change(median(a), median(b)),
                                               float(test.pvalue), (len(a), len(b))))


def compare(base_dir: Path, new_dir: Path, threshold_percent: float = DEFAULT_THRESHOLD_PERCENT) -> Comparison:
    """Compares NEW with BASE; raises CompareError when nothing can be compared."""
    for directory in (base_dir, new_dir):
        if not directory.is_dir():
            raise CompareError(f"{directory}: no such result directory")
    comparison = Comparison(threshold_percent / 100)
    compare_counts(base_dir, new_dir, comparison)
    compare_timings(base_dir, new_dir, comparison)
    if not comparison.counts:
        detail = "\n  ".join(comparison.refused) or "the two sets share no workload/backend/corpus/heap/allocator"
        raise CompareError(f"no valgrind counts are comparable between {base_dir} and {new_dir}:\n  {detail}")
    return comparison


def _geometry(row: dict) -> str:
    return " ".join(f"{c}={g['size']},{g['assoc']},{g['line']}" for c, g in sorted(row["geometry"].items()))


def _percent(change: float) -> str:
    return f"{100 * change:+.2f} %" if math.isfinite(change) else "new"


def format_report(comparison: Comparison) -> str:
    """The counts table (worst first), refusals, the timings table and a summary line."""
    threshold = f"{100 * comparison.threshold:.1f} %"
    lines = [f"valgrind counts per iteration (gating: NEW more than {threshold} above BASE fails)",
             f"{'verdict':<10}  {'change':>9}  {'benchmark':<44}  {'metric':<12}  {'BASE':>13}  {'NEW':>13}"]
    for c in sorted(comparison.counts, key=lambda c: (-c.change, c.benchmark, c.metric)):
        lines.append(f"{c.verdict:<10}  {_percent(c.change):>9}  {c.benchmark:<44}  {c.metric:<12}  "
                     f"{c.base:>13,.0f}  {c.new:>13,.0f}")
    lines += [f"refused (not comparable): {r}" for r in sorted(comparison.refused)]
    lines += [f"only in BASE: {name}" for name in sorted(comparison.only_base)]
    lines += [f"only in NEW: {name}" for name in sorted(comparison.only_new)]

    lines.append("")
    if comparison.timings:
        lines += [f"repeated timings, median real time (reported, not gating; Mann-Whitney U, two-sided, "
                  f"significant at p < {ALPHA})",
                  f"{'verdict':<21}  {'change':>9}  {'p':>7}  {'reps':>7}  {'BASE ns':>12}  {'NEW ns':>12}  benchmark"]
        for t in sorted(comparison.timings, key=lambda t: (-t.change, t.benchmark)):
            lines.append(f"{t.verdict:<21}  {_percent(t.change):>9}  {t.p_value:>7.4f}  "
                         f"{t.repetitions[0]:>3}/{t.repetitions[1]:<3}  {t.base_median_ns:>12,.0f}  "
                         f"{t.new_median_ns:>12,.0f}  {t.benchmark}")
    else:
        lines.append(f"repeated timings: none to compare (both sides need raw/bench_parse-*.json with "
                     f"at least {MIN_REPETITIONS} repetitions)")
    if comparison.timings_too_few:
        lines.append(f"  {comparison.timings_too_few} benchmarks on both sides have fewer than "
                     f"{MIN_REPETITIONS} repetitions: not tested")
    lines += ["", summary_line(comparison)]
    return "\n".join(lines)


def summary_line(comparison: Comparison) -> str:
    regressions = comparison.regressions
    improved = sum(c.verdict == "improved" for c in comparison.counts)
    counts = (f"{len(regressions)} of {len(comparison.counts)} counts regressed more than "
              f"{100 * comparison.threshold:.1f} %, {improved} improved")
    if regressions:
        worst = max(regressions, key=lambda c: c.change)
        counts += f" (worst: {worst.benchmark} {worst.metric} {_percent(worst.change)})"
    extra = [f"{len(comparison.refused)} refused"] if comparison.refused else []
    extra += [f"{len(comparison.only_base)} only in BASE"] if comparison.only_base else []
    extra += [f"{len(comparison.only_new)} only in NEW"] if comparison.only_new else []
    if comparison.timings:
        slower = sum(t.verdict == "slower" for t in comparison.timings)
        faster = sum(t.verdict == "faster" for t in comparison.timings)
        extra.append(f"timings: {slower} slower, {faster} faster of {len(comparison.timings)} (not gating)")
    status = "FAIL" if regressions else "PASS"
    return f"{status}: {counts}" + "".join(f"; {e}" for e in extra)
