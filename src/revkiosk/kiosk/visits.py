"""Visitor statistics in the running kiosk: what happens on screen, handed to the recorder.

`VisitTracker` listens — to the attract loop (a visitor arrived, the kiosk went idle), the
navigator (the slide shown), the `Show` (deck, language, comfort settings) and the input (a
visit lasts until the last touch) — and tells `stats.visits.VisitRecorder`, which writes the
records through the day log (stats/log.py). On start it closes any visit a crash or a power cut
left open; on stop (quit, exit chord) it ends the visit in progress and flushes the log.
Recording is on in kiosk mode unless settings.yaml says `statistics: false`.
"""

from __future__ import annotations

import logging
from dataclasses import fields
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from revkiosk.deck.model import Deck, Slide
from revkiosk.kiosk.attract import AttractLoop
from revkiosk.navigator import Navigator
from revkiosk.settings import VisitorSettings
from revkiosk.show import Show
from revkiosk.stats import stats_dir
from revkiosk.stats.log import StatsLog
from revkiosk.stats.recover import close_interrupted_visits
from revkiosk.stats.visits import Clock, VisitRecorder
from revkiosk.ui.stage import has_video

log = logging.getLogger(__name__)

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel,
    QEvent.Type.TabletPress,
}


def slide_key(slide: Slide, index: int) -> str:
    """How the statistics name a slide: its id, else its milestone's, else its number."""
    milestone = getattr(slide, "milestone", None)
    return slide.id or (milestone.id if milestone is not None else f"#{index + 1}")


class VisitTracker(QObject):
    """Feeds one kiosk's happenings to a `VisitRecorder` (see the module docstring)."""

    def __init__(
        self,
        navigator: Navigator,
        show: Show,
        attract: AttractLoop,
        *,
        folder: Path | None = None,
        clock: Clock | None = None,
        background: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.navigator = navigator
        self.the_show = show
        self.folder = folder or stats_dir()
        self.log = StatsLog(self.folder, background=background)
        self.recorder = VisitRecorder(self.log, clock=clock, language=show.language)
        self._visitor = show.visitor
        self._installed = False
        attract.visitor_arrived.connect(self._on_attract_visitor_arrived)
        attract.went_idle.connect(self._on_attract_went_idle)
        navigator.current_changed.connect(self._on_navigator_current_changed)
        show.deck_changed.connect(self._on_show_deck_changed)
        show.language_changed.connect(self.recorder.set_language)
        show.visitor_changed.connect(self._on_show_visitor_changed)

    def start(self) -> None:
        """Close visits left open by the last run, then note what is on screen."""
        today = self.recorder.clock.now().date()
        try:
            closed = close_interrupted_visits(self.folder, self.log, today)
        except OSError as error:  # unreadable folder: the writer will say it too
            log.warning("statistics: cannot read %s: %s", self.folder, error)
            closed = 0
        if closed:
            log.info("statistics: closed %d visit(s) the last run left open", closed)
        self._on_show_deck_changed(self.the_show.deck)
        self._note_slide(self.navigator.index)

    def stop(self, reason: str = "exit") -> None:
        """End the visit in progress and put everything on disk."""
        self.end_visit(reason)
        self._watch_input(False)
        self.log.close()

    def end_visit(self, reason: str) -> None:
        """Closing time, a deck switch, quitting: the visit in progress ends now."""
        self.recorder.visit_over(reason)
        self._watch_input(False)

    def layer_opened(self, layer: str) -> None:
        """A "more" layer (or another overlay a visitor opens) was opened on the slide shown."""
        self.recorder.layer_opened(layer)

    # -- happenings ---------------------------------------------------------------------------
    def _on_attract_visitor_arrived(self) -> None:
        self.recorder.visitor_arrived()
        self._watch_input(True)
        self._note_video(self.navigator.index)

    def _on_attract_went_idle(self) -> None:
        self.end_visit("idle")

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        self._note_slide(new)
        self._note_video(new)

    def _on_show_deck_changed(self, deck: Deck | None) -> None:
        path = self.the_show.deck_path
        self.recorder.set_deck(path.stem if path else "")
        if not self.recorder.in_visit:  # a scheduled switch: the slide shown is another one now
            self._note_slide(self.navigator.index)

    def _on_show_visitor_changed(self, visitor: VisitorSettings) -> None:
        before, self._visitor = self._visitor, visitor
        changes = [
            (f.name, getattr(visitor, f.name))
            for f in fields(visitor)
            if getattr(visitor, f.name) != getattr(before, f.name)
        ]
        if changes:
            self.recorder.comfort_changed(changes)

    def _note_slide(self, index: int) -> None:
        deck = self.the_show.deck
        if deck is None or not 0 <= index < len(deck.slides):
            return
        slide = deck.slides[index]
        self.recorder.slide_shown(slide_key(slide, index), slide.heading, index)

    def _note_video(self, index: int) -> None:
        deck = self.the_show.deck
        if deck is not None and 0 <= index < len(deck.slides) and has_video(deck.slides[index]):
            self.recorder.video_played()

    # -- input ----------------------------------------------------------------------------------
    def _watch_input(self, on: bool) -> None:
        """Watch touches and keys only during a visit (nothing to note between visits)."""
        app = QApplication.instance()
        if app is None or on == self._installed:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._installed = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _INPUT:
            self.recorder.input_seen()
        return False


__all__ = ["VisitTracker", "slide_key"]
