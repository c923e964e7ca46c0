from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "privacydesk.register"
    label = "register"
    verbose_name = "Register"
