"""The audit log: an append-only, hash-chained record of who did what to personal information.

Each entry's ``hash`` is SHA-256 over the canonical JSON of its own fields and the previous entry's
hash, so changing or deleting any row breaks the chain at that row (see ``chain.verify``). The
``AuditHead`` row holds the sequence number and hash of the newest entry, so cutting entries off the
end is caught too. On PostgreSQL a trigger refuses UPDATE and DELETE on the entry table (migration
0002); writes go only through ``chain.append``.

Entries name objects and fields, never the personal values themselves: the log must outlive an
erasure request without itself holding what was erased.
"""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.CharField(max_length=150)
    actor_user_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=32, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=255, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name_plural = "audit entries"
        permissions = [("verify_chain", "Can verify the audit chain")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """A single row: the newest entry's sequence number and hash. Locked while appending."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.seq}"


class AuditedModel(models.Model):
    """Base for models whose every create, update and delete is written to the audit log.

    ``audit_personal`` marks models holding personal information: their entries name the changed
    fields but carry no summary text, which could otherwise repeat a name or address.
    """

    audit_personal: bool = False
    _audit_loaded: dict[str, object]  # field values as loaded, to name what an update changed

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._audit_loaded = dict(zip(field_names, values, strict=True))
        return instance

    def audit_changed_fields(self) -> list[str]:
        loaded: dict[str, object] | None = getattr(self, "_audit_loaded", None)
        names = [f.attname for f in self._meta.concrete_fields]
        if loaded is None:
            return names
        return [name for name in names if name in loaded and loaded[name] != getattr(self, name)]

    def audit_summary(self) -> str:
        return "" if self.audit_personal else str(self)[:255]
