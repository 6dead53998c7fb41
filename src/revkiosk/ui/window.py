"""The player window: arranges the stage and overlays, and turns input into named actions.

It draws what the `Show` holds (the deck, theme and visitor settings, through the context the Show
builds) at the slide the `Navigator` says, and keeps no copy of either: a reload, a language
switch or a larger text size arrives as `Show.context_changed`.

Every key, click and swipe becomes an action name (`next`, `black`, `overview`, …) that goes
through `trigger()`: the action policy (kiosk mode) may refuse it, the window performs the
built-in ones, and the rest (`timeline`, `presenter`, `play_pause`, zoom) are offered first to the
current slide view and then to hooks other modules register with `register_action()`, so the
timeline, presenter view and kiosk plug in without editing this file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext, only_live_changes
from revkiosk.i18n.words import _
from revkiosk.navigator import Navigator
from revkiosk.settings import Settings
from revkiosk.show import Show
from revkiosk.theme import Theme
from revkiosk.ui.actions import Actions, AutoAdvance
from revkiosk.ui.after_paint import AfterPaint
from revkiosk.ui.fullscreen import FullScreen
from revkiosk.ui.overlays import BlankScreen, LazyOverlay, Overlay, ProgressOverlay
from revkiosk.ui.stage import Stage

if TYPE_CHECKING:
    from revkiosk.ui.input import CursorHider, KeyRouter
    from revkiosk.ui.notices import DeckErrorScreen, NoticeBanner
    from revkiosk.ui.overlays import GotoBox, HelpOverlay
    from revkiosk.ui.overview import OverviewGrid

log = logging.getLogger(__name__)

# Bottom to top. All but the progress bar and the blank screen are built on first use, which
# keeps them (and the overview's imports) off the path to the first painted slide.
_STACK = ("progress", "notice", "error_screen", "help", "goto_box", "overview", "blank")


class MainWindow(QWidget):
    """The audience window of one `Show`: a deck error screen until a deck has loaded."""

    action_triggered = Signal(str)  # an action was performed (not refused)
    quit_requested = Signal()  # the app quits (a presenter window may also be open)
    first_slide_painted = Signal()
    fullscreen_changed = Signal(bool)  # entered (True) or left full screen
    announced = Signal(str)  # words for the visitor's ears (spoken mode reads them)

    notice: LazyOverlay[NoticeBanner] = LazyOverlay("revkiosk.ui.notices:NoticeBanner")
    error_screen: LazyOverlay[DeckErrorScreen] = LazyOverlay("revkiosk.ui.notices:DeckErrorScreen")
    help: LazyOverlay[HelpOverlay] = LazyOverlay("revkiosk.ui.overlays:HelpOverlay")
    goto_box: LazyOverlay[GotoBox] = LazyOverlay("revkiosk.ui.overlays:GotoBox")
    overview: LazyOverlay[OverviewGrid] = LazyOverlay("revkiosk.ui.overview:OverviewGrid")

    def __init__(self, navigator: Navigator, show: Show, settings: Settings) -> None:
        super().__init__()
        self.navigator = navigator
        self.the_show = show
        self.settings = settings
        self.key_grabbers: list[Callable[[QKeyEvent, str | None], bool]] = []  # open panels
        self.theme = show.theme  # what the overlays were last given
        self.actions = Actions(
            self._builtin_actions(),
            current_view=lambda: self.stage.current_view() if self.stage else None,
            escape_target=self._escape_target,
            toggle_narration=lambda: self.stage is not None and self.stage.toggle_narration(),
            notify=lambda text: self.notice.post(text),
        )
        self.auto = AutoAdvance(navigator, self._seconds_here, self)
        self.auto.toggled.connect(lambda on: self.update_progress())
        self.setWindowTitle("revkiosk")
        self.setMinimumSize(320, 180)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._paint_background()
        self.stage: Stage | None = None
        self.progress = ProgressOverlay(self.theme, self)
        self.blank = BlankScreen(self.theme, self)
        self.after_paint = AfterPaint(self, lambda: self.stage, navigator)
        self.after_paint.first_painted.connect(self.first_slide_painted)
        self._fullscreen = FullScreen(self, self.fullscreen_changed.emit)
        # Bars that take their room from the stage (the kiosk's controls): see `add_dock`;
        # and other modules' layers that Esc closes like an overlay (`is_open`, `close_layer()`).
        self.docks: list[QWidget] = []
        self.layers: list[Any] = []
        navigator.current_changed.connect(self._on_navigator_current_changed)
        navigator.count_changed.connect(self._on_navigator_count_changed)
        navigator.blank_changed.connect(self.blank.set_mode)
        self.blank.dismissed.connect(lambda: navigator.set_blank(None))
        show.context_changed.connect(self._on_show_context_changed)
        show.load_failed.connect(self._on_show_load_failed)
        if show.context is not None:
            self._on_show_context_changed(show.context)

    @property
    def context(self) -> ViewContext | None:
        """What the views draw from (the Show's; None until a deck has loaded)."""
        return self.the_show.context

    # Built on first use (a key, full screen): `ui/input.py` and the keymap stay off the path
    # to the first painted slide.
    @cached_property
    def _keys(self) -> KeyRouter:
        from revkiosk.ui.input import KeyRouter

        return KeyRouter(self)

    @cached_property
    def cursor_hider(self) -> CursorHider:
        from revkiosk.ui.input import CursorHider

        return CursorHider(self, self.is_fullscreen)

    # --- deck ---------------------------------------------------------------------------

    def _set_theme(self, theme: Theme) -> None:
        """Give the window and its overlays the theme in force (views get it in their context)."""
        if theme == self.theme:
            return
        self.theme = theme
        self._paint_background()
        self.progress.set_theme(theme)
        self.blank.set_theme(theme)
        for name in _STACK:  # only those built so far; the rest are born with the new theme
            overlay = self.__dict__.get("_" + name)
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
        self._restack()

    def _restack(self) -> None:
        """Keep the overlays' stacking order (and above any dock) whatever was built first."""
        for below in _STACK:
            built = self.__dict__.get("_" + below) or self.__dict__.get(below)
            if built is not None:
                built.raise_()

    def add_dock(self, dock: QWidget) -> None:
        """Give `dock` a band of the window the stage no longer covers: its `place(area)`
        takes what it needs from `area` and returns the rest, its `changed` signal asks for a
        new layout. Overlays (help, blank screen) still cover it."""
        dock.setParent(self)
        self.docks.append(dock)
        dock.changed.connect(self._layout)  # type: ignore[attr-defined]
        dock.show()
        self._layout()
        self._restack()

    def _paint_background(self) -> None:
        """The window colour is painted in `paintEvent` (not a style sheet: style sheets
        cascade into every slide view's child widgets)."""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.update()

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.background))
        painter.end()

    def _on_show_context_changed(self, context: ViewContext) -> None:
        """A deck loaded or reloaded, or its language, theme or visitor settings changed:
        rebuild the views, keeping the current slide (the navigator clamps it to a shorter
        deck once the Show announces the deck itself). Sound, volume or captions alone are
        applied to the views as they play (a video must not restart)."""
        if self.stage is not None and only_live_changes(self.stage.context, context):
            self.stage.update_context(context)
            return
        self._set_theme(context.theme)
        if self.is_shown("error_screen"):
            self.error_screen.hide()
        self.setWindowTitle(f"{context.deck.info.title} — revkiosk")
        if self.stage is None:
            self.stage = Stage(context, self.settings.transition, aspect=self.settings.aspect)
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
        self._layout()
        self._show_current(animate=False)
        count = len(context.deck.slides)
        self.progress.setVisible(self.settings.show_progress and count > 0)

    def _on_show_load_failed(self, problems: list[str]) -> None:
        """The first load failed: the problems fill the screen (R tries again). A reload
        failed: a notice, and the deck shown stays (in kiosk mode only the log and the
        status file hear of it: the technician reads those, not the visitor)."""
        if self.the_show.deck is None:
            self.show_deck_error(str(self.the_show.deck_path or ""), problems)
        elif not self.the_show.kiosk:
            self.notice.post(
                _("Reload failed, keeping the deck shown: {problem}", problem=problems[0])
            )

    def show_deck_error(self, path: str, problems: Sequence[str]) -> None:
        """The deck failed to load: show its problems (the window stays up; R reloads)."""
        self.error_screen.set_problems(path, problems)
        self.error_screen.show()
        self.progress.hide()
        self.after_paint.await_first_on(self.error_screen)  # "first paint" is the error screen

    def _show_current(self, animate: bool) -> None:
        if self.stage is None:
            return
        self.stage.show_slide(self.navigator.index, animate=animate)
        view = self.stage.current_view()
        if view is None:  # a shorter deck: the navigator moves into it next
            return
        self.update_progress()
        if self.stage.fade_layer.shows_next:
            # The first frame is a picture (one blit): paint it now, ahead of whatever else is
            # queued (a video slide just left posts a burst of media events).
            QCoreApplication.sendPostedEvents(self.window(), QEvent.Type.UpdateRequest)
        self.after_paint.watch(view)  # preload once this one has painted
        self.auto.restart()

    def set_asleep(self, asleep: bool) -> None:
        """Closing time (a kiosk's schedule): drop every slide view, so no video plays and no
        timer runs behind the black screen all night; at opening, show the current slide."""
        if self.stage is None:
            return
        if not asleep:
            self._show_current(animate=False)
            return
        self.after_paint.stop()
        # Started at night: the black screen is the first paint (what waits for it — the log
        # file, the timeline, garbage collection — must not wait for the morning).
        self.after_paint.await_first_on(self.blank, instead=True)
        self.stage.clear()

    def update_progress(self) -> None:
        nav, deck = self.navigator, self.the_show.deck
        slides = deck.slides if deck is not None else ()
        title = 0 <= nav.index < len(slides) and slides[nav.index].kind == "title"
        self.progress.set_position(nav.index, nav.count, self.auto.on, quiet=title)

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        self._show_current(animate=True)

    def _on_navigator_count_changed(self, count: int) -> None:
        """A deck with another number of slides (an edit, a content update; the first deck
        after a failed load): its count arrives after its views were rebuilt."""
        if self.stage is not None and self.stage.current_view() is None:
            self._show_current(animate=False)
        self.update_progress()  # else "2 / 11" stays up in a deck of 52 until the next slide

    def _on_stage_view_failed(self, index: int, message: str) -> None:
        self.notice.post(
            _("Slide {number} could not be shown: {message}", number=index + 1, message=message)
        )

    # --- actions (see ui/actions.py) -------------------------------------------------

    def _builtin_actions(self) -> dict[str, Callable[[], object]]:
        nav = self.navigator
        return {
            "next": nav.next,
            "previous": nav.previous,
            "first": nav.first,
            "last": nav.last,
            "goto": lambda: self.goto_box.open(nav.count),
            "black": lambda: nav.toggle_blank("black"),
            "white": lambda: nav.toggle_blank("white"),
            "fullscreen": self.toggle_fullscreen,
            "enter_fullscreen": self.enter_fullscreen,
            "leave_fullscreen": self.leave_fullscreen,
            "close_overlay": self.close_overlays,
            "overview": self.toggle_overview,
            "help": self.toggle_help,
            "auto_advance": lambda: self.auto.toggle(),
            "reload": lambda: self.the_show.load(),
            "quit": self.quit,
        }

    def _escape_target(self) -> str | None:
        """Esc closes what is open, else leaves full screen, else does nothing."""
        if self.overlay_open():
            return "close_overlay"
        if self.is_fullscreen():
            return "leave_fullscreen"
        return None

    def _seconds_here(self) -> float | None:
        """How long auto-advance stays on the current slide."""
        deck, index = self.the_show.deck, self.navigator.index
        if deck is None or not 0 <= index < len(deck.slides):
            return None
        slide = deck.slides[index]
        view = self.stage.current_view() if self.stage is not None else None
        try:
            seconds = (view.attract_seconds() if view is not None else None) or slide.seconds
        except Exception:  # noqa: BLE001 - a view bug must not stop the show
            seconds = slide.seconds
        return seconds or deck.info.slide_seconds

    def announce(self, text: str) -> None:
        """Something on screen a visitor who cannot see it must hear (the idle warning)."""
        self.announced.emit(text)

    def register_action(self, action: str, handler: Callable[[], object]) -> None:
        """Let another module perform `action` (timeline, presenter view, kiosk extras)."""
        self.actions.register(action, handler)

    def set_policy(self, allows: Callable[[str], bool]) -> None:
        """Install the action policy (kiosk mode refuses actions such as `quit`)."""
        self.actions.allows = allows

    def allows(self, action: str) -> bool:
        return self.actions.allows(action)

    def trigger(self, action: str) -> bool:
        """Perform a named action. Returns True if it was performed (not refused or unknown)."""
        performed = self.actions.trigger(action)
        if performed:
            self.action_triggered.emit(performed)
        return performed is not None

    def overlay_open(self) -> bool:
        return any(self.is_shown(name) for name in ("help", "overview", "goto_box")) or any(
            layer.is_open for layer in self.layers
        )

    def close_overlays(self) -> None:
        for name in ("help", "goto_box", "overview"):
            if self.is_shown(name):
                getattr(self, name).hide()
        for layer in self.layers:
            if layer.is_open:
                layer.close_layer()

    def is_fullscreen(self) -> bool:
        return self._fullscreen.on

    def toggle_fullscreen(self) -> None:
        self.leave_fullscreen() if self.is_fullscreen() else self.enter_fullscreen()

    def enter_fullscreen(self) -> None:
        self._fullscreen.enter()
        self.cursor_hider.wake()

    def leave_fullscreen(self) -> None:
        self._fullscreen.leave()
        self.cursor_hider.wake()

    def toggle_help(self) -> None:
        self.help.setVisible(not self.help.isVisible())

    def quit(self) -> None:
        """Close and ask the app to quit (a presenter window may be open too)."""
        self.close()
        self.quit_requested.emit()

    def toggle_overview(self) -> None:
        if self.is_shown("overview"):
            self.overview.close_overview()
        elif self.context is not None:
            if self.is_shown("help"):
                self.help.hide()
            if self.stage is not None and not self.stage.slide_rect().isEmpty():
                slide = self.stage.slide_rect()
                self.overview.set_aspect(slide.width() / slide.height())
            self.overview.open(self.navigator.index)

    def _on_overview_picked(self, index: int) -> None:
        self.overview.close_overview()
        self.navigator.go(index)

    @property
    def auto_advancing(self) -> bool:
        return self.auto.on

    # --- keys ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Keys first (before Qt uses Tab to move focus): views never hold focus, so every key
        pressed in this window arrives here."""
        if event.type() == QEvent.Type.KeyPress and self.handle_key(event):  # type: ignore[arg-type]
            return True
        if event.type() == QEvent.Type.KeyRelease:
            self._keys.released(event)  # type: ignore[arg-type]
        return super().event(event)

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
        area = full
        for dock in self.docks:
            if not dock.isHidden():
                area = dock.place(area)  # type: ignore[attr-defined]
        self.stage.setGeometry(area)
        slide = self.stage.slide_rect().translated(self.stage.pos())
        side = min(slide.width(), slide.height())  # sizes follow the slide's short side
        strip = max(24, round(side * 60 / 1080))
        self.progress.setGeometry(slide.x(), slide.bottom() + 1 - strip, slide.width(), strip)
        if "_notice" in self.__dict__:
            height = max(40, side // 7)
            self.notice.setGeometry(slide.x(), slide.y(), slide.width(), height)

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        if self.stage is not None:
            self.stage.clear()
        super().closeEvent(event)  # type: ignore[arg-type]
