"""Kiosk mode wired onto a built player: one call from `app.py`, everything else lives here.

`start_kiosk(player)` installs the action policy and the guard (exit chord, swallowed keys,
frameless full screen, hidden cursor), the attract loop and its hint, live reload of the deck
and its media, content updates and the last good deck (`kiosk.content`), the status/heartbeat
file written every second, the screensaver inhibition, the schedule (which deck plays when;
closed: display off, nothing moves, no input), the visitor statistics and the window watch (the
window back on screen after a minimise, "show desktop" or a workspace switch).

It fails closed: the policy, the guard and the heartbeat start first, and if any of the show's
parts then cannot be set up, every action is refused from then on (`fail_closed`): the screen
stays on what it shows, nothing a visitor does leaves it, the heartbeat goes on and the status
file and a notice say what went wrong. See `kiosk.failsafe` for a session that cannot be built
at all (the player then leaves with a failure status).
"""

from __future__ import annotations

import contextlib
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
from revkiosk.kiosk.lock import EXIT_ORPHANED, supervisor_gone
from revkiosk.kiosk.policy import KioskPolicy
from revkiosk.kiosk.reload import DeckReloader
from revkiosk.kiosk.screen import ScreenSaverInhibitor
from revkiosk.kiosk.status import StatusWriter
from revkiosk.kiosk.visits import VisitTracker
from revkiosk.kiosk.window_watch import WindowWatch
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
        self.time_scale, self._clock = time_scale, clock
        self.failure: str | None = None  # why the show's parts could not start (locked then)
        self.policy = KioskPolicy()
        self.guard = KioskGuard(window, self.settings, parent=self)
        self.guard.exit_approved.connect(self._on_guard_exit_approved)
        self.status = StatusWriter.from_environment(player.deck_path)
        self._error_handler = _LastError(self.status)
        self._beat = QTimer(self, interval=HEARTBEAT_MS)
        self._beat.timeout.connect(self._on_beat_timeout)
        self._beats = 0
        # The show's parts, built next (a failure is kept: `start()` locks the kiosk with it).
        self.attract: AttractLoop | None = None
        self.explore = player.parts.get("explore")
        self.reloader: DeckReloader | None = None
        self.content: KioskContent | None = None
        self.inhibitor: ScreenSaverInhibitor | None = None
        self.visits: VisitTracker | None = None
        self.closing: ClosingTime | None = None
        self.gate: object | None = None
        self.trimmer: HeapTrimmer | None = None
        self.watch: WindowWatch | None = None
        self._build_error: Exception | None = None
        try:
            self._build_show()
        except Exception as error:  # noqa: BLE001 - start() locks the kiosk with this reason
            self._build_error = error

    def _build_show(self) -> None:
        """The parts that make the show. Each may fail (a file name the system refuses, a
        missing service): `start()` then locks the kiosk instead of running without them."""
        player, window = self.player, self.player.window
        self.attract = AttractLoop(
            player.navigator,
            player.show,
            self.settings,
            current_view=lambda: window.stage.current_view() if window.stage else None,
            hint=AttractHint(self.settings.hint, window),
            prompt=IdlePrompt(window),
            media_playing=lambda: window.stage is not None and window.stage.media_playing(),
            time_scale=self.time_scale,
            parent=self,
        )
        # A new visitor's back button leads only where they went (first: the slide they woke).
        self.attract.visitor_arrived.connect(player.navigator.clear_history)
        self.reloader = DeckReloader(player.show, parent=self)
        self.content = KioskContent(player, quiet=self._quiet, parent=self)
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
            player,
            self.attract,
            self.guard,
            self.inhibitor,
            self.visits,
            clock=self._clock,
            parent=self,
        )
        self.gate = self.closing.gate
        # After the statistics closed the visit (they record what the visitor chose).
        self.attract.went_idle.connect(self._on_attract_went_idle)
        if self.visits is not None and self.explore is not None:
            self.explore.layer_opened.connect(self.visits.layer_opened)
        self.watch = WindowWatch(window, parent=self)
        # Write at once on a slide change too: a restart must resume on the slide really shown.
        player.navigator.current_changed.connect(self._on_navigator_current_changed)
        # Freed heap pages back to the system after each change: RSS stays flat for weeks.
        self.trimmer = HeapTrimmer(player.navigator.current_changed, parent=self)

    def _quiet(self) -> bool:
        """Nobody is using the kiosk (content updates switch decks only then)."""
        attracting = self.attract is not None and self.attract.attracting
        return attracting or (self.closing is not None and self.closing.closed)

    def start(self) -> None:
        """Lock the window down and start the show (dark at once if the museum is closed).

        The policy, the guard and the heartbeat first: an error in them propagates (the caller
        ends the player with a failure status, see `kiosk.failsafe`). An error in any later
        part locks the kiosk (`fail_closed`) instead of leaving it running without that part.
        """
        self.player.window.set_policy(self.policy.allows)
        logging.getLogger().addHandler(self._error_handler)
        app = QApplication.instance()
        if app is not None:  # take the filters down before Qt tears the widgets down
            app.aboutToQuit.connect(self.stop)
        self.guard.install()
        self._beat.start()
        try:
            if self._build_error is not None:
                raise self._build_error
            self._start_show()
        except Exception as error:  # noqa: BLE001 - whatever it is, the kiosk must stay closed
            self.fail_closed(error)
        self.write_status()

    def _start_show(self) -> None:
        assert self.attract is not None and self.closing is not None and self.watch is not None
        if self.player.deck is not None:  # no loop (or hint) over the deck-error screen
            self.attract.start(visiting=self.player.options.visiting)
        if self.visits is not None:
            self.visits.start()
        self.closing.start()
        self.watch.start()

    def fail_closed(self, error: BaseException) -> None:
        """A part of the show could not start: refuse every action from now on, stop what may
        half run, keep the heartbeat, and say so (log with traceback, status file, notice)."""
        self.failure = f"kiosk set-up failed: {type(error).__name__}: {error}"[:500]
        log.critical("%s; every action is refused until a restart", self.failure, exc_info=error)
        self.policy.lock_down()
        self.player.window.set_policy(self.policy.allows)
        for part in (self.closing, self.attract, self.trimmer, self.watch, self.content):
            if part is not None:
                with contextlib.suppress(Exception):
                    part.stop()
        self.guard.closed = True  # all input but the exit chord (and its PIN box) is swallowed
        self.status.last_error = self.failure
        with contextlib.suppress(Exception):
            self.player.window.notice.post(
                "Kiosk set-up failed: the screen is locked (see the kiosk log)."
            )

    def stop(self) -> None:
        self._beat.stop()
        for part in (self.content, self.trimmer, self.closing, self.attract, self.watch):
            if part is not None:
                with contextlib.suppress(Exception):  # a part that failed to start may not stop
                    part.stop()
        if self.visits is not None:
            self.visits.stop("exit")
        self.guard.uninstall()
        if self.inhibitor is not None:
            self.inhibitor.release()
        logging.getLogger().removeHandler(self._error_handler)

    def _on_beat_timeout(self) -> None:
        if supervisor_gone():  # the supervisor died and the kernel could not tell us (no prctl)
            log.error("kiosk: the supervisor is gone; leaving so the kiosk is not run twice")
            QApplication.exit(EXIT_ORPHANED)
            return
        self._beats += 1
        if self.content is not None and self.closing is not None and self.failure is None:
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
        writer.attracting = self.attract.attracting if self.attract is not None else False
        writer.layer = getattr(self.explore, "layer_open", None)
        writer.blank = nav.blank
        if status and self.content is not None:
            fields = self.content.status_fields()
            writer.fallback, writer.content = fields["fallback"], fields["content"]
        if self.closing is not None:
            writer.open, writer.next_change = self.closing.is_open, self.closing.next_change_text
        if self.watch is not None:
            writer.shown, writer.hidden_seconds = self.watch.shown, self.watch.hidden_seconds()
            writer.window_restores = self.watch.episodes
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
        self.player.exit_approved = True
        self.status.exiting = True
        self.write_status()

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        if self._beat.isActive():
            self.write_status()

    def _on_show_deck_changed(self, deck: Deck) -> None:
        if self.attract is None or self.closing is None or self.failure is not None:
            return  # a locked kiosk stays locked until a restart
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
