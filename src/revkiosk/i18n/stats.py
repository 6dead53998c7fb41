"""Coverage per language (`revkiosk i18n stats`): what is translated against the deck now."""

from __future__ import annotations

from dataclasses import dataclass

from revkiosk.deck.model import Deck
from revkiosk.deck.translate import deck_texts
from revkiosk.i18n.deck_po import belongs_to, po_paths
from revkiosk.i18n.po import read_po_file


@dataclass(frozen=True)
class Coverage:
    """One language's counts; `translated` counts only translations of the current source
    text that are not fuzzy (what a visitor would see)."""

    language: str
    total: int
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    problem: str = ""

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def coverage(deck: Deck) -> list[Coverage]:
    """Per PO file of the deck, sorted by language tag."""
    texts = deck_texts(deck)
    wanted = {t.key: t.source for t in texts}
    rows = []
    for code, path in po_paths(deck).items():
        po = read_po_file(path)
        if not po.ok or po.catalog is None:
            first = next(p for p in po.problems if p.severity == "error")
            rows.append(Coverage(code, len(texts), problem=f"broken: {first}"))
            continue
        if not belongs_to(po, deck):
            continue
        by_key = {m.context: m for m in po.catalog if m.id and m.context}
        translated = fuzzy = 0
        for key, source in wanted.items():
            message = by_key.get(key)
            if message is None or not message.string:
                continue
            if message.fuzzy or message.id != source:
                fuzzy += 1
            else:
                translated += 1
        obsolete = len(po.catalog.obsolete) + sum(1 for k in by_key if k not in wanted)
        untranslated = len(texts) - translated - fuzzy
        rows.append(Coverage(code, len(texts), translated, fuzzy, untranslated, obsolete))
    return rows


__all__ = ["Coverage", "coverage"]
