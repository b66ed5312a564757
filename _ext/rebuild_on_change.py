"""Rewrite every page when a local extension's own files (code, templates, CSS) change.

Sphinx copies static files and renders templates only when some page is out of date, so
without this an edited stylesheet or script would wait for an unrelated page edit.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def rebuild_when_changed(folder: Path, name: str):
    """An ``env-get-outdated`` handler: every page, once, after ``folder``'s files change."""

    def handler(app, env, added, changed, removed) -> list[str]:
        digest, attribute = files_digest(folder), f"{name}_digest"
        if getattr(env, attribute, None) == digest:
            return []
        setattr(env, attribute, digest)
        return sorted(env.found_docs)

    return handler
