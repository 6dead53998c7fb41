"""Slide change (key → painted frame) with the remote service off, idle, and hammered.

    python benchmarks/bench_remote.py [DECK] [--size 1920x1080] [--rate 200] [--settle-ms 700]

One player, one process, the real window (offscreen). After a warm-up pass over the deck, four
measured runs (each `--passes` passes) in the presenter rhythm (a key, then a pause): the
service off; on and idle;
on while another process sends it `--rate` requests a second (GET /status, /metrics,
/screenshot.png and /slide/next.png, keep-alive, with the per-address rate limit lifted so every
request is really served); and off again, to see the machine's drift. Prints p50/p99/max of the
non-video slides per pass and what the hammer got back (statuses, latency, rate achieved).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _harness import percentile, rss_mb

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TOKEN = "bench-token-0123456789abcdef"

# The hammer: THREADS keep-alive connections, each pacing its share of the rate; runs until
# its stdin closes, then prints a JSON summary.
HAMMER = r"""
import http.client, json, sys, threading, time
port, rate, token = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
paths = ["/status", "/status", "/status", "/status", "/status", "/metrics", "/metrics",
         "/metrics", "/screenshot.png", "/slide/next.png"]
threads, stop, lock = 8, threading.Event(), threading.Lock()
codes, latencies, sent = {}, [], [0]
def run(n):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    interval, due, i = threads / rate, time.monotonic() + n / rate, n
    while not stop.is_set():
        time.sleep(max(0.0, due - time.monotonic()))
        due += interval
        start = time.perf_counter()
        try:
            conn.request("GET", paths[i % len(paths)], headers={"Authorization": "Bearer " + token})
            reply = conn.getresponse(); reply.read(); code = reply.status
        except OSError as error:
            code = type(error).__name__
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        with lock:
            codes[code] = codes.get(code, 0) + 1; latencies.append(time.perf_counter() - start)
            sent[0] += 1
        i += threads
workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
began = time.monotonic()
for w in workers: w.start()
sys.stdin.read()
stop.set()
for w in workers: w.join()
seconds = time.monotonic() - began
latencies.sort()
def pick(q):
    return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
print(json.dumps({"sent": sent[0], "seconds": seconds, "p50_ms": pick(0.5),
                  "p99_ms": pick(0.99), "codes": {str(k): v for k, v in codes.items()}}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", help="deck (default: the bundled deck)")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--rate", type=float, default=200.0, help="requests a second")
    parser.add_argument("--settle-ms", type=int, default=700, help="pause after each key")
    parser.add_argument("--passes", type=int, default=2, help="passes per configuration")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    home = tempfile.mkdtemp(prefix="revkiosk-bench-")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = f"{home}/{var.lower()}"

    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from revkiosk.app import build_player
    from revkiosk.remote.adapter import PlayerAdapter
    from revkiosk.remote.config import RemoteConfig
    from revkiosk.remote.network import Limits
    from revkiosk.remote.service import RemoteService

    player = build_player([*([args.deck] if args.deck else []), "--no-resume"])
    app, window, nav = player.app, player.window, player.navigator
    deck = player.show.deck
    if deck is None:
        print("the deck did not load; nothing to measure")
        return 2
    window.resize(width, height)
    window.show()

    class PaintWatch(QObject):
        painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.painted and window.stage:
                view, layer = window.stage.current_view(), window.stage.fade_layer
                if view is not None and (watched is view or view.isAncestorOf(watched)):
                    self.painted = True
                elif watched is layer and layer.shows_next:
                    self.painted = True
            return False

    watch = PaintWatch()
    app.installEventFilter(watch)

    def spin(ms: int) -> None:
        clock = QElapsedTimer()
        clock.start()
        while clock.elapsed() < ms:
            app.processEvents()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            time.sleep(0.001)

    def step() -> float:
        watch.painted = False
        start = time.perf_counter()
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, key)
        while not watch.painted and time.perf_counter() - start < 2.0:
            app.processEvents()
        return (time.perf_counter() - start) * 1000

    def one_pass(passes: int = args.passes) -> list[tuple[int, float]]:
        times = []
        for _ in range(passes):
            nav.first()
            spin(args.settle_ms)
            for _ in range(nav.count - 1):
                ms = step()
                if not deck.slides[nav.index].plays_media:
                    times.append((nav.index + 1, ms))
                spin(args.settle_ms)
        return times

    print(f"deck: {player.deck_path} ({nav.count} slides), window {width}x{height}, "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    spin(500)
    one_pass(1)  # warm-up: views built once, pictures cached, pyqtgraph imported
    results: dict[str, list[tuple[int, float]]] = {}
    results["off"] = one_pass()
    limits = Limits(requests_per_second=100_000)  # every hammer request is served
    service = RemoteService(PlayerAdapter(player), RemoteConfig(port=0, token=TOKEN),
                            limits=limits)  # fmt: skip
    service.start()
    results["on, idle"] = one_pass()
    hammer = subprocess.Popen(
        [sys.executable, "-c", HAMMER, str(service.port), str(args.rate), TOKEN],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    spin(500)
    results[f"on, {args.rate:g} req/s"] = one_pass()
    hammered, _ = hammer.communicate("", timeout=60)
    memory = rss_mb()
    service.stop()
    results["off again"] = one_pass()

    print(f"{'service':20s} {'n':>3s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}  slowest")
    for name, rows in results.items():
        times = [ms for _, ms in rows]
        slowest = ", ".join(f"#{n} {ms:.0f}" for n, ms in sorted(rows, key=lambda r: -r[1])[:3])
        print(f"{name:20s} {len(times):3d} {statistics.median(times):8.1f} "
              f"{percentile(times, 0.99):8.1f} {max(times):8.1f}  {slowest}")  # fmt: skip
    summary = json.loads(hammered)
    print(
        f"hammer: {summary['sent']} requests in {summary['seconds']:.1f} s "
        f"({summary['sent'] / summary['seconds']:.0f}/s), statuses {summary['codes']}, "
        f"latency p50 {summary['p50_ms']:.1f} ms, p99 {summary['p99_ms']:.1f} ms"
    )
    print(f"memory with the service after the hammer: {memory:.0f} MB; "
          f"load average at the end {os.getloadavg()[0]:.2f}")  # fmt: skip
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
