"""Cycles are collected on the GUI thread only (ui/collector.py): a worker thread that
allocates never runs the collector, so it never deletes a Qt object of the GUI thread (which
deadlocked the show: the worker held Qt's signal-slot lock waiting for the interpreter lock,
the GUI thread the reverse)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from revkiosk.ui.collector import INTERVAL_MS, collect_on_gui_thread


class _Node(QObject):
    """A Qt object in a reference cycle (only the collector frees it)."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self


KEPT: list[object] = []  # the worker's allocations stay (the counts stay past the threshold)


def _cycle_on_a_worker_thread() -> tuple[weakref.ref[_Node], list[int]]:
    node = _Node()
    ref = weakref.ref(node)
    del node
    freed_on: list[int] = []

    def allocate() -> None:  # far past generation 0's threshold: the interpreter would collect
        junk = [[i] for i in range(50_000)]
        freed_on.append(threading.get_ident() if ref() is None else 0)
        KEPT.append(junk)

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    return ref, freed_on


def test_a_worker_thread_never_collects_and_the_gui_thread_does(qtbot: QtBot) -> None:
    collector = collect_on_gui_thread()
    assert collector is not None and not gc.isenabled()
    assert collect_on_gui_thread() is collector  # one per process
    ref, freed_on = _cycle_on_a_worker_thread()
    assert freed_on == [0]  # still alive when the worker was done allocating
    assert ref() is not None
    qtbot.waitUntil(lambda: ref() is None, timeout=20 * INTERVAL_MS)  # the timer's check
    KEPT.clear()


def test_without_the_collector_a_worker_thread_frees_gui_objects() -> None:
    """The hazard the collector removes (so the test above can fail)."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        ref, freed_on = _cycle_on_a_worker_thread()
        assert ref() is None
        assert freed_on and freed_on[0] not in (0, threading.get_ident())
    finally:
        KEPT.clear()
        if not was_enabled:
            gc.disable()
