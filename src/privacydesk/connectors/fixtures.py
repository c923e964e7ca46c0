"""Connected systems that look like the real thing, at any size, for tests, demonstrations and
benchmarks: a CRM (accounts, contacts, notes, e-mails), a helpdesk (clients, contacts, tickets with
free text, time entries, call logs) and an accounting package's CSV exports (customers, invoices,
payments), each with its dataset descriptor.

People are synthetic (Faker, en_AU and en_NZ), drawn from pools so that a million rows take seconds,
not the hours a Faker call per row would. Names repeat, as they do in life: a name alone never
identifies anyone. The first person is ``target`` when one is given (the person a test's request is
about), and the second shares the target's name but nothing else; ``Built.owned`` lists, per system
and table, the keys of every row that is the target's, so a test can check that a search returns
exactly those.

Each person is a contact in the CRM (written as the CRM's users typed it: e-mail in mixed case, phone
"021 234 5678"), a contact in the helpdesk (phone in E.164) and a customer in accounting. Colleagues
share an account or client, which a search must not return: it is the company's row, not theirs.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import phonenumbers
from faker import Faker
from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    insert,
    inspect,
)

CHUNK = 5_000  # rows per INSERT
START = datetime(2023, 1, 1, 9, 0)


@dataclass(frozen=True)
class Someone:
    name: str
    email: str
    phone: str  # E.164, or "" for someone without one
    customer_number: str
    country: str = "AU"


@dataclass
class Built:
    """What was generated: how many rows per table, and the target's rows (table → keys)."""

    counts: dict[str, int] = field(default_factory=dict)
    owned: dict[str, set[Any]] = field(default_factory=dict)
    carded: set[Any] = field(default_factory=set)  # tickets whose text holds a card number


CRM_DESCRIPTOR = """\
dataset: crm
system: {system}
tables:
  - name: {p}accounts
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: name}}
  - name: {p}contacts
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: account_id}}
      - {{name: first_name, categories: [contact], erase: replace}}
      - {{name: last_name, categories: [contact], erase: replace}}
      - {{name: email, categories: [contact], identity: email, erase: hash}}
      - {{name: mobile, categories: [contact], identity: phone, erase: hash}}
      - {{name: job_title, categories: [contact], erase: set_null}}
  - name: {p}notes
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: contact_id, references: {p}contacts.id}}
      - {{name: author}}
      - {{name: body, categories: [contact], erase: replace}}
  - name: {p}emails
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: contact_id, references: {p}contacts.id}}
      - {{name: direction}}
      - {{name: subject, categories: [contact], erase: replace}}
      - {{name: body, categories: [contact], erase: replace}}
"""

HELPDESK_DESCRIPTOR = """\
dataset: helpdesk
system: {system}
tables:
  - name: {p}clients
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: name}}
  - name: {p}contacts
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: client_id}}
      - {{name: full_name, categories: [contact], erase: replace}}
      - {{name: email, categories: [contact], identity: email, erase: hash}}
      - {{name: phone, categories: [contact], identity: phone, erase: hash}}
  - name: {p}tickets
    primary_key: id
    retention: {{rule: Support records, after: opened_at}}
    fields:
      - {{name: id}}
      - {{name: contact_id, references: {p}contacts.id}}
      - {{name: subject, categories: [technical], erase: replace}}
      - {{name: body, categories: [technical, contact], erase: replace, redact: [CREDIT_CARD]}}
      - {{name: opened_at}}
  - name: {p}time_entries
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: ticket_id, references: {p}tickets.id}}
      - {{name: technician}}
      - {{name: minutes, protected: true}}
      - {{name: billed, protected: true}}
      - {{name: note, categories: [technical], erase: replace}}
  - name: {p}call_logs
    primary_key: id
    retention: {{rule: Call recordings, after: called_at}}
    fields:
      - {{name: id}}
      - {{name: contact_id, references: {p}contacts.id}}
      - {{name: phone, categories: [contact], identity: phone, erase: hash}}
      - {{name: called_at}}
      - {{name: note, categories: [recordings], erase: replace}}
"""

ACCOUNTING_DESCRIPTOR = """\
dataset: accounting
system: {system}
tables:
  - name: customers
    fields:
      - {{name: customer_number, identity: customer_number}}
      - {{name: name, categories: [contact]}}
      - {{name: email, categories: [contact], identity: email}}
      - {{name: phone, categories: [contact], identity: phone}}
  - name: invoices
    fields:
      - {{name: invoice_no}}
      - {{name: customer_number, references: customers.customer_number}}
      - {{name: issued_on}}
      - {{name: description, categories: [billing]}}
      - {{name: total, categories: [billing], protected: true}}
      - {{name: gst, categories: [billing], protected: true}}
  - name: payments
    fields:
      - {{name: payment_id}}
      - {{name: invoice_no, references: invoices.invoice_no}}
      - {{name: paid_on}}
      - {{name: amount, categories: [billing], protected: true}}
      - {{name: method}}
"""

ISSUES = [
    "cannot open the shared mailbox",
    "says Outlook keeps asking for a password",
    "needs MFA reset after a new phone",
    "reported the VPN drops every hour",
    "asked for a laptop for a new starter",
    "the printer on level 2 shows offline",
    "has a full OneDrive",
    "wants the boardroom screen to work with Teams",
]
ACTIONS = [
    "remote session booked",
    "fixed by clearing the credential cache",
    "escalated to the network team",
    "replacement toner ordered",
    "licence assigned and confirmed by email",
    "closed after a call back",
]
# The card networks' published test numbers (they pass the Luhn check; no real account has them).
TEST_CARDS = ["4111 1111 1111 1111", "5555 5555 5555 4444", "4012 8888 8888 1881", "3782 822463 10005"]
CARD_RATE = 0.02
TITLES = ["Office Manager", "Practice Manager", "Director", "Accounts", "Reception", "Operations Lead", None]


def descriptors(prefix: str = "") -> dict[str, str]:
    """The three systems' descriptors (YAML), for table names starting with ``prefix``."""
    return {
        "crm": CRM_DESCRIPTOR.format(p=prefix, system="CRM"),
        "helpdesk": HELPDESK_DESCRIPTOR.format(p=prefix, system="Helpdesk"),
        "accounting": ACCOUNTING_DESCRIPTOR.format(system="Accounting exports"),
    }


class _Pools:
    """Faker values drawn once; people are combinations of them."""

    def __init__(self, seed: int) -> None:
        fakers = [Faker("en_AU"), Faker("en_NZ")]
        for i, fake in enumerate(fakers):
            fake.seed_instance(seed + i)
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.first = [fakers[i % 2].first_name() for i in range(600)]
        self.last = [fakers[i % 2].last_name() for i in range(900)]
        self.companies = [fakers[i % 2].company() for i in range(400)]
        self.domains = [fakers[i % 2].free_email_domain() for i in range(20)] + [
            fakers[i % 2].domain_name() for i in range(200)
        ]
        self.technicians = [fakers[i % 2].first_name() for i in range(12)]
        self.sentences = [fakers[i % 2].sentence(nb_words=10) for i in range(500)]

    def person(self, i: int) -> Someone:
        first, last = self.rng.choice(self.first), self.rng.choice(self.last)
        country = "NZ" if i % 3 == 0 else "AU"
        national = f"21{i % 10_000_000:07d}" if country == "NZ" else f"4{i % 100_000_000:08d}"
        phone = "+64" + national if country == "NZ" else "+61" + national
        domain = self.rng.choice(self.domains)
        return Someone(f"{first} {last}", f"{first}.{last}{i}@{domain}".lower(), phone, f"C{100000 + i}", country)


def _national(phone: str) -> str | None:
    """The number as people type it ("021 234 5678"); None for someone without one."""
    if not phone:
        return None
    parsed = phonenumbers.parse(phone)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def population(people: int, seed: int = 7, target: Someone | None = None) -> Iterator[Someone]:
    """``people`` people; the target first and then a namesake of hers, when a target is given."""
    pools = _Pools(seed)
    for i in range(people):
        if target is not None and i == 0:
            yield target
        elif target is not None and i == 1:
            other = pools.person(i)
            yield Someone(target.name, other.email, other.phone, other.customer_number, target.country)
        else:
            yield pools.person(i)


class _Writer:
    """Rows queued per table and inserted ``CHUNK`` at a time, parents before children."""

    def __init__(self, engine: Engine, tables: dict[str, Table], built: Built, tick: Callable[[int], None]) -> None:
        self.engine, self.tables, self.built, self.tick = engine, tables, built, tick
        self.queued: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}

    def add(self, name: str, row: dict[str, Any]) -> None:
        self.queued[name].append(row)
        if len(self.queued[name]) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        with self.engine.begin() as connection:
            for name, rows in self.queued.items():  # insertion order: parents first
                if rows:
                    connection.execute(insert(self.tables[name]), rows)
                    self.built.counts[name] = self.built.counts.get(name, 0) + len(rows)
                    self.tick(len(rows))
                    rows.clear()


class FixtureError(RuntimeError):
    """A fixture that would overwrite tables already there."""


def _create(engine: Engine, meta: MetaData, replace: bool) -> None:
    """Create the tables; ones already there are dropped first only with ``replace`` (a real system's
    tables may share these names)."""
    there = sorted(set(meta.tables) & set(inspect(engine).get_table_names()))
    if there and not replace:
        raise FixtureError(f"tables already there: {', '.join(there)} (replace them, or use another prefix)")
    meta.drop_all(engine)
    meta.create_all(engine)


def _id(counter: dict[str, int], name: str) -> int:
    counter[name] = counter.get(name, 0) + 1
    return counter[name]


def _key() -> Column[int]:
    return Column("id", Integer, primary_key=True, autoincrement=False)


def crm_schema(prefix: str = "") -> tuple[MetaData, dict[str, Table]]:
    meta = MetaData()
    p = prefix
    tables = {
        "accounts": Table(f"{p}accounts", meta, _key(), Column("name", String(200))),
        "contacts": Table(
            f"{p}contacts",
            meta,
            _key(),
            Column("account_id", Integer, ForeignKey(f"{p}accounts.id"), index=True),
            Column("first_name", String(100)),
            Column("last_name", String(100)),
            Column("email", String(254), index=True),
            Column("mobile", String(40), index=True),
            Column("job_title", String(100), nullable=True),
        ),
        "notes": Table(
            f"{p}notes",
            meta,
            _key(),
            Column("contact_id", Integer, ForeignKey(f"{p}contacts.id"), index=True),
            Column("author", String(100)),
            Column("body", Text),
            Column("created_at", DateTime),
        ),
        "emails": Table(
            f"{p}emails",
            meta,
            _key(),
            Column("contact_id", Integer, ForeignKey(f"{p}contacts.id"), index=True),
            Column("direction", String(10)),
            Column("subject", String(200)),
            Column("body", Text),
            Column("sent_at", DateTime),
        ),
    }
    return meta, tables


def helpdesk_schema(prefix: str = "") -> tuple[MetaData, dict[str, Table]]:
    meta = MetaData()
    p = prefix
    tables = {
        "clients": Table(f"{p}clients", meta, _key(), Column("name", String(200))),
        "contacts": Table(
            f"{p}contacts",
            meta,
            _key(),
            Column("client_id", Integer, ForeignKey(f"{p}clients.id"), index=True),
            Column("full_name", String(200)),
            Column("email", String(254), index=True),
            Column("phone", String(40), index=True),
        ),
        "tickets": Table(
            f"{p}tickets",
            meta,
            _key(),
            Column("contact_id", Integer, ForeignKey(f"{p}contacts.id"), index=True),
            Column("subject", String(200)),
            Column("body", Text),
            Column("opened_at", DateTime),
        ),
        "time_entries": Table(
            f"{p}time_entries",
            meta,
            _key(),
            Column("ticket_id", Integer, ForeignKey(f"{p}tickets.id"), index=True),
            Column("technician", String(100)),
            Column("minutes", Integer),
            Column("billed", Numeric(10, 2)),
            Column("note", Text),
        ),
        "call_logs": Table(
            f"{p}call_logs",
            meta,
            _key(),
            Column("contact_id", Integer, ForeignKey(f"{p}contacts.id"), index=True),
            Column("phone", String(40), index=True),
            Column("called_at", DateTime),
            Column("note", Text),
        ),
    }
    return meta, tables


def _ticket_text(rng: random.Random, first: str) -> str:
    return f"{first} {rng.choice(ISSUES)}; {rng.choice(ACTIONS)}."


def build_crm(
    engine: Engine,
    people: list[Someone],
    prefix: str = "",
    seed: int = 7,
    tick: Callable[[int], None] = lambda _n: None,
    replace: bool = False,
) -> Built:
    """The CRM's tables, created and filled with ``people``."""
    meta, tables = crm_schema(prefix)
    _create(engine, meta, replace)
    pools, built = _Pools(seed), Built(owned={"contacts": set(), "notes": set(), "emails": set()})
    ids: dict[str, int] = {}
    writer = _Writer(engine, tables, built, tick)
    accounts = max(1, len(people) // 8)
    for a in range(1, accounts + 1):
        writer.add("accounts", {"id": a, "name": pools.companies[a % len(pools.companies)]})
    for n, person in enumerate(people):
        first, _, last = person.name.partition(" ")
        contact = _id(ids, "contacts")
        writer.add(
            "contacts",
            {
                "id": contact,
                "account_id": 1 + n % accounts,
                "first_name": first,
                "last_name": last,
                # typed by hand: the first person's e-mail capitalised, phones in national form
                "email": person.email.title() if n == 0 else person.email,
                "mobile": _national(person.phone),
                "job_title": pools.rng.choice(TITLES),
            },
        )
        mine = n == 0
        if mine:
            built.owned["contacts"].add(contact)
        for _ in range(pools.rng.randint(0, 3)):
            note = _id(ids, "notes")
            when = START + timedelta(hours=pools.rng.randint(0, 30_000))
            body = f"Spoke to {first}: {pools.rng.choice(pools.sentences)}"
            writer.add(
                "notes", {"id": note, "contact_id": contact, "author": "sales", "body": body, "created_at": when}
            )
            if mine:
                built.owned["notes"].add(note)
        for _ in range(pools.rng.randint(0, 2)):
            email = _id(ids, "emails")
            when = START + timedelta(hours=pools.rng.randint(0, 30_000))
            row = {
                "id": email,
                "contact_id": contact,
                "direction": pools.rng.choice(["in", "out"]),
                "subject": f"Re: {pools.rng.choice(ISSUES)}",
                "body": f"Hi {first},\n{pools.rng.choice(pools.sentences)}\nRegards",
                "sent_at": when,
            }
            writer.add("emails", row)
            if mine:
                built.owned["emails"].add(email)
    writer.flush()
    return built


def build_helpdesk(
    engine: Engine,
    people: list[Someone],
    prefix: str = "",
    seed: int = 7,
    tickets_each: int = 5,
    tick: Callable[[int], None] = lambda _n: None,
    replace: bool = False,
) -> Built:
    """The helpdesk's tables, created and filled with ``people``, about
    ``tickets_each`` tickets a person (a time entry or two a ticket) and a call log or so each."""
    meta, tables = helpdesk_schema(prefix)
    _create(engine, meta, replace)
    pools, ids = _Pools(seed + 1), dict[str, int]()
    built = Built(owned={name: set() for name in ("contacts", "tickets", "time_entries", "call_logs")})
    writer = _Writer(engine, tables, built, tick)
    clients = max(1, len(people) // 12)
    for c in range(1, clients + 1):
        writer.add("clients", {"id": c, "name": pools.companies[c % len(pools.companies)]})
    for n, person in enumerate(people):
        mine = n == 0
        first = person.name.partition(" ")[0]
        contact = _id(ids, "contacts")
        row = {"id": contact, "client_id": 1 + n % clients, "full_name": person.name, "email": person.email}
        writer.add("contacts", {**row, "phone": person.phone or None})
        owned: dict[str, list[int]] = {"contacts": [contact], "tickets": [], "time_entries": [], "call_logs": []}
        for _ in range(pools.rng.randint(0, 2 * tickets_each)):
            ticket = _id(ids, "tickets")
            when = START + timedelta(hours=pools.rng.randint(0, 30_000))
            text = _ticket_text(pools.rng, first)
            if pools.rng.random() < CARD_RATE:  # what staff should never have typed in
                text += f" Paid the invoice by card {pools.rng.choice(TEST_CARDS)}, exp 09/28."
                built.carded.add(ticket)
            writer.add(
                "tickets", {"id": ticket, "contact_id": contact, "subject": text[:60], "body": text, "opened_at": when}
            )
            owned["tickets"].append(ticket)
            for _ in range(pools.rng.randint(1, 2)):
                entry = _id(ids, "time_entries")
                minutes = pools.rng.choice([15, 30, 45, 60, 90])
                writer.add(
                    "time_entries",
                    {
                        "id": entry,
                        "ticket_id": ticket,
                        "technician": pools.rng.choice(pools.technicians),
                        "minutes": minutes,
                        "billed": f"{minutes * 2.75:.2f}",
                        "note": pools.rng.choice(ACTIONS),
                    },
                )
                owned["time_entries"].append(entry)
        for _ in range(pools.rng.randint(0, 2) if person.phone else 0):
            call = _id(ids, "call_logs")
            when = START + timedelta(hours=pools.rng.randint(0, 30_000))
            note = f"{first} called: {pools.rng.choice(ISSUES)}"
            writer.add(
                "call_logs", {"id": call, "contact_id": contact, "phone": person.phone, "called_at": when, "note": note}
            )
            owned["call_logs"].append(call)
        if mine:
            for name, keys in owned.items():
                built.owned[name].update(keys)
    writer.flush()
    return built


def build_accounting(
    folder: Path, people: list[Someone], seed: int = 7, tick: Callable[[int], None] = lambda _n: None
) -> Built:
    """``customers.csv``, ``invoices.csv`` and ``payments.csv`` in ``folder``, as an accounting
    package exports them; owned keys are invoice and payment numbers, and customer numbers."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 2)  # noqa: S311 - synthetic data, not secrets
    built = Built(owned={"customers": set(), "invoices": set(), "payments": set()})
    files = {name: (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") for name in built.owned}
    try:
        customers = csv.writer(files["customers"])
        invoices = csv.writer(files["invoices"])
        payments = csv.writer(files["payments"])
        customers.writerow(["customer_number", "name", "email", "phone"])
        invoices.writerow(["invoice_no", "customer_number", "issued_on", "description", "total", "gst"])
        payments.writerow(["payment_id", "invoice_no", "paid_on", "amount", "method"])
        invoice_no = payment_no = 0
        for n, person in enumerate(people):
            mine = n == 0
            customers.writerow([person.customer_number, person.name, person.email, person.phone])
            if mine:
                built.owned["customers"].add(person.customer_number)
            for _ in range(rng.randint(0, 4)):
                invoice_no += 1
                number = f"INV-{invoice_no:07d}"
                issued = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1000))
                total = rng.randint(50, 5000)
                gst = round(total * (0.15 if person.country == "NZ" else 0.10), 2)
                invoices.writerow(
                    [
                        number,
                        person.customer_number,
                        issued.isoformat(),
                        "Managed IT services",
                        f"{total:.2f}",
                        f"{gst:.2f}",
                    ]
                )
                if mine:
                    built.owned["invoices"].add(number)
                if rng.random() < 0.8:
                    payment_no += 1
                    paid = issued + timedelta(days=rng.randint(1, 40))
                    payments.writerow(
                        [
                            f"PAY-{payment_no:07d}",
                            number,
                            paid.isoformat(),
                            f"{total:.2f}",
                            rng.choice(["EFT", "card", "direct debit"]),
                        ]
                    )
                    if mine:
                        built.owned["payments"].add(f"PAY-{payment_no:07d}")
            tick(1)
        built.counts = {"customers": len(people), "invoices": invoice_no, "payments": payment_no}
    finally:
        for handle in files.values():
            handle.close()
    return built
