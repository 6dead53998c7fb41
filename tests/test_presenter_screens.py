"""Screen choice for the audience and presenter views, and screens plugged in mid-talk."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from test_presenter import rig  # noqa: F401 (fixture)

from revkiosk.ui.presenter.screens import plan_screens, screen_label


class FakeScreen:
    """Stands in for QScreen: the plan only needs identity, a name and a size."""

    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name

    def size(self) -> QSize:
        return QSize(1920, 1080)

    def __repr__(self) -> str:
        return self._name


LAPTOP, PROJECTOR, TV = FakeScreen("eDP-1"), FakeScreen("HDMI-1"), FakeScreen("DP-2")


def test_one_screen_holds_both_views() -> None:
    plan = plan_screens([LAPTOP], LAPTOP)
    assert plan.audience is LAPTOP and plan.presenter is LAPTOP and not plan.dual


def test_audience_view_never_defaults_to_the_laptop_screen() -> None:
    # The laptop is the primary screen, whatever order the OS lists the outputs in.
    for screens in ([LAPTOP, PROJECTOR], [PROJECTOR, LAPTOP]):
        plan = plan_screens(screens, LAPTOP)
        assert plan.audience is PROJECTOR and plan.presenter is LAPTOP and plan.dual


def test_screen_settings_decide_and_swap_exchanges() -> None:
    screens = [LAPTOP, PROJECTOR, TV]
    assert plan_screens(screens, LAPTOP, audience_number=3).audience is TV  # --screen 3
    plan = plan_screens(screens, LAPTOP, presenter_number=2)  # presenter_screen: 2
    assert plan.presenter is PROJECTOR and plan.audience is LAPTOP
    swapped = plan_screens([LAPTOP, PROJECTOR], LAPTOP, swapped=True)
    assert swapped.audience is LAPTOP and swapped.presenter is PROJECTOR
    # A screen number that is not connected falls back to the safe default.
    assert plan_screens([LAPTOP, PROJECTOR], LAPTOP, audience_number=5).audience is PROJECTOR
    # Both asked for the same screen: the audience keeps it.
    same = plan_screens([LAPTOP, PROJECTOR], LAPTOP, audience_number=2, presenter_number=2)
    assert same.audience is PROJECTOR and same.presenter is LAPTOP


def test_no_screens_at_all_is_not_an_error() -> None:
    assert plan_screens([], None).audience is None


def test_screen_label_names_the_output() -> None:
    assert screen_label(2, PROJECTOR) == "2: HDMI-1 1920×1080"


def test_projector_plugged_in_and_out_keeps_the_slide(rig) -> None:  # noqa: F811
    window, navigator, controller, _clock, _answers = rig
    view = controller.view
    navigator.go(3)
    controller.on_screens_changed([LAPTOP, PROJECTOR], LAPTOP)  # projector plugged in
    assert controller.plan.audience is PROJECTOR
    assert window.isFullScreen() and view.isFullScreen()
    assert [view.screens.itemText(i) for i in range(2)][1].startswith("2: HDMI-1")
    assert view.screens.currentIndex() == 1
    controller.on_screens_changed([LAPTOP], LAPTOP)  # projector cable pulled
    assert navigator.index == 3 and view.counter.text() == "4 / 6"
    assert not window.isFullScreen()  # the audience view does not take over the laptop
    assert view.isVisible() and not view.isFullScreen()
    controller.on_screens_changed([LAPTOP, PROJECTOR], LAPTOP)  # back again
    assert window.isFullScreen() and navigator.index == 3
    assert window.stage.current_index == 3


def test_x_swaps_and_the_picker_chooses_the_audience_screen(rig) -> None:  # noqa: F811
    _window, navigator, controller, _clock, _answers = rig
    controller.screen_source = lambda: ([LAPTOP, PROJECTOR], LAPTOP)
    controller.on_screens_changed()
    assert controller.plan.audience is PROJECTOR
    QTest.keyClick(controller.view, Qt.Key.Key_X)
    assert controller.swapped and navigator.index == 0
    assert controller.plan.audience is LAPTOP and controller.view.screens.currentIndex() == 0
    controller.view.screens.activated.emit(1)  # the presenter picks screen 2 in the list
    assert controller.plan.audience is PROJECTOR and not controller.swapped


def test_the_presenter_screen_setting_is_followed(qtbot) -> None:
    from window_helpers import window_for

    from revkiosk.navigator import Navigator
    from revkiosk.settings import Settings
    from revkiosk.ui.presenter.controller import PresenterController

    settings = Settings(transition="none", presenter_screen=2)
    window, navigator, show = window_for(None, settings, navigator=Navigator(3))
    qtbot.addWidget(window)
    controller = PresenterController(window, navigator, show, settings)
    controller.on_screens_changed([LAPTOP, PROJECTOR], LAPTOP)
    assert controller.plan.presenter is PROJECTOR and controller.plan.audience is LAPTOP
