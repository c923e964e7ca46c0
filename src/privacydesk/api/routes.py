"""The HTTP API at /api/v1/, OpenAPI at /api/v1/openapi.json. One router per domain app.

The interactive docs page is off: it loads scripts from a CDN, which our CSP forbids.
"""

from ninja import NinjaAPI

from privacydesk.api import accountability, audit, consent, law, people, register, rights
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
