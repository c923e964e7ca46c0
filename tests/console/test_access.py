"""Every console URL and API route, walked with every role: allowed where the role needs it, denied
everywhere else. A new URL fails ``test_every_url_is_in_the_table`` until its row is added here."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from privacydesk.accountability.models import (
    Agreement,
    ClientOrganisation,
    ClientSystem,
    Collection,
    CollectionPoint,
    RoutineDisclosure,
    StaffDocument,
    StaffDocumentVersion,
)
from privacydesk.accounts.models import ApiToken
from privacydesk.accounts.services import create_staff
from privacydesk.api.routes import api
from privacydesk.breaches.models import Breach, Notification
from privacydesk.connectors.models import Connection, Evidence, Job, Step
from privacydesk.consent import services as consent
from privacydesk.consent.models import Channel, ConsentImport, Program, PublicationPermission
from privacydesk.console import urls as console_urls
from privacydesk.people import services
from privacydesk.register.models import Recipient, System
from privacydesk.retention.models import CustodyEvent, DisposalRun, LegalHold
from privacydesk.rights.models import IdentityDocument, Message, Request
from tests.conftest import ROLES, sign_in

PO, STAFF, AUDITOR, ADMIN = "privacy_officer", "staff", "auditor", "administrator"
ALL = {PO, STAFF, AUDITOR, ADMIN}

# url name, method, kwargs (placeholders filled per test), roles allowed
CONSOLE = [
    ("dashboard", "get", {}, ALL),
    ("people", "get", {}, {PO, STAFF, AUDITOR}),
    ("person_add", "get", {}, {PO, STAFF}),
    ("duplicates", "get", {}, {PO}),
    ("person", "get", {"pk": "person"}, {PO, STAFF, AUDITOR}),
    ("person_edit", "get", {"pk": "person"}, {PO}),
    ("identity_add", "post", {"pk": "person"}, {PO, STAFF}),
    ("person_merge", "post", {"pk": "person"}, {PO}),
    ("disclose", "get", {"pk": "person"}, {PO, STAFF}),
    ("collection_add", "get", {"pk": "person"}, {PO, STAFF}),
    ("correction_recipients", "get", {"pk": "person"}, {PO, AUDITOR}),
    ("package", "get", {"pk": "person"}, {PO, AUDITOR}),
    ("consent", "get", {}, {PO, STAFF, AUDITOR}),
    ("program_add", "get", {}, {PO, STAFF, AUDITOR}),
    ("program", "get", {"pk": "program"}, {PO, STAFF, AUDITOR}),
    ("opt_outs", "get", {}, {PO, STAFF, AUDITOR}),
    ("opt_out_confirm", "post", {"pk": "opt_out"}, {PO, STAFF}),
    ("person_consent", "get", {"pk": "person"}, {PO, STAFF}),
    ("consent_import", "get", {}, {PO}),
    ("publications", "get", {}, {PO, STAFF, AUDITOR}),
    ("cookie_sites", "get", {}, {PO, AUDITOR}),
    ("scan", "get", {}, {PO, STAFF}),
    ("publication_withdraw", "post", {"pk": "publication"}, {PO}),
    ("consent_import_preview", "get", {"pk": "consent_import"}, {PO}),
    ("requests", "get", {}, {PO, AUDITOR}),
    ("request", "get", {"pk": "request"}, {PO, AUDITOR}),
    ("request_decide", "post", {"pk": "request"}, {PO}),
    ("request_correction_notices", "post", {"pk": "request"}, {PO}),
    ("request_statement", "post", {"pk": "request"}, {PO}),
    ("request_reopen", "post", {"pk": "request"}, {PO}),
    ("request_extend", "post", {"pk": "request"}, {PO}),
    ("request_charge", "post", {"pk": "request"}, {PO}),
    ("request_document", "get", {"pk": "request", "doc": "document_upload"}, {PO}),
    ("request_letter_pdf", "get", {"pk": "request", "message": "letter"}, {PO, AUDITOR}),
    ("request_document_decide", "post", {"pk": "request", "doc": "document_upload"}, {PO}),
    ("request_assign", "post", {"pk": "request"}, {PO}),
    ("request_note", "post", {"pk": "request"}, {PO}),
    ("request_systems", "post", {"pk": "request"}, {PO}),
    ("step_retry", "post", {"pk": "step"}, {PO}),
    ("connections", "get", {}, {PO, AUDITOR}),
    ("connection_add", "get", {}, {PO}),
    ("connection_add", "post", {}, {PO}),
    ("connection_edit", "get", {"pk": "connection"}, {PO}),
    ("connection_edit", "post", {"pk": "connection"}, {PO}),
    ("connection_check", "post", {"pk": "connection"}, {PO}),
    ("policy", "get", {}, {PO, AUDITOR}),
    ("policy", "post", {}, {PO}),
    ("policy_check", "get", {}, {PO, AUDITOR}),
    ("policy_check", "post", {}, {PO, AUDITOR}),
    ("breaches", "get", {}, {PO, AUDITOR}),
    ("breach_add", "get", {}, {PO}),
    ("breach_add", "post", {}, {PO}),
    ("breach", "get", {"pk": "breach"}, {PO, AUDITOR}),
    ("breach", "post", {"pk": "breach"}, {PO}),
    ("breach_notification", "get", {"pk": "breach_notification"}, {PO, AUDITOR}),
    ("breach_notification_pdf", "get", {"pk": "breach_notification", "fmt": "pdf"}, {PO, AUDITOR}),
    ("retention", "get", {}, {PO, AUDITOR}),
    ("hold_add", "get", {}, {PO}),
    ("hold_add", "post", {}, {PO}),
    ("hold", "get", {"pk": "hold"}, {PO, AUDITOR}),
    ("hold", "post", {"pk": "hold"}, {PO}),
    ("custody_evidence", "get", {"pk": "custody"}, {PO, AUDITOR}),
    ("disposal_propose", "post", {}, {PO}),
    ("disposal_run", "get", {"pk": "disposal_run"}, {PO, AUDITOR}),
    ("disposal_approve", "post", {"pk": "disposal_run"}, {PO}),
    ("disposal_certificate", "get", {"pk": "disposal_run"}, {PO, AUDITOR}),
    ("disposal_certificate_pdf", "get", {"pk": "disposal_run", "fmt": "pdf"}, {PO, AUDITOR}),
    ("manual_steps", "get", {}, {PO, STAFF}),  # staff see only the steps assigned to them
    ("manual_step", "get", {"pk": "step"}, {PO, AUDITOR}),  # not assigned to this staff member
    ("manual_step", "post", {"pk": "step"}, {PO}),
    ("evidence", "get", {"pk": "evidence"}, {PO, AUDITOR}),
    ("request_person", "post", {"pk": "request"}, {PO}),
    ("records", "get", {}, {PO, STAFF, AUDITOR}),
    ("disclosures", "get", {}, {PO, AUDITOR}),
    ("disclosures_export", "get", {}, {PO, AUDITOR}),
    ("routines", "get", {}, {PO, AUDITOR}),
    ("routine_add", "get", {}, {PO}),
    ("routine", "get", {"pk": "routine"}, {PO, AUDITOR}),
    ("routine_run", "post", {"pk": "routine"}, {PO}),
    ("points", "get", {}, {PO, STAFF, AUDITOR}),
    ("point_add", "get", {}, {PO}),
    ("point", "get", {"pk": "point"}, {PO, STAFF, AUDITOR}),
    ("point_edit", "get", {"pk": "point"}, {PO}),
    ("notice_add", "get", {"pk": "point"}, {PO}),
    ("notices_due", "get", {}, {PO, AUDITOR}),
    ("notice_give", "post", {"pk": "collection"}, {PO}),
    ("notice_exempt", "post", {"pk": "collection"}, {PO}),
    ("notice_send", "post", {"pk": "collection"}, {PO}),
    ("clients", "get", {}, {PO, STAFF, AUDITOR}),
    ("client_add", "get", {}, {PO}),
    ("client", "get", {"pk": "client"}, {PO, AUDITOR}),
    ("client_edit", "get", {"pk": "client"}, {PO}),
    ("client_system_add", "post", {"pk": "client"}, {PO}),
    ("client_report", "get", {"pk": "client"}, {PO, AUDITOR}),
    ("access_log", "get", {}, {PO, AUDITOR}),
    ("access_add", "get", {}, {PO, STAFF}),
    ("agreements", "get", {}, {PO, AUDITOR}),
    ("agreement_add", "get", {}, {PO}),
    ("agreement_edit", "get", {"pk": "agreement"}, {PO}),
    ("acknowledgements", "get", {}, {PO, AUDITOR}),
    ("document_add", "get", {}, {PO}),
    ("version_add", "get", {"pk": "document"}, {PO}),
    ("my_acknowledgements", "get", {}, ALL),
    ("acknowledge", "post", {"pk": "version"}, ALL),
    ("register", "get", {}, {PO, STAFF, AUDITOR}),
    ("organisation", "get", {}, ALL),
    ("art30", "get", {}, {PO, AUDITOR}),
    ("art30_export", "get", {"fmt": "csv"}, {PO, AUDITOR}),
    ("register_yaml", "get", {}, {PO, AUDITOR}),
    ("register_import", "get", {}, {PO}),
    ("register_list", "get", {"kind": "systems"}, {PO, STAFF, AUDITOR}),
    ("register_add", "get", {"kind": "systems"}, {PO}),
    ("register_edit", "get", {"kind": "systems", "pk": "system"}, {PO}),
    ("register_delete", "get", {"kind": "systems", "pk": "system"}, {PO}),
    ("audit", "get", {}, {PO, AUDITOR}),
    ("audit_verify", "post", {}, {PO, AUDITOR}),
    ("audit_export", "get", {}, {PO, AUDITOR}),
    ("staff", "get", {}, {PO, AUDITOR, ADMIN}),
    ("staff_add", "get", {}, {PO, ADMIN}),
    ("staff_edit", "get", {"pk": "other_user"}, {PO, ADMIN}),
    ("password", "get", {}, ALL),
    ("tokens", "get", {}, {PO, ADMIN}),
    ("token_add", "post", {}, {PO, ADMIN}),
    ("token_revoke", "post", {"pk": "token"}, {PO, ADMIN}),
]
# Sign-in pages are reachable before a role is known; tested in test_auth.py.
PUBLIC = {"login", "verify", "enrol", "logout"}

API = [
    ("get", "/api/v1/register/systems", {PO, STAFF, AUDITOR}),
    ("get", "/api/v1/register/document", {PO, AUDITOR}),
    ("get", "/api/v1/people/?q=example", {PO, STAFF, AUDITOR}),
    ("get", "/api/v1/people/{person}", {PO, STAFF, AUDITOR}),
    ("post", "/api/v1/people/", {PO, STAFF}),
    ("post", "/api/v1/audit/verify", {PO, AUDITOR}),
    ("get", "/api/v1/law/deadline?jurisdiction=nz&duty=access_response&start=2026-12-18T10:00:00%2B13:00", ALL),
    ("get", "/api/v1/law/grounds?jurisdiction=au&kind=access", ALL),
    ("post", "/api/v1/law/decide", ALL),
    ("post", "/api/v1/law/applies", ALL),
    ("post", "/api/v1/law/notice-check", ALL),
    ("get", "/api/v1/people/{person}/sources", {PO, AUDITOR}),
    ("get", "/api/v1/people/{person}/package", {PO, AUDITOR}),
    ("post", "/api/v1/records/disclosures/", {PO, STAFF}),
    ("get", "/api/v1/records/disclosures/?person_id={person}", {PO, AUDITOR}),
    ("get", "/api/v1/records/disclosures/correction-recipients?person_id={person}&categories=contact", {PO, AUDITOR}),
    ("post", "/api/v1/records/disclosures/routines/{routine}/runs", {PO}),
    ("get", "/api/v1/records/collection/points", {PO, STAFF, AUDITOR}),
    ("post", "/api/v1/records/collection/", {PO, STAFF}),
    ("get", "/api/v1/records/collection/notices-due", {PO, AUDITOR}),
    ("post", "/api/v1/records/provider-access/", {PO, STAFF}),
    (
        "get",
        "/api/v1/records/provider-access/report?client=Medical+practice&since=2026-01-01&until=2027-01-01",
        {PO, AUDITOR},
    ),
    ("get", "/api/v1/records/agreements/check", {PO, AUDITOR}),
    ("get", "/api/v1/requests/", {PO, AUDITOR}),
    ("get", "/api/v1/requests/{request}", {PO, AUDITOR}),
    ("post", "/api/v1/requests/", {PO}),
    ("post", "/api/v1/requests/{request}/charge", {PO}),
    ("post", "/api/v1/requests/{request}/extend", {PO}),
    ("post", "/api/v1/requests/{request}/assign", {PO}),
    ("post", "/api/v1/requests/{request}/person", {PO}),
    ("post", "/api/v1/requests/{request}/notes", {PO}),
    ("post", "/api/v1/requests/{request}/decide", {PO}),
    ("post", "/api/v1/requests/{request}/reopen", {PO}),
    ("post", "/api/v1/requests/{refused_correction}/statement", {PO}),
    ("post", "/api/v1/requests/{done_correction}/correction-notices", {PO}),
    ("post", "/api/v1/requests/{request}/documents/{upload}/decide", {PO}),
    ("get", "/api/v1/whoami", {PO, STAFF, AUDITOR, ADMIN}),
    ("get", "/api/v1/consent/programs", {PO, STAFF, AUDITOR}),
    ("get", "/api/v1/consent/check?program=alerts&email=alex@example.com.au", {PO, STAFF}),
    ("post", "/api/v1/consent/filter", {PO, STAFF}),
    ("post", "/api/v1/consent/events", {PO, STAFF}),
    ("post", "/api/v1/consent/headers", {PO, STAFF}),
    ("get", "/api/v1/consent/people/{person}", {PO, STAFF, AUDITOR}),
    ("get", "/api/v1/consent/opt-outs?system=Helpdesk", {PO, STAFF, AUDITOR}),
    ("post", "/api/v1/consent/opt-outs/{opt_out}/confirm", {PO, STAFF}),
    ("post", "/api/v1/scan", {PO, STAFF}),
    ("get", "/api/v1/consent/publication-check?client=Medical+practice&kind=testimonial", {PO, STAFF, AUDITOR}),
    ("post", "/api/v1/consent/publications", {PO}),
    ("get", "/api/v1/requests/{request}/letters", {PO, AUDITOR}),
    ("get", "/api/v1/requests/{request}/letters/{letter}/pdf", {PO, AUDITOR}),
]
REGISTER_EDIT_ROLES = {PO}
POST_BODIES = {
    "/api/v1/law/decide": {"regimes": ["au"], "collection_purpose": "support", "proposed_purpose": "support"},
    "/api/v1/law/applies": {"operates_in_nz": True},
    "/api/v1/law/notice-check": {"jurisdictions": ["nz"], "sections": {"identity": "Us, 1 Queen St"}},
    "/api/v1/records/disclosures/": {
        "person_id": "{person}",
        "recipient": "Accountant",
        "categories": ["contact"],
        "reason": "Bookkeeping",
        "disclosed_at": "2026-11-02T09:00:00+11:00",
        "facts": {"collection_purpose": "Bookkeeping"},
    },
    "/api/v1/records/disclosures/routines/{routine}/runs": {"ran_at": "2026-11-02T02:00:00+11:00", "record_count": 3},
    "/api/v1/records/collection/": {
        "person_id": "{person}",
        "point": "Referral",
        "collected_at": "2026-11-02T09:00:00+11:00",
        "source": "A partner",
    },
    "/api/v1/requests/": {
        "kind": "access",
        "requester_name": "Phone Caller",
        "requester_email": "caller@example.com.au",
        "identity_checked_by": "Called back on the number on file",
    },
    "/api/v1/requests/{request}/notes": {"text": "Called them back."},
    "/api/v1/requests/{request}/decide": {"outcome": "refused", "grounds": ["app12_3_c"]},
    "/api/v1/consent/filter": {"program": "alerts", "addresses": ["alex@example.com.au"]},
    "/api/v1/consent/events": {"person_id": "{person}", "program": "alerts", "action": "withdraw"},
    "/api/v1/consent/headers": {"email": "alex@example.com.au", "program": "alerts"},
    "/api/v1/scan": {"text": "TFN 123 456 782", "redact": True},
    "/api/v1/consent/publications": {
        "client": "Medical practice",
        "kind": "testimonial",
        "representative_id": "{person}",
        "scope": "Website quote",
        "granted_on": "2026-01-01",
    },
    "/api/v1/requests/{request}/charge": {"amount": "25.00", "basis": "Copying archived tickets"},
    "/api/v1/requests/{request}/extend": {"reason": "Archived records to retrieve", "new_due": "2099-01-31"},
    "/api/v1/requests/{request}/assign": {"username": ""},
    "/api/v1/requests/{request}/person": {"person_id": "{person}"},
    "/api/v1/requests/{request}/reopen": {"reason": "The requester sent more information"},
    "/api/v1/requests/{refused_correction}/statement": {"text": "My surname is spelt differently."},
    "/api/v1/requests/{done_correction}/correction-notices": {"categories": ["contact"]},
    "/api/v1/requests/{request}/documents/{upload}/decide": {"decision": "accepted"},
    "/api/v1/records/provider-access/": {
        "client": "Medical practice",
        "system": "Patient records",
        "staff": "{username}",
        "accessed_at": "2026-11-02T09:00:00+11:00",
        "reason": "Backup check",
    },
}


def _body(path: str, objects: dict[str, object]) -> dict[str, object]:
    body = POST_BODIES.get(path, {"name": "New Person"})
    filled = {k: (v.format(**objects) if isinstance(v, str) else v) for k, v in body.items()}
    return {k: (int(v) if k in {"person_id", "representative_id"} else v) for k, v in filled.items()}


def test_every_url_is_in_the_table() -> None:
    names = {p.name for p in console_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == {row[0] for row in CONSOLE} | PUBLIC
    # Placeholders are compared by position: the table names the test object each one is filled with.
    paths = {
        (method.lower(), re.sub(r"\{\w+\}", "{}", path))
        for path, ops in api.get_openapi_schema()["paths"].items()
        for method in ops
    }
    table = {(method, re.sub(r"\{\w+\}", "{}", path.split("?")[0])) for method, path, _ in API}
    assert paths == table


def _objects(owner) -> dict[str, int]:  # type: ignore[no-untyped-def]
    person = services.create_person(
        name="Alex Example", identities=[services.IdentityInput("email", "alex@example.com.au")]
    )
    system = System.objects.create(name="Helpdesk")
    token, _ = ApiToken.issue(owner, "walk")
    other, _ = create_staff(f"colleague-of-{owner.username}", roles=["staff"])
    recipient = Recipient.objects.create(name="Accountant", country="AU")
    routine = RoutineDisclosure.objects.create(
        name="Nightly", recipient=recipient, reason="Bookkeeping", country="AU", started_on=date(2026, 1, 1)
    )
    point = CollectionPoint.objects.create(name="Referral", kind="referral", indirect=True)
    collected = Collection.objects.create(
        person=person, point=point, collected_at=timezone.now(), notice_status=Collection.PENDING, source="Partner"
    )
    client = ClientOrganisation.objects.create(name="Medical practice")
    ClientSystem.objects.create(client=client, name="Patient records", holds_sensitive=True)
    agreement = Agreement.objects.create(party=recipient, title="Terms", signed_on=date(2026, 1, 1))
    document = StaffDocument.objects.create(title="Privacy policy")
    version = StaffDocumentVersion.objects.create(
        document=document, version="1", body="Read me", published_at=timezone.now(), published_by="test"
    )
    alerts = Program.objects.create(code="alerts", name="Alerts", basis=Program.CONTRACT, default_on=True)
    alerts.channels.set(Channel.objects.filter(code="email"))
    alerts.systems.set([system])
    withdrawal = consent.record(person, consent.Choice(alerts, Channel.objects.get(code="email"), False), "phone")
    made = Request.objects.create(
        reference=f"R-TEST-{owner.pk}",
        kind="access",
        jurisdiction="au",
        requester_name="Alex Example",
        requester_email="alex@example.com.au",
        received_at=timezone.now(),
        due_at=timezone.now() + timedelta(days=30),
        status=Request.OPEN,
    )
    corrections = {
        outcome: Request.objects.create(
            reference=f"R-TEST-{owner.pk}-{outcome}",
            kind="correction",
            jurisdiction="au",
            requester_name="Alex Example",
            requester_email="alex@example.com.au",
            received_at=timezone.now(),
            status=Request.DECIDED,
            outcome=outcome,
            person=person,
        )
        for outcome in (Request.REFUSED, Request.FULFILLED)
    }
    upload = IdentityDocument.objects.create(request=made, stored_name="missing.bin", content_type="image/png", size=1)
    letter = Message.objects.create(
        request=made, kind="decision", to="alex@example.com.au", subject="S", body="B", pdf=b"%PDF-1.7"
    )
    job = Job.objects.create(request=made, kind=Job.ACCESS)
    step = Step.objects.create(
        job=job, connection=Connection.objects.create(system=system, name="helpdesk db"), status=Step.FAILED
    )
    breach = Breach.objects.create(
        reference="B-2026-0001", title="T", description="D", kind="cyber", recorded_by="x",
        suspected_at=timezone.now(), discovered_at=timezone.now(),
    )  # fmt: skip
    breach_notification = Notification.objects.create(breach=breach, regime="au", audience="regulator", html="<p>x</p>")
    hold = LegalHold.objects.create(title="Hold", kind="litigation", reason="R", placed_by="x")
    custody = CustodyEvent.objects.create(hold=hold, action="evidence", by="x", stored_name="missing.bin")
    disposal_run = DisposalRun.objects.create(as_of=date(2026, 1, 1), proposed_by="x", status="done")
    evidence = Evidence.objects.create(
        step=step, name="screen.png", stored_name="missing.bin", content_type="image/png", size=1, sha256="0" * 64
    )
    return {
        "request": made.pk,
        "step": step.pk,
        "connection": step.connection_id,
        "evidence": evidence.pk,
        "hold": hold.pk,
        "breach": breach.pk,
        "breach_notification": breach_notification.pk,
        "custody": custody.pk,
        "disposal_run": disposal_run.pk,
        "document_upload": upload.pk,
        "upload": upload.pk,
        "opt_out": withdrawal.propagations.get().pk,
        "program": alerts.pk,
        "publication": PublicationPermission.objects.create(
            client=client,
            kind="logo",
            representative=person,
            scope="Logo",
            granted_on=date(2026, 1, 1),
            recorded_by="test",
        ).pk,
        "consent_import": ConsentImport.objects.create(
            file_name="x.csv",
            sha256="0" * 64,
            content="Email,Status\n",
            program=alerts,
            channel=Channel.objects.get(code="email"),
            uploaded_by="test",
        ).pk,
        "refused_correction": corrections[Request.REFUSED].pk,
        "done_correction": corrections[Request.FULFILLED].pk,
        "letter": letter.pk,
        "person": person.pk,
        "system": system.pk,
        "token": token.pk,
        "other_user": other.pk,
        "routine": routine.pk,
        "point": point.pk,
        "collection": collected.pk,
        "client": client.pk,
        "agreement": agreement.pk,
        "document": document.pk,
        "version": version.pk,
    }


def _url(name: str, kwargs: dict[str, str], objects: dict[str, int]) -> str:
    return reverse(f"console:{name}", kwargs={k: objects.get(v, v) for k, v in kwargs.items()})


def _denied_or_login(response) -> str:  # type: ignore[no-untyped-def]
    if response.status_code == 403:
        return "denied"
    if response.status_code == 302 and "/sign-in/" in response["Location"]:
        return "sign-in"
    return "allowed" if response.status_code < 500 else f"error {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_console_urls_by_role(role: str, client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    user = make_staff(role)
    objects = _objects(user)
    sign_in(client, user)
    outcomes = {}
    for name, method, kwargs, allowed in CONSOLE:
        response = getattr(client, method)(_url(name, kwargs, objects))
        outcomes[name] = _denied_or_login(response)
        expected = "allowed" if role in allowed else "denied"
        assert outcomes[name] == expected, f"{role} {method.upper()} {name}: {outcomes[name]}, expected {expected}"


def test_console_urls_need_sign_in_and_second_factor(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    objects = _objects(make_staff(PO, "owner"))
    for name, method, kwargs, _ in CONSOLE:
        response = getattr(client, method)(_url(name, kwargs, objects))
        assert response.status_code == 302 and "/sign-in/" in response["Location"], f"anonymous {name}"
    # Password accepted but TOTP not yet given: every page sends the person to the code page.
    user = make_staff(PO, "half-signed-in")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    for name, method, kwargs, _ in CONSOLE:
        response = getattr(client, method)(_url(name, kwargs, objects))
        assert response.status_code == 302 and response["Location"].endswith("/sign-in/code/"), f"unverified {name}"


@pytest.mark.parametrize("role", ROLES)
def test_api_routes_by_role(role: str, client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    user = make_staff(role)
    objects = _objects(user)
    _, raw = ApiToken.issue(user, "walker")
    headers = {"Authorization": f"Bearer {raw}"}
    for method, path, allowed in API:
        url = path.format(**objects)
        body = _body(path, {**objects, "username": user.username})
        kwargs = {"data": body, "content_type": "application/json"} if method == "post" else {}
        response = getattr(client, method)(url, headers=headers, **kwargs)
        expected = 403 if role not in allowed else None
        if expected:
            assert response.status_code == 403, f"{role} {method} {url}: {response.status_code}"
        else:
            assert response.status_code in {200, 201}, f"{role} {method} {url}: {response.status_code}"
        anonymous = getattr(Client(), method)(url, **kwargs)
        assert anonymous.status_code == 401


def test_openapi_document_is_public(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/people/" in response.json()["paths"]
