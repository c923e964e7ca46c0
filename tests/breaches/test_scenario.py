"""The scenario the issue sets: ransomware on the helpdesk affecting 1,200 client contacts in
Australia and New Zealand and 30 in the EU. It is recorded, contained and assessed under all three
laws; each regulator's notification is generated with every element its Act requires and the dates
the law engine gives; and every affected person is emailed over a real local SMTP server, with the
addresses the server refuses recorded as bounced and every notice stored as sent."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from privacydesk.breaches import services
from privacydesk.breaches.models import Notice
from privacydesk.law.breach import CONTENTS
from privacydesk.people.models import Identity, Person
from privacydesk.register.models import DataCategory, SubjectType, System
from tests.conftest import Inbox

SYDNEY = ZoneInfo("Australia/Sydney")
UTC = ZoneInfo("UTC")


def _people(helpdesk: System) -> dict[str, list[Person]]:
    """800 AU and 400 NZ client contacts, and 30 in the EU, all on the helpdesk, with email addresses."""
    contact = SubjectType.objects.get(code="client_contact")
    made: dict[str, list[Person]] = {}
    for jurisdiction, country, count in (("AU", "AU", 800), ("NZ", "NZ", 400), ("EU", "IE", 30)):
        people = Person.objects.bulk_create(
            Person(name=f"{jurisdiction} Contact {i}", jurisdiction=jurisdiction, country=country, subject_type=contact)
            for i in range(count)
        )
        Identity.objects.bulk_create(
            Identity(
                person=p,
                kind="email",
                value=f"{jurisdiction.lower()}{i}@example.com",
                normalised=f"{jurisdiction.lower()}{i}@example.com",
            )
            for i, p in enumerate(people)
        )
        Person.systems.through.objects.bulk_create(
            Person.systems.through(person_id=p.pk, system_id=helpdesk.pk) for p in people
        )
        made[jurisdiction] = people
    return made


def test_ransomware_affecting_au_nz_and_eu_contacts(demo_register: None, smtp_server: Inbox) -> None:
    helpdesk = System.objects.get(name="Helpdesk (PSA)")
    people = _people(helpdesk)
    smtp_server.unknown = {"au7@example.com", "nz3@example.com"}  # mailboxes that no longer exist

    breach = services.record(
        title="Ransomware on the helpdesk",
        description="An attacker used a stolen technician password to encrypt the helpdesk server and copy its "
        "database.",
        kind="cyber",
        occurred_from=datetime(2026, 11, 18, 2, 0, tzinfo=SYDNEY),
        occurred_to=datetime(2026, 11, 19, 23, 30, tzinfo=SYDNEY),
        suspected_at=datetime(2026, 11, 19, 22, 0, tzinfo=SYDNEY),
        discovered_at=datetime(2026, 11, 20, 9, 15, tzinfo=SYDNEY),
        systems=[helpdesk],
        categories=DataCategory.objects.filter(code__in=["contact", "technical", "credentials"]),
        suspected_holder="A ransomware group that has published data from other victims.",
        recommendations="Change any password you have shared with our service desk; expect scam emails and calls "
        "that use your name and ticket details; never give a password to a caller.",
    )
    assert services.add_affected_from_systems(breach, [helpdesk]) == 1230
    assert services.regimes(breach) == ["au", "nz", "eu"]
    assert services.counts(breach) == {"au": 800, "nz": 400, "eu": 30}

    # The clocks, from the law engine.
    clocks = {(c.regime, c.label): c.deadline for c in services.clocks(breach)}
    au_assess = clocks[("au", "Assessment")]
    # 30 days after 19 Nov 2026 is Saturday 19 Dec: rolled to Monday 21 Dec (Acts Interpretation Act s 36).
    assert au_assess.due.astimezone(SYDNEY).date().isoformat() == "2026-12-21"
    eu_notify = clocks[("eu", "Notify the regulator")]
    assert eu_notify.due.astimezone(UTC) == datetime(2026, 11, 22, 22, 15, tzinfo=UTC)  # aware 19 Nov 22:15 UTC + 72 h
    assert clocks[("au", "Notify the regulator")].due is None and clocks[("nz", "Notify the regulator")].due is None

    services.act(breach, "contain", "Isolated the helpdesk server and reset every technician password.")
    factors = {
        "au": {"kinds": "names, emails, phones, ticket text, some shared passwords", "sensitivity": "credentials",
               "recipients": "a criminal group", "intent": "extortion; publishes data",
               "harm": "financial, identity fraud"},
        "nz": {"sensitivity": "credentials in tickets", "harm": "financial loss, scams", "recipients": "criminal group",
               "protected": "database not encrypted"},
        "eu": {"nature": "contact data and credentials", "severity": "account takeover and phishing", "number": "30"},
    }  # fmt: skip
    for regime, judgement in (("au", {"serious_harm_likely": True}), ("nz", {"serious_harm_likely": True}),
                              ("eu", {"high_risk": True})):  # fmt: skip
        assessment = services.assess(
            breach, regime, factors=factors[regime], reasoning="Data taken by a criminal group.", **judgement
        )
        assert assessment.outcome["notify_regulator"] and assessment.outcome["individuals"] == "all"

    for regime, phrase, act in (
        ("au", "Statement about an eligible data breach", "section 26WK of the Privacy Act 1988"),
        ("nz", "Notification of a notifiable privacy breach", "sections 114 and 117 of the Privacy Act 2020"),
        ("eu", "Notification of a personal data breach", "Data Protection Commission (Ireland)"),
    ):
        notification = services.draft(breach, regime)
        for element in CONTENTS[f"{regime}.regulator"]:
            assert notification.contents[element.code].strip(), (regime, element.code)
            assert element.citation in notification.html
        assert phrase in notification.html and act in notification.html
        assert "20 November 2026, 09:15" in notification.html  # became aware, in Sydney time
        services.submit(notification, reference=f"{regime.upper()}-2026-7781")
    assert "affects 800 people under this law" in breach.notifications.get(regime="au").contents["description"]
    assert breach.notifications.get(regime="eu").contents["delay"].startswith("Notified more than 72 hours")
    assert all(clock.done for clock in services.clocks(breach) if clock.label == "Notify the regulator")

    queued = {regime: services.queue_notices(breach, regime) for regime in ("au", "nz", "eu")}
    assert queued == {r: {"queued": n, "without_address": 0} for r, n in (("au", 800), ("nz", 400), ("eu", 30))}
    result = services.send_all("test-worker")
    assert result == {"sent": 1228, "bounced": 2, "retry": 0}
    assert len(smtp_server.messages) == 1228
    bounced = Notice.objects.filter(status=Notice.BOUNCED)
    assert sorted(bounced.values_list("to", flat=True)) == ["au7@example.com", "nz3@example.com"]
    assert all("550 5.1.1" in n.error for n in bounced)

    # Every notice is stored exactly as sent, and says what its law requires.
    sent = {m["To"]: body for m, body in zip(smtp_server.messages, smtp_server.bodies, strict=True)}
    nz_notice = Notice.objects.get(to="nz5@example.com")
    assert nz_notice.status == Notice.SENT and nz_notice.message_id
    assert sent["nz5@example.com"].replace("\r\n", "\n").strip() == nz_notice.body.strip()
    assert "We have notified the Privacy Commissioner." in nz_notice.body
    assert "You may complain to the Privacy Commissioner" in nz_notice.body
    eu_notice = Notice.objects.get(to="eu0@example.com").body
    assert "supervisory authority" in eu_notice and "Change any password" in eu_notice
    assert "Australian Information Commissioner" in Notice.objects.get(to="au1@example.com").body
    assert people["AU"][1].name in Notice.objects.get(to="au1@example.com").body
