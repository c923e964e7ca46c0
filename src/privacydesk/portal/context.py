"""Template context for portal pages: the organisation's name for headers and titles."""

from __future__ import annotations

from django.http import HttpRequest

from privacydesk.register.models import Organisation


def portal(request: HttpRequest) -> dict[str, str]:
    if not request.path.startswith("/privacy/"):
        return {}
    org = Organisation.current()
    return {"portal_org_name": (org.trading_name or org.legal_name) if org else "Privacy"}
