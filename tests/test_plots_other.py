"""The forecast chart and authors' CSV charts, including broken CSV files at show time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from revkiosk.context import ViewContext
from revkiosk.deck.model import CsvChart, Deck, DeckInfo, PlotSlide
from revkiosk.theme import theme_named
from revkiosk.ui.view import create_view

GOOD = (
    "system,year,error,kind\n"
    "AlexNet,2012,16.4,winner\nResNet,2015,3.6,winner\nHuman,2015,5.1,human\n"
)


def show(qtbot, slide: PlotSlide, size=(1920, 1080), theme="dark"):
    deck = Deck(Path("deck.yaml"), Path("."), DeckInfo("t"), (), (), (slide,))
    view = create_view(slide, ViewContext(deck, theme_named(theme)))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def distinct_colours(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return len(
        np.unique(np.frombuffer(image.constBits(), np.uint32, image.width() * image.height()))
    )


def csv_slide(path: Path, **options) -> PlotSlide:
    spec = CsvChart(file=path, x="year", y="error", group="kind", label="system", **options)
    return PlotSlide(kind="plot", title="ImageNet", chart="csv", csv=spec)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_forecast_chart_shows_forecast_actual_and_source(qtbot, tmp_path, size) -> None:
    view = show(qtbot, PlotSlide(kind="plot", title="Forecasts", chart="forecast"), size)
    chart = view.chart
    texts = " ".join(label.textItem.toPlainText() for _, label in chart.value_labels)
    for value in ("12.7%", "50.3%", "57.1%", "67.5%", "6.9%"):
        assert value in texts
    assert "Steinhardt" in chart.credit.text() and chart.credit.isVisible()
    png = tmp_path / "forecast.png"
    assert view.grab().save(str(png))
    assert distinct_colours(QImage(str(png))) > 100


def test_forecast_legend_hides_the_forecast_dots(qtbot) -> None:
    view = show(qtbot, PlotSlide(kind="plot", chart="forecast"))
    chart = view.chart
    chart.legend.buttons["forecast"].click()
    assert not chart.series["forecast"].isVisible()
    assert chart.series["actual"].isVisible()


def test_csv_chart_draws_each_group(qtbot, tmp_path) -> None:
    path = tmp_path / "imagenet.csv"
    path.write_text(GOOD, encoding="utf-8")
    view = show(qtbot, csv_slide(path), (1280, 720))
    chart = view.chart
    assert chart.error is None and not chart.message.isVisible()
    assert set(chart.items) == {"winner", "human"}
    assert list(chart.items["winner"].getData()[1]) == [16.4, 3.6]
    assert chart.series[0].is_line and not chart.series[1].is_line
    png = tmp_path / "csv.png"
    assert view.grab().save(str(png))
    assert distinct_colours(QImage(str(png))) > 50


@pytest.mark.parametrize(
    ("content", "options", "expected"),
    [
        (
            "system,year,error,kind\nA,2012,abc,w\n",
            {},
            "row 2: 'abc' in column 'error' is not a number",
        ),
        ("system,year,err,kind\nA,2012,1,w\n", {}, "no column 'error'"),
        ("system,year,error,kind\nA,2012,0,w\n", {"log_y": True}, "cannot go on a log axis"),
        ("system,year,error,kind\n", {}, "no data rows"),
        (b"\xff\xfe\x00bad", {}, "not UTF-8"),
        (None, {}, "cannot read the file"),
    ],
)
def test_broken_csv_shows_a_clear_message_on_the_chart(qtbot, tmp_path, content, options, expected):
    path = tmp_path / "broken.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    view = show(qtbot, csv_slide(path, **options), (1280, 720))
    chart = view.chart
    assert chart.message.isVisible()
    assert expected in chart.message.text() and "broken.csv" in chart.message.text()
    assert chart.message.geometry().intersects(chart.rect())


def test_plot_slide_without_csv_settings_shows_a_message(qtbot) -> None:
    view = show(qtbot, PlotSlide(kind="plot", chart="csv"))
    assert view.chart.message.isVisible()
    assert "no `csv:` settings" in view.chart.message.text()


def test_pyqtgraph_is_imported_only_by_plot_views() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import revkiosk.ui.view, revkiosk.ui.slides.plot_view;"
        "import revkiosk.ui.plots;"  # the package itself: warm_up() imports lazily
        "import revkiosk.data.trends, revkiosk.data.dataset;"
        "print('pyqtgraph' in sys.modules, 'PySide6' in sys.modules and 'x')"
    )
    src = Path(__file__).resolve().parent.parent / "src"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.split()[0] == "False"


def test_scheduled_warm_up_leaves_a_chart_ready_process(qtbot) -> None:
    """What the app runs once the first slide is on screen: the steps run on later turns of
    the event loop (never all at once, inside the caller) and end with the trend fits cached."""
    from revkiosk.ui.plots import compute_layers, schedule_warm_up

    compute_layers.shipped_fits.cache_clear()
    schedule_warm_up()
    assert compute_layers.shipped_fits.cache_info().currsize == 0  # nothing ran synchronously
    qtbot.waitUntil(lambda: compute_layers.shipped_fits.cache_info().currsize == 1, timeout=5000)


@pytest.mark.parametrize(
    ("options", "left", "bottom"),
    [
        ({}, "error", "year"),
        ({"y_title": "Top-5 error (%)", "x_title": "Year"}, "Top-5 error (%)", "Year"),
    ],
)
def test_csv_axis_titles_default_to_columns_and_can_be_named(
    qtbot, tmp_path, options, left, bottom
):
    """A raw column name such as `top5_error` is no axis title for a museum: decks may name them."""
    path = tmp_path / "imagenet.csv"
    path.write_text(GOOD, encoding="utf-8")
    plot = show(qtbot, csv_slide(path, **options), (1280, 720)).chart.plot
    assert plot.getAxis("left").labelText == left
    assert plot.getAxis("bottom").labelText == bottom
