"""The one error the book's inputs raise: :class:`DataError`, naming file, row or line, column and problem."""

from __future__ import annotations


class DataError(ValueError):
    """An input breaks its rules. The message names file, row, column and problem.

    ``row`` counts data rows from 1 (the header is not a row); ``line`` is the
    line of the file, as an editor shows it. For a table it defaults to
    ``row + 1``; a value with a line break inside makes the rows after it start
    further down, and the reader passes the true line. Files that have no rows
    (``datapackage.json``, ``references.bib``) give a line only.
    """

    def __init__(self, file: str, problem: str, row: int | None = None, column: str | None = None,
                 line: int | None = None):
        if line is None and row is not None:
            line = row + 1
        self.file, self.problem, self.row, self.column, self.line = file, problem, row, column, line
        where = [file]
        if row is not None:
            where.append(f"row {row} (line {line})")
        elif line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(", ".join(where) + ": " + problem)
