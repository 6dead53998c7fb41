"""The kiosk hands freed heap memory back after slide changes (issue 8's flat-RSS soak)."""

from __future__ import annotations

import ctypes

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from revkiosk import allocator
from revkiosk.allocator import glibc, trim_heap
from revkiosk.kiosk import heap
from revkiosk.kiosk.heap import HeapTrimmer
from revkiosk.kiosk.status import rss_bytes

MB = 1024 * 1024


class FakeLibc:
    def __init__(self) -> None:
        self.trims = 0

    def malloc_trim(self, pad: int) -> int:
        self.trims += 1
        return 1


class Changes(QObject):
    changed = Signal(int, int)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeLibc:
    libc = FakeLibc()
    monkeypatch.setattr(allocator, "glibc", lambda: libc)
    monkeypatch.setattr(heap, "TRIM_DELAY_MS", 40)
    return libc


def test_a_burst_of_changes_trims_after_it_not_during_it(qtbot: QtBot, fake: FakeLibc) -> None:
    source = Changes()
    trimmer = HeapTrimmer(source.changed)
    for index in range(20):  # a visitor flicking through: the changes themselves never trim
        source.changed.emit(index + 1, index)
    assert fake.trims == 0
    qtbot.waitUntil(lambda: fake.trims == 2)  # one due, one more after the burst's last change
    qtbot.wait(200)
    assert fake.trims == trimmer.trims == 2  # and then it rests until the next change
    source.changed.emit(0, 20)
    qtbot.waitUntil(lambda: fake.trims == 3)


def test_without_glibc_nothing_is_scheduled(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator, "glibc", lambda: None)
    source = Changes()
    trimmer = HeapTrimmer(source.changed)
    source.changed.emit(1, 0)
    assert not trimmer.enabled and not trim_heap()
    qtbot.wait(50)
    assert trimmer.trims == 0


@pytest.mark.skipif(glibc() is None, reason="malloc_trim is glibc's")
def test_memory_freed_under_a_live_block_goes_back_to_the_system() -> None:
    """What glibc alone never does: 48 MB freed below a block that is still in use stays
    resident until it is trimmed (the view and player churn of a slide change, in small)."""
    libc = glibc()
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(64 * 1024) for _ in range(768)]  # under the mmap threshold: heap
    for block in blocks:
        ctypes.memset(block, 1, 64 * 1024)
    pin = libc.malloc(64 * 1024)  # lives on above them: the heap cannot shrink from the top
    for block in blocks:
        libc.free(block)
    held = rss_bytes()
    assert trim_heap()
    assert held - rss_bytes() > 32 * MB
    libc.free(pin)


def test_allocator_threshold_is_fixed_once_unless_the_admin_set_one(monkeypatch) -> None:
    calls: list[tuple[int, int]] = []

    class FakeLibc:
        def mallopt(self, param: int, value: int) -> int:
            calls.append((param, value))
            return 1

    monkeypatch.setattr(allocator, "glibc", FakeLibc)
    for name in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(allocator, "_tuned", None)
    assert allocator.tune_allocator() and allocator.tune_allocator()
    assert calls == [
        (allocator.M_MMAP_THRESHOLD, allocator.MMAP_THRESHOLD_BYTES),
        (allocator.M_ARENA_MAX, allocator.ARENA_MAX),
    ]
    calls.clear()
    monkeypatch.setattr(allocator, "_tuned", None)
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=262144")
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert not allocator.tune_allocator()
    assert calls == []  # the administrator's settings stand


def test_a_presenters_player_trims_after_slide_changes(qtbot: QtBot, fake: FakeLibc, tmp_path):  # type: ignore[no-untyped-def]
    """Outside kiosk mode too: the heap policy installed after the first paint hands freed pages
    back once a lecturer's slide change has let go of the slide it left."""
    from revkiosk.app import build_player
    from revkiosk.first_paint import install_heap_policy

    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "deck: {title: Heap}\nslides:\n  - {kind: title, title: One}\n"
        "  - {kind: text, title: Two}\n",
        encoding="utf-8",
    )
    player = build_player([str(deck), "--no-resume"])
    qtbot.addWidget(player.window)
    player.window.show()
    install_heap_policy(player)
    install_heap_policy(player)  # a second call (a reload) adds no second trimmer
    assert isinstance(player.parts["heap"], HeapTrimmer)
    qtbot.wait(100)
    assert fake.trims == 0  # nothing changed yet: nothing to give back
    player.navigator.go(1)
    qtbot.waitUntil(lambda: fake.trims == 1)
    qtbot.wait(150)
    assert fake.trims == 1


def test_loading_the_media_module_tunes_the_allocator_first(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Whatever process plays a film (player, self-test, benchmark), the heap is tuned before
    the first decoder allocates."""
    from revkiosk.ui.media import player as media_player

    order: list[str] = []
    monkeypatch.setattr(media_player, "tune_allocator", lambda: order.append("tuned"))
    real_import = media_player.importlib.import_module
    monkeypatch.setattr(
        media_player.importlib,
        "import_module",
        lambda name: order.append(name) or real_import(name),
    )
    monkeypatch.setattr(media_player, "_multimedia", None)
    monkeypatch.setattr(media_player, "_multimedia_error", None)
    assert media_player.load_multimedia() is not None
    assert order[:2] == ["tuned", "PySide6.QtMultimedia"]


def test_the_player_tunes_the_heap_before_it_builds_anything(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The arena cap binds only threads that have not allocated yet: `revkiosk` applies it
    before Qt and the player's threads exist."""
    import sys

    from revkiosk import app as app_module

    class Built(Exception):
        pass

    order: list[str] = []

    def build_player(*args: object, **kwargs: object) -> None:
        order.append("built")
        raise Built

    monkeypatch.setattr(allocator, "tune_allocator", lambda: order.append("tuned"))
    monkeypatch.setattr(app_module, "build_player", build_player)
    monkeypatch.setattr(app_module, "setup_logging", lambda **kwargs: None)
    monkeypatch.setattr(app_module.gc, "disable", lambda: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    with pytest.raises(Built):
        app_module.main(["--no-resume"])
    assert order == ["tuned", "built"]
