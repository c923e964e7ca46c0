"""Individuals and the identities by which other systems know them."""

from __future__ import annotations

from django.db import models
from django_countries.fields import CountryField

from privacydesk.audit.models import AuditedModel
from privacydesk.register.models import SubjectType, System


class Person(AuditedModel):
    """Someone the organisation holds personal information about.

    ``jurisdiction`` is the law whose rights and clocks apply to them; the law engine can infer it
    from ``country`` but staff may record it explicitly (e.g. an EU resident served from Sydney).
    A merged record stays, pointing at the survivor, so its history is never lost.
    """

    audit_personal = True

    JURISDICTIONS = [
        ("AU", "Australia — Privacy Act 1988"),
        ("NZ", "New Zealand — Privacy Act 2020"),
        ("EU", "European Union — GDPR"),
        ("OTHER", "Elsewhere"),
    ]

    name = models.CharField(max_length=200)
    subject_type = models.ForeignKey(SubjectType, null=True, blank=True, on_delete=models.PROTECT)
    jurisdiction = models.CharField(max_length=8, choices=JURISDICTIONS, default="AU")
    country = CountryField(blank=True)
    client_organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=120, blank=True)
    notes = models.TextField(blank=True)
    systems = models.ManyToManyField(System, blank=True, related_name="people")
    relationship_ended_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the engagement, contract or application ended: retention periods that run from "
        "the end of the relationship start here.",
    )
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        permissions = [
            ("view_person_limited", "Can find people and see their names and identities"),
            ("merge_person", "Can merge duplicate people"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class Identity(AuditedModel):
    """An email address, phone number or reference by which a person is known."""

    audit_personal = True

    EMAIL, PHONE, CUSTOMER_NUMBER, OTHER = "email", "phone", "customer_number", "other"
    KINDS = [(EMAIL, "Email"), (PHONE, "Phone"), (CUSTOMER_NUMBER, "Customer number"), (OTHER, "Other reference")]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(max_length=20, choices=KINDS)
    value = models.CharField(max_length=254, help_text="As given.")
    normalised = models.CharField(max_length=254, editable=False)
    label = models.CharField(max_length=60, blank=True, help_text="e.g. work, mobile, after-hours.")

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name_plural = "identities"
        indexes = [models.Index(fields=["kind", "normalised"])]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "normalised"], name="identity_unique_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class PersonMerge(models.Model):
    """History of a merge: what the duplicate held when it was folded into the survivor."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_received")
    duplicate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_given")
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.CharField(max_length=150)
    reason = models.CharField(max_length=255, blank=True)
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"merge {self.duplicate_id} → {self.survivor_id}"


class Suppression(models.Model):
    """A keyed hash of an identity that must not come back (the person asked to be erased or to hear
    nothing more). Holds no readable personal information, so it survives erasure."""

    digest = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20)
    reason = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"suppressed {self.kind}"
