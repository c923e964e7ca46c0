"""The privacy policy made from the demo register: every element each regime requires is there, in
plain English; publishing makes an immutable version, refuses a copy of the last one, and shows what
changed; the policy drifts when the register does; consent records name the version in force; and
people who asked to be told get an email."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from privacydesk.consent import services as consent
from privacydesk.consent.models import Channel, Program
from privacydesk.law.policy import required
from privacydesk.people import services as people
from privacydesk.policy import services
from privacydesk.policy.compose import compose, reading_grade
from privacydesk.register.models import System
from tests.conftest import Inbox

pytestmark = pytest.mark.django_db


def test_the_generated_policy_has_every_element_in_plain_english(demo_register: None) -> None:
    policy = compose()
    assert policy.regimes == ["au", "nz", "eu"]
    for regime in policy.regimes:
        assert [e.id for e in required(regime, date(2026, 12, 10)) if e.id not in policy.covered()] == []
    text = policy.markdown()
    assert "New Zealand and United States of America" in text  # overseas, from systems' hosting countries
    assert "Genetic information" not in text  # in the taxonomy, held by nothing
    assert "within 20 working days" in text and "within one month" in text
    assert "Office of the Australian Information Commissioner" in text
    assert reading_grade(policy.text()) <= 9


def test_publish_version_drift_and_changes(demo_register: None, client: Client) -> None:
    today = timezone.localdate()
    first = services.publish(today, "")
    assert first.number == 1 and services.current() == first
    with pytest.raises(ValidationError, match="Nothing has changed"):
        services.publish(today, "Again")
    with pytest.raises(ValidationError, match="cannot take effect in the past"):
        services.publish(today - timedelta(days=1), "Late")
    assert services.drift(first) == []

    System.objects.create(name="Backup vault", vendor="A backup SaaS", hosting_countries=["SG"])
    changed = {d.section for d in services.drift(first)}
    assert changed == {"holding", "overseas"}
    with pytest.raises(ValidationError, match="Say what changed"):
        services.publish(today, " ")
    second = services.publish(today, "Backups are now also held in Singapore.")
    lines = services.diff(first, second)
    assert ("added", "- Backup vault (A backup SaaS), held in Singapore") in lines
    assert any(kind == "removed" and "United States of America." in text for kind, text in lines)

    page = client.get("/privacy/").content.decode()
    assert "Our privacy policy" in page and "held in Singapore" in page
    assert client.get("/privacy/policy.md").content.decode() == second.markdown
    changes = client.get("/privacy/policy/versions/2/changes/").content.decode()
    assert '<ins><span class="visually-hidden">Added: </span>- Backup vault' in changes
    assert client.get("/privacy/policy/versions/1/").status_code == 200

    person = people.create_person(name="Mere Kingi", identities=[people.IdentityInput("email", "mere@example.co.nz")])
    newsletter = Program.objects.create(code="newsletter", name="Monthly newsletter", basis=Program.EXPRESS)
    newsletter.channels.add(Channel.objects.get(code="email"))
    event = consent.record(person, consent.Choice(newsletter, Channel.objects.get(code="email"), True), "web_form")
    assert event.policy_version == second.label  # the version in force when consent was given


def test_people_who_asked_are_told_once(demo_register: None, smtp_server: Inbox) -> None:
    program = Program.objects.create(code="policy_updates", name="Changes to our privacy policy", basis=Program.EXPRESS)
    email = Channel.objects.get(code="email")
    program.channels.add(email)
    for n in range(3):
        person = people.create_person(
            name=f"Client {n}", identities=[people.IdentityInput("email", f"c{n}@example.com.au")]
        )
        consent.record(person, consent.Choice(program, email, n != 2), "web_form")
    services.publish(timezone.localdate(), "")
    System.objects.create(name="Backup vault", hosting_countries=["SG"])
    version = services.publish(timezone.localdate() + timedelta(days=30), "Backups are now also held in Singapore.")
    assert services.notify(version) == {"sent": 2, "skipped": 0}
    assert len(smtp_server.messages) == 2 and "Backups are now also held in Singapore." in smtp_server.bodies[0]
    assert services.notify(version) == {"sent": 0, "skipped": 0}  # once per version


def test_the_console_shows_drift_and_publishes(demo_register: None, officer_client: Client) -> None:
    response = officer_client.post(
        "/console/policy/", {"effective_from": timezone.localdate().isoformat(), "summary": ""}
    )
    assert response.status_code == 302
    System.objects.create(name="Analytics warehouse", hosting_countries=["SG"])
    page = officer_client.get("/console/policy/").content.decode()
    assert "no longer matches the register" in page and "Sending information overseas" in page
    dashboard = officer_client.get("/console/").content.decode()
    assert "Out of step with the register" in dashboard
