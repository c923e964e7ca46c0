"""Sets the audit actor for each web request from the signed-in user."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from privacydesk.audit.context import actor_for_user, reset_actor, set_actor


class AuditActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_actor(actor_for_user(request.user))
        try:
            return self.get_response(request)
        finally:
            reset_actor(token)
