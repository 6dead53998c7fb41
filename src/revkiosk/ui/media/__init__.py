"""Media on slides: images (PNG/JPEG/SVG/GIF/WebP), video, audio, subtitles and placeholders.

QtMultimedia is imported only when a video or audio clip is first played (see `player.py`), so
importing this package is cheap and works on machines without it.
"""

from __future__ import annotations

from revkiosk.ui.media.audio import AudioPlayer
from revkiosk.ui.media.widget import MediaWidget

__all__ = ["AudioPlayer", "MediaWidget"]
