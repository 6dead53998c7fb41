"""Key press → painted frame, over every slide of a deck, in the real window (offscreen).

    python benchmarks/bench_slide_change.py [DECK] [--size 1920x1080] [--passes 2]

For each slide it sends a Right key through the window's key routing, then processes events
until the new slide has been painted — by its view, or, during a cross-fade from the preloaded
slide's picture, by the fade layer — and records the time.
`--stub-views` replaces every view by a flat colour, leaving only the player's own cost (key
routing, stage switch, cross-fade, progress bar). Two rhythms:

* presenter: a pause after each slide (the fade ends, the next slide is preloaded), as in a talk;
* rapid: keys back to back (each one lands during the previous fade, nothing preloaded).

It prints p50/p99/max for non-video and video slides, the slowest slides, and the resident
memory after each pass (the view cache must keep it flat). Target: p99 < 16 ms for non-video
slides in the presenter rhythm; issue 21: p99 < 33 ms in the rapid one too.

Figures for the rapid rhythm (`--passes 2`, 2-core shared machine, two runs each, main and the
issue-21 branch alternating in one session): non-video p99 main 86.9 / 92.5 ms (hub 97-100 p50:
five tile pictures decoded on the GUI thread; plot 60-62 p50: charts built at the key press),
issue 21 31.1 / 22.8 ms (hub 18-28, plot 20-26 p50: the chart's picture first, the chart built
in pieces after it). Presenter p99 4-7 ms in both. RSS after the second rapid pass 416-429 →
441-448 MB; after the second presenter pass 393-409 → 381-390 MB.

Film slides (issue 21, same kind of session, load 2.5-5, six runs each): rapid-pace video p99
main 31.8-61.8 ms (p50 19-35: the player built, FFmpeg opening and decoding on the GUI
thread's cores, first frames converted on it), with the player built only once the slide has
settled 14.2-21.2 ms in four of six runs (p50 5.6-16.9), 44.8 and 910 ms in two (the second a
machine-wide stall that also held other slides 112-205 ms; main's runs had such stalls too).

Memory: the benchmark installs the player's heap policy as `app.main` does (glibc settings
when media loads, the heap trimmed after slide changes); without it the RSS figures above
measured allocator fragmentation (157 MB free in arenas). 2026-12-05, `--passes 2`, same
session: RSS at start 142 MB, after the presenter passes 204 / 206 MB, after the rapid passes
219 / 239 MB; eff9ade (the tree issue 21 was filed on) 186 / 196 and 204 / 206 MB. What a user's
whole process holds after a pass is measured by bench_pass_memory.py.
2026-12-06 (stop 29), alternating with stop 28's tree f350581, load 0.2-0.6: rapid non-video p99
30.4 and 29.6-30.9 ms in three runs (f350581 32.1, 30.9, 32.9), max 32.1-34.1 (hub #3); RSS
after the presenter passes 197 / 204 MB (f350581 204 / 207).
2026-12-06 (stop 32), load 0.3-0.5, two runs: rapid non-video p99 21.3 / 20.8 ms (max 21.4 /
36.5, hub #3), rapid video p99 10.6 / 10.9; presenter non-video p99 5.0 / 5.1, video 21.0 /
20.4; RSS after the presenter passes 196 / 204 and 196 / 205 MB, after the rapid passes 230 /
226 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _harness import percentile, rss_mb, start_as_the_player_does

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TARGET_P99_MS = 16.0


def _stub_views() -> None:
    """Every slide becomes a flat, opaque colour: what is left is the player's own work."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPainter

    import revkiosk.ui.stage as stage
    from revkiosk.ui.view import SlideView

    class FlatView(SlideView):
        def __init__(self, slide, context, parent=None):  # type: ignore[no-untyped-def]
            super().__init__(slide, context, parent)
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        def paintEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
            painter = QPainter(self)
            painter.fillRect(self.rect(), QColor("#1d3557"))
            painter.end()

    stage.create_view = lambda slide, context, parent=None: FlatView(slide, context, parent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", help="deck (default: the bundled deck)")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--settle-ms", type=int, default=700, help="pause in presenter rhythm")
    parser.add_argument(
        "--settled-ms",
        type=int,
        default=2500,
        help="after each pass, also read the memory this long after the last key (the left "
        "film's player released at 1 s, the heap trimmed at 1.5 s)",
    )
    parser.add_argument("--transition", choices=("fade", "none"), default="fade")
    parser.add_argument(
        "--parts",
        action="store_true",
        help="install what a player installs after its first paint (comfort and access with "
        "its captions band, the timeline, the presenter view) before measuring",
    )
    parser.add_argument(
        "--stub-views",
        action="store_true",
        help="replace every slide view by a flat colour: measures the player's own cost",
    )
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    home = tempfile.mkdtemp(prefix="revkiosk-bench-")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = f"{home}/{var.lower()}"
    config = Path(home, "xdg_config_home", "revkiosk")
    config.mkdir(parents=True)
    (config / "settings.yaml").write_text(f"transition: {args.transition}\n", encoding="utf-8")

    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from revkiosk.app import build_player
    from revkiosk.ui.view import SlideView

    if args.stub_views:
        _stub_views()

    start_as_the_player_does()
    player = build_player([*([args.deck] if args.deck else []), "--no-resume"])
    app, window, nav = player.app, player.window, player.navigator
    if player.deck is None:
        print("the deck did not load; nothing to measure")
        return 2
    window.resize(width, height)
    window.show()
    try:
        from revkiosk.first_paint import install_heap_policy
    except ImportError:  # an older tree measured with this script (see --settled-ms)
        pass
    else:
        install_heap_policy(player)  # as app.main does a second after the first paint
    if args.parts:
        from revkiosk.first_paint import install_parts

        install_parts(player)

    class PaintWatch(QObject):
        """Sets `painted` when the current view or a child of it receives a Paint event."""

        painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.painted:
                view, layer = window.stage.current_view(), window.stage.fade_layer
                if view is not None and (watched is view or view.isAncestorOf(watched)):
                    self.painted = True
                elif watched is layer and layer.shows_next:  # the new slide, from its picture
                    self.painted = True
            return False

    watch = PaintWatch()
    app.installEventFilter(watch)

    def spin(ms: int) -> None:
        clock = QElapsedTimer()
        clock.start()
        while clock.elapsed() < ms:
            app.processEvents()
            # deleteLater() runs from an event loop; this script drives events by hand.
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            time.sleep(0.001)

    def step(key: Qt.Key) -> float:
        watch.painted = False
        start = time.perf_counter()
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, event)
        while not watch.painted and time.perf_counter() - start < 2.0:
            app.processEvents()
        if not watch.painted:
            print(f"  slide {nav.index + 1}: no paint within 2 s (counted as 2000 ms)")
        return (time.perf_counter() - start) * 1000

    def is_video(index: int) -> bool:
        slide = player.deck.slides[index]
        media = getattr(slide, "media", None)
        items = getattr(slide, "items", ())
        return bool(getattr(media, "video", None)) or any(i.media.video for i in items)

    spin(500)
    count = nav.count
    print(
        f"deck: {player.deck_path} ({count} slides), window {width}x{height}, "
        f"transition={player.settings.transition}"
    )
    print(f"memory at start: {rss_mb():.0f} MB, load average {os.getloadavg()[0]:.2f}")
    results: dict[str, list[tuple[int, float]]] = {"presenter": [], "rapid": []}
    for rhythm, settle in (("presenter", args.settle_ms), ("rapid", 0)):
        for n in range(args.passes):
            nav.first()
            spin(args.settle_ms)
            for _ in range(count - 1):
                ms = step(Qt.Key.Key_Right)
                results[rhythm].append((nav.index, ms))
                if settle:
                    spin(settle)
            spin(300)
            alive = len(window.stage.findChildren(SlideView))
            at_once = rss_mb()
            spin(max(0, args.settled_ms - 300))
            print(
                f"memory after {rhythm} pass {n + 1}: {at_once:.0f} MB "
                f"(views cached: {len(window.stage.cached_indices())}, alive: {alive}); "
                f"settled {rss_mb():.0f} MB"
            )
    ok = True
    for rhythm, rows in results.items():
        for label, wanted in (("non-video", False), ("video", True)):
            times = [ms for i, ms in rows if is_video(i) == wanted]
            if not times:
                continue
            p50, p99 = statistics.median(times), percentile(times, 0.99)
            print(
                f"{rhythm:9s} {label:9s} n={len(times):3d}  p50 {p50:6.1f} ms  "
                f"p99 {p99:6.1f} ms  max {max(times):6.1f} ms"
            )
            if rhythm == "presenter" and not wanted:
                ok = p99 < TARGET_P99_MS
        kinds: dict[str, list[float]] = {}
        for i, ms in rows:
            kinds.setdefault(player.deck.slides[i].kind, []).append(ms)
        per_kind = ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in sorted(kinds.items()))
        print(f"{rhythm:9s} p50 by kind (ms): {per_kind}")
        slowest = sorted(rows, key=lambda r: -r[1])[:3]
        names = ", ".join(f"#{i + 1} {player.deck.slides[i].kind} {ms:.1f} ms" for i, ms in slowest)
        print(f"{rhythm:9s} slowest: {names}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (a busy machine adds its own delays)")
    print(f"target: presenter non-video p99 < {TARGET_P99_MS:g} ms: {'OK' if ok else 'SLOW'}")
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
