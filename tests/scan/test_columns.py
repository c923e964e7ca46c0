"""Scanning a table's text columns on the real databases of this machine — SQLite, PostgreSQL and
MariaDB — through ``privacydesk scan --database``: the planted identifiers are found in the right rows
and columns, in key order, across batches and worker processes; names that are not in the catalogue
are refused (and never reach SQL), hostile values are only data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from faker import Faker
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine
from sqlalchemy.exc import OperationalError

from privacydesk.scan import batch, columns

PLANTED = {
    7: ("body", "Payroll: TFN 123 456 782 for the new starter", "AU_TFN"),
    250: ("body", "Caller read out card 4111 1111 1111 1111", "CREDIT_CARD"),
    1203: ("subject", "NHI ZBN77VL patient portal", "NZ_NHI"),
    1204: ("body", "'; DROP TABLE {table}; -- TFN 123-456-782", "AU_TFN"),
}
ROWS = 1300  # more than one batch of 1,000


def _urls(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'helpdesk.sqlite3'}"
    yield "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    yield "mysql+pymysql://root@127.0.0.1:3306/test"


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def helpdesk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    url = dict(zip(["sqlite", "postgresql", "mariadb"], _urls(tmp_path), strict=True))[request.param]
    engine = create_engine(url)
    name = f"tickets_{uuid.uuid4().hex[:8]}"
    table = Table(
        name,
        MetaData(),
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("subject", String(200)),
        Column("body", Text),
    )
    try:
        table.create(engine)
    except OperationalError as exc:  # pragma: no cover - only where the server is missing
        pytest.skip(f"{request.param} is not reachable here: {exc.orig}")
    fake = Faker("en_AU")
    fake.seed_instance(5)
    rows = []
    for i in range(1, ROWS + 1):
        subject, body = "Printer offline", fake.sentence(nb_words=12)
        if i in PLANTED:
            where, text, _ = PLANTED[i]
            subject, body = (text, body) if where == "subject" else (subject, text.format(table=name))
        rows.append({"id": i, "subject": subject, "body": None if i % 97 == 0 else body})
    with engine.begin() as connection:
        connection.execute(table.insert(), rows)
    yield url, name
    table.drop(engine)
    engine.dispose()


def _scan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "privacydesk", "scan", *args],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=300,
    )


def test_a_tables_columns_are_scanned_row_by_row(helpdesk: tuple[str, str]) -> None:
    url, table = helpdesk
    result = _scan(
        "--database", url, "--table", table, "--column", "subject", "--column", "body",
        "--entities", "AU_TFN,CREDIT_CARD,NZ_NHI", "-j", "2",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    keys = [d["id"]["key"] for d in documents]
    assert keys == sorted(keys) and len(documents) == 2 * ROWS - ROWS // 97  # NULL bodies are skipped
    found = {(d["id"]["key"], d["id"]["column"], e["type"]) for d in documents for e in d["entities"]}
    assert found == {(key, where, entity) for key, (where, _, entity) in PLANTED.items()}
    # The hostile value was only read: the table is still there to drop.
    assert columns.count(columns.Source(url, table, ("body",), "id")) == ROWS


def test_names_not_in_the_catalogue_are_refused(helpdesk: tuple[str, str]) -> None:
    url, table = helpdesk
    result = _scan("--database", url, "--table", f"{table}; DROP TABLE {table}", "--column", "body")
    assert result.returncode == 2 and "--table: no table" in result.stderr
    result = _scan("--database", url, "--table", table, "--column", 'body"; DROP TABLE x; --')
    assert result.returncode == 2
    assert f"--column: {table} has no column" in result.stderr and "it has id, subject, body" in result.stderr
    assert columns.count(columns.Source(url, table, ("body",), "id")) == ROWS


def test_batches_stream_in_key_order(helpdesk: tuple[str, str]) -> None:
    url, table = helpdesk
    source = columns.Source(url, table, ("body",), "id")
    sizes = [len(task.documents) for task in batch.tasks_for_columns(source)]
    assert sum(sizes) == ROWS - ROWS // 97 and max(sizes) <= batch.BATCH_DOCUMENTS and len(sizes) >= 3
