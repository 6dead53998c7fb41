"""Issue 22, class 3: the deck root does not leak through SVG.

An SVG inside the deck root could draw any picture on the machine through `href` or
`xlink:href` with an absolute path or `../` (only `file://` was refused). Now only `data:` and
`#fragment` references may render; anything else — in `<image>`, `<use>`, `<feImage>`, CSS
`url()` or `@import`, through an entity or a style sheet — is a `check` error, and on screen
the placeholder shows instead of the drawing, and never a pixel of the outside picture.
"""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import DeckError

SECRET = QColor("#ff00ff")  # the outside picture: magenta, nowhere else on a slide
SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def _secret(folder: Path) -> Path:
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(SECRET)
    path = folder / "outside" / "secret.png"
    path.parent.mkdir(parents=True)
    assert image.save(str(path))
    return path


def _drawings(secret: Path) -> dict[str, str]:
    """Every way an SVG can name the outside picture (each a member of the class)."""
    absolute, uri = str(secret), secret.as_uri()
    relative = "../outside/secret.png"
    inner = (
        f'<svg {SVG} width="64" height="64"><image href="{absolute}" width="64" height="64"/></svg>'
    )
    nested = base64.b64encode(inner.encode()).decode()
    box = 'width="200" height="100" viewBox="0 0 200 100"'
    image = 'width="200" height="100"'
    return {
        "absolute xlink:href": f'<svg {SVG} {box}><image xlink:href="{absolute}" {image}/></svg>',
        "absolute href": f'<svg {SVG} {box}><image href="{absolute}" {image}/></svg>',
        "../ href": f'<svg {SVG} {box}><image href="{relative}" {image}/></svg>',
        "file: URI": f'<svg {SVG} {box}><image href="{uri}" {image}/></svg>',
        "http URI": f'<svg {SVG} {box}><image href="http://127.0.0.1:9/x.png" {image}/></svg>',
        "use of another file": f'<svg {SVG} {box}><use href="{relative}#a"/></svg>',
        "other namespace prefix": (
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:q="http://www.w3.org/1999/xlink" '
            f'{box}><image q:href="{absolute}" {image}/></svg>'
        ),
        "feImage": (
            f'<svg {SVG} {box}><filter id="f"><feImage href="{absolute}"/></filter>'
            f'<rect filter="url(#f)" {image}/></svg>'
        ),
        "CSS url() in style": (f'<svg {SVG} {box}><rect style="fill: url({uri})" {image}/></svg>'),
        "CSS in a style element": (
            f"<svg {SVG} {box}><style>rect {{ fill: url('{absolute}') }}</style>"
            f"<rect {image}/></svg>"
        ),
        "CSS @import": f'<svg {SVG} {box}><style>@import "{uri}";</style><rect {image}/></svg>',
        "CSS escape": f"<svg {SVG} {box}><style>rect {{ fill: \\75 rl(x) }}</style></svg>",
        "internal entity": (
            f'<!DOCTYPE svg [<!ENTITY p "{absolute}">]><svg {SVG} {box}>'
            f'<image href="&p;" {image}/></svg>'
        ),
        "external entity": (
            f'<!DOCTYPE svg [<!ENTITY p SYSTEM "{uri}">]><svg {SVG} {box}><text>&p;</text></svg>'
        ),
        "style sheet PI": (
            f'<?xml-stylesheet href="{uri}"?><svg {SVG} {box}><rect {image}/></svg>'
        ),
        "data: SVG holding a reference": (
            f'<svg {SVG} {box}><image href="data:image/svg+xml;base64,{nested}" {image}/></svg>'
        ),
        "foreignObject img src": (
            f'<svg {SVG} {box}><foreignObject {image}><img xmlns="http://www.w3.org/1999/xhtml" '
            f'src="{absolute}"/></foreignObject></svg>'
        ),
    }


MEMBERS = list(_drawings(Path("/x")))


def _deck(folder: Path, drawing: str, name: str = "drawing.svg") -> Path:
    media = folder / "deck" / "media"
    media.mkdir(parents=True, exist_ok=True)
    target = media / name
    if name.endswith(".svgz"):
        target.write_bytes(gzip.compress(drawing.encode()))
    else:
        target.write_text(drawing, encoding="utf-8")
    deck = folder / "deck" / "deck.yaml"
    deck.write_text(
        f"deck: {{title: T}}\nslides:\n  - {{kind: media, media: media/{name}}}\n", "utf-8"
    )
    return deck


@pytest.mark.parametrize("member", MEMBERS)
def test_an_svg_referring_outside_itself_is_a_check_error(tmp_path: Path, member: str) -> None:
    drawing = _drawings(_secret(tmp_path))[member]
    with pytest.raises(DeckError) as caught:
        load_deck(_deck(tmp_path, drawing))
    message = str(caught.value.problems[0])
    assert "deck.yaml:3:" in message and "drawing.svg" in message
    assert "only data: and #fragment" in message or "cannot be drawn" in message


@pytest.mark.parametrize("member", MEMBERS)
@pytest.mark.parametrize("suffix", [".svg", ".svgz"])
def test_on_screen_the_placeholder_shows_and_never_the_outside_picture(
    qtbot: QtBot, tmp_path: Path, member: str, suffix: str
) -> None:
    from revkiosk.theme import theme_named
    from revkiosk.ui.media.images import ImageWidget

    drawing = _drawings(_secret(tmp_path))[member]
    deck = _deck(tmp_path, drawing, "drawing" + suffix)
    widget = ImageWidget(deck.parent / "media" / ("drawing" + suffix), theme_named("dark"))
    qtbot.addWidget(widget)
    widget.resize(QSize(400, 200))
    qtbot.waitUntil(lambda: not getattr(widget, "loading", False), timeout=5000)
    pixels = widget.grab().toImage()
    found = any(
        pixels.pixelColor(x, y) == SECRET for x in range(0, 400, 4) for y in range(0, 200, 4)
    )
    assert not found, "a pixel of the outside picture was drawn"
    assert widget.notice in ("Image refused", "Image could not be read")


def test_self_contained_drawings_still_render(qtbot: QtBot, tmp_path: Path) -> None:
    """data: pictures and #fragment references are what an SVG may use."""
    from revkiosk.theme import theme_named
    from revkiosk.ui.media.images import ImageWidget

    png = QImage(8, 8, QImage.Format.Format_RGB32)
    png.fill(QColor("#00ff00"))
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    png.save(buffer, "PNG")
    inline = base64.b64encode(bytes(data)).decode()
    drawing = (
        f'<svg {SVG} width="200" height="100" viewBox="0 0 200 100">'
        f'<defs><rect id="r" width="100" height="100" fill="#0000ff"/></defs>'
        f'<use href="#r"/><image x="100" href="data:image/png;base64,{inline}" '
        f'width="100" height="100"/></svg>'
    )
    deck = load_deck(_deck(tmp_path, drawing))  # no error
    assert not [p for p in deck.warnings if "drawing.svg" in p.message]
    widget = ImageWidget(deck.root / "media" / "drawing.svg", theme_named("dark"))
    qtbot.addWidget(widget)
    widget.resize(QSize(200, 100))
    assert widget.notice == ""
    pixels = widget.grab().toImage()
    assert pixels.pixelColor(50, 50) == QColor("#0000ff")
    assert pixels.pixelColor(150, 50) == QColor("#00ff00")
