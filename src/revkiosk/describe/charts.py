"""Plain-language descriptions of the deck's charts, computed from the data they plot (Qt-free).

A visitor who cannot see a chart hears (and a screen reader reads) what it plots, the trend,
the doubling times and the milestones marked on it. The words are computed from
`revkiosk.data` — the same rows and the same era fits the chart draws — so an updated dataset
gives an updated description and the two can never disagree.

Numbers are written for the ear as well as the eye: "3.1 × 10^23" (the speaker reads "×" and
"^" as words, see `ui/speech.py`), months with one decimal, years as years.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from revkiosk.data.dataset import DOMAINS, System, with_compute
from revkiosk.data.trends import EraFits, fit_eras
from revkiosk.deck.model import CsvChart, Deck, PlotSlide
from revkiosk.describe.forecasts import BENCHMARKS, EXPERT_LEVEL

DEFAULT_YEARS = (1950.0, 2025.5)  # the compute chart's default span (ui/plots/compute.py)
TREND_UNTIL = 2023.0  # the chart fits its trends on systems up to the end of 2022
MAX_CSV_BYTES = 4 * 1024 * 1024
MAX_NAMED = 6  # highlighted systems described one by one; the rest are counted


def scientific(value: float) -> str:
    """`3.1 × 10^23`: two significant digits, the power of ten written out."""
    exponent = math.floor(math.log10(value))
    mantissa = value / 10**exponent
    if round(mantissa, 1) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    text = f"{mantissa:.1f}".removesuffix(".0")
    return f"10^{exponent}" if text == "1" else f"{text} × 10^{exponent}"


def _month_year(system: System) -> str:
    return f"{system.published:%B %Y}"


@lru_cache(maxsize=1)
def _fits() -> EraFits:
    rows = [s for s in with_compute() if s.decimal_year < TREND_UNTIL]
    years = np.array([s.decimal_year for s in rows])
    return fit_eras(years, np.array([s.compute for s in rows]), n_boot=0)


def _matched(deck: Deck | None, systems: Sequence[System], names: Sequence[str]) -> list[System]:
    """The systems a slide highlights (milestone ids or system names), in date order."""
    by_name = {s.name.casefold(): s for s in systems}
    found: dict[str, System] = {}
    for name in names:
        milestone = deck.milestone(name) if deck else None
        key = (milestone.system if milestone and milestone.system else name).casefold()
        if key in by_name:
            found[key] = by_name[key]
    return sorted(found.values(), key=lambda s: s.published)


def compute_description(slide: PlotSlide, deck: Deck | None) -> str:
    """The compute chart: span, scale, the three era trends, the marked milestones."""
    first, last = slide.years or DEFAULT_YEARS
    shown = [s for s in with_compute() if first <= s.decimal_year <= last]
    if not shown:
        return f"A chart of training compute from {first:.0f} to {last:.0f}; it shows no systems."
    low = min(s.compute or 1.0 for s in shown)
    high = max(shown, key=lambda s: s.compute or 0.0)
    domains = [d for d in DOMAINS if any(s.domain == d for s in shown)]
    names = [deck.domain(d).name if deck and deck.domain(d) else d for d in domains]  # type: ignore[union-attr]
    parts = [
        f"A chart of the training compute of {len(shown)} notable AI systems, "
        f"{int(first)} to {int(last)}, one dot per system, coloured by field "
        f"({', '.join(n.lower() for n in names)}). "
        f"Compute is on a logarithmic scale, from {scientific(low)} to "
        f"{scientific(high.compute or 1.0)} operations."
    ]
    fits = _fits()
    parts.append(
        "Three fitted trend lines: before 2010 compute doubled about every "
        f"{fits.pre_deep_learning.doubling_months:.0f} months; in the deep-learning era "
        f"about every {fits.deep_learning.doubling_months:.1f} months; for the large-scale "
        f"systems since late 2015 about every {fits.large_scale.doubling_months:.1f} months."
    )
    marked = _matched(deck, shown, slide.highlight)
    for system in marked[:MAX_NAMED]:
        parts.append(
            f"Marked: {system.name}, {system.organisation or 'organisation unknown'}, "
            f"{_month_year(system)}, {scientific(system.compute or 1.0)} operations."
        )
    if len(marked) > MAX_NAMED:
        parts.append(f"{len(marked) - MAX_NAMED} more systems are marked.")
    milestones = _matched(deck, shown, [m.id for m in deck.milestones] if deck else [])
    if milestones:
        parts.append(
            f"{len(milestones)} milestones of this exhibition are labelled on the chart, from "
            f"{milestones[0].name} ({milestones[0].published.year}) to "
            f"{milestones[-1].name} ({milestones[-1].published.year})."
        )
    parts.append(
        f"The largest is {high.name} ({high.published.year}), "
        f"{scientific(high.compute or 1.0)} operations."
    )
    return " ".join(parts)


def forecast_description() -> str:
    """The forecast chart: each benchmark's starting point, forecast and result."""
    parts = ["A chart of what forecasters expected in August 2021 for June 2022, and what came."]
    for row in BENCHMARKS:
        start = f"from {row.start_2021:g}% in August 2021, " if row.start_2021 is not None else ""
        parts.append(
            f"{row.name} ({row.what}): {start}forecasters expected {row.forecast_2022:g}%; "
            f"{row.actual_by} reached {row.actual_2022:g}%."
        )
    parts.append(
        "Both results fell outside the forecasters' 90% intervals. "
        f"Expert level is about {EXPERT_LEVEL:g}%."
    )
    return " ".join(parts)


def _csv_columns(chart: CsvChart) -> tuple[list[float], list[float], set[str]] | None:
    try:
        with chart.file.open("rb") as handle:
            raw = handle.read(MAX_CSV_BYTES)
        rows = csv.DictReader(raw.decode("utf-8-sig").splitlines())
        xs, ys, groups = [], [], set()
        for row in rows:
            try:
                x = float((row.get(chart.x) or "").replace(",", ""))
                y = float((row.get(chart.y) or "").replace(",", ""))
            except ValueError:
                continue
            if math.isfinite(x) and math.isfinite(y):
                xs.append(x)
                ys.append(y)
                if chart.group:
                    groups.add(row.get(chart.group) or "")
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return xs, ys, groups - {""}


def _number(value: float) -> str:
    if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
        return scientific(value) if value > 0 else "-" + scientific(-value)
    return f"{value:.4g}"


def csv_description(chart: CsvChart) -> str:
    """An author's CSV chart: the columns, the ranges, the groups and the overall trend."""
    y_name, x_name = chart.y_title or chart.y, chart.x_title or chart.x
    columns = _csv_columns(chart)
    if columns is None or not columns[0]:
        return f"A chart of {y_name} against {x_name}; its data could not be read."
    xs, ys, groups = columns
    order = sorted(range(len(xs)), key=xs.__getitem__)
    scale = " on a logarithmic scale" if chart.log_y else ""
    parts = [
        f"A chart of {y_name} against {x_name}: {len(xs)} points, {x_name} from "
        f"{_number(min(xs))} to {_number(max(xs))}, {y_name} from {_number(min(ys))} to "
        f"{_number(max(ys))}{scale}."
    ]
    if groups:
        parts.append(f"Groups: {', '.join(sorted(groups))}.")
    if len(xs) >= 3 and max(xs) > min(xs):
        third = max(1, len(order) // 3)
        early = sum(ys[i] for i in order[:third]) / third
        late = sum(ys[i] for i in order[-third:]) / third
        if late > early:
            growth = " rises" if not chart.log_y or early <= 0 else _doubling(xs, ys, x_name)
            parts.append(f"Overall {y_name}{growth} as {x_name} grows.")
        elif late < early:
            parts.append(f"Overall {y_name} falls as {x_name} grows.")
        else:
            parts.append(f"{y_name} stays about level.")
    return " ".join(parts)


def _doubling(xs: list[float], ys: list[float], x_name: str) -> str:
    """' rises, doubling about every 2.1 years' for a log chart (least squares of log2 y)."""
    pairs = [(x, math.log2(y)) for x, y in zip(xs, ys, strict=True) if y > 0]
    if len(pairs) < 3:
        return " rises"
    mean_x = sum(x for x, _ in pairs) / len(pairs)
    mean_y = sum(y for _, y in pairs) / len(pairs)
    sxx = sum((x - mean_x) ** 2 for x, _ in pairs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    if sxx <= 0 or sxy <= 0:
        return " rises"
    return f" rises, doubling about every {_number(sxx / sxy)} in {x_name}"


def chart_description(slide: PlotSlide, deck: Deck | None) -> str:
    """What the chart on `slide` shows, in words (computed from its data)."""
    if slide.chart == "forecast":
        return forecast_description()
    if slide.chart == "csv" and slide.csv is not None:
        return csv_description(slide.csv)
    return compute_description(slide, deck)
