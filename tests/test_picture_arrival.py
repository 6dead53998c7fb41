"""Issue 21: a dear picture never holds the key press that shows its slide. It comes from the
worker a frame or two later and fades in. A cheap one is drawn with its slide at once.

Also covered: a hub's tiles are decoded for their cell and prefetched with the hub, a checked
drawing is reused until its file changes, and a picture scaled for a cell is shared."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from revkiosk.theme import DARK
from revkiosk.ui import decoded
from revkiosk.ui.decoded import IMAGES, DecodedImages, box_of, decode_file, display_box
from revkiosk.ui.slides.still import StillImage

RED = QColor("#ff0000")


def _solid_png(path: Path, color: QColor = RED, size: tuple[int, int] = (640, 360)) -> Path:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(color)
    assert image.save(str(path))
    return path


def _noise_png(path: Path, side: int = 300) -> Path:
    """A picture whose PNG cannot be compressed: a large file (never a cheap first decode)."""
    pixels = np.random.default_rng(7).integers(0, 255, (side, side, 4), dtype=np.uint8)
    pixels[..., 3] = 255
    image = QImage(pixels.data, side, side, side * 4, QImage.Format.Format_RGB32).copy()
    assert image.save(str(path))
    assert path.stat().st_size > decoded.SMALL_FILE_BYTES
    return path


def _red(image: QImage) -> int:
    return image.pixelColor(image.width() // 2, image.height() // 2).red()


@pytest.fixture
def host(qtbot):  # type: ignore[no-untyped-def]
    """A shown window standing for the slide view the picture is on."""
    widget = QWidget()
    widget.setStyleSheet("background: #000000")
    widget.resize(320, 180)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _still(host: QWidget, path: Path) -> StillImage:
    still = StillImage(path, DARK, fit="fill", parent=host)
    still.setGeometry(host.rect())
    still.show()
    return still


def test_a_picture_known_to_be_dear_comes_from_the_worker_and_fades_in(
    qtbot, host, tmp_path: Path, monkeypatch
) -> None:
    path = _solid_png(tmp_path / "art.png")
    box = box_of(*display_box())
    IMAGES.decode_now(path, box)  # decoded once (ahead, or an earlier visit): its cost is known
    assert IMAGES.cost_of(path, box) > 0
    IMAGES.drop(decode_file)  # evicted since
    monkeypatch.setattr(decoded, "SYNC_ONE_S", 0.0)  # every known cost counts as dear here
    time.sleep(decoded.SYNC_WINDOW_S)  # nothing else decoded on this thread lately

    still = _still(host, path)
    assert still.loading  # not decoded in the key's frame …
    assert _red(host.grab().toImage()) < 40  # … so the slide shows at once, picture still away
    qtbot.waitUntil(lambda: not still.loading, timeout=3000)
    first = _red(host.grab().toImage())
    assert first < 230  # it arrived and fades in: not at full strength in one frame …
    qtbot.wait(400)
    assert _red(host.grab().toImage()) > 245  # … and is fully there once the fade is done


def test_a_cheap_picture_is_drawn_with_its_slide_at_once(host, tmp_path: Path) -> None:
    path = _solid_png(tmp_path / "small.png")
    assert path.stat().st_size < decoded.SMALL_FILE_BYTES
    IMAGES.drop(decode_file)
    time.sleep(decoded.SYNC_WINDOW_S)
    still = _still(host, path)
    assert not still.loading
    assert _red(host.grab().toImage()) > 245  # in the first frame, no fade


def test_a_picture_that_arrives_while_its_slide_is_hidden_is_shown_as_is(
    qtbot, host, tmp_path: Path, monkeypatch
) -> None:
    path = _solid_png(tmp_path / "ahead.png")
    box = box_of(*display_box())
    IMAGES.decode_now(path, box)
    IMAGES.drop(decode_file)
    monkeypatch.setattr(decoded, "SYNC_ONE_S", 0.0)
    host.hide()  # a slide built ahead, not on screen yet
    time.sleep(decoded.SYNC_WINDOW_S)
    still = _still(host, path)
    assert still.loading
    qtbot.waitUntil(lambda: not still.loading, timeout=3000)
    host.show()
    qtbot.waitExposed(host)
    assert _red(host.grab().toImage()) > 245  # no fade when the slide comes on screen


def test_a_large_picture_never_decoded_goes_to_the_worker_unless_it_is_a_chart(
    qtbot, tmp_path: Path
) -> None:
    path = _noise_png(tmp_path / "noise.png")
    receiver, got = QObject(), []
    fading = DecodedImages()
    assert fading.request(path, None, receiver, got.append, fades=True) is None
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    assert got[0][0] is not None and got[0][0].size() == QSize(300, 300)
    assert fading.cost_of(path) > 0  # what it cost the worker is known from now on
    # A chart's picture is the slide itself and does not fade: the budget's rule only.
    plain = DecodedImages()
    outcome = plain.request(path, None, receiver, got.append)
    assert outcome is not None and outcome[0] is not None


def test_hub_tiles_are_decoded_for_their_cell_and_ahead_with_the_hub(qtbot) -> None:
    from revkiosk.app import build_player
    from revkiosk.ui.slide_pictures import prefetch_after, slide_pictures, tile_box

    player = build_player(["--no-resume"])
    qtbot.addWidget(player.window)
    player.window.resize(1920, 1080)
    player.window.show()
    deck = player.deck
    hub = next(i for i, s in enumerate(deck.slides) if s.kind == "hub")
    box = tile_box(len(deck.slides[hub].tiles))
    tiles = [(p, b) for p, b in slide_pictures(deck, hub) if b == box]
    assert len(tiles) >= 4  # the default deck's hub: a picture on most tiles
    IMAGES.drop(decode_file)
    prefetch_after(deck, hub - 1, ahead=1)  # the slide before the hub is on screen
    qtbot.waitUntil(IMAGES.idle, timeout=5000)
    player.navigator.go(hub)
    view = player.window.stage.current_view()
    pictures = [tile.picture for tile in view.tiles if tile.picture is not None]
    rasters = [p for p in pictures if p.path is not None and p.path.suffix == ".png"]
    assert rasters and not any(p.loading for p in rasters)  # there in the hub's first frame
    screen = 1920 * 1080 * 4
    for picture in rasters:
        image = picture._image
        assert image is not None and image.sizeInBytes() < screen / 3  # not a screen's worth
        shown = picture.target_rect()
        assert image.width() >= shown.width() - 1 and image.height() >= shown.height() - 1
    player.window.close()


def test_an_edited_drawing_is_checked_again(qtbot, tmp_path: Path) -> None:
    """Checked drawings are reused by the file as it is now: a drawing rewritten with an
    outside reference is refused, not drawn from the renderer kept for the old file."""
    from revkiosk.ui.media.svg import SvgPicture

    path = tmp_path / "d.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10" fill="red"/></svg>',
        encoding="utf-8",
    )
    owner = QObject()
    first = SvgPicture(path, lambda: None, owner)
    again = SvgPicture(path, lambda: None, owner)
    assert first.notice == again.notice == "" and again._renderer is first._renderer
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10" height="10"><image xlink:href="/etc/passwd" width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert SvgPicture(path, lambda: None, owner).notice == "Image refused"


def test_a_picture_scaled_for_a_cell_is_shared(host, tmp_path: Path) -> None:
    path = _solid_png(tmp_path / "cell.png", QColor("#00ff00"))
    IMAGES.drop(decode_file)
    one, two = _still(host, path), _still(host, path)
    host.grab()
    assert one._scaled is not None and two._scaled is not None
    assert one._scaled.cacheKey() == two._scaled.cacheKey()  # scaled once, not per view


@pytest.mark.parametrize("decoder", ["chart picture", "slide picture"])
def test_a_decode_on_the_worker_leaves_the_gui_thread_free(decoder: str) -> None:
    """Issue 21: `QImage.fromData` holds Python's lock for a whole decode, so a chart's picture
    decoded on the worker froze the GUI thread all the same: each of its steps waited for the
    decode to end (25-40 ms for a 3 ms step, against 3.1 ms through a reader)."""
    import statistics
    import threading

    from revkiosk.ui.plots.picture import decode_picture

    path = Path(__file__).resolve().parent.parent / "media/images/section-games.png"  # 1080p
    decode = decode_picture if decoder == "chart picture" else decode_file
    stop = threading.Event()

    def work() -> None:
        while not stop.is_set():
            assert decode(path, None)[0] is not None

    worker = threading.Thread(target=work)
    worker.start()
    steps = []
    try:
        deadline = time.perf_counter() + 0.6
        last = time.perf_counter()
        while last < deadline:  # as an event loop: a millisecond of Python, then idle
            busy = time.perf_counter()
            while time.perf_counter() - busy < 0.001:
                pass
            time.sleep(0.002)
            now = time.perf_counter()
            steps.append(now - last)
            last = now
    finally:
        stop.set()
        worker.join()
    assert statistics.median(steps) < 0.010, f"a 3 ms step took {statistics.median(steps):.3f} s"
