"""Operations on requests: submit, verify by one-time code, work the queue, decide, deliver.

Public links are signed (Django's signing, salted per purpose) and expire; a link names the request
and a piece of its random secret, so a link for one request never opens another. One-time codes are
stored as keyed hashes, expire after 15 minutes, allow five guesses, and at most three are issued
an hour. Every email sent is stored with the request as sent.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from email_validator import EmailNotValidError, validate_email

from privacydesk import pdf
from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.law import LawError
from privacydesk.law.applies import EU_EEA
from privacydesk.law.clocks import deadline
from privacydesk.law.grounds import Ground, escalation, grounds
from privacydesk.people.models import Identity, Person
from privacydesk.people.normalise import normalise_email, normalise_phone
from privacydesk.register.models import Organisation
from privacydesk.rights import sms
from privacydesk.rights.models import (
    GROUNDS_KIND,
    KINDS,
    CorrectionStatement,
    Delivery,
    Message,
    Note,
    Request,
    VerificationCode,
)

CODE_LIFETIME = timedelta(minutes=15)
CODE_GUESSES = 5
CODES_PER_HOUR = 3
STATUS_LINK_DAYS = 90
PACKAGE_LINK_DAYS = 14


class LinkError(Exception):
    """A public link that is forged, for another request, or expired; ``expired`` says which."""

    def __init__(self, message: str, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


# --- Jurisdiction ---------------------------------------------------------------------------------


def infer_jurisdiction(country: str) -> str:
    """The regime whose rights apply, from where the requester lives; the organisation's home otherwise."""
    code = (country or "").upper()
    if code in {"AU", "NZ"}:
        return code.lower()
    if code in EU_EEA:
        return "eu"
    org = Organisation.current()
    return "nz" if org and org.operates_in_nz and not org.operates_in_au else "au"


def _regulator(request: Request) -> Any:
    """Where the requester can complain next (the EU authority of their member state)."""
    return escalation(request.jurisdiction, request.subdivision if request.jurisdiction == "eu" else None)


def _set_due(request: Request) -> None:
    duty = request.duty
    if duty is None:
        request.due_explanation = "The law sets no time for a general question; we aim to answer promptly."
        return
    try:
        result = deadline(request.jurisdiction, duty, request.received_at, request.subdivision)
    except LawError as exc:
        raise ValidationError({"jurisdiction": str(exc)}) from None
    request.due_at = result.due
    request.due_rule = result.rule
    request.due_citation = result.citation[:255]
    request.due_explanation = result.explanation
    request.due_benchmark = result.benchmark


# --- Links ----------------------------------------------------------------------------------------


def link_token(request: Request, purpose: str, extra: dict[str, Any] | None = None) -> str:
    return signing.dumps({"r": request.pk, "s": request.secret[:12], **(extra or {})}, salt=f"rights.{purpose}")


def from_token(token: str, purpose: str, max_age: timedelta) -> tuple[Request, dict[str, Any]]:
    try:
        data = signing.loads(token, salt=f"rights.{purpose}", max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError("This link has expired.", expired=True) from None
    except signing.BadSignature:
        raise LinkError("This link is not valid.") from None
    request = Request.objects.filter(pk=data.get("r")).first()
    if request is None or not hmac.compare_digest(request.secret[:12], str(data.get("s", ""))):
        raise LinkError("This link is not valid.")
    return request, data


def absolute(path: str) -> str:
    return settings.PRIVACYDESK_BASE_URL.rstrip("/") + path


def status_url(request: Request) -> str:
    return absolute(reverse("portal:status", args=[link_token(request, "status")]))


def verify_url(request: Request) -> str:
    return absolute(reverse("portal:verify", args=[link_token(request, "verify")]))


# --- Email ----------------------------------------------------------------------------------------


def _org_name() -> str:
    org = Organisation.current()
    return org.legal_name if org else "privacydesk"


#: Letters that are the organisation's formal word to the requester get a PDF copy, attached and kept;
#: the one-time code and the staff reminder are messages, not letters.
PDF_LETTERS = frozenset(
    {"acknowledgement", "decision", "extension", "charge_estimate", "complaint_outcome", "correction_notice"}
)


def _deliver(request: Request, kind: str, to: str, subject: str, body: str, context: dict[str, Any]) -> Message:
    """Lay the letter out as HTML (and PDF where it is a formal letter), store it as sent and email it."""
    with timezone.override(request.zone):
        html = render_to_string(
            "rights/letters/_letter.html",
            {"subject": subject, "body": body, "letter_date": timezone.localdate(), **context},
        )
    pdf_bytes = pdf.render_or_none(html) if kind in PDF_LETTERS else None
    message = Message.objects.create(
        request=request, kind=kind, to=to, subject=subject, body=body, body_html=html, pdf=pdf_bytes
    )
    email = EmailMultiAlternatives(subject, body, to=[to], headers={"Auto-Submitted": "auto-generated"})
    email.attach_alternative(html, "text/html")
    if pdf_bytes is not None:
        email.attach(message.pdf_name, pdf_bytes, "application/pdf")
    email.send()
    return message


def letters(request: Request) -> QuerySet[Message]:
    """The request's letters and emails, oldest first, without loading their PDFs (``has_pdf`` says)."""
    return request.messages.defer("pdf", "body_html").annotate(
        has_pdf=ExpressionWrapper(Q(pdf__isnull=False), output_field=BooleanField())
    )


def send(request: Request, kind: str, context: dict[str, Any]) -> Message:
    """Render the ``kind`` letter, email it to the requester and store it as sent."""
    context = {
        "request": request,
        "org": Organisation.current(),
        "org_name": _org_name(),
        "status_url": status_url(request),
        "addressee": request.requester_name,
        **context,
    }
    # Dates in a letter are the requester's dates: their jurisdiction's zone, not the office's.
    with timezone.override(request.zone):
        subject = render_to_string(f"rights/letters/{kind}.subject.txt", context).strip()
        body = render_to_string(f"rights/letters/{kind}.txt", context).strip() + "\n"
    return _deliver(request, kind, request.requester_email, subject, body, context)


# --- Submission and verification -----------------------------------------------------------------


@dataclass
class Submission:
    kind: str
    requester_name: str
    requester_email: str
    details: str = ""
    country: str = ""
    jurisdiction: str = ""
    on_behalf: bool = False
    subject_name: str = ""
    authority: str = ""
    requester_phone: str = ""
    code_by: str = "email"


def _validate(s: Submission) -> dict[str, str]:
    errors: dict[str, str] = {}
    if s.kind not in dict(KINDS):
        errors["kind"] = "Choose what you are asking for."
    if not s.requester_name.strip():
        errors["requester_name"] = "Enter your name."
    try:
        validate_email(s.requester_email, check_deliverability=False)
    except EmailNotValidError as exc:
        errors["requester_email"] = f"Enter an email address we can send a code to: {exc}"
    if s.jurisdiction and s.jurisdiction not in {"au", "nz", "eu"}:
        errors["jurisdiction"] = "Choose Australia, New Zealand or the European Union."
    if s.code_by not in {"email", "sms"}:
        errors["code_by"] = "Choose email or text message."
    elif s.code_by == "sms":
        try:
            normalise_phone(s.requester_phone, (s.country or "AU").upper())
        except ValueError as exc:
            errors["requester_phone"] = f"Enter a mobile number we can text a code to: {exc}"
    if s.on_behalf:
        if not s.subject_name.strip():
            errors["subject_name"] = "Enter the name of the person you are asking for."
        if not s.authority.strip():
            errors["authority"] = "Tell us what authorises you to act for them (for example, a power of attorney)."
    return errors


def _create(s: Submission, received_at: datetime | None) -> Request:
    errors = _validate(s)
    if errors:
        raise ValidationError(errors)
    request = Request(
        kind=s.kind,
        jurisdiction=s.jurisdiction or infer_jurisdiction(s.country),
        country=s.country.upper(),
        requester_name=s.requester_name.strip(),
        requester_email=s.requester_email.strip(),
        details=s.details.strip(),
        on_behalf=s.on_behalf,
        subject_name=s.subject_name.strip() if s.on_behalf else "",
        authority=s.authority.strip() if s.on_behalf else "",
        code_by=s.code_by,
        requester_phone=normalise_phone(s.requester_phone, (s.country or "AU").upper()) if s.code_by == "sms" else "",
        received_at=received_at or timezone.now(),
    )
    _set_due(request)
    request.reference = f"tmp-{secrets.token_hex(6)}"
    request.save()
    Request.objects.filter(pk=request.pk).update(reference=f"R-{request.received_at:%Y}-{request.pk:05d}")
    request.refresh_from_db()
    return request


@transaction.atomic
def submit(s: Submission, received_at: datetime | None = None) -> Request:
    """Record a request and email a verification code; the legal clock starts when it was received."""
    request = _create(s, received_at)
    issue_code(request)
    return request


@transaction.atomic
def submit_verified(s: Submission, checked_by: str, received_at: datetime | None = None) -> Request:
    """Record a request staff took another way (phone, front desk), having confirmed who is asking."""
    if not checked_by.strip():
        raise ValidationError({"identity_checked_by": "Say how the requester's identity was confirmed."})
    request = _create(s, received_at)
    request.status, request.verified_at = Request.OPEN, timezone.now()
    request.person = match_person(request)
    request.save()
    add_note(request, actor_label(), f"Identity confirmed by staff: {checked_by.strip()}")
    send(request, "acknowledgement", {})
    return request


def _code_hash(request: Request, code: str) -> str:
    key = f"{settings.SECRET_KEY}:rights.code:{request.secret}".encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def issue_code(request: Request) -> None:
    """Email a new six-digit code; at most three an hour per request."""
    if request.status != Request.AWAITING:
        raise ValidationError({"code": "This request is already confirmed."})
    recent = request.codes.filter(created_at__gte=timezone.now() - timedelta(hours=1)).count()
    if recent >= CODES_PER_HOUR:
        raise ValidationError({"code": "We have sent three codes in the last hour. Please wait before asking again."})
    code = f"{secrets.randbelow(10**6):06d}"
    VerificationCode.objects.create(
        request=request,
        code_hash=_code_hash(request, code),
        channel=request.code_by,
        expires_at=timezone.now() + CODE_LIFETIME,
    )
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    if request.code_by == "sms":
        text = f"{_org_name()}: your privacy request code is {code}. It expires in {minutes} minutes."
        Message.objects.create(
            request=request, kind="verification", to=request.requester_phone, subject="Text message", body=text
        )
        sms.send_sms(request.requester_phone, text)
        return
    send(request, "verification", {"code": code, "minutes": minutes})


def verify(request: Request, code: str) -> Request:
    """Check a code. Wrong or expired codes are refused with how many tries remain; five wrong locks it."""
    if request.status != Request.AWAITING:
        raise ValidationError({"code": "This request is already confirmed."})
    current = request.codes.filter(used_at__isnull=True).order_by("-created_at").first()
    if current is None or current.expires_at < timezone.now():
        raise ValidationError({"code": "That code has expired. Ask for a new one."})
    if current.attempts >= CODE_GUESSES:
        raise ValidationError({"code": "Too many wrong codes. Ask for a new one."})
    if not hmac.compare_digest(current.code_hash, _code_hash(request, code.strip())):
        VerificationCode.objects.filter(pk=current.pk).update(attempts=F("attempts") + 1)
        left = CODE_GUESSES - current.attempts - 1
        if left <= 0:
            raise ValidationError({"code": "Too many wrong codes. Ask for a new one."})
        raise ValidationError(
            {"code": f"That code is not right. You have {left} more {'try' if left == 1 else 'tries'}."}
        )
    with transaction.atomic():
        # Claim the code: exactly one request may use it, once.
        if VerificationCode.objects.filter(pk=current.pk, used_at__isnull=True).update(used_at=timezone.now()) != 1:
            raise ValidationError({"code": "That code has already been used."})
        request.status, request.verified_at = Request.OPEN, timezone.now()
        request.person = match_person(request)
        request.save()
        send(request, "acknowledgement", {})
    return request


def match_person(request: Request) -> Person | None:
    """The one current person whose email identity is the verified address (none if not exactly one)."""
    if request.on_behalf:
        return None  # the requester's address is not the subject's: staff match by hand
    try:
        normalised = normalise_email(request.requester_email)
    except ValueError:
        return None
    ids = list(
        Identity.objects.filter(kind="email", normalised=normalised, person__merged_into__isnull=True)
        .values_list("person_id", flat=True)
        .distinct()[:2]
    )
    return Person.objects.get(pk=ids[0]) if len(ids) == 1 else None


# --- Staff workflow -------------------------------------------------------------------------------


def queue() -> QuerySet[Request]:
    """Open requests, the soonest legal due date first (requests with no legal clock last)."""
    return (
        Request.objects.filter(status__in=[Request.AWAITING, Request.OPEN])
        .select_related("assigned_to", "person")
        .order_by(F("due_at").asc(nulls_last=True), "received_at")
    )


def at_risk(request: Request, now: datetime | None = None) -> str:
    """``overdue``, ``at_risk`` (due within 5 days) or ``""``."""
    now = now or timezone.now()
    if request.due_at is None or request.status not in {Request.AWAITING, Request.OPEN}:
        return ""
    if request.due_at < now:
        return "overdue"
    return "at_risk" if request.due_at - now < timedelta(days=5) else ""


def actor_label() -> str:
    return current_actor().label


def assignee(username: str) -> Any:
    """The active privacy officer with this username (None for an empty name), or a field error."""
    from django.contrib.auth import get_user_model

    if not username.strip():
        return None
    user = (
        get_user_model()
        .objects.filter(username=username.strip(), is_active=True, groups__name="privacy_officer")
        .first()
    )
    if user is None:
        raise ValidationError({"username": f"No active privacy officer has the username {username.strip()!r}."})
    return user


def assign(request: Request, user: Any) -> Request:
    request.assigned_to = user
    request.save(update_fields=["assigned_to"])
    return request


def add_note(request: Request, author: str, text: str, disclosable: bool = False) -> Note:
    if not text.strip():
        raise ValidationError({"text": "Write the note."})
    return Note.objects.create(request=request, author=author, text=text.strip(), disclosable=disclosable)


# Where the law lets an organisation charge for giving access, and what it says.
CHARGE_RULES = {
    "au": "Privacy Act 1988 (Cth) Sch 1, APP 12.8: a charge for giving access must not be excessive and must "
    "not apply to making the request",
    "eu": "GDPR Art 12(5) and Art 15(3): access is free; a reasonable fee only for further copies or a "
    "manifestly unfounded or excessive request",
}


@transaction.atomic
def estimate_charge(request: Request, amount: Any, basis: str) -> Request:
    """Tell the requester, before work starts, what giving access will cost and why."""
    from decimal import Decimal, InvalidOperation

    if request.kind not in {"access", "portability"} or request.status != Request.OPEN:
        raise ValidationError({"amount": "A charge estimate is for an open access request."})
    if request.jurisdiction not in CHARGE_RULES:
        raise ValidationError({"amount": "New Zealand requests: check the Privacy Act 2020 charging rules by hand."})
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount": "Enter the amount in dollars, e.g. 45.00."}) from None
    if value <= 0:
        raise ValidationError({"amount": "Enter an amount above zero (or charge nothing)."})
    if not basis.strip():
        raise ValidationError({"basis": "Say what the charge covers (e.g. staff time to retrieve archived files)."})
    request.charge_estimate, request.charge_basis = value, basis.strip()
    request.save(update_fields=["charge_estimate", "charge_basis"])
    send(request, "charge_estimate", {"citation": CHARGE_RULES[request.jurisdiction]})
    return request


def link_person(request: Request, person: Person) -> Request:
    if person.merged_into_id is not None:
        raise ValidationError({"person": f"Record {person.pk} was merged into {person.merged_into_id}; use that one."})
    request.person = person
    request.save(update_fields=["person"])
    return request


def grounds_for(request: Request) -> list[Ground]:
    kind = GROUNDS_KIND.get(request.kind)
    return grounds(request.jurisdiction, kind) if kind else []


@dataclass
class DecisionInput:
    outcome: str
    grounds: list[str]
    text: str = ""
    evaluative_explanation: str = ""
    intermediary: str = ""
    remedy: str = ""
    action_plan: str = ""


def _check_complaint(decision: DecisionInput) -> None:
    if decision.outcome not in dict(Request.COMPLAINT_OUTCOMES):
        raise ValidationError({"outcome": "Choose upheld, partly upheld or not upheld."})
    if decision.grounds:
        raise ValidationError({"grounds": "A complaint is upheld or not; refusal grounds do not apply."})
    if not decision.text.strip():
        raise ValidationError({"text": "Explain what you found, for the outcome letter."})
    if decision.outcome != Request.NOT_UPHELD and not decision.remedy.strip():
        raise ValidationError({"remedy": "Say what you will do to put it right."})


@transaction.atomic
def decide(request: Request, decision: DecisionInput, by: Any) -> Request:
    """Record the decision and send the letter: written reasons, with the grounds and how to complain,
    whenever the request is refused or done only in part."""
    if request.status != Request.OPEN:
        raise ValidationError({"outcome": "Only a confirmed, open request can be decided."})
    if request.earlier_decided_by_id is not None and getattr(by, "pk", None) == request.earlier_decided_by_id:
        raise ValidationError(
            {"outcome": "This is a review: someone other than the person who made the earlier decision must decide."}
        )
    if request.is_complaint:
        return _decide_complaint(request, decision, by)
    if decision.outcome not in dict(Request.OUTCOMES):
        raise ValidationError({"outcome": "Choose done in full, done in part or refused."})
    available = {g.code: g for g in grounds_for(request)}
    unknown = [g for g in decision.grounds if g not in available]
    if unknown:
        raise ValidationError({"grounds": f"Not a ground for this request under its law: {', '.join(unknown)}."})
    if decision.outcome != Request.FULFILLED and not decision.grounds:
        raise ValidationError({"grounds": "Choose the grounds for refusing (the law requires written reasons)."})
    gives_access = decision.outcome in {Request.FULFILLED, Request.PARTLY} and request.kind in {"access", "portability"}
    erases = decision.outcome in {Request.FULFILLED, Request.PARTLY} and request.kind == "erasure"
    if erases and request.person is None:
        raise ValidationError({"person": "Link the request to the person's record before erasing it."})
    if erases:
        from privacydesk.rights import erasure

        held = erasure.holds_on(request.person)  # type: ignore[arg-type]
        if held:
            raise ValidationError(
                {
                    "outcome": f"Their records are under a legal hold ({'; '.join(held)}) and cannot be erased while "
                    "it lasts: refuse, or decide in part, citing the legal-claims or law-enforcement ground."
                }
            )
    if gives_access and request.person is None:
        raise ValidationError({"person": "Link the request to the person's record before giving access."})
    request.outcome = decision.outcome
    request.grounds = list(decision.grounds)
    request.decision_text = decision.text.strip()
    request.evaluative_explanation = decision.evaluative_explanation.strip()
    request.intermediary = decision.intermediary.strip()
    request.decided_by = by
    request.decided_at = timezone.now()
    request.status = Request.DECIDED
    request.save()
    context: dict[str, Any] = {
        "grounds": [available[g] for g in decision.grounds],
        "regulator": _regulator(request),
    }
    if erases:
        from privacydesk.rights import erasure

        plan = erasure.erase(request)
        context["erasure"] = plan
        if plan.other_systems:
            add_note(
                request,
                actor_label(),
                "Erase by hand in the systems without a connector: " + ", ".join(plan.other_systems) + ".",
            )
    if decision.outcome != Request.REFUSED and request.kind in {"access", "portability"}:
        delivery = make_delivery(request)
        context["package_url"] = absolute(
            reverse("portal:package", args=[link_token(request, "package", {"d": delivery.pk})])
        )
        context["package_days"] = PACKAGE_LINK_DAYS
    send(request, "decision", context)
    return request


@transaction.atomic
def extend(request: Request, reason: str, new_due: date | None = None) -> Request:
    """Extend the time to respond where the law allows, and send the notice it requires.

    EU: to three months from receipt (Art 12(3)), notified within the first month. NZ: by a
    reasonable period staff choose, notified within the original 20 working days (s 48). AU: the APPs
    set a reasonable period, so a longer one is recorded with its reasons and the person is told.
    """
    if request.status != Request.OPEN or request.due_at is None:
        raise ValidationError({"reason": "Only an open request with a legal due date can be extended."})
    if request.extended_at is not None:
        raise ValidationError({"reason": "This request has already been extended once."})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reasons: the law requires them in the notice."})
    now = timezone.now()
    try:
        rule = deadline(request.jurisdiction, "extension", request.received_at, request.subdivision)
    except LawError as exc:
        raise ValidationError({"reason": str(exc)}) from None
    if now > request.due_at and request.jurisdiction in {"nz", "eu"}:
        by = timezone.localtime(request.due_at).strftime("%d %B %Y")
        raise ValidationError({"reason": f"Too late: the extension had to be notified by {by} ({rule.citation})."})
    if request.jurisdiction == "eu":
        assert rule.due is not None
        extended = rule.due
    else:
        if new_due is None:
            raise ValidationError({"new_due": "Choose the new date: the law fixes no length, only a reasonable one."})
        zone = request.due_at.tzinfo
        extended = datetime.combine(new_due, datetime.max.time().replace(microsecond=0), zone)
        if extended <= request.due_at:
            raise ValidationError({"new_due": "The new date must be after the current due date."})
    request.original_due_at, request.due_at = request.due_at, extended
    request.extension_reason, request.extended_at = reason.strip(), now
    request.due_explanation = f"Extended: {rule.rule_text}"
    request.due_citation = rule.citation[:255]
    request.save()
    regulator = _regulator(request)
    send(request, "extension", {"regulator": regulator, "citation": rule.citation})
    return request


def _decide_complaint(request: Request, decision: DecisionInput, by: Any) -> Request:
    _check_complaint(decision)
    request.outcome = decision.outcome
    request.decision_text = decision.text.strip()
    request.remedy = decision.remedy.strip()
    request.action_plan = decision.action_plan.strip()
    request.decided_by, request.decided_at, request.status = by, timezone.now(), Request.DECIDED
    request.save()
    regulator = _regulator(request)
    send(request, "complaint_outcome", {"regulator": regulator})
    return request


@transaction.atomic
def reopen(request: Request, reason: str) -> Request:
    """Reopen a decided complaint or request (new information, or the person is not satisfied)."""
    if request.status != Request.DECIDED:
        raise ValidationError({"reason": "Only a decided request can be reopened."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is being reopened."})
    earlier = f"{request.get_outcome_display()} on {timezone.localtime(request.decided_at):%d %B %Y}"
    add_note(request, actor_label(), f"Reopened (earlier decision: {earlier}): {reason.strip()}")
    request.earlier_decided_by = request.decided_by
    request.status, request.outcome, request.decided_at, request.decided_by = Request.OPEN, "", None, None
    request.reopened += 1
    request.save()
    return request


def resolution_days(kind: str = "complaint", since_days: int = 365) -> dict[str, float | int]:
    """How long decided requests of ``kind`` took, received to decided, over the last ``since_days``."""
    since = timezone.now() - timedelta(days=since_days)
    spans = [
        (r.decided_at - r.received_at).total_seconds() / 86400
        for r in Request.objects.filter(kind=kind, decided_at__gte=since).only("received_at", "decided_at")
        if r.decided_at
    ]
    if not spans:
        return {"count": 0}
    spans.sort()
    return {"count": len(spans), "median": spans[len(spans) // 2], "longest": spans[-1]}


# --- Access package delivery ----------------------------------------------------------------------


def packages_dir() -> Path:
    path = Path(settings.VAR_DIR) / "packages"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def make_delivery(request: Request) -> Delivery:
    from privacydesk.rights import package

    assert request.person is not None
    content = package.build_zip(request.person, request)
    name = f"{secrets.token_hex(16)}.zip"
    target = packages_dir() / name
    target.write_bytes(content)
    target.chmod(0o600)
    return Delivery.objects.create(
        request=request,
        file_name=name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        expires_at=timezone.now() + timedelta(days=PACKAGE_LINK_DAYS),
    )


def open_delivery(token: str) -> tuple[Delivery, bytes]:
    """The package a link names, read for download; the download is counted and audited."""
    request, data = from_token(token, "package", timedelta(days=PACKAGE_LINK_DAYS))
    delivery = Delivery.objects.filter(pk=int(data.get("d") or 0), request=request).first()
    if delivery is None:
        raise LinkError("This link is not valid.")
    if delivery.expires_at < timezone.now():
        raise LinkError("This link has expired.", expired=True)
    content = (packages_dir() / delivery.file_name).read_bytes()
    if hashlib.sha256(content).hexdigest() != delivery.sha256:
        raise LinkError("The package could not be read; please contact us.")
    Delivery.objects.filter(pk=delivery.pk).update(downloads=F("downloads") + 1)
    Delivery.objects.filter(pk=delivery.pk, first_downloaded_at__isnull=True).update(first_downloaded_at=timezone.now())
    chain.append("download", "rights.delivery", delivery.pk, data={"request": request.pk}, reason="requester download")
    return delivery, content


# --- Reminders ------------------------------------------------------------------------------------

REMIND_WITHIN = timedelta(days=5)


def remind_due(now: datetime | None = None) -> int:
    """Email staff about open requests due within five days (or overdue), once a day at most each.

    Each request is claimed with a conditional update before its email goes, so several workers
    running this at once never send the same reminder twice.
    """
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    day_ago = now - timedelta(days=1)
    due = Request.objects.filter(status__in=[Request.AWAITING, Request.OPEN], due_at__lt=now + REMIND_WITHIN)
    officers = list(
        get_user_model().objects.filter(is_active=True, groups__name="privacy_officer").exclude(email="").distinct()
    )
    sent = 0
    for request in due.select_related("assigned_to"):
        not_today = Q(reminded_at__isnull=True) | Q(reminded_at__lt=day_ago)
        claimed = Request.objects.filter(not_today, pk=request.pk).update(reminded_at=now)
        if claimed != 1:
            continue
        to = (
            [request.assigned_to.email]
            if request.assigned_to and request.assigned_to.email
            else [u.email for u in officers]
        )
        if not to:
            continue
        late = request.due_at is not None and request.due_at < now
        subject = f"{'Overdue' if late else 'Due soon'}: privacy request {request.reference}"
        body = render_to_string(
            "rights/letters/reminder.txt",
            {"request": request, "late": late, "url": absolute(reverse("console:request", args=[request.pk]))},
        )
        EmailMessage(subject, body, to=to).send()
        sent += 1
    return sent


# --- Corrections ----------------------------------------------------------------------------------


@dataclass
class CorrectionNotices:
    emailed: list[str]
    other_way: list[str]


def notify_correction(request: Request, categories: list[Any]) -> CorrectionNotices:
    """Tell every earlier recipient of the corrected information about the correction (APP 13.2,
    GDPR Art 19): by email where the register has an address for them; the rest are listed so staff
    can tell them another way. Each email is stored with the request as sent."""
    from privacydesk.accountability.services.disclosures import correction_recipients

    if request.kind != "correction" or request.person is None:
        raise ValidationError({"request": "Only a correction request linked to a person's record has recipients."})
    if request.outcome not in {Request.FULFILLED, Request.PARTLY}:
        raise ValidationError({"request": "Decide the correction (done in full or in part) before telling recipients."})
    if not categories:
        raise ValidationError({"categories": "Choose the information that was corrected."})
    result = CorrectionNotices([], [])
    for found in correction_recipients(request.person, categories):
        recipient = found.recipient
        address = recipient.contact.strip()
        try:
            validate_email(address, check_deliverability=False)
        except EmailNotValidError:
            result.other_way.append(recipient.name)
            continue
        context = {
            "request": request,
            "person": request.person,
            "found": found,
            "categories": ", ".join(c.name for c in found.categories),
            "org": Organisation.current(),
            "org_name": _org_name(),
            "addressee": recipient.name,
        }
        subject = f"Correction to personal information we gave you ({request.reference})"
        body = render_to_string("rights/letters/correction_notice.txt", context).strip() + "\n"
        _deliver(request, "correction_notice", address, subject, body, context)
        result.emailed.append(recipient.name)
    return result


def record_statement(request: Request, text: str) -> CorrectionStatement:
    """Keep the person's statement of the correction they sought with their record (APP 13.4, IPP 7)."""
    if request.kind != "correction" or request.outcome != Request.REFUSED or request.person is None:
        raise ValidationError({"text": "A statement goes with a refused correction linked to a person's record."})
    if not text.strip():
        raise ValidationError({"text": "Enter the person's statement."})
    return CorrectionStatement.objects.create(
        person=request.person, request=request, text=text.strip(), recorded_by=actor_label()
    )
