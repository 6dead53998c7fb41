"""Pictures decoded ahead of the key press: handed to the view, bounded, never stale."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from test_default_deck import DECK_PATH

from revkiosk.deck.load import load_deck
from revkiosk.ui.decoded import DecodedImages, slide_pictures
from revkiosk.ui.slides.still import load_image


def _png(path: Path, color: str, size: int = 64) -> Path:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


def test_a_prefetched_picture_is_handed_over_decoded(tmp_path: Path) -> None:
    cache = DecodedImages()
    path = _png(tmp_path / "a.png", "#ff0000")
    cache.prefetch([path])
    image = cache.take(path)  # waits for the worker if it is still decoding
    assert image is not None and image.pixelColor(5, 5) == QColor("#ff0000")
    assert cache.take(path) is None  # the view owns it now: the cache holds nothing more
    assert cache.bytes_held() == 0


def test_an_edited_file_is_decoded_afresh(tmp_path: Path) -> None:
    cache = DecodedImages()
    path = _png(tmp_path / "a.png", "#ff0000")
    cache.prefetch([path])
    assert cache.take(path) is not None
    _png(path, "#00ff00", size=80)  # the deck's author replaced the picture
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert cache.take(path) is None  # not the old picture: the caller decodes the new one


def test_the_cache_stays_within_its_budget(tmp_path: Path) -> None:
    one = 64 * 64 * 4
    cache = DecodedImages(budget=3 * one)
    paths = [_png(tmp_path / f"{i}.png", "#3366ff") for i in range(13)]
    cache.prefetch(paths)  # the visitor jumped elsewhere: nobody takes them
    deadline = time.monotonic() + 5
    while cache._pending and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.bytes_held() <= 3 * one
    assert cache.take(paths[-1]) is not None  # the most recent stay
    assert cache.take(paths[0]) is None  # the oldest went


def test_broken_or_missing_files_are_left_to_the_view(tmp_path: Path) -> None:
    cache = DecodedImages()
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png")
    cache.prefetch([broken, tmp_path / "missing.png"])
    assert cache.take(broken) is None  # the view decodes, fails and shows its placeholder
    assert cache.take(tmp_path / "missing.png") is None


def test_slide_pictures_names_images_posters_and_compare_cells() -> None:
    deck = load_deck(DECK_PATH)
    kinds = {deck.slides[i].kind for i in range(len(deck.slides)) if slide_pictures(deck, i)}
    assert {"section", "compare", "milestone"} <= kinds
    for i in range(len(deck.slides)):
        assert all(p.is_absolute() for p in slide_pictures(deck, i))
    assert slide_pictures(deck, len(deck.slides)) == []


def test_a_picture_still_queued_is_decoded_by_the_view_instead(tmp_path, monkeypatch) -> None:
    import revkiosk.ui.decoded as decoded

    cache = DecodedImages()
    monkeypatch.setattr(decoded, "IMAGES", cache)
    busy, finished = threading.Event(), threading.Event()
    real = decoded._decode

    def slow(path: str):  # the worker is stuck on a huge picture
        if path.endswith("huge.png"):
            busy.wait(5)
            finished.set()
        return real(path)

    monkeypatch.setattr(decoded, "_decode", slow)
    huge, wanted = _png(tmp_path / "huge.png", "#000000"), _png(tmp_path / "b.png", "#224466")
    cache.prefetch([huge, wanted])
    image = load_image(wanted)  # decoded here at once, not after the huge one
    assert not finished.is_set()  # the view did not wait in line
    busy.set()
    assert image is not None and image.pixelColor(1, 1) == QColor("#224466")
