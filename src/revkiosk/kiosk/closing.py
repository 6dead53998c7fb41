"""Acting on the schedule: closing for the night, opening in the morning, switching decks.

At closing the visit in progress ends, the attract loop stops, every slide view is dropped (no
video, no timer runs overnight), the picture goes black, input is ignored except the exit chord
(the guard's `closed`), the screensaver may run and the display is switched off
(kiosk/display.py); while closed the display is switched off again every minute if something
woke it (on X11 any touch does). At opening the display comes back, the deck the schedule names
is loaded through the Show's one `load()` path and the show starts on its start slide. A change
of deck while open waits until the visitor at the screen has gone (the attract loop's idle).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from revkiosk.kiosk.display import DisplayPower, choose_display_power
from revkiosk.kiosk.gate import ScheduleGate, schedule_source, utc_now
from revkiosk.schedule.engine import Slot

if TYPE_CHECKING:
    from revkiosk.kiosk.attract import AttractLoop
    from revkiosk.kiosk.guard import KioskGuard
    from revkiosk.kiosk.screen import ScreenSaverInhibitor
    from revkiosk.kiosk.visits import VisitTracker
    from revkiosk.player import Player

log = logging.getLogger(__name__)

REASSERT_MS = 60_000


class ClosingTime(QObject):
    """The schedule's effects on one kiosk session (see the module docstring)."""

    def __init__(
        self,
        player: Player,
        attract: AttractLoop,
        guard: KioskGuard,
        inhibitor: ScreenSaverInhibitor,
        visits: VisitTracker | None,
        *,
        clock: Callable[[], datetime] | None = None,
        display: DisplayPower | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.player, self.attract, self.guard = player, attract, guard
        self.inhibitor, self.visits = inhibitor, visits
        # Problems with the schedule are logged (and reach status.json's last_error) by the
        # gate: the technician reads those; visitors never see them.
        self.gate = ScheduleGate(
            schedule_source(player.settings), clock=clock or utc_now, parent=self
        )
        self.gate.slot_changed.connect(self._on_gate_slot_changed)
        self.own_deck = player.deck_path  # what rules without a deck play
        self.display = display
        self.display_off = False
        self.closed = False
        self.pending: Path | None = None
        self.next_change_text: str | None = None
        self._reassert = QTimer(self, interval=REASSERT_MS)
        self._reassert.timeout.connect(self._on_reassert_timeout)
        attract.went_idle.connect(self._on_attract_went_idle)
        player.show.context_changed.connect(self._on_show_context_changed)

    @property
    def is_open(self) -> bool:
        return not self.closed

    def start(self) -> None:
        """Act on what the schedule says now, then follow its clock."""
        self.gate.start()
        slot = self.gate.slot
        if slot.open:
            self._load(slot.deck or self.own_deck)
            self.inhibitor.inhibit()
        else:
            self._close()
        self._note_next_change()

    def stop(self) -> None:
        """Quitting: stop the clock; a display switched off for the night comes back on."""
        self.gate.stop()
        self._reassert.stop()
        self._switch_display(True)

    # -- the schedule ---------------------------------------------------------------------------
    def _on_gate_slot_changed(self, slot: Slot) -> None:
        if not slot.open:
            self._close()
        elif self.closed:
            self._open(slot)
        else:
            self._switch_when_idle(slot.deck or self.own_deck)
        self._note_next_change()

    def _close(self) -> None:
        self.closed = True
        self.pending = None
        if self.visits is not None:
            self.visits.end_visit("closing")
        self.guard.closed = True
        self.attract.pause()
        self.player.navigator.set_blank("black")
        self._sleep_views()
        self.inhibitor.release()
        self._switch_display(False)
        self._reassert.start()

    def _open(self, slot: Slot) -> None:
        self.closed = False
        self._reassert.stop()
        self._switch_display(True)
        self.inhibitor.inhibit()
        self.guard.closed = False
        self._load(slot.deck or self.own_deck)
        self.player.navigator.set_blank(None)
        self.attract.resume()  # from the start slide
        self._wake_views()

    def _switch_when_idle(self, deck: Path) -> None:
        attract = self.attract
        if attract.running and not attract.attracting:  # someone is using the kiosk
            log.info("schedule: %s waits until the visitor has gone", deck)
            self.pending = deck
            return
        self.pending = None
        if self._load(deck):
            attract.resume()
            self._wake_views()

    def _on_attract_went_idle(self) -> None:
        deck, self.pending = self.pending, None
        if deck is not None and not self.closed:
            self._load(deck)  # the loop now starts on the new deck's start slide

    def _load(self, deck: Path) -> bool:
        """Show `deck` unless it is shown already; True when it is shown."""
        show = self.player.show
        if show.deck_path is not None and _same(show.deck_path, deck) and show.deck is not None:
            return True
        log.info("schedule: switching to %s", deck)
        if show.load(deck):
            return True
        log.error("schedule: %s could not be loaded; the deck shown stays", deck)
        return False

    def _note_next_change(self) -> None:
        change = self.gate.next_change()
        if change is None:
            self.next_change_text = None
            return
        when, slot = change
        what = (
            f"open, {slot.deck.name if slot.deck else 'the kiosk deck'}" if slot.open else "closed"
        )
        zone = self.gate.schedule.zone if self.gate.schedule else None
        self.next_change_text = f"{when.astimezone(zone):%Y-%m-%d %H:%M %Z}: {what}"

    # -- the picture and the panel ----------------------------------------------------------
    def _sleep_views(self) -> None:
        """Drop every slide view: no video plays and no timer runs while closed."""
        self.player.window.set_asleep(True)

    def _wake_views(self) -> None:
        self.player.window.set_asleep(False)

    def _on_show_context_changed(self, context: object) -> None:
        if self.closed:  # a deck edited at night was rebuilt behind the black: drop it again
            self._sleep_views()

    def _switch_display(self, on: bool) -> None:
        if on and not self.display_off:
            return
        if self.display is None:
            from PySide6.QtGui import QGuiApplication

            settings = self.player.settings
            self.display = choose_display_power(
                settings.display_power,
                settings.display_off_command,
                settings.display_on_command,
                platform=QGuiApplication.platformName(),
            )
        if self.display.set_on(on):
            self.display_off = not on
            log.info("display switched %s (%s)", "on" if on else "off", self.display.name)

    def _on_reassert_timeout(self) -> None:
        if self.closed and self.display_off and self.display is not None:
            if self.display.is_off() is False:  # a touch woke the panel: back to sleep
                self.display.set_on(False)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
