"""Issue 22, class 8: wrong output is never reported as success.

PDF export onto a full disk said "wrote … (52 pages)" with status 0 and left a cut file; PNG
export said "wrote 52 PNG files" after 41 failures. Export grew ~8 MB a slide (deleted views are
never freed without an event loop). After a restart the parsed-deck cache showed the old picture
behind a re-pointed symlink, and the timeline thumbnail kept a replaced picture under its name.
Now failures exit non-zero with the count and the reason and leave nothing half-written, export
memory stays flat, and both caches key on the real file identity.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from revkiosk.deck.cache import open_deck, read_cached

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE: Linux")

FULL_DISK = textwrap.dedent(
    """
    import resource, runpy, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
    limit = int(sys.argv.pop(1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.argv[0] = "revkiosk"
    runpy.run_module("revkiosk", run_name="__main__")
    """
)


def _deck(folder: Path, slides: int = 12) -> Path:
    deck = folder / "deck.yaml"
    body = "".join(
        f"  - {{kind: text, title: Slide {i}, body: 'Words on slide {i}, enough to draw.'}}\n"
        for i in range(slides)
    )
    deck.write_text(f"deck: {{title: Export}}\nslides:\n{body}", encoding="utf-8")
    return deck


def _export(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(limit), "export", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("limit", [0, 8_700])  # nothing fits; about half the slides fit
def test_png_export_onto_a_full_disk_fails_with_the_count_and_the_reason(
    tmp_path: Path, limit: int
) -> None:
    out = tmp_path / "png"
    run = _export(limit, str(_deck(tmp_path)), "--png", str(out), "--size", "640x360")
    assert run.returncode == 1, run.stderr[-2000:]
    assert "export FAILED: wrote" in run.stderr and "of 12 PNG files" in run.stderr
    assert "File too large" in run.stderr or "No space left" in run.stderr
    assert "wrote 12 PNG files" not in run.stderr
    files = sorted(out.iterdir()) if out.exists() else []
    assert [f.name for f in files if not f.name.endswith(".png")] == [], "no temporary files"
    for file in files:  # whatever is there is a whole picture
        assert not QImage(str(file)).isNull(), f"{file.name} is cut"


@pytest.mark.parametrize("limit", [0, 4_000, 20_000])  # the whole handout is ~34 KB
def test_pdf_export_onto_a_full_disk_fails_and_leaves_no_cut_file(
    tmp_path: Path, limit: int
) -> None:
    target = tmp_path / "handout.pdf"
    run = _export(limit, str(_deck(tmp_path)), "--pdf", str(target), "--notes")
    assert run.returncode == 1, run.stderr[-2000:]
    assert "export FAILED" in run.stderr and "no PDF was written" in run.stderr
    assert "pages)" not in run.stderr
    assert not target.exists(), "no cut PDF"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_pdf_export_that_fails_keeps_the_previous_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"%PDF-1.4 the previous handout")
    run = _export(10_000, str(_deck(tmp_path)), "--pdf", str(target))
    assert run.returncode == 1
    assert target.read_bytes() == b"%PDF-1.4 the previous handout"


MEMORY = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication
    from revkiosk.deck.load import load_deck
    from revkiosk.kiosk.status import rss_bytes
    from revkiosk.ui.render import render_slide
    from revkiosk.context import ViewContext
    from revkiosk.theme import theme_named
    app = QApplication([])
    deck = load_deck(Path(sys.argv[1]))
    context = ViewContext(deck=deck, theme=theme_named("dark"))
    samples = []
    for index, slide in enumerate(deck.slides):
        render_slide(slide, context, QSize(1920, 1080))
        if index in (20, len(deck.slides) - 1):
            samples.append(rss_bytes())
    print((samples[1] - samples[0]) / 2**20)
    """
)


def test_export_memory_stays_flat_over_a_hundred_slides(tmp_path: Path) -> None:
    deck = _deck(tmp_path, slides=120)
    run = subprocess.run(
        [sys.executable, "-c", MEMORY, str(deck)],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    grown = float(run.stdout.strip().splitlines()[-1])
    assert grown < 60, f"100 slides grew the export by {grown:.0f} MB"


def _png(path: Path, color: str) -> Path:
    """A 32x32 picture of one colour, 512 bytes whatever the colour (decoders ignore bytes
    after the PNG's end), so a replacement can have exactly the old size."""
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    data = path.read_bytes()
    path.write_bytes(data + b"\0" * (512 - len(data)))
    return path


def _symlink_deck(root: Path) -> Path:
    (root / "media").mkdir(parents=True)
    _png(root / "media" / "red.png", "#ff0000")
    _png(root / "media" / "green.png", "#00ff00")
    (root / "media" / "current.png").symlink_to("red.png")
    deck = root / "deck.yaml"
    deck.write_text(
        "deck: {title: Cache}\nslides:\n  - {kind: media, media: media/current.png}\n", "utf-8"
    )
    return deck


def _repoint(link: Path, target: str) -> None:
    link.unlink()
    link.symlink_to(target)


def _replace_same_size_and_time(path: Path, color: str) -> None:
    """Another picture of the same size under the same name and time (cp -p, rsync -t)."""
    stat = path.stat()
    fresh = _png(path.with_name("fresh.png"), color)
    assert fresh.stat().st_size == stat.st_size
    os.utime(fresh, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(fresh, path)


def test_the_parsed_deck_cache_follows_a_re_pointed_symlink(tmp_path: Path) -> None:
    deck_path = _symlink_deck(tmp_path / "deck")
    cache = tmp_path / "cache"
    deck, store = open_deck(deck_path, cache)
    assert store is not None and store()
    assert deck.slides[0].media.image.name == "red.png"  # type: ignore[union-attr]
    _repoint(deck_path.parent / "media" / "current.png", "green.png")  # after a restart:
    again, _ = open_deck(deck_path, cache)
    assert again.slides[0].media.image.name == "green.png"  # type: ignore[union-attr]


def test_the_parsed_deck_cache_follows_a_re_pointed_folder_symlink(tmp_path: Path) -> None:
    root = tmp_path / "deck"
    for version, color in (("v1", "#ff0000"), ("v2", "#00ff00")):
        (root / f"media-{version}").mkdir(parents=True)
        _png(root / f"media-{version}" / "x.png", color)
    (root / "media").symlink_to("media-v1")
    deck_path = root / "deck.yaml"
    deck_path.write_text("deck: {title: C}\nslides:\n  - {kind: media, media: media/x.png}\n")
    deck, store = open_deck(deck_path, tmp_path / "cache")
    assert store is not None and store()
    _repoint(root / "media", "media-v2")
    again, _ = open_deck(deck_path, tmp_path / "cache")
    assert again.slides[0].media.image.parent.name == "media-v2"  # type: ignore[union-attr]


def test_identities_checked_together_resolve_like_each_path_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deck cache checks its ~110 files in one batch that resolves each folder once; it
    must name the same target as resolving every path in full, symlinks of any kind included."""
    from revkiosk.safe_files import file_identities

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.png").write_bytes(b"a")
    (tmp_path / "real" / "b.png").write_bytes(b"bb")
    (tmp_path / "linked").symlink_to("real")  # a folder symlink
    (tmp_path / "real" / "current.png").symlink_to("b.png")  # a file symlink
    (tmp_path / "real" / "chain.png").symlink_to("current.png")
    (tmp_path / "real" / "dangling.png").symlink_to("gone.png")
    monkeypatch.chdir(tmp_path)
    names = [
        "real/a.png", "linked/a.png", "linked/current.png", "real/chain.png",
        "real/dangling.png", "real/missing.png", "linked/../real/b.png", "linked/..", "real/.",
        "linked", "real/a.png/x", str(tmp_path / "linked" / "b.png"), "",
    ]  # fmt: skip

    def alone(name: str) -> tuple[str, int, int, int] | None:
        try:
            target = os.path.realpath(name)
            info = os.stat(target)
        except (OSError, ValueError):
            return None
        return (target, info.st_ino, info.st_size, info.st_mtime_ns)

    assert file_identities(names) == [alone(name) for name in names]
    assert file_identities(["linked/current.png"])[0][0] == str(tmp_path / "real" / "b.png")  # type: ignore[index]


def test_a_picture_replaced_with_the_same_size_and_time_is_a_cache_miss(tmp_path: Path) -> None:
    deck_path = _symlink_deck(tmp_path / "deck")
    cache = tmp_path / "cache"
    _deck, store = open_deck(deck_path, cache)
    assert store is not None and store()
    from revkiosk.deck.cache import cache_key

    key = cache_key(deck_path, deck_path.read_bytes(), cache)
    assert read_cached(key) is not None
    _replace_same_size_and_time(deck_path.parent / "media" / "red.png", "#0000ff")
    assert read_cached(key) is None


@pytest.mark.parametrize("change", ["re-pointed symlink", "replaced, same size and time"])
def test_the_timeline_thumbnail_shows_the_picture_there_now(
    qtbot: QtBot, tmp_path: Path, change: str
) -> None:
    from PySide6.QtCore import QSize

    from revkiosk.context import ViewContext
    from revkiosk.deck.load import load_deck
    from revkiosk.theme import theme_named
    from revkiosk.ui.timeline.thumbs import ThumbCache

    deck_path = _symlink_deck(tmp_path / "deck")
    folder = tmp_path / "thumbs"

    def thumbnail_centre() -> QColor:
        deck = load_deck(deck_path)  # a new process: the deck loaded afresh
        context = ViewContext(deck=deck, theme=theme_named("dark"))
        cache = ThumbCache(context, folder, size=QSize(160, 90))
        cache.prerender([0])
        cache.finish()
        image = cache.get(0)
        assert image is not None
        return image.pixelColor(80, 45)

    assert thumbnail_centre().red() > 200
    if change == "re-pointed symlink":
        _repoint(deck_path.parent / "media" / "current.png", "green.png")
        wanted = "green"
    else:
        _replace_same_size_and_time(deck_path.parent / "media" / "red.png", "#00ff00")
        wanted = "green"
    colour = thumbnail_centre()
    assert wanted == "green" and colour.green() > 200 and colour.red() < 60, colour.name()
    shutil.rmtree(folder)
