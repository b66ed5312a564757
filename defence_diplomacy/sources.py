"""Read the book's BibTeX file just enough to name sources in figure captions.

The book itself renders citations with sphinxcontrib-bibtex; figures need the
same author-year labels without Sphinx (in Colab, say), so this small reader
extracts keys, authors and years and nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_ENTRY_START = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
_FIELD_START = re.compile(r"(\w+)\s*=\s*", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str
    fields: dict[str, str]

    @property
    def label(self) -> str:
        """An author-year label such as 'Khalid and Ahmed (2024)'."""
        names = self.fields.get("author") or self.fields.get("editor") or self.fields.get("organization")
        who = _short_names(names) if names else _plain(self.fields.get("title", self.key))
        return f"{who} ({_plain(self.fields.get('year', 'n.d.'))})"


@dataclass(frozen=True)
class Bibliography:
    entries: dict[str, Entry]

    @classmethod
    def read(cls, path: str | Path) -> Bibliography:
        return cls.parse(Path(path).read_text(encoding="utf-8"))

    @classmethod
    def parse(cls, text: str) -> Bibliography:
        text = re.sub(r"^\s*%.*$", "", text, flags=re.MULTILINE)  # comment lines, as biber reads them
        entries = {}
        for match in _ENTRY_START.finditer(text):
            kind, key = match.group(1).lower(), match.group(2)
            if kind in {"comment", "preamble", "string"}:
                continue
            body, _ = _braced(text, text.index("{", match.start()))
            entries[key] = Entry(key, kind, _fields(body))
        return cls(entries)

    @property
    def keys(self) -> set[str]:
        return set(self.entries)

    def label(self, key: str) -> str:
        return self.entries[key].label

    def labels(self, keys) -> dict[str, str]:
        """Author-year labels for the distinct keys, in first-seen order; where two works share
        one (two undated pages of a ministry), each is told apart by the start of its title."""
        keys = list(dict.fromkeys(keys))
        plain = {key: self.label(key) for key in keys}
        shared = {label for label in plain.values() if list(plain.values()).count(label) > 1}
        return {key: f"{label}, \u201c{_short_title(self.entries[key])}\u201d" if label in shared else label
                for key, label in plain.items()}

    def caption(self, keys) -> str:
        """'Sources: A (2020); B (2021).' for the distinct keys, in first-seen order."""
        labels = list(self.labels(keys).values())
        noun = "Source" if len(labels) == 1 else "Sources"
        return f"{noun}: {'; '.join(labels)}."


def _short_title(entry: Entry, words: int = 4) -> str:
    title = _plain(entry.fields.get("title", entry.key)).split()
    return " ".join(title[:words]) + ("\u2026" if len(title) > words else "")


def _braced(text: str, start: int) -> tuple[str, int]:
    """The text inside the braces opening at ``start``, and the index after them."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index], index + 1
    raise ValueError(f"unbalanced braces in BibTeX entry starting at character {start}")


def _fields(body: str) -> dict[str, str]:
    fields = {}
    position = body.find(",") + 1  # skip the key
    while (match := _FIELD_START.search(body, position)) is not None:
        name, cursor = match.group(1).lower(), match.end()
        if body[cursor] == "{":
            value, position = _braced(body, cursor)
        elif body[cursor] == '"':
            end = body.index('"', cursor + 1)
            value, position = body[cursor + 1 : end], end + 1
        else:
            end = re.search(r"[,}\n]|$", body[cursor:]).start() + cursor
            value, position = body[cursor:end].strip(), end
        fields[name] = re.sub(r"\s+", " ", value).strip()
    return fields


def _plain(value: str) -> str:
    return value.replace("{", "").replace("}", "")


def _short_names(names: str) -> str:
    surnames = [_surname(name) for name in re.split(r"\s+and\s+", names)]
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2:
        return f"{surnames[0]} and {surnames[1]}"
    return f"{surnames[0]} et al."


def _surname(name: str) -> str:
    name = name.strip()
    if name.startswith("{") and name.endswith("}"):
        return _plain(name)  # a corporate author such as {United Nations}
    name = _plain(name)
    return name.split(",")[0].strip() if "," in name else name.split()[-1]
