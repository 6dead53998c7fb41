"""The presenter console's widgets: previews, notes, big timer, clock, pacing, banners.

It only arranges and displays; `PresenterController` (presenter.py) decides what to show. Key
presses anywhere in this window are offered to the console's own keys (X swap screens, Ctrl +/-
notes size, Ctrl+P pause, Ctrl+R reset) and everything else is forwarded to the audience
window's key routing, so both windows drive the one navigator the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from revkiosk.i18n.words import _, pgettext
from revkiosk.timing import Pace, format_duration
from revkiosk.ui.presenter.notes import NotesView
from revkiosk.ui.presenter.previews import SlidePreview

if TYPE_CHECKING:
    from revkiosk.ui.presenter.pairing import PairingCode

BACKGROUND = "#0b0f17"
PANEL = "#131a26"
TEXT = "#f2f4f8"
MUTED = "#8b95a8"
LEVELS = {"green": "#3ddc84", "amber": "#ffb703", "red": "#ff5c5c", None: MUTED}
_CTRL = Qt.KeyboardModifier.ControlModifier
_BUTTON_CSS = (
    "QPushButton {{ background: #1e2738; color: {text}; border: 1px solid #2f3a50;"
    " border-radius: 8px; padding: 4px 14px; }}"
    "QPushButton:hover {{ background: #28334a; }}"
    "QComboBox {{ background: #1e2738; color: {text}; border: 1px solid #2f3a50;"
    " border-radius: 8px; padding: 2px 10px; }}"
    "QComboBox QAbstractItemView {{ background: #1e2738; color: {text}; }}"
)


def pace_text(status: Pace) -> str:
    """The pace in words, "On time", "2:42 ahead", in the player's language (`Pace.text` is the
    Qt-free English the log and the remote's status use)."""
    if abs(status.delta) < 30:
        return _("On time")
    time = format_duration(status.delta)
    return _("{time} behind", time=time) if status.delta > 0 else _("{time} ahead", time=time)


class PresenterWindow(QWidget):
    """The lecturer's screen. Signals are intents; the controller acts on them."""

    pause_requested = Signal()
    reset_requested = Signal()
    swap_requested = Signal()
    screen_picked = Signal(int)  # 1-based screen number for the audience view
    closed = Signal()

    def __init__(self, family: str, forward_key: Callable[[QKeyEvent], bool]) -> None:
        super().__init__()
        self.family = family
        self.forward_key = forward_key
        self.setWindowTitle(_("Presenter view — revkiosk"))
        self.setMinimumSize(800, 500)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setStyleSheet(_BUTTON_CSS.format(text=TEXT))
        self.banner = self._label("", bold=True, align=Qt.AlignmentFlag.AlignCenter)
        self.banner.setAutoFillBackground(True)
        self.banner.hide()
        self.current = SlidePreview(family, "NOW")
        self.next = SlidePreview(family, "NEXT")
        self.media = self._label("", colour=LEVELS["amber"])
        self.upcoming = self._label("", colour=MUTED)
        self.upcoming.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.upcoming.setTextFormat(Qt.TextFormat.RichText)
        self.notes = NotesView(family, TEXT, MUTED)
        ctrl = pgettext("key", "Ctrl")
        heading = escape(_("Notes").upper())  # outside the f-string: Babel finds it there
        self.notes_title = self._label(
            f"{heading} <span style='color: #5d6880; font-weight: 400'>"
            f"&nbsp; {ctrl} + / {ctrl} −</span>",
            colour=MUTED,
            bold=True,
        )
        smaller, bigger = f"{ctrl} −", f"{ctrl} +"
        tip = _("Smaller notes ({keys})", keys=smaller)
        self.smaller = self._button("A−", lambda: self.notes.zoom(-1), tip)
        tip = _("Bigger notes ({keys})", keys=bigger)
        self.bigger = self._button("A+", lambda: self.notes.zoom(1), tip)
        self.elapsed = self._label("0:00", bold=True)
        self.timer_state = self._label("", colour=MUTED)
        self.pause = self._button(_("Pause"), self.pause_requested.emit, _("Pause/resume (Ctrl+P)"))
        self.reset = self._button(_("Reset"), self.reset_requested.emit, _("Reset timer (Ctrl+R)"))
        self.pacing = self._label("", bold=True)
        self.pacing_caption = self._label("", colour=MUTED)
        self.clock = self._label("", colour=TEXT, align=Qt.AlignmentFlag.AlignRight)
        self.clock_caption = self._label(
            _("Clock"), colour=MUTED, align=Qt.AlignmentFlag.AlignRight
        )
        self.counter = self._label("", bold=True, align=Qt.AlignmentFlag.AlignRight)
        self.counter_caption = self._label(
            _("Slide"), colour=MUTED, align=Qt.AlignmentFlag.AlignRight
        )
        self.screens_caption = self._label(_("Audience screen"), colour=MUTED)
        self.screens = QComboBox()
        self.screens.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.screens.setToolTip(_("Screen for the audience view"))
        self.screens.activated.connect(lambda row: self.screen_picked.emit(row + 1))
        self.swap = self._button(_("Swap screens (X)"), self.swap_requested.emit, _("Swap screens"))
        self.pairing: PairingCode | None = None  # the phone remote's QR code, when it is on
        self._name_for_screen_readers()
        self._arrange()
        QApplication.instance().installEventFilter(self)

    # --- building -----------------------------------------------------------------------

    def _label(
        self, text: str, colour: str = TEXT, bold: bool = False, align: object = None
    ) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet(f"color: {colour}; background: transparent;")
        label.setProperty("bold", bold)
        label.setAlignment(align or (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter))
        return label

    def _button(self, text: str, slot: Callable[[], object], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolTip(tip)
        # A screen reader (Orca) reads the name, not "A−": the tip without its shortcut.
        button.setAccessibleName(tip.split(" (")[0])
        button.setAccessibleDescription(tip)
        button.clicked.connect(slot)
        return button

    def _name_for_screen_readers(self) -> None:
        """Accessible names, so a screen reader (Orca) can tell the lecturer what each part is."""
        self.setAccessibleName(_("Presenter view"))
        names = {
            self.current: _("Current slide"),
            self.next: _("Next slide"),
            self.notes: _("Speaker notes"),
            self.upcoming: _("Slides after the next"),
            self.elapsed: _("Time elapsed"),
            self.pacing: _("Pacing"),
            self.clock: _("Clock"),
            self.counter: _("Slide number"),
            self.screens: _("Audience screen"),
            self.banner: _("Audience screen state"),
            self.media: _("Media on this slide"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)

    @staticmethod
    def _stack(value: QLabel, caption: QLabel) -> QVBoxLayout:
        """A big value over its small caption, as in a car's dashboard."""
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addStretch(1)
        box.addWidget(value)
        box.addWidget(caption)
        box.addStretch(1)
        return box

    def _arrange(self) -> None:
        self.grid = grid = QGridLayout(self)
        grid.addWidget(self.banner, 0, 0, 1, 2)
        left = QVBoxLayout()
        left.addWidget(self.current, 3)
        left.addWidget(self.media)
        left.addSpacing(12)
        self.lower_left = QHBoxLayout()  # the slides after next, and the pairing code
        self.lower_left.addWidget(self.upcoming, 1)
        left.addLayout(self.lower_left, 1)
        grid.addLayout(left, 1, 0)
        right = QVBoxLayout()
        self.next.fit_width = True
        policy = self.next.sizePolicy()
        policy.setHeightForWidth(True)
        self.next.setSizePolicy(policy)
        right.addWidget(self.next)
        head = QHBoxLayout()
        head.addWidget(self.notes_title, 1)
        head.addWidget(self.smaller)
        head.addWidget(self.bigger)
        right.addLayout(head)
        right.addWidget(self.notes, 9)
        grid.addLayout(right, 1, 1)
        self.bar = bar = QHBoxLayout()
        bar.addLayout(self._stack(self.elapsed, self.timer_state))
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pause)
        buttons.addWidget(self.reset)
        buttons.addStretch(1)
        bar.addLayout(buttons)
        bar.addLayout(self._stack(self.pacing, self.pacing_caption), 1)
        screens = QVBoxLayout()
        screens.addStretch(1)
        screens.addWidget(self.screens_caption)
        screens.addWidget(self.screens)
        screens.addWidget(self.swap)
        screens.addStretch(1)
        bar.addLayout(screens)
        bar.addLayout(self._stack(self.clock, self.clock_caption))
        bar.addLayout(self._stack(self.counter, self.counter_caption))
        grid.addLayout(bar, 2, 0, 1, 2)
        grid.setColumnStretch(0, 11)
        grid.setColumnStretch(1, 9)
        grid.setRowStretch(1, 1)

    # --- display ------------------------------------------------------------------------

    def set_banner(self, text: str, colour: str = "#e5484d") -> None:
        """A loud strip across the top ("AUDIENCE SCREEN BLACK"); empty text hides it."""
        self.banner.setText(text)
        self.banner.setStyleSheet(
            f"color: #ffffff; background: {colour}; border-radius: 8px; padding: 6px;"
        )
        self.banner.setVisible(bool(text))

    def set_upcoming(self, rows: list[tuple[int, str]]) -> None:
        """The slides after the next one ("AFTER THAT"), so the speaker sees the road ahead."""
        if not rows:
            self.upcoming.setText("")
            return
        items = "".join(
            f"<div style='margin-top: 0.3em'><span style='color: #5d6880'>{number}</span>"
            f"&nbsp;&nbsp;<span style='color: #c3cad6'>{escape(title)}</span></div>"
            for number, title in rows
        )
        heading = escape(_("After that").upper())  # outside the f-string: Babel finds it
        style = f"font-size: 0.8em; color: {MUTED}"
        self.upcoming.setText(f"<div style='{style}'>{heading}</div>{items}")

    def show_timer(self, elapsed: float, running: bool, started: bool) -> None:
        self.elapsed.setText(format_duration(elapsed))
        state = _("running") if running else (_("paused") if started else _("starts on next slide"))
        self.timer_state.setText(_("Talk time · {state}", state=state))
        self.pause.setText(_("Pause") if running else (_("Resume") if started else _("Start")))

    def show_pace(self, status: Pace | None, elapsed: float) -> None:
        """Ahead/behind in green, amber or red, and the time left of the plan."""
        level = status.level if status is not None else None
        self.pacing.setText(pace_text(status) if status is not None else "")
        self.pacing.setStyleSheet(f"color: {LEVELS[level]}; background: transparent;")
        self.pacing.setProperty("level", level)
        if status is None:
            self.pacing_caption.setText(_("No planned duration in this deck"))
            return
        left = status.planned - elapsed
        rest = _("{time} left", time=format_duration(left)) if left >= 0 else _("over time")
        self.pacing_caption.setText(
            _(
                "Pacing · plan {planned} · {rest}",
                planned=format_duration(status.planned),
                rest=rest,
            )
        )

    def set_pairing(self, url: str | None) -> None:
        """The phone remote's link as a QR code beside the slides after next (None: none)."""
        if url and self.pairing is None:
            from revkiosk.ui.presenter.pairing import PairingCode

            self.pairing = PairingCode(self.family, TEXT, MUTED)
            self.lower_left.addWidget(self.pairing, 0, Qt.AlignmentFlag.AlignBottom)
            self._apply_sizes()
        if self.pairing is not None:
            self.pairing.set_url(url)

    def set_screens(self, labels: list[str], audience_row: int | None) -> None:
        self.screens.blockSignals(True)
        self.screens.clear()
        self.screens.addItems(labels)
        if audience_row is not None:
            self.screens.setCurrentIndex(audience_row)
        self.screens.blockSignals(False)
        self.screens.setEnabled(len(labels) > 1)
        self.swap.setEnabled(len(labels) > 1)

    # --- sizes --------------------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        """Everything sizes from the window height (1080 design), like the slides do."""
        unit = max(self.height(), 400) / 1080
        margin = round(28 * unit)
        self.grid.setContentsMargins(margin, margin, margin, round(margin * 0.6))
        self.grid.setHorizontalSpacing(round(36 * unit))
        self.grid.setVerticalSpacing(round(18 * unit))
        self.bar.setSpacing(round(40 * unit))
        sizes = {
            self.banner: 40,
            self.media: 30,
            self.upcoming: 26,
            self.notes_title: 26,
            self.elapsed: 124,
            self.timer_state: 24,
            self.pacing: 52,
            self.pacing_caption: 24,
            self.clock: 64,
            self.clock_caption: 24,
            self.counter: 64,
            self.counter_caption: 24,
            self.screens_caption: 20,
        }
        self.current.caption_px = self.next.caption_px = round(26 * unit)
        for label, px in sizes.items():
            font = QFont(self.family)
            font.setPixelSize(max(11, round(px * unit)))
            if label.property("bold"):
                font.setWeight(QFont.Weight.Bold)
            label.setFont(font)
        small = QFont(self.family)
        small.setPixelSize(max(12, round(24 * unit)))
        for widget in (self.pause, self.reset, self.smaller, self.bigger, self.swap, self.screens):
            widget.setFont(small)
        for button in (self.pause, self.reset):
            button.setMinimumWidth(round(150 * unit))
        self.notes.set_base_size(round(34 * unit))
        if self.pairing is not None:
            self.pairing.set_side(round(215 * unit))
        self.next.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BACKGROUND))
        bar_top = self.bar.geometry().top() - self.grid.verticalSpacing() // 2
        painter.fillRect(0, bar_top, self.width(), self.height() - bar_top, QColor(PANEL))
        painter.end()

    # --- keys ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and watched.isWidgetType():
            if watched is self or watched.window() is self:  # type: ignore[attr-defined]
                return self.handle_key(event)  # type: ignore[arg-type]
        return False

    def handle_key(self, event: QKeyEvent) -> bool:
        """The console's own keys first, then the audience window's routing."""
        key, ctrl = event.key(), bool(event.modifiers() & _CTRL)
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.notes.zoom(1)
        elif ctrl and key == Qt.Key.Key_Minus:
            self.notes.zoom(-1)
        elif ctrl and key == Qt.Key.Key_P:
            self.pause_requested.emit()
        elif ctrl and key == Qt.Key.Key_R:
            self.reset_requested.emit()
        elif key == Qt.Key.Key_X and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.swap_requested.emit()
        else:
            return self.forward_key(event)
        return True

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        QApplication.instance().removeEventFilter(self)
        self.closed.emit()
        super().closeEvent(event)  # type: ignore[arg-type]

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        QApplication.instance().installEventFilter(self)  # again after a close
        super().showEvent(event)  # type: ignore[arg-type]
