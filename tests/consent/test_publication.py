"""Publication permissions: a testimonial, case study or referral only with a current authority from
the client's representative."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from privacydesk.accountability.models import ClientOrganisation
from privacydesk.consent import publication
from tests.consent.conftest import person


@pytest.fixture
def practice(programs) -> ClientOrganisation:  # type: ignore[no-untyped-def]
    return ClientOrganisation.objects.create(name="Harbour Dental")


def test_a_testimonial_within_its_dates(practice: ClientOrganisation) -> None:
    rep = person("Priya Shah", "priya@harbourdental.example.com.au")
    rep.client_organisation = "Harbour Dental"
    rep.save()
    assert not publication.may_publish(practice, "testimonial", date(2026, 3, 1)).allowed
    granted = publication.grant(
        client=practice, kind="testimonial", representative=rep, scope="Quote on the website home page",
        granted_on=date(2026, 2, 1), expires_on=date(2027, 2, 1), evidence="Email 2 Feb 2026",
    )  # fmt: skip
    before = publication.may_publish(practice, "testimonial", date(2026, 1, 31))
    during = publication.may_publish(practice, "testimonial", date(2026, 6, 1))
    after = publication.may_publish(practice, "testimonial", date(2027, 2, 1))
    assert not before.allowed
    assert during.allowed and during.permission == granted and "Priya Shah" in during.reason
    assert not after.allowed and "expired" in after.reason
    assert not publication.may_publish(practice, "case_study", date(2026, 6, 1)).allowed, "only what was authorised"
    publication.withdraw(granted, date(2026, 7, 1))
    assert "withdrew" in publication.may_publish(practice, "testimonial", date(2026, 7, 2)).reason


def test_a_representative_of_another_client_cannot_authorise(practice: ClientOrganisation) -> None:
    other = person("Sam Lee", "sam@otherco.example.com.au")
    other.client_organisation = "Other Co"
    other.save()
    with pytest.raises(ValidationError) as error:
        publication.grant(client=practice, kind="referral", representative=other, scope="Name a referee",
                          granted_on=date(2026, 2, 1))  # fmt: skip
    assert "not Harbour Dental" in str(error.value.message_dict["representative"])


def test_record_and_check_through_the_api_and_console(  # type: ignore[no-untyped-def]
    client: Client, officer_client: Client, practice, make_staff
) -> None:
    from privacydesk.accounts.models import ApiToken

    rep = person("Priya Shah", "priya@harbourdental.example.com.au")
    page = officer_client.post(
        "/console/consent/publications/",
        {"client": practice.pk, "kind": "case_study", "representative": rep.pk, "scope": "Two-page PDF",
         "granted_on": "2026-01-10", "expires_on": "2026-01-01"},
    )  # fmt: skip
    assert page.status_code == 400 and "The expiry must be after" in page.content.decode()
    ok = officer_client.post(
        "/console/consent/publications/",
        {"client": practice.pk, "kind": "case_study", "representative": rep.pk, "scope": "Two-page PDF",
         "granted_on": "2026-01-10"},
    )  # fmt: skip
    assert ok.status_code == 302
    _, raw = ApiToken.issue(make_staff("staff", "website"), "website", scopes=["consent:check"])
    checked = client.get(
        "/api/v1/consent/publication-check?client=Harbour+Dental&kind=case_study",
        headers={"Authorization": f"Bearer {raw}"},
    ).json()
    assert checked["allowed"] is True and checked["permission"]["scope"] == "Two-page PDF"
    wrong = client.get(
        "/api/v1/consent/publication-check?client=Harbour+Dental&kind=billboard",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "kind"
