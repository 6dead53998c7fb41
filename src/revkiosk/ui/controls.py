"""The visible controls of a touch kiosk: a bar under the slide with back, home, next, captions,
the current slide's links and its "more" button, and whatever other modules add.

Buttons come from `Control` records, so the language and comfort panels add theirs with
`controls_of(window).add(Control(...))` at the places `ORDER` keeps for them, without editing
this file. Every button is at least 9 mm tall on the screen it is shown on (from the screen's
DPI, as the timeline strip measures it), carries a label and an accessible name, and draws in
the theme's text colour on its background (far above 7:1 in both themes). The bar takes its
room from the stage (`MainWindow.add_dock`), so it never covers slide text; on a tall screen it
has two rows: the slide's own links above, the fixed controls below.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAbstractButton, QWidget

from revkiosk.i18n.words import _
from revkiosk.theme import Theme
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.icons import paint_icon
from revkiosk.ui.timeline.layout import touch_px

# Left to right. The gaps are for other modules' buttons (language 60, comfort 70).
ORDER = {"back": 10, "home": 20, "more": 30, "captions": 50, "language": 60, "comfort": 70,
         "next": 90}  # fmt: skip
LINKS_AT = 40  # the slide's links sit between the controls ordered below and above this
# When the bar is too narrow for every label (a portrait totem, German), these show their icon
# alone, first to last, until the rest fit: arrows and the house say enough by themselves; the
# language's own name is the last to go (a visitor looks for it). Their names stay for screen
# readers. Controls not named here come after these.
ICON_ALONE_FIRST = ("back", "next", "home", "more", "comfort", "captions", "language")
BUTTON_DESIGN_PX = 64.0  # button height at a 1080-pixel short side (at least 9 mm anyway)
LABEL_DESIGN_PX = 31.0  # label text: caps above 22 px at 1080
PAD_DESIGN_PX = 8.0


@dataclass(frozen=True)
class Control:
    """One button of the bar: it triggers the action `name` (or `action`).

    `icon` names a drawn icon (back, next, home, captions, more, link, close, language,
    comfort) or is
    a short text drawn in its place; `checked` says whether the button shows as on (captions);
    `shown` whether it shows at all right now. Both are asked again on `ControlBar.refresh()`.
    """

    name: str
    label: str
    icon: str = ""
    order: int = 50
    action: str = ""
    checked: Callable[[], bool] | None = None
    shown: Callable[[], bool] | None = None


class ControlButton(QAbstractButton):
    """An icon and a label on a pill; inverted while checked or pressed."""

    def __init__(self, control: Control, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.control = control
        self.theme = theme
        self.font_px = 31
        self.outline: QColor | None = None  # links wear the accent, to read as a group
        self.icon_alone = False  # no room for the label (`ControlBar._make_room`)
        self.setText(_(control.label))  # marked with N_() where the control is made
        self.setAccessibleName(_(control.label))
        self.setCheckable(control.checked is not None)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the navigator
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def label_font(self) -> QFont:
        font = QFont(load_fonts())
        font.setPixelSize(self.font_px)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def wanted_width(self, height: int) -> int:
        """Icon, gap and label at `height` (the icon alone: a round button)."""
        if self.icon_alone:
            return height
        text = QFontMetricsF(self.label_font()).horizontalAdvance(self.text())
        return math.ceil(height * 0.35 + height * 0.62 + height * 0.2 + text + height * 0.45)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink, paper = QColor(self.theme.text), QColor(self.theme.background)
        on = self.isChecked() or self.isDown()
        fore, back = (paper, ink) if on else (ink, paper)
        h = self.height()
        box = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        painter.setPen(QPen(self.outline or ink, max(2.0, h / 24 * (2 if self.outline else 1))))
        painter.setBrush(back)
        painter.drawRoundedRect(box, h / 2, h / 2)
        icon = QRectF(h * 0.35, h * 0.19, h * 0.62, h * 0.62)
        text = QRectF(icon.right() + h * 0.2, 0, self.width() - icon.right() - h * 0.45, h)
        name = self.control.icon or self.control.name
        if self.isRightToLeft():  # a right-to-left language: icon on the right, arrows turned
            icon.moveRight(self.width() - h * 0.35)
            text.moveRight(icon.left() - h * 0.2)
            name = {"back": "next", "next": "back"}.get(name, name)
            painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        if self.icon_alone:
            icon.moveCenter(QRectF(self.rect()).center())
            paint_icon(painter, name, icon, fore)
            painter.end()
            return
        paint_icon(painter, name, icon, fore)
        painter.setFont(self.label_font())
        painter.setPen(fore)
        metrics = QFontMetricsF(self.label_font())
        label = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, text.width())
        painter.drawText(text, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
        painter.end()


class ControlBar(QWidget):
    """The bar: fixed controls (by `order`), and the current slide's links and "more" button.

    `triggered(action)` asks the window to perform an action (through its policy);
    `jump_requested(index)` asks for a link's slide. `changed` asks the window to lay out again.
    """

    triggered = Signal(str)
    jump_requested = Signal(int)
    changed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.controls: dict[str, ControlButton] = {}
        self.links: list[ControlButton] = []
        self.rows = 1
        self.button_height, self.pad = 0, 4  # set by `place` for the window's size
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(_("Controls"))

    # --- content --------------------------------------------------------------------------

    def add(self, control: Control) -> ControlButton:
        """Add a button (or replace the one of the same name)."""
        self.remove(control.name)
        button = ControlButton(control, self.theme, self)
        button.clicked.connect(lambda: self.triggered.emit(control.action or control.name))
        self.controls[control.name] = button
        self.refresh()
        return button

    def remove(self, name: str) -> None:
        button = self.controls.pop(name, None)
        if button is not None:
            button.hide()
            button.deleteLater()
            self._arrange()

    def set_links(self, links: list[tuple[str, int]]) -> None:
        """The current slide's links: (label, slide index) each."""
        if [(b.text(), b.property("target")) for b in self.links] == links:
            return
        for button in self.links:
            button.hide()
            button.deleteLater()
        self.links = []
        for label, index in links:
            button = ControlButton(Control(f"link:{index}", label, icon="link"), self.theme, self)
            button.setProperty("target", index)
            button.outline = QColor(self.theme.accent)
            button.setAccessibleName(_("Go to {title}", title=label))
            button.clicked.connect(lambda _=False, i=index: self.jump_requested.emit(i))
            button.show()
            self.links.append(button)
        self._arrange()

    def set_theme(self, theme: Theme) -> None:
        if theme != self.theme:
            self.theme = theme
            for button in [*self.controls.values(), *self.links]:
                button.theme = theme
                button.update()
            self.update()

    def refresh(self) -> None:
        """Ask every control again whether it shows and whether it is on."""
        for button in self.controls.values():
            control = button.control
            button.setText(_(control.label))  # the language may have changed
            button.setVisible(control.shown() if control.shown else True)
            if control.checked is not None:
                button.setChecked(control.checked())
        self._arrange()

    def button(self, name: str) -> ControlButton | None:
        return self.controls.get(name)

    # --- geometry -------------------------------------------------------------------------

    def _sizes(self, area: QRect) -> tuple[int, int, int]:
        """(button height, padding, label px) for a window area: design sizes against its
        short side, and never under a 9 mm touch target."""
        scale = min(area.width(), area.height()) / 1080
        screen = self.screen()
        dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
        height = max(touch_px(min(max(dpi, 72.0), 600.0)), round(BUTTON_DESIGN_PX * scale))
        pad = max(4, round(PAD_DESIGN_PX * scale))
        label = max(12, round(LABEL_DESIGN_PX * scale))
        return height, pad, label

    def place(self, area: QRect) -> QRect:
        """Take a band at the bottom of `area` (two rows on a portrait screen); return the rest
        for the stage."""
        height, pad, label = self._sizes(area)
        self.button_height, self.pad = height, pad
        self.rows = 2 if area.height() > area.width() else 1
        band = self.rows * height + (self.rows + 1) * pad
        self.setGeometry(area.x(), area.bottom() + 1 - band, area.width(), band)
        for button in [*self.controls.values(), *self.links]:
            button.font_px = label
        self._arrange()
        return QRect(area.x(), area.y(), area.width(), max(area.height() - band, 1))

    def _arrange(self) -> None:
        """Fixed controls by order: those before the links on the left, the rest on the right;
        the links fill the middle (their own row on a portrait screen)."""
        height, pad = self.button_height, self.pad
        if not height:
            return
        shown = sorted(
            (b for b in self.controls.values() if not b.isHidden()),
            key=lambda b: b.control.order,
        )
        self._make_room(shown, height, pad)
        left = [b for b in shown if b.control.order < LINKS_AT]
        right = [b for b in shown if b.control.order >= LINKS_AT]
        y = self.height() - pad - height
        x = pad
        for button in left:
            width = button.wanted_width(height)
            button.setGeometry(x, y, width, height)
            x += width + pad
        end = self.width() - pad
        for button in reversed(right):
            width = button.wanted_width(height)
            end -= width
            button.setGeometry(end, y, width, height)
            end -= pad
        if self.rows == 2:  # links get the upper row to themselves
            x, end, y = pad, self.width() - pad, pad
        room = max(end - x, 0)
        wanted = [b.wanted_width(height) for b in self.links]
        if wanted and sum(wanted) + pad * (len(wanted) - 1) > room:
            share = max((room - pad * (len(wanted) - 1)) // len(wanted), height)
            wanted = [min(w, share) for w in wanted]
        for button, width in zip(self.links, wanted, strict=True):
            fits = x + width <= end
            button.setVisible(fits)
            if fits:
                button.setGeometry(x, y, width, height)
                x += width + pad
        if self.isRightToLeft():  # a right-to-left language reads the bar from the right
            for button in [*self.controls.values(), *self.links]:
                box = button.geometry()
                button.move(self.width() - box.x() - box.width(), box.y())

    def _make_room(self, shown: list[ControlButton], height: int, pad: int) -> None:
        """Labels off (`ICON_ALONE_FIRST`) until the fixed controls fit the bar's width: side
        by side they overlapped on a narrow screen (German on a 1080-pixel-wide totem)."""
        rank = {name: i for i, name in enumerate(ICON_ALONE_FIRST)}
        for button in shown:
            button.icon_alone = False
        needed = sum(b.wanted_width(height) for b in shown) + pad * (len(shown) + 1)
        for button in sorted(shown, key=lambda b: rank.get(b.control.name, len(rank))):
            if needed <= self.width():
                break
            needed -= button.wanted_width(height) - height
            button.icon_alone = True
            button.update()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._arrange()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.background))
        painter.setPen(QPen(QColor(self.theme.grid), 2))
        painter.drawLine(QPointF(0, 1), QPointF(self.width(), 1))
        painter.end()


def controls_of(window: QWidget) -> ControlBar | None:
    """The control bar of a player window (None when it has none: a presenter without
    `--controls`); other modules add their buttons to it."""
    docks = getattr(window, "docks", ())
    return next((dock for dock in docks if isinstance(dock, ControlBar)), None)
