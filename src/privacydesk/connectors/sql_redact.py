"""Redacting what must not be kept from free text in a connected system — card numbers typed into
tickets, above all (PCI DSS: never stored after authorisation; the register's "card numbers" rule) —
with the scanner. A field's descriptor names what to redact (``redact: [CREDIT_CARD]``).

``find`` reads the table in primary-key order (read-only, streamed) and returns the keys of rows
whose fields hold something to redact; ``apply`` scans those rows again and rewrites them in one
transaction. Card numbers keep their last four digits (as PCI DSS allows them to be shown); other
identifiers become their type in brackets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Table, bindparam, select, update
from sqlalchemy.exc import SQLAlchemyError

from privacydesk.connectors import sql
from privacydesk.connectors.descriptor import Descriptor, TableDoc
from privacydesk.scan.engine import detectors_for, scan
from privacydesk.scan.redact import redact

FETCH = 1000  # rows read at a time


@dataclass
class Redacted:
    table: str
    rows: int
    findings: dict[str, int]  # entity → how many were redacted


def _fields(table_doc: TableDoc) -> dict[str, list[str]]:
    return {f.name: f.redact for f in table_doc.fields if f.redact}


def tables_to_scan(descriptor: Descriptor) -> list[str]:
    return [t.name for t in descriptor.doc.tables if _fields(t) and t.primary_key]


def _redacted(text: Any, entities: list[str]) -> tuple[str, list[str]] | None:
    if not isinstance(text, str) or not text:
        return None
    findings = scan(text, detectors_for(entities))
    if not findings:
        return None
    new, done = redact(text, findings)
    return new, [r.entity for r in done]


def find(
    descriptor: Descriptor, engine: Engine, table: str, tables: dict[str, Table], limit: int = sql.ROW_LIMIT
) -> list[Any]:
    """Keys of the table's rows holding something its descriptor says to redact (at most ``limit``)."""
    table_doc = descriptor.doc.table(table)
    assert table_doc is not None and table_doc.primary_key is not None
    fields = _fields(table_doc)
    target = tables[table]
    primary = target.c[table_doc.primary_key]
    statement = select(primary, *(target.c[name] for name in fields)).order_by(primary)
    keys: list[Any] = []
    try:
        with sql.read_only(engine) as connection:
            result = connection.execution_options(yield_per=FETCH).execute(statement)
            for row in result:
                if any(_redacted(row[i + 1], entities) for i, entities in enumerate(fields.values())):
                    keys.append(row[0])
                    if len(keys) >= limit:
                        break
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        raise sql.ConnectorError(f"{sql.safe_url(engine)}: {type(exc).__name__} while scanning {table}") from None
    return keys


def apply(descriptor: Descriptor, engine: Engine, table: str, keys: list[Any], tables: dict[str, Table]) -> Redacted:
    """Scan the rows again and rewrite what they hold, in one transaction (all or nothing)."""
    table_doc = descriptor.doc.table(table)
    assert table_doc is not None and table_doc.primary_key is not None
    fields = _fields(table_doc)
    target = tables[table]
    primary = target.c[table_doc.primary_key]
    report = Redacted(table, 0, {})
    try:
        with engine.begin() as connection:
            for start in range(0, len(keys), sql.CHUNK):
                chosen = keys[start : start + sql.CHUNK]
                rows = connection.execute(
                    select(primary, *(target.c[n] for n in fields)).where(primary.in_(chosen))
                ).all()
                for row in rows:
                    values: dict[str, str] = {}
                    for i, (name, entities) in enumerate(fields.items()):
                        done = _redacted(row[i + 1], entities)
                        if done is not None:
                            values[name] = done[0]
                            for entity in done[1]:
                                report.findings[entity] = report.findings.get(entity, 0) + 1
                    if values:
                        connection.execute(
                            update(target).where(primary == bindparam("key")).values(values), {"key": row[0]}
                        )
                        report.rows += 1
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        raise sql.ConnectorError(
            f"{sql.safe_url(engine)}: redaction failed and was rolled back ({type(exc).__name__})"
        ) from None
    return report
