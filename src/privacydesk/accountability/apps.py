from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "privacydesk.accountability"
    label = "accountability"
    verbose_name = "Accountability records"
