from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "privacydesk.register"
    label = "register"
    verbose_name = "Register"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from privacydesk.register.taxonomy import seed

        post_migrate.connect(seed, sender=self, dispatch_uid="privacydesk-seed-taxonomy")
