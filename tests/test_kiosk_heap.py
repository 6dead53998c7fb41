"""The kiosk hands freed heap memory back after slide changes (issue 8's flat-RSS soak)."""

from __future__ import annotations

import ctypes

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from revkiosk.kiosk import heap
from revkiosk.kiosk.heap import HeapTrimmer, glibc, trim_heap
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
    monkeypatch.setattr(heap, "glibc", lambda: libc)
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
    monkeypatch.setattr(heap, "glibc", lambda: None)
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

    monkeypatch.setattr(heap, "glibc", FakeLibc)
    for name in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(heap, "_tuned", None)
    assert heap.tune_allocator() and heap.tune_allocator()
    assert calls == [
        (heap.M_MMAP_THRESHOLD, heap.MMAP_THRESHOLD_BYTES),
        (heap.M_ARENA_MAX, heap.ARENA_MAX),
    ]
    calls.clear()
    monkeypatch.setattr(heap, "_tuned", None)
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=262144")
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert not heap.tune_allocator()
    assert calls == []  # the administrator's settings stand
