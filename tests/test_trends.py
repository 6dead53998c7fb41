"""Era fits after Sevilla et al. 2022: on the paper's window they land inside its intervals."""

from __future__ import annotations

import numpy as np
import pytest

from revkiosk.data.dataset import with_compute
from revkiosk.data.trends import PAPER_CUTOFF, doubling_months, fit_eras, fit_trend

# Sevilla et al. 2022, Table 2: median doubling time and 95% interval, months.
PAPER = {"pre": (21.3, 17.0, 29.3), "deep": (5.7, 4.3, 9.0), "large": (9.9, 7.7, 17.1)}


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray, list[str]]:
    systems = with_compute()
    years = np.array([s.decimal_year for s in systems])
    compute = np.array([s.compute for s in systems])
    return years, compute, [s.name for s in systems]


@pytest.fixture(scope="module")
def paper_window(data):
    years, compute, _ = data
    return fit_eras(years, compute, until=PAPER_CUTOFF)


@pytest.mark.parametrize("era", ["pre", "deep", "large"])
def test_doubling_time_lands_inside_the_papers_interval(paper_window, era) -> None:
    fit = {f.era: f for f in paper_window}[era]
    _, low, high = PAPER[era]
    assert low <= fit.doubling_months <= high, fit.describe()
    assert fit.ci_low < fit.doubling_months < fit.ci_high


def test_large_scale_systems_are_the_ones_the_paper_names(paper_window, data) -> None:
    names = {data[2][i] for i in np.flatnonzero(paper_window.large_scale_mask)}
    assert paper_window.large_scale.n == 16  # the paper's count too
    assert {"AlphaGo Fan", "AlphaGo Zero", "GPT-3 175B (davinci)", "Gopher (280B)"} <= names
    assert "AlexNet" not in names  # before the large-scale era


def test_fits_are_deterministic_for_a_seed(data) -> None:
    years, compute, _ = data
    first = fit_eras(years, compute, until=PAPER_CUTOFF, n_boot=500, seed=3)
    again = fit_eras(years, compute, until=PAPER_CUTOFF, n_boot=500, seed=3)
    assert first.deep_learning == again.deep_learning


def test_a_known_doubling_time_is_recovered() -> None:
    rng = np.random.default_rng(1)
    years = np.sort(rng.uniform(2000, 2020, 200))
    log_c = 10 + years * np.log10(2) * 12 / 6.0 + rng.normal(0, 0.3, years.size)
    fit = fit_trend(years, log_c, era="deep", label="synthetic", n_boot=400)
    assert fit.doubling_months == pytest.approx(6.0, rel=0.03)
    assert fit.ci_low < 6.0 < fit.ci_high


def test_flat_or_falling_compute_never_doubles() -> None:
    assert np.isinf(doubling_months(0.0)) and np.isinf(doubling_months(-0.1))


def test_bad_input_gives_clear_errors() -> None:
    with pytest.raises(ValueError, match="too few"):
        fit_trend(np.array([2000.0, 2001.0]), np.array([1.0, 2.0]), era="x", label="x")
    with pytest.raises(ValueError, match="positive"):
        fit_eras(np.array([2000.0, 2001.0]), np.array([1.0, 0.0]))
