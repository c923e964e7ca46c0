from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "privacydesk.console"
    label = "console"
    verbose_name = "Staff console"
