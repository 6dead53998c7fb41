"""Reading and writing gettext PO files with Babel, and saying exactly where one is broken.

Babel's parser is lenient (it prints a warning and carries on, and takes `msgstr "abc` without
its closing quote), so `read_po_file` also checks every line's shape itself and reports each
problem as a `Problem` at its `file:line`, the way `revkiosk check` prints deck problems. A
broken catalog is never used: the caller falls back to the deck's own language.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, write_po

from revkiosk.deck.model import Location, Problem

MAX_PO_BYTES = 8 * 1024 * 1024
DECK_PROJECT = "revkiosk deck"  # Project-Id-Version: "revkiosk deck <deck file name>"
_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(.*)$")
_QUOTED = re.compile(r'^"(?:[^"\\]|\\.)*"$')


@dataclass
class PoFile:
    """A parsed PO file: Babel's catalog (None when it could not be read) and its problems."""

    path: Path
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.catalog is not None and not any(p.severity == "error" for p in self.problems)


class _Parser(PoFileParser):
    """Babel's parser, collecting its complaints as located problems instead of printing."""

    def __init__(self, catalog: Catalog, path: Path, problems: list[Problem]) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=False)
        self.path, self.problems = path, problems

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        self.problems.append(Problem(Location(self.path, lineno + 1, 1), "error", msg))


def _shape_problems(path: Path, lines: list[str]) -> list[Problem]:
    """Lines Babel would misread: unquoted or unterminated strings, unknown keywords."""
    problems = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
        elif not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            text = line
        else:
            match = _KEYWORD.match(line)
            if match is None:
                word = line.split()[0]
                problems.append(
                    Problem(Location(path, number, 1), "error", f"unknown keyword {word!r}")
                )
                continue
            text = match[2]
        if not _QUOTED.match(text):
            column = len(raw) - len(raw.lstrip()) + line.index(text) + 1 if text in line else 1
            problems.append(
                Problem(
                    Location(path, number, column),
                    "error",
                    'a string must be in double quotes, "like this" (a quote inside is \\")',
                )
            )
    return problems


def read_po_text(text: str, path: Path) -> PoFile:
    """Parse PO text (as read from `path`); problems are located in `path`."""
    problems = _shape_problems(path, text.splitlines())
    catalog = Catalog()
    parser = _Parser(catalog, path, problems)
    try:
        parser.parse(io.StringIO(text))
    except (PoFileError, UnknownLocaleError, ValueError) as error:
        line = getattr(error, "lineno", 0) + 1
        problems.append(Problem(Location(path, line, 1), "error", str(error)))
        return PoFile(path, None, _unique(problems))
    problems += _duplicates(path, text)
    return PoFile(path, catalog, _unique(problems))


def read_po_file(path: Path) -> PoFile:
    """Read a PO file; an unreadable file is one problem at line 1."""
    try:
        if path.stat().st_size > MAX_PO_BYTES:
            message = f"larger than {MAX_PO_BYTES // (1024 * 1024)} MB; not read"
            return PoFile(path, None, [Problem(Location(path, 1, 1), "error", message)])
        data = path.read_bytes()
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
        return PoFile(path, None, [Problem(Location(path, 1, 1), "error", message)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"byte 0x{data[error.start]:02x} is not valid UTF-8 (save the file as UTF-8)"
        return PoFile(path, None, [Problem(Location(path, line, 1), "error", message)])
    return read_po_text(text, path)


def _duplicates(path: Path, text: str) -> list[Problem]:
    """An entry written twice (same msgctxt and msgid): Babel silently keeps the last."""
    seen: dict[tuple[str | None, str], int] = {}
    problems = []
    context: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("msgctxt "):
            context = stripped[8:]
        elif stripped.startswith("msgid ") and stripped != 'msgid ""':
            key = (context, stripped[6:])
            if key in seen:
                problems.append(
                    Problem(
                        Location(path, number, 1),
                        "error",
                        f"duplicate entry (first on line {seen[key]})",
                    )
                )
            seen.setdefault(key, number)
            context = None
        elif stripped.startswith("msgid "):
            context = None
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    out: dict[tuple[int, str], Problem] = {}
    for problem in problems:
        out.setdefault((problem.location.line, problem.message), problem)
    return sorted(out.values(), key=lambda p: (p.location.line, p.location.column))


def po_text(catalog: Catalog, *, width: int = 79) -> str:
    """A catalog as PO text (previous msgids kept, for translators' diff views)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=width, include_previous=True, sort_output=False)
    return buffer.getvalue().decode(catalog.charset or "utf-8")


def write_po_file(path: Path, catalog: Catalog) -> None:
    """Write atomically: a translator's editor or a running kiosk never reads half a file."""
    text = po_text(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def usable(message: Message) -> bool:
    """A translated, non-fuzzy entry (what gettext itself would use)."""
    return bool(message.id) and bool(message.string) and not message.fuzzy


def previous_source(message: Message) -> str | None:
    """The source text a fuzzy entry was translated from (`#| msgid "…"`), if recorded.

    Babel writes these lines but reads them back as translator comments starting with "|".
    """
    if message.previous_id:
        return str(message.previous_id[0] if isinstance(message.previous_id, (list, tuple))
                   else message.previous_id)  # fmt: skip
    parts = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if not parts or not parts[0].startswith("msgid "):
        return None
    pieces = [parts[0][6:], *[p for p in parts[1:] if p.startswith('"')]]
    return "".join(_unquote(p) for p in pieces)


def _unquote(text: str) -> str:
    from babel.messages.pofile import unescape

    return unescape(text) if _QUOTED.match(text) else ""


__all__ = [
    "DECK_PROJECT",
    "PoFile",
    "po_text",
    "previous_source",
    "read_po_file",
    "read_po_text",
    "usable",
    "write_po_file",
]
