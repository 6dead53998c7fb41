"""Where bundled things live, whether revkiosk runs from a checkout, a wheel or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_DECK_NAME = "deep-learning-revolution.yaml"


def content_root() -> Path:
    """The folder holding `slides/` and `media/`.

    A wheel and a PyInstaller build carry them in `revkiosk/_bundled`; a checkout (editable
    install or `PYTHONPATH=src`) has them at the top of the repository.
    """
    candidates = [PACKAGE_DIR / "_bundled"]
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        candidates.insert(0, Path(frozen_base) / "revkiosk" / "_bundled")
    candidates.append(PACKAGE_DIR.parent.parent)
    for candidate in candidates:
        if (candidate / "slides").is_dir():
            return candidate
    return candidates[-1]


def default_deck() -> Path:
    """The deck `revkiosk` plays with no argument."""
    return content_root() / "slides" / DEFAULT_DECK_NAME


def package_file(*parts: str) -> Path:
    """A file shipped inside the package (fonts, dataset, icons)."""
    return PACKAGE_DIR.joinpath(*parts)


def self_command() -> list[str]:
    """How to run this revkiosk again in a child process: the frozen executable itself, or
    this Python with `-m revkiosk`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "revkiosk"]
