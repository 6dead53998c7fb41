"""The deck format as a JSON Schema (draft 2020-12), built from the same table the loader uses.

Editors (VS Code's YAML extension, anything using yaml-language-server) read it through the
`# yaml-language-server: $schema=../docs/deck.schema.json` line at the top of a deck and then
complete keys and flag mistakes while the author types. The loader remains the authority: it
also checks what a schema cannot (references between ids, files on disk, CSV columns).
"""

from __future__ import annotations

import json
from typing import Any

from revkiosk.deck import spec

SCHEMA_ID = "https://revkiosk.invalid/deck.schema.json"
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"
_TEXT: dict[str, Any] = {"type": ["string", "number"]}
_PATH: dict[str, Any] = {"type": "string", "minLength": 1}


def _scalar(field: spec.Field) -> dict[str, Any]:
    kind = field.type
    if kind in ("text",):
        return dict(_TEXT)
    if kind == "id":
        return {"type": "string", "pattern": _ID_PATTERN}
    if kind == "pin":
        digits = f"^[0-9]{{{field.minimum:g},{field.maximum:g}}}$"
        return {"type": ["string", "integer"], "pattern": digits, "minimum": 0}
    if kind in ("number", "integer"):
        out: dict[str, Any] = {"type": kind}
        if field.minimum is not None:
            out["minimum"] = field.minimum
        if field.maximum is not None:
            out["maximum"] = field.maximum
        return out
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "enum":
        return {"enum": list(field.choices)}
    if kind == "date":
        return {"type": ["integer", "string"], "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"}
    if kind == "color":
        return {"type": "string", "pattern": r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"}
    if kind == "aspect":
        return {"type": "string", "pattern": r"^\s*(auto|\d+\s*[:/x]\s*\d+)\s*$"}
    if kind == "years":
        year = {"type": "number", "minimum": field.minimum, "maximum": field.maximum}
        return {"type": "array", "items": year, "minItems": 2, "maxItems": 2}
    if kind == "text_list":
        return {"type": "array", "items": dict(_TEXT)}
    if kind == "language":
        return {"type": "string", "pattern": _LANGUAGE_PATTERN}
    if kind == "language_list":
        return {"type": "array", "items": {"type": "string", "pattern": _LANGUAGE_PATTERN}}
    if kind == "languages":
        return {
            "type": "object",
            "propertyNames": {"pattern": _LANGUAGE_PATTERN},
            "additionalProperties": {"$ref": "#/$defs/media_variant"},
        }
    if kind == "id_list":
        return {"type": "array", "items": {"type": "string"}}
    if kind in ("path", "data_file"):
        return dict(_PATH)
    if kind == "items":
        cell = {"$ref": "#/$defs/compare_item"}
        return {"type": "array", "minItems": 1, "maxItems": field.maximum, "items": cell}
    if kind == "csv_names":
        entry = {"$ref": "#/$defs/csv_name"}
        return {"type": "array", "maxItems": field.maximum, "items": entry}
    if kind == "tiles":
        return {"type": "array", "minItems": 1, "maxItems": 12, "items": {"$ref": "#/$defs/tile"}}
    if kind in ("media", "audio", "kiosk", "excerpt", "csv", "deck", "more"):
        return {"$ref": f"#/$defs/{kind}"}
    if kind in ("domains", "milestones", "slides"):
        item = {"domains": "#/$defs/domain", "milestones": "#/$defs/milestone"}.get(kind)
        return {"type": "array", "items": {"$ref": item or "#/$defs/slide"}}
    raise ValueError(f"no schema for field type {kind!r}")


def _one_of_visual() -> list[dict[str, Any]]:
    return [{"required": ["image"]}, {"required": ["video"]}]


def _object(fields: spec.Spec) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for name, field in fields.items():
        prop = _scalar(field)
        if field.doc:
            prop["description"] = field.doc
        if field.default is not None:
            prop["default"] = field.default
        properties[name] = prop
    out: dict[str, Any] = {"type": "object", "properties": properties}
    required = [name for name, field in fields.items() if field.required]
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def _slide() -> dict[str, Any]:
    """One `if kind == X then <X's keys>` branch per kind, so editors complete the right keys."""
    branches = []
    for kind in spec.SLIDES:
        then = _object(spec.slide_spec(kind))
        then["properties"]["kind"] = {"const": kind}
        branches.append({"if": {"properties": {"kind": {"const": kind}}}, "then": then})
    return {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(spec.SLIDES), "description": "Which kind of slide."}},
        "allOf": branches,
    }


def deck_schema() -> dict[str, Any]:
    """The whole format as a JSON-serialisable dict."""
    top = _object(spec.TOP)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "revkiosk deck",
        "description": "A revkiosk slide deck (YAML). See slides/README.md for every key.",
        **top,
        "$defs": {
            "deck": _object(spec.DECK),
            "kiosk": _object(spec.KIOSK),
            "media": {"anyOf": [dict(_PATH), {**_object(spec.MEDIA), "anyOf": _one_of_visual()}]},
            "audio": {"anyOf": [dict(_PATH), {**_object(spec.MEDIA), "required": ["audio"]}]},
            "media_variant": _object(spec.MEDIA_VARIANT),
            "excerpt": _object(spec.EXCERPT),
            "csv": _object(spec.CSV),
            "csv_name": _object(spec.CSV_NAME),
            "compare_item": _object(spec.COMPARE_ITEM),
            "more": _object(spec.MORE),
            "tile": {
                **_object(spec.TILE),
                "oneOf": [{"required": [name]} for name in spec.TILE_TARGETS],
            },
            "domain": _object(spec.DOMAIN),
            "milestone": _object(spec.MILESTONE),
            "slide": _slide(),
        },
    }


def schema_text() -> str:
    """The schema as the exact text `revkiosk schema` writes (stable key order, final newline)."""
    return json.dumps(deck_schema(), indent=2, ensure_ascii=False) + "\n"
