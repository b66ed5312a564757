"""Time one widget update, from a control's new value to the finished figure.

The timing runs inside a real IPython kernel, as in Jupyter: each chart or message
leaves the kernel as the new value of the explorer's HTML widget, one comm message
(what the browser then paints is timed by ``jupyterlab_updates.py``). For every
explorer in ``defence_diplomacy.explorer.EXPLORERS`` this changes one control at
a time (cycling through each control's options, including odd ones such as an
empty selection) until at least 60 updates have drawn a chart, each one drawn afresh. ``median_ms``
and ``p95_ms`` are over those updates. Odd selections answer with a quick
message, which would flatter the figures, so they are reported apart
(``message_median_ms``). ``benchmarks/run.py`` stores the figures under
"widgets" in benchmarks/results.json.
"""

from __future__ import annotations

import itertools
import json
import statistics
import time
from pathlib import Path

import ipywidgets

HERE = Path(__file__).resolve().parent
CHART_UPDATES = 60
MAX_UPDATES = 2000  # an explorer whose controls never lead to a chart stops here


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


def time_explorer(build, drawn: list) -> tuple[list[float], list[float]]:
    """Milliseconds of the updates that drew a chart, and of those that showed only a message."""
    box = build()
    controls = [c for c in box.children[0].children if isinstance(c, ipywidgets.ValueWidget)]
    changes = itertools.cycle([(c, v) for c in controls for v in candidate_values(c)])
    charts, messages = [], []
    sent: list[float] = []  # when the new drawing left: what the explorer does next, no one waits for
    box.children[1].observe(lambda _change: sent.append(time.perf_counter()), names="value")
    while len(charts) < CHART_UPDATES and len(charts) + len(messages) < MAX_UPDATES:
        control, value = next(changes)
        if control.value == value:
            continue
        drawn.clear()
        sent.clear()
        start = time.perf_counter()
        control.value = value  # observers redraw synchronously
        elapsed = ((sent[0] if sent else time.perf_counter()) - start) * 1000
        (charts if drawn else messages).append(elapsed)
    return charts, messages


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def measure_in_this_kernel() -> dict:
    """Run inside the kernel: every explorer's updates, summarised."""
    from defence_diplomacy import explorer, style

    drawn: list[bool] = []
    live = style.Chart.live

    def counted_live(chart):  # an update that turns a chart into its live form draws a chart
        drawn.append(True)
        return live(chart)

    style.Chart.live = counted_live
    # Every update drawn afresh: the cycle of values comes back to each selection, which an explorer
    # would otherwise show again from the drawings it keeps (jupyterlab_updates.py times both).
    explorer.REMEMBERED = 0
    # What follows a drawing (the next blank figure, the garbage collection) runs at once, before the
    # next change, as the kernel's idle moments between a reader's changes would run it; this cell
    # holds the event loop, which would otherwise never get to it.
    explorer.IDLE_AFTER = None
    explorer.quicken_kernel()  # as each notebook does in its explorer cell
    report = {}
    for name in explorer.EXPLORERS:
        chart_times, messages = time_explorer(lambda: explorer.build(name), drawn)
        report[name] = {"median_ms": round(statistics.median(chart_times), 1),
                        "p95_ms": round(percentile(chart_times, 0.95), 1), "updates": len(chart_times),
                        "message_median_ms": round(statistics.median(messages), 1) if messages else None,
                        "message_updates": len(messages)}
    return report


def widgets_section() -> dict:
    """Median and 95th percentile of one update that draws a chart, per explorer, timed in a kernel."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", cwd=str(HERE.parent))
    try:
        client.execute(f"import json, sys\nsys.path.insert(0, {str(HERE)!r})\nimport widget_updates\n"
                       "print(json.dumps(widget_updates.measure_in_this_kernel()))")
        printed = []
        while True:  # read everything the kernel sends, charts included, until it is idle again
            message = client.get_iopub_msg(timeout=900)
            kind, content = message["msg_type"], message["content"]
            if kind == "stream" and content["name"] == "stdout":
                printed.append(content["text"])
            elif kind == "error":
                raise RuntimeError("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                break
    finally:
        client.stop_channels()
        manager.shutdown_kernel()
    return json.loads("".join(printed))


def print_widgets(section: dict) -> None:
    print(f"{'widget':<22}{'median ms':>10}{'p95 ms':>8}{'updates':>9}   {'messages: median ms':>20}{'n':>5}")
    for name, row in section.items():
        print(f"{name:<22}{row['median_ms']:>10}{row['p95_ms']:>8}{row['updates']:>9}   "
              f"{row['message_median_ms']!s:>20}{row['message_updates']:>5}")
