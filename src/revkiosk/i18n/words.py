"""The player's own words (help, notices, presenter view, kiosk controls), in the Show's language.

    from revkiosk.i18n.words import N_, _, ngettext

    label = _("Next slide")                          # translated now, in the active language
    note = _("Slide {number} could not be shown", number=3)   # fill {fields} after translating
    text = ngettext("{count} slide", "{count} slides", n, count=n)
    TITLES = {"next": N_("Next slide")}              # marked only; call _(TITLES[name]) to show

Rules for anyone adding text to the player (`revkiosk i18n player` lists what is not extracted):
- Wrap every text a visitor or presenter reads in `_()` *where it is shown* (paint, set_text,
  a rebuild on `Show.language_changed`), never at import time: a module constant is marked with
  `N_()` and translated with `_()` when drawn.
- Use named `{fields}`, never string concatenation: word order differs between languages. (Any
  name works, `message` and `context` included: the text itself is positional-only.)
- Give short or ambiguous words a context: `pgettext("button", "Back")`.
- Never call `_()` inside an f-string's braces: Babel cannot extract it (compute it first).
- Numbers and months through `number()`, `percent()`, `month_year()` (CLDR: "1,5", "mars 2016").
- Log messages and technical errors stay English (they are for the technician and the log).
- `tests/test_i18n_pseudo.py` shows the player in a pseudo-language (every extracted msgid
  marked) and fails on any word on screen outside the marks: run it after adding a screen.

The catalogs are `revkiosk/i18n/locale/<language>.po`, shipped in the package; `activate()` is
called only by the `Show` when the language changes (the Show owns it; this module only keeps
the active catalog). English needs no catalog, so the start path reads no PO file and imports
no Babel. A language without a catalog, or a broken one, shows English (the problem logged).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"

_language = SOURCE_LANGUAGE
_strings: dict[tuple[str | None, str], tuple[str, ...]] = {}
_plural: object = None  # a callable n -> index, from the catalog's Plural-Forms


def catalog_path(code: str) -> Path | None:
    """The player's catalog for `code` (`fr-CA` → fr_CA.po or fr-CA.po, else fr.po)."""
    tag = code.replace("_", "-")
    candidates = [tag, tag.replace("-", "_"), tag.split("-")[0]]
    for name in candidates:
        path = LOCALE_DIR / f"{name}.po"
        if path.is_file():
            return path
    return None


def activate(code: str) -> None:
    """Use language `code` for the player's words from now on (the Show calls this)."""
    global _language, _strings, _plural
    if code == _language:
        return
    _language, _strings, _plural = code, {}, None
    path = catalog_path(code) if code.split("-")[0] != SOURCE_LANGUAGE else None
    if path is None:
        return
    from revkiosk.i18n.po import read_po_file, usable

    po = read_po_file(path)
    if not po.ok or po.catalog is None:
        for problem in po.problems:
            log.error("player words in %s not used: %s", code, problem)
        return
    for message in po.catalog:
        if not usable(message):
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if any(not form for form in forms):
            continue
        if _bad_fields(ids, forms):
            log.error("%s:%s: placeholders differ; the English shows", path, message.lineno)
            continue
        _strings[(message.context, str(ids[0]))] = tuple(str(form) for form in forms)
    _plural = po.catalog.plural_expr and _compile_plural(po.catalog.plural_expr)


def _bad_fields(ids: Sequence[object], forms: Sequence[object]) -> bool:
    """A translation whose {fields} differ from its source's (a plural form may leave the
    count out: "one" needs no number in many languages, but none may invent a field)."""
    from revkiosk.i18n.consistency import placeholder_problem, placeholders

    if len(ids) == 1:
        return placeholder_problem(str(ids[0]), str(forms[0])) is not None
    known = set(placeholders(str(ids[-1])))
    return any(set(placeholders(str(form))) - known for form in forms)


def _compile_plural(expr: str) -> object:
    """gettext's own compiler of a `Plural-Forms` C expression: it admits only numbers, `n`
    and operators (a PO file cannot run code through it)."""
    import gettext

    try:
        return gettext.c2py(expr)
    except (ValueError, SyntaxError, RecursionError):  # a hand-made header: one form a message
        return None


def language() -> str:
    """The language the player's words are in now."""
    return _language


def N_(message: str, /) -> str:  # noqa: N802 - the gettext convention
    """Mark `message` for translation without translating it (module constants)."""
    return message


def _fill(text: str, fields: dict[str, object]) -> str:
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError):  # never garble a screen over a translation slip
        return text


def _(message: str, /, **fields: object) -> str:
    """`message` in the active language (English if untranslated), its `{fields}` filled."""
    found = _strings.get((None, message))
    return _fill(found[0] if found else message, fields)


def pgettext(context: str, message: str, /, **fields: object) -> str:
    """`message` in a context, for short words that translate differently ("Back")."""
    found = _strings.get((context, message))
    return _fill(found[0] if found else message, fields)


def ngettext(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """The form for count `n` ("1 slide", "2 slides"; Arabic has six forms)."""
    found = _strings.get((None, singular))
    if found and callable(_plural):
        index = _plural(n)
        text = found[min(index, len(found) - 1)]
    else:
        text = singular if n == 1 else plural
    return _fill(text, fields)


def _english() -> bool:
    return _language.split("-")[0].casefold() == SOURCE_LANGUAGE


def number(value: float, decimals: int | None = None) -> str:
    """A number as the active language writes it ("1,234.5" / "1 234,5")."""
    if _english():
        return f"{value:,.{decimals}f}" if decimals is not None else f"{value:,g}"
    from revkiosk.i18n.cldr import number as cldr_number

    return cldr_number(value, _language, decimals)


def month_year(year: int, month: int) -> str:
    """A month of a year as the active language writes it ("March 2016", "mars 2016")."""
    from revkiosk.deck.model import PartialDate

    date = PartialDate(year, month)
    if _english():
        return str(date)
    from revkiosk.i18n.cldr import date_labeller

    return str(date_labeller(_language)(date))


def percent(value: float) -> str:
    """A percentage, `value` in percent, as the active language writes it ("4.94%", "4,94 %")."""
    if _english():
        return f"{value:g}%"
    from revkiosk.i18n.cldr import percent as cldr_percent

    return cldr_percent(value, _language)


__all__ = [
    "N_",
    "_",
    "activate",
    "catalog_path",
    "language",
    "month_year",
    "ngettext",
    "number",
    "percent",
    "pgettext",
]
