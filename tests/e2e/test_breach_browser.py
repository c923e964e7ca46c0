"""A privacy officer records a breach, says who it affects, assesses it under Australian law and
generates the statement to the OAIC; then places a legal hold and proposes a disposal run — in a real
browser, and every page passes axe-core."""

from __future__ import annotations

import pytest

from privacydesk.breaches.models import Breach
from privacydesk.people import services as people
from privacydesk.register.models import System
from privacydesk.retention.models import DisposalRun, LegalHold
from tests.e2e.test_console_browser import _serious
from tests.e2e.test_records_browser import _sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_breach_assessed_and_a_hold_placed(page, make_staff, demo_register) -> None:  # type: ignore[no-untyped-def]
    make_staff("privacy_officer", "officer")
    crm = System.objects.get(name="CRM")
    for n in range(2):
        people.create_person(
            name=f"Client {n}", jurisdiction="AU", systems=[crm.pk],
            identities=[people.IdentityInput("email", f"client{n}@example.com.au")],
        )  # fmt: skip
    _sign_in(page, "officer")

    page.goto("/console/breaches/")
    assert _serious(page) == []
    page.get_by_role("link", name="Record a data breach").click()
    assert _serious(page) == []
    page.get_by_label("Title").fill("CRM export emailed to the wrong client")
    page.get_by_label("Description").fill("A spreadsheet of client contacts went to another client.")
    page.get_by_label("Kind").select_option("human_error")
    page.get_by_label("First suspected").fill("2026-11-20T09:00")
    page.get_by_label("Became aware").fill("2026-11-20T09:30")
    page.get_by_label("What affected people should do").fill("Be wary of emails using your name.")
    page.get_by_role("button", name="Record it").click()
    assert "Its clocks have started." in page.locator(".messages").inner_text()
    breach = Breach.objects.get()

    page.get_by_role("group", name="Everyone the register links to these systems").get_by_label(
        "CRM", exact=True
    ).check()
    page.get_by_role("button", name="Add affected people").click()
    assert "2 affected people added." in page.locator(".messages").inner_text()
    assert page.get_by_role("cell", name="Assessment", exact=True).is_visible()
    assert _serious(page) == []

    page.get_by_label("The kind or kinds of information (Privacy Act 1988 (Cth) s 26WG(a))").fill("names and emails")
    page.get_by_label("Serious harm to any affected person is likely (s 26WE(2))").check()
    page.get_by_label("Why (the decision's record)").fill("Sent to a competitor; they have not confirmed deletion.")
    page.get_by_role("button", name="Record the assessment").click()
    assert "Assessment under AU law recorded." in page.locator(".messages").inner_text()
    page.get_by_role("button", name="Generate the notification").click()
    assert breach.notifications.filter(regime="au").exists()
    assert _serious(page) == []

    page.goto("/console/")
    assert "1 open" in page.locator("section.card", has_text="Data breaches").inner_text()

    page.goto("/console/retention/")
    assert _serious(page) == []
    page.get_by_role("link", name="Place a legal hold").click()
    page.get_by_label("Title").fill("Client complaint to the OAIC")
    page.get_by_label("Kind").select_option("regulator")
    page.get_by_label("Reason").fill("The OAIC asked us to keep the records.")
    page.get_by_label("People (email addresses)").fill("client0@example.com.au")
    page.get_by_role("button", name="Place the hold").click()
    assert "Hold placed" in page.locator(".messages").inner_text()
    assert _serious(page) == []
    assert LegalHold.objects.get().people.count() == 1
    page.goto("/console/retention/")
    page.get_by_role("button", name="Propose a disposal run").click()
    assert "proposed: check it, then approve it" in page.locator(".messages").inner_text()
    assert DisposalRun.objects.count() == 1
    assert _serious(page) == []
