from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "privacydesk.portal"
    label = "portal"
    verbose_name = "Public privacy portal"
