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

Languages: each diagram is also written in French, German and Spanish as `<name>.<code>.svg`
(translations by the project in `WORDS`, worded as the deck's translated alt text), and the deck
names them per language (`media: languages: fr: {image: …}`). Every label is measured in Inter
at its size and weight: one that would run out of its box fails the step instead of shipping.
"""

from __future__ import annotations

from _common import BG, DOMAIN_COLORS, GRID, MEDIA, MUTED, SURFACE, TEXT, font
from _svg import Svg

W, H = 880, 880
SMALL = 40  # the smallest text on any diagram (see the module docstring)
LANGUAGES = ("en", "fr", "de", "es")  # "en" writes `<name>.svg`, the deck's default
NBSP = "\u00a0"  # French: before ":" and between thousands (as the PO files write it)

# English label → its translation per language; a label missing here fails the step.
WORDS: dict[str, dict[str, str]] = {
    # alphatensor
    "by the book": {"fr": "méthode classique", "de": "Schulmethode", "es": "método de siempre"},
    "47 only in arithmetic where 1 + 1 = 0": {
        "fr": "47 seulement dans un calcul où 1 + 1 = 0",
        "de": "47 nur in einer Arithmetik mit 1 + 1 = 0",
        "es": "47 solo en una aritmética donde 1 + 1 = 0",
    },
    # vpt-tech-tree (item names as Minecraft's own translations say them)
    "12 crafting steps, among them:": {
        "fr": f"12 étapes de fabrication, dont{NBSP}:",
        "de": "12 Herstellungsschritte, darunter:",
        "es": "Entre 12 pasos de fabricación:",
    },
    "logs": {"fr": "bûches", "de": "Holzstämme", "es": "troncos"},
    "wooden pickaxe": {"fr": "pioche en bois", "de": "Holzspitzhacke", "es": "pico de madera"},
    "stone pickaxe": {"fr": "pioche en pierre", "de": "Steinspitzhacke", "es": "pico de piedra"},
    "iron pickaxe": {"fr": "pioche en fer", "de": "Eisenspitzhacke", "es": "pico de hierro"},
    "diamond pickaxe": {
        "fr": "pioche en diamant",
        "de": "Diamantspitzhacke",
        "es": "pico de diamante",
    },
    "Skilled players: about": {
        "fr": f"Joueurs expérimentés{NBSP}: environ",
        "de": "Geübte Spieler: etwa",
        "es": "Jugadores expertos: unos",
    },
    "24,000 actions, 20 minutes": {
        "fr": f"24{NBSP}000 actions, 20 minutes",
        "de": "24.000 Aktionen, 20 Minuten",
        "es": "24.000 acciones, 20 minutos",
    },
    # games-hidden-map
    "Chess, Go": {"fr": "Échecs, go", "de": "Schach, Go", "es": "Ajedrez, go"},
    "whole board": {"fr": "tout le plateau", "de": "ganzes Brett", "es": "todo el tablero"},
    "in view": {"fr": "visible", "de": "sichtbar", "es": "a la vista"},
    "take turns": {"fr": "chacun son tour", "de": "im Wechsel am Zug", "es": "por turnos"},
    "only near": {"fr": "seulement près", "de": "nur nahe den", "es": "solo cerca de"},
    "your units": {"fr": "de vos unités", "de": "eigenen Einheiten", "es": "sus unidades"},
    "no turns": {"fr": "pas de tours", "de": "nicht rundenbasiert", "es": "sin turnos"},
    # latent-diffusion
    "your words": {"fr": "vos mots", "de": "Ihre Worte", "es": "sus palabras"},
    "removes noise here:": {
        "fr": f"retire le bruit ici{NBSP}:",
        "de": "entfernt hier Rauschen:",
        "es": "quita el ruido aquí:",
    },
    "enlarged at the end:": {
        "fr": f"agrandie à la fin{NBSP}:",
        "de": "am Ende vergrößert:",
        "es": "ampliada al final:",
    },
    "64 times fewer dots to work on": {
        "fr": "64 fois moins de points à traiter",
        "de": "64-mal weniger Punkte zu bearbeiten",
        "es": "64 veces menos puntos que procesar",
    },
    # the files' <title>s
    "Multiplying 4x4 matrices: 64, 49 (Strassen), 47 (AlphaTensor)": {
        "fr": f"Multiplier deux matrices 4×4{NBSP}: 64, 49 (Strassen), 47 (AlphaTensor)",
        "de": "Zwei 4×4-Matrizen multiplizieren: 64, 49 (Strassen), 47 (AlphaTensor)",
        "es": "Multiplicar matrices de 4×4: 64, 49 (Strassen), 47 (AlphaTensor)",
    },
    "Crafting steps VPT climbed to a diamond pickaxe": {
        "fr": "Les étapes de fabrication de VPT jusqu’à la pioche en diamant",
        "de": "Die Herstellungsschritte von VPT bis zur Diamantspitzhacke",
        "es": "Los pasos de fabricación de VPT hasta el pico de diamante",
    },
    "What a player sees: Go versus StarCraft II": {
        "fr": f"Ce que voit un joueur{NBSP}: le go face à StarCraft II",
        "de": "Was ein Spieler sieht: Go gegen StarCraft II",
        "es": "Lo que ve un jugador: el go frente a StarCraft II",
    },
    "Latent diffusion: 64 x 64, then 512 x 512": {
        "fr": f"Diffusion latente{NBSP}: 64 × 64, puis 512 × 512",
        "de": "Latente Diffusion: 64 × 64, dann 512 × 512",
        "es": "Difusión latente: 64 × 64, luego 512 × 512",
    },
}


def say(english: str, lang: str) -> str:
    """`english` in `lang` (English itself for "en"); KeyError names a missing translation."""
    return english if lang == "en" else WORDS[english][lang]


class Page(Svg):
    """An Svg in one language whose `words` are translated and measured against their room."""

    def __init__(self, lang: str) -> None:
        super().__init__(W, H)
        self.lang = lang
        self.too_wide: list[str] = []

    def words(
        self,
        x: float,
        y: float,
        english: str,
        size: float,
        room: float,
        fill: str = TEXT,
        weight: str = "normal",
        anchor: str = "start",
    ) -> None:
        """Draw `english` in this page's language; note it when wider than `room` units."""
        from PySide6.QtGui import QFontMetricsF

        content = say(english, self.lang)
        width = QFontMetricsF(
            font(size, "bold" if weight == "bold" else "regular")
        ).horizontalAdvance(content)
        if width > room:
            self.too_wide.append(f"{content!r} is {width:.0f} wide, room {room:.0f}")
        self.text(x, y, content, size, fill=fill, weight=weight, anchor=anchor)


def alphatensor(lang: str = "en") -> Page:
    """Three rows, one per method: the count in big type and one dot per multiplication."""
    s = Page(lang)
    sci = DOMAIN_COLORS["science"]
    rows = (
        ("64", "by the book", 64, MUTED),
        ("49", "Strassen, 1969", 49, TEXT),
        ("47", "AlphaTensor, 2022", 47, sci),
    )
    for i, (big, name, used, fill) in enumerate(rows):
        y0 = 40 + i * 270
        s.text(40, y0 + 120, big, 120, fill=fill, weight="bold")
        colour = fill if i == 2 else TEXT
        if i == 0:  # the dots start at x = 489
            s.words(40, y0 + 190, name, 44, 430, fill=colour, weight="bold")
        else:  # a name and a year
            s.text(40, y0 + 190, name, 44, fill=colour, weight="bold")
        for k in range(64):
            col, row = k % 8, k // 8
            cx, cy = 500 + col * 42, y0 + 30 + row * 26
            # 64 fills the grid; 49 is the 7x7 block Strassen's recursion gives; 47 is 7x7 minus 2
            inside = used == 64 or (col < 7 and row < 7 and row * 7 + col < used)
            if inside:
                s.circle(cx, cy, 11, fill=fill)
            else:
                s.circle(cx, cy, 9, stroke=GRID, stroke_width=3)
    s.words(40, 850, "47 only in arithmetic where 1 + 1 = 0", SMALL, 800, fill=MUTED)
    return s


TECH_STEPS = (  # step number in the 12-step tree, item, swatch colour
    (1, "logs", "#8b5a2b"),
    (4, "wooden pickaxe", "#b98b52"),
    (6, "stone pickaxe", "#a8a8a8"),
    (10, "iron pickaxe", "#cfd6dc"),
    (12, "diamond pickaxe", "#4ee6e0"),
)


def vpt_tech_tree(lang: str = "en") -> Page:
    """Five of the twelve crafting steps as a ladder, the diamond pickaxe highlighted."""
    s = Page(lang)
    pink = DOMAIN_COLORS["games"]
    s.words(40, 70, "12 crafting steps, among them:", 48, 800, weight="bold")
    for i, (step, name, swatch) in enumerate(TECH_STEPS):
        y = 120 + i * 132
        last = i == len(TECH_STEPS) - 1
        s.rect(40, y, 800, 100, fill=SURFACE, stroke=pink if last else GRID,
               stroke_width=6 if last else 3, rx=18)  # fmt: skip
        s.rect(64, y + 22, 56, 56, fill=swatch, rx=8)
        s.text(150, y + 66, str(step), 48, fill=MUTED, weight="bold")
        s.words(240, y + 66, name, 48, 580, weight="bold" if last else "normal")
        if not last:
            s.arrow(440, y + 102, 440, y + 130, MUTED, 4)
    s.words(40, 820, "Skilled players: about", 44, 800, fill=TEXT)
    s.words(40, 870, "24,000 actions, 20 minutes", 44, 800, fill=pink, weight="bold")
    return s


def games_hidden_map(lang: str = "en") -> Page:
    """Two rows: a Go board in full view, and a StarCraft-like map dark except near your units."""
    s = Page(lang)
    pink = DOMAIN_COLORS["games"]
    size = 340
    tx = 420  # text column
    room = W - tx - 20
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
    s.words(tx, iy + 90, "Chess, Go", 56, room, weight="bold")
    s.words(tx, iy + 170, "whole board", SMALL + 6, room)
    s.words(tx, iy + 226, "in view", SMALL + 6, room)
    s.words(tx, iy + 306, "take turns", SMALL + 6, room, fill=MUTED)
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
    s.words(tx, my + 170, "only near", SMALL + 6, room, fill=pink, weight="bold")
    s.words(tx, my + 226, "your units", SMALL + 6, room, fill=pink, weight="bold")
    s.words(tx, my + 306, "no turns", SMALL + 6, room, fill=MUTED)
    return s


def latent_diffusion(lang: str = "en") -> Page:
    """Words, a small compressed picture where the denoising happens, then the full picture."""
    s = Page(lang)
    vision = DOMAIN_COLORS["vision"]
    s.rect(40, 30, 800, 110, fill=SURFACE, stroke=GRID, stroke_width=3, rx=18)
    s.words(440, 102, "your words", 48, 740, anchor="middle", weight="bold")
    s.arrow(440, 150, 440, 210, MUTED, 5)
    # the small picture: a coarse 8x8 grid standing in for the 64 x 64 latent
    x0, y0, side = 80, 230, 200
    for k in range(64):
        col, row = k % 8, k // 8
        shade = ("#1d3a4a", "#2a5566", "#3b7a8f", "#4cc9f0")[(col * 3 + row * 5) % 4]
        s.rect(x0 + col * side / 8, y0 + row * side / 8, side / 8, side / 8, fill=shade)
    s.rect(x0, y0, side, side, stroke=vision, stroke_width=4)
    s.words(320, 300, "removes noise here:", 44, W - 320 - 20, fill=TEXT)
    s.text(320, 360, "64 × 64", 60, fill=vision, weight="bold")
    s.arrow(440, 470, 440, 530, MUTED, 5)
    s.rect(80, 550, 200, 200, fill="#1d3a4a", stroke=TEXT, stroke_width=4)
    s.circle(180, 650, 70, fill="#4cc9f0", opacity=0.8)
    s.words(320, 620, "enlarged at the end:", 44, W - 320 - 20, fill=TEXT)
    s.text(320, 680, "512 × 512", 60, weight="bold")
    s.words(40, 840, "64 times fewer dots to work on", SMALL + 4, 800, fill=MUTED)
    return s


DIAGRAMS = (  # file stem, drawing, English title
    ("alphatensor", alphatensor, "Multiplying 4x4 matrices: 64, 49 (Strassen), 47 (AlphaTensor)"),
    ("vpt-tech-tree", vpt_tech_tree, "Crafting steps VPT climbed to a diamond pickaxe"),
    ("games-hidden-map", games_hidden_map, "What a player sees: Go versus StarCraft II"),
    ("latent-diffusion", latent_diffusion, "Latent diffusion: 64 x 64, then 512 x 512"),
)


def file_name(stem: str, lang: str) -> str:
    """`stem.svg` in English (the deck's default), `stem.<lang>.svg` otherwise."""
    return f"{stem}.svg" if lang == "en" else f"{stem}.{lang}.svg"


def main() -> dict[str, str]:
    """Write the four SVGs in every language; raise ValueError if a label runs out of its box."""
    out = MEDIA / "images"
    out.mkdir(parents=True, exist_ok=True)
    written, too_wide = [], []
    for stem, draw, title in DIAGRAMS:
        for lang in LANGUAGES:
            page = draw(lang)
            name = file_name(stem, lang)
            too_wide += [f"{name}: {problem}" for problem in page.too_wide]
            (out / name).write_text(page.render(say(title, lang)), encoding="utf-8")
            written.append(name)
    if too_wide:
        raise ValueError("labels too wide: " + "; ".join(too_wide))
    return {"diagrams": f"{len(written)} files ({', '.join(LANGUAGES)})"}


if __name__ == "__main__":
    print(main())
