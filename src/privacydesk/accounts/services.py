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
def update_staff(user: AbstractUser, roles: list[str], active: bool, reset_second_factor: bool, by: object) -> None:
    """Change an account's roles and whether it may sign in; optionally make it enrol TOTP again.

    Nobody can deactivate themselves or strip their own roles: an organisation must not lock its
    last administrator out by a slip of the mouse.
    """
    from axes.utils import reset as axes_reset
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if getattr(by, "pk", None) == user.pk and (not active or not roles):
        raise ValueError("You cannot deactivate your own account or remove all your own roles.")
    unknown = [r for r in roles if r not in ROLE_LABELS]
    if unknown:
        raise ValueError(f"Unknown role {unknown[0]!r}; choose from {', '.join(ROLE_LABELS)}.")
    user.is_active = active
    user.save(update_fields=["is_active"])
    user.groups.set(Group.objects.filter(name__in=roles))
    if reset_second_factor:
        TOTPDevice.objects.filter(user=user).delete()
    if active:
        axes_reset(username=user.get_username())


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
