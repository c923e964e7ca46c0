from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "privacydesk.accounts"
    label = "accounts"
    verbose_name = "Staff and access"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from privacydesk import db  # noqa: F401  (sets generic plans on each new PostgreSQL connection)
        from privacydesk.accounts.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="privacydesk-ensure-roles")
