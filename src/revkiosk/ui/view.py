"""The contract between the stage and the per-kind slide views, and the kind → view registry.

A registry of import paths (not classes) keeps pyqtgraph and QtMultimedia out of start-up: the
module of a plot or video view is imported only when such a slide is first built.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Slide
from revkiosk.lazy import resolve
from revkiosk.shape import Shape, shape_of
from revkiosk.theme import Theme


class SlideView(QWidget):
    """One slide drawn to fill its widget (the stage gives it the deck's aspect, or the whole
    screen for `aspect: auto`).

    Life cycle: built (maybe ahead of time, for preloading) → `enter()` when shown → `leave()`
    when another slide is shown → deleted. Views size their text from their short side through
    `Theme.pt`, so one design works at 1280x720, 3840x2160 and on a 1080x1920 portrait totem,
    and they arrange their parts for their `shape()` (side by side, or stacked in portrait).

    Pages: a slide whose text does not fit at the visitor's text size shows it a page at a time;
    "next" and "previous" turn its pages before the deck moves on (`turn_page`). `page_count`,
    `page` and `page_changed` let other layers (a "more" layer, a presenter) follow them.
    """

    jump_requested = Signal(int)
    page_changed = Signal(int, int)  # page (0-based), pages

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide = slide
        self.context = context
        if context.right_to_left:
            # Children made from here on inherit it: text aligns to the right and runs right
            # to left, and canvas views mirror their composition (`CanvasView.resizeEvent`).
            from revkiosk.ui.fonts import load_script_fonts

            load_script_fonts()
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

    @property
    def theme(self) -> Theme:
        return self.context.theme

    def short_side(self) -> int:
        """The side type is sized from: the height of a landscape slide, the width of a
        portrait one."""
        return max(1, min(self.width(), self.height()))

    def shape(self) -> Shape:
        """Landscape, near-square or portrait: which arrangement this slide takes."""
        return shape_of(self.width(), self.height())

    def px(self, design_px: float) -> int:
        """A length in design units (1920x1080 canvas) scaled to this view's short side."""
        return max(1, round(design_px * self.theme.scale_for(self.short_side())))

    def page_count(self) -> int:
        """How many pages the slide's text takes at this size (1: it all fits)."""
        return 1

    def page(self) -> int:
        """The page shown (0-based)."""
        return 0

    def turn_page(self, step: int) -> bool:
        """Show the next (+1) or previous (-1) page; False when there is none that way."""
        return False

    def shown_text(self) -> str:
        """Every text the visitor sees now, one line a run (the current page's lines, without
        the page indicator): what the attract loop times a page by (`deck.pace.page_seconds`)."""
        reporters = [self, *(w for w in self.findChildren(QWidget) if w.isVisibleTo(self))]
        lines = []
        for widget in reporters:
            runs = getattr(widget, "text_runs", None)
            if callable(runs):
                lines += [run.text for run in runs() if run.element != "page indicator"]
        return "\n".join(lines)

    def enter(self) -> None:
        """The slide became current: start media, animations, timers."""

    def leave(self) -> None:
        """Another slide became current: stop media, release what is heavy."""

    def preload(self) -> None:
        """The slide is next: load media so entering it shows the first frame at once."""

    def handle_action(self, action: str) -> bool:
        """A named action the view may consume (plot zoom `zoom_in`, `zoom_out`, `zoom_reset`,
        media `play_pause`, `next`/`previous` while it has pages); True when consumed."""
        if action in ("next", "previous"):
            return self.turn_page(1 if action == "next" else -1)
        return False

    def attract_seconds(self) -> float | None:
        """How long the attract loop should stay here, if the view knows better (a video)."""
        return None

    def playing_media(self) -> bool:
        """Whether media that ends by itself is playing here (the kiosk waits for it)."""
        return False

    def apply_context(self, context: ViewContext) -> None:
        """Live visitor settings changed (sound, volume, captions, speech; see
        `context.LIVE_VISITOR_FIELDS`): nothing is rebuilt, a video plays on. Child widgets
        with an `apply_visitor(context)` method (media) are told."""
        self.context = context
        for child in self.findChildren(QWidget):
            apply = getattr(child, "apply_visitor", None)
            if callable(apply):
                apply(context)


VIEW_CLASSES: dict[str, str] = {
    "title": "revkiosk.ui.slides.title_views:TitleView",
    "section": "revkiosk.ui.slides.title_views:SectionView",
    "milestone": "revkiosk.ui.slides.milestone:MilestoneView",
    "text": "revkiosk.ui.slides.text_views:TextView",
    "quote": "revkiosk.ui.slides.text_views:QuoteView",
    "media": "revkiosk.ui.slides.media_view:MediaView",
    "plot": "revkiosk.ui.slides.plot_view:PlotView",
    "compare": "revkiosk.ui.slides.compare:CompareView",
    "timeline": "revkiosk.ui.slides.timeline_view:TimelineView",
    "hub": "revkiosk.ui.slides.hub:HubView",
}


def view_class(kind: str) -> type[SlideView]:
    """The view class for a slide kind (imports its module on first use)."""
    try:
        target = VIEW_CLASSES[kind]
    except KeyError:
        raise LookupError(f"no view for slide kind {kind!r}") from None
    view: type[SlideView] = resolve(target)
    return view


def create_view(slide: Slide, context: ViewContext, parent: QWidget | None = None) -> SlideView:
    """Build the view for `slide`. Callers catch exceptions and show a placeholder instead."""
    return view_class(slide.kind)(slide, context, parent)
