from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.generic import RedirectView

from privacydesk.api.routes import api


def health(request: HttpRequest) -> JsonResponse:
    """Liveness for a load balancer or monitor: the process answers. Touches nothing else."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("health/", health, name="health"),
    path("", RedirectView.as_view(pattern_name="console:dashboard", permanent=False)),
    path("console/", include("privacydesk.console.urls")),
    path("privacy/", include("privacydesk.portal.urls")),
    path("api/v1/", api.urls),
]
