"""Train a tiny text-to-video diffusion model for the video section, and film what it makes.

The exhibit cannot ship the labs' video samples, so it shows real output of a model trained here:
a small denoising-diffusion model (Ho et al. 2020, the method behind the 2022 video models)
that learns 8-frame, 32x32 colour clips of a ball moving in the direction a one-word prompt
names ("left", "right", "up", "down"). The training clips are drawn by `make_clips` below
(random colour, start, speed and size), so the data is the project's own (CC BY 4.0).

Two films come out, both 960x960 H.264 with labels large enough to read on the slide:
- `tiny-diffusion-training.mp4`: the same prompts and the same starting noise, sampled after
  more and more training steps — noise, then blobs, then a ball that moves the right way.
- `tiny-diffusion-denoise.mp4`: the trained model turning noise into clips, step by step.

Needs torch at script time only (`.venv/bin/pip install torch`; the app never imports it).
Training takes 10-20 minutes on two CPU cores; its samples are kept in build/tiny_diffusion.npz,
so a rerun only films them again (`--retrain` trains afresh). Seeds are fixed and torch runs
deterministic algorithms, so a retrain on the same machine makes the same samples.

The words drawn into the films are also written in French, German and Spanish
(`tiny-diffusion-*.<code>.mp4` and `.png`, the same samples frame for frame; `WORDS`, worded
as the translated captions). A longer line is drawn a little smaller (`fitted`), never below
44 px (40 px for the column labels, which keep clear of each other: 22 px caps on a slide),
so English, which fits, is drawn at its full size.
"""

from __future__ import annotations

import math

import numpy as np
from _common import BG, MEDIA, MUTED, REPO, TEXT, app, font, new_image, painter, rel, save_png
from captions import write_vtt
from video_writer import H264Writer

FRAMES, SIZE = 8, 24
PROMPTS = ("left", "right", "up", "down")
ARROWS = {"left": "←", "right": "→", "up": "↑", "down": "↓"}
STEPS = 4000
CHECKPOINTS = (50, 200, 600, 1500, STEPS)
T = 200  # diffusion steps in training
SAMPLE_STEPS = 40  # DDIM steps when sampling
BATCH = 32
W, H, FPS = 960, 960, 24  # square: a milestone slide shows it ~0.86x, so 44 px text stays legible
CLIP_FPS = 8  # the model's clips play at 8 frames a second
NBSP = "\u00a0"

# What the films say, per language (English: the deck's default, `tiny-diffusion-*.mp4`).
# The prompts the model was given stay English in the captions; the labels over the boxes
# say the direction in the visitor's language, beside its arrow.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "thousands": ",",
        "trained": "After {step} training steps",
        "same": "Same prompts, same start noise",
        "footer": "A small model we trained on clips we drew. Each box is 8 frames it made.",
        "step": "Step {index} of {last}",
        "done": "Done",
        "removing": "Removing noise, a little each step",
        "asked": "Each clip moves as asked",
        "left": "left",
        "right": "right",
        "up": "up",
        "down": "down",
    },
    "fr": {
        "thousands": NBSP,
        "trained": "Après {step} étapes d’entraînement",
        "same": "Mêmes consignes, même bruit de départ",
        "footer": "Un petit modèle entraîné sur des vidéos que nous avons dessinées. "
        "Chaque case : 8 images qu’il a faites.",
        "step": "Étape {index} sur {last}",
        "done": "Terminé",
        "removing": "Il retire un peu de bruit à chaque étape",
        "asked": "Chaque balle bouge comme demandé",
        "left": "gauche",
        "right": "droite",
        "up": "haut",
        "down": "bas",
    },
    "de": {
        "thousands": ".",
        "trained": "Nach {step} Trainingsschritten",
        "same": "Gleiche Prompts, gleiches Rauschen",
        "footer": "Ein kleines Modell, mit selbst gezeichneten Clips trainiert. "
        "Jedes Feld: 8 Bilder, die es gemacht hat.",
        "step": "Schritt {index} von {last}",
        "done": "Fertig",
        "removing": "Jeder Schritt entfernt etwas Rauschen",
        "asked": "Jeder Ball bewegt sich wie verlangt",
        "left": "links",
        "right": "rechts",
        "up": "oben",
        "down": "unten",
    },
    "es": {
        "thousands": ".",
        "trained": "Tras {step} pasos de entrenamiento",
        "same": "Mismas instrucciones y ruido inicial",
        "footer": "Un modelo pequeño entrenado con clips que dibujamos. "
        "Cada cuadro: 8 fotogramas que hizo.",
        "step": "Paso {index} de {last}",
        "done": "Listo",
        "removing": "Quita un poco de ruido en cada paso",
        "asked": "Cada bola se mueve como se pide",
        "left": "izquierda",
        "right": "derecha",
        "up": "arriba",
        "down": "abajo",
    },
}


def make_clips(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`n` clips (n, FRAMES*3, SIZE, SIZE) in [-1, 1] and their prompt indices (n,)."""
    labels = rng.integers(0, len(PROMPTS), n)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    clips = np.empty((n, FRAMES, 3, SIZE, SIZE), np.float32)
    for i, label in enumerate(labels):
        radius = rng.uniform(2.5, 3.5)
        speed = rng.uniform(1.2, 1.9)
        colour = rng.uniform(0.35, 1.0, 3)
        colour[rng.integers(0, 3)] = 1.0  # always one bright channel: visible on the dark
        dx, dy = {0: (-1, 0), 1: (1, 0), 2: (0, -1), 3: (0, 1)}[int(label)]
        travel = speed * (FRAMES - 1)
        lo, hi = radius + 1, SIZE - radius - 1
        # start where the whole path stays inside the frame
        x0 = rng.uniform(lo + max(0, -dx) * travel, hi - max(0, dx) * travel)
        y0 = rng.uniform(lo + max(0, -dy) * travel, hi - max(0, dy) * travel)
        for f in range(FRAMES):
            cx, cy = x0 + dx * speed * f, y0 + dy * speed * f
            disc = np.clip(radius + 0.5 - np.hypot(xx - cx, yy - cy), 0.0, 1.0)
            clips[i, f] = disc[None] * colour[:, None, None]
    clips = clips * 2.0 - 1.0
    return clips.reshape(n, FRAMES * 3, SIZE, SIZE), labels


def build_model():  # -> torch.nn.Module (torch is imported lazily)
    import torch
    from torch import nn

    class Block(nn.Module):
        def __init__(self, cin: int, cout: int, emb: int) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
            self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
            self.emb = nn.Linear(emb, cout)
            self.norm1 = nn.GroupNorm(8, cout)
            self.norm2 = nn.GroupNorm(8, cout)
            self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

        def forward(self, x, e):
            h = torch.nn.functional.silu(self.norm1(self.conv1(x)))
            h = h + self.emb(e)[:, :, None, None]
            h = torch.nn.functional.silu(self.norm2(self.conv2(h)))
            return h + self.skip(x)

    class TinyUNet(nn.Module):
        """Frames stacked as channels: 2-D convolutions see all 8 frames at once."""

        def __init__(self, ch: int = 32, emb: int = 128) -> None:
            super().__init__()
            cin = FRAMES * 3
            self.emb_dim = emb
            self.t_mlp = nn.Sequential(nn.Linear(emb, emb), nn.SiLU(), nn.Linear(emb, emb))
            self.prompt = nn.Embedding(len(PROMPTS), emb)
            self.inp = nn.Conv2d(cin, ch, 3, padding=1)
            self.d1 = Block(ch, ch, emb)
            self.d2 = Block(ch, 2 * ch, emb)
            self.mid = Block(2 * ch, 2 * ch, emb)
            self.u2 = Block(4 * ch, ch, emb)
            self.u1 = Block(2 * ch, ch, emb)
            self.out = nn.Conv2d(ch, cin, 3, padding=1)
            self.pool = nn.AvgPool2d(2)
            self.up = nn.Upsample(scale_factor=2, mode="nearest")

        def forward(self, x, t, label):
            half = self.emb_dim // 2
            freqs = torch.exp(-math.log(1000.0) * torch.arange(half) / half)
            angles = t.float()[:, None] * freqs[None]
            e = torch.cat([angles.sin(), angles.cos()], dim=1)
            e = self.t_mlp(e) + self.prompt(label)
            h0 = self.inp(x)
            h1 = self.d1(h0, e)  # 32
            h2 = self.d2(self.pool(h1), e)  # 16
            m = self.mid(self.pool(h2), e)  # 8
            u2 = self.u2(torch.cat([self.up(m), h2], 1), e)  # 16
            u1 = self.u1(torch.cat([self.up(u2), h1], 1), e)  # 32
            return self.out(u1)

    return TinyUNet()


def schedule():  # -> (betas, alphas_cumprod) as torch tensors
    import torch

    betas = torch.linspace(1e-4, 0.05, T)
    return betas, torch.cumprod(1.0 - betas, 0)


def ddim_sample(model, noise, labels, record: bool = False):
    """Deterministic DDIM sampling; with `record`, also every intermediate x_t."""
    import torch

    _, abar = schedule()
    times = np.linspace(T - 1, 0, SAMPLE_STEPS).round().astype(int)
    x = noise.clone()
    seen = [x.clone()] if record else []
    with torch.no_grad():
        for i, t in enumerate(times):
            a_t = abar[t]
            a_prev = abar[times[i + 1]] if i + 1 < len(times) else torch.tensor(1.0)
            # the model predicts the clean clip; the noise it implies carries DDIM to the next step
            x0 = model(x, torch.full((x.shape[0],), int(t)), labels).clamp(-1, 1)
            eps = (x - a_t.sqrt() * x0) / (1 - a_t).sqrt()
            x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
            if record:
                seen.append(x.clone())
    return x, seen


def train() -> tuple[dict[int, np.ndarray], np.ndarray, list[np.ndarray], float]:
    """Train; returns samples per checkpoint, the labels sampled, the denoising path, loss."""
    try:
        import torch
    except ImportError as exc:
        raise RuntimeError("tiny_diffusion needs torch: `.venv/bin/pip install torch`") from exc
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(0)
    model = build_model()
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=STEPS)
    _, abar = schedule()
    labels = torch.tensor([i for i in range(len(PROMPTS)) for _ in range(2)])
    noise = torch.randn(
        (len(labels), FRAMES * 3, SIZE, SIZE), generator=torch.Generator().manual_seed(7)
    )
    samples: dict[int, np.ndarray] = {}
    recent = []
    for step in range(1, STEPS + 1):
        clips, lab = make_clips(BATCH, rng)
        x0 = torch.from_numpy(clips)
        t = torch.randint(0, T, (BATCH,))
        eps = torch.randn_like(x0)
        a = abar[t][:, None, None, None]
        xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
        # predicting the clean clip (not the noise) gives a small model clean samples sooner
        loss = torch.nn.functional.mse_loss(model(xt, t, torch.from_numpy(lab)), x0)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        recent = (recent + [loss.item()])[-100:]
        if step % 250 == 0:
            print(f"step {step}/{STEPS} loss {np.mean(recent):.4f}", flush=True)
        if step in CHECKPOINTS:
            model.eval()
            out, _ = ddim_sample(model, noise, labels)
            samples[step] = out.numpy()
            model.train()
    model.eval()
    _, path = ddim_sample(model, noise[::2], labels[::2], record=True)
    return samples, labels.numpy(), [x.numpy() for x in path], float(np.mean(recent))


def clip_frames(sample: np.ndarray) -> np.ndarray:
    """(FRAMES*3, S, S) in [-1, 1] -> (FRAMES, S, S, 3) uint8."""
    frames = sample.reshape(FRAMES, 3, SIZE, SIZE).transpose(0, 2, 3, 1)
    return ((np.clip(frames, -1, 1) + 1) * 127.5).round().astype(np.uint8)


def draw_clip(p, frame: np.ndarray, x: int, y: int, size: int) -> None:
    """One clip frame, scaled up with smooth filtering, in a thin frame."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPen

    data = np.ascontiguousarray(frame)
    img = QImage(data.data, SIZE, SIZE, SIZE * 3, QImage.Format.Format_RGB888).copy()
    p.drawImage(QRect(x, y, size, size), img)
    p.setPen(QPen(QColor("#3a4456"), 2))
    p.drawRect(x, y, size, size)


def fitted(text: str, px: int, weight: str, width: int, floor: int = 44) -> int:
    """The largest pixel size up to `px` at which `text` fits `width` (a longer translation)."""
    from PySide6.QtGui import QFontMetricsF

    size = px
    while QFontMetricsF(font(size, weight)).horizontalAdvance(text) > width:
        size -= 1
        if size < floor:
            raise ValueError(f"tiny_diffusion: {text!r} does not fit {width} px")
    return size


def fitted_block(text: str, px: int, width: int, height: int, floor: int = 40) -> int:
    """The largest size up to `px` at which `text`, word-wrapped to `width`, fits `height`."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFontMetrics

    size = px
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    while (
        QFontMetrics(font(size)).boundingRect(QRect(0, 0, width, 10_000), flags, text).height()
        > height
    ):
        size -= 1
        if size < floor:
            raise ValueError(f"tiny_diffusion: {text!r} does not fit {width}x{height} px")
    return size


def draw_label(p, text: str, x: int, y: int, width: int, px: int = 52) -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor

    p.setFont(font(px, "bold"))
    p.setPen(QColor(TEXT))
    p.drawText(QRect(x, y, width, 64), Qt.AlignmentFlag.AlignCenter, text)


def heading(p, text: str, note: str, sizes: tuple[int, int] = (60, 46)) -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor

    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    p.setFont(font(sizes[0], "bold"))
    p.setPen(QColor(TEXT))
    p.drawText(QRect(44, 24, W - 88, 76), left, text)
    p.setFont(font(sizes[1], "semibold"))
    p.setPen(QColor(MUTED))
    p.drawText(QRect(44, 100, W - 88, 60), left, note)


def label(prompt: str, words: dict[str, str] = WORDS["en"]) -> str:
    return f"{ARROWS[prompt]} {words[prompt]}"


def heading_sizes(titles: list[str], notes: list[str]) -> tuple[int, int]:
    """One title size and one note size for a whole film, so nothing jumps between steps."""
    title_px = min(fitted(t, 60, "bold", W - 88) for t in titles)
    note_px = min(fitted(n, 46, "semibold", W - 88) for n in notes)
    return title_px, note_px


LABEL_SPACE = 14  # px kept between two labels side by side ("← izquierda" and "→ derecha")


def label_size(labels: list[str], width: int, pitch: int, floor: int = 40) -> int:
    """One size, up to 52 px, at which every label fits `width` and neighbours side by side
    (label i and i + 1, centred `pitch` apart, in a row) keep LABEL_SPACE between them."""
    from PySide6.QtGui import QFontMetricsF

    for px in range(52, floor - 1, -1):
        sizes = [QFontMetricsF(font(px, "bold")).horizontalAdvance(t) for t in labels]
        pairs = zip(sizes, sizes[1:], strict=False)
        if max(sizes) <= width and all((a + b) / 2 + LABEL_SPACE <= pitch for a, b in pairs):
            return px
    raise ValueError(f"tiny_diffusion: labels {labels} do not fit")


def steps_text(step: int, words: dict[str, str]) -> str:
    """A step count as the captions write it: 4,000 · 4 000 · 4.000."""
    return f"{step:,}".replace(",", words["thousands"])


TRAINING_HOLD_S = 3  # each checkpoint plays this long
FOOTER_H = 180  # three lines of 44 px below the clips (English needs two)
DENOISE_STEP_FRAMES, DONE_HOLD_S = 6, 4


def training_captions() -> list[tuple[float, float, str]]:
    """The training film's WebVTT cues (no sound track: "[No sound]" first)."""
    prompts = ", ".join(PROMPTS)
    cues = [
        (
            0.0,
            TRAINING_HOLD_S,
            f"[No sound] After {CHECKPOINTS[0]:,} training steps, the "
            f"model's clips for the prompts {prompts}, from the same starting noise.",
        )
    ]
    for i, step in enumerate(CHECKPOINTS[1:], 1):
        last = step == CHECKPOINTS[-1]
        done = ": each ball moves the way its prompt says." if last else "."
        words = f"After {step:,} steps{done}"
        cues.append((i * TRAINING_HOLD_S, (i + 1) * TRAINING_HOLD_S, words))
    return cues  # fmt: skip


def denoise_captions(steps: int = SAMPLE_STEPS) -> list[tuple[float, float, str]]:
    """The denoising film's WebVTT cues: `steps` sampling steps, then the finished clips."""
    done = steps * DENOISE_STEP_FRAMES / FPS
    end = (steps + 1) * DENOISE_STEP_FRAMES / FPS + DONE_HOLD_S
    return [
        (0.0, done, f"[No sound] The trained model makes one clip for each prompt, "
         f"{', '.join(PROMPTS)}, starting from pure noise and removing a little of it at "
         f"each of {steps} steps."),
        (done, end, "Done: each ball moves the way its prompt asks."),
    ]  # fmt: skip


def film_training(
    samples: dict[int, np.ndarray], path, poster, words: dict[str, str] = WORDS["en"]
) -> int:
    """Four columns (one per prompt) of two clips, after more and more training steps."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor

    frames_written = 0
    hold = TRAINING_HOLD_S * FPS
    per_clip_frame = FPS // CLIP_FPS
    cell, gap = 204, 30  # 30: "← izquierda" beside "→ derecha" at 40 px (22 px caps on screen)
    left = (W - (4 * cell + 3 * gap)) // 2
    footer = words["footer"]
    footer_px = fitted_block(footer, 44, W - 88, FOOTER_H)
    titles = [words["trained"].format(step=steps_text(step, words)) for step in samples]
    labels = [label(prompt, words) for prompt in PROMPTS]
    sizes = heading_sizes(titles, [words["same"]])
    label_px = label_size(labels, cell + 2 * gap, cell + gap)
    with H264Writer(path, W, H, FPS, max_kbps=300) as writer:
        for title, (step, batch) in zip(titles, samples.items(), strict=True):
            clips = [clip_frames(s) for s in batch]
            for k in range(hold):
                img = new_image(W, H, BG)
                p = painter(img)
                heading(p, title, words["same"], sizes)
                frame = (k // per_clip_frame) % FRAMES
                for col in range(len(PROMPTS)):
                    x = left + col * (cell + gap)
                    draw_label(p, labels[col], x - gap, 190, cell + 2 * gap, label_px)
                    for row in range(2):
                        draw_clip(p, clips[col * 2 + row][frame], x, 270 + row * (cell + 22), cell)
                p.setFont(font(footer_px))
                p.setPen(QColor(MUTED))
                p.drawText(
                    QRect(44, 740, W - 88, FOOTER_H),
                    Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                    footer,
                )
                p.end()
                writer.write(img)
                frames_written += 1
                if step == CHECKPOINTS[-1] and k == FRAMES * per_clip_frame // 2:
                    shown = img
    save_png(shown, poster, also_cap=writer.min_text_cap)
    return frames_written


def film_denoise(
    path_states: list[np.ndarray], path, poster, words: dict[str, str] = WORDS["en"]
) -> int:
    """The trained model's four clips (one per prompt, 2 x 2) emerging from noise."""
    frames_written = 0
    per_clip_frame = FPS // CLIP_FPS
    last = len(path_states) - 1
    schedule_frames = [(i, DENOISE_STEP_FRAMES) for i in range(len(path_states))]
    schedule_frames.append((last, DONE_HOLD_S * FPS))
    cell, gap = 300, 80
    left = (W - (2 * cell + gap)) // 2
    k = 0
    titles = [words["step"].format(index=last - 1, last=last), words["done"]]
    labels = [label(prompt, words) for prompt in PROMPTS]
    sizes = heading_sizes(titles, [words["removing"], words["asked"]])
    label_px = label_size(labels, cell, cell + gap)  # a 2 x 2 grid: pairs (0, 1) and (2, 3)
    with H264Writer(path, W, H, FPS, max_kbps=300) as writer:
        for index, count in schedule_frames:
            clips = [clip_frames(s) for s in path_states[index]]
            done = index == last
            title = words["done"] if done else words["step"].format(index=index, last=last)
            note = words["asked"] if done else words["removing"]
            for _ in range(count):
                img = new_image(W, H, BG)
                p = painter(img)
                heading(p, title, note, sizes)
                frame = (k // per_clip_frame) % FRAMES
                for i in range(len(PROMPTS)):
                    x = left + (i % 2) * (cell + gap)
                    y = 180 + (i // 2) * (cell + 90)
                    draw_label(p, labels[i], x, y, cell, label_px)
                    draw_clip(p, clips[i][frame], x, y + 72, cell)
                p.end()
                writer.write(img)
                frames_written += 1
                k += 1
    save_png(img, poster, also_cap=writer.min_text_cap)
    return frames_written


def main(argv: list[str] | None = None) -> dict[str, str]:
    """Train (or reuse build/tiny_diffusion.npz from the last training), then film."""
    app()
    cache = REPO / "build" / "tiny_diffusion.npz"
    if cache.exists() and "--retrain" not in (argv or []):
        saved = np.load(cache)
        samples = {int(k[1:]): saved[k] for k in saved.files if k.startswith("s")}
        path_states = list(saved["path"])
        loss = float(saved["loss"])
    else:
        samples, _labels, path_states, loss = train()
        cache.parent.mkdir(exist_ok=True)
        np.savez_compressed(
            cache, path=np.stack(path_states), loss=loss, **{f"s{k}": v for k, v in samples.items()}
        )
    video = MEDIA / "video"
    films: dict[str, int] = {}
    for lang, words in WORDS.items():  # the same samples in every language
        suffix = "" if lang == "en" else f".{lang}"
        for name, film, states in (
            ("tiny-diffusion-training", film_training, samples),
            ("tiny-diffusion-denoise", film_denoise, path_states),
        ):
            out = video / f"{name}{suffix}.mp4"
            films[out.name] = film(states, out, out.with_suffix(".png"), words)
    n1, n2 = films["tiny-diffusion-training.mp4"], films["tiny-diffusion-denoise.mp4"]
    for name, count in films.items():  # so the translated captions, timed as English, still fit
        if count != films[name.split(".")[0] + ".mp4"]:
            raise RuntimeError(f"tiny_diffusion: {name} has {count} frames, not as English")
    write_vtt(video / "tiny-diffusion-training.vtt", training_captions())
    write_vtt(video / "tiny-diffusion-denoise.vtt", denoise_captions(len(path_states) - 1))
    sizes = ", ".join(f"{rel(video / n)} {(video / n).stat().st_size / 1024:.0f} KB" for n in films)
    return {"tinymodel": f"{STEPS} steps, final loss {loss:.4f}; {n1}+{n2} frames; {sizes}"}


if __name__ == "__main__":
    import sys

    print(main(sys.argv))
