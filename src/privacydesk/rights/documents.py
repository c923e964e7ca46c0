"""Identity documents: checked by their first bytes (PDF, JPEG, PNG only), capped in size, encrypted
before they touch the disk, readable only by staff, and deleted once verification is decided."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import IO

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.rights.models import IdentityDocument, Request

# First bytes of the kinds we accept: the name and the browser's claimed type are not trusted.
SIGNATURES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def _fernet() -> Fernet:
    key = settings.PRIVACYDESK_UPLOAD_KEY
    if not key:
        raise ValidationError({"document": "Document uploads are not set up here (PRIVACYDESK_UPLOAD_KEY)."})
    return Fernet(key.encode())


def _folder() -> Path:
    path = Path(settings.VAR_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def kind_of(head: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


@transaction.atomic
def upload(request: Request, stream: IO[bytes], size: int) -> IdentityDocument:
    """Store a document for ``request``, encrypted; refuse anything too large or not PDF/JPEG/PNG."""
    if request.status not in {Request.AWAITING, Request.OPEN}:
        raise ValidationError({"document": "This request is closed; no documents are needed."})
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise ValidationError({"document": f"The file is too large: the limit is {limit // (1024 * 1024)} MB."})
    content = stream.read(limit + 1)
    if len(content) > limit:
        raise ValidationError({"document": f"The file is too large: the limit is {limit // (1024 * 1024)} MB."})
    kind = kind_of(content[:16])
    if kind is None:
        raise ValidationError({"document": "Upload a PDF, JPEG or PNG file."})
    if request.documents.filter(deleted_at__isnull=True).count() >= 3:
        raise ValidationError({"document": "We already have three documents for this request."})
    name = f"{secrets.token_hex(16)}.bin"
    (_folder() / name).write_bytes(_fernet().encrypt(content))
    (_folder() / name).chmod(0o600)
    return IdentityDocument.objects.create(request=request, stored_name=name, content_type=kind, size=len(content))


def read(document: IdentityDocument) -> bytes:
    """The decrypted document, for a member of staff; every read is audited."""
    if document.deleted_at is not None:
        raise ValidationError({"document": "This document was deleted when verification was decided."})
    try:
        content = _fernet().decrypt((_folder() / document.stored_name).read_bytes())
    except (InvalidToken, FileNotFoundError):
        raise ValidationError({"document": "The document cannot be read (wrong key or missing file)."}) from None
    chain.append("view", "rights.identitydocument", document.pk, data={"request": document.request_id})
    return content


@transaction.atomic
def decide(document: IdentityDocument, decision: str) -> IdentityDocument:
    """Record whether the document confirms identity, then delete the file: it is no longer needed."""
    if decision not in dict(IdentityDocument.DECISIONS):
        raise ValidationError({"decision": "Choose accepted or rejected."})
    claimed = IdentityDocument.objects.filter(pk=document.pk, decided_at__isnull=True).update(
        decision=decision, decided_by=current_actor().label, decided_at=timezone.now(), deleted_at=timezone.now()
    )
    if claimed != 1:
        raise ValidationError({"decision": "This document has already been decided."})
    (_folder() / document.stored_name).unlink(missing_ok=True)
    chain.append("delete", "rights.identitydocument", document.pk, data={"decision": decision})
    document.refresh_from_db()
    return document
