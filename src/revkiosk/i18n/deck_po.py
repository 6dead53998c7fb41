"""A deck's translation files: where they are, the template, and updating them (`i18n extract`).

A deck's PO files live in its `translations` folder beside the deck file (`locale/` unless the
deck says otherwise): `messages.pot`, the template, and one `<language>.po` per language
(`fr.po`, `pt-BR.po`). Each entry is one text of the deck (`deck/translate.py` names them):

    #. slide 12 (plot: ImageNet winners' error) · caption: the caption under the slide's chart
    #. On screen 26 s with the rest of the slide (read at 180 words a minute).
    #: ../deep-learning-revolution.yaml:406
    msgctxt "slide/imagenet-chart/caption"
    msgid "How often the right label was missing from five guesses. …"
    msgstr ""

Updating keeps every translation by its key: a changed source text keeps the old translation
marked fuzzy with the old source beside it (`#| msgid`), a text that left the deck becomes an
obsolete entry (`#~`, kept for reference), a new text gets an empty entry. Files are written
atomically.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message

from revkiosk.deck.model import Deck, MilestoneSlide
from revkiosk.deck.spec import LANGUAGE_TAG
from revkiosk.deck.translate import Text, deck_texts
from revkiosk.i18n.po import DECK_PROJECT, PoFile, previous_source, read_po_file, write_po_file

TEMPLATE = "messages.pot"
HEADER = """\
# Translations of the revkiosk deck PROJECT into LANGUAGE.
# Fill in each msgstr (Poedit, Weblate or any PO editor); leave the msgctxt and msgid as they are.
# Check with `revkiosk check DECK`, see coverage with `revkiosk i18n stats DECK`.
#"""


def translations_folder(deck: Deck) -> Path:
    """The folder of the deck's PO files: `translations:` (default `locale`) beside the deck
    file. The loader refuses one outside the deck root; this falls back to `locale` anyway."""
    folder = (deck.path.parent / deck.info.translations).resolve()
    if folder.is_relative_to(deck.root.resolve()):
        return folder
    return deck.path.parent.resolve() / "locale"


def po_paths(deck: Deck) -> dict[str, Path]:
    """Language tag → PO file of this deck, for every `<tag>.po` in its folder (sorted by tag).

    Files whose header names another deck (`Project-Id-Version: revkiosk deck other.yaml`) are
    another deck's sharing the folder, and left out."""
    folder = translations_folder(deck)
    try:
        files = sorted(folder.glob("*.po"))
    except OSError:
        return {}
    return {
        p.stem.replace("_", "-"): p
        for p in files
        if LANGUAGE_TAG.match(p.stem) and p.is_file() and header_deck(p) in (None, deck.path.name)
    }


_PROJECT = re.compile(r'^"Project-Id-Version: ([^"\\]*)', re.MULTILINE)


def header_deck(path: Path) -> str | None:
    """The deck file a PO file or template says it translates, or None (a hand-made file)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192).decode("utf-8", "replace")
    except OSError:
        return None
    match = _PROJECT.search(head)
    value = match[1].strip() if match else ""
    if not value.startswith(DECK_PROJECT + " "):
        return None
    return value[len(DECK_PROJECT) + 1 :]


def belongs_to(po: PoFile, deck: Deck) -> bool:
    """Whether a parsed catalog is this deck's (see `po_paths`)."""
    if po.catalog is None:
        return False
    project = f"{po.catalog.project} {po.catalog.version}".strip()
    if not project.startswith(DECK_PROJECT + " "):
        return True
    return project == f"{DECK_PROJECT} {deck.path.name}"


def _seconds_on_slides(deck: Deck) -> dict[str, float]:
    """Milestone id → seconds its (first) slide is shown, for the translators' comments."""
    seconds: dict[str, float] = {}
    for slide in deck.slides:
        if isinstance(slide, MilestoneSlide):
            shown = slide.seconds if slide.seconds is not None else deck.info.slide_seconds
            seconds.setdefault(slide.milestone.id, shown)
    return seconds


def _comments(text: Text, milestone_seconds: dict[str, float]) -> list[str]:
    lines = [f"{text.owner} · {text.key.rsplit('/', 1)[-1]}: {text.shows}"]
    seconds = text.seconds
    if seconds is None and text.key.startswith("milestone/"):
        seconds = milestone_seconds.get(text.key.split("/")[1])
    if text.beside:
        lines.append(
            "Quoted model output: it stays on screen as written; your translation is shown "
            "under it. Keep it as short."
        )
    if "/notes" not in text.key and seconds is not None:
        lines.append(
            f"On screen {seconds:g} s with the rest of the slide (read at 180 words a "
            "minute): keep it about as long."
        )
    return lines


def template(deck: Deck) -> Catalog:
    """The deck's template: one empty entry per text, with comments for translators."""
    catalog = Catalog(
        project=DECK_PROJECT,
        version=deck.path.name,
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER.replace("PROJECT", deck.path.name).replace("DECK", deck.path.name),
    )
    reference = os.path.relpath(deck.path, translations_folder(deck)).replace(os.sep, "/")
    milestone_seconds = _seconds_on_slides(deck)
    for text in deck_texts(deck):
        message = catalog.add(
            text.source,
            "",
            locations=[(reference, text.location.line)] if text.location else [],
            auto_comments=_comments(text, milestone_seconds),
            context=text.key,
        )
        message.flags.discard("python-format")  # "16.4% used" is not a format string
    return catalog


def new_catalog(template_catalog: Catalog, language: str) -> Catalog:
    """An empty catalog for `language` with the template's header."""
    try:
        catalog = Catalog(locale=language.replace("-", "_"), charset="utf-8", fuzzy=False)
    except (UnknownLocaleError, ValueError):
        catalog = Catalog(charset="utf-8", fuzzy=False)
    catalog.project, catalog.version = template_catalog.project, template_catalog.version
    catalog.header_comment = template_catalog.header_comment.replace("LANGUAGE", language)
    catalog.language_team = f"{language} <LL@li.org>"
    return catalog


def update(old: Catalog, template_catalog: Catalog) -> Catalog:
    """`old` brought up to the template (see the module docstring); headers are kept."""
    catalog = Catalog(
        locale=old.locale,
        charset="utf-8",
        fuzzy=False,
        project=template_catalog.project,
        version=template_catalog.version,
        last_translator=old.last_translator,
        language_team=old.language_team,
        revision_date=old.revision_date,
        creation_date=template_catalog.creation_date,
    )
    catalog.header_comment = old.header_comment
    by_key = {m.context: m for m in old if m.id and m.context}
    retired = {m.context: m for m in old.obsolete.values() if m.context}
    wanted = {m.context for m in template_catalog if m.id}
    # A translation whose key left the deck but whose source text reappears under a new key
    # (a slide given another id) is offered again, fuzzy, instead of lost.
    orphans = {m.id: m for m in [*retired.values(), *by_key.values()] if m.context not in wanted}
    reused: set[str | None] = set()
    for entry in template_catalog:
        if not entry.id:
            continue
        key = entry.context or ""
        before = by_key.get(key) or retired.get(key)
        if before is None and entry.id in orphans and orphans[entry.id].string:
            before = orphans[entry.id]
            reused.add(before.context)
        catalog[entry.id] = _merged(entry, before, entry.context)
    for message in [*by_key.values(), *retired.values()]:
        if message.context not in wanted and message.context not in reused:
            catalog.obsolete[catalog._key_for(message.id, message.context)] = message
    return catalog


def _merged(entry: Message, before: Message | None, context: str | None) -> Message:
    comments = [c for c in before.user_comments if not c.startswith("|")] if before else []
    message = Message(
        entry.id,
        "",
        locations=entry.locations,
        auto_comments=entry.auto_comments,
        user_comments=comments,
        context=context,
    )
    message.flags.discard("python-format")  # deck texts are never format strings
    if before is None or not before.string:
        return message
    message.string = before.string
    old_source = str(before.id) if before.id != entry.id else previous_source(before)
    if before.id != entry.id or before.context != context or before.fuzzy:
        message.flags.add("fuzzy")
        if old_source and old_source != entry.id:
            message.previous_id = [old_source]
    return message


@dataclass(frozen=True)
class Extracted:
    """What `extract` wrote: the template and, per language, counts of what changed."""

    template: Path
    updated: dict[str, tuple[int, int, int]]  # language → (new, now fuzzy, obsolete)


def extract(deck: Deck, languages: tuple[str, ...] = ()) -> Extracted:
    """Write the template and update every PO file of the deck (creating those for
    `languages` that do not exist yet). Raises OSError when a file cannot be written and
    ValueError when an existing PO file is broken (fix it first: nothing is overwritten)."""
    folder = translations_folder(deck)
    owner = header_deck(folder / TEMPLATE)
    if owner not in (None, deck.path.name):
        raise ValueError(
            f"{folder} holds the translations of {owner}; give {deck.path.name} its own folder "
            "with `translations: locale-<name>` in its deck: block"
        )
    fresh = template(deck)
    fresh.creation_date = datetime.datetime.now(datetime.UTC)
    write_po_file(folder / TEMPLATE, fresh)
    paths = po_paths(deck)
    for code in languages:
        paths.setdefault(code, folder / f"{code}.po")
    updated: dict[str, tuple[int, int, int]] = {}
    for code, path in sorted(paths.items()):
        if path.exists():
            po = read_po_file(path)
            if not po.ok or po.catalog is None:
                first = next(p for p in po.problems if p.severity == "error")
                raise ValueError(f"{first} (fix it first: {path.name} was left as it is)")
            if not belongs_to(po, deck):
                continue
            old = po.catalog
        else:
            old = new_catalog(fresh, code)
        catalog = update(old, fresh)
        before_fuzzy = {m.context for m in old if m.fuzzy}
        before = {m.context for m in old if m.id}
        new = sum(1 for m in catalog if m.id and m.context not in before)
        fuzzy = sum(1 for m in catalog if m.id and m.fuzzy and m.context not in before_fuzzy)
        gone = sum(1 for m in catalog.obsolete.values() if m.context in before)
        write_po_file(path, catalog)
        updated[code] = (new, fuzzy, gone)
    return Extracted(folder / TEMPLATE, updated)


__all__ = [
    "TEMPLATE",
    "Extracted",
    "belongs_to",
    "extract",
    "new_catalog",
    "po_paths",
    "template",
    "translations_folder",
    "update",
]
