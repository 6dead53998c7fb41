"""Slides and charts in words (Qt-free): for spoken mode, screen readers and `revkiosk check`."""

from __future__ import annotations

from revkiosk.describe.charts import chart_description
from revkiosk.describe.slides import slide_text, slide_words

__all__ = ["chart_description", "slide_text", "slide_words"]
