"""SQL databases as connected systems, through SQLAlchemy (PostgreSQL, MySQL/MariaDB and SQLite tested;
others by driver): check a descriptor against the database, and find every row that is a person's.

Safety, by construction:
- names reach SQL only from the database's own catalogue (a descriptor naming a table or column
  that is not there is refused before any query runs, with the file, line and field);
- values reach SQL only as bound parameters;
- a search runs in a read-only transaction (PostgreSQL and MySQL/MariaDB ``SET TRANSACTION READ
  ONLY``, SQLite ``PRAGMA query_only``), so a mistake in a descriptor cannot change anything;
- results are bounded per table, and a table that reaches the bound is reported as truncated.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import phonenumbers
from sqlalchemy import (
    ARRAY,
    Connection,
    Engine,
    MetaData,
    Table,
    any_,
    bindparam,
    create_engine,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from privacydesk.connectors.descriptor import Descriptor, DescriptorError, FieldDoc, Identity

ROW_LIMIT = 10_000  # rows per table in one search; more is reported as truncated
CHUNK = 500  # values per IN (...): every database accepts that many parameters


class ConnectorError(RuntimeError):
    """A database that cannot be reached or read. The message never holds the connection's password."""


def engine_for(url: str, timeout: int | None = None) -> Engine:
    """An engine for the address; with ``timeout``, connecting and each statement give up after that
    many seconds."""
    arguments: dict[str, Any] = {}
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        raise ConnectorError("not a usable database address") from None
    if timeout is not None:
        # Connecting, and every statement, give up after ``timeout`` seconds: a step against a hung
        # system fails (and is retried later) instead of holding its worker.
        if backend == "postgresql":
            arguments |= {"connect_timeout": timeout, "options": f"-c statement_timeout={timeout * 1000}"}
        elif backend in ("mysql", "mariadb"):
            arguments |= {"connect_timeout": timeout, "read_timeout": timeout, "write_timeout": timeout}
        elif backend == "sqlite":
            arguments["timeout"] = timeout  # waiting for a lock
    try:
        # No pre-ping: a search or an erasure opens its connection once, and a dead one fails its step.
        return create_engine(url, connect_args=arguments)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise ConnectorError(f"not a usable database address: {type(exc).__name__}") from None


def safe_url(engine: Engine) -> str:
    """The engine's address for messages and logs, password hidden."""
    return make_url(engine.url).render_as_string(hide_password=True)


def check(descriptor: Descriptor, engine: Engine) -> dict[str, Table]:
    """The descriptor's tables as the database has them, after checking that every table and column
    it names exists; ``DescriptorError`` names each one that does not, with its line."""
    doc = descriptor.doc
    try:
        inspector = inspect(engine)
        existing = set(inspector.get_table_names())
    except OperationalError as exc:
        raise ConnectorError(f"cannot connect to {safe_url(engine)}: {type(exc.orig).__name__}") from None
    problems = []
    tables: dict[str, Table] = {}
    for ti, table_doc in enumerate(doc.tables):
        if table_doc.name not in existing:
            listed = ", ".join(sorted(existing)) or "none"
            problems.append(
                descriptor.problem(("tables", ti, "name"), f"no table {table_doc.name!r} (the database has: {listed})")
            )
            continue
        table = Table(table_doc.name, MetaData(), autoload_with=engine)
        problems += descriptor.missing_columns(ti, table.columns.keys(), f"table {table_doc.name!r}")
        tables[table_doc.name] = table
    if problems:
        raise DescriptorError(descriptor.filename, problems)
    return tables


@contextmanager
def read_only(engine: Engine) -> Iterator[Connection]:
    """A connection in a read-only transaction, rolled back at the end whatever happened."""
    dialect = engine.dialect.name
    with engine.connect() as connection:
        if dialect == "sqlite":
            connection.exec_driver_sql("PRAGMA query_only = ON")
        elif dialect == "postgresql":
            # The driver begins with BEGIN READ ONLY: no extra round trip. SQLAlchemy undoes it when the
            # connection goes back to the pool. Begun here so that the rollback below reaches the driver
            # even when the search ran on the driver's own cursor.
            connection.execution_options(postgresql_readonly=True)
            connection.begin()
        elif dialect in ("mysql", "mariadb"):
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")  # the next transaction's mode
        try:
            yield connection
        finally:
            connection.rollback()
            if dialect == "sqlite":  # the pooled connection must not stay read-only
                connection.exec_driver_sql("PRAGMA query_only = OFF")
                connection.commit()


def phone_variants(number: str, region: str = "AU") -> set[str]:
    """The ways a system may have stored a phone number ("+61412345678", "0412 345 678", …): there is
    no portable way to normalise a column in SQL, so the search asks for each written form."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return {number}
    forms = {number}
    for style in (
        phonenumbers.PhoneNumberFormat.E164,
        phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        phonenumbers.PhoneNumberFormat.NATIONAL,
    ):
        written = phonenumbers.format_number(parsed, style)
        forms |= {written, written.replace(" ", ""), written.replace(" ", "-")}
    forms.add(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164).lstrip("+"))
    return forms


def wanted_values(
    identities: Mapping[Identity, Iterable[str]], normal: Callable[[Identity, str], str] = lambda _kind, v: v
) -> dict[Identity, set[str]]:
    """The values a search looks for, by kind: empty ones dropped, each made ``normal``, and a phone
    number in every form a system may have written it."""
    wanted = {kind: {normal(kind, v) for v in values if v} for kind, values in identities.items()}
    if Identity.PHONE in wanted:
        wanted[Identity.PHONE] = set().union(*(phone_variants(v) for v in wanted[Identity.PHONE]))
    return wanted


def _values(kind: Identity, values: set[str]) -> list[str]:
    """The values as the query compares them (e-mail addresses and names without case)."""
    if kind in (Identity.EMAIL, Identity.NAME):
        return sorted({v.lower() for v in values})
    return sorted(values)


_JSON_READY = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A column value as JSON can hold it (dates as ISO 8601, decimals as text, bytes as hex)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return value


@dataclass
class Found:
    """A person's rows in one system: per table, each row as column → value."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    truncated: set[str] = field(default_factory=set)
    queries: int = 0

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


def execute(
    connection: Connection, statement: Any, parameters: dict[str, Any], rows: bool = True
) -> tuple[list[str], Iterable[Any]]:
    """Column names and rows (``rows``: the statement returns some). On PostgreSQL the statement's
    compiled text runs straight on the driver's cursor, inside the connection's transaction: it has no
    per-call expansion (values go in as one array), psycopg returns the Python types SQLAlchemy would,
    and SQLAlchemy's execution costs more per query than the database takes to answer these indexed
    look-ups. Elsewhere ``IN (…)`` is expanded per call, which SQLAlchemy does."""
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(_driver_text(statement, connection.dialect), parameters)
        if not rows:
            return [], []
        return [column.name for column in cursor.description or ()], cursor.fetchall()
    result = connection.execute(statement, parameters)
    return (list(result.keys()), result) if rows else ([], [])


class _Search:
    def __init__(self, descriptor: Descriptor, tables: dict[str, Table], connection: Connection, limit: int) -> None:
        self.doc = descriptor.doc
        self.tables = tables
        self.connection = connection
        self.limit = limit
        self.found = Found(rows={t.name: [] for t in self.doc.tables})
        self.seen: dict[str, set[Any]] = {t.name: set() for t in self.doc.tables}
        self.asked: dict[tuple[str, str], set[Any]] = {}
        self.primary = {t.name: t.primary_key for t in self.doc.tables}
        self.dialect = connection.dialect.name

    def _key(self, table: str, row: dict[str, Any]) -> Any:
        primary = self.primary[table]
        return row[primary] if primary else tuple(sorted((k, repr(v)) for k, v in row.items()))

    def fetch(self, table: str, statement: Any, parameters: dict[str, Any]) -> bool:
        """Add the table's rows the statement selects; whether any were new."""
        if table in self.found.truncated:
            return False
        parameters["room"] = self.limit - len(self.found.rows[table]) + 1
        self.found.queries += 1
        added = False
        names, result = execute(self.connection, statement, parameters)
        for values in result:
            row = dict(zip(names, values, strict=True))
            key = self._key(table, row)
            if key in self.seen[table]:
                continue
            if len(self.found.rows[table]) >= self.limit:
                self.found.truncated.add(table)
                break
            self.seen[table].add(key)
            self.found.rows[table].append(row)
            added = True
        return added

    def fetch_in(self, table: str, field_doc: FieldDoc, values: set[Any]) -> bool:
        """Rows whose field holds one of the values not asked for before (each value asked once:
        that is what ends a walk round a cycle of references)."""
        asked = self.asked.setdefault((table, field_doc.name), set())
        new = sorted((v for v in values if v is not None and v not in asked), key=repr)
        asked.update(new)
        statement = _holding(self.tables[table], field_doc.name, self.dialect)
        added = False
        for start in range(0, len(new), CHUNK):
            added |= self.fetch(table, statement, {"values": new[start : start + CHUNK]})
        return added


# Statements built once per table and column, their values bound at each run: building a statement
# costs more than the database takes to answer it (the search runs a handful per person).
def one_of(expression: Any, name: str, column: Any, dialect: str) -> Any:
    """``expression IN (values)``; on PostgreSQL ``= ANY(array)``, whose text does not change with the
    number of values, so the server can keep one prepared plan for it."""
    if dialect == "postgresql":
        return expression == any_(bindparam(name, type_=ARRAY(column.type)))
    return expression.in_(bindparam(name, expanding=True))


@lru_cache(maxsize=512)
def _driver_text(statement: Any, dialect: Any) -> str:
    """The statement as the driver runs it, named parameters left for the driver to bind."""
    return str(statement.compile(dialect=dialect))


@lru_cache(maxsize=512)
def _holding(table: Table, column: str, dialect: str) -> Any:
    target = table.c[column]
    return select(table).where(one_of(target, "values", target, dialect)).limit(bindparam("room"))


@lru_cache(maxsize=512)
def _identified(table: Table, fields: tuple[tuple[str, Identity], ...], dialect: str) -> Any:
    conditions = []
    for i, (name, kind) in enumerate(fields):
        column = table.c[name]
        compared = func.lower(column) if kind in (Identity.EMAIL, Identity.NAME) else column
        conditions.append(one_of(compared, f"v{i}", column, dialect))
    return select(table).where(or_(*conditions)).limit(bindparam("room"))


def _walk(search: _Search, queue: deque[str], children: dict[str, list[tuple[str, FieldDoc, str]]]) -> None:
    """Follow references from the tables in ``queue`` to the rows that point at the rows found."""
    while queue:
        parent = queue.popleft()
        for child, field_doc, column in children.get(parent, []):
            values = {row[column] for row in search.found.rows[parent]}
            if search.fetch_in(child, field_doc, values):
                queue.append(child)


def json_ready(found: Found) -> Found:
    """The rows as JSON can hold them (dates as ISO 8601, decimals as text, bytes as hex)."""
    found.rows = {
        name: [{k: (v if type(v) in _JSON_READY else _plain(v)) for k, v in row.items()} for row in rows]
        for name, rows in found.rows.items()
    }
    return found


def search_in(
    connection: Connection,
    descriptor: Descriptor,
    tables: dict[str, Table],
    identities: Mapping[Identity, Iterable[str]],
    limit: int = ROW_LIMIT,
) -> Found:
    """``find`` on a connection the caller holds (an erasure searches, changes and checks in one
    transaction); rows as the driver returned them."""
    doc = descriptor.doc
    wanted = wanted_values(identities)
    search = _Search(descriptor, tables, connection, limit)
    queue: deque[str] = deque()
    for table_doc in doc.tables:
        fields = tuple(
            (f.name, f.identity) for f in table_doc.fields if f.identity is not None and wanted.get(f.identity)
        )
        if not fields:
            continue
        parameters = {f"v{i}": _values(kind, wanted[kind]) for i, (_name, kind) in enumerate(fields)}
        statement = _identified(tables[table_doc.name], fields, search.dialect)
        if search.fetch(table_doc.name, statement, parameters):
            queue.append(table_doc.name)
    _walk(search, queue, doc.referenced_by())
    return search.found


def find(
    descriptor: Descriptor,
    engine: Engine,
    identities: Mapping[Identity, Iterable[str]],
    limit: int = ROW_LIMIT,
    tables: dict[str, Table] | None = None,
) -> Found:
    """Every row in the system that is the person's: rows matching one of their identities, then the
    rows that reference those, and so on (each table's rows fetched once per new value, so cycles of
    references end), in a read-only transaction. ``tables`` are ``check``'s result where the caller
    already has it (reflecting the catalogue costs more than a search)."""
    tables = tables if tables is not None else check(descriptor, engine)
    try:
        with read_only(engine) as connection:
            found = search_in(connection, descriptor, tables, identities, limit)
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        raise ConnectorError(f"{safe_url(engine)}: {type(exc).__name__} while searching") from None
    return json_ready(found)


def reach(
    descriptor: Descriptor,
    engine: Engine,
    table: str,
    keys: Iterable[Any],
    tables: dict[str, Table],
    limit: int = ROW_LIMIT,
) -> Found:
    """The rows of ``table`` with these primary keys, and every row that references them (as ``find``
    follows references): what disposing of those rows touches."""
    doc = descriptor.doc
    table_doc = doc.table(table)
    if table_doc is None or table_doc.primary_key is None:
        raise ConnectorError(f"{table}: not a table with a primary key in {descriptor.filename}")
    primary = table_doc.field(table_doc.primary_key)
    assert primary is not None  # the descriptor's own check
    try:
        with read_only(engine) as connection:
            search = _Search(descriptor, tables, connection, limit)
            queue: deque[str] = deque([table]) if search.fetch_in(table, primary, set(keys)) else deque()
            _walk(search, queue, doc.referenced_by())
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        raise ConnectorError(f"{safe_url(engine)}: {type(exc).__name__} while reading") from None
    return search.found


def expired(
    descriptor: Descriptor, engine: Engine, table: str, before: Any, tables: dict[str, Table], limit: int = ROW_LIMIT
) -> list[Any]:
    """Primary keys of the table's rows whose retention date (its descriptor's ``retention.after``) is
    before ``before`` (a date: rows dated that day or later stay), oldest first, at most ``limit``."""
    table_doc = descriptor.doc.table(table)
    if table_doc is None or table_doc.retention is None or table_doc.primary_key is None:
        raise ConnectorError(f"{table}: no retention rule in {descriptor.filename}")
    target = tables[table]
    dated, primary = target.c[table_doc.retention.after], target.c[table_doc.primary_key]
    statement = (
        select(primary).where(dated < bindparam("before", type_=dated.type)).order_by(dated, primary).limit(limit)
    )
    try:
        with read_only(engine) as connection:
            return [row[0] for row in connection.execute(statement, {"before": before})]
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        raise ConnectorError(f"{safe_url(engine)}: {type(exc).__name__} while reading") from None


def identity_values(descriptor: Descriptor, engine: Engine, kind: Identity, tables: dict[str, Table]) -> Iterator[str]:
    """Every distinct value of the system's identity fields of ``kind`` (e-mail addresses lower-cased),
    streamed: who is in the system, for a breach of the whole of it."""
    seen: set[str] = set()
    try:
        with read_only(engine) as connection:
            for table_doc in descriptor.doc.tables:
                for field_doc in table_doc.fields:
                    if field_doc.identity is not kind:
                        continue
                    column = tables[table_doc.name].c[field_doc.name]
                    statement = select(column).where(column.is_not(None)).distinct()
                    for (value,) in connection.execution_options(yield_per=5000).execute(statement):
                        text = str(value).strip()
                        text = text.lower() if kind in (Identity.EMAIL, Identity.NAME) else text
                        if text and text not in seen:
                            seen.add(text)
                            yield text
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        raise ConnectorError(f"{safe_url(engine)}: {type(exc).__name__} while reading") from None
