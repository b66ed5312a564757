"""Editions of the book: one source, several audiences and selections of parts.

Configuration values (set by ``scripts/edition.py``; the defaults give the public site):

``edition_audience``
    ``public``: solutions and instructor notes present but collapsed (the site);
    ``student``: instructor notes removed (solutions are removed by sphinx-exercise's
    ``hide_solutions``, which the edition script sets alongside);
    ``instructor``: solutions and instructor notes shown expanded.
``edition_parts``
    The parts this edition holds, by folder name under ``chapters/`` (empty: all).
``edition_excluded_docs``
    Pages of the full book left out of this edition, each with its title. A reference to
    one of them from a page that is in the edition becomes plain text (its own text, or
    the page's title), without a warning.

Instructor notes are admonitions with the class ``instructor-note`` (see CONTRIBUTING.md).
"""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

AUDIENCES = ("public", "student", "instructor")
INSTRUCTOR_NOTE = "instructor-note"


def adapt_to_audience(app: Sphinx, doctree: nodes.document) -> None:
    """Remove instructor notes for students; expand notes and solutions for instructors."""
    audience = app.config.edition_audience
    if audience not in AUDIENCES:
        raise ValueError(f"edition_audience must be one of {AUDIENCES}, not {audience!r}")
    for node in list(doctree.findall(nodes.Element)):
        classes = node.get("classes", [])
        if audience == "student" and INSTRUCTOR_NOTE in classes:
            node.parent.remove(node)
        elif audience == "instructor" and {INSTRUCTOR_NOTE, "solution"} & set(classes):
            node["classes"] = [c for c in classes if c != "dropdown"]


def target_docname(node: addnodes.pending_xref) -> str | None:
    """The page a document reference points to, or None for other references."""
    target = node.get("reftarget", "")
    if node.get("reftype") == "myst" and node.get("refdomain") == "doc":
        return target  # MyST resolves Markdown links to absolute docnames
    if node.get("reftype") == "doc":
        if target.startswith("/"):
            return posixpath.normpath(target)[1:]
        return posixpath.normpath(posixpath.join(posixpath.dirname(node["refdoc"]), target))
    return None


class DegradeExcludedLinks(SphinxPostTransform):
    """Turn links to pages left out of the edition into their plain text.

    Runs before Sphinx's and MyST's reference resolvers, so neither warns about them.
    """

    default_priority = 5

    def run(self, **kwargs) -> None:
        excluded = self.config.edition_excluded_docs
        for node in list(self.document.findall(addnodes.pending_xref)):
            docname = target_docname(node)
            if docname in excluded:
                text = node.astext() if node.get("refexplicit", True) else excluded[docname]
                node.replace_self(nodes.inline("", text, classes=["edition-excluded"]))


def degrade_missing_label(app: Sphinx, env, node: addnodes.pending_xref, contnode):
    """In an edition, a label that no included page defines belongs to a left-out page.

    The full book (``make book``, ``-n``) has already checked that every label exists.
    """
    if app.config.edition_excluded_docs and node.get("reftype") in ("ref", "numref"):
        return nodes.inline("", contnode.astext(), classes=["edition-excluded"])
    return None


def setup(app: Sphinx) -> dict:
    app.add_config_value("edition_audience", "public", "env", types=[str])
    app.add_config_value("edition_parts", [], "env", types=[list])
    app.add_config_value("edition_excluded_docs", {}, "env", types=[dict])
    app.connect("doctree-read", adapt_to_audience)
    app.add_post_transform(DegradeExcludedLinks)
    app.connect("missing-reference", degrade_missing_label)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
