"""Build a real audience window around a deck the way app.py wires one: Navigator + Show."""

from __future__ import annotations

from revkiosk.deck.model import Deck
from revkiosk.navigator import Navigator
from revkiosk.settings import Settings, VisitorSettings
from revkiosk.show import Show
from revkiosk.theme import Theme, theme_named
from revkiosk.ui.window import MainWindow


def window_for(
    deck: Deck | None,
    settings: Settings | None = None,
    *,
    navigator: Navigator | None = None,
    theme: Theme | None = None,
    start: int = 0,
    visitor: VisitorSettings | None = None,
) -> tuple[MainWindow, Navigator, Show]:
    """A window showing `deck` (None: no deck loaded) from slide `start`, with its navigator
    and Show; the Show's deck count drives the navigator as in the player."""
    navigator = navigator or Navigator(len(deck.slides) if deck else 0, start)
    show = Show(theme or theme_named("dark"), jump_to=navigator.go, visitor=visitor)
    if deck is not None:
        show.set_deck(deck)
    show.deck_changed.connect(lambda new: navigator.set_count(len(new.slides)))
    window = MainWindow(navigator, show, settings or Settings(transition="none"))
    return window, navigator, show


def live_chart(qtbot, view, timeout: int = 10_000):  # type: ignore[no-untyped-def]
    """The view's live chart once it has replaced the picture (a chart slide shown in the live
    window paints its picture first and builds the chart after that paint)."""

    def live() -> bool:
        return view.chart is not None and view.picture is None and view.chart.isVisible()

    qtbot.waitUntil(live, timeout=timeout)
    return view.chart
