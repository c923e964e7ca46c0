"""The cookie banner on an organisation's website, in Chromium: the site is another origin than
privacydesk, the banner's choice runs or holds back the site's tagged scripts, rejecting is as easy
as accepting, Global Privacy Control refuses marketing, and each choice lands as a receipt."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from privacydesk.consent.models import CookieReceipt, CookieSite
from tests.e2e.test_console_browser import _serious

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = Path(__file__).parents[2] / "src/privacydesk/static/privacydesk/consent.js"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour IT</title>
<script src="{server}/static/privacydesk/consent.js" data-site="{key}" defer></script></head>
<body><main><h1>Harbour IT</h1><p>Managed IT for dental practices.</p>
<a href="#" data-privacydesk-settings>Cookie settings</a></main>
<script type="text/plain" data-consent="analytics">window.analyticsRan = true;</script>
<script type="text/plain" data-consent="marketing">window.marketingRan = true;</script>
</body></html>"""


def _site() -> CookieSite:
    return CookieSite.objects.create(
        name="Harbour IT",
        origins=[],
        analytics="Counting visits to improve the site (Plausible).",
        marketing="Showing our ads on other sites (LinkedIn Insight).",
        policy_url="https://www.example.com.au/privacy",
        policy_version="2026-07",
    )


@contextmanager
def _website_server(html: str) -> Iterator[str]:
    """The organisation's own website: a separate HTTP server on 127.0.0.1 (another origin than
    privacydesk's live server on localhost), serving one page."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture
def website(browser, live_server):  # type: ignore[no-untyped-def]
    """Open the website with the banner; returns a function (gpc=False) -> page."""
    opened = []

    def open_site(site: CookieSite, gpc: bool = False):  # type: ignore[no-untyped-def]
        html = PAGE.format(server=live_server.url, key=site.key)
        manager = _website_server(html)
        origin = manager.__enter__()
        opened.append(manager)
        site.origins = [origin]
        site.save()
        context = browser.new_context(extra_http_headers={"Sec-GPC": "1"} if gpc else {})
        if gpc:
            context.add_init_script("Object.defineProperty(navigator, 'globalPrivacyControl', {get: () => true})")
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(f"{origin}/")
        return page

    yield open_site
    for manager in opened:
        manager.__exit__(None, None, None)


def test_reject_is_one_click_and_nothing_runs(website) -> None:  # type: ignore[no-untyped-def]
    page = website(_site())
    banner = page.get_by_role("region", name="Cookie choices")
    banner.wait_for()
    assert "Counting visits" in banner.inner_text() and _serious(page) == []
    reject, accept = page.get_by_role("button", name="Reject all"), page.get_by_role("button", name="Accept all")
    style = "el => getComputedStyle(el).backgroundColor + getComputedStyle(el).fontSize"
    assert reject.evaluate(style) == accept.evaluate(style), "rejecting is as prominent as accepting"
    reject.click()
    page.wait_for_function("() => !document.getElementById('privacydesk-banner')")
    page.wait_for_timeout(300)
    receipt = CookieReceipt.objects.get()
    assert (receipt.action, receipt.analytics, receipt.marketing, receipt.gpc) == ("reject_all", False, False, False)
    assert receipt.policy_version == "2026-07" and receipt.banner_version == 1
    assert page.evaluate("window.analyticsRan") is None and page.evaluate("window.marketingRan") is None
    page.reload()
    page.wait_for_timeout(500)
    assert page.locator("#privacydesk-banner").count() == 0, "the choice is remembered"
    page.get_by_role("link", name="Cookie settings").click()
    page.get_by_label("Analytics: Counting visits to improve the site (Plausible).").check()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_function("() => window.analyticsRan === true")
    assert page.evaluate("window.marketingRan") is None
    page.wait_for_timeout(300)
    latest = CookieReceipt.objects.order_by("-recorded_at").first()
    assert latest is not None and latest.analytics and not latest.marketing
    assert latest.visitor == receipt.visitor, "the same visitor id links a change of mind"
    page.context.close()


def test_global_privacy_control_refuses_marketing(website) -> None:  # type: ignore[no-untyped-def]
    page = website(_site(), gpc=True)
    page.get_by_role("region", name="Cookie choices").wait_for()
    assert "Global Privacy Control signal is on" in page.locator("#privacydesk-banner").inner_text()
    assert page.get_by_label("Marketing: Showing our ads on other sites (LinkedIn Insight).").is_disabled()
    page.get_by_role("button", name="Accept all").click()
    page.wait_for_function("() => window.analyticsRan === true")
    page.wait_for_timeout(300)
    assert page.evaluate("window.marketingRan") is None
    receipt = CookieReceipt.objects.get()
    assert receipt.gpc and receipt.analytics and not receipt.marketing
    page.context.close()


def test_the_script_is_small() -> None:
    assert SCRIPT.stat().st_size < 15 * 1024


def test_preference_pages_are_accessible(page, demo_register) -> None:  # type: ignore[no-untyped-def]
    from privacydesk.consent import links
    from privacydesk.consent.models import Channel, Program
    from privacydesk.people import services as people

    # A transactional test before this one flushed the channels the migration made: make them again.
    email, _ = Channel.objects.get_or_create(code="email", defaults={"name": "Email", "address_kind": "email"})
    sms, _ = Channel.objects.get_or_create(code="sms", defaults={"name": "SMS", "address_kind": "phone"})
    newsletter = Program.objects.create(code="newsletter", name="Newsletter", basis=Program.EXPRESS)
    newsletter.channels.set([email, sms])
    mia = people.create_person(name="Mia Nguyen", identities=[people.IdentityInput("email", "mia@example.com.au")])
    preferences = links.preferences_url(mia).split("/privacy/", 1)[1]
    page.goto(f"/privacy/{preferences}")
    assert _serious(page) == []
    page.get_by_label("By email").check()
    page.get_by_role("button", name="Save my choices").click()
    assert "Saved. Your choices apply now." in page.locator("main").inner_text()
    assert page.get_by_label("By email").is_checked()
    unsubscribe = links.unsubscribe_url(mia, newsletter, email).split("/privacy/", 1)[1]
    page.goto(f"/privacy/{unsubscribe}")
    assert _serious(page) == []
    page.get_by_role("button", name="Unsubscribe").click()
    assert "You are unsubscribed" in page.locator("h1").inner_text()
    page.goto("/privacy/preferences/")
    assert _serious(page) == []
