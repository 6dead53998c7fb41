"""media/audio/welcome.wav: a short spoken welcome (espeak-ng), mono 16 kHz, <= 10 s.

espeak-ng (Debian package `espeak-ng`) speaks at 22.05 kHz; the imageio-ffmpeg binary
resamples to 16 kHz mono 16-bit PCM with bit-exact flags so reruns give the same bytes.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from _common import MEDIA
from captions import narration_cues, write_vtt

TEXT = (
    "Welcome. This is the story of the deep learning revolution, "
    "from 2011 to 2022. Touch the screen to explore."
)
VOICE, SPEED = "en-gb", 160  # words per minute: unhurried for a noisy hall, under 10 s


def main() -> dict[str, str]:
    """Synthesize, resample, and check the length; returns figures for the report."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed: `apt-get install espeak-ng`")
    import imageio_ffmpeg

    out = MEDIA / "audio" / "welcome.wav"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run([espeak, "-v", VOICE, "-s", str(SPEED), "-w", str(raw), TEXT], check=True)
        subprocess.run(
            [
                imageio_ffmpeg.get_ffmpeg_exe(),
                "-y",
                "-loglevel",
                "error",
                "-i",
                str(raw),
                "-ac",
                "1",
                "-ar",
                "16000",
                "-c:a",
                "pcm_s16le",
                "-map_metadata",
                "-1",
                "-fflags",
                "+bitexact",
                "-flags:a",
                "+bitexact",
                str(out),
            ],
            check=True,
        )
    with wave.open(str(out)) as w:
        seconds = w.getnframes() / w.getframerate()
        rate, channels = w.getframerate(), w.getnchannels()
    if seconds > 10 or rate != 16000 or channels != 1:
        raise RuntimeError(f"welcome.wav is {seconds:.1f} s, {rate} Hz, {channels} ch")
    write_vtt(out.with_suffix(".vtt"), narration_cues(TEXT, VOICE, SPEED))
    return {"audio": f"welcome.wav {seconds:.1f} s, {rate} Hz mono"}


if __name__ == "__main__":
    print(main())
