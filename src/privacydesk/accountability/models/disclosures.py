"""The disclosure log: personal information given to someone outside the organisation.

A one-off disclosure names the person. A routine one (the nightly sync to the accountant's ledger)
is defined once, with the people it covers described by scope — everyone linked to a system, or of
a subject type — and each run is one row with a count, never a row per person per night; a
person's record finds the routines whose scope covers them.
"""

from __future__ import annotations

from django.db import models
from django_countries.fields import CountryField

from privacydesk.audit.models import AuditedModel
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Purpose, Recipient, SubjectType, System

CHANNELS = [("console", "Console"), ("api", "API"), ("import", "Import")]


class Disclosure(AuditedModel):
    """One disclosure of one person's information, with the law engine's answer it rested on."""

    audit_personal = True

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disclosures")
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="disclosures")
    categories = models.ManyToManyField(DataCategory, related_name="disclosures")
    purpose = models.ForeignKey(Purpose, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures")
    reason = models.TextField(help_text="Why it was disclosed, in words the person would understand.")
    disclosed_at = models.DateTimeField()
    country = CountryField(help_text="Where the recipient received it.")
    overseas = models.BooleanField(default=False)
    exception = models.CharField(max_length=40, blank=True, help_text="The law engine's exception relied on, if any.")
    facts = models.JSONField(default=dict, help_text="The facts given to the law engine.")
    basis = models.JSONField(default=dict, help_text="The law engine's decision, as given at the time.")
    # APP 6.5: a written note of a disclosure for an enforcement body's enforcement-related activities.
    enforcement_activity = models.TextField(blank=True)
    belief_basis = models.TextField(blank=True, help_text="Why we reasonably believed it was reasonably necessary.")
    reference = models.CharField(max_length=120, blank=True, help_text="Ticket, letter or order reference.")
    channel = models.CharField(max_length=10, choices=CHANNELS, default="console")
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-disclosed_at", "-pk"]
        indexes = [models.Index(fields=["person", "disclosed_at"])]
        permissions = [("export_disclosure", "Can export the disclosure log")]

    def __str__(self) -> str:
        return f"Disclosure {self.pk} to {self.recipient}"

    @property
    def app_6_5_note(self) -> bool:
        return self.exception == "enforcement_body"


class RoutineDisclosure(AuditedModel):
    """A disclosure repeated on a schedule to the same recipient, recorded once, with its runs."""

    name = models.CharField(max_length=160, unique=True)
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="routine_disclosures")
    categories = models.ManyToManyField(DataCategory, related_name="routine_disclosures")
    purpose = models.ForeignKey(Purpose, null=True, blank=True, on_delete=models.PROTECT, related_name="routines")
    reason = models.TextField()
    frequency = models.CharField(max_length=60, default="nightly")
    source_system = models.ForeignKey(
        System,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routine_disclosures",
        help_text="Everyone whose information this system holds is covered.",
    )
    subject_types = models.ManyToManyField(
        SubjectType, blank=True, related_name="routine_disclosures", help_text="Everyone of these types is covered."
    )
    jurisdictions = models.JSONField(
        default=list, help_text="Whose law governs the people it carries (au, nz, eu); decided under each."
    )
    country = CountryField()
    overseas = models.BooleanField(default=False)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    facts = models.JSONField(default=dict)
    basis = models.JSONField(default=dict)
    recorded_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutineRun(models.Model):
    """One run of a routine disclosure: when, how many records, never who."""

    routine = models.ForeignKey(RoutineDisclosure, on_delete=models.PROTECT, related_name="runs")
    ran_at = models.DateTimeField()
    record_count = models.PositiveIntegerField(default=0)
    reference = models.CharField(max_length=120, blank=True)
    recorded_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["-ran_at"]
        indexes = [models.Index(fields=["routine", "ran_at"])]

    def __str__(self) -> str:
        return f"{self.routine} at {self.ran_at:%Y-%m-%d %H:%M}"
