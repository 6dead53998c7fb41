"""What a translation must keep from its source: placeholders and Markdown.

`{count}` in a player string is filled in by the program, so a translation that drops or renames
it would show the wrong thing or fail; `**bold**`, `*italic*`, list items (`- `) and links in
speaker notes would render as stray asterisks if a translation unbalanced them. Both are errors
in `revkiosk check`, and such a translation is not used (the source text shows instead).
"""

from __future__ import annotations

import re
from collections import Counter

_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_MARKUP = {
    "bold (**)": re.compile(r"\*\*"),
    "italic (*)": re.compile(r"(?<![*\w])\*(?=[^\s*])|(?<=[^\s*])\*(?![*\w])"),
    "code (`)": re.compile(r"`"),
    "list items (- at the start of a line)": re.compile(r"(?m)^[ \t]*[-*+] "),
    "links [text](address)": re.compile(r"\]\("),
}


def placeholders(text: str) -> Counter[str]:
    """`{name}` fields (Python's str.format), counted."""
    return Counter(_PLACEHOLDER.findall(text))


def placeholder_problem(source: str, translation: str) -> str | None:
    """Why the translation's placeholders do not match the source's, or None."""
    want, got = placeholders(source), placeholders(translation)
    if want == got:
        return None
    missing = sorted((want - got).elements())
    extra = sorted((got - want).elements())
    parts = []
    if missing:
        parts.append("missing " + ", ".join("{" + name + "}" for name in missing))
    if extra:
        parts.append("unknown " + ", ".join("{" + name + "}" for name in extra))
    return "placeholders differ from the source: " + "; ".join(parts)


def markdown_problem(source: str, translation: str) -> str | None:
    """Which Markdown marks the translation has a different number of, or None."""
    differences = []
    for name, pattern in _MARKUP.items():
        want, got = len(pattern.findall(source)), len(pattern.findall(translation))
        if want != got:
            differences.append(f"{name}: {want} in the source, {got} in the translation")
    return "Markdown differs from the source: " + "; ".join(differences) if differences else None


def problem(source: str, translation: str) -> str | None:
    """The first reason a translation cannot be used in place of its source, or None."""
    return placeholder_problem(source, translation) or markdown_problem(source, translation)


__all__ = ["markdown_problem", "placeholder_problem", "placeholders", "problem"]
