"""Service-provider access: for a managed IT provider, the clients whose systems its staff reach
into, those systems, the agreement's confidentiality terms, and a log of each access — who, when,
which system, which ticket, why — so each client can be shown that access was only as needed."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from privacydesk.audit.models import AuditedModel
from privacydesk.register.models import DataCategory


class ClientOrganisation(AuditedModel):
    name = models.CharField(max_length=200, unique=True)
    abn = models.CharField("ABN or NZBN", max_length=20, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    agreement_reference = models.CharField(max_length=120, blank=True)
    confidentiality_terms = models.TextField(
        blank=True, help_text="The service agreement's confidentiality and privacy terms, or a summary with clauses."
    )
    agreement_signed_on = models.DateField(null=True, blank=True)
    agreement_expires_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClientSystem(AuditedModel):
    client = models.ForeignKey(ClientOrganisation, on_delete=models.PROTECT, related_name="systems")
    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    holds_sensitive = models.BooleanField(
        "Holds sensitive information", default=False, help_text="e.g. a medical practice's patient records."
    )
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="client_systems")

    class Meta:
        ordering = ["client", "name"]
        constraints = [models.UniqueConstraint(fields=["client", "name"], name="client_system_unique")]

    def __str__(self) -> str:
        return f"{self.client}: {self.name}"


class ClientAccess(AuditedModel):
    """One access by a member of staff to a client's system. Entries are never edited."""

    CHANNELS = [("console", "Console"), ("api", "Helpdesk (API)")]

    system = models.ForeignKey(ClientSystem, on_delete=models.PROTECT, related_name="accesses")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="client_accesses")
    accessed_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ticket = models.CharField(max_length=120, blank=True)
    reason = models.TextField()
    channel = models.CharField(max_length=10, choices=CHANNELS, default="console")
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name_plural = "client accesses"
        indexes = [models.Index(fields=["system", "accessed_at"])]

    def __str__(self) -> str:
        return f"{self.staff} → {self.system} at {self.accessed_at:%Y-%m-%d %H:%M}"
