"""Kiosk mode wired onto a built player: one call from `app.py`, everything else lives here.

`start_kiosk(player)` installs the action policy and the guard (exit chord, swallowed keys,
frameless full screen, hidden cursor), the attract loop and its hint, live reload of the deck
and its media, content updates and the last good deck (`kiosk.content`), the status/heartbeat
file written every second, the screensaver inhibition, the schedule (which deck plays when;
closed: display off, nothing moves, no input) and the visitor statistics.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from revkiosk.deck.model import Deck, KioskSettings
from revkiosk.kiosk.attract import AttractLoop
from revkiosk.kiosk.closing import ClosingTime
from revkiosk.kiosk.content import KioskContent
from revkiosk.kiosk.guard import KioskGuard
from revkiosk.kiosk.heap import HeapTrimmer
from revkiosk.kiosk.policy import KioskPolicy
from revkiosk.kiosk.reload import DeckReloader
from revkiosk.kiosk.screen import ScreenSaverInhibitor
from revkiosk.kiosk.status import StatusWriter
from revkiosk.kiosk.visits import VisitTracker
from revkiosk.settings import Settings
from revkiosk.ui.attract_hint import AttractHint
from revkiosk.ui.idle_prompt import IdlePrompt

if TYPE_CHECKING:
    from revkiosk.player import Player

log = logging.getLogger(__name__)

# Heartbeat twice a second (the supervisor's hang timeout is 2 s: a missed beat or two from a
# slow slide is tolerated, a frozen player is caught within 3 s); the status file once a second.
HEARTBEAT_MS = 500


def effective_settings(deck_kiosk: KioskSettings, settings: Settings) -> KioskSettings:
    """The deck's kiosk block, with what the museum set in `settings.yaml` taking precedence."""
    defaults = Settings()
    changes = {
        name: getattr(settings, name)
        for name in ("idle_seconds", "exit_chord", "pin")
        if getattr(settings, name) != getattr(defaults, name)
    }
    return replace(deck_kiosk, **changes)


class _LastError(logging.Handler):
    """Copies the latest logged error into the status file, where a technician looks first."""

    def __init__(self, status: StatusWriter) -> None:
        super().__init__(level=logging.ERROR)
        self.status = status

    def emit(self, record: logging.LogRecord) -> None:
        self.status.last_error = record.getMessage()[:500]


class KioskSession(QObject):
    """Owns the kiosk parts for one player; `start()` switches them on."""

    def __init__(
        self,
        player: Player,
        *,
        time_scale: float = 1.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(player.window)
        self.player = player
        window, deck = player.window, player.deck
        self.settings = effective_settings(
            deck.info.kiosk if deck else KioskSettings(), player.settings
        )
        self.policy = KioskPolicy()
        self.guard = KioskGuard(window, self.settings, parent=self)
        self.guard.exit_approved.connect(self._on_guard_exit_approved)
        self.attract = AttractLoop(
            player.navigator,
            player.show,
            self.settings,
            current_view=lambda: window.stage.current_view() if window.stage else None,
            hint=AttractHint(self.settings.hint, window),
            prompt=IdlePrompt(window),
            media_playing=lambda: window.stage is not None and window.stage.media_playing(),
            time_scale=time_scale,
            parent=self,
        )
        self.explore = player.parts.get("explore")
        # A new visitor's back button leads only where they went (first: the slide they woke).
        self.attract.visitor_arrived.connect(player.navigator.clear_history)
        self.status = StatusWriter.from_environment(player.deck_path)
        self._error_handler = _LastError(self.status)
        self.reloader = DeckReloader(player.show, parent=self)
        self.content = KioskContent(
            player, quiet=lambda: self.attract.attracting or self.closing.closed, parent=self
        )
        self.attract.went_idle.connect(self.content.on_idle)
        player.show.deck_changed.connect(self._on_show_deck_changed)
        player.show.load_failed.connect(self._on_show_load_failed)
        self.inhibitor = ScreenSaverInhibitor()
        self.visits = (
            VisitTracker(player.navigator, player.show, self.attract, parent=self)
            if player.settings.statistics
            else None
        )
        self.closing = ClosingTime(
            player, self.attract, self.guard, self.inhibitor, self.visits, clock=clock, parent=self
        )
        self.gate = self.closing.gate
        # After the statistics closed the visit (they record what the visitor chose).
        self.attract.went_idle.connect(self._on_attract_went_idle)
        if self.visits is not None and self.explore is not None:
            self.explore.layer_opened.connect(self.visits.layer_opened)
        self._beat = QTimer(self, interval=HEARTBEAT_MS)
        self._beat.timeout.connect(self._on_beat_timeout)
        self._beats = 0
        # Write at once on a slide change too: a restart must resume on the slide really shown.
        player.navigator.current_changed.connect(self._on_navigator_current_changed)
        # Freed heap pages back to the system after each change: RSS stays flat for weeks.
        self.trimmer = HeapTrimmer(player.navigator.current_changed, parent=self)

    def start(self) -> None:
        """Lock the window down and start the show (dark at once if the museum is closed)."""
        self.player.window.set_policy(self.policy.allows)
        logging.getLogger().addHandler(self._error_handler)
        self.guard.install()
        if self.player.deck is not None:  # no loop (or hint) over the deck-error screen
            self.attract.start(visiting=self.player.options.visiting)
        if self.visits is not None:
            self.visits.start()
        self.closing.start()
        self._beat.start()
        self.write_status()
        app = QApplication.instance()
        if app is not None:  # take the filters down before Qt tears the widgets down
            app.aboutToQuit.connect(self.stop)

    def stop(self) -> None:
        self._beat.stop()
        self.content.stop()
        self.trimmer.stop()
        if self.visits is not None:
            self.visits.stop("exit")
        self.closing.stop()
        self.attract.stop()
        self.guard.uninstall()
        self.inhibitor.release()
        logging.getLogger().removeHandler(self._error_handler)

    def _on_beat_timeout(self) -> None:
        self._beats += 1
        switched = self.content.poll()  # a content update, a fallen-back deck fixed
        if switched is not None and self.content.is_content(self.closing.own_deck):
            self.closing.own_deck = switched  # rules without a deck of their own play it
        self.write_status(status=self._beats % 2 == 0)

    def write_status(self, status: bool = True) -> None:
        """The status file (when `status`) and the supervisor's heartbeat file."""
        nav, deck, writer = self.player.navigator, self.player.deck, self.status
        writer.slide, writer.slide_count = nav.index, nav.count
        slide = deck.slides[nav.index] if deck and 0 <= nav.index < len(deck.slides) else None
        writer.slide_id = slide.id if slide else None
        writer.attracting = self.attract.attracting
        writer.layer = getattr(self.explore, "layer_open", None)
        writer.blank = nav.blank
        if status:
            fields = self.content.status_fields()
            writer.fallback, writer.content = fields["fallback"], fields["content"]
        writer.open, writer.next_change = self.closing.is_open, self.closing.next_change_text
        writer.deck_path = self.player.deck_path  # a schedule or an update may have switched
        writer.write(status=status)

    def _on_attract_went_idle(self) -> None:
        """The visitor left: close what they opened and give the next one the defaults."""
        reset_visit = getattr(self.explore, "reset_visit", None)
        if reset_visit is not None:
            reset_visit()
        self.player.window.trigger("close_panels")  # the comfort panel, the keypad's help
        self.player.show.reset_visitor()

    def _on_guard_exit_approved(self) -> None:
        """Tell the supervisor this exit is wanted, before Qt starts tearing down."""
        self.status.exiting = True
        self.write_status()

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        if self._beat.isActive():
            self.write_status()

    def _on_show_deck_changed(self, deck: Deck) -> None:
        if not self.attract.running:  # the first load had failed: the show starts now
            self.attract.start()
            if not self.closing.is_open:
                self.attract.pause()
        self.status.last_error = None

    def _on_show_load_failed(self, messages: list[str]) -> None:
        self.player.window.notice.post(f"Deck edit not applied: {messages[0]}")


def start_kiosk(player: Player, *, time_scale: float = 1.0) -> KioskSession:
    """Switch a built player into kiosk mode (after `window.show()`); keep the result alive."""
    session = KioskSession(player, time_scale=time_scale)
    session.start()
    return session
