"""Which screen shows the audience view and which the presenter view.

The rule that matters on stage: the audience view never lands on the laptop screen by accident.
With two or more screens the presenter view takes the primary screen (the laptop's, on every OS
we know) and the audience view goes full screen on another one, unless `--screen`/`screen:`
(audience) or `presenter_screen:` say otherwise, or the presenter swapped them (X). With one
screen both are ordinary windows on it and nothing goes full screen behind the speaker's back.

`plan_screens` is pure (any objects stand in for QScreen), so the plug/unplug logic is tested
with fake screen lists; `place_window` is the only part that touches Qt windows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import _


@dataclass(frozen=True)
class ScreenPlan:
    """Where each view goes. `dual` means two different screens (audience full screen)."""

    audience: Any
    presenter: Any

    @property
    def dual(self) -> bool:
        return self.audience is not None and self.audience is not self.presenter


def _pick(screens: Sequence[Any], number: int | None) -> Any:
    """The 1-based screen `number`, or None when unset or not connected."""
    if number is None or not 1 <= number <= len(screens):
        return None
    return screens[number - 1]


def plan_screens(
    screens: Sequence[Any],
    primary: Any,
    audience_number: int | None = None,
    presenter_number: int | None = None,
    swapped: bool = False,
) -> ScreenPlan:
    """Decide the screens for both views from the connected `screens` (in Qt's order)."""
    if not screens:
        return ScreenPlan(None, None)
    if primary not in screens:
        primary = screens[0]
    if len(screens) == 1:
        return ScreenPlan(screens[0], screens[0])
    audience = _pick(screens, audience_number)
    presenter = _pick(screens, presenter_number)
    if audience is not None and audience is presenter:
        presenter = None  # both asked for one screen: the audience wins, the presenter moves
    if presenter is None:
        presenter = primary if audience is not primary else _other(screens, audience)
    if audience is None:
        audience = _other(screens, presenter)
    if swapped:
        audience, presenter = presenter, audience
    return ScreenPlan(audience, presenter)


def _other(screens: Sequence[Any], taken: Any) -> Any:
    return next(screen for screen in screens if screen is not taken)


def screen_label(number: int, screen: Any) -> str:
    """`"2: HDMI-1 1920×1080"` for the presenter view's screen picker."""
    name = screen.name() if hasattr(screen, "name") else str(screen)
    size = screen.size() if hasattr(screen, "size") else None
    dims = f" {size.width()}×{size.height()}" if size is not None else ""
    name = name or _("Screen")  # a screen without a name (some drivers, offscreen)
    return f"{number}: {name}{dims}"


def place_window(window: QWidget, screen: Any, fullscreen: bool) -> None:
    """Move a top-level window to `screen` and set its full-screen state.

    A full-screen window must leave full screen before it can move (X11 and Windows both keep it
    on the old output otherwise). Non-QScreen stand-ins (tests) only change the state.
    """
    was_full = window.isFullScreen()
    if isinstance(screen, QScreen) and window.screen() is not screen:
        if was_full:
            window.showNormal()
        window.setScreen(screen)
        area = screen.availableGeometry()
        width = min(window.width(), area.width())
        height = min(window.height(), area.height())
        window.setGeometry(
            area.x() + (area.width() - width) // 2,
            area.y() + (area.height() - height) // 2,
            width,
            height,
        )
        handle = window.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
    if fullscreen:
        window.showFullScreen()
    elif window.isFullScreen() or not window.isVisible():
        window.showNormal()
