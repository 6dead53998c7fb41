"""The codebase's own rules, checked on every run: import contracts, types, lint, format, and
where widgets may live. Each fails with the tool's own report, naming the file and line."""

from __future__ import annotations

import importlib
import inspect
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "revkiosk"
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = BIN / tool
    if not executable.exists():
        found = shutil.which(tool)
        if found is None:
            pytest.fail(f"{tool} is not installed (bash scripts/setup.sh --test installs it)")
        executable = Path(found)
    return subprocess.run(
        [str(executable), *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_import_contracts_hold() -> None:
    """Layers point down, no circles between files, the Qt-free core imports no Qt."""
    result = run("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_qt_free_core_type_checks() -> None:
    result = run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr


def test_lint_and_format() -> None:
    paths = ("src", "tests", "benchmarks", "scripts", "packaging")
    lint = run("ruff", "check", *paths)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = run("ruff", "format", "--check", *paths)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def _widget_classes(module_name: str) -> list[str]:
    """Classes defined in `module_name` that are QWidgets (directly or through ours)."""
    from PySide6.QtWidgets import QWidget

    module = importlib.import_module(module_name)
    return [
        f"{module_name}.{name}"
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ == module_name and issubclass(value, QWidget)
    ]


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_nothing_outside_ui_defines_a_widget() -> None:
    outside = [
        p for p in SRC.rglob("*.py") if p.relative_to(SRC).parts[0] not in ("ui", "__main__.py")
    ]
    assert len(outside) > 20
    offenders = [cls for path in outside for cls in _widget_classes(_module_name(path))]
    assert offenders == [], "widgets belong under revkiosk/ui/: " + ", ".join(offenders)


def test_the_widget_check_sees_a_widget() -> None:
    """The check above is not vacuous: it finds the widgets of a ui module."""
    assert "revkiosk.ui.attract_hint.AttractHint" in _widget_classes("revkiosk.ui.attract_hint")
