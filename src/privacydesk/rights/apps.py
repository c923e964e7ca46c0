from django.apps import AppConfig
from django.core import checks


class RightsConfig(AppConfig):
    name = "privacydesk.rights"
    label = "rights"
    verbose_name = "Individuals' rights"

    def ready(self) -> None:
        from privacydesk.rights.checks import pdf_rendering

        checks.register(pdf_rendering)
