"""System checks for people's records."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning


def suppression_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """In production the suppression list's key should be its own, so that rotating the secret key
    can never let an erased person back into mailings."""
    from django.conf import settings

    if settings.DEBUG or settings.PRIVACYDESK_SUPPRESSION_KEY:
        return []
    return [
        Warning(
            "PRIVACYDESK_SUPPRESSION_KEY is not set: the suppression list is keyed with the secret key, so "
            "rotating the secret key without keeping it in PRIVACYDESK_SECRET_KEY_FALLBACKS would forget who "
            "must never be mailed again.",
            hint="Set PRIVACYDESK_SUPPRESSION_KEY to the current secret key, once, and never change it.",
            id="privacydesk.W011",
        )
    ]
