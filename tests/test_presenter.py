"""The presenter view on a real audience window (offscreen): keys, timer, notes, end of deck."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtTest import QTest
from window_helpers import window_for

from revkiosk.deck.model import Deck, DeckInfo, TextSlide, TitleSlide
from revkiosk.settings import log_dir
from revkiosk.ui.presenter.controller import PresenterController

K = Qt.Key
M = Qt.KeyboardModifier
NOTES = "Say this **loudly** and *slowly*.\n\n- first point\n- second point\n"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_deck(count: int = 6, minutes: float | None = 12) -> Deck:
    slides = [TitleSlide(kind="title", title="Start", notes=NOTES)]
    slides += [
        TextSlide(kind="text", title=f"Slide {i + 1}", body="Body.", notes=f"Notes of {i + 1}")
        for i in range(1, count)
    ]
    root = Path("/nonexistent")
    info = DeckInfo(title="Test talk", duration_minutes=minutes)
    return Deck(root / "deck.yaml", root, info, (), (), tuple(slides))


@pytest.fixture
def rig(qtbot):
    """An audience window, its navigator and an open presenter view with a fake clock."""
    deck = make_deck()
    window, navigator, show = window_for(deck)
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    clock = FakeClock()
    answers: list[bool] = []
    controller = PresenterController(
        window, navigator, show, window.settings, clock=clock, confirm=lambda _w, _q: answers.pop()
    )
    QTest.keyClick(window, K.Key_S)  # S opens the presenter view
    assert controller.view is not None and controller.is_open
    qtbot.addWidget(controller.view)
    return window, navigator, controller, clock, answers


def settle(qtbot, controller: PresenterController) -> None:
    """The presenter view updates on the event-loop turn after a key press."""
    qtbot.waitUntil(lambda: not controller._refresh_soon.isActive(), timeout=1000)


def test_keys_in_either_window_move_both_views(rig, qtbot) -> None:
    window, navigator, controller, _clock, _answers = rig
    view = controller.view
    QTest.keyClick(view, K.Key_Right)
    assert navigator.index == 1 and window.stage.current_index == 1
    settle(qtbot, controller)
    assert view.counter.text() == "2 / 6"
    assert "Notes of 2" in view.notes.toPlainText()
    QTest.keyClick(view.notes, K.Key_PageDown)  # clicker key while the notes have the mouse
    settle(qtbot, controller)
    assert navigator.index == 2 and view.counter.text() == "3 / 6"
    QTest.keyClick(window, K.Key_Left)
    settle(qtbot, controller)
    assert navigator.index == 1 and view.counter.text() == "2 / 6"
    assert view.next.caption.endswith("Slide 3")


def test_blanking_from_the_presenter_shows_a_banner(rig) -> None:
    window, navigator, controller, _clock, _answers = rig
    view = controller.view
    QTest.keyClick(view, K.Key_B)
    assert navigator.blank == "black" and window.blank.isVisible()
    assert view.banner.isVisible() and view.banner.text() == "AUDIENCE SCREEN BLACK"
    QTest.keyClick(view, K.Key_Right)  # any key returns, without moving
    assert navigator.blank is None and navigator.index == 0
    assert not view.banner.isVisible()


def test_s_in_the_presenter_view_closes_it(rig) -> None:
    _window, _navigator, controller, _clock, _answers = rig
    QTest.keyClick(controller.view, K.Key_S)
    assert not controller.is_open


def test_timer_starts_on_the_first_slide_change_pauses_and_resets(rig) -> None:
    _window, _navigator, controller, clock, answers = rig
    view = controller.view
    clock.now += 50  # waiting for the audience to sit down: not talk time
    controller.refresh_clock()
    assert view.elapsed.text() == "0:00" and view.pause.text() == "Start"
    QTest.keyClick(view, K.Key_Space)
    clock.now += 65
    controller.refresh_clock()
    assert view.elapsed.text() == "1:05"
    QTest.keyClick(view, K.Key_P, M.ControlModifier)  # pause
    clock.now += 300
    controller.refresh_clock()
    assert view.elapsed.text() == "1:05" and "paused" in view.timer_state.text()
    answers.append(False)  # "Reset the talk timer?" → No
    view.reset.click()
    assert view.elapsed.text() == "1:05"
    answers.append(True)
    QTest.keyClick(view, K.Key_R, M.ControlModifier)
    assert view.elapsed.text() == "0:00" and not answers


def test_pacing_is_colour_coded(rig) -> None:
    _window, navigator, controller, clock, _answers = rig
    view = controller.view
    navigator.go(1)  # 6 slides in 12 minutes: slide 2 is due after 2 minutes
    clock.now += 2 * 60
    controller.refresh_clock()
    assert view.pacing.text() == "On time" and view.pacing.property("level") == "green"
    clock.now += 2 * 60  # 2 minutes behind = 17% of the talk
    controller.refresh_clock()
    assert view.pacing.text() == "2:00 behind" and view.pacing.property("level") == "red"


def _formats(document: QTextDocument) -> dict[str, tuple[bool, bool]]:
    """Text fragment → (bold, italic) as the notes document lays it out."""
    found: dict[str, tuple[bool, bool]] = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            found[fragment.text()] = (fmt.fontWeight() >= QFont.Weight.Bold, fmt.fontItalic())
            it += 1
        block = block.next()
    return found


def test_notes_render_markdown_and_zoom(rig) -> None:
    _window, _navigator, controller, _clock, _answers = rig
    notes = controller.view.notes
    formats = _formats(notes.document())
    assert formats["loudly"] == (True, False)
    assert formats["slowly"] == (False, True)
    assert "**" not in notes.toPlainText()
    lists = [notes.document().findBlockByNumber(i).textList() for i in (1, 2)]
    assert all(item is not None for item in lists)  # "- first point" became a list item
    before = notes.pixel_size
    QTest.keyClick(controller.view, K.Key_Equal, M.ControlModifier)
    assert notes.pixel_size > before
    QTest.keyClick(controller.view, K.Key_Minus, M.ControlModifier)
    QTest.keyClick(controller.view, K.Key_Minus, M.ControlModifier)
    assert notes.pixel_size < before
    smaller = notes.pixel_size
    controller.view.bigger.click()  # the A+ button does the same
    assert notes.pixel_size > smaller


def test_long_notes_scroll_and_start_at_the_top(rig) -> None:
    _window, _navigator, controller, _clock, _answers = rig
    notes = controller.view.notes
    notes.set_notes("\n\n".join(f"Paragraph {i} of a long story." for i in range(60)))
    assert notes.verticalScrollBar().maximum() > 0
    notes.verticalScrollBar().setValue(notes.verticalScrollBar().maximum())
    notes.set_notes("Short again")  # the next slide's notes start at the top
    assert notes.verticalScrollBar().value() == 0


def test_last_slide_shows_end_of_deck_instead_of_a_next_slide(rig, qtbot) -> None:
    window, navigator, controller, _clock, _answers = rig
    view = controller.view
    QTest.keyClick(window, K.Key_End)
    assert navigator.index == 5
    settle(qtbot, controller)
    assert view.next.image is None and view.next.message == "End of deck"
    assert view.upcoming.text() == ""
    qtbot.waitUntil(lambda: view.current.image is not None)  # rendered lazily, then shown
    assert view.current.image.width() > 0


def test_previews_never_render_inside_the_key_press(rig, qtbot) -> None:
    _window, navigator, controller, _clock, _answers = rig
    qtbot.waitUntil(lambda: not controller.previews.pending())  # slides 1-3 rendered
    rendered: list[int] = []
    controller.previews.rendered.connect(rendered.append)
    QTest.keyClick(controller.view, K.Key_Right)
    QTest.keyClick(controller.view, K.Key_Right)
    assert navigator.index == 2 and rendered == []  # the keys did not wait for a render
    qtbot.waitUntil(lambda: 4 in rendered)  # slide 5 prepared once slide 3 is current
    assert controller.view.next.image is not None  # slide 4 was ready before it was needed
    assert rendered.count(3) == 1 and 0 not in rendered  # each slide rendered once, cached


def test_timing_report_is_written_to_the_log_folder(rig) -> None:
    _window, navigator, controller, clock, _answers = rig
    navigator.next()
    clock.now += 42
    navigator.next()
    clock.now += 3
    path = controller.write_report()
    assert path is not None and path.parent == log_dir() and path.suffix == ".md"
    text = path.read_text(encoding="utf-8")
    assert "| 2 | Slide 2 | 0:42 | 1 |" in text and "| 3 | Slide 3 | 0:03 | 1 |" in text


def test_no_timing_report_when_the_presenter_view_was_never_used(qtbot, tmp_path) -> None:
    window, navigator, show = window_for(make_deck())
    qtbot.addWidget(window)
    controller = PresenterController(window, navigator, show, window.settings)
    assert controller.write_report(tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_a_playing_video_shows_its_position(rig) -> None:
    """The video plays on the audience screen; the presenter view shows where it is."""
    from revkiosk.deck.model import Media
    from revkiosk.ui.media.video import VideoWidget
    from revkiosk.ui.presenter.previews import video_status

    window, _navigator, controller, _clock, _answers = rig
    assert video_status(window.stage.current_view()) == ""  # a text slide: nothing to show
    video = VideoWidget(
        Media(video=Path("/nonexistent/clip.mp4")),
        window.theme,
        muted=True,
        parent=window.stage.current_view(),
    )
    video.clip.position = lambda: 12.4  # the audience player's position, as the clip reports it
    video.clip.duration = lambda: 25.0
    video.clip.is_playing = lambda: True
    controller.refresh_clock()
    assert controller.view.media.text().startswith("▶ Video 0:12 / 0:25")


def test_closing_the_audience_window_closes_the_presenter_view(rig) -> None:
    window, _navigator, controller, _clock, _answers = rig
    window.close()
    assert not controller.is_open


def test_reloading_the_deck_refreshes_notes_on_the_same_slide(rig, qtbot) -> None:
    window, navigator, controller, _clock, _answers = rig
    navigator.go(2)
    edited = make_deck()
    slides = list(edited.slides)
    slides[2] = TextSlide(kind="text", title="Slide 3", body="Body.", notes="Rewritten notes")
    edited = Deck(edited.path, edited.root, edited.info, (), (), tuple(slides))
    window.the_show.set_deck(edited)
    qtbot.waitUntil(lambda: controller.view.notes.toPlainText() == "Rewritten notes")
    assert navigator.index == 2


def test_presenter_view_without_a_deck_says_so(qtbot) -> None:
    """A deck that failed to load: the presenter view opens and explains, it does not crash."""
    window, navigator, show = window_for(None)
    qtbot.addWidget(window)
    controller = PresenterController(window, navigator, show, window.settings)
    window.trigger("presenter")
    qtbot.addWidget(controller.view)
    assert controller.is_open
    assert controller.view.current.message == "No deck loaded"
    assert controller.view.counter.text() == "–"


def test_a_failing_preview_is_a_calm_card_not_a_crash(rig, qtbot) -> None:
    _window, navigator, controller, _clock, _answers = rig

    def broken(index, size):
        raise RuntimeError("view exploded")

    controller.previews.clear()
    controller.previews._render = broken
    navigator.go(1)
    qtbot.waitUntil(lambda: controller.view.current.message == "No preview")
    assert navigator.index == 1 and controller.is_open


def test_clicking_the_next_slide_preview_moves_on(rig, qtbot) -> None:
    _window, navigator, controller, _clock, _answers = rig
    preview = controller.view.next
    QTest.mouseClick(
        preview, Qt.MouseButton.LeftButton, pos=preview.slide_rect().center().toPoint()
    )
    assert navigator.index == 1
    QTest.mouseClick(preview, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # the caption
    assert navigator.index == 1


def test_timing_report_can_be_turned_off_in_settings(qtbot, tmp_path) -> None:
    from revkiosk.settings import parse_settings

    settings, notices = parse_settings({"timing_report": False, "transition": "none"})
    assert notices == [] and settings.timing_report is False
    window, navigator, show = window_for(make_deck(), settings)
    qtbot.addWidget(window)
    controller = PresenterController(window, navigator, show, settings)
    controller.used = True  # the presenter view was used
    assert controller.write_report(tmp_path) is None
    assert list(tmp_path.iterdir()) == []
