"""CogVideo's idea in a small model trained for the exhibit: start video from a picture model.

CogVideo (Hong et al., Tsinghua University and BAAI, 2022) did not learn video from scratch:
it took CogView2, a trained text-to-image model, kept its layers and added new ones for time,
which saved a great deal of computing. The exhibit's version, on data this script draws (the
project's own, CC BY 4.0):

1. a *picture model* (tiny_make_a_video.PictureModel) learns captions -> pictures: "red
   square", "blue ball" ... a shape in the middle of the picture;
2. a *video model* makes an 8-frame clip for a caption with a direction ("red square, left"):
   the picture model's layers draw each frame, and a new part moves what they draw from frame
   to frame. It starts as an exact copy of the picture model (the new part starts doing
   nothing), so before any video training each frame is already the right picture;
3. the same video model is also trained *from scratch* (random start), on the same clips in
   the same order for the same number of steps.

The film (`tiny-cogvideo.mp4`, 640x404, no words: the captions say which row is which) shows
four captions' clips after more and more video training steps: top row from scratch, bottom
row started from the picture model. A bar along the top fills as training goes on.

Needs torch at script time only; training takes about ten minutes on two CPU cores, and
the samples are kept in build/tiny_cogvideo.npz so a rerun only films them (`--retrain` trains
afresh). Seeds are fixed and torch runs deterministic algorithms.
"""

from __future__ import annotations

import numpy as np
from _common import BG, MEDIA, REPO, app, color, new_image, painter, rel, save_poster, shrunk
from captions import write_vtt
from tiny_diffusion import FRAMES, SIZE, clip_frames, draw_clip
from tiny_make_a_video import COLOURS, SHAPES, build_models, draw_shape, make_pictures
from video_writer import H264Writer

DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
SPEED = 1.6  # pixels per frame
PICTURE_STEPS, BATCH = 800, 32
VIDEO_STEPS = 400
CHECKPOINTS = (0, 25, 75, 150, VIDEO_STEPS)
FILMED = (("red", "square", "right"), ("yellow", "triangle", "down"), ("blue", "ball", "left"),
          ("green", "square", "up"))  # fmt: skip
W, H, FPS, CLIP_FPS = 960, 606, 24, 8  # two rows of 200 px clips and the bar, no more
OUT_W, OUT_H = 640, 404  # shipped at two thirds of the drawing size (_common.shrunk)
HOLD_S = (8, 5, 5, 4, 9)  # seconds per checkpoint: time to read its caption
# measured by the last training (main() checks it): the video step from which the model from
# scratch does as well as the one started from the picture model did after CHECKPOINTS[1]
SAME = 57


def make_clips(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`n` captioned clips (n, FRAMES*3, S, S): a shape starting where its path stays centred
    on the picture's middle, moving one way; captions as (colour, shape, direction) indices."""
    caps = np.stack([rng.integers(0, len(COLOURS), n), rng.integers(0, len(SHAPES), n),
                     rng.integers(0, len(DIRECTIONS), n)], axis=1)  # fmt: skip
    rgbs, moves = list(COLOURS.values()), list(DIRECTIONS.values())
    clips = np.empty((n, FRAMES, 3, SIZE, SIZE), np.float32)
    for i, (c, s, d) in enumerate(caps):
        dx, dy = moves[d]
        for f in range(FRAMES):
            t = (f - (FRAMES - 1) / 2) * SPEED
            clips[i, f] = draw_shape(SHAPES[s], rgbs[c], SIZE / 2 + dx * t, SIZE / 2 + dy * t, 4.0)
    return clips.reshape(n, FRAMES * 3, SIZE, SIZE), caps


def build_video_model(picture_model):  # -> torch.nn.Module; torch imported lazily
    import torch
    from torch import nn

    class VideoModel(nn.Module):
        """The picture model's layers draw every frame; a new part, told the direction and
        the frame's time, changes the picture model's 6x6 plan of the picture before it is
        drawn. Its last layer starts at zero: at first, every frame is the plain picture."""

        def __init__(self, picture) -> None:
            super().__init__()
            self.picture = picture
            ch = picture.ch
            self.direction = nn.Embedding(len(DIRECTIONS), 64)
            self.time = nn.Embedding(FRAMES, 64)
            self.film = nn.Linear(64, 2 * ch)
            self.move = nn.Sequential(
                nn.Conv2d(2 * ch, ch, 3, padding=1), nn.SiLU(),
                nn.Conv2d(ch, ch, 3, padding=1), nn.SiLU(),
                nn.Conv2d(ch, ch, 3, padding=1),
            )  # fmt: skip
            nn.init.zeros_(self.move[-1].weight)
            nn.init.zeros_(self.move[-1].bias)

        def forward(self, caption):  # (n, 3) -> (n, FRAMES*3, S, S)
            p, n, ch = self.picture, caption.shape[0], self.picture.ch
            e = torch.nn.functional.silu(p.colour(caption[:, 0]) + p.shape(caption[:, 1]))
            plan = p.fc(e).view(n, 1, ch, 6, 6).expand(n, FRAMES, ch, 6, 6)
            when = self.direction(caption[:, 2])[:, None] + self.time.weight[None]  # n, F, 64
            cond = self.film(torch.nn.functional.silu(when))[..., None, None]  # n, F, 2ch, 1, 1
            h = plan.reshape(n * FRAMES, ch, 6, 6)
            cond = cond.reshape(n * FRAMES, 2 * ch, 1, 1).expand(-1, -1, 6, 6)
            h = h + self.move(torch.cat([h, cond[:, :ch] * h + cond[:, ch:]], 1))
            frames = torch.tanh(p.net(h))  # (n*F, 3, S, S)
            return frames.view(n, FRAMES * 3, SIZE, SIZE)

    return VideoModel(picture_model)


def train() -> tuple[dict[str, dict[int, np.ndarray]], dict[str, list[float]]]:
    """Train the picture model, then the video model twice (from it, from scratch); returns
    the FILMED captions' clips per checkpoint for each, and each one's loss per step."""
    try:
        import torch
    except ImportError as exc:
        raise RuntimeError("tiny_cogvideo needs torch: `.venv/bin/pip install torch`") from exc
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(4)
    picture_model, _ = build_models()
    opt = torch.optim.AdamW(picture_model.parameters(), lr=2e-3, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=PICTURE_STEPS)
    for step in range(1, PICTURE_STEPS + 1):
        pictures, caps = make_pictures(BATCH, rng, y=SIZE / 2)
        loss = torch.nn.functional.mse_loss(picture_model(torch.from_numpy(caps)),
                                            torch.from_numpy(pictures))  # fmt: skip
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 200 == 0:
            print(f"pictures step {step} loss {loss.item():.4f}", flush=True)
    trained = picture_model.state_dict()
    filmed = torch.tensor([(list(COLOURS).index(c), SHAPES.index(s), list(DIRECTIONS).index(d))
                           for c, s, d in FILMED])  # fmt: skip
    samples: dict[str, dict[int, np.ndarray]] = {}
    curves: dict[str, list[float]] = {}
    for start in ("scratch", "pictures"):
        torch.manual_seed(1)  # the same new layers, the same random start, for both
        fresh, _ = build_models()
        if start == "pictures":
            fresh.load_state_dict(trained)
        model = build_video_model(fresh)
        if start == "pictures":  # fine-tuning: the trained layers move slowly, the new part fast
            new = [p for n, p in model.named_parameters() if not n.startswith("picture.")]
            groups = [{"params": fresh.parameters(), "lr": 2e-4}, {"params": new}]
        else:  # from scratch: everything at the rate that trained the picture model best
            groups = [{"params": model.parameters()}]
        opt = torch.optim.AdamW(groups, lr=2e-3, weight_decay=0.0)
        data = np.random.default_rng(5)  # the same clips in the same order
        samples[start], curves[start] = {}, []
        for step in range(VIDEO_STEPS + 1):
            if step in CHECKPOINTS:
                with torch.no_grad():
                    samples[start][step] = model(filmed).numpy()
            if step == VIDEO_STEPS:
                break
            clips, caps = make_clips(BATCH, data)
            loss = torch.nn.functional.mse_loss(model(torch.from_numpy(caps)),
                                                torch.from_numpy(clips))  # fmt: skip
            opt.zero_grad()
            loss.backward()
            opt.step()
            curves[start].append(loss.item())
            if step % 100 == 99:
                print(f"video from {start} step {step + 1}: loss {loss.item():.4f}", flush=True)
    return samples, curves


def steps_to_reach(curve: list[float], level: float) -> int:
    """The first step after which the loss, averaged over 25 steps, is at or below `level`."""
    smooth = np.convolve(curve, np.ones(25) / 25, mode="valid")
    below = np.nonzero(smooth <= level)[0]
    return int(below[0]) + 25 if len(below) else len(curve) + 1


def film(samples: dict[str, dict[int, np.ndarray]], path, poster) -> int:
    """Two rows of four clips per checkpoint: from scratch above, from the picture model
    below; a bar along the top fills as video training goes on."""
    n = len(FILMED)
    cell, gap, row_gap = 200, 24, 56
    left = (W - (n * cell + (n - 1) * gap)) // 2
    width = n * cell + (n - 1) * gap
    per_clip_frame = FPS // CLIP_FPS
    written = 0
    with H264Writer(path, OUT_W, OUT_H, FPS, max_kbps=30) as writer:
        for step, hold in zip(CHECKPOINTS, HOLD_S, strict=True):
            rows = [[clip_frames(c) for c in samples[start][step]]
                    for start in ("scratch", "pictures")]  # fmt: skip
            done = 0.04 + 0.96 * step / VIDEO_STEPS
            for k in range(hold * FPS):
                img = new_image(W, H, BG)
                p = painter(img)
                p.fillRect(left, 40, width, 14, color("#2a3344"))
                p.fillRect(left, 40, round(done * width), 14, color("#4cc9f0"))
                frame = (k // per_clip_frame) % FRAMES
                for r, clips in enumerate(rows):
                    y = 110 + r * (cell + row_gap)
                    if r == 1:  # the picture model's row is marked by a bar in its colour
                        p.fillRect(left, y - 30, width, 8, color("#ffb703"))
                    for i, clip in enumerate(clips):
                        draw_clip(p, clip[frame], left + i * (cell + gap), y, cell)
                p.end()
                img = shrunk(img, OUT_W, OUT_H)
                writer.write(img)
                written += 1
                if step == CHECKPOINTS[1] and k == FRAMES * per_clip_frame // 2:
                    save_poster(img, poster)
    return written


def captions(same: int = SAME) -> list[tuple[float, float, str]]:
    """The film's WebVTT cues (no sound track: "[No sound]" first), one per checkpoint;
    `same`: the step at which the model from scratch first matched the other's step 25."""
    starts = np.cumsum((0, *HOLD_S)).tolist()
    asked = ", ".join(f"{c} {s} {d}" for c, s, d in FILMED)
    texts = [
        "[No sound] Before any video training. Top, from scratch: noise. Below the yellow "
        "line, started from a picture model we trained first: still shapes.",
        f"After {CHECKPOINTS[1]} video training steps: below, the right shapes flicker in "
        "place; above, grey blurs.",
        f"After {CHECKPOINTS[2]} steps: both rows move; the top one's shapes are blurred, some "
        "in the wrong colour.",
        f"After {CHECKPOINTS[3]} steps: both rows move; the top is still a little blurred.",
        f"After {CHECKPOINTS[4]} steps, in both rows: {asked}. From scratch took {same} steps "
        f"to match the other's {CHECKPOINTS[1]}.",
    ]
    return [(float(a), float(b), t)
            for a, b, t in zip(starts[:-1], starts[1:], texts, strict=True)]  # fmt: skip


def main(argv: list[str] | None = None) -> dict[str, str]:
    """Train (or reuse build/tiny_cogvideo.npz from the last training), then film."""
    app()
    cache = REPO / "build" / "tiny_cogvideo.npz"
    if cache.exists() and "--retrain" not in (argv or []):
        saved = np.load(cache)
        samples: dict[str, dict[int, np.ndarray]] = {"scratch": {}, "pictures": {}}
        for key in saved.files:
            start, _, step = key.partition("_")
            if start in samples:
                samples[start][int(step)] = saved[key]
        curves = {start: list(saved[f"curve_{start}"]) for start in ("scratch", "pictures")}
    else:
        samples, curves = train()
        cache.parent.mkdir(exist_ok=True)
        np.savez_compressed(
            cache,
            **{f"{s}_{k}": v for s, by_step in samples.items() for k, v in by_step.items()},
            **{f"curve_{s}": np.asarray(c) for s, c in curves.items()},
        )
    level = float(np.mean(curves["pictures"][CHECKPOINTS[1] - 12 : CHECKPOINTS[1] + 13]))
    same = steps_to_reach(curves["scratch"], level)
    if same != SAME:
        raise RuntimeError(f"tiny_cogvideo: the model from scratch caught up at {same}, "
                           f"the captions say {SAME}: set SAME and the translations")  # fmt: skip
    video = MEDIA / "video" / "tiny-cogvideo.mp4"
    frames = film(samples, video, video.with_suffix(".png"))
    write_vtt(video.with_suffix(".vtt"), captions())
    size = video.stat().st_size / 1024
    return {
        "cogvideo": f"from scratch reaches step {CHECKPOINTS[1]}'s loss after {same} steps; "
        f"{frames} frames; {rel(video)} {size:.0f} KB"
    }


if __name__ == "__main__":
    import sys

    print(main(sys.argv))
