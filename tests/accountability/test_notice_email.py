"""Giving an owed notice by email, through a real SMTP exchange with a local server."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from privacydesk.accountability.models import Collection, CollectionPoint
from privacydesk.accountability.services import collection
from privacydesk.audit.models import AuditEntry
from privacydesk.law.notices import TOPICS
from privacydesk.people.models import Person
from tests.accountability.conftest import AUCKLAND, at
from tests.conftest import Inbox


@pytest.fixture
def owed(nz_person: Person) -> Collection:
    point = CollectionPoint.objects.create(name="Referral from a partner", kind="referral", indirect=True)
    collection.publish_notice(point, {t: f"About {t}." for t in TOPICS}, effective_from=at(2026, 1, 1, 0))
    return collection.record_collection(
        person=nz_person, point=point, collected_at=at(2026, 11, 2, 10, zone=AUCKLAND), source="Harbour IT"
    )


def test_the_notice_is_emailed_and_kept_as_sent(owed: Collection, smtp_server: Inbox) -> None:
    sent = collection.send_notice(owed)
    [message] = smtp_server.messages
    assert smtp_server.envelopes[0].rcpt_tos == ["aroha.parata@example.co.nz"]
    assert message["Subject"] == "How Southern Cross Managed IT Pty Ltd got your details, and what we do with them"
    body = message.get_content().replace("\r\n", "\n")
    assert "Dear Aroha Parata," in body and "on 02 November 2026 from Harbour IT" in body
    assert "Why we collect it\nAbout purposes." in body
    assert sent.notice_status == Collection.GIVEN and sent.notice_method == "email"
    assert sent.notice_sent_to == "aroha.parata@example.co.nz" and sent.notice_sent_text == body.strip()
    assert not collection.notices_due().exists()


def test_a_refused_message_leaves_the_notice_due(owed: Collection, smtp_server: Inbox) -> None:
    smtp_server.refuse = True
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="did not accept the message"):
        collection.send_notice(owed)
    still = Collection.objects.get(pk=owed.pk)
    assert still.notice_status == Collection.PENDING and still.notice_sent_text == ""
    assert AuditEntry.objects.count() == before


def test_sending_all_due_notices_skips_people_without_email(owed: Collection, smtp_server: Inbox) -> None:
    no_email = Person.objects.create(name="No Email", jurisdiction="NZ")
    collection.record_collection(
        person=no_email, point=owed.point, collected_at=at(2026, 11, 3, 10, zone=AUCKLAND), source="Harbour IT"
    )
    result = collection.send_due_notices()
    assert result.sent == 1 and len(smtp_server.messages) == 1
    assert result.skipped == [
        f"collection {Collection.objects.get(person=no_email).pk}: No email address is recorded for this person; "
        "give the notice another way."
    ]
    # A second run (another worker, or the same one again) sends nothing twice.
    assert collection.send_due_notices().sent == 0 and len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_queued_sending_runs_in_the_worker(owed: Collection, smtp_server: Inbox) -> None:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult
    from typer.testing import CliRunner

    from privacydesk.cli import app

    queued = CliRunner().invoke(app, ["notices", "send", "--enqueue"])
    assert queued.exit_code == 0 and "Queued" in queued.output
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert DBTaskResult.objects.get().return_value == {"sent": 1, "skipped": 0}
    assert len(smtp_server.messages) == 1
    given = Collection.objects.get(pk=owed.pk)
    assert given.notice_status == Collection.GIVEN
    assert AuditEntry.objects.filter(object_type="accountability.collection", actor="worker").exists()


def test_the_console_button_emails_the_notice(owed: Collection, smtp_server: Inbox, officer_client) -> None:  # type: ignore[no-untyped-def]
    page = officer_client.post(f"/console/records/collections/{owed.pk}/send/", follow=True).content.decode()
    assert "Notice emailed to Aroha Parata." in page
    assert smtp_server.envelopes[0].rcpt_tos == ["aroha.parata@example.co.nz"]
