"""media/video/go-game.mp4: AlphaGo (black) vs Lee Sedol (white), game 2, 10 March 2016.

Replays the public move record stone by stone, slows down for move 37 (AlphaGo's fifth-line
shoulder hit at P10) and keeps it ringed for the rest of the game. Captures are computed, so
the board matches the real game position by position.

Move record: Andries Brouwer's public-domain collection,
https://homepages.cwi.nl/~aeb/go/games/games/AlphaGo/LeeSedol/2.sgf (211 moves, B+R).

The words drawn into the film are also written in French, German and Spanish
(`go-game.<code>.mp4` and `.png`, the same replay frame for frame; `WORDS`, worded as the
deck's translated captions). Every line is measured against the 560 px text column: one that
would run into the board fails the step instead of shipping.
"""

from __future__ import annotations

import re
from pathlib import Path

from _common import DOMAIN_COLORS, MEDIA, MUTED, TEXT, color, font, new_image, painter, save_png
from captions import write_vtt
from video_writer import H264Writer

W, H, FPS = 1280, 720, 24
GAME2_SGF = """
;B[pd];W[dp];B[cd];W[qp];B[op];W[oq];B[nq];W[pq];B[cn];W[fq];B[mp];W[qn];B[ic];W[dj];B[po]
;W[qo];B[cp];W[cq];B[bq];W[co];B[bp];W[bo];B[do];W[bn];B[dq];W[ep];B[dr];W[cm];B[jp];W[cg]
;B[ed];W[qf];B[qe];W[pf];B[nd];W[pi];B[oj];W[oi];B[nj];W[mh];B[gp];W[gq];B[dn];W[dm];B[fo]
;W[hp];B[ho];W[eo];B[en];W[fn];B[em];W[el];B[fm];W[gn];B[fl];W[go];B[ek];W[dk];B[dl];W[cl]
;B[eh];W[di];B[pj];W[qi];B[rf];W[rg];B[kd];W[hn];B[om];W[re];B[rd];W[sf];B[fi];W[gk];B[hm]
;W[in];B[hl];W[ko];B[kp];W[gc];B[df];W[id];B[jc];W[ge];B[dg];W[cf];B[ch];W[bh];B[dh];W[bi]
;B[hd];W[he];B[gd];W[fd];B[hc];W[fe];B[ec];W[gh];B[fc];W[gi];B[ii];W[hk];B[ik];W[il];B[im]
;W[ij];B[jl];W[jj];B[if];W[km];B[kl];W[lj];B[lk];W[lo];B[li];W[kj];B[ci];W[cj];B[mj];W[nr]
;B[mr];W[lq];B[lp];W[mq];B[np];W[lr];B[lm];W[kh];B[hg];W[qc];B[qd];W[rc];B[pc];W[sd];B[gg]
;W[ce];B[bd];W[qb];B[hi];W[jg];B[hj];W[ob];B[pb];W[pa];B[nb];W[de];B[ee];W[gj];B[hh];W[ej]
;B[nf];W[mf];B[me];W[rk];B[fh];W[el];B[nh];W[ng];B[lg];W[lh];B[mg];W[og];B[kg];W[ni];B[jh]
;W[na];B[ki];W[mi];B[ji];W[nc];B[mb];W[od];B[mc];W[oc];B[kr];W[ms];B[io];W[ip];B[jo];W[jn]
;B[ir];W[hr];B[ql];W[rl];B[qm];W[rm];B[ao];W[bm];B[ln];W[kn];B[mo];W[be];B[ae];W[af];B[ad]
;W[ma];B[la];W[oa];B[dd];W[bg];B[lb];W[pn];B[on];W[er];B[cr];W[fp];B[iq];W[hq];B[qj];W[rj]
;B[ks]
"""
MOVE_37 = 37
N = 19
COLS = "ABCDEFGHJKLMNOPQRST"  # Go coordinates skip I


def parse_moves(sgf: str) -> list[tuple[str, int, int]]:
    """[(colour, col, row)] from SGF move nodes; row 0 is the top edge."""
    return [
        (c, ord(m[0]) - 97, ord(m[1]) - 97) for c, m in re.findall(r"([BW])\[([a-s]{2})\]", sgf)
    ]


def gtp(col: int, row: int) -> str:
    """Human coordinate, e.g. (14, 9) -> 'P10'."""
    return f"{COLS[col]}{N - row}"


def play(board: dict[tuple[int, int], str], colour: str, col: int, row: int) -> int:
    """Place a stone and remove opponent groups left without liberties; returns captures."""
    board[(col, row)] = colour
    other = "W" if colour == "B" else "B"
    captured = 0
    for nb in neighbours(col, row):
        if board.get(nb) == other:
            group, libs = group_of(board, nb)
            if not libs:
                for g in group:
                    del board[g]
                captured += len(group)
    return captured


def neighbours(col: int, row: int) -> list[tuple[int, int]]:
    return [
        (c, r)
        for c, r in ((col - 1, row), (col + 1, row), (col, row - 1), (col, row + 1))
        if 0 <= c < N and 0 <= r < N
    ]


def group_of(board: dict, start: tuple[int, int]) -> tuple[set, set]:
    """The connected group containing `start` and its liberties."""
    colour, group, libs, todo = board[start], {start}, set(), [start]
    while todo:
        for nb in neighbours(*todo.pop()):
            if nb not in board:
                libs.add(nb)
            elif board[nb] == colour and nb not in group:
                group.add(nb)
                todo.append(nb)
    return group, libs


# ---- drawing -------------------------------------------------------------------------------

BOARD = (604, 24, 672)  # left, top, size in pixels (the board fills the right of the frame)
PINK = DOMAIN_COLORS["games"]


NBSP = "\u00a0"
COLUMN = 560  # the text column's width, left of the board

# What the film says, per language (English: the deck's default, `go-game.mp4`).
WORDS: dict[str, dict[str, object]] = {
    "en": {
        "game": "Game 2, 2016",
        "players": "AlphaGo: black\nLee Sedol: white",
        "move": "Move {n}",
        "intro": ["Stones appear", "in the order", "they were played."],
        "m37": ["Experts first", "called it", "a mistake."],
        "stays": ["Move 37 stays", "ringed."],
        "end": ["AlphaGo won", "game 2 and", "the match 4–1."],
        "won": "Won",
    },
    "fr": {
        "game": "Partie 2, 2016",
        "players": f"AlphaGo{NBSP}: noirs\nLee Sedol{NBSP}: blancs",
        "move": "Coup {n}",
        "intro": ["Les pierres", "apparaissent dans", "l’ordre du jeu."],
        "m37": ["Les experts y ont", "d’abord vu", "une erreur."],
        "stays": ["Le coup 37 reste", "entouré."],
        "end": ["AlphaGo a gagné", "la partie 2 et", "le match 4 à 1."],
        "won": "Gagné",
    },
    "de": {
        "game": "Partie 2, 2016",
        "players": "AlphaGo: Schwarz\nLee Sedol: Weiß",
        "move": "Zug {n}",
        "intro": ["Die Steine", "erscheinen in der", "Zugfolge."],
        "m37": ["Fachleute hielten", "ihn zuerst für", "einen Fehler."],
        "stays": ["Zug 37 bleibt", "eingekreist."],
        "end": ["AlphaGo gewann", "Partie 2 und das", "Match mit 4:1."],
        "won": "Gewonnen",
    },
    "es": {
        "game": "Partida 2, 2016",
        "players": "AlphaGo: negras\nLee Sedol: blancas",
        "move": "Jugada {n}",
        "intro": ["Las piedras", "aparecen en el", "orden del juego."],
        "m37": ["Los expertos", "primero la vieron", "como un error."],
        "stays": ["La jugada 37", "sigue rodeada."],
        "end": ["AlphaGo ganó", "la partida 2 y", "la serie 4 a 1."],
        "won": "Ganó",
    },
}


def big_px(words: dict[str, object], last_move: int) -> int:
    """The move number's size: 104 px, or a little less (not under 88) where a language's word
    for "move" is longer, so the number clears the board."""
    from PySide6.QtGui import QFontMetricsF

    texts = (str(words["move"]).format(n=last_move), str(words["won"]))
    for px in range(104, 87, -4):
        if max(QFontMetricsF(font(px, "bold")).horizontalAdvance(t) for t in texts) <= COLUMN:
            return px
    return 88  # check_words reports it


def check_words(words: dict[str, object], last_move: int) -> None:
    """Raise ValueError naming each line wider than the text column at its size."""
    from PySide6.QtGui import QFontMetricsF

    def width(text: str, px: int, weight: str) -> float:
        return QFontMetricsF(font(px, weight)).horizontalAdvance(text)

    lines = [(str(words["game"]), 56, "bold")]
    lines += [(line, 48, "regular") for line in str(words["players"]).split("\n")]
    lines += [
        (str(words["move"]).format(n=last_move), big_px(words, last_move), "bold"),
        (str(words["won"]), big_px(words, last_move), "bold"),
    ]
    for key in ("intro", "m37", "stays", "end"):
        lines += [(line, 48, "semibold") for line in words[key]]  # type: ignore[attr-defined]
    wide = [f"{t!r} ({width(t, px, w):.0f} px)" for t, px, w in lines if width(t, px, w) > COLUMN]
    if wide:
        raise ValueError("go: wider than the text column: " + ", ".join(wide))


def draw(
    board: dict,
    move_no: int,
    last: tuple[int, int] | None,
    highlight: float,
    caption: list[str],
    big: str,
    words: dict[str, object] = WORDS["en"],
    big_size: int = 104,
) -> object:
    """A frame: text column on the left, the board on the right."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QPen, QRadialGradient

    img = new_image(W, H)
    p = painter(img)
    left_al = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    p.setPen(color(TEXT))
    # Text at 48 px or more: the video shows at ~0.65 on a milestone slide (31 px at 1080p).
    p.setFont(font(56, "bold"))
    p.drawText(QRectF(40, 30, 560, 70), left_al, str(words["game"]))
    p.setPen(color(MUTED))
    p.setFont(font(48))
    p.drawText(QRectF(40, 100, 560, 130), left_al, str(words["players"]))
    p.setPen(color(PINK if highlight > 0 and move_no == MOVE_37 else TEXT))
    p.setFont(font(big_size, "bold"))
    p.drawText(QRectF(36, 250, 560, 130), left_al, big)
    p.setPen(color(TEXT))
    p.setFont(font(48, "semibold"))
    p.drawText(QRectF(40, 400, 560, 310), left_al, "\n".join(caption))

    bx, by, bs = BOARD
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color("#d6a85c"))
    p.drawRoundedRect(QRectF(bx, by, bs, bs), 10, 10)
    margin = 40
    step = (bs - 2 * margin) / (N - 1)

    def pt(c: float, r: float) -> QPointF:
        return QPointF(bx + margin + c * step, by + margin + r * step)

    p.setPen(QPen(color("#3a2810"), 1.4))
    for i in range(N):
        p.drawLine(pt(i, 0), pt(i, N - 1))
        p.drawLine(pt(0, i), pt(N - 1, i))
    p.setBrush(color("#3a2810"))
    for c in (3, 9, 15):
        for r in (3, 9, 15):
            p.drawEllipse(pt(c, r), 4.5, 4.5)
    rad = step * 0.48
    for (c, r), colour in sorted(board.items()):
        centre = pt(c, r)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color("#000000", 0.25))
        p.drawEllipse(centre + QPointF(2, 2.5), rad, rad)
        grad = QRadialGradient(centre - QPointF(rad * 0.35, rad * 0.35), rad * 1.3)
        if colour == "B":
            grad.setColorAt(0, color("#5b6170"))
            grad.setColorAt(1, color("#0d0f14"))
        else:
            grad.setColorAt(0, color("#ffffff"))
            grad.setColorAt(1, color("#c9ccd2"))
        p.setBrush(grad)
        p.drawEllipse(centre, rad, rad)
    if last is not None and last in board:
        mark = color("#ffffff") if board[last] == "B" else color("#111111")
        p.setPen(QPen(mark, 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(pt(*last), rad * 0.45, rad * 0.45)
    if highlight > 0:
        _, c37, r37 = parse_moves(GAME2_SGF)[MOVE_37 - 1]
        p.setPen(QPen(color(PINK), 5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(pt(c37, r37), rad + 6 + 10 * highlight, rad + 6 + 10 * highlight)
    p.end()
    return img


# The film's timeline, in frames: what `main` films and what `captions` says.
BEFORE_37, AT_37, AFTER_37, END = 6, 6 * FPS, 1, 3 * FPS


def captions() -> list[tuple[float, float, str]]:
    """The replay's WebVTT cues (it has no sound track: "[No sound]" first)."""
    moves = len(parse_moves(GAME2_SGF))
    t37 = (MOVE_37 - 1) * BEFORE_37 / FPS
    t_end = t37 + (AT_37 + (moves - MOVE_37) * AFTER_37) / FPS
    return [
        (0.0, t37, "[No sound] AlphaGo (black) against Lee Sedol (white), game 2, Seoul, "
         "10 March 2016. The stones appear in the order they were played."),
        (t37, t37 + AT_37 / FPS, f"Move {MOVE_37}: AlphaGo plays on the fifth line, at "
         f"{gtp(*parse_moves(GAME2_SGF)[MOVE_37 - 1][1:])}. Experts first called it a mistake."),
        (t37 + AT_37 / FPS, t_end, f"The game goes on to move {moves}; move 37 stays ringed."),
        (t_end, t_end + END / FPS, "AlphaGo won game 2, and the match 4–1."),
    ]  # fmt: skip


def replay(moves: list[tuple[str, int, int]], out: Path, words: dict[str, object]) -> int:
    """Write one language's film and poster; returns the number of frames."""
    board: dict[tuple[int, int], str] = {}
    intro, m37 = list(words["intro"]), list(words["m37"])  # type: ignore[call-overload]
    poster, size = None, big_px(words, len(moves))
    with H264Writer(out, W, H, FPS, max_kbps=500) as writer:
        for n, (colour, c, r) in enumerate(moves, 1):
            play(board, colour, c, r)
            if n < MOVE_37:
                hold, cap, hl = BEFORE_37, intro, 0.0  # 4 moves a second
            elif n == MOVE_37:
                hold, cap, hl = AT_37, m37, 1.0
            else:
                hold, cap, hl = AFTER_37, list(words["stays"]), 0.4  # type: ignore[call-overload]
            for f in range(hold):
                pulse = hl if n != MOVE_37 else 0.6 + 0.4 * abs(((f / 12) % 2) - 1)
                big = str(words["move"]).format(n=n)
                img = draw(board, n, (c, r), pulse, cap, big, words, size)
                writer.write(img)
                if n == MOVE_37 and f == 2 * FPS:
                    poster = img
        ending = list(words["end"])  # type: ignore[call-overload]
        end = draw(board, len(moves), None, 0.4, ending, str(words["won"]), words, size)
        for _ in range(END):
            writer.write(end)
    save_png(poster, out.with_suffix(".png"), also_cap=writer.min_text_cap)
    return writer.frames


def main() -> dict[str, str]:
    """Render the replay (~25 s), its poster and captions; returns figures for the report."""
    moves = parse_moves(GAME2_SGF)
    if len(moves) != 211 or gtp(*moves[MOVE_37 - 1][1:]) != "P10":
        raise ValueError("game 2 record does not have 211 moves with move 37 at P10")
    for words in WORDS.values():  # every language fits before any film is encoded
        check_words(words, len(moves))
    for lang, words in WORDS.items():
        name = "go-game.mp4" if lang == "en" else f"go-game.{lang}.mp4"
        frames = replay(moves, MEDIA / "video" / name, words)
    out = MEDIA / "video" / "go-game.mp4"
    write_vtt(out.with_suffix(".vtt"), captions())
    return {
        "go": f"{len(moves)} moves, move 37 = {gtp(*moves[MOVE_37 - 1][1:])}, "
        f"{frames / FPS:.1f} s, in {', '.join(WORDS)}"
    }


if __name__ == "__main__":
    print(main())
