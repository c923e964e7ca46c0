"""Accountability records in the console, through the real stack: forms, refusals, queues, exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from privacydesk.accountability.models import (
    ClientAccess,
    ClientOrganisation,
    ClientSystem,
    Collection,
    CollectionPoint,
    Disclosure,
    StaffDocument,
)
from privacydesk.accountability.services import acknowledgements
from privacydesk.audit.models import AuditEntry
from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Purpose, Recipient
from tests.accountability.conftest import at
from tests.conftest import sign_in


@pytest.fixture
def person(demo_register: None) -> Person:
    return people.create_person(name="Olivia Brown", jurisdiction="AU")


def _disclosure_form(**changes: object) -> dict[str, object]:
    form = {
        "recipient": Recipient.objects.get(name="External accountant").pk,
        "categories": [DataCategory.objects.get(code="billing").pk],
        "purpose": Purpose.objects.get(name="Billing and collecting payment").pk,
        "reason": "Year-end reconciliation",
        "disclosed_at": "2026-11-02T09:00",
        "collection_purpose": "Billing and collecting payment",
    }
    return {**form, **changes}


def test_record_a_disclosure_from_the_persons_page(officer_client: Client, person: Person) -> None:
    response = officer_client.post(f"/console/people/{person.pk}/disclose/", _disclosure_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = officer_client.get(f"/console/people/{person.pk}/").content.decode()
    assert "Year-end reconciliation" in page and "External accountant (Australia)" in page
    assert "APP 6.1" in page
    disclosure = Disclosure.objects.get()
    assert disclosure.channel == "console" and disclosure.recorded_by == "staff:privacy_officer-user"


def test_a_refused_disclosure_shows_the_law_engines_reasons_and_saves_nothing(
    officer_client: Client, person: Person
) -> None:
    form = _disclosure_form(
        recipient=Recipient.objects.get(name="CRM vendor").pk,
        purpose=Purpose.objects.get(name="Marketing our services").pk,
        collection_purpose="Delivering managed IT services",
        reason="For their promotions",
    )
    response = officer_client.post(f"/console/people/{person.pk}/disclose/", form)
    assert response.status_code == 400
    summary = response.content.decode()
    assert "The law engine does not allow this disclosure" in summary and "APP 8" in summary
    assert not Disclosure.objects.exists()


def test_the_app_6_5_note_is_asked_for_by_field(officer_client: Client, person: Person) -> None:
    police = Recipient.objects.create(name="Police", kind="government", country="AU")
    response = officer_client.post(
        f"/console/people/{person.pk}/disclose/",
        _disclosure_form(recipient=police.pk, exception="enforcement_body", purpose=""),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'href="#id_enforcement_activity"' in text and 'href="#id_belief_basis"' in text


def test_publishing_an_incomplete_notice_warns_with_citations(officer_client: Client, demo_register: None) -> None:
    point = CollectionPoint.objects.create(name="Job applications", kind="job_application")
    response = officer_client.post(
        f"/console/records/collection-points/{point.pk}/notice/", {"identity": "Southern Cross, PO Box 1234"}
    )
    assert response.status_code == 302
    page = officer_client.get(f"/console/records/collection-points/{point.pk}/", follow=True).content.decode()
    assert "Version 1 published, but it does not cover" in page
    assert "Privacy Act 1988 (Cth) Sch 1, APP 5.2(d)" in page


def test_the_notice_queue_shows_overdue_and_settles(officer_client: Client, person: Person) -> None:
    point = CollectionPoint.objects.create(name="Referral", kind="referral", indirect=True)
    response = officer_client.post(
        f"/console/people/{person.pk}/collection/",
        {"point": point.pk, "collected_at": "2026-10-02T10:00", "source": "Harbour IT"},
    )
    assert response.status_code == 302
    dashboard = officer_client.get("/console/").content.decode()
    assert "Notices owed" in dashboard and "1 overdue" in dashboard
    queue = officer_client.get("/console/records/notices-due/").content.decode()
    assert "Overdue" in queue and "Mon 19 Oct 2026" in queue
    record = Collection.objects.get()
    missing = officer_client.post(f"/console/records/collections/{record.pk}/give/", {"method": "email"})
    assert missing.status_code == 400 and "Publish a notice for Referral first" in missing.content.decode()
    wrong_law = {"exception": "nz_already_aware", "exemption": "Already told by Harbour"}
    refused = officer_client.post(f"/console/records/collections/{record.pk}/exempt/", wrong_law)
    assert refused.status_code == 400 and "Not an exception under this person&#x27;s law" in refused.content.decode()
    officer_client.post(
        f"/console/records/collections/{record.pk}/exempt/",
        {"exception": "au_no_reasonable_steps", "exemption": "Harbour IT gave them our notice at referral."},
    )
    exempted = Collection.objects.get()
    assert exempted.notice_status == Collection.EXEMPT
    assert exempted.exemption.startswith("No step is reasonable in the circumstances (record why) (Privacy Act 1988")
    assert "No notices are owed" in officer_client.get("/console/records/notices-due/").content.decode()


def test_staff_log_only_their_own_access(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    tech, other = make_staff("staff", "tech"), make_staff("staff", "other")
    system = ClientSystem.objects.create(client=ClientOrganisation.objects.create(name="Clinic"), name="PMS")
    sign_in(client, tech)
    form = {"system": system.pk, "staff": other.pk, "accessed_at": "2026-11-02T09:00", "reason": "Patch"}
    response = client.post("/console/records/access/add/", form)
    assert response.status_code == 400 and "You can log only your own access." in response.content.decode()
    assert client.post("/console/records/access/add/", {**form, "staff": tech.pk}).status_code == 302
    assert ClientAccess.objects.get().staff == tech


def test_client_report_csv(officer_client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    tech = make_staff("staff", "tech")
    client_org = ClientOrganisation.objects.create(name="Clinic")
    system = ClientSystem.objects.create(client=client_org, name="PMS", holds_sensitive=True)
    ClientAccess.objects.create(
        system=system, staff=tech, accessed_at=at(2026, 11, 2, 9), reason="-cmd|calc", recorded_by="t"
    )
    query = "since=2026-11-01&until=2026-12-01"
    page = officer_client.get(f"/console/records/clients/{client_org.pk}/?{query}").content.decode()
    assert "1 access from 1 Nov 2026 to 1 Dec 2026" in page
    response = officer_client.get(f"/console/records/clients/{client_org.pk}/report.csv?{query}")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))  # type: ignore[attr-defined]
    assert [(r["system"], r["sensitive"], r["staff"], r["reason"]) for r in rows] == [
        ("PMS", "yes", "tech", "'-cmd|calc")
    ]
    assert AuditEntry.objects.filter(action="export", object_type="accountability.clientorganisation").exists()


def test_acknowledging_clears_the_dashboard_reminder(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    tech = make_staff("staff", "tech")
    version = acknowledgements.publish_version(
        StaffDocument.objects.create(title="Privacy policy"), "2026.1", "We handle information carefully."
    )
    sign_in(client, tech)
    assert "You have 1 policy or procedure to read" in client.get("/console/").content.decode()
    page = client.get("/console/my/acknowledgements/").content.decode()
    assert "We handle information carefully." in page
    client.post(f"/console/my/acknowledgements/{version.pk}/")
    assert "to read" not in client.get("/console/").content.decode()
    again = client.post(f"/console/my/acknowledgements/{version.pk}/", follow=True).content.decode()
    assert "You have already acknowledged this version." in again


def test_disclosure_log_csv_export_is_audited(officer_client: Client, person: Person) -> None:
    officer_client.post(f"/console/people/{person.pk}/disclose/", _disclosure_form())
    response = officer_client.get("/console/records/disclosures.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))  # type: ignore[attr-defined]
    assert [(r["kind"], r["recipient"], r["person_id"]) for r in rows] == [
        ("disclosure", "External accountant", str(person.pk))
    ]
    assert AuditEntry.objects.filter(action="export", object_type="accountability.disclosure").exists()
