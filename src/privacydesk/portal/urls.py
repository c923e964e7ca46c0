from django.urls import path

from privacydesk.portal import breach_views, consent_views, cookie_views, policy_views, views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("policy/", policy_views.PolicyView.as_view(), name="policy"),
    path("policy.<str:fmt>", policy_views.PolicyView.as_view(), name="policy_file"),
    path("policy/versions/", policy_views.VersionsView.as_view(), name="policy_versions"),
    path("policy/versions/<int:number>/", policy_views.VersionView.as_view(), name="policy_version"),
    path("policy/versions/<int:number>/changes/", policy_views.ChangesView.as_view(), name="policy_changes"),
    path("request/", views.RequestView.as_view(), name="request"),
    path("request/confirm/<str:token>/", views.VerifyView.as_view(), name="verify"),
    path("request/confirm/<str:token>/new-code/", views.ResendView.as_view(), name="resend"),
    path("request/status/<str:token>/", views.StatusView.as_view(), name="status"),
    path("request/status/<str:token>/document/", views.DocumentView.as_view(), name="document"),
    path("download/<str:token>/", views.PackageView.as_view(), name="package"),
    path("preferences/", consent_views.PreferencesLinkView.as_view(), name="preferences_link"),
    path("preferences/<str:token>/", consent_views.PreferencesView.as_view(), name="preferences"),
    path("unsubscribe/<str:token>/", consent_views.UnsubscribeView.as_view(), name="unsubscribe"),
    path(
        "breach-statements/<str:reference>/<str:regime>/",
        breach_views.BreachStatementView.as_view(),
        name="breach_statement",
    ),
    path("cookies/<str:key>.json", cookie_views.CookieConfigView.as_view(), name="cookie_config"),
    path("cookies/<str:key>/receipt", cookie_views.CookieReceiptView.as_view(), name="cookie_receipt"),
]
