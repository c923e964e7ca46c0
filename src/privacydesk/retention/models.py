"""Legal holds with their chain of custody, and disposal runs with what each one disposed of.

A ``LegalHold`` (litigation, an investigation, forensic evidence after a breach, a regulator's
inquiry) covers people, systems and data categories; while it is active nothing it covers is
disposed of or erased. Its ``CustodyEvent`` rows are the chain of custody: who placed it, who handled
the evidence (each file's SHA-256 recorded, the file kept encrypted), who released it and why.

A ``DisposalRun`` is proposed (the records past their retention period, as of a date), approved by a
person, and executed by a worker; each ``DisposalItem`` is one person record or one batch of rows in
a connected system, with the rule that made it due, the method, and what happened to it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from privacydesk.audit.models import AuditedModel
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, RetentionRule, System


class LegalHold(AuditedModel):
    LITIGATION, INVESTIGATION, FORENSIC, REGULATOR = "litigation", "investigation", "forensic", "regulator"
    KINDS = [
        (LITIGATION, "Litigation (existing or anticipated)"),
        (INVESTIGATION, "Internal or police investigation"),
        (FORENSIC, "Forensic evidence (e.g. after a breach)"),
        (REGULATOR, "Regulator's inquiry or complaint"),
    ]

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=KINDS)
    reason = models.TextField(help_text="Why the records must be kept, and on whose instruction.")
    people = models.ManyToManyField(Person, blank=True, related_name="legal_holds")
    systems = models.ManyToManyField(System, blank=True, related_name="legal_holds")
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="legal_holds")
    placed_by = models.CharField(max_length=150)
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.CharField(max_length=150, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def active(self) -> bool:
        return self.released_at is None


class CustodyEvent(models.Model):
    """One link in a hold's chain of custody. Never changed once written."""

    PLACED, EVIDENCE, TRANSFERRED, ACCESSED, RELEASED = "placed", "evidence", "transferred", "accessed", "released"
    ACTIONS = [
        (PLACED, "Hold placed"),
        (EVIDENCE, "Evidence taken into custody"),
        (TRANSFERRED, "Custody transferred"),
        (ACCESSED, "Evidence accessed"),
        (RELEASED, "Hold released"),
    ]

    hold = models.ForeignKey(LegalHold, on_delete=models.PROTECT, related_name="custody")
    action = models.CharField(max_length=20, choices=ACTIONS)
    at = models.DateTimeField(default=timezone.now)
    by = models.CharField(max_length=150)
    note = models.TextField(blank=True)
    # Evidence, when the event takes some into custody: kept encrypted, identified by its hash.
    evidence_name = models.CharField(max_length=200, blank=True)
    stored_name = models.CharField(max_length=80, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.hold})"


class DisposalRun(AuditedModel):
    PROPOSED, APPROVED, RUNNING, DONE = "proposed", "approved", "running", "done"
    STATES = [(PROPOSED, "Proposed"), (APPROVED, "Approved"), (RUNNING, "Running"), (DONE, "Done")]

    as_of = models.DateField(help_text="Records due for disposal on or before this day.")
    status = models.CharField(max_length=20, choices=STATES, default=PROPOSED)
    proposed_by = models.CharField(max_length=150)
    proposed_at = models.DateTimeField(default=timezone.now)
    approved_by = models.CharField(max_length=150, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=120, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(default=dict, blank=True)  # counts and the certificate's digest

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        permissions = [("approve_disposalrun", "Approve a disposal run")]

    def __str__(self) -> str:
        return f"Disposal run {self.pk} (as of {self.as_of})"


class DisposalItem(models.Model):
    PERSON, ROWS = "person", "rows"
    KINDS = [(PERSON, "Person record in privacydesk"), (ROWS, "Rows in a connected system")]
    PROPOSED, HELD, DONE, FAILED, SKIPPED = "proposed", "held", "done", "failed", "skipped"
    STATES = [
        (PROPOSED, "Proposed"),
        (HELD, "Held back by a legal hold"),
        (DONE, "Disposed of"),
        (FAILED, "Failed (nothing changed)"),
        (SKIPPED, "Skipped"),
    ]

    run = models.ForeignKey(DisposalRun, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=KINDS)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    connection = models.ForeignKey(
        "connectors.Connection", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    table = models.CharField(max_length=128, blank=True)
    keys = models.JSONField(default=list, blank=True)  # the rows' primary keys
    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=20)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=STATES, default=PROPOSED)
    reason = models.TextField(blank=True)  # why held, skipped or failed; what was done
    done_at = models.DateTimeField(null=True, blank=True)
    # Archived records: the encrypted file (``privacydesk.sealed``) and its SHA-256.
    archive_name = models.CharField(max_length=80, blank=True)
    archive_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["run", "kind", "pk"]

    def __str__(self) -> str:
        what = f"person {self.person_id}" if self.kind == self.PERSON else f"{len(self.keys)} rows of {self.table}"
        return f"{what} ({self.get_status_display()})"
