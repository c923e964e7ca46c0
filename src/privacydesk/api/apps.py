from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "privacydesk.api"
    label = "api"
    verbose_name = "HTTP API"
