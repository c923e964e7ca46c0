"""A privacy officer records where a New Zealander's details came from, sees the IPP 3A notice owed on
the dashboard, publishes the notice and records it as given; then records a disclosure the law
engine refuses — in a real browser, and every page passes axe-core."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from privacydesk.accountability.models import Collection, CollectionPoint
from privacydesk.people import services as people
from tests.conftest import PASSWORD, totp_now
from tests.e2e.test_console_browser import _serious

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/console/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/sign-in/code/")
    page.get_by_label("Code from your authenticator app").fill(
        totp_now(TOTPDevice.objects.get(user__username=username))
    )
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/console/")


def test_indirect_collection_notice_and_a_refused_disclosure(page, make_staff, demo_register) -> None:  # type: ignore[no-untyped-def]
    make_staff("privacy_officer", "officer")
    person = people.create_person(name="Aroha Parata", jurisdiction="NZ", country="NZ")
    CollectionPoint.objects.create(name="Referral from a partner", kind="referral", indirect=True)
    _sign_in(page, "officer")

    page.goto(f"/console/people/{person.pk}/")
    page.get_by_role("link", name="Record where their information came from").click()
    assert _serious(page) == []
    page.get_by_label("Collection point").select_option(label="Referral from a partner")
    page.get_by_label("When").fill("2026-07-03T10:00")
    page.get_by_label("Source").fill("Harbour IT, our referral partner")
    page.get_by_role("button", name="Record").click()
    # 10:00 on 3 July in Sydney is 12:00 in Auckland; ten NZ working days skip Matariki (10 July).
    assert "A notice is owed to them by 20 July 2026" in page.locator(".messages").inner_text()
    assert _serious(page) == []

    page.goto("/console/")
    card = page.locator("section.card", has_text="Notices owed")
    assert "1 overdue" in card.inner_text()
    card.get_by_role("link", name="Notices due").click()
    assert page.get_by_role("cell", name="Aroha Parata", exact=True).is_visible()
    assert _serious(page) == []

    page.goto("/console/records/collection-points/")
    page.get_by_role("link", name="Referral from a partner").click()
    page.get_by_role("link", name="Publish a new version of the notice").click()
    assert _serious(page) == []
    for label, text in [
        ("Who we are", "Southern Cross Managed IT, PO Box 1234, Sydney"),
        ("What we collect and how", "Your contact details, from the business that referred you."),
        ("Why we collect it", "To contact you about the IT services you were referred for."),
        ("Who we give it to", "Our CRM provider; nobody else."),
        ("Seeing and correcting it", "Email privacy@example.com.au to see or correct it."),
    ]:
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Publish").click()
    assert "Version 1 published" in page.locator(".messages").inner_text()
    assert _serious(page) == []

    page.goto("/console/records/notices-due/")
    page.get_by_label("Given by").select_option("email")
    page.get_by_role("button", name="Record as given").click()
    assert "Notice recorded as given." in page.locator(".messages").inner_text()
    assert Collection.objects.get().notice_status == Collection.GIVEN

    page.goto(f"/console/people/{person.pk}/")
    page.get_by_role("link", name="Record a disclosure").click()
    page.get_by_label("Recipient", exact=True).select_option(label="Email-marketing vendor")
    page.get_by_label("Contact details", exact=True).check()
    page.get_by_label("Purpose (register)").select_option(label="Marketing our services")
    page.get_by_label("Why it was disclosed").fill("For the vendor's own promotions")
    page.get_by_label("When", exact=True).fill("2026-11-02T09:00")
    page.get_by_label("Collection purpose", exact=True).fill("Delivering managed IT services")
    page.get_by_role("button", name="Record disclosure").click()
    summary = page.locator(".error-summary").inner_text()
    assert "The law engine does not allow this disclosure" in summary and "IPP 12" in summary
    assert _serious(page) == []
