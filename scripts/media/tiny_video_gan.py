"""Train a tiny DVD-GAN-style video GAN for the DVD-GAN slide, and film its samples.

DVD-GAN (Clark, Donahue & Simonyan 2019) is a GAN whose *Dual Video Discriminator* has two
judges: a spatial one that looks at single frames (are they sharp, plausible pictures?) and a
temporal one that looks at the whole clip at a lower resolution (is the motion plausible?).
The exhibit cannot ship DeepMind's samples, so it shows a small model of the same shape,
trained here: a generator that turns random numbers into 8-frame, 24x24 colour clips, and the
two judges, trained against each other on the ball clips `tiny_diffusion.make_clips` draws
(the project's own data, CC BY 4.0). No prompt: like DVD-GAN's unconditional samples, each
clip is whatever the generator makes from its random start.

The film (`tiny-video-gan.mp4`, 480x480, no words: the captions say them in every language)
shows nine clips made from the same nine random starts after more and more training steps; a
bar along the top fills as training goes on. Early clips are coloured noise, then smears that
break up; by the end most are a ball that holds its shape as it moves (nearly all white: this
small GAN did not learn the colours, a flaw the captions say).

Needs torch at script time only; training takes about five minutes on two CPU cores (eight
when they are shared with other work), and its samples are kept in build/tiny_video_gan.npz
so a rerun only films them (`--retrain` trains afresh). Seeds are fixed and torch runs
deterministic algorithms.
"""

from __future__ import annotations

import copy

import numpy as np
from _common import BG, MEDIA, REPO, app, color, new_image, painter, rel, save_poster, shrunk
from captions import write_vtt
from tiny_diffusion import FRAMES, SIZE, clip_frames, draw_clip, make_clips
from video_writer import H264Writer

Z = 64  # the generator's random input
STEPS = 2000
CHECKPOINTS = (25, 150, 400, 1000, STEPS)
BATCH = 32
EMA = 0.995  # how much of the running average each step keeps
SPATIAL_FRAMES = 4  # frames of each clip the spatial judge looks at (DVD-GAN: 8 of 48)
GRID = 3  # 3 x 3 clips in the film
W = H = 720  # drawn at this size ...
OUT_W = OUT_H = 480  # ... shipped at this one (_common.shrunk)
FPS, CLIP_FPS = 24, 8
HOLD_S = (4, 3, 3, 4, 8)  # seconds each checkpoint plays: time to read its caption


def to_video(clips: np.ndarray):  # (n, FRAMES*3, S, S) numpy -> (n, 3, FRAMES, S, S) tensor
    import torch

    n = clips.shape[0]
    x = torch.as_tensor(clips).reshape(n, FRAMES, 3, SIZE, SIZE)
    return x.permute(0, 2, 1, 3, 4).contiguous()


def from_video(x) -> np.ndarray:  # (n, 3, FRAMES, S, S) tensor -> (n, FRAMES*3, S, S) numpy
    n = x.shape[0]
    return x.permute(0, 2, 1, 3, 4).reshape(n, FRAMES * 3, SIZE, SIZE).numpy()


def build_models():  # -> (generator, spatial judge, temporal judge); torch imported lazily
    import torch
    from torch import nn
    from torch.nn.utils.parametrizations import spectral_norm as sn

    class Generator(nn.Module):
        """Random numbers -> a clip. The eight frames are made together, as the channels of
        one picture (as in tiny_diffusion.py), so every frame knows what the others show."""

        def __init__(self, ch: int = 128) -> None:
            super().__init__()
            self.ch = ch
            self.fc = nn.Linear(Z, ch * 6 * 6)

            def up(cin: int, cout: int) -> nn.Sequential:
                return nn.Sequential(
                    nn.Upsample(scale_factor=2, mode="nearest"),
                    nn.Conv2d(cin, cout, 3, padding=1),
                    nn.BatchNorm2d(cout),
                    nn.ReLU(),
                )

            self.net = nn.Sequential(
                nn.BatchNorm2d(ch),
                nn.ReLU(),
                up(ch, ch // 2),  # 12x12
                up(ch // 2, ch // 2),  # 24x24
                nn.Conv2d(ch // 2, FRAMES * 3, 3, padding=1),
                nn.Tanh(),
            )

        def forward(self, z):  # -> (n, 3, FRAMES, S, S)
            frames = self.net(self.fc(z).view(-1, self.ch, 6, 6))
            return frames.view(-1, FRAMES, 3, SIZE, SIZE).permute(0, 2, 1, 3, 4)

    class SpatialJudge(nn.Module):
        """Scores single frames, one at a time: it never sees two frames together, so it
        can only judge how each picture looks, never how things move."""

        def __init__(self, ch: int = 32) -> None:
            super().__init__()
            self.net = nn.Sequential(
                sn(nn.Conv2d(3, ch, 4, 2, 1)),  # 12
                nn.LeakyReLU(0.2),
                sn(nn.Conv2d(ch, 2 * ch, 4, 2, 1)),  # 6
                nn.LeakyReLU(0.2),
                sn(nn.Conv2d(2 * ch, 4 * ch, 4, 2, 1)),  # 3
                nn.LeakyReLU(0.2),
            )
            self.out = sn(nn.Linear(4 * ch, 1))

        def frame_scores(self, video):  # (n, 3, F, S, S) -> (n, F): one score per frame
            n, c, f, s, _ = video.shape
            frames = video.permute(0, 2, 1, 3, 4).reshape(n * f, c, s, s)
            return self.out(self.net(frames).sum(dim=(2, 3))).view(n, f)

        def forward(self, video, pick):  # pick: (n, k) frame indices per clip
            chosen = torch.stack([v[:, p] for v, p in zip(video, pick, strict=True)])
            return self.frame_scores(chosen).mean(dim=1)

    class TemporalJudge(nn.Module):
        """Scores the whole clip at half resolution with 3-D convolutions: it sees every
        frame in order, so it can judge motion, but not fine detail."""

        def __init__(self, ch: int = 32) -> None:
            super().__init__()
            self.pool = nn.AvgPool3d((1, 2, 2))  # 8 frames of 12x12
            self.net = nn.Sequential(
                sn(nn.Conv3d(3, ch, 3, 1, 1)),
                nn.LeakyReLU(0.2),
                sn(nn.Conv3d(ch, 2 * ch, 4, 2, 1)),  # 4 frames of 6x6
                nn.LeakyReLU(0.2),
                sn(nn.Conv3d(2 * ch, 4 * ch, 4, 2, 1)),  # 2 frames of 3x3
                nn.LeakyReLU(0.2),
            )
            self.out = sn(nn.Linear(4 * ch, 1))

        def forward(self, video):  # (n, 3, F, S, S) -> (n,)
            return self.out(self.net(self.pool(video)).sum(dim=(2, 3, 4))).view(-1)

    return Generator(), SpatialJudge(), TemporalJudge()


def train() -> tuple[dict[int, np.ndarray], dict[str, float]]:
    """Train; returns the nine fixed starts' clips per checkpoint and the last losses."""
    try:
        import torch
    except ImportError as exc:
        raise RuntimeError("tiny_video_gan needs torch: `.venv/bin/pip install torch`") from exc
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(1)
    gen, spatial, temporal = build_models()
    # the judges learn at half the generator's pace: at equal pace they soon win outright
    # and the generator's clips get worse again (tried: 3,000 steps)
    opt_g = torch.optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(
        [*spatial.parameters(), *temporal.parameters()], lr=1e-4, betas=(0.5, 0.999)
    )
    # samples come from a running average of the generator's weights (as in BigGAN, which
    # DVD-GAN builds on): steadier than the weights of any one step
    shown = copy.deepcopy(gen)
    picks = torch.Generator().manual_seed(2)
    fixed = torch.randn((GRID * GRID, Z), generator=torch.Generator().manual_seed(7))

    def judged(video):  # both judges' scores, summed as in DVD-GAN
        pick = torch.stack(
            [torch.randperm(FRAMES, generator=picks)[:SPATIAL_FRAMES] for _ in video]
        )
        return spatial(video, pick) + temporal(video)

    samples: dict[int, np.ndarray] = {}
    recent: list[tuple[float, float]] = []
    relu = torch.nn.functional.relu
    for step in range(1, STEPS + 1):
        real = to_video(make_clips(BATCH, rng)[0])
        fake = gen(torch.randn(BATCH, Z))
        # hinge loss: the judges push real clips above +1 and made ones below -1 ...
        loss_d = relu(1 - judged(real)).mean() + relu(1 + judged(fake.detach())).mean()
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        # ... and the generator pushes the judges' score of its clips up
        loss_g = -judged(fake).mean()
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        with torch.no_grad():
            for avg, now in zip(shown.state_dict().values(), gen.state_dict().values(),
                                strict=True):  # fmt: skip
                if avg.dtype.is_floating_point:
                    avg.lerp_(now, 1 - EMA)
                else:
                    avg.copy_(now)
        recent = (recent + [(loss_d.item(), loss_g.item())])[-100:]
        if step % 250 == 0:
            d, g = np.mean(recent, axis=0)
            print(f"step {step}/{STEPS} judges {d:.3f} generator {g:.3f}", flush=True)
        if step in CHECKPOINTS:
            with torch.no_grad():
                samples[step] = from_video(shown(fixed))
    d, g = np.mean(recent, axis=0)
    return samples, {"judges": float(d), "generator": float(g)}


def film(samples: dict[int, np.ndarray], path, poster) -> int:
    """The nine clips after each checkpoint, a bar along the top showing how far training
    has gone (on a log scale: the early steps, where most changes, get room)."""
    gap, top = 18, 60
    cell = (W - 2 * 36 - (GRID - 1) * gap) // GRID
    left = (W - (GRID * cell + (GRID - 1) * gap)) // 2
    per_clip_frame = FPS // CLIP_FPS
    first, last = np.log(CHECKPOINTS[0]), np.log(STEPS)
    written = 0
    with H264Writer(path, OUT_W, OUT_H, FPS, max_kbps=45) as writer:
        for (step, batch), hold in zip(samples.items(), HOLD_S, strict=True):
            clips = [clip_frames(s) for s in batch]
            done = 0.08 + 0.92 * (np.log(step) - first) / (last - first)
            for k in range(hold * FPS):
                img = new_image(W, H, BG)
                p = painter(img)
                p.fillRect(left, 22, GRID * cell + (GRID - 1) * gap, 14, color("#2a3344"))
                p.fillRect(left, 22, round(done * (GRID * cell + (GRID - 1) * gap)), 14,
                           color("#4cc9f0"))  # fmt: skip
                frame = (k // per_clip_frame) % FRAMES
                for i, clip in enumerate(clips):
                    x = left + (i % GRID) * (cell + gap)
                    y = top + (i // GRID) * (cell + gap)
                    draw_clip(p, clip[frame], x, y, cell)
                p.end()
                img = shrunk(img, OUT_W, OUT_H)
                writer.write(img)
                written += 1
                if step == STEPS and k == FRAMES * per_clip_frame // 2:
                    save_poster(img, poster)
    return written


def captions() -> list[tuple[float, float, str]]:
    """The film's WebVTT cues (no sound track: "[No sound]" first), one per checkpoint."""
    starts = np.cumsum((0, *HOLD_S)).tolist()
    texts = [
        f"[No sound] After {CHECKPOINTS[0]} training steps: coloured noise in all nine clips.",
        f"After {CHECKPOINTS[1]} steps: darker noise, flickering.",
        f"After {CHECKPOINTS[2]} steps: faint blobs that smear and break up.",
        f"After {CHECKPOINTS[3]:,} steps: balls appear, but some break apart or jump.",
        f"After {STEPS:,} steps: most clips show a ball that keeps its shape as it moves, nearly "
        "always white, though the training balls were coloured.",
    ]
    return [(float(a), float(b), t) for a, b, t in zip(starts[:-1], starts[1:], texts, strict=True)]


def main(argv: list[str] | None = None) -> dict[str, str]:
    """Train (or reuse build/tiny_video_gan.npz from the last training), then film."""
    app()
    cache = REPO / "build" / "tiny_video_gan.npz"
    if cache.exists() and "--retrain" not in (argv or []):
        saved = np.load(cache)
        samples = {int(k[1:]): saved[k] for k in saved.files if k.startswith("s")}
        losses = {"judges": float(saved["judges"]), "generator": float(saved["generator"])}
    else:
        samples, losses = train()
        cache.parent.mkdir(exist_ok=True)
        np.savez_compressed(cache, **losses, **{f"s{k}": v for k, v in samples.items()})
    video = MEDIA / "video" / "tiny-video-gan.mp4"
    frames = film(samples, video, video.with_suffix(".png"))
    write_vtt(video.with_suffix(".vtt"), captions())
    size = video.stat().st_size / 1024
    return {
        "videogan": f"{STEPS} steps, losses judges {losses['judges']:.3f} generator "
        f"{losses['generator']:.3f}; {frames} frames; {rel(video)} {size:.0f} KB"
    }


if __name__ == "__main__":
    import sys

    print(main(sys.argv))
