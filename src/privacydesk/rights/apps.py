from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "privacydesk.rights"
    label = "rights"
    verbose_name = "Individuals' rights"
