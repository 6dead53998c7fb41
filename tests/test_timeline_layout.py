"""Timeline layout (Qt-free): crowded years cluster and fan out legibly, keys step sensibly,
and every tappable thing keeps a 9 mm touch target at 1280x720 and 3840x2160."""

from __future__ import annotations

from pathlib import Path

import pytest

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import Deck, DeckInfo, Domain, Milestone, PartialDate, SectionSlide
from revkiosk.ui.timeline import layout as lay

REPO = Path(__file__).resolve().parent.parent
VISION = Domain("vision", "Vision", "#4cc9f0")
GAMES = Domain("games", "Games", "#f72585")


def milestone(mid: str, date: PartialDate, domain: str = "vision") -> Milestone:
    return Milestone(mid, date, domain, mid.title(), "Org", "Summary.", "https://example.org")


def crowded() -> list[Milestone]:
    """Five vision milestones within 2022 (as the default deck has) and two lone ones."""
    months = [4, 5, 6, 9, 10]
    crowd = [milestone(f"v2022-{m}", PartialDate(2022, m)) for m in months]
    return [
        milestone("alexnet", PartialDate(2012, 9)),
        milestone("gan", PartialDate(2014, 6)),
    ] + crowd


def place(milestones: list[Milestone], width: float = 1600, gap: float = 40) -> lay.TimelineLayout:
    return lay.layout_timeline(
        lay.timeline_milestones(_deck(milestones)),
        [VISION, GAMES],
        left=100,
        right=width,
        top=0,
        lane_height=50,
        gap=gap,
    )


def _deck(milestones: list[Milestone]) -> Deck:
    return Deck(Path("x.yaml"), Path("."), DeckInfo("T"), (VISION, GAMES), tuple(milestones), ())


def test_a_crowded_year_becomes_one_cluster_and_lone_milestones_stay_single() -> None:
    result = place(crowded())
    sizes = sorted(len(c.markers) for c in result.clusters)
    assert sizes == [1, 1, 5]
    big = max(result.clusters, key=lambda c: len(c.markers))
    assert {m.milestone.date.year for m in big.markers} == {2022}


def test_a_fanned_cluster_spaces_markers_a_touch_target_apart_inside_the_axis() -> None:
    result = place(crowded())
    big = max(result.clusters, key=lambda c: len(c.markers))
    xs = result.fan(big)
    assert all(b - a >= result.gap - 1e-6 for a, b in zip(xs, xs[1:], strict=False))
    assert result.left <= xs[0] and xs[-1] <= result.right  # the 2022 crowd sits at the edge


def test_markers_in_different_lanes_never_cluster_together() -> None:
    same_day = [
        milestone("a", PartialDate(2016, 3)),
        milestone("b", PartialDate(2016, 3), domain="games"),
    ]
    result = place(same_day)
    assert [len(c.markers) for c in result.clusters] == [1, 1]
    assert {c.lane for c in result.clusters} == {0, 1}


def test_pixels_and_years_convert_both_ways_and_clamp_to_the_axis() -> None:
    result = place(crowded())
    assert result.year_at(result.x_of(2016.25)) == pytest.approx(2016.25)
    assert result.year_at(-500) == result.year0 == 2012
    assert result.year_at(10_000) == result.year1 == 2023
    assert list(result.years())[0] == 2012 and list(result.years())[-1] == 2022


def test_nine_millimetres_at_96_dpi_is_34_pixels() -> None:
    assert lay.touch_px(96) == 34
    assert lay.touch_px(192) == 68


@pytest.mark.parametrize(("width", "height", "dpi"), [(1280, 720, 96), (3840, 2160, 163)])
def test_default_deck_keeps_touch_targets_apart_at_kiosk_sizes(width, height, dpi) -> None:
    """Every collapsed marker or badge is at least 9 mm from its lane neighbours."""
    deck = load_deck(REPO / "slides" / "deep-learning-revolution.yaml")
    gap = max(lay.touch_px(dpi), 40 * height / 1080)
    scale = height / 1080
    result = lay.layout_timeline(
        lay.timeline_milestones(deck),
        lay.timeline_domains(deck),
        left=190 * scale,
        right=width - 36 * scale,
        top=0,
        lane_height=max(46 * scale, gap),
        gap=gap,
    )
    assert len(result.markers) == len(deck.milestones) == 37  # issue 15 added four
    for lane in range(len(result.lanes)):
        xs = sorted(c.x for c in result.clusters if c.lane == lane)
        assert all(b - a >= gap - 1e-6 for a, b in zip(xs, xs[1:], strict=False)), (lane, xs)
    assert result.lanes[0].height >= lay.touch_px(dpi)


def test_keys_step_by_milestone_and_by_year() -> None:
    ms = lay.timeline_milestones(_deck(crowded()))
    first, second = ms[0], ms[1]
    assert lay.step_milestone(ms, first, 1) is second
    assert lay.step_milestone(ms, first, -1) is first  # clamped at the start
    assert lay.step_year(ms, first, 1) is second  # 2012 → 2014 (no milestone in 2013)
    assert lay.step_year(ms, second, 1).id == "v2022-4"  # first milestone of 2022
    assert lay.step_year(ms, ms[-1], -1) is second
    assert lay.nearest_milestone(ms, 2013.9) is second


def test_story_position_of_a_section_slide_is_the_last_milestone_before_it() -> None:
    deck = load_deck(REPO / "slides" / "deep-learning-revolution.yaml")
    index = deck.slide_index_of_milestone("alphago")
    assert lay.story_position(deck, index) == (
        "alphago",
        deck.milestone("alphago").date.decimal_year,
    )
    later = next(
        i for i in range(index + 1, len(deck.slides)) if isinstance(deck.slides[i], SectionSlide)
    )
    milestone_id, year = lay.story_position(deck, later)
    assert milestone_id is None and year is not None and year >= 2016
    assert lay.story_position(deck, 0) == (None, None)
    assert lay.story_position(deck, 999) == (None, None)


def test_a_domain_filter_keeps_only_its_lanes_and_milestones() -> None:
    deck = load_deck(REPO / "slides" / "deep-learning-revolution.yaml")
    assert [d.id for d in lay.timeline_domains(deck, ("games",))] == ["games"]
    assert {m.domain for m in lay.timeline_milestones(deck, ("games",))} == {"games"}
