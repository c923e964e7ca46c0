"""Contractors' and service providers' agreements: the privacy terms they accepted, where they
work, and when the terms end; every processor system in the register should be covered by one."""

from __future__ import annotations

from datetime import date

from django.db import models
from django_countries.fields import CountryField

from privacydesk.audit.models import AuditedModel
from privacydesk.register.models import Recipient, System

# The terms a privacy officer looks for in a processor or contractor agreement (APP 8.1 and 11,
# IPP 5 and s 11, GDPR Art 28(3)). Each is a yes/no on the agreement.
TERMS = {
    "confidentiality": "Confidentiality of personal information",
    "privacy_law_compliance": "Handles it as the APPs / IPPs require (or Art 28 processor terms)",
    "use_limited": "Uses it only to provide the service",
    "security": "Security measures",
    "breach_notification": "Tells us promptly of a data breach",
    "subcontracting": "Sub-contracting only with our approval and the same terms",
    "return_or_destroy": "Returns or destroys it at the end",
    "audit": "Lets us audit or obtain evidence of compliance",
}


class Agreement(AuditedModel):
    party = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(max_length=200)
    terms = models.JSONField(default=list, blank=True, help_text="Keys of TERMS the agreement includes.")
    privacy_terms = models.TextField(blank=True, help_text="The clauses, quoted or summarised, with numbers.")
    work_locations = CountryField(multiple=True, blank=True, help_text="Where they do the work or hold the data.")
    systems = models.ManyToManyField(System, blank=True, related_name="agreements")
    signed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    document_reference = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["party", "-signed_on"]

    def __str__(self) -> str:
        return f"{self.party}: {self.title}"

    def current_on(self, day: date) -> bool:
        return self.signed_on <= day and (self.expires_on is None or day <= self.expires_on)

    @property
    def missing_terms(self) -> list[str]:
        return [label for key, label in TERMS.items() if key not in self.terms]
