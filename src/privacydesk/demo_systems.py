"""The demo's connected systems: its CRM and helpdesk as SQLite databases and its accounting exports as
CSV files, in ``var/demo-systems``, holding the demo's own people (those the register links to each
system), so that a request from one of them finds their rows; and a manual step for the offline
backups, which have no connector."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from sqlalchemy import create_engine

from privacydesk.connectors import fixtures, services
from privacydesk.connectors.models import Connection
from privacydesk.people.models import Person
from privacydesk.register.models import System

BACKUPS_CHECKLIST = """\
Search the backup catalogue for the person's email address and phone number
Note which backup sets hold their records and when each expires
For an erasure: record that the sets are beyond use and will not be restored"""


def _people(system: System) -> list[fixtures.Someone]:
    found = []
    for person in Person.objects.filter(systems=system).prefetch_related("identities").order_by("pk"):
        values = {i.kind: i.value for i in person.identities.all()}
        if "email" in values:
            customer = f"C{100000 + person.pk}"
            found.append(
                fixtures.Someone(person.name, values["email"], values.get("phone", ""), customer, person.country)
            )
    return found


def load_systems(seed: int) -> list[str]:
    """Make the demo's connected systems; the names of the connections made (none where connections
    are not set up, without ``PRIVACYDESK_CONNECTOR_KEY``)."""
    if not settings.PRIVACYDESK_CONNECTOR_KEY:
        return []
    folder = Path(settings.VAR_DIR) / "demo-systems"
    folder.mkdir(parents=True, exist_ok=True)
    described = fixtures.descriptors()
    systems = {s.name: s for s in System.objects.all()}
    made = []
    for name, system_name, build in (
        ("crm", "CRM", fixtures.build_crm),
        ("helpdesk", "Helpdesk (PSA)", fixtures.build_helpdesk),
    ):
        system = systems.get(system_name)
        if system is None or Connection.objects.filter(name=name).exists():
            continue
        address = f"sqlite:///{(folder / f'{name}.sqlite3').resolve()}"
        engine = create_engine(address)
        try:
            build(engine, _people(system), seed=seed, replace=True)
        finally:
            engine.dispose()
        services.add_connection(system, name, address, described[name], timeout_seconds=60)
        made.append(name)
    accounting = systems.get("Accounting")
    if accounting is not None and not Connection.objects.filter(name="accounting exports").exists():
        fixtures.build_accounting(folder / "exports", _people(accounting), seed=seed)
        services.add_connection(
            accounting, "accounting exports", str(folder / "exports"), described["accounting"], kind=Connection.FILES
        )
        made.append("accounting exports")
    backups = systems.get("Offline backups")
    if backups is not None and not Connection.objects.filter(name="offline backups").exists():
        Connection.objects.create(
            system=backups,
            name="offline backups",
            kind=Connection.MANUAL,
            assignee=get_user_model().objects.filter(username="officer").first(),
            checklist=BACKUPS_CHECKLIST,
        )
        made.append("offline backups")
    return made
