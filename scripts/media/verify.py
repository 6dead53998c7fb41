"""Check that every generated video decodes in QtMultimedia, the way the app will play it.

Opens each MP4 with QMediaPlayer + QVideoSink (offscreen), seeks to several positions, grabs
the frame shown and saves it as a PNG to look at (default /tmp/h5a/). Exits 1 if any video
fails to load, has more pixels than 720p, or shows no frame.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/media/verify.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from _common import MEDIA, app

VIDEOS = (
    "pong-agent",
    "go-game",
    "compute-growth",
    "tiny-diffusion-training",
    "tiny-diffusion-denoise",
    "tiny-video-gan",
    "tiny-make-a-video",
    "tiny-cogvideo",
) + tuple(
    f"{film}.{code}"
    for film in (
        "pong-agent",
        "go-game",
        "tiny-diffusion-training",
        "tiny-diffusion-denoise",
        "compute-growth",
    )
    for code in ("fr", "de", "es")
)  # the films drawn again in the deck's translations
FRACTIONS = (0.05, 0.35, 0.65, 0.95)


def grab_frames(path: Path, out_dir: Path) -> tuple[int, tuple[int, int], list[Path]]:
    """Decode `path` at FRACTIONS of its duration; returns (duration ms, size, saved PNGs)."""
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

    app()
    player, sink = QMediaPlayer(), QVideoSink()
    player.setVideoOutput(sink)
    frames: list = []  # (start time in µs, image) of each frame the sink shows
    sink.videoFrameChanged.connect(
        lambda f: frames.append((f.startTime(), f.toImage())) if f.isValid() else None
    )
    loop = QEventLoop()

    def wait(ms: int, until: object) -> None:
        timer = QTimer(singleShot=True, interval=ms)
        timer.timeout.connect(loop.quit)
        poll = QTimer(interval=20)
        poll.timeout.connect(lambda: loop.quit() if until() else None)
        timer.start()
        poll.start()
        loop.exec()
        poll.stop()

    player.setSource(QUrl.fromLocalFile(str(path)))
    wait(
        5000,
        lambda: (
            player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia
            or player.error() != QMediaPlayer.Error.NoError
        ),
    )
    if player.error() != QMediaPlayer.Error.NoError:
        raise RuntimeError(f"{path.name}: {player.errorString()}")
    duration = player.duration()
    saved = []
    size = (0, 0)
    for frac in FRACTIONS:
        frames.clear()
        target_us = int(duration * frac) * 1000
        player.setPosition(target_us // 1000)
        player.play()
        # frames from before the seek can still arrive; wait for one at the new position
        since = target_us - 500_000
        wait(6000, lambda since=since: any(t >= since for t, _ in frames))
        player.pause()
        fresh = [img for t, img in frames if t >= since]
        if not fresh:
            raise RuntimeError(f"{path.name}: no frame decoded at {frac:.0%}")
        img = fresh[0]
        size = (img.width(), img.height())
        out = out_dir / f"{path.stem}-{int(frac * 100):02d}.png"
        img.save(str(out))
        saved.append(out)
    player.stop()
    return duration, size, saved


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path("/tmp/h5a")
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in VIDEOS:
        path = MEDIA / "video" / f"{name}.mp4"
        if not path.exists():
            print(f"MISSING {path}")
            failed += 1
            continue
        try:
            duration, size, saved = grab_frames(path, out_dir)
        except RuntimeError as exc:
            print(f"FAIL {exc}")
            failed += 1
            continue
        kb = path.stat().st_size / 1024
        # no more pixels than 720p: 1280x720, or the small model's square 960x960
        ok = size[0] * size[1] <= 1280 * 720 and duration > 0
        failed += not ok
        print(
            f"{'OK  ' if ok else 'FAIL'} {name}.mp4 {duration / 1000:.1f}s {size[0]}x{size[1]} "
            f"{kb:.0f} KB -> {', '.join(p.name for p in saved)}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
