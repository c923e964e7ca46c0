from django.apps import AppConfig


class ConnectorsConfig(AppConfig):
    name = "privacydesk.connectors"
    label = "connectors"
    verbose_name = "Connected systems"
