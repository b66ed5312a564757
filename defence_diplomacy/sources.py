"""Read the book's BibTeX file just enough to name sources in figure captions.

The book itself renders citations with sphinxcontrib-bibtex; figures need the
same author-year labels without Sphinx (in Colab, say), so this small reader
extracts keys, authors and years and nothing more. It does refuse a file it
cannot read for certain (see :meth:`Bibliography.parse`): a malformed entry
is a :class:`DataError` naming the file and the line, never a silent skip.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from defence_diplomacy.errors import DataError

_COMMENT_LINE = re.compile(r"^[ \t]*%.*$", re.MULTILINE)
_ENTRY_START = re.compile(r"@(\w+)\s*\{")
_KEY = re.compile(r"\s*([^\s,{}=\"#%'()]+)\s*,")
_FIELD_START = re.compile(r"(\w+)\s*=\s*")
_BRACE = re.compile(r"[{}]")
_SPACE = re.compile(r"\s*")
_SKIPPED = {"comment", "preamble", "string"}


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
    def read(cls, path: str | Path, label: str | None = None) -> Bibliography:
        """Read a BibTeX file; ``label`` names it in errors (default: its file name)."""
        path = Path(path)
        label = label or path.name
        if not path.is_file():
            raise DataError(label, "file not found")
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise DataError(label, f"byte 0x{raw[error.start]:02x} is not UTF-8", line=line) from None
        return cls.parse(text, label)

    @classmethod
    def parse(cls, text: str, file: str = "references.bib") -> Bibliography:
        """Parse BibTeX text; a malformed entry is a DataError naming ``file`` and the line.

        Refused: braces that do not balance, text between entries (an extra
        closing brace leaves the rest of its entry there), an entry without a
        key, a key used twice (compared without case, as BibTeX does) and a
        field given twice in one entry.
        """
        text = _COMMENT_LINE.sub("", text)  # comment lines, as biber reads them; the line breaks stay

        def line(offset: int) -> int:
            return text.count("\n", 0, offset) + 1

        def fail(problem: str, offset: int):
            raise DataError(file, problem, line=line(offset))

        entries: dict[str, Entry] = {}
        first_seen: dict[str, int] = {}  # lower-case key -> offset of its entry
        position = 0
        while (position := _SPACE.match(text, position).end()) < len(text):
            start = _ENTRY_START.match(text, position)
            if start is None:
                fail(f"text outside an entry: {text[position:].split(chr(10))[0][:40]!r} "
                     "(an extra closing brace, or an entry without '@type{'?)", position)
            kind, key = start.group(1).lower(), _KEY.match(text, start.end())
            named = f"@{kind}{{{key.group(1)}, ...}}" if key else f"@{kind}"
            body, position = _braced(text, start.end() - 1)
            if body is None:
                fail(f"the braces of {named} do not balance: one opened in it is never closed", start.start())
            if kind in _SKIPPED:
                continue
            if key is None:
                fail(f"{named} has no key: write @{kind}{{key, ...}}", start.start())
            key = key.group(1)
            if key.lower() in first_seen:
                first = line(first_seen[key.lower()])
                fail(f"the key {key!r} is used twice: line {first} has it already", start.start())
            first_seen[key.lower()] = start.start()
            in_entry = lambda problem, at: fail(f"{named}: {problem}", start.end() + at)  # noqa: E731
            entries[key] = Entry(key, kind, _fields(body, in_entry))
        return cls(entries)

    @property
    def keys(self) -> set[str]:
        return set(self.entries)

    def label(self, key: str) -> str:
        return self.entries[key].label

    def labels(self, keys) -> dict[str, str]:
        """Author-year labels for the distinct keys, in first-seen order. Where two works of the
        bibliography share a label (two undated pages of one ministry), each is told apart by
        the start of its title, wherever it is named."""
        if not hasattr(self, "_shared"):
            counts = Counter(entry.label for entry in self.entries.values())
            object.__setattr__(self, "_shared", {label for label, count in counts.items() if count > 1})
        return {key: f"{self.label(key)}, \u201c{_short_title(self.entries[key])}\u201d"
                if self.label(key) in self._shared else self.label(key) for key in dict.fromkeys(keys)}

    def named(self, text: str) -> str:
        """``text`` with each work it names by its key ("dating also in griffith1963") named by its label."""
        return _WORD.sub(lambda word: self.labels([word[0]])[word[0]] if word[0] in self.entries else word[0], text)

    def caption(self, keys) -> str:
        """'Sources: A (2020); B (2021).' for the distinct keys, in first-seen order."""
        labels = list(self.labels(keys).values())
        noun = "Source" if len(labels) == 1 else "Sources"
        return f"{noun}: {'; '.join(labels)}."


#: A word as a citation key is one (letters, digits, underscores).
_WORD = re.compile(r"\w+")


def _short_title(entry: Entry, words: int = 4) -> str:
    title = _plain(entry.fields.get("title", entry.key)).split()
    return " ".join(title[:words]) + ("\u2026" if len(title) > words else "")


def _braced(text: str, start: int) -> tuple[str | None, int]:
    """The text inside the braces opening at ``start``, and the index after them (None if they never close)."""
    depth = 0
    for brace in _BRACE.finditer(text, start):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return text[start + 1 : brace.start()], brace.end()
    return None, len(text)


def _fields(body: str, fail) -> dict[str, str]:
    fields = {}
    position = body.find(",") + 1  # skip the key
    while (match := _FIELD_START.search(body, position)) is not None:
        name, cursor = match.group(1).lower(), match.end()
        if name in fields:
            fail(f"the field {name!r} is given twice", match.start())
        if cursor == len(body):
            fail(f"the field {name!r} has no value", match.start())
        if body[cursor] == "{":
            value, position = _braced(body, cursor)
        elif body[cursor] == '"':
            end = body.find('"', cursor + 1)
            if end < 0:
                fail(f"the quote opening the field {name!r} is never closed", match.start())
            value, position = body[cursor + 1 : end], end + 1
        else:
            end = re.search(r"[,}\n]|$", body[cursor:]).start() + cursor
            value, position = body[cursor:end].strip(), end
        fields[name] = " ".join(value.split())
    return fields


#: LaTeX accents as the bibliography writes them (R{\'a}cz, {\"O}ni{\c{s}}), and the combining
#: marks that print them; letters LaTeX writes as commands.
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328"}
_ACCENT = re.compile(r"\\(['`^\"~=.]|[cvuHk](?=[\s{]))\s*\{?\s*(\\[ij](?![a-zA-Z])|[A-Za-z])\s*\}?")
_LETTERS = {"ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "ss": "ß", "o": "ø", "O": "Ø",
            "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
_LETTER = re.compile(r"\\(ae|AE|oe|OE|aa|AA|ss|o|O|l|L|i|j)(?![a-zA-Z])\s*(\{\})?")


def _plain(value: str) -> str:
    """Braces gone and LaTeX accents printed: 'C{\\^\\i}rlig' -> 'Cîrlig'."""
    value = _ACCENT.sub(lambda m: m.group(2).lstrip("\\") + _ACCENTS[m.group(1)], value)
    value = _LETTER.sub(lambda m: _LETTERS[m.group(1)], value)
    return unicodedata.normalize("NFC", value.replace("{", "").replace("}", ""))


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
