from django.apps import AppConfig


class BreachesConfig(AppConfig):
    name = "privacydesk.breaches"
    label = "breaches"
    verbose_name = "Data breaches"
