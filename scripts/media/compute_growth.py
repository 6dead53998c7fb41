"""media/video/compute-growth.mp4: notable AI systems' training compute, 1990 -> 2022.

Each system appears in the year it was published, on a log scale, coloured by the deck's
domains; the year counts up in a corner. At the end a least-squares fit over 2010-2022 shows
the doubling time measured on exactly these points.

Data: Epoch AI, "Notable AI Models" (snapshot 2025-02-24), CC BY 4.0 — columns `Model`,
`Publication date`, `Training compute (FLOP)`, `Domain`.

The words drawn into the film are also written in French, German and Spanish
(`compute-growth.<code>.mp4` and `.png`, the same frames; `WORDS`: the legend uses the deck's
translated domain names, the trend its decimal comma). The legend keeps the English spacing
rule (by character count, so the English file stays byte-identical) and every label and the
trend text are measured against their room: one that would overlap fails the step.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
DATA = Path("/work/shared/data/epoch_notable_ai_models_2025-02-24.csv")
YEAR0, YEAR1 = 1990, 2023  # x axis; systems up to the end of 2022
LOG0, LOG1 = 6, 25  # y axis decades
PLOT = (170, 40, 1060, 560)  # left, top, width, height
# The slide gives the title, caption and credit; the video keeps only what the eye needs, at
# 36 px or more (it is shown ~0.93x on its media slide at 1080p: 33 px, cap height 24 px).
SECONDS_PER_YEAR = 0.6
# system -> (label, dx, dy): where the label box sits relative to the point, in pixels,
# chosen by eye to keep labels off the dense 2015-2022 cloud
LABELS = {
    "TD-Gammon": ("TD-Gammon", -70, -60),
    "LeNet-5": ("LeNet-5", -40, -70),
    "AlexNet": ("AlexNet", -190, -30),
    "DQN": ("DQN (Atari)", 40, 50),
    "AlphaGo Lee": ("AlphaGo", -260, 30),
    "GPT-3 175B (davinci)": ("GPT-3", -340, -40),
    "AlphaFold 2": ("AlphaFold 2", -380, -20),
    "PaLM (540B)": ("PaLM", -170, 12),
}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
OTHER = "#8892a6"
DOMAINS = ("vision", "games", "language", "science", "other")  # the legend's order
TREND_BOX = 490  # the trend text's width, px: clear of the AlexNet label at 36 px
TREND_PX = 36  # as every other text: 34 px fell under the floor on the media slide (21.4 px caps)
TILE = (960, 540)  # the hub tile's and the "more" layer's picture: the dots, without words

# What the film says, per language (English: the deck's default, `compute-growth.mp4`). The
# domain names are the deck's own (`domain/<id>/name` in slides/locale/<code>.po); "Other" as
# the compute chart translates it.
WORDS: dict[str, dict[str, object]] = {
    "en": {
        "legend": ("Vision", "Games", "Language", "Science", "Other"),
        "trend": "dashed line, 2010–2022:\n×2 every {months} months",
        "decimal": ".",
    },
    "fr": {
        "legend": ("Vision", "Jeux", "Langage", "Sciences", "Autres"),
        "trend": "pointillés, 2010–2022\u00a0:\n×2 tous les {months}\u00a0mois",
        "decimal": ",",
    },
    "de": {
        "legend": ("Bilder", "Spiele", "Sprache", "Forschung", "Andere"),
        "trend": "Strichlinie, 2010–2022:\n×2 alle {months} Monate",
        "decimal": ",",
    },
    "es": {
        "legend": ("Visión", "Juegos", "Lenguaje", "Ciencia", "Otros"),
        "trend": "línea de trazos, 2010–2022:\n×2 cada {months} meses",
        "decimal": ",",
    },
}


@dataclass(frozen=True)
class System:
    name: str
    year: float  # fractional year of publication
    log_flop: float
    domain: str  # a key of DOMAIN_COLORS or "other"


def domain_of(field: str) -> str:
    """Map Epoch's comma-separated Domain onto the deck's four domains (or 'other')."""
    parts = {d.strip() for d in field.split(",")}
    if "Games" in parts:
        return "games"
    if "Language" in parts:
        return "language"
    if parts & {"Vision", "Image generation", "Video"}:
        return "vision"
    if parts & {"Biology", "Medicine", "Mathematics", "Earth science", "Materials science"}:
        return "science"
    return "other"


def load(path: Path = DATA) -> list[System]:
    """Systems with a publication date and a compute estimate, 1990-2022, oldest first."""
    if not path.exists():
        raise FileNotFoundError(f"Epoch AI dataset not found at {path}")
    out = []
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            flop, when = row["Training compute (FLOP)"].strip(), row["Publication date"].strip()
            if not flop or not when:
                continue
            d = date.fromisoformat(when[:10])
            if not YEAR0 <= d.year < YEAR1:
                continue
            year = d.year + (d.timetuple().tm_yday - 1) / 365.25
            out.append(
                System(row["Model"], year, math.log10(float(flop)), domain_of(row["Domain"]))
            )
    return sorted(out, key=lambda s: (s.year, s.name))


def doubling_months(systems: list[System], start: float = 2010.0) -> float:
    """Doubling time (months) of a least-squares line through log10(compute) from `start` on."""
    pts = [(s.year, s.log_flop) for s in systems if s.year >= start]
    slope = np.polyfit([p[0] for p in pts], [p[1] for p in pts], 1)[0]
    return 12 * math.log10(2) / slope


def fit_line(systems: list[System], start: float = 2010.0) -> tuple[float, float]:
    pts = [(s.year, s.log_flop) for s in systems if s.year >= start]
    slope, icpt = np.polyfit([p[0] for p in pts], [p[1] for p in pts], 1)
    return float(slope), float(icpt)


def draw(
    systems: list[System],
    t: float,
    fit: tuple[float, float] | None,
    fit_text: str,
    pop: bool = True,
    legend: tuple[str, ...] = WORDS["en"]["legend"],  # type: ignore[assignment]
) -> object:
    """The frame at time `t` (fractional year): every system published before t is shown."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QFontMetricsF, QPen

    img = new_image(W, H)
    p = painter(img)
    left, top, pw, ph = PLOT

    def xy(year: float, lg: float) -> QPointF:
        return QPointF(
            left + (year - YEAR0) / (YEAR1 - YEAR0) * pw, top + (LOG1 - lg) / (LOG1 - LOG0) * ph
        )

    al = Qt.AlignmentFlag
    p.setPen(color(TEXT, 0.9))
    p.setFont(font(120, "bold"))
    p.drawText(
        QRectF(left + 20, top - 10, 420, 140),
        al.AlignLeft | al.AlignTop,
        str(min(int(t), YEAR1 - 1)),
    )
    p.setFont(font(36))
    for lg in range(LOG0, LOG1 + 1, 3):
        a = xy(YEAR0, lg)
        p.setPen(QPen(color(GRID), 1.5))
        p.drawLine(a, xy(YEAR1, lg))
        p.setPen(color(MUTED))
        label = "10" + str(lg).translate(SUPERSCRIPT)
        p.drawText(QRectF(10, a.y() - 22, left - 24, 44), al.AlignRight | al.AlignVCenter, label)
    for year in range(YEAR0, YEAR1 + 1, 5):
        a = xy(year, LOG0)
        p.setPen(QPen(color(GRID), 1.5))
        p.drawLine(a, a + QPointF(0, 8))
        p.setPen(color(MUTED))
        p.drawText(QRectF(a.x() - 60, a.y() + 10, 120, 44), al.AlignCenter, str(year))
    p.setPen(QPen(color(GRID), 2))
    p.drawLine(xy(YEAR0, LOG0), xy(YEAR1, LOG0))
    if fit is not None:
        slope, icpt = fit
        p.setPen(QPen(color(TEXT, 0.8), 3, Qt.PenStyle.DashLine))
        p.drawLine(xy(2010, slope * 2010 + icpt), xy(2022.9, slope * 2022.9 + icpt))
    labelled = []
    for s in systems:
        if s.year > t:
            break
        age = (t - s.year) / 0.5  # pop-in over half a year of animation
        rad = 6 + 8 * max(0.0, 1 - age) * pop
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color(DOMAIN_COLORS.get(s.domain, OTHER), 0.85))
        p.drawEllipse(xy(s.year, s.log_flop), rad, rad)
        if s.name in LABELS:
            labelled.append(s)
    f = font(36, "semibold")
    p.setFont(f)
    for s in labelled:
        a = xy(s.year, s.log_flop)
        text, dx, dy = LABELS[s.name]
        width = QFontMetricsF(f, img).horizontalAdvance(text)
        box = QRectF(a.x() + dx, a.y() + dy - 26, width + 36, 52)
        p.setPen(QPen(color(TEXT, 0.8), 1.5))
        p.drawLine(a, box.center())
        p.setPen(QPen(color(GRID), 1.5))
        p.setBrush(color("#0b0f17", 0.88))
        p.drawRoundedRect(box, 8, 8)
        p.setPen(color(TEXT))
        p.drawText(box, al.AlignCenter, text)
    x = 170
    p.setFont(font(36, "semibold"))
    for key, label in zip(DOMAINS, legend, strict=True):
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color(DOMAIN_COLORS.get(key, OTHER)))
        p.drawEllipse(QPointF(x, 682), 12, 12)
        p.setPen(color(TEXT))
        p.drawText(QRectF(x + 20, 660, 220, 44), al.AlignLeft | al.AlignVCenter, label)
        x += legend_step(label)
    if fit_text:
        p.setPen(color(TEXT))
        p.setFont(font(TREND_PX, "semibold"))
        box = QRectF(left + 24, top + 150, TREND_BOX, 100)
        p.drawText(box, al.AlignLeft | al.AlignTop, fit_text)
    p.end()
    return img


def legend_step(label: str) -> int:
    """Pixels from one legend entry's dot to the next: the English film's rule by characters."""
    return 64 + len(label) * 21


def trend_text(words: dict[str, object], months: float) -> str:
    """The trend line's words, with the language's decimal separator."""
    number = f"{months:.1f}".replace(".", str(words["decimal"]))
    return str(words["trend"]).format(months=number)


def check_words(words: dict[str, object], months: float) -> None:
    """Raise ValueError naming each label that would run into the next one (or off the frame),
    and each trend line wider than its box."""
    from PySide6.QtGui import QFontMetricsF

    legend_font = QFontMetricsF(font(36, "semibold"))
    wide, x = [], 170
    for label in words["legend"]:  # type: ignore[attr-defined]
        width = legend_font.horizontalAdvance(label)
        room = min(legend_step(label) - 12 - 20 - 8, W - 24 - x - 20)  # 8 px before the next dot
        if width > room:
            wide.append(f"{label!r} ({width:.0f} > {room} px)")
        x += legend_step(label)
    trend_font = QFontMetricsF(font(TREND_PX, "semibold"))
    for line in trend_text(words, months).split("\n"):
        if (width := trend_font.horizontalAdvance(line)) > TREND_BOX:
            wide.append(f"{line!r} ({width:.0f} > {TREND_BOX} px)")
    if wide:
        raise ValueError("compute-growth: words do not fit: " + ", ".join(wide))


HOLD_S = 4  # the final picture, with the fitted line, stays this long


def frame_count() -> int:
    return int((YEAR1 - YEAR0) * SECONDS_PER_YEAR * FPS)


def captions(systems: list[System] | None = None) -> list[tuple[float, float, str]]:
    """The animation's WebVTT cues (no sound track: "[No sound]" first)."""
    months = doubling_months(systems or load())
    t2010 = (2010 - YEAR0) * SECONDS_PER_YEAR
    t_end = frame_count() / FPS
    return [
        (0.0, t2010, "[No sound] Each dot is a notable AI system, placed by the year it "
         f"appeared and the computing power used to train it, on a logarithmic scale. "
         f"They appear year by year from {YEAR0}."),
        (t2010, t_end, "From 2010, the deep-learning era: the dots climb far faster."),
        (t_end, t_end + HOLD_S, f"The dashed line fits 2010–{YEAR1 - 1}: the compute used "
         f"doubled every {months:.1f} months."),
    ]  # fmt: skip


def film(systems: list[System], out: Path, words: dict[str, object]) -> int:
    """Write one language's film and poster (the same frames in every language)."""
    fit, legend = fit_line(systems), tuple(words["legend"])  # type: ignore[call-overload]
    with H264Writer(out, W, H, FPS, max_kbps=500) as writer:
        for i in range(frame_count()):
            t = YEAR0 + i / (SECONDS_PER_YEAR * FPS)
            writer.write(draw(systems, t, None, "", legend=legend))
        text = trend_text(words, doubling_months(systems))
        final = draw(systems, YEAR1, fit, text, pop=False, legend=legend)
        for _ in range(HOLD_S * FPS):
            writer.write(final)
    save_png(final, out.with_suffix(".png"), also_cap=writer.min_text_cap)
    return writer.frames


def dots_svg(systems: list[System], out: Path) -> int:
    """The chart's dots and its 2010–2022 line alone, for small places (a hub tile, a "more"
    layer): a picture shown at a third of its size has no words to read. Returns bytes."""
    from _svg import Svg

    width, height = TILE
    pad = 30
    svg = Svg(width, height)

    def xy(year: float, lg: float) -> tuple[float, float]:
        x = pad + (year - YEAR0) / (YEAR1 - YEAR0) * (width - 2 * pad)
        return x, pad + (LOG1 - lg) / (LOG1 - LOG0) * (height - 2 * pad)

    for lg in range(LOG0, LOG1 + 1, 3):
        svg.line(*xy(YEAR0, lg), *xy(YEAR1, lg), GRID, 1.5)
    for key in DOMAINS:  # one group per colour: 333 bare circles keep the file small
        dots = "".join(
            '<circle cx="{:.0f}" cy="{:.0f}" r="7"/>'.format(*xy(s.year, s.log_flop))
            for s in systems
            if (s.domain if s.domain in DOMAIN_COLORS else "other") == key
        )
        fill = DOMAIN_COLORS.get(key, OTHER)
        svg.parts.append(f'<g fill="{fill}" fill-opacity="0.85">{dots}</g>')
    slope, icpt = fit_line(systems)
    svg.line(*xy(2010, slope * 2010 + icpt), *xy(2022.9, slope * 2022.9 + icpt), TEXT, 5)
    out.write_text(svg.render("Training compute of AI systems, 1990–2022"), encoding="utf-8")
    return out.stat().st_size


def main() -> dict[str, str]:
    """Render the animation, poster and captions in every language; returns figures."""
    systems = load()
    dots = dots_svg(systems, MEDIA / "images" / "compute-dots.svg")
    months = doubling_months(systems)
    for words in WORDS.values():  # every language fits before any film is encoded
        check_words(words, months)
    for lang, words in WORDS.items():
        name = "compute-growth.mp4" if lang == "en" else f"compute-growth.{lang}.mp4"
        frames = film(systems, MEDIA / "video" / name, words)
    out = MEDIA / "video" / "compute-growth.mp4"
    write_vtt(out.with_suffix(".vtt"), captions(systems))
    trend = trend_text(WORDS["en"], months).replace("\n", " ")
    return {
        "compute": f"{len(systems)} systems 1990-2022; {trend}; {frames / FPS:.1f} s, "
        f"in {', '.join(WORDS)}; compute-dots.svg {dots / 1000:.0f} KB"
    }


if __name__ == "__main__":
    print(main())
