"""Access control for every console view: signed in, second factor verified, and a permission.

One mixin so that no view can forget a step; ``tests/console/test_access.py`` walks every URL with
every role to prove it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect

from privacydesk.accounts import twofactor


def second_factor_redirect(request: HttpRequest) -> HttpResponseBase | None:
    """Where to send a signed-in user who has not yet passed TOTP in this session."""
    user = request.user
    if twofactor.is_verified(user):
        return None
    if twofactor.confirmed_device(user) is None:  # type: ignore[arg-type]
        return redirect("console:enrol")
    return redirect("console:verify")


class ConsoleView(LoginRequiredMixin):
    """``permission`` is one permission name or a tuple of names any one of which admits."""

    permission: str | tuple[str, ...] | None = None

    def required(self) -> tuple[str, ...]:
        if self.permission is None:
            return ()
        return (self.permission,) if isinstance(self.permission, str) else self.permission

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        pending = second_factor_redirect(request)
        if pending is not None:
            return pending
        needed = self.required()
        if needed and not any(request.user.has_perm(p) for p in needed):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
