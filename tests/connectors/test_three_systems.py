"""One person spread across the three systems an IT provider really has — a CRM in MariaDB, a
helpdesk in PostgreSQL, an accounting package's CSV exports — built by ``connectors.fixtures`` with a
namesake of hers and colleagues at the same companies. A search returns all of her rows and none of
anyone else's; an erasure leaves no identity of hers behind, every protected field as it was, and
everybody else's rows untouched."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.exc import OperationalError

from privacydesk.connectors import fixtures, services
from privacydesk.connectors.models import Connection, Job, Step
from privacydesk.connectors.sql import phone_variants
from privacydesk.people import services as people
from privacydesk.register.models import System
from privacydesk.rights import services as rights
from tests.connectors.conftest import database_url

pytestmark = pytest.mark.django_db(transaction=True)

TARGET = fixtures.Someone("Aroha Ngata", "aroha.ngata@example.co.nz", "+64212345678", "C777001", "NZ")
PEOPLE = 150


def _engine(backend: str, tmp_path: Path) -> Engine:
    engine = create_engine(database_url(backend, tmp_path))
    try:
        engine.connect().close()
    except OperationalError as exc:  # pragma: no cover - only where the server is missing
        pytest.skip(f"{backend} is not reachable here: {exc.orig}")
    return engine


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    crm, helpdesk = _engine("mariadb", tmp_path), _engine("postgresql", tmp_path)
    prefix = f"f{uuid.uuid4().hex[:6]}_"
    population = list(fixtures.population(PEOPLE, seed=3, target=TARGET))
    built = {
        "crm": fixtures.build_crm(crm, population, prefix),
        "helpdesk": fixtures.build_helpdesk(helpdesk, population, prefix),
        "accounting": fixtures.build_accounting(tmp_path / "exports", population),
    }
    try:
        yield {"crm": crm, "helpdesk": helpdesk, "prefix": prefix, "built": built, "folder": tmp_path / "exports"}
    finally:
        fixtures.crm_schema(prefix)[0].drop_all(crm)
        fixtures.helpdesk_schema(prefix)[0].drop_all(helpdesk)
        crm.dispose()
        helpdesk.dispose()


def _request(world: dict[str, Any]) -> rights.Request:  # type: ignore[name-defined]
    described = fixtures.descriptors(world["prefix"])
    for name, engine in (("crm", world["crm"]), ("helpdesk", world["helpdesk"])):
        url = engine.url.render_as_string(hide_password=False)
        services.add_connection(System.objects.create(name=name.title()), name, url, described[name])
    services.add_connection(
        System.objects.create(name="Accounting"),
        "accounting",
        str(world["folder"]),
        described["accounting"],
        kind=Connection.FILES,
    )
    people.create_person(
        name=TARGET.name,
        jurisdiction="NZ",
        identities=[people.IdentityInput("email", TARGET.email), people.IdentityInput("phone", TARGET.phone)],
    )
    return rights.submit_verified(rights.Submission("erasure", TARGET.name, TARGET.email, country="NZ"), "Phone")


def _snapshot(engine: Engine, prefix: str, schema: Any) -> dict[str, dict[Any, tuple[Any, ...]]]:
    _meta, tables = schema(prefix)
    with engine.connect() as connection:
        return {name: {row[0]: tuple(row) for row in connection.execute(select(t))} for name, t in tables.items()}


def test_access_returns_all_of_her_rows_in_each_system_and_nobody_elses(world: dict[str, Any]) -> None:
    request = _request(world)
    job = services.start(request, Job.ACCESS)
    services.run_due()
    steps = {s.connection.name: s for s in job.steps.all()}
    assert {s.status for s in steps.values()} == {Step.SUCCEEDED}
    prefix = world["prefix"]
    for system in ("crm", "helpdesk"):
        found = {
            table.removeprefix(prefix): {row["id"] for row in rows}
            for table, rows in steps[system].result["rows"].items()
            if rows
        }
        owned = {table: keys for table, keys in world["built"][system].owned.items() if keys}
        assert found == owned, system
    accounting = steps["accounting"].result["rows"]
    owned = world["built"]["accounting"].owned
    assert {r["customer_number"] for r in accounting["customers"]} == owned["customers"] == {TARGET.customer_number}
    assert {r["invoice_no"] for r in accounting["invoices"]} == owned["invoices"]
    assert {r["payment_id"] for r in accounting["payments"]} == owned["payments"]
    # her namesake at the same companies is in every system, and in none of her results
    assert world["built"]["crm"].counts["contacts"] == PEOPLE


def test_erasure_leaves_no_identity_of_hers_protected_fields_intact_and_others_untouched(
    world: dict[str, Any],
) -> None:
    request = _request(world)
    prefix, built = world["prefix"], world["built"]
    before = {
        "crm": _snapshot(world["crm"], prefix, fixtures.crm_schema),
        "helpdesk": _snapshot(world["helpdesk"], prefix, fixtures.helpdesk_schema),
    }
    services.start(request, Job.ERASURE_PLAN)
    services.run_due()
    job = services.start(request, Job.ERASURE)
    services.run_due()
    steps = {s.connection.name: s for s in job.steps.all()}
    assert steps["crm"].result["report"]["verified"] and steps["helpdesk"].result["report"]["verified"]
    assert steps["accounting"].status == Step.MANUAL  # exports are deleted or regenerated by hand
    after = {
        "crm": _snapshot(world["crm"], prefix, fixtures.crm_schema),
        "helpdesk": _snapshot(world["helpdesk"], prefix, fixtures.helpdesk_schema),
    }
    hers = {TARGET.email.lower(), TARGET.name.lower(), *(v.lower() for v in phone_variants(TARGET.phone))}
    hers |= {"aroha"}  # her first name, as notes and tickets address her
    for system in ("crm", "helpdesk"):
        for table, rows in after[system].items():
            owned = built[system].owned.get(table, set())
            for key, row in rows.items():
                if key in owned:
                    text = " ".join(str(v).lower() for v in row)
                    assert not any(value in text for value in hers), (system, table, key, row)
                else:
                    assert row == before[system][table][key], (system, table, key)  # nobody else's row changed
    entries = fixtures.helpdesk_schema(prefix)[1]["time_entries"].c
    minutes, billed = list(entries.keys()).index("minutes"), list(entries.keys()).index("billed")
    for key in built["helpdesk"].owned["time_entries"]:
        old, new = before["helpdesk"]["time_entries"][key], after["helpdesk"]["time_entries"][key]
        assert (new[minutes], new[billed]) == (old[minutes], old[billed])  # protected: billing records kept
    namesake = next(r for r in after["helpdesk"]["contacts"].values() if r[2] == TARGET.name)
    assert namesake[0] not in built["helpdesk"].owned["contacts"]  # her namesake keeps his name
