"""Issue 22, class 1: no error in the kiosk's own set-up leaves an open kiosk.

Before: when starting the kiosk session raised (a media name over 255 bytes made a path check
raise ENAMETOOLONG; a `slide_seconds` beyond a Qt timer's int32 milliseconds overflowed), the
player carried on full screen with no guard, policy, heartbeat or attract loop, and Esc or
Ctrl+Q then ended it with status 0 — the technician's exit, for the supervisor and systemd.
Now a broken part locks the kiosk (every action refused, all input but the exit chord
swallowed, heartbeat on, the reason in the status file), a broken core ends the player with a
failure status, and only the exit chord ends it with 0. Every time and count in the deck format
and in settings has a maximum.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from deck_helpers import BASE, problems
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from revkiosk.app import build_player
from revkiosk.deck import spec
from revkiosk.kiosk.status import read_json, status_path
from revkiosk.settings import parse_settings

REPO = Path(__file__).resolve().parent.parent
DRIVER = REPO / "tests" / "kiosk_driver.py"
DECK = """deck:
  title: Locked
  kiosk: {idle_seconds: 60}
slides:
  - {kind: title, title: One}
  - {kind: text, title: Two, body: hello}
"""
MODS = Qt.KeyboardModifier
ESCAPES = [
    (Qt.Key.Key_Escape, MODS.NoModifier),
    (Qt.Key.Key_F4, MODS.AltModifier),
    (Qt.Key.Key_Q, MODS.ControlModifier),
    (Qt.Key.Key_W, MODS.ControlModifier),
    (Qt.Key.Key_F11, MODS.NoModifier),
    (Qt.Key.Key_Right, MODS.NoModifier),
]
ACTIONS = ["quit", "escape", "fullscreen", "reload", "presenter", "black", "next", "goto", "first"]
# Every part of the show the session starts after its guard and heartbeat.
BROKEN_PARTS = [
    "revkiosk.kiosk.attract:AttractLoop.start",
    "revkiosk.kiosk.attract:AttractLoop.__init__",
    "revkiosk.kiosk.reload:DeckReloader._watch",
    "revkiosk.kiosk.closing:ClosingTime.__init__",
    "revkiosk.kiosk.closing:ClosingTime.start",
    "revkiosk.kiosk.content:KioskContent.__init__",
    "revkiosk.kiosk.heap:HeapTrimmer.__init__",
    "revkiosk.kiosk.window_watch:WindowWatch.start",
]


def _break(monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    import importlib

    module, _, attr = target.partition(":")
    owner, _, method = attr.partition(".")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(36, "File name too long")

    monkeypatch.setattr(getattr(importlib.import_module(module), owner), method, broken)


@pytest.mark.parametrize("target", BROKEN_PARTS)
def test_a_part_that_cannot_start_locks_the_kiosk_and_the_heartbeat_goes_on(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    from revkiosk.kiosk.failsafe import start_kiosk_fail_closed

    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    player = build_player(["--kiosk", str(deck)])
    qtbot.addWidget(player.window)
    player.window.show()
    _break(monkeypatch, target)
    session = start_kiosk_fail_closed(player)
    assert session is not None
    quits: list[int] = []
    player.window.quit_requested.connect(lambda: quits.append(1))
    exits: list[int] = []
    session.guard._on_exit = lambda: exits.append(1)
    try:
        start = player.navigator.index
        for key, modifiers in ESCAPES:
            qtbot.keyClick(player.window, key, modifiers)
        qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)
        assert quits == [] and player.navigator.index == start, "nothing a visitor does works"
        assert not player.window.close(), "a close request is refused"
        assert [a for a in ACTIONS if player.window.allows(a)] == []
        qtbot.waitUntil(player.window.isFullScreen, timeout=2000)
        first = read_json(status_path())
        assert first is not None and "kiosk set-up failed" in (first["last_error"] or "")
        qtbot.waitUntil(
            lambda: (read_json(status_path()) or {}).get("updated", 0) > first["updated"],
            timeout=3000,
        )
        chord = MODS.ControlModifier | MODS.AltModifier | MODS.ShiftModifier
        qtbot.keyClick(player.window, Qt.Key.Key_Q, chord)
        assert exits == [1] and player.exit_approved, "the exit chord still leaves"
    finally:
        session.stop()
        session.guard.is_exiting = True


def _drive(tmp_path: Path, deck: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("REVKIOSK_EXIT_AFTER_FIRST_PAINT", None)
    return subprocess.run(
        [sys.executable, str(DRIVER), *options, "--", "--kiosk", "--no-resume", str(deck)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _facts(run: subprocess.CompletedProcess[str]) -> tuple[list[str], dict[str, object]]:
    lines = run.stdout.splitlines()
    status = next((json.loads(x[7:]) for x in lines if x.startswith("status ")), None)
    return lines, status or {}


def test_a_media_name_too_long_for_the_file_system_keeps_the_kiosk_closed(
    tmp_path: Path,
) -> None:
    """The example the attack found: a 300-byte file name made the reloader's path check raise
    ENAMETOOLONG; the player then let Esc/Ctrl+Q end the show with status 0."""
    (tmp_path / "media").mkdir()
    deck = tmp_path / "deck.yaml"
    long_name = "media/" + "a" * 300 + ".png"
    deck.write_text(DECK + f"  - {{kind: media, media: {long_name}}}\n", encoding="utf-8")
    run = _drive(tmp_path, deck, "-")
    lines, status = _facts(run)
    assert "alive" in lines, run.stderr[-2000:]
    assert [x for x in lines if x.startswith("allows ")] == []
    assert status.get("pid") and status.get("shown") is True
    assert "set-up failed" not in str(status.get("last_error")), "the kiosk really runs"
    assert run.returncode == 3, "a loop ended without the exit chord is not the technician's exit"


def test_only_the_exit_chord_ends_the_kiosk_with_status_zero(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    run = _drive(tmp_path, deck, "-", "--chord")
    assert "alive" in run.stdout.splitlines(), run.stderr[-2000:]
    assert run.returncode == 0


def test_a_guard_that_cannot_start_ends_the_player_with_a_failure_status(tmp_path: Path) -> None:
    """No guard means no kiosk: leave (the supervisor restarts), never run unguarded."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    run = _drive(tmp_path, deck, "revkiosk.kiosk.guard:KioskGuard.install")
    assert "allows quit" not in run.stdout.splitlines()
    assert run.returncode == 70, run.stderr[-2000:]
    assert "could not be set up" in run.stderr


# -- every time and count has a maximum -------------------------------------------------------
def _tables() -> dict[str, spec.Spec]:
    """Every table of the format: the module's own and each slide kind's."""
    found = {
        name: value
        for name, value in vars(spec).items()
        if isinstance(value, dict)
        and value
        and all(isinstance(f, spec.Field) for f in value.values())
    }
    found.update({f"slide {kind}": table for kind, table in spec.SLIDES.items()})
    return found


_TABLES = _tables()
_BOUNDED = sorted(
    {
        (table, name)
        for table, fields in _TABLES.items()
        for name, field in fields.items()
        if field.type in ("number", "integer", "years", "items", "aspect", "pin", "tiles")
    }
)


@pytest.mark.parametrize(("table", "name"), _BOUNDED)
def test_every_time_and_count_in_the_format_has_a_maximum(table: str, name: str) -> None:
    field = _TABLES[table][name]
    assert field.maximum is not None, f"{table}: {name} has no maximum"
    readme = (REPO / "slides" / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}` |"))
    assert "≤" in row or "to" in row, f"slides/README.md does not show the maximum of {name}"


BEYOND = [
    ("deck:\n  title: T\n  slide_seconds: 2147484", "slide_seconds: must be at most 86400"),
    ("deck:\n  title: T\n  duration_minutes: 1.0e+9", "duration_minutes: must be at most 1440"),
    ("deck:\n  title: T\n  kiosk: {idle_seconds: 3000000}", "idle_seconds: must be at most"),
    ("deck:\n  title: T\n  kiosk: {video_cap_seconds: 1.0e+12}", "video_cap_seconds: must be at"),
    ("deck:\n  title: T\n  kiosk: {start_slide: 100000}", "start_slide: must be at most 9999"),
    ("deck:\n  title: T\n  aspect: '1:1000'", "too narrow or too wide"),
    ("deck:\n  title: T\n  aspect: '1000:1'", "too narrow or too wide"),
]


@pytest.mark.parametrize(("head", "message"), BEYOND)
def test_values_beyond_a_maximum_are_check_errors(tmp_path: Path, head: str, message: str) -> None:
    text = head + "\nslides:\n  - {kind: title, title: One}\n"
    found = problems(tmp_path, text)
    assert any(message in text for _, _, text in found), found


@pytest.mark.parametrize(
    "slide",
    [
        "{kind: title, title: A, seconds: 2147484}",
        "{kind: media, media: {video: v.mp4, start: 1.0e+10}}",
        "{kind: media, media: {video: v.mp4, end: 90000000}}",
        "{kind: plot, chart: compute, years: [2010, 1.0e+300]}",
    ],
)
def test_slide_times_beyond_a_day_are_check_errors(tmp_path: Path, slide: str) -> None:
    found = problems(tmp_path, BASE + f"  - {slide}\n")
    assert any("must be at most" in message for _, _, message in found), found


def test_settings_times_beyond_their_maximum_fall_back_to_the_default() -> None:
    for value in (2147484.0, 1e300, float("inf")):
        settings, notices = parse_settings({"idle_seconds": value})
        assert settings.idle_seconds == 90.0 and notices, value


def test_the_attract_loop_never_asks_a_qt_timer_for_more_than_int32(qtbot: QtBot) -> None:
    from revkiosk.deck.model import Deck, DeckInfo, KioskSettings, TitleSlide
    from revkiosk.kiosk.attract import AttractLoop
    from revkiosk.navigator import Navigator
    from revkiosk.show import Show
    from revkiosk.theme import theme_named

    deck = Deck(Path("d.yaml"), Path("."), DeckInfo(title="T", slide_seconds=1e12), (), (),
                (TitleSlide(kind="title", title="A"),))  # fmt: skip
    show = Show(theme_named("dark"))
    show.set_deck(deck)
    loop = AttractLoop(Navigator(1), show, KioskSettings(idle_seconds=1e12))
    loop.start()  # raised OverflowError before (QTimer.start takes int32 milliseconds)
    try:
        assert loop.attracting
    finally:
        loop.stop()
