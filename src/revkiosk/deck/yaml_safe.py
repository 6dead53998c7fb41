"""Read a YAML file into plain nodes that keep their positions, refusing hostile input.

Decks come from authors and, in a museum, from whoever can reach the USB port, so the reader
treats the file as untrusted: a size cap, strict UTF-8, no tags that could construct objects,
bounded nesting and a bound on how far aliases may expand (the "billion laughs" bomb is refused
before anything big is built). Composition is our own, iterative loop over parser events: it
never recurses (deep nesting cannot overflow the stack) and it sees every alias as it happens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from revkiosk.safe_files import FileTooLarge, open_regular

try:
    FastLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    FastLoader = yaml.SafeLoader

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000  # after alias expansion; a full deck is a few thousand
MAX_ALIASES = 10_000

_STD = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _STD + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


class YamlProblem(Exception):
    """The text cannot be turned into nodes; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.node: Node | None = None  # a refused-tag node: later checks stay quiet about it


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as UTF-8 (a BOM is fine). OSError propagates: the caller says "unreadable".

    Raises YamlProblem for a file over the size cap or bytes that are not UTF-8, naming the line
    and column of the first bad byte.
    """
    too_large = YamlProblem(f"file is larger than {_size(max_bytes)}; decks are text")
    try:
        with open_regular(path, max_bytes) as handle:  # a FIFO or device is refused unopened
            data = handle.read(max_bytes + 1)
    except FileTooLarge:
        raise too_large from None
    if len(data) > max_bytes:
        raise too_large
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            line,
            column,
        ) from None


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


# PyYAML also ends a line at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors do not, so
# after one of them its line numbers would be off. Marks are recomputed from the character
# index then (the C and the pure-Python loader both count characters).
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _mark(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a PyYAML mark (C or Python), (1, 1) without one."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _EditorLines:
    """Maps PyYAML marks to lines and columns as an editor counts them (only CR, LF, CRLF end
    a line). Used only for text holding one of the characters PyYAML alone breaks at."""

    def __init__(self, text: str) -> None:
        import bisect
        import re

        self._bisect = bisect.bisect_right
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def mark(self, mark: Any) -> Any:
        if mark is None:
            return None
        line = self._bisect(self._starts, mark.index) - 1
        column = mark.index - self._starts[line]
        return Mark(mark.name, mark.index, line, column, None, 0)


def compose(text: str, loader: type = FastLoader) -> tuple[Node | None, list[YamlProblem]]:
    """Compose one YAML document into nodes; returns (root or None, non-fatal problems).

    Disallowed tags are non-fatal (the node is read as if untagged, so later checks still run);
    syntax errors, bombs, deep nesting and recursive aliases raise YamlProblem.
    """
    problems: list[YamlProblem] = []
    parser = None
    lines = _EditorLines(text) if any(c in text for c in _YAML_ONLY_BREAKS) else None
    fix = lines.mark if lines is not None else _same
    try:
        parser = loader(text)  # the pure-Python reader checks characters right here
        return _compose(parser, problems, fix), problems
    except yaml.MarkedYAMLError as exc:
        line, column = _mark(fix(exc.problem_mark or exc.context_mark))
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        raise YamlProblem(f"YAML syntax: {message}", line, column) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        raise YamlProblem(
            f"character #x{exc.character:04x} is not allowed in YAML", line, column
        ) from None
    except yaml.YAMLError as exc:  # anything else the parser can say
        raise YamlProblem(f"YAML: {exc}") from None
    finally:
        if parser is not None:
            parser.dispose()


def _same(mark: Any) -> Any:
    return mark


def _compose(parser: Any, problems: list[YamlProblem], fix: Any = _same) -> Node | None:
    """Build nodes from parser events (parser and events are untyped in PyYAML's stubs)."""
    anchors: dict[str, tuple[Node, int]] = {}
    # Each open collection: (node, expanded size so far, anchor, pending mapping key).
    stack: list[list[Any]] = []
    total = 0
    aliases = 0
    root: Node | None = None
    documents = 0

    def attach(node: Node, size: int) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        frame[1] += size
        parent = frame[0]
        if isinstance(parent, SequenceNode):
            parent.value.append(node)
        elif frame[3] is None:
            frame[3] = node
        else:
            parent.value.append((frame[3], node))
            frame[3] = None

    def tag_of(event: Any, kind: type[Node], value: str | None) -> str:
        tag: str | None = event.tag
        if tag is not None and tag != "!" and tag not in ALLOWED_TAGS:
            shown = tag.replace(_STD, "!!")
            problems.append(
                YamlProblem(
                    f"tag {shown} is not allowed: decks are plain data "
                    "(text, numbers, lists, mappings)",
                    *_mark(fix(event.start_mark)),
                )
            )
            tag = None
        if tag is None or tag == "!":
            implicit = event.implicit if kind is ScalarNode else True
            return str(parser.resolve(kind, value, implicit))
        return tag

    # Ordered by frequency; `type(...) is` keeps the per-event cost low on 1000-line decks.
    while parser.check_event():
        event = parser.get_event()
        cls = type(event)
        if cls is yaml.ScalarEvent:
            total += 1
            if total > MAX_NODES:
                raise YamlProblem(f"more than {MAX_NODES} values", *_mark(fix(event.start_mark)))
            tag = event.tag
            if tag is None:
                tag = parser.resolve(ScalarNode, event.value, event.implicit)
            else:
                tag = tag_of(event, ScalarNode, event.value)
            node: Node = ScalarNode(
                tag, event.value, fix(event.start_mark), fix(event.end_mark), event.style
            )
            if event.tag is not None and problems and problems[-1].node is None:
                problems[-1].node = node
            if event.anchor:
                anchors[event.anchor] = (node, 1)
            attach(node, 1)
        elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
            total += 1
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    f"nested more than {MAX_DEPTH} levels deep", *_mark(fix(event.start_mark))
                )
            kind = SequenceNode if cls is yaml.SequenceStartEvent else MappingNode
            node = kind(
                tag_of(event, kind, None), [], fix(event.start_mark), None, event.flow_style
            )
            if event.tag is not None and problems and problems[-1].node is None:
                problems[-1].node = node
            stack.append([node, 1, event.anchor, None])
        elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            node, size, anchor, _ = stack.pop()
            node.end_mark = fix(event.end_mark)
            if anchor:
                anchors[anchor] = (node, size)
            attach(node, size)
        elif cls is yaml.AliasEvent:
            aliases += 1
            if event.anchor not in anchors:
                raise YamlProblem(
                    f"alias *{event.anchor} refers to no finished anchor &{event.anchor}",
                    *_mark(fix(event.start_mark)),
                )
            node, size = anchors[event.anchor]
            total += size
            if aliases > MAX_ALIASES or total > MAX_NODES:
                limit = (
                    f"more than {MAX_ALIASES} aliases"
                    if aliases > MAX_ALIASES
                    else f"aliases expand past {MAX_NODES} values"
                )
                raise YamlProblem(
                    f"{limit} (an alias bomb?); refusing the file", *_mark(fix(event.start_mark))
                )
            attach(node, size)
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlProblem(
                    "only one YAML document per deck file (found a second `---`)",
                    *_mark(fix(event.start_mark)),
                )
    return root
