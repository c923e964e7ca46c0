"""CSV for exports: streamed line by line, with spreadsheet formulas neutralised (CSV injection)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any


def safe_cell(value: Any) -> Any:
    """A text cell may not start with = + - @ (or a tab or carriage return): a spreadsheet would run it."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def lines(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """The header and then one CSV line per row (a mapping keyed by column), ready to stream."""
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([safe_cell(row.get(c, "")) for c in columns])
