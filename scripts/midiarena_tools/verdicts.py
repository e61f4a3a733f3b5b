"""How a verdict is reached: every threshold the report uses, the verdict of
one comparison, and the summary of a claim's comparisons. claims.md and
claims.json print RULES and the thresholds, so a reader can check each
verdict against its numbers.

A comparison measures one effect in the claim's unit, `point`, signed so
that positive is the direction the document claims (for a time: the
arena's reduction, 1 - t_arena / t_baseline), with a 95 % CI
[`ci_low`, `ci_high`] (equal to the point for deterministic counts), against
the document's range [`claimed_low`, `claimed_high`] (None where open).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# --- per comparison -------------------------------------------------------------
HOLDS, LARGER, SMALLER, NO_DIFFERENCE, FAILS = "holds", "larger", "smaller", "no_difference", "fails"
# --- per claim (also HOLDS, NO_DIFFERENCE, FAILS) ---------------------------------
DIRECTION_ONLY, MIXED, NOT_MEASURED = "direction_only", "mixed", "not_measured"

# An effect smaller than this (|point|, in the claim's unit: a fraction of
# time, bytes or misses) is no difference, whatever its CI: below it, the
# drift between builds and code layouts that docs/notes record (several %)
# can make or unmake it.
MIN_DETECTABLE_EFFECT = 0.03
# A claim of one figure (C4's 12.2 %, C5's 73 %, C6's 25 %) is taken as
# that figure plus or minus this many points.
POINT_CLAIM_TOLERANCE = 0.05
# C8 "similar memory": within this fraction either way.
SIMILAR_MEMORY = 0.10
# C9: the document's hit rate.
CLAIMED_HIT_RATE = 0.95

THRESHOLDS = {"min_detectable_effect": MIN_DETECTABLE_EFFECT, "point_claim_tolerance": POINT_CLAIM_TOLERANCE,
              "similar_memory": SIMILAR_MEMORY, "claimed_hit_rate": CLAIMED_HIT_RATE, "confidence": 0.95}

RULES = {
    **THRESHOLDS,
    "point": "the effect in the claim's unit, positive in the direction the document claims; for a time "
             "1 - t_arena / t_baseline from the medians of all repetitions of all processes",
    "ci": "95 % two-level bootstrap: processes drawn with replacement, then repetitions inside each "
          "(stats.py); deterministic counts (valgrind, memory accounting) have CI = point",
    "holds": "CI above 0 and point inside [claimed_low, claimed_high]",
    "larger": "CI above 0 and point above claimed_high",
    "smaller": "CI above 0 and point below claimed_low",
    "no_difference": "CI contains 0, or |point| < min_detectable_effect",
    "fails": "CI below 0 and |point| >= min_detectable_effect",
    "similar": "a claim of similarity (C8's memory, C11's flat cost), stored as the claimed range [-b, b], "
               "holds when the whole CI lies within it, fails when the point lies outside it, and is "
               "no_difference (inconclusive) otherwise",
    "claim": "holds: every comparison holds; larger / smaller: every comparison holds or is larger "
             "(smaller), at least one is not holds; direction_only: every comparison is in the claimed "
             "direction (holds, larger, smaller), sizes both sides of the range; no_difference: every "
             "comparison is no_difference; fails: none is in the claimed direction and at least one fails; "
             "mixed: some comparisons in the claimed direction, others no_difference or fails; "
             "not_measured: no comparison could be made (the reason says why)",
    "conditions": "where a claim says \"heap\" it is judged against both boxed_heap (the document's prose, "
                  "Vec<Box<Event>>) and vec_owned (the document's code); \"arena\" is typed_arena; a claim "
                  "is judged on every corpus, heap state and global allocator it applies to, each one "
                  "comparison",
}

# One line per word, for claims.md.
WORDS = {
    HOLDS: "every comparison shows the claimed effect, of the claimed size",
    LARGER: "the claimed direction everywhere, and larger than claimed somewhere",
    SMALLER: "the claimed direction everywhere, and smaller than claimed somewhere",
    DIRECTION_ONLY: "the claimed direction everywhere, sizes both above and below the claim",
    MIXED: "the claimed direction in some comparisons, none or the opposite in others",
    NO_DIFFERENCE: "no effect this run can tell from noise, anywhere",
    FAILS: "the opposite effect somewhere, and the claimed one nowhere",
    NOT_MEASURED: "this run has no data for it; the reason says why",
}

_POSITIVE = {HOLDS, LARGER, SMALLER}


@dataclass(frozen=True)
class Range:
    """The document's claimed range in the claim's unit (None: open)."""

    low: float | None
    high: float | None

    @staticmethod
    def point(value: float) -> "Range":
        return Range(value - POINT_CLAIM_TOLERANCE, value + POINT_CLAIM_TOLERANCE)


AT_LEAST_ZERO = Range(0.0, None)  # "faster", "fewer", no size given


def comparison_verdict(point: float, ci_low: float, ci_high: float, claimed: Range) -> str:
    """One comparison: holds, larger, smaller, no_difference or fails."""
    if math.isnan(point):
        raise ValueError("a comparison needs a measured point")
    if abs(point) < MIN_DETECTABLE_EFFECT or ci_low <= 0 <= ci_high:
        return NO_DIFFERENCE
    if ci_high < 0:
        return FAILS
    if claimed.low is not None and point < claimed.low:
        return SMALLER
    if claimed.high is not None and point > claimed.high:
        return LARGER
    return HOLDS


def similarity_verdict(point: float, ci_low: float, ci_high: float, bound: float) -> str:
    """A claim that two figures are similar: |difference| <= bound."""
    if -bound <= ci_low and ci_high <= bound:
        return HOLDS
    if abs(point) > bound:
        return FAILS
    return NO_DIFFERENCE


def verdict_of(point: float, ci_low: float, ci_high: float, claimed_low, claimed_high) -> str:
    """A comparison's verdict from its own fields, as claims.json stores them:
    a claimed range below zero, [-b, b], is a claim of similarity."""
    if claimed_low is not None and claimed_low < 0 and claimed_high == -claimed_low:
        return similarity_verdict(point, ci_low, ci_high, claimed_high)
    return comparison_verdict(point, ci_low, ci_high, Range(claimed_low, claimed_high))


def claim_verdict(verdicts: list[str]) -> str:
    """A claim's summary of its comparisons' verdicts (RULES["claim"]).
    Monotone: a comparison turning from holds into anything else never
    makes the claim's verdict better."""
    found = set(verdicts)
    if not found:
        return NOT_MEASURED
    if found == {HOLDS}:
        return HOLDS
    if found <= {HOLDS, LARGER}:
        return LARGER
    if found <= {HOLDS, SMALLER}:
        return SMALLER
    if found <= _POSITIVE:
        return DIRECTION_ONLY
    if found == {NO_DIFFERENCE}:
        return NO_DIFFERENCE
    if not found & _POSITIVE:
        return FAILS
    return MIXED
