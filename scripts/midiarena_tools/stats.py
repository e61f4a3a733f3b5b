"""The report's statistics: confidence intervals of time reductions, and the
fit of cost per event against log2 n.

Time reduction of A over B: 1 - median(t_A) / median(t_B) over the
repetitions' real times (12.3 ms -> 10.8 ms is 0.12, "12 % faster").

Its 95 % CI comes from a hierarchical bootstrap (`hierarchical_reduction`):
a run times every benchmark in several independent processes, and the
drift between processes (heap layout, code placement, the host's load) is
larger than the spread inside one. Each resample draws processes with
replacement, then repetitions with replacement inside each drawn process,
for each side independently (percentile method, fixed seed, so a report
rebuilt from the same raw/ gives the same intervals). With one process it
reduces to resampling repetitions, which sees none of that drift: the
report then says `runs: 1`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

SEED = 20261124
RESAMPLES = 10_000
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Estimate:
    """A point estimate and its confidence interval (NaN where there are
    too few repetitions to resample)."""

    value: float
    low: float
    high: float

    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def _bootstrap(samples: list[np.ndarray], statistic) -> Estimate:
    samples = [np.asarray(s, dtype=float) for s in samples]
    value = float(statistic(*samples, axis=-1))
    if min(len(s) for s in samples) < 2:
        return Estimate(value, float("nan"), float("nan"))
    result = stats.bootstrap(samples, statistic, n_resamples=RESAMPLES, confidence_level=CONFIDENCE,
                             method="percentile", vectorized=True, paired=False,
                             random_state=np.random.default_rng(SEED))
    interval = result.confidence_interval
    return Estimate(value, float(interval.low), float(interval.high))


HIERARCHICAL_RESAMPLES = 4_000


def _hierarchical_medians(groups: list[np.ndarray], rng: np.random.Generator, resamples: int) -> np.ndarray:
    """Median of each two-level resample of `groups` (one array of repetitions
    per process): processes drawn with replacement, then each drawn process's
    repetitions drawn with replacement, as many as it has."""
    sizes = np.array([len(g) for g in groups])
    padded = np.full((len(groups), sizes.max()), np.nan)
    for i, g in enumerate(groups):
        padded[i, :len(g)] = g
    picked = rng.integers(0, len(groups), size=(resamples, len(groups)))
    picked_sizes = sizes[picked][..., None]
    slots = np.arange(sizes.max())
    draws = (rng.random((resamples, len(groups), sizes.max())) * picked_sizes).astype(int)
    values = padded[picked[..., None], draws]
    values[np.broadcast_to(slots >= picked_sizes, values.shape)] = np.nan  # a smaller process draws fewer
    return np.nanmedian(values.reshape(resamples, -1), axis=1)


def _groups(groups) -> list[np.ndarray]:
    return [np.asarray(g, dtype=float) for g in groups if len(g)]


def _reduction_samples(a_groups, b_groups, rng) -> tuple[float, np.ndarray]:
    """1 - median(a) / median(b) over all repetitions, and its two-level resamples."""
    value = 1 - np.median(np.concatenate(a_groups)) / np.median(np.concatenate(b_groups))
    a = _hierarchical_medians(a_groups, rng, HIERARCHICAL_RESAMPLES)
    b = _hierarchical_medians(b_groups, rng, HIERARCHICAL_RESAMPLES)
    return float(value), 1 - a / b


def _percentile_interval(value: float, samples: np.ndarray) -> Estimate:
    tail = (1 - CONFIDENCE) / 2
    low, high = np.quantile(samples, [tail, 1 - tail])
    return Estimate(float(value), float(low), float(high))


def hierarchical_reduction(a_groups: list, b_groups: list) -> Estimate:
    """1 - median(a) / median(b) over all repetitions, with a 95 % CI from
    the two-level bootstrap of each side's processes and repetitions."""
    a_groups, b_groups = _groups(a_groups), _groups(b_groups)
    if sum(len(g) for g in a_groups) < 2 or sum(len(g) for g in b_groups) < 2:
        value = 1 - np.median(np.concatenate(a_groups)) / np.median(np.concatenate(b_groups))
        return Estimate(float(value), float("nan"), float("nan"))
    return _percentile_interval(*_reduction_samples(a_groups, b_groups, np.random.default_rng(SEED)))


def hierarchical_difference(pairs: list[tuple[list, list]], weights: list[float]) -> Estimate:
    """sum_i w_i * (1 - median(a_i) / median(b_i)) with its two-level CI:
    a contrast of reductions (e.g. the reduction at 1,000 files minus the
    one at 10), every side resampled independently."""
    rng = np.random.default_rng(SEED)
    value, samples = 0.0, np.zeros(HIERARCHICAL_RESAMPLES)
    for (a_groups, b_groups), w in zip(pairs, weights):
        point, resampled = _reduction_samples(_groups(a_groups), _groups(b_groups), rng)
        value += w * point
        samples += w * resampled
    return _percentile_interval(value, samples)


def process_spread(groups: list) -> float:
    """How far apart the processes' medians are: (max - min) / median of the
    per-process medians; NaN with fewer than two processes."""
    medians = np.array([np.median(g) for g in groups if len(g)])
    if len(medians) < 2:
        return float("nan")
    return float((medians.max() - medians.min()) / np.median(medians))


def time_reduction(a_times, b_times) -> Estimate:
    """1 - median(a) / median(b), with its bootstrap CI: how much faster A is than B."""
    return _bootstrap([a_times, b_times], lambda a, b, axis: 1 - np.median(a, axis=axis) / np.median(b, axis=axis))


def sum_reduction(a_times, b_times, c_times) -> Estimate:
    """1 - median(a) / (median(b) + median(c)): A against doing B and then C."""
    return _bootstrap([a_times, b_times, c_times],
                      lambda a, b, c, axis: 1 - np.median(a, axis=axis) /
                      (np.median(b, axis=axis) + np.median(c, axis=axis)))


def paired_time_change(a_times, b_times, quietest: float = 1.0) -> Estimate:
    """median(b_i / a_i) - 1 over pairs timed together, with its bootstrap CI
    (pairs resampled as units): how much longer B takes than A.

    With quietest < 1, over only that share of the pairs with the least
    a_i + b_i: the host's load can change which build wins (on a shared VM,
    contention favoured the build with fewer instructions), and these pairs
    are the closest to a quiet machine. Choosing by the sum, not by either
    time, keeps a comparison of a build with itself centred on zero."""
    a = np.asarray(a_times, dtype=float)
    b = np.asarray(b_times, dtype=float)
    if quietest < 1:
        keep = a + b <= np.quantile(a + b, quietest)
        a, b = a[keep], b[keep]
    return _bootstrap([b / a], lambda r, axis: np.median(r, axis=axis) - 1)


@dataclass(frozen=True)
class LogFit:
    """t/n = intercept + slope * log2 n, least squares over every repetition."""

    intercept: float
    slope: Estimate  # ns per event per doubling of n
    max_deviation: float  # largest |m / median(m) - 1| over the per-n medians m of t/n

    def slope_significant(self) -> bool:
        return self.slope.low > 0


def log_fit(n, ns_per_event) -> LogFit:
    n = np.asarray(n, dtype=float)
    y = np.asarray(ns_per_event, dtype=float)
    fit = stats.linregress(np.log2(n), y)
    margin = stats.t.ppf((1 + CONFIDENCE) / 2, len(n) - 2) * fit.stderr
    medians = np.array([np.median(y[n == size]) for size in np.unique(n)])
    deviation = np.abs(medians / np.median(medians) - 1).max()
    return LogFit(float(fit.intercept), Estimate(float(fit.slope), float(fit.slope - margin),
                                                 float(fit.slope + margin)), float(deviation))
