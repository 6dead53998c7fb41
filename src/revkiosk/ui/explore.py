"""A visitor's ways through the deck, wired onto one player window.

Home (the deck's hub), back, a milestone's "more" layer (M), captions, the current slide's links,
the control bar (in kiosk mode, or for a presenter with `--controls`) and touch gestures on
charts and pictures. Everything goes through named actions on the window, so the kiosk policy
sees each one; `reset_visit()` is what the kiosk calls when it goes idle: the layer closes,
zooms reset, the history is forgotten (the next visitor's back button starts afresh).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from revkiosk.context import ViewContext
from revkiosk.deck.model import MilestoneSlide, Slide
from revkiosk.i18n.words import N_
from revkiosk.navigator import Navigator
from revkiosk.show import Show
from revkiosk.ui import gestures
from revkiosk.ui.controls import ORDER, Control, ControlBar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from revkiosk.ui.more_layer import MoreLayer
    from revkiosk.ui.window import MainWindow

log = logging.getLogger(__name__)

MAX_LINKS = 4


class Explore(QObject):
    """The exploration parts of one window (kept in `player.parts["explore"]`)."""

    layer_opened = Signal(str)  # "more": a visitor opened a layer (the statistics count it)
    layer_closed = Signal(str)

    def __init__(
        self, window: MainWindow, navigator: Navigator, show: Show, *, controls: bool = False
    ) -> None:
        super().__init__(window)
        self.window, self.navigator, self.the_show = window, navigator, show
        self.layer: MoreLayer | None = None
        self.bar: ControlBar | None = None
        self._view: QWidget | None = None  # the view whose gestures are attached
        actions = {
            "home": self.go_home,
            "back": self.go_back,
            "more": self.toggle_more,
            "captions": self.toggle_captions,
        }
        for name, handler in actions.items():
            window.register_action(name, handler)
        navigator.current_changed.connect(self._on_navigator_current_changed)
        show.context_changed.connect(self._on_show_context_changed)
        show.visitor_changed.connect(lambda visitor: self.refresh())
        if controls:
            self.show_controls()
        QTimer.singleShot(0, self, self._follow_view)

    # --- the bar --------------------------------------------------------------------------

    def show_controls(self) -> ControlBar:
        """Put the control bar under the stage (once)."""
        if self.bar is None:
            bar = ControlBar(self.the_show.theme)
            bar.triggered.connect(self.window.trigger)
            bar.jump_requested.connect(self.navigator.go)
            for control in (
                Control("back", N_("Back"), order=ORDER["back"]),
                Control("home", N_("Home"), order=ORDER["home"]),
                Control("more", N_("More"), order=ORDER["more"], shown=self._has_more),
                Control(
                    "captions",
                    N_("Captions"),
                    order=ORDER["captions"],
                    checked=lambda: self.the_show.visitor.captions,
                ),  # fmt: skip
                Control("next", N_("Next"), order=ORDER["next"]),
            ):
                bar.add(control)
            self.bar = bar
            self.window.add_dock(bar)
            self.refresh()
        return self.bar

    def refresh(self) -> None:
        """The slide (or what is shown) changed: its links, its "more" button, captions."""
        if self.bar is None:
            return
        self.bar.set_theme(self.the_show.theme)
        self.bar.set_links(self._links())
        self.bar.refresh()

    def _slide(self) -> Slide | None:
        deck = self.the_show.deck
        index = self.navigator.index
        return deck.slides[index] if deck is not None and 0 <= index < len(deck.slides) else None

    def _links(self) -> list[tuple[str, int]]:
        deck, slide = self.the_show.deck, self._slide()
        if deck is None or slide is None:
            return []
        found = [
            (deck.slides[i].heading, i) for i in map(deck.index_of, slide.links) if i is not None
        ]
        return found[:MAX_LINKS]

    def _has_more(self) -> bool:
        slide = self._slide()
        return isinstance(slide, MilestoneSlide) and slide.milestone.more is not None

    # --- actions --------------------------------------------------------------------------

    def go_home(self) -> None:
        """To the hub (the kiosk's `start`, else the deck's first hub), else the start slide."""
        deck = self.the_show.deck
        if deck is None:
            return
        home = deck.home_index()
        self.navigator.go(home if home is not None else deck.info.kiosk.start_slide - 1)

    def go_back(self) -> None:
        """Where the visitor came from (a tile, a link, the previous slide)."""
        if not self.navigator.back():
            self.navigator.previous()

    def toggle_captions(self) -> None:
        self.the_show.update_visitor(captions=not self.the_show.visitor.captions)

    def toggle_more(self) -> None:
        """Open the current milestone's "more" layer, or close the open one."""
        if self.layer is not None and self.layer.is_open:
            self.layer.close_layer()
            return
        slide = self._slide()
        if not self._has_more() or self.the_show.deck is None:
            return
        assert isinstance(slide, MilestoneSlide)
        layer = self._more_layer()
        domain = self.the_show.deck.domain(slide.milestone.domain)
        layer.open_for(slide.milestone, domain, self.the_show.theme)
        self.layer_opened.emit("more")

    def _more_layer(self) -> MoreLayer:
        if self.layer is None:
            from revkiosk.ui.more_layer import MoreLayer

            self.layer = MoreLayer(self.window)
            self.layer.closed.connect(lambda: self.layer_closed.emit("more"))
            self.window.layers.append(self.layer)
            self.window.installEventFilter(self)  # the layer follows the window's size
        return self.layer

    def close_layer(self) -> None:
        if self.layer is not None:
            self.layer.close_layer()

    @property
    def layer_open(self) -> str | None:
        """The name of the open layer ("more"), for the status file and a restart."""
        return "more" if self.layer is not None and self.layer.is_open else None

    def reset_visit(self) -> None:
        """The kiosk went idle: close the layer, undo zooms (the next visitor's way back is
        cleared when they arrive)."""
        self.close_layer()
        gestures.reset(self._view)

    # --- following the show --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Resize and self.layer:
            self.layer.setGeometry(self.window.rect())
        elif watched is self._view and event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self, self._follow_view)  # a chart built after the first paint
        return False

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        self.close_layer()
        gestures.reset(self._view)  # a view kept for later comes back unzoomed
        self._follow_view()
        self.refresh()

    def _on_show_context_changed(self, context: ViewContext) -> None:
        self.close_layer()  # its text may be another language or size now
        self._view = None  # the views were rebuilt
        QTimer.singleShot(0, self, self._follow_view)
        self.refresh()

    def _follow_view(self) -> None:
        """Attach gestures to the view on screen (and to a chart it builds later)."""
        stage = self.window.stage
        view = stage.current_view() if stage is not None else None
        if view is None:
            return
        if view is not self._view:
            if self._view is not None:
                self._view.removeEventFilter(self)
            self._view = view
            view.installEventFilter(self)
        gestures.attach(view, self.window.trigger)


def install_explore(
    window: MainWindow, navigator: Navigator, show: Show, controls: bool
) -> Explore:
    """Wire exploration onto a built window (app.py calls this before the first paint)."""
    return Explore(window, navigator, show, controls=controls)
