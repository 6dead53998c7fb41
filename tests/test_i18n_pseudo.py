"""Every word the player shows is marked for translation (issue 16), found in a pseudo-language.

The player's catalog is replaced by one that maps every msgid of the shipped template
(`revkiosk/i18n/locale/messages.pot`) to `⟦msgid⟧`, and the default deck is shown with every
translatable text marked the same way. A text on screen with an English word outside the marks
was never marked with `_()` (or never extracted), so a French visitor would read English there.
The window is then walked through: every slide, the help, the go-to box, the overview, the
timeline and its card, the comfort panel, the keypad's help, a "more" layer, the language
panel, the control bar, notices, the kiosk's prompts, the deck-error screen and the presenter
console. Texts are caught where they are drawn (`QPainter.drawText`, `QTextLayout.draw`) and
read from labels and buttons, so custom-painted widgets are covered too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtGui import QPainter, QStaticText, QTextLayout
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from window_helpers import window_for

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import Deck, MilestoneSlide, PartialDate
from revkiosk.deck.translate import Translations, deck_texts, translate
from revkiosk.i18n import words
from revkiosk.ui.media.subtitles import parse_subtitles

REPO = Path(__file__).resolve().parent.parent
DECK_PATH = REPO / "slides" / "deep-learning-revolution.yaml"
OPEN, CLOSE = "⟦", "⟧"

pytestmark = pytest.mark.qt_log_ignore(
    r"PulseAudio|qt\.multimedia|No HW decoder|RHI|FFmpeg|Couldn.t (load|resolve)|No audio device"
)

# Words that read the same in every language: the program's name, and "Aa" and "CC", the
# icons of the comfort and captions buttons.
SAME_EVERYWHERE = {"revkiosk", "Aa", "CC"}
LICENCE = re.compile(r"\bCC BY(?:-[A-Z]{2})* \d\.\d|\bCC0\b")  # a licence's name, as written
TECHNICAL = re.compile(r"\S+:\d+:\d+: (?:error|warning):")  # file:line:col: error: …
INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
URL = re.compile(r"\b(?:https?://)?[\w./-]+\.(?:org|com|net|ai|io|edu|html?|ya?ml)\S*")
WORD = re.compile(r"[A-Za-z]{2,}")


def mark(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def unmarked_words(text: str) -> list[str]:
    """English words of `text` outside any ⟦…⟧ (nested marks come from filled fields)."""
    while True:
        stripped = INNERMOST.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"<[^>]*>|&\w+;", " ", text)  # rich text's tags
    # A marked text cut to fit ("⟦Black screen (any…") or before its shortcut ("⟦Pause/resume").
    text = re.sub(f"{OPEN}[^{CLOSE}]*(?:…|$)", " ", text)
    text = LICENCE.sub(" ", URL.sub(" ", text))
    return [w for w in WORD.findall(text) if w not in SAME_EVERYWHERE]


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> None:
    """The player's words in the pseudo-language: only what the template holds is marked."""
    with (words.LOCALE_DIR / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    strings: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for message in template:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings[(message.context, str(ids[0]))] = tuple(mark(str(i)) for i in ids)
    monkeypatch.setattr(words, "_strings", strings)
    monkeypatch.setattr(words, "_plural", lambda n: int(n != 1))


def pseudo_deck() -> Deck:
    """The default deck with every translatable text (and date) marked."""
    deck = load_deck(DECK_PATH)
    strings = {t.key: (t.source, mark(t.source)) for t in deck_texts(deck)}

    def dated(date: PartialDate) -> PartialDate:
        return replace(date, label=mark(date.label or str(date.year)), month_label=mark("m"))

    shown = translate(deck, Translations("en", strings, dated))
    slides = tuple(
        replace(s, excerpt=replace(s.excerpt, text=mark(s.excerpt.text)))  # quoted: kept as is
        if isinstance(s, MilestoneSlide) and s.excerpt is not None
        else s
        for s in shown.slides
    )
    return replace(shown, slides=slides)


class Drawn:
    """The texts painted while it is installed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        draw_text, draw_static, layout_draw = (
            QPainter.drawText,
            QPainter.drawStaticText,
            QTextLayout.draw,
        )

        def on_draw_text(painter: QPainter, *args: object) -> object:
            self.texts += [a for a in args if isinstance(a, str)]
            return draw_text(painter, *args)

        def on_draw_static(painter: QPainter, *args: object) -> object:
            self.texts += [a.text() for a in args if isinstance(a, QStaticText)]
            return draw_static(painter, *args)

        def on_layout_draw(layout: QTextLayout, *args: object) -> object:
            self.texts.append(layout.text())
            return layout_draw(layout, *args)

        monkeypatch.setattr(QPainter, "drawText", on_draw_text)
        monkeypatch.setattr(QPainter, "drawStaticText", on_draw_static)
        monkeypatch.setattr(QTextLayout, "draw", on_layout_draw)


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every visible label, button and text box under `root`, and the texts
    its views say they draw."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = type(widget).__name__
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
            yield where, widget.text()
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            yield where, widget.toPlainText()
        if isinstance(widget, QComboBox):  # drawn by the style, in C++: read its items
            yield from ((where, widget.itemText(i)) for i in range(widget.count()))
        if widget.accessibleName():
            yield f"{where} (screen reader)", widget.accessibleName()
        if widget.toolTip():
            yield f"{where} (tooltip)", widget.toolTip()
        runs = getattr(widget, "text_runs", None)
        if callable(runs):
            try:
                found = list(runs())
            except TypeError:
                continue
            if found:  # one run a line: a marked text spans several
                yield where, "\n".join(run.text for run in found)


def shown_widgets(root: QWidget) -> set[int]:
    return {id(w) for w in root.findChildren(QWidget) if w.isVisible()}


class Scan:
    """Collects unmarked texts from screens of the window, named by what was on screen."""

    def __init__(self, drawn: Drawn) -> None:
        self.drawn = drawn
        self.found: dict[str, set[str]] = {}
        self.cues = {
            cue.text
            for vtt in (REPO / "media").rglob("*.vtt")
            for cue in parse_subtitles(vtt.read_text(encoding="utf-8"))
        }

    def look(self, screen: str, *roots: QWidget) -> None:
        self.drawn.texts.clear()
        texts: list[tuple[str, str]] = []
        for root in roots:
            root.grab()  # paints every visible child: drawn texts are recorded
            texts += widget_texts(root)
        texts += [("painted", t) for t in self.drawn.texts]
        for where, text in texts:
            if any(text in cue for cue in self.cues):
                continue  # a film's captions: media files, in the visitor's language by the deck
            if TECHNICAL.search(text):
                continue  # a loader's problem, for the technician (words.py: it stays English)
            if unmarked_words(text):
                self.found.setdefault(f"{where}: {text[:90]!r}", set()).add(screen)

    def report(self) -> str:
        return "\n".join(f"{k}  (on {', '.join(sorted(v))})" for k, v in sorted(self.found.items()))


def test_unmarked_words_are_found() -> None:
    assert unmarked_words(mark("Slide {n}").replace("{n}", mark("Titre"))) == []
    assert unmarked_words(f"{mark('Keys')} Space") == ["Space"]
    assert unmarked_words(f"{mark('See')} arxiv.org/abs/1 · 12 %") == []


def test_the_player_shows_no_unmarked_english(pseudo, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from revkiosk.ui.access import install_access
    from revkiosk.ui.explore import install_explore
    from revkiosk.ui.idle_prompt import IdlePrompt
    from revkiosk.ui.language_chooser import install_languages, language_name
    from revkiosk.ui.pin_prompt import PinPrompt
    from revkiosk.ui.presenter.controller import PresenterController
    from revkiosk.ui.timeline.card import PreviewCard
    from revkiosk.ui.timeline.overlay import install_timeline

    deck = pseudo_deck()
    window, navigator, show = window_for(deck)
    qtbot.addWidget(window)
    explore = install_explore(window, navigator, show, controls=True)
    install_access(window, show, navigator)
    install_timeline(window)
    install_languages(window, show)
    window.resize(1280, 720)
    window.show()
    scan = Scan(Drawn(monkeypatch))
    for index, slide in enumerate(deck.slides):
        if slide.kind == "plot":
            continue  # charts (ui/plots) have their own owner: see test_charts_unmarked_words
        navigator.go(index)
        scan.look(f"slide {index + 1} ({slide.kind})", window)
    milestone = next(
        i for i, s in enumerate(deck.slides) if isinstance(s, MilestoneSlide) and s.milestone.more
    )
    navigator.go(milestone)
    for action, screen in (
        ("help", "the help"),
        ("goto", "the go-to box"),
        ("overview", "the overview"),
        ("timeline", "the timeline strip"),
        ("comfort", "the comfort panel"),
        ("keypad_help", "the keypad's help"),
        ("more", "a 'more' layer"),
        ("language", "the language panel"),
    ):
        before = shown_widgets(window)
        window.trigger(action)
        qtbot.wait(10)
        assert shown_widgets(window) - before, f"{action}: nothing opened"
        scan.look(screen, window)
        window.trigger("escape")
        window.close_overlays()
    window.notice.post(words._("Reload failed, keeping the deck shown: {problem}", problem="x"))
    scan.look("a notice", window)
    card = PreviewCard(show.theme, window)  # the timeline's hover card
    for milestone_item in deck.milestones:
        card.set_content(milestone_item, deck.domain(milestone_item.domain), None)
        card.show_at(400, 500, 720)
        scan.look("the timeline's card", card)
    card.hide()
    prompt = IdlePrompt(window)
    prompt.show_countdown(20)
    scan.look("the kiosk's 'Still there?' card", window)
    prompt.hide()
    pin = PinPrompt(window, lambda _pin: False)
    pin.show()
    scan.look("the PIN prompt", pin)
    pin.reject()
    window.show_deck_error("slides/x.yaml", ["slides/x.yaml:3:1: error: expected a mapping"])
    scan.look("the deck-error screen", window)
    window.close_overlays()
    navigator.go(milestone)
    controller = PresenterController(window, navigator, show, window.settings)
    controller.open()
    assert controller.view is not None
    qtbot.addWidget(controller.view)
    qtbot.wait(50)
    scan.look("the presenter console", controller.view)
    navigator.set_blank("black")
    qtbot.wait(10)
    assert controller.view.banner.isVisible()
    scan.look("the presenter console, audience screen black", controller.view)
    navigator.set_blank(None)
    film = next(i for i, s in enumerate(deck.slides) if getattr(s, "media", None) and s.media.video)
    navigator.go(film)
    qtbot.waitUntil(lambda: bool(controller.view.media.text()), timeout=3000)
    scan.look("the presenter console, a film playing", controller.view)
    controller.close()
    navigator.go(0)  # the film's player goes before the window (the caption band polls it)
    qtbot.wait(10)
    explore.reset_visit()
    names = {language_name(code) for code in ("en", "fr", "de", "es")}  # each in itself
    scan.found = {k: v for k, v in scan.found.items() if not any(n in k for n in names)}
    assert not scan.found, "unmarked English on screen:\n" + scan.report()


def test_spoken_mode_says_no_unmarked_english(pseudo) -> None:  # type: ignore[no-untyped-def]
    """What spoken mode reads and a screen reader says for each slide, charts included (their
    descriptions are computed from the data: numbers and months through CLDR)."""
    from revkiosk.describe.slides import slide_text
    from revkiosk.ui.speech import for_speech

    deck = pseudo_deck()
    found = {}
    for number, slide in enumerate(deck.slides, 1):
        said = for_speech(slide_text(slide, deck))
        left = unmarked_words(said)
        if left:
            found[f"slide {number} ({slide.kind})"] = (left, said[:300])
    assert not found, found
