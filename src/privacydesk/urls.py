from django.urls import include, path
from django.views.generic import RedirectView

from privacydesk.api.routes import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="console:dashboard", permanent=False)),
    path("console/", include("privacydesk.console.urls")),
    path("privacy/", include("privacydesk.portal.urls")),
    path("api/v1/", api.urls),
]
