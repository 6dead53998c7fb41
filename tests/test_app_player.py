"""The assembled player: resume across instances, --start/--no-resume, broken settings and
broken decks shown on screen (real loader, real YAML files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from revkiosk import settings as s
from revkiosk.app import build_player
from revkiosk.settings import Settings

DECK = """\
deck:
  title: Player test
  theme: {theme}
slides:
  - {{kind: title, title: Hello}}
  - {{kind: text, title: Two}}
  - {{kind: text, title: Three}}
  - {{kind: quote, text: Four}}
  - {{kind: text, title: Five}}
  - {{kind: section, title: Six}}
"""


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK.format(theme="dark"), encoding="utf-8")
    return path


def start(qtbot, *argv: str):
    player = build_player(list(argv))
    qtbot.addWidget(player.window)
    player.window.show()
    return player


def test_resume_across_two_player_instances(qtbot, deck_file) -> None:
    first = start(qtbot, str(deck_file))
    assert first.navigator.index == 0
    first.navigator.go(3)
    qtbot.waitUntil(lambda: s.load_resume(deck_file) == 3, timeout=3000)  # saved by itself
    first.window.close()
    second = start(qtbot, str(deck_file))
    assert second.navigator.index == 3
    assert second.window.stage.current_index == 3


def test_start_overrides_resume_and_no_resume_ignores_it(qtbot, deck_file) -> None:
    s.save_resume(deck_file, 4)
    assert start(qtbot, str(deck_file), "--start", "2").navigator.index == 1
    assert start(qtbot, str(deck_file), "--no-resume").navigator.index == 0
    assert start(qtbot, str(deck_file), "--start", "99").navigator.index == 5  # clamped
    assert start(qtbot, str(deck_file)).navigator.index == 4


def test_resume_false_in_settings_starts_at_the_top(qtbot, deck_file) -> None:
    s.save_resume(deck_file, 4)
    s.settings_path().parent.mkdir(parents=True, exist_ok=True)
    s.settings_path().write_text("resume: false\n", encoding="utf-8")
    assert start(qtbot, str(deck_file)).navigator.index == 0


def test_a_broken_settings_file_uses_defaults_and_says_so_on_screen(qtbot, deck_file) -> None:
    s.settings_path().parent.mkdir(parents=True, exist_ok=True)
    s.settings_path().write_text("transition: [fade\n", encoding="utf-8")
    player = start(qtbot, str(deck_file))
    assert player.settings == Settings()
    assert player.window.notice.isVisible()
    assert "settings.yaml" in player.window.notice.messages[0]
    assert player.navigator.count == 6  # the show still starts


def test_a_deck_with_errors_shows_its_problems_instead_of_exiting(qtbot, tmp_path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("deck:\n  title: X\nslides:\n  - {kind: tittle, title: A}\n", encoding="utf-8")
    player = start(qtbot, str(path))
    screen = player.window.error_screen
    assert screen.isVisible()
    assert player.deck is None and player.navigator.count == 0
    assert any(line.startswith("broken.yaml:4:") and "error" in line for line in screen.problems)
    player.window.trigger("next")  # keys do nothing harmful on the error screen


def test_reload_after_fixing_the_deck_shows_it(qtbot, tmp_path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text("deck: {title: X}\nslides: [{kind: nope}]\n", encoding="utf-8")
    player = start(qtbot, str(path))
    assert player.window.error_screen.isVisible()
    path.write_text(DECK.format(theme="dark"), encoding="utf-8")
    player.window.trigger("reload")
    assert not player.window.error_screen.isVisible()
    assert player.navigator.count == 6


def test_a_missing_deck_file_is_shown_not_a_traceback(qtbot, tmp_path) -> None:
    player = start(qtbot, str(tmp_path / "nope.yaml"))
    assert player.window.error_screen.isVisible()
    assert any("no such file" in line for line in player.window.error_screen.problems)


def test_the_deck_theme_applies_unless_overridden(qtbot, tmp_path) -> None:
    path = tmp_path / "light.yaml"
    path.write_text(DECK.format(theme="light"), encoding="utf-8")
    assert start(qtbot, str(path)).window.theme.name == "light"
    assert start(qtbot, str(path), "--theme", "dark").window.theme.name == "dark"


def test_no_deck_argument_plays_the_bundled_deck(qtbot) -> None:
    from revkiosk.options import resolve_deck_path

    path = resolve_deck_path(None)
    assert path.name in ("deep-learning-revolution.yaml", "example.yaml") and path.exists()


def test_a_missing_screen_falls_back_to_the_primary_with_a_notice(qtbot, deck_file) -> None:
    from PySide6.QtGui import QGuiApplication

    player = start(qtbot, str(deck_file), "--screen", "9")
    assert player.window.screen() == QGuiApplication.primaryScreen()
    assert any("Screen 9 not found" in m for m in player.window.notice.messages)
    assert (
        start(qtbot, str(deck_file), "--screen", "1").window.screen()
        == (QGuiApplication.screens()[0])
    )


def test_timeline_and_presenter_plug_in_through_their_actions(qtbot, deck_file) -> None:
    from revkiosk.app import install_parts

    player = start(qtbot, str(deck_file))
    install_parts(player)
    assert {"timeline", "presenter"} <= set(player.parts)
    assert {"timeline", "presenter"} <= set(player.window.actions.hooks)
    assert player.window.trigger("timeline")  # handled by the strip
    messages = player.window.notice.messages if player.window.is_shown("notice") else []
    assert not any("not available" in m for m in messages)
    player.parts["presenter"].close()


def test_fullscreen_flag_and_hidden_progress(qtbot, deck_file) -> None:
    s.settings_path().parent.mkdir(parents=True, exist_ok=True)
    s.settings_path().write_text("show_progress: false\n", encoding="utf-8")
    player = start(qtbot, str(deck_file), "--fullscreen", "--start", "3")
    assert player.window.is_fullscreen()
    assert not player.window.progress.isVisible()


def test_what_the_chart_warm_up_imported_is_set_aside_from_the_collector() -> None:
    """Issue 21: a full collection walked numpy's and pyqtgraph's objects (~25 ms) at whatever
    key press it landed on; after the warm-up they are set aside, garbage collected first."""
    import gc

    from revkiosk.first_paint import set_aside_long_lived

    class Cycle:
        pass

    gc.freeze()  # what `resume_gc` did at the first paint (the player's own process)
    garbage = Cycle()  # made after it, as the chart modules are
    garbage.me = garbage  # type: ignore[attr-defined]
    before = gc.get_freeze_count()
    found: list[object] = []
    gc.callbacks.append(lambda phase, info: found.append(info) if phase == "stop" else None)
    del garbage
    try:
        set_aside_long_lived()
        assert gc.get_freeze_count() > before  # set aside …
        assert any(info["collected"] for info in found)  # … after the garbage went
    finally:
        gc.callbacks.pop()
        gc.unfreeze()
