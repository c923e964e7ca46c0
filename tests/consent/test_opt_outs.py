"""An opt-out must reach every mailing system within the legal limit: each system gets a task due by
the person's law, confirmed by the system through the API or by staff; the dashboard shows the late."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from privacydesk.accounts.models import ApiToken
from privacydesk.consent import services
from privacydesk.consent.models import Program, Propagation
from privacydesk.register.models import System
from tests.consent.conftest import channel, person

SYD, AKL, BER = ZoneInfo("Australia/Sydney"), ZoneInfo("Pacific/Auckland"), ZoneInfo("Europe/Berlin")

# jurisdiction, withdrawn at (local), due (local) — five working days (Spam Act s 18(3)(a)/(4); UEMA s 11),
# at once for the GDPR (Art 21(3) sets no period).
CASES = [
    ("AU", datetime(2026, 11, 2, 9, 0, tzinfo=SYD), datetime(2026, 11, 9, 23, 59, 59, tzinfo=SYD)),
    # Christmas: 25 and 26 Dec and 1 Jan are not working days in NSW, nor are weekends.
    ("AU", datetime(2025, 12, 24, 16, 0, tzinfo=SYD), datetime(2026, 1, 5, 23, 59, 59, tzinfo=SYD)),
    ("NZ", datetime(2026, 11, 2, 9, 0, tzinfo=AKL), datetime(2026, 11, 9, 23, 59, 59, tzinfo=AKL)),
    ("EU", datetime(2026, 11, 2, 9, 0, tzinfo=BER), datetime(2026, 11, 2, 9, 0, tzinfo=BER)),
]


@pytest.fixture
def mailchimp(programs: dict[str, Program]) -> System:
    system = System.objects.create(name="Mailing platform")
    programs["promotions"].systems.set([system])
    return system


@pytest.mark.parametrize(("jurisdiction", "withdrawn", "due"), CASES)
def test_the_due_date_follows_the_persons_law(programs, mailchimp, jurisdiction, withdrawn, due) -> None:  # type: ignore[no-untyped-def]
    who = person("Alex Example", "alex@example.com", jurisdiction)
    choice = services.Choice(programs["promotions"], channel("email"), False)
    event = services.record(who, choice, "phone", occurred_at=withdrawn)
    [task] = event.propagations.all()
    assert task.system == mailchimp and task.addresses == ["alex@example.com"]
    assert task.due_at == due, f"{task.due_at.astimezone(due.tzinfo)} != {due}"


def test_a_mailing_system_fetches_and_confirms(client: Client, programs, mailchimp, make_staff) -> None:  # type: ignore[no-untyped-def]
    who = person("Alex Example", "alex@example.com")
    services.record(who, services.Choice(programs["promotions"], channel("email"), False), "one_click")
    services.record(who, services.Choice(programs["service"], channel("email"), False), "one_click")  # no system
    _, raw = ApiToken.issue(make_staff("staff", "mailing"), "mailing-platform", scopes=["consent:sync"])
    headers = {"Authorization": f"Bearer {raw}"}
    [pending] = client.get("/api/v1/consent/opt-outs?system=Mailing+platform", headers=headers).json()
    assert pending["addresses"] == ["alex@example.com"] and pending["program"] == "promotions"
    assert "Spam Act 2003" in pending["citation"]
    confirmed = client.post(f"/api/v1/consent/opt-outs/{pending['id']}/confirm", headers=headers)
    assert confirmed.status_code == 200 and confirmed.json()["addresses"] == [], "the address is forgotten here"
    again = client.post(f"/api/v1/consent/opt-outs/{pending['id']}/confirm", headers=headers)
    assert again.status_code == 409
    assert client.get("/api/v1/consent/opt-outs", headers=headers).json() == []
    assert Propagation.objects.get().confirmed_by == "api:mailing-platform"


def test_late_opt_outs_show_on_the_dashboard(officer_client: Client, programs, mailchimp) -> None:  # type: ignore[no-untyped-def]
    who = person("Alex Example", "alex@example.com")
    late = datetime(2026, 1, 5, 9, 0, tzinfo=SYD)
    services.record(who, services.Choice(programs["promotions"], channel("email"), False), "phone", occurred_at=late)
    dashboard = officer_client.get("/console/").content.decode()
    assert "Opt-outs to apply" in dashboard and "1 not applied in a mailing system within the legal limit" in dashboard
    page = officer_client.get("/console/consent/opt-outs/").content.decode()
    assert "overdue" in page and "alex@example.com" in page
    task = Propagation.objects.get()
    officer_client.post(f"/console/consent/opt-outs/{task.pk}/confirm/")
    assert "0 not applied" in officer_client.get("/console/").content.decode()
