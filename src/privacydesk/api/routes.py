"""The HTTP API at /api/v1/, OpenAPI at /api/v1/openapi.json. One router per domain app.

The interactive docs page is off: it loads scripts from a CDN, which our CSP forbids.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema

from privacydesk.api import accountability, audit, consent, law, people, register, rights, scanning
from privacydesk.api.auth import AUTH

api = NinjaAPI(
    title="privacydesk",
    version="1",
    description="The privacy office's API for the business's other systems.",
    auth=AUTH,
    docs_url=None,
    urls_namespace="api",
)
api.add_router("/register", register.router)
api.add_router("/people", people.router)
api.add_router("/audit", audit.router)
api.add_router("/law", law.router)
api.add_router("/records", accountability.router)
api.add_router("/requests", rights.router)
api.add_router("/consent", consent.router)
api.add_router("/scan", scanning.router)


class WhoAmI(Schema):
    user: str
    token: str = Field(description="The token's name; empty when signed in to the console")
    scopes: list[str] = Field(description="Empty: everything the account's roles allow")


@api.get("/whoami", response=WhoAmI, summary="Who this token acts as, and its scopes (to test a new token)")
def whoami(request: HttpRequest) -> dict[str, Any]:
    token = getattr(request, "api_token", None)
    return {
        "user": request.user.get_username(),
        "token": token.name if token else "",
        "scopes": list(token.scopes) if token else [],
    }
