"""What an SVG picture refers to: only what it carries itself may be drawn.

An SVG is a document that can point elsewhere: `<image href="/home/curator/passport.png">`,
`xlink:href="../../etc/…"`, `<use href="other.svg#x">`, CSS `url(…)` and `@import`, or an
entity that spells any of these. Qt's renderer follows such references to local files, so a
picture inside the deck root could show any image on the machine. Only two kinds of reference
are safe: `#fragment` (a part of the same drawing) and `data:` (bytes carried inline; an inline
SVG is checked the same way). Everything else is refused: `revkiosk check` reports it as an
error and the player shows the placeholder instead of the drawing.

The scan also counts elements, so `check` can warn about drawings too heavy to render quickly.
Qt-free (expat from the standard library, no entity declarations allowed at all).
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes
from xml.parsers import expat

MAX_SVG_BYTES = 64 * 1024 * 1024  # after gunzip (an .svgz bomb stops here)
MAX_NESTING = 2  # data: SVGs inside data: SVGs
_REFERENCE_ATTRIBUTES = {"href", "src"}
_URL = re.compile(r"url\(\s*(?P<q>['\"]?)(?P<target>.*?)(?P=q)\s*\)", re.IGNORECASE | re.DOTALL)


class SvgRefused(ValueError):
    """The file cannot be checked (not well-formed, entities, too large): it is not drawn."""


@dataclass
class SvgReport:
    """What the drawing holds: its element count and every reference refused."""

    elements: int = 0
    refused: list[str] = field(default_factory=list)
    size: tuple[float, float] | None = None  # the root's width and height (or viewBox)

    @property
    def safe(self) -> bool:
        return not self.refused


def svg_bytes(data: bytes) -> bytes:
    """The SVG text of `data` (an .svgz is gunzipped, at most MAX_SVG_BYTES)."""
    if data[:2] != b"\x1f\x8b":
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        text = inflater.decompress(data, MAX_SVG_BYTES + 1)
    except zlib.error as error:
        raise SvgRefused(f"not a readable .svgz ({error})") from None
    if len(text) > MAX_SVG_BYTES or inflater.unconsumed_tail:
        raise SvgRefused(f"unpacks to more than {MAX_SVG_BYTES // (1024 * 1024)} MB")
    return text


def scan_svg(data: bytes, depth: int = 0) -> SvgReport:
    """Check every reference in an SVG document; raises SvgRefused when it cannot be read."""
    report = SvgReport()
    text = svg_bytes(data)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    styles: list[list[str]] = []

    def refuse_entities(*_args: object) -> None:
        raise SvgRefused("declares entities (<!ENTITY …>); SVG pictures may not")

    def start(name: str, attributes: dict[str, str]) -> None:
        report.elements += 1
        local = name.rpartition(" ")[2]
        if report.elements == 1:
            report.size = _intrinsic_size(attributes)
        for key, value in attributes.items():
            attribute = key.rpartition(" ")[2]
            if attribute in _REFERENCE_ATTRIBUTES:
                _reference(value, report, depth)
            elif attribute == "style" or "url(" in value.lower():
                _css(value, report, depth)
        styles.append([] if local == "style" else None)  # type: ignore[arg-type]

    def end(_name: str) -> None:
        collected = styles.pop()
        if collected:
            _css("".join(collected), report, depth)

    def characters(chunk: str) -> None:
        if styles and styles[-1] is not None:
            styles[-1].append(chunk)

    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            report.refused.append("an <?xml-stylesheet?> (a style sheet from elsewhere)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.ProcessingInstructionHandler = instruction
    parser.EntityDeclHandler = refuse_entities
    parser.UnparsedEntityDeclHandler = refuse_entities
    parser.ExternalEntityRefHandler = lambda *_args: 0  # never fetch (0 = an error to expat)
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise SvgRefused(f"not a well-formed SVG ({expat.errors.messages[error.code]})") from None
    if report.elements == 0:
        raise SvgRefused("holds no drawing")
    return report


def _length(text: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*", text or "")
    return float(match[1]) if match and float(match[1]) > 0 else None


def _intrinsic_size(attributes: dict[str, str]) -> tuple[float, float] | None:
    width, height = _length(attributes.get("width")), _length(attributes.get("height"))
    if width and height:
        return (width, height)
    box = (attributes.get("viewBox") or "").replace(",", " ").split()
    try:
        if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
            return (float(box[2]), float(box[3]))
    except ValueError:
        pass
    return None


def _reference(value: str, report: SvgReport, depth: int) -> None:
    target = value.strip()
    if target.startswith("#"):
        return
    if target[:5].lower() == "data:":
        _inline(target, report, depth)
        return
    shown = target if len(target) <= 80 else target[:77] + "…"
    report.refused.append(f'a reference to "{shown}"')


def _css(text: str, report: SvgReport, depth: int) -> None:
    css = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    if "\\" in css:  # escapes can spell url( or @import past any pattern: refused outright
        report.refused.append("a CSS escape (\\), which could hide a reference")
        return
    if "@import" in css.lower():
        report.refused.append("a CSS @import (a style sheet from elsewhere)")
    for match in _URL.finditer(css):
        _reference(match["target"], report, depth)


def _inline(target: str, report: SvgReport, depth: int) -> None:
    """A data: URI is safe unless it is itself an SVG with references (checked the same way)."""
    header, _, payload = target[5:].partition(",")
    if "svg" not in header.lower():
        return
    if depth >= MAX_NESTING:
        report.refused.append("an SVG inside an SVG inside an SVG (data:)")
        return
    try:
        inner = (
            base64.b64decode(payload) if ";base64" in header.lower() else unquote_to_bytes(payload)
        )
        nested = scan_svg(inner, depth + 1)
    except (ValueError, SvgRefused) as error:
        report.refused.append(f"an inline SVG that cannot be checked ({error})")
        return
    report.elements += nested.elements
    report.refused += [f"{item} (in an inline SVG)" for item in nested.refused]
