"""Service-provider access, processors' agreements and staff acknowledgements."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from privacydesk.accountability.models import Agreement, ClientOrganisation, ClientSystem, StaffDocument
from privacydesk.accountability.models.agreements import TERMS
from privacydesk.accountability.services import acknowledgements, agreements, providers
from privacydesk.register.models import Recipient, System
from tests.accountability.conftest import at


@pytest.fixture
def practice(db: None) -> ClientSystem:
    client = ClientOrganisation.objects.create(
        name="Harbourside Family Medical", confidentiality_terms="Clause 12: patient records are confidential."
    )
    return ClientSystem.objects.create(client=client, name="Patient records", holds_sensitive=True)


def test_access_log_and_the_report_a_client_receives(practice: ClientSystem, make_staff) -> None:  # type: ignore[no-untyped-def]
    tech = make_staff("staff", "tech1")
    other_client = ClientOrganisation.objects.create(name="Other Client")
    other_system = ClientSystem.objects.create(client=other_client, name="File server")
    providers.log_access(
        system=practice, staff=tech, accessed_at=at(2026, 11, 2, 9), ticket="T-1001", reason="Printer driver fix"
    )
    providers.log_access(system=practice, staff=tech, accessed_at=at(2026, 11, 9, 9), reason="Backup check")
    providers.log_access(system=other_system, staff=tech, accessed_at=at(2026, 11, 3, 9), reason="Disk alert")
    providers.log_access(system=practice, staff=tech, accessed_at=at(2026, 10, 1, 9), reason="Before the period")

    report = providers.report(practice.client, at(2026, 11, 1, 0), at(2026, 12, 1, 0))
    assert [a.reason for a in report.accesses] == ["Printer driver fix", "Backup check"]
    assert report.by_staff == {"tech1": 2} and report.without_ticket == 1
    rows = providers.report_rows(report)
    assert rows[0]["sensitive"] == "yes" and rows[0]["ticket"] == "T-1001"


def test_access_needs_a_reason_and_a_known_staff_member(practice: ClientSystem, make_staff) -> None:  # type: ignore[no-untyped-def]
    tech = make_staff("staff", "tech2")
    with pytest.raises(ValidationError) as error:
        providers.log_access(system=practice, staff=tech, accessed_at=at(2026, 11, 2, 9), reason=" ")
    assert "reason" in error.value.message_dict
    assert providers.staff_member("TECH2@example.com.au") == tech
    with pytest.raises(ValidationError, match="no active staff member with username or email 'ghost'"):
        providers.staff_member("ghost")


def test_every_processor_needs_current_privacy_terms(demo_register: None) -> None:
    crm = System.objects.get(name="CRM")
    vendor = Recipient.objects.get(name="CRM vendor")
    today = date(2026, 11, 23)
    status = {s.system.name: s for s in agreements.processor_terms(today)}
    assert status["CRM"].status == "none" and status["CRM"].problem
    assert "Offline backups" not in status  # internal systems need no processor terms

    expired = Agreement.objects.create(
        party=vendor, title="2023 terms", signed_on=date(2023, 1, 1), expires_on=date(2025, 12, 31)
    )
    expired.systems.add(crm)
    status = {s.system.name: s for s in agreements.processor_terms(today)}
    assert status["CRM"].status == "expired" and "31 December 2025" in status["CRM"].message

    soon = Agreement.objects.create(
        party=vendor, title="2026 terms", signed_on=date(2026, 1, 1), expires_on=date(2026, 12, 31), terms=list(TERMS)
    )
    soon.systems.add(crm)
    status = {s.system.name: s for s in agreements.processor_terms(today)}
    assert status["CRM"].status == "expiring" and not status["CRM"].problem

    lasting = Agreement.objects.create(
        party=vendor, title="2027 terms", signed_on=date(2026, 11, 1), terms=["confidentiality"]
    )
    lasting.systems.add(crm)
    status = {s.system.name: s for s in agreements.processor_terms(today)}
    assert status["CRM"].status == "current"
    assert "Tells us promptly of a data breach" in status["CRM"].message


def test_a_new_version_makes_everyone_outstanding_again(make_staff) -> None:  # type: ignore[no-untyped-def]
    alice, bob = make_staff("staff", "alice"), make_staff("privacy_officer", "bob")
    make_staff(None, "no-role")  # not staff: owes nothing
    policy = StaffDocument.objects.create(title="Privacy policy", kind="privacy_policy")
    v1 = acknowledgements.publish_version(policy, "2026.1", "Read me.", published_at=at(2026, 1, 1, 9))
    acknowledgements.acknowledge(alice, v1)
    with pytest.raises(ValidationError, match="already acknowledged"):
        acknowledgements.acknowledge(alice, v1)
    [state] = acknowledgements.status()
    assert [u.username for u, _ in state.acknowledged] == ["alice"]
    assert [u.username for u in state.outstanding] == ["bob"]

    v2 = acknowledgements.publish_version(policy, "2026.2", "Changed.", published_at=at(2026, 6, 1, 9))
    [state] = acknowledgements.status()
    assert state.version == v2 and {u.username for u in state.outstanding} == {"alice", "bob"}
    assert acknowledgements.outstanding_for(alice) == [v2]
    with pytest.raises(ValidationError, match="newer version"):
        acknowledgements.acknowledge(bob, v1)
    with pytest.raises(ValidationError, match=r"already has a version 2026\.2"):
        acknowledgements.publish_version(policy, "2026.2", "Again.")
