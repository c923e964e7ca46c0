"""Corrections: earlier recipients told (APP 13.2, GDPR Art 19), and a refused correction's statement
kept with the record (APP 13.4, IPP 7) — through the console, with a real SMTP exchange."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client

from privacydesk.accountability.services import disclosures
from privacydesk.accountability.services.disclosures import DisclosureFacts
from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Purpose, Recipient
from privacydesk.rights import package, services
from privacydesk.rights.models import Request
from tests.accountability.conftest import at
from tests.conftest import Inbox, pdf_text


@pytest.fixture
def person(demo_register: None) -> Person:
    mia = people.create_person(
        name="Mia Nguyen", jurisdiction="AU", identities=[people.IdentityInput("email", "mia@example.com.au")]
    )
    billing = DataCategory.objects.get(code="billing")
    purpose = Purpose.objects.get(name="Billing and collecting payment")
    Recipient.objects.filter(name="External accountant").update(contact="ledger@accountant.example.com.au")
    for name in ("External accountant", "Australian Taxation Office"):
        disclosures.record_disclosure(
            person=mia,
            recipient=Recipient.objects.get(name=name),
            categories=[billing],
            purpose=purpose,
            reason="Reconciliation",
            disclosed_at=at(2026, 10, 1, 9),
            facts=DisclosureFacts(collection_purpose=purpose.name, exception="required_by_law"),
        )
    return mia


def _correction(person: Person) -> Request:
    return services.submit_verified(
        services.Submission("correction", person.name, "mia@example.com.au", details="My billing address is wrong."),
        "Called back on the number on file",
    )


def test_earlier_recipients_are_told_of_a_correction(
    person: Person, smtp_server: Inbox, officer_client: Client
) -> None:
    made = _correction(person)
    assert made.person == person
    officer_client.post(f"/console/requests/{made.pk}/decide/", {"outcome": "fulfilled", "text": "Corrected."})
    billing = DataCategory.objects.get(code="billing")
    page = officer_client.post(
        f"/console/requests/{made.pk}/correction-notices/", {"categories": [billing.pk]}, follow=True
    ).content.decode()
    assert "Correction notice emailed to External accountant." in page
    assert "tell them another way: Australian Taxation Office" in page
    assert smtp_server.envelopes[-1].rcpt_tos == ["ledger@accountant.example.com.au"]
    assert "about Mia Nguyen: Billing and payment" in smtp_server.bodies[-1]
    assert "To External accountant" in pdf_text(smtp_server.attachments()[f"{made.reference}-correction-notice.pdf"])
    assert made.messages.filter(kind="correction_notice").count() == 1


def test_a_refused_correction_keeps_the_persons_statement(
    person: Person, smtp_server: Inbox, officer_client: Client
) -> None:
    made = _correction(person)
    ground = services.grounds_for(made)[0]
    officer_client.post(f"/console/requests/{made.pk}/decide/", {"outcome": "refused", "grounds": [ground.code]})
    too_early = officer_client.post(
        f"/console/requests/{made.pk}/correction-notices/",
        {"categories": [DataCategory.objects.get(code="billing").pk]},
    )
    assert too_early.status_code == 400
    officer_client.post(f"/console/requests/{made.pk}/statement/", {"text": "I moved to Newtown in March 2026."})
    page = officer_client.get(f"/console/people/{person.pk}/").content.decode()
    assert "Statement of the correction they sought" in page and "I moved to Newtown in March 2026." in page
    archive = zipfile.ZipFile(io.BytesIO(package.build_zip(person)))
    statements = json.loads(archive.read("package.json"))["correction_statements"]
    assert [s["text"] for s in statements] == ["I moved to Newtown in March 2026."]
