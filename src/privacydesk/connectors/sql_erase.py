"""Erasing a person in a connected SQL system: a dry run first, then one transaction, then a check that
nothing identifying is left.

The rows are the ones ``sql.find`` reaches from the person's identities. Each table is changed as its
descriptor says: rows deleted (``delete_row`` on any field), or fields set to NULL, replaced with
"erased", or replaced with a keyed HMAC of their value (the same value always gives the same token,
so records still group, but the value cannot be read back). Protected fields are never written.
Deletions run children first, so rows that point at a deleted row go before it. Everything happens in
one transaction: a failure part-way changes nothing. Tables under a legal hold are left as they are
and reported as held.

Before anything runs, the descriptor is checked against the columns: hashing or replacing needs a
text column, NULL needs a nullable one, and a table whose rows change needs a primary key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, String, Table, bindparam, delete, update
from sqlalchemy.exc import SQLAlchemyError

from privacydesk.connectors import sql
from privacydesk.connectors.descriptor import Descriptor, DescriptorError, Erase, Identity, TableDoc

PLACEHOLDER = "erased"


@dataclass
class TableChange:
    table: str
    rows: int
    action: str  # "delete", "update" or "held"
    fields: dict[str, str] = field(default_factory=dict)  # field → erase method
    reason: str = ""  # why a held table was left


@dataclass
class ErasureReport:
    dataset: str
    system: str
    dry_run: bool
    changes: list[TableChange]
    verified: bool | None = None  # after execution: nothing identifying found again
    remaining: dict[str, int] = field(default_factory=dict)  # table → rows still found (should be empty)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def digest(self) -> str:
        """SHA-256 of the report's canonical JSON: what a signature over the report signs."""
        canonical = json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def token(key: bytes, value: Any, length: int | None) -> str:
    """The keyed HMAC that replaces a value, cut to the column's length (at least 8 characters)."""
    digest = hmac.new(key, str(value).encode(), hashlib.sha256).hexdigest()
    return digest[: max(8, length)] if length else digest


def _methods(table_doc: TableDoc) -> dict[str, Erase]:
    return {f.name: f.erase for f in table_doc.fields if f.erase is not Erase.KEEP}


def check_erasable(descriptor: Descriptor, tables: Mapping[str, Table]) -> None:
    """Refuse, before any query, erase methods the columns cannot take."""
    problems = []
    for ti, table_doc in enumerate(descriptor.doc.tables):
        table = tables[table_doc.name]
        methods = _methods(table_doc)
        if methods and table_doc.primary_key is None:
            problems.append(
                descriptor.problem(("tables", ti, "primary_key"), "a table with fields to erase needs a primary key")
            )
        for fi, field_doc in enumerate(table_doc.fields):
            column = table.c[field_doc.name]
            loc = ("tables", ti, "fields", fi, "erase")
            if field_doc.erase in (Erase.HASH, Erase.REPLACE) and not isinstance(column.type, String):
                problems.append(
                    descriptor.problem(
                        loc, f"{field_doc.erase.value} needs a text column; {field_doc.name!r} is {column.type}"
                    )
                )
            if field_doc.erase is Erase.SET_NULL and not column.nullable:
                problems.append(
                    descriptor.problem(loc, f"set_null needs a column that may be empty; {field_doc.name!r} may not")
                )
    if problems:
        raise DescriptorError(descriptor.filename, problems)


def _deletion_order(descriptor: Descriptor, chosen: set[str]) -> list[str]:
    """The ``chosen`` tables (rows to delete), those that point at others first."""
    doc = descriptor.doc
    deleting = [t.name for t in doc.tables if t.name in chosen]
    points_at = {t.name: {f.target[0] for f in t.fields if f.target} for t in doc.tables}
    ordered: list[str] = []
    remaining = set(deleting)
    while remaining:
        # A table goes once no remaining table points at it (a cycle: the rest in descriptor order).
        ready = [n for n in deleting if n in remaining and not any(n in points_at[o] for o in remaining if o != n)]
        for name in ready or [next(n for n in deleting if n in remaining)]:
            ordered.append(name)
            remaining.discard(name)
    return ordered


def _update(connection: Connection, table_doc: TableDoc, table: Table, rows: list[dict[str, Any]], key: bytes) -> None:
    """Each found row's fields to erase, set as the descriptor says. Rows that get the same new values
    (a placeholder, NULL, the token of the same value) share one UPDATE; only hashes of different
    values need statements of their own."""
    assert table_doc.primary_key is not None  # check_erasable
    methods = _methods(table_doc)
    groups: dict[tuple[tuple[str, Any], ...], list[Any]] = {}
    for row in rows:
        values: dict[str, Any] = {}
        for name, method in methods.items():
            if row[name] is None:
                continue
            if method is Erase.SET_NULL:
                values[name] = None
            elif method is Erase.REPLACE:
                values[name] = PLACEHOLDER
            elif method is Erase.HASH:
                values[name] = token(key, row[name], getattr(table.c[name].type, "length", None))
        if values:
            groups.setdefault(tuple(sorted(values.items())), []).append(row[table_doc.primary_key])
    for values_key, keys in groups.items():
        statement = _setter(
            table, table_doc.primary_key, tuple(name for name, _value in values_key), connection.dialect.name
        )
        new = {f"new_{i}": value for i, (_name, value) in enumerate(values_key)}
        for start in range(0, len(keys), sql.CHUNK):
            sql.execute(connection, statement, {"keys": keys[start : start + sql.CHUNK], **new}, rows=False)


@lru_cache(maxsize=512)
def _setter(table: Table, primary: str, columns: tuple[str, ...], dialect: str) -> Any:
    """``UPDATE table SET columns WHERE primary IN keys``, built once per table and set of columns."""
    key = table.c[primary]
    new = {name: bindparam(f"new_{i}", type_=table.c[name].type) for i, name in enumerate(columns)}
    return update(table).where(sql.one_of(key, "keys", key, dialect)).values(new)


def _delete(connection: Connection, table_doc: TableDoc, table: Table, rows: list[dict[str, Any]]) -> None:
    assert table_doc.primary_key is not None  # check_erasable
    primary = table.c[table_doc.primary_key]
    keys = [row[table_doc.primary_key] for row in rows]
    for start in range(0, len(keys), sql.CHUNK):
        connection.execute(delete(table).where(primary.in_(keys[start : start + sql.CHUNK])))


def _plan(
    descriptor: Descriptor, found: sql.Found, held: Mapping[str, str], delete_all: bool = False
) -> list[TableChange]:
    """What would change in each table holding found rows (held tables reported, not changed)."""
    changes: list[TableChange] = []
    for table_doc in descriptor.doc.tables:
        rows = found.rows[table_doc.name]
        methods = _methods(table_doc)
        if not rows or not (methods or delete_all):
            continue
        if table_doc.name in held:
            changes.append(TableChange(table_doc.name, len(rows), "held", reason=held[table_doc.name]))
            continue
        if delete_all or Erase.DELETE_ROW in methods.values():
            changes.append(TableChange(table_doc.name, len(rows), "delete"))
        else:
            changes.append(TableChange(table_doc.name, len(rows), "update", {k: v.value for k, v in methods.items()}))
    return changes


def _apply(
    connection: Connection,
    descriptor: Descriptor,
    tables: dict[str, Table],
    found: sql.Found,
    changes: list[TableChange],
    key: bytes,
) -> None:
    """Carry out the planned changes on the caller's transaction: updates, then deletions children first."""
    docs = {t.name: t for t in descriptor.doc.tables}
    deleting = {c.table for c in changes if c.action == "delete"}
    for change in changes:
        if change.action == "update":
            _update(connection, docs[change.table], tables[change.table], found.rows[change.table], key)
    for name in _deletion_order(descriptor, deleting):
        _delete(connection, docs[name], tables[name], found.rows[name])


def _refuse_truncated(found: sql.Found) -> None:
    if found.truncated:
        names = ", ".join(sorted(found.truncated))
        raise sql.ConnectorError(f"more than {sql.ROW_LIMIT:,} rows in {names}: not changed (ask for a manual step)")


def erase(
    descriptor: Descriptor,
    engine: Engine,
    identities: Mapping[Identity, Iterable[str]],
    key: bytes,
    dry_run: bool = True,
    held: Mapping[str, str] | None = None,
    tables: dict[str, Table] | None = None,
) -> ErasureReport:
    """Plan (``dry_run``, read-only) or carry out the erasure of everything the identities reach. The
    erasure searches, changes and searches again in one transaction: what the report says was found,
    changed and left is exactly what was committed."""
    held = held or {}
    tables = tables if tables is not None else sql.check(descriptor, engine)
    check_erasable(descriptor, tables)
    identities = {kind: list(values) for kind, values in identities.items()}
    doc = descriptor.doc
    if dry_run:
        found = sql.find(descriptor, engine, identities, tables=tables)
        _refuse_truncated(found)
        return ErasureReport(doc.dataset, doc.system, True, _plan(descriptor, found, held))
    try:
        with engine.begin() as connection:
            found = sql.search_in(connection, descriptor, tables, identities)
            _refuse_truncated(found)
            report = ErasureReport(doc.dataset, doc.system, False, _plan(descriptor, found, held))
            _apply(connection, descriptor, tables, found, report.changes, key)
            after = sql.search_in(connection, descriptor, tables, identities)
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        raise sql.ConnectorError(
            f"{sql.safe_url(engine)}: erasure failed and was rolled back ({type(exc).__name__})"
        ) from None
    report.remaining = {name: len(rows) for name, rows in after.rows.items() if rows and name not in held}
    report.verified = not report.remaining
    return report


def dispose(
    descriptor: Descriptor,
    engine: Engine,
    table: str,
    keys: list[Any],
    key: bytes,
    delete: bool,
    held: Mapping[str, str],
    tables: dict[str, Table],
    before: Callable[[sql.Found], None] | None = None,
) -> list[TableChange]:
    """Dispose of rows past their retention period, and the rows that reference them: deleted
    (``delete``, unless rows with protected fields are among them), or de-identified as the
    descriptor's erase methods say; ``before`` is given the rows first (to archive them). Refused,
    changing nothing,
    when any of those rows is in a held table: a held row must not be left pointing at nothing, nor
    lose what it points at."""
    check_erasable(descriptor, tables)
    found = sql.reach(descriptor, engine, table, keys, tables)
    _refuse_truncated(found)
    protected = sorted(
        t.name for t in descriptor.doc.tables if found.rows[t.name] and any(f.protected for f in t.fields)
    )
    # Rows kept under another rule (invoice lines, time billed) refer to these: the rows cannot go
    # without them, so they are de-identified instead (APP 11.2 allows either).
    changes = _plan(descriptor, found, held, delete_all=delete and not protected)
    if delete and protected:
        for change in changes:
            change.reason = f"de-identified, not deleted: {', '.join(protected)} keep protected fields"
    blocked = [c for c in changes if c.action == "held"]
    if blocked:
        raise HeldError("; ".join(f"{c.rows} rows of {c.table} ({c.reason})" for c in blocked))
    if before is not None:
        before(found)
    try:
        with engine.begin() as connection:
            _apply(connection, descriptor, tables, found, changes, key)
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        raise sql.ConnectorError(
            f"{sql.safe_url(engine)}: disposal failed and was rolled back ({type(exc).__name__})"
        ) from None
    return changes


class HeldError(sql.ConnectorError):
    """Rows a disposal would touch are under a legal hold."""
