"""What the book's static site needs to run an explorer in the reader's browser, without Python.

Each chart family's ``live_spec()`` returns one JSON-ready dict:

* ``controls``: the explorer's controls, read from the very ipywidgets the Jupyter explorer
  builds (:func:`controls_from_widgets`): kind, label, options and default;
* ``data``: the rows the browser's plan needs, from the validated tables and the module's own
  shaping functions (:func:`records`); nothing is computed from anything else;
* ``words``: labels and captions' source lines (:func:`source_labels`), as the Python charts
  write them;
* ``charts``: Vega-Lite specifications, compiled to Vega when the site is built.

The browser side (``_ext/live_explorers/static``) ports each ``plan_*`` decision to a small
JavaScript module; ``tests/test_live.py`` runs both on the same selections and compares the
words. Nothing here is used in Jupyter, where the ipywidgets explorers stay as they are.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import ipywidgets as widgets
import pandas as pd

from defence_diplomacy.data import default_package
from defence_diplomacy.style import OKABE_ITO

#: Vega-Lite's version the specs are written for (vl-convert compiles them for Vega 6).
VEGA_LITE_VERSION = "6.4"

#: The width of every live chart, in CSS pixels; the container scales it down on narrow screens.
WIDTH = 460

#: The look every live chart shares: the book's palette and sizes, no chrome of Vega's own.
CONFIG = {
    "font": "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
    "background": "white",
    "range": {"category": OKABE_ITO},
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#222", "titleColor": "#222",
             "grid": False, "tickColor": "#888", "domainColor": "#888"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260, "orient": "right"},
    "title": {"fontSize": 15, "anchor": "start", "color": "#111", "offset": 10},
    "text": {"fontSize": 11},
    "aria": False,  # the chart's name and description are given by the page around it
}


def _value(value: Any) -> Any:
    """A JSON-safe scalar: numpy numbers as Python ones, missing as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> list[dict]:
    """The rows of ``frame`` (or of some of its columns) as JSON-ready dicts; gaps stay None."""
    columns = list(columns) if columns is not None else list(frame.columns)
    return [{c: _value(v) for c, v in zip(columns, row)} for row in frame[columns].itertuples(index=False)]


def _options(control) -> list[list]:
    return [[label, _value(value)] for label, value in control.options]


def controls_from_widgets(controls: dict[str, widgets.ValueWidget]) -> list[dict]:
    """Describe the explorer's ipywidgets as native HTML controls: kind, label, options, default."""
    described = []
    for name, control in controls.items():
        entry = {"name": name, "label": control.description}
        if isinstance(control, widgets.SelectMultiple):
            entry.update(kind="multi", options=_options(control), value=[_value(v) for v in control.value])
        elif isinstance(control, widgets.ToggleButtons):
            entry.update(kind="radio", options=_options(control), value=_value(control.value))
        elif isinstance(control, widgets.Dropdown):
            entry.update(kind="select", options=_options(control), value=_value(control.value))
        elif isinstance(control, widgets.IntRangeSlider):
            entry.update(kind="years", min=control.min, max=control.max, value=list(control.value))
        else:
            raise TypeError(f"no HTML control for {type(control).__name__} ({name})")
        described.append(entry)
    return described


def source_labels(keys: Iterable[str]) -> dict[str, str]:
    """Author-year labels for BibTeX keys, as figure captions write them ('IPI (2014)')."""
    bibliography = default_package().bibliography
    return bibliography.labels(keys)


def spec(name: str, controls: dict[str, widgets.ValueWidget], data: dict, words: dict, charts: dict) -> dict:
    """One explorer's live specification (see the module's docstring)."""
    return {"name": name, "controls": controls_from_widgets(controls), "data": data, "words": words,
            "charts": charts}


def chart(layers: list[dict], params: dict[str, Any], height: int = 300, **extra) -> dict:
    """A layered Vega-Lite chart whose data and parameters the browser's glue sets on every change.

    Every layer names its data set (``{"data": {"name": ...}}``); ``params`` are their
    starting values (the glue replaces them), the title a parameter too.
    """
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": WIDTH, "height": height, "autosize": {"type": "pad"},
        "params": [{"name": key, "value": value} for key, value in params.items()],
        "title": {"text": {"expr": "title"}},
        "config": CONFIG,
        "layer": layers,
        **extra,
    }


def country_lines(point_size: int) -> dict:
    """A Vega-Lite layer of one line per country from the data set "lines" (year, value, name,
    dashed), coloured in the order of the signal ``names``; a missing value breaks the line."""
    return {"data": {"name": "lines"},
            "mark": {"type": "line", "point": {"size": point_size}, "strokeWidth": 1.6,
                     "invalid": "break-paths-show-path-domains"},
            "encoding": {"x": {"field": "year", "type": "quantitative"},
                         "y": {"field": "value", "type": "quantitative"},
                         "color": {"field": "name", "type": "nominal", "title": None,
                                   "scale": {"domain": {"expr": "names"}}},
                         "strokeDash": {"field": "dashed", "type": "nominal", "legend": None,
                                        "scale": {"domain": [False, True], "range": [[1, 0], [5, 3]]}}}}
