"""Media on slides: images (PNG/JPEG/SVG/GIF/WebP), video, audio, subtitles and placeholders.

QtMultimedia is imported only when a video or audio clip is first played (see `player.py`), and
this package imports none of its modules itself: a module that needs pictures (gestures, zoom)
must not pay for the video and audio ones.
"""

from __future__ import annotations
