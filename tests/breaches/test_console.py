"""The breach register in the console: the officer records a breach (mistakes named by field), adds
who is affected (an unknown address named by its line), contains it, assesses it (the factors weighed
are required), generates and records the OAIC statement, and queues the notices; the dashboard shows
its clocks."""

from __future__ import annotations

from typing import Any

from django.test import Client

from privacydesk.breaches.models import Breach, Notice
from privacydesk.people import services as people
from privacydesk.register.models import DataCategory, System


def test_a_breach_from_record_to_notices(demo_register: None, officer_client: Client) -> None:
    helpdesk = System.objects.get(name="Helpdesk (PSA)")
    for n in range(3):
        people.create_person(
            name=f"Client {n}", jurisdiction="AU", systems=[helpdesk.pk],
            identities=[people.IdentityInput("email", f"client{n}@example.com.au")],
        )  # fmt: skip
    form: dict[str, Any] = {
        "title": "Laptop stolen from a car",
        "description": "A technician's laptop with an unencrypted export of client contacts was stolen.",
        "kind": "theft_loss",
        "suspected_at": "2026-11-21T18:00",
        "discovered_at": "2026-11-21T08:00",
        "occurred_from": "2026-11-22T08:00",
        "categories": [DataCategory.objects.get(code="contact").pk],
        "recommendations": "Be wary of emails and calls claiming to be from us.",
    }
    bad = officer_client.post("/console/breaches/add/", form)
    assert bad.status_code == 400 and "It cannot have begun after it was discovered." in bad.content.decode()
    form["occurred_from"] = "2026-11-21T07:30"
    assert officer_client.post("/console/breaches/add/", form).status_code == 302
    breach = Breach.objects.get()
    page = f"/console/breaches/{breach.pk}/"

    wrong = officer_client.post(page, {"step": "affected", "emails": "client0@example.com.au\nghost@example.com.au"})
    assert wrong.status_code == 400 and "line 2: nobody has the email address" in wrong.content.decode()
    officer_client.post(page, {"step": "affected", "systems": [helpdesk.pk]})
    officer_client.post(
        page, {"step": "action", "kind": "contain", "text": "Remote-wiped the laptop; police report filed."}
    )
    shown = officer_client.get(page).content.decode()
    assert "3 under AU law" in shown and "Remote-wiped the laptop" in shown
    assert "Take all reasonable steps to finish assessing" in shown  # the AU 30-day clock from the law engine

    unweighed = officer_client.post(
        page, {"step": "assess_au", "au-reasoning": "Unencrypted", "au-serious_harm_likely": "on"}
    )
    assert unweighed.status_code == 400 and "record the factors considered" in unweighed.content.decode()
    officer_client.post(
        page,
        {"step": "assess_au", "au-reasoning": "Unencrypted contact list in a thief's hands.",
         "au-serious_harm_likely": "on", "au-factor_kinds": "names, emails, phones",
         "au-factor_protected": "no encryption"},
    )  # fmt: skip
    officer_client.post(page, {"step": "draft_au"})
    shown = officer_client.get(page).content.decode()
    assert "Notifiable" in shown and "Read it" in shown
    notification = breach.notifications.get(regime="au")
    statement = officer_client.get(f"/console/breaches/notifications/{notification.pk}/").content.decode()
    assert "Statement about an eligible data breach" in statement and "s 26WK(3)(d)" in statement
    officer_client.post(page, {"step": f"submit_{notification.pk}", "reference": "OAIC-DBN-1234"})
    notification.refresh_from_db()
    assert notification.submitted_at is not None and notification.regulator_reference == "OAIC-DBN-1234"
    officer_client.post(page, {"step": "notices_au"})
    assert Notice.objects.filter(breach=breach, status=Notice.QUEUED).count() == 3
    assert "1 open" in officer_client.get("/console/").content.decode()
