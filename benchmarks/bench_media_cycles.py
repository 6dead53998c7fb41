"""Memory (RSS) over many enters and leaves of a video slide, against a still-image baseline.

    PYTHONPATH=src python benchmarks/bench_media_cycles.py [-n 200] [--video FILE] 2>/dev/null

A kiosk loops for days, so a video slide must give back what it takes. Four scenarios run in
one process, each for N cycles after 20 warm-up cycles:

- `image`   — a fresh MediaView of a PNG per cycle: built, entered, left, deleted (baseline);
- `reuse`   — one MediaView of the video, entered until 2 new frames show, then left (the stage
              keeping a view alive);
- `rebuild` — a fresh MediaView of the video per cycle: preloaded, entered, left, deleted;
- `cold`    — like rebuild without preload (N/4 cycles), to time enter() → first frame.

It prints RSS growth per scenario (in total and per half: a leak grows both halves, warm-up only
the first) and the video growth minus the image baseline; also the slowest `enter()`/`leave()`
call per scenario (they must never wait for the decoder), whether preloaded views already show
a frame at `enter()`, and the cold enter → first frame time. (FFmpeg logs to stderr: hide it.)
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _harness import rss_mb

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


if sys.version_info < (3, 12):  # PySide6 6.12 on 3.11 drops refs to None/True/False per call
    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from revkiosk.deck.model import Media, MediaSlide  # noqa: E402
from revkiosk.ui.media.video import VideoWidget  # noqa: E402
from revkiosk.ui.slides.media_view import MediaView  # noqa: E402

WARM_UP = 20
enter_leave_ms: list[float] = []
first_frame_ms: list[float] = []  # cold: enter() without preload → first frame
shown_at_enter: list[bool] = []  # preloaded: was a frame already on screen at enter()?


def spin_until(done: Callable[[], bool], timeout_ms: int = 5000) -> bool:
    """Run the event loop until `done()` (frames arrive asynchronously) or the timeout."""
    clock = QElapsedTimer()
    clock.start()
    while not done():
        if clock.elapsed() > timeout_ms:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)
    return True


def timed(action: Callable[[], None]) -> None:
    start = time.perf_counter()
    action()
    enter_leave_ms.append((time.perf_counter() - start) * 1000)


def settle() -> None:
    """Let deleteLater run and Python collect, so RSS reflects what is really kept."""
    for _ in range(3):
        QCoreApplication.processEvents()
        # deleteLater() outside a running event loop waits for one: deliver the deletes now.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Hand freed heap pages back to the OS (glibc keeps them), so RSS shows what is kept."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def make_view(media: Media, context: object) -> MediaView:
    view = MediaView(MediaSlide(kind="media", title="Bench", media=media), context)  # type: ignore[arg-type]
    view.resize(960, 540)
    view.show()
    return view


def play_once(view: MediaView, *, preloaded: bool = False, cold: bool = False) -> None:
    video = view.media.visual
    assert isinstance(video, VideoWidget)
    if preloaded:
        shown_at_enter.append(video.frames_shown > 0)
    before = video.frames_shown
    clock = QElapsedTimer()
    clock.start()
    timed(view.enter)
    spin_until(lambda: video.frames_shown >= before + 1)
    if cold:
        first_frame_ms.append(clock.nsecsElapsed() / 1e6)
    spin_until(lambda: video.frames_shown >= before + 2)
    timed(view.leave)


def scenario(name: str, cycles: int, step: Callable[[], None]) -> float:
    """Run `step` N times after a warm-up; print RSS growth overall and per half.

    A leak grows both halves alike; allocator and cache warm-up shows in the first half only.
    """
    enter_leave_ms.clear()
    for _ in range(WARM_UP):
        step()
    settle()
    start = rss_mb()
    for index in range(cycles):
        step()
        if index == cycles // 2 - 1:
            settle()
            middle = rss_mb()
    settle()
    end = rss_mb()
    growth = end - start
    print(
        f"{name:8} RSS {start:6.1f} → {end:6.1f} MB  growth {growth:+5.1f} MB "
        f"(halves {middle - start:+5.1f} / {end - middle:+5.1f} MB, "
        f"{(end - middle) * 1024 / (cycles - cycles // 2):+5.1f} KB/cycle late)  "
        f"enter/leave max {max(enter_leave_ms):4.1f} ms"
    )
    return growth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="cycles per scenario (default 200)")
    parser.add_argument("--video", type=Path, help="video to play (default: a generated clip)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    from fixtures.media.make import make_all
    from fixtures.media.support import make_context

    with tempfile.TemporaryDirectory() as folder:
        files = make_all(Path(folder))
        video = args.video.resolve() if args.video else files["clip.mp4"]
        if not video.is_file():
            print(f"no such video: {video}", file=sys.stderr)
            return 2
        context = make_context(video.parent)
        print(f"video {video.name}, {args.n} cycles per scenario after {WARM_UP} warm-up")

        def image_step() -> None:
            view = make_view(Media(image=files["photo.png"]), context)
            timed(view.enter)
            QCoreApplication.processEvents()
            timed(view.leave)
            view.deleteLater()

        kept = make_view(Media(video=video, loop=True), context)

        def reuse_step() -> None:
            play_once(kept)

        def rebuild_step() -> None:
            view = make_view(Media(video=video, loop=True), context)
            view.preload()
            spin_until(lambda: view.media.is_ready)
            play_once(view, preloaded=True)
            view.deleteLater()

        def cold_step() -> None:
            view = make_view(Media(video=video, loop=True), context)
            play_once(view, cold=True)
            view.deleteLater()

        baseline = scenario("image", args.n, image_step)
        reuse = scenario("reuse", args.n, reuse_step)
        rebuild = scenario("rebuild", args.n, rebuild_step)
        scenario("cold", max(10, args.n // 4), cold_step)
        kept.deleteLater()
        settle()
    print(
        f"video growth over the image baseline: reuse {reuse - baseline:+.1f} MB, "
        f"rebuild {rebuild - baseline:+.1f} MB"
    )
    ready = sum(shown_at_enter)
    print(f"preloaded views showing their first frame at enter(): {ready}/{len(shown_at_enter)}")
    if first_frame_ms:
        print(
            f"cold enter() (no preload) → first frame: median "
            f"{statistics.median(first_frame_ms):.0f} ms, max {max(first_frame_ms):.0f} ms"
        )
    QTimer.singleShot(0, QCoreApplication.quit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
