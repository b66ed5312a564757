"""The Azerbaijan explorer on the book's site (:func:`defence_diplomacy.azerbaijan.live_spec`).

For each series: the rows ``azerbaijan_tables()`` gives it, each with the first and last year the
plan tests it by (``_series_years``) and what its chart marks for it, worked out here from the
same tables; the words of each chart's caption, taken from the Python chart itself; and the six
charts in Vega-Lite. The browser's plan (``plans/azerbaijan.mjs``) filters these rows exactly as
``plan_azerbaijan_view`` does.
"""

from __future__ import annotations

import pandas as pd

from defence_diplomacy import alliances_exercises, arms_and_budgets, live
from defence_diplomacy.azerbaijan import (
    AZERBAIJAN_SERIES, ISKANDAROV_KEY, OBLIGATION_COLOURS, _count_text, _series_years, _short_framework,
    alliance_lane_label, azerbaijan_alliances, azerbaijan_deployments, azerbaijan_partnership, decimal_year,
    strongest_obligation,
)
from defence_diplomacy.data import default_package
from defence_diplomacy.style import OKABE_ITO
from defence_diplomacy.vocabulary import ATOP_LAST_YEAR, OBLIGATIONS


def _what(caption: str) -> str:
    """A caption without its closing 'Source(s): ...', which the browser writes from the rows it draws."""
    return caption.rsplit(" Source", 1)[0]


def _deployment_marks(rows: pd.DataFrame) -> list[dict]:
    """One mark per row: Iskandarov and Gojayev's spans as bars, other sources' dates as dots."""
    latest = rows.groupby("framework")["start_year"].transform("max")
    marks = []
    for row, last in zip(rows.to_dict("records"), latest):
        text = _count_text(row)
        if row["kind"] == "personnel":
            marks.append({"lane": "All operations", "type": "band", "x1": row["start_year"],
                          "x2": max(int(rows["start_year"].max()), row["start_year"]) + 1,
                          "text": f"{text} personnel in all operations since {row['start_year']}"})
        elif row["source"] == ISKANDAROV_KEY and pd.notna(row["end_year"]):
            marks.append({"lane": row["framework"], "type": "bar", "x1": row["start_year"], "x2": row["end_year"] + 1})
        elif row["source"] == ISKANDAROV_KEY:
            marks.append({"lane": row["framework"], "type": "open", "x1": row["start_year"], "x2": int(last) + 1})
        elif pd.notna(row["end_year"]):
            marks.append({"lane": row["framework"], "type": "line", "x1": row["start_year"], "x2": row["end_year"] + 1})
        else:
            marks.append({"lane": row["framework"], "type": "dot", "x": decimal_year(row["start_date"]), "text": text,
                          "weak": bool(row["weak_source"])})
    return marks


def _partnership_marks(rows: pd.DataFrame) -> list[dict]:
    bib = default_package().bibliography
    marks = []
    for row in rows.to_dict("records"):
        source = bib.labels([row["source"]])[row["source"]]
        if row["kind"] == "personnel" and row["qualifier"] == "at_least":
            marks.append({"type": "band", "x1": row["start_year"], "x2": int(rows["start_year"].max()) + 1,
                          "source": source, "text": f"{_short_framework(row['framework'])}: {_count_text(row)} "
                                                    f"officers sent since {row['start_year']} (a lower bound)"})
            continue
        name = _short_framework(row["framework"])
        if row["kind"] == "capability":
            text = f"declared to the {row['framework']} ({row['start_year']})"
        else:
            text = (f"{name}: {_count_text(row)} serving" if pd.notna(row["personnel"]) else name) + f" ({row['start_date']})"
        yearly = row["date_precision"] == "year"
        marks.append({"type": "square" if yearly else "dot", "x": decimal_year(row["start_date"]) + (0.5 if yearly else 0),
                      "source": source, "text": text})
    return marks


def _with_years(series: str, rows: pd.DataFrame, columns: list[str]) -> list[dict]:
    first, last = _series_years(series, rows)
    records = live.records(rows, columns)
    for record, a, b in zip(records, first, last):
        record.update(first=live._value(a), last=live._value(b))
    return records


def _lanes(layers: list[dict], height: int = 260, **params) -> dict:
    y = {"field": "lane", "type": "nominal", "title": None, "sort": {"field": "order"},
         "axis": {"ticks": False, "domain": False, "labelLimit": 200}}
    for layer in layers:
        layer.setdefault("encoding", {}).setdefault("y", y)
    return live.chart(layers, {"title": "", "xdomain": [1990, 2026], **params}, height=height, width=380,
                      data={"name": "marks"},
                      encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
                                      "axis": {"format": "d", "title": None, "tickMinStep": 1, "grid": True,
                                               "gridColor": "#e5e5e5"}}})


def _charts() -> dict:
    x1 = {"field": "x1", "type": "quantitative"}
    only = lambda kind: [{"filter": f"datum.type === '{kind}'"}]  # noqa: E731
    deployments = _lanes([
        {"transform": only("band"), "mark": {"type": "bar", "fill": "#f2f2f2", "stroke": "grey", "height": {"band": 0.6}},
         "encoding": {"x": x1, "x2": {"field": "x2"}}},
        {"transform": only("band"), "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 10},
         "encoding": {"x": x1, "text": {"field": "text"}}},
        {"transform": [{"filter": "datum.type === 'bar' || datum.type === 'open'"}],
         "mark": {"type": "bar", "height": {"band": 0.5}},
         "encoding": {"x": x1, "x2": {"field": "x2"}, "color": {"field": "colour", "type": "nominal", "scale": None}}},
        {"transform": only("open"), "mark": {"type": "point", "shape": "triangle-right", "filled": True, "size": 50},
         "encoding": {"x": {"field": "x2", "type": "quantitative"}, "color": {"field": "colour", "type": "nominal", "scale": None}}},
        {"transform": only("line"), "mark": {"type": "rule", "color": "black", "strokeWidth": 1.5, "yOffset": 10},
         "encoding": {"x": x1, "x2": {"field": "x2"}}},
        {"transform": only("dot"), "mark": {"type": "point", "size": 40, "strokeWidth": 1.4},
         "encoding": {"x": {"field": "x", "type": "quantitative"},
                      "fill": {"field": "weak", "type": "nominal", "legend": None,
                               "scale": {"domain": [False, True], "range": ["black", "white"]}},
                      "stroke": {"value": "black"}}},
        {"transform": only("dot"), "mark": {"type": "text", "dy": -11, "fontSize": 10},
         "encoding": {"x": {"field": "x", "type": "quantitative"}, "text": {"field": "text"}}},
    ], height=300)
    colour = {"field": "source", "type": "nominal", "title": None, "scale": {"domain": {"expr": "sources"}},
              "legend": {"orient": "bottom", "columns": 2}}
    milestones = live.chart([
        {"transform": [{"filter": "datum.type !== 'band'"}], "mark": {"type": "rule", "strokeWidth": 0.8},
         "encoding": {"x": {"field": "pin", "type": "quantitative"}, "y": {"field": "base", "type": "quantitative"},
                      "y2": {"field": "level"}, "color": colour}},
        {"transform": [{"filter": "datum.type === 'band'"}], "mark": {"type": "bar", "fill": "white", "strokeWidth": 1.2, "height": 10},
         "encoding": {"x": {"field": "x1", "type": "quantitative"}, "x2": {"field": "x2"},
                      "y": {"field": "level", "type": "quantitative"}, "stroke": {**colour, "legend": None}}},
        {"mark": {"type": "point", "filled": True, "size": 36},
         "encoding": {"x": {"field": "pin", "type": "quantitative"}, "y": {"field": "base", "type": "quantitative"},
                      "shape": {"field": "shape", "type": "nominal", "legend": None,
                                "scale": {"domain": ["circle", "square"], "range": ["circle", "square"]}},
                      "color": colour}},
        {"mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10, "limit": 240},
         "encoding": {"x": {"field": "pin", "type": "quantitative"}, "y": {"field": "level", "type": "quantitative"},
                      "text": {"field": "text"}, "color": colour}},
    ], {"title": "", "xdomain": [1990, 2026], "sources": []}, height=320, width=460, data={"name": "marks"},
        encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
                        "axis": {"format": "d", "title": None, "grid": True, "gridColor": "#e5e5e5"}},
                  "y": {"scale": {"domain": [-1.6, 3.4], "nice": False}, "axis": None}})
    alliances = _lanes([
        {"mark": {"type": "bar", "height": {"band": 0.62}, "strokeWidth": 1.2},
         "encoding": {"x": x1, "x2": {"field": "x2"}, "fill": {"field": "fill", "type": "nominal", "scale": None},
                      "stroke": {"field": "colour", "type": "nominal", "scale": None}}},
        {"transform": [{"filter": "datum.open"}], "mark": {"type": "point", "shape": "triangle-right", "filled": True, "size": 30},
         "encoding": {"x": {"field": "x2", "type": "quantitative"}, "color": {"field": "colour", "type": "nominal", "scale": None}}},
        {"data": {"name": "legend"}, "mark": {"type": "point", "opacity": 0},
         "encoding": {"color": {"field": "obligation", "type": "nominal", "title": "Strongest obligation",
                                "scale": {"domain": {"expr": "obligations"}},
                                "legend": {"orient": "bottom", "columns": 3, "symbolType": "square", "symbolOpacity": 1}}}},
    ], height=320, obligations=[])
    alliances["vega"] = {"scales": {"color": {"range": {"signal": "obligationColours"}}}}
    alliances["params"].append({"name": "obligationColours", "value": []})
    exercises = live.chart([
        {"mark": {"type": "bar", "color": OKABE_ITO[2], "width": {"band": 0.8}},
         "encoding": {"x": {"field": "year", "type": "quantitative"}, "y": {"field": "exercises", "type": "quantitative"}}},
    ], {"title": "", "xdomain": [1991.3, 2010.7]}, height=260, data={"name": "rows"},
        encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
                        "axis": {"format": "d", "title": "Year (the data set ends in 2010)", "tickMinStep": 1}},
                  "y": {"axis": {"title": "Exercises under way (MME)", "tickMinStep": 1}}})
    spending = live.chart([
        {"mark": {"type": "line", "point": {"size": 16}, "invalid": "break-paths-show-path-domains"},
         "encoding": {"x": {"field": "year", "type": "quantitative"},
                      "y": {"field": "value", "type": "quantitative", "scale": {"type": "log"},
                            "axis": {"title": "current US$ million (SIPRI, April 2025 edition), log scale", "format": ",.0f"}},
                      "color": {"field": "name", "type": "nominal", "title": None, "scale": {"domain": {"expr": "names"}}}}},
    ], {"title": "Military expenditure, current US$ million", "xdomain": [1991.5, 2021], "names": []}, height=280,
        data={"name": "rows"},
        encoding={"x": {"scale": {"domain": {"expr": "xdomain"}, "nice": False, "zero": False},
                        "axis": {"format": "d", "title": None, "tickMinStep": 1}}})
    arms = live.chart([
        {"mark": {"type": "bar", "stroke": "white", "strokeWidth": 0.5},
         "encoding": {"x": {"field": "period", "type": "ordinal", "sort": {"field": "order"}, "title": "Period",
                            "axis": {"labelAngle": 0}},
                      "y": {"field": "share", "type": "quantitative", "stack": "zero", "title": "Share of the period's TIV (%)",
                            "scale": {"domain": [0, 128]}, "axis": {"values": [0, 25, 50, 75, 100]}},
                      "order": {"field": "rank"},
                      "color": {"field": "group", "type": "nominal", "title": None, "scale": {"domain": {"expr": "groups"}},
                                "legend": {"labelLimit": 200}}}},
        {"data": {"name": "totals"}, "mark": {"type": "text", "baseline": "bottom", "lineBreak": "\n", "fontSize": 10, "dy": -3},
         "encoding": {"x": {"field": "period", "type": "ordinal", "sort": {"field": "order"}},
                      "y": {"field": "top", "type": "quantitative"}, "text": {"field": "text"}}},
    ], {"title": "Arms imports to Azerbaijan: who supplied what share", "groups": []}, height=280, width=380,
        data={"name": "shares"})
    return {"deployments": deployments, "milestones": milestones, "alliances": alliances, "exercises": exercises,
            "spending": spending, "arms": arms}


def live_spec(tables: dict, controls: dict) -> dict:
    """The Azerbaijan explorer's live specification."""
    bib = default_package().bibliography
    deployments, milestones, memberships = tables["deployments"], tables["milestones"], tables["alliances"]
    series = {
        "deployments": _with_years("deployments", deployments, ["framework", "kind", "weak_source", "source"]),
        "milestones": _with_years("milestones", milestones, ["framework", "kind", "source"]),
        "alliances": _with_years("alliances", memberships, ["atopid", "caveat", "source"]),
        "exercises": _with_years("exercises", tables["exercises"], ["year", "exercises", "source"]),
        "spending": _with_years("spending", tables["spending"], ["country", "year", "current_usd_millions", "source"]),
        "arms": _with_years("arms", tables["arms"], ["supplier", "year", "tiv_millions", "source"]),
    }
    for record, mark in zip(series["deployments"], _deployment_marks(deployments)):
        record["mark"] = mark
    for record, mark in zip(series["milestones"], _partnership_marks(milestones)):
        record["mark"] = mark
    for record, row in zip(series["alliances"], memberships.itertuples()):
        obligation = strongest_obligation(row)
        record.update(lane=alliance_lane_label(row, tables["treaty_names"], tables["cow_names"]),
                      obligation=obligation, x1=int(row.entry_year),
                      x2=(ATOP_LAST_YEAR if pd.isna(row.exit_year) else int(row.exit_year)) + 1,
                      open=bool(pd.isna(row.exit_year)))
    for record in series["spending"]:
        record["first"] = record["last"] = record["year"] if record["country"] == "AZE" else None
    whats = {
        "deployments": _what(azerbaijan_deployments(deployments).caption),
        "milestones": _what(azerbaijan_partnership(milestones).caption),
        "alliances": _what(azerbaijan_alliances(memberships, tables["treaty_names"], tables["cow_names"]).caption),
        "exercises": _what(alliances_exercises.exercises_per_year(tables["exercises"], "Azerbaijan").caption),
        "spending": _what(arms_and_budgets.military_spending(tables["spending"], tables["iso_names"]).caption),
        "arms": _what(arms_and_budgets.arms_imports_by_supplier(tables["arms"], tables["iso_names"]).caption),
    }
    keys = {r["source"] for rows in series.values() for r in rows}
    return live.spec(
        "azerbaijan", controls, data=series,
        words={"series": {k: list(v) for k, v in AZERBAIJAN_SERIES.items()}, "iskandarov": ISKANDAROV_KEY,
               "what": whats, "names": tables["iso_names"], "palette": OKABE_ITO,
               "obligations": OBLIGATIONS, "obligationColours": OBLIGATION_COLOURS, "atopLast": ATOP_LAST_YEAR,
               "sources": bib.labels(sorted(keys))},
        charts=_charts())
