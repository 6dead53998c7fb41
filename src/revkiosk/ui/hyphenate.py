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

import logging
import re
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

SOFT_HYPHEN = "\u00ad"
ZERO_WIDTH_SPACE = "\u200b"
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_TOKEN = re.compile(r"[^\s<>]+")
_WORD = re.compile(r"[^\W\d_]{5,}")  # letters only: hyphenation patterns know no digits


_loaded: dict[str, object] = {}  # language -> pyphen.Pyphen or None (no patterns for it)
_loading: dict[str, threading.Thread] = {}
_missed: set[str] = set()  # languages a layout did without (`layouts_never_wait`)
_lock = threading.Lock()
_layouts_wait = True
_on_miss: Callable[[], None] | None = None


def read_patterns(language: str):  # -> pyphen.Pyphen | None
    """`language`'s patterns read now, from the kept table when there is a sound one (pyphen
    is imported only when needed)."""
    import pyphen

    tag = language.replace("-", "_")
    for candidate in (tag, tag.split("_")[0], "en_US"):
        found = pyphen.language_fallback(candidate)
        if found:
            _parsed_from_cache(pyphen, found)
            dictionary = pyphen.Pyphen(lang=found)
            _keep_parsed(pyphen, found, dictionary)
            return dictionary
    return None


# pyphen parses a language's patterns from LibreOffice's text file each time a process needs
# them: German's 66k patterns take ~0.45 s of pure Python, which competes with the GUI thread
# for the interpreter even on a thread. The parsed table is kept in the user's cache folder as
# `marshal` data (~2.6 MB for German, read in ~35 ms), under a name made of the pattern file's
# identity, pyphen's version and the marshal format, with a SHA-256 of the data before it:
# a changed file or version is a new name, a cut or corrupted file is read from the source.
# It uses pyphen's own cache of parsed files (`pyphen.hdcache`, `HyphDict`'s three
# attributes); tests/test_hyphenate_later.py checks that they still mean what this expects.
_DIGEST_BYTES = 32
PATTERN_CACHE_BYTES = 32 * 1024 * 1024


def table_file(pyphen: object, found: str):  # -> Path | None
    """Where the parsed table of pyphen's language `found` is kept (None: no pattern file)."""
    import marshal

    from revkiosk.safe_files import file_identity
    from revkiosk.settings import cache_dir

    source = pyphen.LANGUAGES.get(found)  # type: ignore[attr-defined]
    identity = file_identity(source) if source is not None else None
    if identity is None:
        return None
    _target, inode, size, mtime = identity
    version = getattr(pyphen, "VERSION", getattr(pyphen, "__version__", "?"))
    name = f"{found}-{version}-m{marshal.version}-{inode}-{size}-{mtime}.marshal"
    return cache_dir() / "hyphenation" / name


def _parsed_from_cache(pyphen: object, found: str) -> None:
    """Put the cached table of `found` in pyphen's own cache, if there is a sound one."""
    import marshal

    from revkiosk.safe_files import read_bytes, sha256

    try:
        source = pyphen.LANGUAGES[found]  # type: ignore[attr-defined]
        if source in pyphen.hdcache:  # type: ignore[attr-defined]
            return
        path = table_file(pyphen, found)
        if path is None or not path.exists():
            return
        data = read_bytes(path, PATTERN_CACHE_BYTES)
        digest, payload = data[:_DIGEST_BYTES], data[_DIGEST_BYTES:]
        patterns = marshal.loads(payload) if sha256(payload).digest() == digest else None
        if not isinstance(patterns, dict) or not patterns:
            path.unlink(missing_ok=True)  # cut or corrupted: parsed again, and kept again
            return
        table = pyphen.HyphDict.__new__(pyphen.HyphDict)  # type: ignore[attr-defined]
        table.patterns, table.cache = patterns, {}
        table.maxlen = max(len(key) for key in patterns)
        pyphen.hdcache[source] = table  # type: ignore[attr-defined]
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        return  # no cache, or not one we can use: pyphen parses the patterns itself


def _keep_parsed(pyphen: object, found: str, dictionary: object) -> None:
    """Write the table pyphen parsed, once (atomically: a reader never sees half of it).
    Tables with pyphen's nonstandard hyphenation objects cannot be marshalled: not kept."""
    import marshal

    from revkiosk.safe_files import atomic_write, sha256

    try:
        path = table_file(pyphen, found)
        if path is None or path.exists():
            return
        payload = marshal.dumps(dictionary.hd.patterns)  # type: ignore[attr-defined]
        atomic_write(path, sha256(payload).digest() + payload)
    except (OSError, ValueError, AttributeError):
        return


def _load(language: str) -> None:
    """A `preload` thread: the patterns, or None (no hyphenation) when they cannot be read —
    a layout waiting for them, or looking for them again, must not wait or retry for ever."""
    try:
        dictionary = read_patterns(language)
    except Exception as exc:  # noqa: BLE001 - pyphen missing or broken: words stay whole
        log.warning(
            "hyphenation patterns for %s could not be read (%s): long words stay whole",
            language,
            exc,
        )
        dictionary = None
    with _lock:  # one step: a reader sees the patterns as loading or as loaded, never neither
        _loaded[language] = dictionary
        _loading.pop(language, None)


def _dictionary(language: str, wait: bool = True):  # -> pyphen.Pyphen | None
    """The patterns of `language`, read once per process and always by a `preload` thread
    (a reading that fails means None: words laid out whole): a word that needs them waits
    for that reading rather than parsing the file a second time
    (German's patterns take ~0.45 s and ~17 MB: read twice at once, a language switch took
    ~0.5 s). With `wait=False`, None until they are read: the reading starts on a thread and
    `arrived()` names the language once it is done."""
    with _lock:
        if language in _loaded:
            return _loaded[language]
    if not wait:
        preload(language)
        with _lock:
            if language in _loaded:  # read meanwhile
                return _loaded[language]
            _missed.add(language)
        if _on_miss is not None:
            _on_miss()
        return None
    preload(language)  # one reading per language: started now, or already under way
    with _lock:
        worker = _loading.get(language)
    if worker is not None:
        worker.join()
    with _lock:
        return _loaded.get(language)


def layouts_never_wait(on_miss: Callable[[], None] | None = None) -> None:
    """The player's policy (`ui/hyphenate_later.py`): a layout that needs patterns not read yet
    lays the text out whole (smaller, or on pages) instead of waiting up to ~0.45 s, and
    `on_miss` is called (on the layout's thread) so the player can look for `arrived()`.
    `revkiosk check`, the exporter and `hyphenate()` itself always wait: they want the answer."""
    global _layouts_wait, _on_miss
    _layouts_wait, _on_miss = False, on_miss


def layouts_wait(on_miss: Callable[[], None] | None = None) -> None:
    """Back to waiting for the patterns (the default): for everyone, or only if `on_miss` is
    still the callback in force (a window that closes does not undo a newer one's policy)."""
    global _layouts_wait, _on_miss
    if on_miss is not None and on_miss != _on_miss:
        return
    _layouts_wait, _on_miss = True, None
    with _lock:
        _missed.clear()


def arrived() -> set[str]:
    """The languages a layout did without whose patterns have been read since, each named
    once (`awaited()` says whether others are still being read)."""
    with _lock:
        done = {language for language in _missed if language in _loaded}
        _missed.difference_update(done)
    return done


def reading() -> bool:
    """Whether patterns are being read on a thread (a benchmark waits for the quiet)."""
    with _lock:
        return bool(_loading)


def awaited() -> bool:
    """Whether a layout did without patterns that are still being read."""
    with _lock:
        return bool(_missed)


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
        dictionary = _dictionary(language or "en", wait=_layouts_wait)
        if dictionary is None:
            return text
        return _WORD.sub(lambda w: dictionary.inserted(w.group(0), hyphen=SOFT_HYPHEN), text)

    parts = _TAG_OR_TEXT.split(html)
    return "".join(
        part if part.startswith("<") else _TOKEN.sub(token, part) for part in parts if part
    )
