"""The disclosure log: refused where the law engine says no, stored with its basis where it says yes,
routine disclosures kept as one row per run, and the recipients a correction must reach."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from privacydesk.accountability.models import Disclosure, RoutineRun
from privacydesk.accountability.services import disclosures as service
from privacydesk.accountability.services.disclosures import DisclosureFacts, DisclosureRefused
from privacydesk.people.models import Person
from privacydesk.register.models import Recipient, SubjectType, System, Transfer
from tests.accountability.conftest import at, category, purpose, recipient


def _billing_to_accountant(person: Person, **kwargs) -> Disclosure:  # type: ignore[no-untyped-def]
    defaults = {
        "person": person,
        "recipient": recipient("External accountant"),
        "categories": [category("billing")],
        "purpose": purpose("Billing and collecting payment"),
        "reason": "Year-end reconciliation of their account.",
        "disclosed_at": at(2026, 11, 2, 9),
        "facts": DisclosureFacts(collection_purpose="Billing and collecting payment"),
    }
    return service.record_disclosure(**{**defaults, **kwargs})


def test_an_allowed_disclosure_is_stored_with_the_law_engines_answer(au_person: Person) -> None:
    disclosure = _billing_to_accountant(au_person)
    assert disclosure.basis["outcome"] == "allowed"
    assert disclosure.basis["regimes"][0]["regime"] == "au"
    assert "APP 6.1" in [r["citation"] for r in disclosure.basis["regimes"][0]["reasons"]]
    assert disclosure.facts["recipient"]["country"] == "AU" and not disclosure.overseas
    assert [c.code for c in disclosure.categories.all()] == ["billing"]


def test_a_disclosure_the_law_engine_rejects_is_refused_with_its_reasons(au_person: Person) -> None:
    with pytest.raises(DisclosureRefused) as refused:
        _billing_to_accountant(
            au_person,
            recipient=recipient("CRM vendor"),
            purpose=purpose("Marketing our services"),
            reason="Share for their marketing list.",
            facts=DisclosureFacts(collection_purpose="Delivering managed IT services"),
        )
    assert refused.value.decision.outcome != "allowed"
    assert any("APP 6" in reason for reason in refused.value.reasons)
    assert Disclosure.objects.count() == 0


def test_an_overseas_recipient_uses_the_transfer_basis_recorded_in_the_register(au_person: Person) -> None:
    vendor = recipient("CRM vendor")
    facts = DisclosureFacts(collection_purpose="Delivering managed IT services")
    kwargs = {"recipient": vendor, "purpose": purpose("Delivering managed IT services"), "facts": facts}
    with pytest.raises(DisclosureRefused, match="APP 8"):
        _billing_to_accountant(au_person, **kwargs)
    Transfer.objects.create(recipient=vendor, country="US", au_basis="app_8_1")
    disclosure = _billing_to_accountant(au_person, **kwargs)
    assert disclosure.overseas and disclosure.country.code == "US"
    assert disclosure.basis["outcome"] == "allowed"


def test_an_enforcement_disclosure_needs_the_app_6_5_written_note(au_person: Person) -> None:
    police = Recipient.objects.create(name="State police", kind="government", country="AU")
    facts = DisclosureFacts(collection_purpose="Delivering managed IT services", exception="enforcement_body")
    with pytest.raises(ValidationError) as missing:
        _billing_to_accountant(au_person, recipient=police, purpose=None, facts=facts, reason="Police request")
    assert set(missing.value.message_dict) == {"enforcement_activity", "belief_basis"}
    disclosure = _billing_to_accountant(
        au_person,
        recipient=police,
        purpose=None,
        facts=facts,
        reason="Police request",
        enforcement_activity="Investigation of a fraud on the client's account, reference 2026/118.",
        belief_basis="Written request from a detective citing the investigation; the details sought are limited.",
    )
    assert disclosure.app_6_5_note
    assert "APP 6.5" in str(disclosure.basis)


def test_bad_input_is_named_by_field(au_person: Person) -> None:
    with pytest.raises(ValidationError) as error:
        _billing_to_accountant(au_person, categories=[])
    assert "categories" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _billing_to_accountant(au_person, facts=DisclosureFacts(exception="because"))
    assert "exception" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _billing_to_accountant(au_person, disclosed_at=at(2099, 1, 1, 9))
    assert "disclosed_at" in error.value.message_dict


def _nightly_sync() -> service.RoutineDisclosure:
    return service.define_routine(
        name="Nightly invoice sync to the accountant",
        recipient=recipient("External accountant"),
        categories=[category("billing")],
        purpose=purpose("Keeping financial records"),
        reason="Invoices and payments are synced to the accountant's ledger for bookkeeping and tax.",
        started_on=at(2026, 1, 1, 0).date(),
        facts=DisclosureFacts(collection_purpose="Keeping financial records"),
        source_system=System.objects.get(name="Accounting"),
        jurisdictions=["au"],
    )


def test_routine_runs_are_one_row_per_night_yet_show_on_each_persons_record(au_person: Person) -> None:
    others = [
        service.Person.objects.create(name=f"Client {i}", jurisdiction="AU")  # type: ignore[attr-defined]
        for i in range(5)
    ]
    for other in others:
        other.systems.add(System.objects.get(name="Accounting"))
    routine = _nightly_sync()
    for night in range(1, 31):
        service.record_run(routine, at(2026, 11, night, 2), record_count=len(others) + 1)
    assert RoutineRun.objects.count() == 30
    assert Disclosure.objects.count() == 0
    record = service.history(au_person)
    assert [(e.routine.name, e.runs, e.records) for e in record.routines] == [(routine.name, 30, 180)]
    assert record.routines[0].first_run == at(2026, 11, 1, 2)
    # Someone the Accounting system does not hold is not covered.
    outsider = Person.objects.create(name="Not A Client", jurisdiction="AU")
    assert service.history(outsider).routines == []
    # Nor is a New Zealander it holds: the routine's basis was decided under Australian law only.
    kiwi = Person.objects.create(name="Kiwi Client", jurisdiction="NZ")
    kiwi.systems.add(System.objects.get(name="Accounting"))
    assert service.history(kiwi).routines == []


def test_a_routine_carrying_nz_and_eu_people_needs_a_basis_under_each_law(demo_register: None) -> None:
    with pytest.raises(DisclosureRefused) as refused:
        service.define_routine(
            name="Every client's invoices",
            recipient=recipient("External accountant"),
            categories=[category("billing")],
            purpose=purpose("Keeping financial records"),
            reason="Bookkeeping.",
            started_on=at(2026, 1, 1, 0).date(),
            facts=DisclosureFacts(collection_purpose="Keeping financial records"),
            source_system=System.objects.get(name="Accounting"),
        )
    assert {r.split(":")[0] for r in refused.value.reasons} == {"NZ", "EU"}


def test_a_routine_can_cover_people_by_subject_type(au_person: Person) -> None:
    routine = service.define_routine(
        name="Monthly staff list to the payroll bureau",
        recipient=recipient("External accountant"),
        categories=[category("employment")],
        reason="Payroll processing.",
        started_on=at(2026, 1, 1, 0).date(),
        facts=DisclosureFacts(collection_purpose="Employing and paying staff"),
        purpose=purpose("Employing and paying staff"),
        subject_types=[SubjectType.objects.get(code="staff")],
        jurisdictions=["au"],
    )
    staff_member = Person.objects.create(
        name="Staff Member", jurisdiction="AU", subject_type=SubjectType.objects.get(code="staff")
    )
    assert [e.routine for e in service.history(staff_member).routines] == [routine]
    assert service.history(au_person).routines == []
    with pytest.raises(ValidationError, match="Say whose information it covers"):
        service.define_routine(
            name="Unscoped",
            recipient=recipient("External accountant"),
            categories=[category("billing")],
            reason="x",
            started_on=at(2026, 1, 1, 0).date(),
        )


def test_a_correction_lists_exactly_the_recipients_who_received_the_corrected_category(au_person: Person) -> None:
    # Billing (and its child, card data) went to the accountant; contact details went to the ATO;
    # the nightly sync carried billing to the accountant too; an unrun routine sent nothing.
    _billing_to_accountant(au_person, categories=[category("card")])
    ato = recipient("Australian Taxation Office")
    _billing_to_accountant(
        au_person,
        recipient=ato,
        categories=[category("contact")],
        purpose=purpose("Keeping financial records"),
        facts=DisclosureFacts(collection_purpose="Keeping financial records", exception="required_by_law"),
        reason="Third-party reporting required by the tax law.",
    )
    routine = _nightly_sync()
    service.record_run(routine, at(2026, 11, 20, 2), record_count=40)
    adviser = Recipient.objects.create(name="Debt collector", kind="other", country="AU")
    service.define_routine(
        name="Overdue accounts (never run)",
        recipient=adviser,
        categories=[category("billing")],
        purpose=purpose("Billing and collecting payment"),
        reason="Collection of overdue accounts.",
        started_on=at(2026, 1, 1, 0).date(),
        facts=DisclosureFacts(collection_purpose="Billing and collecting payment"),
        source_system=System.objects.get(name="Accounting"),
        jurisdictions=["au"],
    )

    billing = service.correction_recipients(au_person, [category("billing")])
    assert [(r.recipient.name, [c.code for c in r.categories]) for r in billing] == [
        ("External accountant", ["card", "billing"])
    ]
    assert billing[0].routines == [routine.name] and len(billing[0].disclosures) == 1
    assert billing[0].last_disclosed == at(2026, 11, 20, 2)

    contact = service.correction_recipients(au_person, [category("contact")])
    assert [r.recipient.name for r in contact] == ["Australian Taxation Office"]
    assert service.correction_recipients(au_person, [category("health")]) == []


def test_a_merged_duplicates_disclosures_follow_the_survivor(au_person: Person) -> None:
    from privacydesk.people import services as people

    duplicate = people.create_person(name="Mia Nguyen", jurisdiction="AU")
    _billing_to_accountant(duplicate)
    people.merge(duplicate, au_person, "same person")
    assert len(service.history(au_person).disclosures) == 1
    assert [r.recipient.name for r in service.correction_recipients(au_person, [category("billing")])] == [
        "External accountant"
    ]


def test_export_has_one_row_per_disclosure_and_per_run(au_person: Person) -> None:
    _billing_to_accountant(au_person)
    routine = _nightly_sync()
    service.record_run(routine, at(2026, 11, 3, 2), record_count=12)
    rows = list(service.export_rows())
    assert [(r["kind"], r["record_count"]) for r in rows] == [("disclosure", 1), ("routine", 12)]
    assert rows[0]["person_id"] == au_person.pk and rows[1]["person_id"] == ""
    assert "APP 6.1" in rows[0]["citations"]
    assert list(service.export_rows(since=at(2026, 11, 3, 0))) == rows[1:]
