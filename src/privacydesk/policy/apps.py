from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "privacydesk.policy"
    label = "policy"
    verbose_name = "Privacy policy"

    def ready(self) -> None:
        from privacydesk.consent import services as consent
        from privacydesk.policy import services

        consent.POLICY_VERSION = services.current_label
