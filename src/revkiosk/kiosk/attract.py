"""The attract loop: an unattended kiosk advances by itself until a visitor touches it.

After `idle_seconds` without input the loop returns to the start slide and advances on its own:
each slide stays its `seconds` (or the deck's `slide_seconds`); a video slide stays as long as its
view's `attract_seconds()` says (the clip plays through once), capped at `video_cap_seconds`;
a slide whose text comes in pages (a long body on a near-square or portrait screen with
`aspect: auto`) shows every page, each for the time `deck.pace.page_seconds` gives the words it
shows, before the loop moves on; after the last slide it starts again. While it runs, a hint
("Touch the screen to explore") sits at the top of the screen. The first touch, click or key
only hands control back (it is swallowed, so a visitor's first tap never skips the slide they
came to read) — or, when the
deck names a hub (`kiosk: start:`), takes the visitor to it; after another idle period
`went_idle` fires (the session closes layers, undoes zooms, resets the visitor's settings and
ends the visit's statistics) and the loop goes back to the start slide.

Before a visit is ended, a "Still there?" prompt (WCAG 2.2.1) counts down `warning_seconds`;
any touch or key keeps the visit where it was (that touch does nothing else). While a video or
narration the visitor started is playing, the visit is not ended at all: the loop looks again
every few seconds and warns once it has finished.

It drives the navigator like any other input, reads the deck from the `Show` and holds no
widgets (the hint and the prompt are widgets of `ui/`, which the loop only shows and hides).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from revkiosk.deck.model import Deck, DeckInfo, KioskSettings
from revkiosk.deck.pace import page_seconds
from revkiosk.navigator import Navigator
from revkiosk.show import Show
from revkiosk.ui.attract_hint import AttractHint
from revkiosk.ui.idle_prompt import IdlePrompt

_WAKE = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
    QEvent.Type.TabletPress,
}
# Anything with `attract_seconds() -> float | None`, and for a slide in pages `page_count()`,
# `page()`, `turn_page(step)` and `shown_text()` (`ui.view.SlideView`).
SlideViewLike = object
MEDIA_RECHECK_S = 3.0  # while the visitor's video or narration plays, look again this often
MAX_TIMER_MS = 2**31 - 1  # QTimer takes a signed 32-bit millisecond count


def _is_chord_part(event: QEvent) -> bool:
    """A key held with Ctrl/Alt/Meta may be the technician's exit chord: let it through."""
    if not isinstance(event, QKeyEvent):
        return False
    held = event.modifiers() & (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )
    return bool(held) or event.key() in (Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta)


class AttractLoop(QObject):
    """Idle → attract → input → interactive → idle → start slide → attract …

    `current_view` returns the view on screen (or None) so a video can say how long it runs.
    `time_scale` multiplies every duration (0 = advance as fast as the event loop allows, for
    the soak benchmark).
    """

    attracting_changed = Signal(bool)
    stepped = Signal(int)  # index the loop moved to
    visitor_arrived = Signal()  # the touch or key that stopped the loop (a visit starts)
    went_idle = Signal()  # idle_seconds without input: the loop starts again (a visit ends)

    def __init__(
        self,
        navigator: Navigator,
        show: Show,
        settings: KioskSettings,
        *,
        current_view: Callable[[], SlideViewLike | None] = lambda: None,
        hint: AttractHint | None = None,
        prompt: IdlePrompt | None = None,
        media_playing: Callable[[], bool] = lambda: False,
        time_scale: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.navigator = navigator
        self.the_show = show
        self.settings = settings
        self.time_scale = max(0.0, time_scale)
        self._current_view = current_view
        self._attracting = False
        self._paused = False
        self.running = False  # start() called (the input filter is installed)
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self._on_idle_timer_timeout)
        self._step = QTimer(self, singleShot=True)
        self._step.timeout.connect(self._on_step_timeout)
        self._on_slide = QElapsedTimer()
        self.hint = hint
        self.prompt = prompt
        self._media_playing = media_playing
        self.remaining = 0  # seconds left on the "Still there?" countdown (0: not counting)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick_timeout)
        navigator.current_changed.connect(self._on_navigator_current_changed)
        show.deck_changed.connect(self._on_show_deck_changed)

    # -- public ---------------------------------------------------------------------------
    @property
    def attracting(self) -> bool:
        return self._attracting

    @property
    def start_index(self) -> int:
        """The start slide, 0-based and clamped to the deck."""
        return min(max(self.settings.start_slide - 1, 0), max(self.navigator.count - 1, 0))

    def start(self, visiting: bool = False) -> None:
        """Watch all input and begin attracting from the slide shown now (a restart resumes);
        `visiting`: a visitor was using the kiosk before a restart, so wait for idleness."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.running = True
        if visiting:
            self._restart_idle()
        else:
            self._set_attracting(True)

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.running = False
        self._idle.stop()
        self._step.stop()
        self._end_warning()
        self._set_attracting(False)

    def pause(self) -> None:
        """Stop advancing and ignore idleness (outside opening hours)."""
        self._paused = True
        self._idle.stop()
        self._step.stop()
        self._end_warning()
        self._set_attracting(False)

    @property
    def warning(self) -> bool:
        """Whether the "Still there?" countdown is running."""
        return self._tick.isActive()

    def resume(self) -> None:
        """Opening time: start the loop afresh from the start slide (once started at all)."""
        self._paused = False
        if self.running:
            self._on_idle_timeout()

    def _on_show_deck_changed(self, deck: Deck) -> None:
        """A reload swapped the deck: keep going, with the new slide times."""
        if self._attracting:
            self._schedule_step()

    def seconds_for(self, index: int) -> float:
        """How long the loop stays on slide `index` (before asking the view about video)."""
        deck = self.the_show.deck
        if deck is None:
            return DeckInfo.slide_seconds
        slide = deck.slides[index] if 0 <= index < len(deck.slides) else None
        seconds = slide.seconds if slide is not None and slide.seconds else None
        base = seconds or deck.info.slide_seconds
        view = self._current_view()
        pages = _pages(view)
        if pages > 1:  # this page's share, and time enough to read what it shows
            base = page_seconds(base, pages, getattr(view, "shown_text", str)())
        view_seconds = self._view_seconds()
        return max(base, view_seconds) if view_seconds else base

    # -- input ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() not in _WAKE or self._paused:
            return False
        self._restart_idle()
        if self.warning and not _is_chord_part(event):
            self._end_warning()  # the visitor is still there: the visit goes on, untouched
            event.accept()
            return True
        if self._attracting and not _is_chord_part(event):
            self._set_attracting(False)
            self._step.stop()
            self.visitor_arrived.emit()
            event.accept()
            hub = self._hub_index()
            if hub is not None:  # the deck's hub: where a visitor chooses a path
                self.navigator.go(hub)
            return True  # the waking touch only hands control back
        return False

    def _hub_index(self) -> int | None:
        deck = self.the_show.deck
        return deck.index_of(self.settings.start) if deck is not None else None

    def _restart_idle(self) -> None:
        self._idle.start(self._ms(self.settings.idle_seconds))

    # -- the loop -------------------------------------------------------------------------
    def _on_idle_timer_timeout(self) -> None:
        if self._paused:
            return
        if self._media_playing():  # the visitor's video or narration: never cut it short
            self._idle.start(self._ms(MEDIA_RECHECK_S))
            return
        seconds = round(self.settings.warning_seconds)
        if seconds > 0 and self.prompt is not None:
            self.remaining = seconds
            self.prompt.show_countdown(seconds)
            self._tick.start(self._ms(1.0))
            return
        self._end_visit()

    def _on_tick_timeout(self) -> None:
        self.remaining -= 1
        if self.remaining > 0:
            if self.prompt is not None:
                self.prompt.set_remaining(self.remaining)
            return
        self._end_warning()
        self._end_visit()

    def _end_warning(self) -> None:
        self._tick.stop()
        self.remaining = 0
        if self.prompt is not None:
            self.prompt.hide()

    def _end_visit(self) -> None:
        self.went_idle.emit()
        self._on_idle_timeout()

    def _on_idle_timeout(self) -> None:
        if self._paused:
            return
        self.navigator.go(self.start_index)
        self._set_attracting(True)  # schedules the first step

    def _set_attracting(self, value: bool) -> None:
        if value == self._attracting:
            if value:
                self._schedule_step()
            return
        self._attracting = value
        if self.hint is not None:
            self.hint.setVisible(value)
            if value:
                self.hint.place()
        if value:
            self._idle.stop()
            self._schedule_step()
        self.attracting_changed.emit(value)

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        if self._attracting:
            self._schedule_step()

    def _schedule_step(self) -> None:
        self._on_slide.start()
        self._step.start(self._ms(self.seconds_for(self.navigator.index)))

    def _on_step_timeout(self) -> None:
        if not self._attracting:
            return
        # A video's length is often known only once it has loaded, a page's words once the
        # slide is laid out: ask again, wait the rest.
        index = self.navigator.index
        wanted = self._ms(self.seconds_for(index))
        elapsed = self._on_slide.elapsed()
        if wanted > elapsed + 50:
            self._step.start(wanted - elapsed)
            return
        view = self._current_view()
        turn = getattr(view, "turn_page", None)
        if _pages(view) > 1 and callable(turn) and turn(1):  # the next page, same slide
            self._schedule_step()
            return
        target = index + 1 if index + 1 < self.navigator.count else self.start_index
        self.navigator.go(target)
        if self.navigator.index == index:  # a one-slide deck: nothing changed, keep ticking
            self._schedule_step()
        self.stepped.emit(self.navigator.index)

    def _view_seconds(self) -> float | None:
        """A video's own length (capped), or None."""
        view = self._current_view()
        ask = getattr(view, "attract_seconds", None)
        seconds = ask() if callable(ask) else None
        if not seconds or seconds <= 0:
            return None
        return min(float(seconds), self.settings.video_cap_seconds)

    def _ms(self, seconds: float) -> int:
        """Milliseconds for a Qt timer: never past what it takes (int32; the deck format and
        settings cap every time at a day, this is the last guard)."""
        return min(max(0, round(seconds * 1000 * self.time_scale)), MAX_TIMER_MS)


def _pages(view: SlideViewLike | None) -> int:
    """How many pages the view's text takes (1: it all fits, or the view has no pages)."""
    count = getattr(view, "page_count", None)
    return int(count()) if callable(count) else 1
