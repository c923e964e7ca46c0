"""Importing a mailing platform's export: a preview naming each problem by row and column, nothing
written unless the file is clean and confirmed, erased people refused, duplicates counted once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from privacydesk.consent import imports, services
from privacydesk.consent.models import ConsentEvent, ConsentImport, Program
from privacydesk.people import services as people
from privacydesk.people.models import Person
from tests.consent.conftest import channel, person

MAILCHIMP = (
    "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME\n"
    "mia.nguyen@example.com.au,Mia,Nguyen,2,2025-03-01 10:00:00,2025-03-01 10:05:00\n"
    "aroha.parata@example.co.nz,Aroha,Parata,3,2025-04-02 09:00:00,2025-04-02 09:01:00\n"
    "AROHA.PARATA@example.co.nz,Aroha,Parata,3,2025-04-02 09:00:00,2025-04-02 09:01:00\n"
    "gone@example.com.au,Gone,Person,1,2024-01-01 00:00:00,2024-01-01 00:00:00\n"
)


def test_a_clean_mailchimp_export_imports_in_one_go(mia: Person, programs: dict[str, Program]) -> None:
    erased = person("Gone Person", "gone@example.com.au")
    people.suppress(erased.identities.get(), "erasure R-2026-00009")
    preview = imports.preview(MAILCHIMP, default_status="subscribed")
    assert preview.valid and preview.platform == "Mailchimp"
    assert preview.counts() == {"grant": 2, "withdraw": 0, "skip": 0, "new_people": 1, "refused": 1, "duplicates": 1}
    assert not ConsentEvent.objects.exists(), "a preview writes nothing"
    counts = imports.confirm(MAILCHIMP, programs["newsletter"], channel("email"), default_status="subscribed",
                             file_name="subscribed_members.csv")  # fmt: skip
    assert counts["grant"] == 2
    aroha = Person.objects.get(name="Aroha Parata")
    assert aroha.jurisdiction == "NZ"
    event = ConsentEvent.objects.get(person=aroha)
    assert event.method == "import" and event.evidence["row"] == 3 and event.evidence["platform"] == "Mailchimp"
    assert f"{timezone.localtime(event.occurred_at):%Y-%m-%d %H:%M}" == "2025-04-02 09:01", "when she confirmed"
    assert services.check_person(mia, programs["newsletter"], channel("email")).allowed
    assert not Person.objects.filter(identities__normalised="gone@example.com.au").exclude(pk=erased.pk).exists()


def test_problems_are_named_by_row_and_column_and_nothing_is_written(programs: dict[str, Program]) -> None:
    bad = (
        "Email,Status,Date Subscribed\n"
        "ok@example.com.au,Active,2025-01-02\n"
        "not-an-email,Active,2025-01-02\n"
        "late@example.com.au,Active,2099-01-01\n"
        "odd@example.com.au,Maybe,2025-01-02\n"
        "when@example.com.au,Active,last Tuesday\n"
    )
    preview = imports.preview(bad)
    assert preview.errors == [
        "row 3, column Email: 'not-an-email' is not a valid email address",
        "row 4, column Date Subscribed: 2099-01-01 is in the future",
        "row 5, column Status: unknown status 'maybe'",
        "row 6, column Date Subscribed: 'last Tuesday' is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)",
    ]
    with pytest.raises(ValidationError):
        imports.confirm(bad, programs["newsletter"], channel("email"))
    assert not ConsentEvent.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "row 1: the file is empty"),
        ("Name,Phone\nMia,0412345678\n", "row 1: no email column"),
        ("Email\nmia@example.com\n", "row 1: no status column"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(programs, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    assert imports.preview(text).errors[0].startswith(message)


def test_upload_preview_and_confirm_in_the_console(officer_client: Client, mia: Person, programs) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("unsubscribed.csv", b"Email Address,UNSUB_TIME\nmia.nguyen@example.com.au,2025-06-01\n")
    sent = officer_client.post(
        "/console/consent/import/",
        {"file": upload, "program": programs["promotions"].pk, "channel": "email", "default_status": "unsubscribed"},
    )
    assert sent.status_code == 302
    preview = officer_client.get(sent["Location"]).content.decode()
    assert "Opted out</dt><dd>1" in preview and "record" in preview
    assert not ConsentEvent.objects.exists()
    done = officer_client.post(sent["Location"])
    assert done.status_code == 302
    assert services.check_person(mia, programs["promotions"], channel("email")).code == "withdrawn"
    staged = ConsentImport.objects.get()
    assert staged.content == "" and staged.counts["withdraw"] == 1, "the file's content is not kept after import"
    again = officer_client.post(sent["Location"])
    assert again.status_code == 400 and ConsentEvent.objects.count() == 1


def test_a_binary_file_is_refused_clearly(officer_client: Client, programs) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("list.xlsx", b"PK\x03\x04\xff\xfe\x00binary")
    response = officer_client.post(
        "/console/consent/import/", {"file": upload, "program": programs["newsletter"].pk, "channel": "email"}
    )
    assert response.status_code == 400 and "not UTF-8 text" in response.content.decode()
