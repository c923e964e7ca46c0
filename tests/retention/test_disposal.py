"""Disposal of person records at the end of their retention periods, under the demo register's rules
(client contacts: support records 2 years after the relationship ends, financial records 7 years after
the end of that financial year, CCTV 30 days; job applicants: 6 months after an unsuccessful
application). Nothing held is touched, a run is idempotent, and it ends with a certificate."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacydesk.people import services as people
from privacydesk.people.models import Identity, Person
from privacydesk.register.models import SubjectType
from privacydesk.retention import disposal, holds
from privacydesk.retention.models import DisposalItem, DisposalRun
from privacydesk.rights import services as rights

AS_OF = date(2026, 11, 24)
LONG_AGO = datetime(2012, 1, 1, tzinfo=UTC)


def _person(n: int, kind: str, ended: date | None, jurisdiction: str = "AU") -> Person:
    person = people.create_person(
        name=f"Person {n}",
        jurisdiction=jurisdiction,
        subject_type=SubjectType.objects.get(code=kind),
        relationship_ended_on=ended,
        identities=[people.IdentityInput("email", f"person{n}@example.com.au")],
    )
    Person.objects.filter(pk=person.pk).update(created_at=LONG_AGO)
    return Person.objects.get(pk=person.pk)


CASES = [
    # kind, relationship ended, jurisdiction, due on AS_OF?, why
    ("client_contact", date(2015, 3, 1), "AU", True, "financial records ran out 1 Jul 2022, the last rule"),
    ("client_contact", date(2019, 8, 15), "AU", False, "income year to 30 Jun 2020 + 7 years: 1 Jul 2027"),
    ("client_contact", date(2019, 3, 15), "NZ", True, "NZ income year to 31 Mar 2019 + 7 years: 1 Apr 2026"),
    ("client_contact", date(2019, 5, 15), "NZ", False, "NZ income year to 31 Mar 2020 + 7 years: 1 Apr 2027"),
    ("client_contact", None, "AU", False, "the relationship has not ended: the support rule has not started"),
    ("job_applicant", date(2026, 5, 23), "AU", True, "6 months after 23 May is 23 Nov: gone from 24 Nov"),
    ("job_applicant", date(2026, 5, 25), "AU", False, "6 months after 25 May: gone from 26 Nov"),
    ("supplier", date(2001, 1, 1), "AU", False, "no activity gives suppliers a retention rule: kept"),
]


@pytest.mark.parametrize(("kind", "ended", "jurisdiction", "due", "why"), CASES, ids=[c[-1] for c in CASES])
def test_a_record_is_due_only_when_every_rule_for_it_has_run_out(
    demo_register: None, kind: str, ended: date | None, jurisdiction: str, due: bool, why: str
) -> None:
    person = _person(1, kind, ended, jurisdiction)
    found = [d.person.pk for d in disposal.people_due(AS_OF)]
    assert (person.pk in found) is due, why


def test_a_run_is_proposed_approved_and_carried_out_with_holds_and_open_requests_respected(demo_register: None) -> None:
    gone = _person(1, "client_contact", date(2015, 3, 1))
    held = _person(2, "client_contact", date(2015, 3, 1))
    asking = _person(3, "client_contact", date(2015, 3, 1))
    kept = _person(4, "client_contact", None)
    holds.place("Smith v SCMIT", "litigation", "Our solicitors asked us to keep everything.", people=[held])
    rights.submit_verified(rights.Submission("access", "Person 3", "person3@example.com.au", country="AU"), "Phone")

    run = disposal.propose(AS_OF)
    status = {item.person_id: item.status for item in run.items.all()}
    assert status == {gone.pk: "proposed", held.pk: "held", asking.pk: "skipped"}
    assert "Smith v SCMIT" in run.items.get(person=held).reason
    run = disposal.approve(run)
    with pytest.raises(ValidationError, match="Only a proposed run can be approved"):
        disposal.approve(run)
    run = disposal.execute(run)
    assert run.status == DisposalRun.DONE and run.report["result"] == {"done": 1, "held": 1, "skipped": 1}
    gone.refresh_from_db()
    assert gone.name == f"Erased person {gone.pk}" and not Identity.objects.filter(person=gone).exists()
    for person in (held, asking, kept):
        assert Person.objects.get(pk=person.pk).name == person.name  # untouched
        assert Identity.objects.filter(person=person).exists()
    certificate = run.report["certificate"]
    assert len(certificate["digest"]) == 64 and certificate["signature"].startswith(certificate["digest"])

    assert disposal.execute(run).report == run.report  # running it again does nothing
    again = disposal.propose(AS_OF)
    assert gone.pk not in {item.person_id for item in again.items.all()}  # disposed of once


def test_a_hold_placed_after_the_proposal_still_wins(demo_register: None) -> None:
    person = _person(1, "job_applicant", date(2025, 1, 1))
    run = disposal.approve(disposal.propose(AS_OF))
    holds.place("Police request 2026/77", "investigation", "Preserve the applicant's file.", people=[person])
    run = disposal.execute(run)
    item = run.items.get()
    assert item.status == DisposalItem.HELD and "Police request 2026/77" in item.reason
    assert Person.objects.get(pk=person.pk).name == "Person 1"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ended_years=st.lists(st.one_of(st.none(), st.integers(2005, 2026)), min_size=1, max_size=8),
    kinds=st.lists(st.sampled_from(["client_contact", "job_applicant", "prospect"]), min_size=8, max_size=8),
    held_mask=st.lists(st.booleans(), min_size=8, max_size=8),
    released=st.booleans(),
)
def test_disposal_never_touches_held_records_and_is_idempotent(
    demo_register: None, ended_years: list[int | None], kinds: list[str], held_mask: list[bool], released: bool
) -> None:
    from django.db import transaction

    with transaction.atomic():
        made = [_person(i, kinds[i], date(year, 6, 1) if year else None) for i, year in enumerate(ended_years)]
        chosen = [p for p, h in zip(made, held_mask, strict=False) if h]
        hold = holds.place("Hold", "litigation", "Keep them.", people=chosen) if chosen else None
        if hold is not None and released:
            holds.release(hold, "The matter settled.")
        protected = set() if released else {p.pk for p in chosen}
        due = {d.person.pk for d in disposal.people_due(AS_OF)}
        run = disposal.execute(disposal.approve(disposal.propose(AS_OF)))
        for person in made:
            now = Person.objects.get(pk=person.pk)
            if person.pk in protected or person.pk not in due:
                assert now.name == person.name and Identity.objects.filter(person=person).exists()
            else:
                assert now.name.startswith("Erased person")
        before = list(Person.objects.order_by("pk").values_list("name", flat=True))
        disposal.execute(run)
        second = disposal.execute(disposal.approve(disposal.propose(AS_OF)))
        assert not second.items.filter(status=DisposalItem.DONE).exists()  # nothing left to dispose of
        assert list(Person.objects.order_by("pk").values_list("name", flat=True)) == before
        transaction.set_rollback(True)
