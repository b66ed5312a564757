"""Time one widget update, from a control's new value to the finished figure.

For every explorer in ``defence_diplomacy.widgets.EXPLORERS`` this changes one
control at a time (cycling through each control's options, including odd ones
such as an empty selection) and times each change until the output is fully
rendered, as Jupyter would do to show it: the chart drawn and encoded (as the
explorer shows it, SVG), or the message formatted. It goes on until at least
60 updates have drawn a chart. ``median_ms`` and ``p95_ms`` are over those
updates, value change to finished figure; odd selections answer with a quick
message, which would flatter the figures, so they are reported apart
(``message_median_ms``). ``benchmarks/run.py`` stores them under "widgets" in
benchmarks/results.json.
"""

from __future__ import annotations

import itertools
import statistics
import time

import ipywidgets

from defence_diplomacy import widgets

CHART_UPDATES = 60
MAX_UPDATES = 2000  # an explorer whose controls never lead to a chart stops here
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
    """Milliseconds of the updates that drew a chart, and of those that showed only a message."""
    explorer = build()
    controls = [c for c in explorer.children[0].children if isinstance(c, ipywidgets.ValueWidget)]
    changes = itertools.cycle([(c, v) for c in controls for v in candidate_values(c)])
    charts, messages = [], []
    while len(charts) < CHART_UPDATES and len(charts) + len(messages) < MAX_UPDATES:
        control, value = next(changes)
        if control.value == value:
            continue
        _drawn.clear()
        start = time.perf_counter()
        control.value = value  # observers redraw synchronously
        elapsed = (time.perf_counter() - start) * 1000
        (charts if _drawn else messages).append(elapsed)
    return charts, messages


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def widgets_section() -> dict:
    """Median and 95th percentile of one update that draws a chart, per explorer."""
    widgets.display = render  # what the kernel would do with the output, minus the wire
    ipywidgets.Output.clear_output = lambda self, *args, **kwargs: None  # a terminal has no output area
    report = {}
    for name, build in widgets.EXPLORERS.items():
        charts, messages = time_explorer(build)
        report[name] = {"median_ms": round(statistics.median(charts), 1),
                        "p95_ms": round(percentile(charts, 0.95), 1), "updates": len(charts),
                        "message_median_ms": round(statistics.median(messages), 1) if messages else None,
                        "message_updates": len(messages)}
    return report


def print_widgets(section: dict) -> None:
    print(f"{'widget':<22}{'median ms':>10}{'p95 ms':>8}{'updates':>9}   {'messages: median ms':>20}{'n':>5}")
    for name, row in section.items():
        print(f"{name:<22}{row['median_ms']:>10}{row['p95_ms']:>8}{row['updates']:>9}   "
              f"{row['message_median_ms']!s:>20}{row['message_updates']:>5}")
