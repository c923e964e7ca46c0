"""The breach register: each incident with its timeline, the people affected, the assessment under
each regime that applies (the harm factors weighed and who decided), the notifications to regulators
as generated and submitted, and every notice to an individual as sent (or bounced)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from privacydesk.audit.models import AuditedModel
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, System

REGIMES = [("au", "Australia: Privacy Act 1988 Part IIIC"), ("nz", "New Zealand: Privacy Act 2020 Part 6"),
           ("eu", "EU: GDPR Arts 33-34")]  # fmt: skip


class Breach(AuditedModel):
    CYBER, HUMAN, LOSS, FAULT, INSIDER = "cyber", "human_error", "theft_loss", "system_fault", "insider"
    KINDS = [
        (CYBER, "Cyber incident (ransomware, hacking, phishing)"),
        (HUMAN, "Human error (e.g. an email to the wrong person)"),
        (LOSS, "Theft or loss of a device or paperwork"),
        (FAULT, "System fault"),
        (INSIDER, "Unauthorised access by staff"),
    ]
    OPEN, CONTAINED, CLOSED = "open", "contained", "closed"
    STATES = [(OPEN, "Open"), (CONTAINED, "Contained"), (CLOSED, "Closed")]

    reference = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What happened, as far as is known.")
    kind = models.CharField(max_length=20, choices=KINDS)
    occurred_from = models.DateTimeField(null=True, blank=True, help_text="When it began (if known).")
    occurred_to = models.DateTimeField(null=True, blank=True, help_text="When it ended (if known).")
    suspected_at = models.DateTimeField(help_text="When there were first reasonable grounds to suspect it (AU clock).")
    discovered_at = models.DateTimeField(help_text="When we became aware of it (NZ and GDPR clocks).")
    contained_at = models.DateTimeField(null=True, blank=True)
    systems = models.ManyToManyField(System, blank=True, related_name="breaches")
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="breaches")
    estimated_count = models.PositiveIntegerField(null=True, blank=True, help_text="When not everyone is known yet.")
    suspected_holder = models.TextField(blank=True, help_text="Who may now hold the information (if known).")
    other_agencies = models.TextField(blank=True, help_text="Others told (police, CERT NZ, ASD, insurer) and why.")
    recommendations = models.TextField(
        blank=True, help_text="What affected people should do (change passwords, watch for scams...)."
    )
    status = models.CharField(max_length=20, choices=STATES, default=OPEN)
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-discovered_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class Affected(models.Model):
    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="affected")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="breaches_affecting")
    jurisdiction = models.CharField(max_length=8, help_text="The person's jurisdiction when added.")
    source = models.CharField(max_length=120, help_text="How we know: a system, a list, a search.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["breach", "person"], name="affected_once")]
        indexes = [models.Index(fields=["breach", "jurisdiction"])]

    def __str__(self) -> str:
        return f"person {self.person_id} in {self.breach_id}"


class Action(models.Model):
    """The timeline: containment, remediation and notes, each with who and when."""

    CONTAIN, REMEDIATE, NOTE = "contain", "remediate", "note"
    KINDS = [(CONTAIN, "Containment"), (REMEDIATE, "Remediation"), (NOTE, "Note")]

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=KINDS)
    text = models.TextField()
    at = models.DateTimeField(default=timezone.now)
    by = models.CharField(max_length=150)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"


class Assessment(AuditedModel):
    """The assessment under one regime: the judgement, the factors weighed (with what was found for
    each), who decided, and what the law says follows (``outcome``)."""

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="assessments")
    regime = models.CharField(max_length=4, choices=REGIMES)
    serious_harm_likely = models.BooleanField(default=False)
    remedial_action_prevented_harm = models.BooleanField(default=False)
    risk_unlikely = models.BooleanField(default=False)
    high_risk = models.BooleanField(default=False)
    unintelligible = models.BooleanField(default=False)
    individual_notice_impracticable = models.BooleanField(default=False)
    notify_only_at_risk = models.BooleanField(default=False)
    factors = models.JSONField(default=dict, help_text="Factor code → what was found.")
    reasoning = models.TextField()
    decided_by = models.CharField(max_length=150)
    decided_at = models.DateTimeField(default=timezone.now)
    outcome = models.JSONField(default=dict)

    class Meta:
        ordering = ["breach", "regime"]
        constraints = [models.UniqueConstraint(fields=["breach", "regime"], name="one_assessment_per_regime")]


class Notification(AuditedModel):
    """A notification as generated (its contents element by element, and the document) and, once
    given to the regulator or published, when and by whom."""

    REGULATOR, PUBLIC = "regulator", "public"
    AUDIENCES = [(REGULATOR, "Regulator"), (PUBLIC, "Public statement")]

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="notifications")
    regime = models.CharField(max_length=4, choices=REGIMES)
    audience = models.CharField(max_length=20, choices=AUDIENCES)
    contents = models.JSONField(default=dict, help_text="Required element → its text.")
    html = models.TextField()
    pdf = models.BinaryField(null=True, blank=True)
    generated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.CharField(max_length=150, blank=True)
    regulator_reference = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["breach", "regime", "audience"]
        constraints = [models.UniqueConstraint(fields=["breach", "regime", "audience"], name="one_notification")]


class Notice(models.Model):
    """A notice to one affected person, stored exactly as sent."""

    QUEUED, SENDING, SENT, BOUNCED, FAILED = "queued", "sending", "sent", "bounced", "failed"
    STATES = [(QUEUED, "Queued"), (SENDING, "Sending"), (SENT, "Sent"), (BOUNCED, "Bounced"), (FAILED, "Failed")]
    MAX_ATTEMPTS = 5

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="notices")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="breach_notices")
    regime = models.CharField(max_length=4, choices=REGIMES)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    claimed_by = models.CharField(max_length=120, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["breach", "pk"]
        constraints = [models.UniqueConstraint(fields=["breach", "person", "regime"], name="one_notice")]
        indexes = [models.Index(fields=["status", "breach"])]

    def __str__(self) -> str:
        return f"notice to person {self.person_id} ({self.get_status_display()})"
