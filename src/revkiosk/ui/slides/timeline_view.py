"""Placeholder timeline view (the timeline engineer replaces this module)."""

from __future__ import annotations

from revkiosk.deck.model import TimelineSlide
from revkiosk.ui.slides.placeholder import PlaceholderView


class TimelineView(PlaceholderView):
    """Shows the title and a card saying how many milestones the timeline will place."""

    slide: TimelineSlide
    headline = "Timeline goes here"

    def detail(self) -> str:
        milestones = self.context.deck.milestones
        wanted = set(self.slide.domains)
        count = sum(1 for m in milestones if not wanted or m.domain in wanted)
        return (
            f"{count} milestones, {min((m.date.year for m in milestones), default='')}–"
            f"{max((m.date.year for m in milestones), default='')}"
            if count
            else ""
        )
