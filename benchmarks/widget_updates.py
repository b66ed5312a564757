"""Time one widget update, from a control's new value to the finished figure.

For every explorer in ``defence_diplomacy.widgets.EXPLORERS`` this changes one
control at a time (cycling through each control's options, including odd ones
such as an empty selection) at least 30 times, and times each change until the
output is fully rendered: the chart drawn and encoded (as the explorer shows it,
SVG), or the message formatted, as Jupyter would do to show it. Reports median
and 95th percentile in milliseconds over all updates, and separately over the
updates that drew a chart (odd selections answer with a quick message, which
would flatter the overall figures); ``benchmarks/run.py`` stores them under
"widgets" in benchmarks/results.json.
"""

from __future__ import annotations

import itertools
import statistics
import time

import ipywidgets

from defence_diplomacy import widgets

UPDATES = 40
_drawn: list[bool] = []


def render(*items) -> None:
    """Do the work Jupyter does to show an item: build its richest representation."""
    for item in items:
        if hasattr(item, "_repr_mimebundle_"):
            item._repr_mimebundle_()
            _drawn.append(True)
        elif hasattr(item, "_repr_html_"):
            item._repr_html_()


def candidate_values(control: ipywidgets.ValueWidget) -> list:
    """Values a reader might choose, odd ones included."""
    if isinstance(control, ipywidgets.SelectMultiple):
        values = [value for _, value in control.options]
        return [(), tuple(values), *[(value,) for value in values], tuple(values[:2])]
    if isinstance(control, (ipywidgets.Dropdown, ipywidgets.RadioButtons, ipywidgets.ToggleButtons)):
        return [value for _, value in control.options]
    if isinstance(control, ipywidgets.IntRangeSlider):
        low, high = control.min, control.max
        middle = (low + high) // 2
        return [(low, high), (low, middle), (middle, high), (middle, middle), (low, low)]
    if isinstance(control, ipywidgets.Checkbox):
        return [True, False]
    raise TypeError(f"no candidate values for {type(control).__name__}")


def time_explorer(build) -> tuple[list[float], list[float]]:
    """Milliseconds of every update, and of those that drew a chart."""
    explorer = build()
    controls = [c for c in explorer.children[0].children if isinstance(c, ipywidgets.ValueWidget)]
    changes = itertools.cycle([(c, v) for c in controls for v in candidate_values(c)])
    timings, charts = [], []
    while len(timings) < UPDATES:
        control, value = next(changes)
        if control.value == value:
            continue
        _drawn.clear()
        start = time.perf_counter()
        control.value = value  # observers redraw synchronously
        timings.append((time.perf_counter() - start) * 1000)
        if _drawn:
            charts.append(timings[-1])
    return timings, charts


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def widgets_section() -> dict:
    """Median and 95th percentile of one update, per explorer."""
    widgets.display = render  # what the kernel would do with the output, minus the wire
    ipywidgets.Output.clear_output = lambda self, *args, **kwargs: None  # a terminal has no output area
    report = {}
    for name, build in widgets.EXPLORERS.items():
        timings, charts = time_explorer(build)
        report[name] = {"median_ms": round(statistics.median(timings), 1),
                        "p95_ms": round(percentile(timings, 0.95), 1), "updates": len(timings),
                        "chart_median_ms": round(statistics.median(charts), 1) if charts else None,
                        "chart_p95_ms": round(percentile(charts, 0.95), 1) if len(charts) > 1 else None,
                        "chart_updates": len(charts)}
    return report


def print_widgets(section: dict) -> None:
    print(f"{'widget':<22}{'median ms':>10}{'p95 ms':>8}{'updates':>9}   {'charts only: median':>20}{'p95':>8}{'n':>4}")
    for name, row in section.items():
        print(f"{name:<22}{row['median_ms']:>10}{row['p95_ms']:>8}{row['updates']:>9}   "
              f"{row['chart_median_ms']!s:>20}{row['chart_p95_ms']!s:>8}{row['chart_updates']:>4}")
