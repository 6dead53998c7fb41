"""The handout PDF's text layer says what the slide says (issue 15).

A visitor who copies or searches a handout got "ILSVRC 2012" for "ILSVRC-2012", lost the dash in
"2011–2022" and the brackets in "(2023)": Inter's contextual alternates (`calt`) drew glyphs that
have no character behind them, and Qt's PDF writer could not map them back. The bundled faces are
now built without `calt` (scripts/media/inter_fonts.py); these tests read the text back with
pdftotext from poppler-utils, as any PDF reader would.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from revkiosk.commands import export

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "src" / "revkiosk" / "ui" / "fonts"
TRICKY = "ILSVRC-2012 (2023) 2011–2022 · 2014 → 2022 at 10:30, top-5 x->y"
DECK = f"""\
deck:
  title: Punctuation test
  author: revkiosk tests (2023)
slides:
  - kind: title
    title: Punctuation test
    subtitle: Eleven years of AI progress, 2011–2022
  - kind: text
    title: "January 2019: ILSVRC-2012"
    body: "{TRICKY}"
  - kind: quote
    text: "“We also entered a variant of this model in the ILSVRC-2012 competition.”"
    author: Krizhevsky, Sutskever & Hinton
    source: NeurIPS 2012 — abstract
"""


def pdf_text(tmp_path: Path, deck_text: str, *extra: str) -> str:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text, encoding="utf-8")
    pdf = tmp_path / "handout.pdf"
    assert export.main([str(deck), "--pdf", str(pdf), *extra], err=io.StringIO()) == 0
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout)


@pytest.mark.parametrize("notes", [False, True], ids=["slides", "with-notes"])
def test_punctuation_survives_in_the_pdf_text_layer(qapp, tmp_path, notes):
    text = pdf_text(tmp_path, DECK, *(["--notes"] if notes else []))
    for expected in (
        "ILSVRC-2012 (2023) 2011–2022",
        "2014 → 2022 at 10:30, top-5 x->y",
        "January 2019: ILSVRC-2012",
        "revkiosk tests (2023)",
        "progress, 2011–2022",
        "NeurIPS 2012 — abstract",
    ):
        assert expected in text, f"{expected!r} garbled in the PDF text: {text[:400]!r}"
    assert "?" not in text and "JJanuary" not in text


def test_bundled_inter_has_no_contextual_alternates():
    """The root cause: a `calt` feature in any bundled face would bring the garbling back."""
    tt_lib = pytest.importorskip("fontTools.ttLib")
    for face in sorted(FONTS.glob("*.otf")):
        with tt_lib.TTFont(face) as font:  # closes the file (warnings are errors here)
            gsub = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
            gpos = {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
        assert "calt" not in gsub, f"{face.name} still has contextual alternates"
        assert "kern" in gpos  # kerning and the rest stay
