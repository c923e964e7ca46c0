"""Bad input gives a message naming the field and writes nothing; never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from privacydesk.people.models import Person
from privacydesk.register.models import Organisation, System

pytestmark = pytest.mark.django_db


def test_invalid_abn_is_named(officer_client: Client) -> None:
    response = officer_client.post(
        "/console/register/organisation/",
        {"legal_name": "Example Pty Ltd", "abn": "51 824 753 557", "operates_in_au": "on"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#id_abn"' in page
    assert "its check digits do not match" in page
    assert not Organisation.objects.exists()


def test_valid_abn_is_saved_formatted(officer_client: Client) -> None:
    response = officer_client.post(
        "/console/register/organisation/",
        {"legal_name": "Example Pty Ltd", "abn": "51824753556", "operates_in_au": "on"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().abn == "51 824 753 556"


def test_malformed_email_on_a_new_person_is_named(officer_client: Client) -> None:
    response = officer_client.post(
        "/console/people/add/", {"name": "Ari Ngata", "jurisdiction": "NZ", "email": "ari@@example", "phone": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_email"' in page and "Not a valid email address" in page
    assert not Person.objects.exists()


def test_system_with_unknown_country_is_named(officer_client: Client) -> None:
    response = officer_client.post(
        "/console/register/systems/add/", {"name": "CRM", "kind": "processor", "hosting_countries": ["XX"]}
    )
    assert response.status_code == 400
    assert 'href="#id_hosting_countries"' in response.content.decode()
    assert not System.objects.exists()


def test_unknown_register_kind_is_404_not_500(officer_client: Client) -> None:
    assert officer_client.get("/console/register/nonsense/").status_code == 404


def test_uploaded_yaml_with_errors_lists_them(officer_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("mine.yaml", b"systems:\n  - name: CRM\n    data_categories: [bogus]\n")
    response = officer_client.post("/console/register/import/", {"file": upload})
    assert response.status_code == 400
    assert (
        "mine.yaml, line 3, systems[0].data_categories[0]: unknown data category &#x27;bogus&#x27;"
        in response.content.decode()
    )
    assert not System.objects.exists()


def test_person_view_is_audited_with_reason(officer_client: Client) -> None:
    from privacydesk.audit.models import AuditEntry
    from privacydesk.people import services

    person = services.create_person(name="Tane Parata")
    response = officer_client.get(f"/console/people/{person.pk}/?reason=request")
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="view", object_id=str(person.pk)).get()
    assert entry.actor == "staff:privacy_officer-user"
    assert entry.reason == "Handling a privacy request or complaint"


def test_editing_a_person_links_systems_and_is_audited(officer_client: Client, demo_register: None) -> None:
    from privacydesk.audit.models import AuditEntry
    from privacydesk.people import services

    person = services.create_person(name="Hemi Walker", jurisdiction="NZ")
    crm = System.objects.get(name="CRM")
    response = officer_client.post(
        f"/console/people/{person.pk}/edit/",
        {"name": "Hemi Walker", "jurisdiction": "NZ", "country": "NZ", "systems": [crm.pk]},
    )
    assert response.status_code == 302
    assert list(person.systems.all()) == [crm]
    changes = AuditEntry.objects.filter(object_type="people.person", object_id=str(person.pk), action="update")
    assert {f for e in changes for f in e.data["fields"]} >= {"country", "systems"}
    bad = officer_client.post(f"/console/people/{person.pk}/edit/", {"name": "", "jurisdiction": "XX"})
    assert bad.status_code == 400 and 'href="#id_name"' in bad.content.decode()


def test_auditor_sees_full_record_staff_a_limited_one(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    from privacydesk.people import services
    from tests.conftest import sign_in

    person = services.create_person(
        name="Rua Tipene",
        notes="Called about an overdue invoice",
        identities=[services.IdentityInput("email", "rua@example.co.nz")],
    )
    staff_page = sign_in(Client(), make_staff("staff")).get(f"/console/people/{person.pk}/?reason=service")
    auditor_page = sign_in(Client(), make_staff("auditor")).get(f"/console/people/{person.pk}/?reason=audit")
    assert "rua@example.co.nz" in staff_page.content.decode()
    assert "overdue invoice" not in staff_page.content.decode() and "History" not in staff_page.content.decode()
    assert "overdue invoice" in auditor_page.content.decode() and "History" in auditor_page.content.decode()


def test_audit_log_filters_and_csv_export(officer_client: Client) -> None:
    import csv
    import io

    from privacydesk.people import services

    person = services.create_person(name="Ani Moana")
    officer_client.get(f"/console/people/{person.pk}/?reason=service")
    page = officer_client.get(f"/console/audit/?action=view&object_id={person.pk}")
    assert page.status_code == 200 and "1 entry" in page.content.decode()
    export = officer_client.get(f"/console/audit/audit-log.csv?object_type=people.person&object_id={person.pk}")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))  # type: ignore[attr-defined]
    assert [r["action"] for r in rows] == ["create", "view"]
    assert rows[1]["reason"] == "Delivering a service to them or their organisation" and len(rows[1]["hash"]) == 64


def test_staff_read_the_organisation_in_words(client: Client, make_staff, demo_register: None) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import sign_in

    page = sign_in(client, make_staff("staff")).get("/console/register/organisation/").content.decode()
    assert "New South Wales, Victoria" in page
    assert "Office of the Australian Information Commissioner" in page
    assert "<form" not in page.split("<main")[1].split("</main>")[0], "staff cannot change it"
