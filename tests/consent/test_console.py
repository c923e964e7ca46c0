"""The consent pages staff use: define a program, see its audience, note a choice from a phone call."""

from __future__ import annotations

from django.test import Client

from privacydesk.audit.models import AuditEntry
from privacydesk.consent import services
from privacydesk.consent.models import ConsentEvent, Program
from privacydesk.people.models import Person
from tests.consent.conftest import channel


def test_define_a_program(officer_client: Client, programs) -> None:  # type: ignore[no-untyped-def]
    email = channel("email")
    bad = officer_client.post(
        "/console/consent/programs/add/",
        {"code": "events", "name": "Event invitations", "basis": Program.EXPRESS, "default_on": "on",
         "channels": [email.pk], "active": "on"},
    )  # fmt: skip
    assert bad.status_code == 400 and 'href="#id_default_on"' in bad.content.decode()
    good = officer_client.post(
        "/console/consent/programs/add/",
        {"code": "events", "name": "Event invitations", "basis": Program.EXPRESS, "direct_marketing": "on",
         "channels": [email.pk], "active": "on"},
    )  # fmt: skip
    assert good.status_code == 302
    made = Program.objects.get(code="events")
    assert made.direct_marketing and list(made.channels.all()) == [email]
    index = officer_client.get("/console/consent/").content.decode()
    assert "Event invitations" in index and "Email: 0" in index


def test_note_a_phone_call_and_see_the_timeline(officer_client: Client, mia: Person, programs) -> None:  # type: ignore[no-untyped-def]
    form = officer_client.get(f"/console/people/{mia.pk}/consent/")
    assert form.status_code == 200
    missing = officer_client.post(f"/console/people/{mia.pk}/consent/", {"program": programs["newsletter"].pk})
    assert missing.status_code == 400 and "There is a problem" in missing.content.decode()
    wrong_channel = officer_client.post(
        f"/console/people/{mia.pk}/consent/",
        {"program": programs["service"].pk, "channel": channel("sms").pk, "action": "grant", "method": "phone",
         "occurred_at": "2026-11-02T10:15"},
    )  # fmt: skip
    assert wrong_channel.status_code == 400 and "is not sent by SMS" in wrong_channel.content.decode()
    done = officer_client.post(
        f"/console/people/{mia.pk}/consent/",
        {"program": programs["newsletter"].pk, "channel": channel("email").pk, "action": "grant", "method": "phone",
         "occurred_at": "2026-11-02T10:15", "notice_text": "Monthly newsletter; unsubscribe any time.",
         "note": "Call 4471"},
    )  # fmt: skip
    assert done.status_code == 302
    event = ConsentEvent.objects.get()
    assert event.method == "phone" and event.evidence == {"reference": "Call 4471"}
    assert event.recorded_by.startswith("staff:")
    page = officer_client.get(f"/console/people/{mia.pk}/").content.decode()
    assert "Consent timeline" in page and "Granted: Newsletter by email, phone call noted by staff" in page
    assert services.check_person(mia, programs["newsletter"], channel("email")).allowed
    assert AuditEntry.objects.filter(action="consent", object_id=str(mia.pk)).exists()
