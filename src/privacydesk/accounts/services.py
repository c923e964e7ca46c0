"""Creating staff accounts. Shared by the CLI (`privacydesk createstaff`), the demo and the console."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from privacydesk.accounts.roles import ROLE_LABELS


def generate_password() -> str:
    """A password a person can type from the screen once: four groups of five letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


@transaction.atomic
def create_staff(
    username: str, email: str = "", roles: list[str] | None = None, password: str | None = None
) -> tuple[AbstractUser, str]:
    """Create a staff account with its roles; return it and the password (generated if not given)."""
    roles = roles or []
    unknown = [r for r in roles if r not in ROLE_LABELS]
    if unknown:
        raise ValueError(f"Unknown role {unknown[0]!r}; choose from {', '.join(ROLE_LABELS)}.")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValueError(f"A staff account named {username!r} already exists.")
    password = password or generate_password()
    user = User(username=username, email=email, is_staff=False)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    return user, password


@transaction.atomic
def reset_staff(username: str, roles: list[str] | None = None, password: str | None = None) -> str:
    """Give an existing account a new password, clear its second factor and any lockout.

    The account enrols a new authenticator at its next sign-in. Used when a phone is lost or the
    demo's password was not written down.
    """
    from axes.utils import reset as axes_reset
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    password = password or generate_password()
    validate_password(password, user)
    user.set_password(password)
    user.is_active = True
    user.save()
    TOTPDevice.objects.filter(user=user).delete()
    if roles:
        unknown = [r for r in roles if r not in ROLE_LABELS]
        if unknown:
            raise ValueError(f"Unknown role {unknown[0]!r}; choose from {', '.join(ROLE_LABELS)}.")
        user.groups.set(Group.objects.filter(name__in=roles))
    axes_reset(username=username)
    return password
