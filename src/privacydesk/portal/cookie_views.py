"""The cookie banner's two calls from an organisation's website: read the banner's configuration
(public), and post a visitor's choice as a receipt (only from the site's own origins, CORS)."""

from __future__ import annotations

import json
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from privacydesk.consent.models import CookieReceipt, CookieSite

MAX_BODY = 2048
RECEIPTS_PER_HOUR = 120  # per connection: a visitor changes their mind a few times, not hundreds


def config(site: CookieSite) -> dict[str, Any]:
    return {
        "name": site.name,
        "mode": site.mode,
        "categories": site.categories(),
        "analytics": site.analytics,
        "marketing": site.marketing,
        "policy_url": site.policy_url,
        "banner_version": site.banner_version,
    }


class CookieConfigView(View):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        site = get_object_or_404(CookieSite, key=key, active=True)
        response = JsonResponse(config(site))
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = "public, max-age=300"
        return response


def _problem(message: str, status: int, origin: str = "") -> JsonResponse:
    response = JsonResponse({"detail": [{"field": "", "message": message}]}, status=status)
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Vary"] = "Origin"
    return response


@method_decorator(csrf_exempt, name="dispatch")
class CookieReceiptView(View):
    """CSRF-exempt: the receipt comes from another site by design; the Origin check is the guard,
    and a forged receipt can only record a cookie choice for a random visitor id."""

    def _allowed(self, request: HttpRequest, site: CookieSite) -> str:
        origin = request.headers.get("Origin", "")
        return origin if origin and origin in site.origins else ""

    def options(self, request: HttpRequest, key: str) -> HttpResponse:
        site = get_object_or_404(CookieSite, key=key, active=True)
        origin = self._allowed(request, site)
        response = HttpResponse(status=204 if origin else 403)
        if origin:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Methods"] = "POST"
            response["Access-Control-Allow-Headers"] = "Content-Type"
            response["Access-Control-Max-Age"] = "86400"
            response["Vary"] = "Origin"
        return response

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        site = get_object_or_404(CookieSite, key=key, active=True)
        origin = self._allowed(request, site)
        if not origin:
            return _problem("Receipts are accepted only from the site's own origins.", 403)
        limit = f"cookies:receipts:{request.META.get('REMOTE_ADDR', '')}"
        cache.add(limit, 0, timeout=3600)
        if cache.incr(limit) > RECEIPTS_PER_HOUR:
            return _problem("Too many choices from this connection; try again later.", 429, origin)
        if len(request.body) > MAX_BODY:
            return _problem(f"The receipt is larger than {MAX_BODY} bytes.", 413, origin)
        try:
            data = json.loads(request.body)
            visitor = str(data["visitor"])
            action = str(data.get("action", "custom"))
            analytics, marketing = bool(data.get("analytics")), bool(data.get("marketing"))
        except (ValueError, KeyError, TypeError):
            return _problem("The body must be JSON with visitor, analytics, marketing and action.", 422, origin)
        if not visitor.isalnum() or len(visitor) > 40 or action not in {"accept_all", "reject_all", "custom"}:
            return _problem("visitor must be letters and digits (at most 40); action accept_all, reject_all or custom.",
                            422, origin)  # fmt: skip
        gpc = request.headers.get("Sec-GPC") == "1" or bool(data.get("gpc"))
        receipt = CookieReceipt.objects.create(
            site=site,
            visitor=visitor,
            analytics=analytics and "analytics" in site.categories(),
            marketing=marketing and not gpc and "marketing" in site.categories(),
            action=action,
            gpc=gpc,
            banner_version=site.banner_version,
            policy_version=site.policy_version,
        )
        response = JsonResponse(
            {"receipt": str(receipt.receipt), "analytics": receipt.analytics, "marketing": receipt.marketing},
            status=201,
        )
        response["Access-Control-Allow-Origin"] = origin
        response["Vary"] = "Origin"
        return response
