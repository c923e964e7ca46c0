"""A person's access package includes their disclosures and the notices they were given."""

from __future__ import annotations

import json

from privacydesk.accountability.services import collection, disclosures
from privacydesk.accountability.services.disclosures import DisclosureFacts
from privacydesk.audit.models import AuditEntry
from privacydesk.law.notices import TOPICS
from privacydesk.people.models import Person
from privacydesk.register.models import System
from privacydesk.rights import package
from tests.accountability.conftest import at, category, purpose, recipient


def test_the_package_holds_disclosures_routines_and_notices(au_person: Person) -> None:
    from privacydesk.accountability.models import CollectionPoint

    form = CollectionPoint.objects.create(name="Quote request", kind="quote_request")
    collection.publish_notice(form, {t: f"Notice text about {t}." for t in TOPICS}, effective_from=at(2026, 1, 1, 0))
    collection.record_collection(person=au_person, point=form, collected_at=at(2026, 2, 3, 10))
    disclosures.record_disclosure(
        person=au_person,
        recipient=recipient("External accountant"),
        categories=[category("billing")],
        purpose=purpose("Billing and collecting payment"),
        reason="Year-end reconciliation.",
        disclosed_at=at(2026, 7, 1, 9),
        facts=DisclosureFacts(collection_purpose="Billing and collecting payment"),
    )
    routine = disclosures.define_routine(
        name="Nightly invoice sync",
        recipient=recipient("External accountant"),
        categories=[category("billing")],
        purpose=purpose("Keeping financial records"),
        reason="Bookkeeping.",
        started_on=at(2026, 1, 1, 0).date(),
        facts=DisclosureFacts(collection_purpose="Keeping financial records"),
        source_system=System.objects.get(name="Accounting"),
        jurisdictions=["au"],
    )
    disclosures.record_run(routine, at(2026, 11, 1, 2), 10)

    result = package.build(au_person, reason="access request")
    json.dumps(result)  # ready to hand over as a file
    assert [(d["recipient"], d["reason"]) for d in result["disclosures"]] == [
        ("External accountant", "Year-end reconciliation.")
    ]
    assert "APP 6.1" in result["disclosures"][0]["legal_basis"]
    assert [r["name"] for r in result["routine_disclosures"]] == ["Nightly invoice sync"]
    [given] = result["collections"]
    assert given["notice"]["version"] == 1 and given["notice_status"] == "Given at collection"
    assert {"heading": "Why we collect it", "text": "Notice text about purposes."} in given["notice"]["sections"]
    assert "Quote request, from you, directly" in result["where_we_got_your_details"]
    entry = AuditEntry.objects.filter(action="export", object_id=str(au_person.pk)).get()
    assert entry.reason == "access request" and entry.data == {"export": "access_package"}
