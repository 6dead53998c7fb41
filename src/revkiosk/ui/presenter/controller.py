"""The presenter view (key S): notes, next slide, timer and pacing on the lecturer's screen.

`PresenterController` registers the `presenter` action on the audience window and owns the
presenter window while it is open. It listens to the one navigator, so both windows stay in
step whichever receives the key; it follows screens being plugged in or removed; it times the
talk (pausable, with per-slide accounting) and writes a timing report on quit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox

from revkiosk.i18n.words import N_, _
from revkiosk.settings import log_dir
from revkiosk.timing import SlideTimes, Stopwatch, pace, timing_report
from revkiosk.timing import write_timing_report as _write
from revkiosk.ui.presenter.previews import (
    PreviewCache,
    SlidePreview,
    preview_size,
    video_status,
)
from revkiosk.ui.presenter.screens import ScreenPlan, place_window, plan_screens, screen_label
from revkiosk.ui.presenter.window import PresenterWindow

if TYPE_CHECKING:
    from revkiosk.deck.model import Deck
    from revkiosk.navigator import Navigator
    from revkiosk.settings import Settings
    from revkiosk.show import Show
    from revkiosk.ui.window import MainWindow

log = logging.getLogger(__name__)
BANNERS = {  # shown in capitals
    "black": (N_("Audience screen black"), "#c62f35"),
    "white": (N_("Audience screen white"), "#6b7280"),
}


def _ask(parent: Any, question: str) -> bool:
    answer = QMessageBox.question(parent, "revkiosk", question)
    return answer == QMessageBox.StandardButton.Yes


def _qt_screens() -> tuple[Sequence[Any], Any]:
    return QGuiApplication.screens(), QGuiApplication.primaryScreen()


class PresenterController(QObject):
    """Opens/closes the presenter view and keeps it in step with the navigator.

    `clock` (seconds, monotonic) and `confirm(question) -> bool` are injectable for tests.
    """

    def __init__(
        self,
        window: MainWindow,
        navigator: Navigator,
        show: Show,
        settings: Settings,
        clock: Callable[[], float] = time.monotonic,
        confirm: Callable[[Any, str], bool] = _ask,
    ) -> None:
        super().__init__(window)
        self.window, self.navigator, self.settings = window, navigator, settings
        self.the_show = show
        self.confirm = confirm
        self.stopwatch = Stopwatch(clock)
        self.times = SlideTimes(navigator.count, navigator.index)
        self.view: PresenterWindow | None = None
        self.used = False
        self.swapped = False
        self.audience_number: int | None = settings.screen
        self.presenter_number: int | None = getattr(settings, "presenter_screen", None)
        self.report_path: Path | None = None
        self.plan: ScreenPlan | None = None
        self.screen_source: Callable[[], tuple[Sequence[Any], Any]] = _qt_screens
        self._dual = False
        self.pairing_url: str | None = None  # the phone remote's link, when the remote is on
        self.previews = PreviewCache(self._render, self)
        self._stage_watched: QObject | None = None
        self.previews.rendered.connect(self._on_previews_rendered)
        self._tick = QTimer(self, interval=500, timeout=self.refresh_clock)
        # The presenter view updates on the next event-loop turn, not inside the key press:
        # laying out long notes costs a few ms the audience view should not wait for.
        self._refresh_soon = QTimer(self, singleShot=True, interval=0, timeout=self.refresh)
        window.register_action("presenter", self.toggle)
        window.installEventFilter(self)  # closing the audience window closes this one too
        navigator.current_changed.connect(self._on_navigator_current_changed)
        navigator.blank_changed.connect(self._on_navigator_blank_changed)
        navigator.count_changed.connect(self._on_navigator_count_changed)
        show.context_changed.connect(self._on_show_context_changed)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._on_app_screens_changed)  # type: ignore[attr-defined]
        app.screenRemoved.connect(self._on_app_screens_changed)  # type: ignore[attr-defined]
        app.aboutToQuit.connect(self.write_report)  # type: ignore[attr-defined]

    # --- deck ---------------------------------------------------------------------------

    @property
    def deck(self) -> Deck | None:
        """The deck shown now (the Show's)."""
        return self.the_show.deck

    def _on_show_context_changed(self, context: object) -> None:
        """A reload, a language or a text size: new notes and previews, same slide."""
        self.previews.clear()
        if self.is_open:
            self._refresh_soon.start()

    def _render(self, index: int, size: QSize) -> QImage:
        from revkiosk.ui.render import render_slide

        context = self.the_show.context
        if context is None or not 0 <= index < len(context.deck.slides):
            return QImage()
        return render_slide(context.deck.slides[index], context, size)

    # --- open / close -------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.view is not None and self.view.isVisible()

    def toggle(self) -> None:
        self.close() if self.is_open else self.open()

    def open(self) -> None:
        """Show the presenter view, on its own screen when there are two."""
        if self.view is None:
            self.view = PresenterWindow(self.window.theme.font_family, self.window.handle_key)
            self.view.pause_requested.connect(self.toggle_pause)
            self.view.reset_requested.connect(self.ask_reset)
            self.view.swap_requested.connect(self.swap_screens)
            self.view.screen_picked.connect(self.pick_audience_screen)
            self.view.closed.connect(self._tick.stop)
            self.view.next.clicked.connect(lambda: self.window.trigger("next"))
            self.view.set_pairing(self.pairing_url)
            self.view.resize(1280, 800)
            area = self.window.screen().availableGeometry()  # one screen: beside, not on top
            self.view.move(area.center() - self.view.rect().center())
        self.used = True
        self.refresh()
        self._on_navigator_blank_changed(self.navigator.blank)
        self.view.show()
        self.on_screens_changed()
        self.view.raise_()
        self.view.activateWindow()
        self._tick.start()

    def close(self) -> None:
        if self.view is not None:
            self.view.close()

    def set_pairing_url(self, url: str | None) -> None:
        """Show the phone remote's link (token included) as a QR code in the console."""
        self.pairing_url = url
        if self.view is not None:
            self.view.set_pairing(url)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.close()  # else the app would keep running with only the presenter view
        return False

    # --- timer --------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        self.times.visit(self.navigator.index, self.stopwatch.elapsed())
        self.stopwatch.toggle()
        self.refresh_clock()

    def ask_reset(self) -> None:
        """Reset the timer after a confirmation (a stray click must not lose the talk's time)."""
        if self.confirm(self.view, "Reset the talk timer to 0:00?"):
            self.reset_timer()

    def reset_timer(self) -> None:
        self.stopwatch.reset()
        self.times.reset(self.navigator.index)
        self.refresh_clock()

    # --- screens ------------------------------------------------------------------------

    def swap_screens(self) -> None:
        self.swapped = not self.swapped
        self.on_screens_changed()

    def pick_audience_screen(self, number: int) -> None:
        """The presenter chose the audience screen in the picker (1-based)."""
        self.audience_number, self.swapped = number, False
        if self.presenter_number == number:
            self.presenter_number = None
        self.on_screens_changed()

    def _on_app_screens_changed(self, _screen: object) -> None:
        self.on_screens_changed()

    def on_screens_changed(self, screens: Sequence[Any] | None = None, primary: Any = None) -> None:
        """Re-place both windows for the connected screens (`screen_source()` unless given).

        Only windows move: the navigator, and so the slide shown, is untouched. Going from two
        screens to one takes the audience view out of full screen, so it never fills the
        laptop screen behind the speaker's back; with one screen from the start it is left as
        the presenter had it.
        """
        if screens is None:
            screens, primary = self.screen_source()
        plan = plan_screens(
            screens, primary, self.audience_number, self.presenter_number, self.swapped
        )
        self.plan = plan
        if self.view is None:
            return
        rows = list(screens)
        audience_row = rows.index(plan.audience) if plan.audience in rows else None
        self.view.set_screens([screen_label(i + 1, s) for i, s in enumerate(rows)], audience_row)
        if not self.is_open or plan.audience is None:
            return
        was_dual, self._dual = self._dual, plan.dual
        if plan.dual:
            place_window(self.view, plan.presenter, fullscreen=True)
            place_window(self.window, plan.audience, fullscreen=True)
        else:
            place_window(self.view, plan.presenter, fullscreen=False)
            if was_dual:
                place_window(self.window, plan.audience, fullscreen=False)
            self.view.raise_()
        self.refresh()

    # --- display ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Counter, notes, previews and clock for the current slide."""
        view, deck = self.view, self.deck
        if view is None:
            return
        index, count = self.navigator.index, self.navigator.count
        view.counter.setText(f"{index + 1} / {count}" if count else "–")
        if deck is None or not count:
            view.notes.set_notes("")
            view.current.show_image(None, _("No deck loaded"))
            view.next.show_image(None, "")
            return
        slide = deck.slides[index]
        view.current.caption = _("NOW · {title}", title=slide.heading)
        view.notes.set_notes(slide.notes)
        at_end = index >= count - 1
        view.next.caption = (
            _("NEXT") if at_end else _("NEXT · {title}", title=deck.slides[index + 1].heading)
        )
        view.current.setAccessibleDescription(view.current.caption)  # what Orca reads
        view.next.setAccessibleDescription(view.next.caption)
        self._show_previews()
        after = range(index + 2, min(count, index + 6))
        view.set_upcoming([(i + 1, deck.slides[i].heading) for i in after])
        wanted = [index] if at_end else [index, index + 1]
        if index + 2 < count:
            wanted.append(index + 2)  # ready before the presenter gets there
        self.previews.request(*wanted)
        self.refresh_clock()

    def _follow_shape(self) -> None:
        """Previews take the audience slide's shape (a portrait kiosk, `aspect: auto`)."""
        stage = self.window.stage
        if stage is None or self.view is None:
            return
        if stage is not self._stage_watched:  # the audience window resized: new previews
            self._stage_watched = stage
            stage.slide_size_changed.connect(self._on_stage_slide_size_changed)
        slide = stage.slide_rect().size()
        if slide.isEmpty():
            return
        self.previews.set_size(preview_size(slide))
        for preview in (self.view.current, self.view.next):
            if preview.aspect != slide.width() / slide.height():
                preview.aspect = slide.width() / slide.height()
                preview.updateGeometry()
                preview.update()

    def _on_stage_slide_size_changed(self, size: object) -> None:
        if self.is_open:
            self._refresh_soon.start()

    def _show_previews(self) -> None:
        if self.view is None:
            return
        self._follow_shape()
        index, count = self.navigator.index, self.navigator.count
        self._show_preview(self.view.current, index)
        if index >= count - 1:
            self.view.next.show_image(None, _("End of deck"))
        else:
            self._show_preview(self.view.next, index + 1)

    def _show_preview(self, preview: SlidePreview, index: int) -> None:
        image = self.previews.image(index)
        preview.show_image(image, _("Rendering…") if image is None else _("No preview"))

    def _on_previews_rendered(self, index: int) -> None:
        if index - self.navigator.index in (0, 1):
            self._show_previews()

    def refresh_clock(self) -> None:
        """Elapsed time, wall clock, pacing and video position (twice a second while open)."""
        view = self.view
        if view is None:
            return
        watch, deck = self.stopwatch, self.deck
        elapsed = watch.elapsed()
        view.show_timer(elapsed, watch.running, watch.started)
        view.clock.setText(datetime.now().strftime("%H:%M"))
        planned = deck.info.duration_minutes if deck is not None else None
        view.show_pace(pace(elapsed, self.navigator.index, self.navigator.count, planned), elapsed)
        stage = self.window.stage
        view.media.setText(video_status(stage.current_view() if stage is not None else None))

    # --- navigator ----------------------------------------------------------------------

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        self.times.visit(new, self.stopwatch.elapsed())
        if self.used and not self.stopwatch.started:
            self.stopwatch.start()  # the talk starts when the presenter first moves on
        if self.is_open:
            self._refresh_soon.start()

    def _on_navigator_blank_changed(self, mode: object) -> None:
        if self.view is not None:
            text, colour = BANNERS.get(mode, ("", "#c62f35"))  # type: ignore[call-overload]
            self.view.set_banner(_(text).upper() if text else "", colour)

    def _on_navigator_count_changed(self, count: int) -> None:
        self.times.resize(count)
        self.previews.clear()
        if self.is_open:
            self.refresh()

    # --- report -------------------------------------------------------------------------

    def write_report(self, folder: Path | None = None) -> Path | None:
        """Write the per-slide timing report (on quit, when the presenter view was used)."""
        deck = self.deck
        if not self.used or deck is None or not getattr(self.settings, "timing_report", True):
            return None

        elapsed = self.stopwatch.elapsed()
        self.times.visit(self.navigator.index, elapsed)
        headings = [slide.heading for slide in deck.slides]
        text = timing_report(
            deck.info.title, headings, self.times, elapsed, deck.info.duration_minutes
        )
        try:
            self.report_path = _write(folder or log_dir(), text)
        except OSError as error:
            log.warning("could not write the timing report: %s", error)
            return None
        log.info("timing report written to %s", self.report_path)
        return self.report_path
