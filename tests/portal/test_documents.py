"""Identity documents: only PDF/JPEG/PNG by content, capped in size, encrypted at rest, readable by
staff (audited), deleted once verification is decided."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from privacydesk.audit.models import AuditEntry
from privacydesk.rights import services
from privacydesk.rights.models import IdentityDocument, Request
from tests.conftest import Inbox

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200 + b"SYNTHETIC-LICENCE-IMAGE"


@pytest.fixture
def status_url(demo_register: None, smtp_server: Inbox) -> tuple[Request, str]:
    made = services.submit_verified(
        services.Submission("access", "Mia Nguyen", "mia@example.com.au", country="AU"), "Phone"
    )
    return made, f"/privacy/request/status/{services.link_token(made, 'status')}/"


def _upload(client: Client, url: str, name: str, content: bytes, kind: str = "image/png"):  # type: ignore[no-untyped-def]
    return client.post(url + "document/", {"document": SimpleUploadedFile(name, content, content_type=kind)})


def test_wrong_type_and_oversized_uploads_are_refused(client: Client, status_url: tuple[Request, str]) -> None:
    _, url = status_url
    html = _upload(client, url, "licence.png", b"<html><script>alert(1)</script></html>")
    assert html.status_code == 400 and "Upload a PDF, JPEG or PNG file." in html.content.decode()
    exe = _upload(client, url, "licence.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf")
    assert exe.status_code == 400
    big = _upload(client, url, "huge.png", PNG + b"\x00" * settings.UPLOAD_MAX_BYTES)
    assert big.status_code == 400 and "too large: the limit is 5 MB" in big.content.decode()
    empty = client.post(url + "document/", {})
    assert empty.status_code == 400
    assert not IdentityDocument.objects.exists()


def test_a_document_is_encrypted_read_by_staff_and_deleted_when_decided(
    client: Client, status_url: tuple[Request, str], officer_client: Client
) -> None:
    made, url = status_url
    response = _upload(client, url, "licence.png", PNG)
    assert response.status_code == 200 and "we have your document" in response.content.decode()
    document = IdentityDocument.objects.get()
    stored = Path(settings.VAR_DIR) / "uploads" / document.stored_name
    assert stored.exists() and b"SYNTHETIC-LICENCE-IMAGE" not in stored.read_bytes(), "encrypted at rest"
    assert document.content_type == "image/png" and document.size == len(PNG)

    opened = officer_client.get(f"/console/requests/{made.pk}/documents/{document.pk}/")
    assert opened.status_code == 200 and opened.content == PNG and opened["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action="view", object_type="rights.identitydocument").exists()

    officer_client.post(f"/console/requests/{made.pk}/documents/{document.pk}/decide/", {"decision": "accepted"})
    document.refresh_from_db()
    assert document.decision == "accepted" and document.deleted_at is not None and not stored.exists()
    again = officer_client.get(f"/console/requests/{made.pk}/documents/{document.pk}/", follow=True)
    assert "deleted when verification was decided" in again.content.decode()
