"""Who a breach affects, drawn from a connected system: everyone privacydesk knows whose email address
is in the compromised helpdesk (SQL) or accounting exports (CSV); addresses that match nobody raise
the estimate rather than vanish."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine

from privacydesk.breaches import services
from privacydesk.connectors import fixtures
from privacydesk.connectors import services as connectors
from privacydesk.connectors.models import Connection
from privacydesk.people import services as people
from privacydesk.register.models import System

WHEN = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def test_affected_people_from_a_database_and_from_exports(demo_register: None, tmp_path: Path) -> None:
    population = list(fixtures.population(40, seed=4))
    for someone in population[:25]:  # privacydesk knows 25 of the 40 (address case differs: still matched)
        people.create_person(name=someone.name, identities=[people.IdentityInput("email", someone.email.upper())])
    engine = create_engine(f"sqlite:///{tmp_path / 'helpdesk.sqlite3'}")
    fixtures.build_helpdesk(engine, population)
    fixtures.build_accounting(tmp_path / "exports", population[:30])
    described = fixtures.descriptors()
    helpdesk = connectors.add_connection(
        System.objects.get(name="Helpdesk (PSA)"), "helpdesk", f"sqlite:///{tmp_path / 'helpdesk.sqlite3'}",
        described["helpdesk"],
    )  # fmt: skip
    exports = connectors.add_connection(
        System.objects.get(name="Accounting"), "accounting", str(tmp_path / "exports"), described["accounting"],
        kind=Connection.FILES,
    )  # fmt: skip
    breach = services.record(
        title="Helpdesk copied", description="Database copied.", kind="cyber", suspected_at=WHEN, discovered_at=WHEN
    )
    assert services.add_affected_from_connection(breach, helpdesk) == (25, 15)
    breach.refresh_from_db()
    assert breach.affected.count() == 25 and breach.estimated_count == 40
    assert services.add_affected_from_connection(breach, exports) == (0, 5)  # the same 25 already there
    assert breach.affected.count() == 25


def test_a_public_statement_is_served_once_published_and_not_before(demo_register: None, client) -> None:  # type: ignore[no-untyped-def]
    someone = people.create_person(
        name="Mere Kingi", jurisdiction="NZ", identities=[people.IdentityInput("email", "mere@example.co.nz")]
    )
    breach = services.record(
        title="Paper files lost", description="A box of signed forms fell from a courier van.", kind="theft_loss",
        suspected_at=WHEN, discovered_at=WHEN, recommendations="Watch for letters that use your details.",
    )  # fmt: skip
    services.add_affected_by_email(breach, "mere@example.co.nz")
    assert someone.pk in set(breach.affected.values_list("person_id", flat=True))
    services.assess(
        breach, "nz", factors={"sensitivity": "signatures and addresses"}, reasoning="Who has the box is unknown.",
        serious_harm_likely=True, individual_notice_impracticable=True,
    )  # fmt: skip
    statement = services.draft(breach, "nz", "public")
    url = f"/privacy/breach-statements/{breach.reference}/nz/"
    assert client.get(url).status_code == 404  # drafted, not yet published
    services.submit(statement)
    page = client.get(url).content.decode()
    assert (
        "A box of signed forms fell from a courier van." in page
        and "We have notified the Privacy Commissioner." in page
    )


def test_a_later_bounce_is_recorded_from_the_command_line(demo_register: None) -> None:
    from typer.testing import CliRunner

    from privacydesk.breaches.models import Notice
    from privacydesk.cli import app

    person = people.create_person(name="Liam Walker", identities=[people.IdentityInput("email", "liam@example.com.au")])
    breach = services.record(title="T", description="D", kind="cyber", suspected_at=WHEN, discovered_at=WHEN)
    Notice.objects.create(
        breach=breach, person=person, regime="au", to="liam@example.com.au", subject="S", body="B", status=Notice.SENT
    )
    runner = CliRunner()
    done = runner.invoke(app, ["breaches", "bounce", "Liam@example.com.au", "--reason", "550 5.1.1 user unknown"])
    assert done.exit_code == 0 and "1 notice marked as bounced." in done.output
    notice = Notice.objects.get()
    assert notice.status == Notice.BOUNCED and notice.error == "550 5.1.1 user unknown"
    assert runner.invoke(app, ["breaches", "bounce", "nobody@example.com", "--reason", "x"]).exit_code == 1
