"""Choosing a language: a button in the kiosk's control bar, a panel of languages, the L key.

`install_languages(window, show)` (after the first paint) registers two actions:

- `language` opens the panel: one large button per language the deck offers, each named in its
  own language ("Français", "Deutsch", "Español", "العربية"; no flags, which stand for
  countries), the current one marked. A touch on a name switches at once and closes the
  panel; a touch beside it or 20 s untouched close it.
- `next_language` switches to the next language (the presenter's L key), with a notice.

Where the window has a control bar (a kiosk, or `--controls`; `ui/controls.py`), a `language`
button there shows the current language's own name and a globe on every slide — one touch
opens the panel — when the deck offers two languages or more. Every touch target is at least
9 mm high on the screen it is on (from the screen's DPI, as the timeline strip measures it).
The Show owns the language; this module only asks it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import _
from revkiosk.show import Show
from revkiosk.ui.controls import ORDER, Control, controls_of
from revkiosk.ui.fonts import load_fonts, load_script_fonts
from revkiosk.ui.timeline.layout import touch_px

if TYPE_CHECKING:
    from revkiosk.i18n.catalogs import ReadAhead

log = logging.getLogger(__name__)

PANEL_CLOSE_MS = 20_000
READ_POLL_MS = 20  # how often the GUI thread looks whether the languages' worker is done


def language_name(code: str) -> str:
    """A language's name in itself ("Français"), from CLDR; the code when Babel lacks it."""
    try:
        from revkiosk.i18n.cldr import native_name

        return native_name(code)
    except Exception:  # noqa: BLE001 - a missing CLDR file must not stop the show
        return code


def _touch_height(widget: QWidget, design_px: float) -> int:
    """`design_px` scaled from a 1080-pixel window, but never under 9 mm on its screen."""
    window = widget.window()
    scaled = round(design_px * max(1, window.height()) / 1080)
    screen = widget.screen()
    dpi = screen.physicalDotsPerInchY() if screen is not None else 96.0
    return max(scaled, touch_px(dpi))


class LanguagePanel(QWidget):
    """Every language the deck offers, one large button each, over a dimmed slide."""

    def __init__(self, window: QWidget, choose: Callable[[str], object]) -> None:
        super().__init__(window)
        self.choose = choose
        self.codes: list[str] = []
        self.names: list[str] = []
        self.current = ""
        self._buttons: list[tuple[QRectF, str]] = []
        self._close = QTimer(self, singleShot=True, interval=PANEL_CLOSE_MS, timeout=self.hide)
        self.setAccessibleName(_("Choose a language"))
        self.hide()

    def open(self, codes: list[str], current: str) -> None:
        self.codes, self.current = codes, current
        self.names = [language_name(code) for code in codes]
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self._close.start()
        self.update()

    def buttons(self) -> list[tuple[QRectF, str]]:
        """(rectangle, language) of each button, as last painted (tests touch them)."""
        self._layout()
        return list(self._buttons)

    def _layout(self) -> None:
        height = _touch_height(self, 96)
        font = self._font(height)
        metrics = QFontMetricsF(font)
        widest = max((metrics.horizontalAdvance(n) for n in self.names), default=0.0)
        width = min(self.width() * 0.8, max(self.width() * 0.3, widest + height * 1.6))
        gap = height * 0.25
        total = len(self.codes) * height + (len(self.codes) - 1) * gap
        top = max(gap, (self.height() - total) / 2)
        left = (self.width() - width) / 2
        self._buttons = [
            (QRectF(left, top + i * (height + gap), width, height), code)
            for i, code in enumerate(self.codes)
        ]

    def _font(self, height: int) -> QFont:
        font = QFont(load_fonts())
        font.setPixelSize(max(14, round(height * 0.42)))
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        point = event.position()
        chosen = next((code for rect, code in self.buttons() if rect.contains(point)), None)
        self.hide()
        if chosen is not None:
            self.choose(chosen)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        self._layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 190))
        for (rect, code), name in zip(self._buttons, self.names, strict=True):
            chosen = code == self.current
            painter.setPen(
                QPen(QColor("#ffb703" if chosen else "#f2f4f8"), max(2.0, rect.height() / 24))
            )
            painter.setBrush(QColor("#1d2433") if not chosen else QColor("#2b2410"))
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            painter.setFont(self._font(round(rect.height())))
            painter.setPen(QColor("#ffffff"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
        painter.end()


class LanguageChooser(QObject):
    """The language button, panel and actions of one window (see the module docstring)."""

    def __init__(self, window: QWidget, show: Show) -> None:
        super().__init__(window)
        self.window, self.the_show = window, show
        self.panel = LanguagePanel(window, self.choose)
        show.language_changed.connect(self._on_show_language_changed)
        show.deck_changed.connect(self._on_show_deck_changed)
        self._reading: tuple[threading.Thread, list[ReadAhead]] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(READ_POLL_MS)
        self._poll.timeout.connect(self._check_read)
        self._on_show_deck_changed()

    @property
    def languages(self) -> tuple[str, ...]:
        return self.the_show.languages

    def open(self) -> None:
        """Show the panel (the `language` action), and read the hyphenation patterns of its
        languages meanwhile: the visitor takes a second to choose, German's patterns ~0.45 s
        to read, so the switch is only a rebuild (each is read once per process, and only
        once someone may choose it: German's take ~17 MB)."""
        if len(self.languages) > 1:
            from revkiosk.ui.hyphenate import preload

            for code in self.languages:
                preload(code)
            self.panel.setLayoutDirection(self.window.layoutDirection())
            self.panel.open(list(self.languages), self.the_show.language)

    def close(self) -> None:
        self.panel.hide()

    def choose(self, code: str) -> None:
        self.the_show.set_language(code)

    def next_language(self) -> None:
        """The presenter's L: the next language, named in a notice."""
        code = self.the_show.next_language()
        notice = getattr(self.window, "notice", None)
        if code is not None and notice is not None:
            notice.post(language_name(code))

    @property
    def button(self) -> QWidget | None:
        """The control bar's language button (None without a bar)."""
        bar = controls_of(self.window)
        return bar.button("language") if bar is not None else None

    def _on_show_language_changed(self, code: str) -> None:
        """Name the current language on the bar's button (in itself: a visitor who reads it
        finds their way back)."""
        bar = controls_of(self.window)
        if bar is None:
            return
        from revkiosk.i18n.languages import is_rtl

        rtl = is_rtl(code)
        bar.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        button = bar.add(
            Control(
                "language",
                language_name(code),
                icon="language",
                order=ORDER["language"],
                shown=lambda: len(self.languages) > 1,
            )
        )
        button.setAccessibleName(_("Language") + ": " + language_name(code))

    def _on_show_deck_changed(self, *_args: object) -> None:
        """A deck (re)loaded: its languages may differ. Its PO files are read and each
        language translated on a worker thread (`i18n.catalogs.read_ahead`: Babel's parse
        would hold the event loop ~0.2 s right after the first paint), then the Show adopts
        them, so a visitor's first switch is only a rebuild of the slide. The button appears
        once the languages are known; a switch asked for before reads on the spot."""
        source = self.the_show.source_deck
        if source is None:
            return
        found: list[ReadAhead] = []

        def read() -> None:  # imports too: Babel's modules are ~70 ms of the work
            from revkiosk.i18n.catalogs import read_ahead

            found.append(read_ahead(source))

        worker = threading.Thread(target=read, name="languages")
        self._reading = (worker, found)
        worker.start()
        self._poll.start()

    def _check_read(self) -> None:
        if self._reading is None or self._reading[0].is_alive():
            return
        found = self._reading[1]
        self._reading = None
        self._poll.stop()
        if found:
            self.the_show.adopt_languages(found[0])
        self._on_show_language_changed(self.the_show.language)


def install_languages(window: QWidget, show: Show) -> LanguageChooser:
    """Register `language` and `next_language` on the window; put the button in its control
    bar when it has one."""
    chooser = LanguageChooser(window, show)
    register = getattr(window, "register_action", None)
    if register is not None:
        register("language", chooser.open)
        register("next_language", chooser.next_language)
    load_script_fonts()  # Arabic or Hebrew names in the panel, and a switch to them, need them
    return chooser


__all__ = [
    "LanguageChooser",
    "LanguagePanel",
    "install_languages",
    "language_name",
]
