"""What every slide view may read: the `ViewContext` the `Show` builds (Qt-free).

Views never keep state of their own about what is shown: the deck, the theme in force, the
language and the visitor's settings all come from here, and a change of any of them gives a new
context (the `Show` emits it) and new views. Frozen, so no reader can change what another sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field, replace

from revkiosk.deck.model import Deck
from revkiosk.i18n.languages import is_rtl
from revkiosk.record import Record
from revkiosk.settings import VisitorSettings
from revkiosk.theme import Theme


def _nowhere(index: int) -> None:
    """The default `jump_to`: a view built outside a player (export, tests) jumps nowhere."""


class ViewContext(Record):
    """The deck, the theme in force and the visitor's settings, for every view to read.

    `jump_to(index)` asks the navigator to show slide `index` (0-based); views never change the
    current slide themselves. `kiosk` is true in an unattended show (videos start muted there).
    `offscreen` is true while a view is rendered for export, a thumbnail or a preview: such a
    view shows its first frame at once and starts nothing that moves.
    """

    deck: Deck
    theme: Theme
    jump_to: Callable[[int], object] = _nowhere
    kiosk: bool = False
    language: str = "en"
    visitor: VisitorSettings = field(default_factory=VisitorSettings)
    offscreen: bool = False

    @property
    def right_to_left(self) -> bool:
        """Whether the deck's text, as shown, runs right to left (Arabic, Hebrew): views then
        mirror their composition."""
        return is_rtl(self.deck.info.language)

    @property
    def muted(self) -> bool:
        """Whether the visitor (or presenter) turned the sound off."""
        return not self.visitor.sound


# Visitor settings the views apply as they stand (a player's volume, the caption line, the
# speaker): changing one of them must not rebuild the views, which would restart a video.
LIVE_VISITOR_FIELDS = ("captions", "sound", "volume", "speech")


def only_live_changes(old: ViewContext | None, new: ViewContext) -> bool:
    """Whether `new` differs from `old` in live visitor settings alone (see above)."""
    if old is None or old.visitor == new.visitor:
        return False
    keep = {name: getattr(old.visitor, name) for name in LIVE_VISITOR_FIELDS}
    return replace(new, visitor=replace(new.visitor, **keep)) == old
