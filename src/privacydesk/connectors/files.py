"""Exports dropped in a folder as connected systems: an accounting package's CSV or XLSX exports, one
file a table (``invoices.csv`` or ``invoices.xlsx`` for the descriptor's table ``invoices``), the
first row the column names.

The same descriptor and the same search as an SQL system: rows matching the person's identities, then
the rows that reference those. Files are read as streams (``csv`` and openpyxl's read-only mode), a
table's file once per round of the search, so memory holds the rows found, not the file. Exports are
copies someone else produced; this connector reads them and never writes them.
"""

from __future__ import annotations

import csv
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from privacydesk.connectors.descriptor import Descriptor, DescriptorError, FieldDoc, Identity
from privacydesk.connectors.sql import ROW_LIMIT, ConnectorError, Found, wanted_values

SUFFIXES = (".csv", ".xlsx")
# What a damaged or mislabelled export raises (an .xlsx that is not a zip, text that is not UTF-8…).
READ_ERRORS = (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError, zipfile.BadZipFile)


def _file(folder: Path, table: str) -> Path | None:
    return next((folder / f"{table}{suffix}" for suffix in SUFFIXES if (folder / f"{table}{suffix}").is_file()), None)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line or row number, column → value) for each data row."""
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield number, dict(row)
        return
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h) if h is not None else "" for h in next(rows, ())]
        for number, values in enumerate(rows, start=2):
            yield (
                number,
                {name: ("" if value is None else str(value)) for name, value in zip(header, values, strict=False)},
            )
    finally:
        workbook.close()


def _header(path: Path) -> list[str]:
    for _number, row in _rows(path):
        return list(row)
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return next(csv.reader(handle), [])
    return []


def check(descriptor: Descriptor, folder: Path) -> dict[str, Path]:
    """Each table's file, after checking it exists and has every column the descriptor names."""
    if not folder.is_dir():
        raise ConnectorError(f"no folder {folder}")
    problems = []
    files: dict[str, Path] = {}
    for ti, table in enumerate(descriptor.doc.tables):
        path = _file(folder, table.name)
        if path is None:
            present = ", ".join(sorted(p.name for p in folder.iterdir() if p.suffix in SUFFIXES)) or "none"
            message = f"no file {table.name}.csv or {table.name}.xlsx in the folder (it has: {present})"
            problems.append(descriptor.problem(("tables", ti, "name"), message))
            continue
        try:
            header = _header(path)
        except READ_ERRORS as exc:
            problems.append(
                descriptor.problem(("tables", ti, "name"), f"{path.name} cannot be read: {type(exc).__name__}")
            )
            continue
        problems += descriptor.missing_columns(ti, header, path.name)
        files[table.name] = path
    if problems:
        raise DescriptorError(descriptor.filename, problems)
    return files


def _normal(kind: Identity | None, value: Any) -> str:
    text = "" if value is None else str(value).strip()
    return text.lower() if kind in (Identity.EMAIL, Identity.NAME) else text


def _identified_by(fields: list[FieldDoc], wanted: Mapping[Identity, set[str]]) -> Callable[[dict[str, Any]], bool]:
    """Whether a row holds one of the person's identities in one of these fields."""

    def test(row: dict[str, Any]) -> bool:
        return any(
            f.identity is not None and _normal(f.identity, row.get(f.name)) in wanted[f.identity] for f in fields
        )

    return test


def find(
    descriptor: Descriptor, folder: Path, identities: Mapping[Identity, Iterable[str]], limit: int = ROW_LIMIT
) -> Found:
    """The person's rows in the exports, found as in an SQL system (each row once, cycles ended)."""
    files = check(descriptor, folder)
    doc = descriptor.doc
    wanted = wanted_values(identities, _normal)
    found = Found(rows={t.name: [] for t in doc.tables})
    seen: dict[str, set[int]] = {t.name: set() for t in doc.tables}
    asked: dict[tuple[str, str], set[str]] = {}
    children = doc.referenced_by()

    def take(table: str, keep: Any) -> bool:
        added = False
        found.queries += 1
        try:
            for number, row in _rows(files[table]):
                if number in seen[table] or not keep(row):
                    continue
                if len(found.rows[table]) >= limit:
                    found.truncated.add(table)
                    break
                seen[table].add(number)
                found.rows[table].append({"_row": number, **row})
                added = True
        except READ_ERRORS as exc:
            raise ConnectorError(f"{files[table].name} cannot be read: {type(exc).__name__}") from None
        return added

    queue: deque[str] = deque()
    for table in doc.tables:
        identity_fields = [f for f in table.fields if f.identity is not None and wanted.get(f.identity)]
        if identity_fields and take(table.name, _identified_by(identity_fields, wanted)):
            queue.append(table.name)
    while queue:
        parent = queue.popleft()
        for child, field, column in children.get(parent, []):
            done = asked.setdefault((child, field.name), set())
            values = {_normal(None, row.get(column)) for row in found.rows[parent]} - done - {""}
            if not values:
                continue
            done.update(values)
            if take(child, lambda row, f=field, v=values: _normal(None, row.get(f.name)) in v):
                queue.append(child)
    return found


def identity_values(descriptor: Descriptor, folder: Path, kind: Identity) -> Iterator[str]:
    """Every value of the exports' identity fields of ``kind`` (each once): who is in them."""
    files = check(descriptor, folder)
    seen: set[str] = set()
    for table in descriptor.doc.tables:
        fields = [f.name for f in table.fields if f.identity is kind]
        if not fields:
            continue
        try:
            for _number, row in _rows(files[table.name]):
                for name in fields:
                    value = _normal(kind, row.get(name))
                    if value and value not in seen:
                        seen.add(value)
                        yield value
        except READ_ERRORS as exc:
            raise ConnectorError(f"{files[table.name].name} cannot be read: {type(exc).__name__}") from None
