"""`revkiosk export`: one PNG per slide, a PDF page per slide, clear errors for broken decks."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pixels import distinct_colors
from PySide6.QtGui import QImage

from revkiosk.commands import export

DECK = """\
deck:
  title: Export test
  author: revkiosk tests
domains:
  - {id: vision, name: Vision, color: "#4cc9f0"}
milestones:
  - id: alexnet
    date: 2012-09
    domain: vision
    title: AlexNet
    org: University of Toronto
    summary: A deep convolutional network wins ImageNet.
    source: https://papers.nips.cc/paper/4824
slides:
  - kind: title
    title: Export test
    notes: |
      Say **hello**.
      - first point
  - kind: section
    title: Vision
    domain: vision
  - kind: milestone
    milestone: alexnet
  - kind: text
    title: Why now?
    bullets: [Data, Compute]
  - kind: quote
    text: A quotation.
    author: Someone
"""
KINDS = ["title", "section", "milestone", "text", "quote"]


def write_deck(folder: Path, text: str = DECK) -> Path:
    path = folder / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    return export.main(argv, err=err), err.getvalue()


def pdf_pages(path: Path) -> int:
    """Page count, by QPdfDocument when QtPdf is installed, else by counting page objects."""
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-z])", path.read_bytes()))
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document.pageCount()


def test_png_export_writes_one_nonblank_image_per_slide(qapp, tmp_path):
    status, messages = run(
        [str(write_deck(tmp_path)), "--png", str(tmp_path / "out"), "--size", "640x360"]
    )
    assert status == 0, messages
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"{i:02d}-{kind}.png" for i, kind in enumerate(KINDS, 1)]
    for name in names:
        image = QImage(str(tmp_path / "out" / name))
        assert (image.width(), image.height()) == (640, 360)
        assert distinct_colors(image) > 20, name


@pytest.mark.parametrize("notes", [False, True])
def test_pdf_export_has_one_page_per_slide(qapp, tmp_path, notes):
    pdf = tmp_path / "handout.pdf"
    status, messages = run(
        [str(write_deck(tmp_path)), "--pdf", str(pdf)] + (["--notes"] if notes else [])
    )
    assert status == 0, messages
    assert pdf_pages(pdf) == len(KINDS)


def test_pdf_pages_are_slide_shaped_or_a4_with_notes(qapp, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    deck = write_deck(tmp_path)
    for notes, (width, height) in ((False, (720, 405)), (True, (595, 842))):
        pdf = tmp_path / f"notes-{notes}.pdf"
        run([str(deck), "--pdf", str(pdf)] + (["--notes"] if notes else []))
        document = QPdfDocument()
        document.load(str(pdf))
        size = document.pagePointSize(0)
        assert (round(size.width()), round(size.height())) == (width, height)


def test_notes_text_is_in_the_handout(qapp, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    pdf = tmp_path / "notes.pdf"
    run([str(write_deck(tmp_path)), "--pdf", str(pdf), "--notes"])
    document = QPdfDocument()
    document.load(str(pdf))
    assert "first point" in document.getAllText(0).text()


def test_broken_deck_prints_its_location_and_exits_1(tmp_path):
    broken = write_deck(tmp_path, DECK.replace("  - kind: quote", "  - kind: qoute"))
    line = DECK.splitlines().index("  - kind: quote") + 1
    result = subprocess.run(
        [sys.executable, "-m", "revkiosk", "export", str(broken), "--png", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert re.search(rf"deck\.yaml:{line}:\d+: error: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_missing_deck_is_a_clear_error(tmp_path):
    status, messages = run([str(tmp_path / "nope.yaml"), "--png", str(tmp_path / "o")])
    assert status == export.UNREADABLE
    assert "nope.yaml" in messages and "no such file" in messages


def test_nothing_to_do_is_an_error(tmp_path):
    status, messages = run([str(write_deck(tmp_path))])
    assert status == 1 and "--png" in messages


@pytest.mark.parametrize("size", ["big", "1920", "0x0", "99999x10"])
def test_bad_size_is_a_usage_error(tmp_path, capsys, size):
    with pytest.raises(SystemExit) as exit_info:
        export.main([str(write_deck(tmp_path)), "--png", str(tmp_path), "--size", size])
    assert exit_info.value.code == 2
    assert "size" in capsys.readouterr().err


def test_unwritable_pdf_path_is_reported(qapp, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    status, messages = run([str(write_deck(tmp_path)), "--pdf", str(blocker / "x.pdf")])
    assert status == 1 and "cannot write" in messages
