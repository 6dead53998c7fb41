"""The player's hyphenation: a layout never waits for a language's patterns (issue 21).

pyphen reads German's patterns in ~0.45 s (and ~17 MB); a switch to German that broke a long
word waited for them on the GUI thread. The player reads the patterns of the language shown
after its first paint, and of each language it switches to, on a thread (`hyphenate.preload`;
the language panel reads every offered one while the visitor chooses). A text laid out before
its language's patterns are read is laid out whole — a smaller size, or pages — and once they
arrive the views are built again (`Show.refresh_views`), so the switch repaints at once and
long words break a moment later, once per language and process.
`revkiosk check` and the exporter keep waiting for the patterns: they want the final layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from revkiosk.i18n.languages import primary
from revkiosk.ui.fit_text import forget_shared_measures
from revkiosk.ui.hyphenate import arrived, awaited, layouts_never_wait, layouts_wait, preload

if TYPE_CHECKING:
    from revkiosk.context import ViewContext
    from revkiosk.ui.window import MainWindow

ARRIVAL_POLL_MS = 50  # how often the GUI thread looks for patterns a layout did without


class HyphenationWatch(QObject):
    """Reads patterns ahead for the window's show and rebuilds its views when patterns that a
    layout did without arrive."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.the_show = window.the_show
        self._poll = QTimer(self)
        self._poll.setInterval(ARRIVAL_POLL_MS)
        self._poll.timeout.connect(self._look)
        on_miss = self._look_soon
        layouts_never_wait(on_miss)
        self.destroyed.connect(lambda *_: layouts_wait(on_miss))  # only if still in force
        preload(self.the_show.language)
        self.the_show.context_changed.connect(self._on_show_context_changed)

    def _on_show_context_changed(self, context: ViewContext) -> None:
        preload(context.language)

    def _look_soon(self) -> None:
        if not self._poll.isActive():
            self._poll.start()

    def _look(self) -> None:
        done = arrived()
        if not awaited():
            self._poll.stop()
        if not done:
            return
        forget_shared_measures()  # measured whole: measure again with the patterns
        # Views in the language shown are built again (a film or narration there starts over,
        # once per language and process, ~70 ms after the switch with the kept table); a
        # language no longer shown is simply measured with its patterns next time.
        shown = primary(self.the_show.language)
        if any(primary(code) == shown for code in done):
            self.the_show.refresh_views()


def install_hyphenation(window: MainWindow) -> HyphenationWatch:
    """The player's part (after the first paint)."""
    return HyphenationWatch(window)


__all__ = ["ARRIVAL_POLL_MS", "HyphenationWatch", "install_hyphenation"]
