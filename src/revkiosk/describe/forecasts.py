"""What forecasters expected for June 2022 against what happened (Qt-free; `chart: forecast`).

Numbers from J. Steinhardt, "AI Forecasting: One Year In" (bounded-regret.ghost.io, 4 July 2022):
Hypermind forecasters predicted in August 2021 the state of the art on 30 June 2022. The post
gives the point forecasts, the MATH starting point (6.9%) and that both results fell outside the
forecasters' 90% credible intervals; the intervals themselves are only in the post's images, so
they are not drawn (we show only what we could source). The MMLU starting point is not given in
the post either, so that row has no 2021 dot. The chart (ui/plots/forecast.py) and its spoken
description (describe/charts.py) read the same rows; the words are marked for translation
(`N_`) and translated where they are shown or spoken.
"""

from __future__ import annotations

from dataclasses import dataclass

from revkiosk.i18n.words import N_

SOURCE = N_(
    "Source: J. Steinhardt, “AI Forecasting: One Year In”, bounded-regret.ghost.io, 2022"
    " (Hypermind forecasts made Aug 2021)"
)
EXPERT_LEVEL = 90.0  # "Expert performance is approximated as 90%" (same post)


@dataclass(frozen=True)
class Benchmark:
    name: str
    what: str
    start_2021: float | None
    forecast_2022: float
    actual_2022: float
    actual_by: str


BENCHMARKS = (
    Benchmark("MMLU", N_("exam questions, 57 subjects"), None, 57.1, 67.5, "Chinchilla"),
    Benchmark("MATH", N_("competition maths problems"), 6.9, 12.7, 50.3, "Minerva"),
)
