"""Which pictures a slide shows, at which size: what the stage decodes ahead and thumbnails wait
for. The boxes are computed here once, so the stage's prefetch and the views ask for the same
decode (see `ui/decoded.py`, which holds the decodes).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Container
from pathlib import Path

from revkiosk.deck.model import Deck, Media
from revkiosk.ui.decoded import (
    AHEAD,
    IMAGES,
    RASTER_SUFFIXES,
    Box,
    Decoder,
    box_of,
    decode_file,
    display_box,
    file_key,
)

log = logging.getLogger(__name__)


def default_columns(count: int) -> int:
    """A compare grid's columns: up to four in a row; five to eight as two rows; more as rows
    of four (the grid view lays cells out with it, the prefetch sizes their pictures by it)."""
    if count <= 4:
        return max(1, count)
    return math.ceil(count / 2) if count <= 8 else 4


def item_box(count: int, columns: int | None = None) -> Box:
    """The box one cell of a compare grid of `count` items is decoded for (the grid view and
    the stage's prefetch use the same one, so they share the decode)."""
    width, height = display_box()
    cols = max(1, min(columns or default_columns(count), count or 1))
    rows = max(1, math.ceil(count / cols))
    return box_of(width / cols, height / rows)


PICTURE_ASPECT = 16 / 10  # a hub tile's picture
EMPTY_CELL_COST = 0.35  # a gap in the grid weighs like tiles a third off their best shape
TILE_HEADROOM = 1.25  # a tile's decode covers a cell this much larger than the estimate


def grid_columns(
    count: int, width: float, height: float, band: float = 0.0, wanted: int | None = None
) -> int:
    """Columns for `count` hub tiles in a `width` x `height` area: the author's, else the
    layout whose pictures (a tile less its text `band`) come closest to 16:10, with few empty
    cells (the hub lays out with it, `tile_box` sizes the tiles' pictures by it)."""
    if wanted:
        return max(1, min(wanted, count))
    best, best_score = 1, math.inf
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        aspect = (width / columns) / max(height / rows - band, 1.0)
        score = abs(math.log(aspect / PICTURE_ASPECT)) + EMPTY_CELL_COST * (columns * rows - count)
        if score < best_score - 1e-9:
            best, best_score = columns, score
    return best


def tile_box(count: int, columns: int | None = None) -> Box:
    """The box a hub tile's picture is decoded for (the hub and the stage's prefetch agree).

    A cell of the grid the hub would lay out on the whole screen, with headroom: the real grid
    sits below a title and its text size may change the columns; a picture decoded a little
    large stays sharp, one decoded for the screen cost 8 MB a tile and thrashed the cache."""
    width, height = display_box()
    cols = grid_columns(max(1, count), width, height * 0.75, height * 0.1, columns)
    rows = max(1, math.ceil(count / cols))
    return box_of(
        min(width, width / cols * TILE_HEADROOM),
        min(height, height * 0.75 / rows * TILE_HEADROOM),
    )


def slide_pictures(deck: Deck, index: int) -> list[tuple[Path, Box]]:
    """The still pictures slide `index` shows (images, video posters) with the box each is
    decoded for, as absolute paths."""
    if not 0 <= index < len(deck.slides):
        return []
    slide = deck.slides[index]
    full = box_of(*display_box())
    media: list[tuple[Media | None, Box]] = [(getattr(slide, "media", None), full)]
    items = getattr(slide, "items", ())
    if items:
        cell = item_box(len(items), getattr(slide, "columns", None))
        media += [(item.media, cell) for item in items]
    pictures = []
    for item, box in media:
        path = item and (item.image or item.poster)
        if path is not None:
            pictures.append((path if path.is_absolute() else deck.root / path, box))
    tiles = getattr(slide, "tiles", ())
    if tiles:
        # Here, not at the top: deck.explore brings the YAML parser, which a start served
        # from the deck cache does without (tests/test_deck_cache.py).
        from revkiosk.deck.explore import tile_picture

        cell = tile_box(len(tiles), getattr(slide, "columns", None))
        for tile in tiles:
            path = tile_picture(deck.slides, tile)
            if path is not None:
                pictures.append((path if path.is_absolute() else deck.root / path, cell))
    return pictures


def pictures_ready(deck: Deck, index: int) -> bool:
    """Start decoding slide `index`'s pictures (and big drawings) on the worker; True once
    they are all decoded, so an offscreen render of it (a thumbnail) decodes nothing itself."""
    from revkiosk.ui.media.svg import HEAVY_BYTES, decode_svg

    ready = True
    chart = getattr(deck.slides[index], "csv", None) if 0 <= index < len(deck.slides) else None
    if chart is not None:
        from revkiosk.ui.plots import csv_data

        ready = csv_data.ready(chart)
    for path, box in slide_pictures(deck, index):
        suffix = path.suffix.lower()
        if suffix in RASTER_SUFFIXES:
            decoder: Decoder = decode_file
        elif suffix in (".svg", ".svgz") and _size(path) > HEAVY_BYTES:
            decoder = decode_svg
        else:
            continue
        if IMAGES.cached(path, box, decoder) is None and file_key(path, box, decoder) is not None:
            IMAGES.prefetch([path], box, decoder)
            ready = False
    return ready


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def prefetch_after(deck: Deck, index: int, ahead: int = AHEAD, built: Container[int] = ()) -> None:
    """Start decoding the pictures of the `ahead` slides after `index` (never blocks), but not
    those of slides whose view is `built` already (it holds its pictures)."""
    following = [i for i in range(index + 1, index + 1 + ahead) if i not in built]
    try:
        for i in following:
            for path, box in slide_pictures(deck, i):
                IMAGES.prefetch([path], box)
    except RuntimeError as error:  # the interpreter is shutting down: nothing left to show
        log.debug("no prefetch: %s", error)
