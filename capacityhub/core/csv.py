"""The one CSV writer for every export, guarded against formula injection.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, TAB or CR as a formula (OWASP
"CSV Injection"), so a resource titled `=cmd|' /C calc'!A0` would run on a reader's machine.
Such text cells are written with a leading `'`, which spreadsheets show as plain text. Plain
numbers (`-0.25`) cannot be formulas and stay numbers.

The guard is reversible, so our own importers read back exactly what was exported: a cell of
the form `'…'<formula start>…` gets one more `'` on the way out and loses one on the way in
(`restore_cell`); no other cell changes.
"""

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile(r"'*[=+\-@\t\r]")
_RESTORABLE = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """`value` as a cell a spreadsheet will not run; non-text values are left alone."""
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        return value
    if _GUARDED.match(value):
        return "'" + value
    return value


def restore_cell(value: str) -> str:
    """The inverse of `safe_cell` for a cell read back from one of our CSV files."""
    if _RESTORABLE.match(value):
        return value[1:]
    return value


def write_csv(rows: Iterable[Iterable[Any]], header: Iterable[str] | None = None) -> str:
    """CSV text (RFC 4180 line ends) with every cell guarded."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    if header is not None:
        writer.writerow([safe_cell(name) for name in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue()


def csv_response(
    rows: Iterable[Iterable[Any]], header: Iterable[str] | None = None, *, filename: str
) -> HttpResponse:
    """A CSV download of `rows` (guarded by `write_csv`) named `filename`."""
    response = HttpResponse(write_csv(rows, header), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
