"""Regenerate every file under media/ deterministically, then write media/CREDITS.md.

    cd <repo> && QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/media/make_all.py [NAME ...]

NAME picks generators (pong, go, compute, sections, scale, timeline, protein, diagrams, audio,
imagenet, tinymodel, videogan, makeavideo, cogvideo, translations); none means all. Needs
imageio-ffmpeg (H.264 encoding), espeak-ng (audio) and torch (tinymodel, videogan, makeavideo,
cogvideo) at script time only: `pip install -e .[media]`. Prints what each step measured and the
size of media/ at the end.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STEPS = {
    "pong": "pong",
    "go": "go_game",
    "compute": "compute_growth",
    "sections": "section_art",
    "scale": "scale_illustration",
    "timeline": "image_timeline",
    "protein": "protein",
    "diagrams": "diagrams",
    "audio": "audio",
    "imagenet": "imagenet_data",
    "captions": "captions",  # every .vtt again, without encoding (each generator writes its own)
    "tinymodel": "tiny_diffusion",  # trains a small model: ~10 minutes on two cores, needs torch
    "videogan": "tiny_video_gan",  # trains a small video GAN: ~10 minutes on two cores, torch
    "makeavideo": "tiny_make_a_video",  # two small models: ~4 minutes on two cores, torch
    "cogvideo": "tiny_cogvideo",  # a picture model, then video twice: ~10 minutes, torch
    "translations": "caption_translations",  # the captions in fr, de, es, timed as the English
}
MAX_VIDEO_BYTES = 1_600_000


def main(argv: list[str]) -> int:
    from _common import MEDIA, app

    wanted = argv[1:] or list(STEPS)
    unknown = [w for w in wanted if w not in STEPS]
    if unknown:
        print(f"unknown generator(s): {', '.join(unknown)}; choose from {', '.join(STEPS)}")
        return 2
    app()
    failed = 0
    for name in wanted:
        t0 = time.perf_counter()
        try:
            figures = importlib.import_module(STEPS[name]).main()
        except (OSError, RuntimeError, ValueError) as exc:
            print(f"FAIL {name}: {exc}")
            failed += 1
            continue
        print(f"ok   {name:9s} {time.perf_counter() - t0:5.1f} s  " + "; ".join(figures.values()))
    try:
        print("ok   credits   " + importlib.import_module("credits").main()["credits"])
    except RuntimeError as exc:
        print(f"FAIL credits: {exc}")
        failed += 1
    for video in sorted((MEDIA / "video").glob("*.mp4")):
        if video.stat().st_size > MAX_VIDEO_BYTES:
            print(f"FAIL {video.name} is {video.stat().st_size / 1e6:.2f} MB (> 1.6 MB)")
            failed += 1
    total = sum(p.stat().st_size for p in MEDIA.rglob("*") if p.is_file())
    print(f"media/ holds {total / 1e6:.2f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
