"""Scanning columns of a database table — a helpdesk's ticket bodies, a CRM's notes — as documents,
through SQLAlchemy (PostgreSQL, MySQL/MariaDB, SQLite tested; others by driver).

Rows are read in key order a batch at a time (keyset pagination: ``WHERE key > last ORDER BY key
LIMIT n``), so memory stays flat whatever the table's size and no long cursor is held open. The
table and columns are looked up in the database's own catalogue first: a name that is not there is
refused with the names that are, and names reach SQL only as quoted identifiers from that catalogue,
values only as bound parameters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from privacydesk.scan.stream import Document

if TYPE_CHECKING:
    from sqlalchemy import Engine, Table


class ColumnsError(ValueError):
    """A database, table, key or column that cannot be scanned, with what is there instead."""


@dataclass(frozen=True)
class Source:
    url: str  # an SQLAlchemy URL: postgresql+psycopg://…, mysql+pymysql://…, sqlite:///…
    table: str
    columns: tuple[str, ...]
    key: str
    schema: str | None = None


def _engine(source: Source) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        return create_engine(source.url)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise ColumnsError(f"--database: {exc}") from None


def table_for(source: Source) -> tuple[Engine, Table]:
    """The reflected table, after checking the table, the key and every column exist."""
    from sqlalchemy import MetaData, Table, inspect
    from sqlalchemy.exc import NoSuchTableError, OperationalError

    engine = _engine(source)
    try:
        inspector = inspect(engine)
        tables = inspector.get_table_names(schema=source.schema)
    except OperationalError as exc:
        raise ColumnsError(f"--database: cannot connect ({exc.orig})") from None
    if source.table not in tables:
        raise ColumnsError(
            f"--table: no table {source.table!r}; the database has {', '.join(sorted(tables)) or 'none'}"
        )
    try:
        table = Table(source.table, MetaData(), schema=source.schema, autoload_with=engine)
    except NoSuchTableError:
        raise ColumnsError(f"--table: no table {source.table!r}") from None
    names = [c.name for c in table.columns]
    for option, wanted in (("--key", (source.key,)), ("--column", source.columns)):
        for name in wanted:
            if name not in names:
                raise ColumnsError(f"{option}: {source.table} has no column {name!r}; it has {', '.join(names)}")
    return engine, table


def count(source: Source) -> int:
    from sqlalchemy import func, select

    engine, table = table_for(source)
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def documents(source: Source, batch: int = 1000) -> Iterator[Document]:
    """Each non-empty text value of the chosen columns, as a document whose id names its row and
    column: ``{"key": 42, "column": "body"}``."""
    from sqlalchemy import select

    engine, table = table_for(source)
    key = table.c[source.key]
    columns = [table.c[name] for name in source.columns]
    last = None
    while True:
        query = select(key, *columns).order_by(key).limit(batch)
        if last is not None:
            query = query.where(key > last)
        with engine.connect() as connection:
            rows = connection.execute(query).all()
        for row in rows:
            for name, value in zip(source.columns, row[1:], strict=True):
                if isinstance(value, bytes):
                    value = value.decode("utf-8", errors="replace")
                if isinstance(value, str) and value:
                    yield Document({"key": row[0], "column": name}, value)
        if len(rows) < batch:
            return
        last = rows[-1][0]
