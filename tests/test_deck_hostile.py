"""Hostile or broken files are refused with a clear problem, never a traceback or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from deck_helpers import BASE, load_text, one_problem, problems, write

from revkiosk.deck import yaml_safe
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import DeckError, DeckUnreadable

LOADERS = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object/apply:os.system ['touch pwned']", "!!python/object/apply:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!custom thing", "!custom"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
    ],
)
def test_tags_that_could_build_objects_are_refused(
    tmp_path: Path, loader: type, value: str, shown: str
) -> None:
    text = BASE + f"  - kind: title\n    title: A\n    subtitle: {value}\n"
    found = problems(tmp_path, text, loader)
    assert found[0][:2] == (16, 15)
    assert f"tag {shown} is not allowed" in found[0][2]
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("loader", LOADERS)
def test_billion_laughs_is_refused_before_expanding(tmp_path: Path, loader: type) -> None:
    [(line, _, message)] = problems(tmp_path, BILLION_LAUGHS, loader)
    assert "alias bomb" in message
    assert line <= 6  # stopped early, not after building the ninth level


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    line, column, message = one_problem(tmp_path, "deck: &a {title: *a}\n")
    assert (line, column) == (1, 18) and "no finished anchor &a" in message


def test_plain_aliases_still_work(tmp_path: Path) -> None:
    text = BASE + "  - {kind: title, title: &t Hello, id: a}\n  - {kind: title, title: *t}\n"
    assert [slide.heading for slide in load_text(tmp_path, text).slides] == ["Hello", "Hello"]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("depth", [200, 100_000])
def test_deep_nesting_is_refused_without_recursion(
    tmp_path: Path, loader: type, depth: int
) -> None:
    """libyaml has its own limit (1000 levels); ours (64) applies to both parsers below it."""
    text = "x: " + "[" * depth + "]" * depth + "\n"
    [(line, _, message)] = problems(tmp_path, text, loader)
    assert line == 1
    assert f"more than {yaml_safe.MAX_DEPTH} levels" in message or "nesting depth" in message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * yaml_safe.MAX_BYTES + b"\n")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert not isinstance(caught.value, DeckUnreadable)
    assert "larger than 2 MB" in str(caught.value)


def test_non_utf8_byte_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("deck:\n  title: Café\n".encode("latin-1"))
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    [problem] = caught.value.problems
    assert (problem.location.line, problem.location.column) == (2, 13)
    assert "0xe9 is not valid UTF-8" in problem.message


def test_utf8_bom_and_non_ascii_text_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (BASE + "  - {kind: title, title: Café 東京}\n").encode())
    assert load_deck(path).slides[0].heading == "Café 東京"


def test_symlink_pointing_outside_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"x")
    root = tmp_path / "talk"
    root.mkdir()
    (root / "inside.png").symlink_to(outside)
    path = write(root, BASE + "  - {kind: media, media: inside.png}\n")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    [problem] = caught.value.problems
    assert problem.location.line == 14 and "leads outside the deck root" in problem.message


def test_missing_file_and_directory_are_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DeckUnreadable, match="no such file"):
        load_deck(tmp_path / "nope.yaml")
    with pytest.raises(DeckUnreadable, match="is a directory"):
        load_deck(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unpermitted_file_is_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path, BASE)
    path.chmod(0)
    with pytest.raises(DeckUnreadable, match="permission denied"):
        load_deck(path)


def test_permission_error_is_unreadable_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores file modes, so the OS error is simulated where the loader opens the file."""
    path = write(tmp_path, BASE)

    def refuse(path: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("revkiosk.deck.yaml_safe.open_regular", refuse)
    with pytest.raises(DeckUnreadable, match="permission denied") as caught:
        load_deck(path)
    assert str(caught.value.problems[0].location) == f"{path}:1:1"


def test_unresolvable_paths_are_errors_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "loop1.png").symlink_to(tmp_path / "loop2.png")
    (tmp_path / "loop2.png").symlink_to(tmp_path / "loop1.png")
    text = BASE + (
        '  - {kind: media, media: "a\\0.png"}\n'
        "  - {kind: media, media: loop1.png}\n"
        f"  - {{kind: media, media: {'a' * 300}.png}}\n"
    )
    found = problems(tmp_path, text)
    assert [(line, message.split(": ", 2)[-1][:12]) for line, _, message in found] == [
        (14, "'a\\x00.png' "),
        (15, '"loop1.png" '),
    ]
    assert "control characters" in found[0][2] and "cannot be resolved" in found[1][2]


def test_randomly_damaged_decks_give_deck_errors_only(tmp_path: Path) -> None:
    """Mutation fuzz of the example deck (seeded): any outcome but an unexpected exception."""
    import random

    source = (Path(__file__).resolve().parent.parent / "slides" / "example.yaml").read_text()
    lines = source.splitlines(keepends=True)
    tokens = ["[", "}", ": ", "- ", "&a ", "*a", "!x ", "~", "yes", "1e400", '"', "#", "\t", "é"]
    rng = random.Random(2012)
    for _ in range(150):
        damaged = list(lines)
        for _ in range(rng.randint(1, 3)):
            row = rng.randrange(len(damaged))
            cut = rng.randrange(len(damaged[row]) + 1)
            damaged[row] = damaged[row][:cut] + rng.choice(tokens + [""]) + damaged[row][cut + 2 :]
        try:
            load_text(tmp_path, "".join(damaged))
        except DeckError:
            pass


def test_many_aliases_are_refused_even_when_small(tmp_path: Path) -> None:
    text = "x: &x 1\ny: [" + ", ".join(["*x"] * (yaml_safe.MAX_ALIASES + 1)) + "]\n"
    [(line, _, message)] = problems(tmp_path, text)
    assert line == 2 and f"more than {yaml_safe.MAX_ALIASES} aliases" in message
