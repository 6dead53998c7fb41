"""Shared slide parts: text that fits its box, the domain chip, the source line, the still image.

Every part sizes itself from the slide's short side it is given (`set_short_side`), never from
its own size, so type stays in proportion with the rest of the slide. `FitText` lives in
`fit_text.py`, the chip and source line in `chips.py`, the still image in `still.py`; all are
re-exported here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from revkiosk.ui.fit_text import MIN_PIXEL_SIZE, Fit, FitText
from revkiosk.ui.slides.chips import DomainChip, SourceLine, StageSized
from revkiosk.ui.slides.still import StillImage
from revkiosk.ui.text_layout import inline_markup

__all__ = [
    "MIN_PIXEL_SIZE",
    "DomainChip",
    "Fit",
    "FitText",
    "SourceLine",
    "StageSized",
    "StillImage",
    "inline_markup",
    "short_source",
]


_MACHINE_ID = re.compile(r"[0-9a-f]{8,}|\d{6,}")  # hashes and long numbers in a path


def short_source(url: str, limit: int = 48) -> str:
    """`https://www.arxiv.org/abs/2005.14165` → `arxiv.org/abs/2005.14165`, shortened to at most
    `limit` characters where it is long: the host and the path's first parts, then "…" — and
    the last part too when it is a readable name (`paper.pdf`), never a hash a visitor cannot
    use (`c399862d3b9d6b76…`).

    Plain citations ("GPT-2 paper, 2019") pass through unchanged.
    """
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    text = host + path
    if len(text) <= limit:
        return text
    segments = [s for s in path.split("/") if s]
    last = segments[-1] if segments else ""
    if len(segments) >= 2 and len(last) <= 24 and not _MACHINE_ID.search(last):
        text = f"{host}/{segments[0]}/…/{last}"
        if len(text) <= limit:
            return text
    kept = host
    for segment in segments:
        if len(kept) + len(segment) + 3 > limit:
            break
        kept += "/" + segment
    return (kept if len(kept) <= limit - 2 else kept[: limit - 3]) + "/…"
