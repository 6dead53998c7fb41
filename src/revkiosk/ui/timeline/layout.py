"""Where the timeline puts things: the year axis, one lane per domain, markers and clusters.

Pure Python (no Qt), so the arithmetic that decides legibility (which markers overlap, how a
crowded year fans out) is tested in microseconds and shared by the overlay strip and the
full-size timeline slide. All lengths are pixels of the widget being laid out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from revkiosk.deck.model import Deck, Domain, Milestone, MilestoneSlide

MM_PER_INCH = 25.4
TOUCH_MM = 9.0  # smallest comfortable touch target (Microsoft and Apple guidance is 7–10 mm)


def touch_px(dpi: float, mm: float = TOUCH_MM) -> int:
    """Pixels for `mm` millimetres at `dpi` (offscreen screens report 96 → 9 mm ≈ 34 px)."""
    return round(mm * max(dpi, 1.0) / MM_PER_INCH)


@dataclass(frozen=True)
class Lane:
    """One horizontal band of the strip: a domain's milestones, in its colour."""

    domain: Domain
    top: float
    height: float

    @property
    def center(self) -> float:
        return self.top + self.height / 2


@dataclass(frozen=True)
class Marker:
    """A milestone's place: `x` is its date on the axis, `y` its lane's centre line."""

    milestone: Milestone
    lane: int
    x: float
    y: float


@dataclass(frozen=True)
class Cluster:
    """Markers of one lane that would overlap, drawn as one badge until hovered or tapped."""

    markers: tuple[Marker, ...]
    x: float
    y: float
    lane: int

    @property
    def crowded(self) -> bool:
        return len(self.markers) > 1


@dataclass(frozen=True)
class TimelineLayout:
    """The result of `layout_timeline`; converts between years and pixels."""

    year0: float
    year1: float
    left: float
    right: float
    lanes: tuple[Lane, ...]
    clusters: tuple[Cluster, ...]
    gap: float  # the smallest centre-to-centre distance between two tappable things

    def x_of(self, year: float) -> float:
        """Pixel position of a (decimal) year on the axis."""
        span = max(self.year1 - self.year0, 1e-9)
        return self.left + (year - self.year0) / span * (self.right - self.left)

    def year_at(self, x: float) -> float:
        """The (decimal) year under pixel `x`, clamped to the axis."""
        width = max(self.right - self.left, 1e-9)
        fraction = min(max((x - self.left) / width, 0.0), 1.0)
        return self.year0 + fraction * (self.year1 - self.year0)

    @property
    def markers(self) -> tuple[Marker, ...]:
        return tuple(m for c in self.clusters for m in c.markers)

    def years(self) -> range:
        """The whole years the axis labels (one band each)."""
        return range(math.floor(self.year0), math.ceil(self.year1))

    def fan(self, cluster: Cluster) -> list[float]:
        """Centres of a cluster's markers when it fans out: `gap` apart, kept on the axis."""
        count = len(cluster.markers)
        step = self.gap
        width = step * (count - 1)
        start = min(max(cluster.x - width / 2, self.left), max(self.right - width, self.left))
        return [start + i * step for i in range(count)]


def axis_years(milestones: Sequence[Milestone]) -> tuple[float, float]:
    """Whole years from the first milestone's year to the end of the last one's."""
    if not milestones:
        return 2011.0, 2023.0
    first = min(m.date.year for m in milestones)
    last = max(m.date.year for m in milestones)
    return float(first), float(last + 1)


def timeline_milestones(deck: Deck, domains: Sequence[str] = ()) -> list[Milestone]:
    """The deck's milestones (optionally of some domains only), oldest first."""
    wanted = set(domains)
    chosen = [m for m in deck.milestones if not wanted or m.domain in wanted]
    return sorted(chosen, key=lambda m: (m.date.decimal_year, m.title.casefold()))


def timeline_domains(deck: Deck, domains: Sequence[str] = ()) -> list[Domain]:
    """Lanes to draw: the filter's domains in the deck's order, or every domain with milestones."""
    used = {m.domain for m in deck.milestones}
    if domains:
        return [d for d in deck.domains if d.id in set(domains)]
    return [d for d in deck.domains if d.id in used]


def _cluster_lane(markers: list[Marker], gap: float, lane: int) -> list[Cluster]:
    """Greedy left-to-right grouping, then merging clusters whose centres still collide."""
    groups: list[list[Marker]] = []
    for marker in sorted(markers, key=lambda m: m.x):
        if groups and marker.x - groups[-1][-1].x < gap:
            groups[-1].append(marker)
        else:
            groups.append([marker])
    centres = [sum(m.x for m in g) / len(g) for g in groups]
    merged = True
    while merged and len(groups) > 1:
        merged = False
        for i in range(len(groups) - 1):
            if centres[i + 1] - centres[i] < gap:
                groups[i] += groups.pop(i + 1)
                centres[i] = sum(m.x for m in groups[i]) / len(groups[i])
                centres.pop(i + 1)
                merged = True
                break
    y = markers[0].y if markers else 0.0
    return [Cluster(tuple(g), c, y, lane) for g, c in zip(groups, centres, strict=True)]


def layout_timeline(
    milestones: Sequence[Milestone],
    domains: Sequence[Domain],
    *,
    left: float,
    right: float,
    top: float,
    lane_height: float,
    gap: float,
    years: tuple[float, float] | None = None,
) -> TimelineLayout:
    """Place every milestone in its domain's lane and cluster those closer than `gap` pixels.

    `gap` is the touch target size: two markers closer than that cannot both be tapped, so they
    become one cluster that fans out `gap` apart on hover or tap. Milestones of a domain without
    a lane are skipped (a `domains:` filter on the slide).
    """
    year0, year1 = years or axis_years(milestones)
    lanes = tuple(Lane(d, top + i * lane_height, lane_height) for i, d in enumerate(domains))
    lane_of = {lane.domain.id: i for i, lane in enumerate(lanes)}
    base = TimelineLayout(year0, year1, left, right, lanes, (), gap)
    per_lane: dict[int, list[Marker]] = {}
    for milestone in milestones:
        index = lane_of.get(milestone.domain)
        if index is None:
            continue
        x = base.x_of(milestone.date.decimal_year)
        per_lane.setdefault(index, []).append(Marker(milestone, index, x, lanes[index].center))
    clusters: list[Cluster] = []
    for index in sorted(per_lane):
        clusters += _cluster_lane(per_lane[index], gap, index)
    return TimelineLayout(year0, year1, left, right, lanes, tuple(clusters), gap)


def nearest_milestone(milestones: Sequence[Milestone], year: float) -> Milestone | None:
    """The milestone closest in time to `year` (ties go to the earlier one)."""
    if not milestones:
        return None
    return min(milestones, key=lambda m: (abs(m.date.decimal_year - year), m.date.decimal_year))


def step_milestone(
    milestones: Sequence[Milestone], current: Milestone | None, step: int
) -> Milestone | None:
    """The milestone `step` places after `current` in time (clamped at both ends)."""
    if not milestones:
        return None
    if current is None or current not in milestones:
        return milestones[0] if step > 0 else milestones[-1]
    index = min(max(milestones.index(current) + step, 0), len(milestones) - 1)
    return milestones[index]


def step_year(
    milestones: Sequence[Milestone], current: Milestone | None, step: int
) -> Milestone | None:
    """The first milestone of the next (step > 0) or previous (step < 0) year that has any."""
    if not milestones:
        return None
    year = current.date.year if current is not None else milestones[0].date.year
    if step > 0:
        later = [m for m in milestones if m.date.year > year]
        return later[0] if later else milestones[-1]
    earlier = [m for m in milestones if m.date.year < year]
    if not earlier:
        return milestones[0]
    target = earlier[-1].date.year
    return next(m for m in milestones if m.date.year == target)


def story_position(deck: Deck, index: int) -> tuple[str | None, float | None]:
    """Where slide `index` sits in time: its milestone, or (None, year) of the last one before.

    The strip highlights the milestone of a milestone slide and otherwise rests its handle at
    the story's latest milestone so far (a section slide about games sits after AlphaGo).
    """
    slides = deck.slides
    if not 0 <= index < len(slides):
        return None, None
    slide = slides[index]
    if isinstance(slide, MilestoneSlide):
        return slide.milestone.id, slide.milestone.date.decimal_year
    for earlier in reversed(slides[:index]):
        if isinstance(earlier, MilestoneSlide):
            return None, earlier.milestone.date.decimal_year
    return None, None
