"""The real player as the remote service sees it (`RemotePlayer`), and `start_remote(player)`,
which the player calls after its first paint when `--remote` or `remote:` asks for the service.

A remote command is one more source of action names: it goes through `MainWindow.trigger()`,
so kiosk mode refuses what it refuses from a key (`black`, `reload`, the go-to box's `goto`),
and there is no quit action at all. `mute` toggles the visitor's sound setting on the `Show`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QImage
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from revkiosk.remote.config import RemoteConfigError, from_settings, with_command_line
from revkiosk.remote.metrics import Family, counter, gauge
from revkiosk.remote.state import PlayerState, TimerState
from revkiosk.timing import Stopwatch

if TYPE_CHECKING:
    from revkiosk.player import Player
    from revkiosk.remote.service import RemoteService

log = logging.getLogger(__name__)


class PlayerAdapter(QObject):
    """Binds `RemotePlayer` to a built player (all on the GUI thread)."""

    def __init__(self, player: Player) -> None:
        super().__init__(player.window)
        self.player = player
        self.window, self.navigator, self.the_show = player.window, player.navigator, player.show
        self._generation = 0
        self._own_clock = Stopwatch()  # the talk time when there is no presenter view
        if "mute" not in self.window.actions.hooks:
            self.window.register_action("mute", self._toggle_sound)

    def _toggle_sound(self) -> None:
        self.the_show.update_visitor(sound=not self.the_show.visitor.sound)

    def state(self) -> PlayerState:
        deck, nav = self.the_show.deck, self.navigator
        slides = deck.slides if deck is not None else ()
        index = nav.index
        slide = slides[index] if 0 <= index < len(slides) else None
        after = slides[index + 1] if 0 <= index + 1 < len(slides) else None
        attract = getattr(self.player.parts.get("kiosk"), "attract", None)
        return PlayerState(
            deck_title=deck.info.title if deck is not None else "",
            deck_path=str(self.player.deck_path),
            index=index,
            count=len(slides),
            slide_id=slide.id if slide is not None else None,
            slide_title=slide.heading if slide is not None else None,
            next_title=after.heading if after is not None else None,
            notes=slide.notes if slide is not None else "",
            language=self.the_show.language,
            blank=nav.blank,
            kiosk=self.the_show.kiosk,
            attracting=bool(getattr(attract, "attracting", False)),
            muted=not self.the_show.visitor.sound,
            deck_generation=self._generation,
            fallback=self._fallback(),
        )

    def _fallback(self) -> dict[str, object] | None:
        """The kiosk's last-good fallback while it lasts (it ends when the configured deck
        loads again or an update replaces it)."""
        content = getattr(self.player.parts.get("kiosk"), "content", None)
        fallback = getattr(content, "fallback", None)
        status = getattr(fallback, "status", None)
        return dict(status()) if callable(status) else None

    def timer(self) -> TimerState:
        deck = self.the_show.deck
        minutes = deck.info.duration_minutes if deck is not None else None
        clock = getattr(self.player.parts.get("presenter"), "stopwatch", None)
        if clock is None or not clock.started:  # the console was never opened: our own
            clock = self._own_clock
        return TimerState(clock.elapsed(), clock.running, minutes * 60 if minutes else None)

    def perform(self, action: str) -> bool | str:
        if action != "reload":
            return self.window.trigger(action)
        self._problems: list[str] = []
        link = self.the_show.load_failed.connect(self._on_show_load_failed)
        try:
            done = self.window.trigger(action)
        finally:
            QObject.disconnect(link)
        if done and self._problems:
            return f"the deck did not load, the one shown stays: {self._problems[0]}"
        return done

    def _on_show_load_failed(self, problems: list[str]) -> None:
        self._problems = list(problems)

    def go_to(self, index: int) -> bool:
        if not self.window.allows("goto"):
            log.info("remote: go to slide %d refused by policy", index + 1)
            return False
        self.navigator.go(index)
        return True

    def busy(self) -> bool:
        stage = self.window.stage
        return stage is not None and stage.fading()

    def frame(self) -> QImage:
        """What the window last painted: a copy of its backing store (a memory copy, ~4 ms for
        1080p), not a new render of every widget (twice that, far more on a busy slide)."""
        store = self.window.backingStore() if self.window.isVisible() else None
        device = store.paintDevice() if store is not None else None
        if isinstance(device, QImage) and not device.isNull():
            return device.copy()
        return self.window.grab().toImage()

    def slide_image(self, index: int, width: int) -> QImage | None:
        from revkiosk.ui.render import render_slide

        context = self.the_show.context
        if context is None or not 0 <= index < len(context.deck.slides):
            return None
        return render_slide(context.deck.slides[index], context, QSize(width, width * 9 // 16))

    def watch(
        self,
        changed: Callable[[], None],
        slide_changed: Callable[[], None],
        frame_time: Callable[[float], None],
    ) -> None:
        def on_slide(new: int, old: int) -> None:
            self._own_clock.start()  # like the presenter's: the talk starts at the first change
            slide_changed()

        def on_context(context: object) -> None:
            self._generation += 1  # pictures of slides are stale: new deck, language, size
            changed()

        self.navigator.current_changed.connect(on_slide)
        self.navigator.blank_changed.connect(lambda mode: changed())
        self.navigator.count_changed.connect(lambda count: changed())
        self.the_show.context_changed.connect(on_context)
        self.the_show.visitor_changed.connect(lambda visitor: changed())
        attract = getattr(self.player.parts.get("kiosk"), "attract", None)
        if attract is not None:
            attract.attracting_changed.connect(lambda on: changed())
        self._frames = FrameClock(self.player, frame_time)


class FrameClock(QObject):
    """Times each slide change to the first painted frame of the new slide — from its view or,
    during a cross-fade, from the fade layer showing the new slide's picture (as the slide-change
    benchmark measures it). Watches only the one view, and only until it has painted."""

    def __init__(self, player: Player, report: Callable[[float], None]) -> None:
        super().__init__(player.window)
        self.window, self.report = player.window, report
        self._started: float | None = None
        self._watched: list[QObject] = []
        player.navigator.current_changed.connect(self._on_navigator_current_changed)

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        stage = self.window.stage
        if stage is None:
            return
        self._release()
        self._started = time.perf_counter()
        self._watched = [w for w in (stage.current_view(), stage.fade_layer) if w is not None]
        for widget in self._watched:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and self._started is not None:
            stage = self.window.stage
            if (
                stage is not None
                and watched is stage.fade_layer
                and not stage.fade_layer.shows_next
            ):
                return False  # the old slide's picture fading out
            self.report(time.perf_counter() - self._started)
            self._started = None
            self._release()
        return False

    def _release(self) -> None:
        for widget in self._watched:
            try:
                widget.removeEventFilter(self)
            except RuntimeError:  # the view was deleted meanwhile
                continue
        self._watched = []


class VisitorFigures(QObject):
    """The visitor statistics' figures for /metrics, where a kiosk records them: visits since
    the player started (a visitor's first touch after the attract loop) and whether one is in
    progress. Added through `Metrics.add_collector`, the hook any part can use."""

    def __init__(self, session: QObject, tracker: object) -> None:
        super().__init__(session)
        self.visits = 0
        self.recorder = getattr(tracker, "recorder", None)
        session.attract.visitor_arrived.connect(self._on_attract_visitor_arrived)  # type: ignore[attr-defined]

    def _on_attract_visitor_arrived(self) -> None:
        self.visits += 1

    def families(self) -> list[Family]:
        present = bool(getattr(self.recorder, "in_visit", False))
        return [
            counter("revkiosk_visitor_sessions_total",
                    "Visits since the player started (a first touch after the attract loop).",
                    self.visits),
            gauge("revkiosk_visitor_present", "1 while a visit is in progress.", int(present)),
        ]  # fmt: skip


def lan_address() -> str | None:
    """This machine's IPv4 address on a network a phone can join (not loopback or link-local);
    a private address (192.168/16, 10/8, 172.16/12) first."""
    found = []
    for address in QNetworkInterface.allAddresses():
        if address.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
            continue
        if address.isLoopback() or address.isLinkLocal():
            continue
        found.append(address)
    found.sort(key=lambda a: not a.isPrivateUse())
    return found[0].toString() if found else None


def start_remote(player: Player) -> RemoteService | None:
    """Start the service if the command line or settings.yaml ask for it (None otherwise, or
    when it cannot start: the reason is logged and shown as a notice; the show goes on)."""
    from revkiosk.remote.service import RemoteService, RemoteStartError
    from revkiosk.settings import config_dir

    config, notices = from_settings(player.settings.remote, base=config_dir())
    try:
        config = with_command_line(config, player.options.remote, player.options.remote_token)
    except RemoteConfigError as error:
        notices.append(f"{error}; the remote stays off")
        config = None
    for notice in notices:
        log.warning("%s", notice)
        player.window.notice.post(notice)
    if config is None:
        return None
    # Not a child of the window: it is stopped as the window starts to go (its `destroyed`
    # comes before its children are deleted), so no request meets a half-deleted player.
    service = RemoteService(PlayerAdapter(player), config)
    try:
        service.start()
    except RemoteStartError as error:
        log.error("remote: not started: %s", error)
        player.window.notice.post(f"The remote could not start: {error}")
        return None
    player.app.aboutToQuit.connect(service.stop)
    player.window.destroyed.connect(service.stop)
    session = player.parts.get("kiosk")
    tracker = getattr(session, "visits", None)
    if isinstance(session, QObject) and tracker is not None and service.metrics is not None:
        service.metrics.add_collector(VisitorFigures(session, tracker).families)
    presenter = player.parts.get("presenter")
    if presenter is not None and hasattr(presenter, "set_pairing_url"):
        presenter.set_pairing_url(service.pairing_url(lan_address()))
    return service
