"""Load the book's tables and validate them against ``datapackage.json``.

Every table is a CSV file described by a Frictionless Table Schema, read by a
strict RFC 4180 parser on the file as written. Loading checks each value
against its field (type, and that it fits the pandas dtype; required, enum,
range, pattern; dates on the calendar, partial ones too), the primary key, the
foreign keys, the schema's row rules (:mod:`defence_diplomacy.row_rules`) and
two conventions of the book:

* a field named ``year`` or ending in ``_year`` holds a historical year:
  BCE years are negative integers and there is no year 0;
* a field named ``source`` holds a key of the book's BibTeX file.

``datapackage.json`` itself is checked first (:mod:`defence_diplomacy.descriptor`),
so that no rule the loader cannot enforce is silently skipped. Any problem
raises :class:`DataError`, whose message names the file, the row (or line),
the column and what is wrong, so that a broken table is fixed in one look.
Nothing here writes a file.
"""

from __future__ import annotations

import calendar
import csv
import dataclasses
import io
import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from defence_diplomacy import row_rules
from defence_diplomacy.descriptor import read_descriptor
from defence_diplomacy.errors import DataError
from defence_diplomacy.sources import Bibliography

_PANDAS_DTYPES = {
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "string": "string",
    "date": "string",
}
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_BCE_TEXT = re.compile(r"(\d+)\s*(BCE|BC|B\.C\.)", re.IGNORECASE)
_BOOLEANS = {"true": True, "false": False}
_INT64 = range(-(2**63), 2**63)  # what pandas' Int64 holds
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RFC4180_VALUE = r'(?:"(?:[^"]|"")*"|[^",\r\n]*)'
_RFC4180_RECORD = re.compile(rf"{_RFC4180_VALUE}(?:,{_RFC4180_VALUE})*(?:\r\n|\n|\r)?")


def format_year(year: int) -> str:
    """Print a historical year: ``-215`` becomes ``'215 BCE'``, ``1857`` stays ``'1857'``."""
    if year == 0:
        raise ValueError("there is no year 0: 1 BCE is followed by 1 CE")
    return f"{-year} BCE" if year < 0 else str(year)


def is_year_field(name: str) -> bool:
    return name == "year" or name.endswith("_year")


@dataclass(frozen=True)
class DataPackage:
    """The tables of one folder holding a ``datapackage.json``."""

    directory: Path
    bibliography_path: Path
    _referenced: dict = dataclasses.field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def at(cls, directory: str | Path, bibliography: str | Path | None = None) -> DataPackage:
        directory = Path(directory)
        if bibliography is None:
            # In the repository the bibliography sits beside data/; in the
            # wheel it is copied into the tables folder itself.
            beside = directory / "references.bib"
            bibliography = beside if beside.is_file() else directory.parent / "references.bib"
        return cls(directory, Path(bibliography))

    @cached_property
    def descriptor(self) -> dict:
        """``datapackage.json``, checked: a rule the loader cannot enforce is a DataError naming its line."""
        return read_descriptor(self.directory / "datapackage.json", f"{self.directory.name}/datapackage.json",
                               row_rules.check_declarations)

    @cached_property
    def bibliography(self) -> Bibliography:
        path = self.bibliography_path
        label = f"{self.directory.name}/{path.name}" if path.parent == self.directory else path.name
        return Bibliography.read(path, label)

    def resource(self, name: str) -> dict:
        for resource in self.descriptor["resources"]:
            if resource["name"] == name:
                return resource
        known = ", ".join(self.names())
        raise KeyError(f"no table named {name!r} in {self.directory}/datapackage.json; tables: {known}")

    def names(self) -> list[str]:
        return [resource["name"] for resource in self.descriptor["resources"]]

    def load(self, name: str) -> pd.DataFrame:
        """Read, validate and type one table."""
        resource = self.resource(name)
        schema = resource["schema"]
        table = _read_table(self.directory / resource["path"], f"{self.directory.name}/{resource['path']}", schema)
        _check_values(table, schema, self.bibliography.keys)
        if broken := row_rules.first_break(table.columns, schema.get("rowRules", [])):
            row, column, problem = broken
            raise table.error(problem, row, column)
        _check_primary_key(table, schema)
        for foreign_key in schema.get("foreignKeys", []):
            self._check_foreign_key(table, foreign_key)
        return pd.DataFrame({field["name"]: pd.Series(table.columns[field["name"]], dtype=_PANDAS_DTYPES[field["type"]])
                             for field in schema["fields"]})

    def _keys_of(self, name: str, fields: tuple[str, ...]) -> frozenset[tuple]:
        """The values a foreign key may take: those of ``fields`` in table ``name``, validated once per package."""
        if (name, fields) not in self._referenced:
            target = self.load(name)
            self._referenced[name, fields] = frozenset(zip(*(target[f].astype(object) for f in fields)))
        return self._referenced[name, fields]

    def _check_foreign_key(self, table: _Table, foreign_key: dict) -> None:
        fields = _as_list(foreign_key["fields"])
        reference = foreign_key["reference"]
        allowed = self._keys_of(reference["resource"], tuple(_as_list(reference["fields"])))
        for row, value in enumerate(zip(*(table.columns[f] for f in fields)), start=1):
            if None in value or value in allowed:
                continue
            shown = value[0] if len(value) == 1 else value
            raise table.error(f"{shown!r} is not in table '{reference['resource']}'", row, ",".join(fields))


def _as_list(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


@dataclass
class _Table:
    """One table as read: its values column by column, and the line each row starts on."""

    label: str
    columns: dict[str, list]
    lines: list[int]

    def error(self, problem: str, row: int | None = None, column: str | None = None) -> DataError:
        return DataError(self.label, problem, row, column, line=self.lines[row - 1] if row else None)


def _read_table(path: Path, label: str, schema: dict) -> _Table:
    """Parse the CSV as written (RFC 4180) into raw strings, checking encoding and shape.

    The decoded text is handed to the ``csv`` module as a stream with
    ``newline=""``, exactly as a file opened that way, so that a quoted line
    break stays inside its value; ``strict`` refuses a quote that is not
    closed or text after a closing quote.
    """
    if not path.is_file():
        raise DataError(label, "file not found")
    raw = path.read_bytes()
    expected = [field["name"] for field in schema["fields"]]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, error.start) + 1
        before = raw[start : error.start].decode("utf-8", errors="replace")
        column_index = len(next(csv.reader([before]), [""])) - 1
        column = expected[column_index] if 0 <= column_index < len(expected) else None
        byte = raw[error.start : error.start + 1].hex()
        problem = f"byte 0x{byte} is not UTF-8 (save the file as UTF-8)"
        raise DataError(label, problem, line - 1 if line > 1 else None, column) from None
    if not text.strip():
        raise DataError(label, f"the file is empty; expected a header: {','.join(expected)}")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines, start = [], [], 1
    try:
        for cells in reader:
            rows.append(cells)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        problem = f"{error} (a quote that is never closed, or text after a closing quote?)"
        raise DataError(label, problem, len(rows) or None, line=start) from None
    header, body, lines = rows[0], rows[1:], lines[1:]
    table = _Table(label, {}, lines)
    if repeated := [name for name in dict.fromkeys(header) if header.count(name) > 1]:
        raise DataError(label, f"column(s) {', '.join(map(repr, repeated))} appear more than once in the header")
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    if missing:
        raise DataError(label, f"missing column(s) {', '.join(map(repr, missing))} in the header")
    if extra:
        raise DataError(label, f"unexpected column(s) {', '.join(map(repr, extra))} in the header")
    if header != expected:
        raise DataError(label, f"columns are out of order: expected {','.join(expected)}")
    if not body:
        raise DataError(label, "the file has a header but no data rows")
    physical_lines = None
    for row, cells in enumerate(body, start=1):
        if not cells:
            raise table.error("blank line", row)
        if len(cells) != len(header):
            hint = ""
            if len(cells) > len(header):
                hint = " (a stray delimiter, or a value with a comma that needs quotes?)"
            if any(cell[:1].isspace() and cell.lstrip().startswith('"') for cell in cells):
                hint = " (a space before an opening quote makes the quote part of the value: remove the space)"
            raise table.error(f"{len(cells)} values for {len(header)} columns{hint}", row)
        if any('"' in cell for cell in cells):
            physical_lines = physical_lines or io.StringIO(text, newline="").readlines()
            _check_quotes(table, physical_lines, row)
    if _CONTROL.search(text):
        _refuse_control_characters(table, header, body)
    table.columns = {name: list(values) for name, values in zip(header, zip(*body))}
    return table


def _check_quotes(table: _Table, physical_lines: list[str], row: int) -> None:
    """RFC 4180: a value holding a quote is quoted as a whole, its quotes doubled."""
    first = table.lines[row - 1] - 1
    last = table.lines[row] - 1 if row < len(table.lines) else None
    record = "".join(physical_lines[first:last])
    if not _RFC4180_RECORD.fullmatch(record):
        problem = ('a quote inside a value that is not quoted '
                   '(write the whole value in quotes, doubling its quotes: "a ""b"" c")')
        raise table.error(problem, row)


def _refuse_control_characters(table: _Table, header: list[str], body: list[list[str]]) -> None:
    for row, cells in enumerate([header, *body]):
        for name, cell in zip(header, cells):
            if control := _CONTROL.search(cell):
                problem = f"the control character U+{ord(control.group()):04X} is not text (a stray byte?)"
                raise table.error(problem, row or None, name)


def _check_values(table: _Table, schema: dict, source_keys: set[str]) -> None:
    """Convert each raw string to its typed value in place, or raise DataError."""
    missing_values = set(schema.get("missingValues", [""]))
    for field in schema["fields"]:
        name, kind = field["name"], field["type"]
        constraints = field.get("constraints", {})
        column = table.columns[name]
        seen: dict = {}
        for row, text in enumerate(column, start=1):
            if text in missing_values:
                if constraints.get("required"):
                    raise table.error("a value is required", row, name)
                column[row - 1] = None
                continue
            value = _convert(table, text, kind, name, row)
            problem = _constraint_problem(value, constraints)
            if problem is None and (kind == "date" or field.get("partialDate")):
                problem = _calendar_problem(value)
            if problem is None and is_year_field(name) and value == 0:
                problem = "there is no year 0 (1 BCE is -1, 1 CE is 1)"
            if problem is None and name == "source" and value not in source_keys:
                problem = f"{value!r} is not a key in references.bib"
            if problem is None and constraints.get("unique"):
                if value in seen:
                    problem = f"{value!r} repeats row {seen[value]}; values must be unique"
                seen[value] = row
            if problem:
                raise table.error(problem, row, name)
            column[row - 1] = value


def _convert(table: _Table, text: str, kind: str, name: str, row: int):
    if text != text.strip():
        raise table.error(f"{text!r} has spaces around it", row, name)
    if kind == "integer":
        if _INTEGER.fullmatch(text):
            if len(text) > 20 or int(text) not in _INT64:
                raise table.error(f"{text!r} is too large for a 64-bit integer (pandas Int64)", row, name)
            return int(text)
        bce = _BCE_TEXT.fullmatch(text)
        hint = f" (write BCE years as negative numbers: -{bce.group(1)})" if bce else ""
        raise table.error(f"{text!r} is not an integer{hint}", row, name)
    if kind == "number":
        if _NUMBER.fullmatch(text):
            value = float(text)
            if not math.isfinite(value):
                raise table.error(f"{text!r} is too large for a 64-bit float (it would be infinity)", row, name)
            if value == 0 and re.search(r"[1-9]", text.lower().partition("e")[0]):
                raise table.error(f"{text!r} is too small for a 64-bit float (it would be 0)", row, name)
            return value
        raise table.error(f"{text!r} is not a number", row, name)
    if kind == "boolean":
        if text.lower() in _BOOLEANS:
            return _BOOLEANS[text.lower()]
        raise table.error(f"{text!r} is not true or false", row, name)
    if kind == "date" and not _DATE.fullmatch(text):
        raise table.error(f"{text!r} is not a date in the form YYYY-MM-DD", row, name)
    return text


def _calendar_problem(text: str) -> str | None:
    """A date (YYYY-MM-DD) or partial date (YYYY, YYYY-MM) must name a real year, month and day."""
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        return f"{text!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(part) if part else None for part in match.groups())
    if year == 0:
        return f"{text!r} is not a calendar date: there is no year 0"
    if month is not None and not 1 <= month <= 12:
        return f"{text!r} is not a calendar date: there is no month {month}"
    if day is not None and not 1 <= day <= (days := calendar.monthrange(year, month)[1]):
        return f"{text!r} is not a calendar date: {calendar.month_name[month]} {year} has {days} days"
    return None


def _constraint_problem(value, constraints: dict) -> str | None:
    if "enum" in constraints and value not in constraints["enum"]:
        return f"{value!r} is not one of: {', '.join(map(str, constraints['enum']))}"
    if "minimum" in constraints and value < constraints["minimum"]:
        return f"{value!r} is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and value > constraints["maximum"]:
        return f"{value!r} is above the maximum {constraints['maximum']}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], str(value)):
        return f"{value!r} does not match the pattern {constraints['pattern']}"
    return None


def _check_primary_key(table: _Table, schema: dict) -> None:
    if "primaryKey" not in schema:
        return
    fields = _as_list(schema["primaryKey"])
    first_row: dict[tuple, int] = {}
    for row, key in enumerate(zip(*(table.columns[f] for f in fields)), start=1):
        if key in first_row:
            shown = key[0] if len(key) == 1 else key
            raise table.error(f"duplicate key {shown!r}: row {first_row[key]} has it already", row, ",".join(fields))
        first_row[key] = row


def default_directory() -> Path:
    """The repository's ``data/`` when run from a clone, else the copy in the wheel."""
    in_repository = Path(__file__).resolve().parent.parent / "data"
    if (in_repository / "datapackage.json").is_file():
        return in_repository
    return Path(str(resources.files("defence_diplomacy") / "tables"))


@lru_cache(maxsize=1)
def default_package() -> DataPackage:
    return DataPackage.at(default_directory())


@lru_cache(maxsize=None)
def _load_cached(name: str) -> pd.DataFrame:
    return default_package().load(name)


def load(name: str) -> pd.DataFrame:
    """Load one of the book's tables by name, validated; a fresh copy each call."""
    return _load_cached(name).copy()


def table_names() -> list[str]:
    return default_package().names()


def country_names() -> dict[str, str]:
    """ISO3 code -> the name the book prints: {'AZE': 'Azerbaijan', ...}."""
    return dict(_load_cached("countries")[["iso3", "name"]].itertuples(index=False))
