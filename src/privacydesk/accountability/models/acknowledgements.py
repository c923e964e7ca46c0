"""Staff acknowledgements: each version of the privacy policy and internal procedures, and who has
confirmed reading it. A new version starts everyone again."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from privacydesk.audit.models import AuditedModel


class StaffDocument(AuditedModel):
    KINDS = [("privacy_policy", "Privacy policy"), ("procedure", "Internal procedure"), ("other", "Other")]

    title = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=KINDS, default="procedure")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def current_version(self) -> StaffDocumentVersion | None:
        return self.versions.order_by("-published_at", "-pk").first()


class StaffDocumentVersion(models.Model):
    document = models.ForeignKey(StaffDocument, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(max_length=40)
    body = models.TextField()
    change_summary = models.CharField(max_length=255, blank=True)
    published_at = models.DateTimeField()
    published_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["document", "-published_at"]
        constraints = [models.UniqueConstraint(fields=["document", "version"], name="staff_document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document} {self.version}"


class Acknowledgement(models.Model):
    version = models.ForeignKey(StaffDocumentVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="acknowledgements")
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="acknowledgement_once")]

    def __str__(self) -> str:
        return f"{self.user} read {self.version}"
