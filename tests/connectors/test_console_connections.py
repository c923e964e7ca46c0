"""Connected systems in the console: the privacy officer adds a database (its address typed once,
encrypted, never shown again), checks its descriptor against the live system, and adds a manual step;
mistakes are named by field and line and nothing half-saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from sqlalchemy import create_engine

from privacydesk.connectors import fixtures, services
from privacydesk.connectors.models import Connection
from privacydesk.register.models import System

pytestmark = pytest.mark.django_db


@pytest.fixture
def crm_database(tmp_path: Path) -> str:
    address = f"sqlite:///{tmp_path / 'crm.sqlite3'}"
    engine = create_engine(address)
    fixtures.build_crm(engine, list(fixtures.population(20)))
    engine.dispose()
    return address


def _form(**fields: Any) -> dict[str, Any]:
    return {"kind": "sql", "name": "crm", "timeout_seconds": "60", "active": "on", **fields}


def test_the_officer_adds_a_database_checks_it_and_never_sees_its_address_again(
    officer_client: Client, crm_database: str
) -> None:
    system = System.objects.create(name="CRM")
    descriptor = fixtures.descriptors()["crm"]
    response = officer_client.post(
        "/console/register/connections/add/",
        _form(system=system.pk, address=crm_database, descriptor=descriptor),
    )
    assert response.status_code == 302
    connection = Connection.objects.get(name="crm")
    assert services.address(connection) == crm_database and crm_database not in connection.secret
    edit = officer_client.get(f"/console/register/connections/{connection.pk}/").content.decode()
    assert "crm.sqlite3" not in edit and "An address is stored (encrypted)." in edit
    checked = officer_client.post(f"/console/register/connections/{connection.pk}/check/", follow=True)
    assert "crm: 4 tables found as described." in checked.content.decode()

    # changed without retyping the address: the stored one is kept
    officer_client.post(
        f"/console/register/connections/{connection.pk}/",
        _form(system=system.pk, address="", descriptor=descriptor.replace("job_title", "job_titel")),
    )
    connection.refresh_from_db()
    assert services.address(connection) == crm_database
    problems = officer_client.post(f"/console/register/connections/{connection.pk}/check/", follow=True)
    shown = problems.content.decode()
    where = "crm.yaml, line 18, tables[1].fields[6].name"
    assert f"{where}: table &#x27;contacts&#x27; has no column &#x27;job_titel&#x27;" in shown


def test_mistakes_are_named_and_nothing_is_saved(officer_client: Client, crm_database: str) -> None:
    system = System.objects.create(name="CRM")
    page = "/console/register/connections/add/"
    no_address = officer_client.post(page, _form(system=system.pk, descriptor=fixtures.descriptors()["crm"]))
    assert no_address.status_code == 400 and "Give the database address" in no_address.content.decode()
    broken = "dataset: crm\nsystem: CRM\ntables:\n  - name: contacts\n    fields:\n      - {name: id, erase: shred}\n"
    bad = officer_client.post(page, _form(system=system.pk, address=crm_database, descriptor=broken))
    assert bad.status_code == 400 and "crm.yaml, line 6" in bad.content.decode()
    manual = officer_client.post(page, _form(system=system.pk, kind="manual", name="paper files"))
    assert "Say what to search and change by hand" in manual.content.decode()
    assert not Connection.objects.exists()


def test_a_manual_step_is_added_with_its_assignee_and_checklist(officer_client: Client, make_staff: Any) -> None:
    system, tech = System.objects.create(name="Filing cabinets"), make_staff("staff", "tech")
    response = officer_client.post(
        "/console/register/connections/add/",
        _form(
            kind="manual", name="paper files", system=system.pk, assignee=tech.pk, checklist="Cabinet B\nArchive box 3"
        ),
    )
    assert response.status_code == 302
    connection = Connection.objects.get(name="paper files")
    assert connection.kind == Connection.MANUAL and connection.assignee == tech and connection.secret == ""
    listing = officer_client.get("/console/register/connections/").content.decode()
    assert "paper files" in listing and "tech" in listing
