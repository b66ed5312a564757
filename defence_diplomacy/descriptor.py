"""Read ``datapackage.json`` and check that the loader can enforce every rule it states.

The loader must never skip a rule it does not know: a field without a type,
an unknown constraint or property, a foreign key to a resource the package
does not declare, a path that leaves the folder or names a missing file are
each a :class:`DataError` naming the file and the line. Lines are found only
when there is an error to report, so a valid descriptor costs one
``json.loads`` and one walk over a few hundred small dicts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from defence_diplomacy.errors import DataError

TYPES = ("integer", "number", "boolean", "string", "date")
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "pattern")
_FIELD_KEYS = {"name", "type", "title", "description", "example", "constraints", "partialDate"}
_SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues", "rowRules"}


class _Refused(Exception):
    """Raised inside the JSON parser; turned into a DataError once the line is known."""


def read_descriptor(path: Path, label: str, check_rules=None) -> dict:
    """Parse and check ``path``; ``check_rules(schema, fail)`` checks a schema's ``rowRules``."""
    if not path.is_file():
        raise DataError(label, "file not found")
    try:
        text = path.read_text(encoding="utf-8")
        descriptor = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constants)
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise DataError(label, f"byte {error.object[error.start]:#04x} is not UTF-8", line=line) from None
    except json.JSONDecodeError as error:
        raise DataError(label, f"not valid JSON: {error.msg} (column {error.colno})", line=error.lineno) from None
    except _Refused:
        offset, problem = _json_problem(text)
        raise DataError(label, problem, line=text.count("\n", 0, offset) + 1) from None

    def fail(problem: str, *at) -> None:
        raise DataError(label, problem, line=_json_line(text, at))

    _check_package(descriptor, path.parent, fail, check_rules)
    return descriptor


def _no_repeated_keys(pairs: list[tuple]) -> dict:
    values = dict(pairs)
    if len(values) != len(pairs):
        raise _Refused
    return values


def _no_constants(name: str):
    raise _Refused


# --- where in the text ---------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")


def _json_walk(text: str):
    """Yield (path, start, value) for every value of valid JSON text.

    ``path`` is a tuple of keys and list indexes; ``start`` is the offset of
    the value's key (or of the item, in a list), ``value`` that of the value.
    """
    decoder = json.JSONDecoder()

    def skip(index: int) -> int:
        return _SPACE.match(text, index).end()

    def walk(index: int, path: tuple, start: int):
        yield path, start, index
        if text[index] not in "{[":
            return decoder.raw_decode(text, index)[1]
        closing, count = "}" if text[index] == "{" else "]", 0
        index = skip(index + 1)
        while text[index] != closing:
            start = index
            if closing == "}":
                key, index = decoder.raw_decode(text, index)
                index = skip(skip(index) + 1)  # past the colon
            else:
                key, count = count, count + 1
            index = skip((yield from walk(index, (*path, key), start)))
            index = skip(index + 1) if text[index] == "," else index
        return index + 1

    yield from walk(skip(0), (), skip(0))


def _json_line(text: str, at: tuple) -> int:
    """The line of the value at ``at``, or of the nearest enclosing one."""
    best, offset = -1, 0
    for path, start, _ in _json_walk(text):
        if path == at[: len(path)] and len(path) > best:
            best, offset = len(path), start
    return text.count("\n", 0, offset) + 1


def _json_problem(text: str) -> tuple[int, str]:
    """The first repeated key or non-JSON constant (NaN, Infinity) in text the parser refused."""
    seen: dict[tuple, set] = {}
    for path, start, value in _json_walk(text):
        if path and isinstance(path[-1], str):
            keys = seen.setdefault(path[:-1], set())
            if path[-1] in keys:
                return start, f"key {path[-1]!r} appears twice in one object; JSON keeps only the last"
            keys.add(path[-1])
        if (constant := re.match(r"-?(NaN|Infinity)", text[value : value + 9])) is not None:
            return start, f"{constant.group()} is not a JSON value"
    return 0, "not valid JSON"


# --- what the loader can enforce -----------------------------------------------------------------

def _check_package(descriptor, directory: Path, fail, check_rules) -> None:
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        fail('the package lists no tables: expected "resources": [...]')
    declared: dict[str, dict] = {}
    for index, resource in enumerate(resources):
        at = ("resources", index)
        if not isinstance(resource, dict):
            fail("a resource must be an object", *at)
        for key in ("name", "path", "schema"):
            if key not in resource:
                fail(f"resource {resource.get('name', index)!r} has no {key!r}", *at)
        name, path = resource["name"], resource["path"]
        if name in declared:
            fail(f"resource {name!r} is declared twice", *at, "name")
        declared[name] = resource
        if not isinstance(path, str) or Path(path).name != path:
            fail(f"resource {name!r}: path {path!r} must be a file name in {directory.name}/", *at, "path")
        if not (directory / path).is_file():
            fail(f"resource {name!r}: its file {path!r} is not in {directory.name}/", *at, "path")
        if str(resource.get("encoding", "utf-8")).lower() not in {"utf-8", "utf8"}:
            fail(f"resource {name!r}: the loader reads UTF-8 only", *at, "encoding")
        if "dialect" in resource:
            fail(f"resource {name!r}: the loader reads RFC 4180 CSV only; remove 'dialect'", *at, "dialect")
        _check_schema(resource["schema"], name, (*at, "schema"), fail)
        if check_rules is not None:
            check_rules(resource["schema"],
                        lambda problem, *where: fail(f"resource {name!r}: {problem}", *at, "schema", *where))
    for index, resource in enumerate(resources):
        for number, foreign_key in enumerate(resource["schema"].get("foreignKeys", [])):
            at = ("resources", index, "schema", "foreignKeys", number)
            _check_reference(foreign_key, resource["name"], declared, fail, at)
    _check_no_cycle(declared, fail)


def _check_schema(schema, table: str, at: tuple, fail) -> None:
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        fail(f"resource {table!r}: the schema has no fields", *at)
    for key in schema:
        if key not in _SCHEMA_KEYS:
            known = ", ".join(sorted(_SCHEMA_KEYS))
            fail(f"resource {table!r}: unknown schema property {key!r} (the loader reads: {known})", *at, key)
    names: list[str] = []
    for index, field in enumerate(schema["fields"]):
        _check_field(field, table, (*at, "fields", index), fail)
        if field["name"] in names:
            fail(f"resource {table!r}: field {field['name']!r} is declared twice", *at, "fields", index)
        names.append(field["name"])
    missing = schema.get("missingValues", [""])
    if not isinstance(missing, list) or not all(isinstance(value, str) for value in missing):
        fail(f"resource {table!r}: missingValues must be a list of strings", *at, "missingValues")
    if "primaryKey" in schema:
        _check_names(schema["primaryKey"], names, f"resource {table!r}: primaryKey", fail, (*at, "primaryKey"))
    foreign_keys = schema.get("foreignKeys", [])
    if not isinstance(foreign_keys, list):
        fail(f"resource {table!r}: foreignKeys must be a list", *at, "foreignKeys")
    for index, foreign_key in enumerate(foreign_keys):
        where = (*at, "foreignKeys", index)
        if not (isinstance(foreign_key, dict) and "fields" in foreign_key
                and isinstance(foreign_key.get("reference"), dict)):
            fail(f"resource {table!r}: a foreign key needs fields and a reference", *where)
        _check_names(foreign_key["fields"], names, f"resource {table!r}: foreign key", fail, (*where, "fields"))


def _check_field(field, table: str, at: tuple, fail) -> None:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str):
        fail(f"resource {table!r}: a field has no name", *at)
    where = f"resource {table!r}, field {field['name']!r}"
    if "type" not in field:
        fail(f"{where} has no type (one of: {', '.join(TYPES)})", *at)
    kind = field["type"]
    if kind not in TYPES:
        fail(f"{where}: unknown type {kind!r} (the loader reads: {', '.join(TYPES)})", *at, "type")
    for key in field:
        if key not in _FIELD_KEYS:
            fail(f"{where}: unknown property {key!r} (the loader reads: {', '.join(sorted(_FIELD_KEYS))})", *at, key)
    if "partialDate" in field and (field["partialDate"] is not True or kind != "string"):
        fail(f"{where}: partialDate is true, on a string field, or absent", *at, "partialDate")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        fail(f"{where}: constraints must be an object", *at, "constraints")
    for key, value in constraints.items():
        problem = _constraint_problem(key, value, kind)
        if problem:
            fail(f"{where}: {problem}", *at, "constraints", key)


def _constraint_problem(key: str, value, kind: str) -> str | None:
    if key not in CONSTRAINTS:
        return f"unknown constraint {key!r} (the loader checks: {', '.join(CONSTRAINTS)})"
    if key in ("required", "unique") and not isinstance(value, bool):
        return f"{key} must be true or false"
    if key in ("minimum", "maximum") and (kind not in ("integer", "number") or isinstance(value, bool)
                                          or not isinstance(value, (int, float))):
        return f"{key} must be a number, on an integer or number field"
    if key == "enum" and (not isinstance(value, list) or not value):
        return "enum must be a list of the allowed values"
    if key == "pattern":
        if kind != "string" or not isinstance(value, str):
            return "pattern must be a regular expression, on a string field"
        try:
            re.compile(value)
        except re.error as error:
            return f"pattern {value!r} is not a regular expression: {error}"
    return None


def _check_names(fields, names: list[str], what: str, fail, at: tuple) -> None:
    listed = [fields] if isinstance(fields, str) else fields
    if not isinstance(listed, list) or not listed:
        fail(f"{what} must name one field or a list of fields", *at)
    for index, name in enumerate(listed):
        if name not in names:
            where = at if isinstance(fields, str) else (*at, index)
            fail(f"{what} names {name!r}, which is not a field of the table", *where)


def _check_reference(foreign_key: dict, table: str, declared: dict, fail, at: tuple) -> None:
    reference = foreign_key["reference"]
    target = reference.get("resource")
    if target not in declared:
        fail(f"resource {table!r}: foreign key to {target!r}, which the package does not declare "
             f"(tables: {', '.join(declared)})", *at, "reference", "resource")
    target_names = [field["name"] for field in declared[target]["schema"]["fields"]]
    _check_names(reference.get("fields"), target_names, f"resource {table!r}: foreign key to {target!r}",
                 fail, (*at, "reference", "fields"))
    count = lambda fields: 1 if isinstance(fields, str) else len(fields)  # noqa: E731
    if count(foreign_key["fields"]) != count(reference["fields"]):
        fail(f"resource {table!r}: a foreign key needs as many fields as it references", *at)


def _check_no_cycle(declared: dict, fail) -> None:
    """Loading a table loads the tables its foreign keys name: they must not lead back to it."""
    names = list(declared)

    def visit(name: str, trail: tuple):
        for foreign_key in declared[name]["schema"].get("foreignKeys", []):
            target = foreign_key["reference"]["resource"]
            if target in trail:
                cycle = " -> ".join((*trail[trail.index(target):], target))
                fail(f"foreign keys lead back to the table they start from: {cycle}",
                     "resources", names.index(name), "schema", "foreignKeys")
            visit(target, (*trail, target))

    for name in names:
        visit(name, (name,))
