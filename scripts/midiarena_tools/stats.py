"""The report's statistics: bootstrap confidence intervals of time
reductions, and the fit of cost per event against log2 n (claim C11).

Time reduction of A over B: 1 - median(t_A) / median(t_B) over the
repetitions' real times (12.3 ms -> 10.8 ms is 0.12, "12 % faster").
Its 95 % CI resamples each side's repetitions independently (10,000
resamples, percentile method, fixed seed), so a report rebuilt from the
same raw/ gives the same intervals.
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
