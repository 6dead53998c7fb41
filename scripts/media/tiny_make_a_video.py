"""Make-A-Video's idea in a small model trained for the exhibit, and a film of what it makes.

Make-A-Video (Singer et al., Meta AI, 2022) had no videos with captions: it learned how
things look from captioned pictures, and how things move from videos without captions, then
put the two together. The exhibit's small model does the same, on data this script draws
(the project's own, CC BY 4.0):

- a *picture model* learns captions -> pictures from still pictures with a two-word caption
  ("red square", "blue triangle" ...): four colours x three shapes, each shape held up near
  the top of the picture;
- a *motion model* learns, from clips with no caption at all, what happens next: every
  clip starts with a shape of any colour somewhere near the top, which falls and bounces on
  the floor. It is given the first frame and makes the seven that follow.

The film (`tiny-make-a-video.mp4`, 640x480, no words: the captions name the shapes) shows,
for six captions, the picture the picture model drew (top row) and the clip the motion model
made from it (bottom row). No caption ever came with a video: the clips are for captions no
video was ever labelled with.

Needs torch at script time only; training takes about three minutes on two CPU cores (four
when shared with other work), and the results are kept in build/tiny_make_a_video.npz so a
rerun only films them (`--retrain` trains afresh). Seeds are fixed and torch runs
deterministic algorithms.
"""

from __future__ import annotations

import numpy as np
from _common import BG, MEDIA, REPO, app, color, new_image, painter, rel, save_poster, shrunk
from captions import write_vtt
from tiny_diffusion import FRAMES, SIZE, clip_frames, draw_clip
from video_writer import H264Writer

COLOURS = {"red": (1.0, 0.25, 0.2), "yellow": (1.0, 0.85, 0.1), "green": (0.2, 0.9, 0.3),
           "blue": (0.25, 0.5, 1.0)}  # fmt: skip
SHAPES = ("ball", "square", "triangle")
START_Y = 6.5  # where a picture holds its shape: near the top, ready to fall
GRAVITY, BOUNCE = 1.5, 0.7  # pixels per frame squared; speed kept after a bounce
PICTURE_STEPS, MOTION_STEPS, BATCH = 800, 2000, 32
FILMED = ("red square", "yellow triangle", "blue ball", "green triangle", "blue square",
          "yellow ball")  # fmt: skip
W, H, FPS, CLIP_FPS = 960, 720, 24, 8
OUT_W, OUT_H = 640, 480  # shipped at two thirds of the drawing size (_common.shrunk)
LOOPS = 10  # each set of three clips plays this many times (10 s: time to read its caption)


def draw_shape(shape: str, rgb, cx: float, cy: float, r: float) -> np.ndarray:
    """One (3, SIZE, SIZE) picture in [-1, 1]: `shape` of radius `r` centred at (cx, cy),
    antialiased by its distance to the edge (half a pixel of soft edge)."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32) + 0.5
    if shape == "ball":
        inside = r - np.hypot(xx - cx, yy - cy)
    elif shape == "square":
        inside = r * 0.85 - np.maximum(abs(xx - cx), abs(yy - cy))
    else:  # a triangle pointing up: three half-planes
        h = r * 2.2
        top, base = cy - h * 0.55, cy + h * 0.45
        slope = (base - top) / r
        sides = np.minimum((yy - top) - slope * (xx - cx), (yy - top) + slope * (xx - cx))
        inside = np.minimum(base - yy, sides / 2.2)
    alpha = np.clip(inside + 0.5, 0.0, 1.0)
    return alpha[None] * np.asarray(rgb, np.float32)[:, None, None] * 2 - 1


def make_pictures(
    n: int, rng: np.random.Generator, y: float = START_Y
) -> tuple[np.ndarray, np.ndarray]:
    """`n` captioned pictures (n, 3, S, S), the shape centred across at height `y`, and
    their captions as (colour, shape) indices."""
    colours = rng.integers(0, len(COLOURS), n)
    shapes = rng.integers(0, len(SHAPES), n)
    rgbs = list(COLOURS.values())
    pictures = np.stack(
        [
            draw_shape(SHAPES[s], rgbs[c], SIZE / 2, y, 4.0)
            for c, s in zip(colours, shapes, strict=True)
        ]
    )
    return pictures, np.stack([colours, shapes], axis=1)


def fall(y0: float) -> list[float]:
    """Heights of a shape dropped at rest from `y0`, frame by frame, bouncing on the floor."""
    floor = SIZE - 4.5
    y, v, path = y0, 0.0, []
    for _ in range(FRAMES):
        path.append(y)
        v += GRAVITY
        y += v
        if y > floor:
            y, v = floor - (y - floor) * BOUNCE, -v * BOUNCE
    return path


def make_clips(n: int, rng: np.random.Generator) -> np.ndarray:
    """`n` clips with no caption (n, FRAMES*3, S, S): a shape of random colour, size and
    place near the top falls and bounces. Colours are any mix, not only the four named."""
    clips = np.empty((n, FRAMES, 3, SIZE, SIZE), np.float32)
    for i in range(n):
        rgb = rng.uniform(0.2, 1.0, 3)
        rgb[rng.integers(0, 3)] = 1.0
        shape = SHAPES[rng.integers(0, len(SHAPES))]
        r = rng.uniform(3.3, 4.6)
        x, y0 = rng.uniform(6, SIZE - 6), rng.uniform(5.5, 8.5)
        for f, y in enumerate(fall(y0)):
            clips[i, f] = draw_shape(shape, rgb, x, y, r)
    return clips.reshape(n, FRAMES * 3, SIZE, SIZE)


def build_models():  # -> (picture model, motion model); torch imported lazily
    import torch
    from torch import nn

    def up(cin: int, cout: int) -> nn.Sequential:
        return nn.Sequential(
            nn.Upsample(scale_factor=2, mode="nearest"),
            nn.Conv2d(cin, cout, 3, padding=1),
            nn.GroupNorm(8, cout),
            nn.SiLU(),
        )

    class PictureModel(nn.Module):
        """Two caption words -> a picture: a word embedding each, then convolutions."""

        def __init__(self, ch: int = 64) -> None:
            super().__init__()
            self.ch = ch
            self.colour = nn.Embedding(len(COLOURS), 64)
            self.shape = nn.Embedding(len(SHAPES), 64)
            self.fc = nn.Linear(64, ch * 6 * 6)
            self.net = nn.Sequential(up(ch, ch), up(ch, ch // 2), nn.Conv2d(ch // 2, 3, 3, 1, 1))

        def forward(self, caption):  # (n, 2) -> (n, 3, S, S)
            e = torch.nn.functional.silu(self.colour(caption[:, 0]) + self.shape(caption[:, 1]))
            return torch.tanh(self.net(self.fc(e).view(-1, self.ch, 6, 6)))

    class MotionModel(nn.Module):
        """First frame -> the whole clip: a small U-Net whose output channels are the eight
        frames. It never sees a caption."""

        def __init__(self, ch: int = 32) -> None:
            super().__init__()

            def block(cin: int, cout: int) -> nn.Sequential:
                return nn.Sequential(
                    nn.Conv2d(cin, cout, 3, padding=1), nn.GroupNorm(8, cout), nn.SiLU(),
                    nn.Conv2d(cout, cout, 3, padding=1), nn.GroupNorm(8, cout), nn.SiLU(),
                )  # fmt: skip

            self.d1, self.d2, self.mid = block(3, ch), block(ch, 2 * ch), block(2 * ch, 2 * ch)
            self.u2, self.u1 = block(4 * ch, ch), block(2 * ch, ch)
            self.pool, self.up = nn.AvgPool2d(2), nn.Upsample(scale_factor=2, mode="nearest")
            self.out = nn.Conv2d(ch, FRAMES * 3, 3, padding=1)

        def forward(self, first):  # (n, 3, S, S) -> (n, FRAMES*3, S, S)
            h1 = self.d1(first)  # 24
            h2 = self.d2(self.pool(h1))  # 12
            m = self.mid(self.pool(h2))  # 6
            u2 = self.u2(torch.cat([self.up(m), h2], 1))
            u1 = self.u1(torch.cat([self.up(u2), h1], 1))
            return torch.tanh(self.out(u1))

    return PictureModel(), MotionModel()


def captions_index(caption: str) -> tuple[int, int]:
    colour, shape = caption.split()
    return list(COLOURS).index(colour), SHAPES.index(shape)


def train() -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
    """Train both models apart; returns the FILMED captions' pictures, their clips, losses."""
    try:
        import torch
    except ImportError as exc:
        raise RuntimeError("tiny_make_a_video needs torch: `.venv/bin/pip install torch`") from exc
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(3)
    picture_model, motion_model = build_models()
    losses: dict[str, float] = {}
    for name, model, steps in (
        ("pictures", picture_model, PICTURE_STEPS),
        ("motion", motion_model, MOTION_STEPS),
    ):
        opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.0)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=steps)
        recent: list[float] = []
        for step in range(1, steps + 1):
            if name == "pictures":  # captioned stills: caption in, picture out
                pictures, caps = make_pictures(BATCH, rng)
                target = torch.from_numpy(pictures)
                made = model(torch.from_numpy(caps))
            else:  # clips without captions: first frame in, the whole clip out
                target = torch.from_numpy(make_clips(BATCH, rng))
                made = model(target[:, :3])
            loss = torch.nn.functional.mse_loss(made, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            recent = (recent + [loss.item()])[-100:]
            if step % 250 == 0:
                print(f"{name} step {step}/{steps} loss {np.mean(recent):.4f}", flush=True)
        losses[name] = float(np.mean(recent))
        model.eval()
    with torch.no_grad():  # text -> picture -> clip: the two models together
        caps = torch.tensor([captions_index(c) for c in FILMED])
        pictures = picture_model(caps)
        clips = motion_model(pictures)
    return pictures.numpy(), clips.numpy(), losses


def film(pictures: np.ndarray, clips: np.ndarray, path, poster) -> int:
    """Top row: the pictures for six captions; bottom row: the clips made from them, with
    an arrow from each picture to its clip (the order the two models work in)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPolygonF

    n = len(FILMED)
    cell, gap = 280, 30
    cols = n // 2
    left = (W - (cols * cell + (cols - 1) * gap)) // 2
    pics = [clip_frames(np.tile(p, (FRAMES, 1, 1)))[0] for p in pictures]
    movies = [clip_frames(c) for c in clips]
    per_clip_frame = FPS // CLIP_FPS
    total = LOOPS * FRAMES * per_clip_frame * 2  # the first three, then the other three
    written = 0
    with H264Writer(path, OUT_W, OUT_H, FPS, max_kbps=22) as writer:
        for k in range(total):
            half = k // (total // 2)  # which three captions are shown
            frame = (k // per_clip_frame) % FRAMES
            img = new_image(W, H, BG)
            p = painter(img)
            for col in range(cols):
                i = half * cols + col
                x = left + col * (cell + gap)
                draw_clip(p, pics[i], x, 40, cell)
                cx = x + cell / 2
                p.save()  # the arrow's brush must not fill the clips' frames
                p.setPen(color("#a4adbd"))
                p.setBrush(color("#a4adbd"))
                p.fillRect(round(cx - 5), 40 + cell + 14, 10, 34, color("#a4adbd"))
                p.drawPolygon(QPolygonF([QPointF(cx - 20, 40 + cell + 46),
                                         QPointF(cx + 20, 40 + cell + 46),
                                         QPointF(cx, 40 + cell + 72)]))  # fmt: skip
                p.restore()
                draw_clip(p, movies[i][frame], x, 40 + cell + 90, cell)
            p.end()
            img = shrunk(img, OUT_W, OUT_H)
            writer.write(img)
            written += 1
            if k == total // 2 - FRAMES * per_clip_frame // 2:
                save_poster(img, poster)
    return written


def captions() -> list[tuple[float, float, str]]:
    """The film's WebVTT cues, one per set of three captions (no sound track: "[No sound]")."""
    half = LOOPS * FRAMES / CLIP_FPS
    first, second = ", ".join(FILMED[:3]), ", ".join(FILMED[3:])
    return [
        (0.0, half, f"[No sound] Top: what one small model drew for the captions {first}. "
         "Below: another, which learned from clips without captions, makes each fall."),
        (half, 2 * half, f"The same for {second}. No video ever came with these captions."),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> dict[str, str]:
    """Train (or reuse build/tiny_make_a_video.npz from the last training), then film."""
    app()
    cache = REPO / "build" / "tiny_make_a_video.npz"
    if cache.exists() and "--retrain" not in (argv or []):
        saved = np.load(cache)
        pictures, clips = saved["pictures"], saved["clips"]
        losses = {"pictures": float(saved["pictures_loss"]), "motion": float(saved["motion_loss"])}
    else:
        pictures, clips, losses = train()
        cache.parent.mkdir(exist_ok=True)
        losses_saved = {f"{k}_loss": v for k, v in losses.items()}
        np.savez_compressed(cache, pictures=pictures, clips=clips, **losses_saved)
    video = MEDIA / "video" / "tiny-make-a-video.mp4"
    frames = film(pictures, clips, video, video.with_suffix(".png"))
    write_vtt(video.with_suffix(".vtt"), captions())
    size = video.stat().st_size / 1024
    return {
        "makeavideo": f"losses pictures {losses['pictures']:.4f} motion {losses['motion']:.4f}; "
        f"{frames} frames; {rel(video)} {size:.0f} KB"
    }


if __name__ == "__main__":
    import sys

    print(main(sys.argv))
