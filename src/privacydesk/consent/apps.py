from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "privacydesk.consent"
    label = "consent"
    verbose_name = "Consent and preferences"

    def ready(self) -> None:
        from privacydesk.consent import receivers  # noqa: F401  (follows merges of people's records)
