"""A small deck with French translations, written into a temporary folder, for the i18n tests."""

from __future__ import annotations

from pathlib import Path

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import Deck
from revkiosk.i18n.deck_po import extract
from revkiosk.i18n.po import read_po_file, write_po_file

DECK = """\
deck:
  title: Small story
  language: en
  slide_seconds: 20
domains:
  - {id: vision, name: Vision, color: "#4cc9f0", summary: Seeing pictures.}
milestones:
  - id: alexnet
    date: 2016-03
    domain: vision
    title: AlexNet wins
    org: University of Toronto
    summary: A deep network wins a contest by a wide margin.
    source: https://example.org/alexnet
slides:
  - kind: title
    id: welcome
    title: Hello visitors
    subtitle: A short story
    notes: |
      Say **hello** to everyone.
      - first point
      - second point
  - kind: milestone
    milestone: alexnet
    excerpt: {text: "A winning error rate of 15.3%.", source: "The paper, 2012"}
  - kind: text
    id: ideas
    title: Three ideas
    bullets: [Bigger models, More data, Faster chips]
  - kind: section
    title: Without an id
    domain: vision
  - kind: timeline
    id: decade
    title: A decade
"""

FRENCH = {
    "deck/title": "Petite histoire",
    "domain/vision/name": "Vision",
    "domain/vision/summary": "Voir des images.",
    "milestone/alexnet/title": "AlexNet gagne",
    "milestone/alexnet/org": "Université de Toronto",
    "milestone/alexnet/summary": "Un réseau profond gagne un concours de loin.",
    "slide/welcome/title": "Bonjour les visiteurs",
    "slide/welcome/subtitle": "Une courte histoire",
    "slide/welcome/notes": (
        "Dites **bonjour** à tout le monde.\n- premier point\n- second point\n"
    ),
    "slide/milestone:alexnet/excerpt/text": "Un taux d'erreur gagnant de 15,3 %.",
    "slide/milestone:alexnet/excerpt/source": "L'article, 2012",
    "slide/ideas/title": "Trois idées",
    "slide/ideas/bullets/1": "Des modèles plus grands",
    "slide/ideas/bullets/2": "Plus de données",
    "slide/ideas/bullets/3": "Des puces plus rapides",
    "slide/decade/title": "Une décennie",
}


def write_deck(folder: Path, text: str = DECK) -> Path:
    slides = folder / "slides"
    slides.mkdir(parents=True, exist_ok=True)
    path = slides / "story.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def translated_deck(folder: Path, strings: dict[str, str] | None = None) -> tuple[Deck, Path]:
    """The small deck with `slides/locale/fr.po` filled from `strings` (default: FRENCH)."""
    deck = load_deck(write_deck(folder))
    extract(deck, ("fr",))
    po_path = folder / "slides" / "locale" / "fr.po"
    fill(po_path, FRENCH if strings is None else strings)
    return deck, po_path


def fill(po_path: Path, strings: dict[str, str]) -> None:
    po = read_po_file(po_path)
    assert po.catalog is not None, po.problems
    for message in po.catalog:
        if message.context in strings:
            message.string = strings[message.context]
    write_po_file(po_path, po.catalog)


def line_of(path: Path, context: str) -> int:
    """The line of the msgid of the entry with this msgctxt (where problems are reported)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f'msgctxt "{context}"')
    return next(i for i in range(at, len(lines)) if lines[i].startswith("msgid ")) + 1
