"""The one owner of what is shown: the deck, its language, the theme and the visitor's settings.

Every writer of *what* is on screen goes through the `Show` — the R key, a live reload of an
edited deck, a schedule or a content update switching decks, a visitor picking French or larger
text, a remote command — and every reader (the stage, the overview, the timeline, the presenter
view, the kiosk's attract loop) listens to its signals instead of keeping a copy. *Which* slide
is shown belongs to the `Navigator`; the two sit side by side.

Signals fire only on a real change. `context_changed` fires before `deck_changed`, so the views
are rebuilt for a new deck before listeners of the deck (the navigator's slide count, the attract
loop) move the current slide.

Languages: `deck` is the deck *as shown*, in `language` (`revkiosk.deck.translate` replaced its
strings from the deck's PO files); `source_deck` is the deck as loaded. A deck shown in its own
language costs no PO file and no Babel import; each other language is read once per deck and
kept (`adopt_languages()` takes them read ahead on a worker thread), so switching is a rebuild
of the current view. A broken PO file never stops the show: the deck plays in its own language
and the problem is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from revkiosk.context import ViewContext
from revkiosk.deck.model import Deck, DeckError, Problem
from revkiosk.deck.paths import deck_stamp
from revkiosk.i18n import words
from revkiosk.i18n.languages import needs_translation, primary
from revkiosk.settings import VisitorSettings
from revkiosk.theme import Theme, theme_named, visitor_theme

if TYPE_CHECKING:
    from revkiosk.i18n.catalogs import ReadAhead

log = logging.getLogger(__name__)

Loader = Callable[[Path], Deck]


def _load_deck(path: Path) -> Deck:
    from revkiosk.deck.load import load_deck

    return load_deck(path)


def readable_problems(error: Exception) -> list[str]:
    """`name:line:col: severity: message` per problem, errors first (the deck's folder is said
    once in the heading of the error screen, not on every line)."""
    problems = sorted(getattr(error, "problems", ()), key=lambda p: p.severity != "error")
    lines = []
    for problem in problems:
        where = problem.location
        name = where.file.name if where.file else ""
        lines.append(f"{name}:{where.line}:{where.column}: {problem.severity}: {problem.message}")
    return lines or [str(error)]


def _log_translation_errors(code: str, problems: list[Problem]) -> None:
    for problem in problems:
        if problem.severity == "error":
            log.error("translation %s: %s", code, problem)


class Show(QObject):
    """Deck, language, theme and visitor settings, and the `ViewContext` built from them.

    `theme` is the theme asked for; with `fixed_theme` false (no `--theme`, none in settings) a
    loaded deck's own `theme:` replaces it. `visitor` is the museum's default visitor settings,
    which `reset_visitor()` restores when the kiosk goes idle. `jump_to` reaches the navigator.
    """

    context_changed = Signal(object)  # ViewContext
    deck_changed = Signal(object)  # Deck
    language_changed = Signal(str)
    visitor_changed = Signal(object)  # VisitorSettings
    load_failed = Signal(list)  # list[str], readable problems; the deck shown stays

    def __init__(
        self,
        theme: Theme,
        *,
        deck_path: Path | None = None,
        fixed_theme: bool = False,
        kiosk: bool = False,
        visitor: VisitorSettings | None = None,
        language: str | None = None,
        jump_to: Callable[[int], object] | None = None,
        loader: Loader = _load_deck,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.deck_path = Path(deck_path) if deck_path is not None else None
        self._theme = theme
        self._fixed_theme = fixed_theme
        self._kiosk = kiosk
        self._default_visitor = visitor or VisitorSettings()
        self._visitor = self._default_visitor
        self._asked_language = language
        self._language = language or "en"
        self._jump_to = jump_to
        self._loader = loader
        self._source: Deck | None = None  # as loaded
        self._deck: Deck | None = None  # as shown, in self._language
        self._shown: dict[str, Deck] = {}  # language → the source deck in it (this deck only)
        self._offered: tuple[str, ...] | None = None
        self._stamp: tuple[object, ...] | None = None
        self._context: ViewContext | None = None

    # --- reading --------------------------------------------------------------------------

    @property
    def deck(self) -> Deck | None:
        """The deck as shown: in the current language."""
        return self._deck

    @property
    def source_deck(self) -> Deck | None:
        """The deck as loaded, in its own language."""
        return self._source

    @property
    def languages(self) -> tuple[str, ...]:
        """What a visitor may choose: the deck's own language first, then each language with
        translations (or the deck's `languages:`). Reads the PO files the first time."""
        if self._source is None:
            return ()
        if self._offered is None:
            from revkiosk.i18n.catalogs import offered_languages

            self._offered = tuple(offered_languages(self._source))
        return self._offered

    @property
    def context(self) -> ViewContext | None:
        """What views draw from; None until a deck has loaded."""
        return self._context

    @property
    def theme(self) -> Theme:
        """The theme in force, with the visitor's text size and contrast applied."""
        return visitor_theme(self._theme, self._visitor)

    @property
    def language(self) -> str:
        return self._language

    @property
    def visitor(self) -> VisitorSettings:
        return self._visitor

    @property
    def kiosk(self) -> bool:
        return self._kiosk

    # --- writing --------------------------------------------------------------------------

    def load(self, path: Path | None = None) -> bool:
        """Read a deck file (the one shown now when `path` is None) and show it.

        The one path for every change of deck. A deck that fails keeps the shown one (its
        problems are logged and go out through `load_failed`). Returns True when the file
        loaded (changed or not), False when it failed.
        """
        target = Path(path) if path is not None else self.deck_path
        if target is None:
            raise ValueError("no deck to load")
        try:
            deck = self._loader(target)
        except DeckError as error:
            return self._failed(error)
        except (OSError, ValueError) as error:  # a loader bug must not end the show either
            return self._failed(error)
        self.deck_path = target
        self.set_deck(deck)
        self.remember_files()  # read from disk just now: no start-up to keep this off
        return True

    def _failed(self, error: Exception) -> bool:
        keeping = ", keeping the one shown" if self._deck is not None else ""
        for problem in getattr(error, "problems", None) or [error]:
            log.error("deck not loaded%s: %s", keeping, problem)
        self.load_failed.emit(readable_problems(error))
        return False

    def set_deck(self, deck: Deck) -> None:
        """Show `deck` (already loaded). Nothing happens when neither it nor any file it names
        changed since it was shown (a save without changes, a temporary file come and gone)."""
        if self._source is not None and self._stamp is None:
            self.remember_files()  # a second deck before remember_files() was called
        stamp = deck_stamp(deck) if self._source is not None else None
        if stamp is not None and stamp == self._stamp:
            return
        for warning in deck.warnings:
            log.warning("%s", warning)
        first = self._source is None
        self._source, self._stamp = deck, stamp
        self._shown, self._offered = {}, None
        if self.deck_path is None:
            self.deck_path = deck.path
        if not self._fixed_theme and deck.info.theme != self._theme.name:
            self._theme = replace(
                theme_named(deck.info.theme, self._theme.font_scale),
                font_family=self._theme.font_family,
            )
        if self._asked_language is None and (first or self._language != deck.info.language):
            self._set_language(deck.info.language, rebuild=False)
        elif first:
            words.activate(self._language)
        self._deck = self._in_language(self._language)
        self._rebuild()
        self.deck_changed.emit(self._deck)

    def remember_files(self) -> None:
        """Note the state of the files the deck shown names (sizes, times), against which a
        reload tells a real change from a save without changes. The player calls it once its
        first slide is painted (a stat of every media file is not start-up work); a reload
        before that notes them first."""
        if self._source is not None and self._stamp is None:
            self._stamp = deck_stamp(self._source)

    def set_theme(self, theme: Theme) -> None:
        """Use another theme (the deck's own `theme:` no longer replaces it)."""
        self._fixed_theme = True
        if theme != self._theme:
            self._theme = theme
            self._rebuild()

    def set_language(self, code: str) -> None:
        """Show the deck in language `code` (the slide stays; views are rebuilt)."""
        self._set_language(code, rebuild=True)

    def next_language(self) -> str | None:
        """Switch to the language after the current one in `languages` (the presenter's L);
        returns it, or None when the deck offers only one."""
        offered = self.languages
        if len(offered) < 2:
            return None
        here = next((i for i, c in enumerate(offered) if primary(c) == primary(self._language)), -1)
        code = offered[(here + 1) % len(offered)]
        self.set_language(code)
        return code

    def adopt_languages(self, read: ReadAhead) -> bool:
        """Keep what a worker read ahead (`i18n.catalogs.read_ahead`) for the deck shown:
        switching later is then only a rebuild. Ignored (False) when the deck has changed
        since, or the worker failed; what was computed here meanwhile is kept."""
        if read.failed or read.deck is not self._source:
            return False
        if self._offered is None:
            self._offered = read.offered
        for code, (deck, problems) in read.decks.items():
            if code not in self._shown:
                _log_translation_errors(code, problems)
                self._shown[code] = deck
        return True

    def _set_language(self, code: str, *, rebuild: bool) -> None:
        if code == self._language:
            return
        self._language = code
        words.activate(code)
        if rebuild and self._source is not None:
            self._deck = self._in_language(code)
        self.language_changed.emit(code)
        if rebuild:
            self._rebuild()

    def _in_language(self, code: str) -> Deck:
        """The loaded deck in language `code`: the deck itself for its own language when that
        is English (no Babel at start-up), else translated once and kept."""
        source = self._source
        assert source is not None
        if not needs_translation(source.info.language, code):
            return source
        shown = self._shown.get(code)
        if shown is None:
            from revkiosk.i18n.catalogs import deck_in

            try:
                shown, problems = deck_in(source, code)
            except Exception:  # a translation bug must not stop the show
                log.exception("the deck could not be shown in %s; showing it as written", code)
                shown, problems = source, []
            _log_translation_errors(code, problems)
            self._shown[code] = shown
        return shown

    def refresh_views(self) -> None:
        """Have every view built again from the same context: something views draw from
        outside it changed (a language's hyphenation patterns arrived, `ui/hyphenate_later.py`).
        Listeners treat it as any context change (the kiosk's closing hours keep the screen
        asleep, the presenter's previews are drawn again)."""
        if self._context is not None:
            self.context_changed.emit(self._context)

    def update_visitor(self, **changes: object) -> None:
        """Change some visitor settings (`text_scale=1.5`, `sound=False`, …)."""
        self._set_visitor(replace(self._visitor, **changes))  # type: ignore[arg-type]

    def reset_visitor(self) -> None:
        """The kiosk went idle: the next visitor starts from the museum's defaults and the
        deck's own language."""
        self._set_visitor(self._default_visitor)
        source = self._source
        language = self._asked_language or (source.info.language if source else None)
        if language:
            self.set_language(language)

    def _set_visitor(self, visitor: VisitorSettings) -> None:
        if visitor == self._visitor:
            return
        self._visitor = visitor
        self.visitor_changed.emit(visitor)
        self._rebuild()

    def _rebuild(self) -> None:
        if self._deck is None:
            return
        context = ViewContext(
            deck=self._deck,
            theme=self.theme,
            jump_to=self._jump_to or (lambda index: None),
            kiosk=self._kiosk,
            language=self._language,
            visitor=self._visitor,
        )
        if context != self._context:
            self._context = context
            self.context_changed.emit(context)
