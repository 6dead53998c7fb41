"""The phone remote's page: `web/index.html` with `web/style.css` and `web/app.js` put inline.

One document, one request: the page needs its token for every fetch, and a stylesheet or script
fetched separately could not carry it. The files are package data (wheel and standalone build
alike), read once; each response gets a fresh nonce that the Content-Security-Policy names, so
nothing but these two blocks may run or style the page.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

STYLE_MARK = "<!--STYLE-->"
SCRIPT_MARK = "<!--SCRIPT-->"


@cache
def _parts() -> tuple[str, str, str]:
    folder = resources.files("revkiosk.remote") / "web"
    html = (folder / "index.html").read_text(encoding="utf-8")
    style = (folder / "style.css").read_text(encoding="utf-8")
    script = (folder / "app.js").read_text(encoding="utf-8")
    if STYLE_MARK not in html or SCRIPT_MARK not in html:
        raise RuntimeError("remote/web/index.html lost its STYLE or SCRIPT mark")
    return html, style, script


def render_page(nonce: str) -> tuple[bytes, str]:
    """The page as UTF-8 bytes and its content type, with `nonce` on its style and script."""
    html, style, script = _parts()
    page = html.replace(STYLE_MARK, f'<style nonce="{nonce}">\n{style}</style>', 1)
    page = page.replace(SCRIPT_MARK, f'<script nonce="{nonce}">\n{script}</script>', 1)
    return page.encode("utf-8"), "text/html; charset=utf-8"
