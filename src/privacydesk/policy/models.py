"""Published versions of the privacy policy. A version is never changed once published: a new one is
published instead, with its effective date and a summary of what changed; reviews that change
nothing are recorded beside it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from privacydesk.audit.models import AuditedModel


class PolicyVersion(AuditedModel):
    number = models.PositiveIntegerField(unique=True)
    effective_from = models.DateField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.CharField(max_length=150)
    summary = models.TextField(blank=True, help_text="What changed since the previous version.")
    sections = models.JSONField(help_text="The policy as generated: headings, paragraphs and the elements each covers.")
    markdown = models.TextField()
    reading_grade = models.FloatField(help_text="Flesch-Kincaid grade level of the text.")
    sha256 = models.CharField(max_length=64)
    notified_at = models.DateTimeField(null=True, blank=True, help_text="When people who asked were told.")

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"version {self.number} (from {self.effective_from:%-d %B %Y})"

    @property
    def label(self) -> str:
        return f"{self.number} ({self.effective_from.isoformat()})"


class PolicyReview(models.Model):
    """A review that found the policy still right (APP 1.2: keep it up to date)."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(default=timezone.localdate)
    by = models.CharField(max_length=150)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"review of {self.version} on {self.reviewed_on}"
