"""Translations in PO files (Qt-free): extract, update, round trip, and what `check` reports.

What a translator or a museum would notice: the template has one entry per text with its key and
where it shows; a filled PO file gives the deck in French (quoted output kept, French months);
an edited deck marks changed entries fuzzy and removed ones obsolete; every problem is reported
at its `file:line`, and a broken file never yields a half-translated deck.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.pofile import read_po
from i18n_helpers import DECK, FRENCH, fill, line_of, translated_deck, write_deck

from revkiosk.commands import check, i18n
from revkiosk.deck.load import load_deck
from revkiosk.deck.translate import Translations, deck_texts, translate
from revkiosk.i18n.catalogs import deck_in, offered_languages
from revkiosk.i18n.checks import translation_problems
from revkiosk.i18n.deck_po import extract
from revkiosk.i18n.po import read_po_file


def test_template_has_one_keyed_entry_per_text_with_where_it_shows(tmp_path: Path) -> None:
    deck = load_deck(write_deck(tmp_path))
    extract(deck, ("fr",))
    pot = (tmp_path / "slides" / "locale" / "messages.pot").read_text(encoding="utf-8")
    catalog = read_po(io.StringIO(pot))
    contexts = [m.context for m in catalog if m.id]
    assert contexts == [t.key for t in deck_texts(deck)]
    assert (
        "slide/ideas/bullets/2" in contexts and "slide/milestone:alexnet/excerpt/text" in contexts
    )
    title = catalog.get("Hello visitors", "slide/welcome/title")
    assert title is not None
    assert any("slide 1 (title: Hello visitors)" in c for c in title.auto_comments)
    assert any("On screen 20 s" in c for c in title.auto_comments)
    assert title.locations == [("../story.yaml", 16)]  # the slide's line in the deck
    # The slide without an id has no entry: its texts cannot be kept across reordering.
    assert "Without an id" not in pot
    assert "python-format" not in pot  # "15.3%" is no format string


def test_po_round_trip_gives_the_deck_in_french(tmp_path: Path) -> None:
    deck, _po = translated_deck(tmp_path)
    french, problems = deck_in(deck, "fr")
    assert problems == []
    assert french.info.language == "fr"
    assert french.slides[0].title == "Bonjour les visiteurs"
    assert "**bonjour**" in french.slides[0].notes
    milestone = french.slides[1]
    assert milestone.title == "AlexNet gagne"
    assert str(milestone.date) == "mars 2016"  # CLDR month names
    assert milestone.date.month_name == "mars"
    assert milestone.excerpt.text == "A winning error rate of 15.3%."  # the quote stays
    assert milestone.excerpt.translation == "Un taux d'erreur gagnant de 15,3 %."
    assert french.slides[2].bullets == (
        "Des modèles plus grands",
        "Plus de données",
        "Des puces plus rapides",
    )
    assert french.slides[3].title == "Without an id"  # no key: the deck's own text
    assert french.domain("vision").summary == "Voir des images."
    # The English deck is untouched, and the same model: slides in the same order.
    assert deck.slides[0].title == "Hello visitors"
    assert [s.kind for s in french.slides] == [s.kind for s in deck.slides]
    assert offered_languages(deck) == ["en", "fr"]


def test_reordering_slides_keeps_their_translations(tmp_path: Path) -> None:
    deck, _po = translated_deck(tmp_path)
    text = DECK.replace("  - kind: title\n    id: welcome", "  - kind: timeline\n    id: x0\n"
                        "  - kind: title\n    id: welcome")  # fmt: skip
    moved = load_deck(write_deck(tmp_path, text))
    french, _problems = deck_in(moved, "fr")
    assert french.slides[1].title == "Bonjour les visiteurs"


def test_a_translation_of_an_old_source_text_is_not_shown() -> None:
    deck_texts_ = Translations("fr", {"slide/welcome/title": ("Hello old", "Bonjour")})
    assert deck_texts_.lookup("slide/welcome/title", "Hello visitors") is None
    assert deck_texts_.lookup("slide/welcome/title", "Hello old") == "Bonjour"


def test_extract_marks_changed_text_fuzzy_and_removed_text_obsolete(tmp_path: Path) -> None:
    deck, po_path = translated_deck(tmp_path)
    edited = DECK.replace("title: Three ideas", "title: Four ideas").replace(
        "  - kind: timeline\n    id: decade\n    title: A decade\n", ""
    )
    new = load_deck(write_deck(tmp_path, edited))
    out = io.StringIO()
    assert i18n.run_extract(new, [], out, io.StringIO()) == i18n.OK
    assert "fr.po: 0 new, 1 now fuzzy (source changed), 1 obsolete" in out.getvalue()
    text = po_path.read_text(encoding="utf-8")
    catalog = read_po_file(po_path).catalog
    assert catalog is not None
    ideas = catalog.get("Four ideas", "slide/ideas/title")
    assert ideas is not None and ideas.fuzzy and ideas.string == "Trois idées"
    assert '#| msgid "Three ideas"' in text  # the old source, for the translator's diff
    assert '#~ msgctxt "slide/decade/title"' in text
    assert catalog.get("Bonjour", "slide/welcome/title") is None  # untouched entries stay
    assert catalog.get("Hello visitors", "slide/welcome/title").string == "Bonjour les visiteurs"
    # A fuzzy entry is not shown: the deck's own text is, until the translator revises it.
    french, _problems = deck_in(new, "fr")
    assert french.slides[2].title == "Four ideas"
    # Running extract again changes nothing more (no new fuzzy flags, no lost previous ids).
    out = io.StringIO()
    i18n.run_extract(new, [], out, io.StringIO())
    assert "fr.po: 0 new, 0 now fuzzy (source changed), 0 obsolete" in out.getvalue()
    assert '#| msgid "Three ideas"' in po_path.read_text(encoding="utf-8")


def test_check_reports_missing_fuzzy_and_obsolete_entries_at_their_lines(tmp_path: Path) -> None:
    strings = dict(FRENCH)
    del strings["slide/ideas/bullets/2"]
    deck, po_path = translated_deck(tmp_path, strings)
    text = po_path.read_text(encoding="utf-8")
    text = text.replace('msgctxt "slide/ideas/title"', '#, fuzzy\nmsgctxt "slide/ideas/title"')
    text += '\nmsgctxt "slide/gone/title"\nmsgid "Gone"\nmsgstr "Parti"\n'
    po_path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert check.main([str(deck.path)], out=out) == check.OK  # warnings only
    lines = out.getvalue().splitlines()
    missing = line_of(po_path, "slide/ideas/bullets/2")
    fuzzy = line_of(po_path, "slide/ideas/title")
    gone = line_of(po_path, "slide/gone/title")
    assert (
        f'{po_path}:{missing}:1: warning: fr: untranslated: slide/ideas/bullets/2 "More data"'
        in lines
    )
    assert f"{po_path}:{fuzzy}:1: warning: fr: fuzzy (check and revise): slide/ideas/title" in lines
    assert (
        f"{po_path}:{gone}:1: warning: fr: obsolete: slide/gone/title is no longer in the deck"
        in lines
    )
    where = deck.slides[3].location
    assert any(
        line.startswith(f"{where.file}:{where.line}:") and "has no id" in line for line in lines
    )


def test_a_broken_po_file_is_an_error_at_its_line_and_the_deck_stays_in_english(
    tmp_path: Path,
) -> None:
    deck, po_path = translated_deck(tmp_path)
    lines = po_path.read_text(encoding="utf-8").splitlines()
    bad = line_of(po_path, "slide/welcome/title") + 1  # its msgstr line
    lines[bad - 1] = 'msgstr "Bonjour les visiteurs'  # the closing quote is missing
    po_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert check.main([str(deck.path)], out=out) == check.ERRORS
    assert f"{po_path}:{bad}:8: error: a string must be in double quotes" in out.getvalue()
    shown, problems = deck_in(deck, "fr")
    assert shown is deck  # nothing half-translated
    assert problems and problems[0].location.line == bad
    assert offered_languages(deck) == ["en"]


def test_mismatched_placeholders_or_markdown_are_errors_and_not_shown(tmp_path: Path) -> None:
    strings = dict(FRENCH)
    strings["slide/welcome/notes"] = "Dites bonjour.\n- un seul point\n"  # ** and one item lost
    strings["slide/welcome/subtitle"] = "Une {histoire} courte"
    deck, po_path = translated_deck(tmp_path, strings)
    problems = [str(p) for p in translation_problems(deck)]
    notes_line = line_of(po_path, "slide/welcome/notes")
    assert any(
        p.startswith(f"{po_path}:{notes_line}:1: error: fr: slide/welcome/notes: Markdown differs")
        and "bold (**): 2 in the source, 0 in the translation" in p
        for p in problems
    )
    assert any("slide/welcome/subtitle: placeholders differ" in p for p in problems)
    french, _problems = deck_in(deck, "fr")
    assert french.slides[0].notes == deck.slides[0].notes  # the source shows instead
    assert french.slides[0].title == "Bonjour les visiteurs"  # the rest is used


def test_a_translated_slide_too_long_to_read_is_a_pace_warning_in_the_po_file(
    tmp_path: Path,
) -> None:
    strings = dict(FRENCH)
    strings["slide/ideas/bullets/1"] = " ".join(["mot"] * 80)
    deck, po_path = translated_deck(tmp_path, strings)
    problems = [str(p) for p in translation_problems(deck)]
    first = line_of(po_path, "slide/ideas/title")
    assert any(
        p.startswith(f"{po_path}:{first}:1: warning: fr: slide 3 (Trois idées): ")
        and "words a minute" in p
        for p in problems
    )


def test_an_untouched_catalog_is_quiet_and_not_offered(tmp_path: Path) -> None:
    """A file `extract` just created (every msgstr empty) is not shown to visitors, so `check`
    has nothing to say about it yet; `stats` shows it at 0%. One translation and every
    remaining entry is reported."""
    deck = load_deck(write_deck(tmp_path))
    extract(deck, ("de",))
    po_path = tmp_path / "slides" / "locale" / "de.po"
    assert [p for p in translation_problems(deck) if p.location.file == po_path] == []
    assert offered_languages(deck) == ["en"]
    fill(po_path, {"slide/welcome/title": "Hallo"})
    problems = [p for p in translation_problems(deck) if p.location.file == po_path]
    assert len(problems) == len(deck_texts(deck)) - 1
    assert offered_languages(deck) == ["en", "de"]


def test_stats_show_coverage_per_language(tmp_path: Path) -> None:
    strings = dict(FRENCH)
    del strings["slide/decade/title"]
    deck, _po = translated_deck(tmp_path, strings)
    out = io.StringIO()
    assert i18n.main(["stats", str(deck.path)], out=out) == i18n.OK
    total = len(deck_texts(deck))
    assert f"story.yaml: {total} texts, in en (the source)" in out.getvalue()
    row = next(line for line in out.getvalue().splitlines() if line.strip().startswith("fr"))
    done = total - 2  # the timeline's title and the kiosk hint (the default text) are left
    assert row.split() == ["fr", str(done), f"{100 * done / total:.0f}%", "0", "2", "0"]


def test_another_decks_catalogs_in_the_same_folder_are_left_alone(tmp_path: Path) -> None:
    deck, _po = translated_deck(tmp_path)
    other = tmp_path / "slides" / "other.yaml"
    other.write_text(DECK.replace("Small story", "Other"), encoding="utf-8")
    other_deck = load_deck(other)
    assert translation_problems(other_deck) == []
    assert offered_languages(other_deck) == ["en"]
    err = io.StringIO()
    assert i18n.run_extract(other_deck, [], io.StringIO(), err) == i18n.FAILED
    assert "holds the translations of story.yaml" in err.getvalue()


def test_media_names_files_per_language_and_the_translation_uses_them(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    for name in ("clip.mp4", "clip.vtt", "clip.fr.vtt", "talk.wav", "talk.fr.wav"):
        (media / name).write_bytes(b"x")
    text = DECK.replace(
        "    title: A decade\n",
        "    title: A decade\n"
        "  - kind: media\n    id: film\n"
        "    media:\n      video: media/clip.mp4\n      subtitles: media/clip.vtt\n"
        "      languages:\n        fr: {subtitles: media/clip.fr.vtt}\n"
        "    audio:\n      audio: media/talk.wav\n"
        "      languages: {fr: {audio: media/talk.fr.wav}, de: {image: media/x.png}}\n",
    )
    path = write_deck(tmp_path, text)
    out = io.StringIO()
    assert check.main([str(path)], out=out) == check.ERRORS
    assert "languages: de: image: the item has audio" in out.getvalue()
    deck = load_deck(write_deck(tmp_path, text.replace(", de: {image: media/x.png}", "")))
    film = deck.slides[-1]
    french = translate(deck, Translations("fr-CA")).slides[-1]
    assert french.media.subtitles == media / "clip.fr.vtt"
    assert french.audio.audio == media / "talk.fr.wav"
    assert french.media.video == film.media.video  # not replaced: the deck's own file
    german = translate(deck, Translations("de")).slides[-1]
    assert german.media.subtitles == film.media.subtitles  # no German files: the default


def test_check_and_extract_refuse_nothing_for_a_deck_without_translations(tmp_path: Path) -> None:
    path = write_deck(tmp_path)
    out = io.StringIO()
    assert check.main([str(path)], out=out) == check.OK
    assert out.getvalue() == ""  # no locale folder: no translation warnings at all


def test_hub_tiles_and_more_layers_are_translated(tmp_path: Path) -> None:
    text = DECK.replace(
        "    source: https://example.org/alexnet\n",
        "    source: https://example.org/alexnet\n"
        "    more: {title: The whole story, text: Eight layers and sixty million weights.}\n",
    ).replace(
        "  - kind: timeline\n",
        "  - kind: hub\n    id: hub\n    title: Explore\n    tiles:\n"
        "      - {domain: vision}\n      - {slide: ideas, title: The big ideas}\n"
        "  - kind: timeline\n",
    )
    deck = load_deck(write_deck(tmp_path, text))
    keys = {t.key: t.source for t in deck_texts(deck)}
    assert keys["milestone/alexnet/more/text"] == "Eight layers and sixty million weights."
    assert keys["slide/hub/tiles/2/title"] == "The big ideas"  # written by the author
    assert "slide/hub/tiles/1/title" not in keys  # the domain's own name: translated there
    extract(deck, ("fr",))
    strings = dict(FRENCH)
    strings["domain/vision/name"] = "Vue"
    strings["milestone/alexnet/more/text"] = "Huit couches et soixante millions de poids."
    strings["slide/hub/tiles/2/title"] = "Les grandes idées"
    strings["slide/hub/title"] = "Explorer"
    fill(tmp_path / "slides" / "locale" / "fr.po", strings)
    french, problems = deck_in(deck, "fr")
    assert problems == []
    hub = next(s for s in french.slides if s.kind == "hub")
    assert hub.title == "Explorer"
    assert [t.title for t in hub.tiles] == ["Vue", "Les grandes idées"]
    assert french.milestone("alexnet").more.text == "Huit couches et soixante millions de poids."
    assert french.slides[1].milestone.more.title == "The whole story"  # not translated: as written
