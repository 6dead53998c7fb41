"""The player's own words: every marked string is in the shipped template, and `_()` follows the
language the Show activates, falling back to English."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from revkiosk.i18n import cldr, words
from revkiosk.i18n.languages import RTL_LANGUAGES, is_rtl
from revkiosk.i18n.player_po import TEMPLATE, template


def _ids(catalog) -> set[object]:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def test_the_shipped_template_has_every_marked_string() -> None:
    """Fails when someone adds or changes text in the player without `revkiosk i18n player`."""
    shipped = read_po(io.StringIO(TEMPLATE.read_text(encoding="utf-8")))
    missing = _ids(template()) - _ids(shipped)
    stale = _ids(shipped) - _ids(template())
    assert not missing and not stale, "run `revkiosk i18n player` (see revkiosk/i18n/words.py)"


def test_shipped_catalogs_parse_and_keep_their_placeholders() -> None:
    from revkiosk.i18n.consistency import placeholder_problem
    from revkiosk.i18n.po import read_po_file

    for path in sorted(words.LOCALE_DIR.glob("*.po")):
        po = read_po_file(path)
        assert po.ok, po.problems
        for message in po.catalog:
            if message.id and message.string and not message.pluralizable:
                assert placeholder_problem(message.id, message.string) is None, message.id


def test_words_follow_the_active_language_with_english_as_fallback() -> None:
    assert words._("Translation") == "Translation"
    words.activate("ar")
    assert words._("Translation") == "الترجمة"
    assert words._("Source: {source}", source="arxiv.org") == "المصدر: arxiv.org"
    assert words._("Keys") == "Keys"  # not translated yet: English
    words.activate("xx")  # no catalog at all
    assert words._("Translation") == "Translation"
    words.activate("en")
    assert words.ngettext("{count} try left", "{count} tries left", 1, count=1) == "1 try left"


def test_arabic_plurals_use_the_catalogs_plural_forms(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "ar.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ar\\n"\n'
        '"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : '
        'n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\\n"\n\n'
        'msgid "{count} try left"\nmsgid_plural "{count} tries left"\n'
        'msgstr[0] "zero"\nmsgstr[1] "one"\nmsgstr[2] "two {count}"\nmsgstr[3] "few {count}"\n'
        'msgstr[4] "many {count}"\nmsgstr[5] "other {count}"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(words, "LOCALE_DIR", tmp_path)
    words.activate("ar")
    forms = [words.ngettext("{count} try left", "{count} tries left", n, count=n)
             for n in (0, 1, 2, 5, 11, 100)]  # fmt: skip
    assert forms == ["zero", "one", "two 2", "few 5", "many 11", "other 100"]


def test_a_broken_player_catalog_means_english_and_a_logged_line(
    tmp_path: Path, monkeypatch, caplog
) -> None:
    (tmp_path / "fr.po").write_text('msgid "Keys"\nmsgstr "Touches\n', encoding="utf-8")
    monkeypatch.setattr(words, "LOCALE_DIR", tmp_path)
    with caplog.at_level(logging.ERROR):
        words.activate("fr")
    assert words._("Keys") == "Keys"
    assert any("fr.po:2:" in r.getMessage() for r in caplog.records)


def test_numbers_and_percentages_in_the_active_language() -> None:
    assert (words.percent(4.94), words.number(1234.5, 1)) == ("4.94%", "1,234.5")
    words.activate("fr")  # CLDR's spaces: no-break, so "4,94" and "%" stay on one line
    assert words.percent(4.94) == "4,94\xa0%"
    assert words.number(1234.5, 1) == "1\u202f234,5"
    words.activate("de")
    assert (words.percent(4.94), words.number(1234.5, 1)) == ("4,94\xa0%", "1.234,5")


def test_the_compute_charts_credit_is_the_datasets() -> None:
    from revkiosk.data.dataset import CREDIT
    from revkiosk.ui.plots.compute import CREDIT_SHOWN

    assert CREDIT_SHOWN == CREDIT


@pytest.mark.parametrize(
    "code", [*sorted(RTL_LANGUAGES - {"iw", "arc", "syr"}), "en", "fr", "de", "es", "zh", "ru"]
)
def test_the_right_to_left_table_agrees_with_cldr(code: str) -> None:
    assert is_rtl(code) == cldr.is_right_to_left(code)


def test_scripts_decide_direction_before_languages() -> None:
    assert is_rtl("az-Arab") and not is_rtl("ku-Latn") and is_rtl("he-IL")
    assert cldr.native_name("fr") == "Français" and cldr.native_name("ar") == "العربية"
    assert cldr.native_name("de") == "Deutsch" and cldr.native_name("es") == "Español"


def test_chart_descriptions_write_numbers_and_months_as_the_language_does() -> None:
    """Spoken mode reads a chart's description: "3,1 × 10^23", "mars 2016" in French."""
    from revkiosk.describe.charts import scientific

    assert (scientific(3.14e23), words.month_year(2016, 3)) == ("3.1 × 10^23", "March 2016")
    words.activate("fr")
    assert (scientific(3.14e23), words.month_year(2016, 3)) == ("3,1 × 10^23", "mars 2016")
    assert scientific(1e20) == "10^20"
    words.activate("de")
    assert words.month_year(2022, 12) == "Dezember 2022"


def test_spoken_symbols_are_words_of_the_language() -> None:
    from revkiosk.ui.speech import for_speech

    words.activate("fr")
    assert for_speech("3,1 × 10^23 · 2014–2022 · ≈ 6 mois") == (
        "3,1 fois dix puissance 23, 2014 à 2022, environ 6 mois"
    )
    words.activate("es")
    assert for_speech("2014 → 2022") == "2014 a 2022"


def test_keys_are_named_as_the_language_prints_them(qapp) -> None:  # type: ignore[no-untyped-def]
    """The help writes keys as the visitor's keyboard labels them, whole or not at all."""
    from PySide6.QtGui import QFont, QFontMetrics

    from revkiosk.keymap import help_rows, key_label
    from revkiosk.ui.overlays import whole_keys

    words.activate("de")
    assert (key_label("Ctrl+Q"), key_label("Home"), key_label("Escape")) == (
        "Strg+Q",
        "Pos1",
        "Esc",
    )
    assert ("1 2 3 … Eingabe", "Zu Folie Nummer springen") in help_rows()
    words.activate("fr")
    assert key_label("Shift+Space") == "⇧Espace" and key_label("PageDown") == "Pg\u00a0suiv"
    metrics = QFontMetrics(QFont("Inter", 20))
    keys = "→ ↓ Leertaste Bild↓ Eingabe N"
    shown = whole_keys(keys, metrics, metrics.horizontalAdvance("→ ↓ Leertaste Bild↓ Ei"))
    assert shown == "→ ↓ Leertaste Bild↓"
    assert whole_keys(keys, metrics, 10_000) == keys
