"""`revkiosk check` and `revkiosk schema` as a user runs them, and the Qt-free import rule."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from deck_helpers import BASE, write

from revkiosk.commands import check, schema

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "slides" / "example.yaml"
TEN = REPO / "tests" / "fixtures" / "decks" / "slides" / "ten_mistakes.yaml"
SHIPPED_SCHEMA = REPO / "docs" / "deck.schema.json"


def run_check(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    status = check.main([str(a) for a in args], out=out)
    return status, out.getvalue()


def test_clean_deck_exits_0_and_prints_nothing() -> None:
    assert run_check(EXAMPLE) == (0, "")


def test_warnings_alone_still_exit_0(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "  - {kind: media, media: gone.png}\n")
    status, text = run_check(path)
    assert status == 0
    missing, no_alt = text.splitlines()
    assert missing == (
        f'{path}:14:26: warning: slide 1 (media): media: file "gone.png" not found '
        f"(under {tmp_path})"
    )
    assert no_alt.startswith(f"{path}:14:26: warning: slide 1 (media): media: the picture has")


def test_errors_exit_1_one_line_each() -> None:
    status, text = run_check(TEN)
    lines = text.splitlines()
    assert status == 1 and len(lines) == 10
    assert lines[0] == (
        f'{TEN}:4:10: error: deck: theme: unknown value "drak" (did you mean "dark"?)'
    )
    assert all(line.startswith(f"{TEN}:") and ": error: " in line for line in lines)


def test_unreadable_file_exits_2_even_next_to_a_broken_one(tmp_path: Path) -> None:
    status, text = run_check(TEN, tmp_path / "missing.yaml", EXAMPLE)
    assert status == 2
    assert f"{tmp_path / 'missing.yaml'}:1:1: error: no such file" in text.splitlines()


def test_json_output_carries_the_same_problems() -> None:
    status, text = run_check("--json", TEN)
    found = json.loads(text)
    assert status == 1 and len(found) == 10
    assert found[0] == {
        "file": str(TEN),
        "line": 4,
        "column": 10,
        "severity": "error",
        "message": 'deck: theme: unknown value "drak" (did you mean "dark"?)',
    }
    assert run_check("--json", EXAMPLE) == (0, "[]\n")


def test_check_runs_as_a_real_command() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "revkiosk", "check", str(TEN)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 10
    assert "FAILED (10 errors, 0 warnings)" in result.stderr


def test_shipped_schema_is_what_the_command_writes(tmp_path: Path) -> None:
    out = io.StringIO()
    assert schema.main([], out=out) == 0
    assert out.getvalue() == SHIPPED_SCHEMA.read_text(encoding="utf-8"), (
        "docs/deck.schema.json is stale: run `revkiosk schema --output docs/deck.schema.json`"
    )
    target = tmp_path / "s.json"
    assert schema.main(["--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")
    assert schema.main(["--output", str(tmp_path / "no" / "dir" / "s.json")]) == 2


def test_schema_lists_every_kind_and_key() -> None:
    data = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    slide = data["$defs"]["slide"]
    assert slide["properties"]["kind"]["enum"] == [
        "title",
        "section",
        "milestone",
        "text",
        "quote",
        "media",
        "plot",
        "compare",
        "timeline",
        "hub",
    ]
    text_branch = next(
        b["then"] for b in slide["allOf"] if b["if"]["properties"]["kind"]["const"] == "text"
    )
    assert {"title", "body", "bullets", "notes", "seconds", "audio", "links"} <= set(
        text_branch["properties"]
    )
    assert text_branch["additionalProperties"] is False


def _json_ready(value: object) -> object:
    """YAML dates become the strings an editor's JSON view of the file would hold."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def test_example_deck_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    validator = jsonschema.Draft202012Validator(data)
    example = _json_ready(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(example)) == []
    broken = _json_ready(yaml.safe_load(TEN.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(broken))


BLOCK_QT = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6"):
            raise ImportError("blocked: " + name)
        return None
sys.meta_path.insert(0, Block())
from pathlib import Path
from revkiosk.deck.load import load_deck
from revkiosk.commands import check, schema
deck = load_deck(Path(sys.argv[1]))
assert check.main([sys.argv[1], "--no-layout"]) == 0  # laying slides out needs Qt
schema.main(["--output", sys.argv[2]])
assert not [m for m in sys.modules if m.startswith(("PySide6", "pyqtgraph"))]
print("ok", len(deck.slides))
"""


def test_deck_package_and_commands_import_without_qt(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, str(EXAMPLE), str(tmp_path / "s.json")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok 12")


def test_format_readme_documents_every_key_and_kind() -> None:
    from revkiosk.deck import spec

    readme = (REPO / "slides" / "README.md").read_text(encoding="utf-8")
    tables = [spec.TOP, spec.DECK, spec.KIOSK, spec.DOMAIN, spec.MILESTONE, spec.COMMON_SLIDE]
    tables += [*spec.SLIDES.values(), spec.MEDIA, spec.EXCERPT, spec.CSV, spec.COMPARE_ITEM]
    missing = [key for table in tables for key in table if f"| `{key}` |" not in readme]
    assert missing == []
    assert all(f"#### `kind: {kind}`" in readme for kind in spec.SLIDES)


@pytest.mark.parametrize(
    ("name", "where", "fragment"),
    [
        ("billion_laughs.yaml", "7:11", "alias bomb"),
        ("python_tag.yaml", "3:10", "tag !!python/object/apply:os.system is not allowed"),
        ("not_utf8.yaml", "3:13", "byte 0xe9 is not valid UTF-8"),
        ("syntax_error.yaml", "6:5", "YAML syntax"),
        ("empty.yaml", "1:1", "a deck is a mapping"),
        ("no_slides.yaml", "4:9", "at least one slide"),
    ],
)
def test_broken_fixture_decks_fail_with_one_located_error(
    name: str, where: str, fragment: str
) -> None:
    path = REPO / "tests" / "fixtures" / "decks" / name
    status, text = run_check(path)
    assert status == 1
    [line] = text.splitlines()  # one mistake, one line: no follow-on noise
    assert line.startswith(f"{path}:{where}: error: ") and fragment in line
