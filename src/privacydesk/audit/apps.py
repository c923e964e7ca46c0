from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "privacydesk.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from privacydesk.audit import signals

        signals.connect()
