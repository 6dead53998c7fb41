"""Encode QImage frames to a small H.264 MP4.

Qt's own route (QVideoFrameInput + QMediaRecorder) was tried first: the FFmpeg that PySide6
wheels bundle is an LGPL build with no software H.264 encoder, and QMediaRecorder silently
substitutes MPEG-4 Part 2 when asked for H.264 (see the report for issue 6). So frames are still
drawn with QPainter, but piped to the `imageio-ffmpeg` binary (libx264). That package is a
script-time dependency only: the app plays the MP4 with QtMultimedia and never imports it.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType


class VideoWriterError(RuntimeError):
    """The encoder is missing or failed; the message says what to install or check."""


class H264Writer:
    """Context manager: `with H264Writer(path, 1280, 720, 24) as w: w.write(qimage)`.

    yuv420p + `+faststart` so every player (and QtMultimedia) can start playback before the
    whole file is read; one encoder thread so reruns produce byte-identical files.
    """

    def __init__(
        self, path: Path, width: int, height: int, fps: int = 24, max_kbps: int = 500
    ) -> None:
        if width % 2 or height % 2:
            raise VideoWriterError("H.264 yuv420p needs even width and height")
        self.path = Path(path)
        self.width, self.height, self.fps = width, height, fps
        self.max_kbps = max_kbps
        self.frames = 0
        self.min_text_cap: float | None = None  # the smallest text of any frame (its poster's)
        self._gen = None

    def __enter__(self) -> H264Writer:
        try:
            import imageio_ffmpeg
        except ImportError as exc:
            raise VideoWriterError(
                "imageio-ffmpeg is needed to encode H.264: "
                "`.venv/bin/pip install imageio-ffmpeg` (script-time only)"
            ) from exc
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._gen = imageio_ffmpeg.write_frames(
            str(self.path),
            (self.width, self.height),
            pix_fmt_in="rgb24",
            pix_fmt_out="yuv420p",
            fps=self.fps,
            codec="libx264",
            macro_block_size=2,
            ffmpeg_log_level="error",
            output_params=[
                "-preset", "slow",
                "-crf", "27",
                "-maxrate", f"{self.max_kbps}k",
                "-bufsize", f"{2 * self.max_kbps}k",
                "-profile:v", "high",
                "-tune", "animation",
                "-g", str(4 * self.fps),  # keyframe every 4 s: quick seeks, clean loops
                "-threads", "1",
                "-movflags", "+faststart",
                "-map_metadata", "-1",
                "-fflags", "+bitexact",
                "-flags:v", "+bitexact",
            ],
        )  # fmt: skip
        self._gen.send(None)
        return self

    def write(self, img: object) -> None:
        """Append one frame (a QImage of the writer's size, any format)."""
        from PySide6.QtGui import QImage

        if img.width() != self.width or img.height() != self.height:
            raise VideoWriterError(
                f"frame is {img.width()}x{img.height()}, expected {self.width}x{self.height}"
            )
        from _common import text_cap

        cap = text_cap(img)
        if cap is not None and (self.min_text_cap is None or cap < self.min_text_cap):
            self.min_text_cap = cap
        rgb = img.convertToFormat(QImage.Format.Format_RGB888)
        stride = rgb.bytesPerLine()
        raw = bytes(rgb.constBits())
        row = self.width * 3
        if stride != row:  # QImage pads rows to 4 bytes; ffmpeg wants them packed
            raw = b"".join(raw[y * stride : y * stride + row] for y in range(self.height))
        self._gen.send(raw)
        self.frames += 1

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._gen is not None:
            self._gen.close()
            self._gen = None
        if exc_type is None and (not self.path.exists() or self.path.stat().st_size == 0):
            raise VideoWriterError(f"encoder produced no output at {self.path}")
