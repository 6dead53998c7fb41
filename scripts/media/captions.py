"""WebVTT captions for every narration and video the deck plays, kept in step with the media.

Each generator knows the timeline of what it films (`captions()` in go_game.py,
compute_growth.py, tiny_diffusion.py, tiny_video_gan.py, tiny_make_a_video.py,
tiny_cogvideo.py and pong.py) and writes its `.vtt` beside the video when it runs; this step
writes them all again without encoding anything (no ffmpeg or torch needed), so captions can be
refreshed alone: `make_all.py captions`.

The films have no sound track: their captions start with "[No sound]" (a deaf visitor then knows
nothing is missed) and say what happens on screen as it happens. The welcome narration is timed
sentence by sentence with espeak-ng itself: the length of each growing prefix of the text,
spoken with the same voice and speed as `audio.py`, is where that sentence ends.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from _common import MEDIA

Cue = tuple[float, float, str]


def timestamp(seconds: float) -> str:
    """`00:01:02.500`."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def write_vtt(path: Path, cues: list[Cue]) -> None:
    """A WebVTT file (what a deck's `subtitles:` key or a sidecar `.vtt` holds)."""
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, 1):
        lines += [str(number), f"{timestamp(start)} --> {timestamp(end)}", text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _spoken_seconds(espeak: str, voice: str, speed: int, text: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "prefix.wav"
        subprocess.run([espeak, "-v", voice, "-s", str(speed), "-w", str(out), text], check=True)
        with wave.open(str(out)) as w:
            return w.getnframes() / w.getframerate()


def narration_cues(text: str, voice: str, speed: int) -> list[Cue]:
    """One cue per sentence of `text`, timed by espeak-ng (see the module docstring)."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed: `apt-get install espeak-ng`")
    parts = sentences(text)
    cues: list[Cue] = []
    start = 0.0
    for count in range(1, len(parts) + 1):
        end = _spoken_seconds(espeak, voice, speed, " ".join(parts[:count]))
        cues.append((round(start, 3), round(end, 3), parts[count - 1]))
        start = end
    return cues


def main() -> dict[str, str]:
    """Write every caption file; returns what was written, for the report."""
    import audio
    import compute_growth
    import go_game
    import pong
    import tiny_cogvideo
    import tiny_diffusion
    import tiny_make_a_video
    import tiny_video_gan

    files = {
        MEDIA / "audio" / "welcome.vtt": narration_cues(audio.TEXT, audio.VOICE, audio.SPEED),
        MEDIA / "video" / "go-game.vtt": go_game.captions(),
        MEDIA / "video" / "compute-growth.vtt": compute_growth.captions(),
        MEDIA / "video" / "tiny-diffusion-training.vtt": tiny_diffusion.training_captions(),
        MEDIA / "video" / "tiny-diffusion-denoise.vtt": tiny_diffusion.denoise_captions(),
        MEDIA / "video" / "pong-agent.vtt": pong.captions(),
        MEDIA / "video" / "tiny-video-gan.vtt": tiny_video_gan.captions(),
        MEDIA / "video" / "tiny-make-a-video.vtt": tiny_make_a_video.captions(),
        MEDIA / "video" / "tiny-cogvideo.vtt": tiny_cogvideo.captions(),
    }
    for path, cues in files.items():
        write_vtt(path, cues)
    return {"captions": ", ".join(f"{p.name} ({len(c)} cues)" for p, c in files.items())}


if __name__ == "__main__":
    print(main())
