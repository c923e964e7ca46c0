from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from privacydesk.accounts.roles import ROLE_LABELS, roles_of


def roles(request: HttpRequest) -> dict[str, Any]:
    names = roles_of(getattr(request, "user", None))
    return {"user_roles": [ROLE_LABELS[n] for n in names]}
