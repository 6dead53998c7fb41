"""What `revkiosk check` says about a deck's translations, per language, at `file:line`.

Errors (the entry or file is not used; the deck shows its own text there): a PO file that does
not parse, an entry written twice, a translation whose placeholders or Markdown differ from its
source. Warnings: an entry not translated yet, a fuzzy one (to be revised), one translated from
an older source text, one whose text left the deck (obsolete), a translated slide too dense to
read in its time (the kiosk pace rule applied to the translation), and slides whose texts cannot
be translated because they have no stable key. A catalog nobody has started (every `msgstr`
empty, as `i18n extract` creates it) is not offered to visitors and gets no warnings yet:
`revkiosk i18n stats` shows it at 0%.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from babel.messages.catalog import Message

from revkiosk.deck.model import Deck, Location, Problem
from revkiosk.deck.pace import pace_problems
from revkiosk.deck.translate import Text, deck_texts, slide_keys, translate, unkeyed_slides
from revkiosk.i18n.catalogs import load_language
from revkiosk.i18n.consistency import problem as consistency_problem
from revkiosk.i18n.deck_po import belongs_to, po_paths
from revkiosk.i18n.po import read_po_file


def _short(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return f'"{flat[: limit - 1]}…"' if len(flat) > limit else f'"{flat}"'


def language_problems(deck: Deck, code: str, path: Path, texts: list[Text]) -> list[Problem]:
    """Every problem of one language's PO file against the deck as it is now."""
    po = read_po_file(path)
    if po.catalog is None:
        return po.problems
    if not belongs_to(po, deck):
        return []  # another deck's translations, sharing the folder
    problems = list(po.problems)

    def at(line: int | None, severity: str, message: str) -> None:
        where = Location(path, line or 1, 1)
        problems.append(Problem(where, severity, f"{code}: {message}"))  # type: ignore[arg-type]

    by_key: dict[str, Message] = {m.context: m for m in po.catalog if m.id and m.context}
    wanted = {text.key for text in texts}
    translated = sum(1 for t in texts if t.key in by_key and by_key[t.key].string)
    if translated:  # a file nobody has started is not offered to visitors: nothing to say yet
        for text in texts:
            message = by_key.get(text.key)
            if message is None:
                at(1, "warning", f"no entry for {text.key} (run `revkiosk i18n extract`)")
            elif not message.string:
                at(message.lineno, "warning", f"untranslated: {text.key} {_short(text.source)}")
            elif message.fuzzy:
                at(message.lineno, "warning", f"fuzzy (check and revise): {text.key}")
            elif message.id != text.source:
                at(
                    message.lineno,
                    "warning",
                    f"{text.key}: the source text changed since it was translated; shows in "
                    "the deck's language until revised (`revkiosk i18n extract` marks it fuzzy)",
                )
            elif (why := consistency_problem(text.source, str(message.string))) is not None:
                at(message.lineno, "error", f"{text.key}: {why}")
    for message in po.catalog:
        if message.id and message.context and message.context not in wanted:
            at(message.lineno, "warning", f"obsolete: {message.context} is no longer in the deck")
    for message in po.catalog.obsolete.values():
        at(message.lineno, "warning", f"obsolete entry kept for reference: {message.context}")
    problems += _pace(deck, code, path, by_key)
    return problems


def _pace(deck: Deck, code: str, path: Path, by_key: Mapping[str, Message]) -> list[Problem]:
    """The pace rule on the translated deck, located at the slide's first entry in the file."""
    loaded = load_language(deck, code)
    if loaded.translations is None or not loaded.usable:
        return []
    translated = translate(deck, loaded.translations)
    original = {str(p) for p in pace_problems(deck)}
    keys = slide_keys(deck)
    out = []
    for problem in pace_problems(translated):
        index = next(
            (i for i, s in enumerate(translated.slides) if s.location == problem.location), None
        )
        if problem.message in original or index is None:
            continue
        key = keys[index]
        first = next((m for k, m in by_key.items() if key and k and k.startswith(key + "/")), None)
        line = getattr(first, "lineno", None) or 1
        where = Location(path, line, 1)
        out.append(Problem(where, "warning", f"{code}: {problem.message}"))
    return out


def translation_problems(deck: Deck) -> list[Problem]:
    """Problems of every PO file of the deck, language by language, then slides without a
    stable key (only when the deck has translations at all)."""
    paths = po_paths(deck)
    if not paths:
        return []
    texts = deck_texts(deck)
    problems: list[Problem] = []
    for code, path in paths.items():
        problems += language_problems(deck, code, path, texts)
    for index, slide in unkeyed_slides(deck):
        where = slide.location or Location(deck.path, 1, 1)
        message = (
            f"slide {index + 1} ({slide.kind}) has no id, so its text cannot be translated: "
            "give it an `id`"
        )
        problems.append(Problem(where, "warning", message))
    return problems


__all__ = ["language_problems", "translation_problems"]
