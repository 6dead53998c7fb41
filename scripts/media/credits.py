"""media/CREDITS.md: one row per shipped media file — what it is, which script made it, licence.

`make_all.py` writes this last and fails if a file under media/ has no row (or a row names a
missing file), so nothing ships without a credit.
"""

from __future__ import annotations

from _common import MEDIA

OWNED = ("video", "images", "audio", "data")  # media/examples/ carries its own LICENSE.md
PROJECT = "CC BY 4.0, revkiosk project"
EPOCH = "CC BY 4.0, revkiosk project; data © Epoch AI (CC BY 4.0)"
GO_NOTE = "move record: public-domain collection of A. Brouwer (homepages.cwi.nl/~aeb/go)"

CREDITS = (  # file (relative to media/), what, script, licence
    (
        "video/pong-agent.mp4",
        "Tabular Q-learning agent learning Pong: after 10 and after 1,500 rallies (H.264)",
        "pong.py",
        PROJECT,
    ),
    ("video/pong-agent.png", "Poster frame of pong-agent.mp4", "pong.py", PROJECT),
    ("video/pong-agent.vtt", "WebVTT captions for pong-agent.mp4", "pong.py", PROJECT),
    (
        "video/go-game.mp4",
        f"Replay of AlphaGo vs Lee Sedol, game 2 (10 March 2016), move 37 highlighted; {GO_NOTE}",
        "go_game.py",
        PROJECT,
    ),
    ("video/go-game.png", "Poster frame of go-game.mp4 (move 37)", "go_game.py", PROJECT),
    (
        "video/compute-growth.mp4",
        "Training compute of notable AI systems appearing year by year, 1990-2022",
        "compute_growth.py",
        EPOCH,
    ),
    (
        "video/compute-growth.png",
        "Poster frame of compute-growth.mp4 (all systems, 2010-2022 trend)",
        "compute_growth.py",
        EPOCH,
    ),
    (
        "images/compute-dots.svg",
        "The compute chart's dots and 2010-2022 trend without words (hub tile, more layer)",
        "compute_growth.py",
        EPOCH,
    ),
    (
        "images/section-vision.png",
        "Abstract artwork for the Vision section slide",
        "section_art.py",
        PROJECT,
    ),
    (
        "images/section-games.png",
        "Abstract artwork for the Games section slide",
        "section_art.py",
        PROJECT,
    ),
    (
        "images/section-language.png",
        "Abstract artwork for the Language section slide",
        "section_art.py",
        PROJECT,
    ),
    (
        "images/section-science.png",
        "Abstract artwork for the Science section slide",
        "section_art.py",
        PROJECT,
    ),
    (
        "images/scale-350m.png",
        "Illustration (not model output) of Parti's smallest model: sharp but wrong — no hoodie, "
        "one ear, no tail, a plain building, a misspelled sign",
        "scale_illustration.py",
        PROJECT,
    ),
    (
        "images/scale-750m.png",
        "Illustration (not model output), 750M: blue hoodie, no sunglasses, wrong building, "
        "misspelled sign",
        "scale_illustration.py",
        PROJECT,
    ),
    (
        "images/scale-3b.png",
        "Illustration (not model output), 3B: orange hoodie, red sunglasses, one letter missing",
        "scale_illustration.py",
        PROJECT,
    ),
    (
        "images/scale-20b.png",
        "Illustration (not model output), 20B: everything the prompt asks, 'Welcome Friends!'",
        "scale_illustration.py",
        PROJECT,
    ),
    (
        "images/image-generation-timeline.png",
        "Illustration strip 2014 -> 2022 of image-generation fidelity (not model output)",
        "image_timeline.py",
        PROJECT,
    ),
    (
        "images/alphatensor.svg",
        "Diagram: a 4x4 matrix product takes 64 multiplications, 49 with Strassen (1969), "
        "47 with AlphaTensor (2022, modulo 2)",
        "diagrams.py",
        PROJECT,
    ),
    (
        "images/vpt-tech-tree.svg",
        "Diagram: five of the twelve crafting steps VPT climbed to the diamond pickaxe",
        "diagrams.py",
        PROJECT,
    ),
    (
        "images/games-hidden-map.svg",
        "Diagram: a Go board in full view against a StarCraft II map seen only near your units",
        "diagrams.py",
        PROJECT,
    ),
    (
        "images/latent-diffusion.svg",
        "Diagram: latent diffusion removes noise on a 64x64 picture, enlarged to 512x512 at the "
        "end",
        "diagrams.py",
        PROJECT,
    ),
    (
        "video/tiny-diffusion-training.mp4",
        "Real output of a small text-to-video diffusion model trained by the project on clips it "
        "draws (a ball moving left, right, up or down): samples after 50 to 4,000 training steps",
        "tiny_diffusion.py",
        PROJECT,
    ),
    (
        "video/tiny-diffusion-training.png",
        "Poster frame of tiny-diffusion-training.mp4 (the trained model)",
        "tiny_diffusion.py",
        PROJECT,
    ),
    (
        "video/tiny-diffusion-denoise.mp4",
        "Real output of the same model: noise turned into clips over 40 denoising steps",
        "tiny_diffusion.py",
        PROJECT,
    ),
    (
        "video/tiny-diffusion-denoise.png",
        "Poster frame of tiny-diffusion-denoise.mp4 (finished clips)",
        "tiny_diffusion.py",
        PROJECT,
    ),
    (
        "video/tiny-video-gan.mp4",
        "Real output of a small video GAN with a frame judge and a motion judge (as in DVD-GAN), "
        "trained by the project on the ball clips tiny_diffusion.py draws: the same nine random "
        "starts after 25 to 2,000 training steps",
        "tiny_video_gan.py",
        PROJECT,
    ),
    (
        "video/tiny-video-gan.png",
        "Poster frame of tiny-video-gan.mp4 (the trained model)",
        "tiny_video_gan.py",
        PROJECT,
    ),
    (
        "video/tiny-video-gan.vtt",
        "WebVTT captions for tiny-video-gan.mp4",
        "tiny_video_gan.py",
        PROJECT,
    ),
    (
        "video/tiny-make-a-video.mp4",
        "Real output of two small models trained by the project on pictures and clips it draws, "
        "as in Make-A-Video: a picture model (captions to pictures) and a motion model (learned "
        "from clips without captions) make clips for six captions",
        "tiny_make_a_video.py",
        PROJECT,
    ),
    (
        "video/tiny-make-a-video.png",
        "Poster frame of tiny-make-a-video.mp4",
        "tiny_make_a_video.py",
        PROJECT,
    ),
    (
        "video/tiny-make-a-video.vtt",
        "WebVTT captions for tiny-make-a-video.mp4",
        "tiny_make_a_video.py",
        PROJECT,
    ),
    (
        "video/tiny-cogvideo.mp4",
        "Real output of a small text-to-video model trained by the project on clips it draws, "
        "as in CogVideo: trained from scratch (top row) and started from a picture model it "
        "trained first (lower row), after the same 0 to 400 video training steps",
        "tiny_cogvideo.py",
        PROJECT,
    ),
    (
        "video/tiny-cogvideo.png",
        "Poster frame of tiny-cogvideo.mp4",
        "tiny_cogvideo.py",
        PROJECT,
    ),
    (
        "video/tiny-cogvideo.vtt",
        "WebVTT captions for tiny-cogvideo.mp4",
        "tiny_cogvideo.py",
        PROJECT,
    ),
    (
        "images/protein-fold.png",
        "Illustration: procedural protein backbone ribbon (helices, beta-sheet) for AlphaFold 2",
        "protein.py",
        PROJECT,
    ),
    (
        "audio/welcome.wav",
        "Spoken welcome, espeak-ng voice en-gb, 16 kHz mono",
        "audio.py",
        PROJECT,
    ),
    (
        "audio/welcome.vtt",
        "WebVTT captions for welcome.wav, timed sentence by sentence with espeak-ng",
        "audio.py, captions.py",
        PROJECT,
    ),
    ("video/go-game.vtt", "WebVTT captions for go-game.mp4", "go_game.py", PROJECT),
    (
        "video/compute-growth.vtt",
        "WebVTT captions for compute-growth.mp4",
        "compute_growth.py",
        EPOCH,
    ),
    (
        "video/tiny-diffusion-training.vtt",
        "WebVTT captions for tiny-diffusion-training.mp4",
        "tiny_diffusion.py",
        PROJECT,
    ),
    (
        "video/tiny-diffusion-denoise.vtt",
        "WebVTT captions for tiny-diffusion-denoise.mp4",
        "tiny_diffusion.py",
        PROJECT,
    ),
    (
        "data/imagenet-top5.csv",
        "ILSVRC winners' top-5 error 2010-2017 and the human reference "
        "(facts from the cited papers)",
        "imagenet_data.py",
        PROJECT,
    ),
    (
        "data/imagenet-top5.SOURCE.md",
        "Citations for imagenet-top5.csv",
        "imagenet_data.py",
        PROJECT,
    ),
)

_LANGUAGE_NAMES = {"fr": "French", "de": "German", "es": "Spanish"}
_FILMS = (  # films drawn again with their words translated: file stem, what, script
    ("video/pong-agent", "pong-agent.mp4", "pong.py"),
    ("video/go-game", "go-game.mp4", "go_game.py"),
    ("video/tiny-diffusion-training", "tiny-diffusion-training.mp4", "tiny_diffusion.py"),
    ("video/tiny-diffusion-denoise", "tiny-diffusion-denoise.mp4", "tiny_diffusion.py"),
    ("video/compute-growth", "compute-growth.mp4", "compute_growth.py"),
)
CREDITS += tuple(
    row
    for stem, film, script in _FILMS
    for code, language in _LANGUAGE_NAMES.items()
    for row in (
        (f"{stem}.{code}.mp4", f"{film} with its words in {language} (H.264)", script, PROJECT),
        (f"{stem}.{code}.png", f"Poster frame of {stem}.{code}.mp4", script, PROJECT),
    )
)
_DIAGRAMS = ("alphatensor", "vpt-tech-tree", "games-hidden-map", "latent-diffusion")
CREDITS += tuple(
    (
        f"images/{stem}.{code}.svg",
        f"images/{stem}.svg with its words in {language}, translated by the project",
        "diagrams.py",
        PROJECT,
    )
    for stem in _DIAGRAMS
    for code, language in _LANGUAGE_NAMES.items()
)
_CAPTIONED = (  # English captions → the file they caption
    ("audio/welcome", "welcome.wav"),
    ("video/pong-agent", "pong-agent.mp4"),
    ("video/go-game", "go-game.mp4"),
    ("video/compute-growth", "compute-growth.mp4"),
    ("video/tiny-diffusion-training", "tiny-diffusion-training.mp4"),
    ("video/tiny-diffusion-denoise", "tiny-diffusion-denoise.mp4"),
    ("video/tiny-video-gan", "tiny-video-gan.mp4"),  # no words in the film: captions only
    ("video/tiny-make-a-video", "tiny-make-a-video.mp4"),
    ("video/tiny-cogvideo", "tiny-cogvideo.mp4"),
)
CREDITS += tuple(
    (
        f"{stem}.{code}.vtt",
        f"WebVTT captions for {target} in {language}, translated by the project, timed as "
        "the English",
        "caption_translations.py",
        PROJECT,
    )
    for stem, target in _CAPTIONED
    for code, language in _LANGUAGE_NAMES.items()
)

HEADER = """# Media credits

Every file under `media/{video,images,audio,data}/` is generated by a script in
`scripts/media/` (regenerate all, byte for byte, with
`QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/media/make_all.py`). Licences: CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/); credit "revkiosk project" and, for the compute
animation, "Epoch AI, Notable AI Models (2025-02-24)", https://epoch.ai/data.
Illustrations are drawn by the project and are not output of the models they depict. The
`tiny-*` videos ARE real model output: of small models the project trains itself
(`scripts/media/tiny_diffusion.py`, `tiny_video_gan.py`, `tiny_make_a_video.py`,
`tiny_cogvideo.py`, needs torch at script time) on clips it draws, so their training data is the
project's own (CC BY 4.0).
The small test files in `media/examples/` are credited in `media/examples/LICENSE.md`.

| file | what | made by | licence |
| --- | --- | --- | --- |
"""


def main() -> dict[str, str]:
    """Write CREDITS.md; raise if media/ and the table disagree."""
    listed = {row[0] for row in CREDITS}
    present = {
        p.relative_to(MEDIA).as_posix()
        for folder in OWNED
        for p in (MEDIA / folder).rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
    problems = [f"no credit row for media/{f}" for f in sorted(present - listed)]
    problems += [f"credit row for missing media/{f}" for f in sorted(listed - present)]
    if problems:
        raise RuntimeError("; ".join(problems))
    rows = [
        f"| `media/{f}` | {what} | `scripts/media/{script}` | {lic} |"
        for f, what, script, lic in CREDITS
    ]
    (MEDIA / "CREDITS.md").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return {"credits": f"{len(rows)} rows"}


if __name__ == "__main__":
    print(main())
