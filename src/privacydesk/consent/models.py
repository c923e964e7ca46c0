"""Consent and preferences: the programs an organisation sends, the channels it sends them by, and
the ledger of every grant and withdrawal.

The ledger (``ConsentEvent``) is append-only: an event is never changed or deleted, so the history a
person sees in their access package, and an auditor sees on their record, is the history there was.
``ConsentState`` is the ledger's latest word per person, program and channel, kept in the same
transaction as each event so that "may I send this?" is one indexed read; it can always be rebuilt
from the events (``services.rebuild_state``).

An event is shaped after ISO/IEC TS 27560 (consent record information structure): a record id, the
person, the purpose (program), the processing (channel), the legal basis, how and when consent was
given or withdrawn, the notice text and policy version the person was shown, and the evidence.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any, ClassVar

from django.db import models

from privacydesk.audit.models import AuditedModel
from privacydesk.people.models import Person
from privacydesk.register.models import System


class Channel(AuditedModel):
    """A way of reaching people: email, SMS, phone call, post."""

    EMAIL, PHONE, POST = "email", "phone", "post"
    ADDRESS_KINDS = [(EMAIL, "Email address"), (PHONE, "Phone number"), (POST, "Postal address")]

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    address_kind = models.CharField(max_length=10, choices=ADDRESS_KINDS)
    electronic_message = models.BooleanField(
        default=True,
        help_text="Email, SMS and instant messages are electronic messages under the Spam Act 2003 and the NZ "
        "UEMA 2007; voice calls and post are not.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Program(AuditedModel):
    """Something the organisation sends: a newsletter, service notices, security alerts, promotions."""

    EXPRESS, INFERRED, CONTRACT, LEGITIMATE = "express_consent", "inferred_consent", "contract", "legitimate_interests"
    BASES = [
        (EXPRESS, "Express consent (opt-in)"),
        (INFERRED, "Inferred consent from an existing business relationship"),
        (CONTRACT, "Needed to deliver the service we provide"),
        (LEGITIMATE, "Legitimate interests"),
    ]

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, help_text="Shown to people in the preference centre.")
    basis = models.CharField(max_length=30, choices=BASES)
    direct_marketing = models.BooleanField(
        default=False, help_text="Promotes goods or services (APP 7, Spam Act, UEMA, GDPR Art 21(2))."
    )
    channels = models.ManyToManyField(Channel, related_name="programs")
    default_on = models.BooleanField(
        default=False,
        help_text="People receive it until they opt out (not for express consent). Off: only by the channels "
        "each person chose — e.g. emergency contacts reached only by the method they asked for.",
    )
    systems = models.ManyToManyField(
        System,
        blank=True,
        related_name="programs",
        help_text="The mailing systems that send it: each must apply an opt-out within the legal time.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("check_consent", "Can check whether a program may be sent to someone"),
            ("export_consent", "Can export consent records"),
        ]

    def __str__(self) -> str:
        return self.name


class ImmutableQuerySet(models.QuerySet["ConsentEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("Consent events are a ledger: record a new event instead of changing one.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("Consent events are a ledger: they are never deleted.")


class ConsentEvent(models.Model):
    """One grant or withdrawal, as it happened. Never changed, never deleted."""

    GRANT, WITHDRAW = "grant", "withdraw"
    ACTIONS = [(GRANT, "Granted"), (WITHDRAW, "Withdrawn")]
    METHODS = [
        ("web_form", "Web form"),
        ("preference_centre", "Preference centre"),
        ("one_click", "One-click unsubscribe"),
        ("unsubscribe_page", "Unsubscribe page"),
        ("email_reply", "Email reply"),
        ("phone", "Phone call noted by staff"),
        ("in_person", "In person, noted by staff"),
        ("paper", "Paper form"),
        ("import", "Import"),
        ("api", "Another system, through the API"),
        ("erasure", "Erasure of the person's information"),
        ("disposal", "Disposal at the end of the retention period"),
    ]
    STAFF_METHODS = ("email_reply", "phone", "in_person", "paper")

    receipt = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The record's id.")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consent_events")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="events")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=10, choices=ACTIONS)
    method = models.CharField(max_length=20, choices=METHODS)
    basis = models.CharField(max_length=30, choices=Program.BASES, help_text="The program's basis at the time.")
    jurisdiction = models.CharField(max_length=8, help_text="The person's jurisdiction at the time.")
    occurred_at = models.DateTimeField(help_text="When the person gave or withdrew it.")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.CharField(max_length=150)
    notice_text = models.TextField(blank=True, help_text="What the person was shown when they chose.")
    policy_version = models.CharField(max_length=60, blank=True, help_text="The privacy policy version in force.")
    evidence = models.JSONField(default=dict, blank=True, help_text="Form, message, import file and row, …")

    objects: ClassVar[models.Manager[ConsentEvent]] = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["person", "program", "channel", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.program_id}/{self.channel_id} for person {self.person_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Consent events are a ledger: record a new event instead of changing one.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("Consent events are a ledger: they are never deleted.")


class ConsentState(models.Model):
    """The latest event per person, program and channel: what a check reads. Derived; rebuildable."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consent_states")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="states")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="states")
    granted = models.BooleanField()
    event = models.ForeignKey(ConsentEvent, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "program", "channel"], name="consent_state_unique"),
        ]
        indexes = [models.Index(fields=["program", "channel", "granted"])]

    def __str__(self) -> str:
        return f"{'on' if self.granted else 'off'} {self.program_id}/{self.channel_id} for person {self.person_id}"


def _new_secret() -> str:
    return secrets.token_urlsafe(16)


class LinkKey(models.Model):
    """The secret inside a person's preference and unsubscribe links. Rotating it makes every link
    sent before useless (a forwarded newsletter no longer opens its recipient's preferences)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="consent_link_key")
    secret = models.CharField(max_length=40, default=_new_secret)
    rotated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"link key for person {self.person_id}"


class Propagation(models.Model):
    """An opt-out that a mailing system must apply, by the date the law sets (Spam Act s 18(3)(a) and
    UEMA s 11: five working days; GDPR Art 21(3): no fixed period, so at once). Confirmed by the
    system itself through the API, or by staff who applied it by hand."""

    event = models.ForeignKey(ConsentEvent, on_delete=models.PROTECT, related_name="propagations")
    system = models.ForeignKey(System, on_delete=models.PROTECT, related_name="opt_outs")
    due_at = models.DateTimeField(null=True, blank=True, help_text="Empty: the law sets no period; apply at once.")
    citation = models.CharField(max_length=255)
    addresses = models.JSONField(
        default=list, blank=True, help_text="The addresses to suppress there, kept only until it is confirmed."
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "system"], name="propagation_once_per_system")]
        indexes = [models.Index(fields=["confirmed_at", "due_at"])]

    def __str__(self) -> str:
        return f"opt-out {self.event_id} in {self.system_id}"


class ConsentImport(models.Model):
    """A subscriber list uploaded for import: held between the preview and the confirmation, then
    emptied (only its hash and the counts stay, as the events' evidence points to them)."""

    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content = models.TextField(help_text="The file, until it is imported or discarded.")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="imports")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="imports")
    default_status = models.CharField(max_length=20, blank=True)
    uploaded_by = models.CharField(max_length=150)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"import {self.file_name}"


class PublicationPermission(AuditedModel):
    """A client's authority to publish something about them or their people: a testimonial, a case
    study, a referral given to a prospect, a sponsorship listing, a newsletter feature. Nothing is
    published without one that is current for that kind of publication."""

    KINDS = [
        ("testimonial", "Testimonial"),
        ("case_study", "Case study"),
        ("referral", "Referral given to prospects"),
        ("sponsorship", "Sponsorship listing"),
        ("newsletter_feature", "Newsletter feature"),
        ("logo", "Logo on our website"),
    ]

    client = models.ForeignKey(
        "accountability.ClientOrganisation", on_delete=models.PROTECT, related_name="publication_permissions"
    )
    kind = models.CharField(max_length=30, choices=KINDS)
    representative = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="publication_authorities",
        help_text="The client's representative who authorised it.",
    )  # fmt: skip
    scope = models.TextField(help_text="What may be published, where: the quote, the channels, any limits.")
    granted_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    evidence = models.CharField(max_length=255, blank=True, help_text="The signed form, the email that says yes.")
    withdrawn_on = models.DateField(null=True, blank=True)
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-granted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.client}"


def _site_key() -> str:
    return secrets.token_urlsafe(9)


class CookieSite(AuditedModel):
    """A website that shows privacydesk's cookie banner: its categories, wording and where it may post
    receipts from. The policy generator reads this to say truthfully what the site sets."""

    CATEGORIES, NONE = "categories", "none"
    MODES = [(CATEGORIES, "Ask: essential, analytics and marketing cookies"), (NONE, "We set no non-essential cookies")]

    name = models.CharField(max_length=120)
    key = models.CharField(max_length=20, unique=True, default=_site_key, editable=False)
    origins = models.JSONField(
        default=list, help_text="The site's origins, e.g. https://www.example.com.au (receipts only from these)."
    )
    mode = models.CharField(max_length=20, choices=MODES, default=CATEGORIES)
    analytics = models.CharField(
        max_length=300, blank=True, help_text="What the analytics cookies are and do (empty: the site sets none)."
    )
    marketing = models.CharField(
        max_length=300, blank=True, help_text="What the marketing cookies are and do (empty: the site sets none)."
    )
    policy_url = models.URLField(blank=True)
    policy_version = models.CharField(max_length=60, blank=True)
    banner_version = models.PositiveIntegerField(default=1, help_text="Raised on every change: people are asked again.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def categories(self) -> list[str]:
        return [c for c in ("analytics", "marketing") if getattr(self, c)]


class CookieReceipt(models.Model):
    """A visitor's cookie choice, as the banner sent it. Pseudonymous: a random visitor id the banner
    keeps in its own cookie, never a name, address or IP."""

    site = models.ForeignKey(CookieSite, on_delete=models.PROTECT, related_name="receipts")
    receipt = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    visitor = models.CharField(max_length=40, db_index=True)
    analytics = models.BooleanField()
    marketing = models.BooleanField()
    action = models.CharField(max_length=20)  # accept_all, reject_all, custom
    gpc = models.BooleanField(default=False, help_text="Global Privacy Control was on: marketing refused.")
    banner_version = models.PositiveIntegerField()
    policy_version = models.CharField(max_length=60, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"cookie choice {self.receipt}"
