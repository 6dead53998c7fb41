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
from typing import TYPE_CHECKING

from revkiosk.data.dataset import DOMAINS, System, with_compute
from revkiosk.deck.model import CsvChart, Deck, PlotSlide
from revkiosk.describe.forecasts import BENCHMARKS, EXPERT_LEVEL
from revkiosk.i18n.words import _, month_year, ngettext, number, percent

if TYPE_CHECKING:
    from revkiosk.data.trends import EraFits

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
    rounded = round(mantissa, 1)
    text = str(int(rounded)) if rounded == int(rounded) else number(rounded, 1)  # "3,1" in fr
    return f"10^{exponent}" if text == "1" else f"{text} × 10^{exponent}"


def _month_year(system: System) -> str:
    return month_year(system.published.year, system.published.month)


@lru_cache(maxsize=1)
def _fits() -> EraFits:
    # numpy and the fits here, when a chart is first described: the access part that imports
    # this module is installed right after the first paint, when numpy (~80 ms) would hold
    # the event loop; the chart warm-up imports it on a thread instead (`revkiosk.ui.plots`).
    import numpy as np

    from revkiosk.data.trends import fit_eras

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
        return _(
            "A chart of training compute from {first} to {last}; it shows no systems.",
            first=int(first),
            last=int(last),
        )
    low = min(s.compute or 1.0 for s in shown)
    high = max(shown, key=lambda s: s.compute or 0.0)
    domains = [d for d in DOMAINS if any(s.domain == d for s in shown)]
    names = [deck.domain(d).name if deck and deck.domain(d) else d for d in domains]  # type: ignore[union-attr]
    parts = [
        _(
            "A chart of the training compute of {count} notable AI systems, {first} to {last}, "
            "one dot per system, coloured by field ({fields}). Compute is on a logarithmic "
            "scale, from {low} to {high} operations.",
            count=len(shown),
            first=int(first),
            last=int(last),
            fields=", ".join(n.lower() for n in names),
            low=scientific(low),
            high=scientific(high.compute or 1.0),
        )
    ]
    fits = _fits()
    parts.append(
        _(
            "Three fitted trend lines: before 2010 compute doubled about every {pre} months; "
            "in the deep-learning era about every {deep} months; for the large-scale systems "
            "since late 2015 about every {large} months.",
            pre=number(fits.pre_deep_learning.doubling_months, 0),
            deep=number(fits.deep_learning.doubling_months, 1),
            large=number(fits.large_scale.doubling_months, 1),
        )
    )
    marked = _matched(deck, shown, slide.highlight)
    for system in marked[:MAX_NAMED]:
        parts.append(
            _(
                "Marked: {name}, {organisation}, {when}, {flop} operations.",
                name=system.name,
                organisation=system.organisation or _("organisation unknown"),
                when=_month_year(system),
                flop=scientific(system.compute or 1.0),
            )
        )
    if len(marked) > MAX_NAMED:
        more = len(marked) - MAX_NAMED
        parts.append(ngettext("{count} more system is marked.", "{count} more systems are marked.",
                              more, count=more))  # fmt: skip
    milestones = _matched(deck, shown, [m.id for m in deck.milestones] if deck else [])
    if milestones:
        parts.append(
            _(
                "{count} milestones of this exhibition are labelled on the chart, from "
                "{first} ({first_year}) to {last} ({last_year}).",
                count=len(milestones),
                first=milestones[0].name,
                first_year=milestones[0].published.year,
                last=milestones[-1].name,
                last_year=milestones[-1].published.year,
            )
        )
    parts.append(
        _(
            "The largest is {name} ({year}), {flop} operations.",
            name=high.name,
            year=high.published.year,
            flop=scientific(high.compute or 1.0),
        )
    )
    return " ".join(parts)


def forecast_description() -> str:
    """The forecast chart: each benchmark's starting point, forecast and result."""
    parts = [_("A chart of what forecasters expected in August 2021 for June 2022, and what came.")]
    for row in BENCHMARKS:
        if row.start_2021 is not None:
            parts.append(
                _(
                    "{name} ({what}): from {start} in August 2021, forecasters expected "
                    "{forecast}; {who} reached {actual}.",
                    name=row.name,
                    what=_(row.what),
                    start=percent(row.start_2021),
                    forecast=percent(row.forecast_2022),
                    who=row.actual_by,
                    actual=percent(row.actual_2022),
                )
            )
        else:
            parts.append(
                _(
                    "{name} ({what}): forecasters expected {forecast}; {who} reached {actual}.",
                    name=row.name,
                    what=_(row.what),
                    forecast=percent(row.forecast_2022),
                    who=row.actual_by,
                    actual=percent(row.actual_2022),
                )
            )
    parts.append(
        _(
            "Both results fell outside the forecasters' 90% intervals. Expert level is about "
            "{expert}.",
            expert=percent(EXPERT_LEVEL),
        )
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
        return _("A chart of {y} against {x}; its data could not be read.", y=y_name, x=x_name)
    xs, ys, groups = columns
    order = sorted(range(len(xs)), key=xs.__getitem__)
    fields: dict[str, object] = {"y": y_name, "x": x_name, "count": len(xs)}
    fields |= {"x_low": _number(min(xs)), "x_high": _number(max(xs))}
    fields |= {"y_low": _number(min(ys)), "y_high": _number(max(ys))}
    parts = [
        _(
            "A chart of {y} against {x}: {count} points, {x} from {x_low} to {x_high}, {y} "
            "from {y_low} to {y_high} on a logarithmic scale.",
            **fields,
        )
        if chart.log_y
        else _(
            "A chart of {y} against {x}: {count} points, {x} from {x_low} to {x_high}, {y} "
            "from {y_low} to {y_high}.",
            **fields,
        )
    ]
    if groups:
        named = sorted(chart.display(group) for group in groups)  # as the legend names them
        parts.append(_("Groups: {groups}.", groups=", ".join(named)))
    if len(xs) >= 3 and max(xs) > min(xs):
        third = max(1, len(order) // 3)
        early = sum(ys[i] for i in order[:third]) / third
        late = sum(ys[i] for i in order[-third:]) / third
        if late > early:
            every = _doubling(xs, ys) if chart.log_y and early > 0 else None
            parts.append(
                _("Overall {y} rises as {x} grows.", y=y_name, x=x_name)
                if every is None
                else _(
                    "Overall {y} rises as {x} grows, doubling about every {every} in {x}.",
                    y=y_name,
                    x=x_name,
                    every=every,
                )
            )
        elif late < early:
            parts.append(_("Overall {y} falls as {x} grows.", y=y_name, x=x_name))
        else:
            parts.append(_("{y} stays about level.", y=y_name))
    return " ".join(parts)


def _doubling(xs: list[float], ys: list[float]) -> str | None:
    """How much x it takes y to double, on a log chart (least squares of log2 y); None when
    it does not rise."""
    pairs = [(x, math.log2(y)) for x, y in zip(xs, ys, strict=True) if y > 0]
    if len(pairs) < 3:
        return None
    mean_x = sum(x for x, _y in pairs) / len(pairs)
    mean_y = sum(y for _x, y in pairs) / len(pairs)
    sxx = sum((x - mean_x) ** 2 for x, _y in pairs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    if sxx <= 0 or sxy <= 0:
        return None
    return _number(sxx / sxy)


def chart_description(slide: PlotSlide, deck: Deck | None) -> str:
    """What the chart on `slide` shows, in words (computed from its data)."""
    if slide.chart == "forecast":
        return forecast_description()
    if slide.chart == "csv" and slide.csv is not None:
        return csv_description(slide.csv)
    return compute_description(slide, deck)
