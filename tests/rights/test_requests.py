"""A request from submission to delivery, through the services, with a real SMTP exchange."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.rights import services
from privacydesk.rights.models import Request, VerificationCode
from tests.conftest import Inbox, pdf_text


def _code(inbox: Inbox) -> str:
    body = inbox.bodies[-1]
    found = re.search(r"Your code is: (\d{6})", body)
    assert found, body
    return found.group(1)


@pytest.fixture
def mia(demo_register: None) -> Person:
    return people.create_person(
        name="Mia Nguyen", jurisdiction="AU", identities=[people.IdentityInput("email", "Mia.Nguyen@example.com.au")]
    )


def _submit(**changes: object) -> Request:
    fields = {"kind": "access", "requester_name": "Mia Nguyen", "requester_email": "mia.nguyen@example.com.au"}
    return services.submit(services.Submission(**{**fields, **changes}))  # type: ignore[arg-type]


def test_submit_verify_decide_and_deliver(mia: Person, smtp_server: Inbox, make_staff) -> None:  # type: ignore[no-untyped-def]
    other = people.create_person(name="Someone Else", identities=[people.IdentityInput("email", "else@example.com")])
    made = _submit(country="AU")
    assert made.reference.startswith(f"R-{made.received_at:%Y}-") and made.status == Request.AWAITING
    assert made.jurisdiction == "au" and made.due_benchmark and "APP 12.4" in made.due_citation
    assert made.due_at is not None and (made.due_at - made.received_at).days in {30, 31}
    [code_mail] = smtp_server.messages
    assert code_mail["To"] == "mia.nguyen@example.com.au"
    assert VerificationCode.objects.get().code_hash != _code(smtp_server), "only a keyed hash is stored"

    services.verify(made, _code(smtp_server))
    made.refresh_from_db()
    assert made.status == Request.OPEN and made.person == mia
    ack = smtp_server.bodies[-1]
    assert f"We will respond by {timezone.localtime(made.due_at):%A %-d %B %Y}" in ack and "costs nothing" in ack

    officer = make_staff("privacy_officer")
    services.decide(made, services.DecisionInput("fulfilled", []), officer)
    letter = smtp_server.bodies[-1]
    [(name, attached)] = smtp_server.attachments().items()
    assert name == f"{made.reference}-decision.pdf"
    printed = pdf_text(attached)
    assert "Dear Mia Nguyen" in printed and made.reference in printed and "We have done what you asked" in printed
    assert made.messages.get(kind="decision").pdf == attached, "the PDF is kept exactly as sent"
    url = re.search(r"(http://\S+/privacy/download/\S+/)", letter)
    assert url, letter
    token = url.group(1).rstrip("/").rsplit("/", 1)[1]
    delivery, content = services.open_delivery(token)
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert set(archive.namelist()) >= {"summary.html", "summary.pdf", "package.json", "identities.csv"}
    data = json.loads(archive.read("package.json"))
    assert data["person"]["name"] == "Mia Nguyen"
    summary_pdf = pdf_text(archive.read("summary.pdf"))
    assert "Name Mia Nguyen" in summary_pdf and "mia.nguyen@example.com.au" in summary_pdf.lower()
    assert other.name not in summary_pdf
    assert other.name not in archive.read("summary.html").decode() and "else@example.com" not in content.decode(
        "latin-1"
    )
    assert [r["reference"] for r in data["requests"]] == [made.reference]
    delivery.refresh_from_db()
    assert delivery.downloads == 1 and delivery.first_downloaded_at is not None
    assert [m.kind for m in made.messages.all()] == ["verification", "acknowledgement", "decision"]


def test_a_refusal_gives_written_reasons_and_the_regulator(mia: Person, smtp_server: Inbox, make_staff) -> None:  # type: ignore[no-untyped-def]
    made = _submit(jurisdiction="nz", kind="correction")
    services.verify(made, _code(smtp_server))
    ground = services.grounds_for(made)[0]
    with pytest.raises(ValidationError, match="Choose the grounds"):
        services.decide(made, services.DecisionInput("refused", []), make_staff("auditor"))
    officer = make_staff("privacy_officer")
    services.decide(made, services.DecisionInput("refused", [ground.code], "We checked the record."), officer)
    letter = smtp_server.bodies[-1]
    assert ground.letter in letter and ground.citation in letter
    assert "Office of the Privacy Commissioner (New Zealand)" in letter and "0800 803 909" in letter


def test_codes_are_single_use_expire_and_lock_after_five_wrong(mia: Person, smtp_server: Inbox) -> None:
    made = _submit()
    code = _code(smtp_server)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"You have {left} more tr"):
            services.verify(made, wrong)
    with pytest.raises(ValidationError, match="Too many wrong codes"):
        services.verify(made, wrong)
    with pytest.raises(ValidationError, match="Too many wrong codes"):
        services.verify(made, code)  # even the right one, once locked
    services.issue_code(made)
    fresh = _code(smtp_server)
    VerificationCode.objects.filter(request=made).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="expired"):
        services.verify(made, fresh)
    services.issue_code(made)
    with pytest.raises(ValidationError, match="three codes in the last hour"):
        services.issue_code(made)
    last = _code(smtp_server)
    services.verify(made, last)
    with pytest.raises(ValidationError, match="already confirmed"):
        services.verify(made, last)


def test_links_are_per_request_and_expire(mia: Person, smtp_server: Inbox) -> None:
    first, second = _submit(), _submit(requester_email="else@example.com")
    token = services.link_token(first, "status")
    assert services.from_token(token, "status", timedelta(days=1))[0] == first
    with pytest.raises(services.LinkError, match="not valid"):
        services.from_token(token, "package", timedelta(days=1))  # a status link is not a download link
    forged = services.link_token(second, "status").replace(token[:5], token[:5][::-1])
    with pytest.raises(services.LinkError):
        services.from_token(forged, "status", timedelta(days=1))
    with pytest.raises(services.LinkError) as old:
        services.from_token(token, "status", timedelta(seconds=-1))
    assert old.value.expired


def test_on_behalf_needs_the_authority_and_eu_clocks_follow_the_member_state(mia: Person, smtp_server: Inbox) -> None:
    with pytest.raises(ValidationError) as missing:
        _submit(on_behalf=True)
    assert set(missing.value.message_dict) == {"subject_name", "authority"}
    made = services.submit(
        services.Submission("erasure", "Anna Weber", "anna@example.de", country="DE"),
        received_at=datetime(2027, 1, 31, 10, tzinfo=timezone.get_current_timezone()),
    )
    assert made.jurisdiction == "eu" and "Art 17" in made.due_citation
    assert made.due_at is not None and made.due_at.date().isoformat() == "2027-03-01"


def test_reminders_go_once_a_day_to_the_assignee_or_the_officers(mia: Person, smtp_server: Inbox, make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("privacy_officer", "po1")
    colleague = make_staff("privacy_officer", "po2")
    soon = _submit()
    Request.objects.filter(pk=soon.pk).update(due_at=timezone.now() + timedelta(days=3), status=Request.OPEN)
    later = _submit(requester_email="later@example.com")
    Request.objects.filter(pk=later.pk).update(due_at=timezone.now() + timedelta(days=20))
    before = len(smtp_server.messages)
    assert services.remind_due() == 1
    [reminder] = smtp_server.messages[before:]
    assert reminder["Subject"] == f"Due soon: privacy request {soon.reference}"
    assert sorted(smtp_server.envelopes[-1].rcpt_tos) == ["po1@example.com.au", "po2@example.com.au"]
    assert "Mia" not in reminder.get_content(), "reminders name no personal information"
    assert services.remind_due() == 0, "not again the same day"
    services.assign(Request.objects.get(pk=soon.pk), colleague)
    assert services.remind_due(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert smtp_server.envelopes[-1].rcpt_tos == ["po2@example.com.au"]
    assert smtp_server.messages[-1]["Subject"].startswith("Due soon")


def test_extensions_only_where_the_law_allows_with_the_notice(mia: Person, smtp_server: Inbox) -> None:
    zone = timezone.get_current_timezone()
    eu = services.submit_verified(
        services.Submission("access", "Anna Weber", "anna@example.de", country="DE"),
        "Video call",
        received_at=datetime(2026, 11, 2, 10, tzinfo=zone),
    )
    with pytest.raises(ValidationError, match="Give the reasons"):
        services.extend(eu, " ")
    services.extend(eu, "Your records span eleven systems.")
    eu.refresh_from_db()
    # Art 12(3): three months from receipt (2 Nov 2026 in Berlin) is Tuesday 2 February 2027.
    assert eu.due_at is not None and eu.due_at.date().isoformat() == "2027-02-02"
    assert eu.original_due_at is not None and eu.original_due_at.date().isoformat() == "2026-12-02"
    letter = smtp_server.bodies[-1]
    assert "We will now respond by Tuesday 2 February 2027" in letter and "Art 12(3)" in letter
    with pytest.raises(ValidationError, match="already been extended"):
        services.extend(eu, "Again")

    nz = services.submit_verified(
        services.Submission("access", "Mere Kingi", "mere@example.co.nz", country="NZ"),
        "Phone",
        received_at=timezone.now() - timedelta(days=60),
    )
    with pytest.raises(ValidationError, match=r"Too late: the extension had to be notified by .* s 48"):
        services.extend(nz, "Consultation needed", (timezone.now() + timedelta(days=10)).date())
    recent = services.submit_verified(
        services.Submission("access", "Mere Kingi", "mere@example.co.nz", country="NZ"), "Phone"
    )
    with pytest.raises(ValidationError, match="Choose the new date"):
        services.extend(recent, "Consultation needed")
    assert recent.due_at is not None
    services.extend(recent, "We must consult the other people named.", (recent.due_at + timedelta(days=14)).date())
    assert "s 48" in smtp_server.bodies[-1]


def test_a_charge_estimate_before_work_and_disclosable_notes_in_the_package(
    mia: Person, smtp_server: Inbox, officer_client
) -> None:  # type: ignore[no-untyped-def]
    made = services.submit_verified(
        services.Submission("access", "Mia Nguyen", "mia.nguyen@example.com.au", country="AU"), "Phone"
    )
    bad = officer_client.post(f"/console/requests/{made.pk}/charge/", {"amount": "-5", "basis": "x"})
    assert bad.status_code == 400
    officer_client.post(f"/console/requests/{made.pk}/charge/", {"amount": "45", "basis": "Retrieving archived files"})
    letter = smtp_server.bodies[-1]
    assert "will cost $45.00" in letter and "Making the request itself is free" in letter and "APP 12.8" in letter
    officer_client.post(
        f"/console/requests/{made.pk}/note/", {"text": "Archive box 14 retrieved.", "disclosable": "on"}
    )
    officer_client.post(f"/console/requests/{made.pk}/note/", {"text": "Internal: check with legal first."})
    from privacydesk.rights import package

    data = json.loads(zipfile.ZipFile(io.BytesIO(package.build_zip(mia))).read("package.json"))
    assert [n["text"] for n in data["notes_about_your_requests"]] == ["Archive box 14 retrieved."]


def test_a_letter_pdf_keeps_the_macrons_and_script_stays_text(demo_register, smtp_server: Inbox) -> None:  # type: ignore[no-untyped-def]
    """People's names are printed as they gave them (DejaVu has the Māori macrons), and markup typed
    into a form is printed as the characters typed, never laid out as HTML."""
    made = _submit(requester_name="Tāne Mātene <b>bold</b>", country="NZ")
    services.verify(made, _code(smtp_server))
    [(name, attached)] = smtp_server.attachments().items()
    assert name == f"{made.reference}-acknowledgement.pdf"
    printed = pdf_text(attached)
    assert "Dear Tāne Mātene <b>bold</b>" in printed
    assert "&lt;b&gt;" in made.messages.get(kind="acknowledgement").body_html
    assert made.messages.get(kind="verification").pdf is None, "a one-time code is a message, not a letter"
