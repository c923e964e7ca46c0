"""Shared fixtures: staff accounts per role, signed in with a real TOTP device.

Every test that touches the database runs on whatever DATABASE_URL names: SQLite by default,
PostgreSQL in the second pass of .ci/run.
"""

from __future__ import annotations

import io
import logging
import socket
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.policy import default as default_policy
from typing import Any

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from privacydesk.accounts.roles import ROLE_LABELS
from privacydesk.accounts.services import create_staff

PASSWORD = "correct-horse-battery-staple"


def totp_now(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def make_staff(db: None) -> Callable[..., AbstractUser]:
    def make(role: str | None, username: str | None = None, enrolled: bool = True) -> AbstractUser:
        name = username or f"{role or 'norole'}-user"
        user, _ = create_staff(name, f"{name}@example.com.au", [role] if role else [], PASSWORD)
        if enrolled:
            TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        return user

    return make


def sign_in(client: Client, user: AbstractUser) -> Client:
    """Signed in and past the second factor, as after a real TOTP sign-in."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def officer_client(client: Client, make_staff: Callable[..., AbstractUser]) -> Client:
    return sign_in(client, make_staff("privacy_officer"))


@pytest.fixture
def demo_register(db: None) -> None:
    from privacydesk.demo import REGISTER_FILE
    from privacydesk.register import yaml_io

    yaml_io.import_yaml(REGISTER_FILE.read_text(encoding="utf-8"), REGISTER_FILE.name)


ROLES = list(ROLE_LABELS)


class Inbox:
    """What a local SMTP server received: each message as parsed email, with its envelope."""

    def __init__(self, refuse: bool = False) -> None:
        self.messages: list[Any] = []
        self.bodies: list[str] = []  # each message's plain-text part
        self.envelopes: list[Any] = []
        self.refuse = refuse
        self.unknown: set[str] = set()  # addresses refused at RCPT, as a mailbox that does not exist

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address.lower() in self.unknown:
            return "550 5.1.1 <" + address + ">: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "554 Transaction failed: refused by the test server"
        self.envelopes.append(envelope)
        message = message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append(message)
        self.bodies.append(message.get_body(preferencelist=("plain",)).get_content())
        return "250 OK"

    def attachments(self, index: int = -1) -> dict[str, bytes]:
        """The attachments of one received message, by file name."""
        return {part.get_filename(): part.get_content() for part in self.messages[index].iter_attachments()}


def pdf_text(data: bytes) -> str:
    """The text a reader of the PDF sees (pypdf), to assert on what a letter says."""
    from pypdf import PdfReader

    assert data.startswith(b"%PDF-"), "not a PDF"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) with Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    # aiosmtpd logs every command (addresses included) from its own thread, which can outlive
    # pytest's captured stream; keep only its warnings.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _fresh_cache(request: pytest.FixtureRequest) -> Iterator[None]:
    """Rate limits live in the cache (a database table); each test that can reach the database starts
    with none used. Rows a transactional test leaves behind would otherwise outlive its flush. The
    consent catalogue snapshot is per process: a test's programs must not leak into the next."""
    from privacydesk.consent import catalogue

    catalogue.clear()
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    ):
        from django.core.cache import cache

        request.getfixturevalue("transactional_db" if "live_server" in request.fixturenames else "db")
        cache.clear()
    yield
