"""TOTP two-factor sign-in with django-otp.

Every staff account must enrol an authenticator app at its first sign-in and then give a code at
every sign-in. django-otp's TOTP device throttles wrong codes (each failure doubles the wait), which
is the rate limit on codes; password guessing is locked out separately by django-axes.
"""

from __future__ import annotations

import segno
from django.contrib.auth.models import AbstractBaseUser
from django_otp.plugins.otp_totp.models import TOTPDevice


def is_verified(user: object) -> bool:
    """Has this session passed the second factor? (django-otp's middleware adds ``is_verified``.)"""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device being enrolled, created on first need (one secret per enrolment)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code (no image request, no inline script: CSP-safe)."""
    qr = segno.make(device.config_url, error="m")
    svg: str = qr.svg_inline(scale=4, title="QR code for your authenticator app")
    return svg


def secret_base32(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


def check(device: TOTPDevice, code: str) -> tuple[bool, str]:
    """Verify a code; return (ok, message for the person)."""
    code = "".join(code.split())
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return False, "Too many wrong codes. Wait a minute, then try the newest code from your app."
    if not code.isdigit() or len(code) != 6:
        return False, "Enter the 6-digit code from your authenticator app."
    if device.verify_token(code):
        return True, ""
    return False, "That code is not right. Check the time on your phone and enter the newest code."
