from django.apps import AppConfig


class ConnectorsConfig(AppConfig):
    name = "privacydesk.connectors"
    label = "connectors"
    verbose_name = "Connected systems"

    def ready(self) -> None:
        from privacydesk.connectors import package
        from privacydesk.rights import package as rights_package

        if package.rows_for not in rights_package.CONTRIBUTORS:
            rights_package.CONTRIBUTORS.append(package.rows_for)
