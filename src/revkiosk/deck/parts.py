"""Readers for the nested pieces of a deck: media, excerpts, CSV charts, compare items.

Split from `deck/load.py` to keep each module small; each function takes the shared `Reader`
(which holds the problem list) and returns a model object or None after reporting why.
"""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode

from revkiosk.deck import budget, spec
from revkiosk.deck.build import MISSING, Reader, complete, describe, suggest
from revkiosk.deck.model import (
    CompareItem,
    CsvChart,
    CsvName,
    Excerpt,
    KioskSettings,
    Media,
    MediaVariant,
    Milestone,
)
from revkiosk.resources import package_file
from revkiosk.safe_files import CSV_BYTES, open_regular

MAX_CSV_HEADER_BYTES = 64 * 1024
EXCERPT_MAX_WORDS = 40
_KINDS = {
    **{ext: "image" for ext in spec.IMAGE_EXTENSIONS},
    **{ext: "video" for ext in spec.VIDEO_EXTENSIONS},
    **{ext: "audio" for ext in spec.AUDIO_EXTENSIONS},
}
_EXTENSIONS = {
    "image": spec.IMAGE_EXTENSIONS,
    "video": spec.VIDEO_EXTENSIONS,
    "audio": spec.AUDIO_EXTENSIONS,
}


def _kind_of(reader: Reader, node: Node, text: str, what: str) -> str | None:
    kind = _KINDS.get(Path(text).suffix.lower())
    if kind is None:
        known = " ".join(_KINDS)
        reader.add(node, f'{what}: cannot tell the media type of "{text}"; use one of {known}')
    return kind


def read_media(reader: Reader, node: Node, what: str, audio: bool = False) -> Media | None:
    """A visual (image or video) or, with audio=True, narration; a path or a mapping."""
    wanted = "an audio file" if audio else "an image or video"
    if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        text = reader.read_text(node, spec.MEDIA["image"], what)
        kind = _kind_of(reader, node, text, what) if text is not MISSING else None
        if kind is None:
            return None
        if (kind == "audio") != audio:
            reader.add(node, f'{what}: "{text}" is {kind}; expected {wanted}')
            return None
        path = reader.read_path(node, spec.MEDIA[kind], what)
        return None if path is MISSING else Media(**{kind: path}, location=reader.at(node))
    values = reader.fields(node, spec.MEDIA, what)
    if values is None:
        return None
    entries = reader.pairs(node, what) or {}
    ok = True
    for kind in ("image", "video", "audio", "poster", "subtitles"):
        if kind in values and kind in _EXTENSIONS:
            suffix = values[kind].suffix.lower()
            if suffix not in _EXTENSIONS[kind]:
                reader.add(
                    entries[kind][1],
                    f"{what}: {kind}: {suffix or 'no extension'} is not "
                    f"{' '.join(_EXTENSIONS[kind])}",
                )
                ok = False
    visuals = [k for k in ("image", "video") if k in values or k in entries]
    if audio and visuals:
        reader.add(entries[visuals[0]][0], f"{what}: narration takes audio only, not {visuals[0]}")
        ok = False
    elif audio and "audio" not in entries:
        reader.add(node, f'{what}: missing required key "audio"')
        ok = False
    elif not audio and len(visuals) != 1:
        if visuals:
            reader.add(entries["video"][0], f"{what}: give image or video, not both")
        elif all(name in spec.MEDIA for name in entries):  # else a misspelt key says it
            reader.add(node, f'{what}: needs "image" or "video"')
        ok = False
    if "poster" in entries and "video" not in entries:
        reader.add(entries["poster"][0], f"{what}: poster only applies to a video")
        ok = False
    if "subtitles" in entries and "video" not in entries and "audio" not in entries:
        reader.add(entries["subtitles"][0], f"{what}: subtitles only apply to a video or audio")
        ok = False
    if "alt" in entries and audio:
        reader.add(entries["alt"][0], f"{what}: alt describes a picture; narration has captions")
        ok = False
    if "start" in values and "end" in values and values["end"] <= values["start"]:
        reader.add(entries["end"][1], f"{what}: end must be after start ({values['start']:g} s)")
        ok = False
    if "languages" in values:
        variants = read_variants(reader, values.pop("languages"), values, f"{what}: languages")
        ok &= variants is not None
        values["variants"] = variants
    if not ok or any(k in entries and k not in values for k in ("image", "video", "audio")):
        return None
    return Media(**values, location=reader.at(node))


def read_variants(
    reader: Reader, node: Node, own: dict[str, Any], what: str
) -> tuple[MediaVariant, ...] | None:
    """`languages: {fr: {subtitles: …}, de: {…}}`: per language, files replacing the item's own.

    A language may replace only a file the item has (a French picture for a picture, French
    subtitles for a video or a narration with subtitles or without), with the same kind of
    file."""
    entries = reader.pairs(node, what)
    if entries is None:
        return None
    variants: list[MediaVariant] = []
    ok = True
    for code, (key, value) in entries.items():
        language = reader.read_language(key, spec.DECK["language"], what)
        values = reader.fields(value, spec.MEDIA_VARIANT, f"{what}: {code}")
        if language is MISSING or values is None:
            ok = False
            continue
        files = reader.pairs(value, what) or {}
        for name, path in values.items():
            allowed = (
                name in own
                or (name == "poster" and "video" in own)
                or (name == "subtitles" and ("video" in own or "audio" in own))
            )
            if not allowed:
                has = " or ".join(k for k in ("image", "video", "audio") if k in own) or "nothing"
                reader.add(files[name][0], f"{what}: {code}: {name}: the item has {has}")
                ok = False
            elif path.suffix.lower() not in _EXTENSIONS.get(name, (path.suffix.lower(),)):
                reader.add(
                    files[name][1],
                    f"{what}: {code}: {name}: {path.suffix or 'no extension'} is not "
                    f"{' '.join(_EXTENSIONS[name])}",
                )
                ok = False
        if len(values) < len(files):
            ok = False  # a wrong path, already reported
        variants.append(MediaVariant(language=language, **values))
    return tuple(variants) if ok else None


def read_excerpt(reader: Reader, node: Node, what: str) -> Excerpt | None:
    values = reader.fields(node, spec.EXCERPT, what)
    if not complete(values, spec.EXCERPT):
        return None
    assert values is not None
    words = len(values["text"].split())
    if words > EXCERPT_MAX_WORDS:
        reader.warn(
            node, f"{what}: {words} words; keep quoted model output to about {EXCERPT_MAX_WORDS}"
        )
    return Excerpt(**values)


def read_kiosk(reader: Reader, node: Node, what: str) -> KioskSettings | None:
    values = reader.fields(node, spec.KIOSK, what)
    if values is None:
        return None
    return KioskSettings(**values)


def read_csv_chart(reader: Reader, node: Node, what: str) -> CsvChart | None:
    """The chart's CSV must exist inside the root and have the named columns in its header."""
    values = reader.fields(node, spec.CSV, what)
    if not complete(values, spec.CSV):
        return None
    assert values is not None
    entries = reader.pairs(node, what) or {}
    file_node = entries["file"][1]
    try:
        header = _csv_header(values["file"])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        reader.add(file_node, f"{what}: file: cannot read CSV header: {exc}")
        return None
    if not header:
        reader.add(file_node, f"{what}: file: the CSV has no header row")
        return None
    ok = True
    if "names" in values:
        values["names"] = read_csv_names(reader, values["names"], f"{what}: names")
        ok &= values["names"] is not None
    for column in ("x", "y", "group", "label"):
        if column in values and values[column] not in header:
            hint = suggest(values[column], header) or f" (columns: {', '.join(header)})"
            reader.add(
                entries[column][1],
                f'{what}: {column}: no column "{values[column]}" in the CSV{hint}',
            )
            ok = False
    rows = _csv_rows(values["file"])
    if rows > budget.CSV_ROWS:
        reader.warn(
            file_node,
            f"{what}: file: {rows:,} rows; charts over {budget.CSV_ROWS:,} rows take seconds "
            f"to read and show an even sample of {budget.CSV_ROWS:,} points",
        )
    if ok and values.get("names"):
        _check_names(reader, entries["names"][1], values, rows, what)
    return CsvChart(**values) if ok else None


def _check_names(reader: Reader, node: Node, values: dict[str, Any], rows: int, what: str) -> None:
    """A name whose value is in neither the group nor the label column never shows: a typo
    (`Winner` for `winner`) that would leave the chart in the CSV's words, so a warning."""
    columns = [values[c] for c in ("group", "label") if values.get(c)]
    if not columns:
        reader.warn(node, f"{what}: names: only group and label values are named; set either")
        return
    if rows > budget.CSV_ROWS:
        return  # a big file is not read twice for a warning
    try:
        with open_regular(values["file"], CSV_BYTES) as handle:
            text = handle.read().decode("utf-8-sig")
        table = csv.reader(io.StringIO(text, newline=""))
        header = [name.strip() for name in next(table, [])]
        wanted = [header.index(c) for c in columns if c in header]
        found = {row[i].strip() for row in table for i in wanted if i < len(row)}
    except (OSError, UnicodeDecodeError, csv.Error):
        return  # the chart reports an unreadable file when shown
    missing = [n.value for n in values["names"] if n.value not in found]
    if missing:
        listed = ", ".join(f'"{v}"' for v in missing[:5])
        reader.warn(
            node,
            f"{what}: names: {listed} in no row's {' or '.join(columns)} column; "
            "such a name never shows",
        )


def read_csv_names(reader: Reader, node: Node, what: str) -> tuple[CsvName, ...] | None:
    """`names:` entries, each value named once (a second name for it would never show)."""
    nodes = reader.items_of(node, what)
    if nodes is None:
        return None
    if len(nodes) > spec.MAX_CSV_NAMES:
        reader.add(node, f"{what}: {len(nodes)} names; a chart takes at most {spec.MAX_CSV_NAMES}")
        return None
    names: list[CsvName] = []
    seen: set[str] = set()
    for index, item_node in enumerate(nodes, 1):
        where = f"{what}[{index}]"
        values = reader.fields(item_node, spec.CSV_NAME, where)
        if not complete(values, spec.CSV_NAME):
            continue
        assert values is not None
        if values["value"] in seen:
            reader.add(item_node, f'{where}: value "{values["value"]}" is already named above')
            continue
        seen.add(values["value"])
        names.append(CsvName(value=values["value"], name=values["name"]))
    return tuple(names) if len(names) == len(nodes) else None


def _csv_rows(path: Path) -> int:
    """Lines after the header (a quoted value spanning lines counts more: it is an estimate)."""
    count = 0
    try:
        with open_regular(path, CSV_BYTES) as handle:
            while chunk := handle.read(1 << 20):
                count += chunk.count(b"\n")
    except OSError:
        return 0
    return max(0, count - 1)


def _csv_header(path: Path) -> list[str]:
    with open_regular(path, CSV_BYTES) as handle:
        head = handle.read(MAX_CSV_HEADER_BYTES)
    text = head.decode("utf-8-sig")
    first = next(csv.reader(io.StringIO(text)), [])
    return [name.strip() for name in first]


def read_items(reader: Reader, node: Node, what: str) -> tuple[CompareItem, ...] | None:
    nodes = reader.items_of(node, what)
    if nodes is None:
        return None
    if not nodes:
        reader.add(node, f"{what}: a comparison needs at least one item")
        return None
    if len(nodes) > spec.MAX_COMPARE_ITEMS:
        reader.add(
            node, f"{what}: {len(nodes)} items; a comparison shows at most {spec.MAX_COMPARE_ITEMS}"
        )
        return None
    items: list[CompareItem] = []
    for index, item_node in enumerate(nodes, 1):
        where = f"{what}[{index}]"
        values = reader.fields(item_node, spec.COMPARE_ITEM, where)
        if not complete(values, spec.COMPARE_ITEM):
            continue
        assert values is not None
        media = read_media(reader, values["media"], f"{where}: media")
        if media is not None:
            items.append(CompareItem(label=values["label"], media=media))
    return tuple(items) if len(items) == len(nodes) else None


@functools.cache
def dataset_systems() -> dict[str, str]:
    """System names in the bundled compute dataset, casefolded → as written.

    Read with the csv module rather than `revkiosk.data` so the loader stays independent of the
    dataset code; empty when the dataset is absent (then nothing is checked against it).
    """
    try:
        with package_file("data", "compute.csv").open(encoding="utf-8") as handle:
            rows = csv.reader(handle)
            header = [name.strip().casefold() for name in next(rows, [])]
            if "system" not in header:
                return {}
            column = header.index("system")
            return {row[column].casefold(): row[column] for row in rows if len(row) > column}
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}


def check_highlights(
    reader: Reader, highlights: Any, milestones: dict[str, Milestone | None], what: str
) -> None:
    """Plot highlights naming neither a milestone nor a dataset system are warnings."""
    known = set(milestones) | {(m.system or "").casefold() for m in milestones.values() if m}
    for ident, item in highlights:
        if ident not in known and ident.casefold() not in known | dataset_systems().keys():
            reader.warn(
                item,
                f'{what}: highlight: "{ident}" is neither a milestone id nor a '
                f"dataset system{suggest(ident, milestones)}",
            )


__all__ = [
    "check_highlights",
    "dataset_systems",
    "describe",
    "read_csv_chart",
    "read_csv_names",
    "read_excerpt",
    "read_items",
    "read_kiosk",
    "read_media",
    "read_variants",
]
