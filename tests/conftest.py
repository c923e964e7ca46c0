"""Shared fixtures: staff accounts per role, signed in with a real TOTP device.

Every test that touches the database runs on whatever DATABASE_URL names: SQLite by default,
PostgreSQL in the second pass of .ci/run.
"""

from __future__ import annotations

from collections.abc import Callable

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
