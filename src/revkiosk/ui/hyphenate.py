"""Break a word too long for its line where the language allows: soft hyphens from pyphen.

Qt lays out soft hyphens (U+00AD) as break opportunities and draws a hyphen where it breaks at
one, but has no hyphenation dictionaries of its own. pyphen carries LibreOffice's hyphenation
patterns (LGPL/MPL, about 80 languages) in pure Python, so "Bildklassifikationswettbewerb" on a
narrow portrait screen becomes "Bildklassifi-/kations-/wettbewerb" by German rules, where
shrinking alone would make the whole title tiny. Only words that do not fit their line are
touched: ordinary lines keep whole words, as display type should. Paths and URLs break after a
slash instead (a zero-width space: no hyphen is drawn).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revkiosk.show import Show

SOFT_HYPHEN = "\u00ad"
ZERO_WIDTH_SPACE = "\u200b"
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_TOKEN = re.compile(r"[^\s<>]+")
_WORD = re.compile(r"[^\W\d_]{5,}")  # letters only: hyphenation patterns know no digits


_loaded: dict[str, object] = {}  # language -> pyphen.Pyphen or None (no patterns for it)
_loading: dict[str, threading.Thread] = {}
_lock = threading.Lock()


def _read(language: str):  # -> pyphen.Pyphen | None (pyphen is imported only when needed)
    import pyphen

    tag = language.replace("-", "_")
    for candidate in (tag, tag.split("_")[0], "en_US"):
        found = pyphen.language_fallback(candidate)
        if found:
            return pyphen.Pyphen(lang=found)
    return None


def _load(language: str) -> None:
    try:
        dictionary = _read(language)
    finally:
        with _lock:
            _loading.pop(language, None)
    with _lock:
        _loaded[language] = dictionary


def _dictionary(language: str):  # -> pyphen.Pyphen | None
    """The patterns of `language`, read once per process: a word that needs them while a
    `preload` reads them waits for that reading rather than parsing the file a second time
    (German's patterns take ~0.45 s and ~17 MB: read twice at once, a language switch took
    ~0.5 s)."""
    with _lock:
        if language in _loaded:
            return _loaded[language]
        worker = _loading.get(language)
    if worker is not None:
        worker.join()
        with _lock:
            if language in _loaded:
                return _loaded[language]
    dictionary = _read(language)
    with _lock:
        return _loaded.setdefault(language, dictionary)


def preload(language: str) -> threading.Thread | None:
    """Read `language`'s patterns on a thread now, so the first word that needs them does not
    hold a key press: pyphen's import (~20 ms) and the patterns' parse (~40 ms; German ~0.45 s)
    are pure Python, run on the GUI thread they froze the slide that first broke a word
    (issue 21); on a thread they share the interpreter in 5 ms turns. None when they are read
    or being read already."""
    language = language or "en"
    with _lock:
        if language in _loaded or language in _loading:
            return None
        worker = threading.Thread(target=_load, args=(language,), name="hyphenation", daemon=True)
        _loading[language] = worker
    worker.start()
    return worker


def preload_for(show: Show) -> None:
    """The show's language now (after the first paint) and each language it switches to."""
    preload(show.language)
    show.context_changed.connect(lambda context: preload(context.language))


def hyphenate(word: str, language: str) -> str:
    """`word` with soft hyphens where `language` allows a break ("Vi­su­al­iz­ing")."""
    dictionary = _dictionary(language or "en")
    return dictionary.inserted(word, hyphen=SOFT_HYPHEN) if dictionary is not None else word


def break_long_words(html: str, too_wide: Callable[[str], bool], language: str) -> str:
    """`html` with break opportunities inside every word for which `too_wide(word)` is true.

    Tags are left alone; in text, a too-wide token gets a zero-width space after each slash
    and soft hyphens in each of its too-wide words.
    """

    def token(match: re.Match[str]) -> str:
        text = match.group(0)
        if not too_wide(text):
            return text
        if "/" in text:
            text = text.replace("/", "/" + ZERO_WIDTH_SPACE)
        return _WORD.sub(lambda w: hyphenate(w.group(0), language), text)

    parts = _TAG_OR_TEXT.split(html)
    return "".join(
        part if part.startswith("<") else _TOKEN.sub(token, part) for part in parts if part
    )
