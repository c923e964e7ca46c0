"""Files kept encrypted at rest: identity documents and the evidence of work done by hand.

A file is checked by its first bytes (the name and the browser's claimed type are not trusted),
capped in size, and encrypted (Fernet, ``PRIVACYDESK_UPLOAD_KEY``) before it touches the disk, under a
random name in ``var/uploads``; nothing about it is readable without the key.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import IO

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError

# First bytes of the kinds accepted.
SIGNATURES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "text/plain": "txt"}


def _fernet(field: str) -> Fernet:
    key = settings.PRIVACYDESK_UPLOAD_KEY
    if not key:
        raise ValidationError({field: "File uploads are not set up here (PRIVACYDESK_UPLOAD_KEY)."})
    return Fernet(key.encode())


def _folder() -> Path:
    path = Path(settings.VAR_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def kind_of(content: bytes, text: bool = False) -> str | None:
    """The file's type from its first bytes; with ``text``, UTF-8 text (an export, a CSV) too."""
    kind = next((kind for magic, kind in SIGNATURES.items() if content.startswith(magic)), None)
    if kind is None and text and b"\x00" not in content:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return kind


def read_capped(stream: IO[bytes], size: int, field: str) -> bytes:
    """The upload's bytes, refused (naming ``field``) when over ``UPLOAD_MAX_BYTES``."""
    limit = settings.UPLOAD_MAX_BYTES
    too_large = ValidationError({field: f"The file is too large: the limit is {limit // (1024 * 1024)} MB."})
    if size > limit:
        raise too_large
    content = stream.read(limit + 1)
    if len(content) > limit:
        raise too_large
    return content


def store(content: bytes, field: str) -> str:
    """Encrypt and keep ``content``; the name it is stored under."""
    fernet = _fernet(field)
    name = f"{secrets.token_hex(16)}.bin"
    path = _folder() / name
    path.write_bytes(fernet.encrypt(content))
    path.chmod(0o600)
    return name


def load(name: str, field: str) -> bytes:
    try:
        return _fernet(field).decrypt((_folder() / name).read_bytes())
    except (InvalidToken, FileNotFoundError):
        raise ValidationError({field: "The file cannot be read (wrong key or missing file)."}) from None


def remove(name: str) -> None:
    (_folder() / name).unlink(missing_ok=True)
