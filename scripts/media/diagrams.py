"""The three SVG diagrams: AlphaTensor's multiplication counts, VPT's Minecraft tech tree, and
how much bigger each game's decision space is (chess, Go, StarCraft II / Dota 2).

Facts drawn (checked against the papers): 4x4 matrix product — 64 scalar multiplications
naively, 49 with Strassen (1969) applied recursively (7 x 7), 47 found by AlphaTensor (Fawzi
et al., Nature 2022) in arithmetic modulo 2. VPT (Baker et al., 2022): the diamond pickaxe
takes proficient humans over 20 minutes, about 24,000 actions.
"""

from __future__ import annotations

from _common import DOMAIN_COLORS, GRID, MEDIA, MUTED, SURFACE, TEXT
from _svg import Svg

W, H = 1920, 1080


def alphatensor() -> Svg:
    """Three 8x8 dot grids: one dot per scalar multiplication, hollow where one was saved."""
    s = Svg(W, H)
    sci = DOMAIN_COLORS["science"]
    s.text(100, 130, "Multiplying two 4×4 matrices", 72, weight="bold")
    s.text(100, 200, "each dot is one multiplication of two numbers", 36, fill=MUTED)
    panels = (
        ("64", "by the book", "row × column, every pair", 64, MUTED),
        ("49", "Strassen, 1969", "his 2×2 trick, applied twice (7 × 7)", 49, TEXT),
        ("47", "AlphaTensor, 2022", "found by reinforcement learning", 47, sci),
    )
    for i, (big, name, how, used, fill) in enumerate(panels):
        x0 = 100 + i * 600
        for k in range(64):
            col, row = k % 8, k // 8
            cx, cy = x0 + 30 + col * 52, 300 + row * 52
            # 64 fills the grid; 49 is the 7x7 block Strassen's recursion gives; 47 is 7x7 minus 2
            inside = used == 64 or (col < 7 and row < 7 and row * 7 + col < used)
            if inside:
                s.circle(cx, cy, 19, fill=fill)
            else:
                s.circle(cx, cy, 17, stroke=GRID, stroke_width=3)
        s.text(x0, 820, big, 120, fill=fill, weight="bold")
        s.text(x0 + 170, 775, name, 40, weight="bold")
        s.text(x0 + 170, 822, "multiplications", 32, fill=MUTED)
        s.text(x0, 890, how, 30, fill=MUTED)
    s.text(
        100,
        990,
        "AlphaTensor's 47 works in arithmetic modulo 2 (numbers are 0 or 1). "
        "Saved multiplications compound on bigger matrices.",
        30,
        fill=MUTED,
    )
    return s


TECH_TREE = (
    ("logs", "#8b5a2b"),
    ("planks", "#c8a165"),
    ("crafting table", "#9c6b3c"),
    ("wooden pickaxe", "#b98b52"),
    ("cobblestone", "#8d8d8d"),
    ("stone pickaxe", "#a8a8a8"),
    ("iron ore", "#d8af93"),
    ("furnace", "#6e6e6e"),
    ("iron ingot", "#e6e6e6"),
    ("iron pickaxe", "#cfd6dc"),
    ("diamond", "#4ee6e0"),
    ("diamond pickaxe", "#4ee6e0"),
)


def vpt_tech_tree() -> Svg:
    """Twelve steps in a snake of two rows, the last one highlighted."""
    s = Svg(W, H)
    pink = DOMAIN_COLORS["games"]
    s.text(100, 130, "The Minecraft tech tree VPT climbed", 72, weight="bold")
    s.text(
        100,
        200,
        "Video PreTraining (OpenAI, 2022): learned from videos of people playing",
        36,
        fill=MUTED,
    )
    bw, bh, gap = 250, 172, 48
    for i, (name, swatch) in enumerate(TECH_TREE):
        row, col = divmod(i, 6)
        col = col if row == 0 else 5 - col  # second row runs right to left
        x, y = 100 + col * (bw + gap), 270 + row * (bh + 170)
        last = i == len(TECH_TREE) - 1
        s.rect(
            x,
            y,
            bw,
            bh,
            fill=SURFACE,
            stroke=pink if last else GRID,
            stroke_width=6 if last else 3,
            rx=18,
        )
        s.rect(x + 20, y + 20, 40, 40, fill=swatch, rx=6)
        s.text(x + 72, y + 52, str(i + 1), 30, fill=MUTED, weight="bold")
        words = name.split(" ")
        lines = [name] if len(name) <= 12 else [" ".join(words[:-1]), words[-1]]
        for k, line in enumerate(lines):
            s.text(x + 20, y + 104 + k * 38, line, 32, weight="bold" if last else "normal")
        if i < len(TECH_TREE) - 1:
            if row == 0 and col < 5:
                s.arrow(x + bw + 6, y + bh / 2, x + bw + gap - 6, y + bh / 2, MUTED, 4)
            elif row == 0:
                s.arrow(x + bw / 2, y + bh + 8, x + bw / 2, y + bh + 162, MUTED, 4)
            else:
                s.arrow(x - 6, y + bh / 2, x - gap + 6, y + bh / 2, MUTED, 4)
    s.text(100, 880, "Human players take about 20 minutes,", 48, weight="bold")
    s.text(
        100, 946, "about 24,000 actions, to make a diamond pickaxe.", 48, fill=pink, weight="bold"
    )
    s.text(
        100,
        1016,
        "VPT was the first computer agent known to craft diamond tools, with mouse and keyboard.",
        30,
        fill=MUTED,
    )
    return s


def games_scale() -> Svg:
    """Three cards with one big number each and a tiny board/map icon."""
    s = Svg(W, H)
    pink = DOMAIN_COLORS["games"]
    s.text(100, 130, "Bigger games, harder decisions", 72, weight="bold")
    s.text(100, 200, "how many choices a player faces", 36, fill=MUTED)
    cards = (
        ("Chess", "~35", ["legal moves each turn", "everything visible"]),
        ("Go", "~250", ["legal moves each turn", "everything visible"]),
        (
            "StarCraft II · Dota 2",
            "1000s",
            ["of actions in a game", "games up to an hour", "hidden information"],
        ),
    )
    cw, ch = 540, 700
    for i, (name, big, lines) in enumerate(cards):
        x, y = 100 + i * (cw + 50), 280
        s.rect(x, y, cw, ch, fill=SURFACE, stroke=pink if i == 2 else GRID, stroke_width=3, rx=24)
        s.text(x + 40, y + 80, name, 44, weight="bold")
        ix, iy, size = x + 40, y + 120, 200
        if i < 2:
            n = 8 if i == 0 else 19
            step = size / n
            if i == 0:
                for k in range(64):
                    if (k // 8 + k % 8) % 2:
                        s.rect(
                            ix + (k % 8) * step, iy + (k // 8) * step, step, step, fill="#3a4457"
                        )
                s.rect(ix, iy, size, size, stroke=MUTED, stroke_width=2)
            else:
                s.rect(ix, iy, size, size, fill="#c79a52", rx=6)
                lo, hi = step / 2, size - step / 2
                for k in range(n):
                    g = step / 2 + k * step
                    s.line(ix + g, iy + lo, ix + g, iy + hi, "#3a2810", 1.5)
                    s.line(ix + lo, iy + g, ix + hi, iy + g, "#3a2810", 1.5)
                for k, (cx, cy) in enumerate(((3, 3), (15, 3), (3, 15), (15, 15), (9, 9), (14, 9))):
                    fill = "#111111" if k % 2 == 0 else "#f2f2f2"
                    s.circle(
                        ix + step / 2 + cx * step, iy + step / 2 + cy * step, step * 0.47, fill=fill
                    )
        else:
            s.rect(ix, iy, size * 1.6, size, fill="#1f2a3c", rx=8)
            s.circle(ix + 90, iy + 120, 70, fill="#3a4457")
            s.circle(ix + 230, iy + 80, 50, fill="#2c3648")
            for cx, cy in ((80, 110), (110, 140), (250, 70)):
                s.circle(ix + cx, iy + cy, 9, fill=pink)
            s.rect(ix + size * 1.05, iy, size * 0.55, size, fill="#0b0f17", opacity=0.75, rx=8)
            s.text(ix + size * 1.32, iy + size / 2 + 10, "fog", 28, fill=MUTED, anchor="middle")
        s.text(x + 40, y + 470, big, 130, fill=pink if i == 2 else TEXT, weight="bold")
        for k, line in enumerate(lines):
            s.text(x + 40, y + 540 + k * 46, line, 34, fill=MUTED if k else TEXT)
    return s


def main() -> dict[str, str]:
    """Write the three SVGs."""
    out = MEDIA / "images"
    out.mkdir(parents=True, exist_ok=True)
    docs = {
        "alphatensor.svg": (
            alphatensor(),
            "Multiplying 4x4 matrices: 64, 49 (Strassen), 47 (AlphaTensor)",
        ),
        "vpt-tech-tree.svg": (vpt_tech_tree(), "Minecraft tech tree climbed by VPT"),
        "games-scale.svg": (games_scale(), "Game complexity: chess, Go, StarCraft II and Dota 2"),
    }
    for name, (svg, title) in docs.items():
        (out / name).write_text(svg.render(title), encoding="utf-8")
    return {"diagrams": ", ".join(docs)}


if __name__ == "__main__":
    print(main())
