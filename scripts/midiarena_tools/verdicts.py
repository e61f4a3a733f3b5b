"""How a verdict is reached (the rules claims.md prints for readers).

A claim is checked against measured figures; where it says "heap" it is
checked against both boxed_heap (the document's prose, Vec<Box<Event>>) and
vec_owned (the document's code), and both sub-results are reported.
"""

from __future__ import annotations

import math

from .stats import Estimate

HOLDS, PARTLY, FAILS, NOT_MEASURED = "holds", "partly", "fails", "not_measured"
_STRENGTH = {FAILS: 0, PARTLY: 1, HOLDS: 2}

RULES = [
    "Time reduction of the arena over B: 1 - t_arena / t_B from the medians of the repetitions' real time "
    "(12.3 ms -> 10.8 ms is 12 % faster); 95 % bootstrap CI resampling each side's repetitions "
    "(10,000 resamples, fixed seed). Deterministic counts (valgrind, memory accounting) are exact, with no CI.",
    "`holds`: the measured CI overlaps the claimed range (direction and size).",
    "`partly`: direction right but size outside the claimed range (CI entirely on the claimed side of 0), "
    "or holds against one \"heap\" (boxed_heap, vec_owned) but not the other, or one half of a two-part claim holds.",
    "`fails`: direction wrong, or no significant difference (CI includes 0) where a difference is claimed; "
    "this is checked first, so a CI spanning both 0 and the claimed range fails.",
    "`not_measured`: this run has no data for it; the reason says why.",
    "Default conditions: workload parse, fresh heap, glibc malloc; \"arena\" is typed_arena.",
]


def _interval(estimate: Estimate) -> tuple[float, float]:
    """The CI, or the point itself where there were too few repetitions to resample."""
    if math.isnan(estimate.low):
        return estimate.value, estimate.value
    return estimate.low, estimate.high


def range_verdict(estimate: Estimate, low: float, high: float) -> str:
    """A measured reduction against a claimed range [low, high] (fractions, on the positive side)."""
    ci_low, ci_high = _interval(estimate)
    if low > 0 and ci_low <= 0:  # a difference is claimed, none (or the opposite) is shown
        return FAILS
    if ci_low <= high and ci_high >= low:
        return HOLDS
    if ci_low > 0:
        return PARTLY
    return FAILS


def faster_verdict(estimate: Estimate) -> str:
    """A claim of "faster", no size given: holds if the whole CI is above 0."""
    return HOLDS if _interval(estimate)[0] > 0 else FAILS


def exact_verdict(value: float, low: float, high: float) -> str:
    """A deterministic reduction against a claimed range: holds inside, partly on the right side of 0."""
    if low <= value <= high:
        return HOLDS
    return PARTLY if value > 0 else FAILS


def heaps(verdicts: list[str]) -> str:
    """The same claim against boxed_heap and vec_owned: holding against one
    but not the other is partly, otherwise the weaker of the two."""
    if HOLDS in verdicts and any(v != HOLDS for v in verdicts):
        return PARTLY
    return min(verdicts, key=_STRENGTH.__getitem__)


def parts(verdicts: list[str]) -> str:
    """A claim of several parts: holds if all hold, fails if none holds, partly otherwise."""
    holding = sum(v == HOLDS for v in verdicts)
    if holding == len(verdicts):
        return HOLDS
    return FAILS if holding == 0 and PARTLY not in verdicts else PARTLY
