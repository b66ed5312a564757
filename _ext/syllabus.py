"""The ``syllabus`` directive: a course plan drawn from a YAML file of weeks.

    ```{syllabus} syllabus.yml
    :plan: long
    ```

``:plan: long`` lists every week of the full course; ``short`` groups the weeks into the
short course (each week's ``short`` number); ``edition`` keeps the weeks whose part is
in the edition being built (``edition_parts``; all when empty) and numbers them afresh.
A reading or notebook whose page is in the build becomes a link; one that is not (not
yet written, or left out of an edition) is named in plain text with its file name.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

PLANS = ("long", "short", "edition")


def load_weeks(path: Path) -> tuple[dict, list[dict]]:
    """The part titles and the weeks of the full course, in order."""
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    return plan["parts"], plan["weeks"]


def select_weeks(weeks: list[dict], plan: str, parts: list[str]) -> list[tuple[int, list[dict]]]:
    """The numbered weeks of a plan, each a list of the full course's weeks it covers."""
    if plan == "long":
        return [(number, [week]) for number, week in enumerate(weeks, start=1)]
    if plan == "short":
        chosen = sorted((w for w in weeks if w.get("short")), key=lambda w: w["short"])
        return [(number, list(group)) for number, group in groupby(chosen, key=lambda w: w["short"])]
    chosen = [w for w in weeks if not parts or w["part"] in parts]
    return [(number, [week]) for number, week in enumerate(chosen, start=1)]


class Syllabus(SphinxDirective):
    required_arguments = 1
    option_spec = {"plan": lambda value: directives.choice(value, PLANS)}

    def page(self, docname: str, title: str) -> str:
        if docname in self.env.found_docs:
            return f"{{doc}}`/{docname}`"  # the page's own title
        return f"*{title}* ({docname.removeprefix('chapters/')})"

    def pages(self, weeks: list[dict], key: str) -> str:
        named = {doc: title for week in weeks for doc, title in (week.get(key) or {}).items()}
        return "; ".join(self.page(doc, title) for doc, title in named.items()) or "none"

    def run(self) -> list[nodes.Node]:
        relative, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        pages_with_syllabus(self.env).add(self.env.docname)
        self.env.note_dependency(relative)
        part_titles, weeks = load_weeks(Path(path))
        plan = self.options.get("plan", "long")
        lines = []
        for number, covered in select_weeks(weeks, plan, self.config.edition_parts):
            topic = "; ".join(week["topic"] for week in covered)
            parts = ", ".join(dict.fromkeys(part_titles[week["part"]] for week in covered))
            lines += [f"**Week {number}: {topic}** ({parts})", ""]
            lines += [f"- *Read:* {self.pages(covered, 'read')}"]
            if any(week.get("run") for week in covered):
                lines += [f"- *Run:* {self.pages(covered, 'run')}"]
            for week in covered:
                lines += [f"- *Exercise:* {week['exercise']}", f"- *Discuss:* {week['discuss']}"]
            lines += [""]
        container = nodes.container(classes=["syllabus", f"syllabus-{plan}"])
        self.state.nested_parse(StringList(lines, source=path), self.content_offset, container)
        return [container]


def pages_with_syllabus(env) -> set[str]:
    if not hasattr(env, "syllabus_pages"):
        env.syllabus_pages = set()
    return env.syllabus_pages


def reread_syllabus_pages(app, env, added, changed, removed) -> list[str]:
    """Read syllabus pages on every build: the pages they link to may have come or gone."""
    return sorted(pages_with_syllabus(env) - removed)


def setup(app: Sphinx) -> dict:
    app.setup_extension("editions")
    app.add_directive("syllabus", Syllabus)
    app.connect("env-get-outdated", reread_syllabus_pages)
    app.connect("env-purge-doc", lambda app, env, docname: pages_with_syllabus(env).discard(docname))
    app.connect("env-merge-info", lambda app, env, docnames, other: pages_with_syllabus(env).update(
        pages_with_syllabus(other)))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
