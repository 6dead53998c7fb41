"""Kiosk mode wired onto a built player: one call from `app.py`, everything else lives here.

`start_kiosk(player)` installs the action policy and the guard (exit chord, swallowed keys,
frameless full screen, hidden cursor), the status/heartbeat file written every second, then the
show's parts: the attract loop and its hint, live reload of the deck and its media, the window
watch (the window back on screen after a minimise or a workspace switch), the screensaver
inhibition and the opening hours (dark screen, no input, screen allowed to sleep while the
museum is closed).

It fails closed: the guard and the heartbeat start first, and if any of the show's parts then
cannot be set up, every action is refused from then on (`fail_closed`): the screen stays on
what it shows, nothing a visitor does leaves it, the heartbeat goes on and the status file and
a notice say what went wrong. See `revkiosk.kiosk_failsafe` for a session that cannot be built
at all.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from revkiosk.attract import AttractLoop
from revkiosk.deck.model import Deck, KioskSettings
from revkiosk.kiosk import KioskGuard, KioskPolicy
from revkiosk.kiosk_lock import EXIT_ORPHANED, supervisor_gone
from revkiosk.kiosk_window_watch import WindowWatch
from revkiosk.memory_watch import HeapTrimmer
from revkiosk.reload import DeckReloader
from revkiosk.screensaver import OpeningHours, OpeningHoursGate, ScreenSaverInhibitor
from revkiosk.settings import Settings
from revkiosk.status import StatusWriter

if TYPE_CHECKING:
    from revkiosk.app import Player

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

    def __init__(self, player: Player, *, time_scale: float = 1.0) -> None:
        super().__init__(player.window)
        self.player = player
        window, deck = player.window, player.deck
        self.settings = effective_settings(
            deck.info.kiosk if deck else KioskSettings(), player.settings
        )
        self.time_scale = time_scale
        self.failure: str | None = None  # why the show's parts could not start (locked then)
        self.policy = KioskPolicy()
        self.guard = KioskGuard(window, self.settings, parent=self)
        self.guard.exit_approved.connect(self._on_guard_exit_approved)
        self.status = StatusWriter.from_environment(player.deck_path)
        self._error_handler = _LastError(self.status)
        self._beat = QTimer(self, interval=HEARTBEAT_MS)
        self._beat.timeout.connect(self._on_beat_timeout)
        self._beats = 0
        # The show's parts, built by `start()` after the guard and the heartbeat run.
        self.attract: AttractLoop | None = None
        self.reloader: DeckReloader | None = None
        self.inhibitor: ScreenSaverInhibitor | None = None
        self.gate: OpeningHoursGate | None = None
        self.trimmer: HeapTrimmer | None = None
        self.watch: WindowWatch | None = None

    def _build_show(self) -> None:
        """The parts that make the show: each may fail (a file name the system refuses, a
        missing service); `start()` then locks the kiosk instead of running without them."""
        player, window, deck = self.player, self.player.window, self.player.deck
        self.attract = AttractLoop(
            player.navigator,
            deck or _empty_deck(player),
            self.settings,
            current_view=lambda: window.stage.current_view() if window.stage else None,
            hint_parent=window,
            time_scale=self.time_scale,
            parent=self,
        )
        self.reloader = DeckReloader(player.deck_path, deck, parent=self)
        self.reloader.deck_reloaded.connect(self._on_reloader_deck_reloaded)
        self.reloader.reload_failed.connect(self._on_reloader_reload_failed)
        self.inhibitor = ScreenSaverInhibitor()
        self.gate = OpeningHoursGate(self._opening_hours(), parent=self)
        self.gate.open_changed.connect(self._on_gate_open_changed)
        self.watch = WindowWatch(window, parent=self)
        # Write at once on a slide change too: a restart must resume on the slide really shown.
        player.navigator.current_changed.connect(self._on_navigator_current_changed)
        # Freed heap pages back to the system after each change: RSS stays flat for weeks.
        self.trimmer = HeapTrimmer(player.navigator.current_changed, parent=self)

    def _opening_hours(self) -> OpeningHours | None:
        text = self.player.settings.opening_hours
        if not text:
            return None
        try:
            return OpeningHours.parse(text)
        except ValueError as error:
            log.error("%s; the kiosk stays on around the clock", error)
            self.player.window.notice.post(str(error))
            return None

    def start(self) -> None:
        """Lock the window down and start the show (dark at once if the museum is closed).

        The guard and the heartbeat first: an error in them propagates (the caller ends the
        player with a failure status, see `kiosk_failsafe`). An error in any later part locks
        the kiosk (`fail_closed`) instead of leaving it running without that part.
        """
        self.player.window.set_policy(self.policy.allows)
        logging.getLogger().addHandler(self._error_handler)
        app = QApplication.instance()
        if app is not None:  # take the filters down before Qt tears the widgets down
            app.aboutToQuit.connect(self.stop)
        self.guard.install()
        self._beat.start()
        try:
            self._build_show()
            self._start_show()
        except Exception as error:  # noqa: BLE001 - whatever it is, the kiosk must stay closed
            self.fail_closed(error)
        self.write_status()

    def _start_show(self) -> None:
        assert self.attract is not None and self.gate is not None and self.inhibitor is not None
        if self.player.deck is not None:  # no loop (or hint) over the deck-error screen
            self.attract.start()
        if self.gate.is_open:
            self.inhibitor.inhibit()
        else:
            self._on_gate_open_changed(False)
        if self.watch is not None:
            self.watch.start()

    def fail_closed(self, error: BaseException) -> None:
        """A part of the show could not start: refuse every action from now on, stop what may
        half run, keep the heartbeat, and say so (log with traceback, status file, notice)."""
        self.failure = f"kiosk set-up failed: {type(error).__name__}: {error}"[:500]
        log.critical("%s; every action is refused until a restart", self.failure, exc_info=error)
        self.policy.lock_down()
        self.player.window.set_policy(self.policy.allows)
        self.guard.closed = True  # all input but the exit chord (and its PIN box) is swallowed
        for part in (self.attract, self.trimmer, self.watch):
            if part is not None:
                with contextlib.suppress(Exception):
                    part.stop()
        self.status.last_error = self.failure
        with contextlib.suppress(Exception):
            self.player.window.notice.post(
                "Kiosk set-up failed: the screen is locked (see the kiosk log)."
            )

    def stop(self) -> None:
        self._beat.stop()
        for part in (self.trimmer, self.attract, self.watch):
            if part is not None:
                part.stop()
        self.guard.uninstall()
        if self.inhibitor is not None:
            self.inhibitor.release()
        logging.getLogger().removeHandler(self._error_handler)

    def _on_beat_timeout(self) -> None:
        if supervisor_gone():  # the supervisor died and the kernel could not tell us (no prctl)
            log.error("kiosk: the supervisor is gone; leaving so it is not run twice")
            QApplication.exit(EXIT_ORPHANED)
            return
        self._beats += 1
        self.write_status(status=self._beats % 2 == 0)

    def write_status(self, status: bool = True) -> None:
        """The status file (when `status`) and the supervisor's heartbeat file."""
        nav, deck, writer = self.player.navigator, self.player.deck, self.status
        writer.slide, writer.slide_count = nav.index, nav.count
        slide = deck.slides[nav.index] if deck and 0 <= nav.index < len(deck.slides) else None
        writer.slide_id = slide.id if slide else None
        writer.attracting = self.attract.attracting if self.attract is not None else False
        writer.blank = nav.blank
        if self.watch is not None:
            writer.shown, writer.hidden_seconds = self.watch.shown, self.watch.hidden_seconds()
            writer.window_restores = self.watch.episodes
        writer.write(status=status)

    def _on_guard_exit_approved(self) -> None:
        """Tell the supervisor this exit is wanted, before Qt starts tearing down."""
        self.player.exit_approved = True
        self.status.exiting = True
        self.write_status()

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        if self._beat.isActive():
            self.write_status()

    def _on_reloader_deck_reloaded(self, deck: Deck) -> None:
        window = self.player.window
        self.player.deck = deck
        if window.context is not None:
            window.set_deck(replace(window.context, deck=deck))
        else:  # the first load had failed: build the context the way the player does
            window.set_deck(self.player._context(deck))  # noqa: SLF001
        if self.attract is None or self.gate is None:
            return
        self.attract.set_deck(deck)
        if not self.attract.running:  # the first load had failed: the show starts now
            self.attract.start()
            if not self.gate.is_open:
                self.attract.pause()
        self.status.last_error = self.failure

    def _on_reloader_reload_failed(self, messages: list[str]) -> None:
        self.player.window.notice.post(f"Deck edit not applied: {messages[0]}")

    def _on_gate_open_changed(self, is_open: bool) -> None:
        nav = self.player.navigator
        self.guard.closed = not is_open or self.failure is not None
        if self.attract is None or self.inhibitor is None:
            return
        if is_open:
            self.inhibitor.inhibit()
            nav.set_blank(None)
            self.attract.resume()
        else:
            self.attract.pause()
            nav.set_blank("black")
            self.inhibitor.release()  # let the display sleep overnight


def _empty_deck(player: Player) -> Deck:
    """A stand-in while the deck has errors, so the loop has something to hold."""
    from revkiosk.deck.model import DeckInfo

    return Deck(player.deck_path, player.deck_path.parent, DeckInfo(title=""), (), (), ())


def start_kiosk(player: Player, *, time_scale: float = 1.0) -> KioskSession:
    """Switch a built player into kiosk mode (after `window.show()`); keep the result alive."""
    session = KioskSession(player, time_scale=time_scale)
    session.start()
    return session
