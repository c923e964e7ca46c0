"""No tables: only the permission to use the scanner, so roles and API scopes can grant it."""

from __future__ import annotations

from django.db import models


class Scanner(models.Model):
    class Meta:
        managed = False  # a holder for the permission below; there is no table
        default_permissions = ()
        permissions = [("scan_text", "Can scan and redact text for personal information")]

    def __str__(self) -> str:
        return "PII scanner"
