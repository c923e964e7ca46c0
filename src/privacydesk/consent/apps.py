from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "privacydesk.consent"
    label = "consent"
    verbose_name = "Consent and preferences"

    def ready(self) -> None:
        from privacydesk.consent import catalogue, receivers  # noqa: F401  (receivers follow merges)

        catalogue.connect()
