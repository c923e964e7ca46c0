"""Connected systems and the durable work done in them for a request.

A ``Connection`` is how privacydesk reaches one of the register's systems: an SQL database (its
address encrypted at rest), or a manual step for systems without a connector. Its dataset
descriptor (YAML) is kept beside it, checked when saved.

A ``Job`` is one request's fulfilment (access, an erasure's dry run, the erasure); each connection
is one ``Step`` of it: a row a worker claims with a conditional update, so any number of workers can
share the queue; a failed step is retried with back-off, and one system failing never loses the
results of the others.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from privacydesk.audit.models import AuditedModel
from privacydesk.register.models import System


class Connection(AuditedModel):
    SQL, FILES, MANUAL = "sql", "files", "manual"
    KINDS = [(SQL, "SQL database"), (FILES, "Exports in a folder (CSV, XLSX)"), (MANUAL, "Manual step (no connector)")]

    system = models.ForeignKey(System, on_delete=models.PROTECT, related_name="connections")
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=KINDS, default=SQL)
    # The SQLAlchemy address, password included (or an exports folder's path), encrypted (Fernet,
    # PRIVACYDESK_CONNECTOR_KEY). Never shown again after entry, never logged.
    secret = models.TextField(blank=True, editable=False)
    descriptor = models.TextField(blank=True, help_text="The dataset descriptor (YAML).")
    timeout_seconds = models.PositiveIntegerField(default=300)
    active = models.BooleanField(default=True)
    # Manual steps: who does them and what to check.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="manual_connections"
    )
    checklist = models.TextField(blank=True, help_text="One item a line: what to search and change by hand.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Job(AuditedModel):
    ACCESS, ERASURE_PLAN, ERASURE = "access", "erasure_plan", "erasure"
    KINDS = [(ACCESS, "Find and export"), (ERASURE_PLAN, "Erasure dry run"), (ERASURE, "Erasure")]

    request = models.ForeignKey("rights.Request", on_delete=models.PROTECT, related_name="jobs")
    kind = models.CharField(max_length=20, choices=KINDS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for request {self.request_id}"


class Step(AuditedModel):
    QUEUED, RUNNING, SUCCEEDED, FAILED, MANUAL = "queued", "running", "succeeded", "failed", "manual"
    STATES = [
        (QUEUED, "Queued"),
        (RUNNING, "Running"),
        (SUCCEEDED, "Done"),
        (FAILED, "Failed"),
        (MANUAL, "Waiting for a person"),
    ]
    MAX_ATTEMPTS = 5

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="steps")
    connection = models.ForeignKey(Connection, on_delete=models.PROTECT, related_name="steps")
    status = models.CharField(max_length=20, choices=STATES, default=QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=120, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    due = models.DateField(null=True, blank=True, help_text="Manual steps: inside the request's legal clock.")
    result = models.JSONField(default=dict, blank=True)  # rows found / the erasure report
    error = models.TextField(blank=True)  # what went wrong last, without secrets

    class Meta:
        ordering = ["job", "connection__name"]
        permissions = [("do_manual_step", "Do by hand, with evidence, a step in a system without a connector")]
        constraints = [models.UniqueConstraint(fields=["job", "connection"], name="one_step_per_connection")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.connection} ({self.get_status_display()})"

    def backoff(self) -> timedelta:
        """Wait before the next attempt: 30 s, 1, 2, 4 minutes…"""
        return timedelta(seconds=30 * 2 ** max(0, self.attempts - 1))


class Evidence(models.Model):
    """A file showing what was done by hand in a system without a connector: a screenshot of the
    search, the export of what was found, the confirmation of a deletion. Encrypted at rest
    (``privacydesk.sealed``) and kept with the step; ``for_requester`` files of a search go into the
    person's access package."""

    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="evidence")
    name = models.CharField(max_length=200, help_text="The file's name as uploaded.")
    stored_name = models.CharField(max_length=80)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    for_requester = models.BooleanField(default=False)
    uploaded_by = models.CharField(max_length=150)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
