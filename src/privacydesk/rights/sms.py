"""Sending a text message. One interface, a backend per provider; the only backend so far writes
the message to the server's standard error (development and tests), so no provider account is
needed to try the portal. A provider's backend will take its credentials from the environment."""

from __future__ import annotations

import sys
from typing import Protocol

from django.conf import settings


class Backend(Protocol):
    def send(self, to: str, text: str) -> None: ...


class ConsoleBackend:
    """Writes the message to standard error (not the log: a log is kept, and this text holds a code)."""

    def send(self, to: str, text: str) -> None:
        masked = "*" * max(0, len(to) - 3) + to[-3:]
        sys.stderr.write(f"SMS to {masked}: {text}\n")
        sys.stderr.flush()


BACKENDS: dict[str, type[Backend]] = {"console": ConsoleBackend}


def send_sms(to: str, text: str) -> None:
    name = getattr(settings, "PRIVACYDESK_SMS_BACKEND", "console")
    try:
        backend = BACKENDS[name]()
    except KeyError:
        raise RuntimeError(f"Unknown PRIVACYDESK_SMS_BACKEND {name!r}; available: {', '.join(BACKENDS)}") from None
    backend.send(to, text)
