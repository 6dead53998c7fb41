"""A csv chart's `names:`: words from the data file shown and translated as the deck says."""

from __future__ import annotations

from pathlib import Path

import pytest
from i18n_helpers import fill

from revkiosk.context import ViewContext
from revkiosk.deck import spec
from revkiosk.deck.load import DeckError, load_deck
from revkiosk.deck.translate import deck_texts
from revkiosk.describe.charts import csv_description
from revkiosk.i18n.catalogs import deck_in
from revkiosk.i18n.deck_po import extract
from revkiosk.theme import theme_named
from revkiosk.ui.view import create_view

DATA = "year,system,error,kind\n2012,AlexNet,16.4,winner\n2015,ResNet,3.6,winner\n"
DATA += "2014,Human (A. Karpathy),5.1,human\n"
DECK = """\
deck: {{title: Chart, language: en}}
slides:
  - kind: plot
    id: chart
    chart: csv
    csv:
      file: slides/top5.csv
      x: year
      y: error
      group: kind
      label: system
{names}"""
NAMES = """\
      names:
        - {value: winner, name: Contest winner}
        - {value: Human (A. Karpathy), name: Human (A. Karpathy)}
"""
KEY = "slide/chart/csv/names"
FRENCH = {f"{KEY}/winner/name": "Gagnant du concours",
          f"{KEY}/Human (A. Karpathy)/name": "Humain (A. Karpathy)"}  # fmt: skip


def write(folder: Path, names: str = NAMES) -> Path:
    (folder / "slides").mkdir(parents=True, exist_ok=True)
    (folder / "slides" / "top5.csv").write_text(DATA, encoding="utf-8")
    path = folder / "slides" / "chart.yaml"
    path.write_text(DECK.format(names=names), encoding="utf-8")
    return path


def test_each_name_is_one_entry_keyed_by_the_value_it_names(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path))
    names = {t.key: t.source for t in deck_texts(deck) if "/names/" in t.key}
    assert names == {f"{KEY}/winner/name": "Contest winner",
                     f"{KEY}/Human (A. Karpathy)/name": "Human (A. Karpathy)"}  # fmt: skip
    chart = deck.slides[0].csv
    assert chart is not None
    assert chart.display("winner") == "Contest winner" and chart.display("human") == "human"


@pytest.mark.parametrize(
    ("names", "fragment"),
    [
        ("      names:\n        - {value: a, name: A}\n        - {value: a, name: B}\n",
         'value "a" is already named above'),
        ("      names:\n        - {value: a}\n", 'missing required key "name"'),
        ("      names: winner\n", "names"),
        ("      names:\n" + "        - {value: v, name: n}\n" * (spec.MAX_CSV_NAMES + 1),
         f"a chart takes at most {spec.MAX_CSV_NAMES}"),
    ],
)  # fmt: skip
def test_broken_names_are_errors(tmp_path: Path, names: str, fragment: str) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck(write(tmp_path, names))
    assert fragment in str(caught.value)


def test_a_name_for_a_value_in_no_row_is_a_warning(tmp_path: Path) -> None:
    names = NAMES + "        - {value: Winner, name: Typo}\n"
    deck = load_deck(write(tmp_path, names))
    [warning] = [p.message for p in deck.warnings]
    assert '"Winner" in no row\'s kind or system column' in warning
    assert load_deck(write(tmp_path)).warnings == ()


def test_a_french_chart_shows_the_french_legend_name_and_point_label(qtbot, tmp_path) -> None:
    deck = load_deck(write(tmp_path))
    extract(deck, ("fr",))
    fill(tmp_path / "slides" / "locale" / "fr.po", FRENCH)
    french, problems = deck_in(deck, "fr")
    assert problems == []
    view = create_view(french.slides[0], ViewContext(french, theme_named("dark")))
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    chart = view.chart
    legend = {key: button.text() for key, button in chart.legend.buttons.items()}
    assert legend == {"winner": "●  Gagnant du concours", "human": "●  human"}  # no name: as is
    labels = sorted(label.textItem.toPlainText() for label in chart.point_labels)
    assert labels == ["AlexNet", "Humain (A. Karpathy)", "ResNet"]
    assert set(chart.items) == {"winner", "human"}  # toggles still keyed by the data value
    assert "Gagnant du concours, human." in csv_description(french.slides[0].csv)  # spoken too
