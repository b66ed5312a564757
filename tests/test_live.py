"""The live explorers of the book's site against the Python explorers they stand for.

Each explorer's browser plan (``_ext/live_explorers/static/live-explorers/plans/NAME.mjs``)
runs under node on the data ``live_spec()`` gives it, and the Python ``plan_*`` function and
chart function on the same tables and the same selections: odd ones (nothing selected, a
reversed range, years without data) and ordinary ones. The words must be identical: the
message, the note above the chart, and the chart's caption and alt text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from defence_diplomacy import explorer, live
from defence_diplomacy.explorer import Message

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "_ext" / "live_explorers" / "static" / "live-explorers" / "plans"
NODE = shutil.which("node")

needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")

_RUNNER = """
import * as plans from %s;
let text = "";
for await (const chunk of process.stdin) text += chunk;
const input = JSON.parse(text);
const results = input.selections.map((values) => {
  const result = plans.plan(input.data, input.words, values);
  if (result.message !== undefined) return { message: result.message };
  const drawn = plans.render ? plans.render(result, input.data, input.words) : plans.draw(result.view, input.data, input.words);
  const charts = Object.values(drawn).filter((c) => c && c.alt !== undefined).map((c) => [c.caption, c.alt]);
  if (plans.render) return { slots: drawn, charts };
  return { note: result.note || "", charts };
});
process.stdout.write(JSON.stringify(results));
"""


def run_plans(name: str, spec: dict, selections: list[dict]) -> list[dict]:
    """What the browser's plan says for each selection, run under node."""
    script = _RUNNER % json.dumps((PLANS / f"{name}.mjs").as_uri())
    done = subprocess.run([NODE, "--input-type=module", "-e", script], check=True, capture_output=True, text=True,
                          input=json.dumps({"data": spec["data"], "words": spec["words"], "selections": selections}))
    return json.loads(done.stdout)


def python_says(view, draw) -> dict:
    """The same summary for the Python explorer: its message, or its note and charts' words."""
    if isinstance(view, Message):
        return {"message": view.text}
    drawn = draw(view)
    charts = drawn if isinstance(drawn, tuple) else (drawn,)
    return {"note": getattr(view, "note", ""),
            "charts": [[c.caption, c.alt_text] for c in charts if hasattr(c, "alt_text")]}


def compare(name: str, spec: dict, selections: list[dict], expected: list[dict]) -> None:
    got = run_plans(name, spec, selections)
    for selection, js, py in zip(selections, got, expected):
        assert js == py, f"{name}, {selection}"


def test_every_live_spec_uses_the_explorers_controls():
    """The controls are read from the ipywidgets: same names, labels and defaults."""
    for name in explorer.EXPLORERS:
        spec = _live_spec(name)
        if spec is None:
            continue
        box = explorer.build(name)
        widgets = [c for c in box.children[0].children]
        assert [c["label"] for c in spec["controls"]] == [w.description for w in widgets], name
        for control, widget in zip(spec["controls"], widgets):
            value = control["value"]
            assert (tuple(value) if isinstance(value, list) else value) == widget.value, (name, control["name"])


def _live_spec(name: str) -> dict:
    import importlib

    module, _ = explorer.EXPLORERS[name]
    family = importlib.import_module(f"defence_diplomacy.{module}")
    function = getattr(family, "live_spec" if module != "alliances_exercises" else f"{name}_live_spec", None)
    return function() if function else None


def test_records_keep_gaps_as_gaps():
    import pandas as pd

    frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [1.5, float("nan")]})
    assert live.records(frame) == [{"a": 1, "b": 1.5}, {"a": None, "b": None}]


# One test per explorer: the odd selections first, then ordinary ones. ---------------------

@needs_node
def test_peacekeeping_plans_match():
    from defence_diplomacy import data, load, peacekeeping

    contributions = load("peacekeeping_contributions")
    names = data.country_names()
    selections = [
        {"countries": [], "personnel": "total", "years": [1990, 2025]},
        {"countries": ["FRA"], "personnel": "total", "years": [2005, 1995]},
        {"countries": ["FRA"], "personnel": "total", "years": [2014, 2014]},
        {"countries": ["FRA", "ESP"], "personnel": "total", "years": [2015, 2025]},
        {"countries": ["FRA", "ESP"], "personnel": "police", "years": [2016, 2019]},
        {"countries": ["USA", "GBR"], "personnel": "staff_officers", "years": [2010, 2025]},
        {"countries": ["USA"], "personnel": "experts", "years": [1990, 1991]},
        {"countries": ["USA", "GBR", "FRA", "ESP"], "personnel": "total", "years": [1990, 2025]},
        {"countries": ["USA", "GBR", "FRA", "ESP"], "personnel": "troops", "years": [1990, 2021]},
        {"countries": ["BGD", "FRA"], "personnel": "police", "years": [1995, 2005]},
        {"countries": ["AZE", "ARM"], "personnel": "troops", "years": [1992, 2000]},
        {"countries": ["AZE", "ARM", "TUR", "RUS"], "personnel": "total", "years": [2013, 2025]},
    ]
    def draw(view):
        return peacekeeping.peacekeeping_by_country(view.rows, names, view.personnel, view.years,
                                                    order=view.countries)

    expected = [python_says(peacekeeping.plan_peacekeeping_view(
        contributions, names, tuple(s["countries"]), s["personnel"], tuple(s["years"])), draw)
        for s in selections]
    assert any("message" in e for e in expected) and any("charts" in e for e in expected)
    compare("peacekeeping", peacekeeping.live_spec(), selections, expected)


@needs_node
def test_alliances_in_force_plans_match():
    from defence_diplomacy import alliances_exercises as ae
    from defence_diplomacy import load

    frame = load("alliances_in_force")
    selections = [
        {"obligations": [], "years": [1815, 2018]},
        {"obligations": ["any"], "years": [1950, 1900]},
        {"obligations": ["any"], "years": [1700, 1800]},
        {"obligations": ["any", "defence"], "years": [1815, 2018]},
        {"obligations": ["offence"], "years": [1815, 1830]},
        {"obligations": ["neutrality", "consultation"], "years": [1900, 1950]},
        {"obligations": list(ae.ALLIANCE_SERIES), "years": [1990, 1990]},
        {"obligations": ["any", "non_aggression"], "years": [1800, 1920]},
    ]
    expected = [python_says(ae.plan_alliances_view(frame, tuple(s["obligations"]), tuple(s["years"])),
                            lambda v: ae.alliances_in_force(v.rows, v.obligations, v.years)) for s in selections]
    compare("alliances_in_force", ae.alliances_in_force_live_spec(), selections, expected)


@needs_node
def test_exercises_plans_match():
    from defence_diplomacy import alliances_exercises as ae
    from defence_diplomacy import data, load

    per_year, by_country = load("exercises_per_year"), load("exercises_by_country")
    names = data.country_names()
    selections = [
        {"countries": [], "years": [1980, 2010]},
        {"countries": ["USA"], "years": [2000, 1990]},
        {"countries": ["USA"], "years": [2011, 2011]},
        {"countries": ["AZE"], "years": [1980, 1985]},
        {"countries": ["USA", "GBR", "FRA", "ESP"], "years": [1980, 2010]},
        {"countries": ["AZE", "USA"], "years": [1985, 1995]},
        {"countries": ["ESP"], "years": [1975, 1990]},
        {"countries": ["FRA"], "years": [1995, 1995]},
    ]
    expected = [python_says(ae.plan_exercises_view(per_year, by_country, names, tuple(s["countries"]), tuple(s["years"])),
                            lambda v: ae.exercises_over_time(v.per_year, v.by_country, names, v.years, order=v.countries))
                for s in selections]
    compare("exercises", ae.exercises_live_spec(), selections, expected)


@needs_node
def test_attache_networks_plans_match():
    from defence_diplomacy import attache_networks as an
    from defence_diplomacy import data, load

    frame, names = load("attache_networks"), data.country_names()
    present = list(dict.fromkeys(frame["country"]))
    selections = [{"countries": [], "measure": "all"},
                  {"countries": present, "measure": "all"},
                  {"countries": present[-1:], "measure": "host_countries"},
                  *({"countries": present, "measure": m} for m in dict.fromkeys(frame["measure"]))]
    expected = [python_says(an.plan_attache_view(frame, names, tuple(s["countries"]), s["measure"]),
                            lambda v: an.attache_networks(v.rows, names)) for s in selections]
    assert any("message" in e for e in expected)
    compare("attache_networks", an.live_spec(), selections, expected)


@needs_node
def test_national_models_plans_match():
    from defence_diplomacy import data, load
    from defence_diplomacy import national_models as nm

    frame, names = load("national_instruments"), data.country_names()
    present = list(nm.instrument_matrix(frame).index)
    absent = [c for c in nm.INSTRUMENT_CATEGORIES if c not in present]
    selections = [{"categories": [], "first": "USA", "second": "USA"},
                  {"categories": absent[:2], "first": "GBR", "second": "FRA"},
                  {"categories": present, "first": "USA", "second": "ESP"},
                  {"categories": present[3:9] + absent[:1], "first": "FRA", "second": "GBR"},
                  {"categories": present[:1], "first": "ESP", "second": "USA"}]
    got = run_plans("national_models", nm.live_spec(), selections)
    for selection, js in zip(selections, got):
        view = nm.plan_national_models(frame, names, tuple(selection["categories"]), selection["first"],
                                       selection["second"])
        drawn = js["charts"]
        if isinstance(view.matrix, Message):
            assert js["slots"]["matrixStatus"] == view.matrix.text and not drawn
        else:
            chart = nm.instrument_matrix_chart(frame, names, list(view.matrix.categories))
            assert js["slots"]["matrixStatus"] == view.matrix.note and drawn == [[chart.caption, chart.alt_text]]
        if isinstance(view.pair, Message):
            assert js["slots"]["pairStatus"] == view.pair.text
        else:
            assert js["slots"]["pairStatus"] == view.pair.summary
            assert js["slots"]["pair"]["rows"] == view.pair.rows.to_numpy().tolist()
            assert js["slots"]["pair"]["columns"] == list(view.pair.rows.columns)


@needs_node
def test_timeline_plans_match():
    from defence_diplomacy import load
    from defence_diplomacy import timeline as tl

    events, thinkers = load("timeline_events"), load("thinkers")
    views = {v: tl.timeline_for_view(events, thinkers, v) for v in tl.TIMELINE_VIEWS}
    spec = tl.live_spec()
    everything = {c["name"]: [v for _, v in c["options"]] for c in spec["controls"] if c["kind"] == "multi"}
    selections = [
        {"view": "history", **everything, "era": []},
        {"view": "all", **everything, "part": [], "region": []},
        {"view": "azerbaijan", **everything, "era": ["antiquity"]},
        *({"view": v, **everything} for v in tl.TIMELINE_VIEWS),
        {"view": "all", **everything, "era": ["cold_war", "post_cold_war"], "category": ["mission", "partnership"]},
        {"view": "history", **everything, "category": ["attache"]},
    ]

    def draw(view):
        chart, table = tl.draw_timeline_view(view)
        return chart

    expected = [python_says(tl.plan_timeline_view(events, thinkers, s["view"], views=views,
                                                  **{k: tuple(v) for k, v in s.items() if k != "view"}), draw)
                for s in selections]
    compare("timeline", spec, selections, expected)
    table = tl.timeline_sources(views["theorists"])
    got = subprocess.run([NODE, "--input-type=module", "-e", (
        "import { plan, sourcesTable } from %s; let t = ''; for await (const c of process.stdin) t += c;"
        "const i = JSON.parse(t); const r = plan(i.data, i.words, i.values);"
        "process.stdout.write(JSON.stringify(sourcesTable(r.view.rows)));") % json.dumps((PLANS / "timeline.mjs").as_uri())],
        input=json.dumps({"data": spec["data"], "words": spec["words"], "values": {"view": "theorists", **everything}}),
        check=True, capture_output=True, text=True)
    shown = json.loads(got.stdout)
    assert shown["columns"] == list(table.columns)
    assert shown["rows"] == table.to_numpy().tolist()


@needs_node
def test_azerbaijan_plans_match():
    from defence_diplomacy import azerbaijan as az

    tables = az.azerbaijan_tables()
    selections = [{"series": s, "years": y} for s in az.AZERBAIJAN_SERIES
                  for y in ([1990, 2025], [2010, 2000], [1990, 1991], [2019, 2025], [1995, 2005], [2012, 2012])]
    got = run_plans("azerbaijan", az.live_spec(), selections)
    for selection, js in zip(selections, got):
        view = az.plan_azerbaijan_view(tables, selection["series"], tuple(selection["years"]))
        if isinstance(view, Message):
            assert js == {"message": view.text}, selection
        else:
            chart = az.draw_azerbaijan_view(view, tables)
            assert js["note"] == view.note, selection
            assert [c[0] for c in js["charts"]] == [chart.caption], selection
