"""People are found however an identity is typed, and merging keeps history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from privacydesk.audit import chain
from privacydesk.audit.models import AuditEntry
from privacydesk.people import services
from privacydesk.people.models import Person, PersonMerge
from privacydesk.people.normalise import normalise_email, normalise_phone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "region", "expected"),
    [
        ("0412 345 678", "AU", "+61412345678"),
        ("+61 412 345 678", "AU", "+61412345678"),
        ("(02) 9876 5432", "AU", "+61298765432"),
        ("021 123 4567", "NZ", "+64211234567"),
        ("+64 9 379 1234", "AU", "+6493791234"),
    ],
)
def test_phone_normalised_to_e164(typed: str, region: str, expected: str) -> None:
    assert normalise_phone(typed, region) == expected


def test_email_normalised_case_insensitively() -> None:
    assert normalise_email("  Jo.Citizen@Example.COM.au ") == "jo.citizen@example.com.au"
    with pytest.raises(ValueError, match="Not a valid email address"):
        normalise_email("jo..citizen@example")


def _jo() -> Person:
    return services.create_person(
        name="Jo Citizen",
        identities=[
            services.IdentityInput("email", "Jo.Citizen@example.com.au"),
            services.IdentityInput("phone", "0412 345 678"),
            services.IdentityInput("customer_number", "cust-00042"),
        ],
    )


@pytest.mark.parametrize(
    "query",
    ["jo.citizen@EXAMPLE.com.au", "+61412345678", "0412345678", "04 1234 5678", "CUST-00042", "citizen", "Jo.Citizen@"],
)
def test_person_found_whichever_form_is_typed(query: str) -> None:
    jo = _jo()
    services.create_person(name="Someone Else", identities=[services.IdentityInput("email", "else@example.com.au")])
    assert list(services.find(query)) == [jo]


def test_invalid_identity_names_the_field_and_writes_nothing() -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_person(
            name="Kim Lee",
            identities=[services.IdentityInput("email", "kim@example.com.au"), services.IdentityInput("phone", "12")],
        )
    assert "identities[1]" in caught.value.message_dict
    assert "Not a valid phone number" in caught.value.message_dict["identities[1]"][0]
    assert Person.objects.count() == 0


def test_merge_moves_identities_keeps_the_duplicate_and_its_snapshot() -> None:
    jo = _jo()
    dup = services.create_person(
        name="Joanne Citizen",
        identities=[
            services.IdentityInput("email", "jo.citizen@example.com.au"),
            services.IdentityInput("phone", "+61 400 000 001"),
        ],
    )
    candidates = services.duplicate_candidates()
    assert [(kind, value) for kind, value, _ in candidates] == [("email", "jo.citizen@example.com.au")]
    record = services.merge(dup, jo, reason="same person, two CRM entries")
    dup.refresh_from_db()
    assert dup.merged_into == jo
    assert set(jo.identities.values_list("normalised", flat=True)) == {
        "jo.citizen@example.com.au",
        "+61412345678",
        "CUST-00042",
        "+61400000001",
    }
    assert record.snapshot["name"] == "Joanne Citizen" and len(record.snapshot["identities"]) == 2
    assert PersonMerge.objects.count() == 1
    assert list(services.find("+61400000001")) == [jo], "the merged record no longer appears in searches"
    assert AuditEntry.objects.filter(action="merge", object_id=str(jo.pk)).exists()
    with pytest.raises(ValidationError):
        services.merge(dup, jo)
    assert chain.verify().ok
