from django.apps import AppConfig


class ScanningConfig(AppConfig):
    name = "privacydesk.scanning"
    label = "scanning"
    verbose_name = "PII scanner"
