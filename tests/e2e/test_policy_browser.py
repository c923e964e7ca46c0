"""The privacy policy in a browser: the officer publishes it from the console; a member of the public
reads it at /privacy/, finds earlier versions and what changed; every page passes axe-core."""

from __future__ import annotations

import pytest
from django.utils import timezone

from privacydesk.policy import services
from privacydesk.register.models import System
from tests.e2e.test_console_browser import _serious
from tests.e2e.test_records_browser import _sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_publish_read_and_see_what_changed(page, make_staff, demo_register) -> None:  # type: ignore[no-untyped-def]
    make_staff("privacy_officer", "officer")
    _sign_in(page, "officer")
    page.goto("/console/policy/")
    assert _serious(page) == []
    page.get_by_label("Takes effect on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Publish this as a new version").click()
    assert "Version 1 published" in page.locator(".messages").inner_text()

    System.objects.create(name="Backup vault", vendor="A backup SaaS", hosting_countries=["SG"])
    page.goto("/console/policy/")
    assert "no longer matches the register" in page.content()
    page.get_by_label("What changed").fill("Backups are now also held in Singapore.")
    page.get_by_role("button", name="Publish this as a new version").click()
    assert "Version 2 published" in page.locator(".messages").inner_text()
    assert services.current().number == 2

    page.goto("/console/policy/check/")
    assert _serious(page) == []
    page.get_by_label("Or paste the policy").fill(
        "We are bound by the National Privacy Principles. We collect your name, email and phone number when you "
        "call us, and use them to provide our services. Ask us to see or correct your personal information."
    )
    page.get_by_role("button", name="Check it").click()
    assert "repealed-law" in page.content()
    assert _serious(page) == []

    page.goto("/privacy/")
    assert page.get_by_role("heading", name="Sending information overseas").is_visible()
    assert "held in Singapore" in page.content()
    assert _serious(page) == []
    page.get_by_role("link", name="Earlier versions and what changed").click()
    page.get_by_role("link", name="See the changes in version 2").click()
    assert "Backup vault" in page.locator("ins").first.inner_text()
    assert _serious(page) == []
