"""Identity documents: checked by their first bytes (PDF, JPEG, PNG only), capped in size, encrypted
before they touch the disk, readable only by staff, and deleted once verification is decided."""

from __future__ import annotations

from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from privacydesk import sealed
from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.rights.models import IdentityDocument, Request


@transaction.atomic
def upload(request: Request, stream: IO[bytes], size: int) -> IdentityDocument:
    """Store a document for ``request``, encrypted; refuse anything too large or not PDF/JPEG/PNG."""
    if request.status not in {Request.AWAITING, Request.OPEN}:
        raise ValidationError({"document": "This request is closed; no documents are needed."})
    content = sealed.read_capped(stream, size, "document")
    kind = sealed.kind_of(content)
    if kind is None:
        raise ValidationError({"document": "Upload a PDF, JPEG or PNG file."})
    if request.documents.filter(deleted_at__isnull=True).count() >= 3:
        raise ValidationError({"document": "We already have three documents for this request."})
    name = sealed.store(content, "document")
    return IdentityDocument.objects.create(request=request, stored_name=name, content_type=kind, size=len(content))


def read(document: IdentityDocument) -> bytes:
    """The decrypted document, for a member of staff; every read is audited."""
    if document.deleted_at is not None:
        raise ValidationError({"document": "This document was deleted when verification was decided."})
    content = sealed.load(document.stored_name, "document")
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
    sealed.remove(document.stored_name)
    chain.append("delete", "rights.identitydocument", document.pk, data={"decision": decision})
    document.refresh_from_db()
    return document
