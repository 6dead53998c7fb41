"""Read `settings.yaml` with the same bounded, safe YAML reader as decks.

The settings file sits on the kiosk machine, but whoever can write it must not be able to stop
the show: `yaml.safe_load` recurses (a file nested 5,000 deep overflows the stack and crashes the
player at start-up) and expands aliases (a 481-byte alias bomb becomes billions of values, and
the notice describing it never finishes). So the file goes through `deck.yaml_safe` (size cap,
regular files only, bounded depth, node count and alias expansion, no tags) before any of it
becomes Python, and a value that is not what its setting takes is reported
by a short repr (`shown`), never in full.
"""

from __future__ import annotations

import reprlib
from pathlib import Path
from typing import Any

from revkiosk.safe_files import SETTINGS_BYTES, read_bytes

_SHORT = reprlib.Repr()
_SHORT.maxstring = 60
_SHORT.maxother = 60
_SHORT.maxlevel = 1
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = 3


def shown(value: object) -> str:
    """A short repr for a notice: never longer than a line, whatever the value holds."""
    return _SHORT.repr(value)


class Shape:
    """A non-scalar setting value, kept only as what it looks like ("a list", "a mapping")."""

    def __init__(self, description: str) -> None:
        self.description = description

    def __repr__(self) -> str:
        return self.description


def read_document(path: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """The settings file as {key: scalar or Shape}, or None (missing file, or unusable: then
    a notice says why). Never raises. PyYAML is imported only when there is a file (start-up
    without one stays without it)."""
    try:
        data = read_bytes(path, SETTINGS_BYTES)
    except FileNotFoundError:
        return None, []
    except OSError as error:
        return None, [f"{path}: cannot be read ({error.strerror or error}); using default settings"]
    from revkiosk.deck.yaml_safe import YamlProblem, compose

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [f"{path}: not UTF-8 text; using default settings"]
    try:
        root, problems = compose(text)
    except YamlProblem as problem:
        where = f"{path}:{problem.line}:{problem.column}"
        return None, [f"{where}: {problem.message}; using default settings"]
    notices = [f"{path}:{p.line}:{p.column}: {p.message}; using default settings" for p in problems]
    if notices:
        return None, notices
    return _plain(root, path)


def _plain(root: Any, path: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """The document as plain Python. The reader bounded it already (depth, values after alias
    expansion), so this never builds anything big; notices describe values with `shown()`."""
    from yaml.nodes import MappingNode, ScalarNode

    if root is None:
        return {}, []
    if not isinstance(root, MappingNode):
        return None, [f"{path}: expected a mapping of settings; using defaults"]
    values: dict[str, Any] = {}
    for key, value in root.value:
        if not isinstance(key, ScalarNode):
            line = key.start_mark.line + 1
            return None, [f"{path}:{line}: keys must be plain words; using default settings"]
        if (
            key.value == "pin"
            and isinstance(value, ScalarNode)
            and value.tag.endswith((":int", ":float"))
        ):
            values[key.value] = value.value  # as written: `pin: 0123` is "0123", not octal 83
            continue
        values[key.value] = _value(value)
    return values, []


def _value(node: Any) -> Any:
    from yaml.constructor import ConstructorError, SafeConstructor
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, ScalarNode):
        try:
            return SafeConstructor().construct_object(node, deep=False)
        except (ConstructorError, ValueError, OverflowError):
            return Shape("a value YAML cannot read")
    if isinstance(node, SequenceNode):
        return [_value(item) for item in node.value]
    if isinstance(node, MappingNode):
        built: dict[Any, Any] = {}
        for key, item in node.value:
            if not isinstance(key, ScalarNode):
                return Shape("a mapping with a key that is not a word")
            built[key.value] = _value(item)
        return built
    return Shape("something else")
