"""media/video/pong-agent.mp4: a tabular Q-learning agent learning to play Pong.

The script really trains the agent (numpy, fixed seed), snapshots its Q-table after 10 games
and after TRAIN_GAMES games, then films each snapshot playing greedily: first it misses, later
it returns the ball. A game here is one rally: it ends when the agent misses or after
MAX_RETURNS returns. Also writes the poster PNG and a WebVTT caption sidecar.

The words drawn into the film are also written in French, German and Spanish
(`pong-agent.<code>.mp4` and `.png`, the same play frame for frame; `WORDS`, worded as the
deck's translated captions). When a title and the tally do not fit on one row, the tally
moves to the right of the second row, at 48 px (`tally_row`); nothing is ever set smaller.

    make_all.py pong           # English and the translations (~1 minute of CPU each)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from _common import (
    DOMAIN_COLORS,
    GRID,
    MEDIA,
    MUTED,
    TEXT,
    color,
    font,
    new_image,
    painter,
    save_png,
)
from captions import write_vtt
from video_writer import H264Writer

W, H, FPS = 1280, 720, 24
SEED = 2013  # DeepMind's Atari DQN paper year; any fixed seed keeps reruns identical
EARLY_GAMES, TRAIN_GAMES, MAX_RETURNS = 10, 1500, 10
PADDLE_X, CPU_X, HALF_PADDLE, BALL_R = 0.96, 0.04, 0.08, 0.015
PADDLE_SPEED, BALL_VX, MAX_VY = 0.035, 0.03, 0.028
ACTIONS = (-1, 0, 1)  # up, stay, down (y grows downwards)
# "ball above/below my paddle", finer near zero where the decision is made
DY_BINS = np.array([-0.5, -0.3, -0.2, -0.12, -0.07, -0.03, 0, 0.03, 0.07, 0.12, 0.2, 0.3, 0.5])
SEGMENT_S = 9.5
NBSP = "\u00a0"

# What the film says, per language (English: the deck's default, `pong-agent.mp4`).
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "early": "After 10 rallies",
        "late": f"After {TRAIN_GAMES:,} rallies",
        "sub_early": "The pink paddle is learning",
        "sub_late": "The same agent, after practice",
        "tally": "hits {returns} · misses {misses}",
        "agent": "learning agent ▸",
        "wall": "◂ practice wall",
    },
    "fr": {
        "early": "Après 10 échanges",
        "late": f"Après 1{NBSP}500 échanges",
        "sub_early": "La raquette rose apprend",
        "sub_late": "Le même agent, entraîné",
        "tally": "renvois {returns} · ratés {misses}",
        "agent": "agent qui apprend ▸",
        "wall": "◂ mur d’entraînement",
    },
    "de": {
        "early": "Nach 10 Ballwechseln",
        "late": "Nach 1.500 Ballwechseln",
        "sub_early": "Der rosa Schläger lernt",
        "sub_late": "Derselbe Agent, geübt",
        "tally": "Treffer {returns} · Fehler {misses}",
        "agent": "lernender Agent ▸",
        "wall": "◂ Übungswand",
    },
    "es": {
        "early": "Tras 10 intercambios",
        "late": "Tras 1.500 intercambios",
        "sub_early": "La pala rosa aprende",
        "sub_late": "El mismo agente, entrenado",
        "tally": "aciertos {returns} · fallos {misses}",
        "agent": "agente que aprende ▸",
        "wall": "◂ pared de práctica",
    },
}


@dataclass
class Court:
    """Continuous Pong state in court units (x, y in 0..1)."""

    bx: float = 0.5
    by: float = 0.5
    vx: float = BALL_VX
    vy: float = 0.0
    py: float = 0.5  # agent paddle centre
    cy: float = 0.5  # CPU paddle centre

    def serve(self, rng: np.random.Generator) -> None:
        """Ball from the centre towards the agent at a random angle."""
        self.bx, self.by = 0.5, float(rng.uniform(0.25, 0.75))
        self.vx = BALL_VX
        self.vy = float(rng.choice([-1, 1]) * rng.uniform(0.008, MAX_VY))

    def state(self) -> int:
        """Discrete state: ball relative to the paddle, its direction, and how far away it is."""
        dy = int(np.digitize(self.by - self.py, DY_BINS))
        near = 0 if self.bx < 0.45 else (1 if self.bx < 0.75 else 2)
        return ((dy * 4 + (self.vy > 0) * 2 + (self.vx > 0)) * 3) + near

    def step(self, action: int) -> tuple[float, bool]:
        """Advance one frame; returns (reward, rally_over)."""
        self.py = float(
            np.clip(self.py + ACTIONS[action] * PADDLE_SPEED, HALF_PADDLE, 1 - HALF_PADDLE)
        )
        self.cy += float(np.clip(self.by - self.cy, -0.05, 0.05))  # the CPU never misses
        self.bx += self.vx
        self.by += self.vy
        if self.by < BALL_R or self.by > 1 - BALL_R:
            self.vy = -self.vy
            self.by = float(np.clip(self.by, BALL_R, 1 - BALL_R))
        if self.bx <= CPU_X + BALL_R and self.vx < 0:
            self.vx = -self.vx
        if self.bx >= PADDLE_X - BALL_R and self.vx > 0:
            offset = (self.by - self.py) / HALF_PADDLE
            if abs(offset) <= 1.0 + BALL_R / HALF_PADDLE:
                self.vx = -self.vx
                self.vy = float(np.clip(self.vy * 0.4 + offset * 0.022, -MAX_VY, MAX_VY))
                return 1.0, False
            return -1.0, True
        return 0.0, False


N_STATES = (len(DY_BINS) + 1) * 4 * 3


def choose(q: np.ndarray, s: int, eps: float, rng: np.random.Generator) -> int:
    """Epsilon-greedy with random tie-breaking (an untrained agent dithers, as real ones do)."""
    if rng.random() < eps:
        return int(rng.integers(3))
    best = np.flatnonzero(q[s] == q[s].max())
    return int(rng.choice(best))


def play_game(
    court: Court,
    q: np.ndarray,
    rng: np.random.Generator,
    eps: float,
    learn: bool,
    alpha: float = 0.2,
    gamma: float = 0.97,
) -> int:
    """One rally; returns how many times the agent returned the ball."""
    court.serve(rng)
    returns = 0
    s = court.state()
    while True:
        a = choose(q, s, eps, rng)
        r, over = court.step(a)
        s2 = court.state()
        if learn:
            target = r if over else r + gamma * q[s2].max()
            q[s, a] += alpha * (target - q[s, a])
        s = s2
        returns += r > 0
        if over or returns >= MAX_RETURNS:
            return returns


def train(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Train from scratch; returns (Q after EARLY_GAMES, Q after TRAIN_GAMES, returns per game)."""
    q = np.zeros((N_STATES, 3))
    court, history, early = Court(), [], None
    for game in range(TRAIN_GAMES):
        eps = max(0.02, 0.3 * (1 - game / (0.6 * TRAIN_GAMES)))
        history.append(play_game(court, q, rng, eps, learn=True))
        if game + 1 == EARLY_GAMES:
            early = q.copy()
    return early, q.copy(), history


def evaluate(q: np.ndarray, rng: np.random.Generator, games: int = 200) -> float:
    """Mean returns per game of the greedy policy (for the report and the caption)."""
    court = Court()
    return float(np.mean([play_game(court, q, rng, 0.0, learn=False) for _ in range(games)]))


# ---- drawing -------------------------------------------------------------------------------

COURT = (80, 196, 1120, 430)  # left, top, width, height in pixels
# Text is at least 48 px: the video is shown ~0.65x on a milestone slide, 31 px at 1080p.
AGENT = DOMAIN_COLORS["games"]


def tally_row(words: dict[str, str], returns: int, misses: int) -> int:
    """0: the tally beside the titles (as in English); 1: beside the subtitles, when a title
    and the tally would collide (at the film's highest counts). ValueError when neither fits."""
    from PySide6.QtGui import QFontMetricsF

    def width(text: str, px: int, weight: str = "regular") -> float:
        return QFontMetricsF(font(px, weight)).horizontalAdvance(text)

    room = COURT[2] - 40  # a gap between the two
    tally = words["tally"].format(returns=returns, misses=misses)  # the widest it gets
    if all(width(words[k], 76, "bold") + width(tally, 52, "semibold") <= room for k in TITLES):
        return 0
    if all(width(words[k], 48) + width(tally, 48, "semibold") <= room for k in SUBS):
        return 1
    raise ValueError(f"pong: {words['late']!r} and {tally!r} do not fit")


TITLES, SUBS = ("early", "late"), ("sub_early", "sub_late")


def draw_frame(
    court: Court,
    trail: list[tuple[float, float]],
    title: str,
    sub: str,
    returns: int,
    misses: int,
    flash: float,
    words: dict[str, str] = WORDS["en"],
    row: int = 0,
) -> object:
    """One video frame: caption band on top, the court below, a tally on the right."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QPen

    img = new_image(W, H)
    p = painter(img)
    left, top, cw, ch = COURT
    p.setPen(color(TEXT))
    p.setFont(font(76, "bold"))
    p.drawText(
        QRectF(left, 16, cw, 96), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
    )
    p.setPen(color(MUTED))
    p.setFont(font(48))
    p.drawText(QRectF(left, 112, 1000, 64), Qt.AlignmentFlag.AlignLeft, sub)
    p.setFont(font(52, "semibold") if row == 0 else font(48, "semibold"))
    p.setPen(color(TEXT))
    tally = words["tally"].format(returns=returns, misses=misses)
    place = QRectF(left, 16, cw, 96) if row == 0 else QRectF(left, 112, cw, 64)
    p.drawText(
        place,
        Qt.AlignmentFlag.AlignRight
        | (Qt.AlignmentFlag.AlignVCenter if row == 0 else Qt.AlignmentFlag.AlignTop),
        tally,
    )
    if flash > 0:
        p.fillRect(QRectF(left, top, cw, ch), color(AGENT, 0.22 * flash))
    p.setPen(QPen(color(GRID), 3))
    p.drawRect(QRectF(left, top, cw, ch))
    pen = QPen(color(GRID), 4, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QPointF(left + cw / 2, top + 8), QPointF(left + cw / 2, top + ch - 8))

    def px(x: float, y: float) -> QPointF:
        return QPointF(left + x * cw, top + y * ch)

    p.setPen(Qt.PenStyle.NoPen)
    for x, y in (CPU_X, court.cy), (PADDLE_X, court.py):
        c = color(MUTED) if x == CPU_X else color(AGENT)
        p.setBrush(c)
        centre = px(x, y)
        p.drawRoundedRect(
            QRectF(centre.x() - 9, centre.y() - HALF_PADDLE * ch, 18, 2 * HALF_PADDLE * ch), 6, 6
        )
    for i, (x, y) in enumerate(trail):
        p.setBrush(color(TEXT, 0.08 + 0.5 * i / max(1, len(trail))))
        p.drawEllipse(px(x, y), 5 + 1.2 * i, 5 + 1.2 * i)
    p.setBrush(color(TEXT))
    p.drawEllipse(px(court.bx, court.by), 12, 12)
    p.setFont(font(48, "semibold"))
    p.setPen(color(AGENT))
    p.drawText(
        QRectF(left + cw - 600, top + ch + 10, 600, 64),
        Qt.AlignmentFlag.AlignRight,
        words["agent"],
    )
    p.setPen(color(MUTED))
    p.drawText(
        QRectF(left, top + ch + 10, 600, 64),
        Qt.AlignmentFlag.AlignLeft,
        words["wall"],
    )
    p.end()
    return img


def film(
    writer: H264Writer | None,
    q: np.ndarray,
    rng: np.random.Generator,
    title: str,
    sub: str,
    seconds: float,
    words: dict[str, str] = WORDS["en"],
    row: int = 0,
) -> tuple[int, int, object]:
    """Play greedily from snapshot `q` for `seconds`, writing frames; returns tallies + a frame.

    Without a writer nothing is drawn: the same play, to learn the tallies first."""
    court, trail = Court(), []
    court.serve(rng)
    returns = misses = 0
    flash, pause, poster = 0.0, 0, None
    for i in range(int(seconds * FPS)):
        if pause:
            pause -= 1
            if pause == 0:
                court.serve(rng)
                trail.clear()
        else:
            r, over = court.step(choose(q, court.state(), 0.0, rng))
            returns += r > 0
            if over:
                misses += 1
                flash, pause = 1.0, FPS // 2
            trail = (trail + [(court.bx, court.by)])[-6:]
        flash_now, flash = flash, max(0.0, flash - 0.12)
        if writer is None:
            continue
        img = draw_frame(court, trail, title, sub, returns, misses, flash_now, words, row)
        if i == int(seconds * FPS * 0.6):
            poster = img
        writer.write(img)
    return returns, misses, poster


def captions() -> list[tuple[float, float, str]]:
    """The film's WebVTT cues, one per phase (no sound track: "[No sound]" first)."""
    return [
        (0.0, SEGMENT_S, "[No sound] After 10 rallies: the agent mostly misses the ball."),
        (SEGMENT_S, 2 * SEGMENT_S, f"After {TRAIN_GAMES:,} rallies: it has learned to return it."),
    ]  # fmt: skip


def main() -> dict[str, str]:
    """Train, film, write mp4 + png + vtt; returns figures for the report."""
    rng = np.random.default_rng(SEED)
    early, late, history = train(rng)
    early_score = evaluate(early, np.random.default_rng(1))
    late_score = evaluate(late, np.random.default_rng(1))
    # The same play in every language: its highest counts decide where the tally fits.
    counts = [film(None, q, np.random.default_rng(seed), "", "", SEGMENT_S)[:2]
              for q, seed in ((early, 7), (late, 8))]  # fmt: skip
    most = max(c[0] for c in counts), max(c[1] for c in counts)
    for lang, words in WORDS.items():
        row = tally_row(words, *most)
        name = "pong-agent.mp4" if lang == "en" else f"pong-agent.{lang}.mp4"
        out = MEDIA / "video" / name
        # A "game" of this script is one rally (see the docstring): the film says rallies.
        with H264Writer(out, W, H, FPS, max_kbps=450) as writer:
            rng = np.random.default_rng(7)
            film(writer, early, rng, words["early"], words["sub_early"], SEGMENT_S, words, row)
            _, _, poster = film(
                writer,
                late,
                np.random.default_rng(8),
                words["late"],
                words["sub_late"],
                SEGMENT_S,
                words,
                row,
            )
        save_png(poster, out.with_suffix(".png"), also_cap=writer.min_text_cap)
    write_vtt(MEDIA / "video" / "pong-agent.vtt", captions())  # translated: caption_translations
    last100 = float(np.mean(history[-100:]))
    return {
        "pong": f"greedy returns/rally: after {EARLY_GAMES} rallies {early_score:.2f}, "
        f"after {TRAIN_GAMES} rallies {late_score:.2f} (cap {MAX_RETURNS}); "
        f"training last-100 mean {last100:.2f}",
    }


if __name__ == "__main__":
    print(main())
