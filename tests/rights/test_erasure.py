"""Erasure in privacydesk: the record is anonymised, identities hashed into the suppression list,
what the law requires is kept and the letter says why; other systems become a staff task."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from privacydesk.accountability.services import disclosures
from privacydesk.accountability.services.disclosures import DisclosureFacts
from privacydesk.people import services as people
from privacydesk.people.models import Person, Suppression
from privacydesk.register.models import DataCategory, Purpose, Recipient, System
from privacydesk.rights import services
from tests.accountability.conftest import at
from tests.conftest import Inbox


def test_erasure_keeps_what_the_law_requires_and_says_why(demo_register: None, smtp_server: Inbox, make_staff) -> None:  # type: ignore[no-untyped-def]
    person = people.create_person(
        name="Lachlan Hughes",
        jurisdiction="AU",
        client_organisation="Hughes Plumbing",
        notes="Prefers calls after 3pm.",
        identities=[
            people.IdentityInput("email", "lachlan@example.com.au"),
            people.IdentityInput("phone", "0412 345 678"),
        ],
    )
    person.systems.add(System.objects.get(name="Accounting"), System.objects.get(name="CRM"))
    disclosures.record_disclosure(
        person=person,
        recipient=Recipient.objects.get(name="External accountant"),
        categories=[DataCategory.objects.get(code="billing")],
        purpose=Purpose.objects.get(name="Billing and collecting payment"),
        reason="Reconciliation",
        disclosed_at=at(2026, 10, 1, 9),
        facts=DisclosureFacts(collection_purpose="Billing and collecting payment"),
    )
    made = services.submit_verified(
        services.Submission("erasure", "Lachlan Hughes", "lachlan@example.com.au", country="AU"), "Phone"
    )
    assert made.person == person
    officer = make_staff("privacy_officer")
    grounds = [g.code for g in services.grounds_for(made)][:1]
    services.decide(made, services.DecisionInput("partly", grounds, "We erased what we could."), officer)

    person.refresh_from_db()
    assert person.name == f"Erased person {person.pk}" and person.notes == "" and person.client_organisation == ""
    assert not person.identities.exists()
    assert Suppression.objects.count() == 2
    assert people.is_suppressed("email", "Lachlan@Example.com.au") and people.is_suppressed("phone", "+61412345678")
    assert not people.is_suppressed("email", "someone@example.com.au")
    assert person.disclosures.count() == 1, "the disclosure log stays, now pointing at an anonymous record"

    letter = smtp_server.bodies[-1]
    assert "We have erased:" in letter and "your email addresses, phone numbers" in letter
    assert "Corporations Act 2001 s 286" in letter, "financial records kept under the law that requires them"
    assert "(Accounting, CRM)" in letter
    assert made.notes.filter(
        text__contains="Erase by hand in the systems without a connector: Accounting, CRM"
    ).exists()


def test_erasure_needs_the_persons_record(demo_register: None, smtp_server: Inbox, make_staff) -> None:  # type: ignore[no-untyped-def]
    made = services.submit_verified(services.Submission("erasure", "Nobody Known", "nobody@example.com"), "Phone")
    assert made.person is None
    with pytest.raises(ValidationError, match="before erasing"):
        services.decide(made, services.DecisionInput("fulfilled", []), make_staff("privacy_officer"))
    assert Person.objects.count() == 0
