"""The SVG diagrams: AlphaTensor's multiplication counts, the steps VPT climbed in Minecraft,
what a StarCraft II player can see, and where latent diffusion (Stable Diffusion) does its work.

Each is drawn for the half-slide box a milestone slide gives its picture (about 830 x 840 px at
1920x1080), on an 880 x 880 canvas, so it is shown at ~0.94 of its size: every text is at least
40 units tall, 37 px on screen (27 px cap height), above the 22 px cap-height floor for reading
from three metres. Fewer, bigger words; the slide's own text says the rest.

Facts drawn (checked against the papers): 4x4 matrix product — 64 scalar multiplications
naively, 49 with Strassen (1969) applied recursively (7 x 7), 47 found by AlphaTensor (Fawzi
et al., Nature 2022) in arithmetic modulo 2. VPT (Baker et al., 2022): the diamond pickaxe
takes proficient humans over 20 minutes, about 24,000 actions. StarCraft II: players see only
the parts of the map near their own units (DeepMind's AlphaStar post). Latent diffusion
(Rombach et al., 2022): diffusion runs on an autoencoder's latent, 8 times smaller per side
(the "KL-8" model behind Stable Diffusion): 64 x 64 for a 512 x 512 picture.
"""

from __future__ import annotations

from _common import BG, DOMAIN_COLORS, GRID, MEDIA, MUTED, SURFACE, TEXT
from _svg import Svg

W, H = 880, 880
SMALL = 40  # the smallest text on any diagram (see the module docstring)


def alphatensor() -> Svg:
    """Three rows, one per method: the count in big type and one dot per multiplication."""
    s = Svg(W, H)
    sci = DOMAIN_COLORS["science"]
    rows = (
        ("64", "by the book", 64, MUTED),
        ("49", "Strassen, 1969", 49, TEXT),
        ("47", "AlphaTensor, 2022", 47, sci),
    )
    for i, (big, name, used, fill) in enumerate(rows):
        y0 = 40 + i * 270
        s.text(40, y0 + 120, big, 120, fill=fill, weight="bold")
        s.text(40, y0 + 190, name, 44, fill=fill if i == 2 else TEXT, weight="bold")
        for k in range(64):
            col, row = k % 8, k // 8
            cx, cy = 500 + col * 42, y0 + 30 + row * 26
            # 64 fills the grid; 49 is the 7x7 block Strassen's recursion gives; 47 is 7x7 minus 2
            inside = used == 64 or (col < 7 and row < 7 and row * 7 + col < used)
            if inside:
                s.circle(cx, cy, 11, fill=fill)
            else:
                s.circle(cx, cy, 9, stroke=GRID, stroke_width=3)
    s.text(40, 850, "47 only in arithmetic where 1 + 1 = 0", SMALL, fill=MUTED)
    return s


TECH_STEPS = (  # step number in the 12-step tree, item, swatch colour
    (1, "logs", "#8b5a2b"),
    (4, "wooden pickaxe", "#b98b52"),
    (6, "stone pickaxe", "#a8a8a8"),
    (10, "iron pickaxe", "#cfd6dc"),
    (12, "diamond pickaxe", "#4ee6e0"),
)


def vpt_tech_tree() -> Svg:
    """Five of the twelve crafting steps as a ladder, the diamond pickaxe highlighted."""
    s = Svg(W, H)
    pink = DOMAIN_COLORS["games"]
    s.text(40, 70, "12 crafting steps, among them:", 48, weight="bold")
    for i, (step, name, swatch) in enumerate(TECH_STEPS):
        y = 120 + i * 132
        last = i == len(TECH_STEPS) - 1
        s.rect(40, y, 800, 100, fill=SURFACE, stroke=pink if last else GRID,
               stroke_width=6 if last else 3, rx=18)  # fmt: skip
        s.rect(64, y + 22, 56, 56, fill=swatch, rx=8)
        s.text(150, y + 66, str(step), 48, fill=MUTED, weight="bold")
        s.text(240, y + 66, name, 48, weight="bold" if last else "normal")
        if not last:
            s.arrow(440, y + 102, 440, y + 130, MUTED, 4)
    s.text(40, 820, "Skilled players: about", 44, fill=TEXT)
    s.text(40, 870, "24,000 actions, 20 minutes", 44, fill=pink, weight="bold")
    return s


def games_hidden_map() -> Svg:
    """Two rows: a Go board in full view, and a StarCraft-like map dark except near your units."""
    s = Svg(W, H)
    pink = DOMAIN_COLORS["games"]
    size = 340
    tx = 420  # text column
    # Top: a 9x9 go board, every stone visible.
    ix, iy = 40, 40
    s.rect(ix, iy, size, size, fill="#c79a52", rx=8)
    step = size / 9
    for k in range(9):
        g = step / 2 + k * step
        s.line(ix + g, iy + step / 2, ix + g, iy + size - step / 2, "#3a2810", 2)
        s.line(ix + step / 2, iy + g, ix + size - step / 2, iy + g, "#3a2810", 2)
    for k, (cx, cy) in enumerate(((2, 2), (6, 2), (2, 6), (6, 6), (4, 4), (5, 3), (3, 5))):
        fill = "#111111" if k % 2 == 0 else "#f2f2f2"
        s.circle(ix + step / 2 + cx * step, iy + step / 2 + cy * step, step * 0.45, fill=fill)
    s.text(tx, iy + 90, "Chess, Go", 56, weight="bold")
    s.text(tx, iy + 170, "whole board", SMALL + 6)
    s.text(tx, iy + 226, "in view", SMALL + 6)
    s.text(tx, iy + 306, "take turns", SMALL + 6, fill=MUTED)
    # Bottom: a map under fog; light only around the player's own units.
    mx, my = 40, 480
    s.rect(mx, my, size, size, fill="#2b3a2a", rx=8)
    s.circle(mx + 250, my + 80, 50, fill="#4a3a2a")  # an enemy base, hidden below
    s.rect(mx, my, size, size, fill=BG, opacity=0.92, rx=8)
    s.rect(mx, my, size, size, stroke=GRID, stroke_width=3, rx=8)
    for cx, cy, r in ((90, 250, 75), (165, 195, 58)):
        s.circle(mx + cx, my + cy, r, fill="#2b3a2a")
    for cx, cy in ((80, 262), (108, 232), (165, 195)):
        s.circle(mx + cx, my + cy, 14, fill=pink)
    s.text(tx, my + 90, "StarCraft II", 56, weight="bold")
    s.text(tx, my + 170, "only near", SMALL + 6, fill=pink, weight="bold")
    s.text(tx, my + 226, "your units", SMALL + 6, fill=pink, weight="bold")
    s.text(tx, my + 306, "no turns", SMALL + 6, fill=MUTED)
    return s


def latent_diffusion() -> Svg:
    """Words, a small compressed picture where the denoising happens, then the full picture."""
    s = Svg(W, H)
    vision = DOMAIN_COLORS["vision"]
    s.rect(40, 30, 800, 110, fill=SURFACE, stroke=GRID, stroke_width=3, rx=18)
    s.text(440, 102, "your words", 48, anchor="middle", weight="bold")
    s.arrow(440, 150, 440, 210, MUTED, 5)
    # the small picture: a coarse 8x8 grid standing in for the 64 x 64 latent
    x0, y0, side = 80, 230, 200
    for k in range(64):
        col, row = k % 8, k // 8
        shade = ("#1d3a4a", "#2a5566", "#3b7a8f", "#4cc9f0")[(col * 3 + row * 5) % 4]
        s.rect(x0 + col * side / 8, y0 + row * side / 8, side / 8, side / 8, fill=shade)
    s.rect(x0, y0, side, side, stroke=vision, stroke_width=4)
    s.text(320, 300, "removes noise here:", 44, fill=TEXT)
    s.text(320, 360, "64 × 64", 60, fill=vision, weight="bold")
    s.arrow(440, 470, 440, 530, MUTED, 5)
    s.rect(80, 550, 200, 200, fill="#1d3a4a", stroke=TEXT, stroke_width=4)
    s.circle(180, 650, 70, fill="#4cc9f0", opacity=0.8)
    s.text(320, 620, "enlarged at the end:", 44, fill=TEXT)
    s.text(320, 680, "512 × 512", 60, weight="bold")
    s.text(40, 840, "64 times fewer dots to work on", SMALL + 4, fill=MUTED)
    return s


def main() -> dict[str, str]:
    """Write the four SVGs."""
    out = MEDIA / "images"
    out.mkdir(parents=True, exist_ok=True)
    docs = {
        "alphatensor.svg": (
            alphatensor(),
            "Multiplying 4x4 matrices: 64, 49 (Strassen), 47 (AlphaTensor)",
        ),
        "vpt-tech-tree.svg": (vpt_tech_tree(), "Crafting steps VPT climbed to a diamond pickaxe"),
        "games-hidden-map.svg": (games_hidden_map(), "What a player sees: Go versus StarCraft II"),
        "latent-diffusion.svg": (latent_diffusion(), "Latent diffusion: 64 x 64, then 512 x 512"),
    }
    for name, (svg, title) in docs.items():
        (out / name).write_text(svg.render(title), encoding="utf-8")
    return {"diagrams": ", ".join(docs)}


if __name__ == "__main__":
    print(main())
