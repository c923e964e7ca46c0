"""System checks for connected systems' keys."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Warning


def connector_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Connections' addresses cannot be stored, and erasures cannot replace values with tokens, without
    their keys; a connector key that is not a Fernet key would fail at the first connection."""
    from cryptography.fernet import Fernet
    from django.conf import settings

    problems: list[CheckMessage] = []
    key = settings.PRIVACYDESK_CONNECTOR_KEY
    if key:
        try:
            Fernet(key.encode())
        except ValueError:
            problems.append(
                Error(
                    "PRIVACYDESK_CONNECTOR_KEY is not a Fernet key (32 url-safe base64-encoded bytes).",
                    hint="Make one with: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'",
                    id="privacydesk.E012",
                )
            )
    missing = [name for name in ("PRIVACYDESK_CONNECTOR_KEY", "PRIVACYDESK_ERASURE_KEY") if not getattr(settings, name)]
    if missing and not settings.DEBUG:
        problems.append(
            Warning(
                f"{' and '.join(missing)} not set: connected systems cannot be added or erased in.",
                hint="Set both from your secrets store and keep them: a lost connector key means entering every "
                "connection's address again.",
                id="privacydesk.W012",
            )
        )
    return problems
