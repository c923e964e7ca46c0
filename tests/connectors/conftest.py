"""A CRM-like schema on this machine's real databases (SQLite, PostgreSQL, MariaDB), filled by Faker:
forty people at two client companies, each with notes, tickets whose events point back at them, and
invoices; one of them (the target) is the person a request is about."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from faker import Faker
from sqlalchemy import (
    Column,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    create_engine,
    insert,
)
from sqlalchemy.exc import OperationalError

TARGET_EMAIL = "Aroha.Ngata@Example.co.nz"
TARGET_PHONE = "021 234 5678"  # as the CRM stored it; searched for as +64212345678


@dataclass
class Crm:
    engine: Engine
    prefix: str
    target: dict[str, set[int]] = field(default_factory=dict)  # table → ids of the target's rows
    others: int = 0

    def t(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def descriptor(self, extra: str = "") -> str:
        p = self.prefix
        return f"""\
dataset: crm
system: Acme CRM
tables:
  - name: {p}contacts
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: account_id}}
      - {{name: email, identity: email, erase: hash}}
      - {{name: phone, identity: phone, erase: hash}}
      - {{name: full_name, identity: name, erase: replace}}
  - name: {p}notes
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: contact_id, references: {p}contacts.id}}
      - {{name: body, erase: replace}}
  - name: {p}tickets
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: contact_id, references: {p}contacts.id}}
      - {{name: last_event_id, references: {p}events.id}}
  - name: {p}events
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: ticket_id, references: {p}tickets.id}}
      - {{name: detail, erase: replace}}
  - name: {p}invoices
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: contact_id, references: {p}contacts.id}}
      - {{name: total, protected: true}}
{extra}"""


def _schema(prefix: str) -> tuple[MetaData, dict[str, Table]]:
    meta = MetaData()
    t = {
        "accounts": Table(
            f"{prefix}accounts",
            meta,
            Column("id", Integer, primary_key=True, autoincrement=False),
            Column("name", String(200)),
        ),
        "contacts": Table(
            f"{prefix}contacts",
            meta,
            Column("id", Integer, primary_key=True, autoincrement=False),
            Column("account_id", Integer, ForeignKey(f"{prefix}accounts.id")),
            Column("email", String(200)),
            Column("phone", String(40)),
            Column("full_name", String(200)),
        ),
        "notes": Table(
            f"{prefix}notes",
            meta,
            Column("id", Integer, primary_key=True, autoincrement=False),
            Column("contact_id", Integer),
            Column("body", Text),
        ),
        "tickets": Table(
            f"{prefix}tickets",
            meta,
            Column("id", Integer, primary_key=True, autoincrement=False),
            Column("contact_id", Integer),
            Column("last_event_id", Integer),
        ),
        "events": Table(
            f"{prefix}events",
            meta,
            Column("id", Integer, primary_key=True, autoincrement=False),
            Column("ticket_id", Integer),
            Column("detail", Text),
        ),
        "invoices": Table(
            f"{prefix}invoices",
            meta,
            Column("id", Integer, primary_key=True, autoincrement=False),
            Column("contact_id", Integer),
            Column("total", Numeric(10, 2)),
        ),
    }
    return meta, t


def _fill(crm: Crm, t: dict[str, Table], people: int = 40) -> None:
    """Forty people at two client companies (the target shares hers with others), each with notes,
    tickets whose events point back at them, and invoices."""
    rng = random.Random(11)
    fakers = [Faker("en_AU"), Faker("en_NZ")]
    for i, fake in enumerate(fakers):
        fake.seed_instance(20 + i)
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in t}
    rows["accounts"] = [{"id": 1, "name": "Kauri IT Ltd"}, {"id": 2, "name": "Wattle Services Pty Ltd"}]
    crm.target = {name: set() for name in ("contacts", "notes", "tickets", "events", "invoices")}
    ids = {name: 0 for name in t}

    def next_id(name: str) -> int:
        ids[name] += 1
        return ids[name]

    for person in range(people):
        fake = fakers[person % 2]
        is_target = person == 17
        contact = next_id("contacts")
        email = TARGET_EMAIL if is_target else fake.unique.email()
        rows["contacts"].append(
            {
                "id": contact,
                "account_id": 1 + person % 2,
                "email": email,
                "phone": TARGET_PHONE if is_target else fake.phone_number(),
                "full_name": "Aroha Ngata" if is_target else fake.name(),
            }
        )
        mine = {"contacts": {contact}, "notes": set(), "tickets": set(), "events": set(), "invoices": set()}
        for _ in range(rng.randint(1, 3)):
            note = next_id("notes")
            rows["notes"].append({"id": note, "contact_id": contact, "body": fake.sentence()})
            mine["notes"].add(note)
        for _ in range(rng.randint(1, 2)):
            ticket = next_id("tickets")
            events = [next_id("events") for _ in range(rng.randint(1, 3))]
            rows["tickets"].append({"id": ticket, "contact_id": contact, "last_event_id": events[-1]})
            rows["events"] += [{"id": e, "ticket_id": ticket, "detail": fake.sentence()} for e in events]
            mine["tickets"].add(ticket)
            mine["events"].update(events)
        invoice = next_id("invoices")
        rows["invoices"].append({"id": invoice, "contact_id": contact, "total": f"{rng.randint(10, 9000)}.50"})
        mine["invoices"].add(invoice)
        if is_target:
            crm.target = mine
    with crm.engine.begin() as connection:
        for name in ("accounts", "contacts", "notes", "tickets", "events", "invoices"):
            connection.execute(insert(t[name]), rows[name])
    crm.others = sum(len(r) for r in rows.values()) - sum(len(v) for v in crm.target.values())


BACKENDS = ["sqlite", "postgresql", "mariadb"]


def database_url(backend: str, folder: Path) -> str:
    """This machine's databases: a SQLite file in ``folder``, PostgreSQL's and MariaDB's ``test``."""
    return {
        "sqlite": f"sqlite:///{folder / 'system.sqlite3'}",
        "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/test",
        "mariadb": "mysql+pymysql://root@127.0.0.1:3306/test",
    }[backend]


@pytest.fixture(params=BACKENDS)
def crm(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Crm]:
    engine = create_engine(database_url(request.param, tmp_path))
    prefix = f"c{uuid.uuid4().hex[:6]}_"
    meta, tables = _schema(prefix)
    try:
        meta.create_all(engine)
    except OperationalError as exc:  # pragma: no cover - only where the server is missing
        pytest.skip(f"{request.param} is not reachable here: {exc.orig}")
    crm = Crm(engine, prefix)
    try:
        _fill(crm, tables)
        yield crm
    finally:
        meta.drop_all(engine)
        engine.dispose()
