"""The control bar on a narrow screen: when every label does not fit, buttons whose icon says
enough show it alone, so no two buttons overlap (they did on a 1080-pixel-wide totem in German)."""

from __future__ import annotations

from pathlib import Path

from i18n_helpers import translated_deck
from window_helpers import window_for

from revkiosk.ui.access import install_access
from revkiosk.ui.controls import controls_of
from revkiosk.ui.explore import install_explore
from revkiosk.ui.language_chooser import install_languages


def bar_in(tmp_path: Path, qtbot, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    deck, _po = translated_deck(tmp_path)
    window, navigator, show = window_for(deck, start=1)
    qtbot.addWidget(window)
    install_explore(window, navigator, show, controls=True)
    install_access(window, show, navigator)
    chooser = install_languages(window, show)
    window.resize(*size)
    window.show()
    qtbot.waitUntil(lambda: chooser.button is not None and chooser.button.isVisible(), timeout=5000)
    show.set_language("fr")
    qtbot.wait(50)
    bar = controls_of(window)
    assert bar is not None
    return bar, [b for b in bar.controls.values() if b.isVisible()]


def test_a_narrow_bar_shows_icons_alone_rather_than_overlapping(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    bar, shown = bar_in(tmp_path, qtbot, (600, 1067))
    boxes = sorted((b.geometry() for b in shown), key=lambda r: r.x())
    assert len(boxes) >= 5
    assert all(a.right() < b.left() for a, b in zip(boxes, boxes[1:], strict=False))
    assert all(0 <= box.left() and box.right() < bar.width() for box in boxes)
    alone = {b.control.name for b in shown if b.icon_alone}
    assert {"back", "next"} <= alone  # the arrows go first
    assert not bar.controls["language"].icon_alone  # "Français" stays: a visitor looks for it


def test_a_wide_bar_keeps_every_label(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    _bar, shown = bar_in(tmp_path, qtbot, (1920, 1080))
    assert shown and not any(b.icon_alone for b in shown)
