"""The player window: arranges the stage and overlays, and turns input into named actions.

Every key, click and swipe becomes an action name (`next`, `black`, `overview`, …) that goes
through `trigger()`: the action policy (kiosk mode) may refuse it, the window performs the
built-in ones, and the rest (`timeline`, `presenter`, `play_pause`, zoom) are offered first to the
current slide view and then to hooks other modules register with `register_action()`, so the
timeline, presenter view and kiosk plug in without editing this file.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import QWidget

from revkiosk.navigator import Navigator
from revkiosk.settings import Settings
from revkiosk.ui.input import KeyRouter
from revkiosk.ui.overlays import BlankScreen, Overlay, ProgressOverlay
from revkiosk.ui.slides.base import ViewContext
from revkiosk.ui.stage import Stage
from revkiosk.ui.theme import Theme

log = logging.getLogger(__name__)

DELEGATED = ("timeline", "presenter", "play_pause", "zoom_in", "zoom_out", "zoom_reset")
# Bottom to top. All but the progress bar and the blank screen are built on first use, which
# keeps them (and the overview's imports) off the path to the first painted slide.
_STACK = ("progress", "notice", "error_screen", "help", "goto_box", "overview", "blank")


class _LazyOverlay:
    """Descriptor: build the overlay `module:Class` on first access."""

    def __init__(self, target: str) -> None:
        self.target = target

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: MainWindow | None, owner: type) -> Overlay:
        if window is None:
            return self  # type: ignore[return-value]
        widget = window.__dict__.get("_" + self.name)
        if widget is None:
            module, _, cls = self.target.partition(":")
            widget = getattr(importlib.import_module(module), cls)(window.theme, window)
            window.__dict__["_" + self.name] = widget
            window._on_overlay_built(self.name, widget)
        return widget


class MainWindow(QWidget):
    """The audience window. The app builds it, then calls `set_deck()` or `show_deck_error()`."""

    action_triggered = Signal(str)  # an action was performed (not refused)
    reload_requested = Signal()
    quit_requested = Signal()  # the app quits (a presenter window may also be open)
    first_slide_painted = Signal()

    notice = _LazyOverlay("revkiosk.ui.overlays:NoticeBanner")
    error_screen = _LazyOverlay("revkiosk.ui.overlays:DeckErrorScreen")
    help = _LazyOverlay("revkiosk.ui.overlays:HelpOverlay")
    goto_box = _LazyOverlay("revkiosk.ui.overlays:GotoBox")
    overview = _LazyOverlay("revkiosk.ui.overview:OverviewGrid")

    def __init__(self, navigator: Navigator, theme: Theme, settings: Settings) -> None:
        super().__init__()
        self.navigator = navigator
        self.settings = settings
        self.theme = theme
        self.context: ViewContext | None = None
        self.allows: Callable[[str], bool] = lambda action: True
        self._hooks: dict[str, Callable[[], object]] = {}
        self.setWindowTitle("revkiosk")
        self.setMinimumSize(320, 180)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._paint_background()
        self.stage: Stage | None = None
        self.progress = ProgressOverlay(theme, self)
        self.blank = BlankScreen(theme, self)
        self._keys = KeyRouter(self)
        self._auto = QTimer(self, singleShot=True, timeout=self._on_auto_timeout)
        self._preload = QTimer(self, singleShot=True, interval=60, timeout=self._preload_next)
        self._snap = QTimer(self, singleShot=True, interval=250, timeout=self._take_snapshot)
        self._paint_watch: QObject | None = None
        self._preload_after: QObject | None = None
        self._auto_on = False
        self._fullscreen = False
        self._normal_geometry: QRect | None = None
        navigator.current_changed.connect(self._on_navigator_current_changed)
        navigator.blank_changed.connect(self.blank.set_mode)
        self.blank.dismissed.connect(lambda: navigator.set_blank(None))

    # --- deck ---------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        """Use another theme (before `set_deck`: views read it from their context)."""
        self.theme = theme
        self._paint_background()
        for name in _STACK:  # only those built so far; the rest are born with the new theme
            overlay = self.__dict__.get("_" + name) or self.__dict__.get(name)
            if isinstance(overlay, Overlay):
                overlay.set_theme(theme)

    def is_shown(self, name: str) -> bool:
        """Whether overlay `name` exists and is visible (without building it)."""
        widget = self.__dict__.get("_" + name) or self.__dict__.get(name)
        return widget is not None and widget.isVisible()

    def _on_overlay_built(self, name: str, widget: Overlay) -> None:
        if name == "overview":
            widget.picked.connect(self._on_overview_picked)  # type: ignore[attr-defined]
            if self.context is not None:
                widget.set_context(self.context)  # type: ignore[attr-defined]
        self._layout()
        for below in _STACK:  # keep the stacking order whatever was built first
            built = self.__dict__.get("_" + below) or self.__dict__.get(below)
            if built is not None:
                built.raise_()

    def _paint_background(self) -> None:
        """The window colour is painted in `paintEvent` (not a style sheet: style sheets
        cascade into every slide view's child widgets)."""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.update()

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.background))
        painter.end()

    def set_deck(self, context: ViewContext) -> None:
        """Show a loaded deck (first load or reload), keeping the current slide if it exists."""
        self.context = context
        if self.is_shown("error_screen"):
            self.error_screen.hide()
        self.setWindowTitle(f"{context.deck.info.title} — revkiosk")
        if self.stage is None:
            self.stage = Stage(context, self.settings.transition)
            self.stage.setParent(self)
            self.stage.action_requested.connect(self.trigger)
            self.stage.view_failed.connect(self._on_stage_view_failed)
            self.stage.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
            self.stage.lower()
            self.stage.show()
        else:
            self.stage.clear()
            self.stage.context = context
        if "_overview" in self.__dict__:
            self.overview.set_context(context)
        self.navigator.set_count(len(context.deck.slides))
        self._layout()
        self._show_current(animate=False)
        self.progress.setVisible(self.settings.show_progress and self.navigator.count > 0)

    def show_deck_error(self, path: str, problems: Sequence[str]) -> None:
        """The deck failed to load: show its problems (the window stays up; R reloads)."""
        self.error_screen.set_problems(path, problems)
        self.error_screen.show()
        self.progress.hide()
        if self._paint_watch is None:
            self._paint_watch = self.error_screen  # "first paint" is the error screen then
            self.error_screen.installEventFilter(self)

    def _show_current(self, animate: bool) -> None:
        if self.stage is None or self.navigator.count == 0:
            return
        self.stage.show_slide(self.navigator.index, animate=animate)
        if self._paint_watch is None:
            self._paint_watch = self.stage.current_view()
            self._paint_watch.installEventFilter(self)
        self._update_progress()
        self._preload_after = self.stage.current_view()  # preload once this one has painted
        self._preload_after.installEventFilter(self)
        if self._auto_on:
            self._start_auto()

    def _update_progress(self) -> None:
        nav = self.navigator
        deck = self.context.deck if self.context is not None else None
        title = bool(deck and nav.count and deck.slides[nav.index].kind == "title")
        self.progress.set_position(nav.index, nav.count, self._auto_on, quiet=title)

    def _take_snapshot(self) -> None:
        if self.stage is None:
            return
        if self.stage.fading():
            self._snap.start()  # picture the slide itself, not the cross-fade
        else:
            self.stage.take_snapshot()

    def _preload_next(self) -> None:
        if self.stage is not None and not self.navigator.at_end:
            self.stage.preload(self.navigator.index + 1)

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        self._show_current(animate=True)

    def _on_stage_view_failed(self, index: int, message: str) -> None:
        self.notice.post(f"Slide {index + 1} could not be shown: {message}")

    # --- actions ------------------------------------------------------------------------

    def register_action(self, action: str, handler: Callable[[], object]) -> None:
        """Let another module perform `action` (timeline, presenter view, kiosk extras)."""
        self._hooks[action] = handler

    def set_policy(self, allows: Callable[[str], bool]) -> None:
        """Install the action policy (kiosk mode refuses actions such as `quit`)."""
        self.allows = allows

    def trigger(self, action: str) -> bool:
        """Perform a named action. Returns True if it was performed (not refused or unknown)."""
        if action == "escape":
            if not self.allows(action):
                return False
            action = self._escape_target()
            if action is None:
                return False
        if not self.allows(action):
            log.info("action %r refused by policy", action)
            return False
        builtin = self._builtins().get(action)
        if builtin is not None:
            builtin()
        elif not self._delegate(action):
            return False
        self.action_triggered.emit(action)
        return True

    def _builtins(self) -> dict[str, Callable[[], object]]:
        nav = self.navigator
        return {
            "next": nav.next,
            "previous": nav.previous,
            "first": nav.first,
            "last": nav.last,
            "goto": lambda: self.goto_box.open(nav.count),
            "black": lambda: nav.toggle_blank("black"),
            "white": lambda: nav.toggle_blank("white"),
            "fullscreen": self._toggle_fullscreen,
            "enter_fullscreen": self.enter_fullscreen,
            "leave_fullscreen": self.leave_fullscreen,
            "close_overlay": self.close_overlays,
            "overview": self._toggle_overview,
            "help": self._toggle_help,
            "auto_advance": self._toggle_auto,
            "reload": self.reload_requested.emit,
            "quit": self._quit,
        }

    def _delegate(self, action: str) -> bool:
        view = self.stage.current_view() if self.stage else None
        if action in DELEGATED and view is not None:
            try:
                if view.handle_action(action):
                    return True
            except Exception:  # noqa: BLE001 - a view bug must not stop the show
                log.exception("view failed to handle %r", action)
        hook = self._hooks.get(action)
        if hook is None:
            if action in ("timeline", "presenter"):
                self.notice.post(f"The {action} view is not available.")
            return False
        hook()
        return True

    def _escape_target(self) -> str | None:
        if self.overlay_open():
            return "close_overlay"
        if self.is_fullscreen():
            return "leave_fullscreen"
        return None

    def overlay_open(self) -> bool:
        return any(self.is_shown(name) for name in ("help", "overview", "goto_box"))

    def close_overlays(self) -> None:
        for name in ("help", "goto_box", "overview"):
            if self.is_shown(name):
                getattr(self, name).hide()

    def is_fullscreen(self) -> bool:
        """Our own record: without a window manager Qt's window state does not stick."""
        return self._fullscreen or self.isFullScreen()

    def _toggle_fullscreen(self) -> None:
        self.leave_fullscreen() if self.is_fullscreen() else self.enter_fullscreen()

    def enter_fullscreen(self) -> None:
        """Full screen on the window's screen, at the current slide (nothing reloads)."""
        if not self.is_fullscreen():
            self._normal_geometry = self.geometry()
        self._fullscreen = True
        self.showFullScreen()
        # Without a window manager (a bare X kiosk session) nobody honours the full-screen
        # request: check, and cover the screen ourselves.
        QTimer.singleShot(150, self, self._cover_screen)

    def _cover_screen(self) -> None:
        screen = self.screen()
        if self._fullscreen and screen and self.geometry() != screen.geometry():
            self.setGeometry(screen.geometry())

    def leave_fullscreen(self) -> None:
        self._fullscreen = False
        self.showNormal()
        if self._normal_geometry is not None:
            self.setGeometry(self._normal_geometry)

    def _toggle_help(self) -> None:
        self.help.setVisible(not self.help.isVisible())

    def _quit(self) -> None:
        self.close()
        self.quit_requested.emit()

    def _toggle_overview(self) -> None:
        if self.is_shown("overview"):
            self.overview.close_overview()
        elif self.context is not None:
            if self.is_shown("help"):
                self.help.hide()
            self.overview.open(self.navigator.index)

    def _on_overview_picked(self, index: int) -> None:
        self.overview.close_overview()
        self.navigator.go(index)

    # --- auto-advance -------------------------------------------------------------------

    @property
    def auto_advancing(self) -> bool:
        return self._auto_on

    def _toggle_auto(self) -> None:
        self._auto_on = not self._auto_on
        self._update_progress()
        self._start_auto() if self._auto_on else self._auto.stop()

    def _start_auto(self) -> None:
        if self.context is None or not self.navigator.count:
            return
        slide = self.context.deck.slides[self.navigator.index]
        view = self.stage.current_view() if self.stage else None
        seconds = (view.attract_seconds() if view else None) or slide.seconds
        self._auto.start(round(1000 * (seconds or self.context.deck.info.slide_seconds)))

    def _on_auto_timeout(self) -> None:
        self.navigator.first() if self.navigator.at_end else self.navigator.next()

    # --- keys ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Keys first (before Qt uses Tab to move focus): views never hold focus, so every key
        pressed in this window arrives here."""
        if event.type() == QEvent.Type.KeyPress and self.handle_key(event):  # type: ignore[arg-type]
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Paint events of the views being watched (filters are set on those views only)."""
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self._preload_after:
            # Build the next view only after this one is on screen, so preloading never
            # delays the frame the audience is waiting for.
            self._preload_after = None
            self._preload.start()
            self._snap.start()
        if watched is self._paint_watch:
            self._paint_watch = self  # only once
            QTimer.singleShot(0, self, self._on_first_paint)
        watched.removeEventFilter(self)
        return False

    def _on_first_paint(self) -> None:
        self.first_slide_painted.emit()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Route one key press; True when consumed (public: a presenter window forwards keys)."""
        return self._keys.handle(event)

    # --- layout -------------------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self._layout()

    def _layout(self) -> None:
        full = self.rect()
        for name in ("error_screen", "help", "goto_box", "overview", "blank"):
            widget = self.__dict__.get("_" + name) or self.__dict__.get(name)
            if widget is not None:
                widget.setGeometry(full)
        if self.stage is None:
            return
        self.stage.setGeometry(full)
        slide = self.stage.slide_rect()
        strip = max(24, round(slide.height() * 60 / 1080))
        self.progress.setGeometry(slide.x(), slide.bottom() + 1 - strip, slide.width(), strip)
        if "_notice" in self.__dict__:
            height = max(40, slide.height() // 7)
            self.notice.setGeometry(slide.x(), slide.y(), slide.width(), height)

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        if self.stage is not None:
            self.stage.clear()
        super().closeEvent(event)  # type: ignore[arg-type]
