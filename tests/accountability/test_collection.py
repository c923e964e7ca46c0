"""Collection points and notices: versioned notices checked by the law engine, and the notice owed
after an indirect collection, due by the person's jurisdiction's clock."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from privacydesk.accountability.models import Collection, CollectionPoint, Notice
from privacydesk.accountability.services import collection as service
from privacydesk.law.notices import TOPICS
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Purpose, System
from tests.accountability.conftest import AUCKLAND, at, category

FULL = {topic: f"What we say about {TOPICS[topic][0].lower()}." for topic in TOPICS}


@pytest.fixture
def referral(demo_register: None) -> CollectionPoint:
    point = CollectionPoint.objects.create(name="Referral from a partner", kind="referral", indirect=True)
    point.purposes.add(Purpose.objects.get(name="Delivering managed IT services"))
    point.data_categories.add(DataCategory.objects.get(code="contact"))
    return point


@pytest.fixture
def web_form(demo_register: None) -> CollectionPoint:
    point = CollectionPoint.objects.create(name="Website contact form", kind="website_form")
    point.purposes.add(Purpose.objects.get(name="Marketing our services"))  # consent basis
    point.systems.add(System.objects.get(name="CRM"))  # hosted in the US
    return point


def test_an_indirect_collection_from_nz_creates_a_notice_due_on_the_right_date(
    nz_person: Person, referral: CollectionPoint
) -> None:
    collected = at(2026, 7, 3, 10, zone=AUCKLAND)
    record = service.record_collection(person=nz_person, point=referral, collected_at=collected, source="Harbour IT")
    assert record.notice_status == Collection.PENDING and record.notice_jurisdiction == "nz"
    # Ten NZ working days (the organisation's target for "as soon as reasonably practicable"),
    # Matariki (Friday 10 July 2026) not counted.
    assert record.notice_due == datetime(2026, 7, 20, 23, 59, 59, tzinfo=AUCKLAND)
    assert "IPP 3A" in record.notice_rule and "target" in record.notice_rule
    assert "Monday 20 July 2026" in record.notice_explanation
    assert list(service.notices_due()) == [record]
    assert [c.code for c in record.categories.all()] == ["contact"]


def test_ipp3a_does_not_reach_information_collected_before_1_may_2026(
    nz_person: Person, referral: CollectionPoint
) -> None:
    record = service.record_collection(
        person=nz_person, point=referral, collected_at=at(2026, 4, 30, 16, zone=AUCKLAND), source="Harbour IT"
    )
    assert record.notice_status == Collection.NOT_REQUIRED and record.notice_due is None
    assert "1 May 2026" in record.notice_explanation
    assert not service.notices_due().exists()


def test_an_au_indirect_collection_counts_the_organisations_state_holidays(
    au_person: Person, referral: CollectionPoint
) -> None:
    record = service.record_collection(
        person=au_person, point=referral, collected_at=at(2026, 10, 2, 10), source="Directory listing"
    )
    # NSW (the organisation's first state): Labour Day, Monday 5 October 2026, is not counted.
    assert record.notice_due is not None and record.notice_due.date().isoformat() == "2026-10-19"
    assert "APP 5.1" in record.notice_rule


def test_giving_the_notice_records_the_version_and_cannot_happen_twice(
    nz_person: Person, referral: CollectionPoint
) -> None:
    record = service.record_collection(
        person=nz_person, point=referral, collected_at=at(2026, 11, 2, 10, zone=AUCKLAND), source="Harbour IT"
    )
    with pytest.raises(ValidationError, match="Publish a notice"):
        service.give_notice(record, "email")
    notice = service.publish_notice(referral, FULL)
    given = service.give_notice(record, "email")
    assert given.notice == notice and given.notice_status == Collection.GIVEN and given.notice_given_at
    stale = Collection.objects.get(pk=record.pk)
    stale.notice_status = Collection.PENDING  # a second browser tab still showing it as due
    with pytest.raises(ValidationError, match="not waiting"):
        service.give_notice(stale, "letter")
    assert Collection.objects.get(pk=record.pk).notice_method == "email"


def test_an_exception_is_recorded_instead_of_a_notice(nz_person: Person, referral: CollectionPoint) -> None:
    record = service.record_collection(
        person=nz_person, point=referral, collected_at=at(2026, 11, 2, 10, zone=AUCKLAND), source="Harbour IT"
    )
    with pytest.raises(ValidationError):
        service.exempt_notice(record, "  ")
    with pytest.raises(ValidationError, match="accepted: nz_already_aware"):
        service.exempt_notice(record, "x", "eu_already_has")
    done = service.exempt_notice(record, "The referring business gave them our notice.", "nz_already_aware")
    assert done.notice_status == Collection.EXEMPT and not service.notices_due().exists()
    assert done.exemption == (
        "The person is already aware of the IPP 3A matters (Privacy Act 2020 (NZ) s 22, IPP 3A (exceptions)): "
        "The referring business gave them our notice."
    )


def test_a_direct_collection_records_the_notice_in_force_at_the_time(
    au_person: Person, web_form: CollectionPoint
) -> None:
    first = service.publish_notice(web_form, FULL, effective_from=at(2026, 1, 1, 0))
    second = service.publish_notice(web_form, {**FULL, "purposes": "New wording."}, effective_from=at(2026, 6, 1, 0))
    early = service.record_collection(person=au_person, point=web_form, collected_at=at(2026, 3, 1, 10))
    late = service.record_collection(person=au_person, point=web_form, collected_at=at(2026, 7, 1, 10))
    assert (early.notice, late.notice) == (first, second)
    assert early.notice_status == Collection.AT_COLLECTION
    assert [n.version for n in web_form.notices.all()] == [2, 1]


def test_a_published_notice_cannot_be_changed(web_form: CollectionPoint) -> None:
    notice = service.publish_notice(web_form, FULL)
    notice.sections = {"identity": "changed"}
    with pytest.raises(ValueError, match="new version"):
        notice.save()
    assert Notice.objects.get(pk=notice.pk).sections == FULL


def test_the_law_engine_checks_a_notice_with_the_facts_from_the_register(web_form: CollectionPoint) -> None:
    # The demo organisation is under AU, NZ and EU law; the form feeds a US-hosted CRM on consent.
    assert set(service.point_facts(web_form)) == {"overseas", "consent_basis"}
    partial = {k: v for k, v in FULL.items() if k not in {"withdraw_consent", "overseas"}}
    notice = service.publish_notice(web_form, partial)
    assert not notice.complete
    missing = {m["id"] for m in notice.missing}
    assert missing == {"gdpr13_2_c", "app5_2_i", "app5_2_j", "gdpr13_1_f"}
    assert service.publish_notice(web_form, FULL, change_summary="Added overseas and consent").complete


def test_an_indirect_collection_must_name_its_source(nz_person: Person, referral: CollectionPoint) -> None:
    with pytest.raises(ValidationError) as error:
        service.record_collection(person=nz_person, point=referral, collected_at=at(2026, 11, 2, 10))
    assert "source" in error.value.message_dict
    assert not Collection.objects.exists()


def test_where_did_you_get_my_details(au_person: Person, referral: CollectionPoint, web_form) -> None:  # type: ignore[no-untyped-def]
    service.record_collection(
        person=au_person,
        point=referral,
        collected_at=at(2026, 3, 2, 10),
        source="Harbour IT Pty Ltd, our referral partner",
        categories=[category("contact")],
    )
    service.record_collection(person=au_person, point=web_form, collected_at=at(2026, 5, 4, 10))
    statement = service.source_statement(au_person)
    assert "02 March 2026: Referral from another business, from Harbour IT Pty Ltd, our referral partner" in statement
    assert "04 May 2026: Website contact form, from you, directly" in statement
    assert service.source_statement(Person.objects.create(name="Unknown")) == (
        "We have no record of collecting your personal information."
    )
