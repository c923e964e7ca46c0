"""A request from an individual, its identity verification, notes, messages and package delivery.

The request's clock starts when it is received (the law's words: "after the day the request is
received", "within one month of receipt"), not when the person finishes verifying; the due date
comes from the law engine for the requester's jurisdiction and is stored with its citation, so the
queue shows the date as the law stood when the request arrived.
"""

from __future__ import annotations

import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django_countries.fields import CountryField

from privacydesk.audit.models import AuditedModel
from privacydesk.people.models import Person

# Request kind → the law engine's duty whose clock applies (None: no legal clock).
KINDS = [
    ("access", "See the information you hold about me"),
    ("correction", "Correct information about me"),
    ("erasure", "Delete information about me"),
    ("restriction", "Limit how my information is used"),
    ("objection", "Object to how my information is used"),
    ("portability", "A copy of my information to take elsewhere"),
    ("stop_marketing", "Stop sending me marketing"),
    ("hold", "Do you hold information about me?"),
    ("question", "A general question about privacy"),
    ("complaint", "A complaint about how my information was handled"),
]
DUTY = {
    "access": "access_response",
    "hold": "access_response",
    "correction": "correction_response",
    "erasure": "erasure_response",
    "restriction": "restriction_response",
    "objection": "objection_response",
    "portability": "portability_response",
    "stop_marketing": "unsubscribe",
    "question": None,
    "complaint": "complaint_response",
}
# Request kind → the law engine's kind of grounds for refusing it.
GROUNDS_KIND = {
    "access": "access",
    "hold": "access",
    "portability": "access",
    "correction": "correction",
    "erasure": "erasure",
    "restriction": "objection",
    "objection": "objection",
}


def _secret() -> str:
    return secrets.token_urlsafe(24)


class Request(AuditedModel):
    audit_personal = True

    AWAITING, OPEN, DECIDED, CLOSED, WITHDRAWN = "awaiting_verification", "open", "decided", "closed", "withdrawn"
    STATES = [
        (AWAITING, "Waiting for the requester to confirm their email"),
        (OPEN, "Being worked on"),
        (DECIDED, "Decided"),
        (CLOSED, "Closed"),
        (WITHDRAWN, "Withdrawn"),
    ]
    FULFILLED, PARTLY, REFUSED = "fulfilled", "partly", "refused"
    OUTCOMES = [(FULFILLED, "Done in full"), (PARTLY, "Done in part"), (REFUSED, "Refused")]
    UPHELD, PARTLY_UPHELD, NOT_UPHELD = "upheld", "partly_upheld", "not_upheld"
    COMPLAINT_OUTCOMES = [(UPHELD, "Upheld"), (PARTLY_UPHELD, "Partly upheld"), (NOT_UPHELD, "Not upheld")]
    JURISDICTIONS = [("au", "Australia"), ("nz", "New Zealand"), ("eu", "European Union")]

    reference = models.CharField(max_length=20, unique=True, editable=False)
    secret = models.CharField(max_length=64, default=_secret, editable=False)
    kind = models.CharField(max_length=20, choices=KINDS)
    jurisdiction = models.CharField(max_length=2, choices=JURISDICTIONS)
    country = CountryField(blank=True)
    requester_name = models.CharField(max_length=200)
    requester_email = models.EmailField()
    requester_phone = models.CharField(max_length=20, blank=True, help_text="E.164, for a code by text message.")
    code_by = models.CharField(max_length=5, choices=[("email", "Email"), ("sms", "Text message")], default="email")
    details = models.TextField(blank=True)
    on_behalf = models.BooleanField(default=False)
    subject_name = models.CharField(max_length=200, blank=True, help_text="Whose information, if not the requester's.")
    authority = models.TextField(blank=True, help_text="The authority to act for them (e.g. power of attorney).")
    received_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    due_rule = models.CharField(max_length=120, blank=True)
    due_citation = models.CharField(max_length=255, blank=True)
    due_explanation = models.TextField(blank=True)
    due_benchmark = models.BooleanField(default=False)
    original_due_at = models.DateTimeField(null=True, blank=True, help_text="The due date before any extension.")
    extension_reason = models.TextField(blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=24, choices=STATES, default=AWAITING)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="requests")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_requests"
    )
    outcome = models.CharField(max_length=20, choices=OUTCOMES + COMPLAINT_OUTCOMES, blank=True)
    grounds = models.JSONField(default=list, blank=True, help_text="Codes of the law engine's grounds relied on.")
    decision_text = models.TextField(blank=True)
    evaluative_explanation = models.TextField(blank=True)
    intermediary = models.CharField(max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="decided_requests"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Complaints: what we will put right, and what we will change so it does not happen again.
    remedy = models.TextField(blank=True)
    action_plan = models.TextField(blank=True)
    reopened = models.PositiveIntegerField(default=0)
    # A review after reopening goes to someone other than whoever made the earlier decision.
    earlier_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # APP 12.8: a charge for giving access (never for making the request), estimated before work starts.
    charge_estimate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    charge_basis = models.TextField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, help_text="When staff were last reminded it is due.")

    class Meta:
        ordering = ["due_at", "received_at"]
        indexes = [models.Index(fields=["status", "due_at"])]
        permissions = [("decide_request", "Can decide a privacy request")]

    def __str__(self) -> str:
        return self.reference

    @property
    def duty(self) -> str | None:
        return DUTY[self.kind]

    @property
    def is_complaint(self) -> bool:
        return self.kind == "complaint"

    @property
    def subdivision(self) -> str | None:
        """Whose holidays count: the EU member state the requester lives in, or the organisation's state."""
        from privacydesk.accountability.services.common import subdivision_for

        return subdivision_for(self.jurisdiction, self.country)

    @property
    def zone(self) -> ZoneInfo:
        """The time zone the request's dates are counted and shown in."""
        from privacydesk.law import calendar

        return calendar.zone(self.jurisdiction, self.subdivision)


class VerificationCode(models.Model):
    """A one-time code sent to the requester. Only a keyed hash is stored."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    channel = models.CharField(max_length=10, default="email")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"code for {self.request}"


class Note(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="notes")
    author = models.CharField(max_length=150)
    text = models.TextField()
    disclosable = models.BooleanField(
        default=False, help_text="Goes into the person's access package (internal working notes do not)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"note on {self.request}"


class Message(models.Model):
    """Every letter and email sent about a request, stored as sent."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=30)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    body_html = models.TextField(blank=True, help_text="The HTML version sent alongside the text.")
    pdf = models.BinaryField(null=True, blank=True, help_text="The PDF copy attached to a formal letter, as sent.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return f"{self.kind} for {self.request}"

    @property
    def pdf_name(self) -> str:
        return f"{self.request.reference}-{self.kind.replace('_', '-')}.pdf"


class Delivery(models.Model):
    """An access package made for a request, and its downloads through an expiring link."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="deliveries")
    file_name = models.CharField(max_length=120)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    downloads = models.PositiveIntegerField(default=0)
    first_downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"package for {self.request}"


class CorrectionStatement(models.Model):
    """APP 13.4 / IPP 7(3): where a correction is refused and the person asks, their statement of the
    correction sought is kept with the record so that it shows wherever the record shows."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="correction_statements")
    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="statements")
    text = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"statement from {self.request}"


class IdentityDocument(models.Model):
    """A document the requester uploaded to prove who they are. The file is encrypted at rest
    (Fernet, key from the environment) and deleted as soon as staff decide the verification."""

    ACCEPTED, REJECTED = "accepted", "rejected"
    DECISIONS = [(ACCEPTED, "Accepted: identity confirmed"), (REJECTED, "Rejected: does not confirm identity")]

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="documents")
    stored_name = models.CharField(max_length=80)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=DECISIONS, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"document for {self.request}"
