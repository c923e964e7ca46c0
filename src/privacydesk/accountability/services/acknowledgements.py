"""Staff acknowledgements of the privacy policy and internal procedures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from privacydesk.accountability.models import Acknowledgement, StaffDocument, StaffDocumentVersion
from privacydesk.accountability.services.common import actor_name
from privacydesk.accounts.roles import ROLE_LABELS
from privacydesk.audit import chain


def staff_who_must_read() -> list[Any]:
    """Every active account holding a staff role."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=list(ROLE_LABELS))
        .distinct()
        .order_by("username")
    )


@transaction.atomic
def publish_version(
    document: StaffDocument, version: str, body: str, change_summary: str = "", published_at: datetime | None = None
) -> StaffDocumentVersion:
    """A new version: everyone must acknowledge it afresh."""
    errors = {}
    if not version.strip():
        errors["version"] = "Give the version a label, e.g. 2026.2."
    elif document.versions.filter(version=version.strip()).exists():
        errors["version"] = f"{document} already has a version {version.strip()}."
    if not body.strip():
        errors["body"] = "The text staff are to read is required."
    if errors:
        raise ValidationError(errors)
    return StaffDocumentVersion.objects.create(
        document=document,
        version=version.strip(),
        body=body.strip(),
        change_summary=change_summary.strip(),
        published_at=published_at or timezone.now(),
        published_by=actor_name(),
    )


def acknowledge(user: Any, version: StaffDocumentVersion) -> Acknowledgement:
    """Record that ``user`` read ``version``. Only the current version can be acknowledged."""
    if version.document.current_version() != version:
        raise ValidationError({"version": "A newer version has been published; read that one."})
    try:
        with transaction.atomic():
            ack = Acknowledgement.objects.create(version=version, user=user)
    except IntegrityError:
        raise ValidationError({"version": "You have already acknowledged this version."}) from None
    chain.append("acknowledge", "accountability.staffdocumentversion", version.pk, summary=str(version)[:255])
    return ack


@dataclass
class VersionStatus:
    version: StaffDocumentVersion
    acknowledged: list[tuple[Any, datetime]] = field(default_factory=list)
    outstanding: list[Any] = field(default_factory=list)


def status() -> list[VersionStatus]:
    """For each document's current version: who has acknowledged it and who is outstanding."""
    staff = staff_who_must_read()
    result = []
    for document in StaffDocument.objects.all():
        version = document.current_version()
        if version is None:
            continue
        done = {a.user_id: a.acknowledged_at for a in version.acknowledgements.all()}
        result.append(
            VersionStatus(
                version,
                [(u, done[u.pk]) for u in staff if u.pk in done],
                [u for u in staff if u.pk not in done],
            )
        )
    return result


def outstanding_for(user: Any) -> list[StaffDocumentVersion]:
    """Current versions this user has not yet acknowledged."""
    result = []
    for document in StaffDocument.objects.all():
        version = document.current_version()
        if version is not None and not version.acknowledgements.filter(user=user).exists():
            result.append(version)
    return result
