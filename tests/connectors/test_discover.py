"""Discovery on the real databases: a helpdesk whose schema nobody described is sampled and scanned;
the draft descriptor names its identity columns, the identifiers hiding in ticket text and the
references its foreign keys make — and, once loaded, finds a person's tickets. Categories the register
does not list for the system are flagged."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from faker import Faker
from sqlalchemy import Column, Engine, ForeignKey, Integer, MetaData, String, Table, Text, create_engine, insert
from sqlalchemy.exc import OperationalError

from privacydesk.connectors import discover, sql
from privacydesk.connectors.descriptor import Identity, load
from tests.connectors.conftest import BACKENDS, database_url

TFNS = ["123 456 782", "876 543 210", "111 111 111"]  # the last two fail the check: never reported


@pytest.fixture(params=BACKENDS)
def helpdesk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Engine, str]]:
    engine = create_engine(database_url(request.param, tmp_path))
    p = f"d{uuid.uuid4().hex[:6]}_"
    meta = MetaData()
    clients = Table(
        f"{p}clients", meta, Column("id", Integer, primary_key=True, autoincrement=False), Column("name", String(100))
    )
    contacts = Table(
        f"{p}contacts",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("client_id", Integer, ForeignKey(clients.c.id)),
        Column("email", String(200)),
        Column("mobile", String(40)),
        Column("full_name", String(200)),
    )
    tickets = Table(
        f"{p}tickets",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("contact_id", Integer, ForeignKey(contacts.c.id)),
        Column("status", String(20)),
        Column("body", Text),
    )
    try:
        meta.create_all(engine)
    except OperationalError as exc:  # pragma: no cover - only where the server is missing
        pytest.skip(f"{request.param} is not reachable here: {exc.orig}")
    fake = Faker("en_AU")
    fake.seed_instance(3)
    rng = random.Random(3)
    with engine.begin() as connection:
        connection.execute(insert(clients), [{"id": 1, "name": "Wattle Dental Pty Ltd"}])
        connection.execute(
            insert(contacts),
            [
                {
                    "id": i,
                    "client_id": 1,
                    "email": fake.unique.email(),
                    "mobile": f"04{rng.randrange(10**8):08d}",
                    "full_name": fake.name(),
                }
                for i in range(1, 61)
            ],
        )
        connection.execute(
            insert(tickets),
            [
                {
                    "id": i,
                    "contact_id": 1 + i % 60,
                    "status": rng.choice(["open", "closed"]),
                    "body": fake.sentence() + (f" Payroll: TFN {TFNS[0]} updated." if i % 3 == 0 else ""),
                }
                for i in range(1, 181)
            ],
        )
    try:
        yield engine, p
    finally:
        meta.drop_all(engine)
        engine.dispose()


def test_discovery_drafts_a_descriptor_that_works(helpdesk: tuple[Engine, str]) -> None:
    engine, p = helpdesk
    guesses = {g.name: g for g in discover.discover(engine) if g.name.startswith(p)}
    contacts = {c.name: c for c in guesses[f"{p}contacts"].columns}
    assert contacts["email"].identity == "email" and contacts["mobile"].identity == "phone"
    assert contacts["full_name"].identity is None and contacts["full_name"].categories == ["contact"]
    body = {c.name: c for c in guesses[f"{p}tickets"].columns}["body"]
    assert body.identity is None and "government_ids" in body.categories and 0.3 <= body.share("AU_TFN") <= 0.34
    assert {c.name: c for c in guesses[f"{p}tickets"].columns}["status"].categories == []

    text = discover.draft("helpdesk", "Acme Helpdesk", [g for n, g in guesses.items()])
    doc = yaml.safe_load(text)
    names = [t["name"] for t in doc["tables"]]
    assert f"{p}clients" not in names  # a company table with no personal columns
    tickets = next(t for t in doc["tables"] if t["name"] == f"{p}tickets")
    assert {"name": "contact_id", "references": f"{p}contacts.id"} in tickets["fields"]
    descriptor = load(text, "draft.yaml")
    email = contacts["email"]
    assert email.sampled == 60
    with engine.connect() as connection:
        target = connection.exec_driver_sql(f"SELECT email FROM {p}contacts WHERE id = 7").scalar_one()
    found = sql.find(descriptor, engine, {Identity.EMAIL: [target]})
    assert {row["contact_id"] for row in found.rows[f"{p}tickets"]} == {7} and len(found.rows[f"{p}tickets"]) == 3
