"""Row rules: what the values of one row must agree on, declared in ``datapackage.json``.

A resource's schema may list ``"rowRules"``, each an object whose ``"rule"``
is one of the names below, with the fields it compares (and an optional
``"description"``). The loader checks every row against every rule of its
table and refuses the first row that breaks one, naming row and column. A
comparison says nothing about a row where a value it compares is empty; the
two rules about emptiness (``filled_together``, ``filled_when``) say what
must be filled.

=================  =========================  ===============================================
rule               parameters                 each row must
=================  =========================  ===============================================
not_before         field, other               have field not earlier than other: years, or
                                              ISO dates compared as far as both go
                                              (``1997`` is not before ``1997-07-03``)
at_most            field, other               have field not above other (a part and its
                                              whole, a range's low and high end)
sum_equals         fields, total              where any of fields is filled, have them add
                                              up to total (an empty one counts as 0)
filled_together    fields                     have all of fields filled, or none
filled_when        field, other, values       have field filled exactly when other is one
                                              of values
same_year          field, year                have the date in field fall in the year
date_precision     field, precision           write the date to the precision named: day
                                              YYYY-MM-DD, month YYYY-MM, year YYYY; leave it
                                              empty for any other precision (circa, decade)
=================  =========================  ===============================================
"""

from __future__ import annotations

import math

# rule -> its parameters, each with the kind of field it names ("fields" and "values" are lists)
RULES = {
    "not_before": {"field": "ordered", "other": "ordered"},
    "at_most": {"field": "number", "other": "number"},
    "sum_equals": {"fields": "number", "total": "number"},
    "filled_together": {"fields": "any"},
    "filled_when": {"field": "any", "other": "any", "values": "values"},
    "same_year": {"field": "date", "year": "integer"},
    "date_precision": {"field": "date", "precision": "string"},
}
_PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}
_PRECISION_FORM = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}


def _kind(field: dict) -> str:
    if field["type"] == "date" or field.get("partialDate"):
        return "date"
    return field["type"]


def _fits(wanted: str, kind: str) -> bool:
    return (wanted == "any" or wanted == kind or (wanted == "number" and kind == "integer")
            or (wanted == "ordered" and kind in ("integer", "number", "date")))


def check_declarations(schema: dict, fail) -> None:
    """Refuse a rule the loader cannot check: unknown, missing a parameter, or naming an unfit field."""
    rules = schema.get("rowRules", [])
    if not isinstance(rules, list):
        fail("rowRules must be a list", "rowRules")
    kinds = {field["name"]: _kind(field) for field in schema["fields"]}
    for index, rule in enumerate(rules):
        at = ("rowRules", index)
        name = rule.get("rule") if isinstance(rule, dict) else None
        if name not in RULES:
            fail(f"unknown row rule {name!r} (the loader checks: {', '.join(RULES)})", *at)
        parameters = RULES[name]
        if set(rule) - {"rule", "description"} != set(parameters):
            fail(f"row rule {name!r} takes {', '.join(parameters)}", *at)
        for parameter, wanted in parameters.items():
            value = rule[parameter]
            if wanted == "values" or parameter == "fields":
                if not isinstance(value, list) or not value:
                    fail(f"row rule {name!r}: {parameter} must be a list", *at, parameter)
            if wanted == "values":
                continue
            for field in value if parameter == "fields" else [value]:
                if field not in kinds:
                    fail(f"row rule {name!r}: {field!r} is not a field of the table", *at, parameter)
                if not _fits(wanted, kinds[field]):
                    fail(f"row rule {name!r}: {field!r} is a {kinds[field]} field; {parameter} needs a "
                         f"{'number, year or date' if wanted == 'ordered' else wanted} field", *at, parameter)
        if name == "not_before" and kinds[rule["field"]] != kinds[rule["other"]] and "date" in (
                kinds[rule["field"]], kinds[rule["other"]]):
            fail(f"row rule {name!r}: a date is compared with a date, a number with a number", *at)


def first_break(columns: dict[str, list], rules: list[dict]) -> tuple[int, str, str] | None:
    """The first (row, column, problem) where a row breaks one of ``rules``, or None."""
    for rule in rules:
        parameters = {name: rule[name] for name in RULES[rule["rule"]]}
        found = next(_CHECKS[rule["rule"]](columns, **parameters), None)
        if found is not None:
            row, column, problem = found
            return row, column, f"{problem} (row rule {rule['rule']})"
    return None


def _earlier(value, bound) -> bool:
    if isinstance(value, str):  # ISO dates, full or partial: compare as far as both go
        length = min(len(value), len(bound))
        return value[:length] < bound[:length]
    return value < bound


def _not_before(columns, field, other):
    for row, (value, bound) in enumerate(zip(columns[field], columns[other]), start=1):
        if value is not None and bound is not None and _earlier(value, bound):
            yield row, field, f"{value!r} is before {other} {bound!r}"


def _at_most(columns, field, other):
    for row, (value, bound) in enumerate(zip(columns[field], columns[other]), start=1):
        if value is not None and bound is not None and value > bound:
            yield row, field, f"{value!r} is above {other} {bound!r}"


def _sum_equals(columns, fields, total):
    for row, (whole, *parts) in enumerate(zip(columns[total], *(columns[f] for f in fields)), start=1):
        given = [part for part in parts if part is not None]
        if whole is None or not given:
            continue
        added = sum(given)
        if added != whole and not (isinstance(added, float) and math.isclose(added, whole)):
            shown = " + ".join("empty" if part is None else repr(part) for part in parts)
            yield row, total, f"{whole!r} is not the sum of {' + '.join(fields)} ({shown} = {added!r})"


def _filled_together(columns, fields):
    for row, values in enumerate(zip(*(columns[f] for f in fields)), start=1):
        filled = [field for field, value in zip(fields, values) if value is not None]
        if filled and len(filled) < len(fields):
            empty = next(field for field, value in zip(fields, values) if value is None)
            yield row, empty, f"empty, but {filled[0]} is filled: {', '.join(fields)} are filled together or not at all"


def _filled_when(columns, field, other, values):
    for row, (value, condition) in enumerate(zip(columns[field], columns[other]), start=1):
        needed = condition in values
        if value is not None and not needed:
            yield row, field, (f"{value!r} is given, but {other} is {condition!r}; {field} is filled only when "
                               f"{other} is {' or '.join(map(repr, values))}")
        elif value is None and needed:
            yield row, field, f"empty, but {other} is {condition!r}, which needs it"


def _same_year(columns, field, year):
    for row, (date, number) in enumerate(zip(columns[field], columns[year]), start=1):
        if date is not None and number is not None and int(date[:4]) != number:
            yield row, field, f"{date!r} is not in {year} {number!r}"


def _date_precision(columns, field, precision):
    for row, (date, named) in enumerate(zip(columns[field], columns[precision]), start=1):
        if date is None or named is None:
            continue
        if named not in _PRECISION_LENGTH:
            yield row, field, f"{date!r} is given, but {precision} is {named!r}: leave the date empty"
        elif len(date) != _PRECISION_LENGTH[named]:
            form = _PRECISION_FORM[named]
            yield row, field, f"{date!r} is not written to the {named} ({precision} is {named!r}: {form})"


_CHECKS = {"not_before": _not_before, "at_most": _at_most, "sum_equals": _sum_equals,
           "filled_together": _filled_together, "filled_when": _filled_when, "same_year": _same_year,
           "date_precision": _date_precision}
