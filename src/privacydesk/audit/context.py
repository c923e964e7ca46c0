"""Who is acting, and why, for the audit entries written while they act.

The web middleware, API auth and CLI each set the actor once; every service and model signal below
them then records the same actor without threading it through every call. ``contextvars`` keeps this
correct under threads and async views alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    label: str  # "staff:jsmith", "api:crm-sync", "cli", "system", "public"
    user_id: int | None = None
    reason: str = ""


SYSTEM = Actor("system")
_current: ContextVar[Actor] = ContextVar("privacydesk_audit_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


def set_actor(actor: Actor) -> Token[Actor]:
    """Make ``actor`` the one recorded until ``reset_actor`` (middleware) or for the rest of the
    context (CLI process, API request after token authentication)."""
    return _current.set(actor)


def reset_actor(token: Token[Actor]) -> None:
    _current.reset(token)


@contextmanager
def acting_as(label: str, user_id: int | None = None, reason: str = "") -> Iterator[Actor]:
    actor = Actor(label, user_id, reason)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def actor_for_user(user: object, prefix: str = "staff") -> Actor:
    """The actor for a Django user; anonymous visitors act as ``public``."""
    if getattr(user, "is_authenticated", False):
        return Actor(f"{prefix}:{user.get_username()}", user.pk)  # type: ignore[attr-defined]
    return Actor("public")
