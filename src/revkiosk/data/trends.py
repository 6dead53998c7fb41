"""Compute trends per era, after Sevilla et al. 2022 (arXiv:2202.05924), numpy only.

Method (as in the paper): ordinary least squares of log10(training FLOP) against decimal year,
fitted separately per era; doubling time = 12·log10(2)/slope months; 95% intervals from a
bootstrap over systems (resample with replacement, refit, take the 2.5/97.5 percentiles). The
RNG is seeded, so the same data always gives the same numbers on screen and in tests.

Eras: pre-deep-learning (1952 to 2010), deep learning (2010 on, regular-scale systems only),
large-scale (from September 2015, AlphaGo Fan, the large-scale systems only).

Separating large-scale systems. The paper flags the systems that sit far above what their
contemporaries used (its abstract: "10 to 100-fold larger"; its blog: "2-3 orders of magnitude"
above the trend) with a statistical threshold, and reports that the large-scale trend barely moves
when the threshold changes. We could not read the paper's appendix text through the available
search, so we use the same idea in the form we could check: a system is large-scale when its
log-compute lies `LARGE_SCALE_Z` standard deviations above the mean of the deep-learning-era
systems published within ±1 year of it, and it is from September 2015 or later.

Calibration. z = 1.3 was chosen on this data so that the rule picks 16 systems up to Feb 2022,
the paper's count: the AlphaGo family, GNMT, AlphaZero, AlphaStar, OpenAI Five, Meena, GPT-3,
Megatron-Turing NLG, Gopher and others (we could not check them against the paper's own list).
The large-scale result barely depends on it, as the paper found: z from 0.8 to 1.5 gives 8.1 to
9.3 months (11 to 51 systems) and the deep-learning era 6.6 to 6.0 months.

Known gap. Epoch's 2025 "notable models" list has about three times as many systems per year as
the paper's 123 milestone systems (311 vs ~118 up to Feb 2022), and Epoch has revised several
estimates since. On the paper's window our estimates land inside the paper's 95% intervals for
all three eras (tests/test_trends.py): 21.5 months [17.0-27.4] before 2010, 6.0 [5.4-6.7] for the
deep-learning era, 8.5 [6.8-14.0] for large-scale. They miss the paper's medians (21.3, 5.7,
9.9); the large-scale era comes out faster, most likely because the denser 2020-2022
language-model cohort is now in the data. Our intervals are narrower because we have more
systems.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOG2 = float(np.log10(2.0))
DL_START = 2010.0
LARGE_SCALE_START = 2015.7  # AlphaGo Fan, September/October 2015
LARGE_SCALE_Z = 1.3
NEIGHBOUR_YEARS = 1.0
PAPER_CUTOFF = 2022.16  # the paper's data ends in February 2022
PRE_DL_START = 1952.0


@dataclass(frozen=True)
class TrendFit:
    """A straight line in log10(FLOP) per year, with its doubling time and 95% interval."""

    era: str
    label: str
    start: float
    end: float
    slope: float  # orders of magnitude per year
    intercept: float  # log10(FLOP) at year 0 (evaluate with `value_at`)
    doubling_months: float
    ci_low: float
    ci_high: float
    n: int

    def value_at(self, year: float | np.ndarray) -> float | np.ndarray:
        """log10(FLOP) of the trend line at `year`."""
        return self.intercept + self.slope * np.asarray(year, dtype=float)

    def describe(self) -> str:
        """'5.7 months [4.3–9.0]': the on-screen label of the line."""
        return (
            f"doubling every {self.doubling_months:.1f} months "
            f"[{self.ci_low:.1f}–{_fmt_bound(self.ci_high)}]"
        )


def _fmt_bound(value: float) -> str:
    return "∞" if not np.isfinite(value) else f"{value:.1f}"


def doubling_months(slope: float | np.ndarray) -> float | np.ndarray:
    """Months to double at `slope` orders of magnitude per year (∞ when not growing)."""
    slope = np.asarray(slope, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(slope > 0, 12.0 * LOG2 / np.where(slope > 0, slope, 1.0), np.inf)


def _ols(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Slopes and intercepts of least-squares lines, row-wise for 2-D inputs."""
    mx = x.mean(axis=-1, keepdims=True)
    my = y.mean(axis=-1, keepdims=True)
    sxx = ((x - mx) ** 2).sum(axis=-1)
    sxy = ((x - mx) * (y - my)).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(sxx > 0, sxy / np.where(sxx > 0, sxx, 1.0), 0.0)
    return slope, my[..., 0] - slope * mx[..., 0]


def fit_trend(
    years: np.ndarray,
    log_compute: np.ndarray,
    *,
    era: str,
    label: str,
    n_boot: int = 2000,
    seed: int = 0,
) -> TrendFit:
    """Fit one era. Raises ValueError with fewer than 3 systems (no line worth drawing)."""
    x = np.asarray(years, dtype=float)
    y = np.asarray(log_compute, dtype=float)
    if x.size < 3:
        raise ValueError(f"{label}: {x.size} systems are too few to fit a trend")
    slope, intercept = _ols(x, y)
    if n_boot <= 0:  # the line only (a chart): no interval, and numpy.random is never imported
        low_slope = high_slope = float("nan")
    else:
        low_slope, high_slope = _bootstrap_slopes(x, y, n_boot, seed)
    return TrendFit(
        era=era,
        label=label,
        start=float(x.min()),
        end=float(x.max()),
        slope=float(slope),
        intercept=float(intercept),
        doubling_months=float(doubling_months(slope)),
        ci_low=float(doubling_months(high_slope)),
        ci_high=float(doubling_months(low_slope)),
        n=int(x.size),
    )


def _bootstrap_slopes(x: np.ndarray, y: np.ndarray, n_boot: int, seed: int) -> tuple[float, float]:
    """The 2.5 and 97.5 percentiles of the slope over `n_boot` resamples of the systems."""
    rng = np.random.default_rng(seed)
    # resample in chunks so 100,000 systems never need an n_boot x n index array in memory
    per_chunk = max(1, 2_000_000 // x.size)
    slopes = []
    for start in range(0, n_boot, per_chunk):
        picks = rng.integers(0, x.size, size=(min(per_chunk, n_boot - start), x.size))
        slopes.append(_ols(x[picks], y[picks])[0])
    boot_slopes = np.concatenate(slopes)
    low_slope, high_slope = np.percentile(boot_slopes, [2.5, 97.5])
    return float(low_slope), float(high_slope)


def large_scale_mask(
    years: np.ndarray,
    log_compute: np.ndarray,
    *,
    z_threshold: float = LARGE_SCALE_Z,
    window: float = NEIGHBOUR_YEARS,
    start: float = LARGE_SCALE_START,
) -> np.ndarray:
    """True for systems far above their contemporaries (see the module docstring)."""
    x = np.asarray(years, dtype=float)
    y = np.asarray(log_compute, dtype=float)
    mask = np.zeros(x.size, dtype=bool)
    era = x >= DL_START
    for i in np.flatnonzero(era & (x >= start)):
        near = era & (np.abs(x - x[i]) <= window)
        spread = y[near].std()
        if near.sum() >= 3 and spread > 0:
            mask[i] = (y[i] - y[near].mean()) / spread >= z_threshold
    return mask


@dataclass(frozen=True)
class EraFits:
    """The three fits and which systems were called large-scale (indices into the input)."""

    pre_deep_learning: TrendFit
    deep_learning: TrendFit
    large_scale: TrendFit
    large_scale_mask: np.ndarray

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter((self.pre_deep_learning, self.deep_learning, self.large_scale))


def fit_eras(
    years: np.ndarray,
    compute: np.ndarray,
    *,
    until: float | None = None,
    z_threshold: float = LARGE_SCALE_Z,
    n_boot: int = 2000,
    seed: int = 0,
) -> EraFits:
    """Fit the three eras on systems up to `until` (decimal year; None = all).

    `compute` is in FLOP (not log); systems without a positive value must be filtered out first.
    """
    x = np.asarray(years, dtype=float)
    c = np.asarray(compute, dtype=float)
    if x.shape != c.shape:
        raise ValueError("years and compute must have the same length")
    if np.any(~np.isfinite(c)) or np.any(c <= 0):
        raise ValueError("compute must be positive FLOP values")
    keep = x <= until if until is not None else np.ones(x.size, dtype=bool)
    y = np.log10(c)
    big = large_scale_mask(
        np.where(keep, x, -np.inf), np.where(keep, y, 0.0), z_threshold=z_threshold
    )
    big &= keep
    pre = keep & (x >= PRE_DL_START) & (x < DL_START)
    regular = keep & (x >= DL_START) & ~big
    opts = {"n_boot": n_boot, "seed": seed}
    return EraFits(
        pre_deep_learning=fit_trend(
            x[pre], y[pre], era="pre", label="Pre-deep-learning era", **opts
        ),
        deep_learning=fit_trend(
            x[regular], y[regular], era="deep", label="Deep-learning era", **opts
        ),
        large_scale=fit_trend(x[big], y[big], era="large", label="Large-scale era", **opts),
        large_scale_mask=big,
    )
